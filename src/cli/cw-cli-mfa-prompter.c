/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-mfa-prompter.c */
#define G_LOG_DOMAIN "cw-cli-mfa-prompter"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cw-cli-mfa-prompter.h"
#include "cw-engine-error.h"

/* Six digits, and room for a person's stray spaces. */
#define MAX_CODE_LENGTH 32

struct _CwCliMfaPrompter
{
  GObject parent_instance;
};

static void cw_cli_mfa_prompter_iface_init (CwMfaPrompterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CwCliMfaPrompter, cw_cli_mfa_prompter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CW_TYPE_MFA_PROMPTER, cw_cli_mfa_prompter_iface_init))

typedef struct {
  char *profile;
  char *mfa_serial;
} Question;

static void
question_free (Question *question)
{
  g_free (question->profile);
  g_free (question->mfa_serial);
  g_free (question);
}

/* Asks on @fd and reads one line with the terminal's echo off. Echo goes off before the
 * prompt is shown, so nothing typed after seeing it is flushed away. The line is wiped
 * from the stack buffer before returning. */
static char *
ask_without_echo (int          fd,
                  const char  *prompt,
                  GError     **error)
{
  struct termios saved, quiet;
  char buffer[MAX_CODE_LENGTH + 2] = { 0 };
  gboolean restore = tcgetattr (fd, &saved) == 0;
  ssize_t length = 0;
  char *line;

  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      tcsetattr (fd, TCSAFLUSH, &quiet);
    }
  if (write (fd, prompt, strlen (prompt)) < 0)
    g_debug ("The MFA prompt could not be written: %s", g_strerror (errno));
  while (length < (ssize_t) sizeof buffer - 1)
    {
      ssize_t n = read (fd, buffer + length, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || buffer[length] == '\n')
        break;
      length++;
    }
  if (restore)
    tcsetattr (fd, TCSANOW, &saved);
  buffer[length] = '\0';
  line = g_strstrip (g_strdup (buffer));
  memset (buffer, 0, sizeof buffer);
  if (*line == '\0')
    {
      g_free (line);
      g_set_error_literal (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, _("No MFA code was entered."));
      return NULL;
    }
  return line;
}

static void
ask_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Question *question = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = NULL;
  int fd = g_open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY, 0);
  char *code;

  if (fd < 0)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("Profile %s assumes a role with MFA (%s): run causeway-cli on a terminal to "
                                 "enter the code, or use the Causeway application."),
                               question->profile, question->mfa_serial);
      return;
    }
  prompt = g_strdup_printf (_("MFA code for %s (profile %s): "), question->mfa_serial, question->profile);
  code = ask_without_echo (fd, prompt, &error);
  close (fd);
  if (code == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, code, g_free);
}

static void
cw_cli_mfa_prompter_ask_async (CwMfaPrompter       *prompter,
                               const char          *profile,
                               const char          *mfa_serial,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (prompter, cancellable, callback, user_data);
  Question *question = g_new0 (Question, 1);

  question->profile = g_strdup (profile);
  question->mfa_serial = g_strdup (mfa_serial);
  g_task_set_source_tag (task, cw_cli_mfa_prompter_ask_async);
  g_task_set_task_data (task, question, (GDestroyNotify) question_free);
  /* A cancelled wait leaves the thread reading the terminal until the person presses
   * Enter; the answer is then dropped. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, ask_in_thread);
}

static char *
cw_cli_mfa_prompter_ask_finish (CwMfaPrompter  *prompter,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, prompter), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cw_cli_mfa_prompter_iface_init (CwMfaPrompterInterface *iface)
{
  iface->ask_async = cw_cli_mfa_prompter_ask_async;
  iface->ask_finish = cw_cli_mfa_prompter_ask_finish;
}

static void
cw_cli_mfa_prompter_class_init (CwCliMfaPrompterClass *klass)
{
}

static void
cw_cli_mfa_prompter_init (CwCliMfaPrompter *self)
{
}

CwMfaPrompter *
cw_cli_mfa_prompter_new (void)
{
  return g_object_new (CW_TYPE_CLI_MFA_PROMPTER, NULL);
}
