/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-autostart.h: starting Causeway in the background at login (DESIGN.md §13)
 *
 * An XDG autostart entry, $XDG_CONFIG_HOME/autostart/<application id>.desktop, that runs
 * `causeway --background`; written or removed in a worker thread, or, in a Flatpak
 * sandbox, by the desktop through the Background portal (RequestBackground).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *cw_autostart_dup_path       (void);
void      cw_autostart_set            (gboolean              enabled);
void      cw_autostart_request_async  (gboolean              enabled,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean  cw_autostart_request_finish (GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
