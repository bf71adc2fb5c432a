/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-accounts-view.c: the saved credentials, and the ways to add, import, sign in with,
 * edit and remove them */
#define G_LOG_DOMAIN "cw-accounts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-accounts-view.h"
#include "cw-credential-dialog.h"
#include "cw-engine-error.h"
#include "cw-import-dialog.h"
#include "cw-sso-dialog.h"
#include "cw-sso-session.h"
#include "cw-widgets.h"
#include "cw-window.h"

struct _CwAccountsView
{
  AdwBin             parent_instance;

  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkListBox        *aws_list;
  GtkListBox        *tidb_list;

  CwCredentialStore *store;
  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (CwAccountsView, cw_accounts_view, ADW_TYPE_BIN)

static void
toast (CwAccountsView *self,
       const char     *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CW_TYPE_WINDOW);

  if (window != NULL)
    cw_window_add_toast (CW_WINDOW (window), message);
}

static GtkWidget *
row_button (const char   *icon_name,
            const char   *action_name,
            const char   *accessible_label,
            CwCredential *credential)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)",
                                    cw_credential_kind_to_string (cw_credential_get_kind (credential)),
                                    cw_credential_get_label (credential));
  return button;
}

/* "expires in 7 h": what is left of the sign-in, coarse, as a person plans with it. */
static char *
describe_expiry (gint64 expires_at)
{
  gint64 left = expires_at - g_get_real_time () / G_USEC_PER_SEC;

  if (left >= 2 * 3600)
    return g_strdup_printf (_("Signed in · expires in %d h"), (int) (left / 3600));
  return g_strdup_printf (_("Signed in · expires in %d min"), (int) MAX (left / 60, 1));
}

static void
sign_in_state_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWidget) stack = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = cw_sso_session_get_token_finish (result, &error);
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED))
    {
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "expired");
      return;
    }
  label = gtk_stack_get_child_by_name (GTK_STACK (stack), "signed-in");
  /* The keyring or the network failing says nothing about the sign-in: say so, not "expired". */
  if (token == NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), _("Sign-in not checked"));
      gtk_widget_set_tooltip_text (label, error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "signed-in");
      return;
    }
  text = describe_expiry (token->expires_at);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "signed-in");
}

/* The state of an IAM Identity Center role's sign-in: how long it lasts, or a button to
 * sign in again. The keyring and, near its end, SSO OIDC are asked off the main loop. */
static GtkWidget *
sign_in_state (CwAccountsView *self,
               CwCredential   *credential)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *checking = gtk_label_new (_("Checking the sign-in…"));
  GtkWidget *signed_in = gtk_label_new (NULL);
  GtkWidget *again = gtk_button_new_with_mnemonic (_("Expired — Sign _In Again"));
  g_autofree char *again_name = g_strdup_printf (_("Sign in again for “%s”"), cw_credential_get_label (credential));

  gtk_widget_set_valign (stack, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (checking, "dim-label");
  gtk_widget_add_css_class (checking, "caption");
  gtk_widget_add_css_class (signed_in, "dim-label");
  gtk_widget_add_css_class (signed_in, "caption");
  gtk_widget_set_tooltip_text (again, again_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (again), GTK_ACCESSIBLE_PROPERTY_LABEL, again_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (again), "accounts.sign-in-again");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (again), "s", cw_credential_get_label (credential));
  gtk_stack_add_named (GTK_STACK (stack), checking, "checking");
  gtk_stack_add_named (GTK_STACK (stack), signed_in, "signed-in");
  gtk_stack_add_named (GTK_STACK (stack), again, "expired");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "checking");
  cw_sso_session_get_token_async (cw_credential_get_sso_session (credential),
                                  cw_credential_get_sso_start_url (credential),
                                  cw_credential_get_sso_region (credential),
                                  self->cancellable, sign_in_state_done, g_object_ref_sink (stack));
  return stack;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CwAccountsView *self = user_data;
  CwCredential *credential = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = cw_credential_dup_description (credential);
  const char *label = cw_credential_get_label (credential);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  if (!cw_credential_store_is_saved (self->store, credential))
    {
      GtkWidget *tag = gtk_label_new (cw_credential_get_from_environment (credential) ? _("From environment")
                                                                                      : _("This run only"));

      gtk_widget_add_css_class (tag, "dim-label");
      gtk_widget_add_css_class (tag, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  else
    {
      g_autofree char *edit = g_strdup_printf (_("Edit “%s”"), label);
      g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), label);

      if (cw_credential_get_kind (credential) == CW_CREDENTIAL_AWS &&
          cw_credential_get_aws_source (credential) == CW_AWS_SOURCE_SSO)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), sign_in_state (self, credential));
      /* Only keys have a form: a role or a profile is replaced by signing in or importing. */
      else if (cw_credential_get_kind (credential) == CW_CREDENTIAL_TIDBCLOUD ||
               cw_credential_get_aws_source (credential) == CW_AWS_SOURCE_KEYS)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   row_button ("document-edit-symbolic", "accounts.edit", edit, credential));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("user-trash-symbolic", "accounts.remove", remove, credential));
    }
  return row;
}

static GtkWidget *
empty_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

static void
bind_list (CwAccountsView   *self,
           GtkListBox       *list,
           CwCredentialKind  kind)
{
  g_autoptr(GListModel) model = cw_credentials_of_kind (G_LIST_MODEL (self->store), kind);

  gtk_list_box_bind_model (list, model, create_row, self, NULL);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CwAccountsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_credential_store_load_finish (CW_CREDENTIAL_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
reload (CwAccountsView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  cw_credential_store_load_async (self->store, self->cancellable, load_done, g_object_ref (self));
}

void
cw_accounts_view_set_store (CwAccountsView    *self,
                            CwCredentialStore *store)
{
  g_return_if_fail (CW_IS_ACCOUNTS_VIEW (self));
  g_set_object (&self->store, store);
  bind_list (self, self->aws_list, CW_CREDENTIAL_AWS);
  bind_list (self, self->tidb_list, CW_CREDENTIAL_TIDBCLOUD);
  reload (self);
}

static CwCredential *
credential_from_target (CwAccountsView *self,
                        GVariant       *target)
{
  const char *kind_name, *label;
  CwCredentialKind kind;

  g_variant_get (target, "(&s&s)", &kind_name, &label);
  if (!cw_credential_kind_from_string (kind_name, &kind))
    return NULL;
  return cw_credential_store_find (self->store, kind, label);
}

static void
open_dialog (CwAccountsView   *self,
             CwCredentialKind  kind,
             CwCredential     *credential)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CwCredentialDialog *dialog = cw_credential_dialog_new (GTK_WINDOW (root), self->store, kind, credential);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (toast), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_aws_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_dialog (CW_ACCOUNTS_VIEW (widget), CW_CREDENTIAL_AWS, NULL);
}

static void
add_tidbcloud_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_dialog (CW_ACCOUNTS_VIEW (widget), CW_CREDENTIAL_TIDBCLOUD, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CwAccountsView *self = CW_ACCOUNTS_VIEW (widget);
  CwCredential *credential = credential_from_target (self, parameter);

  if (credential != NULL)
    open_dialog (self, cw_credential_get_kind (credential), credential);
}

static void
on_signed_in (CwAccountsView *self,
              const char     *message,
              CwCredential   *credential)
{
  toast (self, message);
  /* The rows ask again how long their sign-ins last. */
  bind_list (self, self->aws_list, CW_CREDENTIAL_AWS);
}

static void
sign_in_sso_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cw_sso_dialog_open (widget, CW_ACCOUNTS_VIEW (widget)->store, NULL, G_CALLBACK (on_signed_in));
}

static void
sign_in_again_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CwAccountsView *self = CW_ACCOUNTS_VIEW (widget);
  CwCredential *credential = cw_credential_store_find (self->store, CW_CREDENTIAL_AWS,
                                                       g_variant_get_string (parameter, NULL));

  if (credential != NULL)
    cw_sso_dialog_open (widget, self->store, credential, G_CALLBACK (on_signed_in));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwAccountsView *self = CW_ACCOUNTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  CwImportDialog *dialog = cw_import_dialog_new (GTK_WINDOW (root), self->store);

  g_signal_connect_object (dialog, "imported", G_CALLBACK (toast), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (CW_ACCOUNTS_VIEW (widget));
}

typedef struct {
  CwAccountsView *self;
  char           *label;
} RemoveData;

static void
remove_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RemoveData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!cw_credential_store_remove_finish (CW_CREDENTIAL_STORE (source), result, &error))
    toast (data->self, error->message);
  else
    {
      message = g_strdup_printf (_("Removed “%s”"), data->label);
      toast (data->self, message);
    }
  g_object_unref (data->self);
  g_free (data->label);
  g_free (data);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CwAccountsView   *self)
{
  CwCredential *credential = g_object_get_data (G_OBJECT (dialog), "credential");
  RemoveData *data;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  data = g_new0 (RemoveData, 1);
  data->self = g_object_ref (self);
  data->label = g_strdup (cw_credential_get_label (credential));
  cw_credential_store_remove_async (self->store, credential, NULL, remove_done, data);
}

/* What removing takes away: keys are deleted; a role or a profile only stops being
 * offered, its sign-in or the AWS CLI's files left as they are. */
static const char *
removal_consequence (CwCredential *credential)
{
  if (cw_credential_get_kind (credential) == CW_CREDENTIAL_AWS &&
      cw_credential_get_aws_source (credential) == CW_AWS_SOURCE_SSO)
    return _("Causeway stops offering this role. The IAM Identity Center sign-in stays in the keyring until it "
             "expires, for the session’s other roles. Links made with the role keep working.");
  if (cw_credential_get_kind (credential) == CW_CREDENTIAL_AWS &&
      cw_credential_get_aws_source (credential) == CW_AWS_SOURCE_PROFILE)
    return _("Causeway stops offering this profile; the AWS CLI’s files are left as they are. Links made with it "
             "keep working.");
  return _("Its keys will be deleted from the keyring. Links made with it keep working, "
           "but Causeway cannot manage them until you add the keys again.");
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwAccountsView *self = CW_ACCOUNTS_VIEW (widget);
  CwCredential *credential = credential_from_target (self, parameter);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (credential == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), NULL, removal_consequence (credential));
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s”?"),
                                     cw_credential_get_label (credential));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "credential", g_object_ref (credential), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cw_accounts_view_dispose (GObject *object)
{
  CwAccountsView *self = CW_ACCOUNTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_ACCOUNTS_VIEW);
  G_OBJECT_CLASS (cw_accounts_view_parent_class)->dispose (object);
}

static void
cw_accounts_view_class_init (CwAccountsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_accounts_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-accounts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CwAccountsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsView, aws_list);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsView, tidb_list);

  gtk_widget_class_install_action (widget_class, "accounts.add-aws", NULL, add_aws_action);
  gtk_widget_class_install_action (widget_class, "accounts.add-tidbcloud", NULL, add_tidbcloud_action);
  gtk_widget_class_install_action (widget_class, "accounts.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "accounts.sign-in-sso", NULL, sign_in_sso_action);
  gtk_widget_class_install_action (widget_class, "accounts.sign-in-again", "s", sign_in_again_action);
  gtk_widget_class_install_action (widget_class, "accounts.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "accounts.edit", "(ss)", edit_action);
  gtk_widget_class_install_action (widget_class, "accounts.remove", "(ss)", remove_action);
}

static void
cw_accounts_view_init (CwAccountsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_placeholder (self->aws_list,
                                empty_placeholder (_("No AWS credentials yet. Add one or import your AWS CLI profiles.")));
  gtk_list_box_set_placeholder (self->tidb_list,
                                empty_placeholder (_("No TiDB Cloud API keys yet. Add one from the organization’s API Keys page.")));
}
