/* indsats-module.c: finding and loading the parts of Indsats kept apart */
#include "config.h"

#include "indsats-module.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "indsats-error.h"

/* Whether the running program is one that the build tree holds (the program,
 * the window, a test): it then loads the modules built beside it, not those
 * of an older installation */
static gboolean
runs_from_build_tree (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  char *root = realpath (BUILD_ROOT, NULL);
  gboolean inside = FALSE;

  if (self != NULL && root != NULL)
    {
      gsize n = strlen (root);

      inside = strncmp (self, root, n) == 0 && self[n] == '/';
    }
  free (root);
  return inside;
}

static const char *
module_dir (void)
{
  const char *dir = g_getenv ("INDSATS_MODULE_DIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  return runs_from_build_tree () ? BUILD_MODULEDIR : MODULEDIR;
}

gpointer
indsats_module_lookup (const char  *name,
                       const char  *symbol,
                       const char  *purpose,
                       GError     **error)
{
  g_autofree char *file = g_strconcat (name, "." G_MODULE_SUFFIX, NULL);
  g_autofree char *path = g_build_filename (module_dir (), file, NULL);
  GModule *module;
  gpointer found = NULL;

  g_return_val_if_fail (name != NULL && symbol != NULL, NULL);

  /* every symbol is bound now, so that a module that does not fit this
   * program fails here with a message, not later with a crash; its own
   * symbols stay its own */
  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
                   _("Cannot load %s, the part of Indsats that %s: %s. "
                     "Install Indsats again (the file must be in %s)"),
                   file, purpose, g_module_error (), module_dir ());
      return NULL;
    }
  if (!g_module_symbol (module, symbol, &found) || found == NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
                   _("%s, the part of Indsats that %s, is not of this version of Indsats (it lacks %s). "
                     "Install Indsats again"),
                   path, purpose, symbol);
      g_module_close (module);
      return NULL;
    }
  /* types and statements it made stay valid as long as the program runs */
  g_module_make_resident (module);
  return found;
}
