/* indsats-action-form.c
 *
 * What the action's form says about what was typed, without a display: for
 * each field whether it is wrong and what to say at it, the dates as the
 * store takes them, and whether the form can be saved. The form only shows
 * the result.
 */
#include "config.h"

#include "indsats-action-form.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "indsats-format.h"

static const char * const field_names[INDSATS_FORM_N_FIELDS] = {
  "text", "team", "focus", "owner", "start", "started", "end", "note",
};

/**
 * indsats_form_field_to_string:
 *
 * Returns: the field's name as tests and the form's accessors call it
 */
const char *
indsats_form_field_to_string (IndsatsFormField field)
{
  g_return_val_if_fail (field < INDSATS_FORM_N_FIELDS, NULL);
  return field_names[field];
}

gboolean
indsats_form_field_from_string (const char       *name,
                                IndsatsFormField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  for (guint i = 0; name && i < INDSATS_FORM_N_FIELDS; i++)
    if (g_str_equal (name, field_names[i]))
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

/* A control character (pasted, or typed with Ctrl+Shift+U) that no file can
 * hold: the core would refuse it on saving, so the form says so first */
static char *
control_message (const char *text,
                 gboolean    multiline)
{
  gunichar u;
  int position;

  if (!indsats_text_find_control (text ? text : "", multiline, &u, &position))
    return NULL;
  return g_strdup_printf (_("This holds a control character (U+%04X) at character %d; remove it"), u, position);
}

static void
set_wrong (IndsatsActionFormCheck *check,
           IndsatsFormField        field,
           char                   *message)
{
  check->wrong[field] = TRUE;
  if (check->message[field] == NULL)
    check->message[field] = message;
  else
    g_free (message);
  check->valid = FALSE;
}

/* A field that must not be blank: @blank_message is said once the form was touched */
static void
check_line (IndsatsActionFormCheck       *check,
            const IndsatsActionFormInput *input,
            IndsatsFormField              field,
            const char                   *text,
            gboolean                      multiline,
            const char                   *blank_message)
{
  char *control = control_message (text, multiline);

  if (control)
    set_wrong (check, field, control);
  else if (blank_message && indsats_text_is_blank (text))
    {
      check->valid = FALSE;
      if (input->touched)
        set_wrong (check, field, g_strdup (blank_message));
    }
}

static char *
parse_date (IndsatsActionFormCheck *check,
            IndsatsFormField        field,
            const char             *text)
{
  g_autoptr(GError) error = NULL;
  char *iso = indsats_date_parse (text, &error);

  if (iso == NULL)
    set_wrong (check, field, g_strdup (_("This is not a date: write it as dd.mm.åååå")));
  return iso;
}

/**
 * indsats_action_form_check:
 *
 * Returns: (transfer full): what is wrong with @input, field by field
 */
IndsatsActionFormCheck *
indsats_action_form_check (const IndsatsActionFormInput *input)
{
  IndsatsActionFormCheck *check;

  g_return_val_if_fail (input != NULL && input->today != NULL, NULL);

  check = g_new0 (IndsatsActionFormCheck, 1);
  check->valid = TRUE;
  check_line (check, input, INDSATS_FORM_TEXT, input->text, TRUE, _("Describe the action"));
  check_line (check, input, INDSATS_FORM_TEAM, input->team, FALSE, _("Name the team that carries the action out"));
  check_line (check, input, INDSATS_FORM_FOCUS, input->focus, FALSE, _("Name the focus area the action belongs to"));
  check_line (check, input, INDSATS_FORM_OWNER, input->owner, FALSE, _("Say who carries the action out"));
  check_line (check, input, INDSATS_FORM_NOTE, input->note, FALSE, NULL);

  /* the day it takes effect is always asked for: the form opens with one */
  if (indsats_text_is_blank (input->start))
    set_wrong (check, INDSATS_FORM_START, g_strdup (_("Give the date the action takes effect")));
  else
    check->start = parse_date (check, INDSATS_FORM_START, input->start);

  if (!indsats_text_is_blank (input->end))
    check->end = parse_date (check, INDSATS_FORM_END, input->end);
  /* an action is evaluated after it takes effect */
  if (check->start && check->end && strcmp (check->end, check->start) < 0)
    set_wrong (check, INDSATS_FORM_END, g_strdup (_("The evaluation date is before the action takes effect")));

  /* the day it took effect counts only while the form asks for it */
  if (input->started_on && !indsats_text_is_blank (input->started_on))
    {
      check->started_on = parse_date (check, INDSATS_FORM_STARTED_ON, input->started_on);
      if (check->started_on && strcmp (check->started_on, input->today) > 0)
        {
          set_wrong (check, INDSATS_FORM_STARTED_ON,
                     g_strdup (_("This day has not come yet: give the day the action took effect")));
          g_clear_pointer (&check->started_on, g_free);
        }
    }
  return check;
}

void
indsats_action_form_check_free (IndsatsActionFormCheck *check)
{
  if (check == NULL)
    return;
  for (guint i = 0; i < INDSATS_FORM_N_FIELDS; i++)
    g_free (check->message[i]);
  g_free (check->start);
  g_free (check->started_on);
  g_free (check->end);
  g_free (check);
}
