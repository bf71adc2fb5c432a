/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of credential validation and masking. */
#include "config.h"

#include <string.h>

#include "cw-credential-store.h"
#include "cw-engine-error.h"

static void
test_mask (void)
{
  g_autofree char *masked = cw_mask_key_id ("AKIAIOSFODNN7EXAMPLE");
  g_autofree char *tiny = cw_mask_key_id ("ABC");
  g_autoptr(CwCredential) tidb = cw_credential_new (CW_CREDENTIAL_TIDBCLOUD, "t", "PUBKEY01", NULL, FALSE);
  g_autofree char *tidb_masked = cw_credential_dup_masked_key_id (tidb);

  g_assert_cmpstr (masked, ==, "AKIA…MPLE");
  g_assert_cmpstr (tiny, ==, "***");
  g_assert_cmpstr (tidb_masked, ==, "PUBKEY01");
}

static void
assert_invalid (CwCredentialKind  kind,
                const char       *label,
                const char       *key_id,
                const char       *region,
                const char       *secret,
                const char       *token)
{
  g_autoptr(CwCredential) credential = cw_credential_new (kind, label, key_id, region, token != NULL);
  g_autoptr(CwCredentialSecret) s = secret ? cw_credential_secret_new (secret, token) : NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cw_credential_validate (credential, s, &error));
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT);
  /* The message never echoes what was typed into a secret field. */
  if (secret != NULL && *secret != '\0')
    g_assert_null (strstr (error->message, secret));
}

static void
test_validate (void)
{
  g_autoptr(CwCredential) good = cw_credential_new (CW_CREDENTIAL_AWS, "work", "AKIAIOSFODNN7EXAMPLE", "us-east-1", FALSE);
  g_autoptr(CwCredentialSecret) secret = cw_credential_secret_new ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cw_credential_validate (good, secret, &error));
  g_assert_no_error (error);
  g_assert_true (cw_credential_validate (good, NULL, &error));

  assert_invalid (CW_CREDENTIAL_AWS, "", "AKIAIOSFODNN7EXAMPLE", "us-east-1", "Xy9SecretValue", NULL);
  assert_invalid (CW_CREDENTIAL_AWS, "x", "", "us-east-1", "Xy9SecretValue", NULL);
  assert_invalid (CW_CREDENTIAL_AWS, "x", "akiaiosfodnn7example", "us-east-1", "Xy9SecretValue", NULL);
  assert_invalid (CW_CREDENTIAL_AWS, "x", "AKIA12", "us-east-1", "Xy9SecretValue", NULL);
  assert_invalid (CW_CREDENTIAL_AWS, "x", "AKIAIOSFODNN7EXAMPLE", "us-east-1a", "Xy9SecretValue", NULL);
  assert_invalid (CW_CREDENTIAL_AWS, "x", "AKIAIOSFODNN7EXAMPLE", "US-EAST-1", "Xy9SecretValue", NULL);
  assert_invalid (CW_CREDENTIAL_AWS, "x", "AKIAIOSFODNN7EXAMPLE", "", "Xy9SecretValue", NULL);
  assert_invalid (CW_CREDENTIAL_AWS, "x", "AKIAIOSFODNN7EXAMPLE", "us-east-1", "", NULL);
  assert_invalid (CW_CREDENTIAL_AWS, "x", "AKIAIOSFODNN7EXAMPLE", "us-east-1", "has Xy9 space", NULL);
  assert_invalid (CW_CREDENTIAL_AWS, "x", "ASIAIOSFODNN7EXAMPLE", "us-east-1", "Xy9SecretValue", NULL);
  assert_invalid (CW_CREDENTIAL_TIDBCLOUD, "x", "", NULL, "Xy9PrivateValue", NULL);
  assert_invalid (CW_CREDENTIAL_TIDBCLOUD, "x", "PUB", NULL, "", NULL);
  assert_invalid (CW_CREDENTIAL_TIDBCLOUD,
                  "a label that is much too long to be shown anywhere in a list of credentials at all",
                  "PUB", NULL, "Xy9PrivateValue", NULL);

  g_assert_true (cw_aws_region_is_valid ("us-gov-west-1"));
  g_assert_true (cw_aws_region_is_valid ("ap-southeast-2"));
  g_assert_false (cw_aws_region_is_valid ("moon-1"));
}

static void
assert_source_invalid (CwCredential *credential,
                       const char   *says)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cw_credential_validate (credential, NULL, &error));
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, says));
}

/* An IAM Identity Center role and a profile: what they check, what they show, and that
 * the keys' API answers as before for them. */
static void
test_sources (void)
{
  g_autoptr(CwCredential) sso = cw_credential_new_aws_sso ("prod", "corp", "https://corp.awsapps.com/start",
                                                           "eu-central-1", "111122223333", "Production",
                                                           "AdministratorAccess", "eu-west-1");
  g_autoptr(CwCredential) profile = cw_credential_new_aws_profile ("deploy", "deploy", NULL);
  g_autoptr(CwCredential) keys = cw_credential_new (CW_CREDENTIAL_AWS, "keys", "AKIAIOSFODNN7EXAMPLE", "us-east-1",
                                                    FALSE);
  g_autoptr(CwCredential) no_url = cw_credential_new_aws_sso ("x", "corp", "corp.awsapps.com", "eu-central-1",
                                                              "111122223333", "P", "Admin", "eu-west-1");
  g_autoptr(CwCredential) no_role = cw_credential_new_aws_sso ("x", "corp", "https://corp.awsapps.com/start",
                                                               "eu-central-1", "111122223333", "P", "", "eu-west-1");
  g_autoptr(CwCredential) zone = cw_credential_new_aws_sso ("x", "corp", "https://corp.awsapps.com/start",
                                                            "eu-central-1a", "111122223333", "P", "Admin", "eu-west-1");
  g_autoptr(CwCredential) unnamed = cw_credential_new_aws_profile ("x", "", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sso_text = cw_credential_dup_description (sso);
  g_autofree char *profile_text = cw_credential_dup_description (profile);
  g_autofree char *keys_text = cw_credential_dup_description (keys);

  g_assert_cmpint (cw_credential_get_kind (sso), ==, CW_CREDENTIAL_AWS);
  g_assert_cmpint (cw_credential_get_aws_source (sso), ==, CW_AWS_SOURCE_SSO);
  g_assert_cmpint (cw_credential_get_aws_source (profile), ==, CW_AWS_SOURCE_PROFILE);
  g_assert_cmpint (cw_credential_get_aws_source (keys), ==, CW_AWS_SOURCE_KEYS);
  g_assert_cmpstr (cw_credential_get_key_id (sso), ==, "");
  g_assert_cmpstr (cw_credential_get_profile (keys), ==, "");
  g_assert_true (cw_credential_validate (sso, NULL, &error));
  g_assert_true (cw_credential_validate (profile, NULL, &error));
  g_assert_no_error (error);
  assert_source_invalid (no_url, "start URL");
  assert_source_invalid (no_role, "Choose an account and a role");
  assert_source_invalid (zone, "region of IAM Identity Center");
  assert_source_invalid (unnamed, "name of the AWS CLI profile");
  g_assert_cmpstr (sso_text, ==, "Production (111122223333) · AdministratorAccess · eu-west-1");
  g_assert_cmpstr (profile_text, ==, "AWS CLI profile “deploy” · no default region");
  g_assert_cmpstr (keys_text, ==, "AKIA…MPLE · us-east-1");
}

/* What the import saves of a profile without keys; keys' profiles are copied instead. */
static void
test_from_profile (void)
{
  CwAwsProfile sso = { .kind = CW_AWS_PROFILE_SSO, .name = (char *) "corp-admin", .sso_session = (char *) "corp",
                       .sso_start_url = (char *) "https://corp.awsapps.com/start", .sso_region = (char *) "us-east-1",
                       .sso_account_id = (char *) "111122223333", .sso_role_name = (char *) "Admin" };
  CwAwsProfile role = { .kind = CW_AWS_PROFILE_ASSUME_ROLE, .name = (char *) "operator",
                        .region = (char *) "eu-west-1", .role_arn = (char *) "arn:aws:iam::1:role/R" };
  CwAwsProfile keys = { .kind = CW_AWS_PROFILE_STATIC, .name = (char *) "default" };
  g_autoptr(CwCredential) from_sso = cw_credential_new_from_aws_profile (&sso);
  g_autoptr(CwCredential) from_role = cw_credential_new_from_aws_profile (&role);
  g_autoptr(CwCredential) from_keys = cw_credential_new_from_aws_profile (&keys);

  g_assert_cmpint (cw_credential_get_aws_source (from_sso), ==, CW_AWS_SOURCE_SSO);
  g_assert_cmpstr (cw_credential_get_label (from_sso), ==, "corp-admin");
  g_assert_cmpstr (cw_credential_get_sso_session (from_sso), ==, "corp");
  g_assert_cmpstr (cw_credential_get_account_id (from_sso), ==, "111122223333");
  g_assert_cmpstr (cw_credential_get_role_name (from_sso), ==, "Admin");
  /* No region of its own: the sign-in's. */
  g_assert_cmpstr (cw_credential_get_region (from_sso), ==, "us-east-1");
  g_assert_cmpint (cw_credential_get_aws_source (from_role), ==, CW_AWS_SOURCE_PROFILE);
  g_assert_cmpstr (cw_credential_get_profile (from_role), ==, "operator");
  g_assert_cmpstr (cw_credential_get_region (from_role), ==, "eu-west-1");
  g_assert_null (from_keys);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/credential/mask", test_mask);
  g_test_add_func ("/credential/validate", test_validate);
  g_test_add_func ("/credential/sources", test_sources);
  g_test_add_func ("/credential/from-profile", test_from_profile);
  return g_test_run ();
}
