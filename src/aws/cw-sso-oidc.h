/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-oidc.h: SSO OIDC, the OAuth 2.0 service of IAM Identity Center
 *
 * RegisterClient, StartDeviceAuthorization and CreateToken with its three grants, as
 * botocore's model (specs/aws/sso-oidc) names them. Unsigned rest-json calls: the
 * client's registration secret travels in the body. Every record here holds secrets
 * and wipes them when freed.
 */
#pragma once

#include "cw-aws-client.h"

G_BEGIN_DECLS

#define CW_SSO_OIDC_GRANT_AUTHORIZATION_CODE "authorization_code"
#define CW_SSO_OIDC_GRANT_REFRESH_TOKEN      "refresh_token"
#define CW_SSO_OIDC_GRANT_DEVICE_CODE        "urn:ietf:params:oauth:grant-type:device_code"

typedef struct {
  char   *client_id;
  char   *client_secret;
  gint64  client_secret_expires_at;  /* Unix seconds */
} CwSsoOidcRegistration;

typedef struct {
  char   *device_code;
  char   *user_code;
  char   *verification_uri;
  char   *verification_uri_complete;
  gint64  expires_in;                /* seconds */
  gint64  interval;                  /* seconds between polls; 0 when not told */
} CwSsoOidcDeviceAuthorization;

typedef struct {
  char   *access_token;
  char   *token_type;
  gint64  expires_in;                /* seconds */
  char   *refresh_token;             /* NULL when none was issued */
} CwSsoOidcToken;

/* What CreateToken redeems: the grant type and the members it needs (the others NULL). */
typedef struct {
  const char *grant_type;
  const char *code;           /* authorization_code */
  const char *code_verifier;  /* authorization_code */
  const char *redirect_uri;   /* authorization_code */
  const char *device_code;    /* device code */
  const char *refresh_token;  /* refresh_token */
} CwSsoOidcGrant;

void cw_sso_oidc_registration_free (CwSsoOidcRegistration *self);
void cw_sso_oidc_device_authorization_free (CwSsoOidcDeviceAuthorization *self);
void cw_sso_oidc_token_free (CwSsoOidcToken *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSsoOidcRegistration, cw_sso_oidc_registration_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSsoOidcDeviceAuthorization, cw_sso_oidc_device_authorization_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSsoOidcToken, cw_sso_oidc_token_free)

/* @grant_types and @redirect_uris NULL: registered the legacy way, for the device code.
 * @issuer_url: the start URL, or NULL. */
void                   cw_sso_oidc_register_client_async  (CwAwsClient          *client,
                                                           const char           *client_name,
                                                           const char * const   *scopes,
                                                           const char * const   *grant_types,
                                                           const char * const   *redirect_uris,
                                                           const char           *issuer_url,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
CwSsoOidcRegistration *cw_sso_oidc_register_client_finish (CwAwsClient          *client,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void                   cw_sso_oidc_start_device_authorization_async  (CwAwsClient         *client,
                                                                      const char          *client_id,
                                                                      const char          *client_secret,
                                                                      const char          *start_url,
                                                                      GCancellable        *cancellable,
                                                                      GAsyncReadyCallback  callback,
                                                                      gpointer             user_data);
CwSsoOidcDeviceAuthorization *cw_sso_oidc_start_device_authorization_finish (CwAwsClient   *client,
                                                                             GAsyncResult  *result,
                                                                             GError       **error);
void                   cw_sso_oidc_create_token_async     (CwAwsClient          *client,
                                                           const char           *client_id,
                                                           const char           *client_secret,
                                                           const CwSsoOidcGrant *grant,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
CwSsoOidcToken        *cw_sso_oidc_create_token_finish    (CwAwsClient          *client,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
