/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cluster-step.h: step 2 of a new link: the TiDB Cloud cluster, and TiDB Cloud's
 * account and zones for it */
#pragma once

#include <adwaita.h>

#include "cw-link-session.h"

G_BEGIN_DECLS

#define CW_TYPE_CLUSTER_STEP (cw_cluster_step_get_type ())
G_DECLARE_FINAL_TYPE (CwClusterStep, cw_cluster_step, CW, CLUSTER_STEP, AdwBin)

void cw_cluster_step_set_session (CwClusterStep *self,
                                  CwLinkSession *session);

G_END_DECLS
