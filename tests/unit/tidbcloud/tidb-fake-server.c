/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tidb-fake-server.c */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tidb-fake-server.h"

#define REALM "tidb.cloud"

typedef struct {
  const char *id;
  const char *display_name;
  const char *region_json;
  const char *plan;
  const char *state;
} FakeCluster;

/* The last one leaves out regionId and cloudProvider, which are read-only members. */
static const FakeCluster clusters[TIDB_FAKE_N_CLUSTERS] = {
  { "10001", "orders",
    "{\"name\":\"regions/aws-us-east-1\",\"regionId\":\"aws-us-east-1\",\"cloudProvider\":\"aws\",\"displayName\":\"N. Virginia (us-east-1)\"}",
    "ESSENTIAL", "ACTIVE" },
  { "10002", "analytics",
    "{\"name\":\"regions/aws-us-west-2\",\"regionId\":\"aws-us-west-2\",\"cloudProvider\":\"aws\",\"displayName\":\"Oregon (us-west-2)\"}",
    "STARTER", "ACTIVE" },
  { "10003", "staging – é",
    "{\"name\":\"regions/gcp-us-central1\",\"regionId\":\"gcp-us-central1\",\"cloudProvider\":\"gcp\"}",
    "STARTER", "CREATING" },
  { "10004", "billing",
    "{\"name\":\"regions/aws-eu-central-1\",\"regionId\":\"aws-eu-central-1\",\"cloudProvider\":\"aws\"}",
    "ESSENTIAL", "MAINTENANCE" },
  { "10005", "legacy",
    "{\"name\":\"regions/aws-ap-southeast-1\"}",
    "ESSENTIAL", "ACTIVE" },
};

/* Pages of clusters: token → first index, count, next token. */
static const struct {
  const char *token;
  guint       first;
  guint       count;
  const char *next;
} cluster_pages[] = {
  { NULL, 0, 2, "page-2" },
  { "page-2", 2, 2, "page-3" },
  { "page-3", 4, 1, NULL },
};

static char *
cluster_json (const FakeCluster *cluster)
{
  /* Members the client does not read are there to be ignored. */
  return g_strdup_printf ("{\"name\":\"clusters/%s\",\"clusterId\":\"%s\",\"displayName\":\"%s\","
                          "\"region\":%s,\"spendingLimit\":{\"monthly\":0},"
                          "\"endpoints\":{\"public\":{\"host\":\"gateway01.example\",\"port\":4000,\"disabled\":false}},"
                          "\"version\":\"v7.5.2\",\"createdBy\":\"dba@example.com\",\"userPrefix\":\"4LkM\","
                          "\"state\":\"%s\",\"labels\":{\"tidb.cloud/organization\":\"1\",\"tidb.cloud/project\":\"1372813089189561287\"},"
                          "\"annotations\":{},\"createTime\":\"2026-03-01T10:00:00Z\",\"updateTime\":null,"
                          "\"clusterPlan\":\"%s\",\"highAvailabilityType\":\"ZONAL\",\"futureMember\":[1,2,{\"x\":null}]}",
                          cluster->id, cluster->id, cluster->display_name, cluster->region_json,
                          cluster->state, cluster->plan);
}

static const FakeCluster *
find_cluster (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (clusters); i++)
    if (g_str_equal (clusters[i].id, id))
      return &clusters[i];
  return NULL;
}

static char *
private_link_json (const char *id,
                   const char *display_name,
                   const char *state,
                   const char *service_name)
{
  return g_strdup_printf ("{\"privateLinkConnectionId\":\"%s\",\"clusterId\":\"10001\","
                          "\"displayName\":\"%s\",\"state\":\"%s\",\"message\":\"\","
                          "\"createdBy\":\"apikey-" TIDB_FAKE_PUBLIC_KEY "\","
                          "\"createTime\":\"2026-03-02T08:30:00.123Z\",\"updateTime\":null,"
                          "\"type\":\"AWS_ENDPOINT_SERVICE\",\"attachedDomains\":[],"
                          "\"awsEndpointService\":{\"name\":\"%s\",\"region\":\"us-east-1\","
                          "\"endpointId\":\"vpce-0a1b2c3d4e5f60718\",\"availabilityZoneIds\":[\"use1-az1\",\"use1-az4\"]}}",
                          id, display_name, state, service_name);
}

#define SERVICE_NAME "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

void
tidb_fake_respond (SoupServerMessage *message,
                   guint              status,
                   const char        *body)
{
  respond (message, status, body);
}

static void
respond_take (SoupServerMessage *message,
              char              *body)
{
  respond (message, 200, body);
  g_free (body);
}

static void
respond_not_found (SoupServerMessage *message,
                   const char        *what)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":5,\"message\":\"%s not found\",\"details\":[]}", what);

  respond (message, 404, body);
}

static const char *
query_value (GHashTable *query,
             const char *name)
{
  return query ? g_hash_table_lookup (query, name) : NULL;
}

/* Every list call must ask for the largest page. */
static gboolean
check_page_size (SoupServerMessage *message,
                 GHashTable        *query)
{
  if (g_strcmp0 (query_value (query, "pageSize"), "100") == 0)
    return TRUE;
  respond (message, 400, "{\"code\":3,\"message\":\"pageSize must be 100 in this test\"}");
  return FALSE;
}

static void
list_clusters (SoupServerMessage *message,
               GHashTable        *query)
{
  const char *token = query_value (query, "pageToken");

  if (!check_page_size (message, query))
    return;
  for (guint p = 0; p < G_N_ELEMENTS (cluster_pages); p++)
    {
      g_autoptr(GString) body = NULL;

      if (g_strcmp0 (cluster_pages[p].token, token) != 0)
        continue;
      body = g_string_new ("{\"clusters\":[");
      for (guint i = 0; i < cluster_pages[p].count; i++)
        {
          g_autofree char *json = cluster_json (&clusters[cluster_pages[p].first + i]);

          g_string_append_printf (body, "%s%s", i ? "," : "", json);
        }
      g_string_append_printf (body, "],\"nextPageToken\":\"%s\",\"totalSize\":%u}",
                              cluster_pages[p].next ? cluster_pages[p].next : "",
                              TIDB_FAKE_N_CLUSTERS);
      respond (message, 200, body->str);
      return;
    }
  respond (message, 400, "{\"code\":3,\"message\":\"invalid page token\"}");
}

static void
list_projects (SoupServerMessage *message,
               GHashTable        *query)
{
  const char *token = query_value (query, "pageToken");

  if (!check_page_size (message, query))
    return;
  if (token == NULL)
    respond (message, 200,
             "{\"projects\":[{\"id\":\"1372813089189561287\",\"name\":\"default\",\"org_id\":\"1372813089454525346\","
             "\"cluster_count\":4,\"user_count\":2,\"create_timestamp\":\"1688460316\",\"aws_cmek_enabled\":false}],"
             "\"nextPageToken\":\"498c7f44-656f-4944-b455-0695faa5d4f9\"}");
  else if (g_str_equal (token, "498c7f44-656f-4944-b455-0695faa5d4f9"))
    respond (message, 200,
             "{\"projects\":[{\"id\":\"1372813089189561300\",\"name\":\"data platform\",\"org_id\":\"1372813089454525346\"}]}");
  else
    respond (message, 400, "{\"code\":\"40001\",\"error\":\"bad page token\",\"msgPrefix\":\"\",\"status\":400}");
}

static void
list_private_links (SoupServerMessage *message,
                    GHashTable        *query)
{
  const char *token = query_value (query, "pageToken");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (!check_page_size (message, query))
    return;
  if (token == NULL)
    {
      first = private_link_json ("plc-aaaa1111", "first link", "ACTIVE", SERVICE_NAME);
      second = private_link_json ("plc-bbbb2222", "second link", "ACTIVE", SERVICE_NAME);
      respond_take (message, g_strdup_printf ("{\"privateLinkConnections\":[%s,%s],\"nextPageToken\":\"n2\",\"totalSize\":3}",
                                              first, second));
    }
  else
    {
      first = private_link_json ("plc-cccc3333", "third link", "ACTIVE", SERVICE_NAME);
      respond_take (message, g_strdup_printf ("{\"privateLinkConnections\":[%s],\"totalSize\":3}", first));
    }
}

/* Answers the created connection from what the request asked for. */
static void
create_private_link (SoupServerMessage *message,
                     const char        *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *link;
  const char *service;

  if (!json_parser_load_from_data (parser, body, -1, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      (link = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                             "privateLinkConnection")) == NULL ||
      !json_object_has_member (link, "awsEndpointService"))
    {
      respond (message, 400, "{\"code\":3,\"message\":\"privateLinkConnection is required\"}");
      return;
    }
  service = json_object_get_string_member (json_object_get_object_member (link, "awsEndpointService"), "name");
  respond_take (message, private_link_json ("plc-new00001",
                                            json_object_get_string_member (link, "displayName"),
                                            "CREATING", service));
}

static void
private_link (SoupServerMessage *message,
              const char        *method,
              const char        *link_id)
{
  if (!g_str_equal (link_id, "plc-aaaa1111") && !g_str_equal (link_id, "plc-new00001"))
    respond_not_found (message, "private link connection");
  else if (g_str_equal (method, "DELETE"))
    respond_take (message, private_link_json (link_id, "first link", "DELETING", SERVICE_NAME));
  else
    respond_take (message, private_link_json (link_id, "first link", "PENDING_ACCEPTANCE", SERVICE_NAME));
}

/* Paths below /clusters/{id}: "", "/privateLinkConnections", … */
static void
cluster_resource (SoupServerMessage *message,
                  const char        *method,
                  const char        *rest,
                  GHashTable        *query,
                  const char        *body)
{
  g_auto(GStrv) parts = g_strsplit (rest, "/", 3);
  const FakeCluster *cluster = find_cluster (parts[0]);

  if (cluster == NULL)
    respond_not_found (message, "cluster");
  else if (parts[1] != NULL && (g_str_has_prefix (parts[1], "changefeeds") || g_str_has_prefix (parts[1], "migration")))
    tidb_fake_dataflow (message, method, parts[0], parts[1], parts[2], query, body);
  else if (parts[1] == NULL)
    respond_take (message, cluster_json (cluster));
  else if (g_str_equal (parts[1], "privateLinkConnections:getAvailabilityZones"))
    respond (message, 200, "{\"accountId\":\"380838443567\",\"azIds\":[\"use1-az1\",\"use1-az2\",\"use1-az4\"]}");
  else if (g_str_equal (parts[1], "privateLinkConnections") && parts[2] != NULL)
    private_link (message, method, parts[2]);
  else if (g_str_equal (parts[1], "privateLinkConnections") && g_str_equal (method, "POST"))
    create_private_link (message, body);
  else if (g_str_equal (parts[1], "privateLinkConnections"))
    list_private_links (message, query);
  else
    respond_not_found (message, "resource");
}

static void
route (TidbFakeServer    *self,
       SoupServerMessage *message,
       const char        *method,
       const char        *path,
       GHashTable        *query,
       const char        *body)
{
  if (g_str_equal (path, "/serverless/v1beta1/clusters"))
    list_clusters (message, query);
  else if (g_str_has_prefix (path, "/serverless/v1beta1/clusters/"))
    cluster_resource (message, method, path + strlen ("/serverless/v1beta1/clusters/"), query, body);
  else if (g_str_equal (path, "/iam/v1beta1/projects"))
    list_projects (message, query);
  else
    respond_not_found (message, "path");
}

/* Headers promise more than comes: the client sees the connection close mid-answer. */
static void
cut_connection (SoupServerMessage *message)
{
  static const char partial[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                "Content-Length: 4000\r\n\r\n{\"clusters\":[{\"clusterId\":\"1";
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial, strlen (partial),
                             NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
exchange_free (gpointer data)
{
  TidbFakeExchange *exchange = data;

  g_free (exchange->method);
  g_free (exchange->path);
  g_free (exchange->query);
  g_free (exchange->body);
  g_free (exchange->response);
  g_free (exchange);
}

static void
record_response (TidbFakeServer    *self,
                 SoupServerMessage *message)
{
  g_autoptr(GBytes) bytes = NULL;
  TidbFakeExchange *exchange;

  if (self->hold || self->cut_connection)
    return;
  bytes = soup_message_body_flatten (soup_server_message_get_response_body (message));
  self->last_status = soup_server_message_get_status (message);
  g_free (self->last_response);
  self->last_response = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  exchange = g_new0 (TidbFakeExchange, 1);
  exchange->method = g_strdup (self->last_method);
  exchange->path = g_strdup (self->last_path);
  exchange->query = g_strdup (self->last_query);
  exchange->body = g_strdup (self->last_body);
  exchange->status = self->last_status;
  exchange->response = g_strdup (self->last_response);
  g_ptr_array_add (self->exchanges, exchange);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  TidbFakeServer *self = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  const char *method = soup_server_message_get_method (message);

  self->handled++;
  g_free (self->last_method);
  g_free (self->last_path);
  g_free (self->last_query);
  g_free (self->last_body);
  self->last_method = g_strdup (method);
  self->last_path = g_strdup (g_uri_get_path (soup_server_message_get_uri (message)));
  self->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (message)));
  self->last_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (self->hold)
    {
      soup_server_message_pause (message);
      self->held = g_object_ref (message);
    }
  else if (self->cut_connection)
    cut_connection (message);
  else if (self->fail_count > 0)
    {
      self->fail_count--;
      respond (message, self->fail_status, self->fail_body ? self->fail_body : "");
    }
  else if (self->body_override != NULL)
    respond (message, 200, self->body_override);
  else
    route (self, message, method, self->last_path, query, self->last_body);
  record_response (self, message);
}

static char *
digest_password (SoupAuthDomain    *domain,
                 SoupServerMessage *message,
                 const char        *username,
                 gpointer           user_data)
{
  if (!g_str_equal (username, TIDB_FAKE_PUBLIC_KEY))
    return NULL;
  return soup_auth_domain_digest_encode_password (username, REALM, TIDB_FAKE_PRIVATE_KEY);
}

/* Keeps the digest response so a test can look for it where it must not be. */
static void
record_authorization (SoupServerMessage *message,
                      gpointer           user_data)
{
  TidbFakeServer *self = user_data;
  const char *authorization =
    soup_message_headers_get_one (soup_server_message_get_request_headers (message), "Authorization");
  const char *start;
  const char *end;

  if (authorization == NULL || (start = strstr (authorization, "response=\"")) == NULL)
    return;
  start += strlen ("response=\"");
  end = strchr (start, '"');
  if (end != NULL)
    g_ptr_array_add (self->digest_responses, g_strndup (start, end - start));
}

static void
count_request (SoupServer        *server,
               SoupServerMessage *message,
               gpointer           user_data)
{
  TidbFakeServer *self = user_data;

  self->requests++;
  g_signal_connect (message, "got-headers", G_CALLBACK (record_authorization), self);
}

TidbFakeServer *
tidb_fake_server_new (void)
{
  TidbFakeServer *self = g_new0 (TidbFakeServer, 1);
  g_autoptr(SoupAuthDomain) domain = soup_auth_domain_digest_new ("realm", REALM, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  guint port;

  self->digest_responses = g_ptr_array_new_with_free_func (g_free);
  self->exchanges = g_ptr_array_new_with_free_func (exchange_free);
  self->server = soup_server_new (NULL, NULL);
  soup_auth_domain_digest_set_auth_callback (domain, digest_password, self, NULL);
  soup_auth_domain_add_path (domain, "/");
  soup_server_add_auth_domain (self->server, domain);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (count_request), self);
  soup_server_listen (self->server, address, 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->serverless_endpoint = g_strdup_printf ("http://127.0.0.1:%u/serverless", port);
  self->iam_endpoint = g_strdup_printf ("http://127.0.0.1:%u/iam/", port);
  return self;
}

void
tidb_fake_server_free (TidbFakeServer *self)
{
  if (self->held != NULL)
    {
      soup_server_message_unpause (self->held);
      g_clear_object (&self->held);
    }
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_ptr_array_unref (self->digest_responses);
  g_ptr_array_unref (self->exchanges);
  g_free (self->serverless_endpoint);
  g_free (self->iam_endpoint);
  g_free (self->last_method);
  g_free (self->last_path);
  g_free (self->last_query);
  g_free (self->last_body);
  g_free (self->last_response);
  g_free (self);
}

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
tidb_wait_for (gpointer *slot,
               guint     seconds)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, set_flag, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return *slot != NULL;
}

void
tidb_store_result (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}
