/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-session.h: signing in to IAM Identity Center, and the sign-in's token afterwards
 *
 * A session is what an `[sso-session NAME]` section of ~/.aws/config describes (its key
 * is NAME), or the start URL and region of a legacy SSO profile (its key is the start
 * URL). Signing in is the AWS CLI's (2.22 and later): SSO OIDC RegisterClient, then the
 * authorization code with PKCE through the browser and a loopback SoupServer, or the
 * device code where no browser can call back. The token lands in the keyring
 * (CwSsoToken); getting it later refreshes it when under 15 minutes remain, and falls back
 * to an unexpired AWS CLI token in ~/.aws/sso/cache/, read-only.
 *
 * Nothing here opens a browser: CwSsoSignIn::open-uri tells the caller (the CLI prints
 * the URL and launches the default handler, the GUI uses GtkUriLauncher).
 */
#pragma once

#include <gio/gio.h>

#include "cw-sso-token.h"

G_BEGIN_DECLS

/* The scope of every sign-in that lists accounts and gets role credentials. */
#define CW_SSO_DEFAULT_SCOPE "sso:account:access"

typedef enum {
  CW_SSO_FLOW_BROWSER,      /* authorization code + PKCE, loopback redirect */
  CW_SSO_FLOW_DEVICE_CODE,  /* the person types a code on a page */
} CwSsoFlow;

#define CW_TYPE_SSO_SIGN_IN (cw_sso_sign_in_get_type ())
G_DECLARE_FINAL_TYPE (CwSsoSignIn, cw_sso_sign_in, CW, SSO_SIGN_IN, GObject)

/* Signals:
 *   "device-code" (const char *user_code, const char *verification_uri): the device flow's
 *     code, emitted before "open-uri".
 *   "open-uri" (const char *uri): the page the person approves the sign-in on.
 * @scopes may be NULL for CW_SSO_DEFAULT_SCOPE. */
CwSsoSignIn *cw_sso_sign_in_new          (const char          *session_key,
                                          const char          *start_url,
                                          const char          *region,
                                          const char * const  *scopes);
/* How long the sign-in waits for the person (default 600 s). */
void         cw_sso_sign_in_set_timeout  (CwSsoSignIn         *self,
                                          guint                seconds);
/* The clock of the clouds in use (1.0 for AWS; the sandbox's time scale): scales the
 * waits that are Causeway's own. */
void         cw_sso_sign_in_set_time_scale (CwSsoSignIn       *self,
                                            double             time_scale);
void         cw_sso_sign_in_run_async    (CwSsoSignIn         *self,
                                          CwSsoFlow            flow,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* The token, already stored in the keyring under the session's key. */
CwSsoToken  *cw_sso_sign_in_run_finish   (CwSsoSignIn         *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* The session's token, refreshed when under 15 minutes remain. Without one, or with one
 * that expired and cannot be refreshed: CW_ENGINE_ERROR_SIGN_IN_REQUIRED. */
void         cw_sso_session_get_token_async  (const char          *session_key,
                                              const char          *start_url,
                                              const char          *region,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CwSsoToken  *cw_sso_session_get_token_finish (GAsyncResult        *result,
                                              GError             **error);

/* Ends the sign-in at the portal (Logout) and forgets the token in the keyring. */
void         cw_sso_session_sign_out_async   (const char          *session_key,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     cw_sso_session_sign_out_finish  (GAsyncResult        *result,
                                              GError             **error);

/* One role a sign-in may take in one account. */
typedef struct {
  char *account_id;
  char *account_name;
  char *email_address;
  char *role_name;
} CwSsoRole;

void         cw_sso_role_free (CwSsoRole *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSsoRole, cw_sso_role_free)

/* Every account and role the token may use (ListAccounts, then ListAccountRoles for
 * each, all pages), sorted by account name then role: a GPtrArray of CwSsoRole. */
void         cw_sso_session_list_roles_async  (const CwSsoToken    *token,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray   *cw_sso_session_list_roles_finish (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
