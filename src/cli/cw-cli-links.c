/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-links.c: `causeway-cli links`, every private link of the clusters with its
 * status, and the commands that act on one link: resync, accept, delete */
#define G_LOG_DOMAIN "cw-cli-links"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-link.h"
#include "cw-cli-completion.h"
#include "cw-cli-table.h"
#include "cw-dataflows.h"
#include "cw-link-addition.h"
#include "cw-link-inventory.h"
#include "cw-link-repair.h"
#include "cw-link-teardown.h"
#include "cw-target-health.h"

static void
add_database (JsonBuilder *builder,
              CwLink      *database)
{
  json_builder_begin_object (builder);
  cw_cli_json_string (builder, "id", cw_link_get (database, CW_LINK_DATABASE_ID));
  cw_cli_json_int (builder, "port", cw_link_get_listener_port (database));
  cw_cli_json_string (builder, "status", cw_link_status_to_string (cw_link_get_database_status (database)));
  cw_cli_json_string (builder, "targetGroup", cw_link_get (database, CW_LINK_TARGET_GROUP_NAME));
  cw_cli_json_string (builder, "targetHealth", cw_link_get (database, CW_LINK_TARGET_HEALTH));
  json_builder_end_object (builder);
}

/* databases: what the link reaches, each with the port TiDB Cloud's dataflows name and
 * its status: the link's own database first, then those added to it (DESIGN.md §4.5). */
static void
add_databases (JsonBuilder *builder,
               CwLink      *link)
{
  GPtrArray *added = cw_link_get_added_databases (link);

  json_builder_set_member_name (builder, "databases");
  json_builder_begin_array (builder);
  if (cw_link_get (link, CW_LINK_DATABASE_ID) != NULL)
    add_database (builder, link);
  for (guint i = 0; i < added->len; i++)
    add_database (builder, g_ptr_array_index (added, i));
  json_builder_end_array (builder);
}

static void
add_link (JsonBuilder *builder,
          CwLink      *link)
{
  g_autofree char *explained = cw_target_health_explain (cw_link_get (link, CW_LINK_TARGET_HEALTH_REASON));

  json_builder_begin_object (builder);
  cw_cli_json_string (builder, "linkId", cw_link_get (link, CW_LINK_LINK_ID));
  cw_cli_json_string (builder, "privateLinkConnectionId", cw_link_get (link, CW_LINK_PRIVATE_LINK_ID));
  cw_cli_json_string (builder, "displayName", cw_link_get (link, CW_LINK_DISPLAY_NAME));
  cw_cli_json_string (builder, "clusterId", cw_link_get (link, CW_LINK_CLUSTER_ID));
  cw_cli_json_string (builder, "clusterName", cw_link_get (link, CW_LINK_CLUSTER_NAME));
  cw_cli_json_string (builder, "region", cw_link_get (link, CW_LINK_REGION));
  cw_cli_json_string (builder, "endpointServiceName", cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_NAME));
  cw_cli_json_string (builder, "endpointServiceId", cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID));
  cw_cli_json_string (builder, "endpointId", cw_link_get (link, CW_LINK_ENDPOINT_ID));
  cw_cli_json_string (builder, "database", cw_link_get (link, CW_LINK_DATABASE_ID));
  cw_cli_json_boolean (builder, "databaseInferred", cw_link_get_database_inferred (link));
  cw_cli_json_string (builder, "databaseIp", cw_link_get (link, CW_LINK_DATABASE_IP));
  cw_cli_json_string (builder, "registeredIp", cw_link_get (link, CW_LINK_REGISTERED_IP));
  cw_cli_json_string (builder, "targetHealth", cw_link_get (link, CW_LINK_TARGET_HEALTH));
  cw_cli_json_string (builder, "targetHealthExplanation", explained);
  cw_cli_json_string (builder, "loadBalancer", cw_link_get (link, CW_LINK_LOAD_BALANCER_NAME));
  cw_cli_json_string (builder, "targetGroup", cw_link_get (link, CW_LINK_TARGET_GROUP_NAME));
  cw_cli_json_string (builder, "tidbState", cw_link_get (link, CW_LINK_TIDB_STATE));
  cw_cli_json_string (builder, "status", cw_link_status_to_string (cw_link_get_status (link)));
  cw_cli_json_strv (builder, "reasons", cw_link_get_reasons (link));
  cw_cli_json_boolean (builder, "managed", cw_link_get_managed (link));
  add_databases (builder, link);
  json_builder_end_object (builder);
}

static void
print_json (GListModel *links)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CwLink) link = g_list_model_get_item (links, i);

      add_link (builder, link);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  cw_cli_print_json (root);
}

static void
print_table (GListModel *links)
{
  const char *headers[] = { _("LINK"), _("NAME"), _("CLUSTER"), _("DATABASE"), _("STATUS"), _("MANAGED"),
                            _("REASON"), NULL };
  g_autoptr(CwCliTable) table = cw_cli_table_new (headers);

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CwLink) link = g_list_model_get_item (links, i);
      const char * const *reasons = cw_link_get_reasons (link);
      g_autofree char *database = cw_link_dup_databases_label (link);
      const char *cells[] = {
        cw_link_get_id (link), cw_link_get (link, CW_LINK_DISPLAY_NAME), cw_link_get_cluster_label (link),
        database ? database : "",
        cw_link_status_to_label (cw_link_get_status (link)), cw_link_get_managed (link) ? _("yes") : _("no"),
        reasons[0] ? reasons[0] : "", NULL
      };

      cw_cli_table_add_row (table, cells);
    }
  cw_cli_table_print (table);
}

static const char *
link_display_name (gpointer link)
{
  return cw_link_get (link, CW_LINK_DISPLAY_NAME);
}

/* Below the table, a line for each link whose target is not healthy for a reason AWS
 * gives: the table's column is too narrow for what the reason means. */
static void
print_health_explanations (GListModel *links)
{
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CwLink) link = g_list_model_get_item (links, i);
      g_autofree char *explained = cw_target_health_explain (cw_link_get (link, CW_LINK_TARGET_HEALTH_REASON));

      if (explained != NULL)
        g_print (_("%s: the target’s health: %s\n"), cw_link_get_id (link), explained);
    }
}

/* Every link of @cluster_id (NULL: of every cluster), joined. */
CwLinkInventory *
cw_cli_load_inventory (CwClouds    *clouds,
                       const char  *cluster_id,
                       GError     **error)
{
  g_autoptr(CwLinkInventory) inventory = cw_link_inventory_new (clouds);
  g_autoptr(GAsyncResult) result = NULL;
  const char *cluster_ids[] = { cluster_id, NULL };

  cw_link_inventory_refresh_async (inventory, cluster_id ? cluster_ids : NULL, NULL, cw_cli_store_result, &result);
  if (!cw_link_inventory_refresh_finish (inventory, cw_cli_wait (&result), error))
    return NULL;
  return g_steal_pointer (&inventory);
}

int
cw_cli_links (CwCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *cluster_id = NULL;
  GOptionEntry entries[] = {
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &cluster_id, N_("Only this cluster’s links"), N_("ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkInventory) inventory = NULL;

  if (!cw_cli_parse_options (cli, entries, NULL, &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc > 1)
    return cw_cli_usage (_("“links” takes no arguments"));
  clouds = cw_cli_open_clouds (cli, TRUE, TRUE, &error);
  if (clouds == NULL || (inventory = cw_cli_load_inventory (clouds, cluster_id, &error)) == NULL)
    return cw_cli_fail (error);
  if (cli->output == CW_CLI_OUTPUT_JSON)
    print_json (cw_link_inventory_get_links (inventory));
  else
    {
      print_table (cw_link_inventory_get_links (inventory));
      print_health_explanations (cw_link_inventory_get_links (inventory));
    }
  cw_cli_completion_remember (CW_CLI_COMPLETION_LINKS, cw_link_inventory_get_links (inventory),
                              (CwCliCompletionField) cw_link_get_id, link_display_name);
  return CW_CLI_EXIT_OK;
}

/* ---- one link ---- */

typedef struct {
  char     *cluster_id;
  char     *database_id;
  gboolean  yes;
  gboolean  force;
} LinkOptions;

static void
link_options_clear (LinkOptions *options)
{
  g_free (options->cluster_id);
  g_free (options->database_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LinkOptions, link_options_clear)

/* Parses `COMMAND LINK [options]`: --cluster into @cluster_id, then @extra's own; the
 * link as named, or NULL after printing the usage error (@status is the exit code). */
const char *
cw_cli_parse_link_command (CwCli               *cli,
                           const char          *command,
                           const GOptionEntry  *extra,
                           char               **cluster_id,
                           int                 *argc,
                           char              ***argv,
                           int                 *status)
{
  const GOptionEntry cluster = {
    "cluster", 0, 0, G_OPTION_ARG_STRING, cluster_id, N_("Look for the link in this cluster only"), N_("ID")
  };
  guint n_extra = 0;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(GError) error = NULL;

  while (extra && extra[n_extra].long_name)
    n_extra++;
  entries = g_new0 (GOptionEntry, n_extra + 2);
  entries[0] = cluster;
  for (guint i = 0; i < n_extra; i++)
    entries[1 + i] = extra[i];
  if (!cw_cli_parse_options (cli, entries, _("LINK"), argc, argv, &error))
    {
      *status = cw_cli_usage (error->message);
      return NULL;
    }
  if (*argc != 2)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” takes one link: its id, TiDB Cloud connection id or name"),
                                                  command);

      *status = cw_cli_usage (message);
      return NULL;
    }
  return (*argv)[1];
}

/* The link @id names among @cluster_id's links (NULL: every cluster's), with the clouds
 * it was found with and the inventory that holds it. */
CwLinkInventory *
cw_cli_find_link (CwCli        *cli,
                  const char   *cluster_id,
                  const char   *id,
                  CwClouds    **clouds,
                  CwLink      **link,
                  GError      **error)
{
  g_autoptr(CwLinkInventory) inventory = NULL;

  *clouds = cw_cli_open_clouds (cli, TRUE, TRUE, error);
  if (*clouds == NULL || (inventory = cw_cli_load_inventory (*clouds, cluster_id, error)) == NULL)
    return NULL;
  *link = cw_link_inventory_find (inventory, id);
  if (*link == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No link “%s”: “causeway-cli links” lists them."), id);
      return NULL;
    }
  return g_steal_pointer (&inventory);
}

int
cw_cli_resync (CwCli  *cli,
               int     argc,
               char  **argv)
{
  g_auto(LinkOptions) options = { 0 };
  GOptionEntry extra[] = {
    { "database", 0, 0, G_OPTION_ARG_STRING, &options.database_id,
      N_("A database added to the link, to re-sync its target; for a link made by hand, the database to re-sync "
         "to"), N_("ID") },
    { NULL }
  };
  int status = CW_CLI_EXIT_OK;
  const char *id = cw_cli_parse_link_command (cli, "resync", extra, &options.cluster_id, &argc, &argv, &status);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkInventory) inventory = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *ip = NULL;
  CwLink *link = NULL;

  if (id == NULL)
    return status;
  inventory = cw_cli_find_link (cli, options.cluster_id, id, &clouds, &link, &error);
  if (inventory == NULL)
    return cw_cli_fail (error);
  /* A database added to the link is re-synced on its own target group. */
  if (options.database_id != NULL && cw_link_find_database (link, options.database_id) != NULL &&
      cw_link_get_added (cw_link_find_database (link, options.database_id)))
    {
      link = cw_link_find_database (link, options.database_id);
      g_clear_pointer (&options.database_id, g_free);
    }
  if (options.database_id != NULL)
    {
      cw_link_check_resync_database_async (clouds, link, options.database_id, NULL, cw_cli_store_result, &result);
      if (!cw_link_check_resync_database_finish (link, cw_cli_wait (&result), &error))
        return cw_cli_fail (error);
      g_clear_object (&result);
    }
  cw_link_inventory_resync_async (inventory, link, options.database_id, NULL, cw_cli_store_result, &result);
  ip = cw_link_inventory_resync_finish (inventory, cw_cli_wait (&result), &error);
  if (ip == NULL)
    return cw_cli_fail (error);
  g_print (_("The target of %s is now %s:%u; the old addresses are deregistered.\n"), id, ip,
           cw_link_get_port (link));
  return CW_CLI_EXIT_OK;
}

int
cw_cli_accept (CwCli  *cli,
               int     argc,
               char  **argv)
{
  g_auto(LinkOptions) options = { 0 };
  int status = CW_CLI_EXIT_OK;
  const char *id = cw_cli_parse_link_command (cli, "accept", NULL, &options.cluster_id, &argc, &argv, &status);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkInventory) inventory = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  CwLink *link = NULL;

  if (id == NULL)
    return status;
  inventory = cw_cli_find_link (cli, options.cluster_id, id, &clouds, &link, &error);
  if (inventory == NULL)
    return cw_cli_fail (error);
  cw_link_inventory_accept_async (inventory, link, NULL, cw_cli_store_result, &result);
  if (!cw_link_inventory_accept_finish (inventory, cw_cli_wait (&result), &error))
    return cw_cli_fail (error);
  g_print (_("Accepted TiDB Cloud’s endpoint %s.\n"), cw_link_get (link, CW_LINK_ENDPOINT_ID));
  return CW_CLI_EXIT_OK;
}

/* The link's journal when this machine has one (a run that never reached TiDB Cloud has
 * nothing else), else what the clouds show of it; a link made outside Causeway has no
 * journal, only @link. */
static gboolean
find_what_to_delete (CwCli        *cli,
                     LinkOptions  *options,
                     const char   *id,
                     CwClouds    **clouds,
                     CwLink      **link,
                     CwJournal   **journal,
                     GError      **error)
{
  g_autoptr(CwLinkInventory) inventory = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  CwLink *found = NULL;

  *journal = g_uuid_string_is_valid (id) ? cw_journal_load_for_link (id, NULL) : NULL;
  if (*journal != NULL)
    {
      *clouds = cw_cli_open_clouds (cli, TRUE, TRUE, error);
      return *clouds != NULL;
    }
  inventory = cw_cli_find_link (cli, options->cluster_id, id, clouds, &found, error);
  if (inventory == NULL)
    return FALSE;
  *link = g_object_ref (found);
  if (!cw_link_get_managed (found))
    return TRUE;
  cw_link_inventory_dup_journal_async (inventory, found, NULL, cw_cli_store_result, &result);
  *journal = cw_link_inventory_dup_journal_finish (inventory, cw_cli_wait (&result), error);
  return *journal != NULL;
}

/* What the delete removes, in its order, as the links view's confirmation lists it. */
static void
print_deletions (CwLink    *link,
                 CwJournal *journal)
{
  g_autoptr(GPtrArray) deletions = cw_link_list_deletions (link, journal);

  g_print (_("These resources are deleted, in this order:\n"));
  for (guint i = 0; i < deletions->len; i++)
    {
      CwLinkDeletion *deletion = g_ptr_array_index (deletions, i);

      g_print ("  %s: %s\n", deletion->kind, deletion->what);
    }
}

/* The link's TiDB Cloud side as dataflows name it: from the clouds, else from the journal
 * of a run that made it; NULL when there is none, which nothing can use. */
static CwLink *
dup_tidb_side (CwLink    *link,
               CwJournal *journal)
{
  const char *private_link_id = journal ? cw_journal_get_resource (journal, CW_RES_PRIVATE_LINK_ID) : NULL;
  CwLink *tidb_side;

  if (link != NULL)
    return g_object_ref (link);
  if (private_link_id == NULL)
    return NULL;
  tidb_side = cw_link_new ();
  cw_link_set (tidb_side, CW_LINK_PRIVATE_LINK_ID, private_link_id);
  cw_link_set (tidb_side, CW_LINK_CLUSTER_ID, cw_journal_get_spec (journal, CW_SPEC_CLUSTER_ID));
  return tidb_side;
}

static void
print_users (GPtrArray *dataflows)
{
  g_print (_("These changefeeds and migrations go through the link and stop when it is deleted:\n"));
  for (guint i = 0; i < dataflows->len; i++)
    {
      CwDataflow *dataflow = g_ptr_array_index (dataflows, i);
      g_autofree char *state = cw_dataflow_dup_state_label (dataflow);

      g_print ("  %s %s: %s\n", cw_dataflow_kind_to_string (cw_dataflow_get_kind (dataflow)),
               cw_dataflow_get_id (dataflow), state);
    }
}

/* The changefeeds and migrations going through the link stop with it: they are listed,
 * and the delete goes on only with --force. */
static gboolean
refuse_if_in_use (CwClouds     *clouds,
                  CwLink       *link,
                  CwJournal    *journal,
                  const char   *id,
                  LinkOptions  *options,
                  GError      **error)
{
  g_autoptr(CwLink) tidb_side = dup_tidb_side (link, journal);
  const char *cluster_ids[] = { tidb_side ? cw_link_get (tidb_side, CW_LINK_CLUSTER_ID) : NULL, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) dataflows = NULL;
  g_autoptr(GPtrArray) using = NULL;
  g_autoptr(GError) list_error = NULL;

  if (tidb_side == NULL || cluster_ids[0] == NULL)
    return TRUE;
  cw_dataflows_list_async (clouds, cluster_ids, NULL, NULL, cw_cli_store_result, &result);
  dataflows = cw_dataflows_list_finish (cw_cli_wait (&result), &list_error);
  if (dataflows == NULL && options->force)
    {
      g_printerr (_("causeway-cli: Could not learn what uses the link, deleting it anyway: %s\n"), list_error->message);
      return TRUE;
    }
  if (dataflows == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&list_error));
      return FALSE;
    }
  using = cw_dataflows_filter_link (dataflows, tidb_side);
  if (using->len == 0)
    return TRUE;
  print_users (using);
  if (options->force)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
               g_dngettext (NULL, "%s carries the dataflow above: pass --force to delete it anyway, and it stops.",
                            "%s carries the %u dataflows above: pass --force to delete it anyway, and they stop.",
                            using->len),
               id, using->len);
  return FALSE;
}

/* The databases added to the link go first: their rules name its load balancer's group. */
static gboolean
remove_added_databases (CwClouds    *clouds,
                        CwLink      *link,
                        const char  *link_id,
                        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_link_remove_added_databases_async (clouds, link, link_id, NULL, cw_cli_store_result, &result);
  return cw_link_remove_added_databases_finish (cw_cli_wait (&result), error);
}

static int
delete_whole_link (CwClouds    *clouds,
                   CwLink      *link,
                   CwJournal   *journal,
                   LinkOptions *options)
{
  g_autoptr(CwProvisioner) provisioner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *question = g_strdup_printf (_("Delete link %s and every resource Causeway created for it?"),
                                               cw_journal_get_link_id (journal));

  if (!cw_cli_confirm (question, options->yes, &error))
    return cw_cli_exit_with (error);
  if (cw_journal_get_spec (journal, CW_SPEC_ADDED_TO) == NULL &&
      !remove_added_databases (clouds, link, cw_journal_get_link_id (journal), &error))
    return cw_cli_fail (error);
  provisioner = cw_provisioner_new (clouds, journal);
  cw_cli_follow_steps (provisioner);
  if (!cw_cli_run_provisioner (provisioner, TRUE, &error))
    return cw_cli_fail (error);
  g_print (_("Link %s is deleted.\n"), cw_journal_get_link_id (journal));
  return CW_CLI_EXIT_OK;
}

/* A link made outside Causeway: what someone else made in AWS is theirs to delete. */
static int
delete_tidb_side (CwClouds    *clouds,
                  CwLink      *link,
                  const char  *id,
                  LinkOptions *options)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *question = g_strdup_printf (_("Delete the TiDB Cloud private link connection of %s?"), id);

  if (!cw_cli_confirm (question, options->yes, &error))
    return cw_cli_exit_with (error);
  cw_link_delete_tidb_side_async (clouds, link, NULL, cw_cli_store_result, &result);
  if (!cw_link_delete_tidb_side_finish (link, cw_cli_wait (&result), &error))
    return cw_cli_fail (error);
  g_print (_("TiDB Cloud is deleting the private link connection %s; its AWS side stays.\n"),
           cw_link_get (link, CW_LINK_PRIVATE_LINK_ID));
  return CW_CLI_EXIT_OK;
}

int
cw_cli_delete (CwCli  *cli,
               int     argc,
               char  **argv)
{
  g_auto(LinkOptions) options = { 0 };
  GOptionEntry extra[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &options.yes, N_("Delete without asking"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force,
      N_("Delete it even though changefeeds or migrations use it (they stop)"), NULL },
    { NULL }
  };
  int status = CW_CLI_EXIT_OK;
  const char *id = cw_cli_parse_link_command (cli, "delete", extra, &options.cluster_id, &argc, &argv, &status);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLink) link = NULL;
  g_autoptr(CwJournal) journal = NULL;

  if (id == NULL)
    return status;
  if (!find_what_to_delete (cli, &options, id, &clouds, &link, &journal, &error) ||
      !refuse_if_in_use (clouds, link, journal, id, &options, &error))
    return cw_cli_fail (error);
  if (journal == NULL)
    g_print (_("%s was not made by Causeway: only its TiDB Cloud private link connection is deleted; its endpoint "
               "service, load balancer and target group stay in AWS.\n"), id);
  print_deletions (link, journal);
  if (journal == NULL)
    return delete_tidb_side (clouds, link, id, &options);
  return delete_whole_link (clouds, link, journal, &options);
}

/* `causeway-cli remove-database LINK DATABASE`: only what the database's addition made
 * goes; the link and its other databases stay. */
int
cw_cli_remove_database (CwCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_auto(LinkOptions) options = { 0 };
  GOptionEntry entries[] = {
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &options.cluster_id, N_("Look for the link in this cluster only"),
      N_("ID") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &options.yes, N_("Remove without asking"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkInventory) inventory = NULL;
  g_autoptr(CwJournal) journal = NULL;
  g_autoptr(CwProvisioner) provisioner = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *question = NULL;
  CwLink *link = NULL;

  if (!cw_cli_parse_options (cli, entries, _("LINK DATABASE"), &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc != 3)
    return cw_cli_usage (_("“remove-database” takes a link and a database added to it"));
  inventory = cw_cli_find_link (cli, options.cluster_id, argv[1], &clouds, &link, &error);
  if (inventory == NULL)
    return cw_cli_fail (error);
  cw_link_removal_new_async (clouds, link, argv[2], NULL, cw_cli_store_result, &result);
  journal = cw_link_removal_new_finish (cw_cli_wait (&result), &error);
  if (journal == NULL)
    return cw_cli_fail (error);
  print_deletions (cw_link_find_database (link, argv[2]), journal);
  question = g_strdup_printf (_("Remove %s from link %s?"), argv[2], argv[1]);
  if (!cw_cli_confirm (question, options.yes, &error))
    return cw_cli_exit_with (error);
  provisioner = cw_provisioner_new (clouds, journal);
  cw_cli_follow_steps (provisioner);
  if (!cw_cli_run_provisioner (provisioner, TRUE, &error))
    return cw_cli_fail (error);
  g_print (_("%s is removed from link %s; the link and its other databases stay.\n"), argv[2], argv[1]);
  return CW_CLI_EXIT_OK;
}
