/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: every reader of TiDB Cloud's JSON answers over the same bytes. */
#include "config.h"

#include <stdint.h>

#include "cw-tidb-availability-zones.h"
#include "cw-tidb-cluster.h"
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

static void
read_objects (JsonObject *object)
{
  const CwTidbParseFunc parsers[] = {
    (CwTidbParseFunc) cw_tidb_project_new_from_json,
    (CwTidbParseFunc) cw_tidb_availability_zones_new_from_json,
    (CwTidbParseFunc) cw_tidb_private_link_new_from_json,
  };
  g_autoptr(CwTidbCluster) cluster = cw_tidb_cluster_new_from_json (object, NULL);

  /* The one value computed from what was read. */
  if (cluster != NULL)
    cw_tidb_cluster_get_aws_region (cluster);
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
  read_objects (object);
  return 0;
}
