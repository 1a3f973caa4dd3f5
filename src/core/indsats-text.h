/* indsats-text.h: text as people meant it: one spelling per name (Unicode NFC) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *indsats_text_normalize   (const char *text);
gboolean  indsats_text_is_normal   (const char *text);
char     *indsats_text_fold        (const char *text);
gboolean  indsats_text_equal       (const char *a,
                                    const char *b);

G_END_DECLS
