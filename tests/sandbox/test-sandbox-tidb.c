/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-tidb.c: Causeway's TiDB Cloud client against the sandbox, and the link
 * flow across both clouds: create → PENDING_ACCEPTANCE → accept on AWS → ACTIVE. */
#include "config.h"

#include <string.h>

#include "sandbox-test.h"

static void
test_clusters (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) clusters = NULL;
  g_autoptr(CwTidbCluster) essential = NULL;
  g_autoptr(GError) error = NULL;

  cw_tidb_client_list_clusters_async (sb->tidb, NULL, sb_store_result, &result);
  clusters = cw_tidb_client_list_clusters_finish (sb->tidb, sb_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clusters), ==, 2);
  essential = g_list_model_get_item (clusters, 0);
  g_assert_cmpstr (cw_tidb_cluster_get_cluster_id (essential), ==, SB_CLUSTER_ID);
  g_assert_cmpstr (cw_tidb_cluster_get_cluster_plan (essential), ==, "ESSENTIAL");
  g_assert_cmpstr (cw_tidb_cluster_get_aws_region (essential), ==, "us-east-1");
  g_assert_cmpstr (cw_tidb_cluster_get_state (essential), ==, "ACTIVE");
  g_assert_cmpstr (cw_tidb_cluster_get_project_id (essential), ==, "1372813089189561287");
}

static void
test_zones_and_projects (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", NULL);
  g_autoptr(GAsyncResult) zones_result = NULL;
  g_autoptr(GAsyncResult) projects_result = NULL;
  g_autoptr(GAsyncResult) starter_result = NULL;
  g_autoptr(CwTidbAvailabilityZones) zones = NULL;
  g_autoptr(CwTidbAvailabilityZones) none = NULL;
  g_autoptr(GListModel) projects = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected[] = { "use1-az1", "use1-az2", "use1-az4", NULL };

  cw_tidb_client_get_availability_zones_async (sb->tidb, SB_CLUSTER_ID, NULL, sb_store_result, &zones_result);
  zones = cw_tidb_client_get_availability_zones_finish (sb->tidb, sb_wait (&zones_result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_tidb_availability_zones_get_account_id (zones), ==, "380838443567");
  g_assert_true (g_strv_equal (cw_tidb_availability_zones_get_zone_ids (zones), expected));

  /* Private links are for Essential clusters. */
  cw_tidb_client_get_availability_zones_async (sb->tidb, SB_STARTER_ID, NULL, sb_store_result, &starter_result);
  none = cw_tidb_client_get_availability_zones_finish (sb->tidb, sb_wait (&starter_result), &error);
  g_assert_null (none);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  cw_tidb_client_list_projects_async (sb->tidb, NULL, sb_store_result, &projects_result);
  projects = cw_tidb_client_list_projects_finish (sb->tidb, sb_wait (&projects_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 1);
}

static void
test_wrong_key (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", NULL);
  g_autofree char *serverless = g_strconcat (sb->base, "/tidbcloud/serverless", NULL);
  g_autofree char *iam = g_strconcat (sb->base, "/tidbcloud/iam", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwTidbClient) client = cw_tidb_client_new_for_endpoints (CW_SANDBOX_TIDB_PUBLIC_KEY, "not-the-key",
                                                                    serverless, iam, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) clusters = NULL;

  g_assert_no_error (error);
  cw_tidb_client_list_clusters_async (client, NULL, sb_store_result, &result);
  clusters = cw_tidb_client_list_clusters_finish (client, sb_wait (&result), &error);
  g_assert_null (clusters);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_KEY_REJECTED);
}

/* A wrong key is answered 401 with a new challenge each time, as by libsoup's digest. */
static void
test_wrong_key_challenge (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", NULL);
  g_autofree char *url = g_strconcat (sb->base, "/tidbcloud/serverless/v1beta1/clusters", NULL);
  g_autofree char *first = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
      /* The body is read only so that the exchange completes. */
      G_GNUC_UNUSED g_autoptr(GBytes) body = soup_session_send_and_read (sb->session, message, NULL, NULL);
      const char *challenge = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                            "WWW-Authenticate");

      g_assert_cmpuint (soup_message_get_status (message), ==, 401);
      g_assert_true (g_str_has_prefix (challenge, "Digest realm=\"tidb.cloud\""));
      if (first == NULL)
        first = g_strdup (challenge);
      else
        g_assert_cmpstr (first, !=, challenge);
    }
}

static GPtrArray *
pending_endpoints (SbTest     *sb,
                   const char *service_id)
{
  g_autofree char *body = sb_aws_ok (sb, "ec2", "DescribeVpcEndpointConnections",
                                     "Filter.1.Name", "service-id", "Filter.1.Value.1", service_id,
                                     "Filter.2.Name", "vpc-endpoint-state", "Filter.2.Value.1", "pendingAcceptance",
                                     NULL);

  return sb_xml_all (body, "vpcEndpointId");
}

static void
test_link_flow (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *service_id = NULL;
  g_autofree char *service_name = NULL;
  g_autoptr(CwTidbPrivateLink) created = NULL;
  g_autoptr(CwTidbPrivateLink) pending = NULL;
  g_autoptr(CwTidbPrivateLink) active = NULL;
  g_autoptr(GPtrArray) endpoints = NULL;
  g_autofree char *accepted = NULL;
  g_autoptr(GError) error = NULL;

  sb_make_service (sb, "flow-nlb", TRUE, &service_id, &service_name);
  created = sb_tidb_create_link (sb, service_name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_tidb_private_link_get_state (created), ==, "CREATING");
  g_assert_null (cw_tidb_private_link_get_endpoint_id (created));

  cw_sandbox_advance_clock (sb->sandbox, 30);
  pending = sb_tidb_get_link (sb, cw_tidb_private_link_get_link_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_tidb_private_link_get_state (pending), ==, "PENDING_ACCEPTANCE");
  endpoints = pending_endpoints (sb, service_id);
  g_assert_cmpuint (endpoints->len, ==, 1);
  g_assert_cmpstr (endpoints->pdata[0], ==, cw_tidb_private_link_get_endpoint_id (pending));

  accepted = sb_aws_ok (sb, "ec2", "AcceptVpcEndpointConnections", "ServiceId", service_id,
                        "VpcEndpointId.1", cw_tidb_private_link_get_endpoint_id (pending), NULL);
  g_assert_null (sb_xml_get (accepted, "resourceId"));
  cw_sandbox_advance_clock (sb->sandbox, 20);
  active = sb_tidb_get_link (sb, cw_tidb_private_link_get_link_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_tidb_private_link_get_state (active), ==, "ACTIVE");
  g_assert_true (g_strv_contains (cw_tidb_private_link_get_zone_ids (active), "use1-az4"));
}

static void
test_not_allowed (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *service_id = NULL;
  g_autofree char *service_name = NULL;
  g_autoptr(CwTidbPrivateLink) created = NULL;
  g_autoptr(CwTidbPrivateLink) failed = NULL;
  g_autoptr(GError) error = NULL;

  sb_make_service (sb, "closed-nlb", FALSE, &service_id, &service_name);
  created = sb_tidb_create_link (sb, service_name, &error);
  g_assert_no_error (error);
  cw_sandbox_advance_clock (sb->sandbox, 30);
  failed = sb_tidb_get_link (sb, cw_tidb_private_link_get_link_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_tidb_private_link_get_state (failed), ==, "FAILED");
  g_assert_nonnull (strstr (cw_tidb_private_link_get_message (failed), "does not allow the principal " SB_TIDB_PRINCIPAL));
}

static void
test_create_refused (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autoptr(JsonNode) dump = cw_sandbox_dump_inventory (sb->sandbox);
  JsonObject *existing = json_array_get_object_element (sb_dump_array (dump, "tidb", "private_links"), 0);
  g_autoptr(CwTidbPrivateLink) malformed = NULL;
  g_autoptr(CwTidbPrivateLink) again = NULL;
  g_autoptr(GError) error = NULL;

  malformed = sb_tidb_create_link (sb, "com.amazonaws.vpce.us-east-1.not-a-service", &error);
  g_assert_null (malformed);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  again = sb_tidb_create_link (sb, json_object_get_string_member (existing, "service_name"), &error);
  g_assert_null (again);
  g_assert_nonnull (error);
}

static void
test_delete (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autoptr(GListModel) links = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(CwTidbPrivateLink) deleting = NULL;
  g_autoptr(CwTidbPrivateLink) gone = NULL;
  g_autoptr(CwTidbPrivateLink) first = NULL;
  g_autoptr(GError) error = NULL;

  cw_tidb_client_list_private_links_async (sb->tidb, SB_CLUSTER_ID, NULL, NULL, sb_store_result, &listed);
  links = cw_tidb_client_list_private_links_finish (sb->tidb, sb_wait (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 2);
  first = g_list_model_get_item (links, 0);
  cw_tidb_client_delete_private_link_async (sb->tidb, SB_CLUSTER_ID, cw_tidb_private_link_get_link_id (first), NULL,
                                            sb_store_result, &deleted);
  g_assert_true (cw_tidb_client_delete_private_link_finish (sb->tidb, sb_wait (&deleted), &error));
  g_assert_no_error (error);
  deleting = sb_tidb_get_link (sb, cw_tidb_private_link_get_link_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_tidb_private_link_get_state (deleting), ==, "DELETING");
  cw_sandbox_advance_clock (sb->sandbox, 10);
  gone = sb_tidb_get_link (sb, cw_tidb_private_link_get_link_id (first), &error);
  g_assert_null (gone);
  g_assert_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/tidb/clusters", test_clusters);
  g_test_add_func ("/sandbox/tidb/zones-and-projects", test_zones_and_projects);
  g_test_add_func ("/sandbox/tidb/wrong-key", test_wrong_key);
  g_test_add_func ("/sandbox/tidb/wrong-key-challenge", test_wrong_key_challenge);
  g_test_add_func ("/sandbox/tidb/link-flow", test_link_flow);
  g_test_add_func ("/sandbox/tidb/not-allowed", test_not_allowed);
  g_test_add_func ("/sandbox/tidb/create-refused", test_create_refused);
  g_test_add_func ("/sandbox/tidb/delete", test_delete);
  return g_test_run ();
}
