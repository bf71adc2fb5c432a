/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The RDS operations, both paged with Marker; and an RDS error. */
#include "config.h"

#include "aws-test-server.h"
#include "cw-aws-error.h"
#include "cw-rds.h"

#define VERSION "2014-10-31"

typedef AwsTestFixture Fixture;

static GHashTable *
sent_form (Fixture *fixture,
           guint    index)
{
  g_assert_cmpstr (aws_test_server_get_service (fixture->server, index), ==, "rds");
  return aws_test_server_get_form (fixture->server, index);
}

static void
test_describe_db_instances (Fixture       *fixture,
                            gconstpointer  data)
{
  const char * const engines[] = { "mysql", "mariadb", NULL };
  const CwAwsFilter filters[] = { { "engine", engines }, { NULL } };
  g_autoptr(GPtrArray) instances = NULL;
  CwRdsDbInstance *orders;
  CwRdsDbInstance *billing;
  CwRdsSubnet *subnet;

  aws_test_server_reply_file (fixture->server, "rds-DescribeDBInstances-page1.xml");
  aws_test_server_reply_file (fixture->server, "rds-DescribeDBInstances-page2.xml");
  cw_rds_describe_db_instances_async (fixture->client, NULL, filters, CW_AWS_CALL_DEFAULT, NULL,
                                      aws_test_store_result, &fixture->result);
  instances = cw_rds_describe_db_instances_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeDBInstances", VERSION,
                        "Filters.Filter.1.Name", "engine",
                        "Filters.Filter.1.Values.Value.1", "mysql",
                        "Filters.Filter.1.Values.Value.2", "mariadb",
                        NULL);
  aws_test_assert_form (sent_form (fixture, 1), "DescribeDBInstances", VERSION,
                        "Filters.Filter.1.Name", "engine",
                        "Filters.Filter.1.Values.Value.1", "mysql",
                        "Filters.Filter.1.Values.Value.2", "mariadb",
                        "Marker", "b3JkZXJzLWRiLXBhZ2UtMg==",
                        NULL);
  g_assert_cmpuint (instances->len, ==, 2);

  orders = g_ptr_array_index (instances, 0);
  g_assert_cmpstr (orders->db_instance_identifier, ==, "orders-db");
  g_assert_cmpstr (orders->db_instance_arn, ==, "arn:aws:rds:us-east-1:123456789012:db:orders-db");
  g_assert_cmpstr (orders->endpoint_address, ==, "orders-db.c9akciq32.us-east-1.rds.amazonaws.com");
  g_assert_cmpint (orders->endpoint_port, ==, 3306);
  g_assert_cmpstr (orders->engine, ==, "mysql");
  g_assert_cmpstr (orders->engine_version, ==, "8.0.35");
  g_assert_cmpstr (orders->status, ==, "available");
  g_assert_cmpstr (orders->vpc_id, ==, "vpc-0123456789abcdef0");
  g_assert_cmpstr (orders->db_subnet_group_name, ==, "orders-private");
  g_assert_cmpuint (orders->subnets->len, ==, 2);
  subnet = g_ptr_array_index (orders->subnets, 1);
  g_assert_cmpstr (subnet->subnet_identifier, ==, "subnet-00000000000000002");
  g_assert_cmpstr (subnet->availability_zone, ==, "us-east-1b");
  g_assert_cmpstr (subnet->status, ==, "Active");
  g_assert_cmpstr (orders->availability_zone, ==, "us-east-1a");
  g_assert_cmpstr (orders->secondary_availability_zone, ==, "us-east-1b");
  g_assert_true (orders->multi_az);
  g_assert_false (orders->publicly_accessible);
  g_assert_cmpstr (orders->vpc_security_group_ids[0], ==, "sg-0aaaaaaaaaaaaaaa1");
  g_assert_null (orders->vpc_security_group_ids[1]);
  g_assert_cmpstr (orders->db_instance_class, ==, "db.t3.medium");

  billing = g_ptr_array_index (instances, 1);
  g_assert_cmpstr (billing->engine, ==, "postgres");
  g_assert_cmpint (billing->endpoint_port, ==, 5432);
  g_assert_null (billing->secondary_availability_zone);
  g_assert_false (billing->multi_az);
  g_assert_true (billing->publicly_accessible);
}

static void
test_describe_db_clusters (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) clusters = NULL;
  CwRdsDbCluster *cluster;
  CwRdsDbClusterMember *writer;
  CwRdsDbClusterMember *reader;

  aws_test_server_reply_file (fixture->server, "rds-DescribeDBClusters.xml");
  cw_rds_describe_db_clusters_async (fixture->client, "inventory-aurora", NULL, CW_AWS_CALL_DEFAULT, NULL,
                                     aws_test_store_result, &fixture->result);
  clusters = cw_rds_describe_db_clusters_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeDBClusters", VERSION,
                        "DBClusterIdentifier", "inventory-aurora",
                        NULL);
  g_assert_cmpuint (clusters->len, ==, 1);
  cluster = g_ptr_array_index (clusters, 0);
  g_assert_cmpstr (cluster->db_cluster_identifier, ==, "inventory-aurora");
  g_assert_cmpstr (cluster->endpoint, ==, "inventory-aurora.cluster-c9akciq32.us-east-1.rds.amazonaws.com");
  g_assert_cmpstr (cluster->reader_endpoint, ==, "inventory-aurora.cluster-ro-c9akciq32.us-east-1.rds.amazonaws.com");
  g_assert_cmpint (cluster->port, ==, 3306);
  g_assert_cmpstr (cluster->engine, ==, "aurora-mysql");
  g_assert_cmpstr (cluster->engine_version, ==, "8.0.mysql_aurora.3.05.2");
  g_assert_cmpstr (cluster->engine_mode, ==, "provisioned");
  g_assert_cmpstr (cluster->status, ==, "available");
  g_assert_true (cluster->multi_az);
  g_assert_cmpuint (g_strv_length (cluster->availability_zones), ==, 3);
  g_assert_cmpstr (cluster->db_subnet_group_name, ==, "orders-private");
  g_assert_cmpstr (cluster->vpc_security_group_ids[0], ==, "sg-0aaaaaaaaaaaaaaa1");
  g_assert_cmpuint (cluster->members->len, ==, 2);
  writer = g_ptr_array_index (cluster->members, 0);
  reader = g_ptr_array_index (cluster->members, 1);
  g_assert_cmpstr (writer->db_instance_identifier, ==, "inventory-aurora-instance-1");
  g_assert_true (writer->is_cluster_writer);
  g_assert_false (reader->is_cluster_writer);
}

static void
test_instance_not_found (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *missing = aws_test_read_response ("error-rds-DBInstanceNotFound.xml");
  g_autoptr(GPtrArray) instances = NULL;

  aws_test_server_reply (fixture->server, 404, missing);
  cw_rds_describe_db_instances_async (fixture->client, "orders-db", NULL, CW_AWS_CALL_DEFAULT, NULL,
                                      aws_test_store_result, &fixture->result);
  instances = cw_rds_describe_db_instances_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_null (instances);
  g_assert_error (fixture->error, CW_AWS_ERROR, CW_AWS_ERROR_NOT_FOUND);
  g_assert_cmpstr (cw_aws_error_get_code (fixture->error), ==, "DBInstanceNotFound");
  g_assert_cmpstr (cw_aws_error_get_request_id (fixture->error), ==, "c2f5e6a7-1b3d-4e8f-9a0b-1c2d3e4f5a6b");
  aws_test_assert_form (sent_form (fixture, 0), "DescribeDBInstances", VERSION,
                        "DBInstanceIdentifier", "orders-db",
                        NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name) g_test_add ("/aws/rds/" #name, Fixture, NULL, aws_test_fixture_set_up, test_##name, aws_test_fixture_tear_down)
  ADD (describe_db_instances);
  ADD (describe_db_clusters);
  ADD (instance_not_found);
#undef ADD
  return g_test_run ();
}
