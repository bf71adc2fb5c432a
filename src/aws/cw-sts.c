/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sts.c */
#define G_LOG_DOMAIN "cw-sts"

#include "config.h"

#include "cw-sts.h"

static const CwAwsField caller_identity_fields[] = {
  CW_AWS_STRING ("Account", CwStsCallerIdentity, account),
  CW_AWS_STRING ("Arn", CwStsCallerIdentity, arn),
  CW_AWS_STRING ("UserId", CwStsCallerIdentity, user_id),
};

CW_AWS_DEFINE_RECORD (CwStsCallerIdentity, cw_sts_caller_identity, caller_identity_fields)

static const CwAwsOperation get_caller_identity = {
  CW_AWS_SERVICE_STS, "GetCallerIdentity", CW_AWS_RESULT_RECORD, NULL, &cw_sts_caller_identity_record_type,
};

static const CwAwsOperation * const operations[] = {
  &get_caller_identity,
};

/* Every operation of this file, for the fuzzer and for IAM policy generation. */
const CwAwsOperation * const *
cw_sts_list_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (operations);
  return operations;
}

void
cw_sts_get_caller_identity_async (CwAwsClient         *client,
                                  CwAwsCallFlags       flags,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&get_caller_identity);

  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_sts_get_caller_identity, CwStsCallerIdentity *)
