/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-migration-precheck.h: TiDB Cloud's checks before a migration (dm.swagger.json)
 *
 * Creating a precheck answers only its id (CreateMigrationPrecheckResp); reading it
 * again gives the status, the counts and the items while it runs and once it is done.
 * Both answers read into this object; counts the answer leaves out read as -1.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-tidb-precheck-item.h"

G_BEGIN_DECLS

/* MigrationPrecheck.Status */
typedef enum {
  CW_TIDB_PRECHECK_STATUS_UNKNOWN,
  CW_TIDB_PRECHECK_STATUS_PENDING,
  CW_TIDB_PRECHECK_STATUS_RUNNING,
  CW_TIDB_PRECHECK_STATUS_FINISHED,
  CW_TIDB_PRECHECK_STATUS_FAILED,
  CW_TIDB_PRECHECK_STATUS_CANCELED,
} CwTidbPrecheckStatus;

#define CW_TYPE_TIDB_PRECHECK_STATUS (cw_tidb_precheck_status_get_type ())
GType       cw_tidb_precheck_status_get_type  (void);
const char *cw_tidb_precheck_status_to_string (CwTidbPrecheckStatus status);

#define CW_TYPE_TIDB_MIGRATION_PRECHECK (cw_tidb_migration_precheck_get_type ())
G_DECLARE_FINAL_TYPE (CwTidbMigrationPrecheck, cw_tidb_migration_precheck, CW, TIDB_MIGRATION_PRECHECK, GObject)

CwTidbMigrationPrecheck *cw_tidb_migration_precheck_new_from_json     (JsonObject               *object,
                                                                       GError                  **error);
const char              *cw_tidb_migration_precheck_get_precheck_id   (CwTidbMigrationPrecheck  *self);
CwTidbPrecheckStatus     cw_tidb_migration_precheck_get_status        (CwTidbMigrationPrecheck  *self);
gboolean                 cw_tidb_migration_precheck_is_done           (CwTidbMigrationPrecheck  *self);
gint64                   cw_tidb_migration_precheck_get_total         (CwTidbMigrationPrecheck  *self);
gint64                   cw_tidb_migration_precheck_get_failed_count  (CwTidbMigrationPrecheck  *self);
gint64                   cw_tidb_migration_precheck_get_warning_count (CwTidbMigrationPrecheck  *self);
gint64                   cw_tidb_migration_precheck_get_success_count (CwTidbMigrationPrecheck  *self);
GListModel              *cw_tidb_migration_precheck_get_items         (CwTidbMigrationPrecheck  *self);

G_END_DECLS
