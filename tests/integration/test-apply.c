/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Integration tests of causeway-cli against the sandbox: a full apply reaches ACTIVE
 * with a healthy target, `links` calls it Healthy, `delete` leaves the world exactly as
 * it was; every check refuses its bad case before anything is created. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cw-test-sandbox.h"

#define TIME_SCALE 0.01

static void
assert_one_tcp_rule (JsonArray  *rules,
                     guint       port,
                     const char *member,
                     const char *peer)
{
  JsonObject *rule;

  g_assert_cmpuint (json_array_get_length (rules), ==, 1);
  rule = json_array_get_object_element (rules, 0);
  g_assert_cmpstr (json_object_get_string_member (rule, "protocol"), ==, "tcp");
  g_assert_cmpint (json_object_get_int_member (rule, "from_port"), ==, port);
  g_assert_cmpint (json_object_get_int_member (rule, "to_port"), ==, port);
  g_assert_cmpstr (json_object_get_string_member_with_default (rule, member, NULL), ==, peer);
}

/* Least privilege both ways: the load balancer's group lets in the database port and
 * lets out only that port, to the database's group (AWS's allow-all egress is gone);
 * the database's group admits the load balancer's group on that port. */
static void
assert_least_privilege (JsonNode   *dump,
                        const char *link_id,
                        const char *database_id)
{
  JsonObject *lb_group = cw_test_find_tagged (dump, "security_groups", link_id);
  JsonObject *database = cw_test_dump_find (dump, "aws", "db_instances", "id", database_id);
  const char *database_group = json_array_get_string_element (json_object_get_array_member (database, "group_ids"), 0);
  const char *lb_group_id = json_object_get_string_member (lb_group, "id");
  JsonObject *db_group = cw_test_dump_find (dump, "aws", "security_groups", "id", database_group);
  JsonArray *db_ingress = json_object_get_array_member (db_group, "ingress");
  guint from_lb = 0;

  assert_one_tcp_rule (json_object_get_array_member (lb_group, "ingress"), 3306, "cidr", "0.0.0.0/0");
  assert_one_tcp_rule (json_object_get_array_member (lb_group, "egress"), 3306, "group_id", database_group);
  for (guint i = 0; i < json_array_get_length (db_ingress); i++)
    {
      JsonObject *rule = json_array_get_object_element (db_ingress, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (rule, "group_id", NULL), lb_group_id) == 0)
        {
          g_assert_cmpint (json_object_get_int_member (rule, "from_port"), ==, 3306);
          g_assert_cmpint (json_object_get_int_member (rule, "to_port"), ==, 3306);
          from_lb++;
        }
    }
  g_assert_cmpuint (from_lb, ==, 1);
}

static void
test_full_apply_and_delete (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *before_signature = cw_test_sandbox_signature (sb);
  g_autoptr(JsonNode) links = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *again_errors = NULL;
  JsonObject *link;
  JsonObject *tidb_link;
  const char *link_id;
  int status;

  out = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql",
                         "--name", "orders via causeway", "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "verify_health"));
  cw_test_assert_journals_hold_no_secret (sb);

  links = cw_test_run_cli_json (sb, "links", "--cluster", CW_TEST_CLUSTER_ID, NULL);
  link = cw_test_find_object (links, "displayName", "orders via causeway");
  g_assert_nonnull (link);
  g_assert_cmpstr (json_object_get_string_member (link, "status"), ==, "Healthy");
  g_assert_true (json_object_get_boolean_member (link, "managed"));
  g_assert_cmpstr (json_object_get_string_member (link, "database"), ==, "orders-mysql");
  g_assert_cmpstr (json_object_get_string_member (link, "clusterId"), ==, CW_TEST_CLUSTER_ID);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (link, "endpointServiceName"),
                                   "com.amazonaws.vpce.us-east-1.vpce-svc-"));
  g_assert_nonnull (json_object_get_string_member (link, "privateLinkConnectionId"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (link, "reasons")), ==, 0);
  link_id = json_object_get_string_member (link, "linkId");
  g_assert_true (g_uuid_string_is_valid (link_id));

  /* Applied again, the made link is named, not met as a name conflict. */
  again = cw_test_run_cli (sb, &status, &again_errors, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database",
                           "orders-mysql", "--name", "orders via causeway", "--yes", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (again_errors, "already connects orders-mysql"));
  g_assert_nonnull (strstr (again_errors, link_id));

  /* What the sandbox itself says: the connection is active and really reaches the
   * database; each resource exists once, tagged with the link. */
  created = cw_test_sandbox_dump (sb);
  tidb_link = cw_test_dump_find (created, "tidb", "private_links", "id", json_object_get_string_member (link, "privateLinkConnectionId"));
  g_assert_cmpstr (json_object_get_string_member (tidb_link, "state"), ==, "ACTIVE");
  g_assert_true (json_object_get_boolean_member (tidb_link, "reachable"));
  g_assert_cmpuint (cw_test_count_tagged (created, "security_groups", link_id), ==, 1);
  g_assert_cmpuint (cw_test_count_tagged (created, "target_groups", link_id), ==, 1);
  g_assert_cmpuint (cw_test_count_tagged (created, "load_balancers", link_id), ==, 1);
  g_assert_cmpuint (cw_test_count_tagged (created, "endpoint_services", link_id), ==, 1);
  assert_least_privilege (created, link_id, "orders-mysql");
  g_assert_cmpstr (json_object_get_string_member (cw_test_find_object (links, "displayName", "orders (set up by hand)"), "status"),
                   ==, "Healthy");

  g_free (out);
  out = cw_test_run_cli (sb, &status, NULL, "delete", link_id, "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  cw_test_assert_world_is (sb, before_signature);
  cw_test_sandbox_free (sb);
}

/* A plan that cannot work: `plan` says which check and exits 1, `apply` refuses
 * before anything exists. */
typedef struct {
  const char *name;
  const char *check;
  const char *arguments[8];
} BadPlan;

static const BadPlan bad_plans[] = {
  { "other-region", "region", { "--cluster", CW_TEST_STARTER_ID, "--database", "orders-mysql",
                                "--database-region", "us-east-1", NULL } },
  { "no-zone-overlap", "zone-overlap", { "--cluster", CW_TEST_CLUSTER_ID, "--database", "legacy-mysql", NULL } },
  { "postgresql", "engine", { "--cluster", CW_TEST_CLUSTER_ID, "--database", "reports-postgres", NULL } },
  { "load-balancer-name", "load-balancer-name", { "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql",
                                                  "--load-balancer-name", "internal-orders", NULL } },
  { "target-group-name", "target-group-name", { "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql",
                                                "--target-group-name", "orders_tg", NULL } },
  { "taken-name", "target-group-name", { "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql",
                                         "--target-group-name", "orders-privatelink-3306", NULL } },
};

static const char *
check_level (JsonNode   *plan,
             const char *id)
{
  JsonArray *checks = json_object_get_array_member (json_node_get_object (plan), "checks");

  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);

      if (g_str_equal (json_object_get_string_member (check, "id"), id))
        {
          if (g_str_equal (json_object_get_string_member (check, "level"), "error"))
            g_assert_nonnull (json_object_get_string_member (check, "fix"));
          return json_object_get_string_member (check, "level");
        }
    }
  return NULL;
}

static JsonNode *
plan_json (CwTestSandbox      *sb,
           const char * const *arguments)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_ptr_array_add (argv, (gpointer) "plan");
  for (guint i = 0; arguments[i]; i++)
    g_ptr_array_add (argv, (gpointer) arguments[i]);
  g_ptr_array_add (argv, (gpointer) "--output");
  g_ptr_array_add (argv, (gpointer) "json");
  g_ptr_array_add (argv, NULL);
  process = cw_test_spawn_cli (sb, (const char * const *) argv->pdata);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (sb->sandbox), "cw-test-plan-status",
                     GINT_TO_POINTER (g_subprocess_get_exit_status (process)));
  return json_from_string (out, &error);
}

static void
test_bad_plans_are_refused (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *before_signature = cw_test_sandbox_signature (sb);

  for (guint i = 0; i < G_N_ELEMENTS (bad_plans); i++)
    {
      const BadPlan *bad = &bad_plans[i];
      g_autoptr(JsonNode) plan = plan_json (sb, bad->arguments);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GSubprocess) process = NULL;
        
      g_test_message ("%s", bad->name);
      g_assert_nonnull (plan);
      g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sb->sandbox), "cw-test-plan-status")), ==, 1);
      g_assert_false (json_object_get_boolean_member (json_node_get_object (plan), "ready"));
      g_assert_cmpstr (check_level (plan, bad->check), ==, "error");

      g_ptr_array_add (argv, (gpointer) "apply");
      for (guint a = 0; bad->arguments[a]; a++)
        g_ptr_array_add (argv, (gpointer) bad->arguments[a]);
      g_ptr_array_add (argv, (gpointer) "--yes");
      g_ptr_array_add (argv, NULL);
      process = cw_test_spawn_cli (sb, (const char * const *) argv->pdata);
      g_assert_true (g_subprocess_wait (process, NULL, NULL));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
      cw_test_assert_world_is (sb, before_signature);
    }
  cw_test_sandbox_free (sb);
}

static void
test_public_instance_gets_private_ip (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *arguments[] = { "--cluster", CW_TEST_CLUSTER_ID, "--database", "public-mysql", NULL };
  g_autoptr(JsonNode) plan = plan_json (sb, arguments);
  g_autoptr(JsonNode) dump = cw_test_sandbox_dump (sb);
  JsonObject *instance = cw_test_dump_find (dump, "aws", "db_instances", "id", "public-mysql");
  JsonObject *database = json_object_get_object_member (json_node_get_object (plan), "database");

  g_assert_nonnull (json_object_get_string_member (instance, "public_ip"));
  g_assert_cmpstr (json_object_get_string_member (database, "privateIp"), ==,
                   json_object_get_string_member (instance, "private_ip"));
  g_assert_cmpstr (check_level (plan, "private-ip"), ==, "ok");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (plan), "ready"));
  cw_test_sandbox_free (sb);
}

/* An Aurora cluster is reached through its writer: the writer instance's address. */
static void
test_aurora_writer (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *arguments[] = { "--cluster", CW_TEST_CLUSTER_ID, "--database", "inventory-aurora", NULL };
  g_autoptr(JsonNode) plan = plan_json (sb, arguments);
  g_autoptr(JsonNode) dump = cw_test_sandbox_dump (sb);
  JsonObject *cluster = cw_test_dump_find (dump, "aws", "db_clusters", "id", "inventory-aurora");
  JsonObject *writer = cw_test_dump_find (dump, "aws", "db_instances", "id", json_object_get_string_member (cluster, "writer_id"));
  JsonObject *database = json_object_get_object_member (json_node_get_object (plan), "database");

  g_assert_cmpstr (json_object_get_string_member (database, "kind"), ==, "aurora-cluster");
  g_assert_cmpstr (json_object_get_string_member (database, "endpoint"), ==, json_object_get_string_member (cluster, "host"));
  g_assert_cmpstr (json_object_get_string_member (database, "privateIp"), ==,
                   json_object_get_string_member (writer, "private_ip"));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (plan), "ready"));
  cw_test_sandbox_free (sb);
}

static void
test_cross_zone_when_needed (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *billing[] = { "--cluster", CW_TEST_CLUSTER_ID, "--database", "billing-mysql", NULL };
  const char *orders[] = { "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql", NULL };
  g_autoptr(JsonNode) billing_plan = plan_json (sb, billing);
  g_autoptr(JsonNode) orders_plan = plan_json (sb, orders);

  g_assert_true (json_object_get_boolean_member (json_node_get_object (billing_plan), "crossZone"));
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (billing_plan), "crossZoneReason"));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (orders_plan), "crossZone"));
  cw_test_sandbox_free (sb);
}

static void
test_databases_json (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autoptr(JsonNode) databases = cw_test_run_cli_json (sb, "databases", "--region", "us-east-1", NULL);
  JsonObject *aurora = cw_test_find_object (databases, "id", "inventory-aurora");
  JsonObject *billing = cw_test_find_object (databases, "id", "billing-mysql");
  static const char * const members[] = { "id", "kind", "engine", "engineVersion", "endpoint", "port", "vpcId",
                                          "zones", "multiAz", "publiclyAccessible", NULL };

  g_assert_nonnull (aurora);
  for (guint i = 0; members[i]; i++)
    g_assert_true (json_object_has_member (aurora, members[i]));
  g_assert_cmpstr (json_object_get_string_member (aurora, "kind"), ==, "aurora-cluster");
  g_assert_cmpstr (json_object_get_string_member (billing, "kind"), ==, "instance");
  g_assert_true (json_object_get_boolean_member (billing, "multiAz"));
  g_assert_true (g_str_has_prefix (json_array_get_string_element (json_object_get_array_member (billing, "zones"), 0),
                                   "use1-az"));
  g_assert_null (cw_test_find_object (databases, "id", "inventory-aurora-1"));
  cw_test_sandbox_free (sb);
}

static void
test_iam_policy (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  int status;
  g_autofree char *out = cw_test_run_cli (sb, &status, NULL, "iam-policy", "--cluster", CW_TEST_CLUSTER_ID,
                                          "--database", "billing-mysql", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) policy = json_from_string (out, &error);

  g_assert_cmpint (status, ==, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (policy), "Version"), ==, "2012-10-17");
  g_assert_nonnull (strstr (out, "elasticloadbalancing:ModifyTargetGroupAttributes"));
  g_assert_nonnull (strstr (out, "ec2:AcceptVpcEndpointConnections"));
  cw_test_sandbox_free (sb);
}

static void
test_usage_errors (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  int status;
  G_GNUC_UNUSED g_autofree char *a = cw_test_run_cli (sb, &status, NULL, "plan", "--cluster", CW_TEST_CLUSTER_ID, NULL);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *errors = NULL;

  g_assert_cmpint (status, ==, 2);
  b = cw_test_run_cli (sb, &status, NULL, "export", "--format", "yaml", "--cluster", CW_TEST_CLUSTER_ID,
                       "--database", "orders-mysql", NULL);
  g_assert_cmpint (status, ==, 2);
  c = cw_test_run_cli (sb, &status, &errors, "delete", "no-such-link", "--yes", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strchr (errors, '\n'));
  g_assert_cmpstr (strchr (errors, '\n') + 1, ==, "");
  g_assert_true (g_str_has_prefix (errors, "causeway-cli: "));
  cw_test_sandbox_free (sb);
}

static gint64
pricing_requests (CwTestSandbox *sb)
{
  g_autoptr(JsonNode) counts = cw_test_sandbox_control (sb, "GET", "requests");
  JsonObject *by_operation = json_object_get_object_member (json_node_get_object (counts), "byOperation");

  return json_object_get_int_member_with_default (by_operation, "pricing.GetProducts", 0);
}

static JsonObject *
cost_of (JsonNode *plan)
{
  g_assert_nonnull (plan);
  return json_object_get_object_member (json_node_get_object (plan), "cost");
}

/* The state directory is the test process's: the prices earlier plans kept go, so that
 * a test sees what the sandbox answers. */
static void
forget_prices (void)
{
  const char *regions[] = { "us-east-1", "us-west-2", "eu-central-1", NULL };

  for (guint i = 0; regions[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (regions[i], ".json", NULL);
      g_autofree char *path = g_build_filename (cw_test_state_dir (), "causeway", "prices", name, NULL);

      g_remove (path);
    }
}

/* The Review page's cost, from the Price List API once a day (DESIGN.md §4.5). */
static void
test_plan_cost (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *arguments[] = { "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql", NULL };
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  JsonObject *cost;

  forget_prices ();
  first = plan_json (sb, arguments);
  cost = cost_of (first);
  g_assert_true (json_object_get_boolean_member (cost, "known"));
  g_assert_cmpstr (json_object_get_string_member (cost, "currency"), ==, "USD");
  g_assert_cmpstr (json_object_get_string_member (cost, "region"), ==, "us-east-1");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cost, "loadBalancerPerHour"), 0.0225, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cost, "nlcuPerHour"), 0.006, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cost, "monthly"), 730 * 0.0285, 1e-6);
  g_assert_cmpint (json_object_get_int_member (cost, "hoursPerMonth"), ==, 730);
  g_assert_nonnull (strstr (json_object_get_string_member (cost, "assumption"), "NLCU"));
  g_assert_cmpint (pricing_requests (sb), ==, 1);
  /* Prices are kept a day: the next plan does not ask again. */
  second = plan_json (sb, arguments);
  g_assert_true (json_object_get_boolean_member (cost_of (second), "known"));
  g_assert_cmpint (pricing_requests (sb), ==, 1);
  cw_test_sandbox_free (sb);
}

/* Prices out of reach make the cost unknown, with why; the plan goes on. */
static void
test_plan_cost_unknown (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, "5xx:pricing.GetProducts:status=503:p=1");
  const char *arguments[] = { "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql", NULL };
  g_autoptr(JsonNode) plan = NULL;
  JsonObject *cost;

  forget_prices ();
  plan = plan_json (sb, arguments);
  cost = cost_of (plan);
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sb->sandbox), "cw-test-plan-status")), ==, 0);
  g_assert_false (json_object_get_boolean_member (cost, "known"));
  g_assert_true (json_node_is_null (json_object_get_member (cost, "monthly")));
  g_assert_nonnull (strstr (json_object_get_string_member (cost, "why"), "Price List API"));
  cw_test_sandbox_free (sb);
}

int
main (int argc, char **argv)
{
  cw_test_init (&argc, &argv);
  g_test_add_func ("/integration/apply/full-apply-and-delete", test_full_apply_and_delete);
  g_test_add_func ("/integration/plan/bad-plans-are-refused", test_bad_plans_are_refused);
  g_test_add_func ("/integration/plan/public-instance-private-ip", test_public_instance_gets_private_ip);
  g_test_add_func ("/integration/plan/aurora-writer", test_aurora_writer);
  g_test_add_func ("/integration/plan/cross-zone", test_cross_zone_when_needed);
  g_test_add_func ("/integration/cli/databases-json", test_databases_json);
  g_test_add_func ("/integration/cli/iam-policy", test_iam_policy);
  g_test_add_func ("/integration/plan/cost", test_plan_cost);
  g_test_add_func ("/integration/plan/cost-unknown", test_plan_cost_unknown);
  g_test_add_func ("/integration/cli/usage-errors", test_usage_errors);
  return g_test_run ();
}
