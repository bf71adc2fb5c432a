/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-tidb-migrations.c: TiDB Cloud's Data Migration (dm.swagger.json)
 *
 * A precheck runs TiDB Cloud's checks of the sources through the links (connection,
 * privileges, binlog on, binlog_format ROW, binlog_row_image FULL, the target user) for
 * a while, then FINISHED with its items, or FAILED when a source cannot be reached. A
 * migration is created only when those checks pass; its subtasks then dump, load and
 * sync on the world's clock, and stop (FAILED, with the error) while their source is not
 * reached.
 */
#define G_LOG_DOMAIN "cw-sandbox-tidb"

#include "config.h"

#include <string.h>

#include "cw-sandbox-dump.h"
#include "cw-sandbox-tidb-private.h"

/* ---- the swagger's shapes ---- */

static const char * const conn_types[] = { "PUBLIC", "PRIVATE_LINK", NULL };
static const char * const source_types[] = { "MYSQL", "ALICLOUD_RDS_MYSQL", "AWS_RDS_MYSQL", NULL };
static const char * const task_modes[] = { "ALL", "INCREMENTAL", NULL };
static const char * const shard_modes[] = { "PESSIMISTIC", "OPTIMISTIC", NULL };

static const CwSbJsonMember security_shape[] = {
  { "certAllowedCn", CW_SB_JSON_STRINGS },
  { "sslCaContent", CW_SB_JSON_STRING },
  { "sslCertContent", CW_SB_JSON_STRING },
  { "sslKeyContent", CW_SB_JSON_STRING },
  { NULL }
};

static const CwSbJsonMember profile_shape[] = {
  { "connType", CW_SB_JSON_ENUM, TRUE, NULL, conn_types },
  { "endpointId", CW_SB_JSON_STRING },
  { "host", CW_SB_JSON_STRING },
  { "port", CW_SB_JSON_INT, TRUE },
  { "user", CW_SB_JSON_STRING, TRUE },
  { "password", CW_SB_JSON_STRING, TRUE },
  { "security", CW_SB_JSON_OBJECT, FALSE, security_shape },
  { NULL }
};

static const CwSbJsonMember rule_source_shape[] = {
  { "schemaPattern", CW_SB_JSON_STRING, TRUE },
  { "tablePattern", CW_SB_JSON_STRING },
  { NULL }
};

static const CwSbJsonMember rule_table_shape[] = {
  { "schema", CW_SB_JSON_STRING, TRUE },
  { "table", CW_SB_JSON_STRING },
  { NULL }
};

static const CwSbJsonMember rule_shape[] = {
  { "sourceTable", CW_SB_JSON_OBJECT, FALSE, rule_source_shape },
  { "targetTable", CW_SB_JSON_OBJECT, FALSE, rule_table_shape },
  { NULL }
};

static const CwSbJsonMember source_shape[] = {
  { "connProfile", CW_SB_JSON_OBJECT, TRUE, profile_shape },
  { "migrationRules", CW_SB_JSON_OBJECTS, FALSE, rule_shape },
  { "binlogName", CW_SB_JSON_STRING },
  { "binlogPosition", CW_SB_JSON_INT },
  { "binlogGtid", CW_SB_JSON_STRING },
  { "sourceType", CW_SB_JSON_ENUM, TRUE, NULL, source_types },
  { NULL }
};

static const CwSbJsonMember target_shape[] = {
  { "user", CW_SB_JSON_STRING, TRUE },
  { "password", CW_SB_JSON_STRING, TRUE },
  { NULL }
};

/* MigrationService.PrecheckBody and MigrationService.CreateMigrationBody alike. */
static const CwSbJsonMember job_shape[] = {
  { "displayName", CW_SB_JSON_STRING, TRUE },
  { "sources", CW_SB_JSON_OBJECTS, TRUE, source_shape },
  { "target", CW_SB_JSON_OBJECT, TRUE, target_shape },
  { "mode", CW_SB_JSON_ENUM, TRUE, NULL, task_modes },
  { "shardMode", CW_SB_JSON_ENUM, FALSE, NULL, shard_modes },
  { NULL }
};

static const CwSbJsonMember empty_shape[] = {
  { NULL }
};

/* ---- the job ---- */

static gboolean
refuse (CwSbTidbCall *call,
        int           code,
        const char   *text)
{
  cw_sb_tidb_respond_error (call, 400, code, text);
  return FALSE;
}

static gboolean
check_source (CwSbTidbCall *call,
              JsonObject   *source,
              guint         index)
{
  JsonObject *profile = cw_sb_json_object (source, "connProfile");
  gint64 port = cw_sb_json_int (profile, "port", 0);
  g_autofree char *problem = NULL;

  if (g_str_equal (cw_sb_json_string (profile, "connType"), "PRIVATE_LINK") &&
      (cw_sb_json_string (profile, "endpointId") ?: "")[0] == '\0')
    problem = g_strdup_printf ("sources[%u].connProfile.endpointId is required when connType is PRIVATE_LINK: the id "
                               "of a private link connection of the cluster", index);
  else if (g_str_equal (cw_sb_json_string (profile, "connType"), "PUBLIC") &&
           (cw_sb_json_string (profile, "host") ?: "")[0] == '\0')
    problem = g_strdup_printf ("sources[%u].connProfile.host is required when connType is PUBLIC", index);
  else if (port < 1 || port > 65535)
    problem = g_strdup_printf ("sources[%u].connProfile.port must be from 1 to 65535", index);
  return problem == NULL || refuse (call, CW_SB_CODE_INVALID_ARGUMENT, problem);
}

/* Reads a body of job_shape into @job; FALSE once answered. */
static gboolean
read_job (CwSbTidbCall *call,
          JsonObject   *body,
          CwSbDmJob    *job)
{
  JsonArray *sources = json_object_get_array_member (body, "sources");
  JsonObject *target = cw_sb_json_object (body, "target");
  const char *display_name = cw_sb_json_string (body, "displayName");

  if (*display_name == '\0' || g_utf8_strlen (display_name, -1) > 64)
    return refuse (call, CW_SB_CODE_INVALID_ARGUMENT, "displayName is required and must be at most 64 characters");
  if (json_array_get_length (sources) == 0)
    return refuse (call, CW_SB_CODE_INVALID_ARGUMENT, "sources must hold at least one source");
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      if (!check_source (call, json_array_get_object_element (sources, i), i))
        return FALSE;
      g_ptr_array_add (job->sources, cw_sb_dm_source_new (json_array_get_element (sources, i)));
    }
  job->display_name = g_strdup (display_name);
  job->mode = g_strdup (cw_sb_json_string (body, "mode"));
  job->target_user = g_strdup (cw_sb_json_string (target, "user"));
  job->target_password = g_strdup (cw_sb_json_string (target, "password"));
  return TRUE;
}

/* ---- prechecks ---- */

void
cw_sb_tidb_create_precheck (CwSbTidbCall *call)
{
  CwSandboxWorld *world = call->services->world;
  CwSbTidbCluster *cluster = cw_sb_tidb_find_cluster (call, FALSE);
  g_autoptr(JsonObject) body = cluster ? cw_sb_tidb_read_body (call, "MigrationService.PrecheckBody", job_shape) : NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CwSbPrecheck *precheck;

  if (body == NULL)
    return;
  precheck = cw_sb_model_add_precheck (world, cluster);
  if (!read_job (call, body, &precheck->job))
    {
      cw_sandbox_world_remove (world, precheck);
      return;
    }
  precheck->base.lag_reads = call->decision.lag_reads;
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "precheckId", precheck->base.id);
  json_builder_end_object (builder);
  cw_sb_tidb_respond (call, builder);
}

static CwSbPrecheck *
find_precheck (CwSbTidbCall *call)
{
  CwSbPrecheck *item = cw_sb_tidb_find_cluster (call, FALSE)
    ? cw_sb_tidb_find_item (call, CW_SB_TIDB_PRECHECK, "precheck", G_STRUCT_OFFSET (CwSbPrecheck, cluster_id))
    : NULL;

  if (item != NULL)
    cw_sb_model_refresh_precheck (call->services->world, item);
  return item;
}

static void
add_item (JsonBuilder      *builder,
          CwSbPrecheckItem *item)
{
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "description", item->description);
  cw_sb_json_add_string (builder, "status", item->status);
  if (item->solution != NULL)
    cw_sb_json_add_string (builder, "solution", item->solution);
  if (item->reason != NULL)
    cw_sb_json_add_string (builder, "reason", item->reason);
  if (item->type != NULL)
    cw_sb_json_add_string (builder, "type", item->type);
  json_builder_end_object (builder);
}

void
cw_sb_tidb_get_precheck (CwSbTidbCall *call)
{
  CwSbPrecheck *precheck = find_precheck (call);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint counts[3] = { 0, 0, 0 };  /* SUCCESS, WARNING, FAILED */

  if (precheck == NULL)
    return;
  for (guint i = 0; i < precheck->items->len; i++)
    {
      const char *status = ((CwSbPrecheckItem *) precheck->items->pdata[i])->status;

      counts[g_str_equal (status, "SUCCESS") ? 0 : g_str_equal (status, "WARNING") ? 1 : 2]++;
    }
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "precheckId", precheck->base.id);
  cw_sb_tidb_add_int (builder, "total", precheck->items->len);
  cw_sb_tidb_add_int (builder, "failedCnt", counts[2]);
  cw_sb_tidb_add_int (builder, "warnCnt", counts[1]);
  cw_sb_tidb_add_int (builder, "successCnt", counts[0]);
  cw_sb_json_add_string (builder, "status", precheck->status);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < precheck->items->len; i++)
    add_item (builder, precheck->items->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  cw_sb_tidb_respond (call, builder);
}

void
cw_sb_tidb_cancel_precheck (CwSbTidbCall *call)
{
  CwSbPrecheck *precheck = find_precheck (call);

  if (precheck == NULL)
    return;
  cw_sandbox_world_remove (call->services->world, precheck);
  cw_sb_tidb_respond_empty (call);
}

/* ---- migrations: answers ---- */

/* The source as given, but its password: that is never read back. */
static JsonNode *
source_without_password (CwSbDmSource *source)
{
  JsonNode *copy = json_node_copy (source->given);
  JsonObject *profile = cw_sb_json_object (json_node_get_object (copy), "connProfile");

  if (profile != NULL)
    json_object_remove_member (profile, "password");
  return copy;
}

static double
per_second (gint64 amount,
            double realistic_seconds)
{
  return realistic_seconds > 0 ? amount / realistic_seconds : 0;
}

static void
add_details (JsonBuilder    *builder,
             CwSbDmSource   *source,
             const char     *step,
             double          dump,
             double          load,
             gboolean        full)
{
  gint64 latency = 1 + (g_get_real_time () - source->flowed_at) / G_USEC_PER_SEC;
  g_autofree char *checkpoint = g_strdup_printf ("(mysql-bin-changelog.%06" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                                 1 + source->elapsed / (G_USEC_PER_SEC * 60),
                                                 4 + (source->elapsed / 1000) % 134217728);

  if (full)
    {
      json_builder_set_member_name (builder, "dumpDetail");
      json_builder_begin_object (builder);
      cw_sb_tidb_add_int64 (builder, "bps", dump < 1.0 ? (gint64) per_second (source->bytes, CW_SB_MIGRATION_DUMP_S) : 0);
      json_builder_set_member_name (builder, "progress");
      json_builder_add_double_value (builder, dump * 100.0);
      cw_sb_tidb_add_int64 (builder, "totalTables", source->tables);
      cw_sb_tidb_add_int64 (builder, "completedTables", (gint64) (dump * source->tables));
      cw_sb_tidb_add_int64 (builder, "finishedBytes", (gint64) (dump * source->bytes));
      cw_sb_tidb_add_int64 (builder, "finishedRows", (gint64) (dump * source->rows));
      json_builder_end_object (builder);
    }
  if (full && !g_str_equal (step, "DUMP"))
    {
      json_builder_set_member_name (builder, "loadDetail");
      json_builder_begin_object (builder);
      cw_sb_tidb_add_int64 (builder, "bps", load < 1.0 ? (gint64) per_second (source->bytes, CW_SB_MIGRATION_LOAD_S) : 0);
      json_builder_set_member_name (builder, "progress");
      json_builder_add_double_value (builder, load * 100.0);
      cw_sb_tidb_add_int64 (builder, "finishedBytes", (gint64) (load * source->bytes));
      cw_sb_tidb_add_int64 (builder, "totalBytes", source->bytes);
      json_builder_end_object (builder);
    }
  if (g_str_equal (step, "SYNC"))
    {
      json_builder_set_member_name (builder, "syncDetail");
      json_builder_begin_object (builder);
      cw_sb_tidb_add_int64 (builder, "rps", source->flowing ? 120 : 0);
      cw_sb_tidb_add_int64 (builder, "latency", latency);
      cw_sb_json_add_string (builder, "checkpoint", checkpoint);
      json_builder_end_object (builder);
    }
}

static void
add_subtask (JsonBuilder    *builder,
             CwSandboxWorld *world,
             CwSbMigration  *migration,
             CwSbDmSource   *source)
{
  double dump;
  double load;
  const char *step = cw_sb_model_subtask_step (world, migration, source, &dump, &load);
  const char *stage = migration->paused ? "PAUSED" : source->error ? "FAILED" : "RUNNING";

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_value (builder, source_without_password (source));
  cw_sb_json_add_string (builder, "currentStep", step);
  cw_sb_json_add_string (builder, "stage", stage);
  add_details (builder, source, step, dump, load, g_strcmp0 (migration->job.mode, "ALL") == 0);
  if (source->error != NULL)
    cw_sb_json_add_string (builder, "errorMsg", source->error);
  json_builder_end_object (builder);
}

static void
add_migration (JsonBuilder    *builder,
               CwSandboxWorld *world,
               CwSbMigration  *migration,
               const char     *state)
{
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "migrationId", migration->base.id);
  cw_sb_json_add_string (builder, "displayName", migration->job.display_name);
  json_builder_set_member_name (builder, "subTasks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < migration->job.sources->len; i++)
    add_subtask (builder, world, migration, migration->job.sources->pdata[i]);
  json_builder_end_array (builder);
  cw_sb_json_add_string (builder, "targetUser", migration->job.target_user);
  cw_sb_tidb_add_time (builder, "createTime", migration->base.created);
  cw_sb_json_add_string (builder, "mode", migration->job.mode);
  cw_sb_json_add_string (builder, "state", state ? state : migration->state);
  json_builder_end_object (builder);
}

static void
respond_migration (CwSbTidbCall  *call,
                   CwSbMigration *migration,
                   const char    *state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add_migration (builder, call->services->world, migration, state);
  cw_sb_tidb_respond (call, builder);
}

/* ---- migrations: operations ---- */

/* What the precheck would fail on, said in one line; NULL when it passes. */
static char *
failed_checks (GPtrArray *items)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      CwSbPrecheckItem *item = items->pdata[i];

      if (!g_str_equal (item->status, "FAILED"))
        continue;
      g_string_append (text, text->len ? "; " : "the precheck failed: ");
      if (item->type != NULL)
        g_string_append_printf (text, "%s: ", item->type);
      g_string_append (text, item->reason);
    }
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

void
cw_sb_tidb_create_migration (CwSbTidbCall *call)
{
  CwSandboxWorld *world = call->services->world;
  CwSbTidbCluster *cluster = cw_sb_tidb_find_cluster (call, FALSE);
  g_autoptr(JsonObject) body = cluster ? cw_sb_tidb_read_body (call, "MigrationService.CreateMigrationBody", job_shape)
                                       : NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *problem = NULL;
  CwSbMigration *migration;
  gboolean reached;

  if (body == NULL)
    return;
  migration = cw_sb_model_add_migration (world, cluster);
  if (!read_job (call, body, &migration->job))
    {
      cw_sandbox_world_remove (world, migration);
      return;
    }
  items = cw_sb_model_check_migration (world, cluster, &migration->job, &reached);
  problem = failed_checks (items);
  if (problem != NULL)
    {
      cw_sandbox_world_remove (world, migration);
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_FAILED_PRECONDITION, problem);
      return;
    }
  cw_sb_model_size_sources (world, cluster, &migration->job);
  migration->base.lag_reads = call->decision.lag_reads;
  respond_migration (call, migration, NULL);
}

static CwSbMigration *
find_migration (CwSbTidbCall *call)
{
  CwSbMigration *item = cw_sb_tidb_find_cluster (call, FALSE)
    ? cw_sb_tidb_find_item (call, CW_SB_TIDB_MIGRATION, "migration", G_STRUCT_OFFSET (CwSbMigration, cluster_id))
    : NULL;

  if (item != NULL)
    cw_sb_model_refresh_migration (call->services->world, item);
  return item;
}

void
cw_sb_tidb_get_migration (CwSbTidbCall *call)
{
  CwSbMigration *migration = find_migration (call);

  if (migration != NULL)
    respond_migration (call, migration, NULL);
}

void
cw_sb_tidb_delete_migration (CwSbTidbCall *call)
{
  CwSbMigration *migration = find_migration (call);

  if (migration == NULL)
    return;
  respond_migration (call, migration, "DELETING");
  cw_sandbox_world_remove (call->services->world, migration);
}

/* Pauses a RUNNING (or FAILED) migration, or resumes a PAUSED one. */
static void
change_pause (CwSbTidbCall *call,
              gboolean      pause)
{
  CwSbMigration *migration = find_migration (call);
  g_autoptr(JsonObject) body = migration
    ? cw_sb_tidb_read_body (call, pause ? "MigrationService.PauseMigrationBody" : "MigrationService.ResumeMigrationBody",
                            empty_shape)
    : NULL;
  gboolean allowed;
  g_autofree char *message = NULL;

  if (body == NULL)
    return;
  allowed = pause ? g_str_equal (migration->state, "RUNNING") || g_str_equal (migration->state, "FAILED")
                  : migration->paused;
  if (!allowed)
    {
      message = g_strdup_printf ("migration %s cannot be %s while its state is %s", migration->base.id,
                                 pause ? "paused" : "resumed", migration->state);
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_FAILED_PRECONDITION, message);
      return;
    }
  migration->paused = pause;
  cw_sb_model_refresh_migration (call->services->world, migration);
  cw_sb_tidb_respond_empty (call);
}

void
cw_sb_tidb_pause_migration (CwSbTidbCall *call)
{
  change_pause (call, TRUE);
}

void
cw_sb_tidb_resume_migration (CwSbTidbCall *call)
{
  change_pause (call, FALSE);
}

void
cw_sb_tidb_list_migrations (CwSbTidbCall *call)
{
  CwSandboxWorld *world = call->services->world;
  CwSbTidbCluster *cluster = cw_sb_tidb_find_cluster (call, FALSE);
  const char *order = g_hash_table_lookup (call->query, "orderBy");
  gboolean descending = g_strcmp0 (order, "createTime desc") == 0;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *next_token = NULL;
  guint total;

  if (cluster == NULL)
    return;
  if (order != NULL && !descending && !g_str_equal (order, "createTime") && !g_str_equal (order, "createTime asc"))
    {
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_INVALID_ARGUMENT,
                                "orderBy supports createTime only, optionally followed by desc");
      return;
    }
  items = cw_sb_tidb_visible (world, CW_SB_TIDB_MIGRATION);
  for (guint i = items->len; i > 0; i--)
    if (!g_str_equal (((CwSbMigration *) items->pdata[i - 1])->cluster_id, cluster->base.id))
      g_ptr_array_remove_index (items, i - 1);
  for (guint i = 0; descending && i < items->len / 2; i++)
    {
      gpointer first = items->pdata[i];

      items->pdata[i] = items->pdata[items->len - 1 - i];
      items->pdata[items->len - 1 - i] = first;
    }
  total = items->len;
  if (!cw_sb_tidb_read_page (call, items, descending, &next_token))
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "migrations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      cw_sb_model_refresh_migration (world, items->pdata[i]);
      add_migration (builder, world, items->pdata[i], NULL);
    }
  json_builder_end_array (builder);
  cw_sb_tidb_end_page (builder, next_token, total);
  cw_sb_tidb_respond (call, builder);
}
