/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-net.h: network rules shared by the AWS and TiDB Cloud clients
 *
 * Both clients must refuse plain http except to loopback, back off the same way on
 * retries, and never log a secret; these functions are the one place that decides.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  cw_uri_is_loopback          (GUri        *uri);
gboolean  cw_uri_is_acceptable        (GUri        *uri);
guint     cw_backoff_full_jitter_ms   (guint        attempt,
                                       guint        base_ms,
                                       guint        cap_ms);
char     *cw_redact_header_value      (const char  *name,
                                       const char  *value);
char     *cw_redact_form_body         (const char  *body,
                                       gsize        length);

G_END_DECLS
