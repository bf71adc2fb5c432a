/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The links view through causeway-cli: a simulated failover makes a link Drifted and
 * `resync` heals it; a link made by hand that drifted is found too and re-synced to the
 * database named, if it can take it, and deleting it deletes only TiDB Cloud's side; a
 * connection left waiting for acceptance is accepted by `accept`. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "cw-journal.h"
#include "cw-test-sandbox.h"

#define TIME_SCALE 0.01

static void
test_failover_drift_resync (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *resynced = NULL;
  g_autofree char *deleted = NULL;
  int status;

  out = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "billing-mysql",
                         "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  link_id = cw_test_only_link_id ();
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));

  g_assert_true (cw_sandbox_failover (sb->sandbox, "billing-mysql", &error));
  g_assert_no_error (error);
  cw_test_sandbox_write_hosts (sb);
  status_text = cw_test_link_status (sb, "linkId", link_id, &reason);
  g_assert_cmpstr (status_text, ==, "Drifted");
  g_assert_nonnull (strstr (reason, "moved"));

  resynced = cw_test_run_cli (sb, &status, NULL, "resync", link_id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));

  deleted = cw_test_run_cli (sb, &status, NULL, "delete", link_id, "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  cw_test_sandbox_free (sb);
}

/* A load balancer whose group lets nothing out fails its health checks: the link is
 * Broken, and says why. */
static void
test_blocked_egress_is_broken (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autoptr(JsonNode) dump = NULL;
  g_autofree char *out = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *revoked = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *database_rule = NULL;
  JsonObject *group;
  JsonObject *database;
  int status;

  out = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql",
                         "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  link_id = cw_test_only_link_id ();
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));

  dump = cw_test_sandbox_dump (sb);
  group = cw_test_find_tagged (dump, "security_groups", link_id);
  database = cw_test_dump_find (dump, "aws", "db_instances", "id", "orders-mysql");
  database_rule = g_strdup_printf ("IpProtocol=tcp,FromPort=3306,ToPort=3306,UserIdGroupPairs=[{GroupId=%s}]",
                                   json_array_get_string_element (json_object_get_array_member (database, "group_ids"), 0));
  revoked = cw_test_run_aws (sb, "ec2", "revoke-security-group-egress", "--group-id",
                             json_object_get_string_member (group, "id"), "--ip-permissions", database_rule, NULL);
  status_text = cw_test_link_status (sb, "linkId", link_id, &reason);
  g_assert_cmpstr (status_text, ==, "Broken");
  g_assert_nonnull (strstr (reason, "Target.FailedHealthChecks"));
  cw_test_sandbox_free (sb);
}

static const char *
first_group (JsonNode   *dump,
             const char *database_id)
{
  JsonObject *database = cw_test_dump_find (dump, "aws", "db_instances", "id", database_id);

  return json_array_get_string_element (json_object_get_array_member (database, "group_ids"), 0);
}

/* The load balancer's one way out names the database's current address. */
static void
assert_egress_to_database (CwTestSandbox *sb,
                           const char    *link_id,
                           const char    *database_id)
{
  g_autoptr(JsonNode) dump = cw_test_sandbox_dump (sb);
  JsonArray *egress = json_object_get_array_member (cw_test_find_tagged (dump, "security_groups", link_id), "egress");
  JsonObject *database = cw_test_dump_find (dump, "aws", "db_instances", "id", database_id);
  g_autofree char *address = g_strdup_printf ("%s/32", json_object_get_string_member (database, "private_ip"));

  g_assert_cmpuint (json_array_get_length (egress), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (egress, 0), "cidr"), ==, address);
}

/* Without a rule in the database's group, the load balancer's group lets out only the
 * database's address: a re-sync after a failover moves that way out too. */
static void
test_resync_moves_egress_to_address (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autoptr(JsonNode) dump = cw_test_sandbox_dump (sb);
  g_autoptr(GError) error = NULL;
  g_autofree char *admitted = NULL;
  g_autofree char *out = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *resynced = NULL;
  const char *vpc_cidr;
  int status;

  /* What the plan asks of a user who keeps the database's group to themselves. */
  vpc_cidr = json_object_get_string_member (json_array_get_object_element (cw_test_dump_array (dump, "aws", "vpcs"), 0),
                                            "cidr");
  admitted = cw_test_run_aws (sb, "ec2", "authorize-security-group-ingress", "--group-id", first_group (dump, "billing-mysql"),
                              "--protocol", "tcp", "--port", "3306", "--cidr", vpc_cidr, NULL);
  out = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "billing-mysql",
                         "--no-database-rule", "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  link_id = cw_test_only_link_id ();
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  assert_egress_to_database (sb, link_id, "billing-mysql");

  g_assert_true (cw_sandbox_failover (sb->sandbox, "billing-mysql", &error));
  g_assert_no_error (error);
  cw_test_sandbox_write_hosts (sb);
  resynced = cw_test_run_cli (sb, &status, NULL, "resync", link_id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  assert_egress_to_database (sb, link_id, "billing-mysql");
  cw_test_sandbox_free (sb);
}

/* A link made by hand is TiDB Cloud's connection plus what someone made in AWS. */
static guint
count_aws_side (CwTestSandbox *sb)
{
  g_autoptr(JsonNode) dump = cw_test_sandbox_dump (sb);
  static const char * const kinds[] = { "target_groups", "load_balancers", "listeners", "endpoint_services", NULL };
  guint n = 0;

  for (guint k = 0; kinds[k] != NULL; k++)
    n += json_array_get_length (cw_test_dump_array (dump, "aws", kinds[k]));
  return n;
}

static void
test_unmanaged_drift (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *name = "billing (set up by hand)";
  g_autoptr(JsonNode) links = cw_test_run_cli_json (sb, "links", NULL);
  JsonObject *link = cw_test_find_object (links, "displayName", name);
  g_autofree char *refused = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *resynced = NULL;
  g_autofree char *deleted = NULL;
  g_autoptr(JsonNode) after = NULL;
  JsonObject *connection;
  guint aws_before;
  int status;

  g_assert_nonnull (link);
  g_assert_false (json_object_get_boolean_member (link, "managed"));
  g_assert_true (json_object_get_null_member (link, "linkId"));
  g_assert_cmpstr (json_object_get_string_member (link, "status"), ==, "Drifted");
  g_assert_nonnull (strstr (json_object_get_string_member (link, "targetHealthExplanation"), "cannot open a connection"));

  /* Nothing says which database a link made by hand reaches; the one named must be one
   * its load balancer can reach, and speak MySQL. */
  refused = cw_test_run_cli (sb, &status, &errors, "resync", name, NULL);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&errors, g_free);
  wrong = cw_test_run_cli (sb, &status, &errors, "resync", name, "--database", "reports-postgres", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (errors, "MySQL-compatible"));
  g_assert_nonnull (strstr (errors, "5432"));

  resynced = cw_test_run_cli (sb, &status, NULL, "resync", name, "--database", "billing-mysql", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (cw_test_eventually_status (sb, "displayName", name, "Healthy"));

  /* Nothing of it in AWS is Causeway's to delete: only TiDB Cloud's connection goes. */
  aws_before = count_aws_side (sb);
  deleted = cw_test_run_cli (sb, &status, NULL, "delete", name, "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (deleted, "not made by Causeway"));
  g_assert_nonnull (strstr (deleted, "TiDB Cloud private link connection: "));
  g_assert_null (strstr (deleted, "Endpoint service: "));
  after = cw_test_sandbox_dump (sb);
  connection = cw_test_dump_find (after, "tidb", "private_links", "display_name", name);
  g_assert_true (connection == NULL || g_str_equal (json_object_get_string_member (connection, "state"), "DELETING"));
  g_assert_cmpuint (count_aws_side (sb), ==, aws_before);
  cw_test_sandbox_free (sb);
}

/* `links` names the cluster as TiDB Cloud shows it, and the database of a link made by
 * hand by its target's address, marked as inferred; one at an address that is no
 * database's (billing's, from before the scenario's failover) names none. */
static void
test_names_and_inferred (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autoptr(JsonNode) links = cw_test_run_cli_json (sb, "links", NULL);
  JsonObject *orders = cw_test_find_object (links, "displayName", "orders (set up by hand)");
  JsonObject *billing = cw_test_find_object (links, "displayName", "billing (set up by hand)");
  g_autofree char *table = NULL;
  JsonArray *databases;
  JsonObject *first;
  int status;

  g_assert_nonnull (orders);
  g_assert_cmpstr (json_object_get_string_member (orders, "clusterName"), ==, "sandbox-essential");
  g_assert_cmpstr (json_object_get_string_member (orders, "clusterId"), ==, CW_TEST_CLUSTER_ID);
  g_assert_cmpstr (json_object_get_string_member (orders, "database"), ==, "orders-mysql");
  g_assert_true (json_object_get_boolean_member (orders, "databaseInferred"));
  g_assert_nonnull (billing);
  g_assert_true (json_object_get_null_member (billing, "database"));
  g_assert_false (json_object_get_boolean_member (billing, "databaseInferred"));
  /* Each database behind the link, with the port TiDB Cloud's dataflows name. */
  databases = json_object_get_array_member (orders, "databases");
  g_assert_cmpuint (json_array_get_length (databases), ==, 1);
  first = json_array_get_object_element (databases, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "orders-mysql");
  g_assert_cmpint (json_object_get_int_member (first, "port"), ==, 3306);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "Healthy");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (billing, "databases")), ==, 0);

  table = cw_test_run_cli (sb, &status, NULL, "links", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (table, "sandbox-essential"));
  g_assert_null (strstr (table, CW_TEST_CLUSTER_ID));
  g_assert_nonnull (strstr (table, "orders-mysql (inferred)"));
  cw_test_sandbox_free (sb);
}

/* A run of this machine remembers the address its database had; after a failover moves
 * it, a link made by hand still pointing there is known as that database's, drifted. */
static void
test_inferred_from_previous_address (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *name = "orders (set up by hand)";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) links = NULL;
  g_autofree char *out = NULL;
  JsonObject *link;
  int status;

  out = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql",
                         "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (cw_sandbox_failover (sb->sandbox, "orders-mysql", &error));
  g_assert_no_error (error);
  cw_test_sandbox_write_hosts (sb);
  links = cw_test_run_cli_json (sb, "links", NULL);
  link = cw_test_find_object (links, "displayName", name);
  g_assert_nonnull (link);
  g_assert_cmpstr (json_object_get_string_member (link, "database"), ==, "orders-mysql");
  g_assert_true (json_object_get_boolean_member (link, "databaseInferred"));
  g_assert_cmpstr (json_object_get_string_member (link, "status"), ==, "Drifted");
  g_assert_cmpstr (json_object_get_string_member (link, "databaseIp"), !=,
                   json_object_get_string_member (link, "registeredIp"));
  cw_test_sandbox_free (sb);
}

static void
test_accept_pending (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *apply[] = { "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql", "--yes", NULL };
  g_autofree char *link_id = NULL;
  g_autofree char *accepted = NULL;
  g_autofree char *resumed = NULL;
  g_autofree char *deleted = NULL;
  int status;

  /* The run dies as TiDB Cloud's connection is made: nobody accepts it. */
  g_assert_true (cw_test_run_cli_until (sb, "tidb_link", "done", SIGKILL, apply, NULL));
  link_id = cw_test_only_link_id ();
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Pending acceptance"));
  accepted = cw_test_run_cli (sb, &status, NULL, "accept", link_id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));

  /* Resuming finds the connection accepted and finishes. */
  resumed = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql",
                             "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  deleted = cw_test_run_cli (sb, &status, NULL, "delete", link_id, "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  cw_test_sandbox_free (sb);
}

/* Ctrl+C or SIGTERM while the load balancer provisions: the run stops cleanly, says how
 * to go on, and the next apply resumes it to ACTIVE. */
static void
test_interrupt_and_resume (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *apply[] = { "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql", "--yes", NULL };
  g_autoptr(GPtrArray) journals = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *resumed = NULL;
  g_autofree char *deleted = NULL;
  g_autoptr(JsonNode) created = NULL;
  int status;

  g_assert_true (cw_test_run_cli_until (sb, "wait_nlb_active", "waiting", SIGTERM, apply, &status));
  g_assert_cmpint (status, ==, 1);
  journals = cw_journal_list (NULL);
  g_assert_cmpuint (journals->len, ==, 1);
  g_assert_cmpint (cw_journal_get_state (g_ptr_array_index (journals, 0)), ==, CW_JOURNAL_FAILED);
  g_assert_cmpint (cw_journal_get_step_state (g_ptr_array_index (journals, 0), "nlb"), ==, CW_STEP_DONE);
  link_id = g_strdup (cw_journal_get_link_id (g_ptr_array_index (journals, 0)));

  resumed = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql",
                             "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  created = cw_test_sandbox_dump (sb);
  cw_test_assert_link_made_once (created, link_id);
  deleted = cw_test_run_cli (sb, &status, NULL, "delete", link_id, "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  cw_test_sandbox_free (sb);
}

int
main (int argc, char **argv)
{
  cw_test_init (&argc, &argv);
  g_test_add_func ("/integration/links/failover-drift-resync", test_failover_drift_resync);
  g_test_add_func ("/integration/links/blocked-egress-is-broken", test_blocked_egress_is_broken);
  g_test_add_func ("/integration/links/resync-moves-egress-to-address", test_resync_moves_egress_to_address);
  g_test_add_func ("/integration/links/unmanaged-drift", test_unmanaged_drift);
  g_test_add_func ("/integration/links/names-and-inferred", test_names_and_inferred);
  g_test_add_func ("/integration/links/inferred-from-previous-address", test_inferred_from_previous_address);
  g_test_add_func ("/integration/links/accept-pending", test_accept_pending);
  g_test_add_func ("/integration/links/interrupt-and-resume", test_interrupt_and_resume);
  return g_test_run ();
}
