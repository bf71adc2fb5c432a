/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-autostart.c: the XDG autostart entry (see cw-autostart.h) */
#define G_LOG_DOMAIN "cw-autostart"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
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

/* ---- through the Background portal ---- */

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"

typedef struct {
  gboolean         enabled;
  gboolean         answered;
  GDBusConnection *bus;
  char            *handle;        /* the Request object the answer comes on */
  guint            subscription;  /* holds a reference on the task until answered */
} Asking;

static void
asking_free (Asking *asking)
{
  g_clear_object (&asking->bus);
  g_free (asking->handle);
  g_free (asking);
}

static void
stop_listening (Asking *asking)
{
  if (asking->subscription != 0)
    g_dbus_connection_signal_unsubscribe (asking->bus, asking->subscription);
  asking->subscription = 0;
}

/* The portal's Response: 0 when the desktop answered; what it allowed is in @results. */
static void
on_response (GDBusConnection *bus,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  GTask *task = user_data;
  Asking *asking = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  gboolean autostart = FALSE;
  guint32 response;

  if (asking->answered)
    return;
  asking->answered = TRUE;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "autostart", "b", &autostart);
  g_task_return_boolean (task, response == 0 && autostart == asking->enabled);
  stop_listening (asking);
}

static void
background_requested (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Asking *asking = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  /* The answer comes as the Response signal, already listened for. */
  if (reply != NULL || asking->answered)
    {
      g_clear_error (&error);
      return;
    }
  asking->answered = TRUE;
  stop_listening (asking);
  g_task_return_error (task, error);
}

/* The Request object's path is known before the call (the portal's documented handle
 * path), so that no Response can come before it is listened for. */
static char *
dup_request_path (GDBusConnection *bus,
                  const char      *token)
{
  g_autofree char *sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);

  g_strdelimit (sender, ".", '_');
  return g_strconcat (PORTAL_PATH "/request/", sender, "/", token, NULL);
}

static GVariant *
background_options (gboolean    enabled,
                    const char *token)
{
  const char * const commandline[] = { "causeway", "--background", NULL };
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Causeway watches your links and tells you when one breaks.")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enabled));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  return g_variant_builder_end (&options);
}

static void
bus_got (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Asking *asking = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *token = g_strdup_printf ("causeway%u", g_random_int ());

  asking->bus = g_bus_get_finish (result, &error);
  if (asking->bus == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  asking->handle = dup_request_path (asking->bus, token);
  asking->subscription = g_dbus_connection_signal_subscribe (asking->bus, PORTAL_NAME, "org.freedesktop.portal.Request",
                                                             "Response", asking->handle, NULL,
                                                             G_DBUS_SIGNAL_FLAGS_NONE, on_response,
                                                             g_object_ref (task), g_object_unref);
  g_dbus_connection_call (asking->bus, PORTAL_NAME, PORTAL_PATH, "org.freedesktop.portal.Background",
                          "RequestBackground",
                          g_variant_new ("(s@a{sv})", "", background_options (asking->enabled, token)),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task),
                          background_requested, g_object_ref (task));
}

/* Asks the desktop, through the Background portal, to start Causeway with --background
 * at login (@enabled) or no longer; finishes with whether it agreed. */
void
cw_autostart_request_async (gboolean             enabled,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Asking *asking = g_new0 (Asking, 1);

  g_task_set_source_tag (task, cw_autostart_request_async);
  asking->enabled = enabled;
  g_task_set_task_data (task, asking, (GDestroyNotify) asking_free);
  g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_got, task);
}

gboolean
cw_autostart_request_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
requested (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cw_autostart_request_finish (result, &error))
    g_warning ("The desktop did not let Causeway start at login%s%s", error ? ": " : "",
               error ? error->message : "");
}

/* ---- the setting ---- */

/* In a sandbox (Flatpak) the person's autostart folder is out of reach: the desktop
 * writes the entry, through the Background portal. */
static gboolean
sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* Writes the entry, or removes it, off the main thread or through the portal; a failure
 * is logged, as the setting stays what the person chose. */
void
cw_autostart_set (gboolean enabled)
{
  g_autoptr(GTask) task = NULL;

  if (sandboxed ())
    {
      cw_autostart_request_async (enabled, NULL, requested, NULL);
      return;
    }
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, cw_autostart_set);
  g_task_set_task_data (task, GINT_TO_POINTER (enabled), NULL);
  g_task_run_in_thread (task, write_or_remove);
}
