/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-provisioner.h: builds a link as a dependency graph of small steps, and takes it
 * down again (DESIGN.md §4.2)
 *
 * Independent steps run side by side; every step finds its own result if it already
 * exists, so a run resumed from its journal creates nothing twice. Transient failures
 * are retried per step; a failure that retries cannot cure stops the run, which can
 * then be resumed (create again) or rolled back (delete: only what the link's runs
 * created, in the teardown order). Progress is told through the steps' properties and
 * ::step-changed, never printed.
 */
#pragma once

#include <gio/gio.h>

#include "cw-clouds.h"
#include "cw-ec2.h"
#include "cw-journal.h"
#include "cw-step.h"

G_BEGIN_DECLS

/* Tags on every AWS resource Causeway creates: the link it belongs to and its database. */
#define CW_TAG_LINK_ID  "causeway:link-id"
#define CW_TAG_DATABASE "causeway:database"
/* On the endpoint service, one per database added to the link: the key names the port
 * of its listener, the value "<database id>/<target group name>". */
#define CW_TAG_PORT_PREFIX "causeway:port:"

/* What the provisioner and the exports give the resources they create. */
#define CW_LINK_GROUP_DESCRIPTION "TiDB Cloud private link load balancer (Causeway)"
#define CW_LINK_RULE_DESCRIPTION  "TiDB Cloud private link (Causeway)"
#define CW_LINK_OPEN_CIDR         "0.0.0.0/0"

/* Health checks every 5 s, the shortest AWS allows, healthy after 2 (AWS's defaults:
 * 30 s and 5): within 10 s the target group tells whether the load balancer reaches the
 * database, and whether it still does after the database moved; a database added to a
 * link is ready as soon. The timeout may not exceed the interval. */
#define CW_LINK_HEALTH_INTERVAL_S       5
#define CW_LINK_HEALTH_TIMEOUT_S        5
#define CW_LINK_HEALTHY_THRESHOLD       2
#define CW_LINK_UNHEALTHY_THRESHOLD     2

/* The steps of a link (DESIGN.md §4.2): their ids name them in the journal, in the
 * progress a run reports and in `causeway-cli apply`'s lines. */
#define CW_STEP_SG_NLB             "sg_nlb"
#define CW_STEP_TG                 "tg"
#define CW_STEP_NLB                "nlb"
#define CW_STEP_RDS_SG_RULE        "rds_sg_rule"
#define CW_STEP_TG_ATTRIBUTES      "tg_attributes"
#define CW_STEP_REGISTER_TARGET    "register_target"
#define CW_STEP_WAIT_NLB_ACTIVE    "wait_nlb_active"
#define CW_STEP_LISTENER           "listener"
#define CW_STEP_ENDPOINT_SERVICE   "endpoint_service"
#define CW_STEP_ALLOW_PRINCIPAL    "allow_principal"
#define CW_STEP_TIDB_LINK          "tidb_link"
#define CW_STEP_ACCEPT             "accept"
#define CW_STEP_WAIT_ACTIVE        "wait_active"
#define CW_STEP_VERIFY_HEALTH      "verify_health"
/* The steps only a database added to a link has. */
#define CW_STEP_NLB_RULES          "nlb_rules"
#define CW_STEP_SERVICE_TAG        "service_tag"

char *cw_link_security_group_name (const char *link_id);
char *cw_link_client_token        (const char *link_id);

GPtrArray *cw_link_egress_permissions (guint       port,
                                       const char *database_group,
                                       const char *database_ip);

typedef enum {
  CW_PROVISIONER_IDLE,
  CW_PROVISIONER_CREATING,
  CW_PROVISIONER_CREATED,
  CW_PROVISIONER_DELETING,
  CW_PROVISIONER_DELETED,
  CW_PROVISIONER_FAILED,
  CW_PROVISIONER_CANCELLED,
} CwProvisionerState;

#define CW_TYPE_PROVISIONER_STATE (cw_provisioner_state_get_type ())
GType cw_provisioner_state_get_type (void);

#define CW_TYPE_PROVISIONER (cw_provisioner_get_type ())
G_DECLARE_FINAL_TYPE (CwProvisioner, cw_provisioner, CW, PROVISIONER, GObject)

CwProvisioner      *cw_provisioner_new           (CwClouds             *clouds,
                                                  CwJournal            *journal);
CwJournal          *cw_provisioner_get_journal   (CwProvisioner        *self);
GListModel         *cw_provisioner_get_steps     (CwProvisioner        *self);
CwProvisionerState  cw_provisioner_get_state     (CwProvisioner        *self);
guint               cw_provisioner_get_poll_count (CwProvisioner       *self);
void                cw_provisioner_create_async  (CwProvisioner        *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            cw_provisioner_create_finish (CwProvisioner        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                cw_provisioner_delete_async  (CwProvisioner        *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            cw_provisioner_delete_finish (CwProvisioner        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
