/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-profile-provider.c: cw_aws_profile_new_provider, the providers of a resolved
 * profile chained as its sources are
 *
 * Apart from cw-aws-profile.c, which reads files only, so that the fuzz harness can
 * build the resolver without the clients the providers use.
 */
#define G_LOG_DOMAIN "cw-aws-profile"

#include "config.h"

#include "cw-assume-role-provider.h"
#include "cw-aws-profile.h"
#include "cw-process-credentials-provider.h"
#include "cw-sso-role-provider.h"
#include "cw-static-credentials-provider.h"

/* IAM Identity Center's provider is the sso-sign-in work's; this is its one caller here. */
static CwAwsCredentialsProvider *
new_sso_provider (const CwAwsProfile *self)
{
  return cw_sso_role_provider_new (self->sso_session, self->sso_start_url, self->sso_region,
                                   self->sso_account_id, self->sso_role_name);
}

/* A role's source: the source profile's provider, or the environment's keys
 * (credential_source = Environment). */
static CwAwsCredentialsProvider *
new_role_provider (const CwAwsProfile *self,
                   CwMfaPrompter      *prompter)
{
  g_autoptr(CwAwsCredentialsProvider) source = self->source
    ? cw_aws_profile_new_provider (self->source, prompter)
    : cw_static_credentials_provider_new_from_environment ();

  return cw_assume_role_provider_new (self, source, prompter);
}

CwAwsCredentialsProvider *
cw_aws_profile_new_provider (const CwAwsProfile *self,
                             CwMfaPrompter      *prompter)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (prompter == NULL || CW_IS_MFA_PROMPTER (prompter), NULL);
  switch (self->kind)
    {
    case CW_AWS_PROFILE_STATIC:
      return cw_static_credentials_provider_new_from_profile (self->name);
    case CW_AWS_PROFILE_SSO:
      return new_sso_provider (self);
    case CW_AWS_PROFILE_ASSUME_ROLE:
      return new_role_provider (self, prompter);
    case CW_AWS_PROFILE_PROCESS:
      return cw_process_credentials_provider_new (self->name, self->credential_process);
    default:
      g_return_val_if_reached (NULL);
    }
}
