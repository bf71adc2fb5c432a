/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the dataflows' pure parts (DESIGN.md §12): whether a link can carry a
 * dataflow, what TiDB Cloud's refusals mean, a dataflow's state in words, which
 * dataflows go through a link, and the keyring's name of the database's user. */
#include "config.h"

#include <string.h>

#include "cw-check.h"
#include "cw-dataflows-private.h"
#include "cw-engine-error.h"

static CwLink *
healthy_link (void)
{
  CwLink *link = cw_link_new ();

  cw_link_set (link, CW_LINK_PRIVATE_LINK_ID, "plc-1");
  cw_link_set (link, CW_LINK_CLUSTER_ID, "10001");
  cw_link_set (link, CW_LINK_REGION, "us-east-1");
  cw_link_set (link, CW_LINK_TIDB_STATE, "ACTIVE");
  cw_link_set (link, CW_LINK_ENDPOINT_ID, "vpce-1");
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_NAME, "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0");
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_ID, "vpce-svc-0123456789abcdef0");
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_STATE, "Available");
  cw_link_set (link, CW_LINK_CONNECTION_STATE, "available");
  cw_link_set (link, CW_LINK_LOAD_BALANCER_ARN,
               "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/cw-nlb/0123456789abcdef");
  cw_link_set (link, CW_LINK_LOAD_BALANCER_STATE, "active");
  cw_link_set (link, CW_LINK_TARGET_GROUP_ARN, "arn:tg");
  cw_link_set_listener (link, TRUE);
  cw_link_set_port (link, 3306);
  cw_link_set (link, CW_LINK_REGISTERED_IP, "10.0.1.5");
  cw_link_set (link, CW_LINK_TARGET_HEALTH, "healthy");
  cw_link_set (link, CW_LINK_DATABASE_ID, "orders");
  cw_link_set (link, CW_LINK_DATABASE_IP, "10.0.1.5");
  cw_link_set_databases_known (link, TRUE);
  cw_link_update_status (link);
  return link;
}

static void
assert_refused (CwLink     *link,
                const char *words)
{
  g_autoptr(GError) error = NULL;

  cw_link_update_status (link);
  g_assert_false (cw_dataflows_check_link (link, &error));
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_link_check (void)
{
  g_autoptr(CwLink) link = healthy_link ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cw_dataflows_check_link (link, &error));
  g_assert_no_error (error);

  cw_link_set (link, CW_LINK_TIDB_STATE, "PENDING_ACCEPTANCE");
  assert_refused (link, "waits for acceptance");
  cw_link_set (link, CW_LINK_TIDB_STATE, "CREATING");
  assert_refused (link, "still creating");
  cw_link_set (link, CW_LINK_TIDB_STATE, "FAILED");
  assert_refused (link, "is FAILED, not ACTIVE");
  cw_link_set (link, CW_LINK_TIDB_STATE, "ACTIVE");

  cw_link_set (link, CW_LINK_DATABASE_IP, "10.0.2.9");
  assert_refused (link, "Re-sync the link");
  cw_link_set (link, CW_LINK_DATABASE_IP, "10.0.1.5");

  cw_link_set (link, CW_LINK_TARGET_HEALTH, "unhealthy");
  cw_link_set (link, CW_LINK_TARGET_HEALTH_REASON, "Target.Timeout");
  assert_refused (link, "security group");
  /* Not seen from this account: only TiDB Cloud can tell. */
  cw_link_set (link, CW_LINK_TARGET_HEALTH, NULL);
  cw_link_set (link, CW_LINK_TARGET_HEALTH_REASON, NULL);
  cw_link_update_status (link);
  g_assert_true (cw_dataflows_check_link (link, NULL));
}

static void
test_login_check (void)
{
  const CwSqlLogin no_user = { NULL, "secret" };
  const CwSqlLogin no_password = { "admin", NULL };
  const CwSqlLogin empty_password = { "admin", "" };
  g_autoptr(GError) error = NULL;

  g_assert_false (cw_dataflows_check_login (&no_user, &error));
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (cw_dataflows_check_login (&no_password, &error));
  g_assert_nonnull (strstr (error->message, "admin"));
  g_assert_true (cw_dataflows_check_login (&empty_password, NULL));
}

/* A 400 of TiDB Cloud with @message, explained. */
static GError *
explain (CwLink     *link,
         const char *message)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":9,\"message\":\"%s\",\"details\":[]}", message);
  GError *error = cw_tidb_error_from_status (400, "Bad Request", body, strlen (body));

  return cw_dataflows_explain_connect_error (error, link, "admin");
}

static void
assert_explained (CwLink     *link,
                  const char *message,
                  const char *words)
{
  g_autoptr(GError) error = explain (link, message);

  if (strstr (error->message, words) == NULL)
    g_error ("“%s” became “%s”, which does not say “%s”", message, error->message, words);
  g_assert_null (strstr (error->message, "secret"));
}

static void
test_refusals (void)
{
  g_autoptr(CwLink) link = healthy_link ();
  g_autoptr(GError) other = NULL;

  assert_explained (link, "failed to connect to MySQL: Error 1045 (28000): Access denied for user 'admin'@'10.0.0.1' "
                    "(using password: YES)", "the user name or the password is wrong");
  assert_explained (link, "failed to connect to MySQL: Error 3159 (HY000): Connections using insecure transport are "
                    "prohibited while --require_secure_transport=ON.", "turn TLS on");
  assert_explained (link, "failed to connect to MySQL: dial tcp 10.0.1.5:3306: i/o timeout", "did not reach");
  assert_explained (link, "private link connection plc-1 is not active: its state is PENDING_ACCEPTANCE",
                    "accept its endpoint");
  assert_explained (link, "malformed packet: the server is not MySQL", "port 3306 is not MySQL");
  other = explain (link, "quota exceeded");
  g_assert_error (other, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST);
}

static CwTidbChangefeed *
changefeed_in (const char *state,
               const char *private_link_id,
               const char *error)
{
  g_autofree char *text = g_strdup_printf (
    "{\"clusterId\":\"10001\",\"changefeedId\":\"cf-%s\",\"state\":\"%s\",\"displayName\":\"orders\","
    "\"sink\":{\"type\":\"MYSQL\",\"mysql\":{\"network\":{\"networkType\":\"PRIVATE_LINK\","
    "\"privateLink\":{\"privateLinkConnectionId\":\"%s\",\"port\":3306}},"
    "\"authentication\":{\"userName\":\"admin\",\"enableTls\":false}}},"
    "\"filter\":{\"filterRule\":[\"*.*\"]},\"checkpoint\":{\"time\":\"2026-03-05T10:00:00Z\"},"
    "\"error\":\"%s\",\"createTime\":\"2026-03-05T09:00:00Z\"}", state, state, private_link_id, error);
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &parse_error);
  CwTidbChangefeed *changefeed;

  g_assert_no_error (parse_error);
  changefeed = cw_tidb_changefeed_new_from_json (json_node_get_object (node), &parse_error);
  g_assert_no_error (parse_error);
  return changefeed;
}

static CwDataflow *
dataflow_in (const char *state,
             const char *private_link_id,
             const char *error)
{
  g_autoptr(CwTidbChangefeed) changefeed = changefeed_in (state, private_link_id, error);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-03-05T10:00:42Z", NULL);

  return cw_dataflow_new_for_changefeed (changefeed, now);
}

static void
test_states (void)
{
  g_autoptr(CwDataflow) running = dataflow_in ("RUNNING", "plc-1", "");
  g_autoptr(CwDataflow) failed = dataflow_in ("RUNNING_FAILED", "plc-1", "dial tcp 10.0.1.5:3306: i/o timeout");
  g_autoptr(CwDataflow) paused = dataflow_in ("PAUSED", "plc-2", "");
  g_autoptr(CwDataflow) creating = dataflow_in ("CREATING", "plc-2", "");
  g_autofree char *running_label = cw_dataflow_dup_state_label (running);
  g_autofree char *failed_label = cw_dataflow_dup_state_label (failed);

  g_assert_cmpint (cw_dataflow_get_kind (running), ==, CW_DATAFLOW_CHANGEFEED);
  g_assert_cmpstr (cw_dataflow_kind_to_string (CW_DATAFLOW_MIGRATION), ==, "migration");
  g_assert_cmpstr (cw_dataflow_get_cluster_id (running), ==, "10001");
  g_assert_cmpstr (cw_dataflow_get_private_link_id (running), ==, "plc-1");
  g_assert_cmpuint (cw_dataflow_get_port (running), ==, 3306);
  g_assert_cmpint (cw_dataflow_get_lag_seconds (running), ==, 42);
  g_assert_cmpstr (running_label, ==, "Running");
  g_assert_false (cw_dataflow_get_failed (running));
  g_assert_true (cw_dataflow_get_failed (failed));
  g_assert_cmpstr (failed_label, ==, "Failed: dial tcp 10.0.1.5:3306: i/o timeout");
  g_assert_true (cw_dataflow_get_paused (paused));
  /* Only a dataflow on its way in or out is read again by itself. */
  g_assert_true (cw_dataflow_get_settling (creating));
  g_assert_false (cw_dataflow_get_settling (running));
  g_assert_false (cw_dataflow_get_settling (failed));
  g_assert_false (cw_dataflow_get_settling (paused));
  g_assert_null (cw_dataflow_get_link_id (running));
  cw_dataflow_set_link_id (running, "0b0e2c1e-link");
  g_assert_cmpstr (cw_dataflow_get_link_id (running), ==, "0b0e2c1e-link");
}

static CwDataflow *
migration_with (const char *subtasks)
{
  g_autofree char *text = g_strdup_printf ("{\"migrationId\":\"mig-1\",\"displayName\":\"orders\","
                                           "\"state\":\"RUNNING\",\"mode\":\"ALL\",\"subTasks\":[%s]}",
                                           subtasks);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);
  g_autoptr(CwTidbMigration) migration = NULL;

  g_assert_no_error (error);
  migration = cw_tidb_migration_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return cw_dataflow_new_for_migration (migration, "10001");
}

static void
assert_progress (const char *subtasks,
                 const char *expected)
{
  g_autoptr(CwDataflow) dataflow = migration_with (subtasks);
  g_autofree char *label = cw_dataflow_dup_progress_label (dataflow);

  g_assert_cmpstr (label, ==, expected);
}

static void
test_migration_progress (void)
{
  g_autoptr(CwDataflow) changefeed = dataflow_in ("RUNNING", "plc-1", "");

  g_autoptr(CwDataflow) dumping = migration_with ("{\"currentStep\":\"DUMP\",\"stage\":\"RUNNING\"}");
  g_autoptr(CwDataflow) syncing = migration_with ("{\"currentStep\":\"SYNC\",\"stage\":\"RUNNING\"}");

  g_assert_null (cw_dataflow_dup_progress_label (changefeed));
  /* Only a copy under way moves by itself. */
  g_assert_true (cw_dataflow_get_copying (dumping));
  g_assert_false (cw_dataflow_get_copying (syncing));
  g_assert_false (cw_dataflow_get_copying (changefeed));
  assert_progress ("", NULL);
  assert_progress ("{\"currentStep\":\"DUMP\",\"stage\":\"RUNNING\",\"dumpDetail\":{\"progress\":40,"
                   "\"totalTables\":\"30\",\"completedTables\":\"12\",\"finishedRows\":\"1200\"}}",
                   "Dumping: 40 % (12 of 30 tables, 1200 rows)");
  assert_progress ("{\"currentStep\":\"LOAD\",\"stage\":\"RUNNING\",\"loadDetail\":{\"progress\":60,"
                   "\"finishedBytes\":\"120000000\",\"totalBytes\":\"200000000\"}}",
                   "Loading: 60 % (120.0\u00a0MB of 200.0\u00a0MB)");
  assert_progress ("{\"currentStep\":\"LOAD\",\"stage\":\"RUNNING\"}", "Loading");
  /* Two sources: each says where it is. */
  assert_progress ("{\"currentStep\":\"SYNC\",\"syncDetail\":{\"rps\":\"120\",\"latency\":\"2\"}},"
                   "{\"currentStep\":\"DUMP\",\"dumpDetail\":{\"progress\":5}}",
                   "Syncing the binlog: 120 rows/s; Dumping: 5 %");
}

static void
test_filter_link (void)
{
  g_autoptr(GListStore) dataflows = g_list_store_new (CW_TYPE_DATAFLOW);
  g_autoptr(CwLink) link = healthy_link ();
  g_autoptr(GPtrArray) found = NULL;
  const char * const links[] = { "plc-1", "plc-2", "plc-1", NULL };

  for (guint i = 0; links[i] != NULL; i++)
    {
      g_autoptr(CwDataflow) dataflow = dataflow_in ("RUNNING", links[i], "");

      g_list_store_append (dataflows, dataflow);
    }
  found = cw_dataflows_filter_link (G_LIST_MODEL (dataflows), link);
  g_assert_cmpuint (found->len, ==, 2);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpstr (cw_dataflow_get_private_link_id (g_ptr_array_index (found, i)), ==, "plc-1");
}

static void
test_database_user (void)
{
  g_autoptr(CwLink) link = healthy_link ();
  g_autoptr(CwSqlUser) user = cw_dataflows_dup_database_user (link, "admin");
  g_autoptr(CwSqlUser) unknown = NULL;

  g_assert_nonnull (user);
  g_assert_cmpint (user->kind, ==, CW_SQL_USER_MYSQL);
  g_assert_cmpstr (user->account_id, ==, "123456789012");
  g_assert_cmpstr (user->region, ==, "us-east-1");
  g_assert_cmpstr (user->database, ==, "orders");
  g_assert_cmpstr (user->user, ==, "admin");
  cw_link_set (link, CW_LINK_DATABASE_ID, NULL);
  unknown = cw_dataflows_dup_database_user (link, "admin");
  g_assert_null (unknown);
}

static CwCheckLevel
level_of (GPtrArray  *checks,
          const char *id)
{
  for (guint i = 0; i < checks->len; i++)
    if (g_str_equal (cw_check_get_id (checks->pdata[i]), id))
      return cw_check_get_level (checks->pdata[i]);
  g_assert_not_reached ();
}

static const char *
fix_of (GPtrArray  *checks,
        const char *id)
{
  for (guint i = 0; i < checks->len; i++)
    if (g_str_equal (cw_check_get_id (checks->pdata[i]), id))
      return cw_check_get_fix (checks->pdata[i]);
  g_assert_not_reached ();
}

static void
test_migration_checks (void)
{
  g_autoptr(GPtrArray) ready = cw_dataflows_migration_checks (7, "orders-mysql80", "ROW", "full");
  g_autoptr(GPtrArray) mixed = cw_dataflows_migration_checks (7, "billing-mysql80", "MIXED", NULL);
  g_autoptr(GPtrArray) unset = cw_dataflows_migration_checks (0, "default.mysql8.0", NULL, "MINIMAL");

  for (guint i = 0; i < ready->len; i++)
    g_assert_cmpint (cw_check_get_level (ready->pdata[i]), ==, CW_CHECK_OK);

  /* MIXED names the parameter and where to change it; an unset row image is MySQL's FULL. */
  g_assert_cmpint (level_of (mixed, "migration-binlog_format"), ==, CW_CHECK_ERROR);
  g_assert_nonnull (strstr (fix_of (mixed, "migration-binlog_format"), "binlog_format to ROW in the parameter group "
                                                                        "billing-mysql80"));
  g_assert_cmpint (level_of (mixed, "migration-binlog_row_image"), ==, CW_CHECK_OK);

  /* Backups off, nothing set in a default group: each says what to do, and that the
   * default group cannot be changed. */
  g_assert_cmpint (level_of (unset, "migration-backups"), ==, CW_CHECK_ERROR);
  g_assert_cmpint (level_of (unset, "migration-binlog_format"), ==, CW_CHECK_ERROR);
  g_assert_cmpint (level_of (unset, "migration-binlog_row_image"), ==, CW_CHECK_ERROR);
  g_assert_nonnull (strstr (fix_of (unset, "migration-binlog_row_image"), "default parameter group cannot be changed"));
  g_assert_nonnull (strstr (fix_of (unset, "migration-backups"), "at least 1 day"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dataflows/link-check", test_link_check);
  g_test_add_func ("/dataflows/login-check", test_login_check);
  g_test_add_func ("/dataflows/refusals", test_refusals);
  g_test_add_func ("/dataflows/states", test_states);
  g_test_add_func ("/dataflows/migration-progress", test_migration_progress);
  g_test_add_func ("/dataflows/filter-link", test_filter_link);
  g_test_add_func ("/dataflows/database-user", test_database_user);
  g_test_add_func ("/dataflows/migration-checks", test_migration_checks);
  return g_test_run ();
}
