/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-faults.h: the faults the sandbox injects (--faults SPEC)
 *
 * SPEC is a list of rules separated by commas; a rule is a kind, a target and
 * parameters, separated by colons:
 *
 *   throttle:ec2.DescribeVpcs:count=2      the next two DescribeVpcs are throttled
 *   5xx:elbv2:p=0.2:status=500             a fifth of ELBv2 calls fail with HTTP 500
 *   drop:tidb.CreatePrivateLinkConnection  the connection is closed without an answer
 *   delay:*:ms=300:p=1                     every answer comes 300 ms late
 *   lag:ec2.CreateSecurityGroup:reads=2    the new group is missed by the next 2 reads
 *   throttle:rds:after=3                   the 4th RDS call (and only it) is throttled
 *   failover:billing-db:at=60              the database's IP moves 60 s (scaled) from now
 *
 * Targets are SERVICE or SERVICE.OPERATION, or "*": services are ec2, elbv2 (or
 * elasticloadbalancing), rds, sts, pricing (the Price List API), sso-oidc, sso (IAM
 * Identity Center's portal) and tidb; TiDB Cloud operations are named as in the
 * swagger files (ListClusters, CreatePrivateLinkConnection, …). Without count or p a
 * rule fires once. Draws use the sandbox's seed, so a run can be repeated exactly.
 */
#pragma once

#include <gio/gio.h>

#include "cw-sandbox-world.h"

G_BEGIN_DECLS

typedef enum {
  CW_SB_FAULT_NONE,
  CW_SB_FAULT_THROTTLE,
  CW_SB_FAULT_SERVER_ERROR,
  CW_SB_FAULT_DROP,
} CwSbFaultAction;

typedef struct {
  CwSbFaultAction action;
  guint           status;      /* for CW_SB_FAULT_SERVER_ERROR */
  guint           delay_ms;
  guint           lag_reads;   /* for what the request creates */
} CwSbFaultDecision;

#define CW_TYPE_SANDBOX_FAULTS (cw_sandbox_faults_get_type ())
G_DECLARE_FINAL_TYPE (CwSandboxFaults, cw_sandbox_faults, CW, SANDBOX_FAULTS, GObject)

CwSandboxFaults   *cw_sandbox_faults_new    (CwSandboxWorld  *world,
                                             guint32          seed);
gboolean           cw_sandbox_faults_add    (CwSandboxFaults *self,
                                             const char      *spec,
                                             GError         **error);
void               cw_sandbox_faults_clear  (CwSandboxFaults *self);
CwSbFaultDecision  cw_sandbox_faults_decide (CwSandboxFaults *self,
                                             const char      *service,
                                             const char      *operation);

G_END_DECLS
