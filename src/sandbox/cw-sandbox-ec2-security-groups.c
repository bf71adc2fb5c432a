/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-ec2-security-groups.c: the simulated EC2's security groups and their rules */
#define G_LOG_DOMAIN "cw-sandbox-ec2"

#include "config.h"

#include <string.h>

#include "cw-sandbox-ec2-private.h"

/* ---- security groups ---- */

static gboolean
group_values (CwSandboxWorld *world,
              gpointer        item,
              const char     *name,
              GPtrArray      *values)
{
  static const char * const names[] = { "group-id", "group-name", "vpc-id", "description", "owner-id",
                                        "ip-permission.group-id", "ip-permission.cidr",
                                        "ip-permission.from-port", "ip-permission.to-port",
                                        "ip-permission.protocol", NULL };
  CwSbSecurityGroup *group = item;

  if (!cw_sb_ec2_is_filter (names, name) || group == NULL)
    return cw_sb_ec2_is_filter (names, name);
  if (g_str_equal (name, "group-id"))
    cw_sb_filter_value (values, group->base.id);
  else if (g_str_equal (name, "group-name"))
    cw_sb_filter_value (values, group->name);
  else if (g_str_equal (name, "vpc-id"))
    cw_sb_filter_value (values, group->vpc_id);
  else if (g_str_equal (name, "description"))
    cw_sb_filter_value (values, group->description);
  else if (g_str_equal (name, "owner-id"))
    cw_sb_filter_value (values, CW_SB_ACCOUNT_ID);
  for (guint i = 0; g_str_has_prefix (name, "ip-permission.") && i < group->ingress->len; i++)
    {
      CwSbRule *rule = group->ingress->pdata[i];

      if (g_str_equal (name, "ip-permission.group-id"))
        cw_sb_filter_value (values, rule->group_id);
      else if (g_str_equal (name, "ip-permission.cidr"))
        cw_sb_filter_value (values, rule->cidr);
      else if (g_str_equal (name, "ip-permission.protocol"))
        cw_sb_filter_value (values, rule->protocol);
      else
        g_ptr_array_add (values, g_strdup_printf ("%d", g_str_equal (name, "ip-permission.from-port")
                                                          ? rule->from_port : rule->to_port));
    }
  return TRUE;
}

static gboolean
same_ports (CwSbRule *a,
            CwSbRule *b)
{
  return g_str_equal (a->protocol, b->protocol) && a->from_port == b->from_port && a->to_port == b->to_port;
}

static gboolean
same_rule (CwSbRule *a,
           CwSbRule *b)
{
  return same_ports (a, b) && g_strcmp0 (a->cidr, b->cidr) == 0 && g_strcmp0 (a->group_id, b->group_id) == 0;
}

static void
write_permission_sources (CwSbAwsCall *call,
                          GPtrArray   *rules,
                          CwSbRule    *model)
{
  cw_sb_xml_open (call->xml, "groups");
  for (guint i = 0; i < rules->len; i++)
    {
      CwSbRule *rule = rules->pdata[i];

      if (rule->group_id == NULL || !same_ports (rule, model))
        continue;
      cw_sb_xml_open (call->xml, "item");
      cw_sb_xml_text (call->xml, "description", rule->description);
      cw_sb_xml_text (call->xml, "groupId", rule->group_id);
      cw_sb_xml_text (call->xml, "userId", CW_SB_ACCOUNT_ID);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  cw_sb_xml_open (call->xml, "ipRanges");
  for (guint i = 0; i < rules->len; i++)
    {
      CwSbRule *rule = rules->pdata[i];

      if (rule->cidr == NULL || !same_ports (rule, model))
        continue;
      cw_sb_xml_open (call->xml, "item");
      cw_sb_xml_text (call->xml, "cidrIp", rule->cidr);
      cw_sb_xml_text (call->xml, "description", rule->description);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
}

/* AWS groups the rules of one protocol and port range into one permission. */
static void
write_permissions (CwSbAwsCall *call,
                   const char  *name,
                   GPtrArray   *rules)
{
  cw_sb_xml_open (call->xml, name);
  for (guint i = 0; i < rules->len; i++)
    {
      CwSbRule *rule = rules->pdata[i];
      gboolean first = TRUE;

      for (guint j = 0; first && j < i; j++)
        first = !same_ports (rules->pdata[j], rule);
      if (!first)
        continue;
      cw_sb_xml_open (call->xml, "item");
      cw_sb_xml_text (call->xml, "ipProtocol", rule->protocol);
      if (!g_str_equal (rule->protocol, "-1"))
        {
          cw_sb_xml_int (call->xml, "fromPort", rule->from_port);
          cw_sb_xml_int (call->xml, "toPort", rule->to_port);
        }
      write_permission_sources (call, rules, rule);
      cw_sb_xml_open (call->xml, "ipv6Ranges");
      cw_sb_xml_close (call->xml);
      cw_sb_xml_open (call->xml, "prefixListIds");
      cw_sb_xml_close (call->xml);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
}

static void
write_group (CwSbAwsCall *call,
             gpointer     item)
{
  CwSbSecurityGroup *group = item;

  cw_sb_xml_text (call->xml, "ownerId", CW_SB_ACCOUNT_ID);
  cw_sb_xml_text (call->xml, "groupId", group->base.id);
  cw_sb_xml_text (call->xml, "groupName", group->name);
  cw_sb_xml_text (call->xml, "groupDescription", group->description);
  cw_sb_xml_text (call->xml, "vpcId", group->vpc_id);
  write_permissions (call, "ipPermissions", group->ingress);
  write_permissions (call, "ipPermissionsEgress", group->egress);
  cw_sb_aws_write_tags (call, "tagSet", "item", group->base.tags);
}

static CwSbVpc *
default_vpc (CwSbAwsCall *call)
{
  GPtrArray *vpcs = cw_sandbox_world_list (call->world, CW_SB_VPC);

  for (guint i = 0; i < vpcs->len; i++)
    {
      CwSbVpc *vpc = vpcs->pdata[i];

      if (vpc->is_default && g_str_equal (vpc->base.region, call->region))
        return vpc;
    }
  return NULL;
}

/* Names find groups of the default VPC only, as in AWS. */
static CwSbSecurityGroup *
find_group_by_name (CwSbAwsCall  *call,
                    const char   *name,
                    GError      **error)
{
  CwSbVpc *vpc = default_vpc (call);
  GPtrArray *groups = cw_sandbox_world_list (call->world, CW_SB_SECURITY_GROUP);

  for (guint i = 0; vpc != NULL && i < groups->len; i++)
    {
      CwSbSecurityGroup *group = groups->pdata[i];

      if (g_str_equal (group->vpc_id, vpc->base.id) && g_str_equal (group->name, name))
        return group;
    }
  cw_sb_aws_fail (error, 400, "InvalidGroup.NotFound", "The security group '%s' does not exist in default VPC '%s'",
                  name, vpc ? vpc->base.id : "none");
  return NULL;
}

gboolean
cw_sb_ec2_describe_security_groups (CwSbAwsCall  *call,
                                    GError      **error)
{
  static const Describe what = { &cw_sb_ec2_group_ids, "GroupId", group_values, write_group, "securityGroupInfo" };
  g_auto(GStrv) names = cw_sb_params_strings (call->params, "GroupName");
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (names[0] == NULL)
    return cw_sb_ec2_describe_by_ids (call, &what, error);
  ids = cw_sb_params_strings (call->params, "GroupId");
  items = ids[0] != NULL ? cw_sb_ec2_listing_or_ids (call, &what, error) : g_ptr_array_new ();
  for (guint i = 0; items != NULL && names[i] != NULL; i++)
    {
      CwSbSecurityGroup *group = find_group_by_name (call, names[i], error);

      if (group == NULL)
        return FALSE;
      if (!g_ptr_array_find (items, group, NULL))
        g_ptr_array_add (items, group);
    }
  return items != NULL && cw_sb_ec2_describe (call, &what, items, error);
}

gboolean
cw_sb_ec2_read_tag_specifications (CwSbAwsCall  *call,
                                   const char   *resource_type,
                                   GPtrArray    *tags,
                                   GError      **error)
{
  g_autoptr(GPtrArray) specifications = cw_sb_params_items (call->params, "TagSpecification");

  for (guint i = 0; i < specifications->len; i++)
    {
      const char *type = cw_sb_params_get (specifications->pdata[i], "ResourceType");

      if (g_strcmp0 (type, resource_type) != 0)
        return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                               "'%s' is not a valid taggable resource type for this operation.", type ? type : "");
      if (!cw_sb_aws_read_tags (call, specifications->pdata[i], "Tag", tags, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
group_name_is_valid (const char *text,
                     gsize       max_length)
{
  static const char extra[] = " ._-:/()#,@[]+=&;{}!$*";

  if (*text == '\0' || strlen (text) > max_length)
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isalnum (*text) && strchr (extra, *text) == NULL)
      return FALSE;
  return TRUE;
}

static CwSbSecurityGroup *
group_named_in_vpc (CwSandboxWorld *world,
                    const char     *vpc_id,
                    const char     *name)
{
  GPtrArray *groups = cw_sandbox_world_list (world, CW_SB_SECURITY_GROUP);

  for (guint i = 0; i < groups->len; i++)
    {
      CwSbSecurityGroup *group = groups->pdata[i];

      if (g_str_equal (group->vpc_id, vpc_id) && g_str_equal (group->name, name))
        return group;
    }
  return NULL;
}

gboolean
cw_sb_ec2_create_security_group (CwSbAwsCall  *call,
                                 GError      **error)
{
  const char *name = cw_sb_aws_require (call, "GroupName", error);
  const char *description = name ? cw_sb_aws_require (call, "GroupDescription", error) : NULL;
  const char *vpc_id = cw_sb_aws_param (call, "VpcId");
  g_autoptr(GPtrArray) tags = cw_sb_tags_new ();
  CwSbSecurityGroup *group;
  CwSbVpc *vpc;

  if (description == NULL)
    return FALSE;
  if (!group_name_is_valid (name, 255) || g_str_has_prefix (name, "sg-"))
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                           "Value (%s) for parameter GroupName is invalid. Group names may be up to 255 characters "
                           "from a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* and may not start with sg-", name);
  if (!group_name_is_valid (description, 255))
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                           "Value (%s) for parameter GroupDescription is invalid. Character sets beyond ASCII are not supported.",
                           description);
  vpc = vpc_id ? cw_sb_ec2_find_by_id (call, &cw_sb_ec2_vpc_ids, vpc_id, error) : default_vpc (call);
  if (vpc == NULL)
    return vpc_id ? FALSE : cw_sb_aws_fail (error, 400, "VPCIdNotSpecified", "No default VPC for this user");
  if (group_named_in_vpc (call->world, vpc->base.id, name) != NULL)
    return cw_sb_aws_fail (error, 400, "InvalidGroup.Duplicate", "The security group '%s' already exists for VPC '%s'",
                           name, vpc->base.id);
  if (!cw_sb_ec2_read_tag_specifications (call, "security-group", tags, error))
    return FALSE;
  group = cw_sb_model_add_security_group (call->world, call->region, vpc->base.id, name, description);
  cw_sb_tags_copy (group->base.tags, tags);
  cw_sb_aws_created (call, group);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  cw_sb_xml_text (call->xml, "groupId", group->base.id);
  if (tags->len > 0)
    cw_sb_aws_write_tags (call, "tagSet", "item", group->base.tags);
  return TRUE;
}

/* "tcp", "6" → "tcp"; "-1", "all" → "-1". */
static const char *
normalize_protocol (const char *text)
{
  static const char * const aliases[][2] = {
    { "tcp", "tcp" }, { "6", "tcp" }, { "udp", "udp" }, { "17", "udp" },
    { "icmp", "icmp" }, { "1", "icmp" }, { "-1", "-1" }, { "all", "-1" },
  };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (text, aliases[i][0]) == 0)
      return aliases[i][1];
  return NULL;
}

static gboolean
parse_port (const char *text,
            int        *port)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  *port = (int) value;
  return *text != '\0' && *end == '\0' && value >= -1 && value <= 65535;
}

typedef struct {
  const char *protocol;
  int         from_port;
  int         to_port;
} Ports;

static gboolean
read_ports (CwSbParams  *node,
            const char  *protocol_text,
            Ports       *ports,
            GError     **error)
{
  ports->protocol = normalize_protocol (protocol_text);
  if (protocol_text == NULL)
    return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter IpProtocol");
  if (ports->protocol == NULL)
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                           "Invalid value '%s' for IP protocol. Unknown protocol.", protocol_text);
  if (g_str_equal (ports->protocol, "-1"))
    {
      ports->from_port = ports->to_port = -1;
      return TRUE;
    }
  if (!parse_port (cw_sb_params_get (node, "FromPort"), &ports->from_port) ||
      !parse_port (cw_sb_params_get (node, "ToPort"), &ports->to_port) ||
      (!g_str_equal (ports->protocol, "icmp") && (ports->from_port < 0 || ports->from_port > ports->to_port)))
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                           "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
  return TRUE;
}

static CwSbRule *
rule_spec (const Ports *ports,
           const char  *cidr,
           const char  *group_id,
           const char  *description)
{
  CwSbRule *rule = g_new0 (CwSbRule, 1);

  rule->protocol = g_strdup (ports->protocol);
  rule->from_port = ports->from_port;
  rule->to_port = ports->to_port;
  rule->cidr = g_strdup (cidr);
  rule->group_id = g_strdup (group_id);
  rule->description = g_strdup (description);
  return rule;
}

static gboolean
read_sources (CwSbAwsCall        *call,
              CwSbSecurityGroup  *group,
              CwSbParams         *permission,
              const Ports        *ports,
              GPtrArray          *specs,
              GError            **error)
{
  g_autoptr(GPtrArray) ranges = cw_sb_params_items (permission, "IpRanges");
  g_autoptr(GPtrArray) sources = cw_sb_params_items (permission, "Groups");
  g_autoptr(GPtrArray) ipv6_ranges = cw_sb_params_items (permission, "Ipv6Ranges");
  g_autoptr(GPtrArray) prefix_lists = cw_sb_params_items (permission, "PrefixListIds");
  guint32 network;
  guint prefix;

  if (ipv6_ranges->len > 0 || prefix_lists->len > 0)
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue", "The sandbox's VPCs have no IPv6 and no prefix lists");
  if (ranges->len == 0 && sources->len == 0)
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                           "A permission needs at least one IP range or security group");
  for (guint i = 0; i < ranges->len; i++)
    {
      const char *cidr = cw_sb_params_get (ranges->pdata[i], "CidrIp");

      if (!cw_sb_parse_cidr (cidr, &network, &prefix))
        return cw_sb_aws_fail (error, 400, "InvalidParameterValue", "CIDR block %s is malformed", cidr ? cidr : "");
      g_ptr_array_add (specs, rule_spec (ports, cidr, NULL, cw_sb_params_get (ranges->pdata[i], "Description")));
    }
  for (guint i = 0; i < sources->len; i++)
    {
      const char *id = cw_sb_params_get (sources->pdata[i], "GroupId");
      CwSbSecurityGroup *source = id ? cw_sb_ec2_find_by_id (call, &cw_sb_ec2_group_ids, id, error) : NULL;

      if (id == NULL)
        return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter groupId");
      if (source == NULL)
        return FALSE;
      if (!g_str_equal (source->vpc_id, group->vpc_id))
        return cw_sb_aws_fail (error, 400, "InvalidGroup.NotFound",
                               "You have specified two resources that belong to different networks.");
      g_ptr_array_add (specs, rule_spec (ports, NULL, id, cw_sb_params_get (sources->pdata[i], "Description")));
    }
  return TRUE;
}

/* The rules a request describes, from IpPermissions or the old top-level form. */
static GPtrArray *
read_permissions (CwSbAwsCall        *call,
                  CwSbSecurityGroup  *group,
                  GError            **error)
{
  g_autoptr(GPtrArray) permissions = cw_sb_params_items (call->params, "IpPermissions");
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_rule_free);
  const char *cidr = cw_sb_aws_param (call, "CidrIp");
  Ports ports;

  if (permissions->len == 0)
    {
      if (cidr == NULL)
        {
          cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter IpPermissions");
          return NULL;
        }
      if (!read_ports (call->params, cw_sb_aws_param (call, "IpProtocol"), &ports, error))
        return NULL;
      g_ptr_array_add (specs, rule_spec (&ports, cidr, NULL, NULL));
    }
  for (guint i = 0; i < permissions->len; i++)
    if (!read_ports (permissions->pdata[i], cw_sb_params_get (permissions->pdata[i], "IpProtocol"), &ports, error) ||
        !read_sources (call, group, permissions->pdata[i], &ports, specs, error))
      return NULL;
  return g_steal_pointer (&specs);
}

static CwSbRule *
find_rule (GPtrArray *rules,
           CwSbRule  *spec)
{
  for (guint i = 0; i < rules->len; i++)
    if (same_rule (rules->pdata[i], spec))
      return rules->pdata[i];
  return NULL;
}

static CwSbSecurityGroup *
target_group_of_request (CwSbAwsCall  *call,
                         GError      **error)
{
  const char *id = cw_sb_aws_param (call, "GroupId");
  const char *name = cw_sb_aws_param (call, "GroupName");

  if (id != NULL)
    return cw_sb_ec2_find_by_id (call, &cw_sb_ec2_group_ids, id, error);
  if (name != NULL)
    return find_group_by_name (call, name, error);
  cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter groupId");
  return NULL;
}

static void
write_rule (CwSbAwsCall       *call,
            CwSbSecurityGroup *group,
            CwSbRule          *rule,
            gboolean           egress)
{
  cw_sb_xml_open (call->xml, "item");
  cw_sb_xml_text (call->xml, "securityGroupRuleId", rule->rule_id);
  cw_sb_xml_text (call->xml, "groupId", group->base.id);
  cw_sb_xml_text (call->xml, "groupOwnerId", CW_SB_ACCOUNT_ID);
  cw_sb_xml_bool (call->xml, "isEgress", egress);
  cw_sb_xml_text (call->xml, "ipProtocol", rule->protocol);
  cw_sb_xml_int (call->xml, "fromPort", rule->from_port);
  cw_sb_xml_int (call->xml, "toPort", rule->to_port);
  cw_sb_xml_text (call->xml, "cidrIpv4", rule->cidr);
  if (rule->group_id != NULL)
    {
      cw_sb_xml_open (call->xml, "referencedGroupInfo");
      cw_sb_xml_text (call->xml, "groupId", rule->group_id);
      cw_sb_xml_text (call->xml, "userId", CW_SB_ACCOUNT_ID);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_text (call->xml, "description", rule->description);
  cw_sb_xml_close (call->xml);
}

static GPtrArray *
rules_of (CwSbSecurityGroup *group,
          gboolean           egress)
{
  return egress ? group->egress : group->ingress;
}

/* Ingress and egress take the same parameters: a rule's peer is a source or a
 * destination. */
static gboolean
authorize_rules (CwSbAwsCall  *call,
                 gboolean      egress,
                 GError      **error)
{
  CwSbSecurityGroup *group = target_group_of_request (call, error);
  g_autoptr(GPtrArray) specs = group ? read_permissions (call, group, error) : NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  if (specs == NULL)
    return FALSE;
  for (guint i = 0; i < specs->len; i++)
    {
      CwSbRule *spec = specs->pdata[i];

      if (find_rule (rules_of (group, egress), spec) != NULL || find_rule (specs, spec) != spec)
        return cw_sb_aws_fail (error, 400, "InvalidPermission.Duplicate",
                               "the specified rule \"peer: %s, %s, from port: %d, to port: %d, ALLOW\" already exists",
                               spec->cidr ? spec->cidr : spec->group_id,
                               g_str_equal (spec->protocol, "-1") ? "ALL" : spec->protocol,
                               spec->from_port, spec->to_port);
    }
  for (guint i = 0; i < specs->len; i++)
    {
      CwSbRule *spec = specs->pdata[i];

      g_ptr_array_add (added, cw_sb_model_add_rule (call->world, rules_of (group, egress), spec->protocol,
                                                    spec->from_port, spec->to_port, spec->cidr, spec->group_id,
                                                    spec->description));
    }
  cw_sb_xml_bool (call->xml, "return", TRUE);
  cw_sb_xml_open (call->xml, "securityGroupRuleSet");
  for (guint i = 0; i < added->len; i++)
    write_rule (call, group, added->pdata[i], egress);
  cw_sb_xml_close (call->xml);
  return TRUE;
}

gboolean
cw_sb_ec2_authorize_security_group_ingress (CwSbAwsCall  *call,
                                            GError      **error)
{
  return authorize_rules (call, FALSE, error);
}

gboolean
cw_sb_ec2_authorize_security_group_egress (CwSbAwsCall  *call,
                                           GError      **error)
{
  return authorize_rules (call, TRUE, error);
}

static gboolean
collect_rules_by_id (GPtrArray          *rules,
                     char              **rule_ids,
                     GPtrArray          *found,
                     GError            **error)
{
  for (guint i = 0; rule_ids[i] != NULL; i++)
    {
      CwSbRule *rule = NULL;

      for (guint r = 0; rule == NULL && r < rules->len; r++)
        if (g_str_equal (((CwSbRule *) rules->pdata[r])->rule_id, rule_ids[i]))
          rule = rules->pdata[r];
      if (rule == NULL)
        return cw_sb_aws_fail (error, 400, "InvalidSecurityGroupRuleId.NotFound",
                               "The security group rule ID '%s' does not exist", rule_ids[i]);
      g_ptr_array_add (found, rule);
    }
  return TRUE;
}

/* Rules that do not exist are reported back, not refused, unless none exists. */
static gboolean
revoke_rules (CwSbAwsCall  *call,
              gboolean      egress,
              GError      **error)
{
  CwSbSecurityGroup *group = target_group_of_request (call, error);
  g_auto(GStrv) rule_ids = cw_sb_params_strings (call->params, "SecurityGroupRuleId");
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_autoptr(GPtrArray) specs = NULL;
  GPtrArray *rules;

  if (group == NULL)
    return FALSE;
  rules = rules_of (group, egress);
  if (rule_ids[0] != NULL && !collect_rules_by_id (rules, rule_ids, found, error))
    return FALSE;
  if (rule_ids[0] == NULL)
    {
      specs = read_permissions (call, group, error);
      if (specs == NULL)
        return FALSE;
      for (guint i = 0; i < specs->len; i++)
        {
          CwSbRule *rule = find_rule (rules, specs->pdata[i]);

          g_ptr_array_add (rule ? found : unknown, rule ? rule : specs->pdata[i]);
        }
    }
  if (found->len == 0)
    return cw_sb_aws_fail (error, 400, "InvalidPermission.NotFound",
                           "The specified rule does not exist in this security group.");
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_remove (rules, found->pdata[i]);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  if (unknown->len > 0)
    write_permissions (call, "unknownIpPermissionSet", unknown);
  return TRUE;
}

gboolean
cw_sb_ec2_revoke_security_group_ingress (CwSbAwsCall  *call,
                                         GError      **error)
{
  return revoke_rules (call, FALSE, error);
}

gboolean
cw_sb_ec2_revoke_security_group_egress (CwSbAwsCall  *call,
                                        GError      **error)
{
  return revoke_rules (call, TRUE, error);
}

static gboolean
strv_has (char       **strv,
          const char  *value)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, value);
}

static gboolean
rules_name_group (GPtrArray         *rules,
                  CwSbSecurityGroup *group)
{
  for (guint r = 0; r < rules->len; r++)
    if (g_strcmp0 (((CwSbRule *) rules->pdata[r])->group_id, group->base.id) == 0)
      return TRUE;
  return FALSE;
}

/* Another group's rule, a network interface (a database's, or a deleted NLB's that has
 * not gone yet) or a load balancer still using the group. */
static gboolean
group_is_used (CwSandboxWorld    *world,
               CwSbSecurityGroup *group)
{
  GPtrArray *groups = cw_sandbox_world_list (world, CW_SB_SECURITY_GROUP);
  GPtrArray *enis = cw_sandbox_world_list (world, CW_SB_NETWORK_INTERFACE);
  GPtrArray *lbs = cw_sandbox_world_list (world, CW_SB_LOAD_BALANCER);

  for (guint i = 0; i < groups->len; i++)
    {
      CwSbSecurityGroup *other = groups->pdata[i];

      if (other != group && (rules_name_group (other->ingress, group) || rules_name_group (other->egress, group)))
        return TRUE;
    }
  for (guint i = 0; i < enis->len; i++)
    if (strv_has (((CwSbNetworkInterface *) enis->pdata[i])->group_ids, group->base.id))
      return TRUE;
  for (guint i = 0; i < lbs->len; i++)
    if (strv_has (((CwSbLoadBalancer *) lbs->pdata[i])->group_ids, group->base.id))
      return TRUE;
  return FALSE;
}

gboolean
cw_sb_ec2_delete_security_group (CwSbAwsCall  *call,
                                 GError      **error)
{
  CwSbSecurityGroup *group = target_group_of_request (call, error);

  if (group == NULL)
    return FALSE;
  if (g_str_equal (group->name, "default"))
    return cw_sb_aws_fail (error, 400, "CannotDelete",
                           "the specified group: \"%s\" name: \"default\" cannot be deleted by a user", group->base.id);
  if (group_is_used (call->world, group))
    return cw_sb_aws_fail (error, 400, "DependencyViolation", "resource %s has a dependent object", group->base.id);
  cw_sandbox_world_remove (call->world, group);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  return TRUE;
}
