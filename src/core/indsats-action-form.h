/* indsats-action-form.h: what is wrong in an action's form, field by field */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  INDSATS_FORM_TEXT,
  INDSATS_FORM_TEAM,
  INDSATS_FORM_FOCUS,
  INDSATS_FORM_OWNER,
  INDSATS_FORM_START,       /* the day it takes effect */
  INDSATS_FORM_STARTED_ON,  /* the day it took effect */
  INDSATS_FORM_END,         /* the evaluation date */
  INDSATS_FORM_NOTE,
  INDSATS_FORM_N_FIELDS
} IndsatsFormField;

/* The fields as the person typed them */
typedef struct
{
  const char *text;
  const char *team;
  const char *focus;
  const char *owner;
  const char *start;
  const char *started_on;   /* NULL while the form does not ask (the action has not started) */
  const char *end;
  const char *note;
  const char *today;        /* YYYY-MM-DD */
  gboolean    touched;      /* a blank field is not called wrong before the first change */
} IndsatsActionFormInput;

typedef struct
{
  gboolean  wrong[INDSATS_FORM_N_FIELDS];    /* the field is marked as wrong */
  char     *message[INDSATS_FORM_N_FIELDS];  /* and what to say at it; NULL for nothing */
  char     *start;       /* the dates as YYYY-MM-DD, when given and valid */
  char     *started_on;
  char     *end;
  gboolean  valid;       /* the form can be saved */
} IndsatsActionFormCheck;

IndsatsActionFormCheck *indsats_action_form_check      (const IndsatsActionFormInput *input);
void                    indsats_action_form_check_free (IndsatsActionFormCheck       *check);
const char             *indsats_form_field_to_string   (IndsatsFormField              field);
gboolean                indsats_form_field_from_string (const char                   *name,
                                                        IndsatsFormField             *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsActionFormCheck, indsats_action_form_check_free)

G_END_DECLS
