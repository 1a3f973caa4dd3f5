/* indsats-accessible.c
 *
 * GTK 4.8 reads a widget's name as its label property followed by the names
 * of the widgets that label it. A button with a text label has both, the
 * first with the mnemonic's underscore: "_Cancel Cancel". A row with a title
 * and a name of its own reads "Status Status". And the button inside a menu
 * button or a drop-down has no name, so a reader says "GtkToggleButton".
 *
 * These functions give each such widget one name: the words on screen, or
 * the tooltip of an icon.
 */
#include "config.h"

#include "indsats-accessible.h"

#include <adwaita.h>

/* The label a button shows, without its mnemonic's underscore */
static const char *
shown_label (GtkWidget *button)
{
  for (GtkWidget *child = gtk_widget_get_first_child (button); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *text;

      if (GTK_IS_LABEL (child) && (text = gtk_label_get_text (GTK_LABEL (child))) && *text)
        return text;
      if ((text = shown_label (child)) != NULL)
        return text;
    }
  return NULL;
}

/**
 * indsats_accessible_name_inner:
 *
 * Names the button inside a menu button or a drop-down as @name, once.
 */
void
indsats_accessible_name_inner (GtkWidget  *widget,
                               const char *name)
{
  GtkWidget *inner;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  inner = gtk_widget_get_first_child (widget);
  if (inner == NULL || !GTK_IS_BUTTON (inner) || name == NULL || *name == '\0')
    return;
  /* kept, so that tidying again keeps it; @name may be the one kept before */
  if (g_object_get_data (G_OBJECT (widget), "indsats-inner-name") != name)
    g_object_set_data_full (G_OBJECT (widget), "indsats-inner-name", g_strdup (name), g_free);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
tidy_button (GtkWidget *button)
{
  const char *text = shown_label (button);

  if (text == NULL)
    return;
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  /* a new label brings both names back: tidy them again */
  if (!g_object_get_data (G_OBJECT (button), "indsats-tidy"))
    {
      g_object_set_data (G_OBJECT (button), "indsats-tidy", GINT_TO_POINTER (1));
      g_signal_connect_after (button, "notify::label", G_CALLBACK (tidy_button), NULL);
    }
}

static void
tidy_menu_button (GtkWidget *menu_button)
{
  const char *text = shown_label (menu_button);
  const char *tooltip = gtk_widget_get_tooltip_text (menu_button);

  if (text == NULL)
    text = tooltip;
  if (text == NULL)
    return;
  /* the outer widget and the button in it say the same, each once */
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  indsats_accessible_name_inner (menu_button, text);
}

/**
 * indsats_accessible_tidy_names:
 *
 * Gives every button, menu button and titled row under @root one name. Run
 * it once the widgets are made; widgets added later need it again.
 */
void
indsats_accessible_tidy_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_MENU_BUTTON (root))
    {
      tidy_menu_button (root);
      return;
    }
  if (GTK_IS_DROP_DOWN (root))
    {
      const char *name = g_object_get_data (G_OBJECT (root), "indsats-inner-name");

      indsats_accessible_name_inner (root, name ? name : gtk_widget_get_tooltip_text (root));
      return;
    }
  if (GTK_IS_BUTTON (root))
    tidy_button (root);
  else if (ADW_IS_PREFERENCES_ROW (root) && !ADW_IS_EXPANDER_ROW (root))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));

      /* the row's title labels it: a name of its own would be read after it */
      if (title && *title)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    indsats_accessible_tidy_names (child);
}
