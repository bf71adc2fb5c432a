/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-activity-view.c: a link's timeline (see cw-link-activity-view.h)
 *
 * The timeline is read again, off the main thread, when another link is shown or the
 * application's watch says this one's has new entries; not at each refresh of the list,
 * which gives the same link anew. */
#define G_LOG_DOMAIN "cw-link-activity-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-application.h"
#include "cw-link-activity-view.h"
#include "cw-link-watcher.h"

struct _CwLinkActivityView
{
  AdwPreferencesGroup  parent_instance;

  GtkWidget     *repair_row;
  GtkSwitch     *repair_switch;
  GtkWidget     *empty_label;
  GPtrArray     *event_rows;   /* the rows shown, newest first */

  CwLink        *link;
  char          *link_id;      /* whose timeline is shown */
  GCancellable  *cancellable;  /* of the read under way */
  gboolean       showing;      /* the switch is being set to the setting, not by a person */
  gboolean       watching;
};

G_DEFINE_FINAL_TYPE (CwLinkActivityView, cw_link_activity_view, ADW_TYPE_PREFERENCES_GROUP)

static CwWatchService *
watch_service (CwLinkActivityView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return CW_IS_APPLICATION (app) ? cw_application_get_watch_service (CW_APPLICATION (app)) : NULL;
}

/* ---- an entry in words ---- */

static const char *
action_words (const CwLinkEvent *event)
{
  if (g_strcmp0 (event->action, CW_WATCH_ACTION_RESYNCED) == 0)
    return event->by == CW_LINK_ACTOR_USER ? _("re-synced by you") : _("re-synced by automatic repair");
  if (g_strcmp0 (event->action, CW_WATCH_ACTION_RESYNC_FAILED) == 0)
    return _("automatic repair failed");
  if (g_strcmp0 (event->action, CW_WATCH_ACTION_NOT_MANAGED) == 0)
    return _("made by hand: not repaired");
  return _("nothing done");
}

static char *
status_words (const char *status)
{
  CwLinkStatus parsed;

  return g_strdup (cw_link_status_from_string (status, &parsed) ? cw_link_status_to_label (parsed) : status);
}

/* "2026-12-03 14:02 · Drifted → Healthy · re-synced by you" */
static char *
describe_event (const CwLinkEvent *event)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (event->time);
  g_autofree char *when = g_date_time_format (time, "%Y-%m-%d %H:%M");
  g_autofree char *to = status_words (event->to);
  g_autofree char *from = event->from ? status_words (event->from) : NULL;
  g_autofree char *change = from ? g_strdup_printf (_("%s → %s"), from, to) : g_strdup (to);

  return g_strdup_printf ("%s · %s · %s", when, change, action_words (event));
}

static GtkWidget *
event_row_new (const CwLinkEvent *event)
{
  g_autofree char *subtitle = describe_event (event);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), event->what ? event->what : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* GTK 4.8 does not give a row's subtitle to the accessibility tree by itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

/* ---- reading the timeline ---- */

static void
show_events (CwLinkActivityView *self,
             GPtrArray          *events)
{
  for (guint i = 0; i < self->event_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->event_rows, i));
  g_ptr_array_set_size (self->event_rows, 0);
  /* Newest first: what just happened is what one opens the detail for. */
  for (guint i = events ? events->len : 0; i > 0; i--)
    {
      GtkWidget *row = event_row_new (g_ptr_array_index (events, i - 1));

      g_ptr_array_add (self->event_rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
  gtk_widget_set_visible (self->empty_label, self->event_rows->len == 0);
}

static void
events_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CwLinkActivityView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = cw_link_activity_read_finish (CW_LINK_ACTIVITY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (error != NULL)
    g_warning ("Could not read the activity of %s: %s", self->link_id, error->message);
  show_events (self, events);
}

static void
read_events (CwLinkActivityView *self)
{
  CwWatchService *service = watch_service (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (service == NULL || self->link_id == NULL)
    {
      show_events (self, NULL);
      return;
    }
  self->cancellable = g_cancellable_new ();
  cw_link_activity_read_async (cw_watch_service_get_activity (service), self->link_id, self->cancellable,
                               events_read, g_object_ref (self));
}

static void
on_activity_changed (CwLinkActivityView *self,
                     const char         *link_id)
{
  if (g_strcmp0 (link_id, self->link_id) == 0)
    read_events (self);
}

/* ---- automatic repair ---- */

static void
show_repair (CwLinkActivityView *self)
{
  CwWatchService *service = watch_service (self);
  gboolean managed = self->link != NULL && cw_link_get_managed (self->link);

  /* Causeway never changes a link it did not make: no switch to pretend otherwise. */
  gtk_widget_set_visible (self->repair_row, service != NULL && managed);
  if (service == NULL || !managed)
    return;
  self->showing = TRUE;
  gtk_switch_set_active (self->repair_switch, cw_watch_service_get_link_repair (service, self->link));
  self->showing = FALSE;
}

static void
on_repair_switched (CwLinkActivityView *self)
{
  CwWatchService *service = watch_service (self);

  if (self->showing || service == NULL || self->link == NULL)
    return;
  cw_watch_service_set_link_repair (service, self->link, gtk_switch_get_active (self->repair_switch));
}

/* ---- the link ---- */

void
cw_link_activity_view_set_link (CwLinkActivityView *self,
                                CwLink             *link)
{
  const char *link_id = link ? cw_link_get_id (link) : NULL;
  gboolean other = g_strcmp0 (link_id, self->link_id) != 0;

  g_return_if_fail (CW_IS_LINK_ACTIVITY_VIEW (self));
  g_set_object (&self->link, link);
  show_repair (self);
  if (!other)
    return;
  g_free (self->link_id);
  self->link_id = g_strdup (link_id);
  read_events (self);
}

/* The application is known once the view is in a window: only then can it listen. */
static void
cw_link_activity_view_map (GtkWidget *widget)
{
  CwLinkActivityView *self = CW_LINK_ACTIVITY_VIEW (widget);
  CwWatchService *service;

  GTK_WIDGET_CLASS (cw_link_activity_view_parent_class)->map (widget);
  service = watch_service (self);
  if (self->watching || service == NULL)
    return;
  self->watching = TRUE;
  g_signal_connect_object (service, "activity-changed", G_CALLBACK (on_activity_changed), self, G_CONNECT_SWAPPED);
  show_repair (self);
  read_events (self);
}

static void
cw_link_activity_view_dispose (GObject *object)
{
  CwLinkActivityView *self = CW_LINK_ACTIVITY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->link);
  g_clear_pointer (&self->link_id, g_free);
  g_clear_pointer (&self->event_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (cw_link_activity_view_parent_class)->dispose (object);
}

static void
cw_link_activity_view_class_init (CwLinkActivityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_link_activity_view_dispose;
  widget_class->map = cw_link_activity_view_map;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-link-activity-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CwLinkActivityView, repair_row);
  gtk_widget_class_bind_template_child (widget_class, CwLinkActivityView, repair_switch);
  gtk_widget_class_bind_template_child (widget_class, CwLinkActivityView, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_repair_switched);
}

static void
cw_link_activity_view_init (CwLinkActivityView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->event_rows = g_ptr_array_new ();
  show_events (self, NULL);
}
