/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-iam-policy.c: `causeway-cli iam-policy`, the IAM policy a plan needs */
#define G_LOG_DOMAIN "cw-cli-iam-policy"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-link.h"
#include "cw-iam-policy.h"

static int
print_policy (CwCli      *cli,
              CwClouds   *clouds,
              CwLinkPlan *plan,
              gpointer    data)
{
  g_autoptr(JsonNode) policy = cw_iam_policy_for_plan (plan);

  cw_cli_print_json (policy);
  return CW_CLI_EXIT_OK;
}

int
cw_cli_iam_policy (CwCli  *cli,
                   int     argc,
                   char  **argv)
{
  const CwCliPlanCommand command = { "iam-policy", NULL, NULL, print_policy, NULL };

  return cw_cli_run_plan_command (cli, argc, argv, &command);
}
