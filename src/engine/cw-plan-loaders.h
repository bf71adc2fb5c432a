/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-plan-loaders.h: what a link plan needs to know from the clouds, loaded
 * asynchronously
 *
 * The databases of a region (instances and Aurora clusters by their writer, zone names
 * mapped to zone IDs), the zone IDs of their VPCs' subnets, the database's VPC and subnets, the names already taken, the
 * database's private IP (DESIGN.md §1.1) and TiDB Cloud's account and zones.
 */
#pragma once

#include "cw-clouds.h"
#include "cw-link-plan.h"

G_BEGIN_DECLS

void        cw_load_databases_async              (CwAwsClient          *client,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel *cw_load_databases_finish             (CwAwsClient          *client,
                                                  GAsyncResult         *result,
                                                  GError              **error);
CwDatabase *cw_find_database                     (GListModel           *databases,
                                                  const char           *id);

void        cw_load_vpc_zone_ids_async           (CwAwsClient          *client,
                                                  const char * const   *vpc_ids,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GHashTable *cw_load_vpc_zone_ids_finish          (CwAwsClient          *client,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void        cw_resolve_private_ip_async          (CwAwsClient          *client,
                                                  const char           *host,
                                                  const char * const   *vpc_cidrs,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char       *cw_resolve_private_ip_finish         (CwAwsClient          *client,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void        cw_link_plan_load_network_async      (CwLinkPlan           *plan,
                                                  CwAwsClient          *client,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean    cw_link_plan_load_network_finish     (CwLinkPlan           *plan,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void        cw_link_plan_load_tidb_zones_async   (CwLinkPlan           *plan,
                                                  CwTidbClient         *client,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean    cw_link_plan_load_tidb_zones_finish  (CwLinkPlan           *plan,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void        cw_link_plan_load_async              (CwLinkPlan           *plan,
                                                  CwClouds             *clouds,
                                                  const char           *cluster_id,
                                                  const char           *database_id,
                                                  const char           *database_region,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean    cw_link_plan_load_finish             (CwLinkPlan           *plan,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
