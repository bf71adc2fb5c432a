/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-dataflow.h: a changefeed or a migration of TiDB Cloud, seen from the link it uses
 *
 * TiDB Cloud's dataflows name a private link connection and a port; the links view
 * matches them to its links by that connection's id (DESIGN.md §12). A CwDataflow is a
 * snapshot of one answer: a later list makes new ones.
 */
#pragma once

#include <glib-object.h>

#include "cw-tidb-changefeed.h"
#include "cw-tidb-migration.h"

G_BEGIN_DECLS

typedef enum {
  CW_DATAFLOW_CHANGEFEED,   /* TiDB → the database */
  CW_DATAFLOW_MIGRATION,    /* the database → TiDB */
} CwDataflowKind;

#define CW_TYPE_DATAFLOW_KIND (cw_dataflow_kind_get_type ())
GType       cw_dataflow_kind_get_type  (void);
const char *cw_dataflow_kind_to_string (CwDataflowKind kind);   /* "changefeed", "migration" */

/* What to do to a dataflow: a changefeed's :stop and :start, a migration's :pause and
 * :resume, and DELETE for both. */
typedef enum {
  CW_DATAFLOW_PAUSE,
  CW_DATAFLOW_RESUME,
  CW_DATAFLOW_DELETE,
} CwDataflowChange;

#define CW_TYPE_DATAFLOW (cw_dataflow_get_type ())
G_DECLARE_FINAL_TYPE (CwDataflow, cw_dataflow, CW, DATAFLOW, GObject)

CwDataflow       *cw_dataflow_new_for_changefeed     (CwTidbChangefeed *changefeed,
                                                      GDateTime        *now);
/* A migration's answer does not name its cluster (dm.swagger.json): the caller does. */
CwDataflow       *cw_dataflow_new_for_migration      (CwTidbMigration  *migration,
                                                      const char       *cluster_id);

CwDataflowKind    cw_dataflow_get_kind               (CwDataflow *self);
const char       *cw_dataflow_get_id                 (CwDataflow *self);
const char       *cw_dataflow_get_cluster_id         (CwDataflow *self);
const char       *cw_dataflow_get_display_name       (CwDataflow *self);
/* The private link connection and port it goes through; NULL and 0 when it goes
 * elsewhere (a public endpoint, a sink of another type). */
const char       *cw_dataflow_get_private_link_id    (CwDataflow *self);
guint             cw_dataflow_get_port               (CwDataflow *self);
/* TiDB Cloud's state as it names it: RUNNING, WARNING, RUNNING_FAILED, PAUSED, … */
const char       *cw_dataflow_get_state              (CwDataflow *self);
/* A sentence for people: "Running", "Paused", "Failed: <TiDB Cloud's error>", … */
char             *cw_dataflow_dup_state_label        (CwDataflow *self);
gboolean          cw_dataflow_get_failed             (CwDataflow *self);
gboolean          cw_dataflow_get_paused             (CwDataflow *self);
/* TiDB Cloud is still making or removing it (CREATING, DELETING). */
gboolean          cw_dataflow_get_settling           (CwDataflow *self);
/* A running migration still dumping or loading: its progress moves by itself. */
gboolean          cw_dataflow_get_copying            (CwDataflow *self);
const char       *cw_dataflow_get_error              (CwDataflow *self);
/* Seconds behind (a changefeed's checkpoint, a migration's sync lag); -1 unknown. */
gint64            cw_dataflow_get_lag_seconds        (CwDataflow *self);
/* Where a migration is, one sentence per subtask joined by "; ": "Dumping: 40 % (12 of
 * 30 tables, 1200 rows)", "Loading: 60 % (120.0 MB of 200.0 MB)", "Syncing the binlog:
 * 120 rows/s". NULL for a changefeed, or a migration before its subtasks start. */
char             *cw_dataflow_dup_progress_label     (CwDataflow *self);
/* Causeway's link id (causeway:link-id) once matched to a link, else NULL. */
const char       *cw_dataflow_get_link_id            (CwDataflow *self);
void              cw_dataflow_set_link_id            (CwDataflow *self,
                                                      const char *link_id);
/* The answer it was made of: the changefeed or the migration (the other is NULL). */
CwTidbChangefeed *cw_dataflow_get_changefeed         (CwDataflow *self);
CwTidbMigration  *cw_dataflow_get_migration          (CwDataflow *self);

G_END_DECLS
