/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-accounts-step.c: the new link's pair of credentials, chosen and verified */
#define G_LOG_DOMAIN "cw-accounts-step"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-accounts-step.h"
#include "cw-engine-error.h"
#include "cw-sso-dialog.h"
#include "cw-tidb-project.h"
#include "cw-widgets.h"

struct _CwAccountsStep
{
  AdwBin          parent_instance;

  AdwComboRow    *aws_row;
  AdwComboRow    *tidb_row;
  GtkWidget      *missing_label;
  GtkWidget      *spinner;
  GtkLabel       *error_label;
  GtkWidget      *sign_in_again_button;
  GtkWidget      *result_group;
  AdwActionRow   *account_row;
  AdwActionRow   *arn_row;
  AdwActionRow   *projects_row;

  CwLinkSession  *session;
  GSettings      *settings;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (CwAccountsStep, cw_accounts_step, ADW_TYPE_BIN)

static CwCredential *
chosen (AdwComboRow *row)
{
  return adw_combo_row_get_selected_item (row);
}

static void
show_error (CwAccountsStep *self,
            const char     *message)
{
  cw_label_show_message (self->error_label, message);
  gtk_widget_set_visible (self->sign_in_again_button, FALSE);
}

static void
set_busy (CwAccountsStep *self,
          gboolean        busy)
{
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts-step.verify",
                                 !busy && chosen (self->aws_row) && chosen (self->tidb_row));
}

/* A new choice invalidates the verification: the plan forgets the accounts until the
 * new pair is verified. */
static void
on_choice_changed (CwAccountsStep *self)
{
  CwLinkPlan *plan;

  if (self->session == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  plan = cw_link_session_get_plan (self->session);
  cw_link_plan_set_aws_account (plan, NULL);
  cw_link_plan_set_tidb_account (plan, NULL);
  cw_link_session_set_account_check (self->session, NULL);
  gtk_widget_set_visible (self->result_group, FALSE);
  show_error (self, NULL);
  set_busy (self, FALSE);
}

static char *
project_names (GListModel *projects)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = projects ? g_list_model_get_n_items (projects) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwTidbProject) project = g_list_model_get_item (projects, i);

      g_string_append_printf (names, "%s%s", i ? "\n" : "", cw_tidb_project_get_name (project));
    }
  if (n == 0)
    g_string_assign (names, _("No project is visible to this key."));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The value is the row's subtitle, and its accessible description for screen readers. */
static void
show_fact (AdwActionRow *row,
           const char   *value)
{
  adw_action_row_set_subtitle (row, value ? value : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value ? value : "", -1);
}

static void
verify_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CwAccountsStep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAccountCheck) check = cw_account_check_run_finish (result, &error);
  g_autofree char *projects = NULL;
  CwLinkPlan *plan;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (check == NULL)
    {
      show_error (self, error->message);
      gtk_widget_set_visible (self->sign_in_again_button,
                              g_error_matches (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED));
      return;
    }
  projects = project_names (cw_account_check_get_projects (check));
  show_fact (self->account_row, cw_account_check_get_aws_account (check));
  show_fact (self->arn_row, cw_account_check_get_aws_arn (check));
  show_fact (self->projects_row, projects);
  gtk_widget_set_visible (self->result_group, TRUE);

  cw_link_session_set_account_check (self->session, check);
  plan = cw_link_session_get_plan (self->session);
  cw_link_plan_set_aws_account (plan, cw_credential_get_label (chosen (self->aws_row)));
  cw_link_plan_set_tidb_account (plan, cw_credential_get_label (chosen (self->tidb_row)));
  g_settings_set_string (self->settings, "last-aws-account", cw_credential_get_label (chosen (self->aws_row)));
  g_settings_set_string (self->settings, "last-tidb-account", cw_credential_get_label (chosen (self->tidb_row)));
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwAccountsStep *self = CW_ACCOUNTS_STEP (widget);

  if (chosen (self->aws_row) == NULL || chosen (self->tidb_row) == NULL)
    return;
  on_choice_changed (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  cw_account_check_run_async (cw_link_session_get_store (self->session),
                              chosen (self->aws_row), chosen (self->tidb_row),
                              cw_link_session_get_mfa_prompter (self->session),
                              cw_link_session_get_time_scale (self->session),
                              self->cancellable, verify_done, g_object_ref (self));
}

static void
select_label (AdwComboRow *row,
              const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CwCredential) credential = g_list_model_get_item (model, i);

      if (g_strcmp0 (cw_credential_get_label (credential), label) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
}

/* The credential just signed in with is the one the person means to use. */
static void
on_signed_in (CwAccountsStep *self,
              const char     *message,
              CwCredential   *credential)
{
  select_label (self->aws_row, cw_credential_get_label (credential));
  gtk_widget_activate_action (GTK_WIDGET (self), "accounts-step.verify", NULL);
}

static void
sign_in_sso_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CwAccountsStep *self = CW_ACCOUNTS_STEP (widget);

  cw_sso_dialog_open (widget, cw_link_session_get_store (self->session), NULL, G_CALLBACK (on_signed_in));
}

static void
sign_in_again_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CwAccountsStep *self = CW_ACCOUNTS_STEP (widget);

  if (chosen (self->aws_row) != NULL)
    cw_sso_dialog_open (widget, cw_link_session_get_store (self->session), chosen (self->aws_row),
                        G_CALLBACK (on_signed_in));
}

static void
on_credentials_changed (CwAccountsStep *self)
{
  gboolean missing = adw_combo_row_get_selected_item (self->aws_row) == NULL ||
                     adw_combo_row_get_selected_item (self->tidb_row) == NULL;

  gtk_widget_set_visible (self->missing_label, missing);
  set_busy (self, FALSE);
}

static void
bind_credentials (CwAccountsStep   *self,
                  AdwComboRow      *row,
                  CwCredentialKind  kind,
                  const char       *last_label)
{
  CwCredentialStore *store = cw_link_session_get_store (self->session);
  g_autoptr(GListModel) model = cw_credentials_of_kind (G_LIST_MODEL (store), kind);

  adw_combo_row_set_expression (row, gtk_property_expression_new (CW_TYPE_CREDENTIAL, NULL, "label"));
  adw_combo_row_set_model (row, model);
  select_label (row, last_label);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_credentials_changed), self, G_CONNECT_SWAPPED);
}

void
cw_accounts_step_set_session (CwAccountsStep *self,
                              CwLinkSession  *session,
                              GSettings      *settings)
{
  g_autofree char *last_aws = NULL;
  g_autofree char *last_tidb = NULL;

  g_return_if_fail (CW_IS_ACCOUNTS_STEP (self));
  g_set_object (&self->session, session);
  g_set_object (&self->settings, settings);
  last_aws = g_settings_get_string (settings, "last-aws-account");
  last_tidb = g_settings_get_string (settings, "last-tidb-account");
  bind_credentials (self, self->aws_row, CW_CREDENTIAL_AWS, last_aws);
  bind_credentials (self, self->tidb_row, CW_CREDENTIAL_TIDBCLOUD, last_tidb);
  on_credentials_changed (self);
}

static void
cw_accounts_step_dispose (GObject *object)
{
  CwAccountsStep *self = CW_ACCOUNTS_STEP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_ACCOUNTS_STEP);
  G_OBJECT_CLASS (cw_accounts_step_parent_class)->dispose (object);
}

static void
cw_accounts_step_class_init (CwAccountsStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_accounts_step_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-accounts-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CwAccountsStep, aws_row);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsStep, tidb_row);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsStep, missing_label);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsStep, spinner);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsStep, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsStep, sign_in_again_button);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsStep, result_group);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsStep, account_row);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsStep, arn_row);
  gtk_widget_class_bind_template_child (widget_class, CwAccountsStep, projects_row);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);
  gtk_widget_class_install_action (widget_class, "accounts-step.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "accounts-step.sign-in-sso", NULL, sign_in_sso_action);
  gtk_widget_class_install_action (widget_class, "accounts-step.sign-in-again", NULL, sign_in_again_action);
}

static void
cw_accounts_step_init (CwAccountsStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
