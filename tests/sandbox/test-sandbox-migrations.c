/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-migrations.c: TiDB Cloud's Data Migration through the links, as the
 * sandbox answers it (dm.swagger.json): the precheck follows the source's parameter
 * group (orders-mysql is ready, billing-mysql writes MIXED events), a migration is made
 * only when the checks pass, and its subtask dumps, loads and syncs on the clock, pauses
 * and resumes, and stops while a failover has broken its link. */
#include "config.h"

#include <string.h>

#include "sandbox-test.h"

#define ORDERS_LINK  "orders (set up by hand)"
#define BILLING_LINK "billing (set up by hand)"
#define PRECHECKS    "clusters/" SB_CLUSTER_ID "/migrationPrechecks"
#define MIGRATIONS   "clusters/" SB_CLUSTER_ID "/migrations"

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text ? text : "(nothing)", part);
}

static JsonObject *
expect (SbTest     *sb,
        const char *method,
        const char *path,
        const char *body,
        guint       expected)
{
  guint status = 0;
  JsonObject *answer = sb_tidb_call (sb, method, path, body, &status);

  if (answer == NULL)
    g_error ("%s %s answered %u without JSON", method, path, status);
  if (status != expected)
    g_error ("%s %s answered %u, not %u: %s", method, path, status, expected,
             json_object_get_string_member_with_default (answer, "message", ""));
  return answer;
}

/* A job from the database behind @link_id into the cluster. */
static char *
job (SbTest     *sb,
     const char *link_id,
     const char *password,
     const char *tidb_password,
     const char *mode)
{
  g_autofree char *tidb_user = cw_sandbox_get_tidb_sql_user (sb->sandbox);

  return g_strdup_printf ("{\"displayName\": \"into TiDB\", \"sources\": [{\"connProfile\": {\"connType\": "
                          "\"PRIVATE_LINK\", \"endpointId\": \"%s\", \"port\": 3306, \"user\": \"admin\", "
                          "\"password\": \"%s\"}, \"sourceType\": \"AWS_RDS_MYSQL\", \"migrationRules\": "
                          "[{\"sourceTable\": {\"schemaPattern\": \"shop\", \"tablePattern\": \"*\"}, "
                          "\"targetTable\": {\"schema\": \"shop\"}}]}], \"target\": {\"user\": \"%s\", "
                          "\"password\": \"%s\"}, \"mode\": \"%s\"}", link_id, password, tidb_user, tidb_password,
                          mode);
}

/* Runs a precheck to its end; gives its answer. */
static JsonObject *
precheck (SbTest     *sb,
          const char *body)
{
  g_autoptr(JsonObject) created = expect (sb, "POST", PRECHECKS, body, 200);
  g_autofree char *path = g_strconcat (PRECHECKS "/", json_object_get_string_member (created, "precheckId"), NULL);
  g_autoptr(JsonObject) running = expect (sb, "GET", path, NULL, 200);

  g_assert_cmpstr (json_object_get_string_member (running, "status"), ==, "RUNNING");
  cw_sandbox_advance_clock (sb->sandbox, 15);
  return expect (sb, "GET", path, NULL, 200);
}

static JsonObject *
item_of (JsonObject *precheck,
         const char *type)
{
  JsonArray *items = json_object_get_array_member (precheck, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "type", NULL), type) == 0)
        return item;
    }
  g_error ("the precheck has no %s item", type);
}

static void
test_precheck_mixed (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *billing = sb_link_id (sb, BILLING_LINK);
  g_autofree char *body = job (sb, billing, CW_SANDBOX_MYSQL_PASSWORD, CW_SANDBOX_TIDB_PASSWORD, "ALL");
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) refused = NULL;
  JsonObject *format;

  sb_retarget (sb, "billing-privatelink-3306", "billing-mysql");
  done = precheck (sb, body);
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "FINISHED");
  g_assert_cmpint (json_object_get_int_member (done, "failedCnt"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (done, "total"), ==,
                   json_array_get_length (json_object_get_array_member (done, "items")));
  format = item_of (done, "BINLOG_FORMAT_CHECKING");
  g_assert_cmpstr (json_object_get_string_member (format, "status"), ==, "FAILED");
  assert_contains (json_object_get_string_member (format, "reason"), "binlog_format is MIXED");
  assert_contains (json_object_get_string_member (format, "solution"), "billing-mysql80");
  g_assert_cmpstr (json_object_get_string_member (item_of (done, "BINLOG_ROW_IMAGE_CHECKING"), "status"), ==, "SUCCESS");
  g_assert_cmpstr (json_object_get_string_member (item_of (done, "BINLOG_ENABLE_CHECKING"), "status"), ==, "SUCCESS");

  refused = expect (sb, "POST", MIGRATIONS, body, 400);
  assert_contains (json_object_get_string_member (refused, "message"), "BINLOG_FORMAT_CHECKING: binlog_format is MIXED");
}

/* A source the link does not reach fails the precheck itself; a cancelled one is gone. */
static void
test_precheck_unreachable (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *billing = sb_link_id (sb, BILLING_LINK);
  g_autofree char *body = job (sb, billing, CW_SANDBOX_MYSQL_PASSWORD, "wrong", "INCREMENTAL");
  g_autoptr(JsonObject) done = precheck (sb, body);
  g_autoptr(JsonObject) created = expect (sb, "POST", PRECHECKS, body, 200);
  g_autofree char *path = g_strconcat (PRECHECKS "/", json_object_get_string_member (created, "precheckId"), NULL);
  JsonObject *first = json_array_get_object_element (json_object_get_array_member (done, "items"), 0);
  g_autoptr(JsonObject) cancelled = NULL;
  g_autoptr(JsonObject) gone = NULL;

  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "FAILED");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "FAILED");
  assert_contains (json_object_get_string_member (first, "reason"), "i/o timeout");
  assert_contains (json_object_get_string_member (item_of (done, "TARGET_DB_PRIVILEGE_CHECKING"), "reason"),
                   "Access denied for user");
  cancelled = expect (sb, "DELETE", path, NULL, 200);
  gone = expect (sb, "GET", path, NULL, 404);
}

static JsonObject *
subtask_of (JsonObject *migration)
{
  return json_array_get_object_element (json_object_get_array_member (migration, "subTasks"), 0);
}

static JsonObject *
get (SbTest     *sb,
     const char *path,
     const char *state,
     const char *step)
{
  JsonObject *migration = expect (sb, "GET", path, NULL, 200);

  g_assert_cmpstr (json_object_get_string_member (migration, "state"), ==, state);
  if (step != NULL)
    g_assert_cmpstr (json_object_get_string_member (subtask_of (migration), "currentStep"), ==, step);
  return migration;
}

static double
dump_progress (JsonObject *migration)
{
  return json_object_get_double_member (json_object_get_object_member (subtask_of (migration), "dumpDetail"),
                                        "progress");
}

static void
test_migration_to_sync (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *orders = sb_link_id (sb, ORDERS_LINK);
  g_autofree char *body = job (sb, orders, CW_SANDBOX_MYSQL_PASSWORD, CW_SANDBOX_TIDB_PASSWORD, "ALL");
  g_autoptr(JsonObject) ready = precheck (sb, body);
  g_autoptr(JsonObject) created = expect (sb, "POST", MIGRATIONS, body, 200);
  g_autofree char *path = g_strconcat (MIGRATIONS "/", json_object_get_string_member (created, "migrationId"), NULL);
  g_autofree char *pause = g_strconcat (path, ":pause", NULL);
  g_autofree char *resume = g_strconcat (path, ":resume", NULL);
  g_autoptr(JsonObject) dumping = NULL;
  g_autoptr(JsonObject) paused = NULL;
  g_autoptr(JsonObject) still = NULL;
  g_autoptr(JsonObject) syncing = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *source;
  double progress;

  g_assert_cmpstr (json_object_get_string_member (ready, "status"), ==, "FINISHED");
  g_assert_cmpint (json_object_get_int_member (ready, "failedCnt"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (created, "state"), ==, "CREATING");
  source = json_object_get_object_member (json_object_get_object_member (subtask_of (created), "source"), "connProfile");
  g_assert_false (json_object_has_member (source, "password"));

  cw_sandbox_advance_clock (sb->sandbox, 20 + 30);
  dumping = get (sb, path, "RUNNING", "DUMP");
  progress = dump_progress (dumping);
  g_assert_cmpfloat (progress, >, 40.0);
  g_assert_cmpfloat (progress, <, 60.0);

  answer = expect (sb, "POST", pause, "{}", 200);
  paused = get (sb, path, "PAUSED", "DUMP");
  g_assert_cmpstr (json_object_get_string_member (subtask_of (paused), "stage"), ==, "PAUSED");
  cw_sandbox_advance_clock (sb->sandbox, 600);
  still = get (sb, path, "PAUSED", "DUMP");
  g_assert_cmpfloat (dump_progress (still), <, 60.0);
  g_clear_pointer (&answer, json_object_unref);
  answer = expect (sb, "POST", pause, "{}", 400);
  g_clear_pointer (&answer, json_object_unref);
  answer = expect (sb, "POST", resume, "{}", 200);

  cw_sandbox_advance_clock (sb->sandbox, 30 + 90);
  syncing = get (sb, path, "RUNNING", "SYNC");
  g_assert_true (json_object_has_member (subtask_of (syncing), "syncDetail"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (subtask_of (syncing), "loadDetail"),
                                                    "progress"), ==, 100.0);
  g_clear_pointer (&answer, json_object_unref);
  answer = expect (sb, "GET", MIGRATIONS "?orderBy=createTime+desc", NULL, 200);
  g_assert_cmpint (json_object_get_int_member (answer, "totalSize"), ==, 1);
  g_clear_pointer (&answer, json_object_unref);
  answer = expect (sb, "GET", MIGRATIONS "?orderBy=displayName", NULL, 400);
  g_clear_pointer (&answer, json_object_unref);
  answer = expect (sb, "DELETE", path, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (answer, "state"), ==, "DELETING");
  g_clear_pointer (&answer, json_object_unref);
  answer = expect (sb, "GET", path, NULL, 404);
}

/* A failover leaves the link's target behind: the subtask stops with TiDB Cloud's
 * error until the target is re-synced. */
static void
test_migration_through_failover (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *orders = sb_link_id (sb, ORDERS_LINK);
  g_autofree char *body = job (sb, orders, CW_SANDBOX_MYSQL_PASSWORD, CW_SANDBOX_TIDB_PASSWORD, "INCREMENTAL");
  g_autoptr(JsonObject) created = expect (sb, "POST", MIGRATIONS, body, 200);
  g_autofree char *path = g_strconcat (MIGRATIONS "/", json_object_get_string_member (created, "migrationId"), NULL);
  g_autoptr(JsonObject) running = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) again = NULL;

  cw_sandbox_advance_clock (sb->sandbox, 20);
  running = get (sb, path, "RUNNING", "SYNC");
  g_assert_true (cw_sandbox_failover (sb->sandbox, "orders-mysql", NULL));
  failed = get (sb, path, "FAILED", "SYNC");
  g_assert_cmpstr (json_object_get_string_member (subtask_of (failed), "stage"), ==, "FAILED");
  assert_contains (json_object_get_string_member (subtask_of (failed), "errorMsg"), "i/o timeout");
  sb_retarget (sb, "orders-privatelink-3306", "orders-mysql");
  again = get (sb, path, "RUNNING", "SYNC");
}

static void
test_migration_refused (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *orders = sb_link_id (sb, ORDERS_LINK);
  g_autofree char *wrong_tidb = job (sb, orders, CW_SANDBOX_MYSQL_PASSWORD, "wrong", "ALL");
  g_autofree char *wrong_mysql = job (sb, orders, "wrong", CW_SANDBOX_TIDB_PASSWORD, "ALL");
  g_autoptr(JsonObject) tidb = expect (sb, "POST", MIGRATIONS, wrong_tidb, 400);
  g_autoptr(JsonObject) mysql = expect (sb, "POST", MIGRATIONS, wrong_mysql, 400);
  g_autoptr(JsonObject) unknown = expect (sb, "POST", PRECHECKS, "{\"displayName\": \"x\", \"sources\": [], "
                                          "\"target\": {\"user\": \"a\", \"password\": \"b\"}, \"mode\": \"ALL\", "
                                          "\"priority\": 1}", 400);
  g_autoptr(JsonObject) listed = expect (sb, "GET", MIGRATIONS, NULL, 200);

  assert_contains (json_object_get_string_member (tidb, "message"), "TARGET_DB_PRIVILEGE_CHECKING: Error 1045");
  assert_contains (json_object_get_string_member (mysql, "message"), "Access denied for user 'admin'");
  assert_contains (json_object_get_string_member (unknown, "message"), "unknown field \"priority\"");
  g_assert_cmpint (json_object_get_int_member (listed, "totalSize"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/migrations/precheck-mixed", test_precheck_mixed);
  g_test_add_func ("/sandbox/migrations/precheck-unreachable", test_precheck_unreachable);
  g_test_add_func ("/sandbox/migrations/to-sync", test_migration_to_sync);
  g_test_add_func ("/sandbox/migrations/through-failover", test_migration_through_failover);
  g_test_add_func ("/sandbox/migrations/refused", test_migration_refused);
  return g_test_run ();
}
