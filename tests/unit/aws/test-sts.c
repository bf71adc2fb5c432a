/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The STS operations: AssumeRole's form as botocore's model names it (with and without
 * its optional members), its answer decoded into credentials and an expiration, and a
 * trust policy's refusal as an access-denied error naming sts:AssumeRole. */
#include "config.h"

#include "aws-test-server.h"
#include "cw-aws-error.h"
#include "cw-net.h"
#include "cw-sts.h"

#define VERSION   "2011-06-15"
#define ROLE_ARN  "arn:aws:iam::123456789012:role/CausewayOperator"
#define MFA       "arn:aws:iam::123456789012:mfa/ops"

typedef AwsTestFixture Fixture;

static CwStsAssumedRole *
assume (Fixture                    *fixture,
        const CwStsAssumeRoleInput *input)
{
  cw_sts_assume_role_async (fixture->client, input, NULL, aws_test_store_result, &fixture->result);
  return cw_sts_assume_role_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
}

static void
test_assume_role_full (Fixture       *fixture,
                       gconstpointer  data)
{
  const CwStsAssumeRoleInput input = {
    ROLE_ARN, "causeway-1764745200", 7200, "partner-id-42", MFA, "123456",
  };
  g_autoptr(CwStsAssumedRole) role = NULL;
  g_autoptr(CwAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expiration = 0;

  aws_test_server_reply_file (fixture->server, "sts-AssumeRole.xml");
  role = assume (fixture, &input);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (aws_test_server_get_service (fixture->server, 0), ==, "sts");
  aws_test_assert_form (aws_test_server_get_form (fixture->server, 0), "AssumeRole", VERSION,
                        "RoleArn", ROLE_ARN,
                        "RoleSessionName", "causeway-1764745200",
                        "DurationSeconds", "7200",
                        "ExternalId", "partner-id-42",
                        "SerialNumber", MFA,
                        "TokenCode", "123456",
                        NULL);
  g_assert_cmpstr (role->assumed_role_arn, ==,
                   "arn:aws:sts::123456789012:assumed-role/CausewayOperator/causeway-1764745200");
  g_assert_cmpstr (role->assumed_role_id, ==, "AROA3XFRBF535PLBIFPI4:causeway-1764745200");
  g_assert_cmpstr (role->expiration, ==, "2026-12-03T08:00:00Z");
  credentials = cw_sts_assumed_role_get_credentials (role, &expiration, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credentials->access_key_id, ==, "ASIAIOSFODNN7EXAMPLE");
  g_assert_cmpstr (credentials->secret_access_key, ==, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
  g_assert_true (g_str_has_prefix (credentials->session_token, "IQoJb3JpZ2luX2Vj"));
  g_assert_cmpint (expiration, ==, 1796284800);
}

/* Only the two required members when nothing else is asked for. */
static void
test_assume_role_minimal (Fixture       *fixture,
                          gconstpointer  data)
{
  const CwStsAssumeRoleInput input = { ROLE_ARN, "ops" };
  g_autoptr(CwStsAssumedRole) role = NULL;

  aws_test_server_reply_file (fixture->server, "sts-AssumeRole.xml");
  role = assume (fixture, &input);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (aws_test_server_get_form (fixture->server, 0), "AssumeRole", VERSION,
                        "RoleArn", ROLE_ARN,
                        "RoleSessionName", "ops",
                        NULL);
}

static void
test_assume_role_denied (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *denied = aws_test_read_response ("error-sts-AccessDenied.xml");
  const CwStsAssumeRoleInput input = { ROLE_ARN, "ops" };
  g_autoptr(CwStsAssumedRole) role = NULL;

  aws_test_server_reply (fixture->server, 403, denied);
  role = assume (fixture, &input);
  g_assert_null (role);
  g_assert_error (fixture->error, CW_AWS_ERROR, CW_AWS_ERROR_ACCESS_DENIED);
  g_assert_cmpstr (cw_aws_error_get_code (fixture->error), ==, "AccessDenied");
  g_assert_cmpstr (cw_aws_error_get_action (fixture->error), ==, "sts:AssumeRole");
  g_assert_cmpstr (cw_aws_error_get_request_id (fixture->error), ==, "5e8b2a11-7c4d-4f9e-a2b3-9d0c1e2f3a4b");
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 1);
}

/* An answer without a session token or with an unreadable expiration is refused. */
static void
test_assume_role_incomplete (Fixture       *fixture,
                             gconstpointer  data)
{
  const CwStsAssumeRoleInput input = { ROLE_ARN, "ops" };
  g_autoptr(CwStsAssumedRole) role = NULL;
  g_autoptr(CwAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expiration = 0;

  aws_test_server_reply (fixture->server, 200,
                         "<AssumeRoleResponse><AssumeRoleResult><Credentials>"
                         "<AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
                         "<SessionToken>t</SessionToken><Expiration>soon</Expiration>"
                         "</Credentials></AssumeRoleResult></AssumeRoleResponse>");
  role = assume (fixture, &input);
  g_assert_no_error (fixture->error);
  credentials = cw_sts_assumed_role_get_credentials (role, &expiration, &error);
  g_assert_null (credentials);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_INVALID_RESPONSE);
}

/* The IAM policy names every operation of the file. */
static void
test_operations_listed (void)
{
  guint n = 0;
  const CwAwsOperation * const *operations = cw_sts_list_operations (&n);
  g_autofree char *first = NULL;

  g_assert_cmpuint (n, ==, 2);
  first = cw_aws_operation_dup_iam_action (operations[0]);
  g_assert_cmpstr (first, ==, "sts:AssumeRole");
}

/* A debug log of the form shows what was asked, never the MFA code. */
static void
test_form_redacted (void)
{
  const char form[] = "Action=AssumeRole&TokenCode=123456&SerialNumber=arn&RoleSessionName=TokenCode";
  g_autofree char *shown = cw_redact_form_body (form, sizeof form - 1);

  g_assert_cmpstr (shown, ==, "Action=AssumeRole&TokenCode=[redacted]&SerialNumber=arn&RoleSessionName=TokenCode");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name) g_test_add ("/aws/sts/" #name, Fixture, NULL, aws_test_fixture_set_up, test_##name, aws_test_fixture_tear_down)
  ADD (assume_role_full);
  ADD (assume_role_minimal);
  ADD (assume_role_denied);
  ADD (assume_role_incomplete);
#undef ADD
  g_test_add_func ("/aws/sts/operations-listed", test_operations_listed);
  g_test_add_func ("/aws/sts/form-redacted", test_form_redacted);
  return g_test_run ();
}
