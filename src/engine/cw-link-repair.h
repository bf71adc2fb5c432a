/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-repair.h: what can be done to a link besides the provisioner's create and
 * delete, where the rule is the same for the links view and the CLI
 *
 * Which databases a link can be re-synced to (a link made outside Causeway names none
 * of its own), and deleting only TiDB Cloud's side of a link made outside Causeway,
 * whose AWS side is not Causeway's to touch.
 */
#pragma once

#include <gio/gio.h>

#include "cw-clouds.h"
#include "cw-database.h"
#include "cw-link.h"

G_BEGIN_DECLS

gboolean    cw_link_can_resync_unasked            (CwLink               *link);
gboolean    cw_link_can_resync_to                 (CwLink               *link,
                                                   CwDatabase           *database,
                                                   char                **why);
GListModel *cw_link_resync_candidates             (CwLink               *link,
                                                   GListModel           *databases,
                                                   GError              **error);
void        cw_link_check_resync_database_async   (CwClouds             *clouds,
                                                   CwLink               *link,
                                                   const char           *database_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean    cw_link_check_resync_database_finish  (CwLink               *link,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void        cw_link_delete_tidb_side_async        (CwClouds             *clouds,
                                                   CwLink               *link,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean    cw_link_delete_tidb_side_finish       (CwLink               *link,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
