/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-progress-view.c */
#define G_LOG_DOMAIN "cw-progress-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-progress-view.h"
#include "cw-stall-meter.h"

struct _CwProgressView
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *steps_group;
  GtkLabel            *elapsed_label;
  GtkListBox          *steps_list;
  GtkLabel            *error_label;
  GtkWidget           *log_group;
  GtkTextView         *log_view;

  CwProvisioner       *provisioner;
  CwClouds            *clouds;
  GCancellable        *cancellable;
  gboolean             deleting;
  gboolean             running;
  gint64               started;
  guint                tick_id;
};

G_DEFINE_FINAL_TYPE (CwProgressView, cw_progress_view, ADW_TYPE_BIN)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_run (CwProgressView *self,
                       gboolean        deleting);

static char *
format_duration (gint64 microseconds)
{
  gint64 seconds = MAX (0, microseconds / G_USEC_PER_SEC);

  if (seconds >= 60)
    return g_strdup_printf (_("%d min %02d s"), (int) (seconds / 60), (int) (seconds % 60));
  return g_strdup_printf (_("%d s"), (int) seconds);
}

static const char *
state_label (CwStepState state)
{
  switch (state)
    {
    case CW_STEP_PENDING:
      return _("Waiting for earlier steps");
    case CW_STEP_RUNNING:
      return _("Running");
    case CW_STEP_WAITING:
      return _("Waiting");
    case CW_STEP_DONE:
      return _("Done");
    case CW_STEP_SKIPPED:
      return _("Not needed");
    case CW_STEP_FAILED:
      return _("Failed");
    case CW_STEP_CANCELLED:
    default:
      return _("Cancelled");
    }
}

static const char *
state_icon (CwStepState state)
{
  switch (state)
    {
    case CW_STEP_DONE:
      return "emblem-ok-symbolic";
    case CW_STEP_SKIPPED:
      return "action-unavailable-symbolic";
    case CW_STEP_FAILED:
      return "dialog-error-symbolic";
    case CW_STEP_CANCELLED:
      return "process-stop-symbolic";
    case CW_STEP_PENDING:
    case CW_STEP_RUNNING:
    case CW_STEP_WAITING:
    default:
      return "content-loading-symbolic";
    }
}

/* "Waiting · the load balancer to become active · 1 min 05 s · attempt 2" */
static char *
describe_step (CwStep *step)
{
  g_autoptr(GString) text = g_string_new (state_label (cw_step_get_state (step)));
  gint64 started = cw_step_get_started (step);
  gint64 finished = cw_step_get_finished (step);

  if (cw_step_get_message (step) != NULL && *cw_step_get_message (step) != '\0')
    g_string_append_printf (text, " · %s", cw_step_get_message (step));
  if (started > 0)
    {
      g_autofree char *duration = format_duration ((finished > 0 ? finished : g_get_monotonic_time ()) - started);
      g_string_append_printf (text, " · %s", duration);
    }
  if (cw_step_get_attempt (step) > 1)
    g_string_append_printf (text, _(" · attempt %u"), cw_step_get_attempt (step));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_row (GtkWidget *row)
{
  CwStep *step = g_object_get_data (G_OBJECT (row), "step");
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "icon");
  GtkWidget *spinner = g_object_get_data (G_OBJECT (row), "spinner");
  CwStepState state = cw_step_get_state (step);
  gboolean busy = state == CW_STEP_RUNNING || state == CW_STEP_WAITING;
  g_autofree char *description = describe_step (step);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), state_icon (state));
  gtk_widget_set_visible (icon, !busy);
  gtk_widget_set_visible (spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), busy);
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "success");
  if (state == CW_STEP_FAILED)
    gtk_widget_add_css_class (icon, "error");
  else if (state == CW_STEP_DONE)
    gtk_widget_add_css_class (icon, "success");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static GtkWidget *
create_step_row (gpointer item,
                 gpointer user_data)
{
  CwStep *step = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cw_step_get_title (step));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, cw_step_get_title (step), -1);
  g_object_set_data_full (G_OBJECT (row), "step", g_object_ref (step), g_object_unref);
  g_object_set_data (G_OBJECT (row), "icon", icon);
  g_object_set_data (G_OBJECT (row), "spinner", spinner);
  g_signal_connect_object (step, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row);
  return row;
}

/* Elapsed times move every second while something runs. */
static gboolean
tick (gpointer user_data)
{
  CwProgressView *self = user_data;
  g_autofree char *elapsed = format_duration (g_get_monotonic_time () - self->started);

  gtk_label_set_text (self->elapsed_label, elapsed);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "step") != NULL)
      update_row (row);
  return G_SOURCE_CONTINUE;
}

static void
set_running (CwProgressView *self,
             gboolean        running)
{
  self->running = running;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "progress.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "progress.retry", !running && !self->deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "progress.roll-back", !running && !self->deleting);
  if (running && self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick, self);
  else if (!running)
    g_clear_handle_id (&self->tick_id, g_source_remove);
  tick (self);
}

static void
show_failure (CwProgressView *self,
              const GError   *error)
{
  gboolean failed = error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  gtk_label_set_text (self->error_label, failed ? error->message : _("Cancelled. Retry to continue, or roll back to remove what was created."));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CwProgressView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removed = self->deleting;
  gboolean ok = removed ? cw_provisioner_delete_finish (CW_PROVISIONER (source), result, &error)
                        : cw_provisioner_create_finish (CW_PROVISIONER (source), result, &error);

  set_running (self, FALSE);
  show_failure (self, ok ? NULL : error);
  cw_stall_meter_report (removed ? "delete" : "create");
  if (ok)
    g_signal_emit (self, signals[FINISHED], 0, !removed);
}

static void
start_run (CwProgressView *self,
           gboolean        deleting)
{
  self->deleting = deleting;
  adw_preferences_group_set_title (self->steps_group, deleting ? _("Removing the Link") : _("Creating the Link"));
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->started = g_get_monotonic_time ();
  show_failure (self, NULL);
  cw_stall_meter_begin ();
  set_running (self, TRUE);
  gtk_list_box_bind_model (self->steps_list, cw_provisioner_get_steps (self->provisioner), create_step_row, self, NULL);
  if (deleting)
    cw_provisioner_delete_async (self->provisioner, self->cancellable, run_done, g_object_ref (self));
  else
    cw_provisioner_create_async (self->provisioner, self->cancellable, run_done, g_object_ref (self));
}

void
cw_progress_view_create (CwProgressView *self,
                         CwProvisioner  *provisioner)
{
  g_return_if_fail (CW_IS_PROGRESS_VIEW (self));
  g_set_object (&self->provisioner, provisioner);
  start_run (self, FALSE);
}

void
cw_progress_view_delete (CwProgressView *self,
                         CwProvisioner  *provisioner)
{
  g_return_if_fail (CW_IS_PROGRESS_VIEW (self));
  g_set_object (&self->provisioner, provisioner);
  start_run (self, TRUE);
}

static void
on_aws_answered (CwProgressView *self,
                 const char     *action,
                 guint           status,
                 const char     *request_id)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->log_view);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *line = g_strdup_printf ("%s  %-44s %u  %s\n", time, action, status,
                                           request_id ? request_id : "-");
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, line, -1);
  gtk_widget_set_visible (self->log_group, TRUE);
}

/* Shows every AWS request the run's clients make, with AWS's request IDs. */
void
cw_progress_view_log_requests (CwProgressView *self,
                               CwClouds       *clouds)
{
  g_return_if_fail (CW_IS_PROGRESS_VIEW (self));
  if (self->clouds == clouds)
    return;
  if (self->clouds != NULL)
    g_signal_handlers_disconnect_by_func (self->clouds, on_aws_answered, self);
  g_set_object (&self->clouds, clouds);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->log_view), "", -1);
  if (clouds != NULL)
    g_signal_connect_object (clouds, "aws-answered", G_CALLBACK (on_aws_answered), self, G_CONNECT_SWAPPED);
}

static void
copy_log_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CwProgressView *self = CW_PROGRESS_VIEW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->log_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

gboolean
cw_progress_view_is_running (CwProgressView *self)
{
  g_return_val_if_fail (CW_IS_PROGRESS_VIEW (self), FALSE);
  return self->running;
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_cancellable_cancel (CW_PROGRESS_VIEW (widget)->cancellable);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_run (CW_PROGRESS_VIEW (widget), FALSE);
}

static void
roll_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  start_run (CW_PROGRESS_VIEW (widget), TRUE);
}

static void
cw_progress_view_dispose (GObject *object)
{
  CwProgressView *self = CW_PROGRESS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->provisioner);
  g_clear_object (&self->clouds);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_PROGRESS_VIEW);
  G_OBJECT_CLASS (cw_progress_view_parent_class)->dispose (object);
}

static void
cw_progress_view_class_init (CwProgressViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_progress_view_dispose;

  /* The run ended well: TRUE when the link is created, FALSE when all it made is removed. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-progress-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CwProgressView, steps_group);
  gtk_widget_class_bind_template_child (widget_class, CwProgressView, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, CwProgressView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, CwProgressView, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwProgressView, log_group);
  gtk_widget_class_bind_template_child (widget_class, CwProgressView, log_view);
  gtk_widget_class_install_action (widget_class, "progress.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "progress.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "progress.roll-back", NULL, roll_back_action);
  gtk_widget_class_install_action (widget_class, "progress.copy-log", NULL, copy_log_action);
}

static void
cw_progress_view_init (CwProgressView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_running (self, FALSE);
}
