/* indsats-export-xlsx-private.h: what the parts of the workbook share: the
 * book being written, its formats and the helpers that write its cells */
#pragma once

#include <glib.h>
#include <xlsxwriter.h>

#include "indsats-catalog.h"
#include "indsats-export-xlsx.h"
#include "indsats-model.h"

G_BEGIN_DECLS

/* The picture of a figure, in pixels: the size the window's cards show */
#define FIGURE_WIDTH 680
#define FIGURE_HEIGHT 408
/* libxlsxwriter's default row is 20 px high */
#define ROW_PX 20

/* Texts of the workbook, in the workbook's language */
#define W_(book, text) indsats_catalog_gettext ((book)->catalog, text)
#define WC_(book, context, text) indsats_catalog_pgettext ((book)->catalog, context, text)

typedef struct
{
  char *sheet;
  int   row, col;
  char *text;
} LongText;

typedef struct
{
  lxw_workbook   *wb;
  IndsatsCatalog *catalog;
  const char     *path;
  GPtrArray      *long_texts;   /* of LongText */
  lxw_format     *title;
  lxw_format     *subtitle;
  lxw_format     *bold;
  lxw_format     *header;
  lxw_format     *wrap;
  lxw_format     *top;
  lxw_format     *date;
  lxw_format     *percent;
  lxw_format     *percent_preliminary;
  lxw_format     *number;
  lxw_format     *number_preliminary;
  lxw_format     *decimal;
  lxw_format     *decimal_preliminary;
  lxw_format     *change_points;
  lxw_format     *change;
  lxw_format     *muted;
  lxw_format     *link;
} Book;

/* indsats-export-xlsx-cells.c: formats, cells, labels and footers */
void indsats_xlsx_long_text_free (LongText *t);
lxw_datetime indsats_xlsx_to_datetime (const char *iso);
double indsats_xlsx_as_fraction (double percent);
void indsats_xlsx_make_formats (Book *b);
gboolean indsats_xlsx_check (Book       *b,
                             lxw_error   rc,
                             GError    **error);
gboolean indsats_xlsx_write_text (Book           *b,
                                  lxw_worksheet  *ws,
                                  int             row,
                                  int             col,
                                  const char     *text,
                                  lxw_format     *format,
                                  GError        **error);
void indsats_xlsx_write_number (lxw_worksheet *ws,
                                int            row,
                                int            col,
                                double         value,
                                lxw_format    *format);
const char * indsats_xlsx_status_label (Book          *b,
                                        IndsatsStatus  status);
const char * indsats_xlsx_goal_kind_label (Book            *b,
                                           IndsatsGoalKind  kind);
char * indsats_xlsx_sheet_of_figure (Book *b,
                                     int   number);
gboolean indsats_xlsx_set_footer (Book           *b,
                                  lxw_worksheet  *ws,
                                  GError        **error);
int indsats_xlsx_lines_needed (const char *text,
                               double      width);
double indsats_xlsx_row_height (int lines);
gboolean indsats_xlsx_write_header_row (Book           *b,
                                        lxw_worksheet  *ws,
                                        int             row,
                                        const char    **headers,
                                        const double   *widths,
                                        guint           n,
                                        GError        **error);
gboolean indsats_xlsx_is_cancelled (GCancellable  *cancellable,
                                    GError       **error);

/* indsats-export-xlsx-sheets.c: the overview, the actions, the goals, the changes and the long texts */
gboolean indsats_xlsx_write_actions (Book       *b,
                                     GPtrArray  *actions,
                                     GError    **error);
gboolean indsats_xlsx_write_overview (Book                        *b,
                                      IndsatsPlan                 *plan,
                                      GPtrArray                   *triggers,
                                      GPtrArray                   *actions,
                                      GPtrArray                   *figures,
                                      const IndsatsExportOptions  *options,
                                      GError                     **error);
gboolean indsats_xlsx_write_goals (Book       *b,
                                   GPtrArray  *goals,
                                   GError    **error);
gboolean indsats_xlsx_write_changes (Book                   *b,
                                     const IndsatsSnapshot  *snapshot,
                                     GPtrArray              *changes,
                                     GError                **error);
gboolean indsats_xlsx_write_long_texts (Book    *b,
                                        GError **error);

/* indsats-export-xlsx-figures.c: the figures' sheets, their pictures and native charts */
gboolean indsats_xlsx_write_figures (Book                        *b,
                                     IndsatsStore                *store,
                                     GPtrArray                   *figures,
                                     const IndsatsExportOptions  *options,
                                     GCancellable                *cancellable,
                                     IndsatsExportProgressFunc    progress,
                                     gpointer                     user_data,
                                     GError                     **error);

G_END_DECLS
