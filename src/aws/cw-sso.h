/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso.h: the IAM Identity Center portal
 *
 * What an SSO OIDC access token opens (botocore's "sso", specs/aws/sso): the accounts
 * and roles the person is assigned, a role's temporary credentials, and ending the
 * sign-in. Unsigned rest-json calls with the token in the x-amz-sso_bearer_token header;
 * lists are followed through next_token to the end.
 */
#pragma once

#include "cw-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char *account_id;
  char *account_name;
  char *email_address;
} CwSsoAccountInfo;

void cw_sso_account_info_free (CwSsoAccountInfo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSsoAccountInfo, cw_sso_account_info_free)

/* A GPtrArray of CwSsoAccountInfo, all pages. */
void              cw_sso_list_accounts_async            (CwAwsClient          *client,
                                                         const char           *access_token,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray        *cw_sso_list_accounts_finish           (CwAwsClient          *client,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* A GPtrArray of role names (strings), all pages. */
void              cw_sso_list_account_roles_async       (CwAwsClient          *client,
                                                         const char           *access_token,
                                                         const char           *account_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray        *cw_sso_list_account_roles_finish      (CwAwsClient          *client,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* @expiration: when they expire, in Unix milliseconds as the portal says it. */
void              cw_sso_get_role_credentials_async     (CwAwsClient          *client,
                                                         const char           *access_token,
                                                         const char           *account_id,
                                                         const char           *role_name,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CwAwsCredentials *cw_sso_get_role_credentials_finish    (CwAwsClient          *client,
                                                         GAsyncResult         *result,
                                                         gint64               *expiration_ms,
                                                         GError              **error);
void              cw_sso_logout_async                   (CwAwsClient          *client,
                                                         const char           *access_token,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean          cw_sso_logout_finish                  (CwAwsClient          *client,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
