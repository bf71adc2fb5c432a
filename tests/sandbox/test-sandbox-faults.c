/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-faults.c: every kind of fault, as a client sees it */
#include "config.h"

#include <string.h>

#include "sandbox-test.h"

static char *
call_sts (SbTest  *sb,
          guint   *status,
          GError **error)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new ();

  g_ptr_array_add (form, (gpointer) "Action");
  g_ptr_array_add (form, (gpointer) "GetCallerIdentity");
  g_ptr_array_add (form, (gpointer) "Version");
  g_ptr_array_add (form, (gpointer) "2011-06-15");
  return sb_aws_signed (sb, CW_SANDBOX_ACCESS_KEY_ID, cw_sandbox_get_secret_access_key (sb->sandbox),
                        CW_SANDBOX_REGION, "sts", form, status, error);
}

static void
assert_code (const char *body,
             const char *code)
{
  g_autofree char *got = sb_xml_get (body, "Code");

  g_assert_cmpstr (got, ==, code);
}

static void
test_throttle (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", "throttle:ec2.DescribeVpcs:count=2,throttle:elbv2");
  guint status = 0;
  g_autofree char *first = sb_aws (sb, "ec2", &status, "DescribeVpcs", NULL);
  g_autofree char *other = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *elb = NULL;

  g_assert_cmpuint (status, ==, 503);
  assert_code (first, "RequestLimitExceeded");
  g_assert_nonnull (strstr (first, "<RequestID>"));
  other = sb_aws (sb, "ec2", &status, "DescribeSubnets", NULL);
  g_assert_cmpuint (status, ==, 200);
  second = sb_aws (sb, "ec2", &status, "DescribeVpcs", NULL);
  g_assert_cmpuint (status, ==, 503);
  third = sb_aws (sb, "ec2", &status, "DescribeVpcs", NULL);
  g_assert_cmpuint (status, ==, 200);
  elb = sb_aws (sb, "elasticloadbalancing", &status, "DescribeLoadBalancers", NULL);
  g_assert_cmpuint (status, ==, 400);
  assert_code (elb, "Throttling");
  g_assert_nonnull (strstr (elb, "<ErrorResponse"));
}

static void
test_server_errors (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", "5xx:ec2:status=500,5xx:rds");
  guint status = 0;
  g_autofree char *ec2 = sb_aws (sb, "ec2", &status, "DescribeVpcs", NULL);
  g_autofree char *rds = NULL;

  g_assert_cmpuint (status, ==, 500);
  assert_code (ec2, "InternalError");
  rds = sb_aws (sb, "rds", &status, "DescribeDBInstances", NULL);
  g_assert_cmpuint (status, ==, 503);
  assert_code (rds, "ServiceUnavailable");
}

static void
test_drop (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", "drop:sts");
  g_autoptr(GError) error = NULL;
  g_autofree char *dropped = NULL;
  g_autofree char *answered = NULL;
  guint status = 0;

  dropped = call_sts (sb, &status, &error);
  g_assert_null (dropped);
  g_assert_nonnull (error);
  g_clear_error (&error);
  answered = call_sts (sb, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_delay (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", "delay:sts:ms=300");
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autofree char *slow = NULL;
  g_autofree char *fast = NULL;
  guint status = 0;

  slow = call_sts (sb, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  start = g_get_monotonic_time ();
  fast = call_sts (sb, &status, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
}

/* The new group is missed by the next two reads, as right after a create in AWS. */
static void
test_lag (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", "lag:ec2.CreateSecurityGroup:reads=2");
  g_autofree char *vpcs = sb_aws_ok (sb, "ec2", "DescribeVpcs", NULL);
  g_autofree char *vpc = sb_xml_get (vpcs, "vpcId");
  g_autofree char *created = sb_aws_ok (sb, "ec2", "CreateSecurityGroup", "GroupName", "lagging",
                                        "GroupDescription", "x", "VpcId", vpc, NULL);
  g_autofree char *group = sb_xml_get (created, "groupId");
  g_autofree char *found = NULL;

  for (guint i = 0; i < 2; i++)
    sb_aws_expect_error (sb, "ec2", "InvalidGroup.NotFound", "DescribeSecurityGroups", "GroupId.1", group, NULL);
  found = sb_aws_ok (sb, "ec2", "DescribeSecurityGroups", "GroupId.1", group, NULL);
  g_assert_nonnull (strstr (found, group));
}

static void
test_tidb_faults (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", "throttle:tidb.ListClusters:count=1,5xx:tidb.GetCluster:count=9");
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) got = NULL;
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(CwTidbCluster) cluster = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) dump = NULL;
  JsonObject *requests;

  /* One 429: the client's retry gets through. */
  cw_tidb_client_list_clusters_async (sb->tidb, NULL, sb_store_result, &listed);
  clusters = cw_tidb_client_list_clusters_finish (sb->tidb, sb_wait (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clusters), ==, 2);
  /* More 503s than the client retries. */
  cw_tidb_client_get_cluster_async (sb->tidb, SB_CLUSTER_ID, NULL, sb_store_result, &got);
  cluster = cw_tidb_client_get_cluster_finish (sb->tidb, sb_wait (&got), &error);
  g_assert_null (cluster);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_SERVER);
  dump = cw_sandbox_dump_inventory (sb->sandbox);
  requests = json_object_get_object_member (json_node_get_object (dump), "requests");
  g_assert_cmpint (json_object_get_int_member (requests, "tidb.ListClusters"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (requests, "tidb.GetCluster"), >, 1);
}

static void
test_tidb_lag (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", "lag:tidb.CreatePrivateLinkConnection:reads=1");
  g_autofree char *service_id = NULL;
  g_autofree char *service_name = NULL;
  g_autoptr(CwTidbPrivateLink) created = NULL;
  g_autoptr(CwTidbPrivateLink) missed = NULL;
  g_autoptr(CwTidbPrivateLink) found = NULL;
  g_autoptr(GError) error = NULL;

  sb_make_service (sb, "lag-nlb", TRUE, &service_id, &service_name);
  created = sb_tidb_create_link (sb, service_name, &error);
  g_assert_no_error (error);
  missed = sb_tidb_get_link (sb, cw_tidb_private_link_get_link_id (created), &error);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  found = sb_tidb_get_link (sb, cw_tidb_private_link_get_link_id (created), &error);
  g_assert_no_error (error);
}

/* after=N lets N requests through first: a run can be cut at any step. */
static void
test_after (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", "throttle:sts:after=2");
  guint expected[] = { 200, 200, 400, 200 };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;
      guint status = 0;

      body = call_sts (sb, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status, ==, expected[i]);
    }
}

static char *
draws (guint32 seed)
{
  g_autoptr(SbTest) sb = sb_test_new_seeded (0.01, "default", "throttle:sts:p=0.5", seed);
  g_autoptr(GString) pattern = g_string_new (NULL);

  for (guint i = 0; i < 24; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;
      guint status = 0;

      body = call_sts (sb, &status, &error);
      g_assert_no_error (error);
      g_string_append_c (pattern, status == 200 ? '.' : 'T');
    }
  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

static void
test_seeded (void)
{
  g_autofree char *first = draws (5);
  g_autofree char *again = draws (5);
  g_autofree char *other = draws (6);

  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, other);
  g_assert_nonnull (strchr (first, 'T'));
  g_assert_nonnull (strchr (first, '.'));
}

static void
test_scheduled_failover (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", "failover:orders-mysql:at=60");
  const char *host = "orders-mysql.c9sbx1k2abcd.us-east-1.rds.amazonaws.com";
  g_autofree char *before = cw_sandbox_resolve_host (sb->sandbox, host);
  g_autofree char *still = NULL;
  g_autofree char *after = NULL;

  cw_sandbox_advance_clock (sb->sandbox, 59);
  still = cw_sandbox_resolve_host (sb->sandbox, host);
  g_assert_cmpstr (before, ==, still);
  cw_sandbox_advance_clock (sb->sandbox, 1);
  after = cw_sandbox_resolve_host (sb->sandbox, host);
  g_assert_cmpstr (before, !=, after);
}

static void
test_bad_specs (void)
{
  static const char * const bad[] = { "explode:ec2", "throttle:s3", "throttle:ec2:count=0", "delay:ec2:p=2",
                                      "5xx:ec2:status=404", "failover", "failover:no-such-db", "throttle:ec2:bogus=1" };
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (cw_sandbox_add_faults (sb->sandbox, bad[i], &error));
      g_assert_nonnull (error);
    }
}

static void
test_runtime_faults (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint status = 0;

  g_assert_true (cw_sandbox_add_faults (sb->sandbox, "throttle:sts:p=1", &error));
  first = call_sts (sb, &status, &error);
  g_assert_cmpuint (status, ==, 400);
  cw_sandbox_clear_faults (sb->sandbox);
  second = call_sts (sb, &status, &error);
  g_assert_cmpuint (status, ==, 200);
}

static gpointer
call_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  guint status = 0;

  body = call_sts (data, &status, &error);
  return GINT_TO_POINTER (body == NULL && error != NULL);
}

/* Stopping while an answer is held back drops it cleanly: the client hears the
 * connection close at once. */
static void
test_stop_while_delayed (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", "delay:sts:ms=20000");
  gint64 start = g_get_monotonic_time ();
  GThread *client = g_thread_new ("client", call_in_thread, sb);

  g_usleep (300 * 1000);
  cw_sandbox_stop (sb->sandbox);
  g_assert_true (GPOINTER_TO_INT (g_thread_join (client)));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/faults/throttle", test_throttle);
  g_test_add_func ("/sandbox/faults/server-errors", test_server_errors);
  g_test_add_func ("/sandbox/faults/drop", test_drop);
  g_test_add_func ("/sandbox/faults/delay", test_delay);
  g_test_add_func ("/sandbox/faults/lag", test_lag);
  g_test_add_func ("/sandbox/faults/tidb", test_tidb_faults);
  g_test_add_func ("/sandbox/faults/tidb-lag", test_tidb_lag);
  g_test_add_func ("/sandbox/faults/after", test_after);
  g_test_add_func ("/sandbox/faults/seeded", test_seeded);
  g_test_add_func ("/sandbox/faults/scheduled-failover", test_scheduled_failover);
  g_test_add_func ("/sandbox/faults/bad-specs", test_bad_specs);
  g_test_add_func ("/sandbox/faults/runtime", test_runtime_faults);
  g_test_add_func ("/sandbox/faults/stop-while-delayed", test_stop_while_delayed);
  return g_test_run ();
}
