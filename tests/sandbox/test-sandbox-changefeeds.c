/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-changefeeds.c: TiDB Cloud's changefeeds through the links, as the
 * sandbox answers them (cdc.swagger.json): changefeeds:test signs in through an ACTIVE
 * link to the listener's port with a user of the database; a changefeed runs on the
 * clock, fails when a failover breaks its link and runs again after a re-sync; bodies
 * with fields the swagger has not are refused. */
#include "config.h"

#include <string.h>

#include "sandbox-test.h"

#define ORDERS_LINK  "orders (set up by hand)"
#define BILLING_LINK "billing (set up by hand)"
#define CHANGEFEEDS  "clusters/" SB_CLUSTER_ID "/changefeeds"

static char *
mysql_sink (const char *link_id,
            int         port,
            const char *user,
            const char *password,
            gboolean    tls)
{
  return g_strdup_printf ("{\"type\": \"MYSQL\", \"mysql\": {\"network\": {\"networkType\": \"PRIVATE_LINK\", "
                          "\"privateLink\": {\"privateLinkConnectionId\": \"%s\", \"port\": %d}}, "
                          "\"authentication\": {\"userName\": \"%s\", \"password\": \"%s\", \"enableTls\": %s}}}",
                          link_id, port, user, password, tls ? "true" : "false");
}

/* POSTs changefeeds:test and checks the status; gives the error message, if any. */
static char *
test_sink (SbTest     *sb,
           const char *sink,
           guint       expected)
{
  g_autofree char *body = g_strdup_printf ("{\"sink\": %s}", sink);
  guint status = 0;
  g_autoptr(JsonObject) answer = sb_tidb_call (sb, "POST", CHANGEFEEDS ":test", body, &status);

  g_assert_nonnull (answer);
  if (status != expected)
    g_error ("changefeeds:test answered %u, not %u: %s", status, expected,
             json_object_get_string_member_with_default (answer, "message", ""));
  return g_strdup (json_object_get_string_member_with_default (answer, "message", NULL));
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text ? text : "(nothing)", part);
}

static void
test_test_ok_and_refusals (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *orders = sb_link_id (sb, ORDERS_LINK);
  g_autofree char *ok = mysql_sink (orders, 3306, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD, FALSE);
  g_autofree char *tls = mysql_sink (orders, 3306, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD, TRUE);
  g_autofree char *wrong_password = mysql_sink (orders, 3306, CW_SANDBOX_MYSQL_USER, "not-the-password", FALSE);
  g_autofree char *wrong_user = mysql_sink (orders, 3306, "nobody", CW_SANDBOX_MYSQL_PASSWORD, FALSE);
  g_autofree char *wrong_port = mysql_sink (orders, 3307, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD, FALSE);
  g_autofree char *no_link = mysql_sink ("plc-doesnotexist00", 3306, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD,
                                         FALSE);
  g_autofree char *message = NULL;

  g_free (test_sink (sb, ok, 200));
  g_free (test_sink (sb, tls, 200));
  message = test_sink (sb, wrong_password, 400);
  assert_contains (message, "Access denied for user 'admin'@'10.0.");
  assert_contains (message, "(using password: YES)");
  g_free (message);
  message = test_sink (sb, wrong_user, 400);
  assert_contains (message, "Access denied for user 'nobody'");
  g_free (message);
  message = test_sink (sb, wrong_port, 400);
  assert_contains (message, ":3307: i/o timeout");
  g_free (message);
  message = test_sink (sb, no_link, 400);
  assert_contains (message, "private link connection plc-doesnotexist00 not found");
}

/* A link still being made, or waiting for acceptance, carries nothing. */
static void
test_link_not_active (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *service_id = NULL;
  g_autofree char *service_name = NULL;
  g_autoptr(CwTidbPrivateLink) link = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sink = NULL;
  g_autofree char *message = NULL;

  sb_make_service (sb, "young-nlb", TRUE, &service_id, &service_name);
  link = sb_tidb_create_link (sb, service_name, &error);
  g_assert_no_error (error);
  sink = mysql_sink (cw_tidb_private_link_get_link_id (link), 3306, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD,
                     FALSE);
  message = test_sink (sb, sink, 400);
  assert_contains (message, "is not active: its state is CREATING");
  g_free (message);
  cw_sandbox_advance_clock (sb->sandbox, 30);
  message = test_sink (sb, sink, 400);
  assert_contains (message, "is not active: its state is PENDING_ACCEPTANCE");
}

/* The billing link points at the address billing-mysql had before its failover; once
 * re-synced it reaches the database, which takes TLS connections only. */
static void
test_drift_and_tls (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *billing = sb_link_id (sb, BILLING_LINK);
  g_autofree char *plain = mysql_sink (billing, 3306, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD, FALSE);
  g_autofree char *tls = mysql_sink (billing, 3306, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD, TRUE);
  g_autofree char *message = NULL;

  message = test_sink (sb, tls, 400);
  assert_contains (message, "i/o timeout");
  g_free (message);
  sb_retarget (sb, "billing-privatelink-3306", "billing-mysql");
  g_free (test_sink (sb, tls, 200));
  message = test_sink (sb, plain, 400);
  assert_contains (message, "Connections using insecure transport are prohibited while --require_secure_transport=ON");
}

/* ---- changefeeds ---- */

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

static char *
create_changefeed (SbTest     *sb,
                   const char *sink)
{
  g_autofree char *body = g_strdup_printf ("{\"displayName\": \"orders to mysql\", \"sink\": %s, "
                                           "\"filter\": {\"filterRule\": [\"*.*\", \"!mysql.*\"]}, "
                                           "\"startPosition\": {\"mode\": \"FROM_NOW\"}}", sink);
  g_autoptr(JsonObject) created = expect (sb, "POST", CHANGEFEEDS, body, 200);

  g_assert_cmpstr (json_object_get_string_member (created, "state"), ==, "CREATING");
  g_assert_cmpstr (json_object_get_string_member (created, "clusterId"), ==, SB_CLUSTER_ID);
  return g_strdup (json_object_get_string_member (created, "changefeedId"));
}

static JsonObject *
get_changefeed (SbTest     *sb,
                const char *id)
{
  g_autofree char *path = g_strconcat (CHANGEFEEDS "/", id, NULL);

  return expect (sb, "GET", path, NULL, 200);
}

/* How far the checkpoint trails the wall clock, in seconds. */
static gint64
lag_of (JsonObject *changefeed)
{
  JsonObject *checkpoint = json_object_get_object_member (changefeed, "checkpoint");
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_object_get_string_member (checkpoint, "time"), NULL);

  g_assert_nonnull (time);
  return g_get_real_time () / G_USEC_PER_SEC - g_date_time_to_unix (time);
}

/* The checkpoint's TSO, which never goes back. */
static guint64
tso_of (JsonObject *changefeed)
{
  JsonObject *checkpoint = json_object_get_object_member (changefeed, "checkpoint");
  guint64 tso = g_ascii_strtoull (json_object_get_string_member (checkpoint, "tso"), NULL, 10);

  g_assert_cmpuint (tso, >, 0);
  return tso;
}

static void
assert_state (SbTest     *sb,
              const char *id,
              const char *state)
{
  g_autoptr(JsonObject) changefeed = get_changefeed (sb, id);

  g_assert_cmpstr (json_object_get_string_member (changefeed, "state"), ==, state);
}

static void
test_changefeed_lifecycle (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *orders = sb_link_id (sb, ORDERS_LINK);
  g_autofree char *sink = mysql_sink (orders, 3306, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD, FALSE);
  g_autofree char *id = create_changefeed (sb, sink);
  g_autofree char *path = g_strconcat (CHANGEFEEDS "/", id, NULL);
  g_autofree char *stop = g_strconcat (path, ":stop", NULL);
  g_autofree char *start = g_strconcat (path, ":start", NULL);
  g_autoptr(JsonObject) running = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) later = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) deleted = NULL;
  JsonObject *authentication;

  assert_state (sb, id, "CREATING");
  cw_sandbox_advance_clock (sb->sandbox, 10);
  running = get_changefeed (sb, id);
  g_assert_cmpstr (json_object_get_string_member (running, "state"), ==, "RUNNING");
  g_assert_cmpint (lag_of (running), <=, 5);
  g_assert_false (json_object_has_member (running, "error"));
  authentication = json_object_get_object_member (json_object_get_object_member (
                     json_object_get_object_member (running, "sink"), "mysql"), "authentication");
  g_assert_false (json_object_has_member (authentication, "password"));

  /* A failover moves orders-mysql to a new address: the link's target is left behind. */
  g_assert_true (cw_sandbox_failover (sb->sandbox, "orders-mysql", NULL));
  failed = get_changefeed (sb, id);
  g_assert_cmpstr (json_object_get_string_member (failed, "state"), ==, "RUNNING_FAILED");
  assert_contains (json_object_get_string_member (failed, "error"), "i/o timeout");
  /* It stays put while the sink is not reached. */
  g_usleep (1100 * 1000);
  cw_sandbox_advance_clock (sb->sandbox, 120);
  later = get_changefeed (sb, id);
  g_assert_cmpstr (json_object_get_string_member (later, "state"), ==, "RUNNING_FAILED");
  g_assert_cmpuint (tso_of (later), ==, tso_of (failed));
  g_assert_cmpuint (tso_of (failed), >=, tso_of (running));

  /* The re-sync points the target at the new address; once healthy, it runs again and
   * the checkpoint catches up. */
  sb_retarget (sb, "orders-privatelink-3306", "orders-mysql");
  again = get_changefeed (sb, id);
  g_assert_cmpstr (json_object_get_string_member (again, "state"), ==, "RUNNING");
  g_assert_cmpint (lag_of (again), <=, 5);
  g_assert_cmpuint (tso_of (again), >, tso_of (later));

  g_clear_pointer (&running, json_object_unref);
  running = expect (sb, "POST", stop, "{}", 200);
  g_assert_cmpstr (json_object_get_string_member (running, "state"), ==, "PAUSED");
  g_clear_pointer (&running, json_object_unref);
  running = expect (sb, "POST", stop, "{}", 400);
  g_clear_pointer (&running, json_object_unref);
  running = expect (sb, "POST", start, "{}", 200);
  g_assert_cmpstr (json_object_get_string_member (running, "state"), ==, "RUNNING");

  deleted = expect (sb, "DELETE", path, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (deleted, "state"), ==, "DELETED");
  g_clear_pointer (&running, json_object_unref);
  running = expect (sb, "GET", path, NULL, 404);
}

/* A create signs in as the test does: the wrong password makes no changefeed. */
static void
test_create_refused (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *orders = sb_link_id (sb, ORDERS_LINK);
  g_autofree char *sink = mysql_sink (orders, 3306, CW_SANDBOX_MYSQL_USER, "wrong", FALSE);
  g_autofree char *body = g_strdup_printf ("{\"sink\": %s, \"filter\": {\"filterRule\": [\"*.*\"]}}", sink);
  g_autofree char *bad_rule = g_strdup_printf ("{\"sink\": %s, \"filter\": {\"filterRule\": [\"orders\"]}}", sink);
  g_autoptr(JsonObject) refused = expect (sb, "POST", CHANGEFEEDS, body, 400);
  g_autoptr(JsonObject) rule = expect (sb, "POST", CHANGEFEEDS, bad_rule, 400);
  g_autoptr(JsonObject) listed = expect (sb, "GET", CHANGEFEEDS, NULL, 200);

  assert_contains (json_object_get_string_member (refused, "message"), "Access denied");
  g_assert_cmpint (json_object_get_int_member (refused, "code"), ==, 9);
  assert_contains (json_object_get_string_member (rule, "message"), "invalid filter rule \"orders\"");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (listed, "changefeeds")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (listed, "totalSize"), ==, 0);
}

/* TiDB Cloud decodes strictly: a field its messages have not is a 400, at any depth. */
static void
test_unknown_fields (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *orders = sb_link_id (sb, ORDERS_LINK);
  g_autofree char *sink = mysql_sink (orders, 3306, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD, FALSE);
  g_autofree char *top = g_strdup_printf ("{\"sink\": %s, \"dryRun\": true}", sink);
  g_autofree char *deep = g_strdup_printf ("{\"type\": \"MYSQL\", \"mysql\": {\"network\": {\"networkType\": "
                                           "\"PRIVATE_LINK\", \"privateLink\": {\"privateLinkConnectionId\": \"%s\", "
                                           "\"port\": 3306}}, \"authentication\": {\"user\": \"admin\", "
                                           "\"password\": \"x\"}}}", orders);
  g_autofree char *deep_body = g_strdup_printf ("{\"sink\": %s}", deep);
  g_autoptr(JsonObject) at_top = expect (sb, "POST", CHANGEFEEDS ":test", top, 400);
  g_autoptr(JsonObject) inside = expect (sb, "POST", CHANGEFEEDS ":test", deep_body, 400);
  g_autoptr(JsonObject) bad_enum = expect (sb, "POST", CHANGEFEEDS ":test", "{\"sink\": {\"type\": \"ORACLE\"}}", 400);
  g_autoptr(JsonObject) missing = expect (sb, "POST", CHANGEFEEDS ":test", "{}", 400);

  assert_contains (json_object_get_string_member (at_top, "message"), "unknown field \"dryRun\"");
  g_assert_cmpint (json_object_get_int_member (at_top, "code"), ==, 3);
  assert_contains (json_object_get_string_member (inside, "message"),
                   "unknown field \"user\" in sink.mysql.authentication");
  assert_contains (json_object_get_string_member (bad_enum, "message"), "sink.type");
  assert_contains (json_object_get_string_member (missing, "message"), "sink is required");
}

/* Listings page like the private link list: pageSize, pageToken, nextPageToken. */
static void
test_list_paging (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *orders = sb_link_id (sb, ORDERS_LINK);
  g_autofree char *sink = mysql_sink (orders, 3306, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD, FALSE);
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) bad = NULL;
  g_autofree char *next = NULL;

  for (guint i = 0; i < 3; i++)
    g_free (create_changefeed (sb, sink));
  first = expect (sb, "GET", CHANGEFEEDS "?pageSize=2", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "changefeeds")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (first, "totalSize"), ==, 3);
  next = g_strdup_printf (CHANGEFEEDS "?pageSize=2&pageToken=%s", json_object_get_string_member (first, "nextPageToken"));
  second = expect (sb, "GET", next, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (second, "changefeeds")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "nextPageToken"), ==, "");
  bad = expect (sb, "GET", CHANGEFEEDS "?pageSize=101", NULL, 400);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/changefeeds/test", test_test_ok_and_refusals);
  g_test_add_func ("/sandbox/changefeeds/link-not-active", test_link_not_active);
  g_test_add_func ("/sandbox/changefeeds/drift-and-tls", test_drift_and_tls);
  g_test_add_func ("/sandbox/changefeeds/lifecycle", test_changefeed_lifecycle);
  g_test_add_func ("/sandbox/changefeeds/create-refused", test_create_refused);
  g_test_add_func ("/sandbox/changefeeds/unknown-fields", test_unknown_fields);
  g_test_add_func ("/sandbox/changefeeds/list-paging", test_list_paging);
  return g_test_run ();
}
