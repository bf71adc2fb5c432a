/* cw-links-view.c
 *
 * The rows are CwLinkItems kept across refreshes (see cw-link-item.h), filtered, then
 * sorted by the column view's sorter, then selected one at a time. The inventory is
 * refreshed while the view is shown: when it is shown, then every minute of the
 * clouds' time, after each action, and on Ctrl+R or F5. One action runs at a time; its
 * progress and its error show in the detail of the link it acts on.
 */
#define G_LOG_DOMAIN "cw-links-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-application.h"
#include "cw-link-detail.h"
#include "cw-link-inventory.h"
#include "cw-link-item.h"
#include "cw-link-repair.h"
#include "cw-link-teardown.h"
#include "cw-links-view.h"
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

typedef enum {
  COLUMN_NAME,
  COLUMN_STATUS,      /* with the first reason behind it */
  COLUMN_MANAGED,
  COLUMN_DATABASE,
  COLUMN_CLUSTER,
  COLUMN_SERVICE,
  N_COLUMNS
} Column;

static const struct {
  const char *title;
  int         fixed_width;   /* 0: natural */
  gboolean    expand;
} columns[N_COLUMNS] = {
  [COLUMN_NAME] = { N_("Name"), 180, FALSE },
  [COLUMN_STATUS] = { N_("Status"), 240, TRUE },
  [COLUMN_MANAGED] = { N_("Managed"), 0, FALSE },
  [COLUMN_DATABASE] = { N_("Database"), 120, FALSE },
  [COLUMN_CLUSTER] = { N_("TiDB Cluster"), 120, FALSE },
  [COLUMN_SERVICE] = { N_("Endpoint Service"), 160, FALSE },
};

struct _CwLinksView
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  GtkWidget          *verify_button;
  GtkSpinner         *verify_spinner;
  GtkLabel           *verify_error_label;
  GtkSpinner         *loading_spinner;
  AdwStatusPage      *error_page;
  GtkDropDown        *status_filter;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkSpinner         *refresh_spinner;
  GtkLabel           *refresh_error_label;
  GtkColumnView      *column_view;
  CwLinkDetail       *detail;

  CwLinkSession      *session;
  CwAccountCheck     *own_check;         /* the sandbox's accounts, verified here */
  CwClouds           *clouds;
  CwLinkInventory    *inventory;
  GListStore         *items;             /* CwLinkItem */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char               *folded_text;       /* the filter's text, case-folded; NULL: none */

  GCancellable       *refresh_cancellable;
  GCancellable       *verify_cancellable;
  gboolean            loaded;            /* a refresh ended well since the accounts changed */
  char               *load_error;
  guint               refresh_timer;
  gint64              refresh_started;
  gboolean            refresh_again;     /* an action ended while a refresh was under way */
  guint               merge_source;
  gboolean            merge_from_start;  /* the inventory changed since the last merge step */
  GPtrArray          *adding;            /* CwLinkItem: new rows, in the list's order */
  guint               added;

  CwLink             *action_link;       /* what an action is under way on, or NULL */
  GCancellable       *action_cancellable;
  char               *action_what;
  char               *error_key;         /* the link the last action failed on, and why */
  char               *error_message;
  CwProvisioner      *provisioner;       /* of the last delete */
  CwLink             *deleting;          /* its link */
};

G_DEFINE_FINAL_TYPE (CwLinksView, cw_links_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REFRESHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh           (CwLinksView *self);
static void update_page       (CwLinksView *self);
static void update_actions    (CwLinksView *self);

static void
toast (CwLinksView *self,
       const char  *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CW_TYPE_WINDOW);

  if (window != NULL)
    cw_window_add_toast (CW_WINDOW (window), message);
}

static const char *
link_name (CwLink *link)
{
  const char *name = cw_link_get (link, CW_LINK_DISPLAY_NAME);

  return name ? name : cw_link_key (link);
}

static CwLink *
selected_link (CwLinksView *self)
{
  CwLinkItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item ? cw_link_item_get_link (item) : NULL;
}

/* ---- cells ---- */

static GQuark column_quark;

static const char *
cell_text (CwLink *link,
           Column  column)
{
  const char *service = cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID);

  switch (column)
    {
    case COLUMN_NAME:
      return link_name (link);
    case COLUMN_STATUS:
      return cw_link_status_to_label (cw_link_get_status (link));
    case COLUMN_CLUSTER:
      return cw_link_get (link, CW_LINK_CLUSTER_ID);
    case COLUMN_DATABASE:
      return cw_link_get (link, CW_LINK_DATABASE_ID);
    case COLUMN_SERVICE:
      return service ? service : cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_NAME);
    case COLUMN_MANAGED:
      return cw_link_get_managed (link) ? _("Yes") : _("No");
    case N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The status in its colour, then the first reason, dimmed; every reason in the tooltip. */
static void
show_status (GtkWidget *box,
             CwLink    *link)
{
  GtkWidget *status = gtk_widget_get_first_child (box);
  GtkWidget *reason = gtk_widget_get_next_sibling (status);
  const char * const *reasons = cw_link_get_reasons (link);
  g_autofree char *all_reasons = g_strjoinv ("\n", (char **) reasons);

  gtk_label_set_text (GTK_LABEL (status), cell_text (link, COLUMN_STATUS));
  gtk_widget_set_css_classes (status, (const char *[]) { cw_link_status_style (cw_link_get_status (link)), NULL });
  gtk_label_set_text (GTK_LABEL (reason), reasons[0] ? reasons[0] : "");
  gtk_widget_set_tooltip_text (box, reasons[0] ? all_reasons : NULL);
}

static void
update_cell (GtkWidget  *cell,
             GParamSpec *pspec,
             CwLinkItem *item)
{
  CwLink *link = cw_link_item_get_link (item);
  Column column = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (cell), column_quark));
  const char *text;

  if (column == COLUMN_STATUS)
    {
      show_status (cell, link);
      return;
    }
  text = cell_text (link, column);
  gtk_label_set_text (GTK_LABEL (cell), text ? text : "");
  /* A screen reader on the name hears the status too. */
  if (column == COLUMN_NAME)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    cell_text (link, COLUMN_STATUS), -1);
}

/* A cut text shows whole in its tooltip. */
static gboolean
on_cell_query_tooltip (GtkLabel   *label,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

static GtkWidget *
cell_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
  return label;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *cell = cell_label_new ();

  if (GPOINTER_TO_INT (user_data) == COLUMN_STATUS)
    {
      GtkWidget *status = cell;
      GtkWidget *reason = cell_label_new ();

      /* The box's tooltip gives every reason. */
      gtk_label_set_ellipsize (GTK_LABEL (status), PANGO_ELLIPSIZE_NONE);
      gtk_widget_set_has_tooltip (status, FALSE);
      gtk_widget_set_has_tooltip (reason, FALSE);
      gtk_widget_add_css_class (reason, "dim-label");
      gtk_widget_set_hexpand (reason, TRUE);
      cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_box_append (GTK_BOX (cell), status);
      gtk_box_append (GTK_BOX (cell), reason);
    }
  g_object_set_qdata (G_OBJECT (cell), column_quark, user_data);
  gtk_list_item_set_child (list_item, cell);
}

/* A row follows its item: the next refresh's link updates it in place. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  CwLinkItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  update_cell (cell, NULL, item);
  g_signal_connect_object (item, "notify::link", G_CALLBACK (update_cell), cell, G_CONNECT_SWAPPED);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (list_item), gtk_list_item_get_child (list_item));
}

/* ---- sorting and filtering ---- */

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  CwLinkItem *item_a = CW_LINK_ITEM ((gpointer) a);
  CwLinkItem *item_b = CW_LINK_ITEM ((gpointer) b);
  CwLink *link_a = cw_link_item_get_link (item_a);
  CwLink *link_b = cw_link_item_get_link (item_b);
  Column column = GPOINTER_TO_INT (user_data);
  int order = 0;

  if (column == COLUMN_STATUS)
    /* Problems first. */
    order = (int) cw_link_status_rank (cw_link_get_status (link_b)) -
            (int) cw_link_status_rank (cw_link_get_status (link_a));
  else if (column != COLUMN_NAME)
    order = g_strcmp0 (cell_text (link_a, column), cell_text (link_b, column));
  if (order == 0)
    order = strcmp (cw_link_item_get_name_key (item_a), cw_link_item_get_name_key (item_b));
  return order;
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  CwLinksView *self = user_data;
  gpointer chosen = gtk_drop_down_get_selected_item (self->status_filter);

  /* "All Statuses" is a string; every other choice is a status. */
  if (ADW_IS_ENUM_LIST_ITEM (chosen) &&
      cw_link_get_status (cw_link_item_get_link (item)) != (CwLinkStatus) adw_enum_list_item_get_value (chosen))
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

static void
add_columns (CwLinksView *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_items, GINT_TO_POINTER (i), NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      if (columns[i].fixed_width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].fixed_width);
      gtk_column_view_append_column (self->column_view, column);
      if (i == COLUMN_STATUS)
        gtk_column_view_sort_by_column (self->column_view, column, GTK_SORT_ASCENDING);
      g_object_unref (column);
    }
}

/* ---- the detail ---- */

static gboolean
acting_on (CwLinksView *self,
           CwLink      *link)
{
  return self->action_link != NULL && link != NULL &&
         g_strcmp0 (cw_link_key (self->action_link), cw_link_key (link)) == 0;
}

static void
show_detail (CwLinksView *self)
{
  CwLink *link = selected_link (self);
  gboolean failed = link != NULL && g_strcmp0 (self->error_key, cw_link_key (link)) == 0;

  cw_link_detail_set_link (self->detail, link);
  cw_link_detail_set_busy (self->detail, acting_on (self, link) ? self->action_what : NULL);
  cw_link_detail_show_error (self->detail, failed ? self->error_message : NULL);
  update_actions (self);
}

/* ---- actions: bookkeeping ---- */

static void
update_actions (CwLinksView *self)
{
  CwLink *link = selected_link (self);
  gboolean idle = self->action_link == NULL;
  CwProvisionerState state = self->provisioner ? cw_provisioner_get_state (self->provisioner) : CW_PROVISIONER_IDLE;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "links.refresh", self->inventory != NULL);
  gtk_widget_action_set_enabled (widget, "links.accept",
                                 idle && link && cw_link_get_status (link) == CW_LINK_PENDING_ACCEPTANCE);
  gtk_widget_action_set_enabled (widget, "links.resync",
                                 idle && link && cw_link_get (link, CW_LINK_TARGET_GROUP_ARN) != NULL);
  gtk_widget_action_set_enabled (widget, "links.delete", idle && link != NULL);
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
  show_detail (self);
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
  show_detail (self);
  if (error != NULL)
    return;
  /* What the action changed shows after a refresh that starts now. */
  self->refresh_again = self->refresh_cancellable != NULL;
  refresh (self);
}

/* New accounts: an accept or re-sync under way is forgotten (a delete runs on in its
 * progress view, with the clients it started with). */
static void
abandon_action (CwLinksView *self)
{
  g_cancellable_cancel (self->action_cancellable);
  if (self->provisioner != NULL && cw_provisioner_get_state (self->provisioner) == CW_PROVISIONER_DELETING)
    return;
  g_clear_object (&self->action_link);
  g_clear_pointer (&self->action_what, g_free);
}

static gboolean
is_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Whether an action's answer still matters: not when it was cancelled or abandoned
 * (new accounts, or the view going away). */
static gboolean
still_acting (CwLinksView *self,
              GError      *error)
{
  return self->action_link != NULL && !is_cancelled (error);
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
      message = g_strdup_printf (_("Accepted TiDB Cloud’s endpoint of “%s”."), link_name (self->action_link));
      toast (self, message);
    }
  end_action (self, error);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);
  CwLink *link = selected_link (self);

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
  if (ip != NULL)
    {
      message = g_strdup_printf (_("“%s” now reaches its database at %s:%u; the old address is deregistered."),
                                 link_name (self->action_link), ip, cw_link_get_port (self->action_link));
      toast (self, message);
    }
  end_action (self, error);
}

static void
start_resync (CwLinksView *self,
              const char  *database_id)
{
  g_free (self->action_what);
  self->action_what = g_strdup (_("Registering the database’s current address…"));
  show_detail (self);
  cw_link_inventory_resync_async (self->inventory, self->action_link, database_id, self->action_cancellable, resynced,
                                  g_object_ref (self));
}

static void
on_database_chosen (AdwMessageDialog *dialog,
                    const char       *response,
                    CwLinksView      *self)
{
  GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
  const char *database_id = NULL;

  /* The accounts changed while the question was asked. */
  if (self->action_link == NULL)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (check))
        database_id = g_object_get_data (G_OBJECT (check), "database-id");
    }
  if (g_strcmp0 (response, "resync") == 0 && database_id != NULL)
    {
      start_resync (self, database_id);
      return;
    }
  end_action (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, ""));
}

static GtkWidget *
database_choice_row (CwDatabase *database,
                     GtkWidget  *group)
{
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *engine = cw_database_dup_engine_label (database);
  GtkWidget *row = cw_choice_row_new (cw_database_get_id (database), engine, check);

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  g_object_set_data_full (G_OBJECT (check), "database-id", g_strdup (cw_database_get_id (database)), g_free);
  g_object_set_data (G_OBJECT (row), "check", check);
  return row;
}

/* A link made by hand whose target is no database's address any more names no
 * database: the user says which one it should reach, among those it can. */
static void
ask_database (CwLinksView *self,
              GListModel  *databases)
{
  CwLink *link = self->action_link;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = cw_link_resync_candidates (link, databases, &error);
  GtkListBox *list;
  GtkWidget *first = NULL;
  GtkWidget *dialog;

  if (candidates == NULL)
    {
      end_action (self, error);
      return;
    }
  list = cw_boxed_list_new (_("Databases"));
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      g_autoptr(CwDatabase) database = g_list_model_get_item (candidates, i);
      GtkWidget *row = database_choice_row (database, first ? g_object_get_data (G_OBJECT (first), "check") : NULL);

      first = first ? first : row;
      gtk_list_box_append (list, row);
    }
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (first), "check"), TRUE);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Re-sync to Which Database?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” was made outside Causeway, and its target %s is no longer the address of any "
                                    "database. Choose the database it should reach: its current address is registered "
                                    "and the old one deregistered."),
                                  link_name (link), cw_link_get (link, CW_LINK_REGISTERED_IP));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (list));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "resync", _("_Re-sync"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resync", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "resync");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
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
  CwLink *link = selected_link (self);

  if (link == NULL || self->action_link != NULL)
    return;
  if (cw_link_get (link, CW_LINK_DATABASE_ID) != NULL)
    {
      begin_action (self, link, NULL);
      start_resync (self, NULL);
      return;
    }
  begin_action (self, link, _("Looking for the databases the link can reach…"));
  cw_load_databases_async (cw_clouds_get_aws (self->clouds, cw_link_get (link, CW_LINK_REGION)),
                           self->action_cancellable, databases_loaded, g_object_ref (self));
}

/* ---- delete ---- */

static void
on_delete_state (CwLinksView *self)
{
  CwProvisionerState state = cw_provisioner_get_state (self->provisioner);
  g_autofree char *message = NULL;

  if (state == CW_PROVISIONER_DELETED)
    {
      message = g_strdup_printf (_("Deleted “%s” and everything Causeway made for it."), link_name (self->action_link));
      toast (self, message);
      cw_link_detail_hide_progress (self->detail);
      end_action (self, NULL);
    }
  else if (state == CW_PROVISIONER_FAILED || state == CW_PROVISIONER_CANCELLED)
    {
      /* The progress view says what failed, with the cloud's error. */
      g_clear_object (&self->action_link);
      g_clear_pointer (&self->action_what, g_free);
      show_detail (self);
    }
  else
    update_actions (self);
}

static void
run_delete (CwLinksView *self)
{
  g_autofree char *heading = g_strdup_printf (_("Deleting “%s”"), link_name (self->action_link));
  CwProgressView *progress = cw_link_detail_show_progress (self->detail, heading);

  cw_progress_view_delete (progress, self->provisioner);
}

static void
start_delete (CwLinksView *self,
              CwLink      *link,
              CwJournal   *journal)
{
  if (self->provisioner != NULL)
    g_signal_handlers_disconnect_by_func (self->provisioner, on_delete_state, self);
  g_clear_object (&self->provisioner);
  self->provisioner = cw_provisioner_new (self->clouds, journal);
  g_set_object (&self->deleting, link);
  g_signal_connect_object (self->provisioner, "notify::state", G_CALLBACK (on_delete_state), self, G_CONNECT_SWAPPED);
  begin_action (self, link, _("Deleting…"));
  run_delete (self);
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
                                 link_name (self->action_link));
      toast (self, message);
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
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CwLinksView      *self)
{
  CwLink *link = g_object_get_data (G_OBJECT (dialog), "link");
  CwJournal *journal = g_object_get_data (G_OBJECT (dialog), "journal");

  if (g_strcmp0 (response, "delete") != 0 || self->action_link != NULL)
    return;
  if (journal != NULL)
    start_delete (self, link, journal);
  else
    delete_tidb_side (self, link);
}

/* Exactly what the teardown deletes, in its order, as the engine lists it. */
static GtkWidget *
resources_to_delete (CwJournal *journal,
                     CwLink    *link)
{
  GtkListBox *list = cw_boxed_list_new (_("Resources to Delete"));
  g_autoptr(GPtrArray) deletions = cw_link_list_deletions (link, journal);

  for (guint i = 0; i < deletions->len; i++)
    {
      CwLinkDeletion *deletion = g_ptr_array_index (deletions, i);

      gtk_list_box_append (list, cw_info_row_new (deletion->kind, deletion->what));
    }
  return GTK_WIDGET (list);
}

static GtkWidget *
delete_dialog_new (CwLinksView *self,
                   CwLink      *link,
                   CwJournal   *journal)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL, NULL);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);

  if (journal != NULL)
    {
      adw_message_dialog_format_heading (message, _("Delete “%s”?"), link_name (link));
      adw_message_dialog_set_body (message, _("These resources are deleted, in this order. Nothing else is touched, "
                                              "and TiDB Cloud can no longer reach the database through this link."));
      adw_message_dialog_set_extra_child (message, resources_to_delete (journal, link));
    }
  else
    {
      adw_message_dialog_format_heading (message, _("Delete the TiDB Cloud Connection of “%s”?"), link_name (link));
      adw_message_dialog_format_body (message, _("This link was made outside Causeway. Only its private link "
                                                 "connection %s is deleted from TiDB Cloud; its endpoint service, load "
                                                 "balancer and target group stay in AWS: delete them where they were "
                                                 "made."),
                                      cw_link_get (link, CW_LINK_PRIVATE_LINK_ID));
    }
  adw_message_dialog_add_responses (message, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (message, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (message, "cancel");
  adw_message_dialog_set_close_response (message, "cancel");
  return dialog;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);
  CwLink *link = selected_link (self);
  g_autoptr(CwJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (link == NULL || self->action_link != NULL)
    return;
  if (cw_link_get_managed (link))
    {
      journal = cw_link_inventory_dup_journal (self->inventory, link, &error);
      if (journal == NULL)
        {
          g_set_object (&self->action_link, link);
          end_action (self, error);
          return;
        }
    }
  dialog = delete_dialog_new (self, link, journal);
  g_object_set_data_full (G_OBJECT (dialog), "link", g_object_ref (link), g_object_unref);
  if (journal != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "journal", g_steal_pointer (&journal), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  if (CW_LINK_INVENTORY (source) != self->inventory || is_cancelled (error))
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

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  refresh (CW_LINKS_VIEW (widget));
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

static void
end_merge (CwLinksView *self)
{
  g_clear_handle_id (&self->merge_source, g_source_remove);
  g_clear_pointer (&self->adding, g_ptr_array_unref);
  if (self->refresh_cancellable == NULL)
    set_refreshing (self, FALSE);
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
      show_detail (self);
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
  abandon_action (self);
  end_merge (self);
  g_clear_handle_id (&self->refresh_timer, g_source_remove);
  g_clear_object (&self->inventory);
  g_set_object (&self->clouds, clouds);
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
  update_actions (self);
}

static void
sandbox_verified (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CwLinksView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAccountCheck) check = cw_account_check_run_finish (result, &error);

  if (is_cancelled (error))
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
  cw_account_check_run_async (store, aws, tidb, cw_link_session_get_time_scale (self->session),
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

static void
show_accounts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, CW_TYPE_WINDOW);

  if (window != NULL)
    cw_window_show_page (CW_WINDOW (window), "accounts");
}

/* ---- GObject ---- */

/* Shown: the list is brought up to date (a link the wizard just made appears), and kept
 * so while it stays shown. */
static void
cw_links_view_map (GtkWidget *widget)
{
  CwLinksView *self = CW_LINKS_VIEW (widget);

  GTK_WIDGET_CLASS (cw_links_view_parent_class)->map (widget);
  if (self->session == NULL)
    return;
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

  column_quark = g_quark_from_static_string ("cw-links-view-column");
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

  gtk_widget_class_install_action (widget_class, "links.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "links.show-accounts", NULL, show_accounts_action);
  gtk_widget_class_install_action (widget_class, "links.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "links.resync", NULL, resync_action);
  gtk_widget_class_install_action (widget_class, "links.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "links.retry-delete", NULL, retry_delete_action);
  gtk_widget_class_install_action (widget_class, "links.close-progress", NULL, close_progress_action);
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
  add_columns (self);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* The detail follows the selection, and the selected item's link after each merge. */
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (show_detail), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed", G_CALLBACK (sort_rows), self,
                           G_CONNECT_SWAPPED);
  add_refresh_shortcuts (self);
  update_page (self);
  update_actions (self);
}
