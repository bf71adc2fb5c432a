/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-whoami.c: `causeway-cli whoami` — who AWS thinks the credentials are
 *
 * Calls STS GetCallerIdentity and prints what the AWS CLI's `aws sts
 * get-caller-identity` prints, so scripts can use either: for a role profile, the
 * assumed role's ARN.
 */
#define G_LOG_DOMAIN "cw-cli-whoami"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli.h"
#include "cw-sts.h"

/* Where the AWS CLI sends STS calls when no region is configured. */
#define DEFAULT_REGION "us-east-1"

static JsonNode *
identity_to_json (CwStsCallerIdentity *identity)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "UserId");
  json_builder_add_string_value (builder, identity->user_id);
  json_builder_set_member_name (builder, "Account");
  json_builder_add_string_value (builder, identity->account);
  json_builder_set_member_name (builder, "Arn");
  json_builder_add_string_value (builder, identity->arn);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
cw_cli_whoami (CwCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsCredentialsProvider) provider = NULL;
  g_autoptr(CwAwsConfig) config = NULL;
  g_autoptr(CwAwsClient) client = NULL;
  g_autofree char *region = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!cw_cli_parse_options (cli, NULL, NULL, &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc > 1)
    return cw_cli_usage (_("“whoami” takes no arguments"));
  provider = cw_cli_aws_provider (cli, &region, &error);
  if (provider == NULL)
    return cw_cli_fail (error);

  config = cw_aws_config_new_with_provider (region ? region : DEFAULT_REGION, provider);
  client = cw_aws_client_new (config);
  cw_sts_get_caller_identity_async (client, CW_AWS_CALL_DEFAULT, NULL, cw_cli_store_result, &result);
  identity = cw_sts_get_caller_identity_finish (client, cw_cli_wait (&result), &error);
  if (identity == NULL)
    return cw_cli_fail (error);
  node = identity_to_json (identity);
  cw_cli_print_json (node);
  return CW_CLI_EXIT_OK;
}
