/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-progress-view.h: a provisioner's run as it goes: each step with its state, what it
 * waits for and for how long, retries; Cancel; on failure the error with Retry and
 * Roll back */
#pragma once

#include <adwaita.h>

#include "cw-provisioner.h"

G_BEGIN_DECLS

#define CW_TYPE_PROGRESS_VIEW (cw_progress_view_get_type ())
G_DECLARE_FINAL_TYPE (CwProgressView, cw_progress_view, CW, PROGRESS_VIEW, AdwBin)

void     cw_progress_view_create    (CwProgressView *self,
                                     CwProvisioner  *provisioner);
void     cw_progress_view_delete    (CwProgressView *self,
                                     CwProvisioner  *provisioner);
gboolean cw_progress_view_is_running (CwProgressView *self);
void     cw_progress_view_log_requests (CwProgressView *self,
                                        CwClouds       *clouds);

G_END_DECLS
