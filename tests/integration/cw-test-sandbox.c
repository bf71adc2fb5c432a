/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-test-sandbox.c */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cw-journal.h"
#include "cw-test-sandbox.h"

static char *state_dir;

static void
remove_state_dir (void)
{
  g_autofree char *command = g_strdup_printf ("rm -rf %s", state_dir);

  if (state_dir != NULL && g_str_has_prefix (state_dir, g_get_tmp_dir ()))
    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

/* Before anything asks GLib for the user's directories: they are read once. */
void
cw_test_init (int    *argc,
              char ***argv)
{
  g_test_init (argc, argv, NULL);
  state_dir = g_dir_make_tmp ("cw-integration-XXXXXX", NULL);
  g_assert_nonnull (state_dir);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  g_unsetenv ("AWS_PROFILE");
  atexit (remove_state_dir);
}

const char *
cw_test_state_dir (void)
{
  return state_dir;
}

void
cw_test_clear_journals (void)
{
  g_autofree char *directory = cw_journal_dup_directory ();
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      g_unlink (path);
    }
}

/* ---- the sandbox ---- */

/* The AWS layer sends an empty request path for an endpoint without one; the sandbox
 * prints its base URL so, hence the slash. */
static char *
aws_endpoint (CwSandbox *sandbox)
{
  return g_strdup_printf ("http://127.0.0.1:%u/", cw_sandbox_get_port (sandbox));
}

static GStrv
child_environment (CwTestSandbox *self)
{
  g_auto(GStrv) sandbox_env = cw_sandbox_get_environment (self->sandbox);
  GStrv env = g_get_environ ();
  g_autofree char *endpoint = aws_endpoint (self->sandbox);
  char scale[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; sandbox_env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (sandbox_env[i], "=", 2);

      env = g_environ_setenv (env, pair[0], pair[1] ? pair[1] : "", TRUE);
    }
  env = g_environ_setenv (env, "AWS_ENDPOINT_URL", endpoint, TRUE);
  env = g_environ_setenv (env, "CAUSEWAY_HOSTS_FILE", self->hosts_path, TRUE);
  env = g_environ_setenv (env, "CAUSEWAY_TIME_SCALE",
                          g_ascii_dtostr (scale, sizeof scale, cw_sandbox_get_time_scale (self->sandbox)), TRUE);
  env = g_environ_setenv (env, "XDG_STATE_HOME", state_dir, TRUE);
  env = g_environ_unsetenv (env, "AWS_PROFILE");
  env = g_environ_unsetenv (env, "AWS_SESSION_TOKEN");
  return env;
}

CwTestSandbox *
cw_test_sandbox_new (double      time_scale,
                     const char *faults)
{
  return cw_test_sandbox_new_scenario (time_scale, faults, NULL);
}

/* @scenario: "default" (NULL), "large" or "empty". */
CwTestSandbox *
cw_test_sandbox_new_scenario (double      time_scale,
                              const char *faults,
                              const char *scenario)
{
  CwTestSandbox *self = g_new0 (CwTestSandbox, 1);
  CwSandboxOptions options;
  g_autoptr(GError) error = NULL;

  cw_sandbox_options_init (&options);
  options.time_scale = time_scale;
  options.faults = faults;
  if (scenario != NULL)
    options.scenario = scenario;
  /* Every world of a test program is the same world: ids, addresses and fault draws. */
  options.seed = 20261124;
  self->sandbox = cw_sandbox_new (&options);
  if (!cw_sandbox_start (self->sandbox, &error))
    g_error ("the sandbox did not start: %s", error->message);
  /* Only child processes talk to it: this one's environment stays as it was. */
  self->hosts_path = g_build_filename (state_dir, "hosts", NULL);
  cw_test_sandbox_write_hosts (self);
  self->child_env = child_environment (self);
  cw_test_clear_journals ();
  return self;
}

void
cw_test_sandbox_free (CwTestSandbox *self)
{
  cw_sandbox_stop (self->sandbox);
  g_clear_object (&self->sandbox);
  g_free (self->hosts_path);
  g_strfreev (self->child_env);
  g_free (self);
}

JsonNode *
cw_test_sandbox_dump (CwTestSandbox *self)
{
  return cw_sandbox_dump_inventory (self->sandbox);
}

JsonArray *
cw_test_dump_array (JsonNode   *dump,
                    const char *cloud,
                    const char *kind)
{
  return json_object_get_array_member (json_object_get_object_member (json_node_get_object (dump), cloud), kind);
}

/* Where the simulated databases are now, for child processes (CAUSEWAY_HOSTS_FILE). */
void
cw_test_sandbox_write_hosts (CwTestSandbox *self)
{
  g_autoptr(JsonNode) dump = cw_test_sandbox_dump (self);
  JsonArray *instances = cw_test_dump_array (dump, "aws", "db_instances");
  JsonArray *clusters = cw_test_dump_array (dump, "aws", "db_clusters");
  g_autoptr(GString) hosts = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonObject *instance = json_array_get_object_element (instances, i);
      const char *host = json_object_get_string_member_with_default (instance, "host", NULL);
      const char *ip = json_object_get_string_member_with_default (instance, "public_ip", NULL);

      if (ip == NULL)
        ip = json_object_get_string_member_with_default (instance, "private_ip", NULL);
      if (host != NULL && ip != NULL)
        g_string_append_printf (hosts, "%s %s\n", ip, host);
    }
  for (guint i = 0; i < json_array_get_length (clusters); i++)
    {
      JsonObject *cluster = json_array_get_object_element (clusters, i);
      const char *host = json_object_get_string_member_with_default (cluster, "host", NULL);
      g_autofree char *ip = host ? cw_sandbox_resolve_host (self->sandbox, host) : NULL;

      if (ip != NULL)
        g_string_append_printf (hosts, "%s %s\n", ip, host);
    }
  g_file_set_contents (self->hosts_path, hosts->str, hosts->len, &error);
  g_assert_no_error (error);
}

/* ---- comparing worlds ---- */

static gint
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
append_rules (GString    *out,
              JsonObject *group)
{
  JsonArray *rules = json_object_get_array_member (group, "ingress");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);

      g_ptr_array_add (lines, g_strdup_printf ("  %s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s %s\n",
                                               json_object_get_string_member (rule, "protocol"),
                                               json_object_get_int_member (rule, "from_port"),
                                               json_object_get_int_member (rule, "to_port"),
                                               json_object_get_string_member_with_default (rule, "cidr", "-"),
                                               json_object_get_string_member_with_default (rule, "group_id", "-")));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
}

/* Every resource of both clouds by kind and id, with the rules of security groups, the
 * targets of target groups and the principals of services: equal signatures mean
 * nothing was added, removed or changed where a link could have. */
char *
cw_test_resources_signature (JsonNode *dump)
{
  static const char * const aws_kinds[] = {
    "vpcs", "subnets", "security_groups", "network_interfaces", "db_instances", "db_clusters", "load_balancers",
    "target_groups", "listeners", "endpoint_services", "endpoint_connections", NULL
  };
  GString *out = g_string_new (NULL);

  for (guint k = 0; aws_kinds[k] != NULL; k++)
    {
      JsonArray *resources = cw_test_dump_array (dump, "aws", aws_kinds[k]);

      for (guint i = 0; i < json_array_get_length (resources); i++)
        {
          JsonObject *resource = json_array_get_object_element (resources, i);

          g_string_append_printf (out, "%s %s\n", aws_kinds[k], json_object_get_string_member (resource, "id"));
          if (json_object_has_member (resource, "ingress"))
            append_rules (out, resource);
          if (json_object_has_member (resource, "targets"))
            {
              JsonArray *targets = json_object_get_array_member (resource, "targets");

              for (guint t = 0; t < json_array_get_length (targets); t++)
                g_string_append_printf (out, "  target %s\n",
                                        json_object_get_string_member (json_array_get_object_element (targets, t), "ip"));
            }
        }
    }
  {
    JsonArray *links = cw_test_dump_array (dump, "tidb", "private_links");

    for (guint i = 0; i < json_array_get_length (links); i++)
      g_string_append_printf (out, "private_link %s\n",
                              json_object_get_string_member (json_array_get_object_element (links, i), "id"));
  }
  return g_string_free (out, FALSE);
}

char *
cw_test_sandbox_signature (CwTestSandbox *self)
{
  g_autoptr(JsonNode) dump = cw_test_sandbox_dump (self);

  return cw_test_resources_signature (dump);
}

/* Nothing was added, removed or changed since @signature was taken. */
void
cw_test_assert_world_is (CwTestSandbox *self,
                         const char    *signature)
{
  g_autofree char *now = cw_test_sandbox_signature (self);

  g_assert_cmpstr (now, ==, signature);
}

static gboolean
is_tagged (JsonObject *resource,
           const char *link_id)
{
  JsonObject *tags = json_object_get_object_member (resource, "tags");

  return tags && g_strcmp0 (json_object_get_string_member_with_default (tags, "causeway:link-id", NULL), link_id) == 0;
}

guint
cw_test_count_tagged (JsonNode   *dump,
                      const char *kind,
                      const char *link_id)
{
  JsonArray *resources = cw_test_dump_array (dump, "aws", kind);
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (resources); i++)
    count += is_tagged (json_array_get_object_element (resources, i), link_id);
  return count;
}

/* The resource of @kind in the dump whose @member is @value. */
JsonObject *
cw_test_dump_find (JsonNode   *dump,
                   const char *cloud,
                   const char *kind,
                   const char *member,
                   const char *value)
{
  JsonArray *array = cw_test_dump_array (dump, cloud, kind);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), value) == 0)
        return object;
    }
  return NULL;
}

/* The first AWS resource of @kind that the link tagged as its own. */
JsonObject *
cw_test_find_tagged (JsonNode   *dump,
                     const char *kind,
                     const char *link_id)
{
  JsonArray *resources = cw_test_dump_array (dump, "aws", kind);

  for (guint i = 0; i < json_array_get_length (resources); i++)
    if (is_tagged (json_array_get_object_element (resources, i), link_id))
      return json_array_get_object_element (resources, i);
  return NULL;
}

/* The object of a JSON array whose @member is @value. */
JsonObject *
cw_test_find_object (JsonNode   *array,
                     const char *member,
                     const char *value)
{
  JsonArray *items = json_node_get_array (array);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, member, NULL), value) == 0)
        return item;
    }
  return NULL;
}

static const char *
service_name_of (JsonNode   *dump,
                 const char *link_id)
{
  JsonArray *services = cw_test_dump_array (dump, "aws", "endpoint_services");

  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *service = json_array_get_object_element (services, i);
      JsonObject *tags = json_object_get_object_member (service, "tags");

      if (g_strcmp0 (json_object_get_string_member_with_default (tags, "causeway:link-id", NULL), link_id) == 0)
        return json_object_get_string_member (service, "name");
    }
  return NULL;
}

/* Every resource of the link exists once, and its one TiDB Cloud connection is ACTIVE
 * and really reaches the database. */
void
cw_test_assert_link_made_once (JsonNode   *dump,
                               const char *link_id)
{
  static const char * const kinds[] = { "security_groups", "target_groups", "load_balancers", "listeners",
                                        "endpoint_services", NULL };
  JsonArray *links = cw_test_dump_array (dump, "tidb", "private_links");
  const char *name = service_name_of (dump, link_id);
  guint connections = 0;

  for (guint k = 0; kinds[k] != NULL; k++)
    {
      g_test_message ("%s", kinds[k]);
      g_assert_cmpuint (cw_test_count_tagged (dump, kinds[k], link_id), ==, 1);
    }
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);

      if (g_strcmp0 (json_object_get_string_member (link, "service_name"), name) != 0)
        continue;
      connections++;
      g_assert_cmpstr (json_object_get_string_member (link, "state"), ==, "ACTIVE");
      g_assert_true (json_object_get_boolean_member (link, "reachable"));
    }
  g_assert_cmpuint (connections, ==, 1);
}

/* The id of the one run the journals know. */
char *
cw_test_only_link_id (void)
{
  g_autoptr(GPtrArray) journals = cw_journal_list (NULL);

  g_assert_nonnull (journals);
  g_assert_cmpuint (journals->len, ==, 1);
  return g_strdup (cw_journal_get_link_id (g_ptr_array_index (journals, 0)));
}

/* ---- causeway-cli ---- */

static const char *
cli_path (void)
{
  const char *path = g_getenv ("CAUSEWAY_CLI");

  g_assert_nonnull (path);
  return path;
}

GSubprocess *
cw_test_spawn_cli (CwTestSandbox      *self,
                   const char * const *arguments)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_environ (launcher, self->child_env);
  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) arguments[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static char *
aws_home (void)
{
  return g_build_filename (state_dir, "aws-home", NULL);
}

/* An environment in which Debian's AWS CLI (/usr/bin/aws) talks to the sandbox, with
 * the sandbox's keys and nothing of the user's configuration. */
static GSubprocessLauncher *
aws_launcher (CwTestSandbox *self)
{
  g_autofree char *home = aws_home ();
  g_autofree char *empty = g_build_filename (home, "empty", NULL);
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%u", cw_sandbox_get_port (self->sandbox));
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_PIPE);
  const char * const environment[] = {
    "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER=", "AWS_DEFAULT_REGION=us-east-1",
    "POLL_SECONDS=0.05", NULL
  };

  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_subprocess_launcher_set_environ (launcher, (char **) environment);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_CONFIG_FILE", empty, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_SHARED_CREDENTIALS_FILE", empty, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_ACCESS_KEY_ID", CW_SANDBOX_ACCESS_KEY_ID, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_SECRET_ACCESS_KEY", cw_sandbox_get_secret_access_key (self->sandbox), TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_ENDPOINT_URL", endpoint, TRUE);
  return launcher;
}

/* Runs @argv with the AWS CLI pointed at the sandbox; it must succeed: its output. */
static char *
run_with_aws (CwTestSandbox      *self,
              const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = aws_launcher (self);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_error ("%s %s failed:\n%s%s", argv[0], argv[1], out, err);
  return out;
}

/* Runs one AWS CLI command (@service, then its arguments) against the sandbox, which
 * must succeed: its output. Debian's AWS CLI (2.9) does not read AWS_ENDPOINT_URL. */
char *
cw_test_run_aws (CwTestSandbox *self,
                 const char    *service,
                 ...)
{
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%u", cw_sandbox_get_port (self->sandbox));
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) "/usr/bin/aws");
  g_ptr_array_add (argv, (gpointer) service);
  g_ptr_array_add (argv, (gpointer) "--endpoint-url");
  g_ptr_array_add (argv, endpoint);
  va_start (args, service);
  for (const char *argument = va_arg (args, const char *); argument != NULL; argument = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) argument);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return run_with_aws (self, (const char * const *) argv->pdata);
}

/* Runs a bash script that uses the AWS CLI against the sandbox (an exported one: it
 * passes AWS_ENDPOINT_URL on itself); it must succeed: its output. */
char *
cw_test_run_aws_script (CwTestSandbox *self,
                        const char    *script)
{
  g_autofree char *home = aws_home ();
  g_autofree char *path = g_build_filename (home, "script.sh", NULL);
  const char *argv[] = { "/bin/bash", path, NULL };

  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, script, -1, NULL));
  return run_with_aws (self, argv);
}

/* Runs causeway-cli to its end; every secret is checked to be absent from its output. */
static char *
run_to_end (CwTestSandbox  *self,
            GPtrArray      *arguments,
            int            *status,
            char          **errors)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (arguments, NULL);
  process = cw_test_spawn_cli (self, (const char * const *) arguments->pdata);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  cw_test_assert_no_secret (self, out);
  cw_test_assert_no_secret (self, err);
  *status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  if (g_test_verbose () || (*status != 0 && errors == NULL))
    g_printerr ("causeway-cli %s → %d\n%s%s", (char *) arguments->pdata[0], *status, out, err);
  if (errors != NULL)
    *errors = g_steal_pointer (&err);
  return g_steal_pointer (&out);
}

static GPtrArray *
collect_arguments (const char *first_argument,
                   va_list     args)
{
  GPtrArray *arguments = g_ptr_array_new ();

  for (const char *a = first_argument; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (arguments, (gpointer) a);
  return arguments;
}

char *
cw_test_run_cli (CwTestSandbox  *self,
                 int            *status,
                 char          **errors,
                 const char     *first_argument,
                 ...)
{
  g_autoptr(GPtrArray) arguments = NULL;
  va_list args;

  va_start (args, first_argument);
  arguments = collect_arguments (first_argument, args);
  va_end (args);
  return run_to_end (self, arguments, status, errors);
}

/* Runs causeway-cli with --output json, and reads what it prints. */
JsonNode *
cw_test_run_cli_json (CwTestSandbox *self,
                      const char    *first_argument,
                      ...)
{
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  va_list args;
  JsonNode *node;
  int status;

  va_start (args, first_argument);
  arguments = collect_arguments (first_argument, args);
  va_end (args);
  g_ptr_array_add (arguments, (gpointer) "--output");
  g_ptr_array_add (arguments, (gpointer) "json");
  out = run_to_end (self, arguments, &status, &errors);
  node = json_from_string (out, &error);
  if (node == NULL)
    g_error ("causeway-cli %s gave no JSON: %s\n%s%s", first_argument, error->message, out, errors);
  return node;
}

/* A step that waits from its start, or is done at its first look, is never seen
 * "running": it has started all the same. */
static gboolean
state_reached (const char *printed,
               const char *wanted)
{
  static const char * const started[] = { "running", "waiting", "done", "skipped", NULL };

  return g_strcmp0 (printed, wanted) == 0 ||
         (g_strcmp0 (wanted, "running") == 0 && g_strv_contains (started, printed));
}

/* Runs causeway-cli until it reports @step in @state, then calls @hook (once) and lets
 * it run on to its end; FALSE when it ended before. @status: its exit status, -1 when a
 * signal ended it. */
gboolean
cw_test_run_cli_at (CwTestSandbox      *self,
                    const char         *step,
                    const char         *state,
                    CwTestCliHook       hook,
                    gpointer            hook_data,
                    const char * const *arguments,
                    int                *status)
{
  g_autoptr(GSubprocess) process = cw_test_spawn_cli (self, arguments);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  gboolean reached = FALSE;
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (line), " ", -1);
      guint n = 0;

      cw_test_assert_no_secret (self, line);
      /* "  12.3s  step  state  message" */
      for (guint i = 0; !reached && words[i] != NULL; i++)
        if (*words[i] != '\0')
          {
            if ((n == 1 && g_strcmp0 (words[i], step) != 0) || (n == 2 && !state_reached (words[i], state)))
              break;
            if (n++ == 2)
              {
                hook (process, hook_data);
                reached = TRUE;
              }
          }
      g_free (line);
    }
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  if (status != NULL)
    *status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  return reached;
}

static void
send_signal (GSubprocess *process,
             gpointer     signal_number)
{
  g_subprocess_send_signal (process, GPOINTER_TO_INT (signal_number));
}

/* Runs causeway-cli until it reports @step in @state, then sends it @signal_number
 * (SIGKILL: as a crash would; SIGTERM: asking it to stop) and waits for its end; FALSE
 * when it ended before. @status: its exit status, -1 when a signal ended it. */
gboolean
cw_test_run_cli_until (CwTestSandbox      *self,
                       const char         *step,
                       const char         *state,
                       int                 signal_number,
                       const char * const *arguments,
                       int                *status)
{
  return cw_test_run_cli_at (self, step, state, send_signal, GINT_TO_POINTER (signal_number), arguments, status);
}

void
cw_test_assert_no_secret (CwTestSandbox *self,
                          const char    *text)
{
  if (text == NULL)
    return;
  g_assert_null (strstr (text, cw_sandbox_get_secret_access_key (self->sandbox)));
  g_assert_null (strstr (text, cw_sandbox_get_tidb_private_key (self->sandbox)));
}

void
cw_test_assert_journals_hold_no_secret (CwTestSandbox *self)
{
  g_autofree char *directory = cw_journal_dup_directory ();
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      cw_test_assert_no_secret (self, contents);
    }
}

/* ---- waiting ---- */

static gboolean
time_is_up (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
cw_test_wait (gpointer *slot,
              guint     seconds)
{
  gboolean up = FALSE;
  guint id = g_timeout_add_seconds (seconds, time_is_up, &up);

  while (*slot == NULL && !up)
    g_main_context_iteration (NULL, TRUE);
  if (!up)
    g_source_remove (id);
  return *slot != NULL;
}

void
cw_test_store_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* ---- the control endpoint ---- */

/* Asks the sandbox's control endpoint (cw-sandbox-control.c) as a person or a script
 * would, over HTTP: METHOD /_sandbox/PATH, and answers its JSON. */
JsonNode *
cw_test_sandbox_control (CwTestSandbox *self,
                         const char    *method,
                         const char    *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/_sandbox/%s", cw_sandbox_get_port (self->sandbox), path);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (session, message, NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The requests the sandbox answered so far, of every operation. */
guint
cw_test_sandbox_count_requests (CwTestSandbox *self)
{
  g_autoptr(JsonNode) counts = cw_test_sandbox_control (self, "GET", "requests");

  return (guint) json_object_get_int_member (json_node_get_object (counts), "total");
}

/* ---- links as `links` shows them ---- */

/* The link's status as `links` says it, and its first reason. */
char *
cw_test_link_status (CwTestSandbox *sb,
                     const char    *member,
                     const char    *value,
                     char         **reason)
{
  g_autoptr(JsonNode) links = cw_test_run_cli_json (sb, "links", "--cluster", CW_TEST_CLUSTER_ID, NULL);
  JsonObject *link = cw_test_find_object (links, member, value);
  JsonArray *reasons;

  g_assert_nonnull (link);
  reasons = json_object_get_array_member (link, "reasons");
  if (reason != NULL)
    *reason = json_array_get_length (reasons) ? g_strdup (json_array_get_string_element (reasons, 0)) : NULL;
  return g_strdup (json_object_get_string_member (link, "status"));
}

/* Health checks take a few (scaled) minutes to pass: looks again, a bounded number of
 * times. */
gboolean
cw_test_eventually_status (CwTestSandbox *sb,
                           const char    *member,
                           const char    *value,
                           const char    *status)
{
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *current = cw_test_link_status (sb, member, value, NULL);

      if (g_strcmp0 (current, status) == 0)
        return TRUE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}
