/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-elbv2.c: the simulated Elastic Load Balancing (v2): ARNs, names, tags and the
 * table of operations (see cw-sandbox-elbv2-private.h) */
#define G_LOG_DOMAIN "cw-sandbox-elbv2"

#include "config.h"

#include <string.h>

#include "cw-sandbox-elbv2-private.h"

const ArnKind cw_sb_elbv2_lb_arns = {
  CW_SB_LOAD_BALANCER, ":loadbalancer/", "load balancer", "LoadBalancerNotFound", "One or more load balancers not found"
};
const ArnKind cw_sb_elbv2_group_arns = {
  CW_SB_TARGET_GROUP, ":targetgroup/", "target group", "TargetGroupNotFound", "One or more target groups not found"
};
const ArnKind cw_sb_elbv2_listener_arns = {
  CW_SB_LISTENER, ":listener/", "listener", "ListenerNotFound", "One or more listeners not found"
};

static gboolean
arn_is_well_formed (const char    *arn,
                    const ArnKind *kind)
{
  return g_str_has_prefix (arn, "arn:aws:elasticloadbalancing:") && strstr (arn, kind->arn_part) != NULL;
}

/* NULL with ValidationError for what is not an ARN of the kind, with the kind's
 * NotFound error for what does not exist. */
gpointer
cw_sb_elbv2_find_arn (CwSbAwsCall    *call,
                      const ArnKind  *kind,
                      const char     *arn,
                      gboolean        must_exist,
                      GError        **error)
{
  CwSbResource *resource;

  if (!arn_is_well_formed (arn, kind))
    {
      cw_sb_aws_fail (error, 400, "ValidationError", "'%s' is not a valid %s ARN", arn, kind->noun);
      return NULL;
    }
  resource = cw_sandbox_world_find (call->world, kind->kind, arn);
  if (resource != NULL && g_str_equal (resource->region, call->region))
    return resource;
  if (must_exist)
    cw_sb_aws_fail (error, 400, kind->not_found_code, "%s", kind->not_found_message);
  return NULL;
}

gpointer
cw_sb_elbv2_require_arn (CwSbAwsCall    *call,
                         const ArnKind  *kind,
                         const char     *param,
                         GError        **error)
{
  const char *arn = cw_sb_aws_require (call, param, error);

  return arn ? cw_sb_elbv2_find_arn (call, kind, arn, TRUE, error) : NULL;
}

/* 1–32 letters, digits and hyphens, no hyphen at either end (DESIGN.md §1.1). */
gboolean
cw_sb_elbv2_check_name (const char  *name,
                        const char  *what,
                        GError     **error)
{
  gsize length = strlen (name);

  if (length > 32)
    return cw_sb_aws_fail (error, 400, "ValidationError", "%s name '%s' cannot be longer than '32' characters",
                           what, name);
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-')
      return cw_sb_aws_fail (error, 400, "ValidationError",
                             "%s name '%s' can only contain characters that are alphanumeric characters or hyphens(-)",
                             what, name);
  if (length == 0 || name[0] == '-' || name[length - 1] == '-')
    return cw_sb_aws_fail (error, 400, "ValidationError", "%s name '%s' cannot begin or end with '-' character",
                           what, name);
  return TRUE;
}

gboolean
cw_sb_elbv2_one_of (const char         *value,
                    const char * const *allowed)
{
  return value != NULL && g_strv_contains (allowed, value);
}

void
cw_sb_elbv2_write_strings (CwSbAwsCall        *call,
                           const char         *name,
                           const char * const *values)
{
  cw_sb_xml_strings (call->xml, name, "member", values);
}

gboolean
cw_sb_elbv2_read_tags (CwSbAwsCall  *call,
                       GPtrArray    *tags,
                       GError      **error)
{
  return cw_sb_aws_read_tags (call, NULL, "Tags", tags, error);
}

void
cw_sb_elbv2_describe_page_end (CwSbAwsCall *call,
                               const char  *next_marker)
{
  cw_sb_xml_text (call->xml, "NextMarker", next_marker);
}

/* ---- tags ---- */

static const ArnKind *
arn_kind (const char *arn)
{
  static const ArnKind * const kinds[] = { &cw_sb_elbv2_lb_arns, &cw_sb_elbv2_group_arns, &cw_sb_elbv2_listener_arns };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (arn_is_well_formed (arn, kinds[i]))
      return kinds[i];
  return NULL;
}

static gboolean
describe_tags (CwSbAwsCall  *call,
               GError      **error)
{
  g_auto(GStrv) arns = cw_sb_params_strings (call->params, "ResourceArns");
  g_autoptr(GPtrArray) resources = g_ptr_array_new ();

  if (arns[0] == NULL || g_strv_length (arns) > 20)
    return cw_sb_aws_fail (error, 400, "ValidationError", "Between 1 and 20 resource ARNs must be specified");
  for (guint i = 0; arns[i] != NULL; i++)
    {
      const ArnKind *kind = arn_kind (arns[i]);
      CwSbResource *resource;

      if (kind == NULL)
        return cw_sb_aws_fail (error, 400, "ValidationError", "'%s' is not a valid resource ARN", arns[i]);
      resource = cw_sb_elbv2_find_arn (call, kind, arns[i], TRUE, error);
      if (resource == NULL)
        return FALSE;
      g_ptr_array_add (resources, resource);
    }
  cw_sb_xml_open (call->xml, "TagDescriptions");
  for (guint i = 0; i < resources->len; i++)
    {
      CwSbResource *resource = resources->pdata[i];

      cw_sb_xml_open (call->xml, "member");
      cw_sb_xml_text (call->xml, "ResourceArn", resource->id);
      cw_sb_aws_write_tags (call, "Tags", "member", resource->tags);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  return TRUE;
}

static const CwSbAwsOperation operations[] = {
  { "CreateListener", cw_sb_elbv2_create_listener },
  { "CreateLoadBalancer", cw_sb_elbv2_create_load_balancer },
  { "CreateTargetGroup", cw_sb_elbv2_create_target_group },
  { "DeleteListener", cw_sb_elbv2_delete_listener },
  { "DeleteLoadBalancer", cw_sb_elbv2_delete_load_balancer },
  { "DeleteTargetGroup", cw_sb_elbv2_delete_target_group },
  { "DeregisterTargets", cw_sb_elbv2_deregister_targets },
  { "DescribeListeners", cw_sb_elbv2_describe_listeners },
  { "DescribeLoadBalancers", cw_sb_elbv2_describe_load_balancers },
  { "DescribeTags", describe_tags },
  { "DescribeTargetGroups", cw_sb_elbv2_describe_target_groups },
  { "DescribeTargetHealth", cw_sb_elbv2_describe_target_health },
  { "ModifyTargetGroupAttributes", cw_sb_elbv2_modify_target_group_attributes },
  { "RegisterTargets", cw_sb_elbv2_register_targets },
};

const CwSbAwsOperation *
cw_sb_elbv2_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (operations);
  return operations;
}
