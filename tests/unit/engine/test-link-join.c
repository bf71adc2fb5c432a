/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The join of what a refresh fetched into links (DESIGN.md §4.3), from records made by
 * hand: no network, no sandbox. */
#include "config.h"

#include <string.h>

#include "cw-database.h"
#include "cw-journal.h"
#include "cw-link-join.h"
#include "cw-provisioner.h"

#define REGION      "us-east-1"
#define CLUSTER_ID  "10289034792938145678"
#define LINK_ID     "2f1c6a8e-4b1d-4c3a-9a51-3f8f1b2d7e01"

static JsonObject *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static CwTidbPrivateLink *
tidb_link (const char *id,
           const char *state,
           const char *service_name,
           const char *endpoint_id)
{
  g_autofree char *text = g_strdup_printf ("{\"privateLinkConnectionId\":\"%s\",\"clusterId\":\"" CLUSTER_ID "\","
                                           "\"displayName\":\"%s\",\"type\":\"AWS_ENDPOINT_SERVICE\",\"state\":\"%s\","
                                           "\"awsEndpointService\":{\"name\":\"%s\",\"endpointId\":\"%s\"}}",
                                           id, id, state, service_name, endpoint_id);
  g_autoptr(JsonObject) object = parse (text);
  g_autoptr(GError) error = NULL;
  CwTidbPrivateLink *link = cw_tidb_private_link_new_from_json (object, &error);

  g_assert_no_error (error);
  return link;
}

static void
add_tag (GPtrArray  *tags,
         const char *key,
         const char *value)
{
  CwAwsKeyValue *tag = cw_aws_record_new (&cw_aws_key_value_record_type);

  tag->key = g_strdup (key);
  tag->value = g_strdup (value);
  g_ptr_array_add (tags, tag);
}

/* An endpoint service, its load balancer and the target group its listener forwards
 * to; @link_id and @database_id tag a service Causeway made. */
static void
add_link_resources (CwJoinRegion *region,
                    const char   *n,
                    const char   *link_id,
                    const char   *database_id)
{
  CwEc2ServiceConfiguration *service = cw_aws_record_new (&cw_ec2_service_configuration_record_type);
  CwElbLoadBalancer *balancer = cw_aws_record_new (&cw_elb_load_balancer_record_type);
  CwElbTargetGroup *group = cw_aws_record_new (&cw_elb_target_group_record_type);
  g_autofree char *balancer_arn = g_strdup_printf ("arn:aws:elasticloadbalancing:" REGION ":1:loadbalancer/net/lb-%s/1", n);
  const char *balancers[] = { balancer_arn, NULL };

  service->service_id = g_strdup_printf ("vpce-svc-%s", n);
  service->service_name = g_strdup_printf ("com.amazonaws.vpce." REGION ".vpce-svc-%s", n);
  service->service_state = g_strdup ("Available");
  /* A new record's lists are empty, not NULL. */
  g_strfreev (service->network_load_balancer_arns);
  service->network_load_balancer_arns = g_strdupv ((char **) balancers);
  if (link_id != NULL)
    {
      add_tag (service->tags, CW_TAG_LINK_ID, link_id);
      add_tag (service->tags, CW_TAG_DATABASE, database_id);
    }
  balancer->load_balancer_arn = g_strdup (balancer_arn);
  balancer->load_balancer_name = g_strdup_printf ("lb-%s", n);
  balancer->state = g_strdup ("active");
  balancer->vpc_id = g_strdup ("vpc-1");
  group->target_group_arn = g_strdup_printf ("arn:aws:elasticloadbalancing:" REGION ":1:targetgroup/tg-%s/1", n);
  group->target_group_name = g_strdup_printf ("tg-%s", n);
  group->port = 3306;
  g_strfreev (group->load_balancer_arns);
  group->load_balancer_arns = g_strdupv ((char **) balancers);
  g_ptr_array_add (region->services, service);
  g_ptr_array_add (region->load_balancers, balancer);
  g_ptr_array_add (region->target_groups, group);
}

static void
add_health (CwLinkRecords *records,
            const char    *n,
            const char    *target_ip,
            const char    *state)
{
  GPtrArray *healths = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_elb_target_health_unref);
  CwElbTargetHealth *health = cw_aws_record_new (&cw_elb_target_health_record_type);

  health->target_id = g_strdup (target_ip);
  health->state = g_strdup (state);
  g_ptr_array_add (healths, health);
  g_hash_table_insert (records->healths,
                       g_strdup_printf ("arn:aws:elasticloadbalancing:" REGION ":1:targetgroup/tg-%s/1", n), healths);
}

static void
add_database (GListStore *databases,
              const char *id,
              const char *vpc_id,
              int         port)
{
  g_autoptr(CwRdsDbInstance) instance = cw_aws_record_new (&cw_rds_db_instance_record_type);
  g_autoptr(CwDatabase) database = NULL;

  instance->db_instance_identifier = g_strdup (id);
  instance->engine = g_strdup ("mysql");
  instance->vpc_id = g_strdup (vpc_id);
  instance->endpoint_port = port;
  database = cw_database_new_from_instance (instance, NULL);
  g_list_store_append (databases, database);
}

/* Two links on one cluster: "a" made by Causeway for orders-db, "b" made by hand, whose
 * target is billing-db's address. Beside them, a database of another VPC and one on
 * another port, at addresses of their own. */
static CwLinkRecords *
records_new (void)
{
  CwLinkRecords *records = cw_link_records_new ();
  g_autoptr(JsonObject) cluster_json = parse ("{\"clusterId\":\"" CLUSTER_ID "\",\"displayName\":\"essential\","
                                              "\"region\":{\"name\":\"regions/aws-" REGION "\"}}");
  g_autoptr(CwTidbCluster) tidb_cluster = cw_tidb_cluster_new_from_json (cluster_json, NULL);
  CwJoinCluster *cluster = cw_link_records_add_cluster (records, tidb_cluster);
  CwJoinRegion *region = cw_link_records_region (records, REGION);
  GListStore *links = g_list_store_new (CW_TYPE_TIDB_PRIVATE_LINK);
  GListStore *databases = g_list_store_new (CW_TYPE_DATABASE);
  g_autoptr(CwTidbPrivateLink) a = tidb_link ("plc-a", "ACTIVE", "com.amazonaws.vpce." REGION ".vpce-svc-a", "vpce-a");
  g_autoptr(CwTidbPrivateLink) b = tidb_link ("plc-b", "ACTIVE", "com.amazonaws.vpce." REGION ".vpce-svc-b", "vpce-b");

  g_list_store_append (links, a);
  g_list_store_append (links, b);
  cluster->links = G_LIST_MODEL (links);
  region->services = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_service_configuration_unref);
  region->load_balancers = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_elb_load_balancer_unref);
  region->target_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_elb_target_group_unref);
  add_link_resources (region, "a", LINK_ID, "orders-db");
  add_link_resources (region, "b", NULL, NULL);
  add_database (databases, "orders-db", "vpc-1", 3306);
  add_database (databases, "billing-db", "vpc-1", 3306);
  add_database (databases, "elsewhere-db", "vpc-2", 3306);
  add_database (databases, "reports-db", "vpc-1", 5432);
  region->databases = G_LIST_MODEL (databases);
  cw_link_records_set_address (region, "orders-db", "10.0.1.5");
  cw_link_records_set_address (region, "billing-db", "10.0.2.7");
  cw_link_records_set_address (region, "elsewhere-db", "10.0.3.3");
  cw_link_records_set_address (region, "reports-db", "10.0.4.4");
  cw_link_records_add_previous_address (region, "billing-db", "10.0.2.1");
  cw_link_records_index (records);
  return records;
}

static CwLink *
find (GPtrArray  *links,
      const char *private_link_id)
{
  for (guint i = 0; i < links->len; i++)
    if (g_strcmp0 (cw_link_get (g_ptr_array_index (links, i), CW_LINK_PRIVATE_LINK_ID), private_link_id) == 0)
      return g_ptr_array_index (links, i);
  return NULL;
}

static void
test_healthy_and_inferred (void)
{
  g_autoptr(CwLinkRecords) records = records_new ();
  g_autoptr(GPtrArray) links = NULL;
  CwLink *a;
  CwLink *b;

  add_health (records, "a", "10.0.1.5", "healthy");
  add_health (records, "b", "10.0.2.7", "healthy");
  links = cw_link_records_join (records, TRUE);
  g_assert_cmpuint (links->len, ==, 2);
  a = find (links, "plc-a");
  g_assert_cmpint (cw_link_get_status (a), ==, CW_LINK_HEALTHY);
  g_assert_true (cw_link_get_managed (a));
  g_assert_cmpstr (cw_link_get (a, CW_LINK_LINK_ID), ==, LINK_ID);
  g_assert_cmpstr (cw_link_get (a, CW_LINK_DATABASE_ID), ==, "orders-db");
  g_assert_cmpstr (cw_link_get (a, CW_LINK_LOAD_BALANCER_NAME), ==, "lb-a");
  g_assert_cmpstr (cw_link_get (a, CW_LINK_TARGET_GROUP_NAME), ==, "tg-a");
  g_assert_cmpuint (cw_link_get_port (a), ==, 3306);
  g_assert_false (cw_link_get_database_inferred (a));
  g_assert_cmpstr (cw_link_get_named_database (a), ==, "orders-db");
  /* Made by hand, named by no tag: the target's address says which database it is. */
  b = find (links, "plc-b");
  g_assert_false (cw_link_get_managed (b));
  g_assert_cmpstr (cw_link_get (b, CW_LINK_DATABASE_ID), ==, "billing-db");
  g_assert_true (cw_link_get_database_inferred (b));
  g_assert_null (cw_link_get_named_database (b));
  g_assert_cmpint (cw_link_get_status (b), ==, CW_LINK_HEALTHY);
}

/* The links show the cluster by the name people know it by; its id stays. */
static void
test_cluster_name (void)
{
  g_autoptr(CwLinkRecords) records = records_new ();
  g_autoptr(GPtrArray) links = NULL;
  CwLink *a;

  add_health (records, "a", "10.0.1.5", "healthy");
  add_health (records, "b", "10.0.2.7", "healthy");
  links = cw_link_records_join (records, TRUE);
  a = find (links, "plc-a");
  g_assert_cmpstr (cw_link_get (a, CW_LINK_CLUSTER_NAME), ==, "essential");
  g_assert_cmpstr (cw_link_get (a, CW_LINK_CLUSTER_ID), ==, CLUSTER_ID);
  g_assert_cmpstr (cw_link_get_cluster_label (a), ==, "essential");
}

/* A link made by hand whose target is an earlier address of a database (a failover
 * moved it) is that database's, drifted. */
static void
test_inferred_from_previous_address (void)
{
  g_autoptr(CwLinkRecords) records = records_new ();
  g_autoptr(GPtrArray) links = NULL;
  CwLink *b;

  add_health (records, "a", "10.0.1.5", "healthy");
  add_health (records, "b", "10.0.2.1", "unhealthy");
  links = cw_link_records_join (records, TRUE);
  b = find (links, "plc-b");
  g_assert_cmpstr (cw_link_get (b, CW_LINK_DATABASE_ID), ==, "billing-db");
  g_assert_true (cw_link_get_database_inferred (b));
  g_assert_cmpstr (cw_link_get (b, CW_LINK_DATABASE_IP), ==, "10.0.2.7");
  g_assert_cmpint (cw_link_get_status (b), ==, CW_LINK_DRIFTED);
}

/* A database the load balancer could not reach is not the link's, whatever its address:
 * @target_ip is that of a database in another VPC, or on another port. */
static void
assert_not_inferred (const char *target_ip)
{
  g_autoptr(CwLinkRecords) records = records_new ();
  g_autoptr(GPtrArray) links = NULL;
  CwLink *b;

  add_health (records, "a", "10.0.1.5", "healthy");
  add_health (records, "b", target_ip, "unhealthy");
  links = cw_link_records_join (records, TRUE);
  b = find (links, "plc-b");
  g_assert_null (cw_link_get (b, CW_LINK_DATABASE_ID));
  g_assert_false (cw_link_get_database_inferred (b));
  g_assert_cmpint (cw_link_get_status (b), ==, CW_LINK_DRIFTED);
}

static void
test_not_inferred_other_vpc (void)
{
  assert_not_inferred ("10.0.3.3");
}

static void
test_not_inferred_other_port (void)
{
  assert_not_inferred ("10.0.4.4");
}

/* The database moved; the target still names the old address. */
/* A database added to link "a": its own target group behind a listener of the same load
 * balancer, named with its port by the service's tag. The group is listed first, as AWS
 * may list it: the link's own is still the untagged one. */
static void
add_second_database (CwLinkRecords *records)
{
  CwJoinRegion *region = cw_link_records_region (records, REGION);
  CwEc2ServiceConfiguration *service = g_ptr_array_index (region->services, 0);
  CwElbTargetGroup *group = cw_aws_record_new (&cw_elb_target_group_record_type);
  const char *balancers[] = { "arn:aws:elasticloadbalancing:" REGION ":1:loadbalancer/net/lb-a/1", NULL };

  add_tag (service->tags, CW_TAG_PORT_PREFIX "3307", "billing-db/tg-a2");
  /* Not a port tag: ignored. */
  add_tag (service->tags, CW_TAG_PORT_PREFIX "x", "nothing/here");
  group->target_group_arn = g_strdup ("arn:aws:elasticloadbalancing:" REGION ":1:targetgroup/tg-a2/1");
  group->target_group_name = g_strdup ("tg-a2");
  group->port = 3306;
  g_strfreev (group->load_balancer_arns);
  group->load_balancer_arns = g_strdupv ((char **) balancers);
  g_ptr_array_insert (region->target_groups, 0, group);
  cw_link_records_index (records);
}

static void
test_added_database (void)
{
  g_autoptr(CwLinkRecords) records = records_new ();
  g_autoptr(GPtrArray) links = NULL;
  GPtrArray *added;
  CwLink *a;
  CwLink *billing;

  add_second_database (records);
  add_health (records, "a", "10.0.1.5", "healthy");
  add_health (records, "b", "10.0.2.7", "healthy");
  /* Until the second group's health has come, the link is not complete. */
  links = cw_link_records_join (records, FALSE);
  g_assert_null (find (links, "plc-a"));
  g_clear_pointer (&links, g_ptr_array_unref);
  add_health (records, "a2", "10.0.2.1", "unhealthy");
  links = cw_link_records_join (records, TRUE);
  a = find (links, "plc-a");
  g_assert_cmpstr (cw_link_get (a, CW_LINK_TARGET_GROUP_NAME), ==, "tg-a");
  g_assert_cmpuint (cw_link_get_listener_port (a), ==, 3306);
  added = cw_link_get_added_databases (a);
  g_assert_cmpuint (added->len, ==, 1);
  billing = g_ptr_array_index (added, 0);
  g_assert_true (cw_link_get_added (billing));
  g_assert_true (cw_link_find_database (a, "billing-db") == billing);
  g_assert_true (cw_link_find_database (a, "orders-db") == a);
  g_assert_cmpstr (cw_link_get (billing, CW_LINK_TARGET_GROUP_NAME), ==, "tg-a2");
  g_assert_cmpstr (cw_link_get (billing, CW_LINK_PRIVATE_LINK_ID), ==, "plc-a");
  g_assert_cmpuint (cw_link_get_port (billing), ==, 3306);
  g_assert_cmpuint (cw_link_get_listener_port (billing), ==, 3307);
  /* Its target is billing-db's old address: that database drifted, and so the link. */
  g_assert_cmpint (cw_link_get_status (billing), ==, CW_LINK_DRIFTED);
  g_assert_cmpint (cw_link_get_status (a), ==, CW_LINK_DRIFTED);
  g_assert_nonnull (strstr (cw_link_get_reasons (a)[0], "billing-db on port 3307: "));
}

/* What the watcher keeps of a link holds its added databases too. */
static void
test_added_database_saved (void)
{
  g_autoptr(CwLinkRecords) records = records_new ();
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(CwLink) restored = NULL;
  CwLink *billing;

  add_second_database (records);
  add_health (records, "a", "10.0.1.5", "healthy");
  add_health (records, "a2", "10.0.2.7", "healthy");
  links = cw_link_records_join (records, TRUE);
  g_assert_cmpint (cw_link_get_status (find (links, "plc-a")), ==, CW_LINK_HEALTHY);
  saved = cw_link_save (find (links, "plc-a"));
  restored = cw_link_new_from_saved (saved);
  g_assert_cmpint (cw_link_get_status (restored), ==, CW_LINK_HEALTHY);
  billing = cw_link_find_database (restored, "billing-db");
  g_assert_nonnull (billing);
  g_assert_cmpuint (cw_link_get_listener_port (billing), ==, 3307);
  g_assert_cmpint (cw_link_get_status (billing), ==, CW_LINK_HEALTHY);
}

static void
test_drift (void)
{
  g_autoptr(CwLinkRecords) records = records_new ();
  g_autoptr(GPtrArray) links = NULL;
  CwLink *a;

  add_health (records, "a", "10.0.1.9", "unhealthy");
  add_health (records, "b", "10.0.2.7", "healthy");
  links = cw_link_records_join (records, TRUE);
  a = find (links, "plc-a");
  g_assert_cmpint (cw_link_get_status (a), ==, CW_LINK_DRIFTED);
  g_assert_cmpstr (cw_link_get (a, CW_LINK_REGISTERED_IP), ==, "10.0.1.9");
  g_assert_cmpstr (cw_link_get (a, CW_LINK_DATABASE_IP), ==, "10.0.1.5");
}

/* Before the end of a refresh, a link is joined only once every answer its status
 * depends on has come; each is joined once. */
static void
test_partial_join (void)
{
  g_autoptr(CwLinkRecords) records = records_new ();
  CwJoinRegion *region = cw_link_records_region (records, REGION);
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) all = NULL;

  region->addresses_pending = 1;
  add_health (records, "a", "10.0.1.5", "healthy");
  none = cw_link_records_join (records, FALSE);
  g_assert_cmpuint (none->len, ==, 0);
  region->addresses_pending = 0;
  first = cw_link_records_join (records, FALSE);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_nonnull (find (first, "plc-a"));
  add_health (records, "b", "10.0.2.7", "healthy");
  all = cw_link_records_join (records, FALSE);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (find (all, "plc-a") == find (first, "plc-a"));
}

/* The first rows, before their answers have all come: the complete ones joined for
 * good, the others marked as still checking, and no more than asked for. */
static void
test_early_join (void)
{
  g_autoptr(CwLinkRecords) records = records_new ();
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) final = NULL;

  add_health (records, "a", "10.0.1.5", "healthy");
  early = cw_link_records_join_early (records, 10);
  g_assert_cmpuint (early->len, ==, 2);
  g_assert_false (cw_link_get_checking (find (early, "plc-a")));
  g_assert_cmpint (cw_link_get_status (find (early, "plc-a")), ==, CW_LINK_HEALTHY);
  g_assert_true (cw_link_get_checking (find (early, "plc-b")));
  one = cw_link_records_join_early (records, 1);
  g_assert_cmpuint (one->len, ==, 1);
  /* Once its answer comes, the link still checking is joined anew, and for good. */
  add_health (records, "b", "10.0.2.7", "healthy");
  final = cw_link_records_join (records, FALSE);
  g_assert_cmpuint (final->len, ==, 2);
  g_assert_false (cw_link_get_checking (find (final, "plc-b")));
  g_assert_true (find (final, "plc-b") != find (early, "plc-b"));
  g_assert_true (find (final, "plc-a") == find (early, "plc-a"));
}

/* A run of this machine that stopped before TiDB Cloud's side existed is a link too;
 * one of another cluster, or finished, is not. */
static void
test_unfinished_runs (void)
{
  g_autoptr(CwLinkRecords) records = records_new ();
  g_autoptr(CwJournal) stopped = cw_journal_new ("7d0e3c1a-2b4f-4e6a-8c9d-0a1b2c3d4e5f");
  g_autoptr(CwJournal) elsewhere = cw_journal_new ("8e1f4d2b-3c5a-4f7b-9d0e-1b2c3d4e5f6a");
  g_autoptr(CwJournal) done = cw_journal_new ("9f2a5e3c-4d6b-4a8c-8e1f-2c3d4e5f6a7b");
  g_autoptr(CwJournal) adding = cw_journal_new ("0a3b6f4d-5e7c-4b9d-9f2a-3d4e5f6a7b8c");
  g_autoptr(GPtrArray) links = NULL;
  CwLink *link;

  cw_journal_set_spec (stopped, CW_SPEC_CLUSTER_ID, CLUSTER_ID);
  cw_journal_set_spec (stopped, CW_SPEC_DISPLAY_NAME, "half made");
  cw_journal_set_state (stopped, CW_JOURNAL_FAILED);
  cw_journal_set_error (stopped, "The load balancer failed.");
  cw_journal_set_spec (elsewhere, CW_SPEC_CLUSTER_ID, "1");
  cw_journal_set_state (elsewhere, CW_JOURNAL_FAILED);
  cw_journal_set_spec (done, CW_SPEC_CLUSTER_ID, CLUSTER_ID);
  cw_journal_set_state (done, CW_JOURNAL_CREATED);
  /* A database being added to link "a" when the run stopped. */
  cw_journal_set_spec (adding, CW_SPEC_CLUSTER_ID, CLUSTER_ID);
  cw_journal_set_spec (adding, CW_SPEC_ADDED_TO, LINK_ID);
  cw_journal_set_spec (adding, CW_SPEC_DISPLAY_NAME, "plc-a");
  cw_journal_set_spec (adding, CW_SPEC_DATABASE_ID, "billing-db");
  cw_journal_set_state (adding, CW_JOURNAL_CREATING);
  records->journals = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (records->journals, g_object_ref (stopped));
  g_ptr_array_add (records->journals, g_object_ref (elsewhere));
  g_ptr_array_add (records->journals, g_object_ref (done));
  g_ptr_array_add (records->journals, g_object_ref (adding));
  add_health (records, "a", "10.0.1.5", "healthy");
  add_health (records, "b", "10.0.2.7", "healthy");
  links = cw_link_records_join (records, TRUE);
  g_assert_cmpuint (links->len, ==, 4);
  link = g_ptr_array_index (links, 2);
  g_assert_cmpstr (cw_link_get (link, CW_LINK_DISPLAY_NAME), ==, "half made");
  g_assert_cmpstr (cw_link_get (link, CW_LINK_RUN_ERROR), ==, "The load balancer failed.");
  g_assert_cmpint (cw_link_get_status (link), ==, CW_LINK_BROKEN);
  /* The addition's run, to resume or roll back, says which database and link. */
  link = g_ptr_array_index (links, 3);
  g_assert_cmpstr (cw_link_get (link, CW_LINK_DISPLAY_NAME), ==, "plc-a: adding billing-db");
  g_assert_cmpstr (cw_link_get (link, CW_LINK_DATABASE_ID), ==, "billing-db");
  g_assert_cmpint (cw_link_get_status (link), ==, CW_LINK_BROKEN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/join/healthy-and-inferred", test_healthy_and_inferred);
  g_test_add_func ("/engine/join/cluster-name", test_cluster_name);
  g_test_add_func ("/engine/join/inferred-from-previous-address", test_inferred_from_previous_address);
  g_test_add_func ("/engine/join/not-inferred-other-vpc", test_not_inferred_other_vpc);
  g_test_add_func ("/engine/join/not-inferred-other-port", test_not_inferred_other_port);
  g_test_add_func ("/engine/join/drift", test_drift);
  g_test_add_func ("/engine/join/added-database", test_added_database);
  g_test_add_func ("/engine/join/added-database-saved", test_added_database_saved);
  g_test_add_func ("/engine/join/partial", test_partial_join);
  g_test_add_func ("/engine/join/early", test_early_join);
  g_test_add_func ("/engine/join/unfinished-runs", test_unfinished_runs);
  return g_test_run ();
}
