/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-oidc.c: see cw-sso-oidc.h */
#define G_LOG_DOMAIN "cw-sso-oidc"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"
#include "cw-secure.h"
#include "cw-sso-oidc.h"

void
cw_sso_oidc_registration_free (CwSsoOidcRegistration *self)
{
  if (self == NULL)
    return;
  g_free (self->client_id);
  cw_secure_free (self->client_secret);
  g_free (self);
}

void
cw_sso_oidc_device_authorization_free (CwSsoOidcDeviceAuthorization *self)
{
  if (self == NULL)
    return;
  cw_secure_free (self->device_code);
  g_free (self->user_code);
  g_free (self->verification_uri);
  g_free (self->verification_uri_complete);
  g_free (self);
}

void
cw_sso_oidc_token_free (CwSsoOidcToken *self)
{
  if (self == NULL)
    return;
  cw_secure_free (self->access_token);
  g_free (self->token_type);
  cw_secure_free (self->refresh_token);
  g_free (self);
}

/* ---- requests ---- */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_strings (JsonBuilder        *builder,
             const char         *name,
             const char * const *values)
{
  if (values == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
send (CwAwsClient         *client,
      const char          *operation,
      const char          *path,
      JsonBuilder         *builder,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  CwAwsJsonRequest *request = cw_aws_json_request_new (CW_AWS_SERVICE_SSO_OIDC, operation, "POST", path);

  json_builder_end_object (builder);
  cw_aws_json_request_take_body (request, json_builder_get_root (builder));
  cw_aws_client_call_json_async (client, request, cancellable, callback, user_data);
}

void
cw_sso_oidc_register_client_async (CwAwsClient         *client,
                                   const char          *client_name,
                                   const char * const  *scopes,
                                   const char * const  *grant_types,
                                   const char * const  *redirect_uris,
                                   const char          *issuer_url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "clientName", client_name);
  /* SSO OIDC registers public clients only: a desktop app cannot keep a secret. */
  add_string (builder, "clientType", "public");
  add_strings (builder, "scopes", scopes);
  add_strings (builder, "grantTypes", grant_types);
  add_strings (builder, "redirectUris", redirect_uris);
  add_string (builder, "issuerUrl", issuer_url);
  send (client, "RegisterClient", "/client/register", builder, cancellable, callback, user_data);
}

void
cw_sso_oidc_start_device_authorization_async (CwAwsClient         *client,
                                              const char          *client_id,
                                              const char          *client_secret,
                                              const char          *start_url,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "clientId", client_id);
  add_string (builder, "clientSecret", client_secret);
  add_string (builder, "startUrl", start_url);
  send (client, "StartDeviceAuthorization", "/device_authorization", builder, cancellable, callback, user_data);
}

void
cw_sso_oidc_create_token_async (CwAwsClient          *client,
                                const char           *client_id,
                                const char           *client_secret,
                                const CwSsoOidcGrant *grant,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "clientId", client_id);
  add_string (builder, "clientSecret", client_secret);
  add_string (builder, "grantType", grant->grant_type);
  add_string (builder, "code", grant->code);
  add_string (builder, "codeVerifier", grant->code_verifier);
  add_string (builder, "redirectUri", grant->redirect_uri);
  add_string (builder, "deviceCode", grant->device_code);
  add_string (builder, "refreshToken", grant->refresh_token);
  send (client, "CreateToken", "/token", builder, cancellable, callback, user_data);
}

/* ---- answers ---- */

/* The answer's object, or NULL with an error when a member it must have is missing. */
static JsonObject *
finish_object (CwAwsClient   *client,
               GAsyncResult  *result,
               JsonNode     **root,
               const char    *required,
               GError       **error)
{
  JsonObject *object;

  *root = cw_aws_client_call_json_finish (client, result, error);
  if (*root == NULL)
    return NULL;
  object = json_node_get_object (*root);
  if (cw_aws_json_get_string (object, required) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The answer of IAM Identity Center has no %s"), required);

      g_propagate_error (error, cw_aws_error_new_literal (CW_AWS_ERROR_INVALID_RESPONSE, NULL, message));
      return NULL;
    }
  return object;
}

CwSsoOidcRegistration *
cw_sso_oidc_register_client_finish (CwAwsClient   *client,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  JsonNode *root = NULL;
  JsonObject *object = finish_object (client, result, &root, "clientSecret", error);
  CwSsoOidcRegistration *registration;

  if (object == NULL)
    {
      cw_aws_json_node_wipe_free (root);
      return NULL;
    }
  registration = g_new0 (CwSsoOidcRegistration, 1);
  registration->client_id = g_strdup (cw_aws_json_get_string (object, "clientId"));
  registration->client_secret = g_strdup (cw_aws_json_get_string (object, "clientSecret"));
  registration->client_secret_expires_at = cw_aws_json_get_int (object, "clientSecretExpiresAt");
  cw_aws_json_node_wipe_free (root);
  return registration;
}

CwSsoOidcDeviceAuthorization *
cw_sso_oidc_start_device_authorization_finish (CwAwsClient   *client,
                                               GAsyncResult  *result,
                                               GError       **error)
{
  JsonNode *root = NULL;
  JsonObject *object = finish_object (client, result, &root, "deviceCode", error);
  CwSsoOidcDeviceAuthorization *device;

  if (object == NULL)
    {
      cw_aws_json_node_wipe_free (root);
      return NULL;
    }
  device = g_new0 (CwSsoOidcDeviceAuthorization, 1);
  device->device_code = g_strdup (cw_aws_json_get_string (object, "deviceCode"));
  device->user_code = g_strdup (cw_aws_json_get_string (object, "userCode"));
  device->verification_uri = g_strdup (cw_aws_json_get_string (object, "verificationUri"));
  device->verification_uri_complete = g_strdup (cw_aws_json_get_string (object, "verificationUriComplete"));
  device->expires_in = cw_aws_json_get_int (object, "expiresIn");
  device->interval = cw_aws_json_get_int (object, "interval");
  cw_aws_json_node_wipe_free (root);
  return device;
}

CwSsoOidcToken *
cw_sso_oidc_create_token_finish (CwAwsClient   *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  JsonNode *root = NULL;
  JsonObject *object = finish_object (client, result, &root, "accessToken", error);
  CwSsoOidcToken *token;

  if (object == NULL)
    {
      cw_aws_json_node_wipe_free (root);
      return NULL;
    }
  token = g_new0 (CwSsoOidcToken, 1);
  token->access_token = g_strdup (cw_aws_json_get_string (object, "accessToken"));
  token->token_type = g_strdup (cw_aws_json_get_string (object, "tokenType"));
  token->expires_in = cw_aws_json_get_int (object, "expiresIn");
  token->refresh_token = g_strdup (cw_aws_json_get_string (object, "refreshToken"));
  cw_aws_json_node_wipe_free (root);
  return token;
}
