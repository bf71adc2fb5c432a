/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-watcher.h: watching the links cheaply, and repairing a moved target
 * (DESIGN.md §13)
 *
 * A failover moves a database's address and silently breaks the links to it. Each
 * cycle of the watcher resolves the databases' endpoints by DNS and lists TiDB Cloud's
 * private link connections (a request per hundred), and compares them with what the
 * last full check found. Only a link whose cheap signals changed, that the watcher (or a
 * person, cw_link_watcher_resync_async() or cw_link_watcher_note_resync_async()) re-synced and
 * waits to see healthy, or whose status just changed or whose target AWS is still
 * checking, is described in AWS again (its target's health);
 * every link is checked in full (the inventory's refresh) when the last full check is
 * older than the full-check period. Over a thousand unchanged links a cycle costs a
 * dozen requests.
 *
 * With repair on (for every link, or for the link by cw_link_watcher_set_link_repair()),
 * a link Causeway made whose database moved is re-synced at once; a link made by hand is
 * only reported. Nothing is ever deleted. Every change seen or
 * made goes to the links' timelines (CwLinkActivity); what the last full check found
 * is kept beside them ($XDG_STATE_HOME/causeway/watch.json), so that a watcher started
 * again (causeway-cli watch --once) compares with it instead of checking in full.
 *
 * The cheap cycle lists the clusters that had links at the last full check (and those
 * set with cw_link_watcher_set_cluster_ids()): a first link in another cluster shows at
 * the next full check. A connection that comes or goes in a listed cluster makes the
 * cycle a full check at once.
 */
#pragma once

#include <gio/gio.h>

#include "cw-clouds.h"
#include "cw-link-activity.h"
#include "cw-link.h"

G_BEGIN_DECLS

/* What a change led to: the words of the JSON output, stable across languages. */
#define CW_WATCH_ACTION_NONE          "none"
#define CW_WATCH_ACTION_RESYNCED      "resynced"
#define CW_WATCH_ACTION_RESYNC_FAILED "resync-failed"
#define CW_WATCH_ACTION_NOT_MANAGED   "not-managed"   /* made by hand: reported, never repaired */

#define CW_LINK_WATCHER_DEFAULT_FULL_CHECK_PERIOD 3600  /* seconds */

#define CW_TYPE_LINK_WATCHER (cw_link_watcher_get_type ())
G_DECLARE_FINAL_TYPE (CwLinkWatcher, cw_link_watcher, CW, LINK_WATCHER, GObject)

CwLinkWatcher  *cw_link_watcher_new                   (CwClouds            *clouds,
                                                       CwLinkActivity      *activity,
                                                       const char          *state_path);
void            cw_link_watcher_set_cluster_ids       (CwLinkWatcher       *self,
                                                       const char * const  *cluster_ids);
void            cw_link_watcher_set_repair            (CwLinkWatcher       *self,
                                                       gboolean             repair);
gboolean        cw_link_watcher_get_repair            (CwLinkWatcher       *self);
void            cw_link_watcher_set_link_repair       (CwLinkWatcher       *self,
                                                       const char          *link_id,
                                                       gboolean             repair);
void            cw_link_watcher_clear_link_repairs    (CwLinkWatcher       *self);
gboolean        cw_link_watcher_repairs_link          (CwLinkWatcher       *self,
                                                       CwLink              *link);
void            cw_link_watcher_set_full_check_period (CwLinkWatcher       *self,
                                                       guint                seconds);
guint           cw_link_watcher_get_full_check_period (CwLinkWatcher       *self);
CwLinkActivity *cw_link_watcher_get_activity          (CwLinkWatcher       *self);
CwLink         *cw_link_watcher_find                  (CwLinkWatcher       *self,
                                                       const char          *link_id);
guint           cw_link_watcher_count_problems        (CwLinkWatcher       *self);

void            cw_link_watcher_run_cycle_async       (CwLinkWatcher       *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray      *cw_link_watcher_run_cycle_finish      (CwLinkWatcher       *self,
                                                       GAsyncResult        *result,
                                                       guint               *requests,
                                                       GError             **error);

void            cw_link_watcher_resync_async          (CwLinkWatcher       *self,
                                                       const char          *link_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char           *cw_link_watcher_resync_finish         (CwLinkWatcher       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

void            cw_link_watcher_note_resync_async     (CwLinkWatcher       *self,
                                                       const char          *link_id,
                                                       const char          *address,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        cw_link_watcher_note_resync_finish    (CwLinkWatcher       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

char           *cw_link_watcher_dup_default_state_path (void);

G_END_DECLS
