/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-clouds.c */
#define G_LOG_DOMAIN "cw-clouds"

#include "config.h"

#include "cw-clouds.h"

/* The AWS SDKs' standard retry delays, before scaling. */
#define RETRY_BASE_MS 1000
#define RETRY_CAP_MS  20000

struct _CwClouds
{
  GObject           parent_instance;
  CwAwsCredentials *aws_credentials;
  CwAwsCredentialsProvider *aws_provider;  /* for credentials that expire, or NULL */
  GHashTable       *aws_clients;   /* region → CwAwsClient */
  CwTidbClient     *tidb;
  double            time_scale;
};

G_DEFINE_FINAL_TYPE (CwClouds, cw_clouds, G_TYPE_OBJECT)

enum {
  AWS_ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_TIME_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cw_clouds_finalize (GObject *object)
{
  CwClouds *self = CW_CLOUDS (object);

  g_clear_pointer (&self->aws_credentials, cw_aws_credentials_free);
  g_clear_object (&self->aws_provider);
  g_hash_table_unref (self->aws_clients);
  g_clear_object (&self->tidb);
  G_OBJECT_CLASS (cw_clouds_parent_class)->finalize (object);
}

static void
cw_clouds_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CwClouds *self = CW_CLOUDS (object);

  switch (prop_id)
    {
    case PROP_TIME_SCALE:
      g_value_set_double (value, self->time_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_clouds_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CwClouds *self = CW_CLOUDS (object);

  switch (prop_id)
    {
    case PROP_TIME_SCALE:
      cw_clouds_set_time_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_clouds_class_init (CwCloudsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_clouds_finalize;
  object_class->get_property = cw_clouds_get_property;
  object_class->set_property = cw_clouds_set_property;

  properties[PROP_TIME_SCALE] = g_param_spec_double ("time-scale", NULL, NULL, 0.0001, 100.0, 1.0,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* CwAwsClient::answered of every region's client: action, HTTP status, request id. */
  signals[AWS_ANSWERED] = g_signal_new ("aws-answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                        G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING);
}

static void
cw_clouds_init (CwClouds *self)
{
  self->aws_clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->time_scale = 1.0;
}

/* Either side may be missing when a command needs only the other one. */
CwClouds *
cw_clouds_new (const CwAwsCredentials *aws_credentials,
               CwTidbClient           *tidb)
{
  CwClouds *self = g_object_new (CW_TYPE_CLOUDS, NULL);

  self->aws_credentials = aws_credentials ? cw_aws_credentials_copy (aws_credentials) : NULL;
  self->tidb = tidb ? g_object_ref (tidb) : NULL;
  return self;
}

/* Credentials that expire (IAM Identity Center, an assumed role, a credential_process):
 * every region's client asks @provider, which renews them before they expire. */
CwClouds *
cw_clouds_new_with_provider (CwAwsCredentialsProvider *aws_provider,
                             CwTidbClient             *tidb)
{
  CwClouds *self = g_object_new (CW_TYPE_CLOUDS, NULL);

  g_return_val_if_fail (aws_provider == NULL || CW_IS_AWS_CREDENTIALS_PROVIDER (aws_provider), NULL);
  self->aws_provider = aws_provider ? g_object_ref (aws_provider) : NULL;
  self->tidb = tidb ? g_object_ref (tidb) : NULL;
  return self;
}

static void
apply_retry_delays (CwClouds    *self,
                    CwAwsClient *client)
{
  cw_aws_config_set_retry_delays (cw_aws_client_get_config (client),
                                  MAX (1, cw_clouds_scale_ms (self, RETRY_BASE_MS)),
                                  MAX (1, cw_clouds_scale_ms (self, RETRY_CAP_MS)));
}

static void
on_aws_answered (CwClouds   *self,
                 const char *action,
                 guint       status,
                 const char *request_id)
{
  g_signal_emit (self, signals[AWS_ANSWERED], 0, action, status, request_id);
}

/* NULL without AWS credentials. */
CwAwsClient *
cw_clouds_get_aws (CwClouds   *self,
                   const char *region)
{
  CwAwsClient *client;

  g_return_val_if_fail (CW_IS_CLOUDS (self), NULL);
  g_return_val_if_fail (region != NULL, NULL);
  if (self->aws_credentials == NULL && self->aws_provider == NULL)
    return NULL;
  client = g_hash_table_lookup (self->aws_clients, region);
  if (client == NULL)
    {
      g_autoptr(CwAwsConfig) config = self->aws_provider
        ? cw_aws_config_new_with_provider (region, self->aws_provider)
        : cw_aws_config_new (region, self->aws_credentials);

      client = cw_aws_client_new (config);
      apply_retry_delays (self, client);
      g_signal_connect_object (client, "answered", G_CALLBACK (on_aws_answered), self, G_CONNECT_SWAPPED);
      g_hash_table_insert (self->aws_clients, g_strdup (region), client);
    }
  return client;
}

CwTidbClient *
cw_clouds_get_tidb (CwClouds *self)
{
  g_return_val_if_fail (CW_IS_CLOUDS (self), NULL);
  return self->tidb;
}

double
cw_clouds_get_time_scale (CwClouds *self)
{
  g_return_val_if_fail (CW_IS_CLOUDS (self), 1.0);
  return self->time_scale;
}

void
cw_clouds_set_time_scale (CwClouds *self,
                          double    time_scale)
{
  GHashTableIter iter;
  gpointer client;

  g_return_if_fail (CW_IS_CLOUDS (self));
  g_return_if_fail (time_scale > 0);
  if (self->time_scale == time_scale)
    return;
  self->time_scale = time_scale;
  g_hash_table_iter_init (&iter, self->aws_clients);
  while (g_hash_table_iter_next (&iter, NULL, &client))
    apply_retry_delays (self, client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_SCALE]);
}

/* A duration of the real clouds, on the clock of the clouds in use. */
guint
cw_clouds_scale_ms (CwClouds *self,
                    guint     milliseconds)
{
  g_return_val_if_fail (CW_IS_CLOUDS (self), milliseconds);
  return (guint) (milliseconds * self->time_scale + 0.5);
}

/* Every AWS request sent so far, retries and pages included, over all regions. */
guint
cw_clouds_get_aws_request_count (CwClouds *self)
{
  GHashTableIter iter;
  gpointer client;
  guint count = 0;

  g_return_val_if_fail (CW_IS_CLOUDS (self), 0);
  g_hash_table_iter_init (&iter, self->aws_clients);
  while (g_hash_table_iter_next (&iter, NULL, &client))
    count += cw_aws_client_get_request_count (client);
  return count;
}

/* Every TiDB Cloud request sent so far, retries and pages included. */
guint
cw_clouds_get_tidb_request_count (CwClouds *self)
{
  g_return_val_if_fail (CW_IS_CLOUDS (self), 0);
  return cw_clouds_get_tidb (self) ? cw_tidb_client_get_request_count (cw_clouds_get_tidb (self)) : 0;
}
