/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-autostart.c: the XDG autostart entry (see cw-autostart.h) */
#define G_LOG_DOMAIN "cw-autostart"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "cw-autostart.h"

/* Not the application's own desktop file: that one opens the window. */
static const char entry[] =
  "[Desktop Entry]\n"
  "Type=Application\n"
  "Name=Causeway\n"
  "Comment=Watch the links between TiDB Cloud and Amazon RDS\n"
  "Exec=causeway --background\n"
  "Icon=" APPLICATION_ID "\n"
  "NoDisplay=true\n"
  "X-GNOME-Autostart-enabled=true\n";

char *
cw_autostart_dup_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".desktop", NULL);
}

static void
write_or_remove (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autofree char *path = cw_autostart_dup_path ();
  g_autofree char *directory = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  if (GPOINTER_TO_INT (task_data))
    {
      if (g_mkdir_with_parents (directory, 0700) != 0 ||
          !g_file_set_contents (path, entry, -1, &error))
        g_warning ("Could not write %s: %s", path, error ? error->message : g_strerror (errno));
    }
  else if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", path, g_strerror (errno));
  g_task_return_boolean (task, TRUE);
}

/* Writes the entry, or removes it, off the main thread; a failure is logged, as the
 * setting stays what the person chose. */
void
cw_autostart_set (gboolean enabled)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, cw_autostart_set);
  g_task_set_task_data (task, GINT_TO_POINTER (enabled), NULL);
  g_task_run_in_thread (task, write_or_remove);
}
