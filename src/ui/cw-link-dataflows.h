/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-dataflows.h: using a link (DESIGN.md §12) — the "Dataflows" group of its
 * detail and of the wizard's done page
 *
 * "Test from TiDB Cloud" asks for the database's SQL user (CwSqlLoginDialog) and shows
 * TiDB Cloud's answer as a sentence; "Replicate to This Database" creates a changefeed
 * through the link. Below, the changefeeds and migrations that go through the link, each
 * with its state and lag, to pause, resume or delete. The list is read when another link
 * is shown and after each change, and again while a dataflow is still being created.
 * Everything asked of the clouds is the engine's (cw-dataflows.h).
 */
#pragma once

#include <adwaita.h>

#include "cw-clouds.h"
#include "cw-link.h"

G_BEGIN_DECLS

#define CW_TYPE_LINK_DATAFLOWS (cw_link_dataflows_get_type ())
G_DECLARE_FINAL_TYPE (CwLinkDataflows, cw_link_dataflows, CW, LINK_DATAFLOWS, AdwPreferencesGroup)

/* Shows the dataflows of @link through @clouds (either NULL: none). The same link again,
 * as a refresh of the links gives it, keeps the last answer and the list. */
void cw_link_dataflows_set_link (CwLinkDataflows *self,
                                 CwClouds        *clouds,
                                 CwLink          *link);
void cw_link_dataflows_refresh  (CwLinkDataflows *self);

G_END_DECLS
