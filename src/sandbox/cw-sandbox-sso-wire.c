/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-sso-wire.c: the rest-json wire of the simulated IAM Identity Center
 *
 * What SSO OIDC and the portal share on the wire: answers, errors in each API's shape
 * (OAuth's error object, the portal's message) with the x-amzn-ErrorType header, and the
 * --faults rules applied to their calls.
 */
#define G_LOG_DOMAIN "cw-sandbox-sso-wire"

#include "config.h"

#include <string.h>

#include "cw-aws-error.h"
#include "cw-sandbox-aws.h"
#include "cw-sandbox-sso.h"

/* ---- the wire ---- */

void
cw_sb_sso_respond_json (SoupServerMessage *message,
                        const char        *request_id,
                        JsonNode          *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  char *text = body ? json_to_string (body, FALSE) : g_strdup ("{}");

  soup_message_headers_replace (headers, "x-amzn-RequestId", request_id);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

/* SSO OIDC's exceptions carry the OAuth 2.0 error code of RFC 6749 and RFC 8628. */
static const char *
oauth_error (const char *exception)
{
  static const char * const names[][2] = {
    { "AccessDeniedException", "access_denied" },
    { "AuthorizationPendingException", "authorization_pending" },
    { "ExpiredTokenException", "expired_token" },
    { "InvalidClientException", "invalid_client" },
    { "InvalidClientMetadataException", "invalid_client_metadata" },
    { "InvalidGrantException", "invalid_grant" },
    { "InvalidRedirectUriException", "invalid_redirect_uri" },
    { "InvalidScopeException", "invalid_scope" },
    { "SlowDownException", "slow_down" },
    { "UnauthorizedClientException", "unauthorized_client" },
    { "UnsupportedGrantTypeException", "unsupported_grant_type" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i][0], exception))
      return names[i][1];
  return "invalid_request";
}

void
cw_sb_sso_respond_error (SoupServerMessage *message,
                         const char        *request_id,
                         gboolean           oauth,
                         const GError      *error)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  const char *code = cw_aws_error_get_code (error) ?: "InvalidRequestException";
  const char *text = cw_aws_error_get_aws_message (error) ?: error->message;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  char *json;

  json_builder_begin_object (builder);
  if (oauth)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, oauth_error (code));
      json_builder_set_member_name (builder, "error_description");
    }
  else
    json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  json = json_to_string (body, FALSE);
  soup_message_headers_replace (headers, "x-amzn-RequestId", request_id);
  soup_message_headers_replace (headers, "x-amzn-ErrorType", code);
  soup_server_message_set_status (message, cw_aws_error_get_http_status (error) ?: 400, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, json, strlen (json));
}

/* ---- faults ---- */

/* One call on its way, kept while a delay fault holds it. */
typedef struct {
  CwSbServices      *services;
  SoupServerMessage *message;
  const char        *service;
  CwSbSsoAnswer      answer;
  gconstpointer      operation;
  CwSbFaultDecision  decision;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->message);
  g_free (pending);
}

/* SSO OIDC throttles with SlowDownException, the portal with TooManyRequestsException. */
static void
respond_fault (Pending *pending)
{
  gboolean oauth = g_str_equal (pending->service, "sso-oidc");
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;

  cw_sandbox_world_lock (pending->services->world);
  request_id = cw_sandbox_world_new_uuid (pending->services->world);
  cw_sandbox_world_unlock (pending->services->world);
  if (pending->decision.action == CW_SB_FAULT_THROTTLE)
    cw_sb_aws_fail (&error, oauth ? 400 : 429, oauth ? "SlowDownException" : "TooManyRequestsException",
                    "Rate exceeded");
  else
    cw_sb_aws_fail (&error, pending->decision.status, "InternalServerException",
                    "We encountered an internal error. Please try again.");
  cw_sb_sso_respond_error (pending->message, request_id, oauth, error);
}

static gboolean
answer_pending (gpointer data)
{
  Pending *pending = data;

  if (pending->decision.action == CW_SB_FAULT_DROP)
    return cw_sb_drop_connection (pending->message);
  if (pending->decision.action == CW_SB_FAULT_NONE)
    pending->answer (pending->services, pending->message, pending->operation);
  else
    respond_fault (pending);
  return TRUE;
}

void
cw_sb_sso_serve (CwSbServices      *services,
                 SoupServerMessage *message,
                 const char        *service,
                 const char        *operation_name,
                 CwSbSsoAnswer      answer,
                 gconstpointer      operation)
{
  Pending *pending;

  if (operation_name == NULL)
    {
      answer (services, message, NULL);
      return;
    }
  pending = g_new0 (Pending, 1);
  pending->services = services;
  pending->message = g_object_ref (message);
  pending->service = service;
  pending->answer = answer;
  pending->operation = operation;
  cw_sandbox_world_lock (services->world);
  cw_sandbox_world_count_request (services->world, service, operation_name);
  cw_sandbox_world_unlock (services->world);
  pending->decision = cw_sandbox_faults_decide (services->faults, service, operation_name);
  cw_sb_respond (services, message, pending->decision.delay_ms, answer_pending, pending, (GDestroyNotify) pending_free);
}
