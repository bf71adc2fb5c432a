/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-link.c */
#define G_LOG_DOMAIN "cw-cli-link"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cw-cli-link.h"
#include "cw-engine-error.h"
#include "cw-hosts-resolver.h"
#include "cw-link-addition.h"
#include "cw-link-inventory.h"
#include "cw-plan-loaders.h"

/* ---- clouds ---- */

/* Waits and retries run on the clock of the clouds in use: the sandbox's is faster. */
double
cw_cli_time_scale (void)
{
  const char *text = g_getenv ("CAUSEWAY_TIME_SCALE");
  double scale = text ? g_ascii_strtod (text, NULL) : 0;

  return scale > 0 && scale <= 100 ? scale : 1.0;
}

CwClouds *
cw_cli_open_clouds (CwCli    *cli,
                    gboolean  aws,
                    gboolean  tidb,
                    GError  **error)
{
  g_autoptr(CwCredentialSecret) tidb_secret = NULL;
  g_autoptr(CwAwsCredentialsProvider) provider = NULL;
  g_autoptr(CwTidbClient) client = NULL;
  CwClouds *clouds;

  if (aws && (provider = cw_cli_aws_provider (cli, NULL, error)) == NULL)
    return NULL;
  if (tidb)
    {
      CwCredential *credential = cw_cli_pick_credential (cli, CW_CREDENTIAL_TIDBCLOUD, &tidb_secret, error);

      if (credential == NULL)
        return NULL;
      client = cw_tidb_client_new (cw_credential_get_key_id (credential), tidb_secret->secret, error);
      if (client == NULL)
        return NULL;
    }
  cw_hosts_resolver_install_from_environment ();
  clouds = cw_clouds_new_with_provider (provider, client);
  cw_clouds_set_time_scale (clouds, cw_cli_time_scale ());
  return clouds;
}

/* ---- plans ---- */

/* The plan's options followed by a command's own @extra ones (NULL-terminated). */
GOptionEntry *
cw_cli_plan_option_entries (CwCliPlanOptions   *options,
                            const GOptionEntry *extra)
{
  GOptionEntry entries[] = {
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &options->cluster_id,
      N_("The TiDB Cloud cluster"), N_("ID") },
    { "database", 0, 0, G_OPTION_ARG_STRING, &options->database_id,
      N_("The RDS DB instance or Aurora cluster"), N_("ID") },
    { "database-region", 0, 0, G_OPTION_ARG_STRING, &options->database_region,
      N_("Where the database is (default: the cluster’s region)"), N_("REGION") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &options->display_name,
      N_("The link’s display name (default: the database’s)"), N_("NAME") },
    { "target-group-name", 0, 0, G_OPTION_ARG_STRING, &options->target_group_name,
      N_("The target group’s name"), N_("NAME") },
    { "load-balancer-name", 0, 0, G_OPTION_ARG_STRING, &options->load_balancer_name,
      N_("The load balancer’s name"), N_("NAME") },
    { "subnet", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->subnet_ids,
      N_("A subnet for the load balancer, in place of the chosen ones (repeat for more)"), N_("ID") },
    { "nlb-security-group", 0, 0, G_OPTION_ARG_STRING, &options->nlb_security_group,
      N_("Use this security group for the load balancer instead of creating one"), N_("ID") },
    { "database-security-group", 0, 0, G_OPTION_ARG_STRING, &options->database_security_group,
      N_("The database’s security group that admits the load balancer"), N_("ID") },
    { "no-database-rule", 0, 0, G_OPTION_ARG_NONE, &options->no_database_rule,
      N_("Change no security group of the database"), NULL },
  };
  gsize n_extra = 0;
  GOptionEntry *all;

  while (extra != NULL && extra[n_extra].long_name != NULL)
    n_extra++;
  all = g_new0 (GOptionEntry, G_N_ELEMENTS (entries) + n_extra + 1);
  memcpy (all, entries, sizeof entries);
  if (n_extra > 0)
    memcpy (all + G_N_ELEMENTS (entries), extra, n_extra * sizeof (GOptionEntry));
  return all;
}

void
cw_cli_plan_options_clear (CwCliPlanOptions *options)
{
  g_free (options->cluster_id);
  g_free (options->database_id);
  g_free (options->database_region);
  g_free (options->display_name);
  g_free (options->target_group_name);
  g_free (options->load_balancer_name);
  g_strfreev (options->subnet_ids);
  g_free (options->nlb_security_group);
  g_free (options->database_security_group);
}

gboolean
cw_cli_plan_options_check (CwCliPlanOptions  *options,
                           const char        *command,
                           int                argc,
                           GError           **error)
{
  if (argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("“%s” takes no arguments"), command);
      return FALSE;
    }
  if (options->cluster_id == NULL || options->database_id == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("“%s” needs --cluster ID and --database ID"),
                   command);
      return FALSE;
    }
  return TRUE;
}

static void
choose_subnets (CwLinkPlan         *plan,
                const char * const *subnet_ids)
{
  GListModel *subnets = cw_link_plan_get_subnets (plan);
  guint n = g_list_model_get_n_items (subnets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwSubnetChoice) choice = g_list_model_get_item (subnets, i);

      cw_subnet_choice_set_selected (choice, g_strv_contains (subnet_ids, cw_subnet_choice_get_subnet_id (choice)));
    }
}

static gboolean
subnets_known (CwLinkPlan         *plan,
               const char * const *subnet_ids,
               GError            **error)
{
  GListModel *subnets = cw_link_plan_get_subnets (plan);

  for (guint s = 0; subnet_ids[s] != NULL; s++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (subnets) && !found; i++)
        {
          g_autoptr(CwSubnetChoice) choice = g_list_model_get_item (subnets, i);

          found = g_strcmp0 (cw_subnet_choice_get_subnet_id (choice), subnet_ids[s]) == 0;
        }
      if (!found)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s is not a subnet of the database’s VPC"), subnet_ids[s]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The plan for the options, with every decision the options make applied; its checks
 * say whether it can work. */
CwLinkPlan *
cw_cli_load_plan (CwCli             *cli,
                  CwClouds          *clouds,
                  CwCliPlanOptions  *options,
                  GError           **error)
{
  g_autoptr(CwLinkPlan) plan = cw_link_plan_new ();
  g_autoptr(GAsyncResult) result = NULL;

  cw_link_plan_set_aws_account (plan, cli->aws_account ? cli->aws_account : "environment");
  cw_link_plan_set_tidb_account (plan, cli->tidb_account ? cli->tidb_account : "environment");
  cw_link_plan_load_async (plan, clouds, options->cluster_id, options->database_id, options->database_region,
                           NULL, cw_cli_store_result, &result);
  if (!cw_link_plan_load_finish (plan, cw_cli_wait (&result), error))
    return NULL;
  if (options->display_name != NULL)
    cw_link_plan_set_display_name (plan, options->display_name);
  if (options->target_group_name != NULL)
    cw_link_plan_set_target_group_name (plan, options->target_group_name);
  if (options->load_balancer_name != NULL)
    cw_link_plan_set_load_balancer_name (plan, options->load_balancer_name);
  if (options->subnet_ids != NULL)
    {
      if (!subnets_known (plan, (const char * const *) options->subnet_ids, error))
        return NULL;
      choose_subnets (plan, (const char * const *) options->subnet_ids);
    }
  if (options->nlb_security_group != NULL)
    cw_link_plan_set_nlb_security_group (plan, options->nlb_security_group);
  if (options->database_security_group != NULL)
    cw_link_plan_set_database_security_group (plan, options->database_security_group);
  if (options->no_database_rule)
    cw_link_plan_set_database_security_group (plan, NULL);
  return g_steal_pointer (&plan);
}

/* Parses the plan's options and the command's own, opens both clouds, loads the plan
 * they describe and hands it to the command. */
int
cw_cli_run_plan_command (CwCli                  *cli,
                         int                     argc,
                         char                  **argv,
                         const CwCliPlanCommand *command)
{
  CwCliPlanOptions options = { 0 };
  g_autofree GOptionEntry *entries = cw_cli_plan_option_entries (&options, command->extra);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkPlan) plan = NULL;
  int status;

  if (!cw_cli_parse_options (cli, entries, NULL, &argc, &argv, &error) ||
      !cw_cli_plan_options_check (&options, command->name, argc, &error) ||
      (command->check != NULL && !command->check (command->data, &error)) ||
      (clouds = cw_cli_open_clouds (cli, TRUE, TRUE, &error)) == NULL ||
      (plan = cw_cli_load_plan (cli, clouds, &options, &error)) == NULL)
    status = cw_cli_exit_with (error);
  else
    status = command->run (cli, clouds, plan, command->data);
  cw_cli_plan_options_clear (&options);
  return status;
}

/* Usage errors (bad options, a question that could not be asked) exit with 2. */
int
cw_cli_exit_with (const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    return cw_cli_usage (error->message);
  return cw_cli_fail (error);
}

/* The first error of the plan, with what to change. */
gboolean
cw_cli_plan_refuse_if_not_ready (CwLinkPlan  *plan,
                                 GError     **error)
{
  GListModel *checks = cw_link_plan_get_checks (plan);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(CwCheck) check = g_list_model_get_item (checks, i);

      if (cw_check_get_level (check) != CW_CHECK_ERROR)
        continue;
      if (cw_check_get_fix (check) != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The plan cannot work: %s %s"),
                     cw_check_get_message (check), cw_check_get_fix (check));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The plan cannot work: %s"),
                     cw_check_get_message (check));
      return FALSE;
    }
  return TRUE;
}

/* Asks on a terminal; elsewhere --yes must have been given. A refusal is a usage error
 * (G_OPTION_ERROR) so the command exits with 2. */
gboolean
cw_cli_confirm (const char  *question,
                gboolean     yes,
                GError     **error)
{
  char answer[16] = "";

  if (yes)
    return TRUE;
  if (!isatty (STDIN_FILENO))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("not on a terminal: pass --yes to go ahead without a question"));
      return FALSE;
    }
  g_print ("%s [y/N] ", question);
  if (fgets (answer, sizeof answer, stdin) != NULL && (answer[0] == 'y' || answer[0] == 'Y'))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Nothing was changed."));
  return FALSE;
}

/* ---- progress ---- */

static void
on_step_changed (CwProvisioner *provisioner,
                 CwStep        *step,
                 gpointer       user_data)
{
  gint64 *started = user_data;
  const char *state = cw_step_state_to_string (cw_step_get_state (step));
  const char *message = cw_step_get_message (step) ? cw_step_get_message (step) : "";
  g_autofree char *line = NULL;

  /* A step that has just started says what it does a moment later. */
  if (cw_step_get_state (step) == CW_STEP_PENDING || (cw_step_get_state (step) == CW_STEP_RUNNING && *message == '\0'))
    return;
  line = g_strdup_printf ("%s %s %s", cw_step_get_id (step), state, message);
  /* A step tells each change of its state or message once. */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (step), "cw-cli-printed"), line) == 0)
    return;
  g_object_set_data_full (G_OBJECT (step), "cw-cli-printed", g_strdup (line), g_free);
  if (cw_step_get_attempt (step) > 1)
    g_print ("%7.1fs  %-16s %-9s %s [attempt %u]\n", (g_get_monotonic_time () - *started) / 1e6,
             cw_step_get_id (step), state, message, cw_step_get_attempt (step));
  else
    g_print ("%7.1fs  %-16s %-9s %s\n", (g_get_monotonic_time () - *started) / 1e6,
             cw_step_get_id (step), state, message);
}

static void
free_started (gpointer  data,
              GClosure *closure)
{
  g_free (data);
}

/* Prints one line per change of a step. */
void
cw_cli_follow_steps (CwProvisioner *provisioner)
{
  gint64 *started = g_new (gint64, 1);

  *started = g_get_monotonic_time ();
  g_signal_connect_data (provisioner, "step-changed", G_CALLBACK (on_step_changed), started, free_started, 0);
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_print (_("Interrupted: stopping after what is under way…\n"));
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

/* Creates or deletes, following the steps; Ctrl+C or SIGTERM cancels cleanly, leaving
 * the journal to resume from. */
gboolean
cw_cli_run_provisioner (CwProvisioner  *provisioner,
                        gboolean        deleting,
                        GError        **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  guint sigint = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  guint sigterm = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  gboolean done;

  if (deleting)
    cw_provisioner_delete_async (provisioner, cancellable, cw_cli_store_result, &result);
  else
    cw_provisioner_create_async (provisioner, cancellable, cw_cli_store_result, &result);
  cw_cli_wait (&result);
  done = deleting ? cw_provisioner_delete_finish (provisioner, result, error)
                  : cw_provisioner_create_finish (provisioner, result, error);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  return done;
}

/* ---- JSON ---- */

void
cw_cli_json_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
cw_cli_json_strv (JsonBuilder        *builder,
                  const char         *name,
                  const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values && values[i]; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

void
cw_cli_json_int (JsonBuilder *builder,
                 const char  *name,
                 gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
cw_cli_json_boolean (JsonBuilder *builder,
                     const char  *name,
                     gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
cw_cli_json_check (JsonBuilder *builder,
                   CwCheck     *check)
{
  json_builder_begin_object (builder);
  cw_cli_json_string (builder, "id", cw_check_get_id (check));
  cw_cli_json_string (builder, "level", cw_check_level_to_string (cw_check_get_level (check)));
  cw_cli_json_string (builder, "message", cw_check_get_message (check));
  cw_cli_json_string (builder, "fix", cw_check_get_fix (check));
  json_builder_end_object (builder);
}

CwCliTable *
cw_cli_check_table_new (void)
{
  const char *headers[] = { _("CHECK"), _("LEVEL"), _("MESSAGE"), NULL };

  return cw_cli_table_new (headers);
}

void
cw_cli_table_add_check (CwCliTable *table,
                        CwCheck    *check)
{
  g_autofree char *message = cw_check_dup_sentence (check);
  const char *cells[] = { cw_check_get_id (check), cw_check_level_to_string (cw_check_get_level (check)), message,
                          NULL };

  cw_cli_table_add_row (table, cells);
}

/* ---- a database added to a link ---- */

/* The link @link_id names, to add a database to; its cluster becomes the plan's. */
CwLink *
cw_cli_find_link_to_add_to (CwClouds          *clouds,
                            const char        *link_id,
                            CwCliPlanOptions  *options,
                            GError           **error)
{
  g_autoptr(CwLinkInventory) inventory = cw_cli_load_inventory (clouds, options->cluster_id, error);
  CwLink *link = inventory ? cw_link_inventory_find (inventory, link_id) : NULL;

  if (inventory != NULL && link == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No link “%s”: “causeway-cli links” lists them."), link_id);
  if (link == NULL)
    return NULL;
  if (options->cluster_id == NULL)
    options->cluster_id = g_strdup (cw_link_get (link, CW_LINK_CLUSTER_ID));
  return g_object_ref (link);
}

/* The journal of @plan's database added to @link, nothing created yet. Whether the link
 * can take the database at all is said first: it says more than the plan's checks,
 * which the caller asks after. */
CwJournal *
cw_cli_new_addition (CwClouds    *clouds,
                     CwLink      *link,
                     CwLinkPlan  *plan,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *why = NULL;

  if (cw_link_plan_get_database (plan) != NULL && !cw_link_can_add_database (link, cw_link_plan_get_database (plan), &why))
    {
      g_set_error_literal (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, why);
      return NULL;
    }
  cw_link_addition_new_async (clouds, link, plan, NULL, cw_cli_store_result, &result);
  return cw_link_addition_new_finish (cw_cli_wait (&result), error);
}
