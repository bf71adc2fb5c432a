/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-dialog.c: the pages of an IAM Identity Center sign-in — where, the browser or
 * the code while the person approves, then the account and role to save */
#define G_LOG_DOMAIN "cw-sso-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-application.h"
#include "cw-aws-profile.h"
#include "cw-sso-dialog.h"
#include "cw-sso-session.h"
#include "cw-widgets.h"

struct _CwSsoDialog
{
  AdwWindow          parent_instance;

  GtkStack          *stack;
  GtkWidget         *sign_in_button;
  GtkWidget         *save_button;
  GtkWidget         *spinner;
  GtkWidget         *form;
  GtkLabel          *error_label;
  AdwEntryRow       *start_url_row;
  AdwEntryRow       *sso_region_row;
  GtkSwitch         *device_switch;
  GtkWidget         *sessions_group;
  GtkListBox        *sessions_list;
  AdwStatusPage     *browser_page;
  GtkLabel          *code_label;
  GtkLinkButton     *code_link;
  GtkSearchEntry    *search_entry;
  GtkListBox        *roles_list;
  GtkLabel          *save_error_label;
  AdwEntryRow       *label_row;
  AdwEntryRow       *region_row;

  CwCredentialStore *store;
  CwCredential      *again;         /* signing in again for it, or NULL */
  GPtrArray         *sessions;      /* CwAwsProfile of the config's SSO profiles, one per session */
  GPtrArray         *roles;         /* CwSsoRole, once signed in */
  char              *session_key;   /* of the sign-in under way or done */
  double             time_scale;
  CwSsoSignIn       *sign_in;
  GCancellable      *cancellable;   /* the sign-in, listing the roles, saving */
  GCancellable      *life;          /* what outlives a sign-in: reading ~/.aws/config */
};

G_DEFINE_FINAL_TYPE (CwSsoDialog, cw_sso_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One page at a time, with the header's button that belongs to it. */
static void
show_page (CwSsoDialog *self,
           const char  *name)
{
  gboolean start = g_str_equal (name, "start");
  gboolean roles = g_str_equal (name, "roles");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (self->sign_in_button, start);
  gtk_widget_set_visible (self->save_button, roles);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sso.sign-in", start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sso.save",
                                 roles && gtk_list_box_get_selected_row (self->roles_list) != NULL);
}

static void
set_busy (CwSsoDialog *self,
          gboolean     busy)
{
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_sensitive (self->form, !busy);
}

static void
restart_cancellable (CwSsoDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* ---- the roles ---- */

static GtkWidget *
role_row (const CwSsoRole *role)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *name = g_strdup_printf (_("%s, %s"), role->account_name, role->role_name);

  if (role->email_address != NULL && *role->email_address != '\0')
    subtitle = g_strdup_printf ("%s · %s · %s", role->account_name, role->account_id, role->email_address);
  else
    subtitle = g_strdup_printf ("%s · %s", role->account_name, role->account_id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), role->role_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  g_object_set_data (G_OBJECT (row), "cw-role", (gpointer) role);
  return row;
}

static const CwSsoRole *
selected_role (CwSsoDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->roles_list);

  return row ? g_object_get_data (G_OBJECT (row), "cw-role") : NULL;
}

static gboolean
role_matches (GtkListBoxRow *row,
              gpointer       user_data)
{
  CwSsoDialog *self = user_data;
  const CwSsoRole *role = g_object_get_data (G_OBJECT (row), "cw-role");
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = g_utf8_casefold (search, -1);
  g_autofree char *text = g_strjoin (" ", role->account_name, role->account_id, role->role_name,
                                     role->email_address ? role->email_address : "", NULL);
  g_autofree char *haystack = g_utf8_casefold (text, -1);

  return strstr (haystack, needle) != NULL;
}

static void
on_search_changed (CwSsoDialog *self)
{
  gtk_list_box_invalidate_filter (self->roles_list);
}

static void
on_role_selected (CwSsoDialog *self)
{
  const CwSsoRole *role = selected_role (self);
  g_autofree char *label = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sso.save", role != NULL);
  if (role == NULL)
    return;
  label = g_strdup_printf ("%s %s", role->account_name, role->role_name);
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), label);
}

/* Past this many, a search narrows the list: more than a screen of rows. */
#define ROLES_BEFORE_SEARCH 8

static void
show_roles (CwSsoDialog *self,
            GPtrArray   *roles)
{
  cw_list_box_clear (self->roles_list);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  self->roles = g_ptr_array_ref (roles);
  for (guint i = 0; i < roles->len; i++)
    gtk_list_box_append (self->roles_list, role_row (g_ptr_array_index (roles, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), roles->len > ROLES_BEFORE_SEARCH);
  if (*cw_entry_row_text (self->region_row) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->region_row), cw_entry_row_text (self->sso_region_row));
  show_page (self, "roles");
  if (roles->len == 1)
    gtk_list_box_select_row (self->roles_list, gtk_list_box_get_row_at_index (self->roles_list, 0));
}

static void
back_to_start (CwSsoDialog *self,
               const char  *message)
{
  set_busy (self, FALSE);
  cw_label_show_message (self->error_label, message);
  show_page (self, "start");
}

static void
roles_listed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CwSsoDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = cw_sso_session_list_roles_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (roles == NULL)
    {
      back_to_start (self, error->message);
      return;
    }
  if (roles->len == 0)
    {
      back_to_start (self, _("This sign-in may use no account. Ask your administrator to assign you a permission set."));
      return;
    }
  show_roles (self, roles);
}

/* ---- signing in ---- */

static void
signed_in (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CwSsoDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = cw_sso_sign_in_run_finish (CW_SSO_SIGN_IN (source), result, &error);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->sign_in);
  if (token == NULL)
    {
      back_to_start (self, error->message);
      return;
    }
  if (self->again != NULL)
    {
      message = g_strdup_printf (_("Signed in again for “%s”"), cw_credential_get_label (self->again));
      g_signal_emit (self, signals[SAVED], 0, message, self->again);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  set_busy (self, TRUE);
  cw_sso_session_list_roles_async (token, self->cancellable, roles_listed, g_object_ref (self));
}

static void
browser_launched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CwSsoDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The page can still be opened by hand: say which, as the device flow does. */
  message = g_strdup_printf (_("No browser could be opened (%s). Choose “Use a Code Instead” and sign in from "
                               "a browser yourself."), error->message);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->sign_in);
  back_to_start (self, message);
}

static void
on_open_uri (CwSsoDialog *self,
             const char  *uri)
{
  g_autoptr(GAppLaunchContext) context =
    G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self))));

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "code"))
    show_page (self, "browser");
  g_app_info_launch_default_for_uri_async (uri, context, self->cancellable, browser_launched, g_object_ref (self));
}

static void
on_device_code (CwSsoDialog *self,
                const char  *user_code,
                const char  *verification_uri)
{
  gtk_label_set_text (self->code_label, user_code);
  gtk_link_button_set_uri (self->code_link, verification_uri);
  gtk_button_set_label (GTK_BUTTON (self->code_link), verification_uri);
  show_page (self, "code");
}

/* The [sso-session] whose start URL and region were chosen, or the start URL itself, as
 * the AWS CLI keys a legacy SSO profile's token. */
static char *
session_key_for (CwSsoDialog *self,
                 const char  *start_url,
                 const char  *region)
{
  for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
    {
      CwAwsProfile *profile = g_ptr_array_index (self->sessions, i);

      if (g_strcmp0 (profile->sso_start_url, start_url) == 0 && g_strcmp0 (profile->sso_region, region) == 0)
        return g_strdup (profile->sso_session);
    }
  return g_strdup (start_url);
}

static void
start_sign_in (CwSsoDialog *self,
               const char  *session_key,
               const char  *start_url,
               const char  *region)
{
  CwSsoFlow flow = gtk_switch_get_active (self->device_switch) ? CW_SSO_FLOW_DEVICE_CODE : CW_SSO_FLOW_BROWSER;
  g_autofree char *description = g_strdup_printf (_("Causeway opened %s in your browser. Sign in there and "
                                                    "press Allow; this window waits for it."), start_url);

  restart_cancellable (self);
  g_free (self->session_key);
  self->session_key = g_strdup (session_key);
  cw_label_show_message (self->error_label, NULL);
  adw_status_page_set_description (self->browser_page, description);
  g_clear_object (&self->sign_in);
  self->sign_in = cw_sso_sign_in_new (session_key, start_url, region, NULL);
  cw_sso_sign_in_set_time_scale (self->sign_in, self->time_scale);
  g_signal_connect_object (self->sign_in, "open-uri", G_CALLBACK (on_open_uri), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sign_in, "device-code", G_CALLBACK (on_device_code), self, G_CONNECT_SWAPPED);
  set_busy (self, TRUE);
  cw_sso_sign_in_run_async (self->sign_in, flow, self->cancellable, signed_in, g_object_ref (self));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CwSsoDialog *self = CW_SSO_DIALOG (widget);
  const char *start_url = cw_entry_row_text (self->start_url_row);
  const char *region = cw_entry_row_text (self->sso_region_row);
  g_autofree char *session_key = NULL;

  if (!g_str_has_prefix (start_url, "https://"))
    {
      cw_label_show_message (self->error_label,
                  _("Enter the start URL of IAM Identity Center, for example https://my-company.awsapps.com/start."));
      return;
    }
  if (!cw_aws_region_is_valid (region))
    {
      cw_label_show_message (self->error_label, _("Enter the region of IAM Identity Center, for example us-east-1."));
      return;
    }
  session_key = session_key_for (self, start_url, region);
  start_sign_in (self, session_key, start_url, region);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CwSsoDialog *self = CW_SSO_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->sign_in);
  back_to_start (self, NULL);
}

static void
copy_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CwSsoDialog *self = CW_SSO_DIALOG (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), gtk_label_get_text (self->code_label));
}

static void
on_entry_activated (CwSsoDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sso.sign-in", NULL);
}

/* ---- saving the chosen role ---- */

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CwSsoDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCredential) credential = g_object_steal_data (G_OBJECT (self), "cw-saving");
  g_autofree char *message = NULL;

  if (!cw_credential_store_save_finish (CW_CREDENTIAL_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sso.save", TRUE);
      cw_label_show_message (self->save_error_label, error->message);
      return;
    }
  message = g_strdup_printf (_("Saved “%s”"), cw_credential_get_label (credential));
  g_signal_emit (self, signals[SAVED], 0, message, credential);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CwSsoDialog *self = CW_SSO_DIALOG (widget);
  const CwSsoRole *role = selected_role (self);
  CwCredential *credential;

  if (role == NULL)
    return;
  credential = cw_credential_new_aws_sso (cw_entry_row_text (self->label_row), self->session_key,
                                          cw_entry_row_text (self->start_url_row),
                                          cw_entry_row_text (self->sso_region_row),
                                          role->account_id, role->account_name, role->role_name,
                                          cw_entry_row_text (self->region_row));
  g_object_set_data_full (G_OBJECT (self), "cw-saving", credential, g_object_unref);
  cw_label_show_message (self->save_error_label, NULL);
  set_busy (self, TRUE);
  gtk_widget_action_set_enabled (widget, "sso.save", FALSE);
  restart_cancellable (self);
  cw_credential_store_save_async (self->store, credential, NULL, NULL, self->cancellable, save_done,
                                  g_object_ref (self));
}

/* ---- the sessions of ~/.aws/config ---- */

static void
use_session (CwSsoDialog  *self,
             GtkListBoxRow *row)
{
  CwAwsProfile *profile = g_object_get_data (G_OBJECT (row), "cw-profile");

  gtk_editable_set_text (GTK_EDITABLE (self->start_url_row), profile->sso_start_url);
  gtk_editable_set_text (GTK_EDITABLE (self->sso_region_row), profile->sso_region);
  if (profile->region != NULL && *cw_entry_row_text (self->region_row) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->region_row), profile->region);
}

static gboolean
has_session (GPtrArray          *sessions,
             const CwAwsProfile *profile)
{
  for (guint i = 0; i < sessions->len; i++)
    if (g_strcmp0 (((CwAwsProfile *) g_ptr_array_index (sessions, i))->sso_session, profile->sso_session) == 0)
      return TRUE;
  return FALSE;
}

static void
add_session_row (CwSsoDialog  *self,
                 CwAwsProfile *profile)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), profile->sso_session);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), profile->sso_start_url);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "cw-profile", profile);
  gtk_list_box_append (self->sessions_list, row);
}

static void
profiles_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CwSsoDialog) self = user_data;
  g_autoptr(GPtrArray) profiles = cw_aws_profile_list_finish (result, NULL, NULL);

  /* Without readable files there is simply nothing to offer. */
  if (profiles == NULL || self->again != NULL)
    return;
  self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_aws_profile_free);
  for (guint i = 0; i < profiles->len; i++)
    {
      CwAwsProfile *profile = g_ptr_array_index (profiles, i);

      if (profile->kind != CW_AWS_PROFILE_SSO || profile->sso_session == NULL || has_session (self->sessions, profile))
        continue;
      g_ptr_array_add (self->sessions, g_ptr_array_steal_index (profiles, i--));
      add_session_row (self, g_ptr_array_index (self->sessions, self->sessions->len - 1));
    }
  gtk_widget_set_visible (self->sessions_group, self->sessions->len > 0);
}

static void
cw_sso_dialog_dispose (GObject *object)
{
  CwSsoDialog *self = CW_SSO_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->life);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->life);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->store);
  g_clear_object (&self->again);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->session_key, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_SSO_DIALOG);
  G_OBJECT_CLASS (cw_sso_dialog_parent_class)->dispose (object);
}

static void
cw_sso_dialog_class_init (CwSsoDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_sso_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, CW_TYPE_CREDENTIAL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-sso-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, form);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, start_url_row);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, sso_region_row);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, device_switch);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, sessions_group);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, browser_page);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, code_link);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, roles_list);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, CwSsoDialog, region_row);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_role_selected);
  gtk_widget_class_install_action (widget_class, "sso.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "sso.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "sso.copy-code", NULL, copy_code_action);
  gtk_widget_class_install_action (widget_class, "sso.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_sso_dialog_init (CwSsoDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->life = g_cancellable_new ();
  self->time_scale = 1.0;
  gtk_list_box_set_filter_func (self->roles_list, role_matches, self, NULL);
  g_signal_connect_object (self->sessions_list, "row-activated", G_CALLBACK (use_session), self, G_CONNECT_SWAPPED);
  show_page (self, "start");
}

/* In the sandbox, its portal is the one to sign in to, on its clock. */
static void
use_sandbox_of (CwSsoDialog *self,
                GtkWindow   *parent)
{
  GtkApplication *application = parent ? gtk_window_get_application (parent) : NULL;
  CwSandbox *sandbox = CW_IS_APPLICATION (application) ? cw_application_get_sandbox (CW_APPLICATION (application)) : NULL;

  if (sandbox == NULL)
    return;
  self->time_scale = cw_sandbox_get_time_scale (sandbox);
  gtk_editable_set_text (GTK_EDITABLE (self->start_url_row), CW_SANDBOX_SSO_START_URL);
  gtk_editable_set_text (GTK_EDITABLE (self->sso_region_row), CW_SANDBOX_SSO_REGION);
}

static CwSsoDialog *
cw_sso_dialog_new (GtkWindow         *parent,
                   CwCredentialStore *store,
                   CwCredential      *sign_in_again)
{
  CwSsoDialog *self = g_object_new (CW_TYPE_SSO_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  use_sandbox_of (self, parent);
  if (sign_in_again == NULL)
    {
      cw_aws_profile_list_async (self->life, profiles_listed, g_object_ref (self));
      gtk_widget_grab_focus (GTK_WIDGET (self->start_url_row));
      return self;
    }
  /* Signing in again needs no question: the credential says where. */
  self->again = g_object_ref (sign_in_again);
  gtk_editable_set_text (GTK_EDITABLE (self->start_url_row), cw_credential_get_sso_start_url (sign_in_again));
  gtk_editable_set_text (GTK_EDITABLE (self->sso_region_row), cw_credential_get_sso_region (sign_in_again));
  start_sign_in (self, cw_credential_get_sso_session (sign_in_again), cw_credential_get_sso_start_url (sign_in_again),
                 cw_credential_get_sso_region (sign_in_again));
  return self;
}

static void
forget_open_dialog (GtkWindow *parent)
{
  g_object_set_data (G_OBJECT (parent), "cw-sso-dialog", NULL);
}

void
cw_sso_dialog_open (GtkWidget         *from,
                    CwCredentialStore *store,
                    CwCredential      *sign_in_again,
                    GCallback          on_saved)
{
  GtkRoot *root = gtk_widget_get_root (from);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  CwSsoDialog *dialog = parent ? g_object_get_data (G_OBJECT (parent), "cw-sso-dialog") : NULL;

  /* Two sign-ins at once would ask for two browser approvals and race to save. */
  if (dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  dialog = cw_sso_dialog_new (parent, store, sign_in_again);
  g_signal_connect_object (dialog, "saved", on_saved, from, G_CONNECT_SWAPPED);
  if (parent != NULL)
    {
      g_object_set_data (G_OBJECT (parent), "cw-sso-dialog", dialog);
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (forget_open_dialog), parent, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}
