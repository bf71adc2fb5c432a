/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-window.h */
#pragma once

#include <adwaita.h>

#include "cw-application.h"
#include "cw-review-step.h"

G_BEGIN_DECLS

#define CW_TYPE_WINDOW (cw_window_get_type ())
G_DECLARE_FINAL_TYPE (CwWindow, cw_window, CW, WINDOW, AdwApplicationWindow)

CwWindow *cw_window_new       (CwApplication *application);
void      cw_window_add_toast (CwWindow      *self,
                               const char    *message);
void      cw_window_show_page (CwWindow      *self,
                               const char    *page_name);
void      cw_window_show_link (CwWindow      *self,
                               const char    *link_id);
CwReviewStep *cw_window_get_review_step (CwWindow *self);

G_END_DECLS
