/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sts.h: the STS operation Causeway uses (GetCallerIdentity) */
#pragma once

#include "cw-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char *account;
  char *arn;
  char *user_id;
} CwStsCallerIdentity;

CW_AWS_DECLARE_RECORD (CwStsCallerIdentity, cw_sts_caller_identity)

/* AssumeRole's temporary credentials: the secret half is never logged. */
typedef struct {
  char *access_key_id;
  char *secret_access_key;
  char *session_token;
  char *expiration;   /* ISO 8601 */
  char *arn;          /* the assumed role user's */
} CwStsAssumedRole;

CW_AWS_DECLARE_RECORD (CwStsAssumedRole, cw_sts_assumed_role)

const CwAwsOperation * const *cw_sts_list_operations (guint *n_operations);

void                 cw_sts_get_caller_identity_async  (CwAwsClient          *client,
                                                        CwAwsCallFlags        flags,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
CwStsCallerIdentity *cw_sts_get_caller_identity_finish (CwAwsClient          *client,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void                 cw_sts_assume_role_async          (CwAwsClient          *client,
                                                        const char           *role_arn,
                                                        const char           *role_session_name,
                                                        guint                 duration_seconds,
                                                        const char           *external_id,
                                                        const char           *serial_number,
                                                        const char           *token_code,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
CwStsAssumedRole    *cw_sts_assume_role_finish         (CwAwsClient          *client,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
