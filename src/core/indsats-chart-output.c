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
#include <libdeflate.h>
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

/* PNG writing is half of what a figure costs. A chart is mostly runs of one
 * flat colour, which deflate finds well in rows without any filter: on the
 * figures measured, unfiltered rows came out smaller than with the "sub" or
 * "up" filter and cost less, and libpng's adaptive search (cairo's default)
 * costs several times as much. libdeflate at level 5 makes the file a fifth
 * smaller than zlib's fastest level, in the same time; a smaller picture
 * also costs the workbook's zip less, which deflates it again. Each thread
 * keeps its compressor. */
#define PNG_LEVEL 5

static GPrivate compressor_key = G_PRIVATE_INIT ((GDestroyNotify) libdeflate_free_compressor);

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (out, bytes, 4);
}

/* the chunk's length, type, data and CRC of type and data */
static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  guint32 crc = libdeflate_crc32 (0, type, 4);

  put_u32 (out, (guint32) length);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (length > 0)
    {
      g_byte_array_append (out, data, (guint) length);
      crc = libdeflate_crc32 (crc, data, length);
    }
  put_u32 (out, crc);
}

static gboolean
encode_png (cairo_surface_t  *surface,
            GByteArray       *out,
            GError          **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *pixels = cairo_image_surface_get_data (surface);
  gsize row_bytes = 1 + 3 * (gsize) width;
  gsize raw_length = row_bytes * height;
  struct libdeflate_compressor *compressor = g_private_get (&compressor_key);
  g_autofree guint8 *raw = NULL;
  g_autofree guint8 *packed = NULL;
  gsize bound, packed_length;
  guint8 header[13];

  if (compressor == NULL)
    {
      if (!(compressor = libdeflate_alloc_compressor (PNG_LEVEL)))
        {
          g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_FAILED, _("Cannot encode the figure as PNG; try a smaller size"));
          return FALSE;
        }
      g_private_set (&compressor_key, compressor);
    }

  /* each row: filter "none", then R, G, B of cairo's native-endian xRGB words */
  raw = g_malloc (raw_length);
  for (int y = 0; y < height; y++)
    {
      const guint32 *from = (const guint32 *) (pixels + (gsize) y * stride);
      guint8 *to = raw + row_bytes * y;

      *to++ = 0;
      for (int x = 0; x < width; x++)
        {
          guint32 pixel = from[x];

          *to++ = pixel >> 16;
          *to++ = pixel >> 8;
          *to++ = pixel;
        }
    }
  bound = libdeflate_zlib_compress_bound (compressor, raw_length);
  packed = g_malloc (bound);
  if ((packed_length = libdeflate_zlib_compress (compressor, raw, raw_length, packed, bound)) == 0)
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_FAILED, _("Cannot encode the figure as PNG; try a smaller size"));
      return FALSE;
    }

  /* IHDR: the size, 8 bits a channel, RGB, deflate, no interlacing */
  for (int i = 0; i < 4; i++)
    {
      header[i] = (guint32) width >> (24 - 8 * i);
      header[4 + i] = (guint32) height >> (24 - 8 * i);
    }
  header[8] = 8;
  header[9] = 2;
  header[10] = header[11] = header[12] = 0;
  g_byte_array_set_size (out, 0);
  g_byte_array_append (out, signature, sizeof signature);
  put_chunk (out, "IHDR", header, sizeof header);
  put_chunk (out, "IDAT", packed, packed_length);
  put_chunk (out, "IEND", NULL, 0);
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
