/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sts.c: see cw-sts.h; wire names from botocore's sts 2011-06-15 model */
#define G_LOG_DOMAIN "cw-sts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"
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
  CW_AWS_STRING ("AssumedRoleUser/Arn", CwStsAssumedRole, assumed_role_arn),
  CW_AWS_STRING ("AssumedRoleUser/AssumedRoleId", CwStsAssumedRole, assumed_role_id),
};

CW_AWS_DEFINE_RECORD (CwStsAssumedRole, cw_sts_assumed_role, assumed_role_fields)

static const CwAwsOperation assume_role = {
  CW_AWS_SERVICE_STS, "AssumeRole", CW_AWS_RESULT_RECORD, NULL, &cw_sts_assumed_role_record_type,
};

static const CwAwsOperation * const operations[] = {
  &assume_role,
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

static void
set_optional (CwAwsRequest *request,
              const char   *name,
              const char   *value)
{
  if (value != NULL)
    cw_aws_request_set (request, name, value);
}

/* Never retried on NotFound: a role that does not trust the caller is AccessDenied, and
 * an MFA code must not be sent twice. */
void
cw_sts_assume_role_async (CwAwsClient                *client,
                          const CwStsAssumeRoleInput *input,
                          GCancellable               *cancellable,
                          GAsyncReadyCallback         callback,
                          gpointer                    user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&assume_role);

  g_return_if_fail (input != NULL && input->role_arn != NULL && input->role_session_name != NULL);
  cw_aws_request_set (request, "RoleArn", input->role_arn);
  cw_aws_request_set (request, "RoleSessionName", input->role_session_name);
  if (input->duration_seconds != 0)
    cw_aws_request_set_int (request, "DurationSeconds", (int) input->duration_seconds);
  set_optional (request, "ExternalId", input->external_id);
  set_optional (request, "SerialNumber", input->serial_number);
  set_optional (request, "TokenCode", input->token_code);
  cw_aws_client_call_async (client, request, CW_AWS_CALL_DEFAULT, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_sts_assume_role, CwStsAssumedRole *)

/* The credentials of the answer and when they expire; an answer without them is not
 * what STS sends. */
CwAwsCredentials *
cw_sts_assumed_role_get_credentials (const CwStsAssumedRole  *self,
                                     gint64                  *expiration,
                                     GError                 **error)
{
  if (self->access_key_id == NULL || self->secret_access_key == NULL || self->session_token == NULL ||
      !cw_aws_credentials_parse_expiration (self->expiration, expiration))
    {
      g_set_error_literal (error, CW_AWS_ERROR, CW_AWS_ERROR_INVALID_RESPONSE,
                           _("STS answered AssumeRole without complete credentials"));
      return NULL;
    }
  return cw_aws_credentials_new (self->access_key_id, self->secret_access_key, self->session_token);
}
