/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-migration-precheck.c */
#define G_LOG_DOMAIN "cw-tidb-migration-precheck"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-tidb-migration-precheck.h"
#include "cw-tidb-types-private.h"

struct _CwTidbMigrationPrecheck
{
  GObject               parent_instance;
  char                 *precheck_id;
  CwTidbPrecheckStatus  status;
  gint64                total;
  gint64                failed_count;
  gint64                warning_count;
  gint64                success_count;
  GListStore           *items;  /* of CwTidbPrecheckItem */
};

G_DEFINE_FINAL_TYPE (CwTidbMigrationPrecheck, cw_tidb_migration_precheck, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwTidbPrecheckStatus, cw_tidb_precheck_status,
                    G_DEFINE_ENUM_VALUE (CW_TIDB_PRECHECK_STATUS_UNKNOWN, "UNKNOWN"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_PRECHECK_STATUS_PENDING, "PENDING"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_PRECHECK_STATUS_RUNNING, "RUNNING"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_PRECHECK_STATUS_FINISHED, "FINISHED"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_PRECHECK_STATUS_FAILED, "FAILED"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_PRECHECK_STATUS_CANCELED, "CANCELED"))

enum {
  PROP_0,
  PROP_PRECHECK_ID,
  PROP_STATUS,
  PROP_TOTAL,
  PROP_FAILED_COUNT,
  PROP_WARNING_COUNT,
  PROP_SUCCESS_COUNT,
  PROP_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
cw_tidb_precheck_status_to_string (CwTidbPrecheckStatus status)
{
  return cw_tidb_enum_to_string (CW_TYPE_TIDB_PRECHECK_STATUS, status);
}

static void
cw_tidb_migration_precheck_finalize (GObject *object)
{
  CwTidbMigrationPrecheck *self = CW_TIDB_MIGRATION_PRECHECK (object);

  g_free (self->precheck_id);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (cw_tidb_migration_precheck_parent_class)->finalize (object);
}

static void
cw_tidb_migration_precheck_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CwTidbMigrationPrecheck *self = CW_TIDB_MIGRATION_PRECHECK (object);

  switch (prop_id)
    {
    case PROP_PRECHECK_ID:
      g_value_set_string (value, self->precheck_id);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    case PROP_FAILED_COUNT:
      g_value_set_int64 (value, self->failed_count);
      break;
    case PROP_WARNING_COUNT:
      g_value_set_int64 (value, self->warning_count);
      break;
    case PROP_SUCCESS_COUNT:
      g_value_set_int64 (value, self->success_count);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tidb_migration_precheck_class_init (CwTidbMigrationPrecheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_tidb_migration_precheck_finalize;
  object_class->get_property = cw_tidb_migration_precheck_get_property;

  properties[PROP_PRECHECK_ID] = cw_tidb_string_property ("precheck-id");
  properties[PROP_STATUS] = cw_tidb_enum_property ("status", CW_TYPE_TIDB_PRECHECK_STATUS);
  properties[PROP_TOTAL] = cw_tidb_int64_property ("total");
  properties[PROP_FAILED_COUNT] = cw_tidb_int64_property ("failed-count");
  properties[PROP_WARNING_COUNT] = cw_tidb_int64_property ("warning-count");
  properties[PROP_SUCCESS_COUNT] = cw_tidb_int64_property ("success-count");
  properties[PROP_ITEMS] = cw_tidb_list_property ("items");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_tidb_migration_precheck_init (CwTidbMigrationPrecheck *self)
{
  self->total = -1;
  self->failed_count = -1;
  self->warning_count = -1;
  self->success_count = -1;
  self->items = g_list_store_new (CW_TYPE_TIDB_PRECHECK_ITEM);
}

CwTidbMigrationPrecheck *
cw_tidb_migration_precheck_new_from_json (JsonObject  *object,
                                          GError     **error)
{
  g_autoptr(CwTidbMigrationPrecheck) self = g_object_new (CW_TYPE_TIDB_MIGRATION_PRECHECK, NULL);
  const char *what = _("migration precheck");
  int status = CW_TIDB_PRECHECK_STATUS_UNKNOWN;

  if (!cw_tidb_json_string (object, "precheckId", CW_TIDB_REQUIRED, what, &self->precheck_id, error) ||
      !cw_tidb_json_enum (object, "status", CW_TYPE_TIDB_PRECHECK_STATUS, what, &status, error) ||
      !cw_tidb_json_int64 (object, "total", CW_TIDB_OPTIONAL, what, &self->total, error) ||
      !cw_tidb_json_int64 (object, "failedCnt", CW_TIDB_OPTIONAL, what, &self->failed_count, error) ||
      !cw_tidb_json_int64 (object, "warnCnt", CW_TIDB_OPTIONAL, what, &self->warning_count, error) ||
      !cw_tidb_json_int64 (object, "successCnt", CW_TIDB_OPTIONAL, what, &self->success_count, error) ||
      !cw_tidb_json_objects (object, "items", what, (CwTidbParseFunc) cw_tidb_precheck_item_new_from_json,
                             self->items, error))
    return NULL;
  self->status = status;
  return g_steal_pointer (&self);
}

const char *
cw_tidb_migration_precheck_get_precheck_id (CwTidbMigrationPrecheck *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_PRECHECK (self), NULL);
  return self->precheck_id;
}

CwTidbPrecheckStatus
cw_tidb_migration_precheck_get_status (CwTidbMigrationPrecheck *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_PRECHECK (self), CW_TIDB_PRECHECK_STATUS_UNKNOWN);
  return self->status;
}

/* Whether the precheck will not change any more: asking again is pointless. */
gboolean
cw_tidb_migration_precheck_is_done (CwTidbMigrationPrecheck *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_PRECHECK (self), FALSE);
  return self->status == CW_TIDB_PRECHECK_STATUS_FINISHED ||
         self->status == CW_TIDB_PRECHECK_STATUS_FAILED ||
         self->status == CW_TIDB_PRECHECK_STATUS_CANCELED;
}

gint64
cw_tidb_migration_precheck_get_total (CwTidbMigrationPrecheck *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_PRECHECK (self), -1);
  return self->total;
}

gint64
cw_tidb_migration_precheck_get_failed_count (CwTidbMigrationPrecheck *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_PRECHECK (self), -1);
  return self->failed_count;
}

gint64
cw_tidb_migration_precheck_get_warning_count (CwTidbMigrationPrecheck *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_PRECHECK (self), -1);
  return self->warning_count;
}

gint64
cw_tidb_migration_precheck_get_success_count (CwTidbMigrationPrecheck *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_PRECHECK (self), -1);
  return self->success_count;
}

/* Returns: (transfer none): a GListModel of CwTidbPrecheckItem */
GListModel *
cw_tidb_migration_precheck_get_items (CwTidbMigrationPrecheck *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_PRECHECK (self), NULL);
  return G_LIST_MODEL (self->items);
}
