/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-iam-policy.c */
#define G_LOG_DOMAIN "cw-iam-policy"

#include "config.h"

#include "cw-iam-policy.h"
#include "cw-pricing.h"

/* What reviewing a link reads (the plan's pages and the links view), what the
 * migration's readiness checks read of the database (DESIGN.md §12: backups, and
 * binlog_format / binlog_row_image in its parameter group, a cluster's for Aurora), and
 * the Review page's prices (DESIGN.md §4.5; without it the cost is only unknown). */
static const char * const read_actions[] = {
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeVpcs",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeVpcEndpointServiceConfigurations",
  "ec2:DescribeVpcEndpointServicePermissions",
  "ec2:DescribeVpcEndpointConnections",
  "elasticloadbalancing:DescribeTargetGroups",
  "elasticloadbalancing:DescribeTargetHealth",
  "elasticloadbalancing:DescribeLoadBalancers",
  "elasticloadbalancing:DescribeListeners",
  "elasticloadbalancing:DescribeTags",
  "rds:DescribeDBInstances",
  "rds:DescribeDBClusters",
  "rds:DescribeDBParameterGroups",
  "rds:DescribeDBParameters",
  "rds:DescribeDBClusterParameters",
  CW_PRICING_IAM_ACTION,
  NULL
};

static void
add_actions (GPtrArray          *actions,
             const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (actions, names[i], g_str_equal, NULL))
      g_ptr_array_add (actions, (gpointer) names[i]);
}

/* Tagging at creation needs the tagging action too: ec2:CreateTags for TagSpecifications,
 * elasticloadbalancing:AddTags for Tags. */
static GPtrArray *
create_actions (CwLinkPlan *plan)
{
  static const char * const always[] = {
    "ec2:CreateTags",
    "ec2:CreateVpcEndpointServiceConfiguration",
    "ec2:ModifyVpcEndpointServicePermissions",
    "ec2:AcceptVpcEndpointConnections",
    "elasticloadbalancing:CreateTargetGroup",
    "elasticloadbalancing:RegisterTargets",
    "elasticloadbalancing:CreateLoadBalancer",
    "elasticloadbalancing:CreateListener",
    "elasticloadbalancing:AddTags",
    NULL
  };
  /* The own group's one way out replaces the allow-all egress AWS gives it. */
  static const char * const own_group[] = {
    "ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
    "ec2:RevokeSecurityGroupEgress", NULL
  };
  static const char * const database_rule[] = { "ec2:AuthorizeSecurityGroupIngress", NULL };
  static const char * const cross_zone[] = { "elasticloadbalancing:ModifyTargetGroupAttributes", NULL };
  GPtrArray *actions = g_ptr_array_new ();

  add_actions (actions, always);
  if (cw_link_plan_get_nlb_security_group (plan) == NULL)
    add_actions (actions, own_group);
  if (cw_link_plan_get_database_security_group (plan) != NULL)
    add_actions (actions, database_rule);
  if (cw_link_plan_get_cross_zone (plan))
    add_actions (actions, cross_zone);
  return actions;
}

/* Roll back, teardown and re-sync. */
static GPtrArray *
delete_actions (CwLinkPlan *plan)
{
  static const char * const always[] = {
    "ec2:RejectVpcEndpointConnections",
    "ec2:DeleteVpcEndpointServiceConfigurations",
    "elasticloadbalancing:DeleteListener",
    "elasticloadbalancing:DeleteLoadBalancer",
    "elasticloadbalancing:DeleteTargetGroup",
    "elasticloadbalancing:RegisterTargets",
    "elasticloadbalancing:DeregisterTargets",
    NULL
  };
  /* A database added to the link (DESIGN.md §4.5) opens its port in the own group with
   * the create statement's rights; removing it closes the port and takes its tag off the
   * endpoint service. */
  static const char * const own_group[] = {
    "ec2:DeleteSecurityGroup", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteTags", NULL
  };
  static const char * const database_rule[] = { "ec2:RevokeSecurityGroupIngress", NULL };
  /* Without a database group, the own group's way out names the database's address,
   * which a re-sync moves. */
  static const char * const egress_to_address[] = {
    "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupEgress", NULL
  };
  GPtrArray *actions = g_ptr_array_new ();

  add_actions (actions, always);
  if (cw_link_plan_get_nlb_security_group (plan) == NULL)
    add_actions (actions, own_group);
  if (cw_link_plan_get_nlb_security_group (plan) == NULL && cw_link_plan_get_database_security_group (plan) == NULL)
    add_actions (actions, egress_to_address);
  if (cw_link_plan_get_nlb_security_group (plan) == NULL || cw_link_plan_get_database_security_group (plan) != NULL)
    add_actions (actions, database_rule);
  return actions;
}

static void
add_statement (JsonBuilder *builder,
               const char  *sid,
               GPtrArray   *actions,
               const char  *region)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Sid");
  json_builder_add_string_value (builder, sid);
  json_builder_set_member_name (builder, "Effect");
  json_builder_add_string_value (builder, "Allow");
  json_builder_set_member_name (builder, "Action");
  json_builder_begin_array (builder);
  for (guint i = 0; i < actions->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (actions, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "Resource");
  json_builder_add_string_value (builder, "*");
  if (region != NULL)
    {
      json_builder_set_member_name (builder, "Condition");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "StringEquals");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "aws:RequestedRegion");
      json_builder_add_string_value (builder, region);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/* The first load balancer of an account makes AWS create Elastic Load Balancing's
 * service-linked role, with the caller's rights. */
static void
add_service_linked_role (JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Sid");
  json_builder_add_string_value (builder, "CausewayLoadBalancingRole");
  json_builder_set_member_name (builder, "Effect");
  json_builder_add_string_value (builder, "Allow");
  json_builder_set_member_name (builder, "Action");
  json_builder_add_string_value (builder, "iam:CreateServiceLinkedRole");
  json_builder_set_member_name (builder, "Resource");
  json_builder_add_string_value (builder, "*");
  json_builder_set_member_name (builder, "Condition");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "StringEquals");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "iam:AWSServiceName");
  json_builder_add_string_value (builder, "elasticloadbalancing.amazonaws.com");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* The policy, as an IAM policy document. Without a region in the plan (no cluster or
 * database chosen yet) it is not limited to one. */
JsonNode *
cw_iam_policy_for_plan (CwLinkPlan *plan)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) reads = g_ptr_array_new ();
  g_autoptr(GPtrArray) creates = create_actions (plan);
  g_autoptr(GPtrArray) deletes = delete_actions (plan);
  const char *region = cw_link_plan_get_database_region (plan);

  add_actions (reads, read_actions);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Version");
  json_builder_add_string_value (builder, "2012-10-17");
  json_builder_set_member_name (builder, "Statement");
  json_builder_begin_array (builder);
  add_statement (builder, "CausewayReview", reads, region);
  add_statement (builder, "CausewayCreate", creates, region);
  add_statement (builder, "CausewayRollBackAndRepair", deletes, region);
  add_service_linked_role (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
cw_iam_policy_to_string (JsonNode *policy)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, policy);
  return json_generator_to_data (generator, NULL);
}

/* Every action the policy allows, each once. */
GStrv
cw_iam_policy_dup_actions (JsonNode *policy)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *statements = json_object_get_array_member (json_node_get_object (policy), "Statement");

  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonNode *actions = json_object_get_member (json_array_get_object_element (statements, i), "Action");
      JsonArray *list = JSON_NODE_HOLDS_ARRAY (actions) ? json_node_get_array (actions) : NULL;
      guint n = list ? json_array_get_length (list) : 1;

      for (guint j = 0; j < n; j++)
        {
          const char *action = list ? json_array_get_string_element (list, j) : json_node_get_string (actions);

          if (g_hash_table_add (seen, (gpointer) action))
            g_strv_builder_add (builder, action);
        }
    }
  return g_strv_builder_end (builder);
}
