/* indsats-figure-card.c
 *
 * A figure in the goals view: the chart, or the same numbers as a table
 * ("Vis som tabel"), "Save As…" to PNG, SVG or PDF with the engine that
 * draws it on screen, and "Copy" to the clipboard as a picture (PNG, and SVG
 * for programs that take drawings) to paste into Word. A card of the goals
 * view reads its figure only when it comes into sight.
 */
#include "config.h"

#include "indsats-figure-card.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "indsats-chart-widget.h"
#include "indsats-notice-dialog.h"

#include <adwaita.h>

struct _IndsatsFigureCard
{
  GtkWidget             parent_instance;

  /* template children */
  GtkStack             *stack;
  IndsatsChartWidget   *chart;
  GtkGrid              *table;
  GtkToggleButton      *table_button;
  GtkLabel             *table_heading;

  GtkFileChooserNative *chooser;
  IndsatsStore         *store;    /* until the figure is read, when it is read on demand */
  int                   number;
  gboolean              loaded;
  gboolean              table_filled;
};

G_DEFINE_FINAL_TYPE (IndsatsFigureCard, indsats_figure_card, GTK_TYPE_WIDGET)

static GtkWidget *
cell (const char *text,
      gboolean    header,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, header ? "heading" : "numeric");
  return label;
}

/* Periods down, series across, as in the workbook; made the first time the
 * table is shown or asked for: a figure of 72 months in three areas is
 * almost 300 labels, which the chart on screen does not need */
static void
fill_table (IndsatsFigureCard *self)
{
  const IndsatsChartData *data = indsats_chart_widget_get_data (self->chart);
  g_autofree char *heading = NULL;

  if (self->table_filled || data == NULL)
    return;
  self->table_filled = TRUE;
  heading = indsats_chart_data_get_heading (data);

  gtk_label_set_text (self->table_heading, heading);
  gtk_grid_attach (self->table, cell (_("Period"), TRUE, 0), 0, 0, 1, 1);
  for (guint s = 0; s < data->series->len; s++)
    gtk_grid_attach (self->table, cell (((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->label, TRUE, 1),
                     s + 1, 0, 1, 1);
  for (int i = 0; i < data->n_periods; i++)
    {
      g_autofree char *period = indsats_period_to_words (&data->periods[i], data->catalog);

      gtk_grid_attach (self->table, cell (period, FALSE, 0), 0, i + 1, 1, 1);
      for (guint s = 0; s < data->series->len; s++)
        {
          IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
          double v = series->values[i];
          g_autofree char *value = indsats_chart_format_value (data, v, fabs (v - round (v)) > 1e-9 ? 1 : 0);
          g_autofree char *text = g_strconcat (value, series->preliminary[i] ? "*" : "", NULL);

          gtk_grid_attach (self->table, cell (text, FALSE, 1), s + 1, i + 1, 1, 1);
        }
    }
}

static void
table_toggled_cb (IndsatsFigureCard *self)
{
  indsats_figure_card_show_table (self, gtk_toggle_button_get_active (self->table_button));
}

static void
save_response_cb (GtkNativeDialog   *dialog,
                  int                response,
                  IndsatsFigureCard *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL &&
      !indsats_figure_card_save (self, path, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      indsats_notice_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     _("The Figure Was Not Saved"), error->message);
    }
  g_clear_object (&self->chooser);
}

static void
save_as_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  IndsatsFigureCard *self = INDSATS_FIGURE_CARD (widget);
  const IndsatsChartData *data = indsats_chart_widget_get_data (INDSATS_CHART_WIDGET (indsats_figure_card_get_chart (self)));
  const char *extension = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = g_strdup_printf ("figur-%d.%s", data ? data->number : 0, extension);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);

  self->chooser = gtk_file_chooser_native_new (_("Save Figure"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, extension);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The size a copied figure is drawn at: sharp in a printed A4 paper */
#define COPY_WIDTH  1600
#define COPY_HEIGHT 960

/**
 * indsats_figure_card_copy:
 *
 * Puts the figure on the clipboard as a picture, and as an SVG drawing of
 * the same size in points for the programs that ask for one.
 */
gboolean
indsats_figure_card_copy (IndsatsFigureCard  *self,
                          GError            **error)
{
  const IndsatsChartData *data;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg_bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autofree char *svg = NULL;
  GdkContentProvider *providers[2];

  g_return_val_if_fail (INDSATS_IS_FIGURE_CARD (self), FALSE);

  /* a card not yet scrolled into sight has not read its figure */
  indsats_figure_card_load (self);
  data = indsats_chart_widget_get_data (self->chart);
  if (data == NULL)
    return TRUE;
  if (!(png = indsats_chart_render_png (data, COPY_WIDTH, COPY_HEIGHT, error)) ||
      !(texture = gdk_texture_new_from_bytes (png, error)))
    return FALSE;
  svg = indsats_chart_render_svg (data, COPY_WIDTH * 0.45, COPY_HEIGHT * 0.45);
  svg_bytes = g_bytes_new_take (svg, strlen (svg));
  svg = NULL;
  providers[0] = gdk_content_provider_new_typed (GDK_TYPE_TEXTURE, texture);
  providers[1] = gdk_content_provider_new_for_bytes ("image/svg+xml", svg_bytes);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  return gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  IndsatsFigureCard *self = INDSATS_FIGURE_CARD (widget);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!indsats_figure_card_copy (self, &error))
    indsats_notice_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("The Figure Was Not Copied"), error->message);
}

static void
indsats_figure_card_dispose (GObject *object)
{
  IndsatsFigureCard *self = INDSATS_FIGURE_CARD (object);
  GtkWidget *child;

  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), INDSATS_TYPE_FIGURE_CARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (indsats_figure_card_parent_class)->dispose (object);
}

static void
indsats_figure_card_class_init (IndsatsFigureCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = indsats_figure_card_dispose;

  g_type_ensure (INDSATS_TYPE_CHART_WIDGET);
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-figure-card.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureCard, stack);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureCard, chart);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureCard, table);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureCard, table_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureCard, table_heading);
  gtk_widget_class_bind_template_callback (widget_class, table_toggled_cb);
  gtk_widget_class_install_action (widget_class, "figure.save-as", "s", save_as_activated);
  gtk_widget_class_install_action (widget_class, "figure.copy", NULL, copy_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
indsats_figure_card_init (IndsatsFigureCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * indsats_figure_card_new:
 * @data: (transfer full): the figure
 */
GtkWidget *
indsats_figure_card_new (IndsatsChartData *data)
{
  IndsatsFigureCard *self = g_object_new (INDSATS_TYPE_FIGURE_CARD, NULL);

  indsats_chart_widget_set_data (self->chart, data);
  self->loaded = TRUE;
  return GTK_WIDGET (self);
}

/**
 * indsats_figure_card_new_for_figure:
 *
 * A card that reads its figure from @store only when indsats_figure_card_load()
 * is called, as the goals view does once the card scrolls into sight.
 */
GtkWidget *
indsats_figure_card_new_for_figure (IndsatsStore *store,
                                    int           number)
{
  IndsatsFigureCard *self = g_object_new (INDSATS_TYPE_FIGURE_CARD, NULL);

  self->store = g_object_ref (store);
  self->number = number;
  return GTK_WIDGET (self);
}

/**
 * indsats_figure_card_load:
 *
 * Reads the figure's data and draws it, once; a figure that cannot be read
 * says why in place of its table.
 */
void
indsats_figure_card_load (IndsatsFigureCard *self)
{
  g_autoptr(GError) error = NULL;
  IndsatsChartData *data;

  g_return_if_fail (INDSATS_IS_FIGURE_CARD (self));

  if (self->loaded)
    return;
  self->loaded = TRUE;
  data = indsats_chart_data_load (self->store, self->number, &error);
  g_clear_object (&self->store);
  if (data == NULL)
    {
      gtk_label_set_text (self->table_heading, error->message);
      indsats_figure_card_show_table (self, TRUE);
      return;
    }
  indsats_chart_widget_set_data (self->chart, data);
}

gboolean
indsats_figure_card_is_loaded (IndsatsFigureCard *self)
{
  g_return_val_if_fail (INDSATS_IS_FIGURE_CARD (self), FALSE);
  return self->loaded;
}

/**
 * indsats_figure_card_save:
 * @path: ends in .png, .svg or .pdf
 */
gboolean
indsats_figure_card_save (IndsatsFigureCard  *self,
                          const char         *path,
                          GError            **error)
{
  IndsatsChartFormat format;

  g_return_val_if_fail (INDSATS_IS_FIGURE_CARD (self), FALSE);

  indsats_figure_card_load (self);
  if (!indsats_chart_format_from_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  /* PNG at print resolution; SVG and PDF in points */
  return indsats_chart_render_file (indsats_chart_widget_get_data (self->chart), path, format,
                                    format == INDSATS_CHART_PNG ? 1600 : 720,
                                    format == INDSATS_CHART_PNG ? 960 : 432, error);
}

void
indsats_figure_card_show_table (IndsatsFigureCard *self,
                                gboolean           table)
{
  g_return_if_fail (INDSATS_IS_FIGURE_CARD (self));

  indsats_figure_card_load (self);
  if (table)
    fill_table (self);
  gtk_stack_set_visible_child_name (self->stack, table ? "table" : "chart");
  if (gtk_toggle_button_get_active (self->table_button) != table)
    gtk_toggle_button_set_active (self->table_button, table);
}

GtkWidget *
indsats_figure_card_get_chart (IndsatsFigureCard *self)
{
  g_return_val_if_fail (INDSATS_IS_FIGURE_CARD (self), NULL);
  indsats_figure_card_load (self);
  return GTK_WIDGET (self->chart);
}

GtkWidget *
indsats_figure_card_get_table (IndsatsFigureCard *self)
{
  g_return_val_if_fail (INDSATS_IS_FIGURE_CARD (self), NULL);
  indsats_figure_card_load (self);
  fill_table (self);
  return GTK_WIDGET (self->table);
}
