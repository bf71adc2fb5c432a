/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-elbv2-target-groups.c: the simulated target groups, their targets and their health */
#define G_LOG_DOMAIN "cw-sandbox-elbv2"

#include "config.h"

#include <string.h>

#include "cw-sandbox-elbv2-private.h"

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
  cw_sb_elbv2_write_strings (call, "LoadBalancerArns", lbs);
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
  if (!cw_sb_elbv2_one_of (settings->target_type, target_types))
    return cw_sb_aws_fail (error, 400, "ValidationError", "The sandbox simulates target groups of type ip and instance, not '%s'",
                           settings->target_type);
  if (settings->protocol == NULL)
    return cw_sb_aws_fail (error, 400, "ValidationError", "A protocol must be specified");
  if (!cw_sb_elbv2_one_of (settings->protocol, protocols))
    return cw_sb_aws_fail (error, 400, "ValidationError", "Protocol '%s' is not valid", settings->protocol);
  if (cw_sb_aws_param (call, "Port") == NULL)
    return cw_sb_aws_fail (error, 400, "ValidationError", "A port must be specified");
  settings->health_protocol = cw_sb_aws_param (call, "HealthCheckProtocol") ?: "TCP";
  if (!cw_sb_aws_int (call, "Port", 0, 1, 65535, &settings->port, error) ||
      !cw_sb_aws_int (call, "HealthCheckIntervalSeconds", 30, 5, 300, &settings->interval, error) ||
      !cw_sb_aws_int (call, "HealthCheckTimeoutSeconds", 10, 2, 120, &settings->timeout, error) ||
      !cw_sb_aws_int (call, "HealthyThresholdCount", 5, 2, 10, &settings->healthy, error) ||
      !cw_sb_aws_int (call, "UnhealthyThresholdCount", 2, 2, 10, &settings->unhealthy, error))
    return FALSE;
  /* A check may not outlast the pause between two checks. */
  if (settings->timeout > settings->interval)
    return cw_sb_aws_fail (error, 400, "ValidationError",
                           "Health check timeout '%d' must be smaller than or equal to the interval '%d'",
                           settings->timeout, settings->interval);
  return TRUE;
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

gboolean
cw_sb_elbv2_create_target_group (CwSbAwsCall  *call,
                                 GError      **error)
{
  const char *name = cw_sb_aws_require (call, "Name", error);
  const char *vpc_id = cw_sb_aws_param (call, "VpcId");
  g_autoptr(GPtrArray) tags = cw_sb_tags_new ();
  GroupSettings settings;
  CwSbTargetGroup *group;
  CwSbVpc *vpc;

  if (name == NULL || !cw_sb_elbv2_check_name (name, "Target group", error) || !read_group_settings (call, &settings, error))
    return FALSE;
  if (vpc_id == NULL)
    return cw_sb_aws_fail (error, 400, "ValidationError", "A VPC ID must be specified");
  vpc = cw_sandbox_world_find (call->world, CW_SB_VPC, vpc_id);
  if (vpc == NULL || !g_str_equal (vpc->base.region, call->region))
    return cw_sb_aws_fail (error, 400, "ValidationError", "The VPC ID '%s' is not found", vpc_id);
  if (!cw_sb_elbv2_read_tags (call, tags, error))
    return FALSE;
  group = (CwSbTargetGroup *) cw_sb_elbv2_named (call, CW_SB_TARGET_GROUP, name);
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

gboolean
cw_sb_elbv2_describe_target_groups (CwSbAwsCall  *call,
                                    GError      **error)
{
  const char *lb_arn = cw_sb_aws_param (call, "LoadBalancerArn");
  g_autoptr(GPtrArray) items = NULL;
  CwSbLoadBalancer *lb;

  if (lb_arn == NULL)
    items = cw_sb_elbv2_named_or_all (call, &cw_sb_elbv2_group_arns, "TargetGroupArns", "Names", error);
  else if ((lb = cw_sb_elbv2_find_arn (call, &cw_sb_elbv2_lb_arns, lb_arn, TRUE, error)) != NULL)
    {
      items = cw_sb_aws_listing (call, CW_SB_TARGET_GROUP);
      for (guint i = items->len; i > 0; i--)
        {
          CwSbListener *listener = cw_sb_model_listener_of_target_group (call->world, items->pdata[i - 1]);

          if (listener == NULL || !g_str_equal (listener->lb_arn, lb->base.id))
            g_ptr_array_remove_index (items, i - 1);
        }
    }
  return items != NULL && cw_sb_elbv2_write_page (call, "TargetGroups", items, write_target_group, error);
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
  if (g_str_equal (key, "load_balancing.cross_zone.enabled") && !cw_sb_elbv2_one_of (value, cross_zone))
    return cw_sb_aws_fail (error, 400, "ValidationError",
                           "Attribute '%s' must be true, false or use_load_balancer_configuration", key);
  if (g_str_has_suffix (key, ".enabled") && !g_str_equal (key, "load_balancing.cross_zone.enabled") &&
      !cw_sb_elbv2_one_of (value, booleans))
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

gboolean
cw_sb_elbv2_modify_target_group_attributes (CwSbAwsCall  *call,
                                            GError      **error)
{
  CwSbTargetGroup *group = cw_sb_elbv2_require_arn (call, &cw_sb_elbv2_group_arns, "TargetGroupArn", error);
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

gboolean
cw_sb_elbv2_delete_target_group (CwSbAwsCall  *call,
                                 GError      **error)
{
  const char *arn = cw_sb_aws_require (call, "TargetGroupArn", error);
  g_autoptr(GError) malformed = NULL;
  CwSbTargetGroup *group;

  if (arn == NULL)
    return FALSE;
  group = cw_sb_elbv2_find_arn (call, &cw_sb_elbv2_group_arns, arn, FALSE, &malformed);
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

gboolean
cw_sb_elbv2_register_targets (CwSbAwsCall  *call,
                              GError      **error)
{
  CwSbTargetGroup *group = cw_sb_elbv2_require_arn (call, &cw_sb_elbv2_group_arns, "TargetGroupArn", error);
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

gboolean
cw_sb_elbv2_deregister_targets (CwSbAwsCall  *call,
                                GError      **error)
{
  CwSbTargetGroup *group = cw_sb_elbv2_require_arn (call, &cw_sb_elbv2_group_arns, "TargetGroupArn", error);
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

gboolean
cw_sb_elbv2_describe_target_health (CwSbAwsCall  *call,
                                    GError      **error)
{
  static const CwSbHealth not_registered = { "unused", "Target.NotRegistered", "Target is not registered to the target group" };
  CwSbTargetGroup *group = cw_sb_elbv2_require_arn (call, &cw_sb_elbv2_group_arns, "TargetGroupArn", error);
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
