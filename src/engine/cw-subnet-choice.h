/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-subnet-choice.h: a subnet of the database's VPC that the load balancer may use */
#pragma once

#include <glib-object.h>

#include "cw-ec2.h"

G_BEGIN_DECLS

#define CW_TYPE_SUBNET_CHOICE (cw_subnet_choice_get_type ())
G_DECLARE_FINAL_TYPE (CwSubnetChoice, cw_subnet_choice, CW, SUBNET_CHOICE, GObject)

CwSubnetChoice *cw_subnet_choice_new            (const CwEc2Subnet *subnet,
                                                 gboolean           tidb_uses_zone);
const char     *cw_subnet_choice_get_subnet_id  (CwSubnetChoice *self);
const char     *cw_subnet_choice_get_zone       (CwSubnetChoice *self);
const char     *cw_subnet_choice_get_zone_id    (CwSubnetChoice *self);
const char     *cw_subnet_choice_get_cidr       (CwSubnetChoice *self);
gboolean        cw_subnet_choice_get_tidb_uses_zone (CwSubnetChoice *self);
gboolean        cw_subnet_choice_get_selected   (CwSubnetChoice *self);
void            cw_subnet_choice_set_selected   (CwSubnetChoice *self,
                                                 gboolean        selected);

G_END_DECLS
