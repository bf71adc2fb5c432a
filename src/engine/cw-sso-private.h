/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-private.h: what the sign-in, the session and the role provider share
 *
 * Private to src/engine's cw-sso-*.c: the one way to reach IAM Identity Center for a
 * region, and the one way an SSO OIDC answer becomes a CwSsoToken.
 */
#pragma once

#include "cw-aws-client.h"
#include "cw-sso-oidc.h"
#include "cw-sso-token.h"

G_BEGIN_DECLS

/* Signing in, and refreshing, need this many seconds left on a registration. */
#define CW_SSO_REGISTRATION_MARGIN_S (60 * 60)

CwAwsClient *cw_sso_client_new           (const char                  *region);
CwSsoToken  *cw_sso_token_new_from_oidc  (const CwSsoOidcToken        *answer,
                                          const char                  *start_url,
                                          const char                  *region,
                                          const CwSsoOidcRegistration *registration,
                                          gboolean                     registered_for_code);
gboolean     cw_sso_error_needs_sign_in  (const GError                *error);
GError      *cw_sso_sign_in_required     (const char                  *session_key);

G_END_DECLS
