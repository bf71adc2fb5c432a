/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-credentials-provider.c: see cw-aws-credentials-provider.h */
#define G_LOG_DOMAIN "cw-aws-credentials"

#include "config.h"

#include "cw-aws-credentials-provider.h"

typedef struct
{
  CwAwsCredentials *credentials;     /* the last fetched, or NULL */
  gint64            expiration;      /* Unix seconds; 0: never */
  gint64            refresh_window;  /* seconds */
  GPtrArray        *waiting;         /* GTask: the calls a fetch under way will answer */
} CwAwsCredentialsProviderPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CwAwsCredentialsProvider, cw_aws_credentials_provider, G_TYPE_OBJECT)

static CwAwsCredentialsProviderPrivate *
private_of (CwAwsCredentialsProvider *self)
{
  return cw_aws_credentials_provider_get_instance_private (self);
}

/* Fresh enough when they never expire, or expire after the refresh window. */
static gboolean
is_fresh (CwAwsCredentialsProviderPrivate *priv)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return priv->credentials != NULL && (priv->expiration == 0 || priv->expiration - now > priv->refresh_window);
}

/* Every call waiting for the fetch gets its answer: a copy, or the error. */
static void
answer_waiting (CwAwsCredentialsProvider *self,
                const GError             *error)
{
  CwAwsCredentialsProviderPrivate *priv = private_of (self);
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&priv->waiting);

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, cw_aws_credentials_copy (priv->credentials),
                               (GDestroyNotify) cw_aws_credentials_free);
    }
}

static void
fetched (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CwAwsCredentialsProvider *self = CW_AWS_CREDENTIALS_PROVIDER (source);
  CwAwsCredentialsProviderPrivate *priv = private_of (self);
  g_autoptr(GError) error = NULL;
  gint64 expiration = 0;
  CwAwsCredentials *credentials;

  credentials = CW_AWS_CREDENTIALS_PROVIDER_GET_CLASS (self)->fetch_finish (self, result, &expiration, &error);
  if (credentials != NULL)
    {
      g_clear_pointer (&priv->credentials, cw_aws_credentials_free);
      priv->credentials = credentials;
      priv->expiration = expiration;
    }
  answer_waiting (self, error);
  g_object_unref (self);
}

void
cw_aws_credentials_provider_get_async (CwAwsCredentialsProvider *self,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  CwAwsCredentialsProviderPrivate *priv;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_AWS_CREDENTIALS_PROVIDER (self));
  priv = private_of (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_aws_credentials_provider_get_async);
  if (is_fresh (priv))
    {
      g_task_return_pointer (task, cw_aws_credentials_copy (priv->credentials), (GDestroyNotify) cw_aws_credentials_free);
      return;
    }
  if (priv->waiting != NULL)
    {
      g_ptr_array_add (priv->waiting, g_steal_pointer (&task));
      return;
    }
  priv->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (priv->waiting, g_steal_pointer (&task));
  /* One fetch serves every call waiting: it is not cancelled with the first of them. */
  CW_AWS_CREDENTIALS_PROVIDER_GET_CLASS (self)->fetch_async (self, NULL, fetched, g_object_ref (self));
}

/* A copy of credentials valid for at least the refresh window, or as long as they last. */
CwAwsCredentials *
cw_aws_credentials_provider_get_finish (CwAwsCredentialsProvider  *self,
                                        GAsyncResult              *result,
                                        GError                   **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* AWS said the session has ended, sooner than its expiration said: the next call
 * fetches new credentials. */
void
cw_aws_credentials_provider_invalidate (CwAwsCredentialsProvider *self)
{
  g_return_if_fail (CW_IS_AWS_CREDENTIALS_PROVIDER (self));
  g_clear_pointer (&private_of (self)->credentials, cw_aws_credentials_free);
}

gint64
cw_aws_credentials_provider_get_expiration (CwAwsCredentialsProvider *self)
{
  g_return_val_if_fail (CW_IS_AWS_CREDENTIALS_PROVIDER (self), 0);
  return private_of (self)->expiration;
}

/* The sandbox's sessions last minutes of its scaled clock: its window scales too. */
void
cw_aws_credentials_provider_set_refresh_window (CwAwsCredentialsProvider *self,
                                                gint64                    seconds)
{
  g_return_if_fail (CW_IS_AWS_CREDENTIALS_PROVIDER (self));
  private_of (self)->refresh_window = MAX (seconds, 0);
}

static void
cw_aws_credentials_provider_finalize (GObject *object)
{
  CwAwsCredentialsProviderPrivate *priv = private_of (CW_AWS_CREDENTIALS_PROVIDER (object));

  g_clear_pointer (&priv->credentials, cw_aws_credentials_free);
  G_OBJECT_CLASS (cw_aws_credentials_provider_parent_class)->finalize (object);
}

static void
cw_aws_credentials_provider_class_init (CwAwsCredentialsProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_aws_credentials_provider_finalize;
}

static void
cw_aws_credentials_provider_init (CwAwsCredentialsProvider *self)
{
  private_of (self)->refresh_window = CW_AWS_CREDENTIALS_REFRESH_WINDOW_S;
}

/* An expiration as STS, the SSO portal and credential_process write it (ISO 8601, "Z"
 * or an offset) into Unix seconds; FALSE when it is absent or not a time. */
gboolean
cw_aws_credentials_parse_expiration (const char *iso8601,
                                     gint64     *expiration)
{
  g_autoptr(GDateTime) time = NULL;

  if (iso8601 == NULL)
    return FALSE;
  time = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (time == NULL)
    return FALSE;
  *expiration = g_date_time_to_unix (time);
  return TRUE;
}
