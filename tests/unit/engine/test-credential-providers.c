/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The providers that need no network: credential_process (its JSON, renewal after the
 * Expiration it gives, its failures in words that never quote its stdout, cancelling and
 * the time limit) and static keys (a profile's, read when fetched; the environment's). */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cw-aws-profile.h"
#include "cw-engine-error.h"
#include "cw-process-credentials-provider.h"
#include "cw-static-credentials-provider.h"

/* What stdout may hold and no error may repeat. */
#define STDOUT_SECRET "wJalrXUtnFEMI-stdout-secret"

typedef struct {
  char         *dir;
  GAsyncResult *result;
} Fixture;

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("causeway-providers-XXXXXX", NULL);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *runs = g_build_filename (fixture->dir, "runs", NULL);
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  g_autofree char *credentials = g_build_filename (fixture->dir, "credentials", NULL);

  g_remove (runs);
  g_remove (config);
  g_remove (credentials);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->result);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static CwAwsCredentials *
get (Fixture                   *fixture,
     CwAwsCredentialsProvider  *provider,
     GError                   **error)
{
  g_clear_object (&fixture->result);
  cw_aws_credentials_provider_get_async (provider, NULL, store_result, &fixture->result);
  while (fixture->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return cw_aws_credentials_provider_get_finish (provider, fixture->result, error);
}

/* A command that counts its runs in the fixture's directory and prints @json, in which
 * %RUN% becomes the run's number. */
static CwAwsCredentialsProvider *
process_provider (Fixture    *fixture,
                  const char *json)
{
  g_autofree char *runs = g_build_filename (fixture->dir, "runs", NULL);
  g_autofree char *quoted_runs = g_shell_quote (runs);
  g_autoptr(GString) printed = g_string_new (json);
  g_autofree char *quoted_json = NULL;
  g_autofree char *command = NULL;

  g_string_replace (printed, "%RUN%", "'\"$n\"'", 0);
  quoted_json = g_strdup_printf ("'%s'", printed->str);
  command = g_strdup_printf ("echo run >> %s; n=$(wc -l < %s | tr -d ' '); printf '%%s\\n' %s",
                             quoted_runs, quoted_runs, quoted_json);
  return cw_process_credentials_provider_new ("vault", command);
}

static void
assert_error_hides_stdout (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, STDOUT_SECRET));
  g_assert_nonnull (strstr (error->message, "vault"));
}

static char *
iso_in (int seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

/* Kept while fresh; run again once the Expiration it printed has passed. */
static void
test_process_renewed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *expires = iso_in (2);
  g_autofree char *json = g_strdup_printf ("{\"Version\": 1, \"AccessKeyId\": \"ASIARUN%%RUN%%\", "
                                           "\"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", "
                                           "\"Expiration\": \"%s\"}", expires);
  g_autoptr(CwAwsCredentialsProvider) provider = process_provider (fixture, json);
  g_autoptr(CwAwsCredentials) first = NULL;
  g_autoptr(CwAwsCredentials) cached = NULL;
  g_autoptr(CwAwsCredentials) renewed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expiration;

  cw_aws_credentials_provider_set_refresh_window (provider, 0);
  first = get (fixture, provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->access_key_id, ==, "ASIARUN1");
  g_assert_cmpstr (first->secret_access_key, ==, "s");
  g_assert_cmpstr (first->session_token, ==, "t");
  expiration = cw_aws_credentials_provider_get_expiration (provider);
  g_assert_cmpint (expiration, >, g_get_real_time () / G_USEC_PER_SEC);
  cached = get (fixture, provider, &error);
  g_assert_cmpstr (cached->access_key_id, ==, "ASIARUN1");
  while (g_get_real_time () / G_USEC_PER_SEC < expiration)
    g_usleep (100 * 1000);
  renewed = get (fixture, provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renewed->access_key_id, ==, "ASIARUN2");
}

/* Without Expiration they never expire; SessionToken is optional. */
static void
test_process_no_expiration (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CwAwsCredentialsProvider) provider =
    process_provider (fixture, "{\"Version\": 1, \"AccessKeyId\": \"AKIAKEY\", \"SecretAccessKey\": \"s\"}");
  g_autoptr(CwAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = get (fixture, provider, &error);
  g_assert_no_error (error);
  g_assert_null (credentials->session_token);
  g_assert_cmpint (cw_aws_credentials_provider_get_expiration (provider), ==, 0);
}

static void
expect_bad_output (Fixture    *fixture,
                   const char *json,
                   const char *words)
{
  g_autoptr(CwAwsCredentialsProvider) provider = process_provider (fixture, json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsCredentials) credentials = get (fixture, provider, &error);

  g_assert_null (credentials);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE);
  assert_error_hides_stdout (error);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_process_bad_output (Fixture       *fixture,
                         gconstpointer  data)
{
  expect_bad_output (fixture, "{\"Version\": 1, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"" STDOUT_SECRET "\"",
                     "JSON");
  expect_bad_output (fixture, "{\"Version\": 2, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"" STDOUT_SECRET "\"}",
                     "Version");
  expect_bad_output (fixture, "{\"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"" STDOUT_SECRET "\"}", "Version");
  expect_bad_output (fixture, "{\"Version\": 1, \"SecretAccessKey\": \"" STDOUT_SECRET "\"}", "AccessKeyId");
  expect_bad_output (fixture, "{\"Version\": 1, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"" STDOUT_SECRET "\", "
                     "\"Expiration\": \"tomorrow\"}", "Expiration");
}

/* A failure says stderr's first line, never stdout. */
static void
test_process_exit_status (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CwAwsCredentialsProvider) provider =
    cw_process_credentials_provider_new ("vault", "echo '{\"SecretAccessKey\": \"" STDOUT_SECRET "\"}'; "
                                                  "echo 'vault: not signed in' >&2; echo 'second line' >&2; exit 3");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsCredentials) credentials = get (fixture, provider, &error);

  g_assert_null (credentials);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED);
  assert_error_hides_stdout (error);
  g_assert_nonnull (strstr (error->message, "vault: not signed in"));
  g_assert_null (strstr (error->message, "second line"));
}

static void
fetch_directly (CwAwsCredentialsProvider *provider,
                GCancellable             *cancellable,
                GAsyncResult            **slot)
{
  CW_AWS_CREDENTIALS_PROVIDER_GET_CLASS (provider)->fetch_async (provider, cancellable, store_result, slot);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_process_cancelled (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CwAwsCredentialsProvider) provider = cw_process_credentials_provider_new ("vault", "sleep 30");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsCredentials) credentials = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 expiration;

  g_timeout_add (100, cancel_soon, cancellable);
  fetch_directly (provider, cancellable, &fixture->result);
  while (fixture->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  credentials = CW_AWS_CREDENTIALS_PROVIDER_GET_CLASS (provider)->fetch_finish (provider, fixture->result,
                                                                                &expiration, &error);
  g_assert_null (credentials);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
}

static void
test_process_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CwAwsCredentialsProvider) provider = cw_process_credentials_provider_new ("vault", "sleep 30");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsCredentials) credentials = NULL;

  cw_process_credentials_provider_set_timeout (CW_PROCESS_CREDENTIALS_PROVIDER (provider), 1);
  credentials = get (fixture, provider, &error);
  g_assert_null (credentials);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "vault"));
}

/* A static profile's provider reads the keys when fetched, credentials file first. */
static void
test_static_profile (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  g_autofree char *credentials_path = g_build_filename (fixture->dir, "credentials", NULL);
  g_autoptr(CwAwsCredentialsProvider) provider = NULL;
  g_autoptr(CwAwsCredentials) credentials = NULL;
  g_autoptr(CwAwsProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (config, "[profile ops]\naws_access_key_id = AKIACONFIG\n"
                                              "aws_secret_access_key = from-config\n", -1, NULL));
  g_assert_true (g_file_set_contents (credentials_path, "[ops]\naws_access_key_id = AKIACREDS\n"
                                                        "aws_secret_access_key = from-credentials\n"
                                                        "aws_session_token = token\n", -1, NULL));
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials_path, TRUE);
  profile = cw_aws_profile_resolve_from_files ("ops", config, credentials_path, &error);
  g_assert_no_error (error);
  provider = cw_aws_profile_new_provider (profile, NULL);
  g_assert_true (CW_IS_STATIC_CREDENTIALS_PROVIDER (provider));
  credentials = get (fixture, provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credentials->access_key_id, ==, "AKIACREDS");
  g_assert_cmpstr (credentials->secret_access_key, ==, "from-credentials");
  g_assert_cmpstr (credentials->session_token, ==, "token");
  g_assert_cmpint (cw_aws_credentials_provider_get_expiration (provider), ==, 0);
  g_unsetenv ("AWS_CONFIG_FILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
}

static void
test_static_environment (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CwAwsCredentialsProvider) provider = cw_static_credentials_provider_new_from_environment ();
  g_autoptr(CwAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  credentials = get (fixture, provider, &error);
  g_assert_null (credentials);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "AWS_ACCESS_KEY_ID"));
  g_clear_error (&error);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "env-secret", TRUE);
  g_setenv ("AWS_SESSION_TOKEN", "env-token", TRUE);
  credentials = get (fixture, provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credentials->access_key_id, ==, "AKIAENVIRONMENT");
  g_assert_cmpstr (credentials->session_token, ==, "env-token");
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  g_unsetenv ("AWS_SESSION_TOKEN");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name) g_test_add ("/engine/credential-providers/" #name, Fixture, NULL, set_up, test_##name, tear_down)
  ADD (process_renewed);
  ADD (process_no_expiration);
  ADD (process_bad_output);
  ADD (process_exit_status);
  ADD (process_cancelled);
  ADD (process_timeout);
  ADD (static_profile);
  ADD (static_environment);
#undef ADD
  return g_test_run ();
}
