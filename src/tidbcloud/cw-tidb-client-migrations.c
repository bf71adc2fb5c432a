/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-client-migrations.c: the Data Migration operations of CwTidbClient (dm.swagger.json)
 *
 * The precheck and the migration take the same body (PrecheckBody, CreateMigrationBody):
 * one source whose connection profile goes through a private link connection, its
 * rules, the cluster's SQL user, the mode. Both passwords go into the request body
 * only, which is wiped when sent, and never into an error.
 */
#define G_LOG_DOMAIN "cw-tidb-client-migrations"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-tidb-client-private.h"

#define MIGRATIONS "migrations"
#define PRECHECKS  "migrationPrechecks"

static void
begin_member_object (JsonBuilder *builder,
                     const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
}

static gboolean
has_wildcard (const char *pattern)
{
  return strpbrk (pattern, "*?") != NULL;
}

/* "SCHEMA" or "SCHEMA.TABLE", neither part empty. */
static gboolean
rules_are_valid (const char * const  *rules,
                 GError             **error)
{
  for (guint i = 0; rules != NULL && rules[i] != NULL; i++)
    {
      const char *dot = strchr (rules[i], '.');

      if (rules[i][0] == '\0' || dot == rules[i] ||
          (dot != NULL && (dot[1] == '\0' || strchr (dot + 1, '.') != NULL)))
        {
          g_set_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_INPUT,
                       _("The migration rule “%s” cannot be used: write it as SCHEMA or SCHEMA.TABLE."), rules[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* MigrationRule for "SCHEMA" or "SCHEMA.TABLE": into the schema of the same name, the
 * table keeping its name. A schema pattern names no one schema, so its tables go
 * where TiDB Cloud puts them by default (no targetTable). */
static void
add_rule (JsonBuilder *builder,
          const char  *rule)
{
  const char *dot = strchr (rule, '.');
  g_autofree char *schema = dot ? g_strndup (rule, dot - rule) : g_strdup (rule);
  const char *table = dot ? dot + 1 : NULL;

  json_builder_begin_object (builder);
  begin_member_object (builder, "sourceTable");
  cw_tidb_json_add_string (builder, "schemaPattern", schema);
  if (table != NULL)
    cw_tidb_json_add_string (builder, "tablePattern", table);
  json_builder_end_object (builder);
  if (!has_wildcard (schema))
    {
      begin_member_object (builder, "targetTable");
      cw_tidb_json_add_string (builder, "schema", schema);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/* Left out when there are none: the API then migrates every table that is not the
 * system's. */
static void
add_rules (JsonBuilder        *builder,
           const char * const *rules)
{
  if (rules == NULL || rules[0] == NULL)
    return;
  json_builder_set_member_name (builder, "migrationRules");
  json_builder_begin_array (builder);
  for (guint i = 0; rules[i] != NULL; i++)
    add_rule (builder, rules[i]);
  json_builder_end_array (builder);
}

/* Source: its ConnProfile through the private link connection (endpointId) and rules. */
static void
add_source (JsonBuilder                  *builder,
            const CwTidbMigrationRequest *request)
{
  json_builder_begin_object (builder);
  begin_member_object (builder, "connProfile");
  cw_tidb_json_add_string (builder, "connType", "PRIVATE_LINK");
  cw_tidb_json_add_string (builder, "endpointId", request->private_link_connection_id);
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, request->port);
  cw_tidb_json_add_string (builder, "user", request->source_user);
  cw_tidb_json_add_secret (builder, "password", request->source_password);
  json_builder_end_object (builder);
  add_rules (builder, request->rules);
  cw_tidb_json_add_string (builder, "sourceType",
                           request->source_type ? request->source_type : CW_TIDB_SOURCE_TYPE_AWS_RDS_MYSQL);
  json_builder_end_object (builder);
}

/* PrecheckBody and CreateMigrationBody */
static GBytes *
migration_body (const CwTidbMigrationRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  cw_tidb_json_add_string (builder, "displayName", request->display_name);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  add_source (builder, request);
  json_builder_end_array (builder);
  begin_member_object (builder, "target");
  cw_tidb_json_add_string (builder, "user", request->target_user);
  cw_tidb_json_add_secret (builder, "password", request->target_password);
  json_builder_end_object (builder);
  cw_tidb_json_add_string (builder, "mode", cw_tidb_migration_mode_to_string (request->mode));
  json_builder_end_object (builder);
  return cw_tidb_json_body_new (builder);
}

static gboolean
migration_request_is_complete (const CwTidbMigrationRequest *request)
{
  return request != NULL &&
         request->display_name != NULL && *request->display_name != '\0' &&
         (request->mode == CW_TIDB_MIGRATION_MODE_ALL || request->mode == CW_TIDB_MIGRATION_MODE_INCREMENTAL) &&
         request->private_link_connection_id != NULL && *request->private_link_connection_id != '\0' &&
         request->port > 0 && request->port <= G_MAXUINT16 &&
         request->source_user != NULL && *request->source_user != '\0' && request->source_password != NULL &&
         request->target_user != NULL && *request->target_user != '\0' && request->target_password != NULL;
}

/* POSTs the migration body to @collection, or reports why it could not be made. */
static void
post_migration_body (CwTidbClient                 *self,
                     const char                   *cluster_id,
                     const char                   *collection,
                     const CwTidbMigrationRequest *request,
                     CwTidbParseFunc               parse,
                     gpointer                      source_tag,
                     GCancellable                 *cancellable,
                     GAsyncReadyCallback           callback,
                     gpointer                      user_data)
{
  const char * const secrets[] = { request->source_password, request->target_password, NULL };
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  if (!rules_are_valid (request->rules, &error))
    {
      g_task_report_error (self, callback, user_data, source_tag, error);
      return;
    }
  body = migration_body (request);
  path = cw_tidb_client_cluster_path (cluster_id, collection, NULL, NULL);
  cw_tidb_client_fetch_async (self, "POST", path, body, secrets, parse, source_tag, cancellable, callback, user_data);
}

/* Starts TiDB Cloud's precheck of the migration @request describes; the answer carries
 * only the precheck's id: read it again until cw_tidb_migration_precheck_is_done(). */
void
cw_tidb_client_create_migration_precheck_async (CwTidbClient                 *self,
                                                const char                   *cluster_id,
                                                const CwTidbMigrationRequest *request,
                                                GCancellable                 *cancellable,
                                                GAsyncReadyCallback           callback,
                                                gpointer                      user_data)
{
  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (migration_request_is_complete (request));

  post_migration_body (self, cluster_id, PRECHECKS, request,
                       (CwTidbParseFunc) cw_tidb_migration_precheck_new_from_json,
                       cw_tidb_client_create_migration_precheck_async, cancellable, callback, user_data);
}

CwTidbMigrationPrecheck *
cw_tidb_client_create_migration_precheck_finish (CwTidbClient  *self,
                                                 GAsyncResult  *result,
                                                 GError       **error)
{
  return cw_tidb_client_fetch_finish (self, result, cw_tidb_client_create_migration_precheck_async, error);
}

/* One precheck or migration at @collection/@item_id, by @method and @verb. @parse NULL
 * answers a boolean. */
static void
item_async (CwTidbClient        *self,
            const char          *method,
            const char          *cluster_id,
            const char          *collection,
            const char          *item_id,
            const char          *verb,
            CwTidbParseFunc      parse,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (item_id != NULL && *item_id != '\0');

  path = cw_tidb_client_cluster_path (cluster_id, collection, item_id, verb);
  /* PauseMigrationBody and ResumeMigrationBody are empty objects. */
  if (verb != NULL)
    body = g_bytes_new_static ("{}", 2);
  cw_tidb_client_fetch_async (self, method, path, body, NULL, parse, source_tag, cancellable, callback, user_data);
}

void
cw_tidb_client_get_migration_precheck_async (CwTidbClient        *self,
                                             const char          *cluster_id,
                                             const char          *precheck_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  item_async (self, "GET", cluster_id, PRECHECKS, precheck_id, NULL,
              (CwTidbParseFunc) cw_tidb_migration_precheck_new_from_json,
              cw_tidb_client_get_migration_precheck_async, cancellable, callback, user_data);
}

CwTidbMigrationPrecheck *
cw_tidb_client_get_migration_precheck_finish (CwTidbClient  *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  return cw_tidb_client_fetch_finish (self, result, cw_tidb_client_get_migration_precheck_async, error);
}

/* Cancels the precheck (CancelPrecheck), or forgets a finished one. */
void
cw_tidb_client_delete_migration_precheck_async (CwTidbClient        *self,
                                                const char          *cluster_id,
                                                const char          *precheck_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  item_async (self, "DELETE", cluster_id, PRECHECKS, precheck_id, NULL, NULL,
              cw_tidb_client_delete_migration_precheck_async, cancellable, callback, user_data);
}

gboolean
cw_tidb_client_delete_migration_precheck_finish (CwTidbClient  *self,
                                                 GAsyncResult  *result,
                                                 GError       **error)
{
  return cw_tidb_client_fetch_boolean_finish (self, result, cw_tidb_client_delete_migration_precheck_async, error);
}

/* The answer is the new migration, usually CREATING. */
void
cw_tidb_client_create_migration_async (CwTidbClient                 *self,
                                       const char                   *cluster_id,
                                       const CwTidbMigrationRequest *request,
                                       GCancellable                 *cancellable,
                                       GAsyncReadyCallback           callback,
                                       gpointer                      user_data)
{
  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (migration_request_is_complete (request));

  post_migration_body (self, cluster_id, MIGRATIONS, request,
                       (CwTidbParseFunc) cw_tidb_migration_new_from_json,
                       cw_tidb_client_create_migration_async, cancellable, callback, user_data);
}

CwTidbMigration *
cw_tidb_client_create_migration_finish (CwTidbClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return cw_tidb_client_fetch_finish (self, result, cw_tidb_client_create_migration_async, error);
}

void
cw_tidb_client_list_migrations_async (CwTidbClient        *self,
                                      const char          *cluster_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');

  path = cw_tidb_client_cluster_path (cluster_id, MIGRATIONS, NULL, NULL);
  cw_tidb_client_list_async (self, path, "migrations", CW_TYPE_TIDB_MIGRATION,
                             (CwTidbParseFunc) cw_tidb_migration_new_from_json,
                             cw_tidb_client_list_migrations_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): a GListModel of CwTidbMigration */
GListModel *
cw_tidb_client_list_migrations_finish (CwTidbClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return cw_tidb_client_fetch_finish (self, result, cw_tidb_client_list_migrations_async, error);
}

void
cw_tidb_client_get_migration_async (CwTidbClient        *self,
                                    const char          *cluster_id,
                                    const char          *migration_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  item_async (self, "GET", cluster_id, MIGRATIONS, migration_id, NULL,
              (CwTidbParseFunc) cw_tidb_migration_new_from_json,
              cw_tidb_client_get_migration_async, cancellable, callback, user_data);
}

CwTidbMigration *
cw_tidb_client_get_migration_finish (CwTidbClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return cw_tidb_client_fetch_finish (self, result, cw_tidb_client_get_migration_async, error);
}

void
cw_tidb_client_pause_migration_async (CwTidbClient        *self,
                                      const char          *cluster_id,
                                      const char          *migration_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  item_async (self, "POST", cluster_id, MIGRATIONS, migration_id, ":pause", NULL,
              cw_tidb_client_pause_migration_async, cancellable, callback, user_data);
}

gboolean
cw_tidb_client_pause_migration_finish (CwTidbClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return cw_tidb_client_fetch_boolean_finish (self, result, cw_tidb_client_pause_migration_async, error);
}

void
cw_tidb_client_resume_migration_async (CwTidbClient        *self,
                                       const char          *cluster_id,
                                       const char          *migration_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  item_async (self, "POST", cluster_id, MIGRATIONS, migration_id, ":resume", NULL,
              cw_tidb_client_resume_migration_async, cancellable, callback, user_data);
}

gboolean
cw_tidb_client_resume_migration_finish (CwTidbClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return cw_tidb_client_fetch_boolean_finish (self, result, cw_tidb_client_resume_migration_async, error);
}

void
cw_tidb_client_delete_migration_async (CwTidbClient        *self,
                                       const char          *cluster_id,
                                       const char          *migration_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  item_async (self, "DELETE", cluster_id, MIGRATIONS, migration_id, NULL, NULL,
              cw_tidb_client_delete_migration_async, cancellable, callback, user_data);
}

gboolean
cw_tidb_client_delete_migration_finish (CwTidbClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return cw_tidb_client_fetch_boolean_finish (self, result, cw_tidb_client_delete_migration_async, error);
}
