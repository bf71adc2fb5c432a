/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-credential-sources.c: where saved AWS credentials meet the AWS CLI's profiles and
 * the providers that renew what they give
 *
 * Apart from cw-credential-store.c, which keeps the keyring's items: a saved credential
 * as a provider (keys, an IAM Identity Center role, a profile), and a profile of the
 * AWS CLI as the credential the import saves.
 */
#define G_LOG_DOMAIN "cw-credential-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-profile.h"
#include "cw-credential-store.h"
#include "cw-engine-error.h"
#include "cw-sso-role-provider.h"
#include "cw-static-credentials-provider.h"

static void
keys_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwCredential *credential = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CwCredentialSecret) secret =
    cw_credential_store_lookup_secret_finish (CW_CREDENTIAL_STORE (source), result, &error);
  g_autoptr(CwAwsCredentials) keys = NULL;

  if (secret == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  keys = cw_aws_credentials_new (cw_credential_get_key_id (credential), secret->secret, secret->session_token);
  g_task_return_pointer (task, cw_static_credentials_provider_new (keys), g_object_unref);
}

static void
profile_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwMfaPrompter *prompter = g_object_get_data (G_OBJECT (task), "cw-prompter");
  GError *error = NULL;
  g_autoptr(CwAwsProfile) profile = cw_aws_profile_resolve_finish (result, &error);

  if (profile == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, cw_aws_profile_new_provider (profile, prompter), g_object_unref);
}

void
cw_credential_store_new_aws_provider_async (CwCredentialStore   *self,
                                            CwCredential        *credential,
                                            CwMfaPrompter       *prompter,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (CW_IS_CREDENTIAL (credential));
  g_return_if_fail (prompter == NULL || CW_IS_MFA_PROMPTER (prompter));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_credential_store_new_aws_provider_async);
  g_task_set_task_data (task, g_object_ref (credential), g_object_unref);
  if (prompter != NULL)
    g_object_set_data_full (G_OBJECT (task), "cw-prompter", g_object_ref (prompter), g_object_unref);
  if (cw_credential_get_kind (credential) != CW_CREDENTIAL_AWS)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("“%s” is no AWS credential."), cw_credential_get_label (credential));
      return;
    }
  switch (cw_credential_get_aws_source (credential))
    {
    case CW_AWS_SOURCE_SSO:
      g_task_return_pointer (task,
                             cw_sso_role_provider_new (cw_credential_get_sso_session (credential),
                                                       cw_credential_get_sso_start_url (credential),
                                                       cw_credential_get_sso_region (credential),
                                                       cw_credential_get_account_id (credential),
                                                       cw_credential_get_role_name (credential)),
                             g_object_unref);
      break;
    case CW_AWS_SOURCE_PROFILE:
      cw_aws_profile_resolve_async (cw_credential_get_profile (credential), cancellable, profile_done,
                                    g_steal_pointer (&task));
      break;
    case CW_AWS_SOURCE_KEYS:
    default:
      cw_credential_store_lookup_secret_async (self, credential, cancellable, keys_done, g_steal_pointer (&task));
      break;
    }
}

/* What the import saves of a profile that has no keys of its own: an IAM Identity Center
 * profile as its role (listed with its account and sign-in state like one signed in
 * here), any other as the profile itself, resolved each time it is used. A profile of
 * static keys gives NULL: the import copies its keys. */
CwCredential *
cw_credential_new_from_aws_profile (const CwAwsProfile *profile)
{
  g_return_val_if_fail (profile != NULL, NULL);

  switch (profile->kind)
    {
    case CW_AWS_PROFILE_SSO:
      /* The portal names the account only once signed in: its id stands for it. */
      return cw_credential_new_aws_sso (profile->name, profile->sso_session, profile->sso_start_url,
                                        profile->sso_region, profile->sso_account_id, profile->sso_account_id,
                                        profile->sso_role_name,
                                        profile->region ? profile->region : profile->sso_region);
    case CW_AWS_PROFILE_ASSUME_ROLE:
    case CW_AWS_PROFILE_PROCESS:
      return cw_credential_new_aws_profile (profile->name, profile->name, profile->region);
    case CW_AWS_PROFILE_STATIC:
    default:
      return NULL;
    }
}

CwAwsCredentialsProvider *
cw_credential_store_new_aws_provider_finish (CwCredentialStore  *self,
                                             GAsyncResult       *result,
                                             GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
