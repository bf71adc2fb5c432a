/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-apply.c: `causeway-cli apply`, creating a link — or resuming the interrupted
 * run of the same plan — one line per step change */
#define G_LOG_DOMAIN "cw-cli-apply"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-link.h"
#include "cw-export.h"

static void
print_changes (CwJournal *journal)
{
  g_autoptr(GPtrArray) changes = cw_export_changes (journal);
  const char *added_to = cw_journal_get_spec (journal, CW_SPEC_ADDED_TO);

  if (added_to != NULL)
    g_print (_("%s added to link %s:\n"), cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID), added_to);
  else
    g_print (_("Link %s:\n"), cw_journal_get_link_id (journal));
  for (guint i = 0; i < changes->len; i++)
    {
      CwPlanChange *change = g_ptr_array_index (changes, i);

      g_print ("  %-7s %-24s %s — %s\n", cw_change_action_to_string (change->action), change->kind,
               change->name ? change->name : "", change->detail);
    }
}

/* A new run's journal, once the plan passed every check and the user agreed. */
static CwJournal *
new_run (CwCli             *cli,
         CwClouds          *clouds,
         CwCliPlanOptions  *options,
         gboolean           yes,
         GError           **error)
{
  g_autoptr(CwLinkPlan) plan = cw_cli_load_plan (cli, clouds, options, error);
  g_autoptr(CwJournal) journal = NULL;

  if (plan == NULL || !cw_cli_plan_refuse_if_not_ready (plan, error))
    return NULL;
  journal = cw_journal_new_for_plan (plan);
  print_changes (journal);
  if (!cw_cli_confirm (_("Create the link?"), yes, error))
    return NULL;
  return g_steal_pointer (&journal);
}

/* The journal of the database added to a link (DESIGN.md §4.5), once the plan for it
 * passed its checks and the user agreed. */
static CwJournal *
new_addition (CwCli             *cli,
              CwClouds          *clouds,
              CwLink            *link,
              CwCliPlanOptions  *options,
              gboolean           yes,
              GError           **error)
{
  g_autoptr(CwLinkPlan) plan = cw_cli_load_plan (cli, clouds, options, error);
  g_autoptr(CwJournal) journal = plan ? cw_cli_new_addition (clouds, link, plan, error) : NULL;

  if (journal == NULL || !cw_cli_plan_refuse_if_not_ready (plan, error))
    return NULL;
  print_changes (journal);
  if (!cw_cli_confirm (_("Add the database to the link?"), yes, error))
    return NULL;
  return g_steal_pointer (&journal);
}

static void
report_success (CwJournal *journal)
{
  const char *added_to = cw_journal_get_spec (journal, CW_SPEC_ADDED_TO);

  if (added_to != NULL)
    g_print (_("%s is reachable through link %s on port %u: TiDB Cloud’s dataflows name that port.\n"),
             cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID), added_to,
             cw_journal_get_spec_uint (journal, CW_SPEC_LISTENER_PORT));
  else
    g_print (_("Link %s is active: TiDB Cloud’s private link connection %s reaches %s.\n"),
             cw_journal_get_link_id (journal), cw_journal_get_resource (journal, CW_RES_PRIVATE_LINK_ID),
             cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID));
}

static int
report_failure (CwProvisioner *provisioner,
                GError        *error,
                gboolean       roll_back)
{
  CwJournal *journal = cw_provisioner_get_journal (provisioner);
  g_autoptr(GError) rollback_error = NULL;

  if (!roll_back)
    {
      g_printerr (_("causeway-cli: %s — run “causeway-cli apply” again to resume, or “causeway-cli delete %s” to roll back.\n"),
                  error->message, cw_journal_get_link_id (journal));
      return CW_CLI_EXIT_FAILED;
    }
  g_printerr ("causeway-cli: %s\n", error->message);
  g_print (_("Rolling back what this run created…\n"));
  if (!cw_cli_run_provisioner (provisioner, TRUE, &rollback_error))
    g_printerr (_("causeway-cli: the roll back stopped too: %s\n"), rollback_error->message);
  else
    g_print (_("Rolled back: nothing this run created is left.\n"));
  return CW_CLI_EXIT_FAILED;
}

/* A run of this machine made the link already: a new run would only meet its own names.
 * Returns TRUE with @error set then. */
static gboolean
refuse_if_made (CwCliPlanOptions  *options,
                GError           **error)
{
  g_autoptr(CwJournal) made = cw_journal_find_created (options->cluster_id, options->database_id, error);
  const char *added_to = NULL;

  if (made == NULL)
    return *error != NULL;
  added_to = cw_journal_get_spec (made, CW_SPEC_ADDED_TO);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Link %s already connects %s to cluster %s: an earlier run made it. `causeway-cli links` shows "
                 "it; delete it first to make it again."),
               added_to ? added_to : cw_journal_get_link_id (made), options->database_id, options->cluster_id);
  return TRUE;
}

int
cw_cli_apply (CwCli  *cli,
              int     argc,
              char  **argv)
{
  CwCliPlanOptions options = { 0 };
  gboolean yes = FALSE;
  gboolean roll_back = FALSE;
  g_autofree char *add_to = NULL;
  g_autoptr(CwLink) link = NULL;
  const GOptionEntry own_entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Create without asking"), NULL },
    { "add-to", 0, 0, G_OPTION_ARG_STRING, &add_to,
      N_("Add the database to this link: its load balancer, endpoint service and TiDB Cloud connection serve it "
         "too, on a port of its own"), N_("LINK") },
    { "roll-back", 0, 0, G_OPTION_ARG_NONE, &roll_back,
      N_("If the run fails, delete what it created instead of keeping it to resume"), NULL },
    { NULL }
  };
  g_autofree GOptionEntry *entries = cw_cli_plan_option_entries (&options, own_entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwJournal) journal = NULL;
  g_autoptr(CwProvisioner) provisioner = NULL;
  int status = CW_CLI_EXIT_OK;

  if (!cw_cli_parse_options (cli, entries, NULL, &argc, &argv, &error))
    status = cw_cli_usage (error->message);
  else if (add_to != NULL && options.database_id == NULL)
    status = cw_cli_usage (_("“apply --add-to LINK” needs --database ID"));
  else if ((clouds = cw_cli_open_clouds (cli, TRUE, TRUE, &error)) == NULL ||
           (add_to != NULL && (link = cw_cli_find_link_to_add_to (clouds, add_to, &options, &error)) == NULL) ||
           !cw_cli_plan_options_check (&options, "apply", argc, &error))
    status = cw_cli_exit_with (error);
  else if ((journal = cw_journal_find_resumable (options.cluster_id, options.database_id, &error)) != NULL)
    g_print (_("Resuming link %s, left %s by an earlier run.\n"), cw_journal_get_link_id (journal),
             cw_journal_state_to_string (cw_journal_get_state (journal)));
  else if (error == NULL && refuse_if_made (&options, &error))
    status = cw_cli_exit_with (error);
  else if (error != NULL ||
           (journal = link ? new_addition (cli, clouds, link, &options, yes, &error)
                           : new_run (cli, clouds, &options, yes, &error)) == NULL)
    status = cw_cli_exit_with (error);

  if (journal != NULL)
    {
      provisioner = cw_provisioner_new (clouds, journal);
      cw_cli_follow_steps (provisioner);
      if (!cw_cli_run_provisioner (provisioner, FALSE, &error))
        status = report_failure (provisioner, error, roll_back);
      else
        report_success (journal);
    }
  cw_cli_plan_options_clear (&options);
  return status;
}
