/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-links-view-columns.c
 *
 * The links view's columns: what each cell shows of its row's link (the status in its
 * colour with the first reason behind it), kept up to date as the row's item takes the
 * next refresh's link, and the order each column sorts by.
 */
#define G_LOG_DOMAIN "cw-links-view-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-link-item.h"
#include "cw-links-view-private.h"

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
  /* Wide enough for a cluster's name and an inferred database in a 1200-pixel window;
   * the endpoint service's id is cut, and whole in its tooltip. */
  [COLUMN_NAME] = { N_("Name"), 170, FALSE },
  [COLUMN_STATUS] = { N_("Status"), 200, TRUE },
  [COLUMN_MANAGED] = { N_("Managed"), 0, FALSE },
  [COLUMN_DATABASE] = { N_("Database"), 170, FALSE },
  [COLUMN_CLUSTER] = { N_("TiDB Cluster"), 140, FALSE },
  [COLUMN_SERVICE] = { N_("Endpoint Service"), 120, FALSE },
};


/* ---- cells ---- */

static GQuark column_quark;

static char *
cell_text (CwLink *link,
           Column  column)
{
  const char *service = cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID);

  switch (column)
    {
    case COLUMN_NAME:
      return g_strdup (cw_links_view_link_name (link));
    case COLUMN_STATUS:
      return g_strdup (cw_link_item_status_label (link));
    case COLUMN_CLUSTER:
      return g_strdup (cw_link_get_cluster_label (link));
    case COLUMN_DATABASE:
      return cw_link_dup_databases_label (link);
    case COLUMN_SERVICE:
      return g_strdup (service ? service : cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_NAME));
    case COLUMN_MANAGED:
      return g_strdup (cw_link_get_managed (link) ? _("Yes") : _("No"));
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
  const char * const *reasons = cw_link_item_status_reasons (link);
  g_autofree char *all_reasons = g_strjoinv ("\n", (char **) reasons);

  gtk_label_set_text (GTK_LABEL (status), cw_link_item_status_label (link));
  gtk_widget_set_css_classes (status, (const char *[]) { cw_link_item_status_style (link), NULL });
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
  g_autofree char *text = NULL;

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
                                    cw_link_item_status_label (link), -1);
  /* The name is what people know a cluster by; the id is what the API and the console
   * take, so it stays at hand. */
  if (column == COLUMN_CLUSTER)
    gtk_widget_set_tooltip_text (cell, cw_link_get (link, CW_LINK_CLUSTER_ID));
}

/* A cut text shows whole in its tooltip. */
static gboolean
on_cell_query_tooltip (GtkLabel   *label,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip)
{
  /* A cell with a tooltip of its own (the cluster's id) shows that one. */
  if (gtk_widget_get_tooltip_text (GTK_WIDGET (label)) != NULL ||
      !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
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

/* ---- sorting ---- */

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
    {
      g_autofree char *text_a = cell_text (link_a, column);
      g_autofree char *text_b = cell_text (link_b, column);

      order = g_strcmp0 (text_a, text_b);
    }
  if (order == 0)
    order = strcmp (cw_link_item_get_name_key (item_a), cw_link_item_get_name_key (item_b));
  return order;
}

/* The columns, each sorted by what it shows; by status at first. */
void
cw_links_view_add_columns (CwLinksView *self)
{
  column_quark = g_quark_from_static_string ("cw-links-view-column");
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

