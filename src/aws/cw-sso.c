/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso.c: see cw-sso.h */
#define G_LOG_DOMAIN "cw-sso"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"
#include "cw-secure.h"
#include "cw-sso.h"

/* The model's largest page (maxResults 1 to 100). */
#define PAGE_SIZE "100"

void
cw_sso_account_info_free (CwSsoAccountInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->account_id);
  g_free (self->account_name);
  g_free (self->email_address);
  g_free (self);
}

static CwAwsJsonRequest *
portal_request (const char *operation,
                const char *method,
                const char *path,
                const char *access_token)
{
  CwAwsJsonRequest *request = cw_aws_json_request_new (CW_AWS_SERVICE_SSO, operation, method, path);

  cw_aws_json_request_set_bearer_token (request, access_token);
  return request;
}

/* ---- lists, all pages ---- */

typedef gpointer (*ReadItem) (JsonObject *item);

typedef struct {
  char           *operation;
  char           *path;
  char           *access_token;
  char           *account_id;  /* ListAccountRoles only */
  const char     *list_member;
  ReadItem        read_item;
} Listing;

static void
listing_free (Listing *listing)
{
  g_free (listing->operation);
  g_free (listing->path);
  cw_secure_free (listing->access_token);
  g_free (listing->account_id);
  g_free (listing);
}

static gboolean
read_page (gpointer     data,
           GPtrArray   *items,
           JsonObject  *answer,
           const char **next_token,
           GError     **error)
{
  Listing *listing = data;
  JsonNode *node = json_object_get_member (answer, listing->list_member);
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gpointer item = JSON_NODE_HOLDS_OBJECT (element) ? listing->read_item (json_node_get_object (element)) : NULL;

      if (item != NULL)
        g_ptr_array_add (items, item);
    }
  *next_token = cw_aws_json_get_string (answer, "nextToken");
  return TRUE;
}

static CwAwsJsonRequest *
page_request (gpointer    data,
              const char *next_token)
{
  Listing *listing = data;
  CwAwsJsonRequest *request = portal_request (listing->operation, "GET", listing->path, listing->access_token);

  cw_aws_json_request_add_query (request, "account_id", listing->account_id);
  cw_aws_json_request_add_query (request, "max_result", PAGE_SIZE);
  cw_aws_json_request_add_query (request, "next_token", next_token);
  return request;
}

static void
list_all (CwAwsClient         *client,
          Listing             *listing,
          GDestroyNotify       free_item,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_item);

  cw_aws_client_call_json_pages_async (client, page_request, read_page, listing, (GDestroyNotify) listing_free, items,
                                       cancellable, callback, user_data);
}

static gpointer
read_account (JsonObject *item)
{
  CwSsoAccountInfo *account;

  if (cw_aws_json_get_string (item, "accountId") == NULL)
    return NULL;
  account = g_new0 (CwSsoAccountInfo, 1);
  account->account_id = g_strdup (cw_aws_json_get_string (item, "accountId"));
  account->account_name = g_strdup (cw_aws_json_get_string (item, "accountName"));
  account->email_address = g_strdup (cw_aws_json_get_string (item, "emailAddress"));
  return account;
}

static gpointer
read_role_name (JsonObject *item)
{
  return g_strdup (cw_aws_json_get_string (item, "roleName"));
}

void
cw_sso_list_accounts_async (CwAwsClient         *client,
                            const char          *access_token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Listing *listing = g_new0 (Listing, 1);

  listing->operation = g_strdup ("ListAccounts");
  listing->path = g_strdup ("/assignment/accounts");
  listing->access_token = g_strdup (access_token);
  listing->list_member = "accountList";
  listing->read_item = read_account;
  list_all (client, listing, (GDestroyNotify) cw_sso_account_info_free, cancellable, callback, user_data);
}

GPtrArray *
cw_sso_list_accounts_finish (CwAwsClient   *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  return cw_aws_client_call_json_pages_finish (client, result, error);
}

void
cw_sso_list_account_roles_async (CwAwsClient         *client,
                                 const char          *access_token,
                                 const char          *account_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Listing *listing = g_new0 (Listing, 1);

  listing->operation = g_strdup ("ListAccountRoles");
  listing->path = g_strdup ("/assignment/roles");
  listing->access_token = g_strdup (access_token);
  listing->account_id = g_strdup (account_id);
  listing->list_member = "roleList";
  listing->read_item = read_role_name;
  list_all (client, listing, g_free, cancellable, callback, user_data);
}

GPtrArray *
cw_sso_list_account_roles_finish (CwAwsClient   *client,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return cw_aws_client_call_json_pages_finish (client, result, error);
}

/* ---- GetRoleCredentials, Logout ---- */

void
cw_sso_get_role_credentials_async (CwAwsClient         *client,
                                   const char          *access_token,
                                   const char          *account_id,
                                   const char          *role_name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CwAwsJsonRequest *request = portal_request ("GetRoleCredentials", "GET", "/federation/credentials", access_token);

  cw_aws_json_request_add_query (request, "role_name", role_name);
  cw_aws_json_request_add_query (request, "account_id", account_id);
  cw_aws_client_call_json_async (client, request, cancellable, callback, user_data);
}

CwAwsCredentials *
cw_sso_get_role_credentials_finish (CwAwsClient   *client,
                                    GAsyncResult  *result,
                                    gint64        *expiration_ms,
                                    GError       **error)
{
  JsonNode *root = cw_aws_client_call_json_finish (client, result, error);
  JsonNode *node = root ? json_object_get_member (json_node_get_object (root), "roleCredentials") : NULL;
  JsonObject *object = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  CwAwsCredentials *credentials = NULL;

  if (root == NULL)
    return NULL;
  if (object == NULL || cw_aws_json_get_string (object, "accessKeyId") == NULL ||
      cw_aws_json_get_string (object, "secretAccessKey") == NULL)
    g_propagate_error (error, cw_aws_error_new_literal (CW_AWS_ERROR_INVALID_RESPONSE, NULL,
                                                        _("The answer of IAM Identity Center has no role credentials")));
  else
    {
      credentials = cw_aws_credentials_new (cw_aws_json_get_string (object, "accessKeyId"),
                                            cw_aws_json_get_string (object, "secretAccessKey"),
                                            cw_aws_json_get_string (object, "sessionToken"));
      *expiration_ms = cw_aws_json_get_int (object, "expiration");
    }
  cw_aws_json_node_wipe_free (root);
  return credentials;
}

void
cw_sso_logout_async (CwAwsClient         *client,
                     const char          *access_token,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  cw_aws_client_call_json_async (client, portal_request ("Logout", "POST", "/logout", access_token),
                                 cancellable, callback, user_data);
}

gboolean
cw_sso_logout_finish (CwAwsClient   *client,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_autoptr(JsonNode) root = cw_aws_client_call_json_finish (client, result, error);

  return root != NULL;
}
