/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-provisioner-private.h: how the steps of a link are told to the provisioner
 *
 * A step kind creates (and may delete) one part of a link. Its functions are called
 * with a CwStepRun and end it with exactly one of succeed, skip, fail or wait; wait
 * calls the given function again after a pause that suits the resource.
 */
#pragma once

#include "cw-provisioner.h"

G_BEGIN_DECLS

typedef struct _CwStepRun CwStepRun;
typedef void (*CwStepFunc) (CwStepRun *run);

typedef struct {
  const char *id;
  const char *title;           /* N_() */
  const char *depends[4];      /* NULL-terminated */
  CwStepFunc  create;
  const char *delete_title;    /* N_(); NULL when deleting another part removes it */
  CwStepFunc  delete;
} CwStepKind;

/* How often a wait looks again, and for how long at most: each resource has its pace. */
typedef enum {
  CW_WAIT_LOAD_BALANCER,
  CW_WAIT_ENDPOINT_SERVICE,
  CW_WAIT_PRIVATE_LINK,
  CW_WAIT_TARGET_HEALTH,
  CW_WAIT_DEPENDENCY,
} CwWait;

struct _CwStepRun {
  CwProvisioner    *provisioner;
  const CwStepKind *kind;
  CwStep           *step;
  CwJournal        *journal;
  CwAwsClient      *aws;
  CwTidbClient     *tidb;
  GCancellable     *cancellable;
  gboolean          deleting;
  guint             polls;         /* looks of the current wait */
  gint64            wait_started;  /* monotonic µs, 0 outside a wait */
  guint             timeout_id;
  gconstpointer     detail;        /* the step's own, for its functions */
};

const CwStepKind *cw_link_step_kinds        (CwJournal       *journal,
                                             guint           *n_kinds);
const char * const *cw_link_teardown_order  (CwJournal       *journal);

void      cw_step_run_progress  (CwStepRun   *run,
                                 const char  *message);
void      cw_step_run_succeed   (CwStepRun   *run,
                                 const char  *message);
void      cw_step_run_skip      (CwStepRun   *run,
                                 const char  *message);
void      cw_step_run_fail      (CwStepRun   *run,
                                 GError      *error);
void      cw_step_run_wait      (CwStepRun   *run,
                                 CwWait       wait,
                                 const char  *what,
                                 CwStepFunc   look_again);
void      cw_step_run_record    (CwStepRun   *run,
                                 const char  *key,
                                 const char  *value);
void      cw_step_run_set_creation (CwStepRun  *run,
                                    CwCreation  creation);
void      cw_step_run_attempt   (CwStepRun   *run,
                                 CwStepFunc   send);
CwStepFunc cw_step_run_get_function (CwStepRun *run);

G_END_DECLS
