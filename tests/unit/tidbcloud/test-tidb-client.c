/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The TiDB Cloud client against a local SoupServer with real Digest authentication. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cw-tidb-client.h"
#include "tidb-fake-server.h"

#define WAIT_SECONDS 30

typedef struct {
  TidbFakeServer *server;
  CwTidbClient   *client;
} Fixture;

static CwTidbClient *
client_with_key (TidbFakeServer *server,
                 const char     *private_key)
{
  g_autoptr(GError) error = NULL;
  CwTidbClient *client = cw_tidb_client_new_for_endpoints (TIDB_FAKE_PUBLIC_KEY, private_key,
                                                           server->serverless_endpoint,
                                                           server->iam_endpoint, &error);

  g_assert_no_error (error);
  return client;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = tidb_fake_server_new ();
  f->client = client_with_key (f->server, TIDB_FAKE_PRIVATE_KEY);
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

static GListModel *
list_clusters (CwTidbClient  *client,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_tidb_client_list_clusters_async (client, cancellable, tidb_store_result, &result);
  return cw_tidb_client_list_clusters_finish (client, wait_result (&result), error);
}

static CwTidbCluster *
cluster_at (GListModel *clusters,
            guint       position)
{
  g_autoptr(CwTidbCluster) cluster = g_list_model_get_item (clusters, position);

  /* The model keeps its own reference. */
  return cluster;
}

static void
assert_error_says (const GError *error,
                   const char   *text)
{
  g_assert_nonnull (error);
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” does not say “%s”", error->message, text);
}

static void
test_list_clusters_follows_pages (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) clusters = list_clusters (f->client, NULL, &error);
  CwTidbCluster *first;
  CwTidbCluster *last;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clusters), ==, TIDB_FAKE_N_CLUSTERS);
  g_assert_cmpuint (f->server->handled, ==, 3);
  g_assert_cmpstr (f->server->last_path, ==, "/serverless/v1beta1/clusters");
  g_assert_cmpstr (f->server->last_query, ==, "pageSize=100&pageToken=page-3");

  first = cluster_at (clusters, 0);
  g_assert_cmpstr (cw_tidb_cluster_get_cluster_id (first), ==, "10001");
  g_assert_cmpstr (cw_tidb_cluster_get_display_name (first), ==, "orders");
  g_assert_cmpstr (cw_tidb_cluster_get_region_name (first), ==, "regions/aws-us-east-1");
  g_assert_cmpstr (cw_tidb_cluster_get_region_id (first), ==, "aws-us-east-1");
  g_assert_cmpstr (cw_tidb_cluster_get_cloud_provider (first), ==, "aws");
  g_assert_cmpstr (cw_tidb_cluster_get_aws_region (first), ==, "us-east-1");
  g_assert_cmpstr (cw_tidb_cluster_get_cluster_plan (first), ==, "ESSENTIAL");
  g_assert_cmpstr (cw_tidb_cluster_get_state (first), ==, "ACTIVE");
  g_assert_cmpstr (cw_tidb_cluster_get_project_id (first), ==, "1372813089189561287");

  g_assert_cmpstr (cw_tidb_cluster_get_display_name (cluster_at (clusters, 2)), ==, "staging – é");
  g_assert_null (cw_tidb_cluster_get_aws_region (cluster_at (clusters, 2)));

  /* regionId and cloudProvider left out: told from the region name. */
  last = cluster_at (clusters, 4);
  g_assert_cmpstr (cw_tidb_cluster_get_cluster_id (last), ==, "10005");
  g_assert_cmpstr (cw_tidb_cluster_get_region_id (last), ==, "aws-ap-southeast-1");
  g_assert_cmpstr (cw_tidb_cluster_get_cloud_provider (last), ==, "aws");
  g_assert_cmpstr (cw_tidb_cluster_get_aws_region (last), ==, "ap-southeast-1");
}

static void
test_get_cluster (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) missing_result = NULL;
  g_autoptr(CwTidbCluster) cluster = NULL;
  g_autoptr(CwTidbCluster) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;

  cw_tidb_client_get_cluster_async (f->client, "10002", NULL, tidb_store_result, &result);
  cluster = cw_tidb_client_get_cluster_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->server->last_method, ==, "GET");
  g_assert_cmpstr (f->server->last_path, ==, "/serverless/v1beta1/clusters/10002");
  g_assert_cmpstr (cw_tidb_cluster_get_aws_region (cluster), ==, "us-west-2");
  g_object_get (cluster, "cluster-plan", &plan, NULL);
  g_assert_cmpstr (plan, ==, "STARTER");

  /* An id is one path segment, whatever it holds. */
  cw_tidb_client_get_cluster_async (f->client, "99/projects?x=1", NULL, tidb_store_result, &missing_result);
  missing = cw_tidb_client_get_cluster_finish (f->client, wait_result (&missing_result), &error);
  g_assert_null (missing);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND);
  /* The server decodes the path; the "?" did not start a query. */
  g_assert_cmpstr (f->server->last_path, ==, "/serverless/v1beta1/clusters/99/projects?x=1");
  g_assert_null (f->server->last_query);
  assert_error_says (error, "404");
  assert_error_says (error, "cluster not found (code 5)");
}

static void
test_list_projects (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) projects = NULL;
  g_autoptr(CwTidbProject) second = NULL;
  g_autoptr(GError) error = NULL;

  cw_tidb_client_list_projects_async (f->client, NULL, tidb_store_result, &result);
  projects = cw_tidb_client_list_projects_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 2);
  g_assert_cmpuint (f->server->handled, ==, 2);
  g_assert_cmpstr (f->server->last_path, ==, "/iam/v1beta1/projects");
  second = g_list_model_get_item (projects, 1);
  g_assert_cmpstr (cw_tidb_project_get_project_id (second), ==, "1372813089189561300");
  g_assert_cmpstr (cw_tidb_project_get_name (second), ==, "data platform");
  g_assert_cmpstr (cw_tidb_project_get_org_id (second), ==, "1372813089454525346");
}

static void
test_availability_zones (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwTidbAvailabilityZones) zones = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected[] = { "use1-az1", "use1-az2", "use1-az4", NULL };

  cw_tidb_client_get_availability_zones_async (f->client, "10001", NULL, tidb_store_result, &result);
  zones = cw_tidb_client_get_availability_zones_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->server->last_path, ==,
                   "/serverless/v1beta1/clusters/10001/privateLinkConnections:getAvailabilityZones");
  g_assert_cmpstr (cw_tidb_availability_zones_get_account_id (zones), ==, "380838443567");
  g_assert_cmpstrv (cw_tidb_availability_zones_get_zone_ids (zones), expected);
}

static void
assert_first_link (CwTidbPrivateLink *link)
{
  const char * const zones[] = { "use1-az1", "use1-az4", NULL };
  g_autofree char *created = NULL;

  g_assert_cmpstr (cw_tidb_private_link_get_link_id (link), ==, "plc-aaaa1111");
  g_assert_cmpstr (cw_tidb_private_link_get_cluster_id (link), ==, "10001");
  g_assert_cmpstr (cw_tidb_private_link_get_display_name (link), ==, "first link");
  g_assert_cmpstr (cw_tidb_private_link_get_link_type (link), ==, "AWS_ENDPOINT_SERVICE");
  g_assert_cmpstr (cw_tidb_private_link_get_message (link), ==, "");
  g_assert_cmpstr (cw_tidb_private_link_get_created_by (link), ==, "apikey-" TIDB_FAKE_PUBLIC_KEY);
  g_assert_cmpstr (cw_tidb_private_link_get_service_name (link), ==,
                   "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0");
  g_assert_cmpstr (cw_tidb_private_link_get_service_region (link), ==, "us-east-1");
  g_assert_cmpstr (cw_tidb_private_link_get_endpoint_id (link), ==, "vpce-0a1b2c3d4e5f60718");
  g_assert_cmpstrv (cw_tidb_private_link_get_zone_ids (link), zones);
  created = g_date_time_format_iso8601 (cw_tidb_private_link_get_create_time (link));
  g_assert_cmpstr (created, ==, "2026-03-02T08:30:00.123000Z");
}

static void
test_list_private_links (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) links = NULL;
  g_autoptr(CwTidbPrivateLink) first = NULL;
  g_autoptr(CwTidbPrivateLink) third = NULL;
  g_autoptr(GError) error = NULL;

  cw_tidb_client_list_private_links_async (f->client, "10001", "ACTIVE", NULL, tidb_store_result, &result);
  links = cw_tidb_client_list_private_links_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 3);
  g_assert_cmpuint (f->server->handled, ==, 2);
  g_assert_cmpstr (f->server->last_path, ==, "/serverless/v1beta1/clusters/10001/privateLinkConnections");
  g_assert_cmpstr (f->server->last_query, ==, "pageSize=100&pageToken=n2&state=ACTIVE");
  first = g_list_model_get_item (links, 0);
  assert_first_link (first);
  g_assert_cmpstr (cw_tidb_private_link_get_state (first), ==, "ACTIVE");
  third = g_list_model_get_item (links, 2);
  g_assert_cmpstr (cw_tidb_private_link_get_link_id (third), ==, "plc-cccc3333");
}

typedef struct {
  Fixture *f;
  GString *pages;  /* "position+added after N answers" of each change */
} PagesSeen;

static void
on_page_added (GListModel *links,
               guint       position,
               guint       removed,
               guint       added,
               PagesSeen  *seen)
{
  g_string_append_printf (seen->pages, "%u+%u after %u;", position, added, seen->f->server->handled);
}

/* Into a list of the caller's, a page at a time as each answer comes: the first page is
 * there before the second is asked for. */
static void
test_list_private_links_into (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListStore) into = g_list_store_new (CW_TYPE_TIDB_PRIVATE_LINK);
  g_autoptr(GListModel) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) pages = g_string_new (NULL);
  PagesSeen seen = { f, pages };

  g_signal_connect (into, "items-changed", G_CALLBACK (on_page_added), &seen);
  cw_tidb_client_list_private_links_into_async (f->client, "10001", "ACTIVE", into, NULL, tidb_store_result, &result);
  links = cw_tidb_client_list_private_links_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (links == G_LIST_MODEL (into));
  g_assert_cmpstr (pages->str, ==, "0+2 after 1;2+1 after 2;");
}

static void
test_get_private_link (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwTidbPrivateLink) link = NULL;
  g_autoptr(GError) error = NULL;

  cw_tidb_client_get_private_link_async (f->client, "10001", "plc-aaaa1111", NULL, tidb_store_result, &result);
  link = cw_tidb_client_get_private_link_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->server->last_method, ==, "GET");
  g_assert_cmpstr (f->server->last_path, ==,
                   "/serverless/v1beta1/clusters/10001/privateLinkConnections/plc-aaaa1111");
  assert_first_link (link);
  g_assert_cmpstr (cw_tidb_private_link_get_state (link), ==, "PENDING_ACCEPTANCE");
}

static JsonObject *
parse_request_body (const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_create_private_link (Fixture       *f,
                          gconstpointer  data)
{
  const char *service = "com.amazonaws.vpce.us-east-1.vpce-svc-0fedcba9876543210";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwTidbPrivateLink) link = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *request;
  JsonObject *endpoint_service;

  cw_tidb_client_create_private_link_async (f->client, "10001", "causeway-orders-db", service, "us-east-1",
                                            NULL, tidb_store_result, &result);
  link = cw_tidb_client_create_private_link_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->server->last_method, ==, "POST");
  g_assert_cmpstr (f->server->last_path, ==, "/serverless/v1beta1/clusters/10001/privateLinkConnections");

  body = parse_request_body (f->server->last_body);
  request = json_object_get_object_member (body, "privateLinkConnection");
  g_assert_nonnull (request);
  g_assert_cmpstr (json_object_get_string_member (request, "clusterId"), ==, "10001");
  g_assert_cmpstr (json_object_get_string_member (request, "displayName"), ==, "causeway-orders-db");
  g_assert_cmpstr (json_object_get_string_member (request, "type"), ==, "AWS_ENDPOINT_SERVICE");
  endpoint_service = json_object_get_object_member (request, "awsEndpointService");
  g_assert_cmpstr (json_object_get_string_member (endpoint_service, "name"), ==, service);
  g_assert_cmpstr (json_object_get_string_member (endpoint_service, "region"), ==, "us-east-1");

  g_assert_cmpstr (cw_tidb_private_link_get_link_id (link), ==, "plc-new00001");
  g_assert_cmpstr (cw_tidb_private_link_get_state (link), ==, "CREATING");
  g_assert_cmpstr (cw_tidb_private_link_get_display_name (link), ==, "causeway-orders-db");
  g_assert_cmpstr (cw_tidb_private_link_get_service_name (link), ==, service);
}

static void
test_delete_private_link (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) missing_result = NULL;
  g_autoptr(GError) error = NULL;

  cw_tidb_client_delete_private_link_async (f->client, "10001", "plc-aaaa1111", NULL, tidb_store_result, &result);
  g_assert_true (cw_tidb_client_delete_private_link_finish (f->client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->server->last_method, ==, "DELETE");
  g_assert_cmpstr (f->server->last_path, ==,
                   "/serverless/v1beta1/clusters/10001/privateLinkConnections/plc-aaaa1111");

  cw_tidb_client_delete_private_link_async (f->client, "10001", "plc-gone", NULL, tidb_store_result, &missing_result);
  g_assert_false (cw_tidb_client_delete_private_link_finish (f->client, wait_result (&missing_result), &error));
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND);
  assert_error_says (error, "private link connection not found");
}

/* libsoup asks again with retrying set; the client must not offer the key twice. */
static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CwTidbClient) client = client_with_key (f->server, "not-the-private-key");
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) second_error = NULL;

  clusters = list_clusters (client, NULL, &error);
  g_assert_null (clusters);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_KEY_REJECTED);
  assert_error_says (error, "TiDB Cloud rejected the API key");
  g_assert_null (strstr (error->message, "401"));
  g_assert_null (strstr (error->message, "not-the-private-key"));
  /* The challenge, then one authenticated try: no loop, and no backoff retry. */
  g_assert_cmpuint (f->server->requests, ==, 2);
  g_assert_cmpuint (f->server->handled, ==, 0);

  again = list_clusters (client, NULL, &second_error);
  g_assert_error (second_error, CW_TIDB_ERROR, CW_TIDB_ERROR_KEY_REJECTED);
  g_assert_cmpuint (f->server->requests, <=, 4);
}

/* The server answers every request with @status and @body; the client tries @tries
 * times in all and reports the status and the body's message. */
static void
assert_clusters_fail (Fixture    *f,
                      guint       status,
                      const char *body,
                      int         code,
                      const char *explanation,
                      guint       tries)
{
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GError) error = NULL;

  f->server->fail_count = 100;
  f->server->fail_status = status;
  f->server->fail_body = body;
  clusters = list_clusters (f->client, NULL, &error);
  g_assert_null (clusters);
  g_assert_error (error, CW_TIDB_ERROR, code);
  assert_error_says (error, explanation);
  g_assert_cmpuint (f->server->handled, ==, tries);
}

static void
test_error_status_body (Fixture       *f,
                        gconstpointer  data)
{
  assert_clusters_fail (f, 403, "{\"code\":7,\"message\":\"the API key has no\\naccess to project 42\",\"details\":[]}",
                        CW_TIDB_ERROR_FORBIDDEN,
                        "TiDB Cloud answered 403 Forbidden: the API key has no access to project 42 (code 7)", 1);
}

static void
test_bad_request_is_not_retried (Fixture       *f,
                                 gconstpointer  data)
{
  assert_clusters_fail (f, 400, "{\"code\":3,\"message\":\"filter is invalid\"}",
                        CW_TIDB_ERROR_BAD_REQUEST, "filter is invalid (code 3)", 1);
}

static void
test_503_then_success (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GError) error = NULL;

  f->server->fail_count = 1;
  f->server->fail_status = 503;
  clusters = list_clusters (f->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clusters), ==, TIDB_FAKE_N_CLUSTERS);
  g_assert_cmpuint (f->server->handled, ==, 4);
}

/* One try and three retries, then the last answer is the error. */
static void
test_retries_give_up (Fixture       *f,
                      gconstpointer  data)
{
  assert_clusters_fail (f, 429, "{\"code\":8,\"message\":\"rate limit exceeded\"}",
                        CW_TIDB_ERROR_THROTTLED, "429 Too Many Requests: rate limit exceeded (code 8)", 4);
  f->server->handled = 0;
  assert_clusters_fail (f, 500, "", CW_TIDB_ERROR_SERVER, "TiDB Cloud answered 500 Internal Server Error.", 4);
}

static void
assert_clusters_answer_refused (Fixture    *f,
                                const char *body,
                                const char *explanation)
{
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GError) error = NULL;

  f->server->body_override = body;
  clusters = list_clusters (f->client, NULL, &error);
  g_assert_null (clusters);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE);
  assert_error_says (error, explanation);
}

static void
test_malformed_answers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwTidbAvailabilityZones) zones = NULL;
  g_autoptr(GError) error = NULL;

  assert_clusters_answer_refused (f, "{not json", "not valid JSON");
  assert_clusters_answer_refused (f, "{\"clusters\":[{\"clusterId\":\"1", "not valid JSON");
  assert_clusters_answer_refused (f, "", "an empty answer");
  assert_clusters_answer_refused (f, "[]", "not a JSON object");
  assert_clusters_answer_refused (f, "{\"clusters\":{}}", "“clusters” of the list is not a list");
  assert_clusters_answer_refused (f, "{\"clusters\":[{\"displayName\":\"x\",\"region\":{\"name\":\"regions/aws-us-east-1\"}}]}",
                                  "“clusterId” is missing from the cluster");
  assert_clusters_answer_refused (f, "{\"clusters\":[{\"clusterId\":\"1\",\"displayName\":\"x\",\"region\":\"aws\"}]}",
                                  "“region” of the cluster is not an object");
  assert_clusters_answer_refused (f, "{\"clusters\":[],\"nextPageToken\":7}",
                                  "“nextPageToken” of the list is not a string");

  f->server->body_override = "{\"accountId\":\"380838443567\"}";
  cw_tidb_client_get_availability_zones_async (f->client, "10001", NULL, tidb_store_result, &result);
  zones = cw_tidb_client_get_availability_zones_finish (f->client, wait_result (&result), &error);
  g_assert_null (zones);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE);
  assert_error_says (error, "“azIds” is missing");
}

static void
test_connection_cut (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GError) error = NULL;

  f->server->cut_connection = TRUE;
  clusters = list_clusters (f->client, NULL, &error);
  g_assert_null (clusters);
  assert_error_says (error, "Could not talk to TiDB Cloud");
  g_assert_cmpuint (f->server->handled, ==, 1);
}

/* A server that keeps repeating a page token must not keep the client forever. */
static void
test_repeated_page_token (Fixture       *f,
                          gconstpointer  data)
{
  assert_clusters_answer_refused (f, "{\"clusters\":[],\"nextPageToken\":\"again\"}",
                                  "kept sending further pages");
  g_assert_cmpuint (f->server->handled, ==, 2);
}

static void
test_cancel_in_flight (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GError) error = NULL;

  f->server->hold = TRUE;
  cw_tidb_client_list_clusters_async (f->client, cancellable, tidb_store_result, &result);
  g_assert_true (tidb_wait_for ((gpointer *) &f->server->held, WAIT_SECONDS));
  g_cancellable_cancel (cancellable);
  clusters = cw_tidb_client_list_clusters_finish (f->client, wait_result (&result), &error);
  g_assert_null (clusters);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct {
  TidbFakeServer *server;
  GCancellable   *cancellable;
} CancelOnAnswer;

/* Cancels once the first answer past the Digest challenge is on its way. */
static void
cancel_on_answer (SoupServer        *server,
                  SoupServerMessage *message,
                  gpointer           user_data)
{
  CancelOnAnswer *cancel = user_data;

  if (cancel->server->handled > 0)
    g_cancellable_cancel (cancel->cancellable);
}

/* Cancelled as the first 503 comes back: it stops without trying again. */
static void
test_cancel_in_backoff (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelOnAnswer cancel = { f->server, cancellable };
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  f->server->fail_count = 100;
  f->server->fail_status = 503;
  g_signal_connect (f->server->server, "request-finished", G_CALLBACK (cancel_on_answer), &cancel);
  clusters = list_clusters (f->client, cancellable, &error);
  g_assert_null (clusters);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->server->handled, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_cancel_before_start (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  clusters = list_clusters (f->client, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->server->handled, ==, 0);
}

static void
assert_endpoint_refused (const char *serverless,
                         const char *iam)
{
  g_autoptr(CwTidbClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = cw_tidb_client_new_for_endpoints ("pub", "priv", serverless, iam, &error);
  g_assert_null (client);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_ENDPOINT);
  g_assert_null (strstr (error->message, "hunter2"));
}

static void
test_endpoints (void)
{
  g_autoptr(CwTidbClient) defaults = NULL;
  g_autoptr(CwTidbClient) loopback = NULL;
  g_autoptr(CwTidbClient) keyless = NULL;
  g_autoptr(GError) error = NULL;

  assert_endpoint_refused ("http://serverless.tidbapi.com", CW_TIDB_DEFAULT_IAM_ENDPOINT);
  assert_endpoint_refused (CW_TIDB_DEFAULT_SERVERLESS_ENDPOINT, "http://192.168.1.10:8080");
  assert_endpoint_refused ("ftp://127.0.0.1", CW_TIDB_DEFAULT_IAM_ENDPOINT);
  assert_endpoint_refused ("https://user:hunter2@serverless.tidbapi.com", CW_TIDB_DEFAULT_IAM_ENDPOINT);
  assert_endpoint_refused ("https://serverless.tidbapi.com/?debug=1", CW_TIDB_DEFAULT_IAM_ENDPOINT);
  assert_endpoint_refused ("not a url", CW_TIDB_DEFAULT_IAM_ENDPOINT);

  g_unsetenv ("TIDBCLOUD_SERVERLESS_ENDPOINT");
  g_unsetenv ("TIDBCLOUD_IAM_ENDPOINT");
  defaults = cw_tidb_client_new ("pub", "priv", &error);
  g_assert_no_error (error);
  g_assert_nonnull (defaults);
  loopback = cw_tidb_client_new_for_endpoints ("pub", "priv", "http://localhost:9", "http://[::1]:9/", &error);
  g_assert_no_error (error);
  g_assert_nonnull (loopback);

  keyless = cw_tidb_client_new_for_endpoints ("pub", "", CW_TIDB_DEFAULT_SERVERLESS_ENDPOINT,
                                              CW_TIDB_DEFAULT_IAM_ENDPOINT, &error);
  g_assert_null (keyless);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_INPUT);
}

static void
test_endpoints_from_environment (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(CwTidbClient) refused = NULL;
  g_autoptr(CwTidbClient) client = NULL;
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("TIDBCLOUD_SERVERLESS_ENDPOINT", "http://serverless.example.org", TRUE);
  refused = cw_tidb_client_new (TIDB_FAKE_PUBLIC_KEY, TIDB_FAKE_PRIVATE_KEY, &error);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_ENDPOINT);
  g_clear_error (&error);

  g_setenv ("TIDBCLOUD_SERVERLESS_ENDPOINT", f->server->serverless_endpoint, TRUE);
  g_setenv ("TIDBCLOUD_IAM_ENDPOINT", f->server->iam_endpoint, TRUE);
  client = cw_tidb_client_new (TIDB_FAKE_PUBLIC_KEY, TIDB_FAKE_PRIVATE_KEY, &error);
  g_unsetenv ("TIDBCLOUD_SERVERLESS_ENDPOINT");
  g_unsetenv ("TIDBCLOUD_IAM_ENDPOINT");
  g_assert_no_error (error);
  clusters = list_clusters (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clusters), ==, TIDB_FAKE_N_CLUSTERS);
}

/* ---- debug logs ---- */

#define DIGEST_FILE_VARIABLE "CW_TEST_DIGEST_FILE"

/* In the subprocess: some of every kind of call, then the digest responses the server
 * saw go to a file for the parent to look for. */
static void
make_logged_calls (void)
{
  g_autoptr(TidbFakeServer) server = tidb_fake_server_new ();
  g_autoptr(CwTidbClient) client = client_with_key (server, TIDB_FAKE_PRIVATE_KEY);
  g_autoptr(CwTidbClient) wrong = client_with_key (server, TIDB_FAKE_PRIVATE_KEY "-wrong");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwTidbPrivateLink) link = NULL;
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) rejected = NULL;
  g_autofree char *digests = NULL;

  clusters = list_clusters (client, NULL, &error);
  g_assert_no_error (error);
  cw_tidb_client_create_private_link_async (client, "10001", "logged", "com.amazonaws.vpce.us-east-1.vpce-svc-1",
                                            NULL, NULL, tidb_store_result, &result);
  link = cw_tidb_client_create_private_link_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  none = list_clusters (wrong, NULL, &rejected);
  g_assert_error (rejected, CW_TIDB_ERROR, CW_TIDB_ERROR_KEY_REJECTED);

  g_assert_cmpuint (server->digest_responses->len, >=, 5);
  g_ptr_array_add (server->digest_responses, NULL);
  digests = g_strjoinv ("\n", (char **) server->digest_responses->pdata);
  g_file_set_contents (g_getenv (DIGEST_FILE_VARIABLE), digests, -1, &error);
  g_assert_no_error (error);
}

static void
assert_output_lacks (const char *text)
{
  g_autofree char *pattern = g_strdup_printf ("*%s*", text);

  g_test_trap_assert_stdout_unmatched (pattern);
  g_test_trap_assert_stderr_unmatched (pattern);
}

static void
test_debug_log_keeps_secrets (void)
{
  g_autofree char *directory = NULL;
  g_autofree char *digest_file = NULL;
  g_autofree char *digests = NULL;
  g_auto(GStrv) responses = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      make_logged_calls ();
      return;
    }
  directory = g_dir_make_tmp ("cw-tidb-log-XXXXXX", &error);
  g_assert_no_error (error);
  digest_file = g_build_filename (directory, "digests", NULL);
  g_setenv (DIGEST_FILE_VARIABLE, digest_file, TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_unsetenv (DIGEST_FILE_VARIABLE);
  g_test_trap_assert_passed ();

  /* The logs were on, and showed the requests with their Authorization header. */
  g_test_trap_assert_stdout ("*> GET http://127.0.0.1:*/serverless/v1beta1/clusters?pageSize=100*");
  g_test_trap_assert_stdout ("*> Authorization: [redacted]*");
  g_test_trap_assert_stdout ("*< 401 Unauthorized*");

  assert_output_lacks (TIDB_FAKE_PRIVATE_KEY);
  g_file_get_contents (digest_file, &digests, NULL, &error);
  g_assert_no_error (error);
  responses = g_strsplit (digests, "\n", -1);
  g_assert_cmpuint (g_strv_length (responses), >=, 5);
  for (guint i = 0; responses[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (responses[i]), ==, 32);
      assert_output_lacks (responses[i]);
    }
  g_unlink (digest_file);
  g_rmdir (directory);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/tidb-client/clusters/pages", test_list_clusters_follows_pages);
  ADD ("/tidb-client/clusters/get", test_get_cluster);
  ADD ("/tidb-client/projects", test_list_projects);
  ADD ("/tidb-client/availability-zones", test_availability_zones);
  ADD ("/tidb-client/private-links/list", test_list_private_links);
  ADD ("/tidb-client/private-links/list-into", test_list_private_links_into);
  ADD ("/tidb-client/private-links/get", test_get_private_link);
  ADD ("/tidb-client/private-links/create", test_create_private_link);
  ADD ("/tidb-client/private-links/delete", test_delete_private_link);
  ADD ("/tidb-client/errors/wrong-key", test_wrong_key);
  ADD ("/tidb-client/errors/status-body", test_error_status_body);
  ADD ("/tidb-client/errors/no-retry-on-400", test_bad_request_is_not_retried);
  ADD ("/tidb-client/errors/503-then-success", test_503_then_success);
  ADD ("/tidb-client/errors/retries-give-up", test_retries_give_up);
  ADD ("/tidb-client/errors/malformed", test_malformed_answers);
  ADD ("/tidb-client/errors/connection-cut", test_connection_cut);
  ADD ("/tidb-client/errors/repeated-page-token", test_repeated_page_token);
  ADD ("/tidb-client/cancel/in-flight", test_cancel_in_flight);
  ADD ("/tidb-client/cancel/in-backoff", test_cancel_in_backoff);
  ADD ("/tidb-client/cancel/before-start", test_cancel_before_start);
  ADD ("/tidb-client/endpoints/environment", test_endpoints_from_environment);
#undef ADD
  g_test_add_func ("/tidb-client/endpoints/validation", test_endpoints);
  g_test_add_func ("/tidb-client/debug-log-keeps-secrets", test_debug_log_keeps_secrets);
  return g_test_run ();
}
