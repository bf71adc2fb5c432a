/* cw-cli-export.c: `causeway-cli export --format terraform|aws-cli`, the AWS side of a
 * plan as code */
#define G_LOG_DOMAIN "cw-cli-export"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-link.h"
#include "cw-export.h"

int
cw_cli_export (CwCli  *cli,
               int     argc,
               char  **argv)
{
  CwCliPlanOptions options = { 0 };
  g_autofree char *format = NULL;
  const GOptionEntry format_entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("terraform or aws-cli"), N_("FORMAT") },
    { NULL }
  };
  g_autofree GOptionEntry *entries = cw_cli_plan_option_entries (&options, format_entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkPlan) plan = NULL;
  g_autoptr(CwJournal) spec = NULL;
  g_autofree char *text = NULL;
  int status = CW_CLI_EXIT_OK;
  if (!cw_cli_parse_options (cli, entries, NULL, &argc, &argv, &error))
    status = cw_cli_usage (error->message);
  else if (g_strcmp0 (format, "terraform") != 0 && g_strcmp0 (format, "aws-cli") != 0)
    status = cw_cli_usage (_("“export” needs --format terraform or --format aws-cli"));
  else if ((plan = cw_cli_prepare_plan (cli, "export", &options, argc, &clouds, &error)) == NULL)
    status = cw_cli_exit_with (error);
  else if (!cw_cli_plan_refuse_if_not_ready (plan, &error))
    status = cw_cli_fail (error);
  else
    {
      spec = cw_journal_new_for_plan (plan);
      text = g_str_equal (format, "terraform") ? cw_export_terraform (spec) : cw_export_aws_cli (spec);
      g_print ("%s", text);
    }
  cw_cli_plan_options_clear (&options);
  return status;
}
