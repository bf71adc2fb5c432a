/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-review-step.h: step 5 of a new link: everything that will happen, the IAM policy and
 * the exports; then the run's progress, and the link when it is done */
#pragma once

#include <adwaita.h>

#include "cw-link-session.h"
#include "cw-provisioner.h"

G_BEGIN_DECLS

#define CW_TYPE_REVIEW_STEP (cw_review_step_get_type ())
G_DECLARE_FINAL_TYPE (CwReviewStep, cw_review_step, CW, REVIEW_STEP, AdwBin)

void     cw_review_step_set_session (CwReviewStep  *self,
                                     CwLinkSession *session);
gboolean cw_review_step_is_running  (CwReviewStep  *self);
void     cw_review_step_continue_run (CwReviewStep  *self,
                                      CwProvisioner *provisioner,
                                      CwClouds      *clouds,
                                      gboolean       roll_back);

G_END_DECLS
