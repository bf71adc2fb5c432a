/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-clusters.c: `causeway-cli clusters`, the TiDB Cloud clusters the API key sees */
#define G_LOG_DOMAIN "cw-cli-clusters"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli.h"
#include "cw-cli-table.h"
#include "cw-tidb-client.h"

typedef const char *(*ClusterColumn) (CwTidbCluster *cluster);

static const struct {
  const char    *title;
  ClusterColumn  value;
} columns[] = {
  { N_("CLUSTER ID"), cw_tidb_cluster_get_cluster_id },
  { N_("NAME"), cw_tidb_cluster_get_display_name },
  { N_("REGION"), cw_tidb_cluster_get_region_id },
  { N_("PLAN"), cw_tidb_cluster_get_cluster_plan },
  { N_("STATE"), cw_tidb_cluster_get_state },
};

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (GListModel *clusters)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (clusters); i++)
    {
      g_autoptr(CwTidbCluster) cluster = g_list_model_get_item (clusters, i);

      json_builder_begin_object (builder);
      add_member (builder, "clusterId", cw_tidb_cluster_get_cluster_id (cluster));
      add_member (builder, "displayName", cw_tidb_cluster_get_display_name (cluster));
      add_member (builder, "regionId", cw_tidb_cluster_get_region_id (cluster));
      add_member (builder, "cloudProvider", cw_tidb_cluster_get_cloud_provider (cluster));
      add_member (builder, "clusterPlan", cw_tidb_cluster_get_cluster_plan (cluster));
      add_member (builder, "state", cw_tidb_cluster_get_state (cluster));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  cw_cli_print_json (root);
}

static void
print_table (GListModel *clusters)
{
  const char *headers[G_N_ELEMENTS (columns) + 1] = { NULL };
  g_autoptr(CwCliTable) table = NULL;
  guint n = g_list_model_get_n_items (clusters);

  if (n == 0)
    {
      g_print ("%s\n", _("The API key sees no clusters."));
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    headers[c] = _(columns[c].title);
  table = cw_cli_table_new (headers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwTidbCluster) cluster = g_list_model_get_item (clusters, i);
      const char *cells[G_N_ELEMENTS (columns) + 1] = { NULL };

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        cells[c] = columns[c].value (cluster) ? columns[c].value (cluster) : "-";
      cw_cli_table_add_row (table, cells);
    }
  cw_cli_table_print (table);
}

static GListModel *
list_clusters (CwCli   *cli,
               GError **error)
{
  g_autoptr(CwCredentialSecret) secret = NULL;
  g_autoptr(CwTidbClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  CwCredential *credential;

  credential = cw_cli_pick_credential (cli, CW_CREDENTIAL_TIDBCLOUD, &secret, error);
  if (credential == NULL)
    return NULL;
  client = cw_tidb_client_new (cw_credential_get_key_id (credential), secret->secret, error);
  if (client == NULL)
    return NULL;
  cw_tidb_client_list_clusters_async (client, NULL, cw_cli_store_result, &result);
  return cw_tidb_client_list_clusters_finish (client, cw_cli_wait (&result), error);
}

int
cw_cli_clusters (CwCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GError) error = NULL;

  if (!cw_cli_parse_options (cli, NULL, "", &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc > 1)
    return cw_cli_usage (_("“clusters” takes no arguments"));
  clusters = list_clusters (cli, &error);
  if (clusters == NULL)
    return cw_cli_fail (error);
  if (cli->output == CW_CLI_OUTPUT_JSON)
    print_json (clusters);
  else
    print_table (clusters);
  return CW_CLI_EXIT_OK;
}
