/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-json.c: see cw-aws-json.h */
#define G_LOG_DOMAIN "cw-aws-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cw-aws-error.h"
#include "cw-aws-json.h"
#include "cw-secure.h"

struct _CwAwsJsonRequest
{
  CwAwsService  service;
  char         *operation;
  char         *method;
  char         *path;
  GString      *query;
  JsonNode     *body;          /* may hold a client secret, a code or a token */
  char         *bearer_token;  /* wiped when freed */
};

CwAwsJsonRequest *
cw_aws_json_request_new (CwAwsService  service,
                         const char   *operation,
                         const char   *method,
                         const char   *path)
{
  CwAwsJsonRequest *self = g_new0 (CwAwsJsonRequest, 1);

  self->service = service;
  self->operation = g_strdup (operation);
  self->method = g_strdup (method);
  self->path = g_strdup (path);
  self->query = g_string_new (NULL);
  return self;
}

CwAwsJsonRequest *
cw_aws_json_request_new_target (CwAwsService  service,
                                const char   *operation,
                                JsonNode     *body)
{
  CwAwsJsonRequest *self = cw_aws_json_request_new (service, operation, "POST", "/");

  g_return_val_if_fail (cw_aws_service_get_info (service)->protocol == CW_AWS_PROTOCOL_JSON, self);
  cw_aws_json_request_take_body (self, body);
  return self;
}

/* A body's strings are wiped before they are freed: they may be secrets. */
static void
wipe_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        wipe_node (member);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      explicit_bzero ((char *) text, strlen (text));
    }
}

void
cw_aws_json_node_wipe_free (JsonNode *node)
{
  if (node == NULL)
    return;
  wipe_node (node);
  json_node_unref (node);
}

void
cw_aws_json_request_free (CwAwsJsonRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->operation);
  g_free (self->method);
  g_free (self->path);
  g_string_free (self->query, TRUE);
  g_clear_pointer (&self->body, cw_aws_json_node_wipe_free);
  cw_secure_free (self->bearer_token);
  g_free (self);
}

/* A NULL @value leaves the parameter out, as botocore does for an unset member. */
void
cw_aws_json_request_add_query (CwAwsJsonRequest *self,
                               const char       *name,
                               const char       *value)
{
  if (value == NULL)
    return;
  g_string_append_c (self->query, self->query->len ? '&' : '?');
  g_string_append_uri_escaped (self->query, name, NULL, FALSE);
  g_string_append_c (self->query, '=');
  g_string_append_uri_escaped (self->query, value, NULL, FALSE);
}

void
cw_aws_json_request_take_body (CwAwsJsonRequest *self,
                               JsonNode         *body)
{
  g_clear_pointer (&self->body, cw_aws_json_node_wipe_free);
  self->body = body;
}

void
cw_aws_json_request_set_bearer_token (CwAwsJsonRequest *self,
                                      const char       *token)
{
  cw_secure_free (self->bearer_token);
  self->bearer_token = g_strdup (token);
}

CwAwsService
cw_aws_json_request_get_service (const CwAwsJsonRequest *self)
{
  return self->service;
}

const char *
cw_aws_json_request_get_method (const CwAwsJsonRequest *self)
{
  return self->method;
}

const char *
cw_aws_json_request_get_bearer_token (const CwAwsJsonRequest *self)
{
  return self->bearer_token;
}

char *
cw_aws_json_request_dup_iam_action (const CwAwsJsonRequest *self)
{
  return g_strdup_printf ("%s:%s", cw_aws_service_get_info (self->service)->name, self->operation);
}

char *
cw_aws_json_request_dup_target (const CwAwsJsonRequest *self)
{
  const CwAwsServiceInfo *info = cw_aws_service_get_info (self->service);

  if (info->protocol != CW_AWS_PROTOCOL_JSON)
    return NULL;
  return g_strdup_printf ("%s.%s", info->target_prefix, self->operation);
}

/* The operation's path below the endpoint's own (an endpoint may carry a prefix). */
GUri *
cw_aws_json_request_build_uri (const CwAwsJsonRequest *self,
                               GUri                   *endpoint)
{
  const char *base = g_uri_get_path (endpoint);
  gsize length = strlen (base);
  g_autofree char *path = NULL;

  while (length > 0 && base[length - 1] == '/')
    length--;
  path = g_strdup_printf ("%.*s%s", (int) length, base, self->path);
  return g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (endpoint), NULL, g_uri_get_host (endpoint),
                      g_uri_get_port (endpoint), path, self->query->len ? self->query->str + 1 : NULL, NULL);
}

/* NULL for a request without a body (the portal's GETs). */
GBytes *
cw_aws_json_request_encode_body (const CwAwsJsonRequest *self)
{
  gsize length = 0;
  char *text;

  if (self->body == NULL)
    return NULL;
  text = json_to_string (self->body, FALSE);
  length = strlen (text);
  return g_bytes_new_with_free_func (text, length, (GDestroyNotify) cw_secure_free, text);
}

/* ---- errors ---- */

/* SSO OIDC answers with OAuth 2.0's error codes (RFC 6749, RFC 8628) in the body and the
 * exception's name in x-amzn-ErrorType; a body alone is read back to the name. */
static const char *
exception_for_oauth_error (const char *error)
{
  static const char * const names[][2] = {
    { "access_denied", "AccessDeniedException" },
    { "authorization_pending", "AuthorizationPendingException" },
    { "expired_token", "ExpiredTokenException" },
    { "invalid_client", "InvalidClientException" },
    { "invalid_client_metadata", "InvalidClientMetadataException" },
    { "invalid_grant", "InvalidGrantException" },
    { "invalid_redirect_uri", "InvalidRedirectUriException" },
    { "invalid_request", "InvalidRequestException" },
    { "invalid_scope", "InvalidScopeException" },
    { "slow_down", "SlowDownException" },
    { "unauthorized_client", "UnauthorizedClientException" },
    { "unsupported_grant_type", "UnsupportedGrantTypeException" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i][0], error))
      return names[i][1];
  return error;
}

/* "aws.protocols#Name:http://…" or "Name:" as AWS writes types: just Name. */
static char *
bare_type (const char *type)
{
  const char *hash = strrchr (type, '#');
  const char *start = hash ? hash + 1 : type;

  return g_strndup (start, strcspn (start, ":"));
}

static char *
code_from_body (JsonObject *object)
{
  const char *type = object ? cw_aws_json_get_string (object, "__type") : NULL;
  const char *error = object ? cw_aws_json_get_string (object, "error") : NULL;
  const char *code = object ? cw_aws_json_get_string (object, "code") : NULL;

  if (type != NULL)
    return bare_type (type);
  if (error != NULL)
    return g_strdup (exception_for_oauth_error (error));
  return g_strdup (code);
}

static const char *
message_from_body (JsonObject *object)
{
  static const char * const names[] = { "error_description", "message", "Message" };

  for (guint i = 0; object != NULL && i < G_N_ELEMENTS (names); i++)
    if (cw_aws_json_get_string (object, names[i]) != NULL)
      return cw_aws_json_get_string (object, names[i]);
  return NULL;
}

GError *
cw_aws_json_decode_error (const char *iam_action,
                          const char *data,
                          gsize       length,
                          guint       http_status,
                          const char *error_type_header,
                          const char *request_id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = NULL;
  g_autofree char *code = NULL;
  g_autofree char *fallback = NULL;
  const char *message;

  if (length > 0 && json_parser_load_from_data (parser, data, length, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    object = json_node_get_object (json_parser_get_root (parser));
  code = (error_type_header && *error_type_header) ? bare_type (error_type_header) : code_from_body (object);
  message = message_from_body (object);
  if (code == NULL || *code == '\0')
    message = fallback = g_strdup_printf (_("the service answered HTTP %u without an AWS error"), http_status);
  return cw_aws_error_new_from_service (iam_action, http_status, code, message, request_id);
}

/* ---- answers ---- */

const char *
cw_aws_json_get_string (JsonObject *object,
                        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

gint64
cw_aws_json_get_int (JsonObject *object,
                     const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node) : 0;
}
