/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-static-provider.c: see cw-aws-static-provider.h */
#define G_LOG_DOMAIN "cw-aws-static-provider"

#include "config.h"

#include "cw-aws-static-provider.h"

struct _CwAwsStaticProvider
{
  CwAwsCredentialsProvider parent_instance;
  CwAwsCredentials *credentials;
};

G_DEFINE_FINAL_TYPE (CwAwsStaticProvider, cw_aws_static_provider, CW_TYPE_AWS_CREDENTIALS_PROVIDER)

static void
cw_aws_static_provider_fetch_async (CwAwsCredentialsProvider *provider,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  CwAwsStaticProvider *self = CW_AWS_STATIC_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_aws_static_provider_fetch_async);
  g_task_return_pointer (task, cw_aws_credentials_copy (self->credentials), (GDestroyNotify) cw_aws_credentials_free);
}

static CwAwsCredentials *
cw_aws_static_provider_fetch_finish (CwAwsCredentialsProvider  *provider,
                                     GAsyncResult              *result,
                                     gint64                    *expiration,
                                     GError                   **error)
{
  *expiration = 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cw_aws_static_provider_finalize (GObject *object)
{
  CwAwsStaticProvider *self = CW_AWS_STATIC_PROVIDER (object);

  g_clear_pointer (&self->credentials, cw_aws_credentials_free);
  G_OBJECT_CLASS (cw_aws_static_provider_parent_class)->finalize (object);
}

static void
cw_aws_static_provider_class_init (CwAwsStaticProviderClass *klass)
{
  CwAwsCredentialsProviderClass *provider_class = CW_AWS_CREDENTIALS_PROVIDER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cw_aws_static_provider_finalize;
  provider_class->fetch_async = cw_aws_static_provider_fetch_async;
  provider_class->fetch_finish = cw_aws_static_provider_fetch_finish;
}

static void
cw_aws_static_provider_init (CwAwsStaticProvider *self)
{
}

CwAwsCredentialsProvider *
cw_aws_static_provider_new (const CwAwsCredentials *credentials)
{
  CwAwsStaticProvider *self;

  g_return_val_if_fail (credentials != NULL, NULL);
  self = g_object_new (CW_TYPE_AWS_STATIC_PROVIDER, NULL);
  self->credentials = cw_aws_credentials_copy (credentials);
  return CW_AWS_CREDENTIALS_PROVIDER (self);
}
