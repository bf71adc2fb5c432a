/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-links-view-actions.c
 *
 * One action runs at a time, on the link it began with (action_link); its progress and
 * its error show in that link's detail, and a good end refreshes the list. A delete of
 * a link Causeway made runs the provisioner's teardown in the detail's progress view; of
 * a link made by hand, only TiDB Cloud's side goes (cw-link-repair.h).
 */
#define G_LOG_DOMAIN "cw-links-view-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-choose-database-dialog.h"
#include "cw-delete-link-dialog.h"
#include "cw-link-addition.h"
#include "cw-link-item.h"
#include "cw-link-repair.h"
#include "cw-link-teardown.h"
#include "cw-links-view-private.h"
#include "cw-plan-loaders.h"
#include "cw-widgets.h"
#include "cw-window.h"

/* ---- actions: bookkeeping ---- */

void
cw_links_view_update_actions (CwLinksView *self)
{
  CwLink *link = cw_links_view_get_selected_link (self);
  gboolean idle = self->action_link == NULL;
  CwProvisionerState state = self->provisioner ? cw_provisioner_get_state (self->provisioner) : CW_PROVISIONER_IDLE;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "links.refresh", self->inventory != NULL);
  gtk_widget_action_set_enabled (widget, "links.accept",
                                 idle && link && cw_link_get_status (link) == CW_LINK_PENDING_ACCEPTANCE);
  gtk_widget_action_set_enabled (widget, "links.resync",
                                 idle && link && cw_link_get (link, CW_LINK_TARGET_GROUP_ARN) != NULL);
  gtk_widget_action_set_enabled (widget, "links.delete", idle && link != NULL);
  gtk_widget_action_set_enabled (widget, "links.remove-database", idle && link != NULL);
  gtk_widget_action_set_enabled (widget, "links.resync-database", idle && link != NULL);
  gtk_widget_action_set_enabled (widget, "links.retry-delete",
                                 idle && (state == CW_PROVISIONER_FAILED || state == CW_PROVISIONER_CANCELLED));
  gtk_widget_action_set_enabled (widget, "links.close-progress", state != CW_PROVISIONER_DELETING);
}

static void
begin_action (CwLinksView *self,
              CwLink      *link,
              const char  *what)
{
  g_set_object (&self->action_link, link);
  g_clear_object (&self->action_cancellable);
  self->action_cancellable = g_cancellable_new ();
  g_free (self->action_what);
  self->action_what = g_strdup (what);
  g_clear_pointer (&self->error_key, g_free);
  g_clear_pointer (&self->error_message, g_free);
  cw_links_view_show_detail (self);
}

/* No action under way, and no error to show. */
static void
set_idle (CwLinksView *self)
{
  g_clear_object (&self->action_link);
  g_clear_pointer (&self->action_what, g_free);
  cw_links_view_show_detail (self);
}

/* Ends the action; its error stays beside the link it failed on. A good end refreshes
 * the list, which shows what the action changed. */
static void
end_action (CwLinksView  *self,
            const GError *error)
{
  g_autoptr(CwLink) link = g_steal_pointer (&self->action_link);

  g_clear_pointer (&self->action_what, g_free);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->error_key = g_strdup (cw_link_key (link));
      self->error_message = g_strdup (error->message);
    }
  cw_links_view_show_detail (self);
  if (error != NULL)
    return;
  /* What the action changed shows after a refresh that starts now. */
  self->refresh_again = self->refresh_cancellable != NULL;
  cw_links_view_refresh (self);
}

/* New accounts: an accept or re-sync under way is forgotten (a delete runs on in its
 * progress view, with the clients it started with). */
void
cw_links_view_abandon_action (CwLinksView *self)
{
  g_cancellable_cancel (self->action_cancellable);
  if (self->provisioner != NULL && cw_provisioner_get_state (self->provisioner) == CW_PROVISIONER_DELETING)
    return;
  g_clear_object (&self->action_link);
  g_clear_pointer (&self->action_what, g_free);
}

gboolean
cw_links_view_is_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Whether an action's answer still matters: not when it was cancelled or abandoned
 * (new accounts, or the view going away). */
static gboolean
still_acting (CwLinksView *self,
              GError      *error)
{
  return self->action_link != NULL && !cw_links_view_is_cancelled (error);
}
/* ---- accept ---- */

static void
accepted (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CwLinksView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  cw_link_inventory_accept_finish (CW_LINK_INVENTORY (source), result, &error);
  if (!still_acting (self, error))
    return;
  if (error == NULL)
    {
      message = g_strdup_printf (_("Accepted TiDB Cloud’s endpoint of “%s”."), cw_links_view_link_name (self->action_link));
      cw_links_view_toast (self, message);
    }
  end_action (self, error);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);
  CwLink *link = cw_links_view_get_selected_link (self);

  if (link == NULL || self->action_link != NULL)
    return;
  begin_action (self, link, _("Accepting TiDB Cloud’s endpoint…"));
  cw_link_inventory_accept_async (self->inventory, link, self->action_cancellable, accepted, g_object_ref (self));
}

/* ---- re-sync ---- */

static void
resynced (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CwLinksView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *ip = cw_link_inventory_resync_finish (CW_LINK_INVENTORY (source), result, &error);
  g_autofree char *message = NULL;

  if (!still_acting (self, error))
    return;
  if (ip != NULL && self->action_database != NULL)
    {
      message = g_strdup_printf (_("“%s” now reaches %s at %s:%u; the old address is deregistered."),
                                 cw_links_view_link_name (self->action_link),
                                 cw_link_get (self->action_database, CW_LINK_DATABASE_ID), ip,
                                 cw_link_get_port (self->action_database));
      cw_links_view_toast (self, message);
    }
  else if (ip != NULL)
    {
      message = g_strdup_printf (_("“%s” now reaches its database at %s:%u; the old address is deregistered."),
                                 cw_links_view_link_name (self->action_link), ip, cw_link_get_port (self->action_link));
      cw_links_view_toast (self, message);
      /* The link's timeline says who re-synced it; the watch, whose cheap signals do not
       * show a re-sync, looks at the link again. */
      if (cw_links_view_get_watch_service (self) != NULL)
        cw_watch_service_note_resync (cw_links_view_get_watch_service (self), cw_link_get_id (self->action_link), ip);
    }
  end_action (self, error);
}

static void
start_resync (CwLinksView *self,
              const char  *database_id)
{
  g_free (self->action_what);
  self->action_what = g_strdup (_("Registering the database’s current address…"));
  cw_links_view_show_detail (self);
  cw_link_inventory_resync_async (self->inventory, self->action_database ? self->action_database : self->action_link,
                                  database_id, self->action_cancellable, resynced, g_object_ref (self));
}

static void
on_database_chosen (CwChooseDatabaseDialog *dialog,
                    const char             *response,
                    CwLinksView            *self)
{
  const char *database_id = cw_choose_database_dialog_get_database_id (dialog);

  /* The accounts changed while the question was asked. */
  if (self->action_link == NULL)
    return;
  if (g_strcmp0 (response, "resync") == 0 && database_id != NULL)
    {
      start_resync (self, database_id);
      return;
    }
  end_action (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, ""));
}

/* A link made by hand whose target is no database's address any more names no
 * database: the user says which one it should reach, among those it can. */
static void
ask_database (CwLinksView *self,
              GListModel  *databases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = cw_link_resync_candidates (self->action_link, databases, &error);
  CwChooseDatabaseDialog *dialog;

  if (candidates == NULL)
    {
      end_action (self, error);
      return;
    }
  dialog = cw_choose_database_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->action_link,
                                          candidates);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_database_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
databases_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CwLinksView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) databases = cw_load_databases_finish (CW_AWS_CLIENT (source), result, &error);

  if (!still_acting (self, error))
    return;
  if (databases == NULL)
    end_action (self, error);
  else
    ask_database (self, databases);
}

static void
resync_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);
  CwLink *link = cw_links_view_get_selected_link (self);

  if (link == NULL || self->action_link != NULL)
    return;
  g_clear_object (&self->action_database);
  if (cw_link_get_named_database (link) != NULL)
    {
      begin_action (self, link, NULL);
      start_resync (self, NULL);
      return;
    }
  begin_action (self, link, _("Looking for the databases the link can reach…"));
  cw_load_databases_async (cw_clouds_get_aws (self->clouds, cw_link_get (link, CW_LINK_REGION)),
                           self->action_cancellable, databases_loaded, g_object_ref (self));
}

/* A database added to the link, on its own target group. */
static void
resync_database_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);
  CwLink *link = cw_links_view_get_selected_link (self);
  CwLink *database = link ? cw_link_find_database (link, g_variant_get_string (parameter, NULL)) : NULL;

  if (database == NULL || self->action_link != NULL)
    return;
  g_set_object (&self->action_database, database);
  begin_action (self, link, NULL);
  start_resync (self, NULL);
}

/* ---- delete ---- */

static void
on_delete_state (CwLinksView *self)
{
  CwProvisionerState state = cw_provisioner_get_state (self->provisioner);
  g_autofree char *message = NULL;

  if (state == CW_PROVISIONER_DELETED)
    {
      message = self->removing
                  ? g_strdup_printf (_("Removed %s from “%s”; the link and its other databases stay."), self->removing,
                                     cw_links_view_link_name (self->action_link))
                  : g_strdup_printf (_("Deleted “%s” and everything Causeway made for it."),
                                     cw_links_view_link_name (self->action_link));
      cw_links_view_toast (self, message);
      cw_link_detail_hide_progress (self->detail);
      end_action (self, NULL);
    }
  else if (state == CW_PROVISIONER_FAILED || state == CW_PROVISIONER_CANCELLED)
    {
      /* The progress view says what failed, with the cloud's error. */
      set_idle (self);
    }
  else
    cw_links_view_update_actions (self);
}

static void
run_delete (CwLinksView *self)
{
  g_autofree char *heading = self->removing
                               ? g_strdup_printf (_("Removing %s from “%s”"), self->removing,
                                                  cw_links_view_link_name (self->action_link))
                               : g_strdup_printf (_("Deleting “%s”"), cw_links_view_link_name (self->action_link));
  CwProgressView *progress = cw_link_detail_show_progress (self->detail, heading);

  cw_progress_view_delete (progress, self->provisioner);
}

static void
added_databases_removed (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CwLinksView) self = user_data;
  g_autoptr(GError) error = NULL;

  cw_link_remove_added_databases_finish (result, &error);
  if (!still_acting (self, error))
    return;
  if (error != NULL)
    end_action (self, error);
  else
    run_delete (self);
}

/* Runs @journal's teardown: the whole link, or (@database) one database added to it.
 * The databases added to a link go before it: their rules name its group. */
static void
start_delete (CwLinksView *self,
              CwLink      *link,
              CwJournal   *journal,
              const char  *database)
{
  if (self->provisioner != NULL)
    g_signal_handlers_disconnect_by_func (self->provisioner, on_delete_state, self);
  g_clear_object (&self->provisioner);
  self->provisioner = cw_provisioner_new (self->clouds, journal);
  g_set_object (&self->deleting, link);
  g_free (self->removing);
  self->removing = g_strdup (database);
  g_signal_connect_object (self->provisioner, "notify::state", G_CALLBACK (on_delete_state), self, G_CONNECT_SWAPPED);
  if (database != NULL || cw_journal_get_spec (journal, CW_SPEC_ADDED_TO) != NULL)
    {
      begin_action (self, link, _("Removing…"));
      run_delete (self);
      return;
    }
  begin_action (self, link, _("Removing the databases added to the link…"));
  cw_link_remove_added_databases_async (self->clouds, link, cw_journal_get_link_id (journal), self->action_cancellable,
                                        added_databases_removed, g_object_ref (self));
}

/* A delete that failed goes on from where it stopped, with the same journal. */
static void
retry_delete_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);

  if (self->provisioner == NULL || self->action_link != NULL)
    return;
  begin_action (self, self->deleting, _("Deleting…"));
  run_delete (self);
}

static void
close_progress_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  cw_link_detail_hide_progress (CW_LINKS_VIEW (widget)->detail);
}

static void
tidb_link_deleted (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CwLinksView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  cw_link_delete_tidb_side_finish (CW_LINK (source), result, &error);
  if (!still_acting (self, error))
    return;
  if (error == NULL)
    {
      message = g_strdup_printf (_("TiDB Cloud is deleting the private link connection of “%s”; its AWS side stays."),
                                 cw_links_view_link_name (self->action_link));
      cw_links_view_toast (self, message);
    }
  end_action (self, error);
}

/* A link made outside Causeway: only TiDB Cloud's side is deleted, never what someone
 * else made in AWS. */
static void
delete_tidb_side (CwLinksView *self,
                  CwLink      *link)
{
  begin_action (self, link, _("Deleting the private link connection…"));
  cw_link_delete_tidb_side_async (self->clouds, link, self->action_cancellable, tidb_link_deleted,
                                  g_object_ref (self));
}

static void
on_delete_response (CwDeleteLinkDialog *dialog,
                    const char         *response,
                    CwLinksView        *self)
{
  CwLink *link = cw_delete_link_dialog_get_link (dialog);
  CwJournal *journal = cw_delete_link_dialog_get_journal (dialog);

  if (g_strcmp0 (response, "delete") != 0 || self->action_link != NULL)
    return;
  if (journal != NULL)
    start_delete (self, link, journal, NULL);
  else
    delete_tidb_side (self, link);
}

static void
present_delete_dialog (CwLinksView *self,
                       CwLink      *link,
                       CwJournal   *journal)
{
  CwDeleteLinkDialog *dialog = cw_delete_link_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                          link, journal);

  cw_delete_link_dialog_list_dataflows (dialog, self->clouds);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef void (*Confirm) (CwLinksView *self,
                         CwLink      *link,
                         CwJournal   *journal);

/* What a delete or a removal would do is known (@journal), or why not (@error): until the
 * person confirms, nothing is under way. */
static void
ask_to_delete (CwLinksView *self,
               CwJournal   *journal,
               GError      *error,
               Confirm      confirm)
{
  g_autoptr(CwLink) link = NULL;

  if (!still_acting (self, error))
    return;
  if (journal == NULL)
    {
      end_action (self, error);
      return;
    }
  link = g_object_ref (self->action_link);
  set_idle (self);
  confirm (self, link, journal);
}

static void
delete_journal_loaded (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CwLinksView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwJournal) journal = cw_link_inventory_dup_journal_finish (CW_LINK_INVENTORY (source), result, &error);

  ask_to_delete (self, journal, error, present_delete_dialog);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);
  CwLink *link = cw_links_view_get_selected_link (self);

  if (link == NULL || self->action_link != NULL)
    return;
  if (!cw_link_get_managed (link))
    {
      present_delete_dialog (self, link, NULL);
      return;
    }
  begin_action (self, link, _("Reading what Causeway made for the link…"));
  cw_link_inventory_dup_journal_async (self->inventory, link, self->action_cancellable, delete_journal_loaded,
                                       g_object_ref (self));
}

/* ---- removing a database added to a link ---- */

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CwLinksView      *self)
{
  CwLink *link = g_object_get_data (G_OBJECT (dialog), "link");
  CwJournal *journal = g_object_get_data (G_OBJECT (dialog), "journal");

  if (g_strcmp0 (response, "remove") != 0 || self->action_link != NULL)
    return;
  start_delete (self, link, journal, cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID));
}

/* What goes, in its order, as `causeway-cli remove-database` lists it. */
static void
present_remove_dialog (CwLinksView *self,
                       CwLink      *link,
                       CwJournal   *journal)
{
  const char *database = cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID);
  g_autoptr(GPtrArray) deletions = cw_link_list_deletions (cw_link_find_database (link, database), journal);
  g_autoptr(GString) body = g_string_new (_("The link and its other databases stay. These go, in this order:"));
  g_autofree char *heading = g_strdup_printf (_("Remove %s from “%s”?"), database, cw_links_view_link_name (link));
  GtkWidget *dialog;

  for (guint i = 0; i < deletions->len; i++)
    {
      CwLinkDeletion *deletion = g_ptr_array_index (deletions, i);

      g_string_append_printf (body, "\n• %s: %s", deletion->kind, deletion->what);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "link", g_object_ref (link), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "journal", g_object_ref (journal), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
removal_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CwLinksView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwJournal) journal = cw_link_removal_new_finish (result, &error);

  ask_to_delete (self, journal, error, present_remove_dialog);
}

static void
remove_database_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);
  CwLink *link = cw_links_view_get_selected_link (self);

  if (link == NULL || self->action_link != NULL)
    return;
  begin_action (self, link, _("Reading what Causeway made for the database…"));
  cw_link_removal_new_async (self->clouds, link, g_variant_get_string (parameter, NULL), self->action_cancellable,
                             removal_ready, g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cw_links_view_refresh (CW_LINKS_VIEW (widget));
}

static void
show_accounts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, CW_TYPE_WINDOW);

  if (window != NULL)
    cw_window_show_page (CW_WINDOW (window), "accounts");
}

/* ---- installing ---- */

void
cw_links_view_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "links.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "links.show-accounts", NULL, show_accounts_action);
  gtk_widget_class_install_action (widget_class, "links.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "links.resync", NULL, resync_action);
  gtk_widget_class_install_action (widget_class, "links.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "links.remove-database", "s", remove_database_action);
  gtk_widget_class_install_action (widget_class, "links.resync-database", "s", resync_database_action);
  gtk_widget_class_install_action (widget_class, "links.retry-delete", NULL, retry_delete_action);
  gtk_widget_class_install_action (widget_class, "links.close-progress", NULL, close_progress_action);
}
