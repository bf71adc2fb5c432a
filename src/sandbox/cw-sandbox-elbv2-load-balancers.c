/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-elbv2-load-balancers.c: the simulated Network Load Balancers and their listeners */
#define G_LOG_DOMAIN "cw-sandbox-elbv2"

#include "config.h"

#include <string.h>

#include "cw-sandbox-elbv2-private.h"

#define NLB_HOSTED_ZONE "Z26RNL4JYFTOTI"
#define ALB_HOSTED_ZONE "Z35SXDOTRQ7X7K"

static const CwSbPaging elb_paging = { NULL, "Marker", "PageSize", 400, 1, 400 };

/* ---- load balancers ---- */

static void
write_load_balancer (CwSbAwsCall *call,
                     gpointer     item)
{
  CwSbLoadBalancer *lb = item;
  gboolean network = g_str_equal (lb->type, "network");

  cw_sb_xml_text (call->xml, "LoadBalancerArn", lb->base.id);
  cw_sb_xml_text (call->xml, "DNSName", lb->dns_name);
  cw_sb_xml_text (call->xml, "CanonicalHostedZoneId", network ? NLB_HOSTED_ZONE : ALB_HOSTED_ZONE);
  cw_sb_xml_time (call->xml, "CreatedTime", lb->base.created);
  cw_sb_xml_text (call->xml, "LoadBalancerName", lb->name);
  cw_sb_xml_text (call->xml, "Scheme", lb->scheme);
  cw_sb_xml_text (call->xml, "VpcId", lb->vpc_id);
  cw_sb_xml_open (call->xml, "State");
  cw_sb_xml_text (call->xml, "Code", cw_sb_model_lb_is_active (call->world, lb) ? "active" : "provisioning");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "Type", lb->type);
  cw_sb_xml_open (call->xml, "AvailabilityZones");
  for (guint i = 0; lb->subnet_ids[i] != NULL; i++)
    {
      CwSbSubnet *subnet = cw_sandbox_world_peek (call->world, CW_SB_SUBNET, lb->subnet_ids[i]);

      cw_sb_xml_open (call->xml, "member");
      cw_sb_xml_text (call->xml, "ZoneName", subnet ? subnet->zone_name : NULL);
      cw_sb_xml_text (call->xml, "SubnetId", lb->subnet_ids[i]);
      cw_sb_xml_open (call->xml, "LoadBalancerAddresses");
      cw_sb_xml_close (call->xml);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  cw_sb_elbv2_write_strings (call, "SecurityGroups", (const char * const *) lb->group_ids);
  cw_sb_xml_text (call->xml, "IpAddressType", lb->ip_address_type);
}

static char **
requested_subnets (CwSbAwsCall  *call,
                   GError      **error)
{
  g_auto(GStrv) subnets = cw_sb_params_strings (call->params, "Subnets");
  g_autoptr(GPtrArray) mappings = cw_sb_params_items (call->params, "SubnetMappings");
  GStrvBuilder *builder;
  char **ids;

  if (subnets[0] != NULL && mappings->len > 0)
    {
      cw_sb_aws_fail (error, 400, "ValidationError", "You can specify subnets or subnet mappings, not both");
      return NULL;
    }
  if (subnets[0] != NULL)
    return g_steal_pointer (&subnets);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < mappings->len; i++)
    {
      const char *id = cw_sb_params_get (mappings->pdata[i], "SubnetId");

      if (id != NULL)
        g_strv_builder_add (builder, id);
    }
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  if (ids[0] == NULL)
    {
      g_strfreev (ids);
      cw_sb_aws_fail (error, 400, "ValidationError", "At least one subnet must be specified");
      return NULL;
    }
  return ids;
}

/* One VPC, one subnet per zone (two zones at least for an ALB). */
static gboolean
check_subnets (CwSbAwsCall  *call,
               char        **subnet_ids,
               gboolean      network,
               char        **vpc_id,
               GError      **error)
{
  g_autoptr(GHashTable) zones = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; subnet_ids[i] != NULL; i++)
    {
      CwSbSubnet *subnet = cw_sandbox_world_find (call->world, CW_SB_SUBNET, subnet_ids[i]);

      if (subnet == NULL || !g_str_equal (subnet->base.region, call->region))
        return cw_sb_aws_fail (error, 400, "SubnetNotFound", "The subnet ID '%s' is not valid", subnet_ids[i]);
      if (*vpc_id != NULL && !g_str_equal (*vpc_id, subnet->vpc_id))
        return cw_sb_aws_fail (error, 400, "InvalidConfigurationRequest",
                               "The subnets of a load balancer must all be in the same VPC");
      if (!g_hash_table_add (zones, subnet->zone_name))
        return cw_sb_aws_fail (error, 400, "InvalidConfigurationRequest",
                               "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
      if (*vpc_id == NULL)
        *vpc_id = g_strdup (subnet->vpc_id);
    }
  if (!network && g_hash_table_size (zones) < 2)
    return cw_sb_aws_fail (error, 400, "InvalidConfigurationRequest",
                           "At least two subnets in two different Availability Zones must be specified");
  return TRUE;
}

static gboolean
check_security_groups (CwSbAwsCall  *call,
                       char        **group_ids,
                       const char   *vpc_id,
                       GError      **error)
{
  for (guint i = 0; group_ids[i] != NULL; i++)
    {
      CwSbSecurityGroup *group = cw_sandbox_world_find (call->world, CW_SB_SECURITY_GROUP, group_ids[i]);

      if (group == NULL || !g_str_equal (group->base.region, call->region))
        return cw_sb_aws_fail (error, 400, "InvalidSecurityGroup", "Security group '%s' does not exist", group_ids[i]);
      if (!g_str_equal (group->vpc_id, vpc_id))
        return cw_sb_aws_fail (error, 400, "InvalidSecurityGroup", "Security group '%s' does not belong to VPC '%s'",
                               group_ids[i], vpc_id);
    }
  return TRUE;
}

static gboolean
same_members (char **a,
              char **b)
{
  guint n = a ? g_strv_length (a) : 0;

  if (n != (b ? g_strv_length (b) : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      return FALSE;
  return TRUE;
}

CwSbResource *
cw_sb_elbv2_named (CwSbAwsCall *call,
                   CwSbKind     kind,
                   const char  *name)
{
  GPtrArray *all = cw_sandbox_world_list (call->world, kind);

  for (guint i = 0; i < all->len; i++)
    {
      CwSbResource *resource = all->pdata[i];
      const char *own = kind == CW_SB_LOAD_BALANCER ? ((CwSbLoadBalancer *) resource)->name
                                                    : ((CwSbTargetGroup *) resource)->name;

      if (g_str_equal (resource->region, call->region) && g_str_equal (own, name))
        return resource;
    }
  return NULL;
}

gboolean
cw_sb_elbv2_create_load_balancer (CwSbAwsCall  *call,
                                  GError      **error)
{
  static const char * const types[] = { "network", "application", NULL };
  static const char * const schemes[] = { "internet-facing", "internal", NULL };
  const char *name = cw_sb_aws_require (call, "Name", error);
  const char *type = cw_sb_aws_param (call, "Type") ?: "application";
  const char *scheme = cw_sb_aws_param (call, "Scheme") ?: "internet-facing";
  const char *ip_type = cw_sb_aws_param (call, "IpAddressType") ?: "ipv4";
  g_auto(GStrv) subnet_ids = NULL;
  g_auto(GStrv) group_ids = cw_sb_params_strings (call->params, "SecurityGroups");
  g_autofree char *vpc_id = NULL;
  g_autoptr(GPtrArray) tags = cw_sb_tags_new ();
  CwSbLoadBalancer *lb;

  if (name == NULL || !cw_sb_elbv2_check_name (name, "Load balancer", error))
    return FALSE;
  if (g_str_has_prefix (name, "internal-"))
    return cw_sb_aws_fail (error, 400, "ValidationError", "Load balancer name '%s' cannot begin with 'internal-'", name);
  if (!cw_sb_elbv2_one_of (type, types))
    return cw_sb_aws_fail (error, 400, "ValidationError", "The sandbox simulates network and application load balancers, not '%s'", type);
  if (!cw_sb_elbv2_one_of (scheme, schemes))
    return cw_sb_aws_fail (error, 400, "ValidationError", "Scheme must be internet-facing or internal, not '%s'", scheme);
  if (!g_str_equal (ip_type, "ipv4"))
    return cw_sb_aws_fail (error, 400, "ValidationError", "The sandbox's VPCs have no IPv6: IpAddressType must be ipv4");
  subnet_ids = requested_subnets (call, error);
  if (subnet_ids == NULL || !check_subnets (call, subnet_ids, g_str_equal (type, "network"), &vpc_id, error) ||
      !check_security_groups (call, group_ids, vpc_id, error) || !cw_sb_elbv2_read_tags (call, tags, error))
    return FALSE;
  lb = (CwSbLoadBalancer *) cw_sb_elbv2_named (call, CW_SB_LOAD_BALANCER, name);
  if (lb != NULL && !(g_str_equal (lb->type, type) && g_str_equal (lb->scheme, scheme) &&
                      same_members (lb->subnet_ids, subnet_ids) && same_members (lb->group_ids, group_ids)))
    return cw_sb_aws_fail (error, 400, "DuplicateLoadBalancerName",
                           "A load balancer with the same name '%s' exists, but with different settings", name);
  if (lb == NULL)
    {
      lb = cw_sb_model_add_load_balancer (call->world, call->region, name, type, scheme,
                                          (const char * const *) subnet_ids, (const char * const *) group_ids);
      cw_sb_aws_created (call, lb);
    }
  cw_sb_tags_copy (lb->base.tags, tags);
  cw_sb_xml_open (call->xml, "LoadBalancers");
  cw_sb_xml_open (call->xml, "member");
  write_load_balancer (call, lb);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  return TRUE;
}

/* Resources cw_sb_elbv2_named by ARNs or names, all of which must exist; or all of the region's. */
GPtrArray *
cw_sb_elbv2_named_or_all (CwSbAwsCall    *call,
                          const ArnKind  *kind,
                          const char     *arns_param,
                          const char     *names_param,
                          GError        **error)
{
  g_auto(GStrv) arns = cw_sb_params_strings (call->params, arns_param);
  g_auto(GStrv) names = names_param ? cw_sb_params_strings (call->params, names_param) : g_new0 (char *, 1);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  if (arns[0] != NULL && names[0] != NULL)
    {
      cw_sb_aws_fail (error, 400, "ValidationError", "%s and %s cannot be given together", arns_param, names_param);
      return NULL;
    }
  if (arns[0] == NULL && names[0] == NULL)
    return cw_sb_aws_listing (call, kind->kind);
  for (guint i = 0; arns[i] != NULL; i++)
    {
      gpointer resource = cw_sb_elbv2_find_arn (call, kind, arns[i], TRUE, error);

      if (resource == NULL)
        return NULL;
      g_ptr_array_add (items, resource);
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      CwSbResource *resource = cw_sb_elbv2_named (call, kind->kind, names[i]);

      if (resource == NULL || cw_sandbox_world_hides (call->world, resource))
        {
          cw_sb_aws_fail (error, 400, kind->not_found_code, "%s", kind->not_found_message);
          return NULL;
        }
      g_ptr_array_add (items, resource);
    }
  return g_steal_pointer (&items);
}

gboolean
cw_sb_elbv2_write_page (CwSbAwsCall    *call,
                        const char     *list_name,
                        GPtrArray      *items,
                        CwSbWriteItem   write,
                        GError        **error)
{
  g_autofree char *next_marker = NULL;

  if (!cw_sb_aws_page (call, &elb_paging, items, &next_marker, error))
    return FALSE;
  cw_sb_aws_write_items (call, list_name, "member", items, write);
  cw_sb_elbv2_describe_page_end (call, next_marker);
  return TRUE;
}

gboolean
cw_sb_elbv2_describe_load_balancers (CwSbAwsCall  *call,
                                     GError      **error)
{
  g_autoptr(GPtrArray) items = cw_sb_elbv2_named_or_all (call, &cw_sb_elbv2_lb_arns, "LoadBalancerArns", "Names", error);

  return items != NULL && cw_sb_elbv2_write_page (call, "LoadBalancers", items, write_load_balancer, error);
}

/* Idempotent: a load balancer that is gone is no error. */
gboolean
cw_sb_elbv2_delete_load_balancer (CwSbAwsCall  *call,
                                  GError      **error)
{
  const char *arn = cw_sb_aws_require (call, "LoadBalancerArn", error);
  g_autoptr(GError) missing = NULL;
  CwSbLoadBalancer *lb;

  if (arn == NULL)
    return FALSE;
  lb = cw_sb_elbv2_find_arn (call, &cw_sb_elbv2_lb_arns, arn, FALSE, &missing);
  if (missing != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&missing));
      return FALSE;
    }
  if (lb == NULL)
    return TRUE;
  if (cw_sb_model_service_of_lb (call->world, lb->base.id) != NULL)
    return cw_sb_aws_fail (error, 400, "ResourceInUse",
                           "Load balancer '%s' cannot be deleted because it is currently associated with another service",
                           arn);
  cw_sb_model_delete_load_balancer (call->world, lb);
  return TRUE;
}

/* ---- listeners ---- */

static void
write_listener (CwSbAwsCall *call,
                gpointer     item)
{
  CwSbListener *listener = item;

  cw_sb_xml_text (call->xml, "ListenerArn", listener->base.id);
  cw_sb_xml_text (call->xml, "LoadBalancerArn", listener->lb_arn);
  cw_sb_xml_int (call->xml, "Port", listener->port);
  cw_sb_xml_text (call->xml, "Protocol", listener->protocol);
  cw_sb_xml_open (call->xml, "DefaultActions");
  cw_sb_xml_open (call->xml, "member");
  cw_sb_xml_text (call->xml, "Type", "forward");
  cw_sb_xml_text (call->xml, "TargetGroupArn", listener->target_group_arn);
  cw_sb_xml_open (call->xml, "ForwardConfig");
  cw_sb_xml_open (call->xml, "TargetGroups");
  cw_sb_xml_open (call->xml, "member");
  cw_sb_xml_text (call->xml, "TargetGroupArn", listener->target_group_arn);
  cw_sb_xml_int (call->xml, "Weight", 1);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_open (call->xml, "TargetGroupStickinessConfig");
  cw_sb_xml_bool (call->xml, "Enabled", FALSE);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
}

static const char *
forwarded_group_arn (CwSbAwsCall  *call,
                     GError      **error)
{
  g_autoptr(GPtrArray) actions = cw_sb_params_items (call->params, "DefaultActions");
  const char *arn;

  if (actions->len != 1)
    {
      cw_sb_aws_fail (error, 400, "ValidationError", "A listener of the sandbox takes exactly one default action");
      return NULL;
    }
  if (g_strcmp0 (cw_sb_params_get (actions->pdata[0], "Type"), "forward") != 0)
    {
      cw_sb_aws_fail (error, 400, "InvalidLoadBalancerAction", "Network load balancers only forward");
      return NULL;
    }
  arn = cw_sb_params_get (actions->pdata[0], "TargetGroupArn");
  if (arn == NULL)
    {
      g_autoptr(GPtrArray) groups = cw_sb_params_items (actions->pdata[0], "ForwardConfig.TargetGroups");

      arn = groups->len == 1 ? cw_sb_params_get (groups->pdata[0], "TargetGroupArn") : NULL;
    }
  if (arn == NULL)
    cw_sb_aws_fail (error, 400, "ValidationError", "A forward action must name one target group");
  return arn;
}

static gboolean
protocols_fit (const char *listener,
               const char *group)
{
  return g_str_equal (listener, group) || g_str_equal (group, "TCP_UDP") ||
         (g_str_equal (listener, "TLS") && g_str_equal (group, "TCP"));
}

static CwSbListener *
listener_on_port (CwSandboxWorld   *world,
                  CwSbLoadBalancer *lb,
                  int               port)
{
  GPtrArray *listeners = cw_sandbox_world_list (world, CW_SB_LISTENER);

  for (guint i = 0; i < listeners->len; i++)
    {
      CwSbListener *listener = listeners->pdata[i];

      if (g_str_equal (listener->lb_arn, lb->base.id) && listener->port == port)
        return listener;
    }
  return NULL;
}

static gboolean
check_listener (CwSbAwsCall       *call,
                CwSbLoadBalancer  *lb,
                CwSbTargetGroup   *group,
                const char        *protocol,
                GError           **error)
{
  static const char * const network[] = { "TCP", "UDP", "TCP_UDP", NULL };
  CwSbListener *other = cw_sb_model_listener_of_target_group (call->world, group);

  if (g_str_equal (protocol, "TLS"))
    return cw_sb_aws_fail (error, 400, "CertificateNotFound", "A TLS listener needs a certificate; the sandbox has none");
  if (g_str_equal (lb->type, "network") != cw_sb_elbv2_one_of (protocol, network))
    return cw_sb_aws_fail (error, 400, "UnsupportedProtocol",
                           "Protocol '%s' is not supported for load balancers of type '%s'", protocol, lb->type);
  if (!g_str_equal (group->vpc_id, lb->vpc_id))
    return cw_sb_aws_fail (error, 400, "InvalidConfigurationRequest",
                           "The target group '%s' is not in the VPC '%s' of the load balancer", group->base.id, lb->vpc_id);
  if (!protocols_fit (protocol, group->protocol))
    return cw_sb_aws_fail (error, 400, "IncompatibleProtocols",
                           "Listener protocol '%s' is not compatible with target group protocol '%s'",
                           protocol, group->protocol);
  if (other != NULL && !g_str_equal (other->lb_arn, lb->base.id))
    return cw_sb_aws_fail (error, 400, "TargetGroupAssociationLimit",
                           "The following target groups cannot be associated with more than one load balancer: %s",
                           group->base.id);
  return TRUE;
}

/* Idempotent: the same listener asked for again is answered, a different one on a
 * port in use is refused. */
gboolean
cw_sb_elbv2_create_listener (CwSbAwsCall  *call,
                             GError      **error)
{
  CwSbLoadBalancer *lb = cw_sb_elbv2_require_arn (call, &cw_sb_elbv2_lb_arns, "LoadBalancerArn", error);
  const char *protocol = lb ? cw_sb_aws_require (call, "Protocol", error) : NULL;
  const char *group_arn = protocol ? forwarded_group_arn (call, error) : NULL;
  CwSbTargetGroup *group = group_arn ? cw_sb_elbv2_find_arn (call, &cw_sb_elbv2_group_arns, group_arn, TRUE, error) : NULL;
  g_autoptr(GPtrArray) tags = cw_sb_tags_new ();
  CwSbListener *listener;
  int port;

  if (group == NULL || !cw_sb_aws_int (call, "Port", 0, 1, 65535, &port, error))
    return FALSE;
  if (port == 0)
    return cw_sb_aws_fail (error, 400, "ValidationError", "A listener port must be specified");
  listener = listener_on_port (call->world, lb, port);
  if (listener != NULL && !(g_str_equal (listener->protocol, protocol) &&
                            g_str_equal (listener->target_group_arn, group->base.id)))
    return cw_sb_aws_fail (error, 400, "DuplicateListener",
                           "A listener already exists on this port for this load balancer '%s'", lb->base.id);
  if (listener == NULL && !check_listener (call, lb, group, protocol, error))
    return FALSE;
  if (!cw_sb_elbv2_read_tags (call, tags, error))
    return FALSE;
  if (listener == NULL)
    {
      listener = cw_sb_model_add_listener (call->world, lb, protocol, port, group->base.id);
      cw_sb_aws_created (call, listener);
    }
  cw_sb_tags_copy (listener->base.tags, tags);
  cw_sb_xml_open (call->xml, "Listeners");
  cw_sb_xml_open (call->xml, "member");
  write_listener (call, listener);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  return TRUE;
}

gboolean
cw_sb_elbv2_describe_listeners (CwSbAwsCall  *call,
                                GError      **error)
{
  const char *lb_arn = cw_sb_aws_param (call, "LoadBalancerArn");
  g_auto(GStrv) arns = cw_sb_params_strings (call->params, "ListenerArns");
  g_autoptr(GPtrArray) items = NULL;
  CwSbLoadBalancer *lb;

  if ((lb_arn == NULL) == (arns[0] == NULL))
    return cw_sb_aws_fail (error, 400, "ValidationError",
                           "You must specify either listener ARNs or a load balancer ARN");
  if (lb_arn == NULL)
    items = cw_sb_elbv2_named_or_all (call, &cw_sb_elbv2_listener_arns, "ListenerArns", NULL, error);
  else if ((lb = cw_sb_elbv2_find_arn (call, &cw_sb_elbv2_lb_arns, lb_arn, TRUE, error)) != NULL)
    {
      items = cw_sb_aws_listing (call, CW_SB_LISTENER);
      for (guint i = items->len; i > 0; i--)
        if (!g_str_equal (((CwSbListener *) items->pdata[i - 1])->lb_arn, lb->base.id))
          g_ptr_array_remove_index (items, i - 1);
    }
  return items != NULL && cw_sb_elbv2_write_page (call, "Listeners", items, write_listener, error);
}

gboolean
cw_sb_elbv2_delete_listener (CwSbAwsCall  *call,
                             GError      **error)
{
  CwSbListener *listener = cw_sb_elbv2_require_arn (call, &cw_sb_elbv2_listener_arns, "ListenerArn", error);

  if (listener == NULL)
    return FALSE;
  cw_sandbox_world_remove (call->world, listener);
  return TRUE;
}
