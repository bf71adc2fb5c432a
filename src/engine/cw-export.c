/* cw-export.c */
#define G_LOG_DOMAIN "cw-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cw-export.h"
#include "cw-provisioner.h"

/* ---- the decisions, read once ---- */

typedef struct {
  const char *link_id;
  const char *region;
  const char *database_id;
  const char *vpc_id;
  guint       port;
  const char *database_ip;
  GStrv       subnet_ids;
  const char *target_group_name;
  const char *load_balancer_name;
  const char *display_name;
  const char *nlb_group;        /* chosen, or NULL: the link's own */
  const char *database_group;   /* NULL: no rule */
  gboolean    cross_zone;
  char       *principal;
  char       *own_group_name;
  char       *client_token;
  char       *comment_name;   /* the display name, safe in a comment */
} Spec;

/* The display name is free text: in a comment of generated code, a line break would
 * end the comment and make the rest code. */
static char *
comment_text (const char *text)
{
  char *copy = g_strdup (text);

  for (char *p = copy; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return copy;
}

/* A plan that cannot work yet may lack some of these: shown as "?". */
static const char *
spec_value (CwJournal  *journal,
            const char *key)
{
  const char *value = cw_journal_get_spec (journal, key);

  return value ? value : "?";
}

static void
spec_read (Spec      *spec,
           CwJournal *journal)
{
  spec->link_id = cw_journal_get_link_id (journal);
  spec->region = spec_value (journal, CW_SPEC_REGION);
  spec->database_id = spec_value (journal, CW_SPEC_DATABASE_ID);
  spec->vpc_id = spec_value (journal, CW_SPEC_VPC_ID);
  spec->port = cw_journal_get_spec_uint (journal, CW_SPEC_DATABASE_PORT);
  spec->database_ip = spec_value (journal, CW_SPEC_DATABASE_IP);
  spec->subnet_ids = cw_journal_dup_spec_strv (journal, CW_SPEC_SUBNET_IDS);
  spec->target_group_name = spec_value (journal, CW_SPEC_TARGET_GROUP_NAME);
  spec->load_balancer_name = spec_value (journal, CW_SPEC_LOAD_BALANCER_NAME);
  spec->display_name = spec_value (journal, CW_SPEC_DISPLAY_NAME);
  spec->nlb_group = cw_journal_get_spec (journal, CW_SPEC_NLB_SECURITY_GROUP);
  spec->database_group = cw_journal_get_spec (journal, CW_SPEC_DATABASE_SECURITY_GROUP);
  spec->cross_zone = cw_journal_get_spec_boolean (journal, CW_SPEC_CROSS_ZONE);
  spec->principal = g_strdup_printf ("arn:aws:iam::%s:root", spec_value (journal, CW_SPEC_TIDB_ACCOUNT_ID));
  spec->own_group_name = cw_link_security_group_name (spec->link_id);
  spec->client_token = cw_link_client_token (spec->link_id);
  spec->comment_name = comment_text (spec->display_name);
}

static void
spec_clear (Spec *spec)
{
  g_strfreev (spec->subnet_ids);
  g_free (spec->principal);
  g_free (spec->own_group_name);
  g_free (spec->client_token);
  g_free (spec->comment_name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Spec, spec_clear)

/* ---- what changes ---- */

const char *
cw_change_action_to_string (CwChangeAction action)
{
  static const char * const names[] = { "create", "modify", "use" };

  return names[action];
}

void
cw_plan_change_free (CwPlanChange *change)
{
  g_free (change->kind);
  g_free (change->name);
  g_free (change->detail);
  g_free (change);
}

static void
add_change (GPtrArray      *changes,
            CwChangeAction  action,
            const char     *kind,
            const char     *name,
            char           *detail)
{
  CwPlanChange *change = g_new0 (CwPlanChange, 1);

  change->action = action;
  change->kind = g_strdup (kind);
  change->name = g_strdup (name);
  change->detail = detail;
  g_ptr_array_add (changes, change);
}

/* Everything the plan creates, changes or uses, in the order it happens. */
GPtrArray *
cw_export_changes (CwJournal *journal)
{
  g_auto(Spec) spec = { 0 };
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_plan_change_free);
  g_autofree char *subnets = NULL;

  spec_read (&spec, journal);
  subnets = g_strjoinv (", ", spec.subnet_ids);
  if (spec.nlb_group == NULL)
    add_change (changes, CW_CHANGE_CREATE, "security-group", spec.own_group_name,
                g_strdup_printf (_("The load balancer’s own security group in %s, admitting TCP port %u."),
                                 spec.vpc_id, spec.port));
  else
    add_change (changes, CW_CHANGE_USE, "security-group", spec.nlb_group,
                g_strdup (_("The chosen security group for the load balancer, left as it is.")));
  if (spec.database_group != NULL)
    add_change (changes, CW_CHANGE_MODIFY, "security-group-rule", spec.database_group,
                g_strdup_printf (_("The database’s security group admits the load balancer’s group on TCP port %u."),
                                 spec.port));
  add_change (changes, CW_CHANGE_CREATE, "target-group", spec.target_group_name,
              g_strdup_printf (_("Type ip, TCP port %u, target %s:%u%s."), spec.port, spec.database_ip, spec.port,
                               spec.cross_zone ? _(", cross-zone load balancing on") : ""));
  add_change (changes, CW_CHANGE_CREATE, "load-balancer", spec.load_balancer_name,
              g_strdup_printf (_("Internal Network Load Balancer in subnets %s."), subnets));
  add_change (changes, CW_CHANGE_CREATE, "listener", spec.load_balancer_name,
              g_strdup_printf (_("TCP port %u, forwarding to the target group."), spec.port));
  add_change (changes, CW_CHANGE_CREATE, "endpoint-service", spec.display_name,
              g_strdup_printf (_("Fronted by the load balancer, acceptance required, %s allowed."), spec.principal));
  add_change (changes, CW_CHANGE_CREATE, "private-link-connection", spec.display_name,
              g_strdup (_("In TiDB Cloud, to the endpoint service; its endpoint is then accepted.")));
  return changes;
}

/* ---- Terraform ---- */

static char *
hcl_string (const char *value)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *p = value ? value : ""; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      else if (*p == '\n')
        {
          g_string_append (out, "\\n");
          continue;
        }
      else if ((*p == '$' || *p == '%') && p[1] == '{')
        g_string_append_c (out, *p);
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
hcl_attribute (GString    *out,
               const char *name,
               const char *value)
{
  g_autofree char *quoted = hcl_string (value);

  g_string_append_printf (out, "  %-34s = %s\n", name, quoted);
}

static void
hcl_raw (GString    *out,
         const char *name,
         const char *expression)
{
  g_string_append_printf (out, "  %-34s = %s\n", name, expression);
}

static void
hcl_tags (GString    *out,
          const char *name)
{
  g_autofree char *quoted = hcl_string (name);
  g_autofree char *expression = g_strdup_printf ("merge(local.tags, { Name = %s })", quoted);

  hcl_raw (out, "tags", expression);
}

static char *
hcl_list (const char * const *values)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *quoted = hcl_string (values[i]);

      g_string_append_printf (out, "%s%s", i ? ", " : "", quoted);
    }
  g_string_append_c (out, ']');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
terraform_header (GString *out,
                  Spec    *spec)
{
  g_autofree char *region = hcl_string (spec->region);
  g_autofree char *link_id = hcl_string (spec->link_id);
  g_autofree char *database_id = hcl_string (spec->database_id);

  g_string_append_printf (out,
                          "# The AWS side of the TiDB Cloud private link “%s”, exported by Causeway.\n"
                          "# Link %s. Apply it, give the endpoint service name to a TiDB Cloud private link\n"
                          "# connection, then accept that connection’s endpoint on the service.\n\n",
                          spec->comment_name, spec->link_id);
  g_string_append (out, "terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n"
                        "      version = \">= 5.0\"\n    }\n  }\n}\n\n");
  g_string_append_printf (out, "provider \"aws\" {\n  region = %s\n}\n\n", region);
  g_string_append_printf (out, "locals {\n  tags = {\n    \"" CW_TAG_LINK_ID "\"  = %s\n"
                               "    \"" CW_TAG_DATABASE "\" = %s\n  }\n}\n\n", link_id, database_id);
}

static void
terraform_security_groups (GString *out,
                           Spec    *spec)
{
  g_autofree char *port = g_strdup_printf ("%u", spec->port);
  g_autofree char *nlb_group = spec->nlb_group ? hcl_string (spec->nlb_group) : g_strdup ("aws_security_group.load_balancer.id");

  if (spec->nlb_group == NULL)
    {
      g_string_append (out, "resource \"aws_security_group\" \"load_balancer\" {\n");
      hcl_attribute (out, "name", spec->own_group_name);
      hcl_attribute (out, "description", CW_LINK_GROUP_DESCRIPTION);
      hcl_attribute (out, "vpc_id", spec->vpc_id);
      hcl_tags (out, spec->load_balancer_name);
      g_string_append (out, "}\n\n");
      g_string_append (out, "resource \"aws_vpc_security_group_ingress_rule\" \"load_balancer_database_port\" {\n");
      hcl_raw (out, "security_group_id", "aws_security_group.load_balancer.id");
      hcl_attribute (out, "ip_protocol", "tcp");
      hcl_raw (out, "from_port", port);
      hcl_raw (out, "to_port", port);
      hcl_attribute (out, "cidr_ipv4", CW_LINK_OPEN_CIDR);
      hcl_attribute (out, "description", CW_LINK_RULE_DESCRIPTION);
      g_string_append (out, "}\n\n");
    }
  if (spec->database_group != NULL)
    {
      g_string_append (out, "resource \"aws_vpc_security_group_ingress_rule\" \"database_from_load_balancer\" {\n");
      hcl_attribute (out, "security_group_id", spec->database_group);
      hcl_attribute (out, "ip_protocol", "tcp");
      hcl_raw (out, "from_port", port);
      hcl_raw (out, "to_port", port);
      hcl_raw (out, "referenced_security_group_id", nlb_group);
      hcl_attribute (out, "description", CW_LINK_RULE_DESCRIPTION);
      hcl_tags (out, spec->load_balancer_name);
      g_string_append (out, "}\n\n");
    }
}

static void
terraform_load_balancer (GString *out,
                         Spec    *spec)
{
  g_autofree char *port = g_strdup_printf ("%u", spec->port);
  g_autofree char *subnets = hcl_list ((const char * const *) spec->subnet_ids);
  g_autofree char *nlb_group = spec->nlb_group ? hcl_string (spec->nlb_group) : g_strdup ("aws_security_group.load_balancer.id");
  g_autofree char *groups = g_strdup_printf ("[%s]", nlb_group);

  g_string_append (out, "resource \"aws_lb_target_group\" \"database\" {\n");
  hcl_attribute (out, "name", spec->target_group_name);
  hcl_raw (out, "port", port);
  hcl_attribute (out, "protocol", "TCP");
  hcl_attribute (out, "target_type", "ip");
  hcl_attribute (out, "vpc_id", spec->vpc_id);
  if (spec->cross_zone)
    hcl_attribute (out, "load_balancing_cross_zone_enabled", "true");
  g_string_append_printf (out, "  health_check {\n    protocol            = \"TCP\"\n    interval            = %d\n"
                               "    timeout             = %d\n    healthy_threshold   = %d\n"
                               "    unhealthy_threshold = %d\n  }\n",
                          CW_LINK_HEALTH_INTERVAL_S, CW_LINK_HEALTH_TIMEOUT_S, CW_LINK_HEALTHY_THRESHOLD,
                          CW_LINK_UNHEALTHY_THRESHOLD);
  hcl_tags (out, spec->target_group_name);
  g_string_append (out, "}\n\n");

  g_string_append (out, "resource \"aws_lb_target_group_attachment\" \"database\" {\n");
  hcl_raw (out, "target_group_arn", "aws_lb_target_group.database.arn");
  hcl_attribute (out, "target_id", spec->database_ip);
  hcl_raw (out, "port", port);
  g_string_append (out, "}\n\n");

  g_string_append (out, "resource \"aws_lb\" \"link\" {\n");
  hcl_attribute (out, "name", spec->load_balancer_name);
  hcl_raw (out, "internal", "true");
  hcl_attribute (out, "load_balancer_type", "network");
  hcl_raw (out, "subnets", subnets);
  hcl_raw (out, "security_groups", groups);
  hcl_tags (out, spec->load_balancer_name);
  g_string_append (out, "}\n\n");

  g_string_append (out, "resource \"aws_lb_listener\" \"database\" {\n");
  hcl_raw (out, "load_balancer_arn", "aws_lb.link.arn");
  hcl_raw (out, "port", port);
  hcl_attribute (out, "protocol", "TCP");
  g_string_append (out, "  default_action {\n    type             = \"forward\"\n"
                        "    target_group_arn = aws_lb_target_group.database.arn\n  }\n");
  hcl_tags (out, spec->load_balancer_name);
  g_string_append (out, "}\n\n");
}

static void
terraform_endpoint_service (GString *out,
                            Spec    *spec)
{
  g_string_append (out, "resource \"aws_vpc_endpoint_service\" \"link\" {\n");
  hcl_raw (out, "acceptance_required", "true");
  hcl_raw (out, "network_load_balancer_arns", "[aws_lb.link.arn]");
  hcl_raw (out, "supported_ip_address_types", "[\"ipv4\"]");
  hcl_tags (out, spec->display_name);
  g_string_append (out, "}\n\n");

  g_string_append (out, "resource \"aws_vpc_endpoint_service_allowed_principal\" \"tidb_cloud\" {\n");
  hcl_raw (out, "vpc_endpoint_service_id", "aws_vpc_endpoint_service.link.id");
  hcl_attribute (out, "principal_arn", spec->principal);
  g_string_append (out, "}\n\n");

  g_string_append (out, "output \"endpoint_service_name\" {\n"
                        "  description = \"The service name to give TiDB Cloud's private link connection.\"\n"
                        "  value       = aws_vpc_endpoint_service.link.service_name\n}\n");
}

char *
cw_export_terraform (CwJournal *journal)
{
  g_auto(Spec) spec = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);

  spec_read (&spec, journal);
  terraform_header (out, &spec);
  terraform_security_groups (out, &spec);
  terraform_load_balancer (out, &spec);
  terraform_endpoint_service (out, &spec);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

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
aws_cli_header (GString *out,
                Spec    *spec)
{
  g_autofree char *region = g_shell_quote (spec->region);

  g_string_append_printf (out,
                          "#!/bin/bash\n"
                          "# The AWS side of the TiDB Cloud private link “%s”, exported by Causeway.\n"
                          "# Link %s. Needs the AWS CLI and credentials for the account. At the end it\n"
                          "# prints the endpoint service name to give a TiDB Cloud private link connection,\n"
                          "# whose endpoint must then be accepted on the service.\n"
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
                          spec->comment_name, spec->link_id, region);
}

static void
aws_cli_security_groups (GString *out,
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

  if (spec->nlb_group == NULL)
    g_string_append_printf (out,
                            "NLB_SG=$(ec2 create-security-group --group-name %s --description %s --vpc-id %s \\\n"
                            "  --tag-specifications %s --query GroupId --output text)\n"
                            "ec2 authorize-security-group-ingress --group-id \"$NLB_SG\" --ip-permissions %s >/dev/null\n",
                            name, description, vpc, group_tags, open_quoted);
  else
    {
      g_autofree char *group = g_shell_quote (spec->nlb_group);

      g_string_append_printf (out, "NLB_SG=%s\n", group);
    }
  if (spec->database_group != NULL)
    {
      g_autofree char *database_group = g_shell_quote (spec->database_group);

      g_string_append_printf (out,
                              "ec2 authorize-security-group-ingress --group-id %s \\\n"
                              "  --ip-permissions \"IpProtocol=tcp,FromPort=%u,ToPort=%u,UserIdGroupPairs=[{GroupId=$NLB_SG}]\" \\\n"
                              "  --tag-specifications %s >/dev/null\n",
                              database_group, spec->port, spec->port, rule_tags);
    }
  g_string_append_c (out, '\n');
}

static void
aws_cli_load_balancer (GString *out,
                       Spec    *spec)
{
  g_autofree char *tg_name = g_shell_quote (spec->target_group_name);
  g_autofree char *lb_name = g_shell_quote (spec->load_balancer_name);
  g_autofree char *vpc = g_shell_quote (spec->vpc_id);
  g_autofree char *ip = g_shell_quote (spec->database_ip);
  g_autofree char *tg_tags = tag_specifications (NULL, spec, spec->target_group_name);
  g_autofree char *lb_tags = tag_specifications (NULL, spec, spec->load_balancer_name);
  g_autoptr(GString) subnets = g_string_new (NULL);

  for (guint i = 0; spec->subnet_ids[i] != NULL; i++)
    {
      g_autofree char *subnet = g_shell_quote (spec->subnet_ids[i]);

      g_string_append_printf (subnets, " %s", subnet);
    }
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
  g_string_append_printf (out,
                          "NLB_ARN=$(elbv2 create-load-balancer --name %s --type network --scheme internal \\\n"
                          "  --subnets%s --security-groups \"$NLB_SG\" \\\n"
                          "  --tags %s --query 'LoadBalancers[0].LoadBalancerArn' --output text)\n"
                          "elbv2 create-listener --load-balancer-arn \"$NLB_ARN\" --protocol TCP --port %u \\\n"
                          "  --default-actions \"Type=forward,TargetGroupArn=$TG_ARN\" --tags %s >/dev/null\n"
                          "echo \"Waiting for the load balancer to become active…\" >&2\n"
                          "wait_for active elbv2 describe-load-balancers --load-balancer-arns \"$NLB_ARN\" \\\n"
                          "  --query 'LoadBalancers[0].State.Code' --output text\n\n",
                          lb_name, subnets->str, lb_tags, spec->port, lb_tags);
}

static void
aws_cli_endpoint_service (GString *out,
                          Spec    *spec)
{
  g_autofree char *token = g_shell_quote (spec->client_token);
  g_autofree char *tags = tag_specifications ("vpc-endpoint-service", spec, spec->display_name);
  g_autofree char *principal = g_shell_quote (spec->principal);

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
                          "echo \"Create a TiDB Cloud private link connection to it, then accept its endpoint:\"\n"
                          "echo \"  aws ec2 accept-vpc-endpoint-connections --service-id $SERVICE_ID --vpc-endpoint-ids ENDPOINT_ID\"\n",
                          token, tags, principal);
}

char *
cw_export_aws_cli (CwJournal *journal)
{
  g_auto(Spec) spec = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);

  spec_read (&spec, journal);
  aws_cli_header (out, &spec);
  aws_cli_security_groups (out, &spec);
  aws_cli_load_balancer (out, &spec);
  aws_cli_endpoint_service (out, &spec);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
