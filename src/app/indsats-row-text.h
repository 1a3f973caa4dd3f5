/* indsats-row-text.h: the words of one action in the list, drawn as one widget */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_ROW_TEXT (indsats_row_text_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsRowText, indsats_row_text, INDSATS, ROW_TEXT, GtkWidget)

/**
 * IndsatsRowTextPart:
 *
 * The parts of the row, in the order they are shown and read.
 */
typedef enum
{
  INDSATS_ROW_TEXT_TEXT,    /* the action's text, wrapped */
  INDSATS_ROW_TEXT_OWNER,   /* dimmed, shortened only when a line cannot hold it */
  INDSATS_ROW_TEXT_DATE,    /* dimmed; bold after a warning sign when the action is late */
  INDSATS_ROW_TEXT_STATUS,  /* bold, at the end of the last line */
  INDSATS_ROW_TEXT_N_PARTS
} IndsatsRowTextPart;

GtkWidget  *indsats_row_text_new      (void);
void        indsats_row_text_set      (IndsatsRowText     *self,
                                       const char         *text,
                                       const char         *owner,
                                       const char         *date,
                                       gboolean            late,
                                       const char         *status);
const char *indsats_row_text_get_part (IndsatsRowText     *self,
                                       IndsatsRowTextPart  part);
gboolean    indsats_row_text_get_late (IndsatsRowText     *self);
gboolean    indsats_row_text_get_part_area (IndsatsRowText     *self,
                                            IndsatsRowTextPart  part,
                                            graphene_rect_t    *area);

G_END_DECLS
