/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* A fresh world whose calls meet @spec's faults, and its signature before the run. */
static CwTestSandbox *
faulted_world (const char  *spec,
               char       **signature)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autoptr(GError) error = NULL;

  *signature = cw_test_sandbox_signature (sb);
  g_test_message ("faults: %s", spec);
  g_assert_true (cw_sandbox_add_faults (sb->sandbox, spec, &error));
  g_assert_no_error (error);
  return sb;
}

static char *
apply (CwTestSandbox  *sb,
       gboolean        roll_back,
       int            *status,
       char          **errors)
{
  return cw_test_run_cli (sb, status, errors, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "billing-mysql",
                          "--yes", roll_back ? "--roll-back" : NULL, NULL);
}

static void
delete_link (CwTestSandbox *sb,
             const char    *link_id)
{
  int status;
  G_GNUC_UNUSED g_autofree char *out = cw_test_run_cli (sb, &status, NULL, "delete", link_id, "--yes", NULL);

  g_assert_cmpint (status, ==, 0);
}

static void
test_fault (gconstpointer data)
{
  const Fault *fault = data;
  g_autofree char *spec = g_strdup_printf ("%s:%s:%s", fault->kind, fault->operation, fault->parameters);
  g_autofree char *before = NULL;
  CwTestSandbox *sb = faulted_world (spec, &before);
  g_autofree char *errors = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) journals = NULL;
  int status;

  out = apply (sb, TRUE, &status, &errors);
  cw_sandbox_clear_faults (sb->sandbox);
  cw_test_assert_journals_hold_no_secret (sb);
  journals = cw_journal_list (NULL);
  if (status == 0)
    {
      g_autofree char *link_id = g_strdup (cw_journal_get_link_id (g_ptr_array_index (journals, 0)));
      g_autoptr(JsonNode) created = cw_test_sandbox_dump (sb);

      cw_test_assert_link_made_once (created, link_id);
      delete_link (sb, link_id);
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
  cw_test_assert_world_is (sb, before);
  cw_test_sandbox_free (sb);
}

static void
test_unrecoverable (gconstpointer data)
{
  const char *operation = data;
  g_autofree char *spec = g_strdup_printf ("5xx:%s:count=100000", operation);
  g_autofree char *before = NULL;
  CwTestSandbox *sb = faulted_world (spec, &before);
  g_autofree char *errors = NULL;
  g_autofree char *out = NULL;
  g_autofree char *link_id = NULL;
  g_autoptr(GPtrArray) journals = NULL;
  int status;

  out = apply (sb, FALSE, &status, &errors);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (errors, "delete"));
  cw_sandbox_clear_faults (sb->sandbox);
  journals = cw_journal_list (NULL);
  g_assert_cmpuint (journals->len, ==, 1);
  g_assert_cmpint (cw_journal_get_state (g_ptr_array_index (journals, 0)), ==, CW_JOURNAL_FAILED);
  link_id = g_strdup (cw_journal_get_link_id (g_ptr_array_index (journals, 0)));
  delete_link (sb, link_id);
  cw_test_assert_world_is (sb, before);
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
