/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tidb-fake-dataflow.c: the fake TiDB Cloud's changefeeds and data migrations
 *
 * Cluster 10001 has three changefeeds on two pages (a MySQL sink through plc-aaaa1111,
 * a failed one through plc-bbbb2222 whose checkpoint is a TSO only, a paused Kafka sink
 * through plc-cccc3333) and two migrations on two pages. The answers are shaped as
 * cdc.swagger.json and dm.swagger.json say; the tests check them against the files.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tidb-fake-server.h"

#define ACTIVE_LINK "plc-aaaa1111"

static const char changefeed_orders[] =
  "{\"clusterId\":\"10001\",\"changefeedId\":\"cf-1\",\"state\":\"%s\",\"displayName\":\"orders to reporting\","
  "\"sink\":{\"type\":\"MYSQL\",\"mysql\":{\"network\":{\"networkType\":\"PRIVATE_LINK\","
  "\"privateLink\":{\"privateLinkConnectionId\":\"" ACTIVE_LINK "\",\"port\":3306}},"
  "\"authentication\":{\"userName\":\"" TIDB_FAKE_MYSQL_USER "\",\"enableTls\":false}}},"
  "\"filter\":{\"filterRule\":[\"shop.*\",\"!shop.tmp_*\"],\"mode\":\"IGNORE_NOT_SUPPORT_TABLE\",\"caseSensitive\":false},"
  "\"startPosition\":{\"mode\":\"FROM_NOW\"},"
  "\"checkpoint\":{\"tso\":\"464703927091200007\",\"time\":\"2026-03-05T10:00:00Z\"},"
  "\"error\":\"\",\"createTime\":\"2026-03-05T09:00:00Z\",\"updateTime\":null}";

static const char changefeed_failed[] =
  "{\"clusterId\":\"10001\",\"changefeedId\":\"cf-2\",\"state\":\"RUNNING_FAILED\",\"displayName\":\"audit copy\","
  "\"sink\":{\"type\":\"MYSQL\",\"mysql\":{\"network\":{\"networkType\":\"PRIVATE_LINK\","
  "\"privateLink\":{\"privateLinkConnectionId\":\"plc-bbbb2222\",\"port\":3307}},"
  "\"authentication\":{\"userName\":\"replicator\",\"enableTls\":true}}},"
  "\"filter\":{\"filterRule\":[\"*.*\"]},\"startPosition\":{\"mode\":\"FROM_TSO\",\"tso\":\"464703895633920000\"},"
  "\"checkpoint\":{\"tso\":\"464703895633920007\"},"
  "\"error\":\"[CDC:ErrMySQLConnectionError]dial tcp 10.0.12.7:3307: i/o timeout\","
  "\"createTime\":\"2026-03-04T12:00:00Z\"}";

static const char changefeed_kafka[] =
  "{\"clusterId\":\"10001\",\"changefeedId\":\"cf-3\",\"state\":\"PAUSED\",\"displayName\":\"events\","
  "\"sink\":{\"type\":\"KAFKA\",\"kafka\":{\"network\":{\"networkType\":\"PRIVATE_LINK\","
  "\"privateLink\":{\"privateLinkConnectionId\":\"plc-cccc3333\",\"port\":9092}},"
  "\"broker\":{\"kafkaVersion\":\"VERSION_3XX\",\"compression\":\"NONE\"},"
  "\"authentication\":{\"authType\":\"DISABLE\"},\"dataFormat\":{\"protocol\":\"CANAL_JSON\"}}},"
  "\"filter\":{\"filterRule\":[\"*.*\"]},\"startPosition\":{\"mode\":\"FROM_NOW\"},"
  "\"createTime\":\"2026-03-01T12:00:00Z\"}";

static const char migration_syncing[] =
  "{\"migrationId\":\"mig-1\",\"displayName\":\"orders-db to TiDB\","
  "\"subTasks\":[{\"source\":{\"connProfile\":{\"connType\":\"PRIVATE_LINK\",\"endpointId\":\"" ACTIVE_LINK "\","
  "\"port\":3306,\"user\":\"" TIDB_FAKE_MYSQL_USER "\"},\"sourceType\":\"AWS_RDS_MYSQL\"},"
  "\"currentStep\":\"SYNC\",\"stage\":\"RUNNING\","
  "\"dumpDetail\":{\"bps\":\"0\",\"progress\":100,\"totalTables\":\"12\",\"completedTables\":\"12\","
  "\"finishedBytes\":\"73400320\",\"finishedRows\":\"1048576\"},"
  "\"loadDetail\":{\"bps\":\"0\",\"progress\":100,\"finishedBytes\":\"73400320\",\"totalBytes\":\"73400320\"},"
  "\"syncDetail\":{\"rps\":\"250\",\"latency\":\"3\",\"checkpoint\":\"mysql-bin-changelog.000042:1575\"},"
  "\"errorMsg\":null}],"
  "\"targetUser\":\"" TIDB_FAKE_TIDB_USER "\",\"createTime\":\"2026-03-05T08:00:00Z\",\"mode\":\"%s\",\"state\":\"%s\"}";

static const char migration_failed[] =
  "{\"migrationId\":\"mig-2\",\"displayName\":\"billing-db to TiDB\","
  "\"subTasks\":[{\"source\":{\"connProfile\":{\"connType\":\"PRIVATE_LINK\",\"endpointId\":\"plc-bbbb2222\","
  "\"port\":3306,\"user\":\"migrator\"},\"sourceType\":\"AWS_RDS_MYSQL\"},"
  "\"currentStep\":\"DUMP\",\"stage\":\"FAILED\","
  "\"dumpDetail\":{\"bps\":\"1048576\",\"progress\":37.5,\"totalTables\":\"8\",\"completedTables\":\"3\","
  "\"finishedBytes\":\"5242880\",\"finishedRows\":\"40000\"},"
  "\"errorMsg\":\"Error 1045 (28000): Access denied for user 'migrator'@'10.0.12.7'\"}],"
  "\"targetUser\":\"" TIDB_FAKE_TIDB_USER "\",\"createTime\":\"2026-03-04T08:00:00Z\",\"mode\":\"INCREMENTAL\",\"state\":\"FAILED\"}";

static const char precheck_finished[] =
  "{\"precheckId\":\"pc-7f3a\",\"total\":3,\"failedCnt\":1,\"warnCnt\":1,\"successCnt\":1,\"status\":\"FINISHED\","
  "\"items\":["
  "{\"description\":\"Check whether the binlog format of the source is ROW\",\"status\":\"FAILED\","
  "\"solution\":\"Set binlog_format to ROW\",\"reason\":\"binlog_format is MIXED\","
  "\"solutionDocUrl\":\"https://docs.pingcap.com/tidbcloud/migrate-from-mysql-using-data-migration\","
  "\"type\":\"BINLOG_FORMAT_CHECKING\"},"
  "{\"description\":\"Check the primary keys of the source tables\",\"status\":\"WARNING\","
  "\"solution\":\"Add a primary key\",\"reason\":\"shop.audit has no primary key\",\"type\":\"PRIMARY_KEY_CHECKING\"},"
  "{\"description\":\"Check whether the source user may dump\",\"status\":\"SUCCESS\",\"type\":\"DUMP_PRIVILEGE_CHECKING\"}]}";

static void
respond_take (SoupServerMessage *message,
              char              *body)
{
  tidb_fake_respond (message, 200, body);
  g_free (body);
}

static void
respond_status (SoupServerMessage *message,
                guint              status,
                int                code,
                const char        *text)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":%d,\"message\":\"%s\",\"details\":[]}", code, text);

  tidb_fake_respond (message, status, body);
}

static JsonObject *
request_object (const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, body, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

/* The string at a dotted path of @object, or NULL. */
static const char *
string_at (JsonObject *object,
           const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; object != NULL && steps[i] != NULL; i++)
    {
      node = json_object_get_member (object, steps[i]);
      if (node == NULL)
        return NULL;
      if (steps[i + 1] != NULL)
        object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return (object != NULL && node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING) ? json_node_get_string (node) : NULL;
}

/* TiDB Cloud connects through the link with the sink's user and password. */
static void
test_sink (SoupServerMessage *message,
           const char        *body)
{
  g_autoptr(JsonObject) request = request_object (body);
  const char *link = string_at (request, "sink.mysql.network.privateLink.privateLinkConnectionId");
  const char *user = string_at (request, "sink.mysql.authentication.userName");
  const char *password = string_at (request, "sink.mysql.authentication.password");
  g_autofree char *text = NULL;

  if (request == NULL || link == NULL || user == NULL || password == NULL)
    respond_status (message, 400, 3, "sink.mysql is required");
  else if (!g_str_equal (link, ACTIVE_LINK))
    {
      text = g_strdup_printf ("private link connection %s is not in ACTIVE state", link);
      respond_status (message, 400, 9, text);
    }
  else if (g_str_equal (user, TIDB_FAKE_QUOTING_USER))
    {
      text = g_strdup_printf ("invalid DSN quote-me:%s@tcp(plc-aaaa1111:3306)", password);
      respond_status (message, 400, 3, text);
    }
  else if (!g_str_equal (user, TIDB_FAKE_MYSQL_USER) || !g_str_equal (password, TIDB_FAKE_MYSQL_PASSWORD))
    {
      text = g_strdup_printf ("Failed to connect to the MySQL sink: Error 1045 (28000): Access denied for user '%s'@'10.0.12.7' (using password: YES)",
                              user);
      respond_status (message, 400, 3, text);
    }
  else
    tidb_fake_respond (message, 200, "{}");
}

static void
list_changefeeds (SoupServerMessage *message,
                  GHashTable        *query)
{
  const char *token = query ? g_hash_table_lookup (query, "pageToken") : NULL;
  g_autofree char *first = g_strdup_printf (changefeed_orders, "RUNNING");

  if (token == NULL)
    respond_take (message, g_strdup_printf ("{\"changefeeds\":[%s,%s],\"nextPageToken\":\"cf-page-2\",\"totalSize\":3}",
                                            first, changefeed_failed));
  else if (g_str_equal (token, "cf-page-2"))
    respond_take (message, g_strdup_printf ("{\"changefeeds\":[%s],\"totalSize\":3}", changefeed_kafka));
  else
    respond_status (message, 400, 3, "invalid page token");
}

/* The new changefeed, from what was asked: CREATING, its password not given back. */
static void
create_changefeed (SoupServerMessage *message,
                   const char        *body)
{
  g_autoptr(JsonObject) request = request_object (body);
  const char *link = string_at (request, "sink.mysql.network.privateLink.privateLinkConnectionId");
  const char *user = string_at (request, "sink.mysql.authentication.userName");

  if (link == NULL || user == NULL || !json_object_has_member (request, "filter"))
    {
      respond_status (message, 400, 3, "sink and filter are required");
      return;
    }
  respond_take (message, g_strdup_printf ("{\"clusterId\":\"10001\",\"changefeedId\":\"cf-new01\",\"state\":\"CREATING\","
                                          "\"displayName\":\"%s\",\"sink\":{\"type\":\"MYSQL\",\"mysql\":{\"network\":"
                                          "{\"networkType\":\"PRIVATE_LINK\",\"privateLink\":{\"privateLinkConnectionId\":\"%s\",\"port\":3306}},"
                                          "\"authentication\":{\"userName\":\"%s\",\"enableTls\":false}}},"
                                          "\"filter\":{\"filterRule\":[\"*.*\"]},\"startPosition\":{\"mode\":\"FROM_NOW\"},"
                                          "\"createTime\":\"2026-03-05T11:00:00Z\"}",
                                          string_at (request, "displayName") ? string_at (request, "displayName") : "", link, user));
}

static void
changefeed (SoupServerMessage *message,
            const char        *method,
            const char        *item)
{
  const char *state;

  if (g_str_equal (item, "cf-1") && g_str_equal (method, "GET"))
    state = "RUNNING";
  else if (g_str_equal (item, "cf-1") && g_str_equal (method, "DELETE"))
    state = "DELETED";
  else if (g_str_equal (item, "cf-1:start") && g_str_equal (method, "POST"))
    state = "RUNNING";
  else if (g_str_equal (item, "cf-1:stop") && g_str_equal (method, "POST"))
    state = "PAUSED";
  else
    {
      respond_status (message, 404, 5, "changefeed not found");
      return;
    }
  respond_take (message, g_strdup_printf (changefeed_orders, state));
}

static void
list_migrations (SoupServerMessage *message,
                 GHashTable        *query)
{
  const char *token = query ? g_hash_table_lookup (query, "pageToken") : NULL;
  g_autofree char *first = g_strdup_printf (migration_syncing, "ALL", "RUNNING");

  if (token == NULL)
    respond_take (message, g_strdup_printf ("{\"migrations\":[%s],\"totalSize\":2,\"nextPageToken\":\"mig-page-2\"}",
                                            first));
  else if (g_str_equal (token, "mig-page-2"))
    respond_take (message, g_strdup_printf ("{\"migrations\":[%s],\"totalSize\":2}", migration_failed));
  else
    respond_status (message, 400, 3, "invalid page token");
}

/* The new migration from what was asked: CREATING, starting its dump. */
static void
create_migration (SoupServerMessage *message,
                  const char        *body)
{
  g_autoptr(JsonObject) request = request_object (body);
  JsonArray *sources = request && json_object_has_member (request, "sources")
                       ? json_object_get_array_member (request, "sources") : NULL;
  JsonObject *source = sources && json_array_get_length (sources) > 0
                       ? json_array_get_object_element (sources, 0) : NULL;

  if (source == NULL || string_at (request, "target.user") == NULL || string_at (request, "mode") == NULL)
    {
      respond_status (message, 400, 3, "sources, target and mode are required");
      return;
    }
  respond_take (message, g_strdup_printf ("{\"migrationId\":\"mig-new01\",\"displayName\":\"%s\",\"subTasks\":["
                                          "{\"source\":{\"connProfile\":{\"connType\":\"%s\",\"endpointId\":\"%s\","
                                          "\"port\":3306,\"user\":\"%s\"},\"sourceType\":\"%s\"},"
                                          "\"currentStep\":\"DUMP\",\"stage\":\"RUNNING\",\"dumpDetail\":{\"progress\":0}}],"
                                          "\"targetUser\":\"%s\",\"createTime\":\"2026-03-05T11:00:00Z\","
                                          "\"mode\":\"%s\",\"state\":\"CREATING\"}",
                                          string_at (request, "displayName"),
                                          string_at (source, "connProfile.connType"),
                                          string_at (source, "connProfile.endpointId"),
                                          string_at (source, "connProfile.user"),
                                          string_at (source, "sourceType"),
                                          string_at (request, "target.user"),
                                          string_at (request, "mode")));
}

static void
migration (SoupServerMessage *message,
           const char        *method,
           const char        *item)
{
  if (g_str_equal (item, "mig-1") && g_str_equal (method, "GET"))
    respond_take (message, g_strdup_printf (migration_syncing, "ALL", "RUNNING"));
  else if (g_str_equal (item, "mig-1") && g_str_equal (method, "DELETE"))
    respond_take (message, g_strdup_printf (migration_syncing, "ALL", "DELETING"));
  else if ((g_str_equal (item, "mig-1:pause") || g_str_equal (item, "mig-1:resume")) && g_str_equal (method, "POST"))
    tidb_fake_respond (message, 200, "{}");
  else
    respond_status (message, 404, 5, "migration not found");
}

static void
precheck (SoupServerMessage *message,
          const char        *method,
          const char        *item)
{
  if (!g_str_equal (item, "pc-7f3a"))
    respond_status (message, 404, 5, "precheck not found");
  else if (g_str_equal (method, "DELETE"))
    tidb_fake_respond (message, 200, "{}");
  else
    tidb_fake_respond (message, 200, precheck_finished);
}

/* @collection is the segment after the cluster's id ("changefeeds", "changefeeds:test",
 * "migrations", …), @item the one after it, or NULL. */
void
tidb_fake_dataflow (SoupServerMessage *message,
                    const char        *method,
                    const char        *cluster_id,
                    const char        *collection,
                    const char        *item,
                    GHashTable        *query,
                    const char        *body)
{
  gboolean get = g_str_equal (method, "GET");
  gboolean post = g_str_equal (method, "POST");

  if (g_str_equal (collection, "changefeeds:test") && post && item == NULL)
    test_sink (message, body);
  else if (g_str_equal (collection, "changefeeds") && item == NULL && get)
    list_changefeeds (message, query);
  else if (g_str_equal (collection, "changefeeds") && item == NULL && post)
    create_changefeed (message, body);
  else if (g_str_equal (collection, "changefeeds") && item != NULL)
    changefeed (message, method, item);
  else if (g_str_equal (collection, "migrations") && item == NULL && get)
    list_migrations (message, query);
  else if (g_str_equal (collection, "migrations") && item == NULL && post)
    create_migration (message, body);
  else if (g_str_equal (collection, "migrations") && item != NULL)
    migration (message, method, item);
  else if (g_str_equal (collection, "migrationPrechecks") && item == NULL && post)
    tidb_fake_respond (message, 200, "{\"precheckId\":\"pc-7f3a\"}");
  else if (g_str_equal (collection, "migrationPrechecks") && item != NULL)
    precheck (message, method, item);
  else
    respond_status (message, 404, 5, "resource not found");
}
