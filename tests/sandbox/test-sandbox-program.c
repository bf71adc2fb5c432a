/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-program.c: causeway-sandbox prints its environment (with an AWS config
 * file of IAM Identity Center and role profiles it removes when it stops), serves, and
 * stops on SIGTERM or SIGINT; it refuses bad options with the usage exit code. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "sandbox-test.h"

static const char * const variables[] = {
  "AWS_ENDPOINT_URL", "TIDBCLOUD_SERVERLESS_ENDPOINT", "TIDBCLOUD_IAM_ENDPOINT", "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "TIDBCLOUD_PUBLIC_KEY", "TIDBCLOUD_PRIVATE_KEY",
  "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_SSO", "CAUSEWAY_SANDBOX_MFA_CODE", "CAUSEWAY_SANDBOX_MYSQL_USER",
  "CAUSEWAY_SANDBOX_MYSQL_PWD", "CAUSEWAY_SANDBOX_TIDB_USER", "CAUSEWAY_SANDBOX_TIDB_PWD", "AWS_CONFIG_FILE",
  "CAUSEWAY_HOSTS_FILE", "CAUSEWAY_TIME_SCALE",
};

static GSubprocess *
spawn_valist (GSubprocessFlags  flags,
              const char       *first,
              va_list           args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CAUSEWAY_SANDBOX"));
  for (const char *argument = first; argument != NULL; argument = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) argument);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, flags, &error);
  g_assert_no_error (error);
  return process;
}

static GSubprocess *
spawn (GDataInputStream **out,
       const char        *first,
       ...)
{
  GSubprocess *process;
  va_list args;

  va_start (args, first);
  process = spawn_valist (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, first, args);
  va_end (args);
  *out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  return process;
}

static GStrv
read_environment (GDataInputStream *out)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv lines;

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      g_autofree char *prefix = g_strconcat (variables[i], "=", NULL);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, prefix));
      g_strv_builder_add (builder, line);
    }
  lines = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return lines;
}

static void
stop_with (GSubprocess *process,
           int          signal_number)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, signal_number);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_environment (void)
{
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocess) process = spawn (&out, "--time-scale", "0.01", NULL);
  g_auto(GStrv) lines = read_environment (out);
  g_autoptr(GDataInputStream) other_out = NULL;
  g_autoptr(GSubprocess) other = spawn (&other_out, NULL);
  g_auto(GStrv) other_lines = read_environment (other_out);
  const char *url = lines[0] + strlen ("AWS_ENDPOINT_URL=");

  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_cmpstr (lines[3], ==, "AWS_ACCESS_KEY_ID=" CW_SANDBOX_ACCESS_KEY_ID);
  g_assert_cmpuint (strlen (CW_SANDBOX_ACCESS_KEY_ID), ==, 20);
  g_assert_cmpstr (lines[5], ==, "AWS_REGION=us-east-1");
  g_assert_true (g_str_has_suffix (lines[1], "/tidbcloud/serverless"));
  g_assert_nonnull (strstr (lines[1], url));
  g_assert_cmpstr (lines[4], !=, other_lines[4]);
  g_assert_cmpstr (lines[7], !=, other_lines[7]);
  g_assert_cmpstr (lines[8] + strlen ("AWS_ENDPOINT_URL_SSO_OIDC="), ==, url);
  g_assert_cmpstr (lines[9] + strlen ("AWS_ENDPOINT_URL_SSO="), ==, url);
  g_assert_cmpuint (strlen (lines[10]), ==, strlen ("CAUSEWAY_SANDBOX_MFA_CODE=") + 6);
  /* The SQL users of the databases and of the TiDB cluster (<userPrefix>.root). */
  g_assert_cmpstr (lines[11], ==, "CAUSEWAY_SANDBOX_MYSQL_USER=" CW_SANDBOX_MYSQL_USER);
  g_assert_cmpstr (lines[12], ==, "CAUSEWAY_SANDBOX_MYSQL_PWD=" CW_SANDBOX_MYSQL_PASSWORD);
  g_assert_true (g_str_has_suffix (lines[13], ".root"));
  g_assert_cmpuint (strlen (lines[13]), ==, strlen ("CAUSEWAY_SANDBOX_TIDB_USER=") + 7 + strlen (".root"));
  g_assert_cmpstr (lines[14], ==, "CAUSEWAY_SANDBOX_TIDB_PWD=" CW_SANDBOX_TIDB_PASSWORD);
  g_assert_cmpstr (lines[15], !=, other_lines[15]);
  stop_with (process, SIGTERM);
  stop_with (other, SIGINT);
}

/* The config names what the sandbox serves, and goes when the sandbox stops. */
static void
test_aws_config (void)
{
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocess) process = spawn (&out, "--seed", "5", NULL);
  g_auto(GStrv) lines = read_environment (out);
  const char *path = lines[15] + strlen ("AWS_CONFIG_FILE=");
  g_autofree char *config = NULL;
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *hosts = NULL;
  const char *hosts_path;
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  g_assert_true (g_file_get_contents (path, &config, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (directory, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);
  g_assert_nonnull (strstr (config, "[sso-session sandbox]\nsso_start_url = " CW_SANDBOX_SSO_START_URL "\n"
                                    "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n"));
  g_assert_nonnull (strstr (config, "[profile sandbox-sso]\nsso_session = sandbox\nsso_account_id = 111122223333\n"
                                    "sso_role_name = AdministratorAccess\nregion = us-east-1\n"));
  g_assert_nonnull (strstr (config, "[profile sandbox-role]\nrole_arn = arn:aws:iam::111122223333:role/CausewayOperator\n"
                                    "source_profile = sandbox-sso\nmfa_serial = arn:aws:iam::111122223333:mfa/sandbox-user\n"));
  /* The databases' names resolve from the hosts file beside it, and the clock is named. */
  hosts_path = lines[16] + strlen ("CAUSEWAY_HOSTS_FILE=");
  g_assert_true (g_str_has_prefix (hosts_path, directory));
  g_assert_true (g_file_get_contents (hosts_path, &hosts, NULL, &error));
  g_assert_nonnull (strstr (hosts, " orders-mysql.c9sbx1k2abcd.us-east-1.rds.amazonaws.com\n"));
  g_assert_cmpstr (lines[17], ==, "CAUSEWAY_TIME_SCALE=1");
  stop_with (process, SIGTERM);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (hosts_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (directory, G_FILE_TEST_EXISTS));
}

static char *
control (const char *base,
         const char *method,
         const char *path,
         guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (session, message, NULL, &error);

  g_assert_no_error (error);
  *status = soup_message_get_status (message);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static char *
address_in_hosts (const char *hosts_path,
                  const char *host)
{
  g_autofree char *hosts = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (hosts_path, &hosts, NULL, NULL));
  lines = g_strsplit (hosts, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_suffix (lines[i], host))
      return g_strndup (lines[i], strchr (lines[i], ' ') - lines[i]);
  return NULL;
}

/* The control endpoint: a failover moves the database, and the hosts file says so; the
 * requests answered are counted by operation. */
static void
test_control_endpoint (void)
{
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocess) process = spawn (&out, "--seed", "5", NULL);
  g_auto(GStrv) lines = read_environment (out);
  const char *base = lines[0] + strlen ("AWS_ENDPOINT_URL=");
  const char *hosts_path = lines[16] + strlen ("CAUSEWAY_HOSTS_FILE=");
  const char *host = " orders-mysql.c9sbx1k2abcd.us-east-1.rds.amazonaws.com";
  g_autofree char *before = address_in_hosts (hosts_path, host);
  g_autofree char *after = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *counts = NULL;
  guint status;

  moved = control (base, "POST", "/_sandbox/failover?database=orders-mysql", &status);
  g_assert_cmpuint (status, ==, 200);
  after = address_in_hosts (hosts_path, host);
  g_assert_nonnull (after);
  g_assert_cmpstr (after, !=, before);
  refused = control (base, "POST", "/_sandbox/failover?database=no-such-db", &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_nonnull (strstr (refused, "no-such-db"));
  counts = control (base, "GET", "/_sandbox/requests", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (counts, "\"total\""));
  g_assert_nonnull (strstr (counts, "\"byOperation\""));
  stop_with (process, SIGTERM);
}

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_port (void)
{
  guint16 port = free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *expected = g_strdup_printf ("AWS_ENDPOINT_URL=http://127.0.0.1:%u", port);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocess) process = spawn (&out, "--port", port_text, "--seed", "3", NULL);
  g_auto(GStrv) lines = read_environment (out);

  g_assert_cmpstr (lines[0], ==, expected);
  stop_with (process, SIGTERM);
}

static void
assert_usage_error (const char *first,
                    ...)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first);
  process = spawn_valist (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, first, args);
  va_end (args);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
}

static void
test_bad_options (void)
{
  assert_usage_error ("--time-scale", "-1", NULL);
  assert_usage_error ("--time-scale", "fast", NULL);
  assert_usage_error ("--scenario", "huge", NULL);
  assert_usage_error ("--faults", "explode:ec2", NULL);
  assert_usage_error ("--port", "70000", NULL);
  assert_usage_error ("extra", NULL);
}

static void
test_critical_path (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { g_getenv ("CAUSEWAY_SANDBOX"), "--critical-path", "--time-scale", "0.5", NULL };

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_true (g_str_has_prefix (out, "100.000 s at time scale 0.5"));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("CAUSEWAY_SANDBOX"));
  g_test_add_func ("/sandbox/program/environment", test_environment);
  g_test_add_func ("/sandbox/program/port", test_port);
  g_test_add_func ("/sandbox/program/aws-config", test_aws_config);
  g_test_add_func ("/sandbox/program/control-endpoint", test_control_endpoint);
  g_test_add_func ("/sandbox/program/bad-options", test_bad_options);
  g_test_add_func ("/sandbox/program/critical-path", test_critical_path);
  return g_test_run ();
}
