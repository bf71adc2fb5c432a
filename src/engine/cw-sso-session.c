/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-session.c: an IAM Identity Center sign-in's token after signing in
 *
 * Getting the token: the keyring first, then the AWS CLI's cache (read, never
 * written); refreshed with the refresh token when under 15 minutes remain, and the
 * refreshed token stored in the keyring. Signing out: Logout at the portal, then the
 * keyring forgets. Listing roles: every account, every role of each. The helpers the
 * sign-in and the role provider share (cw-sso-private.h) live here too.
 */
#define G_LOG_DOMAIN "cw-sso-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"
#include "cw-engine-error.h"
#include "cw-secure.h"
#include "cw-sso.h"
#include "cw-sso-private.h"
#include "cw-sso-session.h"

/* Refreshed this long before it expires, as the AWS CLI does. */
#define REFRESH_WINDOW_S (15 * 60)
/* A token that cannot be refreshed is still handed out while it lasts this long. */
#define LAST_USE_S 60

/* ---- shared with the sign-in and the role provider ---- */

CwAwsClient *
cw_sso_client_new (const char *region)
{
  g_autoptr(CwAwsConfig) config = cw_aws_config_new_unsigned (region);

  return cw_aws_client_new (config);
}

CwSsoToken *
cw_sso_token_new_from_oidc (const CwSsoOidcToken        *answer,
                            const char                  *start_url,
                            const char                  *region,
                            const CwSsoOidcRegistration *registration,
                            gboolean                     registered_for_code)
{
  CwSsoToken *token = g_new0 (CwSsoToken, 1);

  token->start_url = g_strdup (start_url);
  token->region = g_strdup (region);
  token->access_token = g_strdup (answer->access_token);
  token->expires_at = g_get_real_time () / G_USEC_PER_SEC + answer->expires_in;
  token->refresh_token = g_strdup (answer->refresh_token);
  token->client_id = g_strdup (registration->client_id);
  token->client_secret = g_strdup (registration->client_secret);
  token->registration_expires_at = registration->client_secret_expires_at;
  token->registered_for_code = registered_for_code;
  return token;
}

/* What only signing in again mends: SSO OIDC or the portal refused the token, the
 * refresh token or the client (not a network that failed, nor throttling). */
gboolean
cw_sso_error_needs_sign_in (const GError *error)
{
  static const char * const codes[] = {
    "InvalidGrantException", "InvalidClientException", "ExpiredTokenException", "UnauthorizedException",
    "UnauthorizedClientException", "AccessDeniedException",
  };
  const char *code = cw_aws_error_get_code (error);

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (code, codes[i]))
      return TRUE;
  return FALSE;
}

GError *
cw_sso_sign_in_required (const char *session_key)
{
  return g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED,
                      _("Sign in to IAM Identity Center (“%s”) again: there is no valid sign-in."), session_key);
}

/* ---- the token ---- */

typedef struct {
  char        *session_key;
  char        *start_url;
  char        *region;
  CwSsoToken  *token;
  CwAwsClient *client;
} GetToken;

static void
get_token_free (GetToken *get)
{
  g_free (get->session_key);
  g_free (get->start_url);
  g_free (get->region);
  g_clear_pointer (&get->token, cw_sso_token_free);
  g_clear_object (&get->client);
  g_free (get);
}

static void
return_token (GTask      *task,
              CwSsoToken *token)
{
  g_task_return_pointer (task, token, (GDestroyNotify) cw_sso_token_free);
}

/* A token still usable for a while rather than an error that only says "try again". */
static void
return_old_token_or (GTask  *task,
                     GError *error)
{
  GetToken *get = g_task_get_task_data (task);

  if (cw_sso_token_is_valid_for (get->token, LAST_USE_S))
    {
      g_debug ("the refresh failed (%s); the token lasts a while yet", error->message);
      g_error_free (error);
      return_token (task, g_steal_pointer (&get->token));
    }
  else if (error->domain == CW_AWS_ERROR && cw_sso_error_needs_sign_in (error))
    {
      g_error_free (error);
      g_task_return_error (task, cw_sso_sign_in_required (get->session_key));
    }
  else
    g_task_return_error (task, error);
}

static void
on_refreshed_stored (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GetToken *get = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The refresh token was spent: a keyring that failed costs a sign-in later, not now. */
  if (!cw_sso_token_store_finish (result, &error))
    g_warning ("The refreshed IAM Identity Center sign-in could not be kept: %s", error->message);
  return_token (task, g_steal_pointer (&get->token));
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GetToken *get = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CwSsoOidcToken) answer = cw_sso_oidc_create_token_finish (CW_AWS_CLIENT (source), result, &error);
  CwSsoOidcRegistration registration = { get->token->client_id, get->token->client_secret,
                                         get->token->registration_expires_at };
  CwSsoToken *fresh;

  if (answer == NULL)
    {
      return_old_token_or (task, error);
      g_object_unref (task);
      return;
    }
  fresh = cw_sso_token_new_from_oidc (answer, get->token->start_url ? get->token->start_url : get->start_url,
                                      get->token->region ? get->token->region : get->region, &registration,
                                      get->token->registered_for_code);
  /* SSO OIDC may keep the refresh token as it was. */
  if (fresh->refresh_token == NULL)
    fresh->refresh_token = g_strdup (get->token->refresh_token);
  g_clear_pointer (&get->token, cw_sso_token_free);
  get->token = fresh;
  cw_sso_token_store_async (get->token, get->session_key, g_task_get_cancellable (task), on_refreshed_stored, task);
}

static void
use_token (GTask      *task,
           CwSsoToken *token)
{
  GetToken *get = g_task_get_task_data (task);
  CwSsoOidcGrant grant = { .grant_type = CW_SSO_OIDC_GRANT_REFRESH_TOKEN };

  get->token = token;
  if (cw_sso_token_is_valid_for (token, REFRESH_WINDOW_S) || !cw_sso_token_can_refresh (token))
    {
      return_old_token_or (task, cw_sso_sign_in_required (get->session_key));
      g_object_unref (task);
      return;
    }
  get->client = cw_sso_client_new (token->region ? token->region : get->region);
  grant.refresh_token = token->refresh_token;
  cw_sso_oidc_create_token_async (get->client, token->client_id, token->client_secret, &grant,
                                  g_task_get_cancellable (task), on_refreshed, task);
}

/* A token of another instance (the session's start URL changed) is no token. */
static gboolean
token_fits (GetToken   *get,
            CwSsoToken *token)
{
  return token != NULL && (get->start_url == NULL || token->start_url == NULL ||
                           g_str_equal (token->start_url, get->start_url));
}

static void
on_cli_cache_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GetToken *get = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CwSsoToken *token = cw_sso_token_read_cli_cache_finish (result, &error);

  if (g_task_return_error_if_cancelled (task))
    g_clear_pointer (&token, cw_sso_token_free);
  else if (!token_fits (get, token))
    {
      g_clear_pointer (&token, cw_sso_token_free);
      g_task_return_error (task, cw_sso_sign_in_required (get->session_key));
    }
  else
    {
      use_token (task, token);
      return;
    }
  g_object_unref (task);
}

static void
on_keyring_token (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  GetToken *get = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CwSsoToken *token = cw_sso_token_lookup_finish (result, &error);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&token, cw_sso_token_free);
      g_object_unref (task);
      return;
    }
  if (token_fits (get, token))
    {
      use_token (task, token);
      return;
    }
  g_clear_pointer (&token, cw_sso_token_free);
  /* Nothing in the keyring (or no keyring): what `aws sso login` left, if anything. */
  cw_sso_token_read_cli_cache_async (get->session_key, g_task_get_cancellable (task), on_cli_cache_read, task);
}

void
cw_sso_session_get_token_async (const char          *session_key,
                                const char          *start_url,
                                const char          *region,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  GetToken *get = g_new0 (GetToken, 1);

  g_task_set_source_tag (task, cw_sso_session_get_token_async);
  get->session_key = g_strdup (session_key);
  get->start_url = g_strdup (start_url);
  get->region = g_strdup (region);
  g_task_set_task_data (task, get, (GDestroyNotify) get_token_free);
  cw_sso_token_lookup_async (session_key, cancellable, on_keyring_token, task);
}

CwSsoToken *
cw_sso_session_get_token_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_sso_session_get_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- signing out ---- */

typedef struct {
  char        *session_key;
  CwAwsClient *client;
  GError      *logout_error;
} SignOut;

static void
sign_out_free (SignOut *out)
{
  g_free (out->session_key);
  g_clear_object (&out->client);
  g_clear_error (&out->logout_error);
  g_free (out);
}

static void
on_forgotten (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignOut *out = g_task_get_task_data (task);
  GError *error = NULL;

  if (!cw_sso_token_forget_finish (result, &error))
    g_task_return_error (task, error);
  else if (out->logout_error != NULL)
    g_task_return_error (task, g_steal_pointer (&out->logout_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
forget (GTask *task)
{
  SignOut *out = g_task_get_task_data (task);

  cw_sso_token_forget_async (out->session_key, g_task_get_cancellable (task), on_forgotten, task);
}

/* The keyring forgets even when the portal could not be told: signing out must not
 * leave a token behind. A token the portal no longer takes was ended already. */
static void
on_logged_out (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  SignOut *out = g_task_get_task_data (task);
  GError *error = NULL;

  if (!cw_sso_logout_finish (CW_AWS_CLIENT (source), result, &error) && !cw_sso_error_needs_sign_in (error))
    out->logout_error = error;
  else
    g_clear_error (&error);
  forget (task);
}

static void
on_sign_out_token (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  SignOut *out = g_task_get_task_data (task);
  g_autoptr(CwSsoToken) token = cw_sso_token_lookup_finish (result, NULL);

  if (token == NULL || !cw_sso_token_is_valid_for (token, 0))
    {
      forget (task);
      return;
    }
  out->client = cw_sso_client_new (token->region ? token->region : "us-east-1");
  cw_sso_logout_async (out->client, token->access_token, g_task_get_cancellable (task), on_logged_out, task);
}

void
cw_sso_session_sign_out_async (const char          *session_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  SignOut *out = g_new0 (SignOut, 1);

  g_task_set_source_tag (task, cw_sso_session_sign_out_async);
  out->session_key = g_strdup (session_key);
  g_task_set_task_data (task, out, (GDestroyNotify) sign_out_free);
  cw_sso_token_lookup_async (session_key, cancellable, on_sign_out_token, task);
}

gboolean
cw_sso_session_sign_out_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_sso_session_sign_out_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- accounts and roles ---- */

void
cw_sso_role_free (CwSsoRole *self)
{
  if (self == NULL)
    return;
  g_free (self->account_id);
  g_free (self->account_name);
  g_free (self->email_address);
  g_free (self->role_name);
  g_free (self);
}

typedef struct {
  CwAwsClient *client;
  char        *access_token;
  GPtrArray   *accounts;  /* CwSsoAccountInfo */
  guint        next;      /* the account whose roles are asked next */
  GPtrArray   *roles;     /* CwSsoRole */
} ListRoles;

static void
list_roles_free (ListRoles *list)
{
  g_clear_object (&list->client);
  cw_secure_free (list->access_token);
  g_clear_pointer (&list->accounts, g_ptr_array_unref);
  g_ptr_array_unref (list->roles);
  g_free (list);
}

static int
compare_roles (gconstpointer a,
               gconstpointer b)
{
  const CwSsoRole *left = *(const CwSsoRole * const *) a;
  const CwSsoRole *right = *(const CwSsoRole * const *) b;
  int order = g_utf8_collate (left->account_name ? left->account_name : "",
                              right->account_name ? right->account_name : "");

  if (order == 0)
    order = g_strcmp0 (left->account_id, right->account_id);
  return order != 0 ? order : g_utf8_collate (left->role_name, right->role_name);
}

static void list_next_account (GTask *task);

static void
on_account_roles (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  ListRoles *list = g_task_get_task_data (task);
  CwSsoAccountInfo *account = g_ptr_array_index (list->accounts, list->next);
  GError *error = NULL;
  g_autoptr(GPtrArray) names = cw_sso_list_account_roles_finish (CW_AWS_CLIENT (source), result, &error);

  if (names == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < names->len; i++)
    {
      CwSsoRole *role = g_new0 (CwSsoRole, 1);

      role->account_id = g_strdup (account->account_id);
      role->account_name = g_strdup (account->account_name);
      role->email_address = g_strdup (account->email_address);
      role->role_name = g_strdup (g_ptr_array_index (names, i));
      g_ptr_array_add (list->roles, role);
    }
  list->next++;
  list_next_account (task);
}

static void
list_next_account (GTask *task)
{
  ListRoles *list = g_task_get_task_data (task);
  CwSsoAccountInfo *account;

  if (list->next >= list->accounts->len)
    {
      g_ptr_array_sort (list->roles, compare_roles);
      g_task_return_pointer (task, g_ptr_array_ref (list->roles), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  account = g_ptr_array_index (list->accounts, list->next);
  cw_sso_list_account_roles_async (list->client, list->access_token, account->account_id,
                                   g_task_get_cancellable (task), on_account_roles, task);
}

static void
on_accounts (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  ListRoles *list = g_task_get_task_data (task);
  GError *error = NULL;

  list->accounts = cw_sso_list_accounts_finish (CW_AWS_CLIENT (source), result, &error);
  if (list->accounts == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  list_next_account (task);
}

void
cw_sso_session_list_roles_async (const CwSsoToken    *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ListRoles *list = g_new0 (ListRoles, 1);

  g_task_set_source_tag (task, cw_sso_session_list_roles_async);
  list->client = cw_sso_client_new (token->region);
  list->access_token = g_strdup (token->access_token);
  list->roles = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sso_role_free);
  g_task_set_task_data (task, list, (GDestroyNotify) list_roles_free);
  cw_sso_list_accounts_async (list->client, list->access_token, cancellable, on_accounts, task);
}

GPtrArray *
cw_sso_session_list_roles_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_sso_session_list_roles_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
