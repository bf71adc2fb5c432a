/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-credential-store.h: the credentials Causeway knows, as a GListModel of CwCredential,
 * and the passwords of the SQL users its dataflows sign in as
 *
 * Saved credentials live in the Secret Service keyring (one item each, schema
 * io.github.causeway.Credential); credentials from the environment, and the sandbox's,
 * are kept in memory only. SQL users (CwSqlUser) are items of the same schema, one per
 * database and user, and no CwCredential: the dataflow pages ask for them by database.
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "cw-aws-credentials-provider.h"
#include "cw-aws-profile.h"
#include "cw-credential.h"
#include "cw-mfa-prompter.h"

G_BEGIN_DECLS

#define CW_TYPE_CREDENTIAL_STORE (cw_credential_store_get_type ())
G_DECLARE_FINAL_TYPE (CwCredentialStore, cw_credential_store, CW, CREDENTIAL_STORE, GObject)

const SecretSchema *cw_credential_schema (void);
GError             *cw_keyring_error     (GError *error);

CwCredentialStore  *cw_credential_store_new                 (void);
void                cw_credential_store_add_from_environment (CwCredentialStore   *self);
void                cw_credential_store_add_in_memory       (CwCredentialStore   *self,
                                                             CwCredential        *credential,
                                                             const CwCredentialSecret *secret);
gboolean            cw_credential_store_is_saved            (CwCredentialStore   *self,
                                                             CwCredential        *credential);
CwCredential       *cw_credential_store_find                (CwCredentialStore   *self,
                                                             CwCredentialKind     kind,
                                                             const char          *label);

void                cw_credential_store_load_async          (CwCredentialStore   *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            cw_credential_store_load_finish         (CwCredentialStore   *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void                cw_credential_store_save_async          (CwCredentialStore   *self,
                                                             CwCredential        *credential,
                                                             CwCredential        *previous,
                                                             const CwCredentialSecret *secret,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            cw_credential_store_save_finish         (CwCredentialStore   *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void                cw_credential_store_remove_async        (CwCredentialStore   *self,
                                                             CwCredential        *credential,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            cw_credential_store_remove_finish       (CwCredentialStore   *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void                cw_credential_store_lookup_secret_async (CwCredentialStore   *self,
                                                             CwCredential        *credential,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
CwCredentialSecret *cw_credential_store_lookup_secret_finish (CwCredentialStore  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* The one way from an AWS credential to its keys, for the application and the CLI alike
 * (cw-credential-sources.c): long-lived keys as they are, an IAM Identity Center
 * role through the session's token, an AWS CLI profile resolved now with its chain. The
 * provider renews what expires; MFA codes a role needs are asked of @prompter (may be
 * NULL). */
void                      cw_credential_store_new_aws_provider_async  (CwCredentialStore   *self,
                                                                       CwCredential        *credential,
                                                                       CwMfaPrompter       *prompter,
                                                                       GCancellable        *cancellable,
                                                                       GAsyncReadyCallback  callback,
                                                                       gpointer             user_data);
CwAwsCredentialsProvider *cw_credential_store_new_aws_provider_finish (CwCredentialStore   *self,
                                                                       GAsyncResult        *result,
                                                                       GError             **error);

CwCredential             *cw_credential_new_from_aws_profile          (const CwAwsProfile  *profile);

/* SQL users' passwords (DESIGN.md §12). Storing the same database and user again
 * replaces the password. The lookup's password is freed with cw_secure_free()
 * (g_autoptr(CwSecureString)); a user without a saved password is CW_ENGINE_ERROR_NOT_FOUND.
 * The list names the users saved for @database's database (its user is ignored), sorted
 * by user name. Deleting a user that has nothing saved succeeds. */
void       cw_sql_user_store_async            (const CwSqlUser     *user,
                                               const char          *password,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean   cw_sql_user_store_finish           (GAsyncResult        *result,
                                               GError             **error);
void       cw_sql_user_lookup_password_async  (const CwSqlUser     *user,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char      *cw_sql_user_lookup_password_finish (GAsyncResult        *result,
                                               GError             **error);
void       cw_sql_users_list_async            (const CwSqlUser     *database,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *cw_sql_users_list_finish           (GAsyncResult        *result,
                                               GError             **error);
void       cw_sql_user_delete_async           (const CwSqlUser     *user,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean   cw_sql_user_delete_finish          (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
