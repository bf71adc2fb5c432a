/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-assume-role-provider.c: see cw-assume-role-provider.h
 *
 * A fetch is three steps, each asynchronous and cancellable: the source's credentials,
 * the MFA code (when the role wants one), AssumeRole.
 */
#define G_LOG_DOMAIN "cw-assume-role"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-assume-role-provider.h"
#include "cw-engine-error.h"
#include "cw-secure.h"
#include "cw-sts.h"

/* Where STS is asked when the profile names no region: the AWS CLI's global endpoint. */
#define DEFAULT_STS_REGION "us-east-1"

struct _CwAssumeRoleProvider
{
  CwAwsCredentialsProvider  parent_instance;
  CwAwsCredentialsProvider *source;
  CwMfaPrompter            *prompter;  /* or NULL */
  char                     *profile;
  char                     *region;
  char                     *role_arn;
  char                     *mfa_serial;
  char                     *external_id;
  char                     *role_session_name;
  guint                     duration_seconds;
  char                     *assumed_arn;  /* the last session's, for display */
};

G_DEFINE_FINAL_TYPE (CwAssumeRoleProvider, cw_assume_role_provider, CW_TYPE_AWS_CREDENTIALS_PROVIDER)

/* What one fetch carries from step to step. */
typedef struct {
  CwAwsCredentials *source_credentials;
  char             *token_code;
  gint64            expiration;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_pointer (&fetch->source_credentials, cw_aws_credentials_free);
  g_clear_pointer (&fetch->token_code, cw_secure_free);
  g_free (fetch);
}

/* "causeway-<unix time>" unless the profile names the session (role_session_name). */
static char *
session_name (CwAssumeRoleProvider *self)
{
  if (self->role_session_name != NULL)
    return g_strdup (self->role_session_name);
  return g_strdup_printf ("causeway-%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
}

static void
assumed (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwAssumeRoleProvider *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(CwStsAssumedRole) role = NULL;
  GError *error = NULL;
  CwAwsCredentials *credentials;

  role = cw_sts_assume_role_finish (CW_AWS_CLIENT (source), result, &error);
  credentials = role ? cw_sts_assumed_role_get_credentials (role, &fetch->expiration, &error) : NULL;
  if (credentials == NULL)
    {
      g_prefix_error (&error, _("The profile “%s” could not assume %s: "), self->profile, self->role_arn);
      g_task_return_error (task, error);
      return;
    }
  g_free (self->assumed_arn);
  self->assumed_arn = g_strdup (role->assumed_role_arn);
  g_debug ("%s: assumed %s until %" G_GINT64_FORMAT, self->profile, self->role_arn, fetch->expiration);
  g_task_return_pointer (task, credentials, (GDestroyNotify) cw_aws_credentials_free);
}

static void
assume (GTask *task)
{
  CwAssumeRoleProvider *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(CwAwsConfig) config = cw_aws_config_new (self->region, fetch->source_credentials);
  g_autoptr(CwAwsClient) client = cw_aws_client_new (config);
  g_autofree char *name = session_name (self);
  const CwStsAssumeRoleInput input = {
    self->role_arn, name, self->duration_seconds, self->external_id,
    fetch->token_code ? self->mfa_serial : NULL, fetch->token_code,
  };

  cw_sts_assume_role_async (client, &input, g_task_get_cancellable (task), assumed, task);
}

static void
code_asked (GObject      *source,
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

/* Without a prompter there is no one to ask: a clear error rather than STS's
 * AccessDenied, which would not say that a code was missing. */
static void
ask_code_or_assume (GTask *task)
{
  CwAssumeRoleProvider *self = g_task_get_source_object (task);

  if (self->mfa_serial == NULL)
    assume (task);
  else if (self->prompter == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("The profile “%s” assumes its role with an MFA code from %s; run Causeway in a terminal or the application, where the code can be asked for"),
                               self->profile, self->mfa_serial);
      g_object_unref (task);
    }
  else
    cw_mfa_prompter_ask_async (self->prompter, self->profile, self->mfa_serial, g_task_get_cancellable (task),
                               code_asked, task);
}

static void
source_fetched (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->source_credentials = cw_aws_credentials_provider_get_finish (CW_AWS_CREDENTIALS_PROVIDER (source),
                                                                      result, &error);
  if (fetch->source_credentials == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  ask_code_or_assume (task);
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
  cw_aws_credentials_provider_get_async (self->source, cancellable, source_fetched, task);
}

static CwAwsCredentials *
cw_assume_role_provider_fetch_finish (CwAwsCredentialsProvider  *provider,
                                      GAsyncResult              *result,
                                      gint64                    *expiration,
                                      GError                   **error)
{
  Fetch *fetch = g_task_get_task_data (G_TASK (result));

  *expiration = fetch->expiration;
  return g_task_propagate_pointer (G_TASK (result), error);
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
  g_free (self->assumed_arn);
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
cw_assume_role_provider_new (const CwAwsProfile       *profile,
                             CwAwsCredentialsProvider *source,
                             CwMfaPrompter            *prompter)
{
  CwAssumeRoleProvider *self;

  g_return_val_if_fail (profile != NULL && profile->role_arn != NULL, NULL);
  g_return_val_if_fail (CW_IS_AWS_CREDENTIALS_PROVIDER (source), NULL);
  g_return_val_if_fail (prompter == NULL || CW_IS_MFA_PROMPTER (prompter), NULL);
  self = g_object_new (CW_TYPE_ASSUME_ROLE_PROVIDER, NULL);
  self->source = g_object_ref (source);
  self->prompter = prompter ? g_object_ref (prompter) : NULL;
  self->profile = g_strdup (profile->name);
  self->region = g_strdup (profile->region ? profile->region : DEFAULT_STS_REGION);
  self->role_arn = g_strdup (profile->role_arn);
  self->mfa_serial = g_strdup (profile->mfa_serial);
  self->external_id = g_strdup (profile->external_id);
  self->role_session_name = g_strdup (profile->role_session_name);
  self->duration_seconds = profile->duration_seconds;
  return CW_AWS_CREDENTIALS_PROVIDER (self);
}

/* The assumed role's session ARN of the last fetch, or NULL before the first. */
const char *
cw_assume_role_provider_get_assumed_arn (CwAssumeRoleProvider *self)
{
  g_return_val_if_fail (CW_IS_ASSUME_ROLE_PROVIDER (self), NULL);
  return self->assumed_arn;
}
