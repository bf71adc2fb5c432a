/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sts.h: the STS operations Causeway uses: GetCallerIdentity (who the credentials
 * are) and AssumeRole (a role's temporary credentials, with MFA and an external id) */
#pragma once

#include "cw-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char *account;
  char *arn;
  char *user_id;
} CwStsCallerIdentity;

CW_AWS_DECLARE_RECORD (CwStsCallerIdentity, cw_sts_caller_identity)

/* AssumeRole's answer: Credentials and AssumedRoleUser. */
typedef struct {
  char *access_key_id;
  char *secret_access_key;
  char *session_token;
  char *expiration;          /* ISO 8601, as STS sends it */
  char *assumed_role_arn;
  char *assumed_role_id;
} CwStsAssumedRole;

CW_AWS_DECLARE_RECORD (CwStsAssumedRole, cw_sts_assumed_role)

/* AssumeRole's parameters; NULL (0 for the duration) leaves one out. */
typedef struct {
  const char *role_arn;
  const char *role_session_name;
  guint       duration_seconds;  /* 900..43200; 0: STS's default, an hour */
  const char *external_id;
  const char *serial_number;     /* the MFA device, with token_code */
  const char *token_code;
} CwStsAssumeRoleInput;

const CwAwsOperation * const *cw_sts_list_operations (guint *n_operations);

void                 cw_sts_get_caller_identity_async  (CwAwsClient          *client,
                                                        CwAwsCallFlags        flags,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
CwStsCallerIdentity *cw_sts_get_caller_identity_finish (CwAwsClient          *client,
                                                        GAsyncResult         *result,
                                                        GError              **error);


void                 cw_sts_assume_role_async          (CwAwsClient                *client,
                                                        const CwStsAssumeRoleInput *input,
                                                        GCancellable               *cancellable,
                                                        GAsyncReadyCallback         callback,
                                                        gpointer                    user_data);
CwStsAssumedRole    *cw_sts_assume_role_finish         (CwAwsClient                *client,
                                                        GAsyncResult               *result,
                                                        GError                    **error);
CwAwsCredentials    *cw_sts_assumed_role_get_credentials (const CwStsAssumedRole   *self,
                                                          gint64                   *expiration,
                                                          GError                  **error);

G_END_DECLS
