/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-item.h: one row of the links view, which outlives the refreshes
 *
 * Every refresh of the inventory gives new CwLink objects. The view's rows hold an item
 * per link instead, found again by the link's key at the next refresh and given the new
 * CwLink, so that selection, scroll position and row widgets stay where they are.
 * The item notifies :link when what its row shows changed.
 */
#pragma once

#include <gio/gio.h>

#include "cw-link.h"

G_BEGIN_DECLS

#define CW_TYPE_LINK_ITEM (cw_link_item_get_type ())
G_DECLARE_FINAL_TYPE (CwLinkItem, cw_link_item, CW, LINK_ITEM, GObject)

CwLinkItem *cw_link_item_new       (CwLink     *link);
CwLink     *cw_link_item_get_link  (CwLinkItem *self);
const char *cw_link_item_get_name_key (CwLinkItem *self);
gboolean    cw_link_item_matches   (CwLinkItem *self,
                                    const char *folded_text);
const char *cw_link_key            (CwLink     *link);

/* A link's status as it is shown, in words, its colour's style class and its reasons:
 * "Checking…" and none while the link is still checking (cw_link_get_checking()). */
const char         *cw_link_item_status_label   (CwLink *link);
const char         *cw_link_item_status_style   (CwLink *link);
const char * const *cw_link_item_status_reasons (CwLink *link);

GPtrArray  *cw_link_items_update   (GListStore *items,
                                    GListModel *links,
                                    gboolean   *changed);

G_END_DECLS
