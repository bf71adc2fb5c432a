/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-links-view.c
 *
 * The rows are CwLinkItems kept across refreshes (see cw-link-item.h), filtered, then
 * sorted by the column view's sorter, then selected one at a time. The inventory is
 * refreshed while the view is shown: when it is shown, then every minute of the
 * clouds' time, after each action, and on Ctrl+R or F5. One action runs at a time; its
 * progress and its error show in the detail of the link it acts on.
 *
 * Its columns and cells are in cw-links-view-columns.c, its actions in
 * cw-links-view-actions.c, its dialogs have their own templates.
 */
#define G_LOG_DOMAIN "cw-links-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-application.h"
#include "cw-link-detail.h"
#include "cw-link-inventory.h"
#include "cw-link-item.h"
#include "cw-links-view-private.h"
#include "cw-plan-loaders.h"
#include "cw-provisioner.h"
#include "cw-widgets.h"
#include "cw-window.h"

/* The next background refresh comes a minute of the clouds' time after the last one
 * (the sandbox's clock runs faster), and never sooner than ten times as long as the
 * last one took: a thousand links are a thousand requests, which must not become the
 * account's steady load. */
#define REFRESH_INTERVAL_MS      60000
#define MIN_REFRESH_INTERVAL_MS  5000
#define REFRESH_DUTY             10

/* New rows come in the list's order, a few milliseconds' worth per main-loop iteration,
 * so that the first rows show at once and no frame waits for a thousand. */
#define MERGE_SLICE_US           (5 * G_TIME_SPAN_MILLISECOND)

G_DEFINE_FINAL_TYPE (CwLinksView, cw_links_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REFRESHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh           (CwLinksView *self);
static void update_page       (CwLinksView *self);

void
cw_links_view_toast (CwLinksView *self,
       const char  *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CW_TYPE_WINDOW);

  if (window != NULL)
    cw_window_add_toast (CW_WINDOW (window), message);
}

const char *
cw_links_view_link_name (CwLink *link)
{
  const char *name = cw_link_get (link, CW_LINK_DISPLAY_NAME);

  return name ? name : cw_link_key (link);
}

CwLink *
cw_links_view_get_selected_link (CwLinksView *self)
{
  CwLinkItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item ? cw_link_item_get_link (item) : NULL;
}

/* ---- sorting and filtering ---- */

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  CwLinksView *self = user_data;
  gpointer chosen = gtk_drop_down_get_selected_item (self->status_filter);

  /* "All Statuses" is a string; every other choice is a status. */
  CwLink *link = cw_link_item_get_link (item);

  /* A link still checking has no status to choose it by yet. */
  if (ADW_IS_ENUM_LIST_ITEM (chosen) &&
      (cw_link_get_checking (link) || cw_link_get_status (link) != (CwLinkStatus) adw_enum_list_item_get_value (chosen)))
    return FALSE;
  return cw_link_item_matches (item, self->folded_text);
}

static char *
status_choice_label (GObject *choice)
{
  if (ADW_IS_ENUM_LIST_ITEM (choice))
    return g_strdup (cw_link_status_to_label (adw_enum_list_item_get_value (ADW_ENUM_LIST_ITEM (choice))));
  return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (choice)));
}

/* "All Statuses", then every status of the enumeration, labelled as the engine labels
 * them: a new status shows up here by itself. */
static void
fill_status_filter (CwLinksView *self)
{
  GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GtkStringList) all = gtk_string_list_new ((const char *[]) { _("All Statuses"), NULL });
  g_autoptr(AdwEnumListModel) statuses = adw_enum_list_model_new (CW_TYPE_LINK_STATUS);
  g_autoptr(GtkFlattenListModel) choices = NULL;
  GtkExpression *label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                      G_CALLBACK (status_choice_label), NULL, NULL);

  g_list_store_append (parts, all);
  g_list_store_append (parts, statuses);
  choices = gtk_flatten_list_model_new (G_LIST_MODEL (parts));
  gtk_drop_down_set_expression (self->status_filter, label);
  gtk_expression_unref (label);
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (choices));
}

static void
update_count (CwLinksView *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u link", "%u links", total), total);
  else
    text = g_strdup_printf (ngettext ("%u of %u link", "%u of %u links", total), shown, total);
  gtk_label_set_text (self->count_label, text);
}

static void
on_filter_changed (CwLinksView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* The template sets the drop-down's model before the filter exists. */
  if (self->filter == NULL)
    return;
  g_clear_pointer (&self->folded_text, g_free);
  if (text != NULL && *text != '\0')
    self->folded_text = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* In the order the column headers ask for. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  CwLinksView *self = user_data;

  return gtk_sorter_compare (gtk_column_view_get_sorter (self->column_view), (gpointer) a, (gpointer) b);
}

/* The list keeps its items in the headers' order itself rather than through a
 * GtkSortListModel: GTK 4.8's sorts the whole list again at every change, and a
 * thousand rows arriving a few at a time would keep the main loop busy for seconds. */
static void
sort_rows (CwLinksView *self)
{
  g_list_store_sort (self->items, compare_rows, self);
}

/* What a row shows changed: the filter and the sort order look again. The items stay
 * the same objects, so the selection and the rows on screen follow them. */
static void
resort_and_refilter (CwLinksView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  sort_rows (self);
}

/* ---- the detail ---- */

static gboolean
acting_on (CwLinksView *self,
           CwLink      *link)
{
  return self->action_link != NULL && link != NULL &&
         g_strcmp0 (cw_link_key (self->action_link), cw_link_key (link)) == 0;
}

void
cw_links_view_show_detail (CwLinksView *self)
{
  CwLink *link = cw_links_view_get_selected_link (self);
  gboolean failed = link != NULL && g_strcmp0 (self->error_key, cw_link_key (link)) == 0;

  cw_link_detail_set_link (self->detail, link);
  cw_link_detail_set_busy (self->detail, acting_on (self, link) ? self->action_what : NULL);
  cw_link_detail_show_error (self->detail, failed ? self->error_message : NULL);
  cw_links_view_update_actions (self);
}

/* ---- refreshing ---- */

static void
set_refreshing (CwLinksView *self,
                gboolean     refreshing)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->refresh_spinner)) == refreshing)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_spinner), refreshing);
  gtk_spinner_set_spinning (self->refresh_spinner, refreshing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

/* Whether the inventory is being refreshed; the list shows it once it is done. */
gboolean
cw_links_view_get_refreshing (CwLinksView *self)
{
  g_return_val_if_fail (CW_IS_LINKS_VIEW (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->refresh_spinner));
}

static gboolean
refresh_in_background (gpointer user_data)
{
  CwLinksView *self = user_data;

  self->refresh_timer = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (CwLinksView *self,
                  gint64       last_took_us)
{
  guint interval_ms;

  g_clear_handle_id (&self->refresh_timer, g_source_remove);
  if (self->clouds == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  interval_ms = MAX (MIN_REFRESH_INTERVAL_MS, cw_clouds_scale_ms (self->clouds, REFRESH_INTERVAL_MS));
  interval_ms = MAX (interval_ms, (guint) (REFRESH_DUTY * last_took_us / 1000));
  self->refresh_timer = g_timeout_add (interval_ms, refresh_in_background, self);
}

static void
refreshed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CwLinksView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cw_link_inventory_refresh_finish (CW_LINK_INVENTORY (source), result, &error);

  /* A refresh of accounts that are no longer the view's is of no interest. */
  if (CW_LINK_INVENTORY (source) != self->inventory || cw_links_view_is_cancelled (error))
    return;
  g_clear_object (&self->refresh_cancellable);
  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      refresh (self);
      return;
    }
  /* Rows still being added keep the refresh going until they are all there. */
  if (self->merge_source == 0)
    set_refreshing (self, FALSE);
  schedule_refresh (self, g_get_monotonic_time () - self->refresh_started);
  self->loaded |= ok;
  g_clear_pointer (&self->load_error, g_free);
  if (!ok)
    self->load_error = g_strdup (error->message);
  gtk_label_set_text (self->refresh_error_label, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_error_label), !ok);
  update_page (self);
}

static void
refresh (CwLinksView *self)
{
  if (self->inventory == NULL || self->refresh_cancellable != NULL)
    return;
  self->refresh_cancellable = g_cancellable_new ();
  self->refresh_started = g_get_monotonic_time ();
  g_clear_handle_id (&self->refresh_timer, g_source_remove);
  set_refreshing (self, TRUE);
  cw_link_inventory_refresh_async (self->inventory, NULL, self->refresh_cancellable, refreshed, g_object_ref (self));
  update_page (self);
}

void
cw_links_view_refresh (CwLinksView *self)
{
  g_return_if_fail (CW_IS_LINKS_VIEW (self));
  refresh (self);
}

/* Ctrl+R and F5 work from anywhere in the window, while the links are shown. */
static gboolean
refresh_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  refresh (CW_LINKS_VIEW (widget));
  return TRUE;
}

/* ---- accounts ---- */

static int
compare_in_list_order (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  return compare_rows (*(gpointer *) a, *(gpointer *) b, user_data);
}

/* Selects the link asked for once its row is there (the list may still be loading). */
static void
select_shown_link (CwLinksView *self)
{
  GListModel *rows = G_LIST_MODEL (self->selection);

  for (guint i = 0; self->show_link_id != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CwLinkItem) item = g_list_model_get_item (rows, i);

      if (g_strcmp0 (cw_link_get_id (cw_link_item_get_link (item)), self->show_link_id) != 0)
        continue;
      g_clear_pointer (&self->show_link_id, g_free);
      gtk_single_selection_set_selected (self->selection, i);
    }
}

void
cw_links_view_show_link (CwLinksView *self,
                         const char  *link_id)
{
  g_return_if_fail (CW_IS_LINKS_VIEW (self));
  g_free (self->show_link_id);
  self->show_link_id = g_strdup (link_id);
  select_shown_link (self);
}

static void
end_merge (CwLinksView *self)
{
  g_clear_handle_id (&self->merge_source, g_source_remove);
  g_clear_pointer (&self->adding, g_ptr_array_unref);
  if (self->refresh_cancellable == NULL)
    set_refreshing (self, FALSE);
  select_shown_link (self);
}

/* Existing rows take their refreshed links and rows of links gone go, in one step;
 * then the new links get their rows, a batch per step. */
static gboolean
merge_step (gpointer user_data)
{
  CwLinksView *self = user_data;
  gboolean changed = FALSE;

  if (self->merge_from_start)
    {
      self->merge_from_start = FALSE;
      g_clear_pointer (&self->adding, g_ptr_array_unref);
      self->adding = cw_link_items_update (self->items, cw_link_inventory_get_links (self->inventory), &changed);
      self->added = 0;
      g_ptr_array_sort_with_data (self->adding, compare_in_list_order, self);
      if (changed)
        resort_and_refilter (self);
      cw_links_view_show_detail (self);
    }
  else
    {
      gint64 until = g_get_monotonic_time () + MERGE_SLICE_US;

      /* Each row goes where the order puts it, in a change of its own: one change of many
       * rows landing all over the list would rebuild every row between them. */
      do
        g_list_store_insert_sorted (self->items, g_ptr_array_index (self->adding, self->added++), compare_rows, self);
      while (self->added < self->adding->len && g_get_monotonic_time () < until);
    }
  update_page (self);
  if (self->added < self->adding->len)
    return G_SOURCE_CONTINUE;
  self->merge_source = 0;
  end_merge (self);
  return G_SOURCE_REMOVE;
}

static void
on_inventory_changed (CwLinksView *self)
{
  self->merge_from_start = TRUE;
  if (self->merge_source == 0)
    self->merge_source = g_idle_add (merge_step, self);
}

static CwClouds *
current_clouds (CwLinksView *self)
{
  CwClouds *clouds = self->session ? cw_link_session_get_clouds (self->session) : NULL;

  if (clouds == NULL && self->own_check != NULL)
    clouds = cw_account_check_get_clouds (self->own_check);
  return clouds;
}

/* New accounts, new links: the list starts again. */
static void
on_accounts_changed (CwLinksView *self)
{
  CwClouds *clouds = current_clouds (self);

  if (clouds == self->clouds)
    return;
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  self->refresh_again = FALSE;
  cw_links_view_abandon_action (self);
  end_merge (self);
  g_clear_handle_id (&self->refresh_timer, g_source_remove);
  g_clear_object (&self->inventory);
  g_set_object (&self->clouds, clouds);
  cw_link_detail_set_clouds (self->detail, clouds);
  g_list_store_remove_all (self->items);
  self->loaded = FALSE;
  g_clear_pointer (&self->load_error, g_free);
  if (clouds != NULL)
    {
      self->inventory = cw_link_inventory_new (clouds);
      g_signal_connect_object (cw_link_inventory_get_links (self->inventory), "items-changed",
                               G_CALLBACK (on_inventory_changed), self, G_CONNECT_SWAPPED);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        refresh (self);
    }
  update_page (self);
  cw_links_view_update_actions (self);
}

static void
sandbox_verified (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CwLinksView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAccountCheck) check = cw_account_check_run_finish (result, &error);

  if (cw_links_view_is_cancelled (error))
    return;
  g_clear_object (&self->verify_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_spinner), FALSE);
  gtk_spinner_set_spinning (self->verify_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_error_label), check == NULL);
  gtk_label_set_text (self->verify_error_label, check ? "" : error->message);
  g_set_object (&self->own_check, check);
  on_accounts_changed (self);
}

static gboolean
in_sandbox (CwLinksView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return CW_IS_APPLICATION (app) && cw_application_get_sandbox (CW_APPLICATION (app)) != NULL;
}

/* The sandbox's accounts are verified here, so the view fills at once; real accounts
 * are the ones verified in the first step of a new link. */
static void
verify_sandbox_accounts (CwLinksView *self)
{
  CwCredentialStore *store = cw_link_session_get_store (self->session);
  CwCredential *aws = cw_credential_store_find (store, CW_CREDENTIAL_AWS, CW_SANDBOX_CREDENTIAL_LABEL);
  CwCredential *tidb = cw_credential_store_find (store, CW_CREDENTIAL_TIDBCLOUD, CW_SANDBOX_CREDENTIAL_LABEL);

  if (self->clouds != NULL || self->verify_cancellable != NULL || aws == NULL || tidb == NULL || !in_sandbox (self))
    return;
  self->verify_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->verify_spinner), TRUE);
  gtk_spinner_set_spinning (self->verify_spinner, TRUE);
  cw_account_check_run_async (store, aws, tidb, cw_link_session_get_mfa_prompter (self->session),
                              cw_link_session_get_time_scale (self->session),
                              self->verify_cancellable, sandbox_verified, g_object_ref (self));
}

static gboolean
has_both_accounts (CwLinksView *self)
{
  GListModel *store = G_LIST_MODEL (cw_link_session_get_store (self->session));
  gboolean aws = FALSE, tidb = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(CwCredential) credential = g_list_model_get_item (store, i);

      aws |= cw_credential_get_kind (credential) == CW_CREDENTIAL_AWS;
      tidb |= cw_credential_get_kind (credential) == CW_CREDENTIAL_TIDBCLOUD;
    }
  return aws && tidb;
}

static const char *
page_name (CwLinksView *self)
{
  if (self->inventory == NULL)
    return self->session && has_both_accounts (self) ? "verify" : "no-accounts";
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0)
    return "list";
  if (self->load_error != NULL)
    return "error";
  return self->loaded ? "empty" : "loading";
}

static void
update_page (CwLinksView *self)
{
  const char *page = page_name (self);

  gtk_widget_set_visible (self->verify_button, self->verify_cancellable == NULL);
  adw_status_page_set_description (self->error_page, self->load_error);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
  update_count (self);
}

void
cw_links_view_set_session (CwLinksView   *self,
                           CwLinkSession *session)
{
  g_return_if_fail (CW_IS_LINKS_VIEW (self));
  g_return_if_fail (self->session == NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::account-check", G_CALLBACK (on_accounts_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (cw_link_session_get_store (session), "items-changed", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  on_accounts_changed (self);
}

/* ---- GObject ---- */

/* A change the watch saw, or a re-sync it made, shows at once rather than at the next
 * background refresh. */
static void
on_activity_changed (CwLinksView *self)
{
  if (self->refresh_cancellable != NULL)
    self->refresh_again = TRUE;
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

/* The application's watch, once the view is in a window; NULL before. */
CwWatchService *
cw_links_view_get_watch_service (CwLinksView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return CW_IS_APPLICATION (app) ? cw_application_get_watch_service (CW_APPLICATION (app)) : NULL;
}

static void
listen_to_watch (CwLinksView *self)
{
  CwWatchService *service = cw_links_view_get_watch_service (self);

  if (self->watching || service == NULL)
    return;
  self->watching = TRUE;
  g_signal_connect_object (service, "activity-changed", G_CALLBACK (on_activity_changed), self, G_CONNECT_SWAPPED);
}

/* Shown: the list is brought up to date (a link the wizard just made appears), and kept
 * so while it stays shown. */
static void
cw_links_view_map (GtkWidget *widget)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);

  GTK_WIDGET_CLASS (cw_links_view_parent_class)->map (widget);
  if (self->session == NULL)
    return;
  listen_to_watch (self);
  verify_sandbox_accounts (self);
  refresh (self);
}

static void
cw_links_view_unmap (GtkWidget *widget)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);

  g_clear_handle_id (&self->refresh_timer, g_source_remove);
  GTK_WIDGET_CLASS (cw_links_view_parent_class)->unmap (widget);
}

static void
cw_links_view_dispose (GObject *object)
{
  CwLinksView *self = CW_LINKS_VIEW (object);

  g_cancellable_cancel (self->refresh_cancellable);
  g_cancellable_cancel (self->verify_cancellable);
  g_cancellable_cancel (self->action_cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_clear_object (&self->verify_cancellable);
  g_clear_object (&self->action_cancellable);
  g_clear_handle_id (&self->refresh_timer, g_source_remove);
  g_clear_handle_id (&self->merge_source, g_source_remove);
  g_clear_pointer (&self->adding, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->own_check);
  g_clear_object (&self->clouds);
  g_clear_object (&self->inventory);
  g_clear_object (&self->action_link);
  g_clear_object (&self->provisioner);
  g_clear_object (&self->deleting);
  g_clear_pointer (&self->removing, g_free);
  g_clear_object (&self->action_database);
  /* The column view's sorter changes as its columns go. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view), sort_rows, self);
  /* The template's child goes through AdwBin, which would otherwise keep a pointer to it
   * after the template is disposed. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_LINKS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (cw_links_view_parent_class)->dispose (object);
}

static void
cw_links_view_finalize (GObject *object)
{
  CwLinksView *self = CW_LINKS_VIEW (object);

  g_free (self->folded_text);
  g_free (self->load_error);
  g_free (self->action_what);
  g_free (self->error_key);
  g_free (self->error_message);
  g_free (self->show_link_id);
  G_OBJECT_CLASS (cw_links_view_parent_class)->finalize (object);
}

static void
cw_links_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CwLinksView *self = CW_LINKS_VIEW (object);

  switch (prop_id)
    {
    case PROP_REFRESHING:
      g_value_set_boolean (value, cw_links_view_get_refreshing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_links_view_class_init (CwLinksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_links_view_dispose;
  object_class->finalize = cw_links_view_finalize;
  object_class->get_property = cw_links_view_get_property;

  properties[PROP_REFRESHING] = g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                                                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = cw_links_view_map;
  widget_class->unmap = cw_links_view_unmap;

  g_type_ensure (CW_TYPE_LINK_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-links-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, stack);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, verify_button);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, verify_error_label);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, status_filter);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, refresh_error_label);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CwLinksView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  cw_links_view_class_actions_init (widget_class);

}

static void
add_refresh_shortcuts (CwLinksView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_r, GDK_CONTROL_MASK),
                                                             gtk_keyval_trigger_new (GDK_KEY_F5, 0));

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger, gtk_callback_action_new (refresh_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
cw_links_view_init (CwLinksView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (CW_TYPE_LINK_ITEM);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  fill_status_filter (self);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)), GTK_FILTER (self->filter));
  cw_links_view_add_columns (self);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* The detail follows the selection, and the selected item's link after each merge. */
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (cw_links_view_show_detail), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed", G_CALLBACK (sort_rows), self,
                           G_CONNECT_SWAPPED);
  add_refresh_shortcuts (self);
  update_page (self);
  cw_links_view_update_actions (self);
}
