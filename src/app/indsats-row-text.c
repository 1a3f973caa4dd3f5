/* indsats-row-text.c
 *
 * The words of one action in the list: its text, wrapped, and below it its
 * owner, date and status, drawn by one widget instead of half a dozen labels.
 *
 * Why: every key typed into the search binds the rows on screen to other
 * actions, and clearing it brings back rows GTK had let go. A label measures
 * a wrapping text by laying it out again, at every width it is asked about,
 * and each label is a widget of its own to style. Here the layouts are kept
 * in one cache for all rows, by text, font and width, so a row bound to an
 * action shown before, at the same width, shapes nothing; and a row is two
 * widgets to style, this one and its menu button.
 *
 * The owner, date and status flow like words: as many on a line as the width
 * holds, the status at the end of the last line. In a narrow window they take
 * a line each rather than shortening the owner to a letter; only an owner too
 * long for a line of its own is shortened, with an ellipsis.
 */
#include "config.h"

#include "indsats-row-text.h"

#include <string.h>

#define PART_SPACING 18 /* between the owner, date and status on a line */
#define TEXT_SPACING 4  /* between the text and the line below it */
#define LINE_SPACING 2  /* between the lines of owner, date and status */
#define ICON_SIZE 16
#define ICON_SPACING 4
#define DIM_ALPHA 0.55  /* as Adwaita's dim-label */
#define MIN_TEXT_CHARS 20
#define CACHE_SIZE 2048

typedef enum
{
  LOOK_PLAIN,
  LOOK_DIM,
  LOOK_DIM_NUMERIC,
  LOOK_BOLD,
} Look;

typedef struct
{
  graphene_rect_t area;   /* where the part is drawn, icon included */
  PangoLayout    *layout; /* owned: the cache may let go of it */
} Placed;

struct _IndsatsRowText
{
  GtkWidget  parent_instance;

  char      *parts[INDSATS_ROW_TEXT_N_PARTS];
  gboolean   late;

  /* the last layout made, for the width it was made for */
  int        laid_out_width;
  Placed     placed[INDSATS_ROW_TEXT_N_PARTS];
  int        height;
};

G_DEFINE_FINAL_TYPE (IndsatsRowText, indsats_row_text, GTK_TYPE_WIDGET)

/* The layouts of every row, by look, font, width and text. Each holds its
 * lines once they are made; the cache is emptied when it grows past
 * CACHE_SIZE, and a row then lays its words out again. */
static GHashTable *layouts;

static guint
font_key (PangoContext *context)
{
  const PangoFontDescription *font = pango_context_get_font_description (context);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);

  /* the font, its size on screen and how it is drawn (hinting, smoothing) */
  return pango_font_description_hash (font) ^ (guint) (pango_cairo_context_get_resolution (context) * 16) ^
         (options ? (guint) cairo_font_options_hash (options) << 8 : 0);
}

static PangoLayout *
make_layout (PangoContext *context,
             Look          look,
             const char   *text,
             int           width,
             gboolean      wrap)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  if (look == LOOK_BOLD)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (look == LOOK_DIM_NUMERIC)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, text, -1);
  if (width >= 0)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      if (wrap)
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      else
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

/* @width: -1 for one line as long as the text; else the width to wrap it
 * to (@wrap) or to shorten it to */
static PangoLayout *
layout_for (GtkWidget  *widget,
            Look        look,
            const char *text,
            int         width,
            gboolean    wrap)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  g_autofree char *key = g_strdup_printf ("%d %u %d %d %s", look, font_key (context), width, wrap, text);
  PangoLayout *layout;

  if (layouts == NULL)
    layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if ((layout = g_hash_table_lookup (layouts, key)) != NULL)
    return layout;
  if (g_hash_table_size (layouts) >= CACHE_SIZE)
    g_hash_table_remove_all (layouts);
  layout = make_layout (context, look, text, width, wrap);
  g_hash_table_insert (layouts, g_steal_pointer (&key), layout);
  return layout;
}

/* the width of a character of the widget's font, kept for the last font */
static int
char_width (GtkWidget *widget)
{
  static guint font;
  static int width;
  PangoContext *context = gtk_widget_get_pango_context (widget);

  if (width == 0 || font != font_key (context))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      width = MAX (pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE, 1);
      font = font_key (context);
      pango_font_metrics_unref (metrics);
    }
  return width;
}

static int
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static Look
look_of (IndsatsRowText     *self,
         IndsatsRowTextPart  part)
{
  switch (part)
    {
    case INDSATS_ROW_TEXT_TEXT:
      return LOOK_PLAIN;
    case INDSATS_ROW_TEXT_OWNER:
      return LOOK_DIM;
    case INDSATS_ROW_TEXT_DATE:
      return self->late ? LOOK_BOLD : LOOK_DIM_NUMERIC;
    case INDSATS_ROW_TEXT_STATUS:
    case INDSATS_ROW_TEXT_N_PARTS:
    default:
      return LOOK_BOLD;
    }
}

/* the room the late sign takes before a part */
static int
sign_width (IndsatsRowText     *self,
            IndsatsRowTextPart  part)
{
  return part == INDSATS_ROW_TEXT_DATE && self->late ? ICON_SIZE + ICON_SPACING : 0;
}

/* the width of a part on one line, the late sign included */
static int
part_width (IndsatsRowText     *self,
            IndsatsRowTextPart  part)
{
  return layout_width (layout_for (GTK_WIDGET (self), look_of (self, part), self->parts[part], -1, FALSE)) +
         sign_width (self, part);
}

static void
forget_layout (IndsatsRowText *self)
{
  for (int part = 0; part < INDSATS_ROW_TEXT_N_PARTS; part++)
    g_clear_object (&self->placed[part].layout);
  memset (self->placed, 0, sizeof self->placed);
  self->laid_out_width = -1;
}

/* Places the parts for @width: the text, then the owner, date and status
 * as many to a line as fit, the status at the end of the last line */
static void
lay_out (IndsatsRowText *self,
         int             width)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoLayout *text;
  int x = 0, y, line_height = 0;
  gboolean line_used = FALSE;

  if (self->laid_out_width == width)
    return;
  width = MAX (width, 1);
  forget_layout (self);

  text = layout_for (widget, LOOK_PLAIN, self->parts[INDSATS_ROW_TEXT_TEXT], width, TRUE);
  self->placed[INDSATS_ROW_TEXT_TEXT].layout = g_object_ref (text);
  graphene_rect_init (&self->placed[INDSATS_ROW_TEXT_TEXT].area, 0, 0, layout_width (text), layout_height (text));
  y = layout_height (text) + TEXT_SPACING;

  for (int part = INDSATS_ROW_TEXT_OWNER; part < INDSATS_ROW_TEXT_N_PARTS; part++)
    {
      Look look = look_of (self, part);
      PangoLayout *layout;
      int w, h, at;

      if (self->parts[part] == NULL || *self->parts[part] == '\0')
        continue;
      layout = layout_for (widget, look, self->parts[part], -1, FALSE);
      w = layout_width (layout) + sign_width (self, part);
      if (w > width)
        {
          /* a line of its own, shortened to it */
          layout = layout_for (widget, look, self->parts[part], MAX (width - sign_width (self, part), 1), FALSE);
          w = width;
        }
      h = MAX (layout_height (layout), sign_width (self, part) ? ICON_SIZE : 0);
      if (line_used && x + PART_SPACING + w > width)
        {
          y += line_height + LINE_SPACING;
          x = 0;
          line_height = 0;
          line_used = FALSE;
        }
      at = line_used ? x + PART_SPACING : 0;
      /* the status goes to the end of its line */
      if (part == INDSATS_ROW_TEXT_STATUS)
        at = width - w;
      self->placed[part].layout = g_object_ref (layout);
      graphene_rect_init (&self->placed[part].area, at, y, w, h);
      x = at + w;
      line_height = MAX (line_height, h);
      line_used = TRUE;
    }
  self->height = y + line_height;
  self->laid_out_width = width;
}

static void
indsats_row_text_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  IndsatsRowText *self = INDSATS_ROW_TEXT (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int least = MIN_TEXT_CHARS * char_width (widget);

      /* as narrow as twenty characters of text or the widest date or
       * status, which each can take a line; as wide as the list lets it be */
      for (int part = INDSATS_ROW_TEXT_DATE; part < INDSATS_ROW_TEXT_N_PARTS; part++)
        if (self->parts[part] && *self->parts[part])
          least = MAX (least, part_width (self, part));
      *minimum = *natural = least;
    }
  else
    {
      int width = for_size, ignored;

      if (width < 0)
        indsats_row_text_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &width, &ignored, NULL, NULL);
      lay_out (self, width);
      *minimum = *natural = self->height;
    }
}

static GtkSizeRequestMode
indsats_row_text_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
indsats_row_text_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  lay_out (INDSATS_ROW_TEXT (widget), width);
}

static void
draw_late_sign (IndsatsRowText  *self,
                GtkSnapshot     *snapshot,
                const Placed    *date)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA colors[4];

  if (!gtk_style_context_lookup_color (style, "warning_color", &colors[0]))
    gtk_style_context_get_color (style, &colors[0]);
  colors[1] = colors[2] = colors[3] = colors[0];
  icon = gtk_icon_theme_lookup_icon (theme, "alarm-symbolic", NULL, ICON_SIZE, gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (date->area.origin.x,
                                                          date->area.origin.y + (date->area.size.height - ICON_SIZE) / 2));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, ICON_SIZE, ICON_SIZE,
                                            colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (snapshot);
}

static void
indsats_row_text_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  IndsatsRowText *self = INDSATS_ROW_TEXT (widget);
  GdkRGBA color, dim;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= DIM_ALPHA;
  lay_out (self, gtk_widget_get_width (widget));
  for (int part = 0; part < INDSATS_ROW_TEXT_N_PARTS; part++)
    {
      const Placed *placed = &self->placed[part];
      Look look = look_of (self, part);
      float x = placed->area.origin.x;

      if (placed->layout == NULL)
        continue;
      if (sign_width (self, part))
        {
          draw_late_sign (self, snapshot, placed);
          x += sign_width (self, part);
        }
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, placed->area.origin.y));
      gtk_snapshot_append_layout (snapshot, placed->layout,
                                  look == LOOK_DIM || look == LOOK_DIM_NUMERIC ? &dim : &color);
      gtk_snapshot_restore (snapshot);
    }
}

static void
indsats_row_text_finalize (GObject *object)
{
  IndsatsRowText *self = INDSATS_ROW_TEXT (object);

  forget_layout (self);
  for (int part = 0; part < INDSATS_ROW_TEXT_N_PARTS; part++)
    g_free (self->parts[part]);
  G_OBJECT_CLASS (indsats_row_text_parent_class)->finalize (object);
}

static void
indsats_row_text_class_init (IndsatsRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = indsats_row_text_finalize;
  widget_class->measure = indsats_row_text_measure;
  widget_class->get_request_mode = indsats_row_text_get_request_mode;
  widget_class->size_allocate = indsats_row_text_size_allocate;
  widget_class->snapshot = indsats_row_text_snapshot;
  gtk_widget_class_set_css_name (widget_class, "rowtext");
}

static void
indsats_row_text_init (IndsatsRowText *self)
{
  self->laid_out_width = -1;
  for (int part = 0; part < INDSATS_ROW_TEXT_N_PARTS; part++)
    self->parts[part] = g_strdup ("");
}

GtkWidget *
indsats_row_text_new (void)
{
  return g_object_new (INDSATS_TYPE_ROW_TEXT, NULL);
}

/**
 * indsats_row_text_set:
 * @late: whether @date says the action is late: it is then drawn bold,
 *   after a warning sign
 *
 * Shows an action's words. What has not changed is left alone: rows are
 * bound again on every key of a search.
 */
void
indsats_row_text_set (IndsatsRowText *self,
                      const char     *text,
                      const char     *owner,
                      const char     *date,
                      gboolean        late,
                      const char     *status)
{
  const char *parts[INDSATS_ROW_TEXT_N_PARTS] = { text, owner, date, status };
  gboolean changed = self->late != !!late;

  g_return_if_fail (INDSATS_IS_ROW_TEXT (self));

  for (int part = 0; part < INDSATS_ROW_TEXT_N_PARTS; part++)
    if (g_strcmp0 (self->parts[part], parts[part] ? parts[part] : "") != 0)
      {
        g_free (self->parts[part]);
        self->parts[part] = g_strdup (parts[part] ? parts[part] : "");
        changed = TRUE;
      }
  if (!changed)
    return;
  self->late = !!late;
  forget_layout (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * indsats_row_text_get_part:
 *
 * Returns: (transfer none): the words of @part, as given
 */
const char *
indsats_row_text_get_part (IndsatsRowText     *self,
                           IndsatsRowTextPart  part)
{
  g_return_val_if_fail (INDSATS_IS_ROW_TEXT (self), NULL);
  g_return_val_if_fail (part < INDSATS_ROW_TEXT_N_PARTS, NULL);
  return self->parts[part];
}

gboolean
indsats_row_text_get_late (IndsatsRowText *self)
{
  g_return_val_if_fail (INDSATS_IS_ROW_TEXT (self), FALSE);
  return self->late;
}

/**
 * indsats_row_text_get_part_area:
 * @area: (out): where @part is drawn, in the widget's coordinates
 *
 * Returns: %TRUE when @part is drawn whole; %FALSE when it is not drawn,
 *   or only shortened, with an ellipsis
 */
gboolean
indsats_row_text_get_part_area (IndsatsRowText     *self,
                                IndsatsRowTextPart  part,
                                graphene_rect_t    *area)
{
  g_return_val_if_fail (INDSATS_IS_ROW_TEXT (self), FALSE);
  g_return_val_if_fail (part < INDSATS_ROW_TEXT_N_PARTS, FALSE);

  lay_out (self, gtk_widget_get_width (GTK_WIDGET (self)));
  *area = self->placed[part].area;
  return self->placed[part].layout != NULL && !pango_layout_is_ellipsized (self->placed[part].layout);
}
