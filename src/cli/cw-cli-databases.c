/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-databases.c: `causeway-cli databases --region R`, the RDS databases a link can
 * reach, with their zone IDs */
#define G_LOG_DOMAIN "cw-cli-databases"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-link.h"
#include "cw-cli-completion.h"
#include "cw-cli-table.h"
#include "cw-plan-loaders.h"

static void
print_json (GListModel *databases)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (databases); i++)
    {
      g_autoptr(CwDatabase) database = g_list_model_get_item (databases, i);

      json_builder_begin_object (builder);
      cw_cli_json_string (builder, "id", cw_database_get_id (database));
      cw_cli_json_string (builder, "kind", cw_database_kind_to_string (cw_database_get_kind (database)));
      cw_cli_json_string (builder, "engine", cw_database_get_engine (database));
      cw_cli_json_string (builder, "engineVersion", cw_database_get_engine_version (database));
      cw_cli_json_string (builder, "status", cw_database_get_status (database));
      cw_cli_json_string (builder, "endpoint", cw_database_get_endpoint (database));
      cw_cli_json_int (builder, "port", cw_database_get_port (database));
      cw_cli_json_string (builder, "vpcId", cw_database_get_vpc_id (database));
      cw_cli_json_strv (builder, "zones", cw_database_get_zone_ids (database));
      cw_cli_json_strv (builder, "zoneNames", cw_database_get_zones (database));
      cw_cli_json_boolean (builder, "multiAz", cw_database_get_multi_az (database));
      cw_cli_json_boolean (builder, "publiclyAccessible", cw_database_get_publicly_accessible (database));
      cw_cli_json_boolean (builder, "mysqlCompatible", cw_database_is_mysql_compatible (database));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  cw_cli_print_json (root);
}

static void
print_table (GListModel *databases)
{
  const char *headers[] = { _("DATABASE"), _("KIND"), _("ENGINE"), _("ZONE ID"), _("STANDBY ZONE ID"),
                            _("VPC"), _("PUBLIC"), NULL };
  g_autoptr(CwCliTable) table = cw_cli_table_new (headers);

  for (guint i = 0; i < g_list_model_get_n_items (databases); i++)
    {
      g_autoptr(CwDatabase) database = g_list_model_get_item (databases, i);
      g_autofree char *engine = cw_database_dup_engine_label (database);
      const char *cells[] = {
        cw_database_get_id (database), cw_database_kind_to_string (cw_database_get_kind (database)), engine,
        cw_database_get_zone_id (database) ? cw_database_get_zone_id (database) : "",
        cw_database_get_standby_zone_id (database) ? cw_database_get_standby_zone_id (database) : "",
        cw_database_get_vpc_id (database) ? cw_database_get_vpc_id (database) : "",
        cw_database_get_publicly_accessible (database) ? _("yes") : _("no"), NULL
      };

      cw_cli_table_add_row (table, cells);
    }
  cw_cli_table_print (table);
}

int
cw_cli_databases (CwCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autofree char *region = NULL;
  GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("The AWS region to list"), N_("REGION") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) databases = NULL;

  if (!cw_cli_parse_options (cli, entries, NULL, &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc > 1)
    return cw_cli_usage (_("“databases” takes no arguments"));
  if (region == NULL)
    return cw_cli_usage (_("“databases” needs --region REGION"));
  clouds = cw_cli_open_clouds (cli, TRUE, FALSE, &error);
  if (clouds == NULL)
    return cw_cli_fail (error);
  cw_load_databases_async (cw_clouds_get_aws (clouds, region), NULL, cw_cli_store_result, &result);
  databases = cw_load_databases_finish (cw_clouds_get_aws (clouds, region), cw_cli_wait (&result), &error);
  if (databases == NULL)
    return cw_cli_fail (error);
  if (cli->output == CW_CLI_OUTPUT_JSON)
    print_json (databases);
  else
    print_table (databases);
  cw_cli_completion_remember (CW_CLI_COMPLETION_DATABASES, databases,
                              (CwCliCompletionField) cw_database_get_id, NULL);
  return CW_CLI_EXIT_OK;
}
