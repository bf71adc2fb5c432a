/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-export.c: `causeway-cli export --format terraform|aws-cli`, the AWS side of a
 * plan as code */
#define G_LOG_DOMAIN "cw-cli-export"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-link.h"
#include "cw-export.h"

typedef struct {
  char *format;
  char *add_to;    /* a link to add the plan's database to, or NULL */
} ExportOptions;

static gboolean
check_format (gpointer   data,
              GError   **error)
{
  const char *format = ((ExportOptions *) data)->format;

  if (g_strcmp0 (format, "terraform") == 0 || g_strcmp0 (format, "aws-cli") == 0)
    return TRUE;
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“export” needs --format terraform or --format aws-cli"));
  return FALSE;
}

/* A new link's journal, or the one of a database added to a link: the link must exist. */
static CwJournal *
spec_to_export (CwClouds       *clouds,
                CwLinkPlan     *plan,
                ExportOptions  *options,
                GError        **error)
{
  CwCliPlanOptions find = { .cluster_id = (char *) cw_tidb_cluster_get_cluster_id (cw_link_plan_get_cluster (plan)) };
  g_autoptr(CwLink) link = NULL;
  g_autoptr(CwJournal) spec = NULL;

  if (options->add_to == NULL)
    return cw_cli_plan_refuse_if_not_ready (plan, error) ? cw_journal_new_for_plan (plan) : NULL;
  link = cw_cli_find_link_to_add_to (clouds, options->add_to, &find, error);
  spec = link ? cw_cli_new_addition (clouds, link, plan, error) : NULL;
  return spec && cw_cli_plan_refuse_if_not_ready (plan, error) ? g_steal_pointer (&spec) : NULL;
}

static int
print_export (CwCli      *cli,
              CwClouds   *clouds,
              CwLinkPlan *plan,
              gpointer    data)
{
  ExportOptions *options = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwJournal) spec = spec_to_export (clouds, plan, options, &error);
  g_autofree char *text = NULL;

  if (spec == NULL)
    return cw_cli_fail (error);
  text = g_str_equal (options->format, "terraform") ? cw_export_terraform (spec) : cw_export_aws_cli (spec);
  g_print ("%s", text);
  return CW_CLI_EXIT_OK;
}

int
cw_cli_export (CwCli  *cli,
               int     argc,
               char  **argv)
{
  ExportOptions options = { 0 };
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format, N_("terraform or aws-cli"), N_("FORMAT") },
    { "add-to", 0, 0, G_OPTION_ARG_STRING, &options.add_to,
      N_("Export the database as added to this link, not as a new link"), N_("LINK") },
    { NULL }
  };
  const CwCliPlanCommand command = { "export", entries, check_format, print_export, &options };
  int status = cw_cli_run_plan_command (cli, argc, argv, &command);

  g_free (options.format);
  g_free (options.add_to);
  return status;
}
