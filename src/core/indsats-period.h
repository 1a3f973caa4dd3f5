/* indsats-period.h: periods as Jobindsats writes them and as Danes read them */
#pragma once

#include <glib.h>

#include "indsats-catalog.h"

G_BEGIN_DECLS

typedef enum
{
  INDSATS_PERIOD_MONTH,
  INDSATS_PERIOD_QUARTER,
  INDSATS_PERIOD_HALF,
  INDSATS_PERIOD_YEAR,
  INDSATS_PERIOD_ROLLING_YEAR, /* the twelve months ending with a quarter */
} IndsatsPeriodKind;

typedef struct
{
  IndsatsPeriodKind kind;
  int year;
  int index; /* month 1–12, quarter 1–4, half 1–2, 0 for a year */
} IndsatsPeriod;

gboolean  indsats_period_parse        (const char          *text,
                                       IndsatsPeriod       *period,
                                       GError             **error);
char     *indsats_period_to_string    (const IndsatsPeriod *period);
void      indsats_period_write        (const IndsatsPeriod *period,
                                       char                *buffer,
                                       gsize                size);
char     *indsats_period_to_label     (const IndsatsPeriod *period);
char     *indsats_period_to_short_label (const IndsatsPeriod *period);
char     *indsats_period_to_words     (const IndsatsPeriod *period,
                                       IndsatsCatalog      *catalog);
int       indsats_period_compare      (const IndsatsPeriod *a,
                                       const IndsatsPeriod *b);
int       indsats_period_ordinal      (const IndsatsPeriod *period);
IndsatsPeriod indsats_period_from_ordinal (IndsatsPeriodKind kind,
                                           int               ordinal);
void      indsats_period_get_last_day (const IndsatsPeriod *period,
                                       GDate               *date);
void      indsats_period_get_first_day (const IndsatsPeriod *period,
                                        GDate               *date);
IndsatsPeriod indsats_period_containing (IndsatsPeriodKind kind,
                                         const GDate      *date);
const char *indsats_period_kind_to_string (IndsatsPeriodKind kind);
char     *indsats_period_canonicalize (const char          *text,
                                       GError             **error);

G_END_DECLS
