/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The changefeed and data migration calls of the TiDB Cloud client against the fake
 * server: each request's method, path and exact body, and every exchange checked
 * against cdc.swagger.json or dm.swagger.json (TiDB Cloud rejects members it does not
 * know), the answers read, the errors kept with TiDB Cloud's words and no password. */
#include "config.h"

#include <string.h>

#include "cw-tidb-client.h"
#include "tidb-fake-server.h"

#define WAIT_SECONDS 30
#define CLUSTER      "10001"
#define LINK         "plc-aaaa1111"

typedef struct {
  TidbFakeServer *server;
  CwTidbClient   *client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = tidb_fake_server_new ();
  f->client = cw_tidb_client_new_for_endpoints (TIDB_FAKE_PUBLIC_KEY, TIDB_FAKE_PRIVATE_KEY,
                                                f->server->serverless_endpoint,
                                                f->server->iam_endpoint, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->server, tidb_fake_server_free);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  g_assert_true (tidb_wait_for ((gpointer *) slot, WAIT_SECONDS));
  return *slot;
}

static void
assert_says (const char *text,
             const char *part)
{
  g_assert_nonnull (text);
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text, part);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (text != NULL && strstr (text, part) != NULL)
    g_error ("“%s” gives away “%s”", text, part);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* The same JSON, whatever the order of the members. */
static void
assert_json_equal (const char *actual,
                   const char *expected)
{
  g_autoptr(JsonNode) actual_node = parse_json (actual);
  g_autoptr(JsonNode) expected_node = parse_json (expected);

  if (!json_node_equal (actual_node, expected_node))
    g_error ("the body sent was\n  %s\nand not\n  %s", actual, expected);
}

static void
assert_request (Fixture    *f,
                const char *method,
                const char *path)
{
  g_autofree char *full_path = g_strconcat ("/serverless/v1beta1/clusters/" CLUSTER, path, NULL);

  g_assert_cmpstr (f->server->last_method, ==, method);
  g_assert_cmpstr (f->server->last_path, ==, full_path);
}

/* ---- the exchanges against the swagger files ---- */

static JsonObject *
load_swagger (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("CAUSEWAY_SPECS"), "tidbcloud", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The schema a $ref or a one-element allOf stands for. */
static JsonObject *
resolve_schema (JsonObject *swagger,
                JsonObject *schema)
{
  while (TRUE)
    {
      const char *ref = json_object_get_string_member_with_default (schema, "$ref", NULL);

      if (ref != NULL)
        {
          g_assert_true (g_str_has_prefix (ref, "#/definitions/"));
          schema = json_object_get_object_member (json_object_get_object_member (swagger, "definitions"),
                                                  ref + strlen ("#/definitions/"));
          g_assert_nonnull (schema);
        }
      else if (json_object_has_member (schema, "allOf"))
        schema = json_array_get_object_element (json_object_get_array_member (schema, "allOf"), 0);
      else
        return schema;
    }
}

static void check_value (JsonObject *swagger, JsonObject *schema, JsonNode *value,
                         const char *where, gboolean request);

static void
check_object (JsonObject *swagger,
              JsonObject *schema,
              JsonObject *value,
              const char *where,
              gboolean    request)
{
  JsonObject *properties = json_object_has_member (schema, "properties")
                           ? json_object_get_object_member (schema, "properties") : NULL;
  JsonArray *required = json_object_has_member (schema, "required")
                        ? json_object_get_array_member (schema, "required") : NULL;
  g_autoptr(GList) names = json_object_get_members (value);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *inner = g_strdup_printf ("%s.%s", where, name);
      JsonObject *property = properties && json_object_has_member (properties, name)
                             ? json_object_get_object_member (properties, name) : NULL;
      JsonNode *member = json_object_get_member (value, name);

      if (property == NULL)
        {
          if (json_object_has_member (schema, "additionalProperties"))
            continue;
          g_error ("%s is not in the spec", inner);
        }
      if (request && json_object_get_boolean_member_with_default (property, "readOnly", FALSE))
        g_error ("%s is read-only: a request may not send it", inner);
      if (JSON_NODE_HOLDS_NULL (member))
        {
          if (!json_object_get_boolean_member_with_default (property, "x-nullable", FALSE))
            g_error ("%s is null, which the spec does not allow", inner);
          continue;
        }
      check_value (swagger, property, member, inner, request);
    }
  /* An answer leaves out what only a request must carry: the passwords. */
  for (guint i = 0; request && required != NULL && i < json_array_get_length (required); i++)
    if (!json_object_has_member (value, json_array_get_string_element (required, i)))
      g_error ("%s lacks the required “%s”", where, json_array_get_string_element (required, i));
}

static void
check_string (JsonObject *schema,
              JsonNode   *value,
              const char *where)
{
  const char *format = json_object_get_string_member_with_default (schema, "format", "");
  const char *text;
  g_autoptr(GDateTime) time = NULL;

  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    g_error ("%s is not a string", where);
  text = json_node_get_string (value);
  if (json_object_has_member (schema, "enum"))
    {
      JsonArray *values = json_object_get_array_member (schema, "enum");
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (values); i++)
        found |= g_str_equal (json_array_get_string_element (values, i), text);
      if (!found)
        g_error ("%s is “%s”, which is not one of the spec's values", where, text);
    }
  if ((g_str_equal (format, "int64") || g_str_equal (format, "uint64")) &&
      !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, NULL))
    g_error ("%s is “%s”, not a %s", where, text, format);
  if (g_str_equal (format, "date-time") &&
      (time = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
    g_error ("%s is “%s”, not an RFC 3339 time", where, text);
}

static void
check_value (JsonObject *swagger,
             JsonObject *schema,
             JsonNode   *value,
             const char *where,
             gboolean    request)
{
  const char *type;
  GType value_type;

  schema = resolve_schema (swagger, schema);
  type = json_object_get_string_member_with_default (schema, "type", "object");
  value_type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;
  if (g_str_equal (type, "object"))
    {
      if (!JSON_NODE_HOLDS_OBJECT (value))
        g_error ("%s is not an object", where);
      check_object (swagger, schema, json_node_get_object (value), where, request);
    }
  else if (g_str_equal (type, "array"))
    {
      JsonObject *items = json_object_get_object_member (schema, "items");
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        g_error ("%s is not a list", where);
      array = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *inner = g_strdup_printf ("%s[%u]", where, i);

          check_value (swagger, items, json_array_get_element (array, i), inner, request);
        }
    }
  else if (g_str_equal (type, "string"))
    check_string (schema, value, where);
  else if (g_str_equal (type, "integer") && value_type != G_TYPE_INT64)
    g_error ("%s is not a whole number", where);
  else if (g_str_equal (type, "number") && value_type != G_TYPE_INT64 && value_type != G_TYPE_DOUBLE)
    g_error ("%s is not a number", where);
  else if (g_str_equal (type, "boolean") && value_type != G_TYPE_BOOLEAN)
    g_error ("%s is not a boolean", where);
}

/* The operation whose path template, such as
 * /v1beta1/clusters/{clusterId}/changefeeds/{changefeedId}:start, matches @path. */
static JsonObject *
find_operation (JsonObject *swagger,
                const char *method,
                const char *path)
{
  JsonObject *paths = json_object_get_object_member (swagger, "paths");
  g_autoptr(GList) templates = json_object_get_members (paths);
  g_autofree char *lower = g_ascii_strdown (method, -1);

  /* Quoted, "{clusterId}" reads "\{clusterId\}": a path parameter is one segment, and a
   * custom verb (":start") follows it. */
  g_autoptr(GRegex) parameter = g_regex_new ("\\\\\\{[^}]+\\\\\\}", 0, 0, NULL);

  for (GList *l = templates; l != NULL; l = l->next)
    {
      g_autofree char *quoted = g_regex_escape_string (l->data, -1);
      g_autofree char *pattern_body = g_regex_replace_literal (parameter, quoted, -1, 0, "[^/:]+", 0, NULL);
      g_autofree char *pattern = g_strconcat ("^", pattern_body, "$", NULL);
      JsonObject *operations = json_object_get_object_member (paths, l->data);

      if (g_regex_match_simple (pattern, path, 0, 0) && json_object_has_member (operations, lower))
        return json_object_get_object_member (operations, lower);
    }
  g_error ("the spec has no %s %s", method, path);
  return NULL;
}

static JsonObject *
find_parameter (JsonObject *operation,
                const char *where,
                const char *name)
{
  JsonArray *parameters = json_object_get_array_member (operation, "parameters");

  for (guint i = 0; i < json_array_get_length (parameters); i++)
    {
      JsonObject *parameter = json_array_get_object_element (parameters, i);

      if (g_str_equal (json_object_get_string_member (parameter, "in"), where) &&
          (name == NULL || g_str_equal (json_object_get_string_member (parameter, "name"), name)))
        return parameter;
    }
  return NULL;
}

static void
check_exchange (JsonObject             *swagger,
                const TidbFakeExchange *exchange)
{
  const char *path = exchange->path + strlen ("/serverless");
  JsonObject *operation = find_operation (swagger, exchange->method, path);
  JsonObject *body_parameter = find_parameter (operation, "body", NULL);
  JsonObject *responses = json_object_get_object_member (operation, "responses");
  g_auto(GStrv) query = g_strsplit (exchange->query ? exchange->query : "", "&", -1);
  g_autoptr(JsonNode) response = NULL;

  for (guint i = 0; query[i] != NULL && *query[i] != '\0'; i++)
    {
      g_autofree char *name = g_strndup (query[i], strcspn (query[i], "="));

      if (find_parameter (operation, "query", name) == NULL)
        g_error ("%s %s takes no query parameter “%s”", exchange->method, path, name);
    }
  if (body_parameter != NULL)
    {
      g_autoptr(JsonNode) body = parse_json (exchange->body);

      check_value (swagger, json_object_get_object_member (body_parameter, "schema"), body, "request", TRUE);
    }
  else if (*exchange->body != '\0')
    g_error ("%s %s takes no body, and was sent %s", exchange->method, path, exchange->body);

  response = parse_json (exchange->response);
  check_value (swagger,
               json_object_get_object_member (json_object_get_object_member (responses, exchange->status == 200 ? "200" : "default"),
                                              "schema"),
               response, "answer", FALSE);
}

/* Every request the fake server took and every answer it gave, against @spec. */
static void
assert_exchanges_follow_spec (Fixture    *f,
                              const char *spec)
{
  g_autoptr(JsonObject) swagger = NULL;

  g_assert_cmpuint (f->server->exchanges->len, >, 0);
  if (g_getenv ("CAUSEWAY_SPECS") == NULL)
    {
      g_test_message ("TiDB Cloud's swagger files are absent (CAUSEWAY_SPECS is unset): the exchanges are not checked against them");
      return;
    }
  swagger = load_swagger (spec);
  for (guint i = 0; i < f->server->exchanges->len; i++)
    check_exchange (swagger, g_ptr_array_index (f->server->exchanges, i));
}

/* The checker fails on a member the spec does not have ("enableTLS" is "enableTls"). */
static void
test_spec_check_can_fail (void)
{
  TidbFakeExchange exchange = {
    "POST", "/serverless/v1beta1/clusters/" CLUSTER "/changefeeds:test", NULL,
    "{\"sink\":{\"type\":\"MYSQL\",\"mysql\":{\"network\":{\"networkType\":\"PRIVATE_LINK\","
    "\"privateLink\":{\"privateLinkConnectionId\":\"" LINK "\",\"port\":3306}},"
    "\"authentication\":{\"userName\":\"u\",\"password\":\"p\",\"enableTLS\":true}}}}",
    200, "{}",
  };

  if (g_getenv ("CAUSEWAY_SPECS") == NULL)
    {
      g_test_skip ("TiDB Cloud's swagger files are absent: CAUSEWAY_SPECS is unset (meson's shared_dir option)");
      return;
    }
  if (g_test_subprocess ())
    {
      g_autoptr(JsonObject) swagger = load_swagger ("cdc.swagger.json");

      check_exchange (swagger, &exchange);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*request.sink.mysql.authentication.enableTLS is not in the spec*");
}

/* ---- changefeeds ---- */

static const CwTidbMysqlSink good_sink = {
  LINK, 3306, TIDB_FAKE_MYSQL_USER, TIDB_FAKE_MYSQL_PASSWORD, FALSE,
};

#define SINK_JSON(user, password, tls) \
  "\"sink\":{\"type\":\"MYSQL\",\"mysql\":{\"network\":{\"networkType\":\"PRIVATE_LINK\"," \
  "\"privateLink\":{\"privateLinkConnectionId\":\"" LINK "\",\"port\":3306}}," \
  "\"authentication\":{\"userName\":\"" user "\",\"password\":\"" password "\",\"enableTls\":" tls "}}}"

static gboolean
test_sink (Fixture                *f,
           const CwTidbMysqlSink  *sink,
           GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_tidb_client_test_mysql_sink_async (f->client, CLUSTER, sink, NULL, tidb_store_result, &result);
  return cw_tidb_client_test_mysql_sink_finish (f->client, wait_result (&result), error);
}

static void
test_sink_ok (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_sink (f, &good_sink, &error));
  g_assert_no_error (error);
  assert_request (f, "POST", "/changefeeds:test");
  assert_json_equal (f->server->last_body,
                     "{" SINK_JSON (TIDB_FAKE_MYSQL_USER, TIDB_FAKE_MYSQL_PASSWORD, "false") "}");
  assert_exchanges_follow_spec (f, "cdc.swagger.json");
}

/* TiDB Cloud's reason stays whole, for the engine to turn into a sentence; the
 * password is nowhere in the error. */
static void
test_sink_wrong_password (Fixture       *f,
                          gconstpointer  data)
{
  const CwTidbMysqlSink sink = { LINK, 3306, TIDB_FAKE_MYSQL_USER, "not-the-Pa55word", TRUE };
  const char *reason = "Failed to connect to the MySQL sink: Error 1045 (28000): Access denied for user '"
                       TIDB_FAKE_MYSQL_USER "'@'10.0.12.7' (using password: YES)";
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;

  g_assert_false (test_sink (f, &sink, &error));
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST);
  g_assert_cmpstr (cw_tidb_error_get_server_message (error), ==, reason);
  g_assert_cmpstr (cw_tidb_error_get_server_code (error), ==, "3");
  g_assert_cmpuint (cw_tidb_error_get_http_status (error), ==, 400);
  assert_says (error->message, "TiDB Cloud answered 400 Bad Request: ");
  assert_says (error->message, reason);
  assert_lacks (error->message, "not-the-Pa55word");
  assert_json_equal (f->server->last_body, "{" SINK_JSON (TIDB_FAKE_MYSQL_USER, "not-the-Pa55word", "true") "}");
  /* Not worth a retry. */
  g_assert_cmpuint (f->server->handled, ==, 1);

  /* The server's words survive a copy, as the engine's GTask hands the error on. */
  copy = g_error_copy (error);
  g_assert_cmpstr (cw_tidb_error_get_server_message (copy), ==, reason);
  g_assert_null (cw_tidb_error_get_server_message (NULL));
  assert_exchanges_follow_spec (f, "cdc.swagger.json");
}

static void
test_sink_link_not_active (Fixture       *f,
                           gconstpointer  data)
{
  const CwTidbMysqlSink sink = { "plc-pending01", 3306, TIDB_FAKE_MYSQL_USER, TIDB_FAKE_MYSQL_PASSWORD, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_false (test_sink (f, &sink, &error));
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST);
  g_assert_cmpstr (cw_tidb_error_get_server_message (error), ==,
                   "private link connection plc-pending01 is not in ACTIVE state");
  g_assert_cmpstr (cw_tidb_error_get_server_code (error), ==, "9");
  assert_says (f->server->last_body, "\"privateLinkConnectionId\":\"plc-pending01\"");
}

/* A server that quotes the password back does not get it into the error. */
static void
test_sink_error_quoting_password (Fixture       *f,
                                  gconstpointer  data)
{
  const CwTidbMysqlSink sink = { LINK, 3306, TIDB_FAKE_QUOTING_USER, TIDB_FAKE_MYSQL_PASSWORD, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_false (test_sink (f, &sink, &error));
  assert_says (f->server->last_response, TIDB_FAKE_MYSQL_PASSWORD);
  g_assert_cmpstr (cw_tidb_error_get_server_message (error), ==,
                   "invalid DSN quote-me:[redacted]@tcp(plc-aaaa1111:3306)");
  assert_says (error->message, "quote-me:[redacted]@tcp");
  assert_lacks (error->message, TIDB_FAKE_MYSQL_PASSWORD);
}

static CwTidbChangefeed *
create_changefeed (Fixture                        *f,
                   const CwTidbChangefeedRequest  *request,
                   GError                        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_tidb_client_create_changefeed_async (f->client, CLUSTER, request, NULL, tidb_store_result, &result);
  return cw_tidb_client_create_changefeed_finish (f->client, wait_result (&result), error);
}

/* Every table, from now: the defaults. */
static void
test_create_changefeed (Fixture       *f,
                        gconstpointer  data)
{
  const CwTidbChangefeedRequest request = { "orders to reporting", good_sink, NULL, NULL, 0 };
  g_autoptr(CwTidbChangefeed) changefeed = NULL;
  g_autoptr(GError) error = NULL;

  changefeed = create_changefeed (f, &request, &error);
  g_assert_no_error (error);
  assert_request (f, "POST", "/changefeeds");
  assert_json_equal (f->server->last_body,
                     "{\"displayName\":\"orders to reporting\","
                     SINK_JSON (TIDB_FAKE_MYSQL_USER, TIDB_FAKE_MYSQL_PASSWORD, "false") ","
                     "\"filter\":{\"filterRule\":[\"*.*\"]},\"startPosition\":{\"mode\":\"FROM_NOW\"}}");
  g_assert_cmpstr (cw_tidb_changefeed_get_changefeed_id (changefeed), ==, "cf-new01");
  g_assert_cmpint (cw_tidb_changefeed_get_state (changefeed), ==, CW_TIDB_CHANGEFEED_STATE_CREATING);
  g_assert_cmpstr (cw_tidb_changefeed_get_private_link_connection_id (changefeed), ==, LINK);
  g_assert_cmpstr (cw_tidb_changefeed_get_display_name (changefeed), ==, "orders to reporting");
  assert_exchanges_follow_spec (f, "cdc.swagger.json");
}

/* Rules as given; a start time goes in UTC; no display name leaves the member out. */
static void
test_create_changefeed_from_time (Fixture       *f,
                                  gconstpointer  data)
{
  const char * const rules[] = { "shop.*", "!shop.tmp_*", NULL };
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("+01:00");
  g_autoptr(GDateTime) start = g_date_time_new (berlin, 2026, 3, 5, 11, 30, 0);
  const CwTidbChangefeedRequest request = { NULL, good_sink, rules, start, 0 };
  g_autoptr(CwTidbChangefeed) changefeed = NULL;
  g_autoptr(GError) error = NULL;

  changefeed = create_changefeed (f, &request, &error);
  g_assert_no_error (error);
  assert_json_equal (f->server->last_body,
                     "{" SINK_JSON (TIDB_FAKE_MYSQL_USER, TIDB_FAKE_MYSQL_PASSWORD, "false") ","
                     "\"filter\":{\"filterRule\":[\"shop.*\",\"!shop.tmp_*\"]},"
                     "\"startPosition\":{\"mode\":\"FROM_TIME\",\"time\":\"2026-03-05T10:30:00Z\"}}");
  assert_exchanges_follow_spec (f, "cdc.swagger.json");
}

static void
test_create_changefeed_from_tso (Fixture       *f,
                                 gconstpointer  data)
{
  const CwTidbChangefeedRequest request = { "from a backup", good_sink, NULL, NULL, G_GUINT64_CONSTANT (464703895633920000) };
  g_autoptr(CwTidbChangefeed) changefeed = NULL;
  g_autoptr(GError) error = NULL;

  changefeed = create_changefeed (f, &request, &error);
  g_assert_no_error (error);
  assert_says (f->server->last_body, "\"startPosition\":{\"mode\":\"FROM_TSO\",\"tso\":\"464703895633920000\"}");
  assert_exchanges_follow_spec (f, "cdc.swagger.json");
}

static GDateTime *
utc (const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();

  return g_date_time_new_from_iso8601 (text, zone);
}

static void
test_list_changefeeds (Fixture       *f,
                       gconstpointer  data)
{
  const char * const rules[] = { "shop.*", "!shop.tmp_*", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) changefeeds = NULL;
  g_autoptr(CwTidbChangefeed) orders = NULL;
  g_autoptr(CwTidbChangefeed) failed = NULL;
  g_autoptr(CwTidbChangefeed) kafka = NULL;
  g_autoptr(GDateTime) now = utc ("2026-03-05T10:00:30Z");
  g_autofree char *checkpoint = NULL;
  g_autoptr(GError) error = NULL;
  CwTidbChangefeedState state;

  cw_tidb_client_list_changefeeds_async (f->client, CLUSTER, NULL, tidb_store_result, &result);
  changefeeds = cw_tidb_client_list_changefeeds_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (changefeeds), ==, 3);
  g_assert_cmpuint (f->server->handled, ==, 2);
  assert_request (f, "GET", "/changefeeds");
  g_assert_cmpstr (f->server->last_query, ==, "pageSize=100&pageToken=cf-page-2");

  orders = g_list_model_get_item (changefeeds, 0);
  g_assert_cmpstr (cw_tidb_changefeed_get_changefeed_id (orders), ==, "cf-1");
  g_assert_cmpstr (cw_tidb_changefeed_get_cluster_id (orders), ==, CLUSTER);
  g_assert_cmpint (cw_tidb_changefeed_get_state (orders), ==, CW_TIDB_CHANGEFEED_STATE_RUNNING);
  g_assert_cmpstr (cw_tidb_changefeed_get_sink_type (orders), ==, CW_TIDB_CHANGEFEED_SINK_MYSQL);
  g_assert_cmpstr (cw_tidb_changefeed_get_private_link_connection_id (orders), ==, LINK);
  g_assert_cmpuint (cw_tidb_changefeed_get_port (orders), ==, 3306);
  g_assert_cmpstr (cw_tidb_changefeed_get_user_name (orders), ==, TIDB_FAKE_MYSQL_USER);
  g_assert_cmpstrv (cw_tidb_changefeed_get_filter_rules (orders), rules);
  g_assert_cmpint (cw_tidb_changefeed_get_checkpoint_tso (orders), ==, G_GINT64_CONSTANT (464703927091200007));
  checkpoint = g_date_time_format_iso8601 (cw_tidb_changefeed_get_checkpoint_time (orders));
  g_assert_cmpstr (checkpoint, ==, "2026-03-05T10:00:00Z");
  g_assert_cmpstr (cw_tidb_changefeed_get_error_message (orders), ==, "");
  g_assert_nonnull (cw_tidb_changefeed_get_create_time (orders));
  g_assert_cmpint (cw_tidb_changefeed_get_lag_seconds (orders, now), ==, 30);
  g_object_get (orders, "state", &state, NULL);
  g_assert_cmpint (state, ==, CW_TIDB_CHANGEFEED_STATE_RUNNING);

  /* No checkpoint time: the lag comes from the TSO's physical part (09:58:00). */
  failed = g_list_model_get_item (changefeeds, 1);
  g_assert_cmpint (cw_tidb_changefeed_get_state (failed), ==, CW_TIDB_CHANGEFEED_STATE_RUNNING_FAILED);
  g_assert_cmpstr (cw_tidb_changefeed_state_to_string (cw_tidb_changefeed_get_state (failed)), ==, "RUNNING_FAILED");
  g_assert_cmpstr (cw_tidb_changefeed_get_private_link_connection_id (failed), ==, "plc-bbbb2222");
  g_assert_cmpuint (cw_tidb_changefeed_get_port (failed), ==, 3307);
  g_assert_cmpstr (cw_tidb_changefeed_get_error_message (failed), ==,
                   "[CDC:ErrMySQLConnectionError]dial tcp 10.0.12.7:3307: i/o timeout");
  g_assert_null (cw_tidb_changefeed_get_checkpoint_time (failed));
  g_assert_cmpint (cw_tidb_changefeed_get_lag_seconds (failed, now), ==, 150);

  /* A Kafka sink through a link uses the link too; no checkpoint yet, no lag. */
  kafka = g_list_model_get_item (changefeeds, 2);
  g_assert_cmpint (cw_tidb_changefeed_get_state (kafka), ==, CW_TIDB_CHANGEFEED_STATE_PAUSED);
  g_assert_cmpstr (cw_tidb_changefeed_get_sink_type (kafka), ==, "KAFKA");
  g_assert_cmpstr (cw_tidb_changefeed_get_private_link_connection_id (kafka), ==, "plc-cccc3333");
  g_assert_cmpuint (cw_tidb_changefeed_get_port (kafka), ==, 9092);
  g_assert_null (cw_tidb_changefeed_get_user_name (kafka));
  g_assert_cmpint (cw_tidb_changefeed_get_checkpoint_tso (kafka), ==, -1);
  g_assert_cmpint (cw_tidb_changefeed_get_lag_seconds (kafka, now), ==, -1);

  assert_exchanges_follow_spec (f, "cdc.swagger.json");
}

typedef void (*ChangefeedAsync) (CwTidbClient *, const char *, const char *, GCancellable *,
                                 GAsyncReadyCallback, gpointer);
typedef CwTidbChangefeed *(*ChangefeedFinish) (CwTidbClient *, GAsyncResult *, GError **);

static CwTidbChangefeed *
act_on_changefeed (Fixture           *f,
                   ChangefeedAsync    call,
                   ChangefeedFinish   finish,
                   const char        *changefeed_id,
                   GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  call (f->client, CLUSTER, changefeed_id, NULL, tidb_store_result, &result);
  return finish (f->client, wait_result (&result), error);
}

static void
test_changefeed_get_start_stop (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CwTidbChangefeed) got = NULL;
  g_autoptr(CwTidbChangefeed) stopped = NULL;
  g_autoptr(CwTidbChangefeed) started = NULL;
  g_autoptr(GError) error = NULL;

  got = act_on_changefeed (f, cw_tidb_client_get_changefeed_async, cw_tidb_client_get_changefeed_finish, "cf-1", &error);
  g_assert_no_error (error);
  assert_request (f, "GET", "/changefeeds/cf-1");
  g_assert_cmpstr (f->server->last_body, ==, "");
  g_assert_cmpstr (cw_tidb_changefeed_get_changefeed_id (got), ==, "cf-1");

  stopped = act_on_changefeed (f, cw_tidb_client_stop_changefeed_async, cw_tidb_client_stop_changefeed_finish, "cf-1", &error);
  g_assert_no_error (error);
  assert_request (f, "POST", "/changefeeds/cf-1:stop");
  assert_json_equal (f->server->last_body, "{}");
  g_assert_cmpint (cw_tidb_changefeed_get_state (stopped), ==, CW_TIDB_CHANGEFEED_STATE_PAUSED);

  started = act_on_changefeed (f, cw_tidb_client_start_changefeed_async, cw_tidb_client_start_changefeed_finish, "cf-1", &error);
  g_assert_no_error (error);
  assert_request (f, "POST", "/changefeeds/cf-1:start");
  assert_json_equal (f->server->last_body, "{}");
  g_assert_cmpint (cw_tidb_changefeed_get_state (started), ==, CW_TIDB_CHANGEFEED_STATE_RUNNING);
  assert_exchanges_follow_spec (f, "cdc.swagger.json");
}

static void
test_changefeed_delete_and_missing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwTidbChangefeed) missing = NULL;
  g_autoptr(GError) error = NULL;

  cw_tidb_client_delete_changefeed_async (f->client, CLUSTER, "cf-1", NULL, tidb_store_result, &result);
  g_assert_true (cw_tidb_client_delete_changefeed_finish (f->client, wait_result (&result), &error));
  g_assert_no_error (error);
  assert_request (f, "DELETE", "/changefeeds/cf-1");

  missing = act_on_changefeed (f, cw_tidb_client_get_changefeed_async, cw_tidb_client_get_changefeed_finish,
                               "cf-gone", &error);
  g_assert_null (missing);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND);
  g_assert_cmpstr (cw_tidb_error_get_server_message (error), ==, "changefeed not found");
  g_assert_cmpuint (cw_tidb_error_get_http_status (error), ==, 404);
  assert_exchanges_follow_spec (f, "cdc.swagger.json");
}

/* An answer of the wrong shape names the member. */
static void
test_changefeed_malformed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CwTidbChangefeed) changefeed = NULL;
  g_autoptr(GError) error = NULL;

  f->server->body_override = "{\"changefeedId\":\"cf-1\",\"sink\":{\"mysql\":{\"network\":{\"privateLink\":{\"port\":\"x\"}}}}}";
  changefeed = act_on_changefeed (f, cw_tidb_client_get_changefeed_async, cw_tidb_client_get_changefeed_finish,
                                  "cf-1", &error);
  g_assert_null (changefeed);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE);
  assert_says (error->message, "“sink.mysql.network.privateLink.port” of the changefeed");

  g_clear_error (&error);
  f->server->body_override = "{\"state\":\"RUNNING\"}";
  changefeed = act_on_changefeed (f, cw_tidb_client_get_changefeed_async, cw_tidb_client_get_changefeed_finish,
                                  "cf-1", &error);
  g_assert_null (changefeed);
  assert_says (error->message, "“changefeedId” is missing from the changefeed");

  /* A state the API adds later is not an error. */
  g_clear_error (&error);
  f->server->body_override = "{\"changefeedId\":\"cf-1\",\"state\":\"HIBERNATING\"}";
  changefeed = act_on_changefeed (f, cw_tidb_client_get_changefeed_async, cw_tidb_client_get_changefeed_finish,
                                  "cf-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cw_tidb_changefeed_get_state (changefeed), ==, CW_TIDB_CHANGEFEED_STATE_UNKNOWN);
}

/* ---- migrations ---- */

static const char * const migration_rules[] = { "shop.orders", "crm", "log_*.events", NULL };

static const CwTidbMigrationRequest migration_request = {
  "orders-db to TiDB", CW_TIDB_MIGRATION_MODE_ALL, NULL, LINK, 3306,
  TIDB_FAKE_MYSQL_USER, TIDB_FAKE_MYSQL_PASSWORD, migration_rules,
  TIDB_FAKE_TIDB_USER, TIDB_FAKE_TIDB_PASSWORD,
};

static const char migration_body[] =
  "{\"displayName\":\"orders-db to TiDB\","
  "\"sources\":[{\"connProfile\":{\"connType\":\"PRIVATE_LINK\",\"endpointId\":\"" LINK "\",\"port\":3306,"
  "\"user\":\"" TIDB_FAKE_MYSQL_USER "\",\"password\":\"" TIDB_FAKE_MYSQL_PASSWORD "\"},"
  "\"migrationRules\":["
  "{\"sourceTable\":{\"schemaPattern\":\"shop\",\"tablePattern\":\"orders\"},\"targetTable\":{\"schema\":\"shop\"}},"
  "{\"sourceTable\":{\"schemaPattern\":\"crm\"},\"targetTable\":{\"schema\":\"crm\"}},"
  "{\"sourceTable\":{\"schemaPattern\":\"log_*\",\"tablePattern\":\"events\"}}],"
  "\"sourceType\":\"AWS_RDS_MYSQL\"}],"
  "\"target\":{\"user\":\"" TIDB_FAKE_TIDB_USER "\",\"password\":\"" TIDB_FAKE_TIDB_PASSWORD "\"},"
  "\"mode\":\"ALL\"}";

static void
test_precheck (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) create_result = NULL;
  g_autoptr(GAsyncResult) get_result = NULL;
  g_autoptr(GAsyncResult) delete_result = NULL;
  g_autoptr(CwTidbMigrationPrecheck) started = NULL;
  g_autoptr(CwTidbMigrationPrecheck) precheck = NULL;
  g_autoptr(CwTidbPrecheckItem) binlog = NULL;
  g_autoptr(CwTidbPrecheckItem) keys = NULL;
  g_autoptr(CwTidbPrecheckItem) dump = NULL;
  g_autoptr(GError) error = NULL;

  cw_tidb_client_create_migration_precheck_async (f->client, CLUSTER, &migration_request, NULL,
                                                  tidb_store_result, &create_result);
  started = cw_tidb_client_create_migration_precheck_finish (f->client, wait_result (&create_result), &error);
  g_assert_no_error (error);
  assert_request (f, "POST", "/migrationPrechecks");
  assert_json_equal (f->server->last_body, migration_body);
  g_assert_cmpstr (cw_tidb_migration_precheck_get_precheck_id (started), ==, "pc-7f3a");
  g_assert_cmpint (cw_tidb_migration_precheck_get_status (started), ==, CW_TIDB_PRECHECK_STATUS_UNKNOWN);
  g_assert_false (cw_tidb_migration_precheck_is_done (started));
  g_assert_cmpuint (g_list_model_get_n_items (cw_tidb_migration_precheck_get_items (started)), ==, 0);

  cw_tidb_client_get_migration_precheck_async (f->client, CLUSTER, "pc-7f3a", NULL, tidb_store_result, &get_result);
  precheck = cw_tidb_client_get_migration_precheck_finish (f->client, wait_result (&get_result), &error);
  g_assert_no_error (error);
  assert_request (f, "GET", "/migrationPrechecks/pc-7f3a");
  g_assert_cmpint (cw_tidb_migration_precheck_get_status (precheck), ==, CW_TIDB_PRECHECK_STATUS_FINISHED);
  g_assert_true (cw_tidb_migration_precheck_is_done (precheck));
  g_assert_cmpint (cw_tidb_migration_precheck_get_total (precheck), ==, 3);
  g_assert_cmpint (cw_tidb_migration_precheck_get_failed_count (precheck), ==, 1);
  g_assert_cmpint (cw_tidb_migration_precheck_get_warning_count (precheck), ==, 1);
  g_assert_cmpint (cw_tidb_migration_precheck_get_success_count (precheck), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (cw_tidb_migration_precheck_get_items (precheck)), ==, 3);

  binlog = g_list_model_get_item (cw_tidb_migration_precheck_get_items (precheck), 0);
  g_assert_cmpstr (cw_tidb_precheck_item_get_check_type (binlog), ==, "BINLOG_FORMAT_CHECKING");
  g_assert_cmpint (cw_tidb_precheck_item_get_status (binlog), ==, CW_TIDB_PRECHECK_ITEM_FAILED);
  g_assert_cmpstr (cw_tidb_precheck_item_get_description (binlog), ==, "Check whether the binlog format of the source is ROW");
  g_assert_cmpstr (cw_tidb_precheck_item_get_reason (binlog), ==, "binlog_format is MIXED");
  g_assert_cmpstr (cw_tidb_precheck_item_get_solution (binlog), ==, "Set binlog_format to ROW");
  g_assert_cmpstr (cw_tidb_precheck_item_get_solution_doc_url (binlog), ==,
                   "https://docs.pingcap.com/tidbcloud/migrate-from-mysql-using-data-migration");
  keys = g_list_model_get_item (cw_tidb_migration_precheck_get_items (precheck), 1);
  g_assert_cmpstr (cw_tidb_precheck_item_status_to_string (cw_tidb_precheck_item_get_status (keys)), ==, "WARNING");
  dump = g_list_model_get_item (cw_tidb_migration_precheck_get_items (precheck), 2);
  g_assert_cmpint (cw_tidb_precheck_item_get_status (dump), ==, CW_TIDB_PRECHECK_ITEM_SUCCESS);
  g_assert_null (cw_tidb_precheck_item_get_solution (dump));

  cw_tidb_client_delete_migration_precheck_async (f->client, CLUSTER, "pc-7f3a", NULL, tidb_store_result, &delete_result);
  g_assert_true (cw_tidb_client_delete_migration_precheck_finish (f->client, wait_result (&delete_result), &error));
  g_assert_no_error (error);
  assert_request (f, "DELETE", "/migrationPrechecks/pc-7f3a");
  assert_exchanges_follow_spec (f, "dm.swagger.json");
}

static CwTidbMigration *
create_migration (Fixture                       *f,
                  const CwTidbMigrationRequest  *request,
                  GError                       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_tidb_client_create_migration_async (f->client, CLUSTER, request, NULL, tidb_store_result, &result);
  return cw_tidb_client_create_migration_finish (f->client, wait_result (&result), error);
}

static void
test_create_migration (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CwTidbMigration) migration = NULL;
  g_autoptr(GError) error = NULL;

  migration = create_migration (f, &migration_request, &error);
  g_assert_no_error (error);
  assert_request (f, "POST", "/migrations");
  assert_json_equal (f->server->last_body, migration_body);
  g_assert_cmpstr (cw_tidb_migration_get_migration_id (migration), ==, "mig-new01");
  g_assert_cmpint (cw_tidb_migration_get_state (migration), ==, CW_TIDB_MIGRATION_STATE_CREATING);
  g_assert_cmpint (cw_tidb_migration_get_mode (migration), ==, CW_TIDB_MIGRATION_MODE_ALL);
  g_assert_cmpstr (cw_tidb_migration_get_conn_type (migration), ==, "PRIVATE_LINK");
  g_assert_cmpstr (cw_tidb_migration_get_private_link_connection_id (migration), ==, LINK);
  g_assert_cmpstr (cw_tidb_migration_get_target_user (migration), ==, TIDB_FAKE_TIDB_USER);
  assert_exchanges_follow_spec (f, "dm.swagger.json");
}

/* Incremental, from a self-managed MySQL, every table: no migrationRules at all. */
static void
test_create_migration_incremental (Fixture       *f,
                                   gconstpointer  data)
{
  CwTidbMigrationRequest request = migration_request;
  g_autoptr(CwTidbMigration) migration = NULL;
  g_autoptr(GError) error = NULL;

  request.mode = CW_TIDB_MIGRATION_MODE_INCREMENTAL;
  request.source_type = CW_TIDB_SOURCE_TYPE_MYSQL;
  request.rules = NULL;
  migration = create_migration (f, &request, &error);
  g_assert_no_error (error);
  assert_json_equal (f->server->last_body,
                     "{\"displayName\":\"orders-db to TiDB\","
                     "\"sources\":[{\"connProfile\":{\"connType\":\"PRIVATE_LINK\",\"endpointId\":\"" LINK "\",\"port\":3306,"
                     "\"user\":\"" TIDB_FAKE_MYSQL_USER "\",\"password\":\"" TIDB_FAKE_MYSQL_PASSWORD "\"},"
                     "\"sourceType\":\"MYSQL\"}],"
                     "\"target\":{\"user\":\"" TIDB_FAKE_TIDB_USER "\",\"password\":\"" TIDB_FAKE_TIDB_PASSWORD "\"},"
                     "\"mode\":\"INCREMENTAL\"}");
  g_assert_cmpint (cw_tidb_migration_get_mode (migration), ==, CW_TIDB_MIGRATION_MODE_INCREMENTAL);
  assert_exchanges_follow_spec (f, "dm.swagger.json");
}

/* A rule that is not SCHEMA or SCHEMA.TABLE never reaches TiDB Cloud. */
static void
test_migration_bad_rule (Fixture       *f,
                         gconstpointer  data)
{
  const char * const bad_rules[][2] = { { ".orders", NULL }, { "shop.", NULL }, { "a.b.c", NULL }, { "", NULL } };

  for (guint i = 0; i < G_N_ELEMENTS (bad_rules); i++)
    {
      CwTidbMigrationRequest request = migration_request;
      g_autoptr(CwTidbMigration) migration = NULL;
      g_autoptr(GError) error = NULL;

      request.rules = bad_rules[i];
      migration = create_migration (f, &request, &error);
      g_assert_null (migration);
      g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_INPUT);
      assert_says (error->message, "write it as SCHEMA or SCHEMA.TABLE");
    }
  g_assert_cmpuint (f->server->requests, ==, 0);
}

static void
test_list_migrations (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) migrations = NULL;
  g_autoptr(CwTidbMigration) syncing = NULL;
  g_autoptr(CwTidbMigration) failed = NULL;
  g_autoptr(CwTidbMigrationSubtask) sync = NULL;
  g_autoptr(CwTidbMigrationSubtask) dump = NULL;
  g_autoptr(GError) error = NULL;

  cw_tidb_client_list_migrations_async (f->client, CLUSTER, NULL, tidb_store_result, &result);
  migrations = cw_tidb_client_list_migrations_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (migrations), ==, 2);
  g_assert_cmpuint (f->server->handled, ==, 2);
  assert_request (f, "GET", "/migrations");
  g_assert_cmpstr (f->server->last_query, ==, "pageSize=100&pageToken=mig-page-2");

  syncing = g_list_model_get_item (migrations, 0);
  g_assert_cmpstr (cw_tidb_migration_get_migration_id (syncing), ==, "mig-1");
  g_assert_cmpstr (cw_tidb_migration_get_display_name (syncing), ==, "orders-db to TiDB");
  g_assert_cmpint (cw_tidb_migration_get_state (syncing), ==, CW_TIDB_MIGRATION_STATE_RUNNING);
  g_assert_cmpstr (cw_tidb_migration_state_to_string (cw_tidb_migration_get_state (syncing)), ==, "RUNNING");
  g_assert_cmpstr (cw_tidb_migration_mode_to_string (cw_tidb_migration_get_mode (syncing)), ==, "ALL");
  g_assert_cmpstr (cw_tidb_migration_get_private_link_connection_id (syncing), ==, LINK);
  g_assert_cmpuint (cw_tidb_migration_get_port (syncing), ==, 3306);
  g_assert_null (cw_tidb_migration_get_error_message (syncing));
  g_assert_cmpint (cw_tidb_migration_get_lag_seconds (syncing), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (cw_tidb_migration_get_subtasks (syncing)), ==, 1);

  sync = g_list_model_get_item (cw_tidb_migration_get_subtasks (syncing), 0);
  g_assert_cmpint (cw_tidb_migration_subtask_get_step (sync), ==, CW_TIDB_MIGRATION_STEP_SYNC);
  g_assert_cmpint (cw_tidb_migration_subtask_get_stage (sync), ==, CW_TIDB_SUBTASK_STAGE_RUNNING);
  g_assert_cmpstr (cw_tidb_migration_subtask_get_source_type (sync), ==, "AWS_RDS_MYSQL");
  g_assert_cmpstr (cw_tidb_migration_subtask_get_user (sync), ==, TIDB_FAKE_MYSQL_USER);
  g_assert_cmpfloat (cw_tidb_migration_subtask_get_dump_progress (sync), ==, 100.0);
  g_assert_cmpint (cw_tidb_migration_subtask_get_dump_total_tables (sync), ==, 12);
  g_assert_cmpint (cw_tidb_migration_subtask_get_dump_completed_tables (sync), ==, 12);
  g_assert_cmpint (cw_tidb_migration_subtask_get_dump_finished_rows (sync), ==, 1048576);
  g_assert_cmpint (cw_tidb_migration_subtask_get_dump_finished_bytes (sync), ==, 73400320);
  g_assert_cmpint (cw_tidb_migration_subtask_get_dump_bytes_per_second (sync), ==, 0);
  g_assert_cmpfloat (cw_tidb_migration_subtask_get_load_progress (sync), ==, 100.0);
  g_assert_cmpint (cw_tidb_migration_subtask_get_load_finished_bytes (sync), ==, 73400320);
  g_assert_cmpint (cw_tidb_migration_subtask_get_load_total_bytes (sync), ==, 73400320);
  g_assert_cmpint (cw_tidb_migration_subtask_get_sync_rows_per_second (sync), ==, 250);
  g_assert_cmpint (cw_tidb_migration_subtask_get_sync_latency_seconds (sync), ==, 3);
  g_assert_cmpstr (cw_tidb_migration_subtask_get_sync_checkpoint (sync), ==, "mysql-bin-changelog.000042:1575");
  g_assert_null (cw_tidb_migration_subtask_get_error_message (sync));

  failed = g_list_model_get_item (migrations, 1);
  g_assert_cmpint (cw_tidb_migration_get_state (failed), ==, CW_TIDB_MIGRATION_STATE_FAILED);
  g_assert_cmpint (cw_tidb_migration_get_mode (failed), ==, CW_TIDB_MIGRATION_MODE_INCREMENTAL);
  g_assert_cmpstr (cw_tidb_migration_get_error_message (failed), ==,
                   "Error 1045 (28000): Access denied for user 'migrator'@'10.0.12.7'");
  g_assert_cmpint (cw_tidb_migration_get_lag_seconds (failed), ==, -1);
  dump = g_list_model_get_item (cw_tidb_migration_get_subtasks (failed), 0);
  g_assert_cmpint (cw_tidb_migration_subtask_get_step (dump), ==, CW_TIDB_MIGRATION_STEP_DUMP);
  g_assert_cmpstr (cw_tidb_subtask_stage_to_string (cw_tidb_migration_subtask_get_stage (dump)), ==, "FAILED");
  g_assert_cmpfloat (cw_tidb_migration_subtask_get_dump_progress (dump), ==, 37.5);
  g_assert_cmpint (cw_tidb_migration_subtask_get_dump_finished_rows (dump), ==, 40000);
  g_assert_cmpfloat (cw_tidb_migration_subtask_get_load_progress (dump), ==, -1.0);
  g_assert_cmpint (cw_tidb_migration_subtask_get_load_total_bytes (dump), ==, -1);
  g_assert_cmpint (cw_tidb_migration_subtask_get_sync_latency_seconds (dump), ==, -1);

  assert_exchanges_follow_spec (f, "dm.swagger.json");
}

typedef void (*MigrationAsync) (CwTidbClient *, const char *, const char *, GCancellable *,
                                GAsyncReadyCallback, gpointer);
typedef gboolean (*MigrationFinish) (CwTidbClient *, GAsyncResult *, GError **);

static gboolean
act_on_migration (Fixture          *f,
                  MigrationAsync    call,
                  MigrationFinish   finish,
                  const char       *migration_id,
                  GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  call (f->client, CLUSTER, migration_id, NULL, tidb_store_result, &result);
  return finish (f->client, wait_result (&result), error);
}

static void
test_migration_get_pause_resume_delete (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) missing_result = NULL;
  g_autoptr(CwTidbMigration) migration = NULL;
  g_autoptr(CwTidbMigration) missing = NULL;
  g_autoptr(GError) error = NULL;

  cw_tidb_client_get_migration_async (f->client, CLUSTER, "mig-1", NULL, tidb_store_result, &result);
  migration = cw_tidb_client_get_migration_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  assert_request (f, "GET", "/migrations/mig-1");
  g_assert_cmpstr (cw_tidb_migration_get_migration_id (migration), ==, "mig-1");

  g_assert_true (act_on_migration (f, cw_tidb_client_pause_migration_async, cw_tidb_client_pause_migration_finish,
                                   "mig-1", &error));
  g_assert_no_error (error);
  assert_request (f, "POST", "/migrations/mig-1:pause");
  assert_json_equal (f->server->last_body, "{}");

  g_assert_true (act_on_migration (f, cw_tidb_client_resume_migration_async, cw_tidb_client_resume_migration_finish,
                                   "mig-1", &error));
  g_assert_no_error (error);
  assert_request (f, "POST", "/migrations/mig-1:resume");
  assert_json_equal (f->server->last_body, "{}");

  g_assert_true (act_on_migration (f, cw_tidb_client_delete_migration_async, cw_tidb_client_delete_migration_finish,
                                   "mig-1", &error));
  g_assert_no_error (error);
  assert_request (f, "DELETE", "/migrations/mig-1");

  g_assert_false (act_on_migration (f, cw_tidb_client_pause_migration_async, cw_tidb_client_pause_migration_finish,
                                    "mig-gone", &error));
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND);
  g_assert_cmpstr (cw_tidb_error_get_server_message (error), ==, "migration not found");
  g_clear_error (&error);

  cw_tidb_client_get_migration_async (f->client, CLUSTER, "mig-gone", NULL, tidb_store_result, &missing_result);
  missing = cw_tidb_client_get_migration_finish (f->client, wait_result (&missing_result), &error);
  g_assert_null (missing);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND);
  assert_exchanges_follow_spec (f, "dm.swagger.json");
}

/* A 400 on the create keeps the server's message and neither password. */
static void
test_migration_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CwTidbMigration) migration = NULL;
  g_autoptr(GError) error = NULL;

  f->server->fail_count = 1;
  f->server->fail_status = 400;
  f->server->fail_body = "{\"code\":3,\"message\":\"precheck has not passed: binlog_format is MIXED, password "
                         TIDB_FAKE_TIDB_PASSWORD "\",\"details\":[]}";
  migration = create_migration (f, &migration_request, &error);
  g_assert_null (migration);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST);
  g_assert_cmpstr (cw_tidb_error_get_server_message (error), ==,
                   "precheck has not passed: binlog_format is MIXED, password [redacted]");
  assert_lacks (error->message, TIDB_FAKE_TIDB_PASSWORD);
  assert_lacks (error->message, TIDB_FAKE_MYSQL_PASSWORD);
  g_assert_cmpuint (f->server->handled, ==, 1);
}

/* ---- no password in the debug log ---- */

static void
make_logged_calls (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  const CwTidbMysqlSink wrong = { LINK, 3306, TIDB_FAKE_MYSQL_USER, "wr0ng-Passw0rd", FALSE };
  const CwTidbChangefeedRequest request = { "logged", good_sink, NULL, NULL, 0 };
  g_autoptr(CwTidbChangefeed) changefeed = NULL;
  g_autoptr(CwTidbMigration) migration = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = NULL;

  fixture_set_up (f, NULL);
  g_assert_true (test_sink (f, &good_sink, &error));
  g_assert_false (test_sink (f, &wrong, &refused));
  changefeed = create_changefeed (f, &request, &error);
  g_assert_no_error (error);
  migration = create_migration (f, &migration_request, &error);
  g_assert_no_error (error);
  g_clear_object (&changefeed);
  g_clear_object (&migration);
  fixture_tear_down (f, NULL);
}

static void
test_debug_log_keeps_passwords (void)
{
  const char * const secrets[] = { TIDB_FAKE_MYSQL_PASSWORD, TIDB_FAKE_TIDB_PASSWORD, "wr0ng-Passw0rd" };

  if (g_test_subprocess ())
    {
      make_logged_calls ();
      return;
    }
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_test_trap_assert_passed ();
  /* The log was on and showed the requests. */
  g_test_trap_assert_stdout ("*> POST http://127.0.0.1:*/serverless/v1beta1/clusters/" CLUSTER "/changefeeds:test*");
  g_test_trap_assert_stdout ("*> POST http://127.0.0.1:*/serverless/v1beta1/clusters/" CLUSTER "/migrations*");
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("*%s*", secrets[i]);

      g_test_trap_assert_stdout_unmatched (pattern);
      g_test_trap_assert_stderr_unmatched (pattern);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/tidb-dataflow/changefeeds/test-sink/ok", test_sink_ok);
  ADD ("/tidb-dataflow/changefeeds/test-sink/wrong-password", test_sink_wrong_password);
  ADD ("/tidb-dataflow/changefeeds/test-sink/link-not-active", test_sink_link_not_active);
  ADD ("/tidb-dataflow/changefeeds/test-sink/error-quoting-password", test_sink_error_quoting_password);
  ADD ("/tidb-dataflow/changefeeds/create", test_create_changefeed);
  ADD ("/tidb-dataflow/changefeeds/create-from-time", test_create_changefeed_from_time);
  ADD ("/tidb-dataflow/changefeeds/create-from-tso", test_create_changefeed_from_tso);
  ADD ("/tidb-dataflow/changefeeds/list", test_list_changefeeds);
  ADD ("/tidb-dataflow/changefeeds/get-start-stop", test_changefeed_get_start_stop);
  ADD ("/tidb-dataflow/changefeeds/delete-and-missing", test_changefeed_delete_and_missing);
  ADD ("/tidb-dataflow/changefeeds/malformed", test_changefeed_malformed);
  ADD ("/tidb-dataflow/migrations/precheck", test_precheck);
  ADD ("/tidb-dataflow/migrations/create", test_create_migration);
  ADD ("/tidb-dataflow/migrations/create-incremental", test_create_migration_incremental);
  ADD ("/tidb-dataflow/migrations/bad-rule", test_migration_bad_rule);
  ADD ("/tidb-dataflow/migrations/list", test_list_migrations);
  ADD ("/tidb-dataflow/migrations/get-pause-resume-delete", test_migration_get_pause_resume_delete);
  ADD ("/tidb-dataflow/migrations/refused", test_migration_refused);
#undef ADD
  g_test_add_func ("/tidb-dataflow/spec/check-can-fail", test_spec_check_can_fail);
  /* Last: the parent's own debug messages stay on once G_MESSAGES_DEBUG was read. */
  g_test_add_func ("/tidb-dataflow/secrets/debug-log-keeps-passwords", test_debug_log_keeps_passwords);
  return g_test_run ();
}
