/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-dataflows.c: using a link (DESIGN.md §12) — `causeway-cli test` and `replicate`,
 * `dataflows` (the clusters' changefeeds and migrations with the links they use) and
 * `dataflow pause|resume|delete` */
#define G_LOG_DOMAIN "cw-cli-dataflows"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-cli-dataflows.h"
#include "cw-cli-link.h"
#include "cw-cli-table.h"
#include "cw-credential-store.h"
#include "cw-engine-error.h"
#include "cw-secure.h"

#define DATABASE_PASSWORD_ENV "MYSQL_PWD"

/* ---- SQL users ---- */

void
cw_cli_sql_login_clear (CwCliSqlLogin *login)
{
  g_clear_pointer (&login->user, g_free);
  g_clear_pointer (&login->account, g_free);
  g_clear_pointer (&login->password, cw_secure_free);
}

static gboolean
check_login_options (CwCliSqlLogin  *login,
                     const char     *user_option,
                     const char     *account_option,
                     GError        **error)
{
  if ((login->user != NULL) != (login->account != NULL))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Name the SQL user with %s or with %s (one of the two)."),
               user_option, account_option);
  return FALSE;
}

static CwSqlUser *
find_saved_user (const CwSqlUser  *database,
                 const char       *label,
                 GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) users = NULL;

  cw_sql_users_list_async (database, NULL, cw_cli_store_result, &result);
  users = cw_sql_users_list_finish (cw_cli_wait (&result), error);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      const CwSqlUser *user = g_ptr_array_index (users, i);
      g_autofree char *its_label = cw_sql_user_dup_label (user);

      if (g_str_equal (its_label, label))
        return cw_sql_user_copy (user);
    }
  if (users != NULL)
    g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND, _("No SQL user “%s” of %s is saved in the keyring."),
                 label, database->database);
  return NULL;
}

/* The keyring's password of @user; a user with none saved is told where else it can come from. */
static char *
lookup_password (const CwSqlUser  *user,
                 const char       *environment,
                 GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) lookup_error = NULL;
  g_autofree char *label = cw_sql_user_dup_label (user);
  char *password;

  cw_sql_user_lookup_password_async (user, NULL, cw_cli_store_result, &result);
  password = cw_sql_user_lookup_password_finish (cw_cli_wait (&result), &lookup_error);
  if (password != NULL)
    return password;
  if (g_error_matches (lookup_error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND))
    g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                 _("No password of %s is saved in the keyring: set %s, or save it in Causeway."), label, environment);
  else
    g_set_error (error, lookup_error->domain, lookup_error->code, _("%s Set %s to give the password instead."),
                 lookup_error->message, environment);
  return NULL;
}

gboolean
cw_cli_sql_login_resolve (CwCliSqlLogin    *login,
                          const CwSqlUser  *database,
                          const char       *environment,
                          const char       *user_option,
                          const char       *account_option,
                          GError          **error)
{
  const char *given = g_getenv (environment);
  g_autoptr(CwSqlUser) saved = NULL;

  if (!check_login_options (login, user_option, account_option, error))
    return FALSE;
  if (login->user != NULL && given != NULL)
    {
      login->password = g_strdup (given);
      return TRUE;
    }
  if (database == NULL)
    {
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                   _("Causeway does not know which database the link reaches, so the keyring cannot give its "
                     "password: set %s."), environment);
      return FALSE;
    }
  if (login->account != NULL)
    {
      saved = find_saved_user (database, login->account, error);
      if (saved == NULL)
        return FALSE;
      login->user = g_strdup (saved->user);
    }
  else
    {
      saved = cw_sql_user_copy (database);
      g_free (saved->user);
      saved->user = g_strdup (login->user);
    }
  login->password = lookup_password (saved, environment, error);
  return login->password != NULL;
}

/* ---- a dataflow as JSON and in a table ---- */

/* A figure the answer may leave out (negative): null then. */
static void
json_optional_number (JsonBuilder *builder,
                      const char  *name,
                      double       value)
{
  json_builder_set_member_name (builder, name);
  if (value < 0)
    json_builder_add_null_value (builder);
  else if (value == (double) (gint64) value)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

/* A migration's subtask: its step and the figures of that step (null: not given). */
static void
json_subtask (JsonBuilder            *builder,
              CwTidbMigrationSubtask *subtask)
{
  CwTidbMigrationStep step = cw_tidb_migration_subtask_get_step (subtask);
  gboolean dump = step == CW_TIDB_MIGRATION_STEP_DUMP;

  json_builder_begin_object (builder);
  cw_cli_json_string (builder, "step", cw_tidb_migration_step_to_string (step));
  cw_cli_json_string (builder, "stage", cw_tidb_subtask_stage_to_string (cw_tidb_migration_subtask_get_stage (subtask)));
  json_optional_number (builder, "progress",
                        dump ? cw_tidb_migration_subtask_get_dump_progress (subtask)
                             : step == CW_TIDB_MIGRATION_STEP_LOAD ? cw_tidb_migration_subtask_get_load_progress (subtask)
                                                                    : -1);
  json_optional_number (builder, "finishedRows", dump ? cw_tidb_migration_subtask_get_dump_finished_rows (subtask) : -1);
  json_optional_number (builder, "finishedBytes",
                        dump ? cw_tidb_migration_subtask_get_dump_finished_bytes (subtask)
                             : cw_tidb_migration_subtask_get_load_finished_bytes (subtask));
  json_optional_number (builder, "totalBytes", dump ? -1 : cw_tidb_migration_subtask_get_load_total_bytes (subtask));
  json_optional_number (builder, "rowsPerSecond", cw_tidb_migration_subtask_get_sync_rows_per_second (subtask));
  json_optional_number (builder, "lagSeconds", cw_tidb_migration_subtask_get_sync_latency_seconds (subtask));
  cw_cli_json_string (builder, "error", cw_tidb_migration_subtask_get_error_message (subtask));
  json_builder_end_object (builder);
}

static void
json_subtasks (JsonBuilder     *builder,
               CwTidbMigration *migration)
{
  GListModel *subtasks = cw_tidb_migration_get_subtasks (migration);

  json_builder_set_member_name (builder, "subtasks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (subtasks); i++)
    {
      g_autoptr(CwTidbMigrationSubtask) subtask = g_list_model_get_item (subtasks, i);

      json_subtask (builder, subtask);
    }
  json_builder_end_array (builder);
}

void
cw_cli_json_dataflow (JsonBuilder *builder,
                      CwDataflow  *dataflow)
{
  g_autofree char *label = cw_dataflow_dup_state_label (dataflow);
  g_autofree char *progress = cw_dataflow_dup_progress_label (dataflow);
  CwTidbMigration *migration = cw_dataflow_get_migration (dataflow);

  json_builder_begin_object (builder);
  cw_cli_json_string (builder, "kind", cw_dataflow_kind_to_string (cw_dataflow_get_kind (dataflow)));
  cw_cli_json_string (builder, "id", cw_dataflow_get_id (dataflow));
  cw_cli_json_string (builder, "displayName", cw_dataflow_get_display_name (dataflow));
  cw_cli_json_string (builder, "clusterId", cw_dataflow_get_cluster_id (dataflow));
  cw_cli_json_string (builder, "linkId", cw_dataflow_get_link_id (dataflow));
  cw_cli_json_string (builder, "privateLinkConnectionId", cw_dataflow_get_private_link_id (dataflow));
  cw_cli_json_int (builder, "port", cw_dataflow_get_port (dataflow));
  cw_cli_json_string (builder, "state", cw_dataflow_get_state (dataflow));
  cw_cli_json_string (builder, "stateLabel", label);
  cw_cli_json_string (builder, "error", cw_dataflow_get_error (dataflow));
  json_optional_number (builder, "lagSeconds", cw_dataflow_get_lag_seconds (dataflow));
  if (migration != NULL)
    {
      cw_cli_json_string (builder, "progress", progress);
      json_subtasks (builder, migration);
    }
  json_builder_end_object (builder);
}

static void
print_json (GListModel *dataflows)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (dataflows); i++)
    {
      g_autoptr(CwDataflow) dataflow = g_list_model_get_item (dataflows, i);

      cw_cli_json_dataflow (builder, dataflow);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  cw_cli_print_json (root);
}

static void
print_one_json (CwDataflow *dataflow)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  cw_cli_json_dataflow (builder, dataflow);
  root = json_builder_get_root (builder);
  cw_cli_print_json (root);
}

static void
print_table (GListModel *dataflows)
{
  const char *headers[] = { _("KIND"), _("ID"), _("NAME"), _("LINK"), _("STATE"), _("LAG"), _("PROGRESS"), NULL };
  g_autoptr(CwCliTable) table = cw_cli_table_new (headers);

  for (guint i = 0; i < g_list_model_get_n_items (dataflows); i++)
    {
      g_autoptr(CwDataflow) dataflow = g_list_model_get_item (dataflows, i);
      g_autofree char *state = cw_dataflow_dup_state_label (dataflow);
      gint64 lag = cw_dataflow_get_lag_seconds (dataflow);
      g_autofree char *lag_text = lag >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT " s", lag) : g_strdup ("");
      g_autofree char *progress = cw_dataflow_dup_progress_label (dataflow);
      const char *link = cw_dataflow_get_link_id (dataflow) ? cw_dataflow_get_link_id (dataflow)
                                                             : cw_dataflow_get_private_link_id (dataflow);
      const char *cells[] = {
        cw_dataflow_kind_to_string (cw_dataflow_get_kind (dataflow)), cw_dataflow_get_id (dataflow),
        cw_dataflow_get_display_name (dataflow) ? cw_dataflow_get_display_name (dataflow) : "",
        link ? link : "", state, lag_text, progress ? progress : "", NULL
      };

      cw_cli_table_add_row (table, cells);
    }
  cw_cli_table_print (table);
}

/* ---- test, replicate ---- */

typedef struct {
  char          *cluster_id;
  char          *database_id;   /* one added to the link, else the link's own */
  CwCliSqlLogin  login;
  gboolean       tls;
  char         **filters;
  char          *start_time;
} UseOptions;

static void
use_options_clear (UseOptions *options)
{
  g_free (options->cluster_id);
  g_free (options->database_id);
  cw_cli_sql_login_clear (&options->login);
  g_strfreev (options->filters);
  g_free (options->start_time);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UseOptions, use_options_clear)

/* The first three are test's; replicate takes all. */
#define N_TEST_ENTRIES 4

static GOptionEntry *
use_option_entries (UseOptions *options,
                    gboolean    replicate)
{
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_STRING, &options->database_id,
      N_("Through the link’s port of this database, one added to the link (default: the link’s own)"), N_("ID") },
    { "mysql-user", 0, 0, G_OPTION_ARG_STRING, &options->login.user,
      N_("The database user TiDB Cloud signs in as; its password comes from MYSQL_PWD, else the keyring"), N_("USER") },
    { "mysql-account", 0, 0, G_OPTION_ARG_STRING, &options->login.account,
      N_("A database user saved in the keyring, by its label"), N_("LABEL") },
    { "tls", 0, 0, G_OPTION_ARG_NONE, &options->tls, N_("Connect to the database with TLS"), NULL },
    { "filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->filters,
      N_("A table filter rule, such as db1.* (repeat it for more; default: *.*)"), N_("RULE") },
    { "start-time", 0, 0, G_OPTION_ARG_STRING, &options->start_time,
      N_("Replicate from this moment (ISO 8601) instead of now"), N_("TIME") },
    { NULL }
  };
  GOptionEntry *chosen = g_new0 (GOptionEntry, G_N_ELEMENTS (entries));

  memcpy (chosen, entries, (replicate ? G_N_ELEMENTS (entries) - 1 : N_TEST_ENTRIES) * sizeof *chosen);
  return chosen;
}

/* The link @id names and the database login to use through it. */
static CwLinkInventory *
open_link (CwCli       *cli,
           UseOptions  *options,
           const char  *id,
           CwClouds   **clouds,
           CwLink     **link,
           GError     **error)
{
  g_autoptr(CwLinkInventory) inventory = NULL;
  g_autoptr(CwSqlUser) database = NULL;

  if (!check_login_options (&options->login, "--mysql-user", "--mysql-account", error))
    return NULL;
  inventory = cw_cli_find_link (cli, options->cluster_id, id, clouds, link, error);
  if (inventory == NULL)
    return NULL;
  if (options->database_id != NULL)
    *link = cw_link_find_database (*link, options->database_id);
  if (*link == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Link %s does not serve %s: “causeway-cli links” shows "
                                                              "its databases."), id, options->database_id);
      return NULL;
    }
  database = cw_dataflows_dup_database_user (*link, NULL);
  if (!cw_cli_sql_login_resolve (&options->login, database, DATABASE_PASSWORD_ENV, "--mysql-user", "--mysql-account",
                                 error))
    return NULL;
  return g_steal_pointer (&inventory);
}

/* The engine's borrowed view of a resolved login. */
static CwSqlLogin
sql_login_of (const CwCliSqlLogin *login)
{
  CwSqlLogin borrowed = { .user = login->user, .password = login->password };

  return borrowed;
}

static const char *
database_name (CwLink *link)
{
  return cw_link_get (link, CW_LINK_DATABASE_ID) ? cw_link_get (link, CW_LINK_DATABASE_ID) : _("the database");
}

int
cw_cli_test (CwCli  *cli,
             int     argc,
             char  **argv)
{
  g_auto(UseOptions) options = { 0 };
  g_autofree GOptionEntry *extra = use_option_entries (&options, FALSE);
  int status = CW_CLI_EXIT_OK;
  const char *id = cw_cli_parse_link_command (cli, "test", extra, &options.cluster_id, &argc, &argv, &status);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkInventory) inventory = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  CwLink *link = NULL;
  CwSqlLogin login;

  if (id == NULL)
    return status;
  inventory = open_link (cli, &options, id, &clouds, &link, &error);
  if (inventory == NULL)
    return cw_cli_exit_with (error);
  login = sql_login_of (&options.login);
  cw_dataflows_test_async (clouds, link, &login, options.tls, NULL, cw_cli_store_result, &result);
  if (!cw_dataflows_test_finish (cw_cli_wait (&result), &error))
    return cw_cli_fail (error);
  g_print (_("TiDB Cloud signed in to %s as %s through link %s.\n"), database_name (link), login.user, id);
  return CW_CLI_EXIT_OK;
}

static gboolean
parse_start_time (const char  *text,
                  GDateTime  **start_time,
                  GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  *start_time = text ? g_date_time_new_from_iso8601 (text, utc) : NULL;
  if (text == NULL || *start_time != NULL)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--start-time takes an ISO 8601 time, such as 2026-12-04T09:30:00Z, not “%s”"), text);
  return FALSE;
}

int
cw_cli_replicate (CwCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_auto(UseOptions) options = { 0 };
  g_autofree GOptionEntry *extra = use_option_entries (&options, TRUE);
  int status = CW_CLI_EXIT_OK;
  const char *id = cw_cli_parse_link_command (cli, "replicate", extra, &options.cluster_id, &argc, &argv, &status);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkInventory) inventory = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) start_time = NULL;
  g_autoptr(CwDataflow) dataflow = NULL;
  g_autofree char *state = NULL;
  CwLink *link = NULL;
  CwSqlLogin login;

  if (id == NULL)
    return status;
  if (!parse_start_time (options.start_time, &start_time, &error))
    return cw_cli_exit_with (error);
  inventory = open_link (cli, &options, id, &clouds, &link, &error);
  if (inventory == NULL)
    return cw_cli_exit_with (error);
  login = sql_login_of (&options.login);
  cw_dataflows_replicate_async (clouds, link, &login, options.tls, (const char * const *) options.filters, start_time,
                                NULL, cw_cli_store_result, &result);
  dataflow = cw_dataflows_replicate_finish (cw_cli_wait (&result), &error);
  if (dataflow == NULL)
    return cw_cli_fail (error);
  if (cli->output == CW_CLI_OUTPUT_JSON)
    {
      print_one_json (dataflow);
      return CW_CLI_EXIT_OK;
    }
  state = cw_dataflow_dup_state_label (dataflow);
  g_print (_("Changefeed %s replicates cluster %s into %s through link %s: %s.\n"), cw_dataflow_get_id (dataflow),
           cw_link_get_cluster_label (link), database_name (link), id, state);
  return CW_CLI_EXIT_OK;
}

/* ---- dataflows ---- */

static GListModel *
list_dataflows (CwClouds    *clouds,
                const char  *cluster_id,
                GListModel  *links,
                GError     **error)
{
  const char *cluster_ids[] = { cluster_id, NULL };
  g_autoptr(GAsyncResult) result = NULL;

  cw_dataflows_list_async (clouds, cluster_id ? cluster_ids : NULL, links, NULL, cw_cli_store_result, &result);
  return cw_dataflows_list_finish (cw_cli_wait (&result), error);
}

int
cw_cli_dataflows (CwCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autofree char *cluster_id = NULL;
  GOptionEntry entries[] = {
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &cluster_id, N_("Only this cluster’s changefeeds and migrations"), N_("ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkInventory) inventory = NULL;
  g_autoptr(GListModel) dataflows = NULL;

  if (!cw_cli_parse_options (cli, entries, NULL, &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc > 1)
    return cw_cli_usage (_("“dataflows” takes no arguments"));
  clouds = cw_cli_open_clouds (cli, TRUE, TRUE, &error);
  /* The links give each dataflow its link's id. */
  if (clouds == NULL || (inventory = cw_cli_load_inventory (clouds, cluster_id, &error)) == NULL ||
      (dataflows = list_dataflows (clouds, cluster_id, cw_link_inventory_get_links (inventory), &error)) == NULL)
    return cw_cli_fail (error);
  if (cli->output == CW_CLI_OUTPUT_JSON)
    print_json (dataflows);
  else
    print_table (dataflows);
  return CW_CLI_EXIT_OK;
}

/* ---- dataflow pause|resume|delete ---- */

static gboolean
parse_change (const char       *word,
              CwDataflowChange *change)
{
  static const struct {
    const char       *word;
    CwDataflowChange  change;
  } changes[] = {
    { "pause", CW_DATAFLOW_PAUSE },
    { "resume", CW_DATAFLOW_RESUME },
    { "delete", CW_DATAFLOW_DELETE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    if (g_str_equal (word, changes[i].word))
      {
        *change = changes[i].change;
        return TRUE;
      }
  return FALSE;
}

static CwDataflow *
find_dataflow (CwClouds    *clouds,
               const char  *cluster_id,
               const char  *id,
               GError     **error)
{
  g_autoptr(GListModel) dataflows = list_dataflows (clouds, cluster_id, NULL, error);

  for (guint i = 0; dataflows != NULL && i < g_list_model_get_n_items (dataflows); i++)
    {
      g_autoptr(CwDataflow) dataflow = g_list_model_get_item (dataflows, i);

      if (g_str_equal (cw_dataflow_get_id (dataflow), id))
        return g_steal_pointer (&dataflow);
    }
  if (dataflows != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("No changefeed or migration “%s”: “causeway-cli dataflows” lists them."), id);
  return NULL;
}

static void
print_change (CwDataflowChange  change,
              CwDataflow       *changed)
{
  g_autofree char *state = cw_dataflow_dup_state_label (changed);

  if (change == CW_DATAFLOW_PAUSE)
    g_print (_("Paused %s: %s.\n"), cw_dataflow_get_id (changed), state);
  else if (change == CW_DATAFLOW_RESUME)
    g_print (_("Resumed %s: %s.\n"), cw_dataflow_get_id (changed), state);
  else
    g_print (_("Deleted %s.\n"), cw_dataflow_get_id (changed));
}

int
cw_cli_dataflow (CwCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autofree char *cluster_id = NULL;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &cluster_id, N_("Look for it in this cluster only"), N_("ID") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Delete without asking"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwDataflow) dataflow = NULL;
  g_autoptr(CwDataflow) changed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *question = NULL;
  CwDataflowChange change;

  if (!cw_cli_parse_options (cli, entries, "pause|resume|delete ID", &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc != 3 || !parse_change (argv[1], &change))
    return cw_cli_usage (_("“dataflow” takes pause, resume or delete, then the id of a changefeed or a migration"));
  clouds = cw_cli_open_clouds (cli, FALSE, TRUE, &error);
  if (clouds == NULL || (dataflow = find_dataflow (clouds, cluster_id, argv[2], &error)) == NULL)
    return cw_cli_fail (error);
  question = g_strdup_printf (_("Delete %s %s? What it has copied stays; it copies nothing more."),
                              cw_dataflow_kind_to_string (cw_dataflow_get_kind (dataflow)), argv[2]);
  if (change == CW_DATAFLOW_DELETE && !cw_cli_confirm (question, yes, &error))
    return cw_cli_exit_with (error);
  cw_dataflows_change_async (clouds, dataflow, change, NULL, cw_cli_store_result, &result);
  changed = cw_dataflows_change_finish (cw_cli_wait (&result), &error);
  if (changed == NULL)
    return cw_cli_fail (error);
  print_change (change, changed);
  return CW_CLI_EXIT_OK;
}

/* ---- migrate ---- */

#define TIDB_PASSWORD_ENV "TIDB_PWD"

typedef struct {
  UseOptions     use;
  CwCliSqlLogin  tidb_login;
  char          *mode;
  char         **rules;
  gboolean       check_only;
} MigrateOptions;

static void
migrate_options_clear (MigrateOptions *options)
{
  use_options_clear (&options->use);
  cw_cli_sql_login_clear (&options->tidb_login);
  g_free (options->mode);
  g_strfreev (options->rules);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MigrateOptions, migrate_options_clear)

static GOptionEntry *
migrate_option_entries (MigrateOptions *options)
{
  const GOptionEntry entries[] = {
    { "mysql-user", 0, 0, G_OPTION_ARG_STRING, &options->use.login.user,
      N_("The database user TiDB Cloud reads as; its password comes from MYSQL_PWD, else the keyring"), N_("USER") },
    { "mysql-account", 0, 0, G_OPTION_ARG_STRING, &options->use.login.account,
      N_("A database user saved in the keyring, by its label"), N_("LABEL") },
    { "tidb-user", 0, 0, G_OPTION_ARG_STRING, &options->tidb_login.user,
      N_("The cluster’s SQL user the migration writes as; its password comes from TIDB_PWD, else the keyring"),
      N_("USER") },
    { "tidb-sql-account", 0, 0, G_OPTION_ARG_STRING, &options->tidb_login.account,
      N_("A TiDB SQL user saved in the keyring, by its label"), N_("LABEL") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &options->mode,
      N_("all (the existing data, then its changes; the default) or incremental (only changes)"), N_("MODE") },
    { "rule", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->rules,
      N_("A schema or SCHEMA.TABLE to migrate (repeat it for more; default: every table)"), N_("RULE") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &options->check_only,
      N_("Only check that the database is ready to be migrated"), NULL },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

static gboolean
parse_mode (const char           *text,
            CwTidbMigrationMode  *mode,
            GError              **error)
{
  if (text == NULL || g_str_equal (text, "all"))
    *mode = CW_TIDB_MIGRATION_MODE_ALL;
  else if (g_str_equal (text, "incremental"))
    *mode = CW_TIDB_MIGRATION_MODE_INCREMENTAL;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--mode takes all or incremental, not “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

static void
print_migration_checks (GPtrArray *checks,
                        CwCliOutput output)
{
  g_autoptr(CwCliTable) table = cw_cli_check_table_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (output == CW_CLI_OUTPUT_JSON)
    {
      json_builder_begin_array (builder);
      for (guint i = 0; i < checks->len; i++)
        cw_cli_json_check (builder, checks->pdata[i]);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      cw_cli_print_json (root);
      return;
    }
  for (guint i = 0; i < checks->len; i++)
    cw_cli_table_add_check (table, checks->pdata[i]);
  cw_cli_table_print (table);
}

static gboolean
has_blocking_check (GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    if (cw_check_get_level (checks->pdata[i]) == CW_CHECK_ERROR)
      return TRUE;
  return FALSE;
}

static GPtrArray *
read_migration_checks (CwClouds  *clouds,
                       CwLink    *link,
                       GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_dataflows_check_migration_async (clouds, link, NULL, cw_cli_store_result, &result);
  return cw_dataflows_check_migration_finish (cw_cli_wait (&result), error);
}

/* `migrate --check`: Causeway's checks only; exit 1 when one stops the migration. */
static int
check_migration (CwClouds    *clouds,
                 CwLink      *link,
                 CwCliOutput  output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = read_migration_checks (clouds, link, &error);

  if (checks == NULL)
    return cw_cli_fail (error);
  print_migration_checks (checks, output);
  return has_blocking_check (checks) ? CW_CLI_EXIT_FAILED : CW_CLI_EXIT_OK;
}

/* The TiDB SQL user of @link's cluster, its password from TIDB_PWD or the keyring. */
static gboolean
resolve_tidb_login (MigrateOptions  *options,
                    CwLink          *link,
                    GError         **error)
{
  g_autoptr(CwSqlUser) cluster = cw_sql_user_new_tidb (cw_link_get (link, CW_LINK_CLUSTER_ID), NULL);

  return check_login_options (&options->tidb_login, "--tidb-user", "--tidb-sql-account", error) &&
         cw_cli_sql_login_resolve (&options->tidb_login, cluster, TIDB_PASSWORD_ENV, "--tidb-user",
                                   "--tidb-sql-account", error);
}

int
cw_cli_migrate (CwCli  *cli,
                int     argc,
                char  **argv)
{
  g_auto(MigrateOptions) options = { 0 };
  g_autofree GOptionEntry *extra = migrate_option_entries (&options);
  int status = CW_CLI_EXIT_OK;
  const char *id = cw_cli_parse_link_command (cli, "migrate", extra, &options.use.cluster_id, &argc, &argv, &status);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkInventory) inventory = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwDataflow) dataflow = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *state = NULL;
  CwTidbMigrationMode mode;
  CwLink *link = NULL;
  CwSqlLogin database_login, tidb_login;

  if (id == NULL)
    return status;
  if (!parse_mode (options.mode, &mode, &error))
    return cw_cli_exit_with (error);
  if (options.check_only)
    {
      inventory = cw_cli_find_link (cli, options.use.cluster_id, id, &clouds, &link, &error);
      return inventory ? check_migration (clouds, link, cli->output) : cw_cli_exit_with (error);
    }
  inventory = open_link (cli, &options.use, id, &clouds, &link, &error);
  if (inventory == NULL || !resolve_tidb_login (&options, link, &error))
    return cw_cli_exit_with (error);
  /* Shown before anything is asked of TiDB Cloud; the migration checks them again and
   * stops at the first error. */
  if (cli->output != CW_CLI_OUTPUT_JSON &&
      (checks = read_migration_checks (clouds, link, &error)) != NULL)
    print_migration_checks (checks, cli->output);
  g_clear_error (&error);
  database_login = sql_login_of (&options.use.login);
  tidb_login = sql_login_of (&options.tidb_login);
  cw_dataflows_migrate_async (clouds, link, &database_login, &tidb_login, mode, (const char * const *) options.rules,
                              NULL, cw_cli_store_result, &result);
  dataflow = cw_dataflows_migrate_finish (cw_cli_wait (&result), &error);
  if (dataflow == NULL)
    return cw_cli_fail (error);
  if (cli->output == CW_CLI_OUTPUT_JSON)
    {
      print_one_json (dataflow);
      return CW_CLI_EXIT_OK;
    }
  state = cw_dataflow_dup_state_label (dataflow);
  g_print (_("Migration %s copies %s into cluster %s through link %s: %s.\n"), cw_dataflow_get_id (dataflow),
           database_name (link), cw_link_get_cluster_label (link), id, state);
  return CW_CLI_EXIT_OK;
}
