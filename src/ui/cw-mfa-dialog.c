/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-mfa-dialog.c: asks for an MFA code in a dialog, as CwMfaPrompter */
#define G_LOG_DOMAIN "cw-mfa-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-mfa-dialog.h"
#include "cw-mfa-prompter.h"
#include "cw-secure.h"

struct _CwMfaDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *code_entry;

  GQueue            asks;      /* GTask, the first one showing */
};

static void mfa_prompter_iface_init (CwMfaPrompterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CwMfaDialog, cw_mfa_dialog, ADW_TYPE_MESSAGE_DIALOG,
                               G_IMPLEMENT_INTERFACE (CW_TYPE_MFA_PROMPTER, mfa_prompter_iface_init))

typedef struct {
  char  *profile;
  char  *mfa_serial;
  gulong cancelled_id;
} Ask;

static void
ask_free (Ask *ask)
{
  g_free (ask->profile);
  g_free (ask->mfa_serial);
  g_free (ask);
}

/* Six digits, as every virtual and hardware MFA device shows them. */
static gboolean
is_code (const char *text)
{
  if (strlen (text) != 6)
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

static void
on_code_changed (CwMfaDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "confirm",
                                           is_code (gtk_editable_get_text (self->code_entry)));
}

static void
show_first (gpointer user_data)
{
  CwMfaDialog *self = user_data;
  GTask *task = g_queue_peek_head (&self->asks);
  Ask *ask;

  if (task == NULL)
    return;
  ask = g_task_get_task_data (task);
  /* Translators: %s is the AWS CLI profile, the second %s the MFA device's ARN */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("The profile “%s” assumes a role that needs a code of the MFA device %s."),
                                  ask->profile, ask->mfa_serial);
  gtk_editable_set_text (self->code_entry, "");
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static gboolean
show_next (gpointer user_data)
{
  show_first (user_data);
  return G_SOURCE_REMOVE;
}

/* Ends the first ask with @code, or cancelled when NULL; then shows the next one. */
static void
finish_first (CwMfaDialog *self,
              char        *code)
{
  g_autoptr(GTask) task = g_queue_pop_head (&self->asks);
  Ask *ask = g_task_get_task_data (task);

  g_cancellable_disconnect (g_task_get_cancellable (task), ask->cancelled_id);
  if (code != NULL)
    g_task_return_pointer (task, code, (GDestroyNotify) cw_secure_free);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No MFA code was entered."));
  gtk_editable_set_text (self->code_entry, "");
  if (g_queue_is_empty (&self->asks))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  else
    /* After the response the dialog closes itself: the next ask shows once it has. */
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_next, g_object_ref (self), g_object_unref);
}

static void
on_response (CwMfaDialog *self,
             const char  *response)
{
  const char *text = gtk_editable_get_text (self->code_entry);

  if (g_queue_is_empty (&self->asks))
    return;
  finish_first (self, g_str_equal (response, "confirm") && is_code (text) ? g_strdup (text) : NULL);
}

/* The caller gave up waiting: its ask goes, shown or not. */
static gboolean
cancel_ask (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  CwMfaDialog *self = g_task_get_source_object (task);
  GList *link = g_queue_find (&self->asks, task);

  if (link == NULL)
    return G_SOURCE_REMOVE;
  if (link == self->asks.head)
    {
      finish_first (self, NULL);
      return G_SOURCE_REMOVE;
    }
  g_queue_delete_link (&self->asks, link);
  g_cancellable_disconnect (g_task_get_cancellable (task), ((Ask *) g_task_get_task_data (task))->cancelled_id);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No MFA code was entered."));
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              GTask        *task)
{
  /* Not from within the cancellable's emission: disconnecting there would deadlock. */
  g_idle_add (cancel_ask, g_object_ref (task));
}

static void
cw_mfa_dialog_ask_async (CwMfaPrompter       *prompter,
                         const char          *profile,
                         const char          *mfa_serial,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  CwMfaDialog *self = CW_MFA_DIALOG (prompter);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Ask *ask = g_new0 (Ask, 1);

  g_task_set_source_tag (task, cw_mfa_dialog_ask_async);
  ask->profile = g_strdup (profile);
  ask->mfa_serial = g_strdup (mfa_serial);
  g_task_set_task_data (task, ask, (GDestroyNotify) ask_free);
  if (cancellable != NULL)
    ask->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), task, NULL);
  g_queue_push_tail (&self->asks, task);
  if (self->asks.length == 1)
    show_first (self);
}

static char *
cw_mfa_dialog_ask_finish (CwMfaPrompter  *prompter,
                          GAsyncResult   *result,
                          GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mfa_prompter_iface_init (CwMfaPrompterInterface *iface)
{
  iface->ask_async = cw_mfa_dialog_ask_async;
  iface->ask_finish = cw_mfa_dialog_ask_finish;
}

static void
cw_mfa_dialog_dispose (GObject *object)
{
  CwMfaDialog *self = CW_MFA_DIALOG (object);

  while (!g_queue_is_empty (&self->asks))
    finish_first (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_MFA_DIALOG);
  G_OBJECT_CLASS (cw_mfa_dialog_parent_class)->dispose (object);
}

static void
cw_mfa_dialog_class_init (CwMfaDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_mfa_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-mfa-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwMfaDialog, code_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_code_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
cw_mfa_dialog_init (CwMfaDialog *self)
{
  g_queue_init (&self->asks);
  gtk_widget_init_template (GTK_WIDGET (self));
}

CwMfaDialog *
cw_mfa_dialog_new (GtkWindow *parent)
{
  return g_object_new (CW_TYPE_MFA_DIALOG, "transient-for", parent, NULL);
}
