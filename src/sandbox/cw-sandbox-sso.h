/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-sso.h: what the three parts of the simulated IAM Identity Center share
 *
 * Private to src/sandbox. cw-sandbox-sso.c holds the sign-in state (registered
 * clients, authorization codes, device codes, tokens) and serves SSO OIDC;
 * cw-sandbox-sso-pages.c serves the pages a person sees in the browser (the /authorize
 * consent page, the device verification page); cw-sandbox-sso-portal.c serves the
 * portal that turns an access token into accounts, roles and role credentials;
 * cw-sandbox-sso-wire.c writes both rest-json APIs' answers and errors and applies the
 * --faults rules to their calls. Every function here is called with the world locked:
 * codes and tokens expire on its clock.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cw-sandbox-private.h"

G_BEGIN_DECLS

#define CW_SB_SSO_SCOPE "sso:account:access"

typedef struct {
  char   *client_id;
  char   *client_secret;
  char   *name;
  char  **scopes;
  char  **grant_types;     /* NULL: registered the legacy way, for the device code */
  char  **redirect_uris;
  gint64  expires;         /* world µs */
} CwSbSsoClient;

typedef struct {
  char   *token;
  char   *client_id;
  guint64 sign_in;         /* the sign-in it belongs to: what Logout ends */
  gint64  expires;
} CwSbSsoToken;

/* Clients and codes, for the pages. */
CwSbSsoClient      *cw_sb_sso_find_client          (CwSbSso            *sso,
                                                    CwSandboxWorld     *world,
                                                    const char         *client_id);
gboolean            cw_sb_sso_redirect_registered  (const CwSbSsoClient *client,
                                                    const char         *redirect_uri);
gboolean            cw_sb_sso_scopes_allowed       (const CwSbSsoClient *client,
                                                    const char         *scopes);
char               *cw_sb_sso_new_code             (CwSbSso            *sso,
                                                    CwSandboxWorld     *world,
                                                    const char         *client_id,
                                                    const char         *redirect_uri,
                                                    const char         *challenge);
gboolean            cw_sb_sso_decide_device        (CwSbSso            *sso,
                                                    CwSandboxWorld     *world,
                                                    const char         *user_code,
                                                    gboolean            allow);

/* Tokens, for the portal. */
const CwSbSsoToken *cw_sb_sso_find_access_token    (CwSbSso            *sso,
                                                    CwSandboxWorld     *world,
                                                    const char         *token);
void                cw_sb_sso_logout               (CwSbSso            *sso,
                                                    const CwSbSsoToken *token);

/* The rest-json wire: answers, and errors in the shape of each API (SSO OIDC's OAuth
 * error object, the portal's message) with the x-amzn-ErrorType header. */
void                cw_sb_sso_respond_json         (SoupServerMessage  *message,
                                                    const char         *request_id,
                                                    JsonNode           *body);
void                cw_sb_sso_respond_error        (SoupServerMessage  *message,
                                                    const char         *request_id,
                                                    gboolean            oauth,
                                                    const GError       *error);

/* Answers a call of @operation_name (NULL: no such operation) with @answer, counted
 * and subject to the --faults of @service ("sso-oidc", "sso"): throttled, failed,
 * dropped or delayed as the rules say. */
typedef void (*CwSbSsoAnswer) (CwSbServices      *services,
                               SoupServerMessage *message,
                               gconstpointer      operation);

void                cw_sb_sso_serve                (CwSbServices       *services,
                                                    SoupServerMessage  *message,
                                                    const char         *service,
                                                    const char         *operation_name,
                                                    CwSbSsoAnswer       answer,
                                                    gconstpointer       operation);

/* The pages and the portal, installed on the sandbox's server by cw_sb_sso_install(). */
void                cw_sb_sso_pages_install        (CwSbServices       *services,
                                                    SoupServer         *server);
void                cw_sb_sso_portal_install       (CwSbServices       *services,
                                                    SoupServer         *server);

G_END_DECLS
