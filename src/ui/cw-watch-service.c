/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-watch-service.c: the application's watch over the links (see cw-watch-service.h)
 *
 * Until accounts are known (the last new link's, or the sandbox's) each tick looks for
 * them; once they are verified the watcher runs a cycle per tick. A tick comes one
 * interval after the last cycle ended, so cycles never overlap. */
#define G_LOG_DOMAIN "cw-watch-service"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-account-check.h"
#include "cw-link-repair.h"
#include "cw-link-watcher.h"
#include "cw-watch-service.h"

#define INTERVAL_VARIABLE "CAUSEWAY_WATCH_INTERVAL"

struct _CwWatchService
{
  GObject            parent_instance;
  GApplication      *application;   /* unowned: it owns the service */
  CwCredentialStore *store;
  GSettings         *settings;
  char              *sandbox_label;  /* the sandbox's accounts, or NULL: the last used */
  double             time_scale;
  CwLinkActivity    *activity;
  CwLinkWatcher     *watcher;
  GCancellable      *cancellable;
  guint              timer;
  GHashTable        *unannounced;  /* link ids first seen in trouble, not told until healthy */
};

G_DEFINE_FINAL_TYPE (CwWatchService, cw_watch_service, G_TYPE_OBJECT)

enum {
  ACTIVITY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void tick_later (CwWatchService *self);

/* ---- telling the desktop ---- */

static char *
notification_title (const CwLinkEvent *event,
                    CwLinkChange       change)
{
  const char *name = event->name ? event->name : event->link_id;
  CwLinkStatus to = CW_LINK_HEALTHY;

  switch (change)
    {
    case CW_LINK_CHANGE_RECOVERED:
      return g_strdup_printf (_("“%s” is healthy again"), name);
    case CW_LINK_CHANGE_REPAIRED:
      if (g_strcmp0 (event->action, CW_WATCH_ACTION_RESYNC_FAILED) == 0)
        return g_strdup_printf (_("“%s” could not be repaired"), name);
      return g_strdup_printf (_("“%s” was repaired"), name);
    case CW_LINK_CHANGE_WORSE:
    case CW_LINK_CHANGE_NONE:
    default:
      cw_link_status_from_string (event->to, &to);
      return g_strdup_printf (_("“%s” is %s"), name, cw_link_status_to_label (to));
    }
}

/* One notification per link: a later change of the same link replaces the earlier one. */
static void
notify_event (CwWatchService    *self,
              const CwLinkEvent *event)
{
  CwLinkChange change = cw_link_event_get_change (event);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  CwLink *link;

  if (change == CW_LINK_CHANGE_NONE)
    return;
  /* A link first seen in trouble is told of once it has been healthy: what was wrong
   * when watching began is in the links view (a notification per such link would flood
   * the desktop at login), and a link just made goes through several states before the
   * wizard is done with it. */
  if (event->from == NULL && change == CW_LINK_CHANGE_WORSE)
    g_hash_table_add (self->unannounced, g_strdup (event->link_id));
  if (g_hash_table_contains (self->unannounced, event->link_id))
    {
      if (change == CW_LINK_CHANGE_RECOVERED)
        g_hash_table_remove (self->unannounced, event->link_id);
      return;
    }
  title = notification_title (event, change);
  notification = g_notification_new (title);
  if (event->what != NULL)
    g_notification_set_body (notification, event->what);
  g_notification_set_default_action_and_target (notification, "app.open-link", "s", event->link_id);
  link = cw_link_watcher_find (self->watcher, event->link_id);
  if (change == CW_LINK_CHANGE_WORSE && link != NULL && cw_link_can_resync_unasked (link))
    g_notification_add_button_with_target (notification, _("Re-sync"), "app.resync-link", "s", event->link_id);
  g_notification_add_button_with_target (notification, _("Open"), "app.open-link", "s", event->link_id);
  id = g_strconcat ("link-", event->link_id, NULL);
  g_application_send_notification (self->application, id, notification);
}

static void
on_cycle_finished (CwWatchService *self,
                   GPtrArray      *events,
                   guint           requests)
{
  for (guint i = 0; i < events->len; i++)
    notify_event (self, g_ptr_array_index (events, i));
  for (guint i = 0; i < events->len; i++)
    g_signal_emit (self, signals[ACTIVITY_CHANGED], 0, ((CwLinkEvent *) g_ptr_array_index (events, i))->link_id);
}

/* ---- the repair settings ---- */

static void
apply_repair_settings (CwWatchService *self)
{
  g_autoptr(GVariant) links = NULL;
  GVariantIter iter;
  const char *link_id;
  gboolean repair;

  if (self->watcher == NULL)
    return;
  cw_link_watcher_set_repair (self->watcher, g_settings_get_boolean (self->settings, "repair-automatically"));
  cw_link_watcher_clear_link_repairs (self->watcher);
  links = g_settings_get_value (self->settings, "link-repairs");
  g_variant_iter_init (&iter, links);
  while (g_variant_iter_next (&iter, "{&sb}", &link_id, &repair))
    cw_link_watcher_set_link_repair (self->watcher, link_id, repair);
}

gboolean
cw_watch_service_get_link_repair (CwWatchService *self,
                                  CwLink         *link)
{
  g_autoptr(GVariant) links = NULL;
  gboolean repair;

  g_return_val_if_fail (CW_IS_WATCH_SERVICE (self), FALSE);
  links = g_settings_get_value (self->settings, "link-repairs");
  if (!g_variant_lookup (links, cw_link_get_id (link), "b", &repair))
    repair = g_settings_get_boolean (self->settings, "repair-automatically");
  return repair && cw_link_get_managed (link);
}

/* Kept by link id, without anything secret; the watcher hears it through the settings. */
void
cw_watch_service_set_link_repair (CwWatchService *self,
                                  CwLink         *link,
                                  gboolean        repair)
{
  g_autoptr(GVariant) links = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sb}"));
  GVariantIter iter;
  const char *link_id;
  gboolean choice;

  g_return_if_fail (CW_IS_WATCH_SERVICE (self));
  links = g_settings_get_value (self->settings, "link-repairs");
  g_variant_iter_init (&iter, links);
  while (g_variant_iter_next (&iter, "{&sb}", &link_id, &choice))
    if (g_strcmp0 (link_id, cw_link_get_id (link)) != 0)
      g_variant_builder_add (&builder, "{sb}", link_id, choice);
  g_variant_builder_add (&builder, "{sb}", cw_link_get_id (link), repair);
  g_settings_set_value (self->settings, "link-repairs", g_variant_builder_end (&builder));
}

/* ---- cycles ---- */

static void
cycled (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(CwWatchService) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = cw_link_watcher_run_cycle_finish (CW_LINK_WATCHER (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The clouds may answer again at the next tick. */
  if (events == NULL)
    g_message ("Watching the links: %s", error->message);
  else
    g_debug ("A watch cycle ended with %u changes", events->len);
  tick_later (self);
}

static void
verified (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CwWatchService) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAccountCheck) check = cw_account_check_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (check == NULL)
    {
      g_message ("Watching the links: %s", error->message);
      tick_later (self);
      return;
    }
  self->watcher = cw_link_watcher_new (cw_account_check_get_clouds (check), self->activity, NULL);
  g_signal_connect_object (self->watcher, "cycle-finished", G_CALLBACK (on_cycle_finished), self, G_CONNECT_SWAPPED);
  apply_repair_settings (self);
  cw_link_watcher_run_cycle_async (self->watcher, self->cancellable, cycled, g_object_ref (self));
}

static CwCredential *
find_account (CwWatchService   *self,
              CwCredentialKind  kind,
              const char       *last_key)
{
  g_autofree char *label = self->sandbox_label ? g_strdup (self->sandbox_label)
                                               : g_settings_get_string (self->settings, last_key);

  return label[0] != '\0' ? cw_credential_store_find (self->store, kind, label) : NULL;
}

static gboolean
tick (gpointer user_data)
{
  CwWatchService *self = user_data;
  CwCredential *aws;
  CwCredential *tidb;

  self->timer = 0;
  if (self->watcher != NULL)
    {
      cw_link_watcher_run_cycle_async (self->watcher, self->cancellable, cycled, g_object_ref (self));
      return G_SOURCE_REMOVE;
    }
  aws = find_account (self, CW_CREDENTIAL_AWS, "last-aws-account");
  tidb = find_account (self, CW_CREDENTIAL_TIDBCLOUD, "last-tidb-account");
  if (aws == NULL || tidb == NULL)
    tick_later (self);
  else
    /* No prompter: a watch in the background must not pop up an MFA dialog out of the
     * blue: the accounts of a role that needs a code are not watched (the check fails
     * and is tried again next interval). */
    cw_account_check_run_async (self->store, aws, tidb, NULL, self->time_scale, self->cancellable, verified,
                                g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static guint
interval_seconds (CwWatchService *self)
{
  const char *forced = g_getenv (INTERVAL_VARIABLE);
  guint64 seconds;

  if (forced != NULL && g_ascii_string_to_unsigned (forced, 10, 1, G_MAXUINT, &seconds, NULL))
    return (guint) seconds;
  return g_settings_get_uint (self->settings, "watch-interval");
}

static void
tick_later (CwWatchService *self)
{
  g_clear_handle_id (&self->timer, g_source_remove);
  self->timer = g_timeout_add_seconds (interval_seconds (self), tick, self);
}

void
cw_watch_service_start (CwWatchService *self)
{
  g_return_if_fail (CW_IS_WATCH_SERVICE (self));
  if (self->timer == 0)
    self->timer = g_idle_add (tick, self);
}

/* ---- a re-sync from a notification ---- */

static void
resynced (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwWatchService *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autofree char *address = cw_link_watcher_resync_finish (CW_LINK_WATCHER (source), result, &error);

  if (address == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_signal_emit (self, signals[ACTIVITY_CHANGED], 0, g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

void
cw_watch_service_resync_async (CwWatchService      *self,
                               const char          *link_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_WATCH_SERVICE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_task_data (task, g_strdup (link_id), g_free);
  if (self->watcher == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The links are not watched yet: the accounts are still being verified."));
      return;
    }
  cw_link_watcher_resync_async (self->watcher, link_id, cancellable, resynced, g_steal_pointer (&task));
}

gboolean
cw_watch_service_resync_finish (CwWatchService  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  CwWatchService *self;
  char           *link_id;
} Noting;

static void
noting_free (Noting *noting)
{
  g_object_unref (noting->self);
  g_free (noting->link_id);
  g_free (noting);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Noting, noting_free)

static void
resync_noted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Noting) noting = user_data;
  g_autoptr(GError) error = NULL;

  if (cw_link_watcher_note_resync_finish (CW_LINK_WATCHER (source), result, &error))
    g_signal_emit (noting->self, signals[ACTIVITY_CHANGED], 0, noting->link_id);
  /* The re-sync was made; only its entry in the timeline is missing. */
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not note the re-sync of %s: %s", noting->link_id, error->message);
}

/* A link the window re-synced to @address: its timeline says so, and the watch looks at
 * it again at its next cycle rather than at its next full check. */
void
cw_watch_service_note_resync (CwWatchService *self,
                              const char     *link_id,
                              const char     *address)
{
  Noting *noting;

  g_return_if_fail (CW_IS_WATCH_SERVICE (self));
  if (self->watcher == NULL || link_id == NULL)
    return;
  noting = g_new0 (Noting, 1);
  noting->self = g_object_ref (self);
  noting->link_id = g_strdup (link_id);
  cw_link_watcher_note_resync_async (self->watcher, link_id, address, self->cancellable, resync_noted, noting);
}

/* ---- GObject ---- */

CwLinkActivity *
cw_watch_service_get_activity (CwWatchService *self)
{
  g_return_val_if_fail (CW_IS_WATCH_SERVICE (self), NULL);
  return self->activity;
}

static void
cw_watch_service_dispose (GObject *object)
{
  CwWatchService *self = CW_WATCH_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_object (&self->watcher);
  g_clear_object (&self->activity);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sandbox_label, g_free);
  g_clear_pointer (&self->unannounced, g_hash_table_unref);
  G_OBJECT_CLASS (cw_watch_service_parent_class)->dispose (object);
}

static void
cw_watch_service_class_init (CwWatchServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_watch_service_dispose;

  /* A link's timeline has new entries (the link's id): views showing it read it again. */
  signals[ACTIVITY_CHANGED] = g_signal_new ("activity-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cw_watch_service_init (CwWatchService *self)
{
  self->cancellable = g_cancellable_new ();
  self->activity = cw_link_activity_new (NULL);
  self->unannounced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* @sandbox_label: the label of the sandbox's accounts, or NULL to watch with the accounts
 * the last new link used. */
CwWatchService *
cw_watch_service_new (GApplication      *application,
                      CwCredentialStore *store,
                      GSettings         *settings,
                      const char        *sandbox_label,
                      double             time_scale)
{
  CwWatchService *self = g_object_new (CW_TYPE_WATCH_SERVICE, NULL);

  self->application = application;
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->sandbox_label = g_strdup (sandbox_label);
  self->time_scale = time_scale;
  g_signal_connect_object (settings, "changed::repair-automatically", G_CALLBACK (apply_repair_settings), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::link-repairs", G_CALLBACK (apply_repair_settings), self,
                           G_CONNECT_SWAPPED);
  return self;
}
