/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-cli.c: causeway-cli --sandbox starts the sandbox in its own process and
 * uses its in-memory credentials: never the environment's, never the keyring. */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static char *
run_cli (int        *status,
         const char *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = g_dir_make_tmp ("cw-sandbox-cli-XXXXXX", &error);
  char *out = NULL;
  va_list args;

  g_assert_no_error (error);
  /* Credentials of the environment that must not be used, and no session bus to reach
   * a keyring with. */
  g_subprocess_launcher_setenv (launcher, "AWS_ACCESS_KEY_ID", "AKIANOTUSEDEXAMPLE00", TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_SECRET_ACCESS_KEY", "not-the-sandbox-secret", TRUE);
  g_subprocess_launcher_setenv (launcher, "TIDBCLOUD_PUBLIC_KEY", "REALKEY0", TRUE);
  g_subprocess_launcher_setenv (launcher, "TIDBCLOUD_PRIVATE_KEY", "not-the-sandbox-key", TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9", TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", state, TRUE);
  g_subprocess_launcher_setenv (launcher, "CAUSEWAY_TIME_SCALE", "0.01", TRUE);
  g_ptr_array_add (argv, (gpointer) g_getenv ("CAUSEWAY_CLI"));
  va_start (args, first);
  for (const char *argument = first; argument != NULL; argument = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) argument);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  *status = g_subprocess_get_exit_status (process);
  return out;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_whoami (void)
{
  int status = -1;
  g_autofree char *out = run_cli (&status, "--sandbox", "whoami", "--output", "json", NULL);
  g_autoptr(JsonNode) identity = parse (out);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (identity), "Account"), ==, "111122223333");
}

static void
test_clusters (void)
{
  int status = -1;
  g_autofree char *out = run_cli (&status, "clusters", "--output", "json", "--sandbox", NULL);
  g_autoptr(JsonNode) clusters = parse (out);
  JsonArray *array = json_node_get_array (clusters);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "clusterPlan"), ==,
                   "ESSENTIAL");
}

/* A whole create, in one process, on the sandbox's clock. */
static void
test_apply (void)
{
  int status = -1;
  g_autofree char *out = run_cli (&status, "--sandbox", "apply", "--cluster", "10289034792938145678",
                                  "--database", "catalog-mariadb", "--yes", NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "is active"));
}

static void
test_without_sandbox (void)
{
  int status = -1;
  g_autofree char *out = run_cli (&status, "whoami", NULL);

  /* The real-looking credentials go to the endpoint of the environment, which refuses. */
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("CAUSEWAY_CLI"));
  g_test_add_func ("/sandbox/cli/whoami", test_whoami);
  g_test_add_func ("/sandbox/cli/clusters", test_clusters);
  g_test_add_func ("/sandbox/cli/apply", test_apply);
  g_test_add_func ("/sandbox/cli/without-sandbox", test_without_sandbox);
  return g_test_run ();
}
