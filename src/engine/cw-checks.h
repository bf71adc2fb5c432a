/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-checks.h: the rules a link plan must satisfy (DESIGN.md §1.1, §4.1)
 *
 * Pure functions of the plan: each rule yields a CwCheck with a sentence, and for errors
 * what to change.
 */
#pragma once

#include "cw-check.h"

G_BEGIN_DECLS

typedef struct _CwLinkPlan CwLinkPlan;

#define CW_AWS_NAME_MAX 32

GPtrArray *cw_checks_evaluate      (CwLinkPlan          *plan);
char      *cw_aws_name_problem     (const char          *name,
                                    gboolean             load_balancer);
char      *cw_derive_aws_name      (const char          *prefix,
                                    const char          *base);
gboolean   cw_ip_in_cidrs          (const char          *ip,
                                    const char * const  *cidrs);
char      *cw_cross_zone_reason    (const char          *zone_id,
                                    const char          *standby_zone_id,
                                    const char * const  *tidb_zone_ids);
GStrv      cw_shared_zone_ids      (const char * const  *zone_ids,
                                    const char * const  *tidb_zone_ids);
CwCheck   *cw_vpc_zone_overlap     (const char * const  *vpc_zone_ids,
                                    const char * const  *tidb_zone_ids);

G_END_DECLS
