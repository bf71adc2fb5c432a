/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-link.h: what the commands about links share
 *
 * Opening the clouds with the chosen credentials, the options that describe a plan
 * (plan, apply, export, iam-policy), loading the plan, JSON members, and printing a
 * provisioner's steps as they change.
 */
#pragma once

#include "cw-cli.h"
#include "cw-cli-table.h"
#include "cw-clouds.h"
#include "cw-journal.h"
#include "cw-link.h"
#include "cw-link-plan.h"
#include "cw-provisioner.h"

G_BEGIN_DECLS

typedef struct {
  char  *cluster_id;
  char  *database_id;
  char  *database_region;
  char  *display_name;
  char  *target_group_name;
  char  *load_balancer_name;
  char **subnet_ids;
  char  *nlb_security_group;
  char  *database_security_group;
  gboolean no_database_rule;
} CwCliPlanOptions;

/* A command about a plan: plan, iam-policy, export. */
typedef struct {
  const char         *name;
  const GOptionEntry *extra;                  /* its own options, or NULL */
  gboolean          (*check) (gpointer   data,
                              GError   **error);   /* checks them (a usage error), or NULL */
  int               (*run)   (CwCli      *cli,
                              CwClouds   *clouds,
                              CwLinkPlan *plan,
                              gpointer    data);
  gpointer            data;
} CwCliPlanCommand;

int           cw_cli_run_plan_command     (CwCli              *cli,
                                           int                 argc,
                                           char              **argv,
                                           const CwCliPlanCommand *command);
CwClouds     *cw_cli_open_clouds          (CwCli              *cli,
                                           gboolean            aws,
                                           gboolean            tidb,
                                           GError            **error);
GOptionEntry *cw_cli_plan_option_entries  (CwCliPlanOptions   *options,
                                           const GOptionEntry *extra);
void          cw_cli_plan_options_clear   (CwCliPlanOptions   *options);
gboolean      cw_cli_plan_options_check   (CwCliPlanOptions   *options,
                                           const char         *command,
                                           int                 argc,
                                           GError            **error);
CwLinkPlan   *cw_cli_load_plan            (CwCli              *cli,
                                           CwClouds           *clouds,
                                           CwCliPlanOptions   *options,
                                           GError            **error);
int           cw_cli_exit_with            (const GError       *error);
gboolean      cw_cli_plan_refuse_if_not_ready (CwLinkPlan     *plan,
                                               GError        **error);
gboolean      cw_cli_confirm              (const char         *question,
                                           gboolean            yes,
                                           GError            **error);
void          cw_cli_follow_steps         (CwProvisioner      *provisioner);
gboolean      cw_cli_run_provisioner      (CwProvisioner      *provisioner,
                                           gboolean            deleting,
                                           GError            **error);

void          cw_cli_json_string          (JsonBuilder        *builder,
                                           const char         *name,
                                           const char         *value);
void          cw_cli_json_strv            (JsonBuilder        *builder,
                                           const char         *name,
                                           const char * const *values);
void          cw_cli_json_int             (JsonBuilder        *builder,
                                           const char         *name,
                                           gint64              value);
void          cw_cli_json_boolean         (JsonBuilder        *builder,
                                           const char         *name,
                                           gboolean            value);
/* A check as {id, level, message, fix}, and as a CHECK LEVEL MESSAGE row (the fix
 * after the message). */
void          cw_cli_json_check           (JsonBuilder        *builder,
                                           CwCheck            *check);
CwCliTable   *cw_cli_check_table_new      (void);
void          cw_cli_table_add_check      (CwCliTable         *table,
                                           CwCheck            *check);
CwLink       *cw_cli_find_link_to_add_to  (CwClouds           *clouds,
                                           const char         *link_id,
                                           CwCliPlanOptions   *options,
                                           GError            **error);
CwJournal    *cw_cli_new_addition         (CwClouds           *clouds,
                                           CwLink             *link,
                                           CwLinkPlan         *plan,
                                           GError            **error);

G_END_DECLS
