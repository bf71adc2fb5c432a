/* Crash: `causeway-cli apply` killed with SIGKILL when each step of the graph starts
 * and when it ends, then run again: the link ends ACTIVE with every resource made once,
 * and deleting it leaves the world as it was before the first run. */
#include "config.h"

#include <string.h>

#include "cw-journal.h"
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

/* The one journal of the run. */
static char *
run_link_id (void)
{
  g_autoptr(GPtrArray) journals = cw_journal_list (NULL);

  g_assert_nonnull (journals);
  g_assert_cmpuint (journals->len, ==, 1);
  return g_strdup (cw_journal_get_link_id (g_ptr_array_index (journals, 0)));
}

static const char *
service_name (JsonNode   *dump,
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

static void
assert_made_once (JsonNode   *dump,
                  const char *link_id)
{
  static const char * const kinds[] = { "security_groups", "target_groups", "load_balancers", "listeners",
                                        "endpoint_services", NULL };
  JsonArray *links = cw_test_dump_array (dump, "tidb", "private_links");
  const char *name = service_name (dump, link_id);
  guint connections = 0;

  for (guint k = 0; kinds[k] != NULL; k++)
    {
      g_test_message ("%s", kinds[k]);
      g_assert_cmpuint (cw_test_count_tagged (dump, kinds[k], link_id), ==, 1);
    }
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);

      if (g_strcmp0 (json_object_get_string_member (link, "service_name"), name) != 0)
        continue;
      connections++;
      g_assert_cmpstr (json_object_get_string_member (link, "state"), ==, "ACTIVE");
      g_assert_true (json_object_get_boolean_member (link, "reachable"));
    }
  g_assert_cmpuint (connections, ==, 1);
}

static void
test_crash (gconstpointer data)
{
  const Crash *crash = data;
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char *apply[] = { "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "billing-mysql", "--yes", NULL };
  g_autoptr(JsonNode) before = cw_test_sandbox_dump (sb);
  g_autofree char *before_signature = cw_test_resources_signature (before);
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *after_signature = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *deleted = NULL;
  int status;

  g_assert_true (cw_test_run_cli_until (sb, crash->step, crash->state, apply));
  link_id = run_link_id ();
  out = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "billing-mysql",
                         "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, link_id));
  g_assert_nonnull (strstr (out, "Resuming"));
  cw_test_assert_journals_hold_no_secret (sb);
  created = cw_test_sandbox_dump (sb);
  assert_made_once (created, link_id);

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
