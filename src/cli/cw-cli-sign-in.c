/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-sign-in.c: `causeway-cli login` and `logout` — IAM Identity Center on a terminal
 *
 * The AWS CLI's `aws sso login`: the page to approve the sign-in on is printed on a line
 * of its own (people on a remote shell copy it to their own browser) and opened in the
 * browser unless --no-browser; the device code serves where the browser cannot reach
 * back to this machine. Ctrl+C cancels the wait.
 */
#define G_LOG_DOMAIN "cw-cli-sign-in"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "cw-cli.h"
#include "cw-engine-error.h"
#include "cw-sso-session.h"

typedef struct {
  gboolean use_device_code;
  gboolean no_browser;
} LoginOptions;

static void
on_device_code (CwSsoSignIn *sign_in,
                const char  *user_code,
                const char  *verification_uri,
                gpointer     user_data)
{
  g_print (_("Open %s and enter the code %s\n"), verification_uri, user_code);
}

static void
on_open_uri (CwSsoSignIn  *sign_in,
             const char   *uri,
             LoginOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_print (_("Approve the sign-in in your browser. If it does not open, open this page:\n"));
  g_print ("%s\n", uri);
  if (!options->no_browser && !g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_printerr (_("causeway-cli: No browser could be opened (%s): open the page above.\n"), error->message);
}

static gboolean
cancel_on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

/* The IAM Identity Center profile to sign in for: the one named, or the source its role
 * chain starts from. */
static const CwAwsProfile *
sign_in_profile_of (const CwAwsProfile  *profile,
                    GError             **error)
{
  const CwAwsProfile *sign_in = cw_cli_find_sign_in (profile);

  if (sign_in == NULL)
    g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                 _("Profile %s (%s) does not sign in with IAM Identity Center: it needs no login."),
                 profile->name, profile->file);
  return sign_in;
}

int
cw_cli_login (CwCli  *cli,
              int     argc,
              char  **argv)
{
  LoginOptions options = { 0 };
  GOptionEntry entries[] = {
    { "use-device-code", 0, 0, G_OPTION_ARG_NONE, &options.use_device_code,
      N_("Sign in with a code typed on a page, for when the browser cannot reach this machine"), NULL },
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &options.no_browser,
      N_("Print the page to open instead of opening the browser"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsProfile) profile = NULL;
  g_autoptr(CwSsoSignIn) sign_in = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwSsoToken) token = NULL;
  const CwAwsProfile *sso;
  guint interrupt;

  if (!cw_cli_parse_options (cli, entries, NULL, &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc > 1)
    return cw_cli_usage (_("“login” takes no arguments: name the profile with --profile"));
  if ((profile = cw_cli_resolve_profile (cli, NULL, &error)) == NULL ||
      (sso = sign_in_profile_of (profile, &error)) == NULL)
    return cw_cli_fail (error);

  sign_in = cw_sso_sign_in_new (sso->sso_session, sso->sso_start_url, sso->sso_region,
                                (const char * const *) sso->sso_scopes);
  cw_sso_sign_in_set_time_scale (sign_in, cw_cli_time_scale ());
  g_signal_connect (sign_in, "device-code", G_CALLBACK (on_device_code), NULL);
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (on_open_uri), &options);
  interrupt = g_unix_signal_add (SIGINT, cancel_on_interrupt, cancellable);
  cw_sso_sign_in_run_async (sign_in, options.use_device_code ? CW_SSO_FLOW_DEVICE_CODE : CW_SSO_FLOW_BROWSER,
                            cancellable, cw_cli_store_result, &result);
  token = cw_sso_sign_in_run_finish (sign_in, cw_cli_wait (&result), &error);
  g_source_remove (interrupt);
  if (token == NULL)
    return cw_cli_fail (error);
  if (sso->sso_account_id != NULL)
    g_print (_("Signed in: profile %s is role %s in account %s.\n"), profile->name, sso->sso_role_name,
             sso->sso_account_id);
  else
    g_print (_("Signed in to %s for profile %s.\n"), sso->sso_start_url, profile->name);
  return CW_CLI_EXIT_OK;
}

int
cw_cli_logout (CwCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsProfile) profile = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const CwAwsProfile *sso;

  if (!cw_cli_parse_options (cli, NULL, NULL, &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc > 1)
    return cw_cli_usage (_("“logout” takes no arguments: name the profile with --profile"));
  if ((profile = cw_cli_resolve_profile (cli, NULL, &error)) == NULL ||
      (sso = sign_in_profile_of (profile, &error)) == NULL)
    return cw_cli_fail (error);
  cw_sso_session_sign_out_async (sso->sso_session, NULL, cw_cli_store_result, &result);
  if (!cw_sso_session_sign_out_finish (cw_cli_wait (&result), &error))
    return cw_cli_fail (error);
  g_print (_("Signed out of %s: profile %s signs in again with causeway-cli login.\n"), sso->sso_start_url,
           profile->name);
  return CW_CLI_EXIT_OK;
}
