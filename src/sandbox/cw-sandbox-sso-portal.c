/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-sso-portal.c: the simulated IAM Identity Center portal (rest-json)
 *
 * The access token of SSO OIDC, in the x-amz-sso_bearer_token header, lists the
 * accounts and roles assigned to the sandbox's user and gets a role's credentials:
 * a session the sandbox's SigV4 check accepts for that account, expiring on the
 * world's clock. Logout ends the sign-in.
 */
#define G_LOG_DOMAIN "cw-sandbox-sso-portal"

#include "config.h"

#include <string.h>

#include "cw-sandbox-aws.h"
#include "cw-sandbox-sso.h"

#define BEARER_HEADER      "x-amz-sso_bearer_token"
#define DEFAULT_PAGE_SIZE  20
#define MAX_PAGE_SIZE      100

typedef struct {
  CwSbServices      *services;
  SoupServerMessage *message;
  GHashTable        *query;
  JsonBuilder       *output;
} PortalCall;

static const char *
query_param (PortalCall *call,
             const char *name)
{
  return call->query ? g_hash_table_lookup (call->query, name) : NULL;
}

static const char *
require_param (PortalCall  *call,
               const char  *name,
               GError     **error)
{
  const char *value = query_param (call, name);

  if (value == NULL || *value == '\0')
    cw_sb_aws_fail (error, 400, "InvalidRequestException", "%s is required", name);
  return value != NULL && *value != '\0' ? value : NULL;
}

/* The page a listing asks for: max_result from 1 to 100, next_token as it was given. */
static gboolean
read_page (PortalCall  *call,
           guint        n_items,
           guint       *first,
           guint       *last,
           GError     **error)
{
  const char *size_text = query_param (call, "max_result");
  const char *token = query_param (call, "next_token");
  gint64 size = DEFAULT_PAGE_SIZE;
  guint64 start = 0;

  if (size_text != NULL && (!g_ascii_string_to_signed (size_text, 10, 1, MAX_PAGE_SIZE, &size, NULL)))
    return cw_sb_aws_fail (error, 400, "InvalidRequestException", "max_result must be from 1 to %d", MAX_PAGE_SIZE);
  if (token != NULL && (!cw_sb_page_token_parse (token, &start) || start >= n_items))
    return cw_sb_aws_fail (error, 400, "InvalidRequestException", "Invalid next_token");
  *first = (guint) start;
  *last = MIN (n_items, *first + (guint) size);
  return TRUE;
}

static void
write_next_token (PortalCall *call,
                  guint       last,
                  guint       n_items)
{
  g_autofree char *token = NULL;

  if (last >= n_items)
    return;
  token = cw_sb_page_token_new (last);
  json_builder_set_member_name (call->output, "nextToken");
  json_builder_add_string_value (call->output, token);
}

static gboolean
list_accounts (PortalCall  *call,
               GError     **error)
{
  guint n = 0, first, last;
  const CwSbSsoAccount *accounts = cw_sb_identity_sso_accounts (&n);

  if (!read_page (call, n, &first, &last, error))
    return FALSE;
  write_next_token (call, last, n);
  json_builder_set_member_name (call->output, "accountList");
  json_builder_begin_array (call->output);
  for (guint i = first; i < last; i++)
    {
      json_builder_begin_object (call->output);
      json_builder_set_member_name (call->output, "accountId");
      json_builder_add_string_value (call->output, accounts[i].account_id);
      json_builder_set_member_name (call->output, "accountName");
      json_builder_add_string_value (call->output, accounts[i].name);
      json_builder_set_member_name (call->output, "emailAddress");
      json_builder_add_string_value (call->output, accounts[i].email);
      json_builder_end_object (call->output);
    }
  json_builder_end_array (call->output);
  return TRUE;
}

/* IAM Identity Center answers "No access" for an account or a role not assigned to
 * the user, whether or not it exists. */
static gboolean
no_access (GError **error)
{
  return cw_sb_aws_fail (error, 403, "ForbiddenException", "No access");
}

static gboolean
list_account_roles (PortalCall  *call,
                    GError     **error)
{
  const char *account_id = require_param (call, "account_id", error);
  const CwSbSsoAccount *account = cw_sb_identity_sso_account (account_id);
  guint n, first, last;

  if (account_id == NULL)
    return FALSE;
  if (account == NULL)
    return no_access (error);
  n = g_strv_length ((char **) account->roles);
  if (!read_page (call, n, &first, &last, error))
    return FALSE;
  write_next_token (call, last, n);
  json_builder_set_member_name (call->output, "roleList");
  json_builder_begin_array (call->output);
  for (guint i = first; i < last; i++)
    {
      json_builder_begin_object (call->output);
      json_builder_set_member_name (call->output, "roleName");
      json_builder_add_string_value (call->output, account->roles[i]);
      json_builder_set_member_name (call->output, "accountId");
      json_builder_add_string_value (call->output, account->account_id);
      json_builder_end_object (call->output);
    }
  json_builder_end_array (call->output);
  return TRUE;
}

/* The role IAM Identity Center made for a permission set in an account:
 * AWSReservedSSO_<set>_<16 hex digits>, the same for a set every time. */
static char *
session_arn (const char *account_id,
             const char *role_name,
             char      **user_id)
{
  guint hash = g_str_hash (role_name);

  *user_id = g_strdup_printf ("AROASANDBOX%08X:%s", hash, CW_SB_SSO_USER_NAME);
  return g_strdup_printf ("arn:aws:sts::%s:assumed-role/AWSReservedSSO_%s_%08x%08x/%s", account_id, role_name,
                          hash, g_str_hash (account_id), CW_SB_SSO_USER_NAME);
}

static gboolean
get_role_credentials (PortalCall  *call,
                      GError     **error)
{
  const char *role_name = require_param (call, "role_name", error);
  const char *account_id = role_name ? require_param (call, "account_id", error) : NULL;
  g_autoptr(CwSbSessionKeys) keys = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *arn = NULL;

  if (account_id == NULL)
    return FALSE;
  if (!cw_sb_identity_sso_assigned (account_id, role_name))
    return no_access (error);
  arn = session_arn (account_id, role_name, &user_id);
  keys = cw_sb_identity_new_session (call->services->identity, account_id, arn, user_id, CW_SB_SSO_ROLE_SESSION_S);
  json_builder_set_member_name (call->output, "roleCredentials");
  json_builder_begin_object (call->output);
  json_builder_set_member_name (call->output, "accessKeyId");
  json_builder_add_string_value (call->output, keys->access_key_id);
  json_builder_set_member_name (call->output, "secretAccessKey");
  json_builder_add_string_value (call->output, keys->secret_access_key);
  json_builder_set_member_name (call->output, "sessionToken");
  json_builder_add_string_value (call->output, keys->session_token);
  json_builder_set_member_name (call->output, "expiration");
  json_builder_add_int_value (call->output, cw_sb_identity_wall_time (call->services->identity, keys->expires) / 1000);
  json_builder_end_object (call->output);
  return TRUE;
}

/* ---- serving ---- */

typedef gboolean (*PortalRun) (PortalCall  *call,
                               GError     **error);

typedef struct {
  const char *method;
  const char *path;
  const char *operation;
  PortalRun   run;
} PortalOperation;

static const PortalOperation portal_operations[] = {
  { "GET", "/assignment/accounts", "ListAccounts", list_accounts },
  { "GET", "/assignment/roles", "ListAccountRoles", list_account_roles },
  { "GET", "/federation/credentials", "GetRoleCredentials", get_role_credentials },
  { "POST", "/logout", "Logout", NULL },
};

static const PortalOperation *
find_operation (SoupServerMessage *message,
                const char        *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (portal_operations); i++)
    if (g_str_equal (portal_operations[i].path, path) &&
        g_str_equal (portal_operations[i].method, soup_server_message_get_method (message)))
      return &portal_operations[i];
  return NULL;
}

/* Runs @operation for the bearer of a live access token; Logout ends its sign-in. */
static gboolean
run_operation (PortalCall             *call,
               const PortalOperation  *operation,
               GError                **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (call->message);
  const CwSbSsoToken *token = cw_sb_sso_find_access_token (call->services->sso, call->services->world,
                                                           soup_message_headers_get_one (headers, BEARER_HEADER));

  if (token == NULL)
    return cw_sb_aws_fail (error, 401, "UnauthorizedException", "Session token not found or invalid");
  if (operation->run == NULL)
    {
      cw_sb_sso_logout (call->services->sso, token);
      return TRUE;
    }
  return operation->run (call, error);
}

/* The query is read again: a delay fault may answer after the handler's has gone. */
static void
answer_portal (CwSbServices      *services,
               SoupServerMessage *message,
               gconstpointer      data)
{
  const PortalOperation *operation = data;
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (message));
  g_autoptr(GHashTable) query = raw_query ? soup_form_decode (raw_query) : NULL;
  g_autoptr(JsonBuilder) output = json_builder_new ();
  PortalCall call = { services, message, query, output };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *request_id = NULL;
  gboolean ok = FALSE;

  json_builder_begin_object (output);
  cw_sandbox_world_lock (call.services->world);
  request_id = cw_sandbox_world_new_uuid (call.services->world);
  if (operation == NULL)
    cw_sb_aws_fail (&error, 404, "UnknownOperationException", "No operation is served at %s %s",
                    soup_server_message_get_method (message), g_uri_get_path (soup_server_message_get_uri (message)));
  else
    ok = run_operation (&call, operation, &error);
  cw_sandbox_world_unlock (call.services->world);
  json_builder_end_object (output);
  body = json_builder_get_root (output);
  if (ok)
    cw_sb_sso_respond_json (message, request_id, body);
  else
    cw_sb_sso_respond_error (message, request_id, FALSE, error);
}

static void
serve_portal (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const PortalOperation *operation = find_operation (message, path);

  cw_sb_sso_serve (user_data, message, "sso", operation ? operation->operation : NULL, answer_portal, operation);
}

void
cw_sb_sso_portal_install (CwSbServices *services,
                          SoupServer   *server)
{
  for (guint i = 0; i < G_N_ELEMENTS (portal_operations); i++)
    soup_server_add_handler (server, portal_operations[i].path, serve_portal, services, NULL);
}
