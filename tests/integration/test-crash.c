/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash: `causeway-cli apply` killed with SIGKILL when each step of the graph starts
 * and when it ends, then run again: the link ends ACTIVE with every resource made once,
 * and deleting it leaves the world as it was before the first run. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "cw-test-sandbox.h"

#define TIME_SCALE 0.005

static const char * const steps[] = {
  "sg_nlb", "tg", "nlb", "rds_sg_rule", "tg_attributes", "register_target", "wait_nlb_active", "listener",
  "endpoint_service", "allow_principal", "tidb_link", "accept", "wait_active", "verify_health",
};

typedef struct {
  const char *step;
  const char *state;
} Crash;

static void
test_crash (gconstpointer data)
{
  const Crash *crash = data;
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *apply[] = { "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "billing-mysql", "--yes", NULL };
  g_autofree char *before_signature = cw_test_sandbox_signature (sb);
  g_autoptr(JsonNode) created = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *deleted = NULL;
  int status;

  g_assert_true (cw_test_run_cli_until (sb, crash->step, crash->state, SIGKILL, apply, NULL));
  link_id = cw_test_only_link_id ();
  out = cw_test_run_cli (sb, &status, &errors, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database",
                         "billing-mysql", "--yes", NULL);
  /* Killed as its last step ended, the run may have finished first: then there is
   * nothing to resume, and the second apply says the link is made. */
  if (status == 1 && strstr (errors, "already connects") != NULL)
    g_assert_nonnull (strstr (errors, link_id));
  else
    {
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (out, link_id));
      g_assert_nonnull (strstr (out, "Resuming"));
    }
  cw_test_assert_journals_hold_no_secret (sb);
  created = cw_test_sandbox_dump (sb);
  cw_test_assert_link_made_once (created, link_id);

  deleted = cw_test_run_cli (sb, &status, NULL, "delete", link_id, "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  cw_test_assert_world_is (sb, before_signature);
  cw_test_sandbox_free (sb);
}

int
main (int argc, char **argv)
{
  static const char * const states[] = { "running", "done" };
  static Crash crashes[G_N_ELEMENTS (steps) * G_N_ELEMENTS (states)];
  guint n = 0;

  cw_test_init (&argc, &argv);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    for (guint t = 0; t < G_N_ELEMENTS (states); t++)
      {
        g_autofree char *path = g_strdup_printf ("/integration/crash/%s/%s", steps[s], states[t]);

        crashes[n] = (Crash) { steps[s], states[t] };
        g_test_add_data_func (path, &crashes[n++], test_crash);
      }
  return g_test_run ();
}
