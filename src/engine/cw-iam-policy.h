/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-iam-policy.h: the IAM policy a plan needs, to hand to an administrator (DESIGN.md §4.4)
 *
 * Exactly the actions Causeway calls for this plan: reading what the plan shows, creating
 * what it creates, and deleting it again (roll back, teardown, re-sync), limited to the
 * plan's region.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-link-plan.h"

G_BEGIN_DECLS

JsonNode *cw_iam_policy_for_plan (CwLinkPlan *plan);
char     *cw_iam_policy_to_string (JsonNode  *policy);
GStrv     cw_iam_policy_dup_actions (JsonNode *policy);

G_END_DECLS
