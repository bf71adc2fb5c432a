/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-export.c: `causeway-cli export --format terraform|aws-cli`, the AWS side of a
 * plan as code */
#define G_LOG_DOMAIN "cw-cli-export"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-link.h"
#include "cw-export.h"

static gboolean
check_format (gpointer   data,
              GError   **error)
{
  const char *format = *(char **) data;

  if (g_strcmp0 (format, "terraform") == 0 || g_strcmp0 (format, "aws-cli") == 0)
    return TRUE;
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“export” needs --format terraform or --format aws-cli"));
  return FALSE;
}

static int
print_export (CwCli      *cli,
              CwClouds   *clouds,
              CwLinkPlan *plan,
              gpointer    data)
{
  const char *format = *(char **) data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwJournal) spec = NULL;
  g_autofree char *text = NULL;

  if (!cw_cli_plan_refuse_if_not_ready (plan, &error))
    return cw_cli_fail (error);
  spec = cw_journal_new_for_plan (plan);
  text = g_str_equal (format, "terraform") ? cw_export_terraform (spec) : cw_export_aws_cli (spec);
  g_print ("%s", text);
  return CW_CLI_EXIT_OK;
}

int
cw_cli_export (CwCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("terraform or aws-cli"), N_("FORMAT") },
    { NULL }
  };
  const CwCliPlanCommand command = { "export", entries, check_format, print_export, &format };

  return cw_cli_run_plan_command (cli, argc, argv, &command);
}
