/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `causeway-cli whoami` against a local STS endpoint set by AWS_ENDPOINT_URL_STS. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "aws-test-server.h"

typedef struct {
  AwsTestServer *server;
  char          *out;
  char          *err;
  int            status;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->server, aws_test_server_free);
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static GSubprocessLauncher *
launcher_for (Run        *run,
              const char *endpoint,
              gboolean    with_credentials)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_PIPE);
  const char *unset[] = { "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CA_BUNDLE",
                          "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" };

  for (guint i = 0; i < G_N_ELEMENTS (unset); i++)
    g_subprocess_launcher_unsetenv (launcher, unset[i]);
  g_subprocess_launcher_setenv (launcher, "AWS_ENDPOINT_URL_STS", endpoint, TRUE);
  if (with_credentials)
    {
      g_subprocess_launcher_setenv (launcher, "AWS_ACCESS_KEY_ID", AWS_TEST_ACCESS_KEY, TRUE);
      g_subprocess_launcher_setenv (launcher, "AWS_SECRET_ACCESS_KEY", AWS_TEST_SECRET_KEY, TRUE);
      g_subprocess_launcher_setenv (launcher, "AWS_SESSION_TOKEN", AWS_TEST_SESSION_TOKEN, TRUE);
    }
  return launcher;
}

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Runs the CLI while this process's main loop serves the endpoint. */
static void
run_whoami (Run        *run,
            const char *endpoint,
            gboolean    with_credentials)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_for (run, endpoint, with_credentials);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CAUSEWAY_CLI"), "whoami", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &result);
  g_subprocess_communicate_utf8_finish (process, aws_test_wait (&result), &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static void
test_whoami (void)
{
  g_auto(Run) run = { aws_test_server_new () };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  aws_test_server_reply_file (run.server, "sts-GetCallerIdentity.xml");
  run_whoami (&run, aws_test_server_get_url (run.server), TRUE);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "Account"), ==, "123456789012");
  g_assert_cmpstr (json_object_get_string_member (object, "Arn"), ==, "arn:aws:iam::123456789012:user/causeway-admin");
  g_assert_cmpstr (json_object_get_string_member (object, "UserId"), ==, "AIDASAMPLEUSERID12345");
  /* The server checked the signature, for us-east-1 since no region was set. */
  g_assert_cmpuint (aws_test_server_get_n_requests (run.server), ==, 1);
  g_assert_cmpstr (aws_test_server_get_service (run.server, 0), ==, "sts");
  aws_test_assert_form (aws_test_server_get_form (run.server, 0), "GetCallerIdentity", "2011-06-15", NULL);
}

/* AWS's refusal: exit 1 and one line naming the code and the request id. */
static void
test_whoami_refused (void)
{
  g_auto(Run) run = { aws_test_server_new () };
  g_autofree char *invalid = aws_test_read_response ("error-sts-InvalidClientTokenId.xml");

  aws_test_server_reply (run.server, 403, invalid);
  run_whoami (&run, aws_test_server_get_url (run.server), TRUE);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "causeway-cli: "));
  g_assert_nonnull (strstr (run.err, "InvalidClientTokenId"));
  g_assert_nonnull (strstr (run.err, "3a6f8c52-9d1e-4b7a-8c2f-5e0d1a9b7c64"));
  /* One line: its only newline is the last character. */
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
  g_assert_null (strstr (run.err, AWS_TEST_SECRET_KEY));
  g_assert_null (strstr (run.err, AWS_TEST_SESSION_TOKEN));
}

static void
test_whoami_without_credentials (void)
{
  g_auto(Run) run = { aws_test_server_new () };

  run_whoami (&run, aws_test_server_get_url (run.server), FALSE);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "AWS_ACCESS_KEY_ID"));
  g_assert_cmpuint (aws_test_server_get_n_requests (run.server), ==, 0);
}

static void
test_whoami_refuses_plain_http (void)
{
  g_auto(Run) run = { NULL };

  run_whoami (&run, "http://sts.us-east-1.amazonaws.com", TRUE);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "http://sts.us-east-1.amazonaws.com"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aws/cli/whoami", test_whoami);
  g_test_add_func ("/aws/cli/whoami-refused", test_whoami_refused);
  g_test_add_func ("/aws/cli/whoami-without-credentials", test_whoami_without_credentials);
  g_test_add_func ("/aws/cli/whoami-refuses-plain-http", test_whoami_refuses_plain_http);
  return g_test_run ();
}
