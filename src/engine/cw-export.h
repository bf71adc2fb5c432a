/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-export.h: what a plan changes, and the AWS side of it as code (DESIGN.md §4.4)
 *
 * Works from a plan's frozen decisions (cw_journal_new_for_plan), so an existing link's
 * journal exports the same way. The Terraform configuration and the AWS CLI script
 * create the same AWS resources, with the same names and tags, as the provisioner.
 */
#pragma once

#include <glib.h>

#include "cw-journal.h"

G_BEGIN_DECLS

typedef enum {
  CW_CHANGE_CREATE,
  CW_CHANGE_MODIFY,
  CW_CHANGE_USE,
} CwChangeAction;

typedef struct {
  CwChangeAction  action;
  char           *kind;     /* "security-group", "target-group", … */
  char           *name;
  char           *detail;   /* a sentence */
} CwPlanChange;

void        cw_plan_change_free     (CwPlanChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwPlanChange, cw_plan_change_free)
const char *cw_change_action_to_string (CwChangeAction action);

GPtrArray  *cw_export_changes       (CwJournal    *spec);
char       *cw_export_terraform     (CwJournal    *spec);
char       *cw_export_aws_cli       (CwJournal    *spec);

G_END_DECLS
