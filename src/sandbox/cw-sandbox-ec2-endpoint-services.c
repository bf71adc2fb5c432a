/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-ec2-endpoint-services.c:
 * the simulated EC2's VPC endpoint services, who may connect, and their connections */
#define G_LOG_DOMAIN "cw-sandbox-ec2"

#include "config.h"

#include <string.h>

#include "cw-sandbox-ec2-private.h"

#define ENDPOINT_HOSTED_ZONE "Z7HUB22UULQXV"

/* ---- VPC endpoint services ---- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char **
service_zone_names (CwSandboxWorld      *world,
                    CwSbEndpointService *service)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; service->lb_arns[i] != NULL; i++)
    {
      CwSbLoadBalancer *lb = cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, service->lb_arns[i]);
      g_auto(GStrv) zones = lb ? cw_sb_model_lb_zone_names (world, lb) : NULL;

      for (guint z = 0; zones != NULL && zones[z] != NULL; z++)
        if (!g_ptr_array_find_with_equal_func (names, zones[z], g_str_equal, NULL))
          g_ptr_array_add (names, g_strdup (zones[z]));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static void
write_service (CwSbAwsCall *call,
               gpointer     item)
{
  CwSbEndpointService *service = item;
  g_auto(GStrv) zones = service_zone_names (call->world, service);
  g_autofree char *base_dns = g_strdup_printf ("%s.%s.vpce.amazonaws.com", service->base.id, service->base.region);
  const char * const base_names[] = { base_dns, NULL };
  const char * const ip_types[] = { "ipv4", NULL };

  cw_sb_xml_open (call->xml, "serviceType");
  cw_sb_xml_open (call->xml, "item");
  cw_sb_xml_text (call->xml, "serviceType", "Interface");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "serviceId", service->base.id);
  cw_sb_xml_text (call->xml, "serviceName", service->name);
  cw_sb_xml_text (call->xml, "serviceState", cw_sb_model_service_state (call->world, service));
  cw_sb_xml_strings (call->xml, "availabilityZoneSet", "item", (const char * const *) zones);
  cw_sb_xml_bool (call->xml, "acceptanceRequired", service->acceptance_required);
  cw_sb_xml_bool (call->xml, "managesVpcEndpoints", FALSE);
  cw_sb_xml_strings (call->xml, "networkLoadBalancerArnSet", "item", (const char * const *) service->lb_arns);
  cw_sb_xml_strings (call->xml, "supportedIpAddressTypeSet", "item", ip_types);
  cw_sb_xml_strings (call->xml, "baseEndpointDnsNameSet", "item", base_names);
  cw_sb_xml_text (call->xml, "payerResponsibility", "ServiceOwner");
  cw_sb_aws_write_tags (call, "tagSet", "item", service->base.tags);
}

static gboolean
service_values (CwSandboxWorld *world,
                gpointer        item,
                const char     *name,
                GPtrArray      *values)
{
  static const char * const names[] = { "service-name", "service-id", "service-state",
                                        "supported-ip-address-types", NULL };
  CwSbEndpointService *service = item;

  if (!cw_sb_ec2_is_filter (names, name) || service == NULL)
    return cw_sb_ec2_is_filter (names, name);
  if (g_str_equal (name, "service-name"))
    cw_sb_filter_value (values, service->name);
  else if (g_str_equal (name, "service-id"))
    cw_sb_filter_value (values, service->base.id);
  else if (g_str_equal (name, "service-state"))
    cw_sb_filter_value (values, cw_sb_model_service_state (world, service));
  else
    cw_sb_filter_value (values, "ipv4");
  return TRUE;
}

gboolean
cw_sb_ec2_describe_vpc_endpoint_service_configurations (CwSbAwsCall  *call,
                                                        GError      **error)
{
  static const Describe what = { &cw_sb_ec2_service_ids, "ServiceId", service_values, write_service,
                                 "serviceConfigurationSet" };

  return cw_sb_ec2_describe_by_ids (call, &what, error);
}

static CwSbEndpointService *
service_with_client_token (CwSbAwsCall *call,
                           const char  *token)
{
  GPtrArray *services = cw_sandbox_world_list (call->world, CW_SB_ENDPOINT_SERVICE);

  for (guint i = 0; token != NULL && i < services->len; i++)
    {
      CwSbEndpointService *service = services->pdata[i];

      if (g_strcmp0 (service->client_token, token) == 0 && g_str_equal (service->base.region, call->region))
        return service;
    }
  return NULL;
}

static gboolean
check_service_load_balancers (CwSbAwsCall  *call,
                              char        **arns,
                              GError      **error)
{
  if (arns[0] == NULL)
    return cw_sb_aws_fail (error, 400, "InvalidParameter",
                           "At least one network load balancer or gateway load balancer must be specified.");
  for (guint i = 0; arns[i] != NULL; i++)
    {
      CwSbLoadBalancer *lb = cw_sandbox_world_find (call->world, CW_SB_LOAD_BALANCER, arns[i]);

      if (lb == NULL || !g_str_equal (lb->base.region, call->region))
        return cw_sb_aws_fail (error, 400, "InvalidParameter", "The load balancer %s does not exist.", arns[i]);
      if (!g_str_equal (lb->type, "network"))
        return cw_sb_aws_fail (error, 400, "InvalidParameter", "The load balancer %s is not a Network Load Balancer.",
                               arns[i]);
      if (cw_sb_model_service_of_lb (call->world, arns[i]) != NULL)
        return cw_sb_aws_fail (error, 400, "InvalidParameter",
                               "The load balancer %s is already associated with another VPC endpoint service.",
                               arns[i]);
    }
  return TRUE;
}

static gboolean
check_ip_address_types (CwSbAwsCall  *call,
                        GError      **error)
{
  g_auto(GStrv) types = cw_sb_params_strings (call->params, "SupportedIpAddressType");

  for (guint i = 0; types[i] != NULL; i++)
    if (!g_str_equal (types[i], "ipv4"))
      return cw_sb_aws_fail (error, 400, "InvalidParameter",
                             "The load balancers of this service do not support the IP address type %s.", types[i]);
  return TRUE;
}

static void
write_created_service (CwSbAwsCall         *call,
                       CwSbEndpointService *service)
{
  cw_sb_xml_open (call->xml, "serviceConfiguration");
  write_service (call, service);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "clientToken", service->client_token);
}

/* The client token makes the call idempotent: the same token with the same load
 * balancers answers the service it made; with others it is refused. */
gboolean
cw_sb_ec2_create_vpc_endpoint_service_configuration (CwSbAwsCall  *call,
                                                     GError      **error)
{
  const char *token = cw_sb_aws_param (call, "ClientToken");
  g_auto(GStrv) arns = cw_sb_params_strings (call->params, "NetworkLoadBalancerArn");
  g_autoptr(GPtrArray) tags = cw_sb_tags_new ();
  CwSbEndpointService *service = service_with_client_token (call, token);
  gboolean acceptance_required;

  if (!cw_sb_aws_bool (call, "AcceptanceRequired", FALSE, &acceptance_required, error))
    return FALSE;
  if (service != NULL)
    {
      if (!g_strv_equal ((const char * const *) arns, (const char * const *) service->lb_arns) ||
          acceptance_required != service->acceptance_required)
        return cw_sb_aws_fail (error, 400, "IdempotentParameterMismatch",
                               "The client token %s has already been used with different parameters.", token);
      write_created_service (call, service);
      return TRUE;
    }
  if (cw_sb_aws_param (call, "GatewayLoadBalancerArn.1") != NULL)
    return cw_sb_aws_fail (error, 400, "InvalidParameter", "The sandbox has no Gateway Load Balancers.");
  if (!check_service_load_balancers (call, arns, error) || !check_ip_address_types (call, error) ||
      !cw_sb_ec2_read_tag_specifications (call, "vpc-endpoint-service", tags, error))
    return FALSE;
  service = cw_sb_model_add_endpoint_service (call->world, call->region, (const char * const *) arns,
                                              acceptance_required);
  service->client_token = g_strdup (token);
  cw_sb_tags_copy (service->base.tags, tags);
  cw_sb_aws_created (call, service);
  write_created_service (call, service);
  return TRUE;
}

/* ---- who may connect ---- */

static const char *
principal_type (const char *principal)
{
  if (g_str_equal (principal, "*"))
    return "All";
  if (g_str_has_suffix (principal, ":root"))
    return "Account";
  return strstr (principal, ":role/") ? "Role" : "User";
}

static gboolean
principal_is_valid (const char *principal)
{
  return g_str_equal (principal, "*") ||
         g_regex_match_simple ("^arn:aws:iam::[0-9]{12}:(root|user/[A-Za-z0-9+=,.@_/-]+|role/[A-Za-z0-9+=,.@_/-]+)$",
                               principal, 0, 0);
}

static void
write_principal (CwSbAwsCall         *call,
                 CwSbEndpointService *service,
                 CwSbPrincipal       *allowed,
                 gboolean             with_tags)
{
  cw_sb_xml_text (call->xml, "principalType", principal_type (allowed->principal));
  cw_sb_xml_text (call->xml, "principal", allowed->principal);
  cw_sb_xml_text (call->xml, "servicePermissionId", allowed->permission_id);
  if (with_tags)
    {
      cw_sb_xml_open (call->xml, "tagSet");
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_text (call->xml, "serviceId", service->base.id);
}

gboolean
cw_sb_ec2_modify_vpc_endpoint_service_permissions (CwSbAwsCall  *call,
                                                   GError      **error)
{
  CwSbEndpointService *service = cw_sb_ec2_require_by_id (call, &cw_sb_ec2_service_ids, "ServiceId", error);
  g_auto(GStrv) add = cw_sb_params_strings (call->params, "AddAllowedPrincipals");
  g_auto(GStrv) remove = cw_sb_params_strings (call->params, "RemoveAllowedPrincipals");

  if (service == NULL)
    return FALSE;
  for (guint i = 0; add[i] != NULL; i++)
    if (!principal_is_valid (add[i]))
      return cw_sb_aws_fail (error, 400, "InvalidPrincipal", "Invalid Principal: '%s'", add[i]);
  for (guint i = 0; remove[i] != NULL; i++)
    if (!principal_is_valid (remove[i]))
      return cw_sb_aws_fail (error, 400, "InvalidPrincipal", "Invalid Principal: '%s'", remove[i]);
  cw_sb_xml_open (call->xml, "addedPrincipalSet");
  for (guint i = 0; add[i] != NULL; i++)
    {
      cw_sb_xml_open (call->xml, "item");
      write_principal (call, service, cw_sb_model_allow_principal (call->world, service, add[i]), FALSE);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  for (guint i = 0; remove[i] != NULL; i++)
    for (guint p = service->principals->len; p > 0; p--)
      if (g_str_equal (((CwSbPrincipal *) service->principals->pdata[p - 1])->principal, remove[i]))
        g_ptr_array_remove_index (service->principals, p - 1);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  return TRUE;
}

/* Principals are not resources: they page by position. */
static guint64
position_key (gpointer item,
              guint    index)
{
  return index + 1;
}

static gboolean
principal_values (CwSandboxWorld *world,
                  gpointer        item,
                  const char     *name,
                  GPtrArray      *values)
{
  static const char * const names[] = { "principal", "principal-type", NULL };
  CwSbPrincipal *allowed = item;

  if (!cw_sb_ec2_is_filter (names, name) || allowed == NULL)
    return cw_sb_ec2_is_filter (names, name);
  cw_sb_filter_value (values, g_str_equal (name, "principal") ? allowed->principal : principal_type (allowed->principal));
  return TRUE;
}

gboolean
cw_sb_ec2_describe_vpc_endpoint_service_permissions (CwSbAwsCall  *call,
                                                     GError      **error)
{
  static const CwSbPaging paging = { position_key, "NextToken", "MaxResults", 0, 5, 1000 };
  CwSbEndpointService *service = cw_sb_ec2_require_by_id (call, &cw_sb_ec2_service_ids, "ServiceId", error);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *next_token = NULL;

  if (service == NULL)
    return FALSE;
  items = g_ptr_array_copy (service->principals, NULL, NULL);
  g_ptr_array_set_free_func (items, NULL);
  if (!cw_sb_aws_filter (call, "Filter", principal_values, FALSE, items, error) ||
      !cw_sb_aws_page (call, &paging, items, &next_token, error))
    return FALSE;
  cw_sb_xml_open (call->xml, "allowedPrincipals");
  for (guint i = 0; i < items->len; i++)
    {
      cw_sb_xml_open (call->xml, "item");
      write_principal (call, service, items->pdata[i], TRUE);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "nextToken", next_token);
  return TRUE;
}

/* ---- endpoint connections and their acceptance ---- */

static gboolean
connection_values (CwSandboxWorld *world,
                   gpointer        item,
                   const char     *name,
                   GPtrArray      *values)
{
  static const char * const names[] = { "service-id", "vpc-endpoint-owner", "vpc-endpoint-state",
                                        "vpc-endpoint-id", "ip-address-type", NULL };
  CwSbEndpointConnection *connection = item;

  if (!cw_sb_ec2_is_filter (names, name) || connection == NULL)
    return cw_sb_ec2_is_filter (names, name);
  if (g_str_equal (name, "service-id"))
    cw_sb_filter_value (values, connection->service_id);
  else if (g_str_equal (name, "vpc-endpoint-owner"))
    cw_sb_filter_value (values, connection->owner);
  else if (g_str_equal (name, "vpc-endpoint-state"))
    cw_sb_filter_value (values, connection->state);
  else if (g_str_equal (name, "vpc-endpoint-id"))
    cw_sb_filter_value (values, connection->base.id);
  else
    cw_sb_filter_value (values, "ipv4");
  return TRUE;
}

static void
write_connection (CwSbAwsCall *call,
                  gpointer     item)
{
  CwSbEndpointConnection *connection = item;
  CwSbEndpointService *service = cw_sandbox_world_peek (call->world, CW_SB_ENDPOINT_SERVICE, connection->service_id);
  g_autofree char *suffix = g_strndup (connection->connection_id + strlen ("vpce-con-"), 8);
  g_autofree char *dns = g_strdup_printf ("%s-%s.%s.%s.vpce.amazonaws.com", connection->base.id, suffix,
                                          connection->service_id, connection->base.region);

  cw_sb_xml_text (call->xml, "serviceId", connection->service_id);
  cw_sb_xml_text (call->xml, "vpcEndpointId", connection->base.id);
  cw_sb_xml_text (call->xml, "vpcEndpointOwner", connection->owner);
  cw_sb_xml_text (call->xml, "vpcEndpointState", connection->state);
  cw_sb_xml_time (call->xml, "creationTimestamp", connection->base.created);
  cw_sb_xml_open (call->xml, "dnsEntrySet");
  cw_sb_xml_open (call->xml, "item");
  cw_sb_xml_text (call->xml, "dnsName", dns);
  cw_sb_xml_text (call->xml, "hostedZoneId", ENDPOINT_HOSTED_ZONE);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_strings (call->xml, "networkLoadBalancerArnSet", "item",
                     service ? (const char * const *) service->lb_arns : NULL);
  cw_sb_xml_text (call->xml, "ipAddressType", "ipv4");
  cw_sb_xml_text (call->xml, "vpcEndpointConnectionId", connection->connection_id);
  cw_sb_aws_write_tags (call, "tagSet", "item", connection->base.tags);
}

gboolean
cw_sb_ec2_describe_vpc_endpoint_connections (CwSbAwsCall  *call,
                                             GError      **error)
{
  static const Describe what = { NULL, NULL, connection_values, write_connection, "vpcEndpointConnectionSet" };
  g_autoptr(GPtrArray) items = cw_sb_aws_listing (call, CW_SB_ENDPOINT_CONNECTION);

  return cw_sb_ec2_describe (call, &what, items, error);
}

static void
write_unsuccessful (CwSbAwsCall *call,
                    const char  *resource_id,
                    const char  *code,
                    const char  *message)
{
  cw_sb_xml_open (call->xml, "item");
  cw_sb_xml_open (call->xml, "error");
  cw_sb_xml_text (call->xml, "code", code);
  cw_sb_xml_text (call->xml, "message", message);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "resourceId", resource_id);
  cw_sb_xml_close (call->xml);
}

typedef void (*ConnectionDecision) (CwSandboxWorld         *world,
                                    CwSbEndpointConnection *connection);

/* Only requests that wait for acceptance can be accepted; a live one can still be
 * rejected. The others come back in the unsuccessful list. */
static gboolean
decide_connections (CwSbAwsCall         *call,
                    ConnectionDecision   decide,
                    gboolean             live_too,
                    GError             **error)
{
  CwSbEndpointService *service = cw_sb_ec2_require_by_id (call, &cw_sb_ec2_service_ids, "ServiceId", error);
  g_auto(GStrv) endpoint_ids = cw_sb_params_strings (call->params, "VpcEndpointId");

  if (service == NULL)
    return FALSE;
  if (endpoint_ids[0] == NULL)
    return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter VpcEndpointId");
  cw_sb_xml_open (call->xml, "unsuccessful");
  for (guint i = 0; endpoint_ids[i] != NULL; i++)
    {
      CwSbEndpointConnection *connection = cw_sb_model_connection_of_endpoint (call->world, endpoint_ids[i]);
      g_autofree char *message = NULL;

      if (connection == NULL || !g_str_equal (connection->service_id, service->base.id))
        {
          message = g_strdup_printf ("The Vpc Endpoint Id '%s' does not exist", endpoint_ids[i]);
          write_unsuccessful (call, endpoint_ids[i], "InvalidVpcEndpointId.NotFound", message);
        }
      else if (g_str_equal (connection->state, "pendingAcceptance") ||
               (live_too && (g_str_equal (connection->state, "available") || g_str_equal (connection->state, "pending"))))
        decide (call->world, connection);
      else
        {
          message = g_strdup_printf ("The Vpc Endpoint '%s' is in state %s", endpoint_ids[i], connection->state);
          write_unsuccessful (call, endpoint_ids[i], "InvalidState", message);
        }
    }
  cw_sb_xml_close (call->xml);
  return TRUE;
}

gboolean
cw_sb_ec2_accept_vpc_endpoint_connections (CwSbAwsCall  *call,
                                           GError      **error)
{
  return decide_connections (call, cw_sb_model_accept_connection, FALSE, error);
}

gboolean
cw_sb_ec2_reject_vpc_endpoint_connections (CwSbAwsCall  *call,
                                           GError      **error)
{
  return decide_connections (call, cw_sb_model_reject_connection, TRUE, error);
}

static gboolean
service_has_connections (CwSandboxWorld      *world,
                         CwSbEndpointService *service)
{
  static const char * const live[] = { "pendingAcceptance", "pending", "available", "deleting", NULL };
  GPtrArray *connections = cw_sandbox_world_list (world, CW_SB_ENDPOINT_CONNECTION);

  for (guint i = 0; i < connections->len; i++)
    {
      CwSbEndpointConnection *connection = connections->pdata[i];

      if (g_str_equal (connection->service_id, service->base.id) && g_strv_contains (live, connection->state))
        return TRUE;
    }
  return FALSE;
}

gboolean
cw_sb_ec2_delete_vpc_endpoint_service_configurations (CwSbAwsCall  *call,
                                                      GError      **error)
{
  g_auto(GStrv) ids = cw_sb_params_strings (call->params, "ServiceId");

  if (ids[0] == NULL)
    return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter ServiceId");
  cw_sb_xml_open (call->xml, "unsuccessful");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) missing = NULL;
      CwSbEndpointService *service = cw_sb_ec2_find_by_id (call, &cw_sb_ec2_service_ids, ids[i], &missing);

      if (service == NULL)
        write_unsuccessful (call, ids[i], cw_aws_error_get_code (missing), cw_aws_error_get_aws_message (missing));
      else if (service_has_connections (call->world, service))
        write_unsuccessful (call, ids[i], "ExistingVpcEndpointConnections",
                            "Service has existing active VPC Endpoint connections");
      else if (!service->deleting)
        cw_sb_model_delete_endpoint_service (call->world, service);
    }
  cw_sb_xml_close (call->xml);
  return TRUE;
}
