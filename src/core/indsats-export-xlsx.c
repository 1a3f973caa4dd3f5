/* indsats-export-xlsx.c
 *
 * The workbook that goes to Erhvervs- og Beskæftigelsesudvalget: an overview
 * of what the committee asks (the trigger indicators against their line, the
 * actions that should have started, the counts per status), the actions as
 * an Excel table, the goals, and a sheet per figure with the figure as
 * Indsats draws it above its numbers. Written with libxlsxwriter to a
 * temporary file beside the target, then renamed.
 *
 * The workbook speaks its own language (Danish unless English is asked for),
 * not the window's: its texts come from a catalog of that language (W_ and
 * WC_ below), never from gettext's process-wide choice.
 *
 * Text from people and imports is always written as a string, never as a
 * formula: a note that starts with "=" stays text. Text longer than a cell
 * holds is never dropped: the cell says where the rest is, on the sheet of
 * long texts at the end.
 *
 * This file opens, fills and closes the workbook; the sheets are written by
 * indsats-export-xlsx-sheets.c and -figures.c with the helpers of -cells.c.
 */
#include "config.h"

#include "indsats-export-xlsx-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "indsats-catalog.h"
#include "indsats-changes.h"
#include "indsats-error.h"
#include "indsats-follow-up.h"
#include "indsats-format.h"
#include "indsats-safe-write.h"

static gboolean
write_sheets (Book                       *b,
              IndsatsStore               *store,
              IndsatsPlan                *plan,
              GPtrArray                  *actions,
              GPtrArray                  *goals,
              GPtrArray                  *figures,
              GPtrArray                  *triggers,
              const IndsatsSnapshot      *snapshot,
              GPtrArray                  *changes,
              const IndsatsExportOptions *options,
              GCancellable               *cancellable,
              IndsatsExportProgressFunc   progress,
              gpointer                    user_data,
              GError                    **error)
{
  if (!indsats_xlsx_write_overview (b, plan, triggers, actions, figures, options, error) ||
      !indsats_xlsx_write_actions (b, actions, error) ||
      !indsats_xlsx_write_goals (b, goals, error) ||
      (snapshot && !indsats_xlsx_write_changes (b, snapshot, changes, error)))
    return FALSE;
  return indsats_xlsx_write_figures (b, store, figures, options, cancellable, progress, user_data, error) &&
         (b->long_texts->len == 0 || indsats_xlsx_write_long_texts (b, error)) && !indsats_xlsx_is_cancelled (cancellable, error);
}

/* Closes the workbook, which writes the file. libxlsxwriter tells of a
 * failure on stderr as well as in its result; the result becomes the one
 * message a person reads, so its own lines are kept off stderr meanwhile.
 * errno tells what the file system said. */
static lxw_error
close_quietly (lxw_workbook *wb)
{
  int saved = dup (STDERR_FILENO);
  int null = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  lxw_error rc;
  int errsv;

  fflush (stderr);
  if (saved >= 0 && null >= 0)
    dup2 (null, STDERR_FILENO);
  errno = 0;
  rc = workbook_close (wb);
  errsv = errno;
  fflush (stderr);
  if (saved >= 0 && null >= 0)
    dup2 (saved, STDERR_FILENO);
  if (saved >= 0)
    close (saved);
  if (null >= 0)
    close (null);
  errno = errsv;
  return rc;
}

static gboolean
export_workbook (IndsatsStore               *store,
                 gint64                      plan_id,
                 const char                 *path,
                 IndsatsExportOptions       *options,
                 GCancellable               *cancellable,
                 IndsatsExportProgressFunc   progress,
                 gpointer                    user_data,
                 GError                    **error)
{
  g_autoptr(IndsatsPlan) plan = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  g_autoptr(IndsatsCatalog) catalog = NULL;
  g_autoptr(IndsatsSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) long_texts = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_xlsx_long_text_free);
  g_autoptr(IndsatsSafeWrite) out = NULL;
  g_autofree char *title = NULL, *subject = NULL, *jobcentre = NULL;
  lxw_workbook_options wb_options = { 0 };
  lxw_doc_properties properties = { 0 };
  Book b = { 0 };
  lxw_error rc;
  gboolean written;

  if (options->meeting && !indsats_date_is_valid_iso (options->meeting))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("The meeting's date “%s” is not a valid date (write it as YYYY-MM-DD)"), options->meeting);
      return FALSE;
    }
  if (!(catalog = indsats_catalog_new (options->language ? options->language : "da", error)))
    return FALSE;

  /* Everything is read in one read transaction, the figures' data too: the
   * workbook shows one moment of the data even while someone imports or edits */
  if (!indsats_store_begin_read (store, error))
    return FALSE;
  if (!(plan = indsats_store_get_plan (store, plan_id, error)) ||
      !(actions = indsats_store_list_actions (store, plan_id, error)) ||
      !(goals = indsats_store_list_goals (store, error)) ||
      !(figures = indsats_store_list_figures (store, error)) ||
      !(triggers = indsats_follow_up_load (store, plan_id, error)))
    {
      indsats_store_rollback (store);
      return FALSE;
    }
  /* the changes since the meeting named, or the newest; no sheet when no
   * meeting was ever marked */
  snapshot = indsats_snapshot_find (store, plan_id, options->since, &local_error);
  if (local_error || (snapshot && !(changes = indsats_changes_since (store, plan_id, snapshot, error))))
    {
      if (local_error)
        g_propagate_error (error, g_steal_pointer (&local_error));
      indsats_store_rollback (store);
      return FALSE;
    }
  for (guint i = 0; i < figures->len; i++)
    {
      IndsatsFigure *f = g_ptr_array_index (figures, i);
      char *clean_title = indsats_text_for_xml (f->title);

      /* the title goes into a link's XML, which libxlsxwriter does not clean */
      g_free (f->title);
      f->title = clean_title;
    }

  if (!(out = indsats_safe_write_begin (path, error)))
    {
      indsats_store_rollback (store);
      return FALSE;
    }
  /* libxlsxwriter's own scratch files: with no folder named it takes
   * tmpfile(), which has no name and so cannot be left behind by a killed
   * process, as named ones beside the workbook were */
  wb_options.tmpdir = NULL;
  b.wb = workbook_new_opt (indsats_safe_write_get_path (out), &wb_options);
  if (b.wb == NULL)
    {
      indsats_store_rollback (store);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, _("Cannot write “%s”"), path);
      return FALSE;
    }
  b.catalog = catalog;
  b.path = path;
  b.long_texts = long_texts;
  indsats_xlsx_make_formats (&b);
  /* the document's properties are XML that libxlsxwriter does not clean */
  title = indsats_text_for_xml (plan->title);
  subject = indsats_text_for_xml (plan->committee && *plan->committee ? plan->committee : W_ (&b, "Recovery plan"));
  jobcentre = indsats_text_for_xml (plan->jobcentre);
  properties.title = title;
  properties.subject = subject;
  properties.company = jobcentre;
  properties.author = jobcentre;
  properties.comments = (char *) W_ (&b, "Written by Indsats");
  workbook_set_properties (b.wb, &properties);

  written = write_sheets (&b, store, plan, actions, goals, figures, triggers, snapshot, changes, options,
                          cancellable, progress, user_data, error);
  indsats_store_rollback (store);
  if (!written)
    {
      /* libxlsxwriter has no way to abandon a workbook: close it; the
       * temporary file goes with the safe write */
      close_quietly (b.wb);
      return FALSE;
    }

  rc = close_quietly (b.wb);
  b.wb = NULL;
  if (rc != LXW_NO_ERROR)
    {
      if (errno == ENOSPC || errno == EDQUOT)
        {
          indsats_set_write_error (error, path, errno);
          return FALSE;
        }
      return indsats_xlsx_check (&b, rc, error);
    }
  if (!indsats_safe_write_commit (g_steal_pointer (&out), error))
    return FALSE;
  options->split_texts = long_texts->len;
  if (progress)
    progress (1.0, user_data);
  return TRUE;
}

/**
 * indsats_export_xlsx:
 * @plan_id: the plan to export
 * @path: the workbook to write; it is written beside it first and renamed,
 *   so an existing file is replaced only when the new one is whole
 * @options: (nullable): the language, native charts and meeting date;
 *   %NULL for a Danish workbook without them
 *
 * Writes the committee's workbook.
 */
gboolean
indsats_export_xlsx (IndsatsStore               *store,
                     gint64                      plan_id,
                     const char                 *path,
                     IndsatsExportOptions       *options,
                     GCancellable               *cancellable,
                     IndsatsExportProgressFunc   progress,
                     gpointer                    user_data,
                     GError                    **error)
{
  IndsatsExportOptions defaults = { 0 };
  locale_t base, c_numeric, previous;
  gboolean ok;

  g_return_val_if_fail (INDSATS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  options->split_texts = 0;

  /* libxlsxwriter writes every double in the XML (cell values, column widths,
   * margins, chart ranges) with the C library's printf, which follows
   * LC_NUMERIC: under da_DK it would write "0,2", and no reader accepts that.
   * This thread alone gets the C numeric locale for the export, keeping the
   * rest of the user's locale, and gets its own back however the export ends.
   * The window's other threads are not touched. */
  base = duplocale (LC_GLOBAL_LOCALE);
  c_numeric = base != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;
  if (c_numeric == (locale_t) 0)
    {
      if (base != (locale_t) 0)
        freelocale (base);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
                   _("Cannot write the workbook “%s”: no C numeric locale (%s)"), path, g_strerror (errno));
      return FALSE;
    }
  previous = uselocale (c_numeric);
  ok = export_workbook (store, plan_id, path, options, cancellable, progress, user_data, error);
  uselocale (previous);
  freelocale (c_numeric);
  return ok;
}
