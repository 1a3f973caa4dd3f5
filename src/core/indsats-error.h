/* indsats-error.h: the error domain of the core library */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define INDSATS_ERROR (indsats_error_quark ())

typedef enum
{
  INDSATS_ERROR_FAILED,
  INDSATS_ERROR_INVALID,        /* a value a person typed or a file held is not valid */
  INDSATS_ERROR_NOT_FOUND,      /* no such action, plan, figure … */
  INDSATS_ERROR_DATABASE,       /* SQLite refused or failed */
  INDSATS_ERROR_NEWER_DATABASE, /* written by a newer Indsats */
  INDSATS_ERROR_NOT_A_DATABASE, /* the file is not an SQLite database */
  INDSATS_ERROR_IO,             /* a file could not be read or written */
  INDSATS_ERROR_CANCELLED,
  INDSATS_ERROR_READ_ONLY,      /* the database was opened read-only and a change was tried */
  INDSATS_ERROR_CONFLICT,       /* someone else changed the same field since it was read */
  INDSATS_ERROR_PASSWORD,       /* a server asks for a password it was not given, or refused it */
} IndsatsError;

GQuark indsats_error_quark (void);

G_END_DECLS
