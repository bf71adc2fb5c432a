/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-ec2.h: the EC2 operations Causeway uses (DESIGN.md §3.1)
 *
 * Each operation is an _async/_finish pair on a CwAwsClient. List results are
 * GPtrArrays of the records below, every page included. String arrays given as input
 * (ids, principals) are NULL-terminated; NULL or empty leaves the parameter out.
 */
#pragma once

#include "cw-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char *zone_name;    /* us-east-1a: differs from account to account */
  char *zone_id;      /* use1-az1: the same everywhere */
  char *zone_type;
  char *state;
  char *region_name;
} CwEc2AvailabilityZone;

typedef struct {
  char *association_id;
  char *cidr_block;
  char *state;        /* associated, disassociated, … */
} CwEc2CidrBlock;

typedef struct {
  char      *vpc_id;
  char      *state;
  char      *cidr_block;              /* the primary one */
  GPtrArray *cidr_block_associations; /* of CwEc2CidrBlock, the primary included */
  gboolean   is_default;
  char      *owner_id;
  GPtrArray *tags;                    /* of CwAwsKeyValue */
} CwEc2Vpc;

typedef struct {
  char      *subnet_id;
  char      *subnet_arn;
  char      *vpc_id;
  char      *availability_zone;
  char      *availability_zone_id;
  char      *cidr_block;
  char      *state;
  int        available_ip_address_count;
  gboolean   default_for_az;
  gboolean   map_public_ip_on_launch;
  char      *owner_id;
  GPtrArray *tags;
} CwEc2Subnet;

typedef struct {
  char *cidr_ip;
  char *description;
} CwEc2IpRange;

typedef struct {
  char *group_id;
  char *user_id;
  char *vpc_id;
  char *description;
} CwEc2GroupPair;

/* A rule as DescribeSecurityGroups shows it, and as Authorize/Revoke take it. */
typedef struct {
  char       *ip_protocol;  /* tcp, udp, icmp, or -1 for all */
  int         from_port;
  int         to_port;
  GPtrArray  *ip_ranges;       /* of CwEc2IpRange */
  char      **ipv6_ranges;
  char      **prefix_list_ids;
  GPtrArray  *groups;          /* of CwEc2GroupPair */
} CwEc2IpPermission;

typedef struct {
  char      *group_id;
  char      *group_name;
  char      *description;
  char      *vpc_id;
  char      *owner_id;
  GPtrArray *ip_permissions;         /* of CwEc2IpPermission */
  GPtrArray *ip_permissions_egress;
  GPtrArray *tags;
} CwEc2SecurityGroup;

typedef struct {
  char      *security_group_rule_id;
  char      *group_id;
  char      *group_owner_id;
  gboolean   is_egress;
  char      *ip_protocol;
  int        from_port;
  int        to_port;
  char      *cidr_ipv4;
  char      *referenced_group_id;
  char      *description;
  GPtrArray *tags;
} CwEc2SecurityGroupRule;

typedef struct {
  char     *private_ip_address;
  char     *public_ip;   /* NULL without an Elastic or public IP */
  gboolean  primary;
} CwEc2PrivateIpAddress;

typedef struct {
  char       *network_interface_id;
  char       *subnet_id;
  char       *vpc_id;
  char       *availability_zone;
  char       *description;
  char       *interface_type;
  char       *status;
  char       *private_ip_address;
  char       *public_ip;
  GPtrArray  *private_ip_addresses;  /* of CwEc2PrivateIpAddress */
  char      **group_ids;
  char       *requester_id;
  gboolean    requester_managed;
  char       *owner_id;
  GPtrArray  *tags;
} CwEc2NetworkInterface;

typedef struct {
  char       *service_id;
  char       *service_name;    /* com.amazonaws.vpce.<region>.vpce-svc-… */
  char       *service_state;   /* Pending, Available, Deleting, Deleted, Failed */
  char      **service_types;
  gboolean    acceptance_required;
  gboolean    manages_vpc_endpoints;
  char      **availability_zones;
  char      **network_load_balancer_arns;
  char      **supported_ip_address_types;
  char      **base_endpoint_dns_names;
  char       *private_dns_name;
  GPtrArray  *tags;
} CwEc2ServiceConfiguration;

typedef struct {
  char *principal;       /* arn:aws:iam::<account>:root */
  char *principal_type;
  char *service_permission_id;
  char *service_id;
} CwEc2AllowedPrincipal;

typedef struct {
  char       *service_id;
  char       *vpc_endpoint_id;
  char       *vpc_endpoint_owner;
  char       *vpc_endpoint_state;  /* pendingAcceptance, available, rejected, … */
  char       *creation_timestamp;
  char      **network_load_balancer_arns;
  char       *ip_address_type;
  char       *vpc_endpoint_connection_id;
  GPtrArray  *tags;
} CwEc2VpcEndpointConnection;

/* One item an Accept/Reject/Delete call could not act on. */
typedef struct {
  char *resource_id;
  char *code;
  char *message;
} CwEc2UnsuccessfulItem;

CW_AWS_DECLARE_RECORD (CwEc2AvailabilityZone, cw_ec2_availability_zone)
CW_AWS_DECLARE_RECORD (CwEc2CidrBlock, cw_ec2_cidr_block)
CW_AWS_DECLARE_RECORD (CwEc2Vpc, cw_ec2_vpc)
CW_AWS_DECLARE_RECORD (CwEc2Subnet, cw_ec2_subnet)
CW_AWS_DECLARE_RECORD (CwEc2IpRange, cw_ec2_ip_range)
CW_AWS_DECLARE_RECORD (CwEc2GroupPair, cw_ec2_group_pair)
CW_AWS_DECLARE_RECORD (CwEc2IpPermission, cw_ec2_ip_permission)
CW_AWS_DECLARE_RECORD (CwEc2SecurityGroup, cw_ec2_security_group)
CW_AWS_DECLARE_RECORD (CwEc2SecurityGroupRule, cw_ec2_security_group_rule)
CW_AWS_DECLARE_RECORD (CwEc2PrivateIpAddress, cw_ec2_private_ip_address)
CW_AWS_DECLARE_RECORD (CwEc2NetworkInterface, cw_ec2_network_interface)
CW_AWS_DECLARE_RECORD (CwEc2ServiceConfiguration, cw_ec2_service_configuration)
CW_AWS_DECLARE_RECORD (CwEc2AllowedPrincipal, cw_ec2_allowed_principal)
CW_AWS_DECLARE_RECORD (CwEc2VpcEndpointConnection, cw_ec2_vpc_endpoint_connection)
CW_AWS_DECLARE_RECORD (CwEc2UnsuccessfulItem, cw_ec2_unsuccessful_item)

CwEc2IpPermission *cw_ec2_ip_permission_new_tcp (int         port,
                                                 const char *source_group_id,
                                                 const char *source_cidr,
                                                 const char *description);
CwEc2IpPermission *cw_ec2_ip_permission_new_all_traffic (const char *cidr);

const CwAwsOperation * const *cw_ec2_list_operations (guint *n_operations);

void        cw_ec2_describe_availability_zones_async  (CwAwsClient         *client,
                                                       const CwAwsFilter   *filters,
                                                       CwAwsCallFlags       flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray  *cw_ec2_describe_availability_zones_finish (CwAwsClient         *client,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void        cw_ec2_describe_vpcs_async                (CwAwsClient         *client,
                                                       const char * const  *vpc_ids,
                                                       const CwAwsFilter   *filters,
                                                       CwAwsCallFlags       flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray  *cw_ec2_describe_vpcs_finish               (CwAwsClient         *client,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void        cw_ec2_describe_subnets_async             (CwAwsClient         *client,
                                                       const char * const  *subnet_ids,
                                                       const CwAwsFilter   *filters,
                                                       CwAwsCallFlags       flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray  *cw_ec2_describe_subnets_finish            (CwAwsClient         *client,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void        cw_ec2_describe_security_groups_async     (CwAwsClient         *client,
                                                       const char * const  *group_ids,
                                                       const CwAwsFilter   *filters,
                                                       CwAwsCallFlags       flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray  *cw_ec2_describe_security_groups_finish    (CwAwsClient         *client,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void        cw_ec2_create_security_group_async        (CwAwsClient         *client,
                                                       const char          *group_name,
                                                       const char          *description,
                                                       const char          *vpc_id,
                                                       const CwAwsKeyValue *tags,
                                                       CwAwsCallFlags       flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char       *cw_ec2_create_security_group_finish       (CwAwsClient         *client,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void        cw_ec2_authorize_security_group_ingress_async  (CwAwsClient         *client,
                                                            const char          *group_id,
                                                            GPtrArray           *ip_permissions,
                                                            const CwAwsKeyValue *tags,
                                                            CwAwsCallFlags       flags,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GPtrArray  *cw_ec2_authorize_security_group_ingress_finish (CwAwsClient         *client,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void        cw_ec2_revoke_security_group_ingress_async     (CwAwsClient         *client,
                                                            const char          *group_id,
                                                            GPtrArray           *ip_permissions,
                                                            const char * const  *rule_ids,
                                                            CwAwsCallFlags       flags,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean    cw_ec2_revoke_security_group_ingress_finish    (CwAwsClient         *client,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void        cw_ec2_authorize_security_group_egress_async   (CwAwsClient         *client,
                                                            const char          *group_id,
                                                            GPtrArray           *ip_permissions,
                                                            const CwAwsKeyValue *tags,
                                                            CwAwsCallFlags       flags,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GPtrArray  *cw_ec2_authorize_security_group_egress_finish  (CwAwsClient         *client,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void        cw_ec2_revoke_security_group_egress_async      (CwAwsClient         *client,
                                                            const char          *group_id,
                                                            GPtrArray           *ip_permissions,
                                                            const char * const  *rule_ids,
                                                            CwAwsCallFlags       flags,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean    cw_ec2_revoke_security_group_egress_finish     (CwAwsClient         *client,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void        cw_ec2_delete_security_group_async        (CwAwsClient         *client,
                                                       const char          *group_id,
                                                       CwAwsCallFlags       flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean    cw_ec2_delete_security_group_finish       (CwAwsClient         *client,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void        cw_ec2_describe_network_interfaces_async  (CwAwsClient         *client,
                                                       const char * const  *network_interface_ids,
                                                       const CwAwsFilter   *filters,
                                                       CwAwsCallFlags       flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray  *cw_ec2_describe_network_interfaces_finish (CwAwsClient         *client,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void        cw_ec2_create_vpc_endpoint_service_configuration_async  (CwAwsClient         *client,
                                                                     const char * const  *network_load_balancer_arns,
                                                                     gboolean             acceptance_required,
                                                                     const char * const  *supported_ip_address_types,
                                                                     const char          *client_token,
                                                                     const CwAwsKeyValue *tags,
                                                                     CwAwsCallFlags       flags,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
CwEc2ServiceConfiguration *
            cw_ec2_create_vpc_endpoint_service_configuration_finish (CwAwsClient         *client,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);
void        cw_ec2_describe_vpc_endpoint_service_configurations_async  (CwAwsClient         *client,
                                                                        const char * const  *service_ids,
                                                                        const CwAwsFilter   *filters,
                                                                        CwAwsCallFlags       flags,
                                                                        GCancellable        *cancellable,
                                                                        GAsyncReadyCallback  callback,
                                                                        gpointer             user_data);
GPtrArray  *cw_ec2_describe_vpc_endpoint_service_configurations_finish (CwAwsClient         *client,
                                                                        GAsyncResult        *result,
                                                                        GError             **error);
void        cw_ec2_modify_vpc_endpoint_service_permissions_async  (CwAwsClient         *client,
                                                                   const char          *service_id,
                                                                   const char * const  *add_allowed_principals,
                                                                   const char * const  *remove_allowed_principals,
                                                                   CwAwsCallFlags       flags,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
gboolean    cw_ec2_modify_vpc_endpoint_service_permissions_finish (CwAwsClient         *client,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void        cw_ec2_describe_vpc_endpoint_service_permissions_async  (CwAwsClient         *client,
                                                                     const char          *service_id,
                                                                     const CwAwsFilter   *filters,
                                                                     CwAwsCallFlags       flags,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
GPtrArray  *cw_ec2_describe_vpc_endpoint_service_permissions_finish (CwAwsClient         *client,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);
void        cw_ec2_describe_vpc_endpoint_connections_async  (CwAwsClient         *client,
                                                             const CwAwsFilter   *filters,
                                                             CwAwsCallFlags       flags,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GPtrArray  *cw_ec2_describe_vpc_endpoint_connections_finish (CwAwsClient         *client,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void        cw_ec2_accept_vpc_endpoint_connections_async    (CwAwsClient         *client,
                                                             const char          *service_id,
                                                             const char * const  *vpc_endpoint_ids,
                                                             CwAwsCallFlags       flags,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean    cw_ec2_accept_vpc_endpoint_connections_finish   (CwAwsClient         *client,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void        cw_ec2_reject_vpc_endpoint_connections_async    (CwAwsClient         *client,
                                                             const char          *service_id,
                                                             const char * const  *vpc_endpoint_ids,
                                                             CwAwsCallFlags       flags,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean    cw_ec2_reject_vpc_endpoint_connections_finish   (CwAwsClient         *client,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void        cw_ec2_delete_vpc_endpoint_service_configurations_async  (CwAwsClient         *client,
                                                                      const char * const  *service_ids,
                                                                      CwAwsCallFlags       flags,
                                                                      GCancellable        *cancellable,
                                                                      GAsyncReadyCallback  callback,
                                                                      gpointer             user_data);
gboolean    cw_ec2_delete_vpc_endpoint_service_configurations_finish (CwAwsClient         *client,
                                                                      GAsyncResult        *result,
                                                                      GError             **error);
void        cw_ec2_create_tags_async                  (CwAwsClient         *client,
                                                       const char * const  *resource_ids,
                                                       const CwAwsKeyValue *tags,
                                                       CwAwsCallFlags       flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean    cw_ec2_create_tags_finish                 (CwAwsClient         *client,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void        cw_ec2_delete_tags_async                  (CwAwsClient         *client,
                                                       const char * const  *resource_ids,
                                                       const char * const  *keys,
                                                       CwAwsCallFlags       flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean    cw_ec2_delete_tags_finish                 (CwAwsClient         *client,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
