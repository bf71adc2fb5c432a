/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-migration.c */
#define G_LOG_DOMAIN "cw-tidb-migration"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-tidb-migration.h"
#include "cw-tidb-types-private.h"

struct _CwTidbMigration
{
  GObject               parent_instance;
  char                 *migration_id;
  char                 *display_name;
  CwTidbMigrationState  state;
  CwTidbMigrationMode   mode;
  char                 *target_user;
  GDateTime            *create_time;
  GListStore           *subtasks;  /* of CwTidbMigrationSubtask */
};

G_DEFINE_FINAL_TYPE (CwTidbMigration, cw_tidb_migration, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwTidbMigrationState, cw_tidb_migration_state,
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_STATE_UNKNOWN, "UNKNOWN"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_STATE_CREATING, "CREATING"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_STATE_RUNNING, "RUNNING"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_STATE_PAUSED, "PAUSED"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_STATE_FAILED, "FAILED"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_STATE_DELETING, "DELETING"))

G_DEFINE_ENUM_TYPE (CwTidbMigrationMode, cw_tidb_migration_mode,
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_MODE_UNKNOWN, "UNKNOWN"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_MODE_ALL, "ALL"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_MIGRATION_MODE_INCREMENTAL, "INCREMENTAL"))

enum {
  PROP_0,
  PROP_MIGRATION_ID,
  PROP_DISPLAY_NAME,
  PROP_STATE,
  PROP_MODE,
  PROP_TARGET_USER,
  PROP_CREATE_TIME,
  PROP_SUBTASKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
cw_tidb_migration_state_to_string (CwTidbMigrationState state)
{
  return cw_tidb_enum_to_string (CW_TYPE_TIDB_MIGRATION_STATE, state);
}

const char *
cw_tidb_migration_mode_to_string (CwTidbMigrationMode mode)
{
  return cw_tidb_enum_to_string (CW_TYPE_TIDB_MIGRATION_MODE, mode);
}

static void
cw_tidb_migration_finalize (GObject *object)
{
  CwTidbMigration *self = CW_TIDB_MIGRATION (object);

  g_free (self->migration_id);
  g_free (self->display_name);
  g_free (self->target_user);
  g_clear_pointer (&self->create_time, g_date_time_unref);
  g_clear_object (&self->subtasks);
  G_OBJECT_CLASS (cw_tidb_migration_parent_class)->finalize (object);
}

static void
cw_tidb_migration_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CwTidbMigration *self = CW_TIDB_MIGRATION (object);

  switch (prop_id)
    {
    case PROP_MIGRATION_ID:
      g_value_set_string (value, self->migration_id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_TARGET_USER:
      g_value_set_string (value, self->target_user);
      break;
    case PROP_CREATE_TIME:
      g_value_set_boxed (value, self->create_time);
      break;
    case PROP_SUBTASKS:
      g_value_set_object (value, self->subtasks);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tidb_migration_class_init (CwTidbMigrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_tidb_migration_finalize;
  object_class->get_property = cw_tidb_migration_get_property;

  properties[PROP_MIGRATION_ID] = cw_tidb_string_property ("migration-id");
  properties[PROP_DISPLAY_NAME] = cw_tidb_string_property ("display-name");
  properties[PROP_STATE] = cw_tidb_enum_property ("state", CW_TYPE_TIDB_MIGRATION_STATE);
  properties[PROP_MODE] = cw_tidb_enum_property ("mode", CW_TYPE_TIDB_MIGRATION_MODE);
  properties[PROP_TARGET_USER] = cw_tidb_string_property ("target-user");
  properties[PROP_CREATE_TIME] = cw_tidb_time_property ("create-time");
  properties[PROP_SUBTASKS] = cw_tidb_list_property ("subtasks");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_tidb_migration_init (CwTidbMigration *self)
{
  self->subtasks = g_list_store_new (CW_TYPE_TIDB_MIGRATION_SUBTASK);
}

CwTidbMigration *
cw_tidb_migration_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(CwTidbMigration) self = g_object_new (CW_TYPE_TIDB_MIGRATION, NULL);
  const char *what = _("migration");
  int state = CW_TIDB_MIGRATION_STATE_UNKNOWN;
  int mode = CW_TIDB_MIGRATION_MODE_UNKNOWN;

  if (!cw_tidb_json_string (object, "migrationId", CW_TIDB_REQUIRED, what, &self->migration_id, error) ||
      !cw_tidb_json_string (object, "displayName", CW_TIDB_OPTIONAL, what, &self->display_name, error) ||
      !cw_tidb_json_enum (object, "state", CW_TYPE_TIDB_MIGRATION_STATE, what, &state, error) ||
      !cw_tidb_json_enum (object, "mode", CW_TYPE_TIDB_MIGRATION_MODE, what, &mode, error) ||
      !cw_tidb_json_string (object, "targetUser", CW_TIDB_OPTIONAL, what, &self->target_user, error) ||
      !cw_tidb_json_time (object, "createTime", CW_TIDB_OPTIONAL, what, &self->create_time, error) ||
      !cw_tidb_json_objects (object, "subTasks", what, (CwTidbParseFunc) cw_tidb_migration_subtask_new_from_json,
                             self->subtasks, error))
    return NULL;
  self->state = state;
  self->mode = mode;
  return g_steal_pointer (&self);
}

const char *
cw_tidb_migration_get_migration_id (CwTidbMigration *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), NULL);
  return self->migration_id;
}

const char *
cw_tidb_migration_get_display_name (CwTidbMigration *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), NULL);
  return self->display_name;
}

CwTidbMigrationState
cw_tidb_migration_get_state (CwTidbMigration *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), CW_TIDB_MIGRATION_STATE_UNKNOWN);
  return self->state;
}

CwTidbMigrationMode
cw_tidb_migration_get_mode (CwTidbMigration *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), CW_TIDB_MIGRATION_MODE_UNKNOWN);
  return self->mode;
}

const char *
cw_tidb_migration_get_target_user (CwTidbMigration *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), NULL);
  return self->target_user;
}

GDateTime *
cw_tidb_migration_get_create_time (CwTidbMigration *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), NULL);
  return self->create_time;
}

/* Returns: (transfer none): a GListModel of CwTidbMigrationSubtask */
GListModel *
cw_tidb_migration_get_subtasks (CwTidbMigration *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), NULL);
  return G_LIST_MODEL (self->subtasks);
}

typedef const char * (*SubtaskString) (CwTidbMigrationSubtask *subtask);

/* The first subtask's non-empty @get, or NULL. The subtasks live as long as @self. */
static const char *
first_subtask_string (CwTidbMigration *self,
                      SubtaskString    get)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->subtasks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwTidbMigrationSubtask) subtask = g_list_model_get_item (G_LIST_MODEL (self->subtasks), i);
      const char *value = get (subtask);

      if (value != NULL && *value != '\0')
        return value;
    }
  return NULL;
}

/* "PRIVATE_LINK" or "PUBLIC": how TiDB Cloud reaches the source. */
const char *
cw_tidb_migration_get_conn_type (CwTidbMigration *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), NULL);
  return first_subtask_string (self, cw_tidb_migration_subtask_get_conn_type);
}

/* The private link connection the source is reached through, NULL when none. */
const char *
cw_tidb_migration_get_private_link_connection_id (CwTidbMigration *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), NULL);
  return first_subtask_string (self, cw_tidb_migration_subtask_get_private_link_connection_id);
}

/* The source's port behind the link; 0 when no subtask gives one. */
guint
cw_tidb_migration_get_port (CwTidbMigration *self)
{
  guint n;

  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->subtasks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwTidbMigrationSubtask) subtask = g_list_model_get_item (G_LIST_MODEL (self->subtasks), i);

      if (cw_tidb_migration_subtask_get_port (subtask) != 0)
        return cw_tidb_migration_subtask_get_port (subtask);
    }
  return 0;
}

/* The first subtask's error: the Migration object has no error of its own. */
const char *
cw_tidb_migration_get_error_message (CwTidbMigration *self)
{
  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), NULL);
  return first_subtask_string (self, cw_tidb_migration_subtask_get_error_message);
}

/* The largest sync latency of the subtasks in their SYNC step, in seconds; -1 when none
 * syncs yet (a dump or load has no lag to speak of, only progress). */
gint64
cw_tidb_migration_get_lag_seconds (CwTidbMigration *self)
{
  gint64 lag = -1;
  guint n;

  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (self), -1);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->subtasks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwTidbMigrationSubtask) subtask = g_list_model_get_item (G_LIST_MODEL (self->subtasks), i);

      if (cw_tidb_migration_subtask_get_step (subtask) == CW_TIDB_MIGRATION_STEP_SYNC)
        lag = MAX (lag, cw_tidb_migration_subtask_get_sync_latency_seconds (subtask));
    }
  return lag;
}
