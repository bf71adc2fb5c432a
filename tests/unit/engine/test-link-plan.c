/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the link plan and its checks (DESIGN.md §1.1, §4.1). */
#include "config.h"

#include <string.h>

#include "cw-checks.h"
#include "cw-link-plan.h"

/* TiDB Cloud's endpoint is in use1-az1, use1-az2 and use1-az4 (make_tidb_zones). The
 * account's zone names map to other IDs than their letters suggest, as in real AWS: only
 * code that compares IDs gets these tests right. */
static GHashTable *
zone_map (void)
{
  GHashTable *map = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (map, "us-east-1a", "use1-az4");
  g_hash_table_insert (map, "us-east-1b", "use1-az6");
  g_hash_table_insert (map, "us-east-1c", "use1-az1");
  g_hash_table_insert (map, "us-east-1d", "use1-az2");
  g_hash_table_insert (map, "us-east-1e", "use1-az3");
  g_hash_table_insert (map, "us-east-1f", "use1-az5");
  return map;
}

static JsonObject *
json_object_from (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static CwTidbCluster *
make_cluster (const char *region_id, const char *plan, const char *state)
{
  g_autofree char *text = g_strdup_printf (
    "{\"name\":\"clusters/10001\",\"clusterId\":\"10001\",\"displayName\":\"prod\","
    "\"region\":{\"name\":\"regions/%s\",\"regionId\":\"%s\",\"cloudProvider\":\"aws\",\"displayName\":\"x\"},"
    "\"state\":\"%s\",\"clusterPlan\":\"%s\"}", region_id, region_id, state, plan);
  g_autoptr(JsonObject) object = json_object_from (text);
  g_autoptr(GError) error = NULL;
  CwTidbCluster *cluster = cw_tidb_cluster_new_from_json (object, &error);

  g_assert_no_error (error);
  return cluster;
}

static CwTidbAvailabilityZones *
make_tidb_zones (void)
{
  g_autoptr(JsonObject) object =
    json_object_from ("{\"accountId\":\"123456789012\",\"azIds\":[\"use1-az1\",\"use1-az2\",\"use1-az4\"]}");
  g_autoptr(GError) error = NULL;
  CwTidbAvailabilityZones *zones = cw_tidb_availability_zones_new_from_json (object, &error);

  g_assert_no_error (error);
  return zones;
}

static CwRdsDbInstance *
make_instance (const char *id,
               const char *engine,
               const char *zone,
               const char *standby_zone)
{
  CwRdsDbInstance *instance = cw_aws_record_new (&cw_rds_db_instance_record_type);
  const char *groups[] = { "sg-0db", NULL };

  instance->db_instance_identifier = g_strdup (id);
  instance->engine = g_strdup (engine);
  instance->engine_version = g_strdup ("8.0.35");
  instance->status = g_strdup ("available");
  instance->endpoint_address = g_strdup_printf ("%s.abc.us-east-1.rds.amazonaws.com", id);
  instance->endpoint_port = 3306;
  instance->availability_zone = g_strdup (zone);
  instance->secondary_availability_zone = g_strdup (standby_zone);
  instance->multi_az = standby_zone != NULL;
  instance->vpc_id = g_strdup ("vpc-1");
  /* cw_aws_record_new gave the list fields empty values already. */
  g_strfreev (instance->vpc_security_group_ids);
  instance->vpc_security_group_ids = g_strdupv ((char **) groups);
  return instance;
}

static CwEc2Subnet *
make_subnet (const char *id,
             const char *zone)
{
  g_autoptr(GHashTable) map = zone_map ();
  CwEc2Subnet *subnet = cw_aws_record_new (&cw_ec2_subnet_record_type);

  subnet->subnet_id = g_strdup (id);
  subnet->vpc_id = g_strdup ("vpc-1");
  subnet->availability_zone = g_strdup (zone);
  subnet->availability_zone_id = g_strdup (g_hash_table_lookup (map, zone));
  subnet->cidr_block = g_strdup ("10.0.0.0/24");
  return subnet;
}

static CwEc2Vpc *
make_vpc (void)
{
  CwEc2Vpc *vpc = cw_aws_record_new (&cw_ec2_vpc_record_type);

  vpc->vpc_id = g_strdup ("vpc-1");
  vpc->cidr_block = g_strdup ("10.0.0.0/16");
  return vpc;
}

/* A plan that can work, short of the database and its network. */
static CwLinkPlan *
plan_with_cluster (void)
{
  CwLinkPlan *plan = cw_link_plan_new ();
  g_autoptr(CwTidbCluster) cluster = make_cluster ("aws-us-east-1", "ESSENTIAL", "ACTIVE");
  g_autoptr(CwTidbAvailabilityZones) zones = make_tidb_zones ();

  cw_link_plan_set_aws_account (plan, "prod-aws");
  cw_link_plan_set_tidb_account (plan, "prod-tidb");
  cw_link_plan_set_cluster (plan, cluster);
  cw_link_plan_set_tidb_zones (plan, zones);
  return plan;
}

static void
choose_database (CwLinkPlan      *plan,
                 CwRdsDbInstance *instance,
                 const char      *region,
                 const char      *ip,
                 const char      *zones[])
{
  g_autoptr(GHashTable) map = zone_map ();
  g_autoptr(CwDatabase) database = cw_database_new_from_instance (instance, map);
  g_autoptr(CwEc2Vpc) vpc = make_vpc ();
  g_autoptr(GPtrArray) subnets = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_subnet_unref);

  for (guint i = 0; zones[i]; i += 2)
    g_ptr_array_add (subnets, make_subnet (zones[i], zones[i + 1]));
  cw_link_plan_set_database (plan, database, region);
  cw_link_plan_set_vpc (plan, vpc, subnets);
  cw_link_plan_set_database_ip (plan, ip, NULL);
}

static CwCheck *
find_check (CwLinkPlan *plan,
            const char *id)
{
  GListModel *checks = cw_link_plan_get_checks (plan);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(CwCheck) check = g_list_model_get_item (checks, i);

      if (g_str_equal (cw_check_get_id (check), id))
        return check;  /* the plan's store keeps it alive */
    }
  return NULL;
}

static void
assert_level (CwLinkPlan   *plan,
              const char   *id,
              CwCheckLevel  level)
{
  CwCheck *check = find_check (plan, id);

  if (check == NULL)
    g_error ("no check “%s”", id);
  if (cw_check_get_level (check) != level)
    g_error ("check “%s” is %s: %s", id, cw_check_level_to_string (cw_check_get_level (check)),
             cw_check_get_message (check));
  if (level == CW_CHECK_ERROR && !cw_check_is_pending (check))
    g_assert_nonnull (cw_check_get_fix (check));
}

static const char *three_zones[] = { "subnet-a", "us-east-1a", "subnet-c", "us-east-1c",
                                     "subnet-b", "us-east-1b", "subnet-f", "us-east-1f", NULL };

static void
test_empty_plan_is_pending (void)
{
  g_autoptr(CwLinkPlan) plan = cw_link_plan_new ();
  gboolean pending;

  g_assert_false (cw_link_plan_is_ready (plan));
  g_assert_true (cw_check_is_pending (find_check (plan, "aws-account")));
  g_assert_true (cw_check_is_pending (find_check (plan, "cluster")));
  cw_link_plan_get_step_level (plan, CW_PLAN_STEP_CLUSTER, &pending);
  g_assert_true (pending);
  g_assert_nonnull (cw_link_plan_get_link_id (plan));
}

static void
test_fitting_plan_is_ready (void)
{
  g_autoptr(CwLinkPlan) plan = plan_with_cluster ();
  g_autoptr(CwRdsDbInstance) instance = make_instance ("orders-db", "mysql", "us-east-1c", NULL);
  g_auto(GStrv) selected = NULL;
  gboolean pending;

  choose_database (plan, instance, "us-east-1", "10.0.3.25", three_zones);
  assert_level (plan, "region", CW_CHECK_OK);
  assert_level (plan, "engine", CW_CHECK_OK);
  assert_level (plan, "private-ip", CW_CHECK_OK);
  assert_level (plan, "zone-overlap", CW_CHECK_OK);
  assert_level (plan, "subnets", CW_CHECK_OK);
  g_assert_true (cw_link_plan_is_ready (plan));
  g_assert_cmpint (cw_link_plan_get_step_level (plan, CW_PLAN_STEP_NETWORK, &pending), ==, CW_CHECK_OK);
  g_assert_false (pending);

  /* us-east-1c is use1-az1, one of TiDB's zones: no cross-zone needed. */
  g_assert_false (cw_link_plan_get_cross_zone (plan));
  /* Pre-selected: the subnets in TiDB's zones (az4, az1), not az6 or az5. */
  selected = cw_link_plan_dup_selected_subnet_ids (plan);
  g_assert_cmpuint (g_strv_length (selected), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) selected, "subnet-a"));
  g_assert_true (g_strv_contains ((const char * const *) selected, "subnet-c"));

  g_assert_cmpstr (cw_link_plan_get_target_group_name (plan), ==, "cw-tg-orders-db");
  g_assert_cmpstr (cw_link_plan_get_load_balancer_name (plan), ==, "cw-nlb-orders-db");
  g_assert_cmpstr (cw_link_plan_get_database_security_group (plan), ==, "sg-0db");

  /* The load balancer's own group lets only the database port out; a chosen group is
   * used as it is, with a word about its outbound rules. */
  assert_level (plan, "load-balancer-egress", CW_CHECK_OK);
  cw_link_plan_set_nlb_security_group (plan, "sg-0chosen");
  assert_level (plan, "load-balancer-egress", CW_CHECK_WARNING);
  g_assert_nonnull (strstr (cw_check_get_message (find_check (plan, "load-balancer-egress")), "outbound"));
}

static void
test_no_zone_overlap_is_refused (void)
{
  g_autoptr(CwLinkPlan) plan = plan_with_cluster ();
  g_autoptr(CwRdsDbInstance) instance = make_instance ("lonely", "mysql", "us-east-1b", NULL);
  const char *zones[] = { "subnet-b", "us-east-1b", "subnet-f", "us-east-1f", NULL };
  CwCheck *check;

  choose_database (plan, instance, "us-east-1", "10.0.9.9", zones);
  assert_level (plan, "zone-overlap", CW_CHECK_ERROR);
  check = find_check (plan, "zone-overlap");
  g_assert_nonnull (strstr (cw_check_get_message (check), "use1-az1"));
  /* No subnet of the VPC could help: the Database step is where it shows. */
  g_assert_cmpint (cw_check_get_step (check), ==, CW_PLAN_STEP_DATABASE);
  g_assert_false (cw_link_plan_is_ready (plan));
  /* The database's zone (az6) is not TiDB's: cross-zone is on, and says why. */
  g_assert_true (cw_link_plan_get_cross_zone (plan));
  g_assert_nonnull (strstr (cw_link_plan_get_cross_zone_reason (plan), "use1-az6"));
}

static void
test_other_region_is_refused (void)
{
  g_autoptr(CwLinkPlan) plan = plan_with_cluster ();
  g_autoptr(CwRdsDbInstance) instance = make_instance ("eu-db", "mysql", "us-east-1c", NULL);

  choose_database (plan, instance, "eu-west-1", "10.0.3.25", three_zones);
  assert_level (plan, "region", CW_CHECK_ERROR);
  g_assert_nonnull (strstr (cw_check_get_fix (find_check (plan, "region")), "us-east-1"));
  g_assert_false (cw_link_plan_is_ready (plan));
}

static void
test_postgresql_is_refused (void)
{
  g_autoptr(CwLinkPlan) plan = plan_with_cluster ();
  g_autoptr(CwRdsDbInstance) instance = make_instance ("pg", "postgres", "us-east-1c", NULL);

  choose_database (plan, instance, "us-east-1", "10.0.3.25", three_zones);
  assert_level (plan, "engine", CW_CHECK_ERROR);
  g_assert_nonnull (strstr (cw_check_get_message (find_check (plan, "engine")), "PostgreSQL"));
  g_assert_false (cw_link_plan_is_ready (plan));
}

static void
test_public_address_is_refused (void)
{
  g_autoptr(CwLinkPlan) plan = plan_with_cluster ();
  g_autoptr(CwRdsDbInstance) instance = make_instance ("public-db", "mysql", "us-east-1c", NULL);

  choose_database (plan, instance, "us-east-1", "54.210.1.2", three_zones);
  assert_level (plan, "private-ip", CW_CHECK_ERROR);
  cw_link_plan_set_database_ip (plan, "10.0.4.4", NULL);
  assert_level (plan, "private-ip", CW_CHECK_OK);
  cw_link_plan_set_database_ip (plan, NULL, "orders.abc.rds.amazonaws.com does not resolve");
  assert_level (plan, "private-ip", CW_CHECK_ERROR);
}

static void
test_multi_az_standby_needs_cross_zone (void)
{
  g_autoptr(CwLinkPlan) plan = plan_with_cluster ();
  g_autoptr(CwRdsDbInstance) instance = make_instance ("ha-db", "mysql", "us-east-1c", "us-east-1f");
  g_auto(GStrv) selected = NULL;

  choose_database (plan, instance, "us-east-1", "10.0.3.25", three_zones);
  g_assert_true (cw_link_plan_get_cross_zone (plan));
  g_assert_nonnull (strstr (cw_link_plan_get_cross_zone_reason (plan), "use1-az5"));
  /* The standby's zone gets a subnet too. */
  selected = cw_link_plan_dup_selected_subnet_ids (plan);
  g_assert_true (g_strv_contains ((const char * const *) selected, "subnet-f"));
  g_assert_true (cw_link_plan_is_ready (plan));
}

static void
test_one_subnet_per_zone (void)
{
  g_autoptr(CwLinkPlan) plan = plan_with_cluster ();
  g_autoptr(CwRdsDbInstance) instance = make_instance ("orders-db", "mysql", "us-east-1c", NULL);
  const char *zones[] = { "subnet-c1", "us-east-1c", "subnet-c2", "us-east-1c", NULL };
  GListModel *subnets;

  choose_database (plan, instance, "us-east-1", "10.0.3.25", zones);
  assert_level (plan, "subnets", CW_CHECK_OK);
  subnets = cw_link_plan_get_subnets (plan);
  for (guint i = 0; i < g_list_model_get_n_items (subnets); i++)
    {
      g_autoptr(CwSubnetChoice) choice = g_list_model_get_item (subnets, i);
      cw_subnet_choice_set_selected (choice, TRUE);
    }
  assert_level (plan, "subnets", CW_CHECK_ERROR);
  for (guint i = 0; i < g_list_model_get_n_items (subnets); i++)
    {
      g_autoptr(CwSubnetChoice) choice = g_list_model_get_item (subnets, i);
      cw_subnet_choice_set_selected (choice, FALSE);
    }
  assert_level (plan, "subnets", CW_CHECK_ERROR);
}

static const char *tidb_zone_ids[] = { "use1-az1", "use1-az2", "use1-az4", NULL };

static void
test_shared_zone_ids (void)
{
  const char *vpc[] = { "use1-az6", "use1-az4", "use1-az1", "use1-az4", NULL };
  const char *elsewhere[] = { "use1-az6", "use1-az5", NULL };
  const char *expected[] = { "use1-az1", "use1-az4", NULL };
  g_auto(GStrv) shared = cw_shared_zone_ids (vpc, tidb_zone_ids);
  g_auto(GStrv) none = cw_shared_zone_ids (elsewhere, tidb_zone_ids);
  g_auto(GStrv) no_tidb = cw_shared_zone_ids (vpc, NULL);
  g_auto(GStrv) no_vpc = cw_shared_zone_ids (NULL, tidb_zone_ids);

  /* Each once, sorted, whatever the order and repeats of the subnets. */
  g_assert_true (g_strv_equal ((const char * const *) shared, expected));
  g_assert_null (none[0]);
  g_assert_null (no_tidb[0]);
  g_assert_null (no_vpc[0]);
}

static void
test_vpc_zone_overlap (void)
{
  const char *vpc[] = { "use1-az6", "use1-az4", "use1-az1", NULL };
  const char *elsewhere[] = { "use1-az6", "use1-az5", NULL };
  const char *empty[] = { NULL };
  g_autoptr(CwCheck) fits = cw_vpc_zone_overlap (vpc, tidb_zone_ids);
  g_autoptr(CwCheck) refused = cw_vpc_zone_overlap (elsewhere, tidb_zone_ids);
  g_autoptr(CwCheck) no_subnet = cw_vpc_zone_overlap (empty, tidb_zone_ids);

  g_assert_cmpstr (cw_check_get_id (fits), ==, "zone-overlap");
  g_assert_cmpint (cw_check_get_step (fits), ==, CW_PLAN_STEP_DATABASE);
  g_assert_cmpint (cw_check_get_level (fits), ==, CW_CHECK_OK);
  g_assert_nonnull (strstr (cw_check_get_message (fits), "use1-az1, use1-az4"));
  g_assert_null (strstr (cw_check_get_message (fits), "use1-az6"));
  g_assert_null (cw_check_get_fix (fits));

  /* The sentence names TiDB Cloud's zones, the ones a subnet would have to be in. */
  g_assert_cmpint (cw_check_get_level (refused), ==, CW_CHECK_ERROR);
  g_assert_cmpint (cw_check_get_step (refused), ==, CW_PLAN_STEP_DATABASE);
  g_assert_nonnull (strstr (cw_check_get_message (refused), "use1-az1, use1-az2, use1-az4"));
  g_assert_nonnull (cw_check_get_fix (refused));
  g_assert_cmpint (cw_check_get_level (no_subnet), ==, CW_CHECK_ERROR);
}

static void
select_all_subnets (CwLinkPlan *plan,
                    gboolean    selected)
{
  GListModel *subnets = cw_link_plan_get_subnets (plan);

  for (guint i = 0; i < g_list_model_get_n_items (subnets); i++)
    {
      g_autoptr(CwSubnetChoice) choice = g_list_model_get_item (subnets, i);

      cw_subnet_choice_set_selected (choice, selected);
    }
}

/* The VPC's verdict is the database's and does not wait for a valid choice of subnets;
 * it is the one the Database step's list gives before choosing (cw_vpc_zone_overlap). */
static void
test_vpc_verdict_without_selection (void)
{
  g_autoptr(CwLinkPlan) plan = plan_with_cluster ();
  g_autoptr(CwLinkPlan) fitting = plan_with_cluster ();
  g_autoptr(CwRdsDbInstance) instance = make_instance ("lonely", "mysql", "us-east-1b", NULL);
  g_autoptr(CwRdsDbInstance) orders = make_instance ("orders-db", "mysql", "us-east-1c", NULL);
  const char *zones[] = { "subnet-b", "us-east-1b", "subnet-f", "us-east-1f", NULL };
  const char *vpc_zone_ids[] = { "use1-az6", "use1-az5", NULL };
  g_autoptr(CwCheck) listed = cw_vpc_zone_overlap (vpc_zone_ids, tidb_zone_ids);
  CwCheck *check;

  choose_database (plan, instance, "us-east-1", "10.0.9.9", zones);
  select_all_subnets (plan, FALSE);
  assert_level (plan, "subnets", CW_CHECK_ERROR);
  assert_level (plan, "zone-overlap", CW_CHECK_ERROR);
  check = find_check (plan, "zone-overlap");
  g_assert_cmpint (cw_check_get_step (check), ==, CW_PLAN_STEP_DATABASE);
  g_assert_cmpstr (cw_check_get_message (check), ==, cw_check_get_message (listed));
  g_assert_cmpstr (cw_check_get_fix (check), ==, cw_check_get_fix (listed));

  /* A VPC that fits leaves the load balancer's own zones to the Network step. */
  choose_database (fitting, orders, "us-east-1", "10.0.3.25", three_zones);
  select_all_subnets (fitting, FALSE);
  g_assert_null (find_check (fitting, "zone-overlap"));
}

static void
test_names (void)
{
  g_autoptr(CwLinkPlan) plan = plan_with_cluster ();
  g_autoptr(CwRdsDbInstance) instance = make_instance ("Orders_DB.prod--eu", "mysql", "us-east-1c", NULL);
  const char *existing[] = { "taken", NULL };
  g_autofree char *long_name = cw_derive_aws_name ("cw-nlb-", "a-really-long-database-identifier-of-sixty-chars");
  g_autofree char *problem = NULL;

  choose_database (plan, instance, "us-east-1", "10.0.3.25", three_zones);
  g_assert_cmpstr (cw_link_plan_get_target_group_name (plan), ==, "cw-tg-orders-db-prod-eu");
  g_assert_cmpuint (strlen (long_name), <=, 32);
  g_assert_null (cw_aws_name_problem (long_name, TRUE));

  cw_link_plan_set_load_balancer_name (plan, "internal-db");
  assert_level (plan, "load-balancer-name", CW_CHECK_ERROR);
  cw_link_plan_set_load_balancer_name (plan, "ok-name-");
  assert_level (plan, "load-balancer-name", CW_CHECK_ERROR);
  cw_link_plan_set_load_balancer_name (plan, "under_score");
  assert_level (plan, "load-balancer-name", CW_CHECK_ERROR);
  cw_link_plan_set_load_balancer_name (plan, "taken");
  assert_level (plan, "load-balancer-name", CW_CHECK_OK);
  cw_link_plan_set_existing_names (plan, NULL, existing);
  assert_level (plan, "load-balancer-name", CW_CHECK_ERROR);
  cw_link_plan_set_load_balancer_name (plan, "fine-name");
  assert_level (plan, "load-balancer-name", CW_CHECK_OK);
  /* internal- is only forbidden for load balancers */
  cw_link_plan_set_target_group_name (plan, "internal-db");
  assert_level (plan, "target-group-name", CW_CHECK_OK);

  problem = cw_aws_name_problem ("abcdefghijklmnopqrstuvwxyz0123456", FALSE);
  g_assert_nonnull (problem);
  g_assert_true (cw_link_plan_is_ready (plan));

  /* Names the user typed survive choosing another database. */
  choose_database (plan, instance, "us-east-1", "10.0.3.25", three_zones);
  g_assert_cmpstr (cw_link_plan_get_load_balancer_name (plan), ==, "fine-name");
}

static void
test_cluster_checks (void)
{
  g_autoptr(CwLinkPlan) plan = plan_with_cluster ();
  g_autoptr(CwTidbCluster) starter = make_cluster ("aws-us-east-1", "STARTER", "ACTIVE");
  g_autoptr(CwTidbCluster) paused = make_cluster ("aws-us-east-1", "ESSENTIAL", "PAUSED");
  g_autoptr(CwTidbCluster) gcp = make_cluster ("gcp-us-central1", "ESSENTIAL", "ACTIVE");

  assert_level (plan, "cluster", CW_CHECK_OK);
  cw_link_plan_set_cluster (plan, starter);
  assert_level (plan, "cluster", CW_CHECK_WARNING);
  /* A new cluster forgets the zones of the old one. */
  g_assert_null (cw_link_plan_get_tidb_zones (plan));
  cw_link_plan_set_cluster (plan, paused);
  assert_level (plan, "cluster", CW_CHECK_ERROR);
  cw_link_plan_set_cluster (plan, gcp);
  assert_level (plan, "cluster", CW_CHECK_ERROR);
}

static void
test_ip_in_cidrs (void)
{
  const char *cidrs[] = { "10.0.0.0/16", "172.31.0.0/20", NULL };

  g_assert_true (cw_ip_in_cidrs ("10.0.255.1", cidrs));
  g_assert_true (cw_ip_in_cidrs ("172.31.15.255", cidrs));
  g_assert_false (cw_ip_in_cidrs ("172.31.16.0", cidrs));
  g_assert_false (cw_ip_in_cidrs ("not an ip", cidrs));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/empty", test_empty_plan_is_pending);
  g_test_add_func ("/plan/fitting", test_fitting_plan_is_ready);
  g_test_add_func ("/plan/no-zone-overlap", test_no_zone_overlap_is_refused);
  g_test_add_func ("/plan/other-region", test_other_region_is_refused);
  g_test_add_func ("/plan/postgresql", test_postgresql_is_refused);
  g_test_add_func ("/plan/public-address", test_public_address_is_refused);
  g_test_add_func ("/plan/multi-az-standby", test_multi_az_standby_needs_cross_zone);
  g_test_add_func ("/plan/one-subnet-per-zone", test_one_subnet_per_zone);
  g_test_add_func ("/plan/shared-zone-ids", test_shared_zone_ids);
  g_test_add_func ("/plan/vpc-zone-overlap", test_vpc_zone_overlap);
  g_test_add_func ("/plan/vpc-verdict-without-selection", test_vpc_verdict_without_selection);
  g_test_add_func ("/plan/names", test_names);
  g_test_add_func ("/plan/cluster", test_cluster_checks);
  g_test_add_func ("/plan/ip-in-cidrs", test_ip_in_cidrs);
  return g_test_run ();
}
