/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-window.c */
#define G_LOG_DOMAIN "cw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-accounts-step.h"
#include "cw-accounts-view.h"
#include "cw-cluster-step.h"
#include "cw-database-step.h"
#include "cw-first-frame.h"
#include "cw-link-session.h"
#include "cw-mfa-dialog.h"
#include "cw-links-view.h"
#include "cw-network-step.h"
#include "cw-resume-offer.h"
#include "cw-review-step.h"
#include "cw-step-row.h"
#include "cw-window.h"

struct _CwWindow
{
  AdwApplicationWindow  parent_instance;

  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkWidget            *sandbox_badge;
  AdwWindowTitle       *content_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  CwAccountsView       *accounts_view;
  CwReviewStep         *review_step;   /* created with the other step pages, on first visit */

  CwLinkSession        *session;
  gboolean              close_confirmed;
};

G_DEFINE_FINAL_TYPE (CwWindow, cw_window, ADW_TYPE_APPLICATION_WINDOW)

static void restore_window_state (CwWindow  *self,
                                  GSettings *settings);
static void start_session        (CwWindow      *self,
                                  CwApplication *application);

CwWindow *
cw_window_new (CwApplication *application)
{
  CwWindow *self = g_object_new (CW_TYPE_WINDOW, "application", application, NULL);

  cw_first_frame_watch (GTK_WINDOW (self));

  restore_window_state (self, cw_application_get_settings (application));
  gtk_widget_set_visible (self->sandbox_badge, cw_application_get_sandbox (application) != NULL);
  cw_accounts_view_set_store (self->accounts_view, cw_application_get_credential_store (application));
  start_session (self, application);
  /* The sandbox has its accounts ready: go straight to a new link. */
  cw_window_show_page (self, cw_application_get_sandbox (application) ? "accounts-step" : "accounts");
  return self;
}

void
cw_window_add_toast (CwWindow   *self,
                     const char *message)
{
  g_return_if_fail (CW_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static CwStepRow *
find_row (CwWindow   *self,
          const char *page_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CW_IS_STEP_ROW (child) && g_strcmp0 (cw_step_row_get_page_name (CW_STEP_ROW (child)), page_name) == 0)
      return CW_STEP_ROW (child);
  return NULL;
}

void
cw_window_show_page (CwWindow   *self,
                     const char *page_name)
{
  CwStepRow *row = find_row (self, page_name);

  g_return_if_fail (row != NULL);
  gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
}

/* The step pages and the links view are built the first time they are shown: the
 * window's first frame does not wait for pages nobody has looked at yet. */
static GtkWidget *
create_step_page (CwWindow   *self,
                  const char *page_name)
{
  CwApplication *app = CW_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GtkWidget *page = NULL;

  if (g_str_equal (page_name, "accounts-step"))
    {
      page = g_object_new (CW_TYPE_ACCOUNTS_STEP, NULL);
      cw_accounts_step_set_session (CW_ACCOUNTS_STEP (page), self->session, cw_application_get_settings (app));
    }
  else if (g_str_equal (page_name, "cluster"))
    {
      page = g_object_new (CW_TYPE_CLUSTER_STEP, NULL);
      cw_cluster_step_set_session (CW_CLUSTER_STEP (page), self->session);
    }
  else if (g_str_equal (page_name, "database"))
    {
      page = g_object_new (CW_TYPE_DATABASE_STEP, NULL);
      cw_database_step_set_session (CW_DATABASE_STEP (page), self->session);
    }
  else if (g_str_equal (page_name, "network"))
    {
      page = g_object_new (CW_TYPE_NETWORK_STEP, NULL);
      cw_network_step_set_session (CW_NETWORK_STEP (page), self->session);
    }
  else if (g_str_equal (page_name, "review"))
    {
      page = g_object_new (CW_TYPE_REVIEW_STEP, NULL);
      cw_review_step_set_session (CW_REVIEW_STEP (page), self->session);
      self->review_step = CW_REVIEW_STEP (page);
    }
  else if (g_str_equal (page_name, "links"))
    {
      page = g_object_new (CW_TYPE_LINKS_VIEW, NULL);
      cw_links_view_set_session (CW_LINKS_VIEW (page), self->session);
    }
  return page;
}

static void
ensure_page (CwWindow   *self,
             const char *page_name)
{
  GtkWidget *page;

  if (gtk_stack_get_child_by_name (self->stack, page_name) != NULL)
    return;
  page = create_step_page (self, page_name);
  if (page != NULL)
    gtk_stack_add_named (self->stack, page, page_name);
}

/* The links view, on the link @link_id (from a notification). */
void
cw_window_show_link (CwWindow   *self,
                     const char *link_id)
{
  g_return_if_fail (CW_IS_WINDOW (self));
  cw_window_show_page (self, "links");
  ensure_page (self, "links");
  cw_links_view_show_link (CW_LINKS_VIEW (gtk_stack_get_child_by_name (self->stack, "links")), link_id);
}

CwReviewStep *
cw_window_get_review_step (CwWindow *self)
{
  g_return_val_if_fail (CW_IS_WINDOW (self), NULL);
  ensure_page (self, "review");
  return self->review_step;
}

static void
on_row_selected (CwWindow      *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list)
{
  g_autofree char *title = NULL;

  if (row == NULL)
    return;
  g_object_get (row, "title", &title, NULL);
  ensure_page (self, cw_step_row_get_page_name (CW_STEP_ROW (row)));
  gtk_stack_set_visible_child_name (self->stack, cw_step_row_get_page_name (CW_STEP_ROW (row)));
  adw_window_title_set_title (self->content_title, title);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked (CwWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* "New link" above the steps and "Manage" above the views. */
static void
update_sidebar_header (GtkListBoxRow *row,
                       GtkListBoxRow *before,
                       gpointer       user_data)
{
  gboolean is_step = cw_step_row_is_step (CW_STEP_ROW (row));
  const char *text = NULL;
  GtkWidget *label;

  if (before == NULL)
    text = is_step ? _("New Link") : _("Manage");
  else if (!is_step && cw_step_row_is_step (CW_STEP_ROW (before)))
    text = _("Manage");
  if (text == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, before == NULL ? 6 : 18);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_header (row, label);
}

/* The sidebar shows each step's state from the plan's checks; a step opens once the
 * decisions of the steps before it are made. */
static void
update_steps (CwWindow *self)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);
  gboolean reachable = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CwStepRow *row;
      CwPlanStep step;
      gboolean pending;
      CwCheckLevel level;

      /* The list box's children include the section headers. */
      if (!CW_IS_STEP_ROW (child) || !cw_step_row_is_step (CW_STEP_ROW (child)))
        continue;
      row = CW_STEP_ROW (child);
      step = cw_step_row_get_number (row) - 1;
      level = cw_link_plan_get_step_level (plan, step, &pending);
      gtk_widget_set_sensitive (child, reachable);
      if (step == CW_PLAN_STEP_REVIEW)
        cw_step_row_set_state (row, CW_SIDEBAR_STATE_TODO);
      else if (pending)
        cw_step_row_set_state (row, CW_SIDEBAR_STATE_TODO);
      else if (level == CW_CHECK_ERROR)
        cw_step_row_set_state (row, CW_SIDEBAR_STATE_ATTENTION);
      else
        cw_step_row_set_state (row, CW_SIDEBAR_STATE_DONE);
      /* Decided is enough to go on: a step in error can be revisited from later ones,
       * and Review says why Create waits. */
      reachable = reachable && !pending;
    }
}

static void
on_plan_changed (CwWindow *self)
{
  g_signal_connect_object (cw_link_plan_get_checks (cw_link_session_get_plan (self->session)), "items-changed",
                           G_CALLBACK (update_steps), self, G_CONNECT_SWAPPED);
  update_steps (self);
}

static void
start_session (CwWindow      *self,
               CwApplication *application)
{
  CwSandbox *sandbox = cw_application_get_sandbox (application);

  self->session = cw_link_session_new (cw_application_get_credential_store (application),
                                       sandbox ? cw_sandbox_get_time_scale (sandbox) : 1.0);
  cw_link_session_set_mfa_prompter (self->session, CW_MFA_PROMPTER (cw_mfa_dialog_new (GTK_WINDOW (self))));
  g_signal_connect_object (self->session, "notify::plan", G_CALLBACK (on_plan_changed), self, G_CONNECT_SWAPPED);
  cw_resume_offer_check (self, self->session);
  on_plan_changed (self);
}

static void
next_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);
  GtkListBoxRow *next = row ? gtk_list_box_get_row_at_index (self->sidebar_list, gtk_list_box_row_get_index (row) + 1) : NULL;

  if (next != NULL && cw_step_row_is_step (CW_STEP_ROW (next)) && gtk_widget_get_sensitive (GTK_WIDGET (next)))
    gtk_list_box_select_row (self->sidebar_list, next);
}

static void
first_step_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cw_window_show_page (CW_WINDOW (widget), "accounts-step");
}

static void
show_review_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cw_window_show_page (CW_WINDOW (widget), "review");
}

static void
restore_window_state (CwWindow  *self,
                      GSettings *settings)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   CwWindow         *self)
{
  if (g_strcmp0 (response, "close") != 0)
    return;
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing in the middle of a run stops it; the journal lets the next start resume it,
 * but the user decides. */
static gboolean
confirm_close (CwWindow *self)
{
  GtkWidget *dialog;

  if (self->close_confirmed || self->review_step == NULL || !cw_review_step_is_running (self->review_step))
    return FALSE;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("A Link Is Being Created"),
                                   _("Closing stops the run where it is. The next time Causeway starts, it offers to "
                                     "resume it or to roll it back."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Running"),
                                    "close", _("_Stop and Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
cw_window_close_request (GtkWindow *window)
{
  GSettings *settings = cw_application_get_settings (CW_APPLICATION (gtk_window_get_application (window)));
  int width, height;

  if (confirm_close (CW_WINDOW (window)))
    return TRUE;
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (settings);
  return GTK_WINDOW_CLASS (cw_window_parent_class)->close_request (window);
}

static void
cw_window_dispose (GObject *object)
{
  CwWindow *self = CW_WINDOW (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (cw_window_parent_class)->dispose (object);
}

static void
cw_window_class_init (CwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cw_window_dispose;
  window_class->close_request = cw_window_close_request;

  g_type_ensure (CW_TYPE_STEP_ROW);
  g_type_ensure (CW_TYPE_ACCOUNTS_VIEW);
  g_type_ensure (CW_TYPE_ACCOUNTS_STEP);
  g_type_ensure (CW_TYPE_CLUSTER_STEP);
  g_type_ensure (CW_TYPE_DATABASE_STEP);
  g_type_ensure (CW_TYPE_NETWORK_STEP);
  g_type_ensure (CW_TYPE_REVIEW_STEP);
  gtk_widget_class_install_action (widget_class, "wizard.next-step", NULL, next_step_action);
  gtk_widget_class_install_action (widget_class, "wizard.first-step", NULL, first_step_action);
  gtk_widget_class_install_action (widget_class, "wizard.show-review", NULL, show_review_action);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, sandbox_badge);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, accounts_view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
}

static void
cw_window_init (CwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->sidebar_list, update_sidebar_header, NULL, NULL);
}
