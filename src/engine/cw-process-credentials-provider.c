/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-process-credentials-provider.c: see cw-process-credentials-provider.h */
#define G_LOG_DOMAIN "cw-process-credentials"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cw-engine-error.h"
#include "cw-process-credentials-provider.h"

struct _CwProcessCredentialsProvider
{
  CwAwsCredentialsProvider parent_instance;
  char                    *profile;
  char                    *command;
  guint                    timeout_s;
};

G_DEFINE_FINAL_TYPE (CwProcessCredentialsProvider, cw_process_credentials_provider, CW_TYPE_AWS_CREDENTIALS_PROVIDER)

/* One run: the process, its own cancellable (the caller's or the time limit cancel it),
 * and the expiration the output gave. */
typedef struct {
  GSubprocess  *process;
  GCancellable *cancellable;
  gulong        forward_id;   /* on the caller's cancellable */
  GCancellable *caller;
  guint         timeout_id;
  gboolean      timed_out;
  gint64        expiration;
} Run;

static void
run_free (Run *run)
{
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  if (run->caller != NULL)
    g_cancellable_disconnect (run->caller, run->forward_id);
  g_clear_object (&run->caller);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->process);
  g_free (run);
}

static gboolean
timed_out (gpointer user_data)
{
  Run *run = user_data;

  run->timeout_id = 0;
  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

static void
forward_cancel (GCancellable *caller,
                gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* ---- reading the output ---- */

static gboolean
bad_output (CwProcessCredentialsProvider  *self,
            const char                    *why,
            GError                       **error)
{
  g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE,
               _("The credential_process of the profile “%s” printed %s"), self->profile, why);
  return FALSE;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
check_version (CwProcessCredentialsProvider  *self,
               JsonObject                    *object,
               GError                       **error)
{
  JsonNode *version = json_object_get_member (object, "Version");

  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    return bad_output (self, _("no Version"), error);
  if (json_node_get_int (version) != 1)
    return bad_output (self, _("a Version other than 1"), error);
  return TRUE;
}

static gboolean
check_keys (CwProcessCredentialsProvider  *self,
            JsonObject                    *object,
            gint64                        *expiration,
            GError                       **error)
{
  const char *expires = string_member (object, "Expiration");

  if (string_member (object, "AccessKeyId") == NULL || string_member (object, "SecretAccessKey") == NULL)
    return bad_output (self, _("no AccessKeyId or SecretAccessKey"), error);
  *expiration = 0;
  if (expires != NULL && !cw_aws_credentials_parse_expiration (expires, expiration))
    return bad_output (self, _("an Expiration that is not an ISO 8601 time"), error);
  return TRUE;
}

static CwAwsCredentials *
parse_output (CwProcessCredentialsProvider  *self,
              const char                    *text,
              gsize                          length,
              gint64                        *expiration,
              GError                       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  /* The parser's own message could quote the output: it is not passed on. */
  if (!json_parser_load_from_data (parser, text, (gssize) length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      bad_output (self, _("something that is not a JSON object"), error);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  if (!check_version (self, object, error) || !check_keys (self, object, expiration, error))
    return NULL;
  return cw_aws_credentials_new (string_member (object, "AccessKeyId"), string_member (object, "SecretAccessKey"),
                                 string_member (object, "SessionToken"));
}

/* ---- running ---- */

static char *
first_line (GBytes *bytes)
{
  gsize length = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &length) : NULL;
  g_autofree char *text = g_utf8_make_valid (data ? data : "", (gssize) length);
  char *newline = strchr (text, '\n');

  if (newline != NULL)
    *newline = '\0';
  return g_strdup (g_strstrip (text));
}

static gboolean
check_exit (CwProcessCredentialsProvider  *self,
            GSubprocess                   *process,
            GBytes                        *errors,
            GError                       **error)
{
  g_autofree char *line = NULL;

  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    return TRUE;
  line = first_line (errors);
  g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
               _("The credential_process of the profile “%s” failed: %s"), self->profile,
               *line != '\0' ? line : _("it wrote nothing to stderr"));
  return FALSE;
}

/* The command runs in its own process group: stopping it stops what `sh -c` started too,
 * which would otherwise outlive a cancelled or timed-out fetch. */
static void
child_setup (gpointer user_data)
{
  setpgid (0, 0);
}

static void
stop_process_group (GSubprocess *process)
{
  const char *identifier = g_subprocess_get_identifier (process);
  gint64 pid;

  if (identifier != NULL && g_ascii_string_to_signed (identifier, 10, 2, G_MAXINT, &pid, NULL))
    kill (-(pid_t) pid, SIGKILL);
}

static void
communicated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwProcessCredentialsProvider *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GBytes) errors = NULL;
  GError *error = NULL;
  CwAwsCredentials *credentials;

  if (!g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &output, &errors, &error))
    {
      stop_process_group (run->process);
      if (run->timed_out)
        {
          g_clear_error (&error);
          error = g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_TIMED_OUT,
                               _("The credential_process of the profile “%s” did not finish within %u seconds"),
                               self->profile, self->timeout_s);
        }
      g_task_return_error (task, error);
      return;
    }
  if (!check_exit (self, run->process, errors, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  credentials = parse_output (self, g_bytes_get_data (output, NULL), g_bytes_get_size (output), &run->expiration, &error);
  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) cw_aws_credentials_free);
}

/* Bounded by the timeout and the caller's cancellable, both through the run's own. */
static void
start_run (GTask        *task,
           Run          *run,
           GCancellable *cancellable)
{
  CwProcessCredentialsProvider *self = g_task_get_source_object (task);

  run->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      run->caller = g_object_ref (cancellable);
      run->forward_id = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel),
                                               g_object_ref (run->cancellable), g_object_unref);
    }
  run->timeout_id = g_timeout_add_seconds (self->timeout_s, timed_out, run);
  g_subprocess_communicate_async (run->process, NULL, run->cancellable, communicated, g_object_ref (task));
}

static void
cw_process_credentials_provider_fetch_async (CwAwsCredentialsProvider *provider,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data)
{
  CwProcessCredentialsProvider *self = CW_PROCESS_CREDENTIALS_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  Run *run = g_new0 (Run, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, cw_process_credentials_provider_fetch_async);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  /* The command is the profile's, run as the AWS CLI runs it: stdin is inherited, so that
   * it may ask the person something on the terminal. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  run->process = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c", self->command, NULL);
  if (run->process == NULL)
    {
      g_prefix_error (&error, _("The credential_process of the profile “%s” could not start: "), self->profile);
      g_task_return_error (task, error);
      return;
    }
  start_run (task, run, cancellable);
}

static CwAwsCredentials *
cw_process_credentials_provider_fetch_finish (CwAwsCredentialsProvider  *provider,
                                              GAsyncResult              *result,
                                              gint64                    *expiration,
                                              GError                   **error)
{
  Run *run = g_task_get_task_data (G_TASK (result));

  *expiration = run->expiration;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cw_process_credentials_provider_finalize (GObject *object)
{
  CwProcessCredentialsProvider *self = CW_PROCESS_CREDENTIALS_PROVIDER (object);

  g_free (self->profile);
  g_free (self->command);
  G_OBJECT_CLASS (cw_process_credentials_provider_parent_class)->finalize (object);
}

static void
cw_process_credentials_provider_class_init (CwProcessCredentialsProviderClass *klass)
{
  CwAwsCredentialsProviderClass *provider_class = CW_AWS_CREDENTIALS_PROVIDER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cw_process_credentials_provider_finalize;
  provider_class->fetch_async = cw_process_credentials_provider_fetch_async;
  provider_class->fetch_finish = cw_process_credentials_provider_fetch_finish;
}

static void
cw_process_credentials_provider_init (CwProcessCredentialsProvider *self)
{
  self->timeout_s = CW_PROCESS_CREDENTIALS_TIMEOUT_S;
}

CwAwsCredentialsProvider *
cw_process_credentials_provider_new (const char *profile,
                                     const char *command)
{
  CwProcessCredentialsProvider *self;

  g_return_val_if_fail (profile != NULL && command != NULL, NULL);
  self = g_object_new (CW_TYPE_PROCESS_CREDENTIALS_PROVIDER, NULL);
  self->profile = g_strdup (profile);
  self->command = g_strdup (command);
  return CW_AWS_CREDENTIALS_PROVIDER (self);
}

/* For the tests: a shorter limit than the minute. */
void
cw_process_credentials_provider_set_timeout (CwProcessCredentialsProvider *self,
                                             guint                         seconds)
{
  g_return_if_fail (CW_IS_PROCESS_CREDENTIALS_PROVIDER (self));
  self->timeout_s = MAX (seconds, 1);
}
