/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-links-view.h: every private link of the verified accounts' clusters, its health and
 * drift, and the actions that repair or remove it (DESIGN.md §4.3, §7)
 *
 * A column view of the engine's link inventory, sortable and filtered by text and
 * status, refreshed in the background while shown and on Ctrl+R or F5 without losing
 * the selection or the scroll position; the selected link's resources in a detail pane
 * below, with Accept, Re-sync and Delete.
 */
#pragma once

#include <adwaita.h>

#include "cw-link-session.h"

G_BEGIN_DECLS

#define CW_TYPE_LINKS_VIEW (cw_links_view_get_type ())
G_DECLARE_FINAL_TYPE (CwLinksView, cw_links_view, CW, LINKS_VIEW, AdwBin)

void     cw_links_view_set_session     (CwLinksView   *self,
                                        CwLinkSession *session);
void     cw_links_view_refresh         (CwLinksView   *self);
void     cw_links_view_show_link       (CwLinksView   *self,
                                        const char    *link_id);
gboolean cw_links_view_get_refreshing  (CwLinksView   *self);

G_END_DECLS
