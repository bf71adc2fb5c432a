/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Using a link through causeway-cli against the sandbox (DESIGN.md §12): TiDB Cloud's
 * test through the link (signed in; a wrong password, a database that takes only TLS and
 * a link still waiting for acceptance, each a sentence with what to do), a changefeed
 * that reaches RUNNING, fails when a failover moves the database and runs again after a
 * re-sync, pause and resume, and a delete of the link it uses refused without --force.
 * Passwords come from MYSQL_PWD or the keyring, never from the command line.
 * A migration: billing-mysql writes MIXED binlog events, so `migrate` refuses it naming
 * binlog_format before TiDB Cloud's precheck is asked; orders-mysql is ready, so its
 * migration is made and reaches RUNNING (the cluster's password from TIDB_PWD). */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "cw-credential-store.h"
#include "cw-sandbox-world.h"
#include "cw-test-sandbox.h"

#define TIME_SCALE 0.01
#define WRONG_PASSWORD "not-the-Password-42"
/* Polls of `dataflows` for a state: the sandbox's changefeeds change within seconds
 * of the scaled clock. */
#define STATE_POLLS 100
#define STATE_POLL_MS 200
/* The name the sandbox counts TiDB Cloud's precheck (POST migrationPrechecks) under. */
#define PRECHECK_OPERATION "tidb.Precheck"
#define PRECHECK_DELETE_OPERATION "tidb.CancelPrecheck"

static void
set_database_password (CwTestSandbox *sb,
                       const char    *password)
{
  sb->child_env = g_environ_setenv (sb->child_env, "MYSQL_PWD", password, TRUE);
}

/* No password, right or wrong, in what causeway-cli printed. */
static void
assert_no_password (const char *text)
{
  g_assert_null (strstr (text ? text : "", CW_SANDBOX_MYSQL_PASSWORD));
  g_assert_null (strstr (text ? text : "", WRONG_PASSWORD));
}

static char *
apply_link (CwTestSandbox *sb,
            const char    *database)
{
  g_autofree char *out = NULL;
  int status;

  out = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", database, "--yes",
                         NULL);
  g_assert_cmpint (status, ==, 0);
  return cw_test_only_link_id ();
}

/* Runs `causeway-cli test`; its status, with stdout and stderr joined in @said. */
static int
test_link (CwTestSandbox  *sb,
           const char     *link_id,
           gboolean        tls,
           char          **said)
{
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  int status;

  out = cw_test_run_cli (sb, &status, &errors, "test", link_id, "--mysql-user", CW_SANDBOX_MYSQL_USER,
                         tls ? "--tls" : NULL, NULL);
  *said = g_strconcat (out, errors, NULL);
  assert_no_password (*said);
  return status;
}

static void
test_sign_in_through_link (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *link_id = apply_link (sb, "orders-mysql");
  g_autofree char *said = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *errors = NULL;
  int status;

  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));

  set_database_password (sb, CW_SANDBOX_MYSQL_PASSWORD);
  g_assert_cmpint (test_link (sb, link_id, FALSE, &said), ==, 0);
  g_assert_nonnull (strstr (said, "signed in"));
  g_clear_pointer (&said, g_free);

  set_database_password (sb, WRONG_PASSWORD);
  g_assert_cmpint (test_link (sb, link_id, FALSE, &said), ==, 1);
  g_assert_nonnull (strstr (said, "the user name or the password is wrong"));
  g_clear_pointer (&said, g_free);

  /* No user named: a usage error, before any cloud is asked. */
  usage = cw_test_run_cli (sb, &status, &errors, "test", link_id, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (errors, "--mysql-user"));
  cw_test_sandbox_free (sb);
}

/* billing-mysql has require_secure_transport on. */
static void
test_tls_required (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *link_id = apply_link (sb, "billing-mysql");
  g_autofree char *said = NULL;

  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  set_database_password (sb, CW_SANDBOX_MYSQL_PASSWORD);
  g_assert_cmpint (test_link (sb, link_id, FALSE, &said), ==, 1);
  g_assert_nonnull (strstr (said, "turn TLS on"));
  g_clear_pointer (&said, g_free);
  g_assert_cmpint (test_link (sb, link_id, TRUE, &said), ==, 0);
  cw_test_sandbox_free (sb);
}

static void
test_link_not_active (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *apply[] = { "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql", "--yes", NULL };
  g_autofree char *link_id = NULL;
  g_autofree char *said = NULL;

  /* The run dies as TiDB Cloud's connection is made: nobody accepts it. */
  g_assert_true (cw_test_run_cli_until (sb, "tidb_link", "done", SIGKILL, apply, NULL));
  link_id = cw_test_only_link_id ();
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Pending acceptance"));
  set_database_password (sb, CW_SANDBOX_MYSQL_PASSWORD);
  g_assert_cmpint (test_link (sb, link_id, FALSE, &said), ==, 1);
  g_assert_nonnull (strstr (said, "not active yet"));
  g_assert_nonnull (strstr (said, "Accept it"));
  cw_test_sandbox_free (sb);
}

/* The changefeed @id as `dataflows --output json` shows it. */
static JsonObject *
find_dataflow (JsonNode   *dataflows,
               const char *id)
{
  JsonObject *dataflow = cw_test_find_object (dataflows, "id", id);

  g_assert_nonnull (dataflow);
  return dataflow;
}

typedef const char *(*DataflowField) (JsonObject *dataflow);

static const char *
state_of (JsonObject *dataflow)
{
  return json_object_get_string_member (dataflow, "state");
}

/* The step of a migration's first subtask: DUMP, LOAD or SYNC. */
static const char *
first_step_of (JsonObject *dataflow)
{
  JsonArray *subtasks = json_object_get_array_member (dataflow, "subtasks");

  if (subtasks == NULL || json_array_get_length (subtasks) == 0)
    return NULL;
  return json_object_get_string_member (json_array_get_object_element (subtasks, 0), "step");
}

/* Whether `dataflows` comes to show @expected in @field of dataflow @id; its last
 * answer in @last, when asked for. */
static gboolean
eventually_field (CwTestSandbox  *sb,
                  const char     *id,
                  DataflowField   field,
                  const char     *expected,
                  JsonNode      **last)
{
  for (guint i = 0; i < STATE_POLLS; i++)
    {
      g_autoptr(JsonNode) dataflows = cw_test_run_cli_json (sb, "dataflows", "--cluster", CW_TEST_CLUSTER_ID, NULL);

      if (g_strcmp0 (field (find_dataflow (dataflows, id)), expected) == 0)
        {
          if (last != NULL)
            *last = g_steal_pointer (&dataflows);
          return TRUE;
        }
      g_usleep (STATE_POLL_MS * 1000);
    }
  return FALSE;
}

static gboolean
eventually_state (CwTestSandbox *sb,
                  const char    *id,
                  const char    *state)
{
  return eventually_field (sb, id, state_of, state, NULL);
}

static char *
replicate (CwTestSandbox *sb,
           const char    *link_id)
{
  g_autoptr(JsonNode) created = cw_test_run_cli_json (sb, "replicate", link_id, "--mysql-user", CW_SANDBOX_MYSQL_USER,
                                                      "--filter", "shop.*", "--filter", "!shop.audit", NULL);
  JsonObject *changefeed = json_node_get_object (created);

  g_assert_cmpstr (json_object_get_string_member (changefeed, "kind"), ==, "changefeed");
  g_assert_cmpstr (json_object_get_string_member (changefeed, "linkId"), ==, link_id);
  return g_strdup (json_object_get_string_member (changefeed, "id"));
}

static void
change_dataflow (CwTestSandbox *sb,
                 const char    *change,
                 const char    *id)
{
  g_autofree char *out = NULL;
  int status;

  out = cw_test_run_cli (sb, &status, NULL, "dataflow", change, id, "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
}

static void
assert_listed (CwTestSandbox *sb,
               const char    *id,
               const char    *link_id)
{
  g_autoptr(JsonNode) links = cw_test_run_cli_json (sb, "links", "--cluster", CW_TEST_CLUSTER_ID, NULL);
  g_autoptr(JsonNode) dataflows = cw_test_run_cli_json (sb, "dataflows", NULL);
  JsonObject *link = cw_test_find_object (links, "linkId", link_id);
  JsonObject *dataflow = find_dataflow (dataflows, id);

  g_assert_cmpstr (json_object_get_string_member (dataflow, "linkId"), ==, link_id);
  g_assert_cmpstr (json_object_get_string_member (dataflow, "privateLinkConnectionId"), ==,
                   json_object_get_string_member (link, "privateLinkConnectionId"));
  g_assert_true (json_object_has_member (dataflow, "lagSeconds"));
}

/* Through a failover and a re-sync, then paused and resumed. */
static void
test_changefeed_follows_link (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *link_id = apply_link (sb, "orders-mysql");
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) failover = NULL;
  int status;

  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  set_database_password (sb, CW_SANDBOX_MYSQL_PASSWORD);
  id = replicate (sb, link_id);
  g_assert_true (eventually_state (sb, id, "RUNNING"));
  assert_listed (sb, id, link_id);

  failover = cw_test_sandbox_control (sb, "POST", "failover?database=orders-mysql");
  g_assert_nonnull (failover);
  cw_test_sandbox_write_hosts (sb);
  g_assert_true (eventually_state (sb, id, "RUNNING_FAILED"));

  out = cw_test_run_cli (sb, &status, NULL, "resync", link_id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (eventually_state (sb, id, "RUNNING"));

  change_dataflow (sb, "pause", id);
  g_assert_true (eventually_state (sb, id, "PAUSED"));
  change_dataflow (sb, "resume", id);
  g_assert_true (eventually_state (sb, id, "RUNNING"));
  cw_test_sandbox_free (sb);
}

static void
test_delete_link_in_use (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *link_id = apply_link (sb, "orders-mysql");
  g_autofree char *id = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *refusal = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *removed = NULL;
  g_autoptr(JsonNode) links = NULL;
  int status;

  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  set_database_password (sb, CW_SANDBOX_MYSQL_PASSWORD);
  id = replicate (sb, link_id);

  refused = cw_test_run_cli (sb, &status, &refusal, "delete", link_id, "--yes", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (refused, id));
  g_assert_nonnull (strstr (refused, "stop"));
  g_assert_nonnull (strstr (refusal, "--force"));
  g_assert_null (strchr (strchr (refusal, '\n') + 1, '\n'));  /* one line */
  links = cw_test_run_cli_json (sb, "links", "--cluster", CW_TEST_CLUSTER_ID, NULL);
  g_assert_nonnull (cw_test_find_object (links, "linkId", link_id));

  deleted = cw_test_run_cli (sb, &status, NULL, "delete", link_id, "--yes", "--force", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (deleted, id));

  /* What is left of the changefeed is deleted by its id. */
  removed = cw_test_run_cli (sb, &status, NULL, "dataflow", "delete", id, "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  cw_test_sandbox_free (sb);
}

static void
save_password (void)
{
  g_autoptr(CwSqlUser) user = cw_sql_user_new_mysql (CW_SB_ACCOUNT_ID, CW_SANDBOX_REGION, "orders-mysql",
                                                     CW_SANDBOX_MYSQL_USER);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cw_sql_user_store_async (user, CW_SANDBOX_MYSQL_PASSWORD, NULL, cw_test_store_result, &result);
  g_assert_true (cw_test_wait ((gpointer *) &result, 30));
  g_assert_true (cw_sql_user_store_finish (result, &error));
  g_assert_no_error (error);
}

/* The password saved in the keyring, found by the user's name or by the saved user's
 * label. It needs tools/session's private keyring: the keyring suite runs it there. */
static void
test_saved_user (void)
{
  CwTestSandbox *sb = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *said = NULL;
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  int status;

  if (g_getenv ("CW_SESSION_INNER") == NULL)
    {
      g_test_skip ("needs the private keyring session of tools/session");
      return;
    }
  sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  link_id = apply_link (sb, "orders-mysql");
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  sb->child_env = g_environ_unsetenv (sb->child_env, "MYSQL_PWD");

  g_assert_cmpint (test_link (sb, link_id, FALSE, &said), ==, 1);
  g_assert_nonnull (strstr (said, "MYSQL_PWD"));
  g_clear_pointer (&said, g_free);

  save_password ();
  g_assert_cmpint (test_link (sb, link_id, FALSE, &said), ==, 0);
  out = cw_test_run_cli (sb, &status, NULL, "test", link_id, "--mysql-account",
                         CW_SANDBOX_MYSQL_USER "@orders-mysql", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  out = cw_test_run_cli (sb, &status, &errors, "test", link_id, "--mysql-account", "nobody@orders-mysql", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (errors, "nobody@orders-mysql"));
  cw_test_sandbox_free (sb);
}

/* The database's and the cluster's passwords, as `migrate` reads them. */
static void
set_passwords (CwTestSandbox *sb)
{
  set_database_password (sb, CW_SANDBOX_MYSQL_PASSWORD);
  sb->child_env = g_environ_setenv (sb->child_env, "TIDB_PWD", CW_SANDBOX_TIDB_PASSWORD, TRUE);
}

/* How many times the sandbox was asked @operation. */
static gint64
count_operation (CwTestSandbox *sb,
                 const char    *operation)
{
  g_autoptr(JsonNode) counts = cw_test_sandbox_control (sb, "GET", "requests");
  JsonObject *by_operation = json_object_get_object_member (json_node_get_object (counts), "byOperation");

  return json_object_get_int_member_with_default (by_operation, operation, 0);
}

/* Runs `causeway-cli migrate` with the sandbox's users; its status, with what it printed
 * in @said and its error in @errors (NULL: joined in @said). */
static int
migrate (CwTestSandbox  *sb,
         const char     *link_id,
         const char     *extra,
         char          **said,
         char          **errors)
{
  const char *tidb_user = g_environ_getenv (sb->child_env, "CAUSEWAY_SANDBOX_TIDB_USER");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_nonnull (tidb_user);
  out = cw_test_run_cli (sb, &status, &err, "migrate", link_id, "--mysql-user", CW_SANDBOX_MYSQL_USER,
                         "--tidb-user", tidb_user, extra, NULL);
  g_test_message ("migrate %s: %d\n%s%s", extra ? extra : "", status, out, err);
  assert_no_password (out);
  assert_no_password (err);
  g_assert_null (strstr (out, CW_SANDBOX_TIDB_PASSWORD));
  g_assert_null (strstr (err, CW_SANDBOX_TIDB_PASSWORD));
  if (errors != NULL)
    {
      *said = g_steal_pointer (&out);
      *errors = g_steal_pointer (&err);
    }
  else
    *said = g_strconcat (out, err, NULL);
  return status;
}

/* billing-mysql's parameter group sets binlog_format = MIXED. */
static void
test_migrate_refused_before_precheck (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *link_id = apply_link (sb, "billing-mysql");
  g_autofree char *checked = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *errors = NULL;
  int status;

  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  set_passwords (sb);

  g_assert_cmpint (migrate (sb, link_id, "--check", &checked, NULL), ==, 1);
  g_assert_nonnull (strstr (checked, "binlog_format is MIXED"));
  g_assert_nonnull (strstr (checked, "ROW"));

  g_assert_cmpint (migrate (sb, link_id, NULL, &refused, NULL), ==, 1);
  g_assert_nonnull (strstr (refused, "binlog_format"));
  g_assert_cmpint (count_operation (sb, PRECHECK_OPERATION), ==, 0);

  /* An unknown mode: a usage error, before any cloud is asked. */
  usage = cw_test_run_cli (sb, &status, &errors, "migrate", link_id, "--mode", "sideways", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (errors, "--mode"));
  cw_test_sandbox_free (sb);
}

/* The migration's id, from the line `migrate` printed last: "Migration ID copies …". */
static char *
dup_migration_id (const char *said)
{
  const char *line = strstr (said, "Migration ");
  const char *end;

  g_assert_nonnull (line);
  line += strlen ("Migration ");
  end = strchr (line, ' ');
  g_assert_nonnull (end);
  return g_strndup (line, (gsize) (end - line));
}

static void
test_migration_runs (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *link_id = apply_link (sb, "orders-mysql");
  g_autofree char *checked = NULL;
  g_autofree char *checks_shown = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *said = NULL;
  g_autofree char *id = NULL;
  g_autofree char *table = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(JsonNode) dataflows = NULL;
  g_autoptr(JsonNode) syncing = NULL;
  JsonObject *dataflow;
  int status;

  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  set_passwords (sb);

  g_assert_cmpint (migrate (sb, link_id, "--check", &checked, NULL), ==, 0);
  g_assert_nonnull (strstr (checked, "binlog_format is ROW"));

  /* Causeway's checks pass; TiDB Cloud's precheck refuses the cluster's user, in its words. */
  sb->child_env = g_environ_setenv (sb->child_env, "TIDB_PWD", WRONG_PASSWORD, TRUE);
  g_assert_cmpint (migrate (sb, link_id, NULL, &checks_shown, &refused), ==, 1);
  g_assert_nonnull (strstr (checks_shown, "binlog_format is ROW"));
  g_assert_nonnull (strstr (refused, "precheck did not pass"));
  g_assert_nonnull (strstr (refused, "Access denied"));
  g_assert_null (strchr (strchr (refused, '\n') + 1, '\n'));  /* one line */
  g_assert_cmpint (count_operation (sb, PRECHECK_OPERATION), ==, 1);

  set_passwords (sb);
  g_assert_cmpint (migrate (sb, link_id, NULL, &said, NULL), ==, 0);
  g_assert_cmpint (count_operation (sb, PRECHECK_OPERATION), ==, 2);
  /* Each finished precheck is deleted, the failed one too. */
  g_assert_cmpint (count_operation (sb, PRECHECK_DELETE_OPERATION), ==, 2);
  id = dup_migration_id (said);

  dataflows = cw_test_run_cli_json (sb, "dataflows", NULL);
  dataflow = find_dataflow (dataflows, id);
  g_assert_cmpstr (json_object_get_string_member (dataflow, "kind"), ==, "migration");
  g_assert_cmpstr (json_object_get_string_member (dataflow, "linkId"), ==, link_id);
  g_assert_true (eventually_state (sb, id, "RUNNING"));

  /* It dumps, loads, then syncs the binlog; each step with its figures. */
  g_assert_true (eventually_field (sb, id, first_step_of, "SYNC", &syncing));
  dataflow = find_dataflow (syncing, id);
  g_assert_nonnull (strstr (json_object_get_string_member (dataflow, "progress"), "Syncing the binlog"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (dataflow, "subtasks"), 0), "lagSeconds"), >=, 0);
  table = cw_test_run_cli (sb, &status, &errors, "dataflows", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (table, "Syncing the binlog"));
  cw_test_sandbox_free (sb);
}

int
main (int argc, char **argv)
{
  cw_test_init (&argc, &argv);
  g_test_add_func ("/integration/dataflows/sign-in-through-link", test_sign_in_through_link);
  g_test_add_func ("/integration/dataflows/tls-required", test_tls_required);
  g_test_add_func ("/integration/dataflows/link-not-active", test_link_not_active);
  g_test_add_func ("/integration/dataflows/changefeed-follows-link", test_changefeed_follows_link);
  g_test_add_func ("/integration/dataflows/delete-link-in-use", test_delete_link_in_use);
  g_test_add_func ("/integration/dataflows/saved-user", test_saved_user);
  g_test_add_func ("/integration/dataflows/migrate-refused-before-precheck", test_migrate_refused_before_precheck);
  g_test_add_func ("/integration/dataflows/migration-runs", test_migration_runs);
  return g_test_run ();
}
