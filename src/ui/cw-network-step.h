/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-network-step.h: step 4 of a new link: subnets, security groups, names, cross-zone */
#pragma once

#include <adwaita.h>

#include "cw-link-session.h"

G_BEGIN_DECLS

#define CW_TYPE_NETWORK_STEP (cw_network_step_get_type ())
G_DECLARE_FINAL_TYPE (CwNetworkStep, cw_network_step, CW, NETWORK_STEP, AdwBin)

void cw_network_step_set_session (CwNetworkStep *self,
                                  CwLinkSession *session);

G_END_DECLS
