/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-account-check.h: the clients for a pair of saved credentials, and proof that both
 * clouds accept them
 *
 * Turns the AWS credential into a provider of renewable credentials
 * (cw_credential_store_new_aws_provider_async: keys, an IAM Identity Center role or an AWS
 * CLI profile, asking @prompter for MFA codes), looks up the TiDB Cloud key, builds the
 * clients (CwClouds), then asks AWS who the
 * credential is (STS GetCallerIdentity) and TiDB Cloud which projects the key sees, at
 * the same time. An error says which of the two keys was rejected, and why.
 */
#pragma once

#include <gio/gio.h>

#include "cw-clouds.h"
#include "cw-credential-store.h"

G_BEGIN_DECLS

#define CW_TYPE_ACCOUNT_CHECK (cw_account_check_get_type ())
G_DECLARE_FINAL_TYPE (CwAccountCheck, cw_account_check, CW, ACCOUNT_CHECK, GObject)

void            cw_account_check_run_async     (CwCredentialStore   *store,
                                                CwCredential        *aws,
                                                CwCredential        *tidb,
                                                CwMfaPrompter       *prompter,
                                                double               time_scale,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CwAccountCheck *cw_account_check_run_finish    (GAsyncResult        *result,
                                                GError             **error);

CwClouds       *cw_account_check_get_clouds     (CwAccountCheck     *self);
const char     *cw_account_check_get_aws_account (CwAccountCheck    *self);
const char     *cw_account_check_get_aws_arn    (CwAccountCheck     *self);
GListModel     *cw_account_check_get_projects   (CwAccountCheck     *self);

G_END_DECLS
