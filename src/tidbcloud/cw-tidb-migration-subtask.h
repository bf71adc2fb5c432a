/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-migration-subtask.h: one source's part of a Data Migration job (dm.swagger.json)
 *
 * A subtask dumps the source, loads the dump into TiDB, then syncs the binlog; each
 * step has its own figures (DumpDetail, LoadDetail, SyncDetail), given while it runs or
 * after. Numbers the answer leaves out read as -1. The source's connection profile is
 * read without its password.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* SubTask.Step */
typedef enum {
  CW_TIDB_MIGRATION_STEP_UNKNOWN,
  CW_TIDB_MIGRATION_STEP_DUMP,
  CW_TIDB_MIGRATION_STEP_LOAD,
  CW_TIDB_MIGRATION_STEP_SYNC,
} CwTidbMigrationStep;

/* SubTask.Stage, whose UNKNOWN is the API's own. */
typedef enum {
  CW_TIDB_SUBTASK_STAGE_UNKNOWN,
  CW_TIDB_SUBTASK_STAGE_RUNNING,
  CW_TIDB_SUBTASK_STAGE_PAUSED,
  CW_TIDB_SUBTASK_STAGE_FAILED,
  CW_TIDB_SUBTASK_STAGE_FINISHED,
} CwTidbSubtaskStage;

#define CW_TYPE_TIDB_MIGRATION_STEP (cw_tidb_migration_step_get_type ())
GType       cw_tidb_migration_step_get_type  (void);
const char *cw_tidb_migration_step_to_string (CwTidbMigrationStep step);

#define CW_TYPE_TIDB_SUBTASK_STAGE (cw_tidb_subtask_stage_get_type ())
GType       cw_tidb_subtask_stage_get_type   (void);
const char *cw_tidb_subtask_stage_to_string  (CwTidbSubtaskStage stage);

#define CW_TYPE_TIDB_MIGRATION_SUBTASK (cw_tidb_migration_subtask_get_type ())
G_DECLARE_FINAL_TYPE (CwTidbMigrationSubtask, cw_tidb_migration_subtask, CW, TIDB_MIGRATION_SUBTASK, GObject)

CwTidbMigrationSubtask *cw_tidb_migration_subtask_new_from_json              (JsonObject             *object,
                                                                              GError                **error);
CwTidbMigrationStep     cw_tidb_migration_subtask_get_step                   (CwTidbMigrationSubtask *self);
CwTidbSubtaskStage      cw_tidb_migration_subtask_get_stage                  (CwTidbMigrationSubtask *self);
const char             *cw_tidb_migration_subtask_get_error_message          (CwTidbMigrationSubtask *self);
const char             *cw_tidb_migration_subtask_get_source_type            (CwTidbMigrationSubtask *self);
const char             *cw_tidb_migration_subtask_get_conn_type              (CwTidbMigrationSubtask *self);
const char             *cw_tidb_migration_subtask_get_private_link_connection_id (CwTidbMigrationSubtask *self);
guint                   cw_tidb_migration_subtask_get_port                   (CwTidbMigrationSubtask *self);
const char             *cw_tidb_migration_subtask_get_user                   (CwTidbMigrationSubtask *self);
double                  cw_tidb_migration_subtask_get_dump_progress          (CwTidbMigrationSubtask *self);
gint64                  cw_tidb_migration_subtask_get_dump_total_tables      (CwTidbMigrationSubtask *self);
gint64                  cw_tidb_migration_subtask_get_dump_completed_tables  (CwTidbMigrationSubtask *self);
gint64                  cw_tidb_migration_subtask_get_dump_finished_rows     (CwTidbMigrationSubtask *self);
gint64                  cw_tidb_migration_subtask_get_dump_finished_bytes    (CwTidbMigrationSubtask *self);
gint64                  cw_tidb_migration_subtask_get_dump_bytes_per_second  (CwTidbMigrationSubtask *self);
double                  cw_tidb_migration_subtask_get_load_progress          (CwTidbMigrationSubtask *self);
gint64                  cw_tidb_migration_subtask_get_load_finished_bytes    (CwTidbMigrationSubtask *self);
gint64                  cw_tidb_migration_subtask_get_load_total_bytes       (CwTidbMigrationSubtask *self);
gint64                  cw_tidb_migration_subtask_get_load_bytes_per_second  (CwTidbMigrationSubtask *self);
gint64                  cw_tidb_migration_subtask_get_sync_rows_per_second   (CwTidbMigrationSubtask *self);
gint64                  cw_tidb_migration_subtask_get_sync_latency_seconds   (CwTidbMigrationSubtask *self);
const char             *cw_tidb_migration_subtask_get_sync_checkpoint        (CwTidbMigrationSubtask *self);

G_END_DECLS
