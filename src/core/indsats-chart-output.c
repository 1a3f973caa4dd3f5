/* indsats-chart-output.c
 *
 * Figures as files: PNG (encoded here, fast), SVG (the painter's text
 * output) and PDF (cairo's PDF surface), each from one layout, written
 * beside the target first and then renamed.
 */
#include "config.h"

#include "indsats-chart-private.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <string.h>
#include <unistd.h>

#include "indsats-error.h"
#include "indsats-safe-write.h"

/* A context that measures text as a cairo image surface does, without one */
PangoContext *
indsats_chart_measuring_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/* Below the smallest size the heading, the axes and the source line no
 * longer fit readably together */
static gboolean
size_ok (int      width,
         int      height,
         GError **error)
{
  if (width >= INDSATS_CHART_MIN_WIDTH && height >= INDSATS_CHART_MIN_HEIGHT &&
      width <= INDSATS_CHART_MAX_SIZE && height <= INDSATS_CHART_MAX_SIZE)
    return TRUE;
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
               _("A figure must be from %d × %d to %d × %d wide and high, not %d × %d; give another --width or --height"),
               INDSATS_CHART_MIN_WIDTH, INDSATS_CHART_MIN_HEIGHT, INDSATS_CHART_MAX_SIZE, INDSATS_CHART_MAX_SIZE,
               width, height);
  return FALSE;
}

/**
 * indsats_chart_render_svg:
 *
 * Returns: (transfer full): the figure as an SVG document whose text is text
 */
char *
indsats_chart_render_svg (const IndsatsChartData *data,
                          double                  width,
                          double                  height)
{
  PangoContext *context = indsats_chart_measuring_context ();
  g_autoptr(IndsatsChartLayout) layout = indsats_chart_layout_new (data, width, height, context);

  g_object_unref (context);
  return indsats_chart_layout_to_svg (data, layout);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  g_byte_array_append (closure, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
png_append_cb (png_structp  png,
               png_bytep    bytes,
               png_size_t   length)
{
  g_byte_array_append (png_get_io_ptr (png), bytes, length);
}

static void
png_flush_cb (png_structp png)
{
}

/* PNG writing dominates the time of a figure. A chart is mostly runs of one
 * flat colour, which zlib's fastest level finds well without any filter: on
 * the figures measured, rows unfiltered at level 1 came out smaller than the
 * "sub" filter at level 2 and cost less; libpng's adaptive search (cairo's
 * default) costs several times as much. The workbook's zip deflates the
 * pictures once more, so a lighter level there only moves the work. */
static gboolean
encode_png (cairo_surface_t  *surface,
            GByteArray       *out,
            GError          **error)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  unsigned char *pixels = cairo_image_surface_get_data (surface);
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct (png) : NULL;
  g_autofree png_bytep *rows = g_new (png_bytep, height);

  if (png == NULL || info == NULL)
    {
      png_destroy_write_struct (&png, &info);
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_FAILED, _("Cannot encode the figure as PNG; try a smaller size"));
      return FALSE;
    }
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_FAILED, _("Cannot encode the figure as PNG; try a smaller size"));
      return FALSE;
    }
  for (int y = 0; y < height; y++)
    rows[y] = pixels + (gsize) y * stride;
  png_set_write_fn (png, out, png_append_cb, png_flush_cb);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_compression_level (png, 1);
  png_write_info (png, info);
  /* cairo's RGB24 is a native-endian 32-bit xRGB word: B, G, R, x in memory here */
  if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
    png_set_bgr (png);
  png_set_filler (png, 0, G_BYTE_ORDER == G_LITTLE_ENDIAN ? PNG_FILLER_AFTER : PNG_FILLER_BEFORE);
  png_write_image (png, rows);
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  return TRUE;
}

static cairo_surface_t *
draw_image (const IndsatsChartData *data,
            int                     width,
            int                     height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  IndsatsChartLayout *layout = indsats_chart_layout_new (data, width, height, context);

  indsats_chart_render (data, layout, cr);
  indsats_chart_layout_free (layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/**
 * indsats_chart_render_png:
 *
 * Returns: (transfer full): the figure as PNG bytes
 */
GBytes *
indsats_chart_render_png (const IndsatsChartData  *data,
                          int                      width,
                          int                      height,
                          GError                 **error)
{
  cairo_surface_t *surface;
  GByteArray *bytes = g_byte_array_new ();

  g_return_val_if_fail (data != NULL, NULL);
  if (!size_ok (width, height, error))
    {
      g_byte_array_unref (bytes);
      return NULL;
    }
  surface = draw_image (data, width, height);
  if (!encode_png (surface, bytes, error))
    {
      cairo_surface_destroy (surface);
      g_byte_array_unref (bytes);
      return NULL;
    }
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
indsats_chart_format_from_path (const char         *path,
                                IndsatsChartFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = INDSATS_CHART_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = INDSATS_CHART_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = INDSATS_CHART_PDF;
  else
    return FALSE;
  return TRUE;
}

/**
 * indsats_chart_render_bytes:
 * @width: pixels for PNG, points for PDF and SVG
 *
 * Draws the figure as a file's contents. Any thread may draw: each drawing
 * has its own surface, and Pango its own font map per thread.
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
indsats_chart_render_bytes (const IndsatsChartData  *data,
                            IndsatsChartFormat       format,
                            int                      width,
                            int                      height,
                            GError                 **error)
{
  g_return_val_if_fail (data != NULL, NULL);

  if (!size_ok (width, height, error))
    return NULL;

  if (format == INDSATS_CHART_PNG)
    return indsats_chart_render_png (data, width, height, error);
  else if (format == INDSATS_CHART_SVG)
    {
      char *svg = indsats_chart_render_svg (data, width, height);

      return g_bytes_new_take (svg, strlen (svg));
    }
  else
    {
      GByteArray *pdf = g_byte_array_new ();
      cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, pdf, width, height);
      cairo_t *cr = cairo_create (surface);
      PangoContext *context = pango_cairo_create_context (cr);
      IndsatsChartLayout *layout = indsats_chart_layout_new (data, width, height, context);
      g_autofree char *heading = indsats_chart_data_get_heading (data);
      int saved;

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, heading);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Indsats");
      indsats_chart_render (data, layout, cr);
      indsats_chart_layout_free (layout);
      g_object_unref (context);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      saved = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
      if (saved != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, _("Cannot draw the figure: %s"),
                       cairo_status_to_string (saved));
          g_byte_array_unref (pdf);
          return NULL;
        }
      return g_byte_array_free_to_bytes (pdf);
    }
}

/**
 * indsats_chart_render_file:
 * @path: the file to write; written beside it first and renamed, so a
 *   half-written file never stands under its name
 * @width: pixels for PNG, points for PDF and SVG
 */
gboolean
indsats_chart_render_file (const IndsatsChartData  *data,
                           const char              *path,
                           IndsatsChartFormat       format,
                           int                      width,
                           int                      height,
                           GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *contents;

  g_return_val_if_fail (data != NULL && path != NULL, FALSE);

  if (!(bytes = indsats_chart_render_bytes (data, format, width, height, error)))
    return FALSE;
  contents = g_bytes_get_data (bytes, &length);
  return indsats_safe_write_contents (path, contents, length, error);
}
