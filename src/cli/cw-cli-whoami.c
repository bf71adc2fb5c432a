/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-whoami.c: `causeway-cli whoami` — who AWS thinks the credentials are
 *
 * Calls STS GetCallerIdentity and prints what the AWS CLI's `aws sts
 * get-caller-identity` prints, so scripts can use either.
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

static CwAwsClient *
client_for (CwCredential             *credential,
            const CwCredentialSecret *secret)
{
  const char *region = cw_credential_get_region (credential);
  g_autoptr(CwAwsCredentials) credentials = cw_aws_credentials_new (cw_credential_get_key_id (credential),
                                                                    secret->secret, secret->session_token);
  g_autoptr(CwAwsConfig) config = cw_aws_config_new ((region != NULL && *region != '\0') ? region : DEFAULT_REGION,
                                                     credentials);

  return cw_aws_client_new (config);
}

int
cw_cli_whoami (CwCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCredentialSecret) secret = NULL;
  g_autoptr(CwAwsClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;
  g_autoptr(JsonNode) node = NULL;
  CwCredential *credential;

  if (!cw_cli_parse_options (cli, NULL, NULL, &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc > 1)
    return cw_cli_usage (_("“whoami” takes no arguments"));
  credential = cw_cli_pick_credential (cli, CW_CREDENTIAL_AWS, &secret, &error);
  if (credential == NULL)
    return cw_cli_fail (error);

  client = client_for (credential, secret);
  cw_sts_get_caller_identity_async (client, CW_AWS_CALL_DEFAULT, NULL, cw_cli_store_result, &result);
  identity = cw_sts_get_caller_identity_finish (client, cw_cli_wait (&result), &error);
  if (identity == NULL)
    return cw_cli_fail (error);
  node = identity_to_json (identity);
  cw_cli_print_json (node);
  return CW_CLI_EXIT_OK;
}
