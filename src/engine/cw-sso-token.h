/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-token.h: an IAM Identity Center sign-in, kept in the keyring (DESIGN.md §5)
 *
 * What SSO OIDC gives a client that signed in: the client's registration (its id and
 * secret, and when the registration ends), the access token the portal takes and when it
 * expires, and the refresh token that renews it. All of it is secret: it lives in the
 * keyring only, under the credential schema with kind "aws-sso-token", labelled by the
 * sso-session's name (or the start URL of a legacy profile), never in a file.
 *
 * People who ran `aws sso login` have the same in ~/.aws/sso/cache/: it is read, never
 * written, so they need not sign in again.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CW_SSO_TOKEN_KIND "aws-sso-token"

typedef struct {
  char   *start_url;
  char   *region;
  char   *access_token;
  gint64  expires_at;               /* Unix seconds */
  char   *refresh_token;            /* NULL when the sign-in cannot be renewed */
  char   *client_id;
  char   *client_secret;
  gint64  registration_expires_at;  /* Unix seconds; 0 when not known */
  /* The registration takes the authorization code (the browser sign-in); one made the
   * legacy way takes the device code only, so each flow reuses only its own kind. */
  gboolean registered_for_code;
} CwSsoToken;

#define CW_TYPE_SSO_TOKEN (cw_sso_token_get_type ())
GType       cw_sso_token_get_type        (void);
CwSsoToken *cw_sso_token_copy            (const CwSsoToken  *self);
void        cw_sso_token_free            (CwSsoToken        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSsoToken, cw_sso_token_free)

gboolean    cw_sso_token_is_valid_for    (const CwSsoToken  *self,
                                          gint64             seconds);
gboolean    cw_sso_token_can_refresh     (const CwSsoToken  *self);
char       *cw_sso_token_to_json         (const CwSsoToken  *self);
CwSsoToken *cw_sso_token_new_from_json   (const char        *json,
                                          const char        *what,
                                          GError           **error);

char       *cw_sso_token_cli_cache_path  (const char        *session_key);
void        cw_sso_token_read_cli_cache_async  (const char          *session_key,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CwSsoToken *cw_sso_token_read_cli_cache_finish (GAsyncResult        *result,
                                                GError             **error);

void        cw_sso_token_store_async     (const CwSsoToken    *self,
                                          const char          *session_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    cw_sso_token_store_finish    (GAsyncResult        *result,
                                          GError             **error);
void        cw_sso_token_lookup_async    (const char          *session_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
CwSsoToken *cw_sso_token_lookup_finish   (GAsyncResult        *result,
                                          GError             **error);
void        cw_sso_token_forget_async    (const char          *session_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    cw_sso_token_forget_finish   (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
