/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the zone IDs of the databases' VPCs, loaded for the Database step's verdicts
 * before a database is chosen, against the sandbox's default scenario: orders-mysql's VPC
 * shares zones with TiDB Cloud, legacy-mysql's shares none. */
#include "config.h"

#include "cw-checks.h"
#include "cw-plan-loaders.h"
#include "cw-sandbox.h"

#define CLUSTER_ID "10289034792938145678"

typedef struct {
  CwSandbox *sandbox;
  CwClouds  *clouds;
  CwAwsClient *aws;   /* the clouds' */
} Fixture;

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CwAwsCredentials) credentials = NULL;
  g_autoptr(CwTidbClient) tidb = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(GError) error = NULL;
  CwSandboxOptions options;

  cw_sandbox_options_init (&options);
  options.time_scale = 0.01;
  options.seed = 7;
  fixture->sandbox = cw_sandbox_new (&options);
  g_assert_true (cw_sandbox_start (fixture->sandbox, &error));
  g_assert_no_error (error);
  cw_sandbox_apply_to_process_environment (fixture->sandbox);
  endpoint = g_strdup_printf ("http://127.0.0.1:%u/", cw_sandbox_get_port (fixture->sandbox));
  g_setenv ("AWS_ENDPOINT_URL", endpoint, TRUE);
  cw_sandbox_install_resolver (fixture->sandbox);
  credentials = cw_aws_credentials_new (CW_SANDBOX_ACCESS_KEY_ID,
                                        cw_sandbox_get_secret_access_key (fixture->sandbox), NULL);
  tidb = cw_tidb_client_new (CW_SANDBOX_TIDB_PUBLIC_KEY, cw_sandbox_get_tidb_private_key (fixture->sandbox), &error);
  g_assert_no_error (error);
  fixture->clouds = cw_clouds_new (credentials, tidb);
  cw_clouds_set_time_scale (fixture->clouds, options.time_scale);
  fixture->aws = cw_clouds_get_aws (fixture->clouds, CW_SANDBOX_REGION);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->clouds);
  cw_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
}

/* How many requests of "service.Operation" the sandbox has answered. */
static gint64
requests_of (Fixture    *fixture,
             const char *operation)
{
  g_autoptr(JsonNode) dump = cw_sandbox_dump_inventory (fixture->sandbox);
  JsonObject *requests = json_object_get_object_member (json_node_get_object (dump), "requests");

  return json_object_get_int_member_with_default (requests, operation, 0);
}

static GListModel *
load_databases (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *databases;

  cw_load_databases_async (fixture->aws, NULL, store_result, &result);
  databases = cw_load_databases_finish (fixture->aws, wait_for (&result), &error);
  g_assert_no_error (error);
  return databases;
}

static CwTidbAvailabilityZones *
load_tidb_zones (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CwTidbAvailabilityZones *zones;

  cw_tidb_client_get_availability_zones_async (cw_clouds_get_tidb (fixture->clouds), CLUSTER_ID, NULL,
                                               store_result, &result);
  zones = cw_tidb_client_get_availability_zones_finish (cw_clouds_get_tidb (fixture->clouds), wait_for (&result),
                                                        &error);
  g_assert_no_error (error);
  return zones;
}

/* Each VPC once, as the Database step asks. */
static GStrv
vpc_ids_of (GListModel *databases)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (databases); i++)
    {
      g_autoptr(CwDatabase) database = g_list_model_get_item (databases, i);
      const char *vpc_id = cw_database_get_vpc_id (database);

      if (vpc_id != NULL && g_hash_table_add (seen, (gpointer) vpc_id))
        g_strv_builder_add (builder, vpc_id);
    }
  return g_strv_builder_end (builder);
}

static GHashTable *
load_vpc_zone_ids (Fixture            *fixture,
                   const char * const *vpc_ids,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_load_vpc_zone_ids_async (fixture->aws, vpc_ids, cancellable, store_result, &result);
  return cw_load_vpc_zone_ids_finish (fixture->aws, wait_for (&result), error);
}

static CwCheck *
verdict_of (GListModel              *databases,
            GHashTable              *vpc_zone_ids,
            CwTidbAvailabilityZones *tidb_zones,
            const char              *id)
{
  g_autoptr(CwDatabase) database = cw_find_database (databases, id);

  g_assert_nonnull (database);
  return cw_vpc_zone_overlap (g_hash_table_lookup (vpc_zone_ids, cw_database_get_vpc_id (database)),
                              cw_tidb_availability_zones_get_zone_ids (tidb_zones));
}

/* A whole plan for @database_id, as the wizard builds it once the database is chosen. */
static CwCheck *
plan_zone_check (Fixture    *fixture,
                 const char *database_id)
{
  g_autoptr(CwLinkPlan) plan = cw_link_plan_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *checks;

  cw_link_plan_load_async (plan, fixture->clouds, CLUSTER_ID, database_id, NULL, NULL, store_result, &result);
  g_assert_true (cw_link_plan_load_finish (plan, wait_for (&result), &error));
  g_assert_no_error (error);
  checks = cw_link_plan_get_checks (plan);
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(CwCheck) check = g_list_model_get_item (checks, i);

      if (g_str_equal (cw_check_get_id (check), "zone-overlap"))
        return g_steal_pointer (&check);
    }
  g_error ("the plan for %s has no zone-overlap check", database_id);
}

static void
test_one_request_for_every_vpc (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GListModel) databases = load_databases (fixture);
  g_autoptr(CwTidbAvailabilityZones) tidb_zones = load_tidb_zones (fixture);
  g_auto(GStrv) vpc_ids = vpc_ids_of (databases);
  gint64 before = requests_of (fixture, "ec2.DescribeSubnets");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) vpc_zone_ids = load_vpc_zone_ids (fixture, (const char * const *) vpc_ids, NULL, &error);
  g_autoptr(CwCheck) fits = NULL;
  g_autoptr(CwCheck) refused = NULL;
  g_autoptr(CwCheck) planned = NULL;

  g_assert_no_error (error);
  /* The scenario's databases live in two VPCs: one request asks for both. */
  g_assert_cmpuint (g_strv_length (vpc_ids), ==, 2);
  g_assert_cmpint (requests_of (fixture, "ec2.DescribeSubnets") - before, ==, 1);
  g_assert_cmpuint (g_hash_table_size (vpc_zone_ids), ==, 2);

  fits = verdict_of (databases, vpc_zone_ids, tidb_zones, "orders-mysql");
  g_assert_cmpint (cw_check_get_level (fits), ==, CW_CHECK_OK);
  refused = verdict_of (databases, vpc_zone_ids, tidb_zones, "legacy-mysql");
  g_assert_cmpint (cw_check_get_level (refused), ==, CW_CHECK_ERROR);

  /* Chosen, the database gets the same verdict from the plan: one rule for both. */
  planned = plan_zone_check (fixture, "legacy-mysql");
  g_assert_cmpint (cw_check_get_level (planned), ==, CW_CHECK_ERROR);
  g_assert_cmpstr (cw_check_get_message (planned), ==, cw_check_get_message (refused));
  g_assert_cmpstr (cw_check_get_fix (planned), ==, cw_check_get_fix (refused));
}

static void
test_no_vpc_no_request (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *none[] = { NULL };
  gint64 before = requests_of (fixture, "ec2.DescribeSubnets");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) vpc_zone_ids = load_vpc_zone_ids (fixture, none, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (vpc_zone_ids), ==, 0);
  g_assert_cmpint (requests_of (fixture, "ec2.DescribeSubnets"), ==, before);
}

/* A VPC without subnets is a verdict (no overlap), not a missing answer. */
static void
test_unknown_vpc_has_no_zones (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *vpc_ids[] = { "vpc-0000000000000000f", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) vpc_zone_ids = load_vpc_zone_ids (fixture, vpc_ids, NULL, &error);
  const char * const *zone_ids;

  g_assert_no_error (error);
  g_assert_true (g_hash_table_lookup_extended (vpc_zone_ids, vpc_ids[0], NULL, (gpointer *) &zone_ids));
  g_assert_nonnull (zone_ids);
  g_assert_null (zone_ids[0]);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GListModel) databases = load_databases (fixture);
  g_auto(GStrv) vpc_ids = vpc_ids_of (databases);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) vpc_zone_ids = NULL;

  g_cancellable_cancel (cancellable);
  vpc_zone_ids = load_vpc_zone_ids (fixture, (const char * const *) vpc_ids, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (vpc_zone_ids);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/plan-loaders/vpc-zones/one-request", Fixture, NULL, fixture_set_up,
              test_one_request_for_every_vpc, fixture_tear_down);
  g_test_add ("/plan-loaders/vpc-zones/no-vpc", Fixture, NULL, fixture_set_up, test_no_vpc_no_request,
              fixture_tear_down);
  g_test_add ("/plan-loaders/vpc-zones/unknown-vpc", Fixture, NULL, fixture_set_up, test_unknown_vpc_has_no_zones,
              fixture_tear_down);
  g_test_add ("/plan-loaders/vpc-zones/cancelled", Fixture, NULL, fixture_set_up, test_cancelled, fixture_tear_down);
  return g_test_run ();
}
