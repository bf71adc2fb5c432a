/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-watcher-private.h: what the files of the link watcher share
 *
 * cw-link-watcher.c runs a cycle, checks in full and ends the cycle;
 * cw-link-watcher-signals.c compares the cheap signals and describes again the links
 * whose signals changed; cw-link-watcher-repair.c re-syncs the drifted ones;
 * cw-link-watcher-state.c reads and writes what the last check found.
 */
#pragma once

#include "cw-link-inventory.h"
#include "cw-link-watcher.h"

G_BEGIN_DECLS

/* What the watcher knows of one link. */
typedef struct {
  CwLink   *link;        /* as last checked, cheaply or in full */
  gboolean  recheck;     /* repaired: described again each cycle until healthy */
} CwWatchKnown;

struct _CwLinkWatcher
{
  GObject          parent_instance;
  CwClouds        *clouds;
  CwLinkInventory *inventory;
  CwLinkActivity  *activity;
  char            *state_path;
  GStrv            cluster_ids;
  gboolean         repair;
  GHashTable      *link_repairs;  /* link id → GINT_TO_POINTER (repair + 1): the per-link choice */
  guint            full_check_period;
  gboolean         state_loaded;
  gint64           full_check_at;  /* the last full check, in seconds since the epoch; 0: none */
  char            *full_check_scope;  /* the clusters it listed (cw_link_watcher_dup_scope()) */
  GHashTable      *known;      /* link id → CwWatchKnown */
  GHashTable      *addresses;  /* database endpoint → the address DNS gave */
  GHashTable      *repaired;   /* link ids repaired in the last cycle */
  gboolean         cycling;
};

/* A cycle in progress, the task data of its GTask. */
typedef struct {
  GTask      *task;
  gint64      now;
  guint       requests_at_start;
  GHashTable *before;       /* link id → CwLinkStatus + 1, before the cycle */
  GPtrArray  *events;       /* CwLinkEvent */
  GHashTable *tidb_links;   /* TiDB Cloud connection id → CwTidbPrivateLink */
  GHashTable *answers;      /* database endpoint → the address DNS gives now */
  GPtrArray  *rechecks;     /* CwLink: copies of the links to describe again */
  guint       pending;
  GPtrArray  *jobs;         /* the stage's items, started at most CW_LINK_REQUESTS_IN_FLIGHT at once */
  guint       next_job;
  guint       in_flight;
  void      (*start_job) (GTask    *task,
                          gpointer  item);
  GError     *error;
  void      (*then) (GTask *task);
} CwWatchCycle;

CwWatchKnown *cw_watch_known_new                  (CwLink         *link);
void          cw_watch_known_free                 (CwWatchKnown   *known);

CwWatchCycle *cw_watch_cycle_of                   (GTask          *task);
void          cw_watch_cycle_part_done            (GTask          *task,
                                                   GError         *error);
void          cw_watch_cycle_run_jobs             (GTask          *task,
                                                   GPtrArray      *items,
                                                   void          (*start) (GTask    *task,
                                                                           gpointer  item),
                                                   void          (*then) (GTask *task));
void          cw_watch_cycle_job_done             (GTask          *task,
                                                   GError         *error);
void          cw_watch_cycle_add_event            (CwWatchCycle   *cycle,
                                                   CwLink         *link,
                                                   const char     *from,
                                                   const char     *what,
                                                   const char     *action,
                                                   CwLinkActor     by);

void          cw_link_watcher_resolve_endpoints   (CwLinkWatcher  *self,
                                                   GTask          *task);
void          cw_link_watcher_full_check          (GTask          *task);
void          cw_link_watcher_cheap_check         (GTask          *task);
void          cw_link_watcher_checked             (GTask          *task);

char         *cw_link_watcher_dup_scope           (CwLinkWatcher  *self);

gboolean      cw_link_watcher_needs_repair        (CwLink         *link);
gboolean      cw_link_watcher_settling            (CwLink         *link,
                                                   CwLinkStatus    was);
void          cw_link_watcher_repair_links        (GTask          *task,
                                                   void          (*then) (GTask *task));

void          cw_link_watcher_load_state_async    (CwLinkWatcher       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void          cw_link_watcher_load_state_finish   (CwLinkWatcher       *self,
                                                   GAsyncResult        *result);
void          cw_link_watcher_save_state_async    (CwLinkWatcher       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      cw_link_watcher_save_state_finish   (CwLinkWatcher       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
