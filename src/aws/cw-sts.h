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

const CwAwsOperation * const *cw_sts_list_operations (guint *n_operations);

void                 cw_sts_get_caller_identity_async  (CwAwsClient          *client,
                                                        CwAwsCallFlags        flags,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
CwStsCallerIdentity *cw_sts_get_caller_identity_finish (CwAwsClient          *client,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
