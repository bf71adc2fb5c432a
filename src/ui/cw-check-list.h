/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-check-list.h: the checks of a plan for some steps, each with its verdict, sentence
 * and, for errors, what to change */
#pragma once

#include <adwaita.h>

#include "cw-link-plan.h"

G_BEGIN_DECLS

#define CW_CHECK_LIST_ALL_STEPS 0xff
#define CW_CHECK_LIST_STEP(step) (1u << (step))

#define CW_TYPE_CHECK_LIST (cw_check_list_get_type ())
G_DECLARE_FINAL_TYPE (CwCheckList, cw_check_list, CW, CHECK_LIST, AdwBin)

void cw_check_list_set_plan  (CwCheckList *self,
                              CwLinkPlan  *plan);
void cw_check_list_set_steps (CwCheckList *self,
                              guint        steps);

G_END_DECLS
