/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-role-provider.c: see cw-sso-role-provider.h */
#define G_LOG_DOMAIN "cw-sso-role-provider"

#include "config.h"

#include "cw-sso.h"
#include "cw-sso-private.h"
#include "cw-sso-role-provider.h"
#include "cw-sso-session.h"

struct _CwSsoRoleProvider
{
  CwAwsCredentialsProvider parent_instance;
  char *session_key;
  char *start_url;
  char *region;
  char *account_id;
  char *role_name;
};

G_DEFINE_FINAL_TYPE (CwSsoRoleProvider, cw_sso_role_provider, CW_TYPE_AWS_CREDENTIALS_PROVIDER)

/* What one fetch hands back. */
typedef struct {
  CwAwsClient *client;
  gint64       expiration;  /* Unix seconds */
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->client);
  g_free (fetch);
}

static void
on_role_credentials (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 expiration_ms = 0;
  CwAwsCredentials *credentials = cw_sso_get_role_credentials_finish (CW_AWS_CLIENT (source), result,
                                                                      &expiration_ms, &error);

  if (credentials == NULL)
    {
      /* A token the portal no longer takes (signed out elsewhere) needs a sign-in. */
      if (cw_sso_error_needs_sign_in (error))
        {
          CwSsoRoleProvider *self = g_task_get_source_object (task);

          g_clear_error (&error);
          error = cw_sso_sign_in_required (self->session_key);
        }
      g_task_return_error (task, error);
      return;
    }
  /* The portal says milliseconds; the provider counts seconds. */
  fetch->expiration = expiration_ms / 1000;
  g_task_return_pointer (task, credentials, (GDestroyNotify) cw_aws_credentials_free);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  CwSsoRoleProvider *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CwSsoToken) token = cw_sso_session_get_token_finish (result, &error);

  if (token == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  fetch->client = cw_sso_client_new (token->region ? token->region : self->region);
  cw_sso_get_role_credentials_async (fetch->client, token->access_token, self->account_id, self->role_name,
                                     g_task_get_cancellable (task), on_role_credentials, task);
}

static void
cw_sso_role_provider_fetch_async (CwAwsCredentialsProvider *provider,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  CwSsoRoleProvider *self = CW_SSO_ROLE_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_sso_role_provider_fetch_async);
  g_task_set_task_data (task, g_new0 (Fetch, 1), (GDestroyNotify) fetch_free);
  cw_sso_session_get_token_async (self->session_key, self->start_url, self->region, cancellable, on_token, task);
}

static CwAwsCredentials *
cw_sso_role_provider_fetch_finish (CwAwsCredentialsProvider  *provider,
                                   GAsyncResult              *result,
                                   gint64                    *expiration,
                                   GError                   **error)
{
  Fetch *fetch = g_task_get_task_data (G_TASK (result));
  CwAwsCredentials *credentials = g_task_propagate_pointer (G_TASK (result), error);

  *expiration = credentials ? fetch->expiration : 0;
  return credentials;
}

static void
cw_sso_role_provider_finalize (GObject *object)
{
  CwSsoRoleProvider *self = CW_SSO_ROLE_PROVIDER (object);

  g_free (self->session_key);
  g_free (self->start_url);
  g_free (self->region);
  g_free (self->account_id);
  g_free (self->role_name);
  G_OBJECT_CLASS (cw_sso_role_provider_parent_class)->finalize (object);
}

static void
cw_sso_role_provider_class_init (CwSsoRoleProviderClass *klass)
{
  CwAwsCredentialsProviderClass *provider_class = CW_AWS_CREDENTIALS_PROVIDER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cw_sso_role_provider_finalize;
  provider_class->fetch_async = cw_sso_role_provider_fetch_async;
  provider_class->fetch_finish = cw_sso_role_provider_fetch_finish;
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
  CwSsoRoleProvider *self;

  g_return_val_if_fail (session_key != NULL && region != NULL && account_id != NULL && role_name != NULL, NULL);

  self = g_object_new (CW_TYPE_SSO_ROLE_PROVIDER, NULL);
  self->session_key = g_strdup (session_key);
  self->start_url = g_strdup (start_url);
  self->region = g_strdup (region);
  self->account_id = g_strdup (account_id);
  self->role_name = g_strdup (role_name);
  return CW_AWS_CREDENTIALS_PROVIDER (self);
}
