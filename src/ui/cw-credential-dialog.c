/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-credential-dialog.c */
#define G_LOG_DOMAIN "cw-credential-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-credential-dialog.h"
#include "cw-widgets.h"

struct _CwCredentialDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkWidget           *save_button;
  GtkWidget           *spinner;
  GtkWidget           *form;
  GtkLabel            *error_label;
  AdwEntryRow         *label_row;
  AdwEntryRow         *key_id_row;
  AdwEntryRow         *secret_row;
  AdwEntryRow         *token_row;
  AdwEntryRow         *region_row;
  GtkLabel            *hint_label;

  CwCredentialStore   *store;
  CwCredentialKind     kind;
  CwCredential        *editing;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (CwCredentialDialog, cw_credential_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (CwCredentialDialog *self,
          gboolean            busy)
{
  gtk_widget_set_sensitive (self->form, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "credential.save", !busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CwCredentialDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!cw_credential_store_save_finish (CW_CREDENTIAL_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      cw_label_show_message (self->error_label, error->message);
      return;
    }
  message = g_strdup_printf (_("Saved “%s”"), g_strstrip (g_strdup (cw_entry_row_text (self->label_row))));
  g_signal_emit (self, signals[SAVED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CwCredentialDialog *self = CW_CREDENTIAL_DIALOG (widget);
  gboolean is_aws = self->kind == CW_CREDENTIAL_AWS;
  const char *secret_text = cw_entry_row_text (self->secret_row);
  const char *token_text = cw_entry_row_text (self->token_row);
  g_autoptr(CwCredential) credential = NULL;
  g_autoptr(CwCredentialSecret) secret = NULL;

  credential = cw_credential_new (self->kind, cw_entry_row_text (self->label_row), cw_entry_row_text (self->key_id_row),
                                  is_aws ? cw_entry_row_text (self->region_row) : NULL,
                                  is_aws && (*token_text != '\0' ||
                                             (*secret_text == '\0' && self->editing != NULL &&
                                              cw_credential_get_has_session_token (self->editing))));
  /* When editing, empty secret fields keep the saved secret. */
  if (*secret_text != '\0' || self->editing == NULL)
    secret = cw_credential_secret_new (secret_text, is_aws ? token_text : NULL);

  cw_label_show_message (self->error_label, NULL);
  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cw_credential_store_save_async (self->store, credential, self->editing, secret, self->cancellable,
                                  save_done, g_object_ref (self));
}

static void
on_entry_activated (CwCredentialDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "credential.save", NULL);
}

static void
set_up_for_kind (CwCredentialDialog *self)
{
  gboolean is_aws = self->kind == CW_CREDENTIAL_AWS;
  gboolean editing = self->editing != NULL;

  if (is_aws)
    adw_window_title_set_title (self->window_title, editing ? _("Edit AWS Credential") : _("Add AWS Credential"));
  else
    adw_window_title_set_title (self->window_title, editing ? _("Edit TiDB Cloud API Key") : _("Add TiDB Cloud API Key"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_id_row),
                                 is_aws ? _("Access Key ID") : _("Public Key"));
  if (editing)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                   is_aws ? _("New Secret Access Key (empty keeps the saved one)")
                                          : _("New Private Key (empty keeps the saved one)"));
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                   is_aws ? _("Secret Access Key") : _("Private Key"));
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), is_aws);
  gtk_widget_set_visible (GTK_WIDGET (self->region_row), is_aws);
  gtk_label_set_text (self->hint_label,
                      is_aws ? _("Create access keys in the IAM console under Security credentials. "
                                 "Temporary keys (ASIA…) need their session token.")
                             : _("Create an API key in the TiDB Cloud console under Organization Settings → API Keys."));
  if (editing)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->label_row), cw_credential_get_label (self->editing));
      gtk_editable_set_text (GTK_EDITABLE (self->key_id_row), cw_credential_get_key_id (self->editing));
      gtk_editable_set_text (GTK_EDITABLE (self->region_row), cw_credential_get_region (self->editing));
    }
}

static void
cw_credential_dialog_dispose (GObject *object)
{
  CwCredentialDialog *self = CW_CREDENTIAL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->editing);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_CREDENTIAL_DIALOG);
  G_OBJECT_CLASS (cw_credential_dialog_parent_class)->dispose (object);
}

static void
cw_credential_dialog_class_init (CwCredentialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_credential_dialog_dispose;

  /* Emitted with a sentence to show once the keyring holds the credential. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-credential-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, form);
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, CwCredentialDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_install_action (widget_class, "credential.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_credential_dialog_init (CwCredentialDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CwCredentialDialog *
cw_credential_dialog_new (GtkWindow         *parent,
                          CwCredentialStore *store,
                          CwCredentialKind   kind,
                          CwCredential      *editing)
{
  CwCredentialDialog *self = g_object_new (CW_TYPE_CREDENTIAL_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->kind = kind;
  self->editing = editing ? g_object_ref (editing) : NULL;
  set_up_for_kind (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->label_row));
  return self;
}
