/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start at login in a sandbox: the Background portal is asked, on a private session bus
 * (GTestDBus) where this test answers as the desktop would, what xdg-desktop-portal's
 * Background interface documents: RequestBackground(s parent_window, a{sv} options) → o,
 * then Response(u, a{sv}) on the request object named by handle_token. */
#include "config.h"

#include <gio/gio.h>

#include "cw-autostart.h"

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct {
  GVariant *options;   /* what the last request asked */
  guint32   response;  /* 0: the person agreed; 1: refused */
  guint     requests;
} Portal;

static void
portal_call (GDBusConnection       *bus,
             const char            *sender,
             const char            *path,
             const char            *interface,
             const char            *method,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  Portal *portal = user_data;
  g_autofree char *escaped = g_strdup (sender + 1);
  g_autofree char *handle = NULL;
  const char *token = NULL;
  gboolean autostart = FALSE;
  GVariantBuilder results;

  g_clear_pointer (&portal->options, g_variant_unref);
  g_variant_get (parameters, "(&s@a{sv})", NULL, &portal->options);
  portal->requests++;
  g_assert_true (g_variant_lookup (portal->options, "handle_token", "&s", &token));
  g_variant_lookup (portal->options, "autostart", "b", &autostart);
  g_strdelimit (escaped, ".", '_');
  handle = g_strconcat ("/org/freedesktop/portal/desktop/request/", escaped, "/", token, NULL);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", handle));
  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (portal->response == 0));
  g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (portal->response == 0 && autostart));
  g_dbus_connection_emit_signal (bus, sender, handle, "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", portal->response, &results), NULL);
}

static const GDBusInterfaceVTable portal_vtable = { portal_call, NULL, NULL, { 0 } };

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
request (gboolean   enabled,
         GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  cw_autostart_request_async (enabled, NULL, store_result, &result);
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  return cw_autostart_request_finish (result, error);
}

static void
assert_asked (Portal   *portal,
              gboolean  autostart)
{
  const char * const expected[] = { "causeway", "--background", NULL };
  g_autofree const char **commandline = NULL;
  gboolean asked_autostart = !autostart;
  const char *reason = NULL;

  g_assert_true (g_variant_lookup (portal->options, "autostart", "b", &asked_autostart));
  g_assert_cmpint (asked_autostart, ==, autostart);
  g_assert_true (g_variant_lookup (portal->options, "commandline", "^a&s", &commandline));
  g_assert_cmpstrv (commandline, expected);
  g_assert_true (g_variant_lookup (portal->options, "reason", "&s", &reason));
  g_assert_cmpstr (reason, !=, "");
}

static void
test_portal_asked (void)
{
  g_autoptr(GTestDBus) test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GError) error = NULL;
  Portal portal = { NULL, 0, 0 };
  guint owner;

  g_test_dbus_up (test_bus);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/portal/desktop", info->interfaces[0], &portal_vtable,
                                     &portal, NULL, &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (bus, "org.freedesktop.portal.Desktop", G_BUS_NAME_OWNER_FLAGS_NONE, NULL,
                                        NULL, NULL, NULL);

  /* On, then off: each asked with the command line that starts the watch. */
  g_assert_true (request (TRUE, &error));
  g_assert_no_error (error);
  assert_asked (&portal, TRUE);
  g_assert_true (request (FALSE, &error));
  g_assert_no_error (error);
  assert_asked (&portal, FALSE);

  /* The person says no: the request answers that it was not allowed. */
  portal.response = 1;
  g_assert_false (request (TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (portal.requests, ==, 3);

  g_bus_unown_name (owner);
  g_clear_pointer (&portal.options, g_variant_unref);
  g_clear_object (&bus);
  g_test_dbus_down (test_bus);
}

/* Without a portal on the bus, the request fails with the bus's error, not silence. */
static void
test_no_portal (void)
{
  g_autoptr(GTestDBus) test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GError) error = NULL;

  g_test_dbus_up (test_bus);
  g_assert_false (request (TRUE, &error));
  g_assert_nonnull (error);
  g_test_dbus_down (test_bus);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/autostart/portal-asked", test_portal_asked);
  g_test_add_func ("/autostart/no-portal", test_no_portal);
  return g_test_run ();
}
