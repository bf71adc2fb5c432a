/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-review-step.c */
#define G_LOG_DOMAIN "cw-review-step"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-check-list.h"
#include "cw-export.h"
#include "cw-iam-policy.h"
#include "cw-link-cost.h"
#include "cw-link-dataflows.h"
#include "cw-link-inventory.h"
#include "cw-progress-view.h"
#include "cw-review-step.h"
#include "cw-widgets.h"

struct _CwReviewStep
{
  AdwBin           parent_instance;

  GtkStack        *stack;
  GtkListBox      *changes_list;
  CwCheckList     *checks;
  GtkTextView     *policy_view;
  GtkLabel        *blocked_label;
  GtkButton       *create_button;
  CwProgressView  *progress_view;
  AdwStatusPage   *done_page;
  GtkListBox      *done_list;
  CwLinkDataflows *done_dataflows;
  GtkLabel        *done_dataflows_label;
  AdwActionRow    *cost_row;
  GtkWidget       *cost_spinner;

  CwLinkSession   *session;
  CwProvisioner   *provisioner;
  CwClouds        *clouds;            /* of the run */
  CwLinkInventory *inventory;         /* where the new link is looked up */
  GCancellable    *lookup_cancellable;
  GCancellable    *cost_cancellable;
  char            *cost_region;       /* whose cost is shown or asked for */
};

G_DEFINE_FINAL_TYPE (CwReviewStep, cw_review_step, ADW_TYPE_BIN)

static CwLinkPlan *
plan (CwReviewStep *self)
{
  return cw_link_session_get_plan (self->session);
}

/* The exports and the list of changes work from the plan's frozen decisions, which need
 * a chosen database; until then there is nothing to show. */
static CwJournal *
frozen_plan (CwReviewStep *self)
{
  return cw_link_session_dup_spec (self->session);
}

static const char *
change_verb (CwChangeAction action)
{
  switch (action)
    {
    case CW_CHANGE_CREATE:
      return _("Create");
    case CW_CHANGE_MODIFY:
      return _("Change");
    case CW_CHANGE_USE:
    default:
      return _("Use");
    }
}

static const char *
kind_label (const char *kind)
{
  static const struct {
    const char *kind;
    const char *label;
  } labels[] = {
    { "security-group", N_("security group") },
    { "security-group-rule", N_("security group rule") },
    { "target-group", N_("target group") },
    { "load-balancer", N_("load balancer") },
    { "listener", N_("listener") },
    { "endpoint-service", N_("endpoint service") },
    { "private-link-connection", N_("private link connection") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].kind) == 0)
      return _(labels[i].label);
  return kind;
}

static void
show_changes (CwReviewStep *self,
              CwJournal    *spec)
{
  g_autoptr(GPtrArray) changes = spec ? cw_export_changes (spec) : NULL;

  cw_list_box_clear (self->changes_list);
  for (guint i = 0; changes && i < changes->len; i++)
    {
      CwPlanChange *change = g_ptr_array_index (changes, i);
      /* Translators: "Create" "target group" "cw-tg-orders" */
      g_autofree char *title = g_strdup_printf (_("%s %s %s"), change_verb (change->action),
                                                kind_label (change->kind), change->name);

      gtk_list_box_append (self->changes_list, cw_info_row_new (title, change->detail));
    }
  if (changes == NULL)
    gtk_list_box_append (self->changes_list,
                         cw_info_row_new (_("Nothing yet"), _("Choose the cluster and the database first.")));
}

static char *
policy_text (CwReviewStep *self)
{
  g_autoptr(JsonNode) policy = cw_iam_policy_for_plan (plan (self));

  return cw_iam_policy_to_string (policy);
}

/* Why Create is not possible yet: the first error among the checks. */
static void
show_readiness (CwReviewStep *self)
{
  GListModel *checks = cw_link_plan_get_checks (plan (self));
  gboolean ready = cw_link_plan_is_ready (plan (self)) && cw_link_session_get_clouds (self->session) != NULL;
  gboolean adding = cw_link_session_get_addition_link (self->session) != NULL;
  const char *waiting = adding ? _("Nothing is created until you press Add Database.")
                               : _("Nothing is created until you press Create Link.");
  const char *reason = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (checks) && reason == NULL; i++)
    {
      g_autoptr(CwCheck) check = g_list_model_get_item (checks, i);

      if (cw_check_get_level (check) == CW_CHECK_ERROR)
        reason = cw_check_get_message (check);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.create", ready);
  gtk_button_set_label (self->create_button, adding ? _("_Add Database") : _("C_reate Link"));
  gtk_label_set_text (self->blocked_label, ready ? waiting : reason ? reason : _("Verify the accounts first."));
}

/* ---- the monthly cost ---- */

static void
show_cost_text (CwReviewStep *self,
                const char   *headline,
                const char   *details)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cost_row), headline);
  adw_action_row_set_subtitle (self->cost_row, details ? details : "");
  /* GTK 4.8 does not give a row's subtitle to the accessibility tree by itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cost_row), GTK_ACCESSIBLE_PROPERTY_LABEL, headline,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details ? details : "", -1);
}

static void
set_cost_spinning (CwReviewStep *self,
                   gboolean      spinning)
{
  gtk_widget_set_visible (self->cost_spinner, spinning);
  gtk_spinner_set_spinning (GTK_SPINNER (self->cost_spinner), spinning);
}

static void
cost_estimated (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CwReviewStep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwLinkCost) cost = cw_link_cost_estimate_finish (result, &error);
  g_autofree char *headline = NULL;
  g_autofree char *details = NULL;

  if (cost == NULL)
    return;
  g_clear_object (&self->cost_cancellable);
  set_cost_spinning (self, FALSE);
  headline = cw_link_cost_dup_headline (cost);
  details = cw_link_cost_dup_details (cost);
  show_cost_text (self, headline, details);
}

/* Asked once per region: the plan changes often while the same load balancer is planned. */
static void
estimate_cost (CwReviewStep *self)
{
  CwClouds *clouds = cw_link_session_get_clouds (self->session);
  const char *region = cw_link_plan_get_database_region (plan (self));

  if (cw_link_session_get_addition_link (self->session) != NULL)
    {
      g_autoptr(CwLinkCost) shared = cw_link_cost_new_shared (region);
      g_autofree char *headline = cw_link_cost_dup_headline (shared);
      g_autofree char *details = cw_link_cost_dup_details (shared);

      g_cancellable_cancel (self->cost_cancellable);
      g_clear_object (&self->cost_cancellable);
      g_clear_pointer (&self->cost_region, g_free);
      set_cost_spinning (self, FALSE);
      show_cost_text (self, headline, details);
      return;
    }
  if (clouds == NULL || region == NULL)
    {
      g_cancellable_cancel (self->cost_cancellable);
      g_clear_object (&self->cost_cancellable);
      g_clear_pointer (&self->cost_region, g_free);
      set_cost_spinning (self, FALSE);
      show_cost_text (self, _("Cost unknown"), clouds == NULL ? _("Verify the accounts first: the prices are AWS’s.")
                                                              : _("Choose a database first: prices vary by region."));
      return;
    }
  if (g_strcmp0 (region, self->cost_region) == 0)
    return;
  g_cancellable_cancel (self->cost_cancellable);
  g_set_object (&self->cost_cancellable, g_cancellable_new ());
  g_free (self->cost_region);
  self->cost_region = g_strdup (region);
  set_cost_spinning (self, TRUE);
  show_cost_text (self, _("Asking AWS for prices…"), NULL);
  cw_link_cost_estimate_async (clouds, region, self->cost_cancellable, cost_estimated, g_object_ref (self));
}

static void
refresh (CwReviewStep *self)
{
  g_autoptr(CwJournal) spec = frozen_plan (self);
  g_autofree char *policy = policy_text (self);

  estimate_cost (self);
  show_changes (self, spec);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->policy_view), policy, -1);
  show_readiness (self);
}

static void
copy_policy_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CwReviewStep *self = CW_REVIEW_STEP (widget);
  g_autofree char *policy = policy_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), policy);
}

static void
export_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (self)),
                                                  _("The Export Was Not Saved"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  CwReviewStep    *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autoptr(CwJournal) spec = frozen_plan (self);
  const char *format = g_object_get_data (G_OBJECT (chooser), "format");

  if (response == GTK_RESPONSE_ACCEPT && file != NULL && spec != NULL)
    {
      char *text = g_str_equal (format, "terraform") ? cw_export_terraform (spec) : cw_export_aws_cli (spec);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, export_written, g_object_ref (self));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwReviewStep *self = CW_REVIEW_STEP (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  gboolean terraform = g_str_equal (format, "terraform");
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (terraform ? _("Export Terraform Configuration") : _("Export AWS CLI Script"),
                                 GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), _("_Cancel"));
  g_autofree char *name = g_strdup_printf (terraform ? "%s.tf" : "%s.sh",
                                           cw_link_plan_get_load_balancer_name (plan (self)) ?: "causeway-link");

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "format", g_strdup (format), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwReviewStep *self = CW_REVIEW_STEP (widget);
  g_autoptr(CwJournal) journal = frozen_plan (self);

  if (journal == NULL)
    return;
  g_clear_object (&self->provisioner);
  g_set_object (&self->clouds, cw_link_session_get_clouds (self->session));
  self->provisioner = cw_provisioner_new (cw_link_session_get_clouds (self->session), journal);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  cw_progress_view_log_requests (self->progress_view, cw_link_session_get_clouds (self->session));
  cw_progress_view_create (self->progress_view, self->provisioner);
}

/* Goes on with a run from an earlier start: resumes it, or rolls it back. */
void
cw_review_step_continue_run (CwReviewStep  *self,
                             CwProvisioner *provisioner,
                             CwClouds      *clouds,
                             gboolean       roll_back)
{
  g_return_if_fail (CW_IS_REVIEW_STEP (self));
  g_set_object (&self->provisioner, provisioner);
  g_set_object (&self->clouds, clouds);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.show-review", NULL);
  cw_progress_view_log_requests (self->progress_view, clouds);
  if (roll_back)
    cw_progress_view_delete (self->progress_view, provisioner);
  else
    cw_progress_view_create (self->progress_view, provisioner);
}

/* ---- the new link's dataflows ---- */

static void
forget_new_link (CwReviewStep *self)
{
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_cancellable_cancel (self->cost_cancellable);
  g_clear_object (&self->cost_cancellable);
  g_clear_pointer (&self->cost_region, g_free);
  g_clear_object (&self->inventory);
  cw_link_dataflows_set_link (self->done_dataflows, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->done_dataflows), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->done_dataflows_label), FALSE);
}

static void
show_lookup_problem (CwReviewStep *self,
                     const char   *message)
{
  g_autofree char *text = g_strdup_printf (_("The new link’s dataflows are in the links view: %s"), message);

  gtk_label_set_text (self->done_dataflows_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->done_dataflows_label), TRUE);
}

static void
new_link_found (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CwReviewStep) self = user_data;
  g_autoptr(GError) error = NULL;
  CwLinkInventory *inventory = CW_LINK_INVENTORY (source);
  CwJournal *journal;
  CwLink *link;

  if (!cw_link_inventory_refresh_finish (inventory, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_lookup_problem (self, error->message);
      return;
    }
  g_clear_object (&self->lookup_cancellable);
  journal = cw_provisioner_get_journal (self->provisioner);
  link = cw_link_inventory_find (inventory, cw_journal_get_spec (journal, CW_SPEC_ADDED_TO)
                                              ? cw_journal_get_spec (journal, CW_SPEC_ADDED_TO)
                                              : cw_journal_get_link_id (journal));
  if (link != NULL)
    link = cw_link_find_database (link, cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID));
  if (link == NULL)
    {
      show_lookup_problem (self, _("TiDB Cloud does not list it yet."));
      return;
    }
  cw_link_dataflows_set_link (self->done_dataflows, self->clouds, link);
  gtk_widget_set_visible (GTK_WIDGET (self->done_dataflows), TRUE);
}

/* The test and a changefeed need the link as the clouds describe it now (its target's
 * health, its connection's state), which the journal does not hold: it is looked up
 * the way the links view lists it. */
static void
look_up_new_link (CwReviewStep *self)
{
  CwJournal *journal = cw_provisioner_get_journal (self->provisioner);
  const char *cluster_ids[] = { cw_journal_get_spec (journal, CW_SPEC_CLUSTER_ID), NULL };

  forget_new_link (self);
  if (self->clouds == NULL)
    return;
  self->inventory = cw_link_inventory_new (self->clouds);
  self->lookup_cancellable = g_cancellable_new ();
  cw_link_inventory_refresh_async (self->inventory, cluster_ids[0] ? cluster_ids : NULL, self->lookup_cancellable,
                                   new_link_found, g_object_ref (self));
}

static void
show_done (CwReviewStep *self,
           gboolean      created)
{
  CwJournal *journal = cw_provisioner_get_journal (self->provisioner);

  cw_list_box_clear (self->done_list);
  if (created && cw_journal_get_spec (journal, CW_SPEC_ADDED_TO) != NULL)
    {
      g_autofree char *port = g_strdup_printf ("%u", cw_journal_get_spec_uint (journal, CW_SPEC_LISTENER_PORT));

      adw_status_page_set_title (self->done_page, _("The Database Is Reachable"));
      adw_status_page_set_description (self->done_page,
                                       _("TiDB Cloud reaches the database through the link’s private link connection, "
                                         "on the port below: its dataflows name that port."));
      gtk_list_box_append (self->done_list, cw_info_row_new (_("Database"),
                                                             cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID)));
      gtk_list_box_append (self->done_list, cw_info_row_new (_("Port"), port));
      gtk_list_box_append (self->done_list, cw_info_row_new (_("Private Link Connection"),
                                                             cw_journal_get_resource (journal, CW_RES_PRIVATE_LINK_ID)));
      gtk_list_box_append (self->done_list, cw_info_row_new (_("Link ID"),
                                                             cw_journal_get_spec (journal, CW_SPEC_ADDED_TO)));
      look_up_new_link (self);
    }
  else if (created)
    {
      adw_status_page_set_title (self->done_page, _("The Link Is Active"));
      adw_status_page_set_description (self->done_page,
                                       _("TiDB Cloud reaches the database through this private link connection. "
                                         "Test it from TiDB Cloud’s side with the database’s SQL user, or replicate "
                                         "the cluster into the database, below."));
      gtk_list_box_append (self->done_list, cw_info_row_new (_("Private Link Connection"),
                                                             cw_journal_get_resource (journal, CW_RES_PRIVATE_LINK_ID)));
      gtk_list_box_append (self->done_list, cw_info_row_new (_("Endpoint Service"),
                                                             cw_journal_get_resource (journal, CW_RES_ENDPOINT_SERVICE_NAME)));
      gtk_list_box_append (self->done_list, cw_info_row_new (_("State"), "ACTIVE"));
      gtk_list_box_append (self->done_list, cw_info_row_new (_("Link ID"), cw_journal_get_link_id (journal)));
      look_up_new_link (self);
    }
  else
    {
      forget_new_link (self);
      adw_status_page_set_title (self->done_page, _("Everything Was Removed"));
      adw_status_page_set_description (self->done_page,
                                       _("The run was rolled back: what it created is deleted, and nothing else was touched."));
    }
  gtk_stack_set_visible_child_name (self->stack, "done");
}

static void
on_run_finished (CwReviewStep *self,
                 gboolean      created)
{
  show_done (self, created);
}

static void
new_link_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CwReviewStep *self = CW_REVIEW_STEP (widget);

  forget_new_link (self);
  g_clear_object (&self->provisioner);
  gtk_stack_set_visible_child_name (self->stack, "review");
  cw_link_session_restart (self->session);
  gtk_widget_activate_action (widget, "wizard.first-step", NULL);
}

/* Other accounts may see other prices, or none: the cost is asked again. */
static void
on_accounts_changed (CwReviewStep *self)
{
  g_clear_pointer (&self->cost_region, g_free);
  estimate_cost (self);
  show_readiness (self);
}

static void
on_plan_changed (CwReviewStep *self)
{
  cw_check_list_set_plan (self->checks, plan (self));
  g_signal_connect_object (cw_link_plan_get_checks (plan (self)), "items-changed", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
  refresh (self);
}

void
cw_review_step_set_session (CwReviewStep  *self,
                            CwLinkSession *session)
{
  g_return_if_fail (CW_IS_REVIEW_STEP (self));
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::plan", G_CALLBACK (on_plan_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::account-check", G_CALLBACK (on_accounts_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::addition-link", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  on_plan_changed (self);
}

gboolean
cw_review_step_is_running (CwReviewStep *self)
{
  g_return_val_if_fail (CW_IS_REVIEW_STEP (self), FALSE);
  return cw_progress_view_is_running (self->progress_view);
}

static void
cw_review_step_dispose (GObject *object)
{
  CwReviewStep *self = CW_REVIEW_STEP (object);

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->inventory);
  g_clear_object (&self->session);
  g_clear_object (&self->provisioner);
  g_clear_object (&self->clouds);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_REVIEW_STEP);
  G_OBJECT_CLASS (cw_review_step_parent_class)->dispose (object);
}

static void
cw_review_step_class_init (CwReviewStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_review_step_dispose;

  g_type_ensure (CW_TYPE_CHECK_LIST);
  g_type_ensure (CW_TYPE_PROGRESS_VIEW);
  g_type_ensure (CW_TYPE_LINK_DATAFLOWS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-review-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, stack);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, changes_list);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, checks);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, policy_view);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, blocked_label);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, create_button);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, progress_view);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, done_page);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, done_list);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, done_dataflows);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, done_dataflows_label);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, cost_row);
  gtk_widget_class_bind_template_child (widget_class, CwReviewStep, cost_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_run_finished);
  gtk_widget_class_install_action (widget_class, "review.copy-policy", NULL, copy_policy_action);
  gtk_widget_class_install_action (widget_class, "review.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "review.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "review.new-link", NULL, new_link_action);
}

static void
cw_review_step_init (CwReviewStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
