/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-control.c: the sandbox's control endpoint, on loopback (DESIGN.md §6)
 *
 * What the clouds do on their own, a test or a person causes here:
 *   POST /_sandbox/failover?database=ID  moves the database's address, as a Multi-AZ
 *                                        failover, an Aurora writer failover or a restore
 *                                        does (and writes the hosts file again);
 *   GET  /_sandbox/requests              {"total": N, "byOperation": {"ec2.DescribeVpcs": n, …}}
 *                                        the requests the sandbox answered, by operation.
 */
#define G_LOG_DOMAIN "cw-sandbox-control"

#include "config.h"

#include <json-glib/json-glib.h>

#include "cw-sandbox-dump.h"
#include "cw-sandbox-model.h"
#include "cw-sandbox-private.h"

#define CONTROL_PATH "/_sandbox"

/* ---- the hosts file ---- */

static void
add_hosts (GString        *hosts,
           CwSandboxWorld *world,
           CwSbKind        kind,
           gsize           host_offset)
{
  GPtrArray *databases = cw_sandbox_world_list (world, kind);

  for (guint i = 0; i < databases->len; i++)
    {
      const char *host = G_STRUCT_MEMBER (const char *, databases->pdata[i], host_offset);
      const char *ip = host ? cw_sb_model_resolve (world, host) : NULL;

      if (ip != NULL)
        g_string_append_printf (hosts, "%s %s\n", ip, host);
    }
}

gboolean
cw_sb_write_hosts (CwSbServices  *services,
                   GError       **error)
{
  g_autoptr(GString) hosts = g_string_new (NULL);

  if (services->hosts_file == NULL)
    return TRUE;
  cw_sandbox_world_lock (services->world);
  add_hosts (hosts, services->world, CW_SB_DB_INSTANCE, G_STRUCT_OFFSET (CwSbDbInstance, host));
  add_hosts (hosts, services->world, CW_SB_DB_CLUSTER, G_STRUCT_OFFSET (CwSbDbCluster, host));
  cw_sandbox_world_unlock (services->world);
  return g_file_set_contents (services->hosts_file, hosts->str, hosts->len, error);
}

/* ---- answers ---- */

static void
respond_json (SoupServerMessage *message,
              guint              status,
              JsonBuilder       *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, text, length);
}

static void
respond_message (SoupServerMessage *message,
                 guint              status,
                 const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "message", text);
  json_builder_end_object (builder);
  respond_json (message, status, builder);
}

static void
failover (CwSbServices      *services,
          SoupServerMessage *message,
          GHashTable        *query)
{
  const char *database = query ? g_hash_table_lookup (query, "database") : NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (database == NULL)
    {
      respond_message (message, 400, "Name the database: POST /_sandbox/failover?database=ID");
      return;
    }
  cw_sandbox_world_lock (services->world);
  done = cw_sb_model_failover (services->world, database, &error);
  cw_sandbox_world_unlock (services->world);
  if (!done)
    {
      respond_message (message, 404, error->message);
      return;
    }
  if (!cw_sb_write_hosts (services, &error))
    {
      respond_message (message, 500, error->message);
      return;
    }
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "database", database);
  json_builder_end_object (builder);
  respond_json (message, 200, builder);
}

static void
request_counts (CwSbServices      *services,
                SoupServerMessage *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GHashTableIter iter;
  gpointer key;
  gpointer count;
  guint total = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "byOperation");
  json_builder_begin_object (builder);
  cw_sandbox_world_lock (services->world);
  g_hash_table_iter_init (&iter, cw_sandbox_world_get_request_counts (services->world));
  while (g_hash_table_iter_next (&iter, &key, &count))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_int_value (builder, GPOINTER_TO_UINT (count));
      total += GPOINTER_TO_UINT (count);
    }
  cw_sandbox_world_unlock (services->world);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_end_object (builder);
  respond_json (message, 200, builder);
}

/* Only a caller on this computer may move the world. */
static gboolean
is_loopback (SoupServerMessage *message)
{
  GSocketAddress *address = soup_server_message_get_remote_address (message);

  return G_IS_INET_SOCKET_ADDRESS (address) &&
         g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
}

static void
serve_control (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  const char *method = soup_server_message_get_method (message);

  if (!is_loopback (message))
    respond_message (message, 403, "The control endpoint answers this computer only");
  else if (g_str_equal (path, CONTROL_PATH "/failover") && g_str_equal (method, "POST"))
    failover (user_data, message, query);
  else if (g_str_equal (path, CONTROL_PATH "/requests") && g_str_equal (method, "GET"))
    request_counts (user_data, message);
  else
    respond_message (message, 404, "The control endpoint has POST /_sandbox/failover?database=ID and "
                                   "GET /_sandbox/requests");
}

void
cw_sb_control_install (CwSbServices *services,
                       SoupServer   *server)
{
  soup_server_add_handler (server, CONTROL_PATH, serve_control, services, NULL);
}
