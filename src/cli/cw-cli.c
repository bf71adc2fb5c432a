/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli.c */
#define G_LOG_DOMAIN "cw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cw-aws-profile.h"
#include "cw-cli-mfa-prompter.h"
#include "cw-cli.h"
#include "cw-engine-error.h"

const char cw_cli_sandbox_help[] = N_("Use a simulated AWS and TiDB Cloud in this process (nothing real is touched)");

/* Runs the default main context until an asynchronous call has stored its result. */
GAsyncResult *
cw_cli_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

void
cw_cli_store_result (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* The IAM Identity Center profile the command's credentials come from, if any: what a
 * missing or expired sign-in tells the person to log in with. One command runs per
 * process, so one name is enough. */
static char *sign_in_profile;

int
cw_cli_fail (const GError *error)
{
  if (sign_in_profile != NULL && g_error_matches (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED))
    g_printerr (_("causeway-cli: The IAM Identity Center sign-in for profile %s has expired or was never made: "
                  "run causeway-cli login --profile %s\n"),
                sign_in_profile, sign_in_profile);
  else
    g_printerr ("causeway-cli: %s\n", error->message);
  return CW_CLI_EXIT_FAILED;
}

int
cw_cli_usage (const char *message)
{
  g_printerr ("causeway-cli: %s\n", message);
  g_printerr (_("Run “causeway-cli --help” to see the commands.\n"));
  return CW_CLI_EXIT_USAGE;
}

static gboolean
parse_output (const char  *option_name,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  CwCli *cli = data;

  if (g_strcmp0 (value, "json") == 0)
    cli->output = CW_CLI_OUTPUT_JSON;
  else if (g_strcmp0 (value, "table") == 0)
    cli->output = CW_CLI_OUTPUT_TABLE;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--output takes “json” or “table”, not “%s”"), value);
      return FALSE;
    }
  return TRUE;
}

/* Parses a command's own options together with the common ones, which may be given
 * before or after the command name. */
gboolean
cw_cli_parse_options (CwCli          *cli,
                      GOptionEntry   *entries,
                      const char     *parameters,
                      int            *argc,
                      char         ***argv,
                      GError        **error)
{
  GOptionEntry common[] = {
    { "aws-account", 0, 0, G_OPTION_ARG_STRING, &cli->aws_account,
      N_("Use the saved AWS credential with this label"), N_("LABEL") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &cli->profile,
      N_("Use this profile of the AWS CLI’s configuration (default: AWS_PROFILE)"), N_("NAME") },
    { "tidb-account", 0, 0, G_OPTION_ARG_STRING, &cli->tidb_account,
      N_("Use the saved TiDB Cloud API key with this label"), N_("LABEL") },
    { "output", 'o', 0, G_OPTION_ARG_CALLBACK, parse_output,
      N_("Output format: table or json"), N_("FORMAT") },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &cli->sandbox, cw_cli_sandbox_help, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  GOptionGroup *group = g_option_group_new ("common", NULL, NULL, cli, NULL);

  g_option_group_add_entries (group, common);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

/* --sandbox: the clouds are simulated in this process, on the clock CAUSEWAY_TIME_SCALE
 * gives (the engine's waits follow the same variable), and reached through the
 * endpoint variables and the sandbox's DNS. */
static gboolean
start_sandbox (CwCli   *cli,
               GError **error)
{
  const char *time_scale = g_getenv ("CAUSEWAY_TIME_SCALE");
  CwSandboxOptions options;

  cw_sandbox_options_init (&options);
  if (time_scale != NULL && !cw_sandbox_options_parse_time_scale (time_scale, &options.time_scale, error))
    return FALSE;
  cli->running_sandbox = cw_sandbox_new (&options);
  if (!cw_sandbox_start (cli->running_sandbox, error))
    {
      g_clear_object (&cli->running_sandbox);
      return FALSE;
    }
  cw_sandbox_take_over_process (cli->running_sandbox);
  return TRUE;
}

/* With --sandbox, the store holds the sandbox's credentials, in memory, and nothing
 * else: real credentials from the environment must not meet simulated endpoints. */
gboolean
cw_cli_load_credentials (CwCli   *cli,
                         GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (cli->store != NULL)
    return TRUE;
  if (cli->sandbox)
    {
      if (!start_sandbox (cli, error))
        return FALSE;
      cli->store = cw_credential_store_new ();
      cw_sandbox_add_credentials (cli->running_sandbox, cli->store);
      return TRUE;
    }
  cli->store = cw_credential_store_new ();
  cw_credential_store_add_from_environment (cli->store);
  /* Without a label the environment is enough: no keyring is needed at all. */
  if (cli->aws_account == NULL && cli->tidb_account == NULL)
    return TRUE;
  cw_credential_store_load_async (cli->store, NULL, cw_cli_store_result, &result);
  return cw_credential_store_load_finish (cli->store, cw_cli_wait (&result), error);
}

static CwCredential *
environment_credential (CwCli            *cli,
                        CwCredentialKind  kind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (cli->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwCredential) credential = g_list_model_get_item (G_LIST_MODEL (cli->store), i);

      if (cw_credential_get_kind (credential) == kind && cw_credential_get_from_environment (credential))
        return credential;
    }
  return NULL;
}

/* The credential a command uses: the labelled one, else the sandbox's with --sandbox,
 * else the one from the environment. */
CwCredential *
cw_cli_pick_credential (CwCli               *cli,
                        CwCredentialKind     kind,
                        CwCredentialSecret **secret,
                        GError             **error)
{
  const char *label = kind == CW_CREDENTIAL_AWS ? cli->aws_account : cli->tidb_account;
  g_autoptr(GAsyncResult) result = NULL;
  CwCredential *credential;

  if (label == NULL && cli->sandbox)
    label = CW_SANDBOX_CREDENTIAL_LABEL;
  if (!cw_cli_load_credentials (cli, error))
    return NULL;
  credential = label ? cw_credential_store_find (cli->store, kind, label)
                     : environment_credential (cli, kind);
  if (credential == NULL && label != NULL)
    {
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                   kind == CW_CREDENTIAL_AWS
                     ? _("No saved AWS credential is labelled “%s”. “causeway-cli accounts” lists them.")
                     : _("No saved TiDB Cloud API key is labelled “%s”. “causeway-cli accounts” lists them."),
                   label);
      return NULL;
    }
  if (credential == NULL)
    {
      g_set_error_literal (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                           kind == CW_CREDENTIAL_AWS
                             ? _("No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --aws-account LABEL.")
                             : _("No TiDB Cloud API key: set TIDBCLOUD_PUBLIC_KEY and TIDBCLOUD_PRIVATE_KEY, or pass --tidb-account LABEL."));
      return NULL;
    }
  cw_credential_store_lookup_secret_async (cli->store, credential, NULL, cw_cli_store_result, &result);
  *secret = cw_credential_store_lookup_secret_finish (cli->store, cw_cli_wait (&result), error);
  return *secret ? credential : NULL;
}

/* The profile --profile or AWS_PROFILE names, or NULL. */
const char *
cw_cli_profile_name (CwCli *cli)
{
  const char *profile = cli->profile ? cli->profile : g_getenv ("AWS_PROFILE");

  return (profile != NULL && *profile != '\0') ? profile : NULL;
}

/* The profile @name, resolved through its sources; NULL: --profile, else AWS_PROFILE,
 * else "default". */
CwAwsProfile *
cw_cli_resolve_profile (CwCli       *cli,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (name == NULL)
    name = cw_cli_profile_name (cli);
  cw_aws_profile_resolve_async (name ? name : "default", NULL, cw_cli_store_result, &result);
  return cw_aws_profile_resolve_finish (cw_cli_wait (&result), error);
}

/* The IAM Identity Center profile a profile's credentials start from: itself, or the
 * first source of its role chain that signs in. */
const CwAwsProfile *
cw_cli_find_sign_in (const CwAwsProfile *profile)
{
  for (; profile != NULL; profile = profile->source)
    if (profile->kind == CW_AWS_PROFILE_SSO)
      return profile;
  return NULL;
}

static CwAwsCredentialsProvider *
provider_for_profile (CwCli        *cli,
                      CwAwsProfile *profile,
                      char        **region)
{
  g_autoptr(CwMfaPrompter) prompter = cw_cli_mfa_prompter_new ();

  if (cw_cli_find_sign_in (profile) != NULL)
    {
      g_free (sign_in_profile);
      sign_in_profile = g_strdup (profile->name);
    }
  if (region != NULL)
    *region = g_strdup (profile->region);
  return cw_aws_profile_new_provider (profile, prompter);
}

/* A saved credential (keys, an IAM Identity Center role or a profile) through the
 * engine's one way to a provider, as the application uses it. */
static CwAwsCredentialsProvider *
provider_for_credential (CwCli         *cli,
                         CwCredential  *credential,
                         char         **region,
                         GError       **error)
{
  g_autoptr(CwMfaPrompter) prompter = cw_cli_mfa_prompter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  const char *credential_region = cw_credential_get_region (credential);

  if (region != NULL)
    *region = (credential_region && *credential_region) ? g_strdup (credential_region) : NULL;
  cw_credential_store_new_aws_provider_async (cli->store, credential, prompter, NULL, cw_cli_store_result, &result);
  return cw_credential_store_new_aws_provider_finish (cli->store, cw_cli_wait (&result), error);
}

/* Where a command's AWS credentials come from, as the AWS SDKs look for them: the saved
 * credential --aws-account names (or the sandbox's), then the profile of --profile or
 * AWS_PROFILE, then the environment's keys, then the default profile. @region, when
 * given, is set to the region that source names, or NULL. */
CwAwsCredentialsProvider *
cw_cli_aws_provider (CwCli   *cli,
                     char   **region,
                     GError **error)
{
  g_autoptr(CwCredentialSecret) secret = NULL;
  g_autoptr(CwAwsProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;
  CwCredential *credential;

  if (region != NULL)
    *region = NULL;
  if (cli->aws_account == NULL && !cli->sandbox && cw_cli_profile_name (cli) != NULL)
    {
      profile = cw_cli_resolve_profile (cli, NULL, error);
      return profile ? provider_for_profile (cli, profile, region) : NULL;
    }
  credential = cw_cli_pick_credential (cli, CW_CREDENTIAL_AWS, &secret, &local_error);
  if (credential != NULL)
    return provider_for_credential (cli, credential, region, error);
  if (cli->aws_account != NULL || cli->sandbox ||
      !g_error_matches (local_error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_error (&local_error);
  profile = cw_cli_resolve_profile (cli, "default", &local_error);
  if (profile == NULL && !g_error_matches (local_error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (profile == NULL)
    {
      g_set_error_literal (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                           _("No AWS credentials: pass --profile NAME, or --aws-account LABEL, or set "
                             "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."));
      return NULL;
    }
  return provider_for_profile (cli, profile, region);
}

/* Frees what the common options and the credentials took, and stops the sandbox. */
void
cw_cli_clear (CwCli *cli)
{
  g_clear_object (&cli->store);
  g_clear_object (&cli->running_sandbox);
  g_clear_pointer (&cli->aws_account, g_free);
  g_clear_pointer (&cli->tidb_account, g_free);
  g_clear_pointer (&cli->profile, g_free);
  g_clear_pointer (&sign_in_profile, g_free);
}

void
cw_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}
