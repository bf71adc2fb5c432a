/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-parameters.c: the databases' parameter groups, backups and master users
 * as RDS answers them: DescribeDBInstances and DescribeDBClusters name them;
 * DescribeDBParameterGroups, DescribeDBParameters and DescribeDBClusterParameters list
 * them in pages of 20 to 100 records, with the validation RDS applies. */
#include "config.h"

#include <string.h>

#include "sandbox-test.h"

static char *
instance (SbTest     *sb,
          const char *identifier)
{
  return sb_aws_ok (sb, "rds", "DescribeDBInstances", "DBInstanceIdentifier", identifier, NULL);
}

static void
assert_xml (const char *xml,
            const char *name,
            const char *value)
{
  g_autofree char *got = sb_xml_get (xml, name);

  if (g_strcmp0 (got, value) != 0)
    g_error ("<%s> is %s, not %s, in %s", name, got ? got : "missing", value ? value : "missing", xml);
}

static void
test_instances_and_clusters (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *orders = instance (sb, "orders-mysql");
  g_autofree char *billing = instance (sb, "billing-mysql");
  g_autofree char *public = instance (sb, "public-mysql");
  g_autofree char *member = instance (sb, "inventory-aurora-instance-1");
  g_autofree char *clusters = sb_aws_ok (sb, "rds", "DescribeDBClusters", NULL);

  assert_xml (orders, "MasterUsername", CW_SANDBOX_MYSQL_USER);
  assert_xml (orders, "BackupRetentionPeriod", "7");
  assert_xml (orders, "DBParameterGroupName", "orders-mysql80");
  assert_xml (orders, "ParameterApplyStatus", "in-sync");
  assert_xml (billing, "DBParameterGroupName", "billing-mysql80");
  assert_xml (public, "DBParameterGroupName", "default.mysql8.0");
  assert_xml (public, "BackupRetentionPeriod", "0");
  assert_xml (member, "DBParameterGroupName", "default.aurora-mysql8.0");
  assert_xml (clusters, "DBClusterParameterGroup", "default.aurora-mysql8.0");
  assert_xml (clusters, "BackupRetentionPeriod", "1");
  assert_xml (clusters, "MasterUsername", CW_SANDBOX_MYSQL_USER);
}

static void
test_parameter_groups (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *all = sb_aws_ok (sb, "rds", "DescribeDBParameterGroups", NULL);
  g_autofree char *one = sb_aws_ok (sb, "rds", "DescribeDBParameterGroups", "DBParameterGroupName", "orders-mysql80",
                                    NULL);
  g_autoptr(GPtrArray) names = sb_xml_all (all, "DBParameterGroupName");
  g_autoptr(GPtrArray) found = sb_xml_all (one, "DBParameterGroupName");
  g_autofree char *description = sb_xml_get (all, "Description");

  g_assert_true (g_ptr_array_find_with_equal_func (names, "default.mysql8.0", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "default.mysql5.7", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "default.postgres15", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "billing-mysql80", g_str_equal, NULL));
  g_assert_cmpuint (found->len, ==, 1);
  assert_xml (one, "DBParameterGroupFamily", "mysql8.0");
  assert_xml (one, "DBParameterGroupArn", "arn:aws:rds:us-east-1:111122223333:pg:orders-mysql80");
  g_assert_nonnull (description);
  sb_aws_expect_error (sb, "rds", "DBParameterGroupNotFound", "DescribeDBParameterGroups",
                       "DBParameterGroupName", "nope", NULL);
  sb_aws_expect_error (sb, "rds", "InvalidParameterValue", "DescribeDBParameterGroups", "MaxRecords", "10", NULL);
}

/* Every parameter of @group, following the markers; checks each page's size. */
static GHashTable *
all_parameters (SbTest     *sb,
                const char *action,
                const char *group_param,
                const char *group,
                const char *page_size,
                guint      *pages)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *marker = NULL;

  *pages = 0;
  do
    {
      g_autofree char *page = marker
        ? sb_aws_ok (sb, "rds", action, group_param, group, "MaxRecords", page_size, "Marker", marker, NULL)
        : sb_aws_ok (sb, "rds", action, group_param, group, "MaxRecords", page_size, NULL);
      g_autoptr(GPtrArray) parameters = sb_xml_all (page, "Parameter");

      g_assert_cmpuint (parameters->len, <=, g_ascii_strtoull (page_size, NULL, 10));
      for (guint i = 0; i < parameters->len; i++)
        {
          g_autofree char *name = sb_xml_get (parameters->pdata[i], "ParameterName");
          g_autofree char *value = sb_xml_get (parameters->pdata[i], "ParameterValue");
          g_autofree char *source = sb_xml_get (parameters->pdata[i], "Source");

          g_assert_false (g_hash_table_contains (values, name));
          g_hash_table_insert (values, g_steal_pointer (&name),
                               g_strdup_printf ("%s/%s", value ? value : "-", source));
        }
      g_free (marker);
      marker = sb_xml_get (page, "Marker");
      (*pages)++;
    }
  while (marker != NULL);
  return values;
}

static void
test_describe_parameters (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  guint pages = 0;
  guint default_pages = 0;
  g_autoptr(GHashTable) by_20 = all_parameters (sb, "DescribeDBParameters", "DBParameterGroupName", "orders-mysql80",
                                                "20", &pages);
  g_autoptr(GHashTable) by_100 = all_parameters (sb, "DescribeDBParameters", "DBParameterGroupName", "orders-mysql80",
                                                 "100", &default_pages);
  g_autoptr(GHashTable) defaults = all_parameters (sb, "DescribeDBParameters", "DBParameterGroupName",
                                                   "default.mysql8.0", "100", &default_pages);
  g_autofree char *user = sb_aws_ok (sb, "rds", "DescribeDBParameters", "DBParameterGroupName", "orders-mysql80",
                                     "Source", "user", NULL);
  g_autoptr(GPtrArray) user_names = sb_xml_all (user, "ParameterName");

  /* More than a page even at the most: a client that stops at the first misses some. */
  g_assert_cmpuint (g_hash_table_size (by_20), >, 100);
  g_assert_cmpuint (pages, ==, (g_hash_table_size (by_20) + 19) / 20);
  g_assert_cmpuint (default_pages, >=, 2);
  g_assert_cmpuint (g_hash_table_size (by_100), ==, g_hash_table_size (by_20));
  g_assert_cmpstr (g_hash_table_lookup (by_20, "binlog_format"), ==, "ROW/user");
  g_assert_cmpstr (g_hash_table_lookup (by_20, "binlog_row_image"), ==, "full/user");
  g_assert_cmpstr (g_hash_table_lookup (by_20, "require_secure_transport"), ==, "-/engine-default");
  g_assert_cmpstr (g_hash_table_lookup (defaults, "binlog_format"), ==, "MIXED/system");
  g_assert_cmpstr (g_hash_table_lookup (defaults, "binlog_row_image"), ==, "-/engine-default");
  g_assert_cmpuint (user_names->len, ==, 3);
  g_assert_null (sb_xml_get (user, "Marker"));
}

static void
test_describe_parameters_refused (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);

  sb_aws_expect_error (sb, "rds", "InvalidParameterValue", "DescribeDBParameters",
                       "DBParameterGroupName", "orders-mysql80", "MaxRecords", "19", NULL);
  sb_aws_expect_error (sb, "rds", "InvalidParameterValue", "DescribeDBParameters",
                       "DBParameterGroupName", "orders-mysql80", "MaxRecords", "101", NULL);
  sb_aws_expect_error (sb, "rds", "InvalidParameterValue", "DescribeDBParameters",
                       "DBParameterGroupName", "orders-mysql80", "Marker", "not-a-marker", NULL);
  sb_aws_expect_error (sb, "rds", "InvalidParameterValue", "DescribeDBParameters",
                       "DBParameterGroupName", "orders-mysql80", "Source", "customer", NULL);
  sb_aws_expect_error (sb, "rds", "DBParameterGroupNotFound", "DescribeDBParameters",
                       "DBParameterGroupName", "nope", NULL);
  sb_aws_expect_error (sb, "rds", "MissingParameter", "DescribeDBParameters", NULL);
  /* A cluster parameter group is not a DB parameter group. */
  sb_aws_expect_error (sb, "rds", "DBParameterGroupNotFound", "DescribeDBClusterParameters",
                       "DBClusterParameterGroupName", "orders-mysql80", NULL);
}

/* Aurora keeps its binlog off until a custom cluster group turns it on. */
static void
test_cluster_parameters (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  guint pages = 0;
  g_autoptr(GHashTable) cluster = all_parameters (sb, "DescribeDBClusterParameters", "DBClusterParameterGroupName",
                                                  "default.aurora-mysql8.0", "20", &pages);
  g_autoptr(GHashTable) members = all_parameters (sb, "DescribeDBParameters", "DBParameterGroupName",
                                                  "default.aurora-mysql8.0", "100", &pages);
  g_autofree char *engine = sb_aws_ok (sb, "rds", "DescribeDBClusterParameters", "DBClusterParameterGroupName",
                                       "default.aurora-mysql8.0", "Source", "engine", NULL);

  g_assert_cmpstr (g_hash_table_lookup (cluster, "binlog_format"), ==, "OFF/system");
  g_assert_true (g_hash_table_contains (cluster, "aurora_enable_repl_bin_log_filtering"));
  g_assert_false (g_hash_table_contains (members, "binlog_format"));
  g_assert_true (g_hash_table_contains (members, "max_connections"));
  g_assert_null (strstr (engine, "<Source>system</Source>"));
  g_assert_nonnull (strstr (engine, "<SupportedEngineModes><member>provisioned</member></SupportedEngineModes>"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/parameters/instances-and-clusters", test_instances_and_clusters);
  g_test_add_func ("/sandbox/parameters/groups", test_parameter_groups);
  g_test_add_func ("/sandbox/parameters/describe", test_describe_parameters);
  g_test_add_func ("/sandbox/parameters/describe-refused", test_describe_parameters_refused);
  g_test_add_func ("/sandbox/parameters/cluster", test_cluster_parameters);
  return g_test_run ();
}
