/* indsats-decimal.h: which mark a column of numbers uses for its decimals */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  INDSATS_DECIMAL_UNKNOWN, /* not decided: from the cells, or nothing tells */
  INDSATS_DECIMAL_COMMA,   /* 1.234,5 */
  INDSATS_DECIMAL_POINT,   /* 1,234.5 */
} IndsatsDecimal;

/* What one cell says about the mark */
typedef enum
{
  INDSATS_NUMBER_MISSING,   /* empty or suppressed: -, ., .., … */
  INDSATS_NUMBER_INVALID,   /* not a number with either mark */
  INDSATS_NUMBER_WHOLE,     /* no mark at all: 1234 */
  INDSATS_NUMBER_AMBIGUOUS, /* 1.234 or 1,234: a thousand, or one and a bit */
  INDSATS_NUMBER_COMMA,     /* only a decimal comma reads it: 12,5 or 1.234,5 or 1.234.567 */
  INDSATS_NUMBER_POINT,     /* only a decimal point reads it: 12.5, 0.125, 1234.567 */
} IndsatsNumberShape;

IndsatsNumberShape  indsats_number_shape     (const char     *text);
gboolean            indsats_number_read      (const char     *text,
                                              IndsatsDecimal  mark,
                                              double         *value,
                                              gboolean       *missing);
const char         *indsats_decimal_to_string (IndsatsDecimal mark);
gboolean            indsats_decimal_from_string (const char     *text,
                                                 IndsatsDecimal *mark);

G_END_DECLS
