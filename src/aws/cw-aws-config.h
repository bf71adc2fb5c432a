/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-config.h: where and how the AWS client talks to AWS
 *
 * Credentials, region, one endpoint per service, the CA bundle, timeouts and the retry
 * policy. A new config honours the AWS CLI's environment variables for endpoints
 * (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>) and AWS_CA_BUNDLE; explicit setters
 * override them (the sandbox and the tests use those).
 */
#pragma once

#include <gio/gio.h>

#include "cw-aws-credentials-provider.h"
#include "cw-sigv4.h"

G_BEGIN_DECLS

typedef enum {
  CW_AWS_PROTOCOL_EC2,    /* lists as Name.N, wire names from locationName */
  CW_AWS_PROTOCOL_QUERY,  /* lists as Name.member.N */
  CW_AWS_PROTOCOL_REST_JSON,  /* JSON bodies, unsigned: IAM Identity Center's sign-in APIs */
  CW_AWS_PROTOCOL_JSON,       /* JSON 1.1: signed POSTs to / naming the operation in X-Amz-Target */
} CwAwsProtocol;

typedef enum {
  CW_AWS_SERVICE_EC2,
  CW_AWS_SERVICE_ELBV2,
  CW_AWS_SERVICE_RDS,
  CW_AWS_SERVICE_STS,
  CW_AWS_SERVICE_SSO_OIDC,  /* IAM Identity Center sign-in (OAuth 2.0) */
  CW_AWS_SERVICE_SSO,       /* the IAM Identity Center portal: accounts, roles, credentials */
  CW_AWS_SERVICE_PRICING,   /* the Price List API: what a load balancer costs */
  CW_AWS_N_SERVICES
} CwAwsService;

typedef struct {
  const char    *name;               /* SigV4 service, endpoint prefix and IAM prefix */
  const char    *endpoint_variable;  /* AWS_ENDPOINT_URL_<SERVICE> */
  const char    *api_version;
  CwAwsProtocol  protocol;
  const char    *endpoint_prefix;    /* the host's first labels when not the name */
  const char    *target_prefix;      /* JSON 1.1: X-Amz-Target is <prefix>.<operation> */
} CwAwsServiceInfo;

const CwAwsServiceInfo *cw_aws_service_get_info (CwAwsService service);

#define CW_TYPE_AWS_CONFIG (cw_aws_config_get_type ())
G_DECLARE_FINAL_TYPE (CwAwsConfig, cw_aws_config, CW, AWS_CONFIG, GObject)

CwAwsConfig            *cw_aws_config_new                  (const char             *region,
                                                            const CwAwsCredentials *credentials);
CwAwsConfig            *cw_aws_config_new_unsigned         (const char             *region);
CwAwsConfig            *cw_aws_config_new_with_provider    (const char               *region,
                                                            CwAwsCredentialsProvider *provider);
const char             *cw_aws_config_get_region           (CwAwsConfig            *self);
const CwAwsCredentials *cw_aws_config_get_credentials      (CwAwsConfig            *self);
CwAwsCredentialsProvider *cw_aws_config_get_credentials_provider (CwAwsConfig      *self);
void                    cw_aws_config_set_endpoint         (CwAwsConfig            *self,
                                                            CwAwsService            service,
                                                            const char             *url);
GUri                   *cw_aws_config_resolve_endpoint     (CwAwsConfig            *self,
                                                            CwAwsService            service,
                                                            GError                **error);
const char             *cw_aws_config_get_ca_bundle        (CwAwsConfig            *self);
void                    cw_aws_config_set_ca_bundle        (CwAwsConfig            *self,
                                                            const char             *path);
guint                   cw_aws_config_get_timeout          (CwAwsConfig            *self);
void                    cw_aws_config_set_timeout          (CwAwsConfig            *self,
                                                            guint                   seconds);
guint                   cw_aws_config_get_max_attempts     (CwAwsConfig            *self);
guint                   cw_aws_config_get_not_found_attempts (CwAwsConfig          *self);
void                    cw_aws_config_get_retry_delays     (CwAwsConfig            *self,
                                                            guint                  *base_ms,
                                                            guint                  *cap_ms);
void                    cw_aws_config_set_retry_delays     (CwAwsConfig            *self,
                                                            guint                   base_ms,
                                                            guint                   cap_ms);

G_END_DECLS
