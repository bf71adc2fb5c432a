/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-activity-view.h: a link's timeline in its detail (DESIGN.md §13)
 *
 * What happened to the link, newest first, as the application's watch kept it
 * (CwLinkActivity): when, what changed, what was done and by whom; and, for a link
 * Causeway made, whether the watch repairs it by itself after a failover.
 */
#pragma once

#include <adwaita.h>

#include "cw-link.h"

G_BEGIN_DECLS

#define CW_TYPE_LINK_ACTIVITY_VIEW (cw_link_activity_view_get_type ())
G_DECLARE_FINAL_TYPE (CwLinkActivityView, cw_link_activity_view, CW, LINK_ACTIVITY_VIEW, AdwPreferencesGroup)

void cw_link_activity_view_set_link (CwLinkActivityView *self,
                                     CwLink             *link);

G_END_DECLS
