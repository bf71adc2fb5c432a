/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-migration-subtask.c */
#define G_LOG_DOMAIN "cw-tidb-migration-subtask"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-tidb-migration-subtask.h"
#include "cw-tidb-types-private.h"

/* The whole-number figures of the three steps, read and shown the same way. */
typedef enum {
  DUMP_TOTAL_TABLES,
  DUMP_COMPLETED_TABLES,
  DUMP_FINISHED_ROWS,
  DUMP_FINISHED_BYTES,
  DUMP_BPS,
  LOAD_FINISHED_BYTES,
  LOAD_TOTAL_BYTES,
  LOAD_BPS,
  SYNC_RPS,
  SYNC_LATENCY,
  N_COUNTS
} Count;

static const struct {
  const char *path;
  const char *property;
} count_members[N_COUNTS] = {
  [DUMP_TOTAL_TABLES] = { "dumpDetail.totalTables", "dump-total-tables" },
  [DUMP_COMPLETED_TABLES] = { "dumpDetail.completedTables", "dump-completed-tables" },
  [DUMP_FINISHED_ROWS] = { "dumpDetail.finishedRows", "dump-finished-rows" },
  [DUMP_FINISHED_BYTES] = { "dumpDetail.finishedBytes", "dump-finished-bytes" },
  [DUMP_BPS] = { "dumpDetail.bps", "dump-bytes-per-second" },
  [LOAD_FINISHED_BYTES] = { "loadDetail.finishedBytes", "load-finished-bytes" },
  [LOAD_TOTAL_BYTES] = { "loadDetail.totalBytes", "load-total-bytes" },
  [LOAD_BPS] = { "loadDetail.bps", "load-bytes-per-second" },
  [SYNC_RPS] = { "syncDetail.rps", "sync-rows-per-second" },
  [SYNC_LATENCY] = { "syncDetail.latency", "sync-latency-seconds" },
};

struct _CwTidbMigrationSubtask
{
  GObject              parent_instance;
  CwTidbMigrationStep  step;
  CwTidbSubtaskStage   stage;
  char                *error_message;
  char                *source_type;      /* "AWS_RDS_MYSQL", … */
  char                *conn_type;        /* "PRIVATE_LINK", "PUBLIC" */
  char                *link_id;          /* connProfile.endpointId: the private link connection */
  guint                port;
  char                *user;
  double               dump_progress;    /* 0–100, -1 when not given */
  double               load_progress;
  gint64               counts[N_COUNTS];
  char                *sync_checkpoint;
};

G_DEFINE_FINAL_TYPE (CwTidbMigrationSubtask, cw_tidb_migration_subtask, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwTidbMigrationStep, cw_tidb_migration_step,
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_STEP_UNKNOWN, "UNKNOWN"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_STEP_DUMP, "DUMP"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_STEP_LOAD, "LOAD"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_STEP_SYNC, "SYNC"))

G_DEFINE_ENUM_TYPE (CwTidbSubtaskStage, cw_tidb_subtask_stage,
                    G_DEFINE_ENUM_VALUE (CW_TIDB_SUBTASK_STAGE_UNKNOWN, "UNKNOWN"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_SUBTASK_STAGE_RUNNING, "RUNNING"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_SUBTASK_STAGE_PAUSED, "PAUSED"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_SUBTASK_STAGE_FAILED, "FAILED"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_SUBTASK_STAGE_FINISHED, "FINISHED"))

enum {
  PROP_0,
  PROP_STEP,
  PROP_STAGE,
  PROP_ERROR_MESSAGE,
  PROP_SOURCE_TYPE,
  PROP_CONN_TYPE,
  PROP_PRIVATE_LINK_CONNECTION_ID,
  PROP_PORT,
  PROP_USER,
  PROP_DUMP_PROGRESS,
  PROP_LOAD_PROGRESS,
  PROP_SYNC_CHECKPOINT,
  PROP_FIRST_COUNT,
  N_PROPS = PROP_FIRST_COUNT + N_COUNTS
};

static GParamSpec *properties[N_PROPS];

const char *
cw_tidb_migration_step_to_string (CwTidbMigrationStep step)
{
  return cw_tidb_enum_to_string (CW_TYPE_TIDB_MIGRATION_STEP, step);
}

const char *
cw_tidb_subtask_stage_to_string (CwTidbSubtaskStage stage)
{
  return cw_tidb_enum_to_string (CW_TYPE_TIDB_SUBTASK_STAGE, stage);
}

static void
cw_tidb_migration_subtask_finalize (GObject *object)
{
  CwTidbMigrationSubtask *self = CW_TIDB_MIGRATION_SUBTASK (object);

  g_free (self->error_message);
  g_free (self->source_type);
  g_free (self->conn_type);
  g_free (self->link_id);
  g_free (self->user);
  g_free (self->sync_checkpoint);
  G_OBJECT_CLASS (cw_tidb_migration_subtask_parent_class)->finalize (object);
}

static void
cw_tidb_migration_subtask_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CwTidbMigrationSubtask *self = CW_TIDB_MIGRATION_SUBTASK (object);

  if (prop_id >= PROP_FIRST_COUNT && prop_id < N_PROPS)
    {
      g_value_set_int64 (value, self->counts[prop_id - PROP_FIRST_COUNT]);
      return;
    }
  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_SOURCE_TYPE:
      g_value_set_string (value, self->source_type);
      break;
    case PROP_CONN_TYPE:
      g_value_set_string (value, self->conn_type);
      break;
    case PROP_PRIVATE_LINK_CONNECTION_ID:
      g_value_set_string (value, self->link_id);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_DUMP_PROGRESS:
      g_value_set_double (value, self->dump_progress);
      break;
    case PROP_LOAD_PROGRESS:
      g_value_set_double (value, self->load_progress);
      break;
    case PROP_SYNC_CHECKPOINT:
      g_value_set_string (value, self->sync_checkpoint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tidb_migration_subtask_class_init (CwTidbMigrationSubtaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_tidb_migration_subtask_finalize;
  object_class->get_property = cw_tidb_migration_subtask_get_property;

  properties[PROP_STEP] = cw_tidb_enum_property ("step", CW_TYPE_TIDB_MIGRATION_STEP);
  properties[PROP_STAGE] = cw_tidb_enum_property ("stage", CW_TYPE_TIDB_SUBTASK_STAGE);
  properties[PROP_ERROR_MESSAGE] = cw_tidb_string_property ("error-message");
  properties[PROP_SOURCE_TYPE] = cw_tidb_string_property ("source-type");
  properties[PROP_CONN_TYPE] = cw_tidb_string_property ("conn-type");
  properties[PROP_PRIVATE_LINK_CONNECTION_ID] = cw_tidb_string_property ("private-link-connection-id");
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] = cw_tidb_string_property ("user");
  properties[PROP_DUMP_PROGRESS] = cw_tidb_double_property ("dump-progress");
  properties[PROP_LOAD_PROGRESS] = cw_tidb_double_property ("load-progress");
  properties[PROP_SYNC_CHECKPOINT] = cw_tidb_string_property ("sync-checkpoint");
  for (guint i = 0; i < N_COUNTS; i++)
    properties[PROP_FIRST_COUNT + i] = cw_tidb_int64_property (count_members[i].property);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_tidb_migration_subtask_init (CwTidbMigrationSubtask *self)
{
  self->dump_progress = -1.0;
  self->load_progress = -1.0;
  for (guint i = 0; i < N_COUNTS; i++)
    self->counts[i] = -1;
}

static gboolean
read_source (CwTidbMigrationSubtask  *self,
             JsonObject              *object,
             const char              *what,
             GError                 **error)
{
  return cw_tidb_json_string (object, "source.sourceType", CW_TIDB_OPTIONAL, what, &self->source_type, error) &&
         cw_tidb_json_string (object, "source.connProfile.connType", CW_TIDB_OPTIONAL, what, &self->conn_type, error) &&
         cw_tidb_json_string (object, "source.connProfile.endpointId", CW_TIDB_OPTIONAL, what, &self->link_id, error) &&
         cw_tidb_json_port (object, "source.connProfile.port", what, &self->port, error) &&
         cw_tidb_json_string (object, "source.connProfile.user", CW_TIDB_OPTIONAL, what, &self->user, error);
}

static gboolean
read_details (CwTidbMigrationSubtask  *self,
              JsonObject              *object,
              const char              *what,
              GError                 **error)
{
  if (!cw_tidb_json_double (object, "dumpDetail.progress", what, &self->dump_progress, error) ||
      !cw_tidb_json_double (object, "loadDetail.progress", what, &self->load_progress, error) ||
      !cw_tidb_json_string (object, "syncDetail.checkpoint", CW_TIDB_OPTIONAL, what, &self->sync_checkpoint, error))
    return FALSE;
  for (guint i = 0; i < N_COUNTS; i++)
    if (!cw_tidb_json_int64 (object, count_members[i].path, CW_TIDB_OPTIONAL, what, &self->counts[i], error))
      return FALSE;
  return TRUE;
}

CwTidbMigrationSubtask *
cw_tidb_migration_subtask_new_from_json (JsonObject  *object,
                                         GError     **error)
{
  g_autoptr(CwTidbMigrationSubtask) self = g_object_new (CW_TYPE_TIDB_MIGRATION_SUBTASK, NULL);
  const char *what = _("migration subtask");
  int step = CW_TIDB_MIGRATION_STEP_UNKNOWN;
  int stage = CW_TIDB_SUBTASK_STAGE_UNKNOWN;

  if (!cw_tidb_json_enum (object, "currentStep", CW_TYPE_TIDB_MIGRATION_STEP, what, &step, error) ||
      !cw_tidb_json_enum (object, "stage", CW_TYPE_TIDB_SUBTASK_STAGE, what, &stage, error) ||
      !cw_tidb_json_string (object, "errorMsg", CW_TIDB_OPTIONAL, what, &self->error_message, error) ||
      !read_source (self, object, what, error) ||
      !read_details (self, object, what, error))
    return NULL;
  self->step = step;
  self->stage = stage;
  return g_steal_pointer (&self);
}

CwTidbMigrationStep
cw_tidb_migration_subtask_get_step (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), CW_TIDB_MIGRATION_STEP_UNKNOWN);
  return self->step;
}

CwTidbSubtaskStage
cw_tidb_migration_subtask_get_stage (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), CW_TIDB_SUBTASK_STAGE_UNKNOWN);
  return self->stage;
}

const char *
cw_tidb_migration_subtask_get_error_message (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), NULL);
  return self->error_message;
}

const char *
cw_tidb_migration_subtask_get_source_type (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), NULL);
  return self->source_type;
}

const char *
cw_tidb_migration_subtask_get_conn_type (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), NULL);
  return self->conn_type;
}

/* The connection profile's endpointId: the private link connection the source is
 * reached through ("plc-…"), NULL over a public connection. */
const char *
cw_tidb_migration_subtask_get_private_link_connection_id (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), NULL);
  return self->link_id;
}

guint
cw_tidb_migration_subtask_get_port (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), 0);
  return self->port;
}

const char *
cw_tidb_migration_subtask_get_user (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), NULL);
  return self->user;
}

/* 0–100, or -1 when the answer gave none. */
double
cw_tidb_migration_subtask_get_dump_progress (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), -1.0);
  return self->dump_progress;
}

static gint64
get_count (CwTidbMigrationSubtask *self,
           Count                   count)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), -1);
  return self->counts[count];
}

gint64
cw_tidb_migration_subtask_get_dump_total_tables (CwTidbMigrationSubtask *self)
{
  return get_count (self, DUMP_TOTAL_TABLES);
}

gint64
cw_tidb_migration_subtask_get_dump_completed_tables (CwTidbMigrationSubtask *self)
{
  return get_count (self, DUMP_COMPLETED_TABLES);
}

gint64
cw_tidb_migration_subtask_get_dump_finished_rows (CwTidbMigrationSubtask *self)
{
  return get_count (self, DUMP_FINISHED_ROWS);
}

gint64
cw_tidb_migration_subtask_get_dump_finished_bytes (CwTidbMigrationSubtask *self)
{
  return get_count (self, DUMP_FINISHED_BYTES);
}

gint64
cw_tidb_migration_subtask_get_dump_bytes_per_second (CwTidbMigrationSubtask *self)
{
  return get_count (self, DUMP_BPS);
}

/* 0–100, or -1 when the answer gave none. */
double
cw_tidb_migration_subtask_get_load_progress (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), -1.0);
  return self->load_progress;
}

gint64
cw_tidb_migration_subtask_get_load_finished_bytes (CwTidbMigrationSubtask *self)
{
  return get_count (self, LOAD_FINISHED_BYTES);
}

gint64
cw_tidb_migration_subtask_get_load_total_bytes (CwTidbMigrationSubtask *self)
{
  return get_count (self, LOAD_TOTAL_BYTES);
}

gint64
cw_tidb_migration_subtask_get_load_bytes_per_second (CwTidbMigrationSubtask *self)
{
  return get_count (self, LOAD_BPS);
}

gint64
cw_tidb_migration_subtask_get_sync_rows_per_second (CwTidbMigrationSubtask *self)
{
  return get_count (self, SYNC_RPS);
}

/* How far the sync is behind the source's binlog, in seconds (SyncDetail.latency). */
gint64
cw_tidb_migration_subtask_get_sync_latency_seconds (CwTidbMigrationSubtask *self)
{
  return get_count (self, SYNC_LATENCY);
}

const char *
cw_tidb_migration_subtask_get_sync_checkpoint (CwTidbMigrationSubtask *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION_SUBTASK (self), NULL);
  return self->sync_checkpoint;
}
