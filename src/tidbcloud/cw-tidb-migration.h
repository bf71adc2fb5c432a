/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-migration.h: a Data Migration job of a TiDB Cloud cluster (dm.swagger.json)
 *
 * A migration copies one or more MySQL sources into the cluster, one subtask per
 * source. The API gives the source's connection, the error and the figures only per
 * subtask; the migration answers for the first subtask that has them, which is the
 * only one of the migrations Causeway creates (one database through one link).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-tidb-migration-subtask.h"

G_BEGIN_DECLS

/* Migration.State */
typedef enum {
  CW_TIDB_MIGRATION_STATE_UNKNOWN,
  CW_TIDB_MIGRATION_STATE_CREATING,
  CW_TIDB_MIGRATION_STATE_RUNNING,
  CW_TIDB_MIGRATION_STATE_PAUSED,
  CW_TIDB_MIGRATION_STATE_FAILED,
  CW_TIDB_MIGRATION_STATE_DELETING,
} CwTidbMigrationState;

/* TaskMode: ALL is a full copy followed by the binlog; INCREMENTAL the binlog only. */
typedef enum {
  CW_TIDB_MIGRATION_MODE_UNKNOWN,
  CW_TIDB_MIGRATION_MODE_ALL,
  CW_TIDB_MIGRATION_MODE_INCREMENTAL,
} CwTidbMigrationMode;

#define CW_TYPE_TIDB_MIGRATION_STATE (cw_tidb_migration_state_get_type ())
GType       cw_tidb_migration_state_get_type  (void);
const char *cw_tidb_migration_state_to_string (CwTidbMigrationState state);

#define CW_TYPE_TIDB_MIGRATION_MODE (cw_tidb_migration_mode_get_type ())
GType       cw_tidb_migration_mode_get_type   (void);
const char *cw_tidb_migration_mode_to_string  (CwTidbMigrationMode mode);

#define CW_TYPE_TIDB_MIGRATION (cw_tidb_migration_get_type ())
G_DECLARE_FINAL_TYPE (CwTidbMigration, cw_tidb_migration, CW, TIDB_MIGRATION, GObject)

CwTidbMigration      *cw_tidb_migration_new_from_json                 (JsonObject       *object,
                                                                       GError          **error);
const char           *cw_tidb_migration_get_migration_id              (CwTidbMigration  *self);
const char           *cw_tidb_migration_get_display_name              (CwTidbMigration  *self);
CwTidbMigrationState  cw_tidb_migration_get_state                     (CwTidbMigration  *self);
CwTidbMigrationMode   cw_tidb_migration_get_mode                      (CwTidbMigration  *self);
const char           *cw_tidb_migration_get_target_user               (CwTidbMigration  *self);
GDateTime            *cw_tidb_migration_get_create_time               (CwTidbMigration  *self);
GListModel           *cw_tidb_migration_get_subtasks                  (CwTidbMigration  *self);
const char           *cw_tidb_migration_get_conn_type                 (CwTidbMigration  *self);
const char           *cw_tidb_migration_get_private_link_connection_id (CwTidbMigration *self);
guint                 cw_tidb_migration_get_port                      (CwTidbMigration  *self);
const char           *cw_tidb_migration_get_error_message             (CwTidbMigration  *self);
gint64                cw_tidb_migration_get_lag_seconds               (CwTidbMigration  *self);

G_END_DECLS
