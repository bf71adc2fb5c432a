/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `causeway-cli clusters`, the built program, against the Digest-protected fake. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tidb-fake-server.h"

#define WAIT_SECONDS 60

typedef struct {
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* The server answers from this process's main loop while the program runs. */
static void
run_cli_argv (TidbFakeServer     *server,
              const char         *private_key,
              const char * const *arguments,
              CliRun             *run)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *program = g_getenv ("CAUSEWAY_CLI");

  g_assert_nonnull (program);
  g_subprocess_launcher_setenv (launcher, "TIDBCLOUD_PUBLIC_KEY", TIDB_FAKE_PUBLIC_KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "TIDBCLOUD_PRIVATE_KEY", private_key, TRUE);
  g_subprocess_launcher_setenv (launcher, "TIDBCLOUD_SERVERLESS_ENDPOINT", server->serverless_endpoint, TRUE);
  g_subprocess_launcher_setenv (launcher, "TIDBCLOUD_IAM_ENDPOINT", server->iam_endpoint, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) arguments[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, tidb_store_result, &result);
  if (!tidb_wait_for ((gpointer *) &result, WAIT_SECONDS))
    {
      g_subprocess_force_exit (process);
      g_error ("causeway-cli did not finish within %u s", WAIT_SECONDS);
    }
  g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static void
assert_cluster (JsonArray  *clusters,
                guint       index,
                const char *id,
                const char *name,
                const char *region_id,
                const char *provider,
                const char *plan,
                const char *state)
{
  JsonObject *cluster = json_array_get_object_element (clusters, index);

  g_assert_cmpuint (json_object_get_size (cluster), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (cluster, "clusterId"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (cluster, "displayName"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (cluster, "regionId"), ==, region_id);
  g_assert_cmpstr (json_object_get_string_member (cluster, "cloudProvider"), ==, provider);
  g_assert_cmpstr (json_object_get_string_member (cluster, "clusterPlan"), ==, plan);
  g_assert_cmpstr (json_object_get_string_member (cluster, "state"), ==, state);
}

static void
test_clusters_json_lists_every_page (void)
{
  const char * const arguments[] = { "clusters", "--output", "json", NULL };
  g_autoptr(TidbFakeServer) server = tidb_fake_server_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonArray *clusters;

  run_cli_argv (server, TIDB_FAKE_PRIVATE_KEY, arguments, &run);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (server->handled, ==, 3);

  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  clusters = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (clusters), ==, TIDB_FAKE_N_CLUSTERS);
  assert_cluster (clusters, 0, "10001", "orders", "aws-us-east-1", "aws", "ESSENTIAL", "ACTIVE");
  assert_cluster (clusters, 1, "10002", "analytics", "aws-us-west-2", "aws", "STARTER", "ACTIVE");
  assert_cluster (clusters, 2, "10003", "staging – é", "gcp-us-central1", "gcp", "STARTER", "CREATING");
  assert_cluster (clusters, 3, "10004", "billing", "aws-eu-central-1", "aws", "ESSENTIAL", "MAINTENANCE");
  assert_cluster (clusters, 4, "10005", "legacy", "aws-ap-southeast-1", "aws", "ESSENTIAL", "ACTIVE");
}

static void
test_clusters_table (void)
{
  const char * const arguments[] = { "clusters", NULL };
  g_autoptr(TidbFakeServer) server = tidb_fake_server_new ();
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli_argv (server, TIDB_FAKE_PRIVATE_KEY, arguments, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + TIDB_FAKE_N_CLUSTERS + 1);
  g_assert_true (g_str_has_prefix (lines[0], "CLUSTER ID"));
  g_assert_nonnull (strstr (lines[0], "REGION"));
  g_assert_true (g_str_has_prefix (lines[3], "10003"));
  g_assert_nonnull (strstr (lines[3], "gcp-us-central1"));
  g_assert_nonnull (strstr (lines[5], "ESSENTIAL"));
  /* Columns line up, wide characters or not. */
  g_assert_cmpint (g_utf8_pointer_to_offset (lines[0], strstr (lines[0], "REGION")), ==,
                   g_utf8_pointer_to_offset (lines[3], strstr (lines[3], "gcp-us-central1")));
  g_assert_cmpstr (lines[6], ==, "");
}

static void
test_clusters_wrong_key (void)
{
  const char * const arguments[] = { "--output", "json", "clusters", NULL };
  g_autoptr(TidbFakeServer) server = tidb_fake_server_new ();
  g_auto(CliRun) run = { 0 };

  run_cli_argv (server, "wrong-private-key", arguments, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "causeway-cli: TiDB Cloud rejected the API key"));
  /* One line. */
  g_assert_cmpstr (strchr (run.err, '\n'), ==, run.err + strlen (run.err) - 1);
  g_assert_cmpuint (server->requests, ==, 2);
}

static void
test_clusters_usage (void)
{
  const char * const arguments[] = { "clusters", "extra", NULL };
  g_autoptr(TidbFakeServer) server = tidb_fake_server_new ();
  g_auto(CliRun) run = { 0 };

  run_cli_argv (server, TIDB_FAKE_PRIVATE_KEY, arguments, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (server->requests, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tidb-cli/clusters/json-every-page", test_clusters_json_lists_every_page);
  g_test_add_func ("/tidb-cli/clusters/table", test_clusters_table);
  g_test_add_func ("/tidb-cli/clusters/wrong-key", test_clusters_wrong_key);
  g_test_add_func ("/tidb-cli/clusters/usage", test_clusters_usage);
  return g_test_run ();
}
