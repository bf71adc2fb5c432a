/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading TiDB Cloud's JSON answers and its error bodies, without a network. */
#include "config.h"

#include <string.h>

#include "cw-tidb-client.h"

static JsonObject *
parse (const char  *text,
       GError     **error)
{
  return cw_tidb_parse_object (text, strlen (text), error);
}

static void
assert_says (const GError *error,
             const char   *text)
{
  g_assert_nonnull (error);
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” does not say “%s”", error->message, text);
}

static void
assert_object_refused (const char *data,
                       gsize       length,
                       const char *explanation)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;

  object = cw_tidb_parse_object (data, length, &error);
  g_assert_null (object);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE);
  assert_says (error, explanation);
}

static void
test_parse_object (void)
{
  g_autofree char *deep = NULL;
  g_autofree char *deep_in_string = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) quoted = NULL;
  g_autoptr(GError) error = NULL;

  object = parse ("{\"a\":1}", &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (object, "a"));

#define REFUSED(literal, explanation) assert_object_refused (literal, sizeof literal - 1, explanation)
  REFUSED ("{\"a\":\"\xff\"}", "not UTF-8");
  REFUSED ("{\"a\":1}\0{", "not UTF-8");
  REFUSED ("[1,2]", "not a JSON object");
  REFUSED ("\"text\"", "not a JSON object");
  REFUSED ("{\"a\":", "not valid JSON");
  REFUSED ("{\"a\":1} trailing", "not valid JSON");
#undef REFUSED

  deep = g_strnfill (100, '[');
  assert_object_refused (deep, 100, "nested too deeply");

  /* Brackets inside strings, escaped quotes included, are not nesting. */
  deep_in_string = g_strdup_printf ("{\"a\":\"\\\"%s\"}", deep);
  quoted = parse (deep_in_string, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quoted);
}

static GListStore *
parse_clusters_page (const char  *text,
                     char       **next_page_token,
                     GError     **error)
{
  g_autoptr(JsonObject) page = parse (text, error);
  g_autoptr(GListStore) clusters = g_list_store_new (CW_TYPE_TIDB_CLUSTER);

  g_assert_nonnull (page);
  if (!cw_tidb_parse_page (page, "clusters", (CwTidbParseFunc) cw_tidb_cluster_new_from_json,
                           clusters, next_page_token, error))
    return NULL;
  return g_steal_pointer (&clusters);
}

static void
test_parse_page (void)
{
  g_autoptr(GListStore) empty = NULL;
  g_autoptr(GListStore) last = NULL;
  g_autoptr(GListStore) refused = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  /* proto3 JSON leaves out an empty list and an empty token. */
  empty = parse_clusters_page ("{\"totalSize\":0}", &token, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (empty)), ==, 0);
  g_assert_null (token);

  last = parse_clusters_page ("{\"clusters\":null,\"nextPageToken\":\"\"}", &token, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  refused = parse_clusters_page ("{\"clusters\":[1]}", &token, &error);
  g_assert_null (refused);
  assert_says (error, "is not a list of objects");
}

static CwTidbCluster *
cluster_from (const char  *text,
              GError     **error)
{
  g_autoptr(JsonObject) object = parse (text, NULL);

  g_assert_nonnull (object);
  return cw_tidb_cluster_new_from_json (object, error);
}

static void
test_cluster (void)
{
  g_autoptr(CwTidbCluster) nulls = NULL;
  g_autoptr(CwTidbCluster) deprecated = NULL;
  g_autoptr(CwTidbCluster) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aws_region = NULL;

  /* x-nullable members may come as null. */
  nulls = cluster_from ("{\"clusterId\":\"1\",\"displayName\":\"a\",\"region\":{\"name\":\"regions/aws-us-east-2\",\"provider\":null},"
                        "\"state\":null,\"labels\":null}", &error);
  g_assert_no_error (error);
  g_assert_null (cw_tidb_cluster_get_state (nulls));
  g_assert_null (cw_tidb_cluster_get_project_id (nulls));
  g_assert_cmpstr (cw_tidb_cluster_get_cloud_provider (nulls), ==, "aws");
  g_object_get (nulls, "aws-region", &aws_region, NULL);
  g_assert_cmpstr (aws_region, ==, "us-east-2");

  /* The deprecated provider is read when cloudProvider is not there. */
  deprecated = cluster_from ("{\"clusterId\":\"2\",\"displayName\":\"b\",\"region\":{\"name\":\"regions/gcp-x\",\"regionId\":\"gcp-x\",\"provider\":\"gcp\"}}",
                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_tidb_cluster_get_cloud_provider (deprecated), ==, "gcp");

  refused = cluster_from ("{\"clusterId\":\"3\",\"displayName\":\"c\"}", &error);
  g_assert_null (refused);
  assert_says (error, "“region.name” is missing from the cluster");
  g_clear_error (&error);

  refused = cluster_from ("{\"clusterId\":\"\",\"displayName\":\"c\",\"region\":{\"name\":\"regions/aws-x\"}}", &error);
  assert_says (error, "“clusterId” is missing");
  g_clear_error (&error);

  refused = cluster_from ("{\"clusterId\":4,\"displayName\":\"c\",\"region\":{\"name\":\"regions/aws-x\"}}", &error);
  assert_says (error, "“clusterId” of the cluster is not a string");
  g_clear_error (&error);

  refused = cluster_from ("{\"clusterId\":\"5\",\"displayName\":\"c\",\"region\":{\"name\":\"regions/aws-x\"},\"labels\":{\"tidb.cloud/project\":5}}",
                          &error);
  assert_says (error, "“labels[\"tidb.cloud/project\"]” of the cluster is not a string");
}

static CwTidbPrivateLink *
link_from (const char  *text,
           GError     **error)
{
  g_autoptr(JsonObject) object = parse (text, NULL);

  g_assert_nonnull (object);
  return cw_tidb_private_link_new_from_json (object, error);
}

#define LINK_HEAD "{\"privateLinkConnectionId\":\"plc-1\",\"clusterId\":\"1\",\"displayName\":\"d\","

static void
test_private_link (void)
{
  g_autoptr(CwTidbPrivateLink) alicloud = NULL;
  g_autoptr(CwTidbPrivateLink) refused = NULL;
  g_autoptr(GError) error = NULL;

  alicloud = link_from (LINK_HEAD "\"type\":\"ALICLOUD_ENDPOINT_SERVICE\",\"alicloudEndpointService\":{\"name\":\"x\"}}", &error);
  g_assert_no_error (error);
  g_assert_null (cw_tidb_private_link_get_service_name (alicloud));
  g_assert_null (cw_tidb_private_link_get_zone_ids (alicloud));
  g_assert_null (cw_tidb_private_link_get_create_time (alicloud));

  refused = link_from (LINK_HEAD "\"type\":\"AWS_ENDPOINT_SERVICE\"}", &error);
  g_assert_null (refused);
  assert_says (error, "“awsEndpointService.name” is missing from the private link connection");
  g_clear_error (&error);

  refused = link_from (LINK_HEAD "\"type\":\"AWS_ENDPOINT_SERVICE\",\"awsEndpointService\":{\"name\":\"s\",\"availabilityZoneIds\":[\"a\",1]}}",
                       &error);
  assert_says (error, "“awsEndpointService.availabilityZoneIds” of the private link connection is not a list of strings");
  g_clear_error (&error);

  refused = link_from (LINK_HEAD "\"type\":\"AWS_ENDPOINT_SERVICE\",\"createTime\":\"yesterday\",\"awsEndpointService\":{\"name\":\"s\"}}",
                       &error);
  assert_says (error, "“createTime” of the private link connection is not a date and time");
  g_clear_error (&error);

  refused = link_from ("{\"privateLinkConnectionId\":\"plc-1\",\"clusterId\":\"1\",\"type\":\"AWS_ENDPOINT_SERVICE\"}", &error);
  assert_says (error, "“displayName” is missing");
}

static void
test_project_and_zones (void)
{
  g_autoptr(JsonObject) no_id = parse ("{\"name\":\"p\"}", NULL);
  g_autoptr(JsonObject) zones_json = parse ("{\"accountId\":\"1\",\"azIds\":[]}", NULL);
  g_autoptr(CwTidbProject) project = NULL;
  g_autoptr(CwTidbAvailabilityZones) zones = NULL;
  g_autoptr(GError) error = NULL;

  project = cw_tidb_project_new_from_json (no_id, &error);
  g_assert_null (project);
  assert_says (error, "“id” is missing from the project");
  g_clear_error (&error);

  zones = cw_tidb_availability_zones_new_from_json (zones_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((GStrv) cw_tidb_availability_zones_get_zone_ids (zones)), ==, 0);
}

static GError *
status_error (guint       status,
              const char *reason,
              const char *body)
{
  return cw_tidb_error_from_status (status, reason, body, strlen (body));
}

static void
test_status_errors (void)
{
  g_autoptr(GError) rpc = status_error (404, "Not Found", "{\"code\":5,\"message\":\"cluster 1 not found\",\"details\":[{\"@type\":\"x\"}]}");
  g_autoptr(GError) iam = status_error (400, "Bad Request", "{\"code\":\"49900001\",\"error\":\"invalid page size\",\"msgPrefix\":\"\",\"status\":400}");
  g_autoptr(GError) bare = status_error (503, "Service Unavailable", "");
  g_autoptr(GError) html = status_error (502, "Bad Gateway", "<html>bad gateway</html>");
  g_autoptr(GError) code_only = status_error (500, "Internal Server Error", "{\"code\":13}");
  g_autoptr(GError) rejected = status_error (401, "Unauthorized", "{\"code\":16,\"message\":\"401 unauthenticated\"}");
  g_autoptr(GError) throttled = status_error (429, "Too Many Requests", "{}");
  g_autoptr(GError) long_one = NULL;
  g_autofree char *long_body = NULL;
  g_autofree char *long_message = g_strnfill (2000, 'x');

  g_assert_error (rpc, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND);
  g_assert_cmpstr (rpc->message, ==, "TiDB Cloud answered 404 Not Found: cluster 1 not found (code 5)");
  g_assert_error (iam, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST);
  g_assert_cmpstr (iam->message, ==, "TiDB Cloud answered 400 Bad Request: invalid page size (code 49900001)");
  g_assert_error (bare, CW_TIDB_ERROR, CW_TIDB_ERROR_SERVER);
  g_assert_cmpstr (bare->message, ==, "TiDB Cloud answered 503 Service Unavailable.");
  g_assert_cmpstr (html->message, ==, "TiDB Cloud answered 502 Bad Gateway.");
  g_assert_cmpstr (code_only->message, ==, "TiDB Cloud answered 500 Internal Server Error: code 13");
  g_assert_error (rejected, CW_TIDB_ERROR, CW_TIDB_ERROR_KEY_REJECTED);
  assert_says (rejected, "TiDB Cloud rejected the API key");
  g_assert_null (strstr (rejected->message, "401"));
  g_assert_error (throttled, CW_TIDB_ERROR, CW_TIDB_ERROR_THROTTLED);

  long_body = g_strdup_printf ("{\"message\":\"%s\"}", long_message);
  long_one = status_error (500, "Internal Server Error", long_body);
  g_assert_cmpuint (g_utf8_strlen (long_one->message, -1), <, 500);
  g_assert_true (g_str_has_suffix (long_one->message, "…"));
}

/* ---- the names the client uses, checked against the swagger files ---- */

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

/* The operation at basePath + path, as the client requests it. */
static JsonObject *
find_operation (JsonObject *swagger,
                const char *full_path,
                const char *method)
{
  const char *base = json_object_get_string_member_with_default (swagger, "basePath", "");
  JsonObject *paths = json_object_get_object_member (swagger, "paths");
  JsonObject *operations;

  g_assert_true (g_str_has_prefix (full_path, base));
  operations = json_object_get_object_member (paths, full_path + strlen (base));
  if (operations == NULL || !json_object_has_member (operations, method))
    g_error ("the swagger has no %s %s", method, full_path);
  return json_object_get_object_member (operations, method);
}

static void
assert_parameters (JsonObject         *operation,
                   const char * const *names)
{
  JsonArray *parameters = json_object_get_array_member (operation, "parameters");

  for (guint n = 0; names[n] != NULL; n++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (parameters); i++)
        found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (parameters, i), "name"),
                              names[n]);
      if (!found)
        g_error ("the operation has no parameter “%s”", names[n]);
    }
}

static void
assert_properties (JsonObject         *swagger,
                   const char         *definition,
                   const char * const *names)
{
  JsonObject *definitions = json_object_get_object_member (swagger, "definitions");
  JsonObject *properties = json_object_get_object_member (json_object_get_object_member (definitions, definition),
                                                          "properties");

  for (guint n = 0; names[n] != NULL; n++)
    if (!json_object_has_member (properties, names[n]))
      g_error ("%s has no property “%s”", definition, names[n]);
}

static void
test_swagger_names (void)
{
  g_autoptr(JsonObject) cluster = NULL;
  g_autoptr(JsonObject) iam = NULL;
  g_autoptr(JsonObject) privatelink = NULL;
  const char * const paging[] = { "pageSize", "pageToken", NULL };
  const char * const link_paging[] = { "pageSize", "pageToken", "state", NULL };
  const char * const cluster_members[] = { "clusterId", "displayName", "region", "clusterPlan", "state", "labels", NULL };
  const char * const region_members[] = { "name", "regionId", "cloudProvider", "provider", NULL };
  const char * const link_members[] = { "privateLinkConnectionId", "clusterId", "displayName", "type", "state",
                                        "message", "createdBy", "createTime", "awsEndpointService", NULL };
  const char * const service_members[] = { "name", "region", "endpointId", "availabilityZoneIds", NULL };
  const char * const list_links_members[] = { "privateLinkConnections", "nextPageToken", NULL };
  const char * const list_clusters_members[] = { "clusters", "nextPageToken", NULL };
  const char * const list_projects_members[] = { "projects", "nextPageToken", NULL };
  const char * const project_members[] = { "id", "name", "org_id", NULL };
  const char * const zones_members[] = { "accountId", "azIds", NULL };
  const char * const create_members[] = { "privateLinkConnection", NULL };
  const char * const status_members[] = { "code", "message", "details", NULL };

  if (g_getenv ("CAUSEWAY_SPECS") == NULL)
    {
      g_test_skip ("TiDB Cloud's swagger files are absent: CAUSEWAY_SPECS is unset (meson's shared_dir option)");
      return;
    }
  cluster = load_swagger ("cluster.swagger.json");
  iam = load_swagger ("iam.swagger.json");
  privatelink = load_swagger ("privatelink.swagger.json");

  assert_parameters (find_operation (cluster, "/v1beta1/clusters", "get"), paging);
  find_operation (cluster, "/v1beta1/clusters/{clusterId}", "get");
  assert_properties (cluster, "tidb_cloud_open_apiserverlessv1beta1ListClustersResponse", list_clusters_members);
  assert_properties (cluster, "tidb_cloud_open_apiserverlessv1beta1Cluster", cluster_members);
  assert_properties (cluster, "commonv1beta1Region", region_members);
  assert_properties (cluster, "googlerpcStatus", status_members);

  assert_parameters (find_operation (iam, "/v1beta1/projects", "get"), paging);
  assert_properties (iam, "api.ListProjectsRsp", list_projects_members);
  assert_properties (iam, "api.Project", project_members);

  find_operation (privatelink, "/v1beta1/clusters/{clusterId}/privateLinkConnections:getAvailabilityZones", "get");
  assert_parameters (find_operation (privatelink, "/v1beta1/clusters/{clusterId}/privateLinkConnections", "get"),
                     link_paging);
  find_operation (privatelink, "/v1beta1/clusters/{clusterId}/privateLinkConnections", "post");
  find_operation (privatelink, "/v1beta1/clusters/{clusterId}/privateLinkConnections/{privateLinkConnectionId}", "get");
  find_operation (privatelink, "/v1beta1/clusters/{clusterId}/privateLinkConnections/{privateLinkConnectionId}", "delete");
  assert_properties (privatelink, "GetAvailabilityZonesResponse", zones_members);
  assert_properties (privatelink, "ListPrivateLinkConnectionsResponse", list_links_members);
  assert_properties (privatelink, "PrivateLinkConnection", link_members);
  assert_properties (privatelink, "AwsEndpointService", service_members);
  assert_properties (privatelink, "PrivateLinkConnectionService.CreatePrivateLinkConnectionBody", create_members);
  assert_properties (privatelink, "Status", status_members);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tidb-types/parse-object", test_parse_object);
  g_test_add_func ("/tidb-types/parse-page", test_parse_page);
  g_test_add_func ("/tidb-types/cluster", test_cluster);
  g_test_add_func ("/tidb-types/private-link", test_private_link);
  g_test_add_func ("/tidb-types/project-and-zones", test_project_and_zones);
  g_test_add_func ("/tidb-types/status-errors", test_status_errors);
  g_test_add_func ("/tidb-types/swagger-names", test_swagger_names);
  return g_test_run ();
}
