/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-config.c */
#define G_LOG_DOMAIN "cw-aws-config"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-config.h"
#include "cw-aws-error.h"
#include "cw-net.h"

/* The AWS SDKs' standard retry mode: 3 attempts, full jitter from 1 s, at most 20 s. */
#define DEFAULT_MAX_ATTEMPTS 3
#define DEFAULT_NOT_FOUND_ATTEMPTS 5
#define DEFAULT_BASE_DELAY_MS 1000
#define DEFAULT_CAP_DELAY_MS 20000
#define DEFAULT_TIMEOUT_SECONDS 60

static const CwAwsServiceInfo services[CW_AWS_N_SERVICES] = {
  [CW_AWS_SERVICE_EC2] = { "ec2", "AWS_ENDPOINT_URL_EC2", "2016-11-15", CW_AWS_PROTOCOL_EC2 },
  [CW_AWS_SERVICE_ELBV2] = { "elasticloadbalancing", "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2",
                             "2015-12-01", CW_AWS_PROTOCOL_QUERY },
  [CW_AWS_SERVICE_RDS] = { "rds", "AWS_ENDPOINT_URL_RDS", "2014-10-31", CW_AWS_PROTOCOL_QUERY },
  [CW_AWS_SERVICE_STS] = { "sts", "AWS_ENDPOINT_URL_STS", "2011-06-15", CW_AWS_PROTOCOL_QUERY },
  /* botocore's endpointPrefix: https://oidc.{region}.amazonaws.com and
   * https://portal.sso.{region}.amazonaws.com. */
  [CW_AWS_SERVICE_SSO_OIDC] = { "sso-oidc", "AWS_ENDPOINT_URL_SSO_OIDC", "2019-06-10", CW_AWS_PROTOCOL_REST_JSON, "oidc" },
  [CW_AWS_SERVICE_SSO] = { "sso", "AWS_ENDPOINT_URL_SSO", "2019-06-10", CW_AWS_PROTOCOL_REST_JSON, "portal.sso" },
  /* https://api.pricing.{region}.amazonaws.com, in us-east-1, eu-central-1 and ap-south-1 only. */
  [CW_AWS_SERVICE_PRICING] = { "pricing", "AWS_ENDPOINT_URL_PRICING", "2017-10-15", CW_AWS_PROTOCOL_JSON, "api.pricing",
                               "AWSPriceListService" },
};

struct _CwAwsConfig
{
  GObject           parent_instance;
  char             *region;
  CwAwsCredentials *credentials;
  CwAwsCredentialsProvider *provider;  /* for credentials that expire, or NULL */
  char             *endpoints[CW_AWS_N_SERVICES];
  char             *default_endpoint;
  char             *ca_bundle;
  guint             timeout;
  guint             max_attempts;
  guint             not_found_attempts;
  guint             base_delay_ms;
  guint             cap_delay_ms;
};

G_DEFINE_FINAL_TYPE (CwAwsConfig, cw_aws_config, G_TYPE_OBJECT)

const CwAwsServiceInfo *
cw_aws_service_get_info (CwAwsService service)
{
  g_return_val_if_fail (service < CW_AWS_N_SERVICES, NULL);

  return &services[service];
}

static void
cw_aws_config_finalize (GObject *object)
{
  CwAwsConfig *self = CW_AWS_CONFIG (object);

  g_free (self->region);
  g_clear_pointer (&self->credentials, cw_aws_credentials_free);
  g_clear_object (&self->provider);
  for (guint i = 0; i < CW_AWS_N_SERVICES; i++)
    g_free (self->endpoints[i]);
  g_free (self->default_endpoint);
  g_free (self->ca_bundle);
  G_OBJECT_CLASS (cw_aws_config_parent_class)->finalize (object);
}

static void
cw_aws_config_class_init (CwAwsConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_aws_config_finalize;
}

static void
cw_aws_config_init (CwAwsConfig *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->not_found_attempts = DEFAULT_NOT_FOUND_ATTEMPTS;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->cap_delay_ms = DEFAULT_CAP_DELAY_MS;
}

static char *
dup_environment (const char *name)
{
  const char *value = g_getenv (name);

  return (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

/* The AWS CLI's variables, so one setting points every AWS tool at the same place. */
static void
apply_environment (CwAwsConfig *self)
{
  for (guint i = 0; i < CW_AWS_N_SERVICES; i++)
    self->endpoints[i] = dup_environment (services[i].endpoint_variable);
  self->default_endpoint = dup_environment ("AWS_ENDPOINT_URL");
  self->ca_bundle = dup_environment ("AWS_CA_BUNDLE");
}

CwAwsConfig *
cw_aws_config_new (const char             *region,
                   const CwAwsCredentials *credentials)
{
  CwAwsConfig *self = g_object_new (CW_TYPE_AWS_CONFIG, NULL);

  g_return_val_if_fail (credentials != NULL, NULL);

  self->region = g_strdup (region);
  self->credentials = cw_aws_credentials_copy (credentials);
  apply_environment (self);
  return self;
}

const char *
cw_aws_config_get_region (CwAwsConfig *self)
{
  g_return_val_if_fail (CW_IS_AWS_CONFIG (self), NULL);

  return self->region;
}

/* For the APIs that take no signature (SSO OIDC, the portal: a bearer token at most). */
CwAwsConfig *
cw_aws_config_new_unsigned (const char *region)
{
  CwAwsConfig *self = g_object_new (CW_TYPE_AWS_CONFIG, NULL);

  self->region = g_strdup (region);
  apply_environment (self);
  return self;
}

/* Credentials that expire come from @provider, asked before each request. */
CwAwsConfig *
cw_aws_config_new_with_provider (const char               *region,
                                 CwAwsCredentialsProvider *provider)
{
  CwAwsConfig *self = g_object_new (CW_TYPE_AWS_CONFIG, NULL);

  g_return_val_if_fail (CW_IS_AWS_CREDENTIALS_PROVIDER (provider), NULL);

  self->region = g_strdup (region);
  self->provider = g_object_ref (provider);
  apply_environment (self);
  return self;
}

/* The fixed credentials; NULL when they come from a provider. */
const CwAwsCredentials *
cw_aws_config_get_credentials (CwAwsConfig *self)
{
  g_return_val_if_fail (CW_IS_AWS_CONFIG (self), NULL);

  return self->credentials;
}

CwAwsCredentialsProvider *
cw_aws_config_get_credentials_provider (CwAwsConfig *self)
{
  g_return_val_if_fail (CW_IS_AWS_CONFIG (self), NULL);

  return self->provider;
}

void
cw_aws_config_set_endpoint (CwAwsConfig  *self,
                            CwAwsService  service,
                            const char   *url)
{
  g_return_if_fail (CW_IS_AWS_CONFIG (self));
  g_return_if_fail (service < CW_AWS_N_SERVICES);

  g_free (self->endpoints[service]);
  self->endpoints[service] = g_strdup (url);
}

/* The region becomes part of a host name, so only what region names are made of. */
static gboolean
region_is_valid (const char *region)
{
  if (region == NULL || *region == '\0')
    return FALSE;
  for (const char *p = region; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static char *
regional_endpoint (CwAwsConfig  *self,
                   CwAwsService  service)
{
  const char *suffix = g_str_has_prefix (self->region, "cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  const char *prefix = services[service].endpoint_prefix ? services[service].endpoint_prefix : services[service].name;

  return g_strdup_printf ("https://%s.%s.%s", prefix, self->region, suffix);
}

/* Refuses anything but https, except plain http to this machine (sandbox, tests). */
GUri *
cw_aws_config_resolve_endpoint (CwAwsConfig   *self,
                                CwAwsService   service,
                                GError       **error)
{
  const char *configured;
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CW_IS_AWS_CONFIG (self), NULL);
  g_return_val_if_fail (service < CW_AWS_N_SERVICES, NULL);

  if (!region_is_valid (self->region))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an AWS region"), self->region ? self->region : "");

      g_propagate_error (error, cw_aws_error_new_literal (CW_AWS_ERROR_ENDPOINT, NULL, message));
      return NULL;
    }
  configured = self->endpoints[service] ? self->endpoints[service] : self->default_endpoint;
  url = configured ? g_strdup (configured) : regional_endpoint (self, service);
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL || !cw_uri_is_acceptable (uri))
    {
      g_autofree char *shown = uri ? g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO) : g_strdup (url);
      g_autofree char *message = g_strdup_printf (_("Refusing the %s endpoint “%s”: only https, or plain http to this computer, is allowed"),
                                                  services[service].name, shown);

      g_propagate_error (error, cw_aws_error_new_literal (CW_AWS_ERROR_ENDPOINT, NULL, message));
      return NULL;
    }
  /* "http://host:port", as AWS_ENDPOINT_URL is often written, means the root: an empty
   * request target is no HTTP request at all. */
  if (*g_uri_get_path (uri) == '\0')
    {
      GUri *rooted = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                                  g_uri_get_host (uri), g_uri_get_port (uri), "/",
                                  g_uri_get_query (uri), g_uri_get_fragment (uri));

      g_uri_unref (uri);
      uri = rooted;
    }
  return g_steal_pointer (&uri);
}

const char *
cw_aws_config_get_ca_bundle (CwAwsConfig *self)
{
  g_return_val_if_fail (CW_IS_AWS_CONFIG (self), NULL);

  return self->ca_bundle;
}

void
cw_aws_config_set_ca_bundle (CwAwsConfig *self,
                             const char  *path)
{
  g_return_if_fail (CW_IS_AWS_CONFIG (self));

  g_free (self->ca_bundle);
  self->ca_bundle = g_strdup (path);
}

guint
cw_aws_config_get_timeout (CwAwsConfig *self)
{
  g_return_val_if_fail (CW_IS_AWS_CONFIG (self), 0);

  return self->timeout;
}

void
cw_aws_config_set_timeout (CwAwsConfig *self,
                           guint        seconds)
{
  g_return_if_fail (CW_IS_AWS_CONFIG (self));

  self->timeout = seconds;
}

guint
cw_aws_config_get_max_attempts (CwAwsConfig *self)
{
  g_return_val_if_fail (CW_IS_AWS_CONFIG (self), 1);

  return self->max_attempts;
}

guint
cw_aws_config_get_not_found_attempts (CwAwsConfig *self)
{
  g_return_val_if_fail (CW_IS_AWS_CONFIG (self), 1);

  return self->not_found_attempts;
}

void
cw_aws_config_get_retry_delays (CwAwsConfig *self,
                                guint       *base_ms,
                                guint       *cap_ms)
{
  g_return_if_fail (CW_IS_AWS_CONFIG (self));

  *base_ms = self->base_delay_ms;
  *cap_ms = self->cap_delay_ms;
}

void
cw_aws_config_set_retry_delays (CwAwsConfig *self,
                                guint        base_ms,
                                guint        cap_ms)
{
  g_return_if_fail (CW_IS_AWS_CONFIG (self));

  self->base_delay_ms = base_ms;
  self->cap_delay_ms = MAX (cap_ms, base_ms);
}
