/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-links-view-private.h: what the files of the links view share
 *
 * cw-links-view.c shows the links (columns, sorting, filtering, refreshing, the detail
 * of the selected one); cw-links-view-actions.c holds what can be done to a link
 * (accept, re-sync, delete) with their progress, and installs the view's actions;
 * cw-links-view-columns.c makes the columns, their cells and their sort orders.
 */
#pragma once

#include "cw-account-check.h"
#include "cw-link-detail.h"
#include "cw-link-inventory.h"
#include "cw-link-session.h"
#include "cw-links-view.h"
#include "cw-provisioner.h"
#include "cw-watch-service.h"

G_BEGIN_DECLS

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
  CwLink             *action_database;   /* a database added to it that a re-sync is for, or NULL */
  GCancellable       *action_cancellable;
  char               *action_what;
  char               *error_key;         /* the link the last action failed on, and why */
  char               *error_message;
  char               *show_link_id;      /* a link to select once it is listed (a notification's Open) */
  gboolean            watching;          /* listening to the application's watch */
  CwProvisioner      *provisioner;       /* of the last delete */
  CwLink             *deleting;          /* its link */
  char               *removing;          /* the database it removes from the link, or NULL: the whole link */
};

void        cw_links_view_toast                (CwLinksView    *self,
                                                const char     *message);
const char *cw_links_view_link_name            (CwLink         *link);
CwLink     *cw_links_view_get_selected_link    (CwLinksView    *self);
void        cw_links_view_show_detail          (CwLinksView    *self);
void        cw_links_view_add_columns          (CwLinksView    *self);
CwWatchService *cw_links_view_get_watch_service (CwLinksView   *self);

void        cw_links_view_update_actions       (CwLinksView    *self);
void        cw_links_view_abandon_action       (CwLinksView    *self);
gboolean    cw_links_view_is_cancelled         (GError         *error);
void        cw_links_view_class_actions_init   (GtkWidgetClass *widget_class);

G_END_DECLS
