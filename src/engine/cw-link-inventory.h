/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-inventory.h: every private link of the clusters, joined across TiDB Cloud and
 * AWS, and what can be done to them (DESIGN.md §4.3)
 *
 * A refresh lists the clusters' private link connections, matches them to endpoint
 * services by service name, follows each service to its load balancer, target group and
 * target health, and looks up every database's current private IP, with a bounded
 * number of requests in flight. Links made outside Causeway are listed too, not
 * managed. Runs that stopped before TiDB Cloud's side existed show from their journals.
 */
#pragma once

#include <gio/gio.h>

#include "cw-clouds.h"
#include "cw-journal.h"
#include "cw-link.h"

G_BEGIN_DECLS

/* Requests in flight at once over many links, in a refresh and in a watch cycle: enough
 * to join a thousand links in a few seconds when each answer takes a tenth of a second
 * (a target group's health is a request of its own), bounded so that a throttled
 * account is not flooded (the client backs off and retries a throttled request). */
#define CW_LINK_REQUESTS_IN_FLIGHT 32

#define CW_TYPE_LINK_INVENTORY (cw_link_inventory_get_type ())
G_DECLARE_FINAL_TYPE (CwLinkInventory, cw_link_inventory, CW, LINK_INVENTORY, GObject)

CwLinkInventory *cw_link_inventory_new             (CwClouds            *clouds);
GListModel      *cw_link_inventory_get_links       (CwLinkInventory     *self);
gboolean         cw_link_inventory_get_loading     (CwLinkInventory     *self);
void             cw_link_inventory_refresh_async   (CwLinkInventory     *self,
                                                    const char * const  *cluster_ids,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         cw_link_inventory_refresh_finish  (CwLinkInventory     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
CwLink          *cw_link_inventory_find            (CwLinkInventory     *self,
                                                    const char          *id);

void             cw_link_inventory_accept_async    (CwLinkInventory     *self,
                                                    CwLink              *link,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         cw_link_inventory_accept_finish   (CwLinkInventory     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             cw_link_inventory_resync_async    (CwLinkInventory     *self,
                                                    CwLink              *link,
                                                    const char          *database_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char            *cw_link_inventory_resync_finish   (CwLinkInventory     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             cw_link_inventory_dup_journal_async  (CwLinkInventory     *self,
                                                       CwLink              *link,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
CwJournal       *cw_link_inventory_dup_journal_finish (CwLinkInventory     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
