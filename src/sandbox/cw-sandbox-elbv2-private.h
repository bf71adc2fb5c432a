/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-elbv2-private.h: what the files of the simulated Elastic Load Balancing
 * share
 *
 * cw-sandbox-elbv2.c holds the ARNs, names, tags and the table of operations; load
 * balancers with their listeners, and target groups with their targets, each have their
 * file.
 */
#pragma once

#include "cw-sandbox-aws.h"
#include "cw-sandbox-model.h"

G_BEGIN_DECLS

typedef struct {
  CwSbKind    kind;
  const char *arn_part;        /* ":loadbalancer/" */
  const char *noun;            /* "load balancer" */
  const char *not_found_code;
  const char *not_found_message;
} ArnKind;

extern const ArnKind cw_sb_elbv2_lb_arns;
extern const ArnKind cw_sb_elbv2_group_arns;
extern const ArnKind cw_sb_elbv2_listener_arns;

gpointer cw_sb_elbv2_find_arn (CwSbAwsCall    *call,
                               const ArnKind  *kind,
                               const char     *arn,
                               gboolean        must_exist,
                               GError        **error);
gpointer cw_sb_elbv2_require_arn (CwSbAwsCall    *call,
                                  const ArnKind  *kind,
                                  const char     *param,
                                  GError        **error);
gboolean cw_sb_elbv2_check_name (const char  *name,
                                 const char  *what,
                                 GError     **error);
gboolean cw_sb_elbv2_one_of (const char         *value,
                             const char * const *allowed);
void cw_sb_elbv2_write_strings (CwSbAwsCall        *call,
                                const char         *name,
                                const char * const *values);
gboolean cw_sb_elbv2_read_tags (CwSbAwsCall  *call,
                                GPtrArray    *tags,
                                GError      **error);
void cw_sb_elbv2_describe_page_end (CwSbAwsCall *call,
                                    const char  *next_marker);
CwSbResource *cw_sb_elbv2_named (CwSbAwsCall *call,
                                 CwSbKind     kind,
                                 const char  *name);
gboolean cw_sb_elbv2_create_load_balancer (CwSbAwsCall  *call,
                                           GError      **error);
GPtrArray *cw_sb_elbv2_named_or_all (CwSbAwsCall    *call,
                                     const ArnKind  *kind,
                                     const char     *arns_param,
                                     const char     *names_param,
                                     GError        **error);
gboolean cw_sb_elbv2_write_page (CwSbAwsCall    *call,
                                 const char     *list_name,
                                 GPtrArray      *items,
                                 CwSbWriteItem   write,
                                 GError        **error);
gboolean cw_sb_elbv2_describe_load_balancers (CwSbAwsCall  *call,
                                              GError      **error);
gboolean cw_sb_elbv2_delete_load_balancer (CwSbAwsCall  *call,
                                           GError      **error);
gboolean cw_sb_elbv2_create_listener (CwSbAwsCall  *call,
                                      GError      **error);
gboolean cw_sb_elbv2_describe_listeners (CwSbAwsCall  *call,
                                         GError      **error);
gboolean cw_sb_elbv2_delete_listener (CwSbAwsCall  *call,
                                      GError      **error);
gboolean cw_sb_elbv2_create_target_group (CwSbAwsCall  *call,
                                          GError      **error);
gboolean cw_sb_elbv2_describe_target_groups (CwSbAwsCall  *call,
                                             GError      **error);
gboolean cw_sb_elbv2_modify_target_group_attributes (CwSbAwsCall  *call,
                                                     GError      **error);
gboolean cw_sb_elbv2_delete_target_group (CwSbAwsCall  *call,
                                          GError      **error);
gboolean cw_sb_elbv2_register_targets (CwSbAwsCall  *call,
                                       GError      **error);
gboolean cw_sb_elbv2_deregister_targets (CwSbAwsCall  *call,
                                         GError      **error);
gboolean cw_sb_elbv2_describe_target_health (CwSbAwsCall  *call,
                                             GError      **error);

G_END_DECLS
