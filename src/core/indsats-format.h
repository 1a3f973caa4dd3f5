/* indsats-format.h: Danish numbers and dates, independent of the machine's locale */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The dates Indsats takes */
#define INDSATS_DATE_FIRST "1900-01-01"
#define INDSATS_DATE_LAST  "2200-12-31"

char     *indsats_format_number     (double       value,
                                     int          decimals);
char     *indsats_format_percent    (double       value,
                                     int          decimals);
char     *indsats_format_date       (const char  *iso_date);
gboolean  indsats_date_is_valid_iso (const char  *text);
char     *indsats_date_parse        (const char  *text,
                                     GError     **error);
gboolean  indsats_number_parse      (const char  *text,
                                     double      *value,
                                     gboolean    *missing,
                                     GError     **error);
char     *indsats_today_iso         (void);
/* The sizes a number may have, besides 0 */
#define INDSATS_NUMBER_MIN 1e-6
#define INDSATS_NUMBER_MAX 1e15

gboolean  indsats_text_is_blank     (const char  *text);
gboolean  indsats_text_check        (const char  *text,
                                     const char  *field,
                                     gboolean     multiline,
                                     GError     **error);
gboolean  indsats_text_find_control (const char  *text,
                                     gboolean     multiline,
                                     gunichar    *character,
                                     int         *position);
char     *indsats_text_for_xml      (const char  *text);

/* The most a spreadsheet cell holds, in UTF-16 units as Excel counts them */
#define INDSATS_CELL_MAX_CHARS 32767

gsize        indsats_text_cell_length  (const char  *text);
const char  *indsats_text_cell_cut     (const char  *text,
                                        gsize        max_chars);
gboolean     indsats_text_check_length (const char  *text,
                                        const char  *what,
                                        GError     **error);

G_END_DECLS
