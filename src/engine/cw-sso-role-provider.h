/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-role-provider.h: an IAM Identity Center role's credentials
 *
 * GetRoleCredentials with the session's token (cw_sso_session_get_token_async, which
 * refreshes it), fetched again before they expire. Without a valid sign-in, fetching
 * fails with CW_ENGINE_ERROR_SIGN_IN_REQUIRED.
 */
#pragma once

#include "cw-aws-credentials-provider.h"

G_BEGIN_DECLS

#define CW_TYPE_SSO_ROLE_PROVIDER (cw_sso_role_provider_get_type ())
G_DECLARE_FINAL_TYPE (CwSsoRoleProvider, cw_sso_role_provider, CW, SSO_ROLE_PROVIDER,
                      CwAwsCredentialsProvider)

CwAwsCredentialsProvider *cw_sso_role_provider_new (const char *session_key,
                                                    const char *start_url,
                                                    const char *region,
                                                    const char *account_id,
                                                    const char *role_name);

G_END_DECLS
