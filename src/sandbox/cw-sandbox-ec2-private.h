/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-ec2-private.h: what the files of the simulated EC2 share
 *
 * cw-sandbox-ec2.c holds the ids, describing with filters and pages, tags and the table
 * of operations; the operations themselves live one file per family: the network
 * (zones, VPCs, subnets, interfaces), security groups, and VPC endpoint services.
 */
#pragma once

#include "cw-aws-error.h"
#include "cw-sandbox-aws.h"
#include "cw-sandbox-model.h"

G_BEGIN_DECLS

/* ---- ids ---- */

typedef struct {
  CwSbKind    kind;
  const char *prefix;
  const char *malformed_code;
  const char *not_found_code;
  const char *noun;            /* as in "The vpc ID 'vpc-…' does not exist" */
} IdKind;

extern const IdKind cw_sb_ec2_vpc_ids;
extern const IdKind cw_sb_ec2_subnet_ids;
extern const IdKind cw_sb_ec2_group_ids;
extern const IdKind cw_sb_ec2_eni_ids;
extern const IdKind cw_sb_ec2_service_ids;

gpointer   cw_sb_ec2_find_by_id     (CwSbAwsCall     *call,
                                     const IdKind    *kind,
                                     const char      *id,
                                     GError         **error);
gpointer   cw_sb_ec2_require_by_id  (CwSbAwsCall     *call,
                                     const IdKind    *kind,
                                     const char      *param,
                                     GError         **error);

/* ---- describing ---- */

typedef struct {
  const IdKind     *ids;       /* what the id list names, NULL when there is none */
  const char       *id_param;
  CwSbFilterValues  collect;
  CwSbWriteItem     write;
  const char       *set_name;
} Describe;

void       cw_sb_ec2_add_values     (GPtrArray       *values,
                                     char           **strv);
gboolean   cw_sb_ec2_is_filter      (const char * const *names,
                                     const char      *name);
gboolean   cw_sb_ec2_describe       (CwSbAwsCall     *call,
                                     const Describe  *what,
                                     GPtrArray       *items,
                                     GError         **error);
GPtrArray *cw_sb_ec2_listing_or_ids (CwSbAwsCall     *call,
                                     const Describe  *what,
                                     GError         **error);
gboolean   cw_sb_ec2_describe_by_ids (CwSbAwsCall    *call,
                                      const Describe *what,
                                      GError        **error);
gboolean   cw_sb_ec2_read_tag_specifications (CwSbAwsCall  *call,
                                              const char   *resource_type,
                                              GPtrArray    *tags,
                                              GError      **error);

/* ---- the operations, for the table ---- */

gboolean cw_sb_ec2_accept_vpc_endpoint_connections (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_authorize_security_group_egress (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_authorize_security_group_ingress (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_create_security_group (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_create_vpc_endpoint_service_configuration (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_delete_security_group (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_delete_vpc_endpoint_service_configurations (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_describe_availability_zones (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_describe_network_interfaces (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_describe_security_groups (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_describe_subnets (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_describe_vpc_endpoint_connections (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_describe_vpc_endpoint_service_configurations (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_describe_vpc_endpoint_service_permissions (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_describe_vpcs (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_modify_vpc_endpoint_service_permissions (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_reject_vpc_endpoint_connections (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_revoke_security_group_egress (CwSbAwsCall *call, GError **error);
gboolean cw_sb_ec2_revoke_security_group_ingress (CwSbAwsCall *call, GError **error);

G_END_DECLS
