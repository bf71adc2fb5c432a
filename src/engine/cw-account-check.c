/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-account-check.c: the clients of a chosen pair of credentials, verified */
#define G_LOG_DOMAIN "cw-account-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-account-check.h"
#include "cw-engine-error.h"
#include "cw-sts.h"

struct _CwAccountCheck
{
  GObject      parent_instance;

  CwCredential       *aws;
  CwCredential       *tidb;
  CwAwsCredentialsProvider *aws_provider;
  CwCredentialSecret *tidb_secret;
  double              time_scale;
  CwClouds           *clouds;
  char               *aws_account;
  char               *aws_arn;
  GListModel         *projects;

  guint               outstanding;
  GError             *aws_error;
  GError             *tidb_error;
};

G_DEFINE_FINAL_TYPE (CwAccountCheck, cw_account_check, G_TYPE_OBJECT)

static void
cw_account_check_finalize (GObject *object)
{
  CwAccountCheck *self = CW_ACCOUNT_CHECK (object);

  g_clear_object (&self->aws);
  g_clear_object (&self->tidb);
  g_clear_object (&self->aws_provider);
  g_clear_pointer (&self->tidb_secret, cw_credential_secret_free);
  g_clear_object (&self->clouds);
  g_free (self->aws_account);
  g_free (self->aws_arn);
  g_clear_object (&self->projects);
  g_clear_error (&self->aws_error);
  g_clear_error (&self->tidb_error);
  G_OBJECT_CLASS (cw_account_check_parent_class)->finalize (object);
}

static void
cw_account_check_class_init (CwAccountCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_account_check_finalize;
}

static void
cw_account_check_init (CwAccountCheck *self)
{
}

/* One sentence that names each rejected side; the clients' messages already say why. */
static GError *
combined_error (CwAccountCheck *self)
{
  if (self->aws_error != NULL && self->tidb_error != NULL)
    return g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                        _("AWS credential “%s”: %s\nTiDB Cloud API key “%s”: %s"),
                        cw_credential_get_label (self->aws), self->aws_error->message,
                        cw_credential_get_label (self->tidb), self->tidb_error->message);
  /* A sign-in that ended keeps its code: the window offers to sign in again. */
  if (g_error_matches (self->aws_error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED))
    return g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED, _("AWS credential “%s”: %s"),
                        cw_credential_get_label (self->aws), self->aws_error->message);
  if (self->aws_error != NULL)
    return g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, _("AWS credential “%s”: %s"),
                        cw_credential_get_label (self->aws), self->aws_error->message);
  return g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, _("TiDB Cloud API key “%s”: %s"),
                      cw_credential_get_label (self->tidb), self->tidb_error->message);
}

static void
finish_one (GTask *task)
{
  CwAccountCheck *self = g_task_get_task_data (task);

  if (--self->outstanding > 0)
    return;
  if (self->aws_error != NULL || self->tidb_error != NULL)
    g_task_return_error (task, combined_error (self));
  else
    g_task_return_pointer (task, g_object_ref (self), g_object_unref);
  g_object_unref (task);
}

static void
identity_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  CwAccountCheck *self = g_task_get_task_data (task);
  g_autoptr(CwStsCallerIdentity) identity =
    cw_sts_get_caller_identity_finish (CW_AWS_CLIENT (source), result, &self->aws_error);

  if (identity != NULL)
    {
      self->aws_account = g_strdup (identity->account);
      self->aws_arn = g_strdup (identity->arn);
    }
  finish_one (task);
}

static void
projects_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  CwAccountCheck *self = g_task_get_task_data (task);

  self->projects = cw_tidb_client_list_projects_finish (CW_TIDB_CLIENT (source), result, &self->tidb_error);
  finish_one (task);
}

static const char *
aws_region (CwAccountCheck *self)
{
  const char *region = cw_credential_get_region (self->aws);

  return (region != NULL && *region != '\0') ? region : "us-east-1";
}

static void
ask_both (GTask *task)
{
  CwAccountCheck *self = g_task_get_task_data (task);
  g_autoptr(CwTidbClient) tidb = NULL;

  tidb = cw_tidb_client_new (cw_credential_get_key_id (self->tidb), self->tidb_secret->secret, &self->tidb_error);
  self->clouds = cw_clouds_new_with_provider (self->aws_provider, tidb);
  cw_clouds_set_time_scale (self->clouds, self->time_scale);
  g_clear_pointer (&self->tidb_secret, cw_credential_secret_free);

  self->outstanding = tidb ? 2 : 1;
  cw_sts_get_caller_identity_async (cw_clouds_get_aws (self->clouds, aws_region (self)), 0,
                                    g_task_get_cancellable (task), identity_done, task);
  if (tidb != NULL)
    cw_tidb_client_list_projects_async (tidb, g_task_get_cancellable (task), projects_done, task);
}

static void
tidb_secret_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  CwAccountCheck *self = g_task_get_task_data (task);
  GError *error = NULL;

  self->tidb_secret = cw_credential_store_lookup_secret_finish (CW_CREDENTIAL_STORE (source), result, &error);
  if (self->tidb_secret == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  ask_both (task);
}

static void
aws_provider_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  CwAccountCheck *self = g_task_get_task_data (task);
  GError *error = NULL;

  self->aws_provider = cw_credential_store_new_aws_provider_finish (CW_CREDENTIAL_STORE (source), result, &error);
  if (self->aws_provider == NULL)
    {
      self->aws_error = error;
      g_task_return_error (task, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                   ? g_error_copy (error) : combined_error (self));
      g_object_unref (task);
      return;
    }
  cw_credential_store_lookup_secret_async (CW_CREDENTIAL_STORE (source), self->tidb,
                                           g_task_get_cancellable (task), tidb_secret_done, task);
}

void
cw_account_check_run_async (CwCredentialStore   *store,
                            CwCredential        *aws,
                            CwCredential        *tidb,
                            CwMfaPrompter       *prompter,
                            double               time_scale,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  CwAccountCheck *self = g_object_new (CW_TYPE_ACCOUNT_CHECK, NULL);

  g_task_set_source_tag (task, cw_account_check_run_async);
  self->aws = g_object_ref (aws);
  self->tidb = g_object_ref (tidb);
  self->time_scale = time_scale;
  g_task_set_task_data (task, self, g_object_unref);
  cw_credential_store_new_aws_provider_async (store, aws, prompter, cancellable, aws_provider_done, task);
}

CwAccountCheck *
cw_account_check_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

CwClouds *
cw_account_check_get_clouds (CwAccountCheck *self)
{
  g_return_val_if_fail (CW_IS_ACCOUNT_CHECK (self), NULL);
  return self->clouds;
}

const char *
cw_account_check_get_aws_account (CwAccountCheck *self)
{
  g_return_val_if_fail (CW_IS_ACCOUNT_CHECK (self), NULL);
  return self->aws_account;
}

const char *
cw_account_check_get_aws_arn (CwAccountCheck *self)
{
  g_return_val_if_fail (CW_IS_ACCOUNT_CHECK (self), NULL);
  return self->aws_arn;
}

GListModel *
cw_account_check_get_projects (CwAccountCheck *self)
{
  g_return_val_if_fail (CW_IS_ACCOUNT_CHECK (self), NULL);
  return self->projects;
}
