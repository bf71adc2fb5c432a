/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-tidb.c: the simulated TiDB Cloud API (HTTP Digest, JSON, Status errors)
 *
 * Over 800 lines because it is one small REST server: its routing, answers and paging
 * serve clusters, private link connections and projects alike, and the dataflow of
 * cw-sandbox-tidb-changefeeds.c and cw-sandbox-tidb-migrations.c; the world they change
 * is cw-sandbox-model-tidb.c and cw-sandbox-model-dataflow.c. */
#define G_LOG_DOMAIN "cw-sandbox-tidb"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cw-sandbox.h"
#include "cw-sandbox-dump.h"
#include "cw-sandbox-model.h"
#include "cw-sandbox-private.h"
#include "cw-sandbox-tidb-private.h"

#define REALM             "tidb.cloud"
#define DEFAULT_PAGE_SIZE 10
#define MAX_PAGE_SIZE     100

static void
call_free (CwSbTidbCall *call)
{
  g_object_unref (call->message);
  g_free (call->cluster_id);
  g_free (call->item_id);
  g_hash_table_unref (call->query);
  g_free (call);
}

/* ---- answers ---- */

static void
respond_json (SoupServerMessage *message,
              guint              status,
              JsonNode          *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *body;

  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, &length);
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, body, length);
}

static void
respond_builder (SoupServerMessage *message,
                 JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  respond_json (message, 200, root);
}

void
cw_sb_tidb_respond (CwSbTidbCall *call,
                    JsonBuilder  *builder)
{
  respond_builder (call->message, builder);
}

/* What the operations whose answer the swagger leaves empty send: {}. */
void
cw_sb_tidb_respond_empty (CwSbTidbCall *call)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  respond_builder (call->message, builder);
}

/* The serverless API answers errors with google.rpc.Status; the IAM API with its own
 * OpenApiError. */
void
cw_sb_tidb_respond_error (CwSbTidbCall *call,
                          guint         status,
                          int           code,
                          const char   *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (call->api == CW_SB_TIDB_API_IAM)
    {
      g_autofree char *iam_code = g_strdup_printf ("%u%02d", status, code);

      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, iam_code);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "msgPrefix");
      json_builder_add_string_value (builder, "");
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, status);
    }
  else
    {
      json_builder_set_member_name (builder, "code");
      json_builder_add_int_value (builder, code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "details");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  respond_json (call->message, status, root);
}

void
cw_sb_tidb_add_time (JsonBuilder *builder,
                     const char  *name,
                     gint64       wall_usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (wall_usec / G_USEC_PER_SEC);
  g_autofree char *text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");

  cw_sb_json_add_string (builder, name, wall_usec ? text : NULL);
}

void
cw_sb_tidb_add_int (JsonBuilder *builder,
                    const char  *name,
                    gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* An int64 or uint64 of the swagger, which its JSON writes as a string. */
void
cw_sb_tidb_add_int64 (JsonBuilder *builder,
                      const char  *name,
                      gint64       value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  cw_sb_json_add_string (builder, name, text);
}

/* ---- clusters ---- */

static const struct {
  const char *region_id;
  const char *display_name;
} region_names[] = {
  { "aws-us-east-1", "N. Virginia (us-east-1)" },
  { "aws-us-west-2", "Oregon (us-west-2)" },
  { "aws-eu-central-1", "Frankfurt (eu-central-1)" },
};

static const char *
aws_region_of (CwSbTidbCluster *cluster)
{
  return g_str_has_prefix (cluster->region_id, "aws-") ? cluster->region_id + strlen ("aws-") : NULL;
}

static void
add_region (JsonBuilder     *builder,
            CwSbTidbCluster *cluster)
{
  g_autofree char *name = g_strconcat ("regions/", cluster->region_id, NULL);
  const char *display_name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (region_names); i++)
    if (g_str_equal (region_names[i].region_id, cluster->region_id))
      display_name = region_names[i].display_name;
  json_builder_set_member_name (builder, "region");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "name", name);
  cw_sb_json_add_string (builder, "regionId", cluster->region_id);
  cw_sb_json_add_string (builder, "cloudProvider", "aws");
  cw_sb_json_add_string (builder, "displayName", display_name);
  json_builder_end_object (builder);
}

static void
add_endpoints (JsonBuilder     *builder,
               CwSbTidbCluster *cluster)
{
  g_autofree char *public_host = g_strdup_printf ("gateway01.%s.prod.aws.tidbcloud.com", aws_region_of (cluster));
  g_autofree char *private_host = g_strdup_printf ("gateway01-privatelink.%s.prod.aws.tidbcloud.com",
                                                   aws_region_of (cluster));
  g_autofree char *service = g_strdup_printf ("com.amazonaws.vpce.%s.vpce-svc-0d1b2c3a4e5f60718",
                                              aws_region_of (cluster));

  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "public");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "host", public_host);
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, 4000);
  json_builder_set_member_name (builder, "disabled");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "private");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "host", private_host);
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, 4000);
  json_builder_set_member_name (builder, "aws");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "serviceName", service);
  cw_sb_json_add_strings (builder, "availabilityZone", cluster->zone_ids);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_cluster (JsonBuilder     *builder,
             CwSbTidbCluster *cluster)
{
  g_autofree char *name = g_strconcat ("clusters/", cluster->base.id, NULL);
  gboolean essential = g_str_equal (cluster->plan, "ESSENTIAL");

  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "name", name);
  cw_sb_json_add_string (builder, "clusterId", cluster->base.id);
  cw_sb_json_add_string (builder, "displayName", cluster->display_name);
  add_region (builder, cluster);
  add_endpoints (builder, cluster);
  cw_sb_json_add_string (builder, "version", "v7.5.6");
  cw_sb_json_add_string (builder, "createdBy", "owner@example.com");
  cw_sb_json_add_string (builder, "userPrefix", cluster->user_prefix);
  cw_sb_json_add_string (builder, "state", cluster->state);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "tidb.cloud/organization", "1372813089454525346");
  cw_sb_json_add_string (builder, "tidb.cloud/project", cluster->project_id);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "tidb.cloud/has-set-password", "true");
  json_builder_end_object (builder);
  cw_sb_tidb_add_time (builder, "createTime", cluster->base.created);
  cw_sb_tidb_add_time (builder, "updateTime", cluster->base.created);
  cw_sb_json_add_string (builder, "clusterPlan", cluster->plan);
  cw_sb_json_add_string (builder, "highAvailabilityType", essential ? "REGIONAL" : "ZONAL");
  json_builder_end_object (builder);
}

/* ---- paging ---- */

gboolean
cw_sb_tidb_read_page (CwSbTidbCall  *call,
                      GPtrArray     *items,
                      gboolean       descending,
                      char         **next_token)
{
  const char *size_text = g_hash_table_lookup (call->query, "pageSize");
  const char *token = g_hash_table_lookup (call->query, "pageToken");
  gint64 size = DEFAULT_PAGE_SIZE;
  guint64 serial = 0;
  guint first = 0;
  char *end = NULL;

  *next_token = NULL;
  if (size_text != NULL)
    size = g_ascii_strtoll (size_text, &end, 10);
  if (size_text != NULL && (*end != '\0' || size < 1 || size > MAX_PAGE_SIZE))
    {
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_INVALID_ARGUMENT, "pageSize must be between 1 and 100");
      return FALSE;
    }
  if (token != NULL && *token != '\0' && !cw_sb_page_token_parse (token, &serial))
    {
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_INVALID_ARGUMENT, "invalid page token");
      return FALSE;
    }
  while (first < items->len && serial != 0 &&
         (descending ? ((CwSbResource *) items->pdata[first])->serial > serial
                     : ((CwSbResource *) items->pdata[first])->serial < serial))
    first++;
  g_ptr_array_remove_range (items, 0, first);
  if (items->len > (guint) size)
    {
      *next_token = cw_sb_page_token_new (((CwSbResource *) items->pdata[size])->serial);
      g_ptr_array_set_size (items, size);
    }
  return TRUE;
}

GPtrArray *
cw_sb_tidb_visible (CwSandboxWorld *world,
                    CwSbKind        kind)
{
  GPtrArray *all = cw_sandbox_world_list (world, kind);
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (!cw_sandbox_world_hides (world, all->pdata[i]))
      g_ptr_array_add (items, all->pdata[i]);
  return items;
}

void
cw_sb_tidb_end_page (JsonBuilder *builder,
                     const char  *next_token,
                     guint        total)
{
  cw_sb_json_add_string (builder, "nextPageToken", next_token ? next_token : "");
  json_builder_set_member_name (builder, "totalSize");
  json_builder_add_int_value (builder, total);
  json_builder_end_object (builder);
}

static void
list_clusters (CwSbTidbCall *call)
{
  CwSandboxWorld *world = call->services->world;
  g_autoptr(GPtrArray) items = cw_sb_tidb_visible (world, CW_SB_TIDB_CLUSTER);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *next_token = NULL;
  guint total = items->len;

  if (!cw_sb_tidb_read_page (call, items, FALSE, &next_token))
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "clusters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    add_cluster (builder, items->pdata[i]);
  json_builder_end_array (builder);
  cw_sb_tidb_end_page (builder, next_token, total);
  respond_builder (call->message, builder);
}

CwSbTidbCluster *
cw_sb_tidb_find_cluster (CwSbTidbCall *call,
                         gboolean      for_private_links)
{
  CwSbTidbCluster *cluster = cw_sandbox_world_find (call->services->world, CW_SB_TIDB_CLUSTER, call->cluster_id);
  g_autofree char *message = NULL;

  if (cluster == NULL)
    {
      message = g_strdup_printf ("cluster %s not found", call->cluster_id);
      cw_sb_tidb_respond_error (call, 404, CW_SB_CODE_NOT_FOUND, message);
      return NULL;
    }
  if (for_private_links && !g_str_equal (cluster->plan, "ESSENTIAL"))
    {
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_FAILED_PRECONDITION,
                     "private link connections are only supported on TiDB Cloud Essential clusters");
      return NULL;
    }
  return cluster;
}

static void
get_cluster (CwSbTidbCall *call)
{
  CwSbTidbCluster *cluster = cw_sb_tidb_find_cluster (call, FALSE);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (cluster == NULL)
    return;
  add_cluster (builder, cluster);
  respond_builder (call->message, builder);
}

static void
get_availability_zones (CwSbTidbCall *call)
{
  CwSbTidbCluster *cluster = cw_sb_tidb_find_cluster (call, TRUE);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (cluster == NULL)
    return;
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "accountId", cluster->account_id);
  cw_sb_json_add_strings (builder, "azIds", cluster->zone_ids);
  json_builder_end_object (builder);
  respond_builder (call->message, builder);
}

/* ---- private link connections ---- */

static void
add_link (JsonBuilder  *builder,
          CwSbTidbLink *link,
          gboolean      detailed)
{
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "privateLinkConnectionId", link->base.id);
  cw_sb_json_add_string (builder, "clusterId", link->cluster_id);
  cw_sb_json_add_string (builder, "displayName", link->display_name);
  cw_sb_json_add_string (builder, "state", link->state);
  if (link->message != NULL)
    cw_sb_json_add_string (builder, "message", link->message);
  cw_sb_json_add_string (builder, "createdBy", link->created_by);
  cw_sb_tidb_add_time (builder, "createTime", link->base.created);
  cw_sb_tidb_add_time (builder, "updateTime", link->updated);
  cw_sb_json_add_string (builder, "type", "AWS_ENDPOINT_SERVICE");
  if (detailed)
    {
      json_builder_set_member_name (builder, "attachedDomains");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "awsEndpointService");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "name", link->service_name);
  cw_sb_json_add_string (builder, "region", link->service_region);
  if (link->endpoint_id != NULL)
    cw_sb_json_add_string (builder, "endpointId", link->endpoint_id);
  if (link->zone_ids != NULL)
    cw_sb_json_add_strings (builder, "availabilityZoneIds", link->zone_ids);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
respond_link (CwSbTidbCall *call,
              CwSbTidbLink *link,
              gboolean      detailed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add_link (builder, link, detailed);
  respond_builder (call->message, builder);
}

static void
list_private_links (CwSbTidbCall *call)
{
  static const char * const states[] = { "CREATING", "ACTIVE", "FAILED", "PENDING_ACCEPTANCE", "DELETING", NULL };
  CwSbTidbCluster *cluster = cw_sb_tidb_find_cluster (call, TRUE);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *state = g_hash_table_lookup (call->query, "state");
  g_autofree char *next_token = NULL;
  guint total;

  if (cluster == NULL)
    return;
  if (state != NULL && !g_strv_contains (states, state))
    {
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_INVALID_ARGUMENT, "invalid value for state");
      return;
    }
  items = cw_sb_tidb_visible (call->services->world, CW_SB_TIDB_LINK);
  for (guint i = items->len; i > 0; i--)
    {
      CwSbTidbLink *link = items->pdata[i - 1];

      if (!g_str_equal (link->cluster_id, cluster->base.id) || (state != NULL && !g_str_equal (link->state, state)))
        g_ptr_array_remove_index (items, i - 1);
    }
  total = items->len;
  if (!cw_sb_tidb_read_page (call, items, FALSE, &next_token))
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "privateLinkConnections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    add_link (builder, items->pdata[i], FALSE);
  json_builder_end_array (builder);
  cw_sb_tidb_end_page (builder, next_token, total);
  respond_builder (call->message, builder);
}

gpointer
cw_sb_tidb_find_item (CwSbTidbCall *call,
                      CwSbKind      kind,
                      const char   *what,
                      gsize         cluster_id_offset)
{
  CwSbResource *item = cw_sandbox_world_find (call->services->world, kind, call->item_id);
  g_autofree char *message = NULL;

  if (item != NULL && g_str_equal (G_STRUCT_MEMBER (char *, item, cluster_id_offset), call->cluster_id))
    return item;
  message = g_strdup_printf ("%s %s not found", what, call->item_id);
  cw_sb_tidb_respond_error (call, 404, CW_SB_CODE_NOT_FOUND, message);
  return NULL;
}

static CwSbTidbLink *
find_link (CwSbTidbCall *call)
{
  return cw_sb_tidb_find_item (call, CW_SB_TIDB_LINK, "private link connection",
                               G_STRUCT_OFFSET (CwSbTidbLink, cluster_id));
}

static void
get_private_link (CwSbTidbCall *call)
{
  CwSbTidbLink *link = cw_sb_tidb_find_cluster (call, TRUE) ? find_link (call) : NULL;

  if (link != NULL)
    respond_link (call, link, TRUE);
}

static void
delete_private_link (CwSbTidbCall *call)
{
  CwSbTidbLink *link = cw_sb_tidb_find_cluster (call, TRUE) ? find_link (call) : NULL;

  if (link == NULL)
    return;
  if (!g_str_equal (link->state, "DELETING"))
    cw_sb_model_delete_tidb_link (call->services->world, link);
  respond_link (call, link, FALSE);
}

static gboolean
service_name_is_valid (const char *name)
{
  return name != NULL &&
         g_regex_match_simple ("^com\\.amazonaws\\.vpce\\.[a-z0-9-]+\\.vpce-svc-[0-9a-f]{17}$", name, 0, 0);
}

static CwSbTidbLink *
link_to_service (CwSandboxWorld  *world,
                 CwSbTidbCluster *cluster,
                 const char      *service_name)
{
  GPtrArray *links = cw_sandbox_world_list (world, CW_SB_TIDB_LINK);

  for (guint i = 0; i < links->len; i++)
    {
      CwSbTidbLink *link = links->pdata[i];

      if (g_str_equal (link->cluster_id, cluster->base.id) && g_str_equal (link->service_name, service_name) &&
          !g_str_equal (link->state, "FAILED") && !g_str_equal (link->state, "DELETING"))
        return link;
    }
  return NULL;
}

static JsonObject *
read_connection_body (CwSbTidbCall *call)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (call->message));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonNode *connection;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  connection = json_object_get_member (json_node_get_object (root), "privateLinkConnection");
  return connection && JSON_NODE_HOLDS_OBJECT (connection) ? json_object_ref (json_node_get_object (connection)) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* Checks what the swagger requires, then what TiDB Cloud would refuse. */
static const char *
invalid_connection (CwSbTidbCluster *cluster,
                    JsonObject      *connection,
                    JsonObject      *service)
{
  const char *display_name = member_string (connection, "displayName");
  const char *cluster_id = member_string (connection, "clusterId");

  if (display_name == NULL || *display_name == '\0' || g_utf8_strlen (display_name, -1) > 64)
    return "displayName is required and must be at most 64 characters";
  if (cluster_id != NULL && !g_str_equal (cluster_id, cluster->base.id))
    return "clusterId does not match the cluster of the request";
  if (g_strcmp0 (member_string (connection, "type"), "AWS_ENDPOINT_SERVICE") != 0)
    return "type must be AWS_ENDPOINT_SERVICE for a cluster on AWS";
  if (!service_name_is_valid (member_string (service, "name")))
    return "awsEndpointService.name must be an endpoint service name, com.amazonaws.vpce.<region>.vpce-svc-…";
  return NULL;
}

static void
create_private_link (CwSbTidbCall *call)
{
  CwSbTidbCluster *cluster = cw_sb_tidb_find_cluster (call, TRUE);
  g_autoptr(JsonObject) connection = cluster ? read_connection_body (call) : NULL;
  JsonNode *service_node = connection ? json_object_get_member (connection, "awsEndpointService") : NULL;
  JsonObject *service = service_node && JSON_NODE_HOLDS_OBJECT (service_node) ? json_node_get_object (service_node) : NULL;
  g_autofree char *created_by = g_strconcat ("apikey-", call->services->tidb_public_key, NULL);
  const char *problem;
  CwSbTidbLink *link;

  if (cluster == NULL)
    return;
  if (connection == NULL)
    {
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_INVALID_ARGUMENT, "the body must hold a privateLinkConnection object");
      return;
    }
  problem = invalid_connection (cluster, connection, service);
  if (problem != NULL)
    {
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_INVALID_ARGUMENT, problem);
      return;
    }
  if (link_to_service (call->services->world, cluster, member_string (service, "name")) != NULL)
    {
      cw_sb_tidb_respond_error (call, 409, CW_SB_CODE_ALREADY_EXISTS,
                     "a private link connection to this endpoint service already exists on the cluster");
      return;
    }
  link = cw_sb_model_add_tidb_link (call->services->world, cluster, member_string (connection, "displayName"),
                                    member_string (service, "name"),
                                    member_string (service, "region") ?: aws_region_of (cluster), created_by);
  link->base.lag_reads = call->decision.lag_reads;
  respond_link (call, link, FALSE);
}

/* ---- projects (IAM) ---- */

static void
list_projects (CwSbTidbCall *call)
{
  CwSandboxWorld *world = call->services->world;
  g_autoptr(GPtrArray) items = cw_sb_tidb_visible (world, CW_SB_TIDB_PROJECT);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *next_token = NULL;
  GPtrArray *clusters = cw_sandbox_world_list (world, CW_SB_TIDB_CLUSTER);

  if (!cw_sb_tidb_read_page (call, items, FALSE, &next_token))
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "projects");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      CwSbTidbProject *project = items->pdata[i];
      g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, project->base.created / G_USEC_PER_SEC);
      guint n_clusters = 0;

      for (guint c = 0; c < clusters->len; c++)
        n_clusters += g_str_equal (((CwSbTidbCluster *) clusters->pdata[c])->project_id, project->base.id);
      json_builder_begin_object (builder);
      cw_sb_json_add_string (builder, "id", project->base.id);
      cw_sb_json_add_string (builder, "org_id", project->org_id);
      cw_sb_json_add_string (builder, "name", project->name);
      json_builder_set_member_name (builder, "cluster_count");
      json_builder_add_int_value (builder, n_clusters);
      json_builder_set_member_name (builder, "user_count");
      json_builder_add_int_value (builder, 1);
      cw_sb_json_add_string (builder, "create_timestamp", created);
      json_builder_set_member_name (builder, "aws_cmek_enabled");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  cw_sb_json_add_string (builder, "nextPageToken", next_token ? next_token : "");
  json_builder_end_object (builder);
  respond_builder (call->message, builder);
}

/* ---- routing ---- */

static gboolean
answer (gpointer data)
{
  CwSbTidbCall *call = data;

  switch (call->decision.action)
    {
    case CW_SB_FAULT_DROP:
      return cw_sb_drop_connection (call->message);
    case CW_SB_FAULT_THROTTLE:
      cw_sb_tidb_respond_error (call, 429, CW_SB_CODE_RESOURCE_EXHAUSTED, "Too Many Requests: rate limit exceeded");
      break;
    case CW_SB_FAULT_SERVER_ERROR:
      cw_sb_tidb_respond_error (call, call->decision.status, call->decision.status == 500 ? CW_SB_CODE_INTERNAL : CW_SB_CODE_UNAVAILABLE,
                     call->decision.status == 500 ? "internal error" : "service unavailable, try again later");
      break;
    case CW_SB_FAULT_NONE:
    default:
      cw_sandbox_world_lock (call->services->world);
      call->run (call);
      cw_sandbox_world_unlock (call->services->world);
      break;
    }
  return TRUE;
}

static const struct {
  CwSbTidbApi         api;
  const char *pattern;     /* "*" is one path segment: the cluster id, then the link id */
  const char *method;
  const char *name;
  CwSbTidbOperation   run;
} routes[] = {
  { CW_SB_TIDB_API_IAM, "projects", "GET", "ListProjects", list_projects },
  { CW_SB_TIDB_API_SERVERLESS, "clusters", "GET", "ListClusters", list_clusters },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*", "GET", "GetCluster", get_cluster },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/privateLinkConnections:getAvailabilityZones", "GET", "GetAvailabilityZones",
    get_availability_zones },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/privateLinkConnections", "GET", "ListPrivateLinkConnections", list_private_links },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/privateLinkConnections", "POST", "CreatePrivateLinkConnection", create_private_link },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/privateLinkConnections/*", "GET", "GetPrivateLinkConnection", get_private_link },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/privateLinkConnections/*", "DELETE", "DeletePrivateLinkConnection",
    delete_private_link },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/changefeeds", "GET", "ListChangefeeds", cw_sb_tidb_list_changefeeds },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/changefeeds", "POST", "CreateChangefeed", cw_sb_tidb_create_changefeed },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/changefeeds:test", "POST", "TestChangefeed", cw_sb_tidb_test_changefeed },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/changefeeds/*", "GET", "GetChangefeed", cw_sb_tidb_get_changefeed },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/changefeeds/*", "DELETE", "DeleteChangefeed", cw_sb_tidb_delete_changefeed },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/changefeeds/*:start", "POST", "StartChangefeed", cw_sb_tidb_start_changefeed },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/changefeeds/*:stop", "POST", "StopChangefeed", cw_sb_tidb_stop_changefeed },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/migrationPrechecks", "POST", "Precheck", cw_sb_tidb_create_precheck },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/migrationPrechecks/*", "GET", "GetPrecheck", cw_sb_tidb_get_precheck },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/migrationPrechecks/*", "DELETE", "CancelPrecheck", cw_sb_tidb_cancel_precheck },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/migrations", "GET", "ListMigrations", cw_sb_tidb_list_migrations },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/migrations", "POST", "CreateMigration", cw_sb_tidb_create_migration },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/migrations/*", "GET", "GetMigration", cw_sb_tidb_get_migration },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/migrations/*", "DELETE", "DeleteMigration", cw_sb_tidb_delete_migration },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/migrations/*:pause", "POST", "PauseMigration", cw_sb_tidb_pause_migration },
  { CW_SB_TIDB_API_SERVERLESS, "clusters/*/migrations/*:resume", "POST", "ResumeMigration", cw_sb_tidb_resume_migration },
};

/* An id of a path segment: "*" is a whole segment, "*:verb" one ending in :verb (a
 * custom method); ids hold no colon. */
static char *
match_id (const char *expected,
          const char *part)
{
  const char *verb = expected + 1;
  gsize length = strlen (part) - strlen (verb);

  if (strlen (part) <= strlen (verb) || !g_str_has_suffix (part, verb) || memchr (part, ':', length) != NULL)
    return NULL;
  return g_strndup (part, length);
}

/* Fills in the path's ids when @parts (unescaped) has the pattern's shape. */
static gboolean
matches (CwSbTidbCall  *call,
         const char    *pattern,
         char         **parts)
{
  g_auto(GStrv) expected = g_strsplit (pattern, "/", -1);
  char *ids[2] = { NULL, NULL };
  guint n_ids = 0;
  gboolean same = g_strv_length (expected) == g_strv_length (parts);

  for (guint i = 0; same && expected[i] != NULL; i++)
    {
      if (expected[i][0] == '*' && n_ids < G_N_ELEMENTS (ids))
        same = (ids[n_ids++] = match_id (expected[i], parts[i])) != NULL;
      else
        same = g_str_equal (expected[i], parts[i]);
    }
  if (same)
    {
      g_free (call->cluster_id);
      g_free (call->item_id);
      call->cluster_id = g_steal_pointer (&ids[0]);
      call->item_id = g_steal_pointer (&ids[1]);
    }
  g_free (ids[0]);
  g_free (ids[1]);
  return same;
}

/* Sets the operation; a known path asked with another method keeps only its name. */
static void
route (CwSbTidbCall  *call,
       const char    *method,
       char         **parts)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (routes[i].api != call->api || !matches (call, routes[i].pattern, parts))
        continue;
      call->name = routes[i].name;
      if (g_str_equal (routes[i].method, method))
        {
          call->run = routes[i].run;
          return;
        }
    }
}

static void
serve (CwSbServices      *services,
       SoupServerMessage *message,
       const char        *prefix,
       CwSbTidbApi                api)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (message)) + strlen (prefix);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (message));
  g_auto(GStrv) parts = NULL;
  CwSbTidbCall *call = g_new0 (CwSbTidbCall, 1);

  call->services = services;
  call->message = g_object_ref (message);
  call->api = api;
  call->query = raw_query ? soup_form_decode (raw_query) : g_hash_table_new (g_str_hash, g_str_equal);
  if (g_str_has_prefix (path, "/v1beta1/"))
    {
      parts = g_strsplit (path + strlen ("/v1beta1/"), "/", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *unescaped = g_uri_unescape_string (parts[i], NULL);

          g_free (parts[i]);
          parts[i] = unescaped ? unescaped : g_strdup ("");
        }
      route (call, soup_server_message_get_method (message), parts);
    }
  if (call->name == NULL || call->run == NULL)
    {
      if (call->name == NULL)
        cw_sb_tidb_respond_error (call, 404, CW_SB_CODE_NOT_FOUND, "Not Found");
      else
        cw_sb_tidb_respond_error (call, 405, CW_SB_CODE_UNIMPLEMENTED, "Method Not Allowed");
      call_free (call);
      return;
    }
  cw_sandbox_world_lock (services->world);
  cw_sandbox_world_count_request (services->world, "tidb", call->name);
  cw_sandbox_world_unlock (services->world);
  call->decision = cw_sandbox_faults_decide (services->faults, "tidb", call->name);
  cw_sb_respond (services, message, call->decision.delay_ms, answer, call, (GDestroyNotify) call_free);
}

static void
serve_serverless (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  serve (user_data, message, CW_SB_TIDB_SERVERLESS_PATH, CW_SB_TIDB_API_SERVERLESS);
}

static void
serve_iam (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  serve (user_data, message, CW_SB_TIDB_IAM_PATH, CW_SB_TIDB_API_IAM);
}

/* The API key's public half is the user name, the private half the password. */
static char *
digest_password (SoupAuthDomain    *domain,
                 SoupServerMessage *message,
                 const char        *username,
                 gpointer           user_data)
{
  CwSbServices *services = user_data;

  if (g_strcmp0 (username, services->tidb_public_key) != 0)
    return NULL;
  return soup_auth_domain_digest_encode_password (username, REALM, services->tidb_private_key);
}

void
cw_sb_tidb_install (CwSbServices *services,
                    SoupServer   *server)
{
  g_autoptr(SoupAuthDomain) domain = soup_auth_domain_digest_new ("realm", REALM, NULL);

  soup_auth_domain_add_path (domain, CW_SB_TIDB_SERVERLESS_PATH);
  soup_auth_domain_add_path (domain, CW_SB_TIDB_IAM_PATH);
  soup_auth_domain_digest_set_auth_callback (domain, digest_password, services, NULL);
  soup_server_add_auth_domain (server, domain);
  soup_server_add_handler (server, CW_SB_TIDB_SERVERLESS_PATH, serve_serverless, services, NULL);
  soup_server_add_handler (server, CW_SB_TIDB_IAM_PATH, serve_iam, services, NULL);
}
