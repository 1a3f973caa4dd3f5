/* indsats-catalog.h: the translations of one language, apart from the process's own
 *
 * The workbook goes to a Danish committee whatever language the window speaks,
 * so it cannot use gettext's process-wide choice: it looks its texts up here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IndsatsCatalog IndsatsCatalog;

IndsatsCatalog *indsats_catalog_new      (const char     *language,
                                          GError        **error);
IndsatsCatalog *indsats_catalog_new_from_file (const char  *language,
                                               const char  *path,
                                               GError     **error);
void            indsats_catalog_free     (IndsatsCatalog *catalog);
const char     *indsats_catalog_language (IndsatsCatalog *catalog);
const char     *indsats_catalog_gettext  (IndsatsCatalog *catalog,
                                          const char     *msgid) G_GNUC_FORMAT (2);
const char     *indsats_catalog_pgettext (IndsatsCatalog *catalog,
                                          const char     *context,
                                          const char     *msgid) G_GNUC_FORMAT (3);

const char     *indsats_catalog_ngettext (IndsatsCatalog *catalog,
                                          const char     *msgid,
                                          const char     *plural,
                                          gulong          n) G_GNUC_FORMAT (2) G_GNUC_FORMAT (3);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsCatalog, indsats_catalog_free)

G_END_DECLS
