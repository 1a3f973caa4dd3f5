/* test-util.h: what the test programs share */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes a test's temporary folder and the files in it */
static inline void
indsats_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  if (dir)
    g_rmdir (dir);
}
