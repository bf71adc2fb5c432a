/* cw-sandbox-elbv2.c: the simulated Elastic Load Balancing (v2) */
#define G_LOG_DOMAIN "cw-sandbox-elbv2"

#include "config.h"

#include <string.h>

#include "cw-sandbox-aws.h"
#include "cw-sandbox-model.h"

#define NLB_HOSTED_ZONE "Z26RNL4JYFTOTI"
#define ALB_HOSTED_ZONE "Z35SXDOTRQ7X7K"

static const CwSbPaging elb_paging = { NULL, "Marker", "PageSize", 400, 1, 400 };

typedef struct {
  CwSbKind    kind;
  const char *arn_part;        /* ":loadbalancer/" */
  const char *noun;            /* "load balancer" */
  const char *not_found_code;
  const char *not_found_message;
} ArnKind;

static const ArnKind lb_arns = { CW_SB_LOAD_BALANCER, ":loadbalancer/", "load balancer", "LoadBalancerNotFound",
                                 "One or more load balancers not found" };
static const ArnKind group_arns = { CW_SB_TARGET_GROUP, ":targetgroup/", "target group", "TargetGroupNotFound",
                                    "One or more target groups not found" };
static const ArnKind listener_arns = { CW_SB_LISTENER, ":listener/", "listener", "ListenerNotFound",
                                       "One or more listeners not found" };

static gboolean
arn_is_well_formed (const char    *arn,
                    const ArnKind *kind)
{
  return g_str_has_prefix (arn, "arn:aws:elasticloadbalancing:") && strstr (arn, kind->arn_part) != NULL;
}

/* NULL with ValidationError for what is not an ARN of the kind, with the kind's
 * NotFound error for what does not exist. */
static gpointer
find_arn (CwSbAwsCall    *call,
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

static gpointer
require_arn (CwSbAwsCall    *call,
             const ArnKind  *kind,
             const char     *param,
             GError        **error)
{
  const char *arn = cw_sb_aws_require (call, param, error);

  return arn ? find_arn (call, kind, arn, TRUE, error) : NULL;
}

/* 1–32 letters, digits and hyphens, no hyphen at either end (DESIGN.md §1.1). */
static gboolean
check_name (const char  *name,
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

static gboolean
one_of (const char         *value,
        const char * const *allowed)
{
  return value != NULL && g_strv_contains (allowed, value);
}

static void
write_strings (CwSbAwsCall        *call,
               const char         *name,
               const char * const *values)
{
  cw_sb_xml_strings (call->xml, name, "member", values);
}

static gboolean
read_tags (CwSbAwsCall  *call,
           GPtrArray    *tags,
           GError      **error)
{
  return cw_sb_aws_read_tags (call, NULL, "Tags", tags, error);
}

static void
describe_page_end (CwSbAwsCall *call,
                   const char  *next_marker)
{
  cw_sb_xml_text (call->xml, "NextMarker", next_marker);
}

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
  write_strings (call, "SecurityGroups", (const char * const *) lb->group_ids);
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

static CwSbResource *
named (CwSbAwsCall *call,
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

static gboolean
create_load_balancer (CwSbAwsCall  *call,
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

  if (name == NULL || !check_name (name, "Load balancer", error))
    return FALSE;
  if (g_str_has_prefix (name, "internal-"))
    return cw_sb_aws_fail (error, 400, "ValidationError", "Load balancer name '%s' cannot begin with 'internal-'", name);
  if (!one_of (type, types))
    return cw_sb_aws_fail (error, 400, "ValidationError", "The sandbox simulates network and application load balancers, not '%s'", type);
  if (!one_of (scheme, schemes))
    return cw_sb_aws_fail (error, 400, "ValidationError", "Scheme must be internet-facing or internal, not '%s'", scheme);
  if (!g_str_equal (ip_type, "ipv4"))
    return cw_sb_aws_fail (error, 400, "ValidationError", "The sandbox's VPCs have no IPv6: IpAddressType must be ipv4");
  subnet_ids = requested_subnets (call, error);
  if (subnet_ids == NULL || !check_subnets (call, subnet_ids, g_str_equal (type, "network"), &vpc_id, error) ||
      !check_security_groups (call, group_ids, vpc_id, error) || !read_tags (call, tags, error))
    return FALSE;
  lb = (CwSbLoadBalancer *) named (call, CW_SB_LOAD_BALANCER, name);
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

/* Resources named by ARNs or names, all of which must exist; or all of the region's. */
static GPtrArray *
named_or_all (CwSbAwsCall    *call,
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
      gpointer resource = find_arn (call, kind, arns[i], TRUE, error);

      if (resource == NULL)
        return NULL;
      g_ptr_array_add (items, resource);
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      CwSbResource *resource = named (call, kind->kind, names[i]);

      if (resource == NULL || cw_sandbox_world_hides (call->world, resource))
        {
          cw_sb_aws_fail (error, 400, kind->not_found_code, "%s", kind->not_found_message);
          return NULL;
        }
      g_ptr_array_add (items, resource);
    }
  return g_steal_pointer (&items);
}

static gboolean
write_page (CwSbAwsCall    *call,
            const char     *list_name,
            GPtrArray      *items,
            CwSbWriteItem   write,
            GError        **error)
{
  g_autofree char *next_marker = NULL;

  if (!cw_sb_aws_page (call, &elb_paging, items, &next_marker, error))
    return FALSE;
  cw_sb_aws_write_items (call, list_name, "member", items, write);
  describe_page_end (call, next_marker);
  return TRUE;
}

static gboolean
describe_load_balancers (CwSbAwsCall  *call,
                         GError      **error)
{
  g_autoptr(GPtrArray) items = named_or_all (call, &lb_arns, "LoadBalancerArns", "Names", error);

  return items != NULL && write_page (call, "LoadBalancers", items, write_load_balancer, error);
}

/* Idempotent: a load balancer that is gone is no error. */
static gboolean
delete_load_balancer (CwSbAwsCall  *call,
                      GError      **error)
{
  const char *arn = cw_sb_aws_require (call, "LoadBalancerArn", error);
  g_autoptr(GError) missing = NULL;
  CwSbLoadBalancer *lb;

  if (arn == NULL)
    return FALSE;
  lb = find_arn (call, &lb_arns, arn, FALSE, &missing);
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

/* ---- target groups ---- */

static void
write_target_group (CwSbAwsCall *call,
                    gpointer     item)
{
  CwSbTargetGroup *group = item;
  CwSbListener *listener = cw_sb_model_listener_of_target_group (call->world, group);
  const char * const lbs[] = { listener ? listener->lb_arn : NULL, NULL };

  cw_sb_xml_text (call->xml, "TargetGroupArn", group->base.id);
  cw_sb_xml_text (call->xml, "TargetGroupName", group->name);
  cw_sb_xml_text (call->xml, "Protocol", group->protocol);
  cw_sb_xml_int (call->xml, "Port", group->port);
  cw_sb_xml_text (call->xml, "VpcId", group->vpc_id);
  cw_sb_xml_text (call->xml, "HealthCheckProtocol", group->health_protocol);
  cw_sb_xml_text (call->xml, "HealthCheckPort", "traffic-port");
  cw_sb_xml_bool (call->xml, "HealthCheckEnabled", TRUE);
  cw_sb_xml_int (call->xml, "HealthCheckIntervalSeconds", group->health_interval);
  cw_sb_xml_int (call->xml, "HealthCheckTimeoutSeconds", group->health_timeout);
  cw_sb_xml_int (call->xml, "HealthyThresholdCount", group->healthy_threshold);
  cw_sb_xml_int (call->xml, "UnhealthyThresholdCount", group->unhealthy_threshold);
  write_strings (call, "LoadBalancerArns", lbs);
  cw_sb_xml_text (call->xml, "TargetType", group->target_type);
  cw_sb_xml_text (call->xml, "IpAddressType", "ipv4");
}

typedef struct {
  const char *protocol;
  int         port;
  const char *target_type;
  const char *health_protocol;
  int         interval;
  int         timeout;
  int         healthy;
  int         unhealthy;
} GroupSettings;

static gboolean
read_group_settings (CwSbAwsCall    *call,
                     GroupSettings  *settings,
                     GError        **error)
{
  static const char * const protocols[] = { "TCP", "UDP", "TCP_UDP", "TLS", "HTTP", "HTTPS", NULL };
  static const char * const target_types[] = { "ip", "instance", NULL };

  settings->protocol = cw_sb_aws_param (call, "Protocol");
  settings->target_type = cw_sb_aws_param (call, "TargetType") ?: "instance";
  if (!one_of (settings->target_type, target_types))
    return cw_sb_aws_fail (error, 400, "ValidationError", "The sandbox simulates target groups of type ip and instance, not '%s'",
                           settings->target_type);
  if (settings->protocol == NULL)
    return cw_sb_aws_fail (error, 400, "ValidationError", "A protocol must be specified");
  if (!one_of (settings->protocol, protocols))
    return cw_sb_aws_fail (error, 400, "ValidationError", "Protocol '%s' is not valid", settings->protocol);
  if (cw_sb_aws_param (call, "Port") == NULL)
    return cw_sb_aws_fail (error, 400, "ValidationError", "A port must be specified");
  settings->health_protocol = cw_sb_aws_param (call, "HealthCheckProtocol") ?: "TCP";
  return cw_sb_aws_int (call, "Port", 0, 1, 65535, &settings->port, error) &&
         cw_sb_aws_int (call, "HealthCheckIntervalSeconds", 30, 5, 300, &settings->interval, error) &&
         cw_sb_aws_int (call, "HealthCheckTimeoutSeconds", 10, 2, 120, &settings->timeout, error) &&
         cw_sb_aws_int (call, "HealthyThresholdCount", 5, 2, 10, &settings->healthy, error) &&
         cw_sb_aws_int (call, "UnhealthyThresholdCount", 2, 2, 10, &settings->unhealthy, error);
}

static gboolean
group_has_settings (CwSbTargetGroup     *group,
                    const GroupSettings *settings,
                    const char          *vpc_id)
{
  return g_str_equal (group->protocol, settings->protocol) && group->port == settings->port &&
         g_str_equal (group->vpc_id, vpc_id) && g_str_equal (group->target_type, settings->target_type) &&
         g_str_equal (group->health_protocol, settings->health_protocol) &&
         group->health_interval == settings->interval && group->health_timeout == settings->timeout &&
         group->healthy_threshold == settings->healthy && group->unhealthy_threshold == settings->unhealthy;
}

static gboolean
create_target_group (CwSbAwsCall  *call,
                     GError      **error)
{
  const char *name = cw_sb_aws_require (call, "Name", error);
  const char *vpc_id = cw_sb_aws_param (call, "VpcId");
  g_autoptr(GPtrArray) tags = cw_sb_tags_new ();
  GroupSettings settings;
  CwSbTargetGroup *group;
  CwSbVpc *vpc;

  if (name == NULL || !check_name (name, "Target group", error) || !read_group_settings (call, &settings, error))
    return FALSE;
  if (vpc_id == NULL)
    return cw_sb_aws_fail (error, 400, "ValidationError", "A VPC ID must be specified");
  vpc = cw_sandbox_world_find (call->world, CW_SB_VPC, vpc_id);
  if (vpc == NULL || !g_str_equal (vpc->base.region, call->region))
    return cw_sb_aws_fail (error, 400, "ValidationError", "The VPC ID '%s' is not found", vpc_id);
  if (!read_tags (call, tags, error))
    return FALSE;
  group = (CwSbTargetGroup *) named (call, CW_SB_TARGET_GROUP, name);
  if (group != NULL && !group_has_settings (group, &settings, vpc_id))
    return cw_sb_aws_fail (error, 400, "DuplicateTargetGroupName",
                           "A target group with the same name '%s' exists, but with different settings", name);
  if (group == NULL)
    {
      group = cw_sb_model_add_target_group (call->world, call->region, name, settings.protocol, settings.port,
                                            vpc_id, settings.target_type);
      g_free (group->health_protocol);
      group->health_protocol = g_strdup (settings.health_protocol);
      group->health_interval = settings.interval;
      group->health_timeout = settings.timeout;
      group->healthy_threshold = settings.healthy;
      group->unhealthy_threshold = settings.unhealthy;
      cw_sb_aws_created (call, group);
    }
  cw_sb_tags_copy (group->base.tags, tags);
  cw_sb_xml_open (call->xml, "TargetGroups");
  cw_sb_xml_open (call->xml, "member");
  write_target_group (call, group);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  return TRUE;
}

static gboolean
describe_target_groups (CwSbAwsCall  *call,
                        GError      **error)
{
  const char *lb_arn = cw_sb_aws_param (call, "LoadBalancerArn");
  g_autoptr(GPtrArray) items = NULL;
  CwSbLoadBalancer *lb;

  if (lb_arn == NULL)
    items = named_or_all (call, &group_arns, "TargetGroupArns", "Names", error);
  else if ((lb = find_arn (call, &lb_arns, lb_arn, TRUE, error)) != NULL)
    {
      items = cw_sb_aws_listing (call, CW_SB_TARGET_GROUP);
      for (guint i = items->len; i > 0; i--)
        {
          CwSbListener *listener = cw_sb_model_listener_of_target_group (call->world, items->pdata[i - 1]);

          if (listener == NULL || !g_str_equal (listener->lb_arn, lb->base.id))
            g_ptr_array_remove_index (items, i - 1);
        }
    }
  return items != NULL && write_page (call, "TargetGroups", items, write_target_group, error);
}

static gboolean
check_attribute (CwSbTargetGroup  *group,
                 const char       *key,
                 const char       *value,
                 GError          **error)
{
  static const char * const cross_zone[] = { "true", "false", "use_load_balancer_configuration", NULL };
  static const char * const booleans[] = { "true", "false", NULL };
  char *end = NULL;
  gint64 seconds;

  if (key == NULL || !g_hash_table_contains (group->attributes, key))
    return cw_sb_aws_fail (error, 400, "ValidationError", "Target group attribute key '%s' is not recognized",
                           key ? key : "");
  if (value == NULL)
    return cw_sb_aws_fail (error, 400, "ValidationError", "A value must be given for the attribute '%s'", key);
  if (g_str_equal (key, "load_balancing.cross_zone.enabled") && !one_of (value, cross_zone))
    return cw_sb_aws_fail (error, 400, "ValidationError",
                           "Attribute '%s' must be true, false or use_load_balancer_configuration", key);
  if (g_str_has_suffix (key, ".enabled") && !g_str_equal (key, "load_balancing.cross_zone.enabled") &&
      !one_of (value, booleans))
    return cw_sb_aws_fail (error, 400, "ValidationError", "Attribute '%s' must be true or false", key);
  seconds = g_ascii_strtoll (value, &end, 10);
  if (g_str_equal (key, "deregistration_delay.timeout_seconds") && (*end != '\0' || seconds < 0 || seconds > 3600))
    return cw_sb_aws_fail (error, 400, "ValidationError", "Attribute '%s' must be a number of seconds from 0 to 3600", key);
  return TRUE;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
modify_target_group_attributes (CwSbAwsCall  *call,
                                GError      **error)
{
  CwSbTargetGroup *group = require_arn (call, &group_arns, "TargetGroupArn", error);
  g_autoptr(GPtrArray) attributes = cw_sb_params_items (call->params, "Attributes");
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (group == NULL)
    return FALSE;
  if (attributes->len == 0)
    return cw_sb_aws_fail (error, 400, "ValidationError", "At least one attribute must be specified");
  for (guint i = 0; i < attributes->len; i++)
    if (!check_attribute (group, cw_sb_params_get (attributes->pdata[i], "Key"),
                          cw_sb_params_get (attributes->pdata[i], "Value"), error))
      return FALSE;
  for (guint i = 0; i < attributes->len; i++)
    g_hash_table_replace (group->attributes, g_strdup (cw_sb_params_get (attributes->pdata[i], "Key")),
                          g_strdup (cw_sb_params_get (attributes->pdata[i], "Value")));
  g_hash_table_iter_init (&iter, group->attributes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  cw_sb_xml_open (call->xml, "Attributes");
  for (guint i = 0; i < keys->len; i++)
    {
      cw_sb_xml_open (call->xml, "member");
      cw_sb_xml_text (call->xml, "Key", keys->pdata[i]);
      cw_sb_xml_text (call->xml, "Value", g_hash_table_lookup (group->attributes, keys->pdata[i]));
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  return TRUE;
}

static gboolean
delete_target_group (CwSbAwsCall  *call,
                     GError      **error)
{
  const char *arn = cw_sb_aws_require (call, "TargetGroupArn", error);
  g_autoptr(GError) malformed = NULL;
  CwSbTargetGroup *group;

  if (arn == NULL)
    return FALSE;
  group = find_arn (call, &group_arns, arn, FALSE, &malformed);
  if (malformed != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&malformed));
      return FALSE;
    }
  if (group == NULL)
    return TRUE;
  if (cw_sb_model_listener_of_target_group (call->world, group) != NULL)
    return cw_sb_aws_fail (error, 400, "ResourceInUse",
                           "Target group '%s' is currently in use by a listener or a rule", arn);
  cw_sandbox_world_remove (call->world, group);
  return TRUE;
}

/* ---- targets ---- */

typedef struct {
  const char *ip;
  int         port;
} TargetSpec;

static GArray *
read_targets (CwSbAwsCall      *call,
              CwSbTargetGroup  *group,
              GError          **error)
{
  g_autoptr(GPtrArray) items = cw_sb_params_items (call->params, "Targets");
  g_autoptr(GArray) specs = g_array_new (FALSE, FALSE, sizeof (TargetSpec));

  for (guint i = 0; i < items->len; i++)
    {
      TargetSpec spec = { cw_sb_params_get (items->pdata[i], "Id"), group->port };
      const char *port = cw_sb_params_get (items->pdata[i], "Port");
      char *end = NULL;

      if (spec.ip == NULL)
        {
          cw_sb_aws_fail (error, 400, "ValidationError", "A target ID must be specified");
          return NULL;
        }
      if (port != NULL)
        spec.port = (int) g_ascii_strtoll (port, &end, 10);
      if (port != NULL && (*end != '\0' || spec.port < 1 || spec.port > 65535))
        {
          cw_sb_aws_fail (error, 400, "ValidationError", "Invalid port '%s' for target '%s'", port, spec.ip);
          return NULL;
        }
      g_array_append_val (specs, spec);
    }
  return g_steal_pointer (&specs);
}

/* An IP target must be an address of the target group's VPC that a subnet holds. */
static gboolean
check_target_address (CwSbAwsCall      *call,
                      CwSbTargetGroup  *group,
                      const char       *ip,
                      GError          **error)
{
  CwSbVpc *vpc = cw_sandbox_world_peek (call->world, CW_SB_VPC, group->vpc_id);
  guint32 address;

  if (!g_str_equal (group->target_type, "ip"))
    return cw_sb_aws_fail (error, 400, "InvalidTarget", "The following targets are not valid instances: '%s'", ip);
  if (!cw_sb_parse_ipv4 (ip, &address))
    return cw_sb_aws_fail (error, 400, "ValidationError", "The IP address '%s' is not a valid IPv4 address", ip);
  if (vpc == NULL || !cw_sb_ip_in_cidr (ip, vpc->cidr) ||
      cw_sandbox_world_subnet_for_ip (call->world, group->vpc_id, ip) == NULL)
    return cw_sb_aws_fail (error, 400, "InvalidTarget",
                           "The IP address '%s' is not within a subnet of the target group's VPC '%s'",
                           ip, group->vpc_id);
  return TRUE;
}

static gboolean
register_targets (CwSbAwsCall  *call,
                  GError      **error)
{
  CwSbTargetGroup *group = require_arn (call, &group_arns, "TargetGroupArn", error);
  g_autoptr(GArray) specs = group ? read_targets (call, group, error) : NULL;

  if (specs == NULL)
    return FALSE;
  if (specs->len == 0)
    return cw_sb_aws_fail (error, 400, "ValidationError", "At least one target must be specified");
  for (guint i = 0; i < specs->len; i++)
    if (!check_target_address (call, group, g_array_index (specs, TargetSpec, i).ip, error))
      return FALSE;
  for (guint i = 0; i < specs->len; i++)
    cw_sb_model_register_target (call->world, group, g_array_index (specs, TargetSpec, i).ip,
                                 g_array_index (specs, TargetSpec, i).port);
  return TRUE;
}

static CwSbTarget *
registered_target (GPtrArray        *targets,
                   const TargetSpec *spec)
{
  for (guint i = 0; i < targets->len; i++)
    {
      CwSbTarget *target = targets->pdata[i];

      if (g_str_equal (target->ip, spec->ip) && target->port == spec->port)
        return target;
    }
  return NULL;
}

static gboolean
deregister_targets (CwSbAwsCall  *call,
                    GError      **error)
{
  CwSbTargetGroup *group = require_arn (call, &group_arns, "TargetGroupArn", error);
  g_autoptr(GArray) specs = group ? read_targets (call, group, error) : NULL;

  if (specs == NULL)
    return FALSE;
  for (guint i = 0; i < specs->len; i++)
    {
      const TargetSpec *spec = &g_array_index (specs, TargetSpec, i);

      if (registered_target (group->targets, spec) == NULL)
        return cw_sb_aws_fail (error, 400, "InvalidTarget",
                               "The following targets are not registered in target group '%s': '%s:%d'",
                               group->base.id, spec->ip, spec->port);
    }
  for (guint i = 0; i < specs->len; i++)
    {
      CwSbTarget *target = registered_target (group->targets, &g_array_index (specs, TargetSpec, i));

      if (target != NULL)
        cw_sb_model_deregister_target (call->world, group, target);
    }
  return TRUE;
}

static void
write_target_health (CwSbAwsCall     *call,
                     const char      *ip,
                     int              port,
                     const char      *zone_name,
                     const CwSbHealth *health)
{
  g_autofree char *health_port = g_strdup_printf ("%d", port);

  cw_sb_xml_open (call->xml, "member");
  cw_sb_xml_open (call->xml, "Target");
  cw_sb_xml_text (call->xml, "Id", ip);
  cw_sb_xml_int (call->xml, "Port", port);
  cw_sb_xml_text (call->xml, "AvailabilityZone", zone_name);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "HealthCheckPort", health_port);
  cw_sb_xml_open (call->xml, "TargetHealth");
  cw_sb_xml_text (call->xml, "State", health->state);
  cw_sb_xml_text (call->xml, "Reason", health->reason);
  cw_sb_xml_text (call->xml, "Description", health->description);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
}

static void
write_registered_health (CwSbAwsCall     *call,
                         CwSbTargetGroup *group,
                         CwSbTarget      *target)
{
  CwSbHealth health = cw_sb_model_target_health (call->world, group, target);

  write_target_health (call, target->ip, target->port, target->zone_name, &health);
}

static gboolean
describe_target_health (CwSbAwsCall  *call,
                        GError      **error)
{
  static const CwSbHealth not_registered = { "unused", "Target.NotRegistered", "Target is not registered to the target group" };
  CwSbTargetGroup *group = require_arn (call, &group_arns, "TargetGroupArn", error);
  g_autoptr(GArray) specs = group ? read_targets (call, group, error) : NULL;

  if (specs == NULL)
    return FALSE;
  cw_sb_xml_open (call->xml, "TargetHealthDescriptions");
  for (guint i = 0; specs->len == 0 && i < group->targets->len; i++)
    write_registered_health (call, group, group->targets->pdata[i]);
  for (guint i = 0; specs->len == 0 && i < group->draining->len; i++)
    write_registered_health (call, group, group->draining->pdata[i]);
  for (guint i = 0; i < specs->len; i++)
    {
      const TargetSpec *spec = &g_array_index (specs, TargetSpec, i);
      CwSbTarget *target = registered_target (group->targets, spec);

      if (target == NULL)
        target = registered_target (group->draining, spec);
      if (target != NULL)
        write_registered_health (call, group, target);
      else
        write_target_health (call, spec->ip, spec->port, NULL, &not_registered);
    }
  cw_sb_xml_close (call->xml);
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
  if (g_str_equal (lb->type, "network") != one_of (protocol, network))
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
static gboolean
create_listener (CwSbAwsCall  *call,
                 GError      **error)
{
  CwSbLoadBalancer *lb = require_arn (call, &lb_arns, "LoadBalancerArn", error);
  const char *protocol = lb ? cw_sb_aws_require (call, "Protocol", error) : NULL;
  const char *group_arn = protocol ? forwarded_group_arn (call, error) : NULL;
  CwSbTargetGroup *group = group_arn ? find_arn (call, &group_arns, group_arn, TRUE, error) : NULL;
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
  if (!read_tags (call, tags, error))
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

static gboolean
describe_listeners (CwSbAwsCall  *call,
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
    items = named_or_all (call, &listener_arns, "ListenerArns", NULL, error);
  else if ((lb = find_arn (call, &lb_arns, lb_arn, TRUE, error)) != NULL)
    {
      items = cw_sb_aws_listing (call, CW_SB_LISTENER);
      for (guint i = items->len; i > 0; i--)
        if (!g_str_equal (((CwSbListener *) items->pdata[i - 1])->lb_arn, lb->base.id))
          g_ptr_array_remove_index (items, i - 1);
    }
  return items != NULL && write_page (call, "Listeners", items, write_listener, error);
}

static gboolean
delete_listener (CwSbAwsCall  *call,
                 GError      **error)
{
  CwSbListener *listener = require_arn (call, &listener_arns, "ListenerArn", error);

  if (listener == NULL)
    return FALSE;
  cw_sandbox_world_remove (call->world, listener);
  return TRUE;
}

/* ---- tags ---- */

static const ArnKind *
arn_kind (const char *arn)
{
  static const ArnKind * const kinds[] = { &lb_arns, &group_arns, &listener_arns };

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
      resource = find_arn (call, kind, arns[i], TRUE, error);
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
  { "CreateListener", create_listener },
  { "CreateLoadBalancer", create_load_balancer },
  { "CreateTargetGroup", create_target_group },
  { "DeleteListener", delete_listener },
  { "DeleteLoadBalancer", delete_load_balancer },
  { "DeleteTargetGroup", delete_target_group },
  { "DeregisterTargets", deregister_targets },
  { "DescribeListeners", describe_listeners },
  { "DescribeLoadBalancers", describe_load_balancers },
  { "DescribeTags", describe_tags },
  { "DescribeTargetGroups", describe_target_groups },
  { "DescribeTargetHealth", describe_target_health },
  { "ModifyTargetGroupAttributes", modify_target_group_attributes },
  { "RegisterTargets", register_targets },
};

const CwSbAwsOperation *
cw_sb_elbv2_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (operations);
  return operations;
}
