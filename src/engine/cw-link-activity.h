/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-activity.h: what happened to each link, as a timeline (DESIGN.md §13)
 *
 * Every change the link watcher sees or makes is kept per link: when, what changed
 * (the status before and after, in words), what was done and by whom (the person, or
 * the automatic repair). The timelines live in one small JSON file beside the journals,
 * $XDG_STATE_HOME/causeway/activity.json, which holds no secret: statuses, addresses
 * and sentences only. Reading and writing happen in a worker thread.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Who did what an entry says was done. */
typedef enum {
  CW_LINK_ACTOR_NONE,              /* nothing was done: a change seen */
  CW_LINK_ACTOR_USER,              /* "you" */
  CW_LINK_ACTOR_AUTOMATIC_REPAIR,  /* "automatic repair": the watcher, allowed to repair */
} CwLinkActor;

const char *cw_link_actor_to_string (CwLinkActor actor);

/* One entry of a link's timeline. */
typedef struct {
  char        *link_id;
  char        *name;        /* the link's display name then */
  gint64       time;        /* seconds since the epoch */
  char        *from;        /* the status before (cw_link_status_to_string), NULL when first seen */
  char        *to;          /* the status after */
  char        *what;        /* what changed, in words */
  char        *action;      /* what was done, in words, NULL when nothing */
  CwLinkActor  by;
} CwLinkEvent;

CwLinkEvent *cw_link_event_new  (const char  *link_id,
                                 const char  *name,
                                 gint64       time,
                                 const char  *from,
                                 const char  *to,
                                 const char  *what,
                                 const char  *action,
                                 CwLinkActor  by);
void         cw_link_event_free (CwLinkEvent *event);

/* What an event means to someone watching: a link got worse, recovered, was repaired
 * (or the repair failed) by the watcher, or none of these (a status that changed within
 * trouble for the better, a re-sync done by the person). */
typedef enum {
  CW_LINK_CHANGE_NONE,
  CW_LINK_CHANGE_WORSE,
  CW_LINK_CHANGE_RECOVERED,
  CW_LINK_CHANGE_REPAIRED,
} CwLinkChange;

CwLinkChange cw_link_event_get_change (const CwLinkEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwLinkEvent, cw_link_event_free)

#define CW_TYPE_LINK_ACTIVITY (cw_link_activity_get_type ())
G_DECLARE_FINAL_TYPE (CwLinkActivity, cw_link_activity, CW, LINK_ACTIVITY, GObject)

char           *cw_link_activity_dup_default_path (void);
CwLinkActivity *cw_link_activity_new              (const char          *path);
const char     *cw_link_activity_get_path         (CwLinkActivity      *self);
void            cw_link_activity_append_async     (CwLinkActivity      *self,
                                                   GPtrArray           *events,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        cw_link_activity_append_finish    (CwLinkActivity      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void            cw_link_activity_read_async       (CwLinkActivity      *self,
                                                   const char          *link_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray      *cw_link_activity_read_finish      (CwLinkActivity      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
