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

static const CwAwsField assumed_role_fields[] = {
  CW_AWS_STRING ("Credentials/AccessKeyId", CwStsAssumedRole, access_key_id),
  CW_AWS_STRING ("Credentials/SecretAccessKey", CwStsAssumedRole, secret_access_key),
  CW_AWS_STRING ("Credentials/SessionToken", CwStsAssumedRole, session_token),
  CW_AWS_STRING ("Credentials/Expiration", CwStsAssumedRole, expiration),
  CW_AWS_STRING ("AssumedRoleUser/Arn", CwStsAssumedRole, arn),
};

CW_AWS_DEFINE_RECORD (CwStsAssumedRole, cw_sts_assumed_role, assumed_role_fields)

static const CwAwsOperation assume_role = {
  CW_AWS_SERVICE_STS, "AssumeRole", CW_AWS_RESULT_RECORD, NULL, &cw_sts_assumed_role_record_type,
};

static const CwAwsOperation * const operations[] = {
  &get_caller_identity,
  &assume_role,
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

/* @duration_seconds 0 leaves STS's default (one hour); @external_id, @serial_number and
 * @token_code may be NULL. The MFA code goes in the form body, never in a URL. */
void
cw_sts_assume_role_async (CwAwsClient         *client,
                          const char          *role_arn,
                          const char          *role_session_name,
                          guint                duration_seconds,
                          const char          *external_id,
                          const char          *serial_number,
                          const char          *token_code,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&assume_role);

  cw_aws_request_set (request, "RoleArn", role_arn);
  cw_aws_request_set (request, "RoleSessionName", role_session_name);
  if (duration_seconds > 0)
    cw_aws_request_set_int (request, "DurationSeconds", (int) duration_seconds);
  if (external_id != NULL)
    cw_aws_request_set (request, "ExternalId", external_id);
  if (serial_number != NULL)
    cw_aws_request_set (request, "SerialNumber", serial_number);
  if (token_code != NULL)
    cw_aws_request_set (request, "TokenCode", token_code);
  cw_aws_client_call_async (client, request, CW_AWS_CALL_DEFAULT, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_sts_assume_role, CwStsAssumedRole *)
