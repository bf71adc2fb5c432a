/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-journal.h: what a link's runs decided, did and created, kept on disk
 *
 * One JSON file per link under $XDG_STATE_HOME/causeway/links/, replaced atomically on
 * every change, so a run killed at any moment can be resumed without creating anything
 * twice, and rolled back without touching what it did not create (DESIGN.md §4.2). It
 * holds the frozen plan ("spec"), each step's outcome, the ids of the resources and
 * which of them the link's runs created. Never a secret.
 */
#pragma once

#include <gio/gio.h>

#include "cw-link-plan.h"
#include "cw-step.h"

G_BEGIN_DECLS

typedef enum {
  CW_JOURNAL_CREATING,   /* a run is under way, or was when the process died */
  CW_JOURNAL_FAILED,     /* a run stopped on an error: retry or roll back */
  CW_JOURNAL_CREATED,    /* every step done */
  CW_JOURNAL_DELETING,   /* a roll back or teardown is under way (or was) */
  CW_JOURNAL_DELETED,
} CwJournalState;

/* Whether a step's resource is the link's own: only those are ever deleted. A step
 * records that it is about to create before it calls the cloud, so a crash between the
 * call and the answer still leaves a trace to look for. */
typedef enum {
  CW_CREATION_NONE,
  CW_CREATION_ATTEMPTED,
  CW_CREATION_DONE,
} CwCreation;

#define CW_TYPE_JOURNAL_STATE (cw_journal_state_get_type ())
GType       cw_journal_state_get_type  (void);
const char *cw_journal_state_to_string (CwJournalState state);

/* Keys of the spec. */
#define CW_SPEC_CLUSTER_ID              "clusterId"
#define CW_SPEC_REGION                  "region"
#define CW_SPEC_DATABASE_ID             "databaseId"
#define CW_SPEC_DATABASE_KIND           "databaseKind"
#define CW_SPEC_DATABASE_ENDPOINT       "databaseEndpoint"
#define CW_SPEC_DATABASE_PORT           "databasePort"
#define CW_SPEC_DATABASE_IP             "databaseIp"
#define CW_SPEC_VPC_ID                  "vpcId"
#define CW_SPEC_SUBNET_IDS              "subnetIds"
#define CW_SPEC_TARGET_GROUP_NAME       "targetGroupName"
#define CW_SPEC_LOAD_BALANCER_NAME      "loadBalancerName"
#define CW_SPEC_DISPLAY_NAME            "displayName"
#define CW_SPEC_NLB_SECURITY_GROUP      "nlbSecurityGroup"       /* an existing one, or absent */
#define CW_SPEC_DATABASE_SECURITY_GROUP "databaseSecurityGroup"  /* absent: no rule to add */
#define CW_SPEC_CROSS_ZONE              "crossZone"
#define CW_SPEC_TIDB_ACCOUNT_ID         "tidbAccountId"
#define CW_SPEC_AWS_ACCOUNT             "awsAccount"             /* credential labels */
#define CW_SPEC_TIDB_ACCOUNT            "tidbAccount"
/* A database added to an existing link (DESIGN.md §4.5): its own journal, naming the
 * link whose load balancer, endpoint service and TiDB Cloud connection it shares, and
 * the port of its listener there, the one TiDB Cloud's dataflows use. */
#define CW_SPEC_ADDED_TO                "addedTo"
#define CW_SPEC_LISTENER_PORT           "listenerPort"
/* When the database goes, rules another database of the link still needs stay. */
#define CW_SPEC_KEEP_EGRESS             "keepEgress"
#define CW_SPEC_KEEP_DATABASE_RULE      "keepDatabaseRule"

/* Keys of the resources. */
#define CW_RES_NLB_SECURITY_GROUP_ID    "nlbSecurityGroupId"
#define CW_RES_DATABASE_RULE_GROUP_ID   "databaseRuleGroupId"
#define CW_RES_TARGET_GROUP_ARN         "targetGroupArn"
#define CW_RES_REGISTERED_IP            "registeredIp"
#define CW_RES_LOAD_BALANCER_ARN        "loadBalancerArn"
#define CW_RES_LOAD_BALANCER_DNS_NAME   "loadBalancerDnsName"
#define CW_RES_LISTENER_ARN             "listenerArn"
#define CW_RES_ENDPOINT_SERVICE_ID      "endpointServiceId"
#define CW_RES_ENDPOINT_SERVICE_NAME    "endpointServiceName"
#define CW_RES_PRIVATE_LINK_ID          "privateLinkId"
#define CW_RES_ENDPOINT_ID              "endpointId"
#define CW_RES_EGRESS_ADDED             "egressAdded"   /* an added database's way out of the load balancer's group */

#define CW_TYPE_JOURNAL (cw_journal_get_type ())
G_DECLARE_FINAL_TYPE (CwJournal, cw_journal, CW, JOURNAL, GObject)

char               *cw_journal_dup_directory      (void);
void                cw_journal_set_directory      (const char          *directory);
CwJournal          *cw_journal_new                (const char          *link_id);
CwJournal          *cw_journal_new_for_plan       (CwLinkPlan          *plan);
CwJournal          *cw_journal_load               (const char          *path,
                                                   GError             **error);
CwJournal          *cw_journal_load_for_link      (const char          *link_id,
                                                   GError             **error);
void                cw_journal_load_for_link_async (const char         *link_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
CwJournal          *cw_journal_load_for_link_finish (GAsyncResult      *result,
                                                     GError           **error);
GPtrArray          *cw_journal_list               (GError             **error);
void                cw_journal_list_async         (GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray          *cw_journal_list_finish        (GAsyncResult        *result,
                                                   GError             **error);
CwJournal          *cw_journal_find_resumable     (const char          *cluster_id,
                                                   const char          *database_id,
                                                   GError             **error);
gboolean            cw_journal_is_added_to        (CwJournal           *self,
                                                   const char          *link_id,
                                                   const char          *database_id);
CwJournal          *cw_journal_find_created       (const char          *cluster_id,
                                                   const char          *database_id,
                                                   GError             **error);
gboolean            cw_journal_save               (CwJournal           *self,
                                                   GError             **error);
void                cw_journal_save_async         (CwJournal           *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean            cw_journal_save_finish        (CwJournal           *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
gboolean            cw_journal_remove             (CwJournal           *self,
                                                   GError             **error);

const char         *cw_journal_get_link_id        (CwJournal           *self);
const char         *cw_journal_get_path           (CwJournal           *self);
CwJournalState      cw_journal_get_state          (CwJournal           *self);
void                cw_journal_set_state          (CwJournal           *self,
                                                   CwJournalState       state);
const char         *cw_journal_get_error          (CwJournal           *self);
void                cw_journal_set_error          (CwJournal           *self,
                                                   const char          *message);

const char         *cw_journal_get_spec           (CwJournal           *self,
                                                   const char          *key);
void                cw_journal_set_spec           (CwJournal           *self,
                                                   const char          *key,
                                                   const char          *value);
guint               cw_journal_get_spec_uint      (CwJournal           *self,
                                                   const char          *key);
void                cw_journal_set_spec_uint      (CwJournal           *self,
                                                   const char          *key,
                                                   guint                value);
gboolean            cw_journal_get_spec_boolean   (CwJournal           *self,
                                                   const char          *key);
GStrv               cw_journal_dup_spec_strv      (CwJournal           *self,
                                                   const char          *key);

CwStepState         cw_journal_get_step_state     (CwJournal           *self,
                                                   const char          *step_id);
void                cw_journal_record_step        (CwJournal           *self,
                                                   CwStep              *step);

const char         *cw_journal_get_resource       (CwJournal           *self,
                                                   const char          *key);
void                cw_journal_set_resource       (CwJournal           *self,
                                                   const char          *key,
                                                   const char          *value);
CwCreation          cw_journal_get_creation       (CwJournal           *self,
                                                   const char          *step_id);
void                cw_journal_set_creation       (CwJournal           *self,
                                                   const char          *step_id,
                                                   CwCreation           creation);

G_END_DECLS
