/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-dataflows-migrate.c: whether a link's database can be migrated into TiDB Cloud,
 * seen from the RDS side (DESIGN.md §12)
 *
 * Data Migration reads the binlog: it exists only while automated backups are on, and
 * the incremental phase needs every changed row whole (binlog_format ROW,
 * binlog_row_image FULL). TiDB Cloud's precheck says the same later and less plainly;
 * these checks say which setting to change and where.
 */
#define G_LOG_DOMAIN "cw-dataflows"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-aws-error.h"
#include "cw-check.h"
#include "cw-dataflows-private.h"
#include "cw-engine-error.h"
#include "cw-rds.h"
#include "cw-secure.h"

static const char * const binlog_parameters[] = { "binlog_format", "binlog_row_image", NULL };

/* What the database's settings come to, gathered from RDS. */
typedef struct {
  CwClouds  *clouds;
  char      *region;
  char      *database_id;
  int        backup_retention_period;
  char      *parameter_group;   /* the instance's, or the Aurora cluster's */
  gboolean   cluster_group;
} Readiness;

static void
readiness_free (Readiness *readiness)
{
  g_clear_object (&readiness->clouds);
  g_free (readiness->region);
  g_free (readiness->database_id);
  g_free (readiness->parameter_group);
  g_free (readiness);
}

static CwCheck *
backups_check (int backup_retention_period)
{
  g_autofree char *message = NULL;

  if (backup_retention_period > 0)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Automated backups are on (kept %d day).",
                                              "Automated backups are on (kept %d days).",
                                              backup_retention_period),
                                 backup_retention_period);
      return cw_check_new ("migration-backups", CW_PLAN_STEP_DATABASE, CW_CHECK_OK, message, NULL);
    }
  return cw_check_new ("migration-backups", CW_PLAN_STEP_DATABASE, CW_CHECK_ERROR,
                       _("Automated backups are off, so the database keeps no binlog for the migration to read."),
                       _("Set the backup retention period to at least 1 day (Modify the database in the RDS "
                         "console, Backup), then try again."));
}

/* @value NULL: the group leaves the parameter to the engine, whose binlog_row_image is
 * FULL but whose binlog_format is not ROW on every RDS version. */
static CwCheck *
parameter_check (const char *parameter_group,
                 const char *name,
                 const char *value,
                 const char *wanted,
                 const char *default_value)
{
  g_autofree char *id = g_strdup_printf ("migration-%s", name);
  g_autofree char *message = NULL;
  g_autofree char *fix = NULL;
  const char *found = value != NULL ? value : default_value;

  if (found != NULL && g_ascii_strcasecmp (found, wanted) == 0)
    {
      message = g_strdup_printf (_("%s is %s in the parameter group %s."), name, wanted, parameter_group);
      return cw_check_new (id, CW_PLAN_STEP_DATABASE, CW_CHECK_OK, message, NULL);
    }
  if (value == NULL)
    message = g_strdup_printf (_("%s is not set in the parameter group %s: the engine’s default may not be %s, "
                                 "which the migration needs to read each changed row."),
                               name, parameter_group, wanted);
  else
    message = g_strdup_printf (_("%s is %s in the parameter group %s: the migration needs %s to read each changed "
                                 "row."), name, value, parameter_group, wanted);
  if (cw_rds_parameter_group_is_default (parameter_group))
    fix = g_strdup_printf (_("A default parameter group cannot be changed: create a custom parameter group of the "
                             "same family with %s = %s, attach it to the database and reboot it."), name, wanted);
  else
    fix = g_strdup_printf (_("Set %s to %s in the parameter group %s, then reboot the database if the change is "
                             "pending a reboot."), name, wanted, parameter_group);
  return cw_check_new (id, CW_PLAN_STEP_DATABASE, CW_CHECK_ERROR, message, fix);
}

GPtrArray *
cw_dataflows_migration_checks (int         backup_retention_period,
                               const char *parameter_group,
                               const char *binlog_format,
                               const char *binlog_row_image)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (checks, backups_check (backup_retention_period));
  g_ptr_array_add (checks, parameter_check (parameter_group, "binlog_format", binlog_format, "ROW", NULL));
  g_ptr_array_add (checks, parameter_check (parameter_group, "binlog_row_image", binlog_row_image, "FULL", "FULL"));
  return checks;
}

static const char *
value_of (GPtrArray  *parameters,
          const char *name)
{
  CwRdsParameter *parameter = cw_rds_parameters_find (parameters, name);

  return parameter != NULL ? parameter->parameter_value : NULL;
}

static void
parameters_described (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Readiness *readiness = g_task_get_task_data (task);
  g_autoptr(GPtrArray) parameters = NULL;
  GError *error = NULL;

  parameters = readiness->cluster_group
    ? cw_rds_describe_db_cluster_parameters_finish (CW_AWS_CLIENT (source), result, &error)
    : cw_rds_describe_db_parameters_finish (CW_AWS_CLIENT (source), result, &error);
  if (parameters == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cw_dataflows_migration_checks (readiness->backup_retention_period,
                                                                readiness->parameter_group,
                                                                value_of (parameters, "binlog_format"),
                                                                value_of (parameters, "binlog_row_image")),
                           (GDestroyNotify) g_ptr_array_unref);
}

/* Takes @task: it goes on with the answer. */
static void
describe_parameters (GTask *task)
{
  Readiness *readiness = g_task_get_task_data (task);
  CwAwsClient *aws = cw_clouds_get_aws (readiness->clouds, readiness->region);

  if (readiness->cluster_group)
    cw_rds_describe_db_cluster_parameters_async (aws, readiness->parameter_group, NULL, binlog_parameters, 0,
                                                 g_task_get_cancellable (task), parameters_described, task);
  else
    cw_rds_describe_db_parameters_async (aws, readiness->parameter_group, NULL, binlog_parameters, 0,
                                         g_task_get_cancellable (task), parameters_described, task);
}

static void
cluster_described (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Readiness *readiness = g_task_get_task_data (task);
  g_autoptr(GPtrArray) clusters = NULL;
  GError *error = NULL;
  CwRdsDbCluster *cluster;

  clusters = cw_rds_describe_db_clusters_finish (CW_AWS_CLIENT (source), result, &error);
  if (clusters == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cluster = clusters->len > 0 ? clusters->pdata[0] : NULL;
  if (cluster == NULL || cluster->db_cluster_parameter_group == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("RDS does not know the database %s in %s any more."), readiness->database_id,
                               readiness->region);
      return;
    }
  readiness->backup_retention_period = cluster->backup_retention_period;
  readiness->parameter_group = g_strdup (cluster->db_cluster_parameter_group);
  readiness->cluster_group = TRUE;
  describe_parameters (g_steal_pointer (&task));
}

static void
instance_described (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Readiness *readiness = g_task_get_task_data (task);
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GError) error = NULL;
  CwRdsDbInstance *instance;
  CwRdsDbParameterGroupStatus *group;

  instances = cw_rds_describe_db_instances_finish (CW_AWS_CLIENT (source), result, &error);
  /* An Aurora link names its cluster, which DescribeDBInstances does not know. */
  if (g_error_matches (error, CW_AWS_ERROR, CW_AWS_ERROR_NOT_FOUND))
    {
      cw_rds_describe_db_clusters_async (CW_AWS_CLIENT (source), readiness->database_id, NULL, 0,
                                         cancellable, cluster_described, g_steal_pointer (&task));
      return;
    }
  if (instances == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  instance = instances->len > 0 ? instances->pdata[0] : NULL;
  group = instance && instance->db_parameter_groups && instance->db_parameter_groups->len > 0
    ? instance->db_parameter_groups->pdata[0] : NULL;
  if (group == NULL)
    {
      cw_rds_describe_db_clusters_async (CW_AWS_CLIENT (source), readiness->database_id, NULL, 0,
                                         cancellable, cluster_described, g_steal_pointer (&task));
      return;
    }
  readiness->backup_retention_period = instance->backup_retention_period;
  readiness->parameter_group = g_strdup (group->db_parameter_group_name);
  describe_parameters (g_steal_pointer (&task));
}

void
cw_dataflows_check_migration_async (CwClouds            *clouds,
                                    CwLink              *link,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Readiness *readiness;

  g_return_if_fail (CW_IS_CLOUDS (clouds));
  g_return_if_fail (CW_IS_LINK (link));

  task = g_task_new (clouds, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_dataflows_check_migration_async);
  if (cw_link_get (link, CW_LINK_DATABASE_ID) == NULL || cw_link_get (link, CW_LINK_REGION) == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("Causeway does not know which database the link leads to: re-sync it with "
                                 "its database first."));
      return;
    }
  readiness = g_new0 (Readiness, 1);
  readiness->clouds = g_object_ref (clouds);
  readiness->region = g_strdup (cw_link_get (link, CW_LINK_REGION));
  readiness->database_id = g_strdup (cw_link_get (link, CW_LINK_DATABASE_ID));
  g_task_set_task_data (task, readiness, (GDestroyNotify) readiness_free);
  cw_rds_describe_db_instances_async (cw_clouds_get_aws (clouds, readiness->region), readiness->database_id, NULL,
                                      0, cancellable, instance_described, g_steal_pointer (&task));
}

/* Returns: (transfer full): a GPtrArray of CwCheck */
GPtrArray *
cw_dataflows_check_migration_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, cw_dataflows_check_migration_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- migrate: Causeway's checks, TiDB Cloud's precheck, then the migration ---- */

/* TiDB Cloud's precheck takes a minute or two; it is asked again at this pace, for at
 * most this long (both shrunk by the sandbox's time scale). */
#define PRECHECK_POLL_MS     5000
#define PRECHECK_TIMEOUT_MS  (15 * 60 * 1000)
/* TiDB Cloud requires a display name and takes at most 64 characters. */
#define DISPLAY_NAME_MAX     64

typedef struct {
  CwClouds            *clouds;
  CwLink              *link;
  char                *display_name;
  char                *database_user;
  CwSecureString      *database_password;
  char                *tidb_user;
  CwSecureString      *tidb_password;
  CwTidbMigrationMode  mode;
  GStrv                rules;
  char                *precheck_id;
  gint64               precheck_deadline;
  GError              *precheck_error;    /* what the precheck came to; NULL: it passed */
} Migration;

static void
migration_free (Migration *migration)
{
  g_clear_object (&migration->clouds);
  g_clear_object (&migration->link);
  g_free (migration->display_name);
  g_free (migration->database_user);
  g_clear_pointer (&migration->database_password, cw_secure_free);
  g_free (migration->tidb_user);
  g_clear_pointer (&migration->tidb_password, cw_secure_free);
  g_strfreev (migration->rules);
  g_free (migration->precheck_id);
  g_clear_error (&migration->precheck_error);
  g_free (migration);
}

static CwTidbMigrationRequest
request_of (Migration *migration)
{
  CwTidbMigrationRequest request = {
    .display_name = migration->display_name,
    .mode = migration->mode,
    .private_link_connection_id = cw_link_get (migration->link, CW_LINK_PRIVATE_LINK_ID),
    .port = cw_link_get_listener_port (migration->link),
    .source_user = migration->database_user,
    .source_password = migration->database_password,
    .rules = (const char * const *) migration->rules,
    .target_user = migration->tidb_user,
    .target_password = migration->tidb_password,
  };

  return request;
}

static const char *
cluster_of (Migration *migration)
{
  return cw_link_get (migration->link, CW_LINK_CLUSTER_ID);
}

static void
return_refusal (GTask  *task,
                GError *error)
{
  Migration *migration = g_task_get_task_data (task);

  g_task_return_error (task, cw_dataflows_explain_connect_error (error, migration->link, migration->database_user));
}

static void
migration_created (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Migration *migration = g_task_get_task_data (task);
  g_autoptr(CwTidbMigration) created = NULL;
  GError *error = NULL;

  created = cw_tidb_client_create_migration_finish (CW_TIDB_CLIENT (source), result, &error);
  if (created == NULL)
    {
      return_refusal (task, error);
      return;
    }
  g_task_return_pointer (task, cw_dataflow_new_for_migration (created, cluster_of (migration)), g_object_unref);
}

static void
precheck_deleted (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Migration *migration = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CwTidbMigrationRequest request;

  /* Finished prechecks expire on their own: one left behind costs nothing. */
  if (!cw_tidb_client_delete_migration_precheck_finish (CW_TIDB_CLIENT (source), result, &error))
    g_debug ("The precheck was not deleted: %s", error->message);
  if (migration->precheck_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&migration->precheck_error));
      return;
    }
  request = request_of (migration);
  cw_tidb_client_create_migration_async (CW_TIDB_CLIENT (source), cluster_of (migration), &request,
                                         cancellable, migration_created, g_steal_pointer (&task));
}

/* Deletes the precheck, then goes on with what it came to; takes @task. Waited for even
 * when the precheck failed, so that a program that exits on the answer leaves none
 * behind; not cancellable, for the same reason. */
static void
forget_precheck (GTask *task)
{
  Migration *migration = g_task_get_task_data (task);

  cw_tidb_client_delete_migration_precheck_async (cw_clouds_get_tidb (migration->clouds), cluster_of (migration),
                                                  migration->precheck_id, NULL, precheck_deleted, task);
}

/* The failed items of a finished precheck, in TiDB Cloud's words, on one line (the CLI
 * says a failure in one); NULL when none failed. */
static char *
dup_failed_items (CwTidbMigrationPrecheck *precheck)
{
  GListModel *items = cw_tidb_migration_precheck_get_items (precheck);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CwTidbPrecheckItem) item = g_list_model_get_item (items, i);

      if (cw_tidb_precheck_item_get_status (item) != CW_TIDB_PRECHECK_ITEM_FAILED)
        continue;
      g_string_append_printf (text, "; %s: %s %s", cw_tidb_precheck_item_get_description (item) ?: "",
                              cw_tidb_precheck_item_get_reason (item) ?: "",
                              cw_tidb_precheck_item_get_solution (item) ?: "");
    }
  return text->len > 0 ? g_strdup (text->str + 2) : NULL;
}

static void ask_precheck (GTask *task);

static gboolean
ask_precheck_again (gpointer user_data)
{
  ask_precheck (user_data);
  return G_SOURCE_REMOVE;
}

/* Why a finished @precheck stops the migration; NULL when it passed. */
static GError *
dup_precheck_failure (CwTidbMigrationPrecheck *precheck)
{
  g_autofree char *failed = dup_failed_items (precheck);
  CwTidbPrecheckStatus status = cw_tidb_migration_precheck_get_status (precheck);

  if (failed == NULL && status == CW_TIDB_PRECHECK_STATUS_FINISHED)
    return NULL;
  return g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED, _("TiDB Cloud’s precheck did not pass: %s"),
                      failed ? failed : cw_tidb_precheck_status_to_string (status));
}

static void
precheck_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Migration *migration = g_task_get_task_data (task);
  g_autoptr(CwTidbMigrationPrecheck) precheck = NULL;
  GError *error = NULL;

  precheck = cw_tidb_client_get_migration_precheck_finish (CW_TIDB_CLIENT (source), result, &error);
  if (precheck == NULL)
    {
      return_refusal (task, error);
      return;
    }
  if (cw_tidb_migration_precheck_is_done (precheck))
    migration->precheck_error = dup_precheck_failure (precheck);
  else if (g_get_monotonic_time () <= migration->precheck_deadline)
    {
      g_timeout_add (cw_clouds_scale_ms (migration->clouds, PRECHECK_POLL_MS), ask_precheck_again,
                     g_steal_pointer (&task));
      return;
    }
  else
    /* Deleting a running precheck cancels it: nothing is left checking. */
    migration->precheck_error = g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_TIMED_OUT,
                                             _("TiDB Cloud’s precheck %s has not ended: try again later."),
                                             migration->precheck_id);
  forget_precheck (g_steal_pointer (&task));
}

/* Takes @task, as forget_precheck() does. */
static void
ask_precheck (GTask *task)
{
  Migration *migration = g_task_get_task_data (task);

  cw_tidb_client_get_migration_precheck_async (cw_clouds_get_tidb (migration->clouds), cluster_of (migration),
                                               migration->precheck_id, g_task_get_cancellable (task),
                                               precheck_read, task);
}

static void
precheck_started (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Migration *migration = g_task_get_task_data (task);
  g_autoptr(CwTidbMigrationPrecheck) precheck = NULL;
  GError *error = NULL;

  precheck = cw_tidb_client_create_migration_precheck_finish (CW_TIDB_CLIENT (source), result, &error);
  if (precheck == NULL)
    {
      return_refusal (task, error);
      return;
    }
  migration->precheck_id = g_strdup (cw_tidb_migration_precheck_get_precheck_id (precheck));
  migration->precheck_deadline = g_get_monotonic_time ()
                                 + (gint64) cw_clouds_scale_ms (migration->clouds, PRECHECK_TIMEOUT_MS) * 1000;
  ask_precheck (g_steal_pointer (&task));
}

/* The first check that stops a migration, as an error naming it and its fix. */
static GError *
dup_blocking_check (GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    {
      CwCheck *check = checks->pdata[i];

      g_autofree char *sentence = NULL;

      if (cw_check_get_level (check) != CW_CHECK_ERROR)
        continue;
      sentence = cw_check_dup_sentence (check);
      return g_error_new_literal (CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, sentence);
    }
  return NULL;
}

static void
readiness_checked (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Migration *migration = g_task_get_task_data (task);
  g_autoptr(GPtrArray) checks = NULL;
  GError *error = NULL;
  CwTidbMigrationRequest request;

  checks = cw_dataflows_check_migration_finish (result, &error);
  if (checks != NULL)
    error = dup_blocking_check (checks);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  request = request_of (migration);
  cw_tidb_client_create_migration_precheck_async (cw_clouds_get_tidb (migration->clouds), cluster_of (migration),
                                                  &request, cancellable, precheck_started, g_steal_pointer (&task));
}

void
cw_dataflows_migrate_async (CwClouds            *clouds,
                            CwLink              *link,
                            const CwSqlLogin    *database_login,
                            const CwSqlLogin    *tidb_login,
                            CwTidbMigrationMode  mode,
                            const char * const  *rules,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Migration *migration;
  GError *error = NULL;

  g_return_if_fail (CW_IS_CLOUDS (clouds));
  g_return_if_fail (CW_IS_LINK (link));

  task = g_task_new (clouds, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_dataflows_migrate_async);
  if (!cw_dataflows_check_login (database_login, &error) || !cw_dataflows_check_login (tidb_login, &error) ||
      !cw_dataflows_check_link (link, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  migration = g_new0 (Migration, 1);
  migration->clouds = g_object_ref (clouds);
  migration->link = g_object_ref (link);
  /* Named after the database it copies, as the migrations list shows it; RDS ids are
   * ASCII, so the cut falls between characters. */
  migration->display_name = g_strndup (cw_link_get (link, CW_LINK_DATABASE_ID), DISPLAY_NAME_MAX);
  migration->database_user = g_strdup (database_login->user);
  migration->database_password = g_strdup (database_login->password);
  migration->tidb_user = g_strdup (tidb_login->user);
  migration->tidb_password = g_strdup (tidb_login->password);
  migration->mode = mode;
  migration->rules = g_strdupv ((char **) rules);
  g_task_set_task_data (task, migration, (GDestroyNotify) migration_free);
  cw_dataflows_check_migration_async (clouds, link, cancellable, readiness_checked, g_steal_pointer (&task));
}

CwDataflow *
cw_dataflows_migrate_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, cw_dataflows_migrate_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
