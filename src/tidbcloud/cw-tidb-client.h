/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-client.h: the TiDB Cloud API (clusters, projects, private link connections)
 *
 * One client holds one API key and one SoupSession. libsoup answers the HTTP Digest
 * challenge with the key; 429 and 5xx answers are retried with backoff; list calls
 * follow the pages to the end and give a GListModel of model objects.
 */
#pragma once

#include <gio/gio.h>

#include "cw-tidb-availability-zones.h"
#include "cw-tidb-cluster.h"
#include "cw-tidb-private-link.h"
#include "cw-tidb-project.h"
#include "cw-tidb-types.h"

G_BEGIN_DECLS

#define CW_TIDB_DEFAULT_SERVERLESS_ENDPOINT "https://serverless.tidbapi.com"
#define CW_TIDB_DEFAULT_IAM_ENDPOINT        "https://iam.tidbapi.com"

#define CW_TYPE_TIDB_CLIENT (cw_tidb_client_get_type ())
G_DECLARE_FINAL_TYPE (CwTidbClient, cw_tidb_client, CW, TIDB_CLIENT, GObject)

CwTidbClient            *cw_tidb_client_new                         (const char           *public_key,
                                                                     const char           *private_key,
                                                                     GError              **error);
CwTidbClient            *cw_tidb_client_new_for_endpoints           (const char           *public_key,
                                                                     const char           *private_key,
                                                                     const char           *serverless_endpoint,
                                                                     const char           *iam_endpoint,
                                                                     GError              **error);

void                     cw_tidb_client_list_clusters_async         (CwTidbClient         *self,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
GListModel              *cw_tidb_client_list_clusters_finish        (CwTidbClient         *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);
void                     cw_tidb_client_get_cluster_async           (CwTidbClient         *self,
                                                                     const char           *cluster_id,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
CwTidbCluster           *cw_tidb_client_get_cluster_finish          (CwTidbClient         *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);
void                     cw_tidb_client_list_projects_async         (CwTidbClient         *self,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
GListModel              *cw_tidb_client_list_projects_finish        (CwTidbClient         *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);
void                     cw_tidb_client_get_availability_zones_async (CwTidbClient        *self,
                                                                     const char           *cluster_id,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
CwTidbAvailabilityZones *cw_tidb_client_get_availability_zones_finish (CwTidbClient       *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);
void                     cw_tidb_client_list_private_links_async    (CwTidbClient         *self,
                                                                     const char           *cluster_id,
                                                                     const char           *state,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
void                     cw_tidb_client_list_private_links_into_async (CwTidbClient       *self,
                                                                       const char         *cluster_id,
                                                                       const char         *state,
                                                                       GListStore         *into,
                                                                       GCancellable       *cancellable,
                                                                       GAsyncReadyCallback callback,
                                                                       gpointer            user_data);
GListModel              *cw_tidb_client_list_private_links_finish   (CwTidbClient         *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);
void                     cw_tidb_client_get_private_link_async      (CwTidbClient         *self,
                                                                     const char           *cluster_id,
                                                                     const char           *link_id,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
CwTidbPrivateLink       *cw_tidb_client_get_private_link_finish     (CwTidbClient         *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);
void                     cw_tidb_client_create_private_link_async   (CwTidbClient         *self,
                                                                     const char           *cluster_id,
                                                                     const char           *display_name,
                                                                     const char           *service_name,
                                                                     const char           *service_region,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
CwTidbPrivateLink       *cw_tidb_client_create_private_link_finish  (CwTidbClient         *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);
void                     cw_tidb_client_delete_private_link_async   (CwTidbClient         *self,
                                                                     const char           *cluster_id,
                                                                     const char           *link_id,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
gboolean                 cw_tidb_client_delete_private_link_finish  (CwTidbClient         *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);

guint                    cw_tidb_client_get_request_count           (CwTidbClient         *self);

G_END_DECLS
