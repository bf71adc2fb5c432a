/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-tidb-changefeeds.c: TiDB Cloud's changefeeds (cdc.swagger.json), MySQL sinks
 *
 * changefeeds:test and a create sign in to the sink the way TiDB Cloud does
 * (cw_sb_model_connect): through an ACTIVE private link connection, to its load
 * balancer's listener port, with a user of the database, over TLS where the database
 * requires it; each failure is a 400 in TiDB Cloud's words. A changefeed is CREATING
 * for a few seconds, then RUNNING while its sink is reached and RUNNING_FAILED with the
 * error while not; :stop pauses it (PAUSED, the spec's state), :start resumes it.
 */
#define G_LOG_DOMAIN "cw-sandbox-tidb"

#include "config.h"

#include <string.h>

#include "cw-sandbox-dump.h"
#include "cw-sandbox-tidb-private.h"

/* How far back a changefeed may start: TiDB Cloud keeps a day of history (its GC). */
#define GC_LIFE_TIME_S (24 * 3600)

/* ---- the swagger's shapes ---- */

static const char * const network_types[] = { "PUBLIC", "PRIVATE_LINK", NULL };
static const char * const sink_types[] = { "KAFKA", "MYSQL", NULL };
static const char * const table_modes[] = { "IGNORE_NOT_SUPPORT_TABLE", "FORCE_SYNC", NULL };
static const char * const start_modes[] = { "FROM_NOW", "FROM_TSO", "FROM_TIME", NULL };

static const CwSbJsonMember private_link_shape[] = {
  { "privateLinkConnectionId", CW_SB_JSON_STRING, TRUE },
  { "port", CW_SB_JSON_INT, TRUE },
  { NULL }
};

static const CwSbJsonMember network_shape[] = {
  { "networkType", CW_SB_JSON_ENUM, TRUE, NULL, network_types },
  { "publicEndpoint", CW_SB_JSON_STRING },
  { "privateLink", CW_SB_JSON_OBJECT, FALSE, private_link_shape },
  { NULL }
};

static const CwSbJsonMember authentication_shape[] = {
  { "userName", CW_SB_JSON_STRING, TRUE },
  { "password", CW_SB_JSON_STRING, TRUE },
  { "enableTls", CW_SB_JSON_BOOL },
  { NULL }
};

static const CwSbJsonMember mysql_shape[] = {
  { "network", CW_SB_JSON_OBJECT, TRUE, network_shape },
  { "authentication", CW_SB_JSON_OBJECT, TRUE, authentication_shape },
  { NULL }
};

static const CwSbJsonMember sink_shape[] = {
  { "type", CW_SB_JSON_ENUM, TRUE, NULL, sink_types },
  { "kafka", CW_SB_JSON_ANY_OBJECT },
  { "mysql", CW_SB_JSON_OBJECT, FALSE, mysql_shape },
  { NULL }
};

static const CwSbJsonMember event_filter_shape[] = {
  { "matcher", CW_SB_JSON_STRINGS },
  { "ignoreEvent", CW_SB_JSON_STRINGS },
  { NULL }
};

static const CwSbJsonMember filter_shape[] = {
  { "filterRule", CW_SB_JSON_STRINGS },
  { "mode", CW_SB_JSON_ENUM, FALSE, NULL, table_modes },
  { "eventFilterRule", CW_SB_JSON_OBJECTS, FALSE, event_filter_shape },
  { "caseSensitive", CW_SB_JSON_BOOL },
  { NULL }
};

static const CwSbJsonMember start_shape[] = {
  { "mode", CW_SB_JSON_ENUM, FALSE, NULL, start_modes },
  { "tso", CW_SB_JSON_INT },
  { "time", CW_SB_JSON_TIME },
  { NULL }
};

static const CwSbJsonMember create_shape[] = {
  { "displayName", CW_SB_JSON_STRING },
  { "sink", CW_SB_JSON_OBJECT, TRUE, sink_shape },
  { "filter", CW_SB_JSON_OBJECT, TRUE, filter_shape },
  { "startPosition", CW_SB_JSON_OBJECT, FALSE, start_shape },
  { NULL }
};

static const CwSbJsonMember test_shape[] = {
  { "sink", CW_SB_JSON_OBJECT, TRUE, sink_shape },
  { NULL }
};

static const CwSbJsonMember empty_shape[] = {
  { NULL }
};

/* ---- answers ---- */

/* A TiDB timestamp: milliseconds since the epoch above 18 logical bits. */
static gint64
tso_of (gint64 wall_usec)
{
  return (wall_usec / 1000) << 18;
}

static gint64
wall_of_tso (gint64 tso)
{
  return (tso >> 18) * 1000;
}

static void
add_sink (JsonBuilder    *builder,
          CwSbChangefeed *changefeed)
{
  CwSbSqlEndpoint *sink = &changefeed->sink;

  json_builder_set_member_name (builder, "sink");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "type", "MYSQL");
  json_builder_set_member_name (builder, "mysql");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "network");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "networkType", sink->link_id ? "PRIVATE_LINK" : "PUBLIC");
  if (sink->link_id != NULL)
    {
      json_builder_set_member_name (builder, "privateLink");
      json_builder_begin_object (builder);
      cw_sb_json_add_string (builder, "privateLinkConnectionId", sink->link_id);
      cw_sb_tidb_add_int (builder, "port", sink->port);
      json_builder_end_object (builder);
    }
  else
    {
      g_autofree char *endpoint = g_strdup_printf ("%s:%d", sink->host, sink->port);

      cw_sb_json_add_string (builder, "publicEndpoint", endpoint);
    }
  json_builder_end_object (builder);
  /* The password is never read back. */
  json_builder_set_member_name (builder, "authentication");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "userName", sink->user);
  json_builder_set_member_name (builder, "enableTls");
  json_builder_add_boolean_value (builder, sink->tls);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_filter (JsonBuilder    *builder,
            CwSbChangefeed *changefeed)
{
  json_builder_set_member_name (builder, "filter");
  json_builder_begin_object (builder);
  cw_sb_json_add_strings (builder, "filterRule", changefeed->filter_rules);
  if (changefeed->filter_mode != NULL)
    cw_sb_json_add_string (builder, "mode", changefeed->filter_mode);
  if (changefeed->event_filters != NULL)
    {
      json_builder_set_member_name (builder, "eventFilterRule");
      json_builder_add_value (builder, json_node_copy (changefeed->event_filters));
    }
  json_builder_set_member_name (builder, "caseSensitive");
  json_builder_add_boolean_value (builder, changefeed->case_sensitive);
  json_builder_end_object (builder);
}

static void
add_position (JsonBuilder *builder,
              const char  *name,
              const char  *mode,
              gint64       wall_usec)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  if (mode != NULL)
    cw_sb_json_add_string (builder, "mode", mode);
  cw_sb_tidb_add_int64 (builder, "tso", tso_of (wall_usec));
  cw_sb_tidb_add_time (builder, "time", wall_usec);
  json_builder_end_object (builder);
}

static void
add_changefeed (JsonBuilder    *builder,
                CwSbChangefeed *changefeed,
                const char     *state)
{
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "clusterId", changefeed->cluster_id);
  cw_sb_json_add_string (builder, "changefeedId", changefeed->base.id);
  cw_sb_json_add_string (builder, "state", state ? state : changefeed->state);
  cw_sb_json_add_string (builder, "displayName", changefeed->display_name);
  add_sink (builder, changefeed);
  add_filter (builder, changefeed);
  add_position (builder, "startPosition", changefeed->start_mode, changefeed->start_wall);
  add_position (builder, "checkpoint", NULL, changefeed->checkpoint);
  if (changefeed->error != NULL)
    cw_sb_json_add_string (builder, "error", changefeed->error);
  cw_sb_tidb_add_time (builder, "createTime", changefeed->base.created);
  cw_sb_tidb_add_time (builder, "updateTime", changefeed->updated);
  json_builder_end_object (builder);
}

static void
respond_changefeed (CwSbTidbCall   *call,
                    CwSbChangefeed *changefeed,
                    const char     *state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add_changefeed (builder, changefeed, state);
  cw_sb_tidb_respond (call, builder);
}

/* ---- the sink ---- */

static gboolean
refuse (CwSbTidbCall *call,
        int           code,
        const char   *text)
{
  cw_sb_tidb_respond_error (call, 400, code, text);
  return FALSE;
}

/* Reads a MySQL sink the shape has let through into @endpoint; FALSE once answered. */
static gboolean
read_sink (CwSbTidbCall    *call,
           JsonObject      *sink,
           CwSbSqlEndpoint *endpoint)
{
  JsonObject *mysql = cw_sb_json_object (sink, "mysql");
  JsonObject *network = cw_sb_json_object (mysql, "network");
  JsonObject *private_link = cw_sb_json_object (network, "privateLink");
  JsonObject *authentication = cw_sb_json_object (mysql, "authentication");
  const char *public_endpoint = cw_sb_json_string (network, "publicEndpoint");
  const char *colon = public_endpoint ? strrchr (public_endpoint, ':') : NULL;

  if (g_strcmp0 (cw_sb_json_string (sink, "type"), "MYSQL") != 0)
    return refuse (call, CW_SB_CODE_UNIMPLEMENTED, "the sandbox serves MYSQL sinks only");
  if (mysql == NULL)
    return refuse (call, CW_SB_CODE_INVALID_ARGUMENT, "sink.mysql is required for a MYSQL sink");
  if (g_str_equal (cw_sb_json_string (network, "networkType"), "PRIVATE_LINK"))
    {
      if (private_link == NULL)
        return refuse (call, CW_SB_CODE_INVALID_ARGUMENT,
                       "sink.mysql.network.privateLink is required when networkType is PRIVATE_LINK");
      endpoint->link_id = g_strdup (cw_sb_json_string (private_link, "privateLinkConnectionId"));
      endpoint->port = (int) cw_sb_json_int (private_link, "port", 0);
    }
  else
    {
      if (colon == NULL || colon == public_endpoint)
        return refuse (call, CW_SB_CODE_INVALID_ARGUMENT,
                       "sink.mysql.network.publicEndpoint must be host:port when networkType is PUBLIC");
      endpoint->host = g_strndup (public_endpoint, colon - public_endpoint);
      endpoint->port = (int) g_ascii_strtoll (colon + 1, NULL, 10);
    }
  if (endpoint->port < 1 || endpoint->port > 65535)
    return refuse (call, CW_SB_CODE_INVALID_ARGUMENT, "the port of the MySQL sink must be from 1 to 65535");
  endpoint->user = g_strdup (cw_sb_json_string (authentication, "userName"));
  endpoint->password = g_strdup (cw_sb_json_string (authentication, "password"));
  endpoint->tls = cw_sb_json_bool (authentication, "enableTls");
  return TRUE;
}

/* Signs in to the sink; FALSE once answered with why not. */
static gboolean
reach_sink (CwSbTidbCall          *call,
            CwSbTidbCluster       *cluster,
            const CwSbSqlEndpoint *endpoint)
{
  CwSbConnection connection;
  gboolean reached = cw_sb_model_connect (call->services->world, cluster, endpoint, TRUE, &connection);

  if (!reached)
    refuse (call, connection.result == CW_SB_CONNECT_NO_LINK ? CW_SB_CODE_INVALID_ARGUMENT : CW_SB_CODE_FAILED_PRECONDITION,
            connection.message);
  cw_sb_connection_clear (&connection);
  return reached;
}

void
cw_sb_tidb_test_changefeed (CwSbTidbCall *call)
{
  CwSbTidbCluster *cluster = cw_sb_tidb_find_cluster (call, FALSE);
  g_autoptr(JsonObject) body = cluster ? cw_sb_tidb_read_body (call, "ChangefeedService.TestChangefeedBody", test_shape)
                                       : NULL;
  CwSbSqlEndpoint endpoint = { 0 };

  if (body != NULL && read_sink (call, cw_sb_json_object (body, "sink"), &endpoint) &&
      reach_sink (call, cluster, &endpoint))
    cw_sb_tidb_respond_empty (call);
  cw_sb_sql_endpoint_clear (&endpoint);
}

/* ---- create ---- */

/* A table filter rule: [!]schema.table, each part a name or a wildcard pattern. */
static gboolean
filter_rule_is_valid (const char *rule)
{
  const char *bare = rule[0] == '!' ? rule + 1 : rule;
  const char *dot = strchr (bare, '.');

  return dot != NULL && dot != bare && dot[1] != '\0' && strchr (dot + 1, '.') == NULL &&
         strpbrk (bare, " \t\n") == NULL;
}

static gboolean
read_filter (CwSbTidbCall   *call,
             JsonObject     *filter,
             CwSbChangefeed *changefeed)
{
  JsonNode *rules = json_object_get_member (filter, "filterRule");
  JsonNode *events = json_object_get_member (filter, "eventFilterRule");
  GStrvBuilder *builder = g_strv_builder_new ();
  JsonArray *array = rules && JSON_NODE_HOLDS_ARRAY (rules) ? json_node_get_array (rules) : NULL;
  g_autofree char *problem = NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *rule = json_array_get_string_element (array, i);

      if (problem == NULL && !filter_rule_is_valid (rule))
        problem = g_strdup_printf ("invalid filter rule \"%s\": a rule is [!]schema.table, such as *.* or db1.*", rule);
      g_strv_builder_add (builder, rule);
    }
  changefeed->filter_rules = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  if (problem == NULL && changefeed->filter_rules[0] == NULL)
    problem = g_strdup ("filter.filterRule must hold at least one rule, such as *.*");
  if (problem != NULL)
    return refuse (call, CW_SB_CODE_INVALID_ARGUMENT, problem);
  changefeed->filter_mode = g_strdup (cw_sb_json_string (filter, "mode"));
  changefeed->case_sensitive = cw_sb_json_bool (filter, "caseSensitive");
  changefeed->event_filters = events && JSON_NODE_HOLDS_ARRAY (events) ? json_node_copy (events) : NULL;
  return TRUE;
}

/* From now, or from a moment still inside the GC's history and not in the future. */
static gboolean
read_start (CwSbTidbCall   *call,
            JsonObject     *start,
            CwSbChangefeed *changefeed)
{
  const char *mode = cw_sb_json_string (start, "mode") ?: "FROM_NOW";
  gint64 now = g_get_real_time ();
  gint64 wall = now;

  if (g_str_equal (mode, "FROM_TIME"))
    wall = cw_sb_json_time (cw_sb_json_string (start, "time"));
  else if (g_str_equal (mode, "FROM_TSO"))
    wall = wall_of_tso (cw_sb_json_int (start, "tso", -1));
  if (wall < 0)
    return refuse (call, CW_SB_CODE_INVALID_ARGUMENT,
                   g_str_equal (mode, "FROM_TIME") ? "startPosition.time is required when mode is FROM_TIME"
                                                   : "startPosition.tso is required when mode is FROM_TSO");
  if (wall > now + G_USEC_PER_SEC)
    return refuse (call, CW_SB_CODE_INVALID_ARGUMENT, "the start position is in the future");
  if (wall < now - (gint64) GC_LIFE_TIME_S * G_USEC_PER_SEC)
    return refuse (call, CW_SB_CODE_FAILED_PRECONDITION,
                   "the start position is earlier than the GC safe point: a changefeed can start at most 24 hours back");
  changefeed->start_mode = g_strdup (mode);
  changefeed->start_wall = wall;
  changefeed->checkpoint = wall;
  return TRUE;
}

void
cw_sb_tidb_create_changefeed (CwSbTidbCall *call)
{
  CwSandboxWorld *world = call->services->world;
  CwSbTidbCluster *cluster = cw_sb_tidb_find_cluster (call, FALSE);
  g_autoptr(JsonObject) body = cluster ? cw_sb_tidb_read_body (call, "ChangefeedService.CreateChangefeedBody",
                                                               create_shape)
                                       : NULL;
  CwSbChangefeed *changefeed;

  if (body == NULL)
    return;
  changefeed = cw_sb_model_add_changefeed (world, cluster);
  if (!read_sink (call, cw_sb_json_object (body, "sink"), &changefeed->sink) ||
      !read_filter (call, cw_sb_json_object (body, "filter"), changefeed) ||
      !read_start (call, cw_sb_json_object (body, "startPosition"), changefeed) ||
      !reach_sink (call, cluster, &changefeed->sink))
    {
      cw_sandbox_world_remove (world, changefeed);
      return;
    }
  changefeed->display_name = g_strdup (cw_sb_json_string (body, "displayName"));
  if (changefeed->display_name == NULL || *changefeed->display_name == '\0')
    {
      g_free (changefeed->display_name);
      changefeed->display_name = g_strdup (changefeed->base.id);
    }
  changefeed->base.lag_reads = call->decision.lag_reads;
  respond_changefeed (call, changefeed, NULL);
}

/* ---- one, and all ---- */

static CwSbChangefeed *
find_changefeed (CwSbTidbCall *call)
{
  CwSbChangefeed *item = cw_sb_tidb_find_cluster (call, FALSE)
    ? cw_sb_tidb_find_item (call, CW_SB_TIDB_CHANGEFEED, "changefeed", G_STRUCT_OFFSET (CwSbChangefeed, cluster_id))
    : NULL;

  if (item != NULL)
    cw_sb_model_refresh_changefeed (call->services->world, item);
  return item;
}

void
cw_sb_tidb_get_changefeed (CwSbTidbCall *call)
{
  CwSbChangefeed *changefeed = find_changefeed (call);

  if (changefeed != NULL)
    respond_changefeed (call, changefeed, NULL);
}

void
cw_sb_tidb_delete_changefeed (CwSbTidbCall *call)
{
  CwSbChangefeed *changefeed = find_changefeed (call);

  if (changefeed == NULL)
    return;
  respond_changefeed (call, changefeed, "DELETED");
  cw_sandbox_world_remove (call->services->world, changefeed);
}

static void
change_pause (CwSbTidbCall *call,
              gboolean      pause)
{
  CwSbChangefeed *changefeed = find_changefeed (call);
  g_autoptr(JsonObject) body = changefeed
    ? cw_sb_tidb_read_body (call, pause ? "ChangefeedService.StopChangefeedBody" : "ChangefeedService.StartChangefeedBody",
                            empty_shape)
    : NULL;
  gboolean allowed;
  g_autofree char *message = NULL;

  if (body == NULL)
    return;
  allowed = pause ? !g_str_equal (changefeed->state, "CREATING") && !changefeed->paused
                  : changefeed->paused || g_str_equal (changefeed->state, "RUNNING_FAILED");
  if (!allowed)
    {
      message = g_strdup_printf ("changefeed %s cannot be %s while its state is %s", changefeed->base.id,
                                 pause ? "stopped" : "started", changefeed->state);
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_FAILED_PRECONDITION, message);
      return;
    }
  changefeed->paused = pause;
  cw_sb_model_refresh_changefeed (call->services->world, changefeed);
  respond_changefeed (call, changefeed, NULL);
}

void
cw_sb_tidb_stop_changefeed (CwSbTidbCall *call)
{
  change_pause (call, TRUE);
}

void
cw_sb_tidb_start_changefeed (CwSbTidbCall *call)
{
  change_pause (call, FALSE);
}

void
cw_sb_tidb_list_changefeeds (CwSbTidbCall *call)
{
  CwSandboxWorld *world = call->services->world;
  CwSbTidbCluster *cluster = cw_sb_tidb_find_cluster (call, FALSE);
  const char *type = g_hash_table_lookup (call->query, "changefeedType");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *next_token = NULL;
  guint total;

  if (cluster == NULL)
    return;
  if (type != NULL && !g_strv_contains (sink_types, type))
    {
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_INVALID_ARGUMENT, "invalid value for changefeedType");
      return;
    }
  items = cw_sb_tidb_visible (world, CW_SB_TIDB_CHANGEFEED);
  for (guint i = items->len; i > 0; i--)
    {
      CwSbChangefeed *changefeed = items->pdata[i - 1];

      if (!g_str_equal (changefeed->cluster_id, cluster->base.id) || g_strcmp0 (type, "KAFKA") == 0)
        g_ptr_array_remove_index (items, i - 1);
    }
  total = items->len;
  if (!cw_sb_tidb_read_page (call, items, FALSE, &next_token))
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changefeeds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      cw_sb_model_refresh_changefeed (world, items->pdata[i]);
      add_changefeed (builder, items->pdata[i], NULL);
    }
  json_builder_end_array (builder);
  cw_sb_tidb_end_page (builder, next_token, total);
  cw_sb_tidb_respond (call, builder);
}
