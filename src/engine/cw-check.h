/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-check.h: the verdict of one check of a link plan */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CW_CHECK_OK,
  CW_CHECK_WARNING,
  CW_CHECK_ERROR,
} CwCheckLevel;

#define CW_TYPE_CHECK_LEVEL (cw_check_level_get_type ())
GType       cw_check_level_get_type  (void);
const char *cw_check_level_to_string (CwCheckLevel level);

/* The step of a new link where the decision behind a check is made. */
typedef enum {
  CW_PLAN_STEP_ACCOUNTS,
  CW_PLAN_STEP_CLUSTER,
  CW_PLAN_STEP_DATABASE,
  CW_PLAN_STEP_NETWORK,
  CW_PLAN_STEP_REVIEW,
} CwPlanStep;

#define CW_TYPE_PLAN_STEP (cw_plan_step_get_type ())
GType cw_plan_step_get_type (void);

#define CW_TYPE_CHECK (cw_check_get_type ())
G_DECLARE_FINAL_TYPE (CwCheck, cw_check, CW, CHECK, GObject)

CwCheck      *cw_check_new         (const char   *id,
                                    CwPlanStep    step,
                                    CwCheckLevel  level,
                                    const char   *message,
                                    const char   *fix);
CwCheck      *cw_check_new_pending (const char   *id,
                                    CwPlanStep    step,
                                    const char   *message);
const char   *cw_check_get_id      (CwCheck      *self);
CwPlanStep    cw_check_get_step    (CwCheck      *self);
CwCheckLevel  cw_check_get_level   (CwCheck      *self);
const char   *cw_check_get_message (CwCheck      *self);
const char   *cw_check_get_fix     (CwCheck      *self);
/* "<message> <fix>", or the message alone. */
char         *cw_check_dup_sentence (CwCheck     *self);
gboolean      cw_check_is_pending  (CwCheck      *self);

G_END_DECLS
