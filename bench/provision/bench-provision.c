/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-provision: a full create in the sandbox against the sandbox's own critical path
 * (DESIGN.md §10), and the requests it takes, by service, polls apart; then, with --add,
 * a second database added to that link, against the create.
 *
 *   bench-provision [--time-scale F] [--database ID] [--add ID]
 *
 * Starts the sandbox in this process, plans a link to the database (not timed), then
 * times the provisioner's create from start to ACTIVE with a healthy target. The add is
 * timed from choosing the port on the link's load balancer to the new target healthy.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "cw-journal.h"
#include "cw-link-addition.h"
#include "cw-link-inventory.h"
#include "cw-plan-loaders.h"
#include "cw-provisioner.h"
#include "cw-sandbox.h"

#define CLUSTER_ID "10289034792938145678"

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* "service.Operation" → count, as the sandbox counted them. */
static GHashTable *
request_counts (CwSandbox *sandbox)
{
  g_autoptr(JsonNode) dump = cw_sandbox_dump_inventory (sandbox);
  JsonObject *requests = json_object_get_object_member (json_node_get_object (dump), "requests");
  g_autoptr(GList) names = json_object_get_members (requests);
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (GList *l = names; l; l = l->next)
    g_hash_table_insert (counts, g_strdup (l->data),
                         GINT_TO_POINTER ((int) json_object_get_int_member (requests, l->data)));
  return counts;
}

static gboolean
is_read (const char *operation)
{
  const char *action = strchr (operation, '.');

  action = action ? action + 1 : operation;
  return g_str_has_prefix (action, "Describe") || g_str_has_prefix (action, "List") || g_str_has_prefix (action, "Get");
}

/* The requests of the create: the counts after, less those before. */
static void
print_requests (const char *what,
                GHashTable *before,
                GHashTable *after)
{
  g_autoptr(GHashTable) by_service = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) operations = g_hash_table_get_keys (after);
  guint total = 0;
  guint reads = 0;

  operations = g_list_sort (operations, (GCompareFunc) g_strcmp0);
  g_print ("\nRequests of the %s, by operation:\n", what);
  for (GList *l = operations; l; l = l->next)
    {
      guint count = GPOINTER_TO_INT (g_hash_table_lookup (after, l->data)) -
                    GPOINTER_TO_INT (g_hash_table_lookup (before, l->data));
      g_autofree char *service = g_strndup (l->data, strcspn (l->data, "."));

      if (count == 0)
        continue;
      g_print ("  %-52s %4u%s\n", (char *) l->data, count, is_read (l->data) ? "  (read)" : "");
      g_hash_table_insert (by_service, g_strdup (service),
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (by_service, service)) + count));
      total += count;
      reads += is_read (l->data) ? count : 0;
    }
  g_print ("By service:");
  {
    g_autoptr(GList) services = g_list_sort (g_hash_table_get_keys (by_service), (GCompareFunc) g_strcmp0);

    for (GList *l = services; l; l = l->next)
      g_print (" %s %d", (char *) l->data, GPOINTER_TO_INT (g_hash_table_lookup (by_service, l->data)));
  }
  g_print ("\nTotal %u requests: %u writes, %u reads\n", total, total - reads, reads);
}

static void
on_step_changed (CwProvisioner *provisioner,
                 CwStep        *step,
                 gpointer       user_data)
{
  gint64 *started = user_data;

  /* Once per step, when it ends. */
  if ((cw_step_get_state (step) == CW_STEP_DONE || cw_step_get_state (step) == CW_STEP_SKIPPED) &&
      g_object_get_data (G_OBJECT (step), "bench-printed") == NULL)
    {
      g_object_set_data (G_OBJECT (step), "bench-printed", GINT_TO_POINTER (TRUE));
      g_print ("  %8.2f s  %-16s %s\n", (g_get_monotonic_time () - *started) / 1e6, cw_step_get_id (step),
               cw_step_get_message (step) ? cw_step_get_message (step) : "");
    }
}

static CwLinkPlan *
plan_for (CwClouds   *clouds,
          const char *database_id)
{
  g_autoptr(CwLinkPlan) plan = cw_link_plan_new ();
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GError) error = NULL;

  cw_link_plan_set_aws_account (plan, "sandbox");
  cw_link_plan_set_tidb_account (plan, "sandbox");
  cw_link_plan_load_async (plan, clouds, CLUSTER_ID, database_id, NULL, NULL, store_result, &loaded);
  if (!cw_link_plan_load_finish (plan, wait_for (&loaded), &error))
    g_error ("planning: %s", error->message);
  if (!cw_link_plan_is_ready (plan))
    g_error ("the plan for %s cannot work", database_id);
  return g_steal_pointer (&plan);
}

/* The link the create made, as the links view joins it (not timed). */
static CwLink *
find_link (CwClouds   *clouds,
           const char *link_id)
{
  g_autoptr(CwLinkInventory) inventory = cw_link_inventory_new (clouds);
  g_autoptr(GAsyncResult) refreshed = NULL;
  g_autoptr(GError) error = NULL;
  const char *cluster_ids[] = { CLUSTER_ID, NULL };
  CwLink *link;

  cw_link_inventory_refresh_async (inventory, cluster_ids, NULL, store_result, &refreshed);
  if (!cw_link_inventory_refresh_finish (inventory, wait_for (&refreshed), &error))
    g_error ("links: %s", error->message);
  link = cw_link_inventory_find (inventory, link_id);
  if (link == NULL)
    g_error ("the link %s is not listed", link_id);
  return g_object_ref (link);
}

/* The second database added to the link: its wall time, against the create's. */
static double
bench_add (CwSandbox  *sandbox,
           CwClouds   *clouds,
           CwJournal  *link_journal,
           const char *database_id,
           double      create_wall,
           double      time_scale)
{
  g_autoptr(CwLink) link = find_link (clouds, cw_journal_get_link_id (link_journal));
  g_autoptr(CwLinkPlan) plan = plan_for (clouds, database_id);
  g_autoptr(CwJournal) journal = NULL;
  g_autoptr(CwProvisioner) provisioner = NULL;
  g_autoptr(GAsyncResult) prepared = NULL;
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GHashTable) before = request_counts (sandbox);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  double wall;

  g_print ("\nAdd of %s to that link at time scale %g:\n", database_id, time_scale);
  started = g_get_monotonic_time ();
  cw_link_addition_new_async (clouds, link, plan, NULL, store_result, &prepared);
  journal = cw_link_addition_new_finish (wait_for (&prepared), &error);
  if (journal == NULL)
    g_error ("add: %s", error->message);
  provisioner = cw_provisioner_new (clouds, journal);
  g_signal_connect (provisioner, "step-changed", G_CALLBACK (on_step_changed), &started);
  cw_provisioner_create_async (provisioner, NULL, store_result, &created);
  if (!cw_provisioner_create_finish (provisioner, wait_for (&created), &error))
    g_error ("add: %s", error->message);
  wall = (g_get_monotonic_time () - started) / 1e6;
  after = request_counts (sandbox);
  g_print ("\nAdd wall time: %.3f s, on port %u; the new link took %.3f s: %.1f× as long\n", wall,
           cw_journal_get_spec_uint (journal, CW_SPEC_LISTENER_PORT), create_wall, create_wall / wall);
  g_print ("Polls (looks again while waiting): %u\n", cw_provisioner_get_poll_count (provisioner));
  print_requests ("add", before, after);
  return wall;
}

int
main (int argc, char **argv)
{
  double time_scale = 1.0;
  g_autofree char *database_id = g_strdup ("orders-mysql");
  g_autofree char *added_id = NULL;
  GOptionEntry entries[] = {
    { "time-scale", 0, 0, G_OPTION_ARG_DOUBLE, &time_scale, "The sandbox's time scale (1.0: realistic)", "F" },
    { "database", 0, 0, G_OPTION_ARG_STRING, &database_id, "The database to link", "ID" },
    { "add", 0, 0, G_OPTION_ARG_STRING, &added_id, "A second database to add to the link, timed too", "ID" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *state_dir = g_dir_make_tmp ("cw-bench-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSandbox) sandbox = NULL;
  g_autoptr(CwAwsCredentials) credentials = NULL;
  g_autoptr(CwTidbClient) tidb = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkPlan) plan = NULL;
  g_autoptr(CwJournal) journal = NULL;
  g_autoptr(CwProvisioner) provisioner = NULL;
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *command = NULL;
  CwSandboxOptions options;
  gint64 started;
  double wall;
  double critical;
  double added = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);

  cw_sandbox_options_init (&options);
  options.time_scale = time_scale;
  options.seed = 1;
  sandbox = cw_sandbox_new (&options);
  if (!cw_sandbox_start (sandbox, &error))
    g_error ("%s", error->message);
  cw_sandbox_apply_to_process_environment (sandbox);
  endpoint = g_strdup_printf ("http://127.0.0.1:%u/", cw_sandbox_get_port (sandbox));
  g_setenv ("AWS_ENDPOINT_URL", endpoint, TRUE);
  cw_sandbox_install_resolver (sandbox);
  credentials = cw_aws_credentials_new (CW_SANDBOX_ACCESS_KEY_ID, cw_sandbox_get_secret_access_key (sandbox), NULL);
  tidb = cw_tidb_client_new (CW_SANDBOX_TIDB_PUBLIC_KEY, cw_sandbox_get_tidb_private_key (sandbox), &error);
  g_assert_no_error (error);
  clouds = cw_clouds_new (credentials, tidb);
  cw_clouds_set_time_scale (clouds, time_scale);

  plan = plan_for (clouds, database_id);
  journal = cw_journal_new_for_plan (plan);
  provisioner = cw_provisioner_new (clouds, journal);
  before = request_counts (sandbox);
  g_print ("Create of a link to %s at time scale %g:\n", database_id, time_scale);
  started = g_get_monotonic_time ();
  g_signal_connect (provisioner, "step-changed", G_CALLBACK (on_step_changed), &started);
  cw_provisioner_create_async (provisioner, NULL, store_result, &created);
  if (!cw_provisioner_create_finish (provisioner, wait_for (&created), &error))
    g_error ("create: %s", error->message);
  wall = (g_get_monotonic_time () - started) / 1e6;
  after = request_counts (sandbox);

  {
    g_autofree char *description = NULL;

    critical = cw_sandbox_get_critical_path (sandbox, &description);
    g_print ("\nSandbox critical path: %s\n", description);
  }
  g_print ("Create wall time: %.3f s; critical path %.3f s; ratio %.4f\n", wall, critical, wall / critical);
  g_print ("Polls (looks again while waiting): %u\n", cw_provisioner_get_poll_count (provisioner));
  print_requests ("create", before, after);
  if (added_id != NULL)
    added = bench_add (sandbox, clouds, journal, added_id, wall, time_scale);

  cw_sandbox_stop (sandbox);
  command = g_strdup_printf ("rm -rf %s", state_dir);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  /* DESIGN.md §10: an added database ready within 10 s at time scale 1.0. */
  return wall / critical <= 1.05 && added <= 10.0 * time_scale ? 0 : 1;
}
