/* SPDX-License-Identifier: GPL-3.0-or-later */
/* causeway-sandbox.c: the sandbox on its own (DESIGN.md §6)
 *
 * Prints the environment that points a client at it, one NAME=VALUE per line, then
 * serves until SIGTERM or SIGINT. The AWS config file it names lives in a directory
 * of its own under the user's runtime directory, removed when it stops.
 */
#define G_LOG_DOMAIN "causeway-sandbox"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "cw-sandbox.h"

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

static gboolean
quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* @options borrows *scenario and *faults, which the caller frees. */
static gboolean
parse_options (int               *argc,
               char            ***argv,
               CwSandboxOptions  *options,
               char             **scenario,
               char             **faults,
               gboolean          *critical_path,
               char             **hosts_file,
               GError           **error)
{
  g_autofree char *time_scale = NULL;
  gint64 seed = -1;
  int port = 0;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (default: any free port)", "N" },
    { "time-scale", 0, 0, G_OPTION_ARG_STRING, &time_scale, "How fast time runs: 1.0 is realistic, 0.01 is a hundred times faster", "F" },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, scenario, "The world to start from: default or large", "NAME" },
    { "faults", 0, 0, G_OPTION_ARG_STRING, faults, "Faults to inject, e.g. throttle:ec2.DescribeVpcs:count=2,delay:*:ms=300:p=1", "SPEC" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the ids, of the fault draws and of the MFA code", "N" },
    { "critical-path", 0, 0, G_OPTION_ARG_NONE, critical_path, "Print the critical path of a create at the time scale and exit", NULL },
    { "hosts-file", 0, 0, G_OPTION_ARG_FILENAME, hosts_file, "Write the databases' host names and addresses there, for CAUSEWAY_HOSTS_FILE", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_summary (context, "A simulated AWS and TiDB Cloud on 127.0.0.1, for trying Causeway and for its tests.");
  g_option_context_set_description (context,
    "It prints, one NAME=VALUE per line: the endpoints (AWS_ENDPOINT_URL, TIDBCLOUD_SERVERLESS_ENDPOINT,\n"
    "TIDBCLOUD_IAM_ENDPOINT), its keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION,\n"
    "TIDBCLOUD_PUBLIC_KEY, TIDBCLOUD_PRIVATE_KEY), IAM Identity Center's endpoints (AWS_ENDPOINT_URL_SSO_OIDC,\n"
    "AWS_ENDPOINT_URL_SSO), CAUSEWAY_SANDBOX_MFA_CODE (the one MFA code it accepts, the same for a --seed),\n"
    "CAUSEWAY_SANDBOX_MYSQL_USER and CAUSEWAY_SANDBOX_MYSQL_PWD (the master user and password of every\n"
    "simulated database), CAUSEWAY_SANDBOX_TIDB_USER and CAUSEWAY_SANDBOX_TIDB_PWD (the SQL user,\n"
    "<userPrefix>.root, and password of the TiDB Cloud cluster, for migrations into it)\n"
    "and AWS_CONFIG_FILE: a config it writes, removed when it stops, with the profiles sandbox-sso\n"
    "(IAM Identity Center), sandbox-role (a role assumed from it with MFA) and sandbox-partner\n"
    "(a role with an external id). The start URL is " CW_SANDBOX_SSO_START_URL ";\n"
    "the sign-in pages a browser opens are /authorize and /device on the same port.\n"
    "Then CAUSEWAY_HOSTS_FILE, the simulated databases' host names and addresses (written in the same\n"
    "directory and removed when it stops, unless --hosts-file names another place), and\n"
    "CAUSEWAY_TIME_SCALE, the --time-scale: with every line exported, causeway-cli works against it.\n\n"
    "Its control endpoint, for this computer only, causes what the clouds would:\n"
    "  POST $AWS_ENDPOINT_URL/_sandbox/failover?database=ID  moves the database's address as a failover does\n"
    "  GET  $AWS_ENDPOINT_URL/_sandbox/requests              the requests answered, in all and by operation");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "Unexpected argument “%s”", (*argv)[1]);
      return FALSE;
    }
  if (port < 0 || port > G_MAXUINT16 || seed < -1 || seed > G_MAXUINT32)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--port takes 0 to 65535 and --seed 0 to 4294967295");
      return FALSE;
    }
  if (time_scale != NULL && !cw_sandbox_options_parse_time_scale (time_scale, &options->time_scale, error))
    return FALSE;
  options->port = (guint16) port;
  if (seed >= 0)
    options->seed = (guint32) seed;
  options->scenario = *scenario ? *scenario : "default";
  options->faults = *faults;
  return TRUE;
}

/* Everything a client needs, causeway-cli included: with exactly these lines it finds
 * the databases (the hosts file) and waits on the sandbox's clock (the time scale). */
static void
print_environment (CwSandbox  *sandbox,
                   const char *config_file,
                   const char *hosts_file)
{
  g_auto(GStrv) environment = cw_sandbox_get_environment (sandbox);
  char scale[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; environment[i] != NULL; i++)
    g_print ("%s\n", environment[i]);
  g_print ("AWS_CONFIG_FILE=%s\n", config_file);
  g_print ("CAUSEWAY_HOSTS_FILE=%s\n", hosts_file);
  g_print ("CAUSEWAY_TIME_SCALE=%s\n", g_ascii_dtostr (scale, sizeof scale, cw_sandbox_get_time_scale (sandbox)));
  fflush (stdout);
}

/* A directory only the user can read, for what this run writes. */
static char *
make_run_directory (GError **error)
{
  g_autofree char *template = g_build_filename (g_get_user_runtime_dir (), "causeway-sandbox-XXXXXX", NULL);

  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "Cannot make a directory like %s: %s",
                   template, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&template);
}

static void
remove_run_directory (const char *directory,
                      const char *config_file,
                      const char *hosts_file)
{
  if (config_file != NULL)
    g_unlink (config_file);
  if (hosts_file != NULL)
    g_unlink (hosts_file);
  if (directory != NULL)
    g_rmdir (directory);
}

/* The hosts file goes where --hosts-file says, else into the run's own directory. */
static gboolean
write_run_files (CwSandbox   *sandbox,
                 char       **run_directory,
                 char       **config_file,
                 char       **hosts_file,
                 char       **own_hosts_file,
                 GError     **error)
{
  *run_directory = make_run_directory (error);
  if (*run_directory == NULL)
    return FALSE;
  *config_file = g_build_filename (*run_directory, "aws-config", NULL);
  if (*hosts_file == NULL)
    {
      *own_hosts_file = g_build_filename (*run_directory, "hosts", NULL);
      *hosts_file = g_strdup (*own_hosts_file);
    }
  return cw_sandbox_write_hosts_file (sandbox, *hosts_file, error) &&
         cw_sandbox_write_aws_config (sandbox, *config_file, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(CwSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *faults = NULL;
  g_autofree char *hosts_file = NULL;
  g_autofree char *run_directory = NULL;
  g_autofree char *config_file = NULL;
  g_autofree char *own_hosts_file = NULL;
  CwSandboxOptions options;
  int status = EXIT_OK;
  gboolean critical_path = FALSE;

  setlocale (LC_ALL, "");
  cw_sandbox_options_init (&options);
  if (!parse_options (&argc, &argv, &options, &scenario, &faults, &critical_path, &hosts_file, &error))
    {
      g_printerr ("causeway-sandbox: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (critical_path)
    {
      g_autofree char *description = NULL;

      cw_sandbox_critical_path_seconds (options.time_scale, &description);
      g_print ("%s\n", description);
      return EXIT_OK;
    }
  /* Before the environment is printed: whoever reads it may signal at once. */
  g_unix_signal_add (SIGTERM, quit, loop);
  g_unix_signal_add (SIGINT, quit, loop);
  sandbox = cw_sandbox_new (&options);
  if (!cw_sandbox_start (sandbox, &error))
    {
      g_printerr ("causeway-sandbox: %s\n", error->message);
      return g_error_matches (error, CW_SANDBOX_ERROR, CW_SANDBOX_ERROR_INVALID_OPTION) ? EXIT_USAGE : EXIT_FAILED;
    }
  if (!write_run_files (sandbox, &run_directory, &config_file, &hosts_file, &own_hosts_file, &error))
    {
      g_printerr ("causeway-sandbox: %s\n", error->message);
      status = EXIT_FAILED;
    }
  else
    {
      print_environment (sandbox, config_file, hosts_file);
      g_main_loop_run (loop);
    }
  cw_sandbox_stop (sandbox);
  remove_run_directory (run_directory, config_file, own_hosts_file);
  return status;
}
