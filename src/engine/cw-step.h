/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-step.h: one step of provisioning or tearing down a link, as the UI shows it
 *
 * The provisioner changes a step's state, message and attempt as it runs; the progress
 * view binds to them, the CLI prints them.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CW_STEP_PENDING,     /* waiting for the steps it depends on */
  CW_STEP_RUNNING,
  CW_STEP_WAITING,     /* polling until a resource is ready (or gone) */
  CW_STEP_DONE,
  CW_STEP_SKIPPED,     /* this plan does not need it */
  CW_STEP_FAILED,
  CW_STEP_CANCELLED,
} CwStepState;

#define CW_TYPE_STEP_STATE (cw_step_state_get_type ())
GType       cw_step_state_get_type  (void);
const char *cw_step_state_to_string (CwStepState state);
gboolean    cw_step_state_from_string (const char  *text,
                                       CwStepState *state);

#define CW_TYPE_STEP (cw_step_get_type ())
G_DECLARE_FINAL_TYPE (CwStep, cw_step, CW, STEP, GObject)

CwStep      *cw_step_new           (const char  *id,
                                    const char  *title);
const char  *cw_step_get_id        (CwStep      *self);
const char  *cw_step_get_title     (CwStep      *self);
CwStepState  cw_step_get_state     (CwStep      *self);
void         cw_step_set_state     (CwStep      *self,
                                    CwStepState  state);
const char  *cw_step_get_message   (CwStep      *self);
void         cw_step_set_message   (CwStep      *self,
                                    const char  *message);
guint        cw_step_get_attempt   (CwStep      *self);
void         cw_step_set_attempt   (CwStep      *self,
                                    guint        attempt);
gint64       cw_step_get_started   (CwStep      *self);
gint64       cw_step_get_finished  (CwStep      *self);
gboolean     cw_step_is_finished   (CwStep      *self);

G_END_DECLS
