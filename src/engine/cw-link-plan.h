/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-plan.h: every decision behind one private link, and the checks that say
 * whether it can work (DESIGN.md §4.1)
 *
 * Loaders fill in what the clouds report (cluster, TiDB Cloud's zones, database, VPC);
 * the user's choices are plain properties. Any change re-runs the checks, which the UI
 * shows where the decision is made; nothing is created while a check is an error.
 */
#pragma once

#include <gio/gio.h>

#include "cw-check.h"
#include "cw-database.h"
#include "cw-ec2.h"
#include "cw-subnet-choice.h"
#include "cw-tidb-availability-zones.h"
#include "cw-tidb-cluster.h"

G_BEGIN_DECLS

#define CW_TYPE_LINK_PLAN (cw_link_plan_get_type ())
G_DECLARE_FINAL_TYPE (CwLinkPlan, cw_link_plan, CW, LINK_PLAN, GObject)

CwLinkPlan              *cw_link_plan_new                     (void);

const char              *cw_link_plan_get_link_id             (CwLinkPlan              *self);
const char              *cw_link_plan_get_aws_account         (CwLinkPlan              *self);
void                     cw_link_plan_set_aws_account         (CwLinkPlan              *self,
                                                               const char              *label);
const char              *cw_link_plan_get_tidb_account        (CwLinkPlan              *self);
void                     cw_link_plan_set_tidb_account        (CwLinkPlan              *self,
                                                               const char              *label);

CwTidbCluster           *cw_link_plan_get_cluster             (CwLinkPlan              *self);
void                     cw_link_plan_set_cluster             (CwLinkPlan              *self,
                                                               CwTidbCluster           *cluster);
CwTidbAvailabilityZones *cw_link_plan_get_tidb_zones          (CwLinkPlan              *self);
void                     cw_link_plan_set_tidb_zones          (CwLinkPlan              *self,
                                                               CwTidbAvailabilityZones *zones);
const char              *cw_link_plan_get_tidb_zones_error    (CwLinkPlan              *self);
void                     cw_link_plan_set_tidb_zones_error    (CwLinkPlan              *self,
                                                               const char              *message);
const char              *cw_link_plan_get_region              (CwLinkPlan              *self);

CwDatabase              *cw_link_plan_get_database            (CwLinkPlan              *self);
void                     cw_link_plan_set_database            (CwLinkPlan              *self,
                                                               CwDatabase              *database,
                                                               const char              *region);
const char              *cw_link_plan_get_database_region     (CwLinkPlan              *self);
const char              *cw_link_plan_get_database_ip         (CwLinkPlan              *self);
void                     cw_link_plan_set_database_ip         (CwLinkPlan              *self,
                                                               const char              *ip,
                                                               const char              *error_message);
const char              *cw_link_plan_get_database_ip_error   (CwLinkPlan              *self);

void                     cw_link_plan_set_vpc                 (CwLinkPlan              *self,
                                                               const CwEc2Vpc          *vpc,
                                                               GPtrArray               *subnets);
const char * const      *cw_link_plan_get_vpc_cidrs           (CwLinkPlan              *self);
GListModel              *cw_link_plan_get_subnets             (CwLinkPlan              *self);
GStrv                    cw_link_plan_dup_selected_subnet_ids (CwLinkPlan              *self);

const char              *cw_link_plan_get_target_group_name   (CwLinkPlan              *self);
void                     cw_link_plan_set_target_group_name   (CwLinkPlan              *self,
                                                               const char              *name);
const char              *cw_link_plan_get_load_balancer_name  (CwLinkPlan              *self);
void                     cw_link_plan_set_load_balancer_name  (CwLinkPlan              *self,
                                                               const char              *name);
const char              *cw_link_plan_get_display_name        (CwLinkPlan              *self);
void                     cw_link_plan_set_display_name        (CwLinkPlan              *self,
                                                               const char              *name);
const char              *cw_link_plan_get_nlb_security_group  (CwLinkPlan              *self);
void                     cw_link_plan_set_nlb_security_group  (CwLinkPlan              *self,
                                                               const char              *group_id);
const char              *cw_link_plan_get_database_security_group (CwLinkPlan          *self);
void                     cw_link_plan_set_database_security_group (CwLinkPlan          *self,
                                                                   const char          *group_id);
void                     cw_link_plan_set_existing_names      (CwLinkPlan              *self,
                                                               const char * const      *target_groups,
                                                               const char * const      *load_balancers);
gboolean                 cw_link_plan_name_exists             (CwLinkPlan              *self,
                                                               gboolean                 load_balancer,
                                                               const char              *name);

gboolean                 cw_link_plan_get_cross_zone          (CwLinkPlan              *self);
const char              *cw_link_plan_get_cross_zone_reason   (CwLinkPlan              *self);
GListModel              *cw_link_plan_get_checks              (CwLinkPlan              *self);
CwCheckLevel             cw_link_plan_get_step_level          (CwLinkPlan              *self,
                                                               CwPlanStep               step,
                                                               gboolean                *pending);
gboolean                 cw_link_plan_is_ready                (CwLinkPlan              *self);

G_END_DECLS
