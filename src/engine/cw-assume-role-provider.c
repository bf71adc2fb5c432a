/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-assume-role-provider.c: see cw-assume-role-provider.h */
#define G_LOG_DOMAIN "cw-assume-role-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-assume-role-provider.h"
#include "cw-engine-error.h"
#include "cw-sts.h"

/* Where the AWS CLI sends STS calls when the profile names no region. */
#define DEFAULT_REGION "us-east-1"

struct _CwAssumeRoleProvider
{
  CwAwsCredentialsProvider  parent_instance;
  CwAwsCredentialsProvider *source;
  CwMfaPrompter            *prompter;   /* may be NULL */
  char                     *profile;
  char                     *region;
  char                     *role_arn;
  char                     *mfa_serial;
  char                     *external_id;
  char                     *role_session_name;
  guint                     duration_seconds;
};

G_DEFINE_FINAL_TYPE (CwAssumeRoleProvider, cw_assume_role_provider, CW_TYPE_AWS_CREDENTIALS_PROVIDER)

typedef struct {
  CwAwsClient *client;
  char        *token_code;
  gint64       expiration;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->client);
  if (fetch->token_code != NULL)
    memset (fetch->token_code, 0, strlen (fetch->token_code));
  g_free (fetch->token_code);
  g_free (fetch);
}

static char *
session_name (CwAssumeRoleProvider *self)
{
  if (self->role_session_name != NULL)
    return g_strdup (self->role_session_name);
  /* Unique per assumption, as the AWS CLI's default is, so CloudTrail tells them apart. */
  return g_strdup_printf ("causeway-%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
}

static void
on_assumed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwAssumeRoleProvider *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsAssumedRole) role = cw_sts_assume_role_finish (CW_AWS_CLIENT (source), result, &error);
  g_autoptr(GDateTime) expires = NULL;

  if (role == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                 _("Profile %s could not assume %s: %s"), self->profile, self->role_arn,
                                 error->message);
      return;
    }
  expires = role->expiration ? g_date_time_new_from_iso8601 (role->expiration, NULL) : NULL;
  fetch->expiration = expires ? g_date_time_to_unix (expires) : 0;
  g_task_return_pointer (task, cw_aws_credentials_new (role->access_key_id, role->secret_access_key,
                                                       role->session_token),
                         (GDestroyNotify) cw_aws_credentials_free);
}

static void
assume (GTask *task)
{
  CwAssumeRoleProvider *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *name = session_name (self);

  cw_sts_assume_role_async (fetch->client, self->role_arn, name, self->duration_seconds, self->external_id,
                            fetch->token_code ? self->mfa_serial : NULL, fetch->token_code,
                            g_task_get_cancellable (task), on_assumed, task);
}

static void
on_mfa_code (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->token_code = cw_mfa_prompter_ask_finish (CW_MFA_PROMPTER (source), result, &error);
  if (fetch->token_code == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  assume (task);
}

static void
on_source_credentials (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  CwAssumeRoleProvider *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CwAwsCredentials) credentials = cw_aws_credentials_provider_get_finish (CW_AWS_CREDENTIALS_PROVIDER (source),
                                                                                    result, &error);
  g_autoptr(CwAwsConfig) config = NULL;

  if (credentials == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  config = cw_aws_config_new (self->region, credentials);
  fetch->client = cw_aws_client_new (config);
  if (self->mfa_serial == NULL)
    {
      assume (task);
      return;
    }
  if (self->prompter == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("Profile %s assumes its role with MFA (%s): nothing here can ask for the code."),
                               self->profile, self->mfa_serial);
      g_object_unref (task);
      return;
    }
  cw_mfa_prompter_ask_async (self->prompter, self->profile, self->mfa_serial, g_task_get_cancellable (task),
                             on_mfa_code, task);
}

static void
cw_assume_role_provider_fetch_async (CwAwsCredentialsProvider *provider,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data)
{
  CwAssumeRoleProvider *self = CW_ASSUME_ROLE_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_assume_role_provider_fetch_async);
  g_task_set_task_data (task, g_new0 (Fetch, 1), (GDestroyNotify) fetch_free);
  cw_aws_credentials_provider_get_async (self->source, cancellable, on_source_credentials, task);
}

static CwAwsCredentials *
cw_assume_role_provider_fetch_finish (CwAwsCredentialsProvider  *provider,
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
cw_assume_role_provider_finalize (GObject *object)
{
  CwAssumeRoleProvider *self = CW_ASSUME_ROLE_PROVIDER (object);

  g_clear_object (&self->source);
  g_clear_object (&self->prompter);
  g_free (self->profile);
  g_free (self->region);
  g_free (self->role_arn);
  g_free (self->mfa_serial);
  g_free (self->external_id);
  g_free (self->role_session_name);
  G_OBJECT_CLASS (cw_assume_role_provider_parent_class)->finalize (object);
}

static void
cw_assume_role_provider_class_init (CwAssumeRoleProviderClass *klass)
{
  CwAwsCredentialsProviderClass *provider_class = CW_AWS_CREDENTIALS_PROVIDER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cw_assume_role_provider_finalize;
  provider_class->fetch_async = cw_assume_role_provider_fetch_async;
  provider_class->fetch_finish = cw_assume_role_provider_fetch_finish;
}

static void
cw_assume_role_provider_init (CwAssumeRoleProvider *self)
{
}

CwAwsCredentialsProvider *
cw_assume_role_provider_new (CwAwsCredentialsProvider *source,
                             const CwAwsProfile       *profile,
                             CwMfaPrompter            *prompter)
{
  CwAssumeRoleProvider *self;

  g_return_val_if_fail (CW_IS_AWS_CREDENTIALS_PROVIDER (source), NULL);
  g_return_val_if_fail (profile != NULL && profile->role_arn != NULL, NULL);
  self = g_object_new (CW_TYPE_ASSUME_ROLE_PROVIDER, NULL);
  self->source = g_object_ref (source);
  self->prompter = prompter ? g_object_ref (prompter) : NULL;
  self->profile = g_strdup (profile->name);
  self->region = g_strdup (profile->region ? profile->region : DEFAULT_REGION);
  self->role_arn = g_strdup (profile->role_arn);
  self->mfa_serial = g_strdup (profile->mfa_serial);
  self->external_id = g_strdup (profile->external_id);
  self->role_session_name = g_strdup (profile->role_session_name);
  self->duration_seconds = profile->duration_seconds;
  return CW_AWS_CREDENTIALS_PROVIDER (self);
}
