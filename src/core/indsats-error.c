/* indsats-error.c */
#include "indsats-error.h"

G_DEFINE_QUARK (indsats-error-quark, indsats_error)
