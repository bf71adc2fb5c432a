/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: every reader of TiDB Cloud's JSON answers over the same bytes. */
#include "config.h"

#include <stdint.h>

#include "cw-tidb-availability-zones.h"
#include "cw-tidb-changefeed.h"
#include "cw-tidb-cluster.h"
#include "cw-tidb-migration.h"
#include "cw-tidb-migration-precheck.h"
#include "cw-tidb-private-link.h"
#include "cw-tidb-project.h"
#include "cw-tidb-types.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A critical from json-glib or GLib is a bug in how the answer was read. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
read_page (JsonObject      *object,
           const char      *items_member,
           GType            item_type,
           CwTidbParseFunc  parse_item)
{
  g_autoptr(GListStore) items = g_list_store_new (item_type);
  g_autofree char *next_page_token = NULL;

  cw_tidb_parse_page (object, items_member, parse_item, items, &next_page_token, NULL);
}

/* The values computed from what was read. */
static void
read_dataflows (JsonObject *object)
{
  g_autoptr(CwTidbChangefeed) changefeed = cw_tidb_changefeed_new_from_json (object, NULL);
  g_autoptr(CwTidbMigration) migration = cw_tidb_migration_new_from_json (object, NULL);
  g_autoptr(CwTidbMigrationPrecheck) precheck = cw_tidb_migration_precheck_new_from_json (object, NULL);

  if (changefeed != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      cw_tidb_changefeed_get_lag_seconds (changefeed, now);
      cw_tidb_changefeed_state_to_string (cw_tidb_changefeed_get_state (changefeed));
    }
  if (precheck != NULL)
    cw_tidb_migration_precheck_is_done (precheck);
  if (migration != NULL)
    {
      cw_tidb_migration_get_lag_seconds (migration);
      cw_tidb_migration_get_private_link_connection_id (migration);
      cw_tidb_migration_get_port (migration);
      cw_tidb_migration_get_error_message (migration);
    }
}

static void
read_objects (JsonObject *object)
{
  const CwTidbParseFunc parsers[] = {
    (CwTidbParseFunc) cw_tidb_project_new_from_json,
    (CwTidbParseFunc) cw_tidb_availability_zones_new_from_json,
    (CwTidbParseFunc) cw_tidb_private_link_new_from_json,
  };
  g_autoptr(CwTidbCluster) cluster = cw_tidb_cluster_new_from_json (object, NULL);

  if (cluster != NULL)
    cw_tidb_cluster_get_aws_region (cluster);
  read_dataflows (object);
  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      GObject *item = parsers[i] (object, NULL);

      g_clear_object (&item);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonObject) object = NULL;

  g_error_free (cw_tidb_error_from_status (500, "Internal Server Error", (const char *) data, size));
  object = cw_tidb_parse_object ((const char *) data, size, NULL);
  if (object == NULL)
    return 0;
  read_page (object, "clusters", CW_TYPE_TIDB_CLUSTER,
             (CwTidbParseFunc) cw_tidb_cluster_new_from_json);
  read_page (object, "projects", CW_TYPE_TIDB_PROJECT,
             (CwTidbParseFunc) cw_tidb_project_new_from_json);
  read_page (object, "privateLinkConnections", CW_TYPE_TIDB_PRIVATE_LINK,
             (CwTidbParseFunc) cw_tidb_private_link_new_from_json);
  read_page (object, "changefeeds", CW_TYPE_TIDB_CHANGEFEED,
             (CwTidbParseFunc) cw_tidb_changefeed_new_from_json);
  read_page (object, "migrations", CW_TYPE_TIDB_MIGRATION,
             (CwTidbParseFunc) cw_tidb_migration_new_from_json);
  read_objects (object);
  return 0;
}
