/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-step-row.h: a row of the sidebar: a step of a new link, or a view (Links, Accounts) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  CW_SIDEBAR_STATE_NONE,       /* a view, not a step */
  CW_SIDEBAR_STATE_TODO,
  CW_SIDEBAR_STATE_DONE,
  CW_SIDEBAR_STATE_ATTENTION,
} CwSidebarState;

#define CW_TYPE_SIDEBAR_STATE (cw_sidebar_state_get_type ())
GType cw_sidebar_state_get_type (void);

#define CW_TYPE_STEP_ROW (cw_step_row_get_type ())
G_DECLARE_FINAL_TYPE (CwStepRow, cw_step_row, CW, STEP_ROW, GtkListBoxRow)

const char  *cw_step_row_get_page_name (CwStepRow   *self);
gboolean     cw_step_row_is_step       (CwStepRow   *self);
guint        cw_step_row_get_number    (CwStepRow   *self);
CwSidebarState  cw_step_row_get_state     (CwStepRow   *self);
void         cw_step_row_set_state     (CwStepRow   *self,
                                        CwSidebarState  state);

G_END_DECLS
