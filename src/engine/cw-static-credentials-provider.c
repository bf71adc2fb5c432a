/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-static-credentials-provider.c: see cw-static-credentials-provider.h */
#define G_LOG_DOMAIN "cw-static-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-profile.h"
#include "cw-engine-error.h"
#include "cw-profile-import.h"
#include "cw-secure.h"
#include "cw-static-credentials-provider.h"

typedef enum {
  FROM_KEYS,
  FROM_ENVIRONMENT,
  FROM_PROFILE,
} Origin;

struct _CwStaticCredentialsProvider
{
  CwAwsCredentialsProvider  parent_instance;
  Origin                    origin;
  CwAwsCredentials         *credentials;       /* FROM_KEYS */
  char                     *profile;           /* FROM_PROFILE */
  char                     *config_path;
  char                     *credentials_path;
};

G_DEFINE_FINAL_TYPE (CwStaticCredentialsProvider, cw_static_credentials_provider, CW_TYPE_AWS_CREDENTIALS_PROVIDER)

static CwAwsCredentials *
take_keys (char *access_key_id,
           char *secret_access_key,
           char *session_token)
{
  CwAwsCredentials *credentials = cw_aws_credentials_new (access_key_id, secret_access_key, session_token);

  g_free (access_key_id);
  cw_secure_free (secret_access_key);
  cw_secure_free (session_token);
  return credentials;
}

static void
read_profile_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  CwStaticCredentialsProvider *self = source_object;
  char *access_key_id = NULL;
  char *secret_access_key = NULL;
  char *session_token = NULL;
  GError *error = NULL;

  if (!cw_aws_profile_read_keys_from_files (self->profile, self->config_path, self->credentials_path,
                                            &access_key_id, &secret_access_key, &session_token, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, take_keys (access_key_id, secret_access_key, session_token),
                           (GDestroyNotify) cw_aws_credentials_free);
}

static const char *
non_empty_variable (const char *name)
{
  const char *value = g_getenv (name);

  return (value != NULL && *value != '\0') ? value : NULL;
}

static void
answer_from_environment (GTask *task)
{
  const char *access_key_id = non_empty_variable ("AWS_ACCESS_KEY_ID");
  const char *secret_access_key = non_empty_variable ("AWS_SECRET_ACCESS_KEY");

  if (access_key_id == NULL || secret_access_key == NULL)
    g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, "%s",
                             _("The role takes its credentials from the environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set"));
  else
    g_task_return_pointer (task, cw_aws_credentials_new (access_key_id, secret_access_key,
                                                         non_empty_variable ("AWS_SESSION_TOKEN")),
                           (GDestroyNotify) cw_aws_credentials_free);
}

static void
cw_static_credentials_provider_fetch_async (CwAwsCredentialsProvider *provider,
                                            GCancellable             *cancellable,
                                            GAsyncReadyCallback       callback,
                                            gpointer                  user_data)
{
  CwStaticCredentialsProvider *self = CW_STATIC_CREDENTIALS_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_static_credentials_provider_fetch_async);
  switch (self->origin)
    {
    case FROM_KEYS:
      g_task_return_pointer (task, cw_aws_credentials_copy (self->credentials), (GDestroyNotify) cw_aws_credentials_free);
      break;
    case FROM_ENVIRONMENT:
      /* Read on the caller's thread: getenv races with setenv in another thread. */
      answer_from_environment (task);
      break;
    case FROM_PROFILE:
      g_task_run_in_thread (task, read_profile_in_thread);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* They never expire: 0. */
static CwAwsCredentials *
cw_static_credentials_provider_fetch_finish (CwAwsCredentialsProvider  *provider,
                                             GAsyncResult              *result,
                                             gint64                    *expiration,
                                             GError                   **error)
{
  *expiration = 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cw_static_credentials_provider_finalize (GObject *object)
{
  CwStaticCredentialsProvider *self = CW_STATIC_CREDENTIALS_PROVIDER (object);

  g_clear_pointer (&self->credentials, cw_aws_credentials_free);
  g_free (self->profile);
  g_free (self->config_path);
  g_free (self->credentials_path);
  G_OBJECT_CLASS (cw_static_credentials_provider_parent_class)->finalize (object);
}

static void
cw_static_credentials_provider_class_init (CwStaticCredentialsProviderClass *klass)
{
  CwAwsCredentialsProviderClass *provider_class = CW_AWS_CREDENTIALS_PROVIDER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cw_static_credentials_provider_finalize;
  provider_class->fetch_async = cw_static_credentials_provider_fetch_async;
  provider_class->fetch_finish = cw_static_credentials_provider_fetch_finish;
}

static void
cw_static_credentials_provider_init (CwStaticCredentialsProvider *self)
{
}

CwAwsCredentialsProvider *
cw_static_credentials_provider_new (const CwAwsCredentials *credentials)
{
  CwStaticCredentialsProvider *self;

  g_return_val_if_fail (credentials != NULL, NULL);
  self = g_object_new (CW_TYPE_STATIC_CREDENTIALS_PROVIDER, NULL);
  self->origin = FROM_KEYS;
  self->credentials = cw_aws_credentials_copy (credentials);
  return CW_AWS_CREDENTIALS_PROVIDER (self);
}

CwAwsCredentialsProvider *
cw_static_credentials_provider_new_from_environment (void)
{
  CwStaticCredentialsProvider *self = g_object_new (CW_TYPE_STATIC_CREDENTIALS_PROVIDER, NULL);

  self->origin = FROM_ENVIRONMENT;
  return CW_AWS_CREDENTIALS_PROVIDER (self);
}

/* The files are the ones AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name now. */
CwAwsCredentialsProvider *
cw_static_credentials_provider_new_from_profile (const char *profile)
{
  CwStaticCredentialsProvider *self;

  g_return_val_if_fail (profile != NULL, NULL);
  self = g_object_new (CW_TYPE_STATIC_CREDENTIALS_PROVIDER, NULL);
  self->origin = FROM_PROFILE;
  self->profile = g_strdup (profile);
  self->config_path = cw_aws_config_path ();
  self->credentials_path = cw_aws_credentials_path ();
  return CW_AWS_CREDENTIALS_PROVIDER (self);
}
