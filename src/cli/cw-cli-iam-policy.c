/* cw-cli-iam-policy.c: `causeway-cli iam-policy`, the IAM policy a plan needs */
#define G_LOG_DOMAIN "cw-cli-iam-policy"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-link.h"
#include "cw-iam-policy.h"

int
cw_cli_iam_policy (CwCli  *cli,
                   int     argc,
                   char  **argv)
{
  CwCliPlanOptions options = { 0 };
  g_autofree GOptionEntry *entries = cw_cli_plan_option_entries (&options, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkPlan) plan = NULL;
  g_autoptr(JsonNode) policy = NULL;
  int status = CW_CLI_EXIT_OK;

  if (!cw_cli_parse_options (cli, entries, NULL, &argc, &argv, &error))
    status = cw_cli_usage (error->message);
  else if ((plan = cw_cli_prepare_plan (cli, "iam-policy", &options, argc, &clouds, &error)) == NULL)
    status = cw_cli_exit_with (error);
  else
    {
      policy = cw_iam_policy_for_plan (plan);
      cw_cli_print_json (policy);
    }
  cw_cli_plan_options_clear (&options);
  return status;
}
