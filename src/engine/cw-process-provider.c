/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-process-provider.c: see cw-process-provider.h */
#define G_LOG_DOMAIN "cw-process-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cw-engine-error.h"
#include "cw-process-provider.h"

struct _CwProcessProvider
{
  CwAwsCredentialsProvider parent_instance;
  char *profile;
  char *command;
};

G_DEFINE_FINAL_TYPE (CwProcessProvider, cw_process_provider, CW_TYPE_AWS_CREDENTIALS_PROVIDER)

typedef struct {
  GSubprocess  *process;
  guint         timeout;
  gboolean      timed_out;
  gint64        expiration;
} Run;

static void
run_free (Run *run)
{
  g_clear_handle_id (&run->timeout, g_source_remove);
  g_clear_object (&run->process);
  g_free (run);
}

static gboolean
on_timeout (gpointer user_data)
{
  Run *run = user_data;

  run->timeout = 0;
  run->timed_out = TRUE;
  g_subprocess_force_exit (run->process);
  return G_SOURCE_REMOVE;
}

typedef enum {
  PROBLEM_NOT_JSON,
  PROBLEM_VERSION,
  PROBLEM_NO_KEYS,
  PROBLEM_EXPIRATION,
  PROBLEM_TIMED_OUT,
  PROBLEM_FAILED,
} Problem;

static GError *
process_error (CwProcessProvider *self,
               Problem            problem)
{
  const char *profile = self->profile;

#define PROCESS_ERROR(text) g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, text, profile)
  switch (problem)
    {
    case PROBLEM_NOT_JSON:
      return PROCESS_ERROR (_("The credential_process of profile %s printed something that is not a JSON object."));
    case PROBLEM_VERSION:
      return PROCESS_ERROR (_("The credential_process of profile %s printed JSON without “Version”: 1."));
    case PROBLEM_NO_KEYS:
      return PROCESS_ERROR (_("The credential_process of profile %s printed JSON without AccessKeyId and "
                              "SecretAccessKey."));
    case PROBLEM_EXPIRATION:
      return PROCESS_ERROR (_("The credential_process of profile %s printed an Expiration that is not an "
                              "ISO 8601 time."));
    case PROBLEM_TIMED_OUT:
      return PROCESS_ERROR (_("The credential_process of profile %s took longer than a minute and was stopped."));
    case PROBLEM_FAILED:
    default:
      return PROCESS_ERROR (_("The credential_process of profile %s failed."));
    }
#undef PROCESS_ERROR
}

static const char *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The credentials of the process's output, or NULL and what is wrong with it. */
static CwAwsCredentials *
parse_output (const char  *output,
              gint64      *expiration,
              Problem     *problem)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) expires = NULL;
  JsonObject *object;
  const char *key_id, *secret, *expiration_text;

  if (output == NULL || !json_parser_load_from_data (parser, output, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *problem = PROBLEM_NOT_JSON;
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (object, "Version") || json_object_get_int_member (object, "Version") != 1)
    {
      *problem = PROBLEM_VERSION;
      return NULL;
    }
  key_id = member (object, "AccessKeyId");
  secret = member (object, "SecretAccessKey");
  if (key_id == NULL || secret == NULL)
    {
      *problem = PROBLEM_NO_KEYS;
      return NULL;
    }
  expiration_text = member (object, "Expiration");
  if (expiration_text != NULL && (expires = g_date_time_new_from_iso8601 (expiration_text, NULL)) == NULL)
    {
      *problem = PROBLEM_EXPIRATION;
      return NULL;
    }
  *expiration = expires ? g_date_time_to_unix (expires) : 0;
  return cw_aws_credentials_new (key_id, secret, member (object, "SessionToken"));
}

static char *
first_line (const char *text)
{
  g_autofree char *copy = g_strdup (text ? text : "");
  char *newline = strchr (copy, '\n');

  if (newline != NULL)
    *newline = '\0';
  return g_strdup (g_strstrip (copy));
}

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwProcessProvider *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  CwAwsCredentials *credentials;
  Problem problem = PROBLEM_FAILED;

  g_clear_handle_id (&run->timeout, g_source_remove);
  if (!g_subprocess_communicate_utf8_finish (run->process, result, &output, &errors, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (run->timed_out)
    {
      g_task_return_error (task, process_error (self, PROBLEM_TIMED_OUT));
      return;
    }
  if (!g_subprocess_get_if_exited (run->process) || g_subprocess_get_exit_status (run->process) != 0)
    {
      g_autofree char *line = first_line (errors);

      if (*line != '\0')
        g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                                 _("The credential_process of profile %s failed: %s"), self->profile, line);
      else
        g_task_return_error (task, process_error (self, PROBLEM_FAILED));
      return;
    }
  credentials = parse_output (output, &run->expiration, &problem);
  if (output != NULL)
    memset (output, 0, strlen (output));
  if (credentials == NULL)
    g_task_return_error (task, process_error (self, problem));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) cw_aws_credentials_free);
}

static void
cw_process_provider_fetch_async (CwAwsCredentialsProvider *provider,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  CwProcessProvider *self = CW_PROCESS_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  g_task_set_source_tag (task, cw_process_provider_fetch_async);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  /* The shell, as the AWS CLI runs it: the command may hold quotes and arguments. */
  run->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                   "/bin/sh", "-c", self->command, NULL);
  if (run->process == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  run->timeout = g_timeout_add_seconds (CW_PROCESS_PROVIDER_TIMEOUT_S, on_timeout, run);
  g_subprocess_communicate_utf8_async (run->process, NULL, cancellable, on_communicated, g_steal_pointer (&task));
}

static CwAwsCredentials *
cw_process_provider_fetch_finish (CwAwsCredentialsProvider  *provider,
                                  GAsyncResult              *result,
                                  gint64                    *expiration,
                                  GError                   **error)
{
  Run *run = g_task_get_task_data (G_TASK (result));
  CwAwsCredentials *credentials = g_task_propagate_pointer (G_TASK (result), error);

  *expiration = credentials ? run->expiration : 0;
  return credentials;
}

static void
cw_process_provider_finalize (GObject *object)
{
  CwProcessProvider *self = CW_PROCESS_PROVIDER (object);

  g_free (self->profile);
  g_free (self->command);
  G_OBJECT_CLASS (cw_process_provider_parent_class)->finalize (object);
}

static void
cw_process_provider_class_init (CwProcessProviderClass *klass)
{
  CwAwsCredentialsProviderClass *provider_class = CW_AWS_CREDENTIALS_PROVIDER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cw_process_provider_finalize;
  provider_class->fetch_async = cw_process_provider_fetch_async;
  provider_class->fetch_finish = cw_process_provider_fetch_finish;
}

static void
cw_process_provider_init (CwProcessProvider *self)
{
}

CwAwsCredentialsProvider *
cw_process_provider_new (const char *profile,
                         const char *command)
{
  CwProcessProvider *self;

  g_return_val_if_fail (profile != NULL && command != NULL, NULL);
  self = g_object_new (CW_TYPE_PROCESS_PROVIDER, NULL);
  self->profile = g_strdup (profile);
  self->command = g_strdup (command);
  return CW_AWS_CREDENTIALS_PROVIDER (self);
}
