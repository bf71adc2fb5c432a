/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-sts.c: STS AssumeRole as AWS checks it (the trust policy's external id
 * and MFA, session names, durations, role chaining), and the sessions it hands out:
 * accepted by every service's SigV4 check until they expire on the sandbox's clock,
 * then refused in each service's words. */
#include "config.h"

#include <string.h>

#include "sandbox-test.h"

#define OPERATOR   "arn:aws:iam::111122223333:role/CausewayOperator"
#define PARTNER    "arn:aws:iam::111122223333:role/CausewayPartner"
#define MFA_SERIAL "arn:aws:iam::111122223333:mfa/sandbox-user"

static CwAwsCredentials *
credentials_from (const char *body)
{
  g_autofree char *key = sb_xml_get (body, "AccessKeyId");
  g_autofree char *secret = sb_xml_get (body, "SecretAccessKey");
  g_autofree char *token = sb_xml_get (body, "SessionToken");

  g_assert_true (g_str_has_prefix (key, "ASIA"));
  g_assert_cmpuint (strlen (key), ==, 20);
  return cw_aws_credentials_new (key, secret, token);
}

static char *
assume_operator (SbTest     *sb,
                 const char *session_name)
{
  return sb_aws_ok (sb, "sts", "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", session_name,
                    "SerialNumber", MFA_SERIAL, "TokenCode", cw_sandbox_get_mfa_code (sb->sandbox), NULL);
}

static void
test_mfa (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *body = NULL;
  g_autofree char *message = NULL;
  guint status = 0;

  sb_aws_expect_error (sb, "sts", "AccessDenied", "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", "ops", NULL);
  body = sb_aws (sb, "sts", &status, "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", "ops",
                 "SerialNumber", MFA_SERIAL, "TokenCode", g_str_equal (cw_sandbox_get_mfa_code (sb->sandbox), "123456")
                                                          ? "654321" : "123456", NULL);
  message = sb_xml_get (body, "Message");
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (message, ==, "MultiFactorAuthentication failed with invalid MFA one time pass code. ");
  sb_aws_expect_error (sb, "sts", "AccessDenied", "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", "ops",
                       "SerialNumber", "arn:aws:iam::111122223333:mfa/someone-else",
                       "TokenCode", cw_sandbox_get_mfa_code (sb->sandbox), NULL);
  sb_aws_expect_error (sb, "sts", "ValidationError", "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", "ops",
                       "SerialNumber", MFA_SERIAL, "TokenCode", "12345", NULL);
}

/* The code is the seed's: the standalone sandbox prints it, a test may predict it. */
static void
test_mfa_code_per_seed (void)
{
  g_autoptr(SbTest) one = sb_test_new_seeded (1.0, "default", NULL, 7);
  g_autoptr(SbTest) again = sb_test_new_seeded (1.0, "default", NULL, 7);
  const char *code = cw_sandbox_get_mfa_code (one->sandbox);

  g_assert_cmpuint (strlen (code), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_true (g_ascii_isdigit (code[i]));
  g_assert_cmpstr (code, ==, cw_sandbox_get_mfa_code (again->sandbox));
}

static void
test_session (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *assumed = assume_operator (sb, "ops@example.com");
  g_autoptr(CwAwsCredentials) session = credentials_from (assumed);
  g_autofree char *arn = sb_xml_get (assumed, "Arn");
  g_autofree char *role_id = sb_xml_get (assumed, "AssumedRoleId");
  g_autofree char *identity = NULL;
  g_autofree char *caller = NULL;

  g_assert_cmpstr (arn, ==, "arn:aws:sts::111122223333:assumed-role/CausewayOperator/ops@example.com");
  g_assert_true (g_str_has_prefix (role_id, "AROA") && g_str_has_suffix (role_id, ":ops@example.com"));
  sb_test_sign_as (sb, session);
  identity = sb_aws_ok (sb, "sts", "GetCallerIdentity", NULL);
  sb_test_sign_as (sb, NULL);
  caller = sb_xml_get (identity, "Arn");
  g_assert_cmpstr (caller, ==, arn);
  sb_aws_expect_as (sb, session, "ec2", "DescribeVpcs", 200, NULL);
  /* The default hour, on the sandbox's clock. */
  cw_sandbox_advance_clock (sb->sandbox, 3500);
  sb_aws_expect_as (sb, session, "sts", "GetCallerIdentity", 200, NULL);
  cw_sandbox_advance_clock (sb->sandbox, 101);
  sb_aws_expect_as (sb, session, "sts", "GetCallerIdentity", 403, "ExpiredToken");
  sb_aws_expect_as (sb, session, "elasticloadbalancing", "DescribeLoadBalancers", 403, "ExpiredToken");
  sb_aws_expect_as (sb, session, "ec2", "DescribeVpcs", 400, "RequestExpired");
}

/* A session token is its key's only: another's, or none, is an unknown key. */
static void
test_session_token_checked (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *first = assume_operator (sb, "first");
  g_autofree char *second = assume_operator (sb, "second");
  g_autoptr(CwAwsCredentials) one = credentials_from (first);
  g_autoptr(CwAwsCredentials) two = credentials_from (second);
  g_autoptr(CwAwsCredentials) mixed = cw_aws_credentials_new (one->access_key_id, one->secret_access_key,
                                                              two->session_token);
  g_autoptr(CwAwsCredentials) bare = cw_aws_credentials_new (one->access_key_id, one->secret_access_key, NULL);
  g_autoptr(CwAwsCredentials) user_with_token = cw_aws_credentials_new (CW_SANDBOX_ACCESS_KEY_ID,
                                                                        cw_sandbox_get_secret_access_key (sb->sandbox),
                                                                        two->session_token);

  sb_aws_expect_as (sb, mixed, "sts", "GetCallerIdentity", 403, "InvalidClientTokenId");
  sb_aws_expect_as (sb, bare, "sts", "GetCallerIdentity", 403, "InvalidClientTokenId");
  sb_aws_expect_as (sb, bare, "ec2", "DescribeVpcs", 401, "AuthFailure");
  sb_aws_expect_as (sb, user_with_token, "sts", "GetCallerIdentity", 403, "InvalidClientTokenId");
}

static void
test_external_id (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *body = NULL;
  g_autofree char *arn = NULL;

  sb_aws_expect_error (sb, "sts", "AccessDenied", "AssumeRole", "RoleArn", PARTNER, "RoleSessionName", "partner", NULL);
  sb_aws_expect_error (sb, "sts", "AccessDenied", "AssumeRole", "RoleArn", PARTNER, "RoleSessionName", "partner",
                       "ExternalId", "someone-elses-id", NULL);
  sb_aws_expect_error (sb, "sts", "ValidationError", "AssumeRole", "RoleArn", PARTNER, "RoleSessionName", "partner",
                       "ExternalId", "has space", NULL);
  body = sb_aws_ok (sb, "sts", "AssumeRole", "RoleArn", PARTNER, "RoleSessionName", "partner",
                    "ExternalId", "causeway-sandbox-partner", NULL);
  arn = sb_xml_get (body, "Arn");
  g_assert_cmpstr (arn, ==, "arn:aws:sts::111122223333:assumed-role/CausewayPartner/partner");
}

static void
test_validation (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  const char *code = cw_sandbox_get_mfa_code (sb->sandbox);
  static const char * const bad_names[] = { "a", "has space", "slash/no", "a-name-that-is-longer-than-sixty-four-characters-and-so-refused-x" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    sb_aws_expect_error (sb, "sts", "ValidationError", "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", bad_names[i],
                         "SerialNumber", MFA_SERIAL, "TokenCode", code, NULL);
  sb_aws_expect_error (sb, "sts", "ValidationError", "AssumeRole", "RoleArn", OPERATOR, NULL);
  sb_aws_expect_error (sb, "sts", "ValidationError", "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", "ops",
                       "SerialNumber", MFA_SERIAL, "TokenCode", code, "DurationSeconds", "899", NULL);
  sb_aws_expect_error (sb, "sts", "ValidationError", "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", "ops",
                       "SerialNumber", MFA_SERIAL, "TokenCode", code, "DurationSeconds", "43201", NULL);
  sb_aws_expect_error (sb, "sts", "ValidationError", "AssumeRole", "RoleArn", PARTNER, "RoleSessionName", "ops",
                       "ExternalId", "causeway-sandbox-partner", "DurationSeconds", "7200", NULL);
  sb_aws_expect_error (sb, "sts", "AccessDenied", "AssumeRole", "RoleArn", "arn:aws:iam::111122223333:role/Nobody",
                       "RoleSessionName", "ops", NULL);
  g_free (sb_aws_ok (sb, "sts", "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", "twelve-hours",
                     "SerialNumber", MFA_SERIAL, "TokenCode", code, "DurationSeconds", "43200", NULL));
}

/* A role's session assuming another role is role chaining: an hour at most. */
static void
test_role_chaining (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *assumed = assume_operator (sb, "first-hop");
  g_autoptr(CwAwsCredentials) session = credentials_from (assumed);
  const char *code = cw_sandbox_get_mfa_code (sb->sandbox);

  sb_test_sign_as (sb, session);
  sb_aws_expect_error (sb, "sts", "ValidationError", "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", "hop",
                       "SerialNumber", MFA_SERIAL, "TokenCode", code, "DurationSeconds", "7200", NULL);
  g_free (sb_aws_ok (sb, "sts", "AssumeRole", "RoleArn", OPERATOR, "RoleSessionName", "hop",
                     "SerialNumber", MFA_SERIAL, "TokenCode", code, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/sts/mfa", test_mfa);
  g_test_add_func ("/sandbox/sts/mfa-code-per-seed", test_mfa_code_per_seed);
  g_test_add_func ("/sandbox/sts/session", test_session);
  g_test_add_func ("/sandbox/sts/session-token-checked", test_session_token_checked);
  g_test_add_func ("/sandbox/sts/external-id", test_external_id);
  g_test_add_func ("/sandbox/sts/validation", test_validation);
  g_test_add_func ("/sandbox/sts/role-chaining", test_role_chaining);
  return g_test_run ();
}
