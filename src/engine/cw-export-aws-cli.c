/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-export-aws-cli.c: the AWS side of a plan as an AWS CLI script */
#define G_LOG_DOMAIN "cw-export"

#include "config.h"

#include "cw-export-private.h"

/* ---- AWS CLI ---- */

static char *
tag_specifications (const char *resource_type,
                    Spec       *spec,
                    const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *pairs[] = { "Name", name, CW_TAG_LINK_ID, spec->link_id, CW_TAG_DATABASE, spec->database_id, NULL };
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  if (resource_type != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ResourceType");
      json_builder_add_string_value (builder, resource_type);
      json_builder_set_member_name (builder, "Tags");
      json_builder_begin_array (builder);
    }
  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "Key");
      json_builder_add_string_value (builder, pairs[i]);
      json_builder_set_member_name (builder, "Value");
      json_builder_add_string_value (builder, pairs[i + 1]);
      json_builder_end_object (builder);
    }
  if (resource_type != NULL)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return g_shell_quote (text);
}

/* The AWS CLI of Debian 12 (2.9) does not read AWS_ENDPOINT_URL_<SERVICE> itself: the
 * script passes them on, so it runs against any endpoint the variables name. */
static void
aws_cli_header (GString    *out,
                Spec       *spec,
                const char *about)
{
  g_autofree char *region = g_shell_quote (spec->region);

  g_string_append_printf (out,
                          "#!/bin/bash\n"
                          "%s"
                          "set -euo pipefail\n\n"
                          "REGION=%s\n"
                          "POLL_SECONDS=${POLL_SECONDS:-10}\n"
                          "EC2_ENDPOINT=${AWS_ENDPOINT_URL_EC2:-${AWS_ENDPOINT_URL:-}}\n"
                          "ELB_ENDPOINT=${AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2:-${AWS_ENDPOINT_URL:-}}\n\n"
                          "ec2 () { aws ec2 --region \"$REGION\" ${EC2_ENDPOINT:+--endpoint-url \"$EC2_ENDPOINT\"} \"$@\"; }\n"
                          "elbv2 () { aws elbv2 --region \"$REGION\" ${ELB_ENDPOINT:+--endpoint-url \"$ELB_ENDPOINT\"} \"$@\"; }\n\n"
                          "# Runs a command until it prints the expected word, for at most 120 rounds.\n"
                          "wait_for () {\n"
                          "  local expected=$1; shift\n"
                          "  for _ in $(seq 120); do\n"
                          "    [ \"$(\"$@\")\" = \"$expected\" ] && return 0\n"
                          "    sleep \"$POLL_SECONDS\"\n"
                          "  done\n"
                          "  echo \"gave up waiting for $expected\" >&2\n"
                          "  return 1\n"
                          "}\n\n",
                          about, region);
}

static void
aws_cli_link_header (GString *out,
                     Spec    *spec)
{
  g_autofree char *about = g_strdup_printf ("# The AWS side of the TiDB Cloud private link “%s”, exported by Causeway.\n"
                                            "# Link %s. Needs the AWS CLI and credentials for the account. At the end it\n"
                                            "# prints the endpoint service name to give a TiDB Cloud private link connection,\n"
                                            "# whose endpoint must then be accepted on the service.\n",
                                            spec->comment_name, spec->link_id);

  aws_cli_header (out, spec, about);
}

/* The one way out to the database, as --ip-permissions. */
static char *
egress_permission (Spec *spec)
{
  return g_strdup_printf ("IpProtocol=tcp,FromPort=%u,ToPort=%u,%s=[{%s=%s,Description=%s}]", spec->port, spec->port,
                          spec->egress_to_group ? "UserIdGroupPairs" : "IpRanges",
                          spec->egress_to_group ? "GroupId" : "CidrIp", spec->egress_to, CW_LINK_RULE_DESCRIPTION);
}

/* The link's own group: the database port in from anywhere, out only to the database. */
static void
aws_cli_own_group (GString *out,
                   Spec    *spec)
{
  g_autofree char *name = g_shell_quote (spec->own_group_name);
  g_autofree char *description = g_shell_quote (CW_LINK_GROUP_DESCRIPTION);
  g_autofree char *vpc = g_shell_quote (spec->vpc_id);
  g_autofree char *group_tags = tag_specifications ("security-group", spec, spec->load_balancer_name);
  g_autofree char *rule_tags = tag_specifications ("security-group-rule", spec, spec->load_balancer_name);
  g_autofree char *open = g_strdup_printf ("IpProtocol=tcp,FromPort=%u,ToPort=%u,IpRanges=[{CidrIp=%s}]",
                                           spec->port, spec->port, CW_LINK_OPEN_CIDR);
  g_autofree char *open_quoted = g_shell_quote (open);
  g_autofree char *egress = egress_permission (spec);
  g_autofree char *egress_quoted = g_shell_quote (egress);
  g_autofree char *allow_all = g_shell_quote ("IpProtocol=-1,IpRanges=[{CidrIp=" CW_LINK_OPEN_CIDR "}]");

  g_string_append_printf (out,
                          "NLB_SG=$(ec2 create-security-group --group-name %s --description %s --vpc-id %s \\\n"
                          "  --tag-specifications %s --query GroupId --output text)\n"
                          "ec2 authorize-security-group-ingress --group-id \"$NLB_SG\" --ip-permissions %s >/dev/null\n"
                          "# Out only to the database, in place of the allow-all egress of a new group.\n"
                          "ec2 authorize-security-group-egress --group-id \"$NLB_SG\" \\\n"
                          "  --ip-permissions %s \\\n"
                          "  --tag-specifications %s >/dev/null\n"
                          "ec2 revoke-security-group-egress --group-id \"$NLB_SG\" --ip-permissions %s >/dev/null\n",
                          name, description, vpc, group_tags, open_quoted, egress_quoted, rule_tags, allow_all);
}

/* The database's group admits the load balancer's, when the link adds that rule; the
 * command runs as @prefix says, its output goes as @suffix says. */
static void
aws_cli_database_rule (GString    *out,
                       Spec       *spec,
                       const char *prefix,
                       const char *suffix)
{
  g_autofree char *rule_tags = NULL;
  g_autofree char *database_group = NULL;

  if (spec->database_group == NULL)
    return;
  rule_tags = tag_specifications ("security-group-rule", spec, spec->load_balancer_name);
  database_group = g_shell_quote (spec->database_group);
  g_string_append_printf (out,
                          "%sec2 authorize-security-group-ingress --group-id %s \\\n"
                          "  --ip-permissions \"IpProtocol=tcp,FromPort=%u,ToPort=%u,UserIdGroupPairs=[{GroupId=$NLB_SG}]\" \\\n"
                          "  --tag-specifications %s%s\n",
                          prefix, database_group, spec->port, spec->port, rule_tags, suffix);
}

static void
aws_cli_security_groups (GString *out,
                         Spec    *spec)
{
  if (spec->nlb_group == NULL)
    aws_cli_own_group (out, spec);
  else
    {
      g_autofree char *group = g_shell_quote (spec->nlb_group);

      g_string_append_printf (out, "NLB_SG=%s\n", group);
    }
  aws_cli_database_rule (out, spec, "", " >/dev/null");
  g_string_append_c (out, '\n');
}

/* The database's target group and its target, in $TG_ARN. */
static void
aws_cli_target_group (GString *out,
                      Spec    *spec)
{
  g_autofree char *tg_name = g_shell_quote (spec->target_group_name);
  g_autofree char *vpc = g_shell_quote (spec->vpc_id);
  g_autofree char *ip = g_shell_quote (spec->database_ip);
  g_autofree char *tg_tags = tag_specifications (NULL, spec, spec->target_group_name);

  g_string_append_printf (out,
                          "TG_ARN=$(elbv2 create-target-group --name %s --protocol TCP --port %u --vpc-id %s \\\n"
                          "  --target-type ip --health-check-protocol TCP --health-check-interval-seconds %d \\\n"
                          "  --health-check-timeout-seconds %d --healthy-threshold-count %d --unhealthy-threshold-count %d \\\n"
                          "  --tags %s --query 'TargetGroups[0].TargetGroupArn' --output text)\n",
                          tg_name, spec->port, vpc, CW_LINK_HEALTH_INTERVAL_S, CW_LINK_HEALTH_TIMEOUT_S,
                          CW_LINK_HEALTHY_THRESHOLD, CW_LINK_UNHEALTHY_THRESHOLD, tg_tags);
  if (spec->cross_zone)
    g_string_append (out, "elbv2 modify-target-group-attributes --target-group-arn \"$TG_ARN\" \\\n"
                          "  --attributes Key=load_balancing.cross_zone.enabled,Value=true >/dev/null\n");
  g_string_append_printf (out, "elbv2 register-targets --target-group-arn \"$TG_ARN\" --targets Id=%s,Port=%u\n\n",
                          ip, spec->port);
}

static void
aws_cli_listener (GString *out,
                  Spec    *spec)
{
  g_autofree char *lb_tags = tag_specifications (NULL, spec, spec->load_balancer_name);

  g_string_append_printf (out,
                          "elbv2 create-listener --load-balancer-arn \"$NLB_ARN\" --protocol TCP --port %u \\\n"
                          "  --default-actions \"Type=forward,TargetGroupArn=$TG_ARN\" --tags %s >/dev/null\n",
                          spec->listener_port, lb_tags);
}

static void
aws_cli_load_balancer (GString *out,
                       Spec    *spec)
{
  g_autofree char *lb_name = g_shell_quote (spec->load_balancer_name);
  g_autofree char *lb_tags = tag_specifications (NULL, spec, spec->load_balancer_name);
  g_autoptr(GString) subnets = g_string_new (NULL);

  for (guint i = 0; spec->subnet_ids[i] != NULL; i++)
    {
      g_autofree char *subnet = g_shell_quote (spec->subnet_ids[i]);

      g_string_append_printf (subnets, " %s", subnet);
    }
  aws_cli_target_group (out, spec);
  g_string_append_printf (out,
                          "NLB_ARN=$(elbv2 create-load-balancer --name %s --type network --scheme internal \\\n"
                          "  --subnets%s --security-groups \"$NLB_SG\" \\\n"
                          "  --tags %s --query 'LoadBalancers[0].LoadBalancerArn' --output text)\n",
                          lb_name, subnets->str, lb_tags);
  aws_cli_listener (out, spec);
  g_string_append (out, "echo \"Waiting for the load balancer to become active…\" >&2\n"
                        "wait_for active elbv2 describe-load-balancers --load-balancer-arns \"$NLB_ARN\" \\\n"
                        "  --query 'LoadBalancers[0].State.Code' --output text\n\n");
}

static void
aws_cli_endpoint_service (GString *out,
                          Spec    *spec)
{
  g_autofree char *token = g_shell_quote (spec->client_token);
  g_autofree char *tags = tag_specifications ("vpc-endpoint-service", spec, spec->display_name);
  g_autofree char *principal = g_shell_quote (spec->principal);
  g_autofree char *ticloud = cw_export_ticloud_command (spec, " ");
  g_autofree char *ticloud_quoted = g_shell_quote (ticloud);

  g_string_append_printf (out,
                          "SERVICE_ID=$(ec2 create-vpc-endpoint-service-configuration --network-load-balancer-arns \"$NLB_ARN\" \\\n"
                          "  --acceptance-required --supported-ip-address-types ipv4 --client-token %s \\\n"
                          "  --tag-specifications %s --query 'ServiceConfiguration.ServiceId' --output text)\n"
                          "wait_for Available ec2 describe-vpc-endpoint-service-configurations --service-ids \"$SERVICE_ID\" \\\n"
                          "  --query 'ServiceConfigurations[0].ServiceState' --output text\n"
                          "ec2 modify-vpc-endpoint-service-permissions --service-id \"$SERVICE_ID\" --add-allowed-principals %s >/dev/null\n"
                          "SERVICE_NAME=$(ec2 describe-vpc-endpoint-service-configurations --service-ids \"$SERVICE_ID\" \\\n"
                          "  --query 'ServiceConfigurations[0].ServiceName' --output text)\n\n"
                          "echo \"Endpoint service: $SERVICE_NAME\"\n"
                          "echo \"Create the TiDB Cloud private link connection to it with the ticloud CLI:\"\n"
                          "printf '  %%s %%s\\n' %s \"$SERVICE_NAME\"\n"
                          "echo \"then accept its endpoint (or let Causeway accept it):\"\n"
                          "echo \"  aws ec2 accept-vpc-endpoint-connections --service-id $SERVICE_ID --vpc-endpoint-ids ENDPOINT_ID\"\n",
                          token, tags, principal, ticloud_quoted);
}

/* ---- a database added to a link ---- */

/* The link's parts, found by its load balancer's name: the script runs wherever the
 * link was made, by Causeway or by the link's own script. */
static void
aws_cli_find_link (GString *out,
                   Spec    *spec)
{
  g_autofree char *lb_name = g_shell_quote (spec->load_balancer_name);

  g_string_append_printf (out,
                          "NLB_ARN=$(elbv2 describe-load-balancers --names %s --query 'LoadBalancers[0].LoadBalancerArn' --output text)\n"
                          "NLB_SG=$(elbv2 describe-load-balancers --names %s --query 'LoadBalancers[0].SecurityGroups[0]' --output text)\n"
                          "SERVICE_ID=$(ec2 describe-vpc-endpoint-service-configurations \\\n"
                          "  --query \"ServiceConfigurations[?contains(NetworkLoadBalancerArns, '$NLB_ARN')].ServiceId | [0]\" --output text)\n\n"
                          "# Runs an authorize command; a rule another database of the link made already is no error.\n"
                          "allow () {\n"
                          "  local said\n"
                          "  said=$(\"$@\" 2>&1 >/dev/null) && return 0\n"
                          "  case $said in *InvalidPermission.Duplicate*) return 0 ;; esac\n"
                          "  echo \"$said\" >&2\n"
                          "  return 1\n"
                          "}\n\n",
                          lb_name, lb_name);
}

static void
aws_cli_addition_rules (GString *out,
                        Spec    *spec)
{
  g_autofree char *open = g_strdup_printf ("IpProtocol=tcp,FromPort=%u,ToPort=%u,IpRanges=[{CidrIp=%s,Description=%s}]",
                                           spec->listener_port, spec->listener_port, CW_LINK_OPEN_CIDR,
                                           CW_LINK_RULE_DESCRIPTION);
  g_autofree char *open_quoted = g_shell_quote (open);
  g_autofree char *egress = egress_permission (spec);
  g_autofree char *egress_quoted = g_shell_quote (egress);

  g_string_append_printf (out,
                          "# The database's own port on the load balancer's group, and its way out to the database.\n"
                          "ec2 authorize-security-group-ingress --group-id \"$NLB_SG\" --ip-permissions %s >/dev/null\n"
                          "allow ec2 authorize-security-group-egress --group-id \"$NLB_SG\" --ip-permissions %s\n",
                          open_quoted, egress_quoted);
  aws_cli_database_rule (out, spec, "allow ", "");
  g_string_append_c (out, '\n');
}

static char *
aws_cli_addition (Spec *spec)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *about = g_strdup_printf ("# %s added to the TiDB Cloud private link “%s”, exported by Causeway.\n"
                                            "# Link %s: its load balancer, endpoint service and TiDB Cloud connection\n"
                                            "# serve the database too, on port %u. Needs the AWS CLI and credentials.\n",
                                            spec->database_id, spec->comment_name, spec->link_id, spec->listener_port);
  g_autofree char *tag = g_strdup_printf ("Key=" CW_TAG_PORT_PREFIX "%u,Value=%s/%s", spec->listener_port,
                                          spec->database_id, spec->target_group_name);
  g_autofree char *tag_quoted = g_shell_quote (tag);

  aws_cli_header (out, spec, about);
  aws_cli_find_link (out, spec);
  aws_cli_addition_rules (out, spec);
  aws_cli_target_group (out, spec);
  aws_cli_listener (out, spec);
  g_string_append_printf (out,
                          "# The endpoint service names the database's port, as Causeway's links view reads it.\n"
                          "ec2 create-tags --resources \"$SERVICE_ID\" --tags %s\n\n"
                          "echo \"TiDB Cloud reaches %s through the link's private link connection on port %u.\"\n",
                          tag_quoted, spec->database_id, spec->listener_port);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
cw_export_aws_cli (CwJournal *journal)
{
  g_auto(Spec) spec = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);

  cw_export_spec_read (&spec, journal);
  if (spec.added_to != NULL)
    return aws_cli_addition (&spec);
  aws_cli_link_header (out, &spec);
  aws_cli_security_groups (out, &spec);
  aws_cli_load_balancer (out, &spec);
  aws_cli_endpoint_service (out, &spec);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
