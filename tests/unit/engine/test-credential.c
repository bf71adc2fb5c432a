/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of credential validation and masking. */
#include "config.h"

#include <string.h>

#include "cw-credential.h"
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/credential/mask", test_mask);
  g_test_add_func ("/credential/validate", test_validate);
  return g_test_run ();
}
