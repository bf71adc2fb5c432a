/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-dataflow.c: a changefeed or a migration as the links view and `causeway-cli
 * dataflows` show it; see cw-dataflow.h */
#define G_LOG_DOMAIN "cw-dataflow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-dataflow.h"

struct _CwDataflow
{
  GObject           parent_instance;
  CwDataflowKind    kind;
  CwTidbChangefeed *changefeed;
  CwTidbMigration  *migration;
  char             *cluster_id;
  gint64            lag_seconds;
  char             *link_id;
};

G_DEFINE_FINAL_TYPE (CwDataflow, cw_dataflow, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwDataflowKind, cw_dataflow_kind,
                    G_DEFINE_ENUM_VALUE (CW_DATAFLOW_CHANGEFEED, "changefeed"),
                    G_DEFINE_ENUM_VALUE (CW_DATAFLOW_MIGRATION, "migration"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_LAG_SECONDS,
  PROP_LINK_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* TiDB Cloud's states of both kinds share their names; these are the ones that mean the
 * data no longer flows until someone acts. */
static const char * const failed_states[] = { "RUNNING_FAILED", "CREATE_FAILED", "FAILED", NULL };

const char *
cw_dataflow_kind_to_string (CwDataflowKind kind)
{
  return kind == CW_DATAFLOW_CHANGEFEED ? "changefeed" : "migration";
}

static void
cw_dataflow_finalize (GObject *object)
{
  CwDataflow *self = CW_DATAFLOW (object);

  g_clear_object (&self->changefeed);
  g_clear_object (&self->migration);
  g_free (self->cluster_id);
  g_free (self->link_id);
  G_OBJECT_CLASS (cw_dataflow_parent_class)->finalize (object);
}

static void
cw_dataflow_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CwDataflow *self = CW_DATAFLOW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, cw_dataflow_get_id (self));
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, cw_dataflow_get_display_name (self));
      break;
    case PROP_STATE:
      g_value_set_string (value, cw_dataflow_get_state (self));
      break;
    case PROP_STATE_LABEL:
      g_value_take_string (value, cw_dataflow_dup_state_label (self));
      break;
    case PROP_LAG_SECONDS:
      g_value_set_int64 (value, self->lag_seconds);
      break;
    case PROP_LINK_ID:
      g_value_set_string (value, self->link_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_dataflow_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CwDataflow *self = CW_DATAFLOW (object);

  switch (prop_id)
    {
    case PROP_LINK_ID:
      cw_dataflow_set_link_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name,
                 gboolean    writable)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (writable ? G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY : G_PARAM_READABLE) |
                              G_PARAM_STATIC_STRINGS);
}

static void
cw_dataflow_class_init (CwDataflowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_dataflow_finalize;
  object_class->get_property = cw_dataflow_get_property;
  object_class->set_property = cw_dataflow_set_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, CW_TYPE_DATAFLOW_KIND, CW_DATAFLOW_CHANGEFEED,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] = string_property ("id", FALSE);
  properties[PROP_DISPLAY_NAME] = string_property ("display-name", FALSE);
  properties[PROP_STATE] = string_property ("state", FALSE);
  properties[PROP_STATE_LABEL] = string_property ("state-label", FALSE);
  properties[PROP_LAG_SECONDS] = g_param_spec_int64 ("lag-seconds", NULL, NULL, -1, G_MAXINT64, -1,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINK_ID] = string_property ("link-id", TRUE);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_dataflow_init (CwDataflow *self)
{
  self->lag_seconds = -1;
}

/* @now: when the lag is measured from, the time of the answer. */
CwDataflow *
cw_dataflow_new_for_changefeed (CwTidbChangefeed *changefeed,
                                GDateTime        *now)
{
  CwDataflow *self;

  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (changefeed), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (CW_TYPE_DATAFLOW, NULL);
  self->kind = CW_DATAFLOW_CHANGEFEED;
  self->changefeed = g_object_ref (changefeed);
  self->cluster_id = g_strdup (cw_tidb_changefeed_get_cluster_id (changefeed));
  self->lag_seconds = cw_tidb_changefeed_get_lag_seconds (changefeed, now);
  return self;
}

CwDataflow *
cw_dataflow_new_for_migration (CwTidbMigration *migration,
                               const char      *cluster_id)
{
  CwDataflow *self;

  g_return_val_if_fail (CW_IS_TIDB_MIGRATION (migration), NULL);
  g_return_val_if_fail (cluster_id != NULL, NULL);

  self = g_object_new (CW_TYPE_DATAFLOW, NULL);
  self->kind = CW_DATAFLOW_MIGRATION;
  self->migration = g_object_ref (migration);
  self->cluster_id = g_strdup (cluster_id);
  self->lag_seconds = cw_tidb_migration_get_lag_seconds (migration);
  return self;
}

CwDataflowKind
cw_dataflow_get_kind (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), CW_DATAFLOW_CHANGEFEED);
  return self->kind;
}

const char *
cw_dataflow_get_id (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  if (self->changefeed != NULL)
    return cw_tidb_changefeed_get_changefeed_id (self->changefeed);
  return cw_tidb_migration_get_migration_id (self->migration);
}

const char *
cw_dataflow_get_cluster_id (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  return self->cluster_id;
}

const char *
cw_dataflow_get_display_name (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  if (self->changefeed != NULL)
    return cw_tidb_changefeed_get_display_name (self->changefeed);
  return cw_tidb_migration_get_display_name (self->migration);
}

const char *
cw_dataflow_get_private_link_id (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  if (self->changefeed != NULL)
    return cw_tidb_changefeed_get_private_link_connection_id (self->changefeed);
  return cw_tidb_migration_get_private_link_connection_id (self->migration);
}

guint
cw_dataflow_get_port (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), 0);
  if (cw_dataflow_get_private_link_id (self) == NULL)
    return 0;
  if (self->changefeed != NULL)
    return cw_tidb_changefeed_get_port (self->changefeed);
  return cw_tidb_migration_get_port (self->migration);
}

const char *
cw_dataflow_get_state (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  if (self->changefeed != NULL)
    return cw_tidb_changefeed_state_to_string (cw_tidb_changefeed_get_state (self->changefeed));
  return cw_tidb_migration_state_to_string (cw_tidb_migration_get_state (self->migration));
}

gboolean
cw_dataflow_get_failed (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), FALSE);
  return g_strv_contains (failed_states, cw_dataflow_get_state (self));
}

gboolean
cw_dataflow_get_paused (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), FALSE);
  return g_strcmp0 (cw_dataflow_get_state (self), "PAUSED") == 0;
}

/* TiDB Cloud is still making or removing it: its state changes by itself soon. */
gboolean
cw_dataflow_get_settling (CwDataflow *self)
{
  const char *state;

  g_return_val_if_fail (CW_IS_DATAFLOW (self), FALSE);
  state = cw_dataflow_get_state (self);
  return g_strcmp0 (state, "CREATING") == 0 || g_strcmp0 (state, "DELETING") == 0;
}

gboolean
cw_dataflow_get_copying (CwDataflow *self)
{
  GListModel *subtasks;

  g_return_val_if_fail (CW_IS_DATAFLOW (self), FALSE);
  if (self->migration == NULL || cw_dataflow_get_paused (self) || cw_dataflow_get_failed (self))
    return FALSE;
  subtasks = cw_tidb_migration_get_subtasks (self->migration);
  for (guint i = 0; i < g_list_model_get_n_items (subtasks); i++)
    {
      g_autoptr(CwTidbMigrationSubtask) subtask = g_list_model_get_item (subtasks, i);
      CwTidbMigrationStep step = cw_tidb_migration_subtask_get_step (subtask);

      if (step == CW_TIDB_MIGRATION_STEP_DUMP || step == CW_TIDB_MIGRATION_STEP_LOAD)
        return TRUE;
    }
  return FALSE;
}

const char *
cw_dataflow_get_error (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  if (self->changefeed != NULL)
    return cw_tidb_changefeed_get_error_message (self->changefeed);
  return cw_tidb_migration_get_error_message (self->migration);
}

/* A state whose words do not depend on TiDB Cloud's error. */
static const char *
plain_state_label (const char *state)
{
  static const struct {
    const char *state;
    const char *label;
  } labels[] = {
    { "CREATING", N_("Creating") },
    { "RUNNING", N_("Running") },
    { "PAUSED", N_("Paused") },
    { "DELETING", N_("Deleting") },
    { "DELETED", N_("Deleted") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (state, labels[i].state) == 0)
      return _(labels[i].label);
  return NULL;
}

char *
cw_dataflow_dup_state_label (CwDataflow *self)
{
  const char *state;
  const char *error;
  const char *plain;

  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  state = cw_dataflow_get_state (self);
  error = cw_dataflow_get_error (self);
  plain = plain_state_label (state);
  if (plain != NULL)
    return g_strdup (plain);
  if (g_strcmp0 (state, "WARNING") == 0)
    /* TRANSLATORS: a changefeed that still runs; %s is TiDB Cloud's message */
    return error ? g_strdup_printf (_("Warning: %s"), error) : g_strdup (_("Warning"));
  if (cw_dataflow_get_failed (self))
    /* TRANSLATORS: a changefeed or migration that stopped; %s is TiDB Cloud's error */
    return error ? g_strdup_printf (_("Failed: %s"), error) : g_strdup (_("Failed"));
  return g_strdup (_("Unknown"));
}

/* "12 of 30 tables, 1200 rows": the figures the answer gave, or NULL. */
static char *
describe_dump_figures (CwTidbMigrationSubtask *subtask)
{
  gint64 total = cw_tidb_migration_subtask_get_dump_total_tables (subtask);
  gint64 completed = cw_tidb_migration_subtask_get_dump_completed_tables (subtask);
  gint64 rows = cw_tidb_migration_subtask_get_dump_finished_rows (subtask);
  g_autofree char *tables = NULL;

  if (total >= 0 && completed >= 0)
    /* TRANSLATORS: tables of a database dumped so far, e.g. "12 of 30 tables" */
    tables = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld of %lld table", "%lld of %lld tables",
                                           (gulong) total),
                              (long long) completed, (long long) total);
  if (rows < 0)
    return g_steal_pointer (&tables);
  if (tables == NULL)
    /* TRANSLATORS: rows of a database dumped so far */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld row", "%lld rows", (gulong) rows), (long long) rows);
  /* TRANSLATORS: "12 of 30 tables, 1200 rows" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %lld row", "%s, %lld rows", (gulong) rows), tables,
                          (long long) rows);
}

/* "120.0 MB of 200.0 MB", or NULL. */
static char *
describe_load_figures (CwTidbMigrationSubtask *subtask)
{
  gint64 finished = cw_tidb_migration_subtask_get_load_finished_bytes (subtask);
  gint64 total = cw_tidb_migration_subtask_get_load_total_bytes (subtask);
  g_autofree char *finished_text = NULL;
  g_autofree char *total_text = NULL;

  if (finished < 0 || total < 0)
    return NULL;
  finished_text = g_format_size (finished);
  total_text = g_format_size (total);
  /* TRANSLATORS: bytes loaded into TiDB so far, e.g. "120.0 MB of 200.0 MB" */
  return g_strdup_printf (_("%s of %s"), finished_text, total_text);
}

/* "Dumping: 40 %" with its figures in brackets when there are some. */
static char *
describe_copy_step (const char *step,
                    double      progress,
                    const char *figures)
{
  if (progress < 0)
    return figures ? g_strdup_printf ("%s (%s)", step, figures) : g_strdup (step);
  if (figures == NULL)
    /* TRANSLATORS: a step of a migration and how far it is, e.g. "Loading: 60 %" */
    return g_strdup_printf (_("%s: %.0f %%"), step, progress);
  /* TRANSLATORS: a step of a migration, how far it is and its figures, e.g.
   * "Dumping: 40 % (12 of 30 tables, 1200 rows)" */
  return g_strdup_printf (_("%s: %.0f %% (%s)"), step, progress, figures);
}

static char *
describe_subtask (CwTidbMigrationSubtask *subtask)
{
  g_autofree char *figures = NULL;
  gint64 rows_per_second;

  switch (cw_tidb_migration_subtask_get_step (subtask))
    {
    case CW_TIDB_MIGRATION_STEP_DUMP:
      figures = describe_dump_figures (subtask);
      return describe_copy_step (_("Dumping"), cw_tidb_migration_subtask_get_dump_progress (subtask), figures);
    case CW_TIDB_MIGRATION_STEP_LOAD:
      figures = describe_load_figures (subtask);
      return describe_copy_step (_("Loading"), cw_tidb_migration_subtask_get_load_progress (subtask), figures);
    case CW_TIDB_MIGRATION_STEP_SYNC:
      rows_per_second = cw_tidb_migration_subtask_get_sync_rows_per_second (subtask);
      if (rows_per_second < 0)
        return g_strdup (_("Syncing the binlog"));
      /* TRANSLATORS: a migration applying the database's changes to TiDB */
      return g_strdup_printf (_("Syncing the binlog: %lld rows/s"), (long long) rows_per_second);
    case CW_TIDB_MIGRATION_STEP_UNKNOWN:
    default:
      return NULL;
    }
}

char *
cw_dataflow_dup_progress_label (CwDataflow *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GListModel *subtasks;

  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  if (self->migration == NULL)
    return NULL;
  subtasks = cw_tidb_migration_get_subtasks (self->migration);
  for (guint i = 0; i < g_list_model_get_n_items (subtasks); i++)
    {
      g_autoptr(CwTidbMigrationSubtask) subtask = g_list_model_get_item (subtasks, i);
      char *part = describe_subtask (subtask);

      if (part != NULL)
        g_ptr_array_add (parts, part);
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

gint64
cw_dataflow_get_lag_seconds (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), -1);
  return self->lag_seconds;
}

const char *
cw_dataflow_get_link_id (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  return self->link_id;
}

void
cw_dataflow_set_link_id (CwDataflow *self,
                         const char *link_id)
{
  g_return_if_fail (CW_IS_DATAFLOW (self));
  if (g_strcmp0 (self->link_id, link_id) == 0)
    return;
  g_free (self->link_id);
  self->link_id = g_strdup (link_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_ID]);
}

CwTidbChangefeed *
cw_dataflow_get_changefeed (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  return self->changefeed;
}

CwTidbMigration *
cw_dataflow_get_migration (CwDataflow *self)
{
  g_return_val_if_fail (CW_IS_DATAFLOW (self), NULL);
  return self->migration;
}
