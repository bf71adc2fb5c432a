/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the AWS and TiDB Cloud CLI profile importers. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cw-config-file.h"
#include "cw-engine-error.h"
#include "cw-profile-import.h"

static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static CwImportCandidate *
find_candidate (CwImportScan     *scan,
                CwCredentialKind  kind,
                const char       *label)
{
  for (guint i = 0; i < scan->candidates->len; i++)
    {
      CwImportCandidate *candidate = g_ptr_array_index (scan->candidates, i);

      if (cw_credential_get_kind (candidate->credential) == kind &&
          g_str_equal (cw_credential_get_label (candidate->credential), label))
        return candidate;
    }
  return NULL;
}

static void
test_ini_odd_but_valid (void)
{
  const char *text =
    "\xef\xbb\xbf# a comment\r\n"
    "; another comment\r\n"
    "\r\n"
    "[default]\r\n"
    "aws_access_key_id=AKIAIOSFODNN7EXAMPLE\r\n"
    "  aws_secret_access_key   =   wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY  \r\n"
    "[ spaced ]\n"
    "region = eu-west-1\n"
    "s3 =\n"
    "    max_concurrent_requests = 20\n"
    "    max_queue_size = 1000\n"
    "output = json\n"
    "[default]\n"
    "region = us-west-2\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CwConfigFile) file = cw_config_file_parse (text, -1, CW_CONFIG_SYNTAX_INI, "credentials", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cw_config_file_get_sections (file)->len, ==, 2);
  g_assert_cmpstr (cw_config_file_get (file, "default", "aws_access_key_id"), ==, "AKIAIOSFODNN7EXAMPLE");
  g_assert_cmpstr (cw_config_file_get (file, "default", "aws_secret_access_key"), ==,
                   "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  g_assert_cmpstr (cw_config_file_get (file, "default", "region"), ==, "us-west-2");
  g_assert_cmpstr (cw_config_file_get (file, "spaced", "region"), ==, "eu-west-1");
  g_assert_cmpstr (cw_config_file_get (file, "spaced", "output"), ==, "json");
  g_assert_null (cw_config_file_get (file, "spaced", "max_queue_size"));
}

static void
assert_parse_error (const char     *text,
                    CwConfigSyntax  syntax,
                    const char     *expected_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwConfigFile) file = cw_config_file_parse (text, -1, syntax, "/home/u/.aws/credentials", &error);

  g_assert_null (file);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE);
  if (!g_str_has_prefix (error->message, expected_start))
    g_error ("“%s” does not start with “%s”", error->message, expected_start);
}

static void
test_ini_malformed (void)
{
  assert_parse_error ("[default]\naws_access_key_id = X\nthis line is wrong\n",
                      CW_CONFIG_SYNTAX_INI, "/home/u/.aws/credentials, line 3:");
  assert_parse_error ("aws_access_key_id = X\n[default]\n",
                      CW_CONFIG_SYNTAX_INI, "/home/u/.aws/credentials, line 1:");
  assert_parse_error ("# ok\n[default\n", CW_CONFIG_SYNTAX_INI, "/home/u/.aws/credentials, line 2:");
  assert_parse_error ("[default]\n= value\n", CW_CONFIG_SYNTAX_INI, "/home/u/.aws/credentials, line 2:");
  assert_parse_error ("[]\n", CW_CONFIG_SYNTAX_INI, "/home/u/.aws/credentials, line 1:");
}

static void
test_toml (void)
{
  const char *text =
    "current-profile = 'work'\n"
    "\n"
    "[work]\n"
    "  public-key = \"PUBKEY01\"   # the user name\n"
    "  private-key = \"ab\\\"cd\"\n"
    "[\"with space\"]\n"
    "public-key = 'LITERAL\\n'\n"
    "port = 4000\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CwConfigFile) file = cw_config_file_parse (text, -1, CW_CONFIG_SYNTAX_TOML, "config.toml", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cw_config_file_get (file, "", "current-profile"), ==, "work");
  g_assert_cmpstr (cw_config_file_get (file, "work", "public-key"), ==, "PUBKEY01");
  g_assert_cmpstr (cw_config_file_get (file, "work", "private-key"), ==, "ab\"cd");
  g_assert_cmpstr (cw_config_file_get (file, "with space", "public-key"), ==, "LITERAL\\n");
  g_assert_cmpstr (cw_config_file_get (file, "with space", "port"), ==, "4000");

  assert_parse_error ("[a]\nkey = \"unterminated\n", CW_CONFIG_SYNTAX_TOML, "/home/u/.aws/credentials, line 2:");
  assert_parse_error ("[a]\nkey = \"v\" trailing\n", CW_CONFIG_SYNTAX_TOML, "/home/u/.aws/credentials, line 2:");
  assert_parse_error ("[a]\nkey = \"bad \\q escape\"\n", CW_CONFIG_SYNTAX_TOML, "/home/u/.aws/credentials, line 2:");
}

static void
test_not_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwConfigFile) file = cw_config_file_parse ("[a]\nk = \xff\xfe\n", -1, CW_CONFIG_SYNTAX_INI, "f", &error);

  g_assert_null (file);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE);
}

static void
test_scan_aws_profiles (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cw-import-XXXXXX", NULL);
  g_autofree char *credentials = write_file (dir, "credentials",
    "[default]\n"
    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
    "[temp]\n"
    "aws_access_key_id = ASIAIOSFODNN7EXAMPLE\n"
    "aws_secret_access_key = secret2\n"
    "aws_session_token = token2\n");
  g_autofree char *config = write_file (dir, "config",
    "[default]\nregion = eu-central-1\n"
    "[profile temp]\nregion = ap-southeast-2\n"
    "[profile sso]\nsso_start_url = https://example.awsapps.com/start\nregion = us-east-2\n"
    "[sso-session corp]\nsso_region = us-east-1\n");
  g_autofree char *missing = g_build_filename (dir, "no-such.toml", NULL);
  g_autoptr(CwImportScan) scan = cw_import_scan (credentials, config, missing);
  CwImportCandidate *candidate;

  g_assert_cmpuint (scan->problems->len, ==, 0);
  g_assert_cmpuint (scan->candidates->len, ==, 3);

  candidate = find_candidate (scan, CW_CREDENTIAL_AWS, "default");
  g_assert_nonnull (candidate);
  g_assert_cmpstr (cw_credential_get_key_id (candidate->credential), ==, "AKIAIOSFODNN7EXAMPLE");
  g_assert_cmpstr (cw_credential_get_region (candidate->credential), ==, "eu-central-1");
  g_assert_cmpstr (candidate->secret->secret, ==, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  g_assert_null (candidate->secret->session_token);
  g_assert_null (candidate->note);

  candidate = find_candidate (scan, CW_CREDENTIAL_AWS, "temp");
  g_assert_nonnull (candidate);
  g_assert_true (cw_credential_get_has_session_token (candidate->credential));
  g_assert_cmpstr (candidate->secret->session_token, ==, "token2");
  g_assert_cmpstr (cw_credential_get_region (candidate->credential), ==, "ap-southeast-2");

  candidate = find_candidate (scan, CW_CREDENTIAL_AWS, "sso");
  g_assert_nonnull (candidate);
  g_assert_null (candidate->secret);
  g_assert_nonnull (candidate->note);
}

static void
test_scan_honours_environment (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cw-import-XXXXXX", NULL);
  g_autofree char *credentials = write_file (dir, "creds-elsewhere",
    "[elsewhere]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n");
  g_autofree char *config = write_file (dir, "config-elsewhere", "[profile elsewhere]\nregion = sa-east-1\n");
  g_autofree char *credentials_path = NULL;
  g_autofree char *config_path = NULL;
  g_autoptr(CwImportScan) scan = NULL;
  CwImportCandidate *candidate;

  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  credentials_path = cw_aws_credentials_path ();
  config_path = cw_aws_config_path ();
  g_assert_cmpstr (credentials_path, ==, credentials);
  g_assert_cmpstr (config_path, ==, config);
  scan = cw_import_scan (credentials_path, config_path, NULL);
  candidate = find_candidate (scan, CW_CREDENTIAL_AWS, "elsewhere");
  g_assert_nonnull (candidate);
  g_assert_cmpstr (cw_credential_get_region (candidate->credential), ==, "sa-east-1");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
  g_unsetenv ("AWS_CONFIG_FILE");
}

static void
test_scan_malformed_file_imports_nothing_from_it (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cw-import-XXXXXX", NULL);
  g_autofree char *credentials = write_file (dir, "credentials",
    "[good]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n"
    "garbage line\n");
  g_autofree char *ticloud = write_file (dir, "config.toml",
    "current-profile = \"dev\"\n[dev]\npublic-key = \"PUB1\"\nprivate-key = \"PRIV1\"\n[empty]\n");
  g_autoptr(CwImportScan) scan = cw_import_scan (credentials, NULL, ticloud);
  CwImportCandidate *candidate;
  const char *problem;

  g_assert_cmpuint (scan->problems->len, ==, 1);
  problem = g_ptr_array_index (scan->problems, 0);
  g_assert_nonnull (strstr (problem, credentials));
  g_assert_nonnull (strstr (problem, "line 4"));
  g_assert_null (find_candidate (scan, CW_CREDENTIAL_AWS, "good"));

  candidate = find_candidate (scan, CW_CREDENTIAL_TIDBCLOUD, "dev");
  g_assert_nonnull (candidate);
  g_assert_cmpstr (cw_credential_get_key_id (candidate->credential), ==, "PUB1");
  g_assert_cmpstr (candidate->secret->secret, ==, "PRIV1");
  candidate = find_candidate (scan, CW_CREDENTIAL_TIDBCLOUD, "empty");
  g_assert_nonnull (candidate);
  g_assert_null (candidate->secret);
  g_assert_cmpuint (scan->candidates->len, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/ini/odd-but-valid", test_ini_odd_but_valid);
  g_test_add_func ("/import/ini/malformed", test_ini_malformed);
  g_test_add_func ("/import/toml", test_toml);
  g_test_add_func ("/import/not-utf8", test_not_utf8);
  g_test_add_func ("/import/scan/aws", test_scan_aws_profiles);
  g_test_add_func ("/import/scan/environment", test_scan_honours_environment);
  g_test_add_func ("/import/scan/malformed", test_scan_malformed_file_imports_nothing_from_it);
  return g_test_run ();
}
