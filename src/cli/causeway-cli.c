/* SPDX-License-Identifier: GPL-3.0-or-later */
/* causeway-cli.c: the command-line face of the engine (DESIGN.md §8) */
#define G_LOG_DOMAIN "causeway-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cw-cli.h"
#include "cw-memory.h"

static const CwCliCommand commands[] = {
  { "accounts", N_("List the saved and environment credentials"), cw_cli_accounts },
  { "whoami", N_("Show the AWS account and identity of the credentials"), cw_cli_whoami },
  { "login", N_("Sign in with IAM Identity Center for an AWS CLI profile"), cw_cli_login },
  { "logout", N_("End the IAM Identity Center sign-in of an AWS CLI profile"), cw_cli_logout },
  { "clusters", N_("List the TiDB Cloud clusters the API key can see"), cw_cli_clusters },
  { "databases", N_("List the RDS databases of a region, with their zone IDs"), cw_cli_databases },
  { "plan", N_("Check a link between a cluster and a database, and show what it creates"), cw_cli_plan },
  { "iam-policy", N_("Print the IAM policy a link needs"), cw_cli_iam_policy },
  { "export", N_("Print the AWS side of a link as Terraform or an AWS CLI script"), cw_cli_export },
  { "apply", N_("Create a link, or resume the interrupted run of the same one"), cw_cli_apply },
  { "links", N_("List the private links of the clusters, with their status"), cw_cli_links },
  { "resync", N_("Point a link’s target at its database’s current address"), cw_cli_resync },
  { "accept", N_("Accept the pending connection of a link’s TiDB Cloud endpoint"), cw_cli_accept },
  { "delete", N_("Delete a link and what Causeway created for it, or roll back a failed run"), cw_cli_delete },
  { "remove-database", N_("Remove a database added to a link, leaving the link and its other databases"),
    cw_cli_remove_database },
  { "test", N_("Have TiDB Cloud sign in to a link’s database through the link"), cw_cli_test },
  { "replicate", N_("Replicate a cluster into a link’s database with a changefeed"), cw_cli_replicate },
  { "migrate", N_("Migrate a link’s database into its cluster, after checking it is ready"), cw_cli_migrate },
  { "dataflows", N_("List the clusters’ changefeeds and migrations, with the links they use"), cw_cli_dataflows },
  { "dataflow", N_("Pause, resume or delete a changefeed or a migration"), cw_cli_dataflow },
  { "watch", N_("Watch the links, report what changes and, if asked, re-sync moved targets"), cw_cli_watch },
};

static void
print_help (void)
{
  g_print (_("Usage: causeway-cli [OPTION…] COMMAND [ARGUMENT…]\n\n"));
  g_print (_("Connect TiDB Cloud to Amazon RDS through AWS PrivateLink.\n\n"));
  g_print (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_print (_("\nCommon options, before or after the command:\n"
             "  --aws-account LABEL    use a saved AWS credential\n"
             "  --profile NAME         use a profile of the AWS CLI (default: AWS_PROFILE, the environment’s\n"
             "                         keys, then the default profile)\n"
             "  --tidb-account LABEL   use a saved TiDB Cloud API key (default: the environment)\n"
             "  --output table|json    output format\n\n"
             "“causeway-cli COMMAND --help” describes a command.\n"));
  g_print ("  %-22s %s\n", "--sandbox", _(cw_cli_sandbox_help));
}

static const CwCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

/* Leaves argv[first] .. as the command's own argument vector, with the command name as
 * argv[0] so GOptionContext parses it like a program. */
static int
first_command_index (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (argv[i][0] != '-')
        return i;
      /* Options that take a separate value swallow it. */
      if (g_str_equal (argv[i], "--aws-account") || g_str_equal (argv[i], "--tidb-account") ||
          g_str_equal (argv[i], "--output") || g_str_equal (argv[i], "-o"))
        i++;
    }
  return -1;
}

int
main (int argc, char **argv)
{
  CwCli cli = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const CwCliCommand *command;
  int index;
  int status;

  cw_memory_limit_arenas ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  index = first_command_index (argc, argv);
  if (index < 0)
    {
      for (int i = 1; i < argc; i++)
        if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
          {
            print_help ();
            return CW_CLI_EXIT_OK;
          }
      print_help ();
      return CW_CLI_EXIT_USAGE;
    }
  command = find_command (argv[index]);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[index]);
      return cw_cli_usage (message);
    }

  /* The command sees: its name, the common options given before it, then the rest. */
  g_ptr_array_add (args, argv[index]);
  for (int i = 1; i < argc; i++)
    if (i != index)
      g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  status = command->run (&cli, (int) args->len - 1, (char **) args->pdata);
  cw_cli_clear (&cli);
  return status;
}
