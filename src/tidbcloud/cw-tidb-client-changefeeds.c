/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-client-changefeeds.c: the changefeed operations of CwTidbClient (cdc.swagger.json)
 *
 * The test and the changefeeds Causeway makes write into a MySQL sink reached through a
 * private link connection: SinkInfo {type MYSQL, mysql {network {networkType
 * PRIVATE_LINK, privateLink}, authentication}}. The sink's password goes into the
 * request body only, which is wiped when sent, and never into an error.
 */
#define G_LOG_DOMAIN "cw-tidb-client-changefeeds"

#include "config.h"

#include "cw-tidb-client-private.h"

#define COLLECTION "changefeeds"

/* Any table of any schema: TiDB's table filter syntax. */
static const char * const every_table[] = { "*.*", NULL };

static void
begin_member_object (JsonBuilder *builder,
                     const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
}

/* SinkInfo of type MYSQL through the private link connection. */
static void
add_mysql_sink (JsonBuilder           *builder,
                const CwTidbMysqlSink *sink)
{
  begin_member_object (builder, "sink");
  cw_tidb_json_add_string (builder, "type", CW_TIDB_CHANGEFEED_SINK_MYSQL);
  begin_member_object (builder, "mysql");

  begin_member_object (builder, "network");
  cw_tidb_json_add_string (builder, "networkType", "PRIVATE_LINK");
  begin_member_object (builder, "privateLink");
  cw_tidb_json_add_string (builder, "privateLinkConnectionId", sink->private_link_connection_id);
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, sink->port);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  begin_member_object (builder, "authentication");
  cw_tidb_json_add_string (builder, "userName", sink->user_name);
  cw_tidb_json_add_secret (builder, "password", sink->password);
  json_builder_set_member_name (builder, "enableTls");
  json_builder_add_boolean_value (builder, sink->enable_tls);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static gboolean
mysql_sink_is_complete (const CwTidbMysqlSink *sink)
{
  return sink != NULL &&
         sink->private_link_connection_id != NULL && *sink->private_link_connection_id != '\0' &&
         sink->port > 0 && sink->port <= G_MAXUINT16 &&
         sink->user_name != NULL && *sink->user_name != '\0' &&
         sink->password != NULL;
}

/* ChangefeedFilter: the rules as given, or every table. */
static void
add_filter (JsonBuilder        *builder,
            const char * const *rules)
{
  if (rules == NULL || rules[0] == NULL)
    rules = every_table;
  begin_member_object (builder, "filter");
  json_builder_set_member_name (builder, "filterRule");
  json_builder_begin_array (builder);
  for (guint i = 0; rules[i] != NULL; i++)
    json_builder_add_string_value (builder, rules[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* StartPosition: FROM_NOW, FROM_TIME (RFC 3339 in UTC) or FROM_TSO (a uint64, which
 * proto3 JSON writes as a string). */
static void
add_start_position (JsonBuilder *builder,
                    GDateTime   *start_time,
                    guint64      start_tso)
{
  begin_member_object (builder, "startPosition");
  if (start_time != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (start_time);
      g_autofree char *text = g_date_time_format_iso8601 (utc);

      cw_tidb_json_add_string (builder, "mode", "FROM_TIME");
      cw_tidb_json_add_string (builder, "time", text);
    }
  else if (start_tso != 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, start_tso);

      cw_tidb_json_add_string (builder, "mode", "FROM_TSO");
      cw_tidb_json_add_string (builder, "tso", text);
    }
  else
    cw_tidb_json_add_string (builder, "mode", "FROM_NOW");
  json_builder_end_object (builder);
}

/* TestChangefeedBody */
static GBytes *
test_body (const CwTidbMysqlSink *sink)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  add_mysql_sink (builder, sink);
  json_builder_end_object (builder);
  return cw_tidb_json_body_new (builder);
}

/* CreateChangefeedBody */
static GBytes *
create_body (const CwTidbChangefeedRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  if (request->display_name != NULL)
    cw_tidb_json_add_string (builder, "displayName", request->display_name);
  add_mysql_sink (builder, &request->sink);
  add_filter (builder, request->filter_rules);
  add_start_position (builder, request->start_time, request->start_tso);
  json_builder_end_object (builder);
  return cw_tidb_json_body_new (builder);
}

/* The start and stop bodies are empty objects. */
static GBytes *
empty_body (void)
{
  return g_bytes_new_static ("{}", 2);
}

/* TiDB Cloud connects to the database through the link with the sink's user and
 * password, as a changefeed would, and answers whether it could: the one proof that
 * the link reaches the database. A failure's GError keeps TiDB Cloud's message
 * (cw_tidb_error_get_server_message()), which says why. */
void
cw_tidb_client_test_mysql_sink_async (CwTidbClient          *self,
                                      const char            *cluster_id,
                                      const CwTidbMysqlSink *sink,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  const char * const secrets[] = { sink ? sink->password : NULL, NULL };
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (mysql_sink_is_complete (sink));

  path = cw_tidb_client_cluster_path (cluster_id, COLLECTION, NULL, ":test");
  body = test_body (sink);
  cw_tidb_client_fetch_async (self, "POST", path, body, secrets, NULL,
                              cw_tidb_client_test_mysql_sink_async, cancellable, callback, user_data);
}

gboolean
cw_tidb_client_test_mysql_sink_finish (CwTidbClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return cw_tidb_client_fetch_boolean_finish (self, result, cw_tidb_client_test_mysql_sink_async, error);
}

/* The answer is the new changefeed, usually CREATING. */
void
cw_tidb_client_create_changefeed_async (CwTidbClient                  *self,
                                        const char                    *cluster_id,
                                        const CwTidbChangefeedRequest *request,
                                        GCancellable                  *cancellable,
                                        GAsyncReadyCallback            callback,
                                        gpointer                       user_data)
{
  const char * const secrets[] = { request ? request->sink.password : NULL, NULL };
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (request != NULL && mysql_sink_is_complete (&request->sink));
  g_return_if_fail (request->start_time == NULL || request->start_tso == 0);

  path = cw_tidb_client_cluster_path (cluster_id, COLLECTION, NULL, NULL);
  body = create_body (request);
  cw_tidb_client_fetch_async (self, "POST", path, body, secrets,
                              (CwTidbParseFunc) cw_tidb_changefeed_new_from_json,
                              cw_tidb_client_create_changefeed_async, cancellable, callback, user_data);
}

CwTidbChangefeed *
cw_tidb_client_create_changefeed_finish (CwTidbClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return cw_tidb_client_fetch_finish (self, result, cw_tidb_client_create_changefeed_async, error);
}

/* Every changefeed of the cluster, of any sink type. */
void
cw_tidb_client_list_changefeeds_async (CwTidbClient        *self,
                                       const char          *cluster_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');

  path = cw_tidb_client_cluster_path (cluster_id, COLLECTION, NULL, NULL);
  cw_tidb_client_list_async (self, path, "changefeeds", CW_TYPE_TIDB_CHANGEFEED,
                             (CwTidbParseFunc) cw_tidb_changefeed_new_from_json,
                             cw_tidb_client_list_changefeeds_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): a GListModel of CwTidbChangefeed */
GListModel *
cw_tidb_client_list_changefeeds_finish (CwTidbClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return cw_tidb_client_fetch_finish (self, result, cw_tidb_client_list_changefeeds_async, error);
}

/* One changefeed, read or acted on by @method and @verb; answers the changefeed. */
static void
changefeed_async (CwTidbClient        *self,
                  const char          *method,
                  const char          *cluster_id,
                  const char          *changefeed_id,
                  const char          *verb,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (changefeed_id != NULL && *changefeed_id != '\0');

  path = cw_tidb_client_cluster_path (cluster_id, COLLECTION, changefeed_id, verb);
  if (verb != NULL)
    body = empty_body ();
  cw_tidb_client_fetch_async (self, method, path, body, NULL,
                              (CwTidbParseFunc) cw_tidb_changefeed_new_from_json,
                              source_tag, cancellable, callback, user_data);
}

void
cw_tidb_client_get_changefeed_async (CwTidbClient        *self,
                                     const char          *cluster_id,
                                     const char          *changefeed_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  changefeed_async (self, "GET", cluster_id, changefeed_id, NULL,
                    cw_tidb_client_get_changefeed_async, cancellable, callback, user_data);
}

CwTidbChangefeed *
cw_tidb_client_get_changefeed_finish (CwTidbClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return cw_tidb_client_fetch_finish (self, result, cw_tidb_client_get_changefeed_async, error);
}

/* Resumes a paused (or failed) changefeed from its checkpoint. */
void
cw_tidb_client_start_changefeed_async (CwTidbClient        *self,
                                       const char          *cluster_id,
                                       const char          *changefeed_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  changefeed_async (self, "POST", cluster_id, changefeed_id, ":start",
                    cw_tidb_client_start_changefeed_async, cancellable, callback, user_data);
}

CwTidbChangefeed *
cw_tidb_client_start_changefeed_finish (CwTidbClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return cw_tidb_client_fetch_finish (self, result, cw_tidb_client_start_changefeed_async, error);
}

/* Pauses the changefeed; its checkpoint stays, so a start goes on from there. */
void
cw_tidb_client_stop_changefeed_async (CwTidbClient        *self,
                                      const char          *cluster_id,
                                      const char          *changefeed_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  changefeed_async (self, "POST", cluster_id, changefeed_id, ":stop",
                    cw_tidb_client_stop_changefeed_async, cancellable, callback, user_data);
}

CwTidbChangefeed *
cw_tidb_client_stop_changefeed_finish (CwTidbClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return cw_tidb_client_fetch_finish (self, result, cw_tidb_client_stop_changefeed_async, error);
}

void
cw_tidb_client_delete_changefeed_async (CwTidbClient        *self,
                                        const char          *cluster_id,
                                        const char          *changefeed_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (changefeed_id != NULL && *changefeed_id != '\0');

  path = cw_tidb_client_cluster_path (cluster_id, COLLECTION, changefeed_id, NULL);
  cw_tidb_client_fetch_async (self, "DELETE", path, NULL, NULL, NULL,
                              cw_tidb_client_delete_changefeed_async, cancellable, callback, user_data);
}

gboolean
cw_tidb_client_delete_changefeed_finish (CwTidbClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return cw_tidb_client_fetch_boolean_finish (self, result, cw_tidb_client_delete_changefeed_async, error);
}
