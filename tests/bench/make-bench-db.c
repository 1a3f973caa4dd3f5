/* make-bench-db.c: a database for the benchmarks, made through the store
 *
 * make-bench-db FILE --actions N: a plan of N actions in 20 focus areas.
 *
 * make-bench-db FILE N_FIGURES [DATA_DIR] [--demo]: N_FIGURES line figures of
 * 3 areas × 72 months each (one indicator per figure), after the demo plan
 * with --demo. With DATA_DIR, also writes the same numbers as figur-N.dat
 * (period and three columns) for the peers to draw.
 *
 * make-bench-db FILE --large N_FIGURES [DATA_DIR]: the size analysts have:
 * the demo plan with 60 more actions (85), 30 indicators × 99 areas × 72
 * months (213,840 values), and N_FIGURES line figures of 3 areas each over
 * those indicators, written as figur-N.dat to DATA_DIR as above.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "indsats-demo.h"
#include "indsats-store.h"

static const char * const areas[] = { "Ishøj", "Brøndby", "Hele landet" };

static double
bench_value (int indicator,
             int area,
             int month)
{
  return round ((12 + 6 * (area % 3) + area / 3 * 0.05 + 4 * sin ((month + indicator) / 6.0 + area)) * 10) / 10;
}

static gboolean
write_large (IndsatsStore  *store,
             int            n_figures,
             const char    *data_dir,
             GError       **error)
{
  g_autofree char *now = indsats_store_now ();
  gint64 plan_id;

  if (!indsats_demo_write (store, NULL, error) ||
      (plan_id = indsats_store_get_first_plan_id (store, error)) <= 0 ||
      !indsats_store_begin (store, error))
    return FALSE;
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *text = g_strdup_printf ("Ekstra indsats %d: opfølgning på sagerne hver uge", i + 1);
      g_autofree char *start = g_strdup_printf ("2023-%02d-%02d", i % 12 + 1, i % 28 + 1);
      IndsatsAction a = { 0 };

      a.team = (char *) (i % 2 ? "Sygedagpengeteam" : "Job-team");
      a.focus = (char *) "Opfølgning";
      a.text = text;
      a.owner = (char *) "Teamleder";
      a.start_date = start;
      a.status = i % 4;
      if (!indsats_store_add_action (store, plan_id, &a, error))
        return FALSE;
    }
  for (int k = 0; k < 30; k++)
    {
      g_autofree char *name = g_strdup_printf ("Benchmark-indikator %d", k + 1);
      gint64 id = indsats_store_ensure_indicator (store, name, "pct", FALSE, 20, error);

      if (id == 0)
        return FALSE;
      for (int a = 0; a < 99; a++)
        {
          g_autofree char *area = a < 3 ? g_strdup (areas[a]) : g_strdup_printf ("Kommune %02d", a - 2);

          for (int m = 0; m < 72; m++)
            {
              IndsatsPeriod p = indsats_period_from_ordinal (INDSATS_PERIOD_MONTH, 0);

              p.year = 2018 + m / 12;
              p.index = m % 12 + 1;
              if (!indsats_store_put_observation (store, id, area, &p, bench_value (k, a, m), FALSE,
                                                  "benchmark", now, NULL, error))
                return FALSE;
            }
        }
    }
  for (int f = 0; f < n_figures; f++)
    {
      g_autofree char *name = g_strdup_printf ("Benchmark-indikator %d", f % 30 + 1);
      g_autoptr(IndsatsFigure) figure = indsats_figure_new ();

      figure->number = 100 + f;
      figure->title = g_strdup_printf ("Benchmark %d: andel af befolkningen", f + 1);
      figure->unit = g_strdup ("Pct.");
      figure->source = g_strdup ("Kilde: Jobindsats.dk");
      figure->period_from = g_strdup ("2018M01");
      figure->period_to = g_strdup ("2023M12");
      for (int a = 0; a < 3; a++)
        g_ptr_array_add (figure->series, indsats_figure_series_new (name, areas[a], NULL));
      if (!indsats_store_add_figure (store, figure, error))
        return FALSE;
      if (data_dir)
        {
          g_autoptr(GString) dat = g_string_new (NULL);
          g_autofree char *file = g_strdup_printf ("%s/figur-%d.dat", data_dir, f + 1);

          for (int m = 0; m < 72; m++)
            {
              g_string_append_printf (dat, "%dM%02d", 2018 + m / 12, m % 12 + 1);
              for (int a = 0; a < 3; a++)
                {
                  char buf[G_ASCII_DTOSTR_BUF_SIZE];
                  g_string_append_printf (dat, " %s", g_ascii_formatd (buf, sizeof buf, "%.1f", bench_value (f % 30, a, m)));
                }
              g_string_append_c (dat, '\n');
            }
          if (!g_file_set_contents (file, dat->str, -1, error))
            return FALSE;
        }
    }
  return indsats_store_commit (store, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean demo = FALSE;
  int n_figures;

  if (argc == 4 && g_str_equal (argv[2], "--actions"))
    {
      g_autoptr(IndsatsPlan) plan = indsats_plan_new ();
      const char *owners[] = { "Alle SB", "Fagkoordinator", "Teamleder", "Udbyderen Schultz", "Kontrolteamet" };
      gint64 plan_id;
      int n = atoi (argv[3]);

      g_unlink (argv[1]);
      plan->title = g_strdup ("Stor plan");
      plan->jobcentre = g_strdup ("Benchmark Jobcenter");
      plan->dated = g_strdup ("2023-03-07");
      if (!(store = indsats_store_open (argv[1], &error)) ||
          !(plan_id = indsats_store_add_plan (store, plan, &error)) ||
          !indsats_store_begin (store, &error))
        goto fail;
      for (int i = 0; i < n; i++)
        {
          g_autofree char *team = g_strdup_printf ("Team %d", i % 4 + 1);
          g_autofree char *focus = g_strdup_printf ("Fokusområde %d", i % 20 + 1);
          g_autofree char *text = g_strdup_printf ("Indsats %d: ugentlig opfølgning %d på sagerne med fokus på samtaler og tilbud", i + 1, i % 97);
          g_autofree char *start = g_strdup_printf ("2023-%02d-%02d", i % 12 + 1, i % 28 + 1);
          IndsatsAction a = { 0 };

          a.team = team;
          a.focus = focus;
          a.text = text;
          a.owner = (char *) owners[i % G_N_ELEMENTS (owners)];
          a.start_date = start;
          a.status = i % 4;
          if (!indsats_store_add_action (store, plan_id, &a, &error))
            goto fail;
        }
      if (!indsats_store_commit (store, &error))
        goto fail;
      return 0;
    }
  if (argc >= 4 && g_str_equal (argv[2], "--large"))
    {
      g_unlink (argv[1]);
      if (!(store = indsats_store_open (argv[1], &error)) ||
          !write_large (store, atoi (argv[3]), argc > 4 ? argv[4] : NULL, &error))
        goto fail;
      return 0;
    }
  if (argc > 1 && g_str_equal (argv[argc - 1], "--demo"))
    {
      demo = TRUE;
      argc--;
    }
  if (argc < 3)
    {
      fprintf (stderr, "usage: make-bench-db FILE N_FIGURES [DATA_DIR] [--demo]\n");
      return 2;
    }
  n_figures = atoi (argv[2]);
  g_unlink (argv[1]);
  if (!(store = indsats_store_open (argv[1], &error)) ||
      (demo && !indsats_demo_write (store, NULL, &error)) ||
      !indsats_store_begin (store, &error))
    goto fail;

  for (int f = 0; f < n_figures; f++)
    {
      g_autofree char *name = g_strdup_printf ("Benchmark-indikator %d", f + 1);
      g_autoptr(IndsatsFigure) figure = indsats_figure_new ();
      g_autoptr(GString) dat = g_string_new (NULL);
      gint64 id = indsats_store_ensure_indicator (store, name, "pct", FALSE, 20, &error);

      if (id == 0)
        goto fail;
      for (int m = 0; m < 72; m++)
        {
          int ordinal = 2018 * 12 + m;
          g_autofree char *period = g_strdup_printf ("%dM%02d", ordinal / 12, ordinal % 12 + 1);

          g_string_append_printf (dat, "%s", period);
          for (int a = 0; a < 3; a++)
            {
              double v = round ((12 + 6 * a + 4 * sin ((m + f) / 6.0 + a)) * 10) / 10;
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              if (!indsats_store_set_observation (store, id, areas[a], period, v, FALSE, "benchmark", NULL, &error))
                goto fail;
              g_string_append_printf (dat, " %s", g_ascii_formatd (buf, sizeof buf, "%.1f", v));
            }
          g_string_append_c (dat, '\n');
        }
      figure->number = 100 + f;
      figure->title = g_strdup_printf ("Benchmark %d: andel af befolkningen", f + 1);
      figure->unit = g_strdup ("Pct.");
      figure->source = g_strdup ("Kilde: Jobindsats.dk");
      figure->period_from = g_strdup ("2018M01");
      figure->period_to = g_strdup ("2023M12");
      for (int a = 0; a < 3; a++)
        g_ptr_array_add (figure->series, indsats_figure_series_new (name, areas[a], NULL));
      if (!indsats_store_add_figure (store, figure, &error))
        goto fail;
      if (argc > 3)
        {
          g_autofree char *file = g_strdup_printf ("%s/figur-%d.dat", argv[3], f + 1);
          if (!g_file_set_contents (file, dat->str, -1, &error))
            goto fail;
        }
    }
  if (!indsats_store_commit (store, &error))
    goto fail;
  return 0;

fail:
  fprintf (stderr, "make-bench-db: %s\n", error ? error->message : "failed");
  return 1;
}
