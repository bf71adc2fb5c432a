/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-scenario.h: the worlds the sandbox starts from (--scenario)
 *
 * Private to src/sandbox. "default" is DESIGN.md §6's list: a TiDB Cloud Essential
 * cluster in aws-us-east-1 with TiDB Cloud's account and zone IDs; RDS databases that
 * fit, one in a VPC without a zone in common with the cluster, one publicly
 * accessible, one Multi-AZ, an Aurora MySQL cluster, a PostgreSQL instance; one
 * healthy and one drifted link made outside Causeway. "large" adds 1,000 links.
 */
#pragma once

#include "cw-sandbox-world.h"

G_BEGIN_DECLS

#define CW_SB_SCENARIO_CLUSTER_ID  "10289034792938145678"
#define CW_SB_SCENARIO_STARTER_ID  "10289034792938149999"
#define CW_SB_SCENARIO_PROJECT_ID  "1372813089189561287"
#define CW_SB_LARGE_LINKS          1000

gboolean cw_sb_scenario_load (CwSandboxWorld  *world,
                              const char      *name,
                              GError         **error);

G_END_DECLS
