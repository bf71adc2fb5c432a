/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-wait.c: see cw-wait.h */
#define G_LOG_DOMAIN "cw-wait"

#include "config.h"

#include "cw-wait.h"

/* Both sources go, whichever fired: the other must not run after the wait is over. */
void
cw_wait_stop (CwWait *wait)
{
  if (wait->timer != NULL)
    g_source_destroy (wait->timer);
  g_clear_pointer (&wait->timer, g_source_unref);
  if (wait->cancel_source != NULL)
    g_source_destroy (wait->cancel_source);
  g_clear_pointer (&wait->cancel_source, g_source_unref);
}

void
cw_wait_start (CwWait                 *wait,
               guint                   ms,
               GCancellable           *cancellable,
               GMainContext           *context,
               GSourceFunc             on_timer,
               GCancellableSourceFunc  on_cancelled,
               gpointer                user_data)
{
  cw_wait_stop (wait);
  wait->timer = g_timeout_source_new (ms);
  g_source_set_callback (wait->timer, on_timer, user_data, NULL);
  g_source_attach (wait->timer, context);
  if (cancellable == NULL)
    return;
  wait->cancel_source = g_cancellable_source_new (cancellable);
  g_source_set_callback (wait->cancel_source, G_SOURCE_FUNC (on_cancelled), user_data, NULL);
  g_source_attach (wait->cancel_source, context);
}
