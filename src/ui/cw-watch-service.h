/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-watch-service.h: the application's watch over the links (DESIGN.md §13)
 *
 * Runs the engine's CwLinkWatcher every interval (GSettings' watch-interval, or
 * CAUSEWAY_WATCH_INTERVAL seconds when set) with the accounts of the last new link, or
 * the sandbox's, whether a window is open or not. Each change the watcher reports that
 * matters to a person (a link got worse, recovered, or was repaired) becomes one desktop
 * notification with the actions app.resync-link and app.open-link. The repair settings,
 * for every link and per link, are given to the watcher as they change. Scheduling and
 * telling only: what a change is and how a link is repaired are the engine's.
 */
#pragma once

#include <gio/gio.h>

#include "cw-credential-store.h"
#include "cw-link-activity.h"
#include "cw-link.h"

G_BEGIN_DECLS

#define CW_TYPE_WATCH_SERVICE (cw_watch_service_get_type ())
G_DECLARE_FINAL_TYPE (CwWatchService, cw_watch_service, CW, WATCH_SERVICE, GObject)

CwWatchService *cw_watch_service_new             (GApplication        *application,
                                                  CwCredentialStore   *store,
                                                  GSettings           *settings,
                                                  const char          *sandbox_label,
                                                  double               time_scale);
void            cw_watch_service_start           (CwWatchService      *self);
CwLinkActivity *cw_watch_service_get_activity    (CwWatchService      *self);
gboolean        cw_watch_service_get_link_repair (CwWatchService      *self,
                                                  CwLink              *link);
void            cw_watch_service_set_link_repair (CwWatchService      *self,
                                                  CwLink              *link,
                                                  gboolean             repair);
void            cw_watch_service_resync_async    (CwWatchService      *self,
                                                  const char          *link_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void            cw_watch_service_note_resync     (CwWatchService      *self,
                                                  const char          *link_id,
                                                  const char          *address);
gboolean        cw_watch_service_resync_finish   (CwWatchService      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
