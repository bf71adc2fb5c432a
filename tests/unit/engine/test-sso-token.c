/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An IAM Identity Center sign-in: the AWS CLI's cache format, read and written, and the
 * cache file read without ever being written. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cw-engine-error.h"
#include "cw-sso-token.h"

static void
test_cli_cache_format (void)
{
  static const char cache[] =
    "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\","
    " \"accessToken\": \"aoaEXAMPLEaccess\", \"expiresAt\": \"2030-01-02T03:04:05Z\","
    " \"clientId\": \"client-1\", \"clientSecret\": \"secretEXAMPLE\","
    " \"registrationExpiresAt\": \"2030-03-01T00:00:00Z\", \"refreshToken\": \"refreshEXAMPLE\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = cw_sso_token_new_from_json (cache, "the cache", &error);
  g_autoptr(CwSsoToken) again = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (token->start_url, ==, "https://corp.awsapps.com/start");
  g_assert_cmpint (token->expires_at, ==, 1893553445);
  g_assert_true (cw_sso_token_is_valid_for (token, 3600));
  g_assert_true (cw_sso_token_can_refresh (token));
  json = cw_sso_token_to_json (token);
  again = cw_sso_token_new_from_json (json, "the copy", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->refresh_token, ==, "refreshEXAMPLE");
  g_assert_cmpint (again->registration_expires_at, ==, token->registration_expires_at);
}

/* A bad file is named, its contents never shown. */
static void
test_bad_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = cw_sso_token_new_from_json ("{\"accessToken\": \"leakEXAMPLE\"}", "cache.json", &error);

  g_assert_null (token);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "cache.json"));
  g_assert_null (strstr (error->message, "leakEXAMPLE"));
  g_clear_error (&error);
  g_assert_null (cw_sso_token_new_from_json ("[]", "cache.json", &error));
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The file the AWS CLI wrote for an sso-session: found by the SHA-1 of its name. */
static void
test_cli_cache_file (void)
{
  g_autofree char *home = g_dir_make_tmp ("causeway-sso-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (home, ".aws", "sso", "cache", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwSsoToken) token = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("HOME", home, TRUE);
  path = cw_sso_token_cli_cache_path ("corp");
  g_assert_true (g_str_has_prefix (path, dir));
  /* sha1("corp"), as the AWS CLI names it */
  g_assert_true (g_str_has_suffix (path, "/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"accessToken\": \"a\", \"expiresAt\": \"2030-01-02T03:04:05UTC\"}", -1, NULL));
  cw_sso_token_read_cli_cache_async ("corp", NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  token = cw_sso_token_read_cli_cache_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (token->expires_at, ==, 1893553445);
  g_assert_false (cw_sso_token_can_refresh (token));
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/sso-token/cli-cache-format", test_cli_cache_format);
  g_test_add_func ("/engine/sso-token/bad-json", test_bad_json);
  g_test_add_func ("/engine/sso-token/cli-cache-file", test_cli_cache_file);
  return g_test_run ();
}
