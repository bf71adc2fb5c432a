/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-wait.h: waiting on the main loop, unless the caller cancels first
 *
 * A retry's backoff, a poll's interval, a person's approval: each waits a while, and a
 * cancelled GCancellable must end the wait at once rather than when it is over. One
 * wait is a timeout and a cancellable source on the same main context; exactly one of
 * the two callbacks runs, then the wait is over (cw_wait_stop is then harmless).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  GSource *timer;
  GSource *cancel_source;
} CwWait;

/* @on_cancelled is a GCancellableSourceFunc; @cancellable may be NULL. */
void cw_wait_start (CwWait                  *wait,
                    guint                    ms,
                    GCancellable            *cancellable,
                    GMainContext            *context,
                    GSourceFunc              on_timer,
                    GCancellableSourceFunc   on_cancelled,
                    gpointer                 user_data);
void cw_wait_stop  (CwWait                  *wait);

G_END_DECLS
