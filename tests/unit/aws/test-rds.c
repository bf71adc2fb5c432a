/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The RDS operations, all paged with Marker: databases, their parameter groups and the
 * parameters in them; and RDS errors. */
#include "config.h"

#include <string.h>

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
  CwRdsDbParameterGroupStatus *group;

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
  g_assert_cmpint (orders->backup_retention_period, ==, 7);
  g_assert_cmpuint (orders->db_parameter_groups->len, ==, 1);
  group = g_ptr_array_index (orders->db_parameter_groups, 0);
  g_assert_cmpstr (group->db_parameter_group_name, ==, "default.mysql8.0");
  g_assert_cmpstr (group->parameter_apply_status, ==, "in-sync");

  billing = g_ptr_array_index (instances, 1);
  g_assert_cmpstr (billing->engine, ==, "postgres");
  g_assert_cmpint (billing->endpoint_port, ==, 5432);
  g_assert_null (billing->secondary_availability_zone);
  g_assert_false (billing->multi_az);
  g_assert_true (billing->publicly_accessible);
  g_assert_cmpint (billing->backup_retention_period, ==, 0);
  group = g_ptr_array_index (billing->db_parameter_groups, 0);
  g_assert_cmpstr (group->db_parameter_group_name, ==, "billing-postgres15");
  g_assert_cmpstr (group->parameter_apply_status, ==, "pending-reboot");
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
  g_assert_cmpint (cluster->backup_retention_period, ==, 1);
  g_assert_cmpstr (cluster->db_cluster_parameter_group, ==, "default.aurora-mysql8.0");
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

static void
test_describe_db_parameter_groups (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) groups = NULL;
  CwRdsDbParameterGroup *group;

  aws_test_server_reply_file (fixture->server, "rds-DescribeDBParameterGroups.xml");
  cw_rds_describe_db_parameter_groups_async (fixture->client, "orders-mysql80", CW_AWS_CALL_DEFAULT, NULL,
                                             aws_test_store_result, &fixture->result);
  groups = cw_rds_describe_db_parameter_groups_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                       &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeDBParameterGroups", VERSION,
                        "DBParameterGroupName", "orders-mysql80",
                        NULL);
  g_assert_cmpuint (groups->len, ==, 1);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (group->db_parameter_group_name, ==, "orders-mysql80");
  g_assert_cmpstr (group->db_parameter_group_family, ==, "mysql8.0");
  g_assert_cmpstr (group->description, ==, "Orders: binlog for replication");
  g_assert_cmpstr (group->db_parameter_group_arn, ==, "arn:aws:rds:us-east-1:123456789012:pg:orders-mysql80");
  g_assert_false (cw_rds_parameter_group_is_default (group->db_parameter_group_name));
}

static void
test_default_parameter_group (void)
{
  g_assert_true (cw_rds_parameter_group_is_default ("default.mysql8.0"));
  g_assert_true (cw_rds_parameter_group_is_default ("default.aurora-mysql8.0"));
  g_assert_false (cw_rds_parameter_group_is_default ("default-like-mine"));
  g_assert_false (cw_rds_parameter_group_is_default ("orders.default.mysql8.0"));
  g_assert_false (cw_rds_parameter_group_is_default (NULL));
}

/* Two pages, the second asked with the first's Marker; a parameter the group leaves at
 * the engine's default has no value. */
static void
test_describe_db_parameters (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) parameters = NULL;
  CwRdsParameter *parameter;

  aws_test_server_reply_file (fixture->server, "rds-DescribeDBParameters-page1.xml");
  aws_test_server_reply_file (fixture->server, "rds-DescribeDBParameters-page2.xml");
  cw_rds_describe_db_parameters_async (fixture->client, "orders-mysql80", NULL, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                       aws_test_store_result, &fixture->result);
  parameters = cw_rds_describe_db_parameters_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                     &fixture->error);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 2);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeDBParameters", VERSION,
                        "DBParameterGroupName", "orders-mysql80",
                        NULL);
  aws_test_assert_form (sent_form (fixture, 1), "DescribeDBParameters", VERSION,
                        "DBParameterGroupName", "orders-mysql80",
                        "Marker", "YmlubG9nX3Jvd19pbWFnZQ==",
                        NULL);
  g_assert_cmpuint (parameters->len, ==, 4);

  parameter = g_ptr_array_index (parameters, 0);
  g_assert_cmpstr (parameter->parameter_name, ==, "autocommit");
  g_assert_null (parameter->parameter_value);
  g_assert_cmpstr (parameter->source, ==, "engine-default");

  parameter = cw_rds_parameters_find (parameters, "binlog_format");
  g_assert_nonnull (parameter);
  g_assert_cmpstr (parameter->parameter_value, ==, "MIXED");
  g_assert_cmpstr (parameter->source, ==, "system");
  g_assert_cmpstr (parameter->apply_type, ==, "dynamic");
  g_assert_cmpstr (parameter->data_type, ==, "string");
  g_assert_cmpstr (parameter->allowed_values, ==, "ROW,STATEMENT,MIXED");
  g_assert_cmpstr (parameter->apply_method, ==, "pending-reboot");
  g_assert_true (parameter->is_modifiable);

  parameter = cw_rds_parameters_find (parameters, "binlog_row_image");
  g_assert_nonnull (parameter);
  g_assert_cmpstr (parameter->parameter_value, ==, "full");
  g_assert_cmpstr (parameter->source, ==, "user");
  g_assert_cmpstr (parameter->apply_method, ==, "immediate");

  parameter = cw_rds_parameters_find (parameters, "innodb_version");
  g_assert_nonnull (parameter);
  g_assert_null (parameter->parameter_value);
  g_assert_cmpstr (parameter->apply_type, ==, "static");
  g_assert_null (parameter->allowed_values);
  g_assert_false (parameter->is_modifiable);

  g_assert_null (cw_rds_parameters_find (parameters, "binlog_checksum"));
}

/* RDS cannot filter by name, so every page is read and the wanted ones are kept. */
static void
test_describe_db_parameters_wanted (Fixture       *fixture,
                                    gconstpointer  data)
{
  const char * const wanted[] = { "binlog_row_image", "binlog_format", "log_bin", NULL };
  g_autoptr(GPtrArray) parameters = NULL;
  CwRdsParameter *parameter;

  aws_test_server_reply_file (fixture->server, "rds-DescribeDBParameters-page1.xml");
  aws_test_server_reply_file (fixture->server, "rds-DescribeDBParameters-page2.xml");
  cw_rds_describe_db_parameters_async (fixture->client, "orders-mysql80", "system", wanted, CW_AWS_CALL_DEFAULT,
                                       NULL, aws_test_store_result, &fixture->result);
  parameters = cw_rds_describe_db_parameters_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                     &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeDBParameters", VERSION,
                        "DBParameterGroupName", "orders-mysql80",
                        "Source", "system",
                        NULL);
  aws_test_assert_form (sent_form (fixture, 1), "DescribeDBParameters", VERSION,
                        "DBParameterGroupName", "orders-mysql80",
                        "Source", "system",
                        "Marker", "YmlubG9nX3Jvd19pbWFnZQ==",
                        NULL);
  g_assert_cmpuint (parameters->len, ==, 2);
  parameter = g_ptr_array_index (parameters, 0);
  g_assert_cmpstr (parameter->parameter_name, ==, "binlog_format");
  parameter = g_ptr_array_index (parameters, 1);
  g_assert_cmpstr (parameter->parameter_name, ==, "binlog_row_image");
  g_assert_null (cw_rds_parameters_find (parameters, "autocommit"));
}

/* Aurora MySQL keeps binlog_format in the cluster's parameter group. */
static void
test_describe_db_cluster_parameters (Fixture       *fixture,
                                     gconstpointer  data)
{
  const char * const wanted[] = { "binlog_format", "binlog_row_image", NULL };
  g_autoptr(GPtrArray) parameters = NULL;
  CwRdsParameter *parameter;

  aws_test_server_reply_file (fixture->server, "rds-DescribeDBClusterParameters.xml");
  cw_rds_describe_db_cluster_parameters_async (fixture->client, "inventory-aurora-params", NULL, wanted,
                                               CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  parameters = cw_rds_describe_db_cluster_parameters_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                             &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeDBClusterParameters", VERSION,
                        "DBClusterParameterGroupName", "inventory-aurora-params",
                        NULL);
  g_assert_cmpuint (parameters->len, ==, 2);
  parameter = cw_rds_parameters_find (parameters, "binlog_format");
  g_assert_cmpstr (parameter->parameter_value, ==, "ROW");
  g_assert_cmpstr (parameter->apply_type, ==, "static");
  g_assert_cmpstr (parameter->source, ==, "user");
  parameter = cw_rds_parameters_find (parameters, "binlog_row_image");
  g_assert_null (parameter->parameter_value);
  g_assert_cmpstr (parameter->source, ==, "engine-default");
  g_assert_true (parameter->is_modifiable);
}

static void
test_parameter_group_not_found (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *missing = aws_test_read_response ("error-rds-DBParameterGroupNotFound.xml");
  g_autoptr(GPtrArray) parameters = NULL;

  aws_test_server_reply (fixture->server, 404, missing);
  cw_rds_describe_db_parameters_async (fixture->client, "orders-mysql80", NULL, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                       aws_test_store_result, &fixture->result);
  parameters = cw_rds_describe_db_parameters_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                     &fixture->error);
  g_assert_null (parameters);
  g_assert_error (fixture->error, CW_AWS_ERROR, CW_AWS_ERROR_NOT_FOUND);
  g_assert_cmpstr (cw_aws_error_get_code (fixture->error), ==, "DBParameterGroupNotFound");
  g_assert_cmpstr (cw_aws_error_get_action (fixture->error), ==, "rds:DescribeDBParameters");
  g_assert_cmpstr (cw_aws_error_get_request_id (fixture->error), ==, "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
  /* The sentence names the call, AWS's reason with the group, and the request id. */
  g_assert_nonnull (strstr (fixture->error->message, "rds:DescribeDBParameters"));
  g_assert_nonnull (strstr (fixture->error->message, "DBParameterGroup not found: orders-mysql80"));
  g_assert_nonnull (strstr (fixture->error->message, "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"));
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 1);
}

/* A page that fails fails the call: no half a group's parameters. */
static void
test_parameters_second_page_fails (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char invalid[] =
    "<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><Error><Type>Sender</Type>"
    "<Code>InvalidParameterValue</Code><Message>Invalid marker</Message></Error>"
    "<RequestId>0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d</RequestId></ErrorResponse>";
  g_autoptr(GPtrArray) parameters = NULL;

  aws_test_server_reply_file (fixture->server, "rds-DescribeDBParameters-page1.xml");
  aws_test_server_reply (fixture->server, 400, invalid);
  cw_rds_describe_db_parameters_async (fixture->client, "orders-mysql80", NULL, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                       aws_test_store_result, &fixture->result);
  parameters = cw_rds_describe_db_parameters_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                     &fixture->error);
  g_assert_null (parameters);
  g_assert_error (fixture->error, CW_AWS_ERROR, CW_AWS_ERROR_FAILED);
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 2);
  aws_test_assert_form (sent_form (fixture, 1), "DescribeDBParameters", VERSION,
                        "DBParameterGroupName", "orders-mysql80",
                        "Marker", "YmlubG9nX3Jvd19pbWFnZQ==",
                        NULL);
}

/* The IAM policy is checked against these: every RDS action Causeway calls is listed. */
static void
test_operations_listed (void)
{
  const char * const expected[] = {
    "rds:DescribeDBInstances", "rds:DescribeDBClusters", "rds:DescribeDBParameterGroups",
    "rds:DescribeDBParameters", "rds:DescribeDBClusterParameters", NULL
  };
  guint n = 0;
  const CwAwsOperation * const *operations = cw_rds_list_operations (&n);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) actions = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *action = cw_aws_operation_dup_iam_action (operations[i]);

      g_strv_builder_add (builder, action);
    }
  actions = g_strv_builder_end (builder);
  g_assert_cmpuint (n, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_true (g_strv_contains ((const char * const *) actions, expected[i]));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name) g_test_add ("/aws/rds/" #name, Fixture, NULL, aws_test_fixture_set_up, test_##name, aws_test_fixture_tear_down)
  ADD (describe_db_instances);
  ADD (describe_db_clusters);
  ADD (instance_not_found);
  ADD (describe_db_parameter_groups);
  ADD (describe_db_parameters);
  ADD (describe_db_parameters_wanted);
  ADD (describe_db_cluster_parameters);
  ADD (parameter_group_not_found);
  ADD (parameters_second_page_fails);
#undef ADD
  g_test_add_func ("/aws/rds/default-parameter-group", test_default_parameter_group);
  g_test_add_func ("/aws/rds/operations-listed", test_operations_listed);
  return g_test_run ();
}
