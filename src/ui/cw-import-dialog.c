/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-import-dialog.c: the AWS CLI's and TiDB Cloud CLI's profiles offered for copying
 * into the keyring — keys, and IAM Identity Center and role profiles as what they are */
#define G_LOG_DOMAIN "cw-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-import-dialog.h"
#include "cw-aws-profile.h"
#include "cw-profile-import.h"

struct _CwImportDialog
{
  AdwWindow          parent_instance;

  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkLabel          *problems_label;
  GtkWidget         *aws_group;
  GtkWidget         *tidb_group;
  GtkListBox        *aws_list;
  GtkListBox        *tidb_list;

  CwCredentialStore *store;
  CwImportScan      *scan;
  GPtrArray         *checks;    /* GtkCheckButton per candidate, NULL where not importable */
  GPtrArray         *failures;  /* char*: one sentence per profile that could not be saved */
  guint              next;      /* the candidate being saved */
  guint              imported;
  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (CwImportDialog, cw_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problems (CwImportDialog *self,
               GPtrArray      *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (problems, i));
  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), problems->len > 0);
}

/* Keys are copied; a profile without keys is importable when it became a role or a
 * profile credential. */
static gboolean
is_importable (CwImportCandidate *candidate)
{
  return candidate->secret != NULL ||
         (cw_credential_get_kind (candidate->credential) == CW_CREDENTIAL_AWS &&
          cw_credential_get_aws_source (candidate->credential) != CW_AWS_SOURCE_KEYS);
}

static GtkWidget *
candidate_row (CwImportDialog    *self,
               CwImportCandidate *candidate)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = NULL;
  g_autofree char *description = cw_credential_dup_description (candidate->credential);
  g_autofree char *subtitle = NULL;

  if (candidate->note != NULL)
    subtitle = g_strdup_printf ("%s · %s\n%s", description, candidate->source, candidate->note);
  else
    subtitle = g_strdup_printf ("%s · %s", description, candidate->source);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cw_credential_get_label (candidate->credential));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (is_importable (candidate))
    {
      check = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      cw_credential_get_label (candidate->credential), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
    }
  else
    gtk_widget_set_sensitive (row, FALSE);
  g_ptr_array_add (self->checks, check);
  return row;
}

static void
show_candidates (CwImportDialog *self)
{
  g_autofree char *credentials = cw_aws_credentials_path ();
  g_autofree char *config = cw_aws_config_path ();
  g_autofree char *ticloud = cw_ticloud_config_path ();
  g_autofree char *looked = NULL;
  gboolean any_aws = FALSE, any_tidb = FALSE;

  for (guint i = 0; i < self->scan->candidates->len; i++)
    {
      CwImportCandidate *candidate = g_ptr_array_index (self->scan->candidates, i);
      gboolean is_aws = cw_credential_get_kind (candidate->credential) == CW_CREDENTIAL_AWS;

      gtk_list_box_append (is_aws ? self->aws_list : self->tidb_list, candidate_row (self, candidate));
      any_aws |= is_aws;
      any_tidb |= !is_aws;
    }
  gtk_widget_set_visible (self->aws_group, any_aws);
  gtk_widget_set_visible (self->tidb_group, any_tidb);
  show_problems (self, self->scan->problems);
  if (self->scan->candidates->len > 0 || self->scan->problems->len > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  looked = g_strdup_printf (_("Causeway looked in %s, %s and %s."), credentials, config, ticloud);
  adw_status_page_set_description (self->empty_page, looked);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The profile chain says what a profile without keys is: its candidate becomes that. */
static void
adopt_profile (CwImportDialog *self,
               CwAwsProfile   *profile)
{
  g_autoptr(CwCredential) credential = cw_credential_new_from_aws_profile (profile);

  for (guint i = 0; credential != NULL && i < self->scan->candidates->len; i++)
    {
      CwImportCandidate *candidate = g_ptr_array_index (self->scan->candidates, i);

      if (candidate->secret != NULL || cw_credential_get_kind (candidate->credential) != CW_CREDENTIAL_AWS ||
          g_strcmp0 (cw_credential_get_label (candidate->credential), profile->name) != 0)
        continue;
      g_set_object (&candidate->credential, credential);
      g_clear_pointer (&candidate->note, g_free);
      if (profile->mfa_serial != NULL)
        candidate->note = g_strdup (_("Causeway asks for the MFA code when it takes the role."));
      return;
    }
}

static void
profiles_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CwImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) profiles = cw_aws_profile_list_finish (result, &problems, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Profiles that do not resolve keep the scan's note: they cannot be imported. */
  for (guint i = 0; profiles != NULL && i < profiles->len; i++)
    adopt_profile (self, g_ptr_array_index (profiles, i));
  show_candidates (self);
}

static void
scan_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CwImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->scan = cw_import_scan_finish (result, &error);
  if (self->scan == NULL)
    return;  /* cancelled: the dialog is gone */
  cw_aws_profile_list_async (self->cancellable, profiles_listed, g_object_ref (self));
}

static void save_next (CwImportDialog *self);

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CwImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CwImportCandidate *candidate = g_ptr_array_index (self->scan->candidates, self->next);
  GtkCheckButton *check = g_ptr_array_index (self->checks, self->next);

  if (cw_credential_store_save_finish (CW_CREDENTIAL_STORE (source), result, &error))
    {
      self->imported++;
      gtk_check_button_set_active (check, FALSE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    g_ptr_array_add (self->failures, g_strdup_printf (_("“%s” was not imported: %s"),
                                                      cw_credential_get_label (candidate->credential),
                                                      error->message));
  self->next++;
  save_next (self);
}

static void
finish_import (CwImportDialog *self)
{
  g_autofree char *message = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", TRUE);
  if (self->imported > 0)
    {
      message = g_strdup_printf (ngettext ("Imported %u credential", "Imported %u credentials", self->imported),
                                 self->imported);
      g_signal_emit (self, signals[IMPORTED], 0, message);
    }
  if (self->failures->len == 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  show_problems (self, self->failures);
}

/* Saves the checked profiles one after the other, so each failure is told apart. */
static void
save_next (CwImportDialog *self)
{
  for (; self->next < self->scan->candidates->len; self->next++)
    {
      CwImportCandidate *candidate = g_ptr_array_index (self->scan->candidates, self->next);
      GtkCheckButton *check = g_ptr_array_index (self->checks, self->next);

      if (check != NULL && gtk_check_button_get_active (check))
        {
          cw_credential_store_save_async (self->store, candidate->credential, NULL, candidate->secret,
                                          self->cancellable, save_done, g_object_ref (self));
          return;
        }
    }
  finish_import (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwImportDialog *self = CW_IMPORT_DIALOG (widget);

  if (self->scan == NULL)
    return;
  g_ptr_array_set_size (self->failures, 0);
  self->next = 0;
  self->imported = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), FALSE);
  gtk_widget_action_set_enabled (widget, "import.import", FALSE);
  save_next (self);
}

static void
cw_import_dialog_dispose (GObject *object)
{
  CwImportDialog *self = CW_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->scan, cw_import_scan_free);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (cw_import_dialog_parent_class)->dispose (object);
}

static void
cw_import_dialog_class_init (CwImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_import_dialog_dispose;

  /* Emitted with a sentence to show once profiles were copied into the keyring. */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CwImportDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CwImportDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CwImportDialog, aws_group);
  gtk_widget_class_bind_template_child (widget_class, CwImportDialog, tidb_group);
  gtk_widget_class_bind_template_child (widget_class, CwImportDialog, aws_list);
  gtk_widget_class_bind_template_child (widget_class, CwImportDialog, tidb_list);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_import_dialog_init (CwImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  self->failures = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
}

CwImportDialog *
cw_import_dialog_new (GtkWindow         *parent,
                      CwCredentialStore *store)
{
  CwImportDialog *self = g_object_new (CW_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  cw_import_scan_async (self->cancellable, scan_done, g_object_ref (self));
  return self;
}
