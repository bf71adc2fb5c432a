/* Faults: for every step of the graph, its cloud call throttled, answered with a 5xx,
 * cut off, or missed by the reads right after it (read-after-create lag). Each run
 * ends ACTIVE, or is rolled back cleanly (`apply --roll-back`); never with a resource
 * left behind. And a failure no retry cures, at every step: the run stops, and
 * `delete` rolls back exactly what it created. */
#include "config.h"

#include <string.h>

#include "cw-journal.h"
#include "cw-test-sandbox.h"

#define TIME_SCALE 0.003

/* The call each step makes that the fault hits, past the same calls made earlier
 * (planning lists the load balancers; the load balancer's group is opened before the
 * database's). */
static const struct {
  const char *step;
  const char *operation;
} step_calls[] = {
  { "sg_nlb", "ec2.CreateSecurityGroup" },
  { "tg", "elbv2.CreateTargetGroup" },
  { "nlb", "elbv2.CreateLoadBalancer" },
  { "rds_sg_rule", "ec2.AuthorizeSecurityGroupIngress:after=1" },
  { "tg_attributes", "elbv2.ModifyTargetGroupAttributes" },
  { "register_target", "elbv2.RegisterTargets" },
  { "wait_nlb_active", "elbv2.DescribeLoadBalancers:after=2" },
  { "listener", "elbv2.CreateListener" },
  { "endpoint_service", "ec2.CreateVpcEndpointServiceConfiguration" },
  { "allow_principal", "ec2.ModifyVpcEndpointServicePermissions" },
  { "tidb_link", "tidb.CreatePrivateLinkConnection" },
  { "accept", "ec2.AcceptVpcEndpointConnections" },
  { "wait_active", "tidb.GetPrivateLinkConnection" },
  { "verify_health", "elbv2.DescribeTargetHealth" },
};

static const char * const fault_kinds[] = { "throttle", "5xx", "drop", "lag" };
static const char * const fault_parameters[] = { "count=3", "count=3", "count=2", "reads=3" };

typedef struct {
  const char *operation;
  const char *kind;
  const char *parameters;
} Fault;

static const char *
service_name_of (JsonNode   *dump,
                 const char *link_id)
{
  JsonArray *services = cw_test_dump_array (dump, "aws", "endpoint_services");

  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *service = json_array_get_object_element (services, i);
      JsonObject *tags = json_object_get_object_member (service, "tags");

      if (g_strcmp0 (json_object_get_string_member_with_default (tags, "causeway:link-id", NULL), link_id) == 0)
        return json_object_get_string_member (service, "name");
    }
  return NULL;
}

static guint
count_connections (JsonNode   *dump,
                   const char *service_name)
{
  JsonArray *links = cw_test_dump_array (dump, "tidb", "private_links");
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (links); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (links, i), "service_name"),
                   service_name) == 0)
      count++;
  return count;
}

static void
assert_active_once (CwTestSandbox *sb,
                    const char    *link_id)
{
  static const char * const kinds[] = { "security_groups", "target_groups", "load_balancers", "listeners",
                                        "endpoint_services", NULL };
  g_autoptr(JsonNode) dump = cw_test_sandbox_dump (sb);

  for (guint k = 0; kinds[k] != NULL; k++)
    g_assert_cmpuint (cw_test_count_tagged (dump, kinds[k], link_id), ==, 1);
  g_assert_cmpuint (count_connections (dump, service_name_of (dump, link_id)), ==, 1);
}

static void
test_fault (gconstpointer data)
{
  const Fault *fault = data;
  g_autofree char *spec = g_strdup_printf ("%s:%s:%s", fault->kind, fault->operation, fault->parameters);
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autoptr(JsonNode) before = cw_test_sandbox_dump (sb);
  g_autofree char *before_signature = cw_test_resources_signature (before);
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after_signature = NULL;
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GPtrArray) journals = NULL;
  int status;

  g_test_message ("faults: %s", spec);
  g_assert_true (cw_sandbox_add_faults (sb->sandbox, spec, &error));
  g_assert_no_error (error);
  out = cw_test_run_cli (sb, &status, &errors, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "billing-mysql",
                         "--yes", "--roll-back", NULL);
  cw_sandbox_clear_faults (sb->sandbox);
  cw_test_assert_journals_hold_no_secret (sb);
  journals = cw_journal_list (NULL);
  if (status == 0)
    {
      g_autofree char *link_id = g_strdup (cw_journal_get_link_id (g_ptr_array_index (journals, 0)));
      g_autofree char *deleted = NULL;

      assert_active_once (sb, link_id);
      deleted = cw_test_run_cli (sb, &status, NULL, "delete", link_id, "--yes", NULL);
      g_assert_cmpint (status, ==, 0);
    }
  else
    {
      /* Rolled back, or stopped before creating anything: either way no journal is
       * left, and (below) no resource. */
      g_test_message ("stopped: %s", errors);
      g_assert_cmpint (status, ==, 1);
      g_assert_true (strstr (out, "Rolled back") != NULL || strstr (out, "Rolling back") == NULL);
      g_assert_cmpuint (journals->len, ==, 0);
    }
  after = cw_test_sandbox_dump (sb);
  after_signature = cw_test_resources_signature (after);
  g_assert_cmpstr (after_signature, ==, before_signature);
  cw_test_sandbox_free (sb);
}

static void
test_unrecoverable (gconstpointer data)
{
  const char *operation = data;
  g_autofree char *spec = g_strdup_printf ("5xx:%s:count=100000", operation);
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autoptr(JsonNode) before = cw_test_sandbox_dump (sb);
  g_autofree char *before_signature = cw_test_resources_signature (before);
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after_signature = NULL;
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *link_id = NULL;
  g_autoptr(GPtrArray) journals = NULL;
  int status;

  g_assert_true (cw_sandbox_add_faults (sb->sandbox, spec, &error));
  out = cw_test_run_cli (sb, &status, &errors, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "billing-mysql",
                         "--yes", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (errors, "delete"));
  cw_sandbox_clear_faults (sb->sandbox);
  journals = cw_journal_list (NULL);
  g_assert_cmpuint (journals->len, ==, 1);
  g_assert_cmpint (cw_journal_get_state (g_ptr_array_index (journals, 0)), ==, CW_JOURNAL_FAILED);
  link_id = g_strdup (cw_journal_get_link_id (g_ptr_array_index (journals, 0)));
  deleted = cw_test_run_cli (sb, &status, NULL, "delete", link_id, "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  after = cw_test_sandbox_dump (sb);
  after_signature = cw_test_resources_signature (after);
  g_assert_cmpstr (after_signature, ==, before_signature);
  cw_test_sandbox_free (sb);
}

int
main (int argc, char **argv)
{
  static Fault faults[G_N_ELEMENTS (step_calls) * G_N_ELEMENTS (fault_kinds)];
  guint n = 0;

  cw_test_init (&argc, &argv);
  for (guint s = 0; s < G_N_ELEMENTS (step_calls); s++)
    for (guint f = 0; f < G_N_ELEMENTS (fault_kinds); f++)
      {
        g_autofree char *path = g_strdup_printf ("/integration/faults/%s/%s", step_calls[s].step, fault_kinds[f]);

        faults[n] = (Fault) { step_calls[s].operation, fault_kinds[f], fault_parameters[f] };
        g_test_add_data_func (path, &faults[n++], test_fault);
      }
  for (guint s = 0; s < G_N_ELEMENTS (step_calls); s++)
    {
      g_autofree char *path = g_strdup_printf ("/integration/faults/%s/unrecoverable", step_calls[s].step);

      g_test_add_data_func (path, step_calls[s].operation, test_unrecoverable);
    }
  return g_test_run ();
}
