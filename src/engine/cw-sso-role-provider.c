/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-role-provider.c: PLACEHOLDER until the sso-sign-in branch lands.
 *
 * The real CwSsoRoleProvider (GetRoleCredentials with the session's token) is written on
 * the sso-sign-in branch. This stand-in exists only so that the aws-profiles branch links
 * cw_aws_profile_new_provider into its tests; every fetch fails with
 * CW_ENGINE_ERROR_SIGN_IN_REQUIRED. The integrator drops this commit (and its line in
 * src/engine/meson.build) in favour of the real file.
 */
#define G_LOG_DOMAIN "cw-sso-role-provider"

#include "config.h"

#include "cw-engine-error.h"
#include "cw-sso-role-provider.h"

struct _CwSsoRoleProvider
{
  CwAwsCredentialsProvider parent_instance;
};

G_DEFINE_FINAL_TYPE (CwSsoRoleProvider, cw_sso_role_provider, CW_TYPE_AWS_CREDENTIALS_PROVIDER)

static void
cw_sso_role_provider_fetch_async (CwAwsCredentialsProvider *provider,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_task_report_new_error (provider, callback, user_data, cw_sso_role_provider_fetch_async, CW_ENGINE_ERROR,
                           CW_ENGINE_ERROR_SIGN_IN_REQUIRED, "IAM Identity Center is not available in this build");
}

static CwAwsCredentials *
cw_sso_role_provider_fetch_finish (CwAwsCredentialsProvider  *provider,
                                   GAsyncResult              *result,
                                   gint64                    *expiration,
                                   GError                   **error)
{
  *expiration = 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cw_sso_role_provider_class_init (CwSsoRoleProviderClass *klass)
{
  CW_AWS_CREDENTIALS_PROVIDER_CLASS (klass)->fetch_async = cw_sso_role_provider_fetch_async;
  CW_AWS_CREDENTIALS_PROVIDER_CLASS (klass)->fetch_finish = cw_sso_role_provider_fetch_finish;
}

static void
cw_sso_role_provider_init (CwSsoRoleProvider *self)
{
}

CwAwsCredentialsProvider *
cw_sso_role_provider_new (const char *session_key,
                          const char *start_url,
                          const char *region,
                          const char *account_id,
                          const char *role_name)
{
  return g_object_new (CW_TYPE_SSO_ROLE_PROVIDER, NULL);
}
