/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-client.h: the TiDB Cloud API (clusters, projects, private link connections,
 * changefeeds, data migrations)
 *
 * One client holds one API key and one SoupSession. libsoup answers the HTTP Digest
 * challenge with the key; 429 and 5xx answers are retried with backoff; list calls
 * follow the pages to the end and give a GListModel of model objects. An answer that is
 * not a success is a CW_TIDB_ERROR that keeps TiDB Cloud's own message
 * (cw_tidb_error_get_server_message()), with any password of the request cut out.
 */
#pragma once

#include <gio/gio.h>

#include "cw-tidb-availability-zones.h"
#include "cw-tidb-changefeed.h"
#include "cw-tidb-cluster.h"
#include "cw-tidb-migration.h"
#include "cw-tidb-migration-precheck.h"
#include "cw-tidb-private-link.h"
#include "cw-tidb-project.h"
#include "cw-tidb-types.h"

G_BEGIN_DECLS

#define CW_TIDB_DEFAULT_SERVERLESS_ENDPOINT "https://serverless.tidbapi.com"
#define CW_TIDB_DEFAULT_IAM_ENDPOINT        "https://iam.tidbapi.com"

#define CW_TIDB_SOURCE_TYPE_AWS_RDS_MYSQL "AWS_RDS_MYSQL"
#define CW_TIDB_SOURCE_TYPE_MYSQL         "MYSQL"

/* A MySQL database reached through a private link connection, as TiDB Cloud's
 * changefeeds (and their test) write into it. The strings are borrowed: the request's
 * body is made before the _async call returns, and the password is kept nowhere else. */
typedef struct {
  const char *private_link_connection_id;
  guint       port;
  const char *user_name;
  const char *password;
  gboolean    enable_tls;
} CwTidbMysqlSink;

/* A changefeed into a MySQL sink. @filter_rules NULL or empty replicates every table
 * ("*.*"). It starts now, unless @start_time or @start_tso (one of them) says when. */
typedef struct {
  const char          *display_name;  /* NULL: TiDB Cloud names it */
  CwTidbMysqlSink      sink;
  const char * const  *filter_rules;
  GDateTime           *start_time;
  guint64              start_tso;
} CwTidbChangefeedRequest;

/* One MySQL source reached through a private link connection, migrated into the
 * cluster: what both the precheck and the migration take. @rules are "SCHEMA" or
 * "SCHEMA.TABLE" patterns (with * and ? wildcards), each into the schema of the same
 * name; NULL or empty migrates every table that is not the system's. The strings are
 * borrowed, as for CwTidbMysqlSink. */
typedef struct {
  const char          *display_name;
  CwTidbMigrationMode  mode;
  const char          *source_type;      /* CW_TIDB_SOURCE_TYPE_*; NULL for AWS_RDS_MYSQL */
  const char          *private_link_connection_id;
  guint                port;
  const char          *source_user;
  const char          *source_password;
  const char * const  *rules;
  const char          *target_user;      /* the cluster's SQL user */
  const char          *target_password;
} CwTidbMigrationRequest;

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

/* Changefeeds (cdc.swagger.json): cw-tidb-client-changefeeds.c */
void                     cw_tidb_client_test_mysql_sink_async (CwTidbClient                   *self,
                                                               const char                     *cluster_id,
                                                               const CwTidbMysqlSink          *sink,
                                                               GCancellable                   *cancellable,
                                                               GAsyncReadyCallback            callback,
                                                               gpointer                       user_data);
gboolean                 cw_tidb_client_test_mysql_sink_finish (CwTidbClient                   *self,
                                                                GAsyncResult                   *result,
                                                                GError                        **error);
void                     cw_tidb_client_create_changefeed_async (CwTidbClient                   *self,
                                                                 const char                     *cluster_id,
                                                                 const CwTidbChangefeedRequest  *request,
                                                                 GCancellable                   *cancellable,
                                                                 GAsyncReadyCallback            callback,
                                                                 gpointer                       user_data);
CwTidbChangefeed        *cw_tidb_client_create_changefeed_finish (CwTidbClient                   *self,
                                                                  GAsyncResult                   *result,
                                                                  GError                        **error);
void                     cw_tidb_client_list_changefeeds_async (CwTidbClient                   *self,
                                                                const char                     *cluster_id,
                                                                GCancellable                   *cancellable,
                                                                GAsyncReadyCallback            callback,
                                                                gpointer                       user_data);
GListModel              *cw_tidb_client_list_changefeeds_finish (CwTidbClient                   *self,
                                                                 GAsyncResult                   *result,
                                                                 GError                        **error);
void                     cw_tidb_client_get_changefeed_async (CwTidbClient                   *self,
                                                              const char                     *cluster_id,
                                                              const char                     *changefeed_id,
                                                              GCancellable                   *cancellable,
                                                              GAsyncReadyCallback            callback,
                                                              gpointer                       user_data);
CwTidbChangefeed        *cw_tidb_client_get_changefeed_finish (CwTidbClient                   *self,
                                                               GAsyncResult                   *result,
                                                               GError                        **error);
void                     cw_tidb_client_start_changefeed_async (CwTidbClient                   *self,
                                                                const char                     *cluster_id,
                                                                const char                     *changefeed_id,
                                                                GCancellable                   *cancellable,
                                                                GAsyncReadyCallback            callback,
                                                                gpointer                       user_data);
CwTidbChangefeed        *cw_tidb_client_start_changefeed_finish (CwTidbClient                   *self,
                                                                 GAsyncResult                   *result,
                                                                 GError                        **error);
void                     cw_tidb_client_stop_changefeed_async (CwTidbClient                   *self,
                                                               const char                     *cluster_id,
                                                               const char                     *changefeed_id,
                                                               GCancellable                   *cancellable,
                                                               GAsyncReadyCallback            callback,
                                                               gpointer                       user_data);
CwTidbChangefeed        *cw_tidb_client_stop_changefeed_finish (CwTidbClient                   *self,
                                                                GAsyncResult                   *result,
                                                                GError                        **error);
void                     cw_tidb_client_delete_changefeed_async (CwTidbClient                   *self,
                                                                 const char                     *cluster_id,
                                                                 const char                     *changefeed_id,
                                                                 GCancellable                   *cancellable,
                                                                 GAsyncReadyCallback            callback,
                                                                 gpointer                       user_data);
gboolean                 cw_tidb_client_delete_changefeed_finish (CwTidbClient                   *self,
                                                                  GAsyncResult                   *result,
                                                                  GError                        **error);

/* Data migrations (dm.swagger.json): cw-tidb-client-migrations.c */
void                     cw_tidb_client_create_migration_precheck_async (CwTidbClient                   *self,
                                                                         const char                     *cluster_id,
                                                                         const CwTidbMigrationRequest   *request,
                                                                         GCancellable                   *cancellable,
                                                                         GAsyncReadyCallback            callback,
                                                                         gpointer                       user_data);
CwTidbMigrationPrecheck *cw_tidb_client_create_migration_precheck_finish (CwTidbClient                   *self,
                                                                          GAsyncResult                   *result,
                                                                          GError                        **error);
void                     cw_tidb_client_get_migration_precheck_async (CwTidbClient                   *self,
                                                                      const char                     *cluster_id,
                                                                      const char                     *precheck_id,
                                                                      GCancellable                   *cancellable,
                                                                      GAsyncReadyCallback            callback,
                                                                      gpointer                       user_data);
CwTidbMigrationPrecheck *cw_tidb_client_get_migration_precheck_finish (CwTidbClient                   *self,
                                                                       GAsyncResult                   *result,
                                                                       GError                        **error);
void                     cw_tidb_client_delete_migration_precheck_async (CwTidbClient                   *self,
                                                                         const char                     *cluster_id,
                                                                         const char                     *precheck_id,
                                                                         GCancellable                   *cancellable,
                                                                         GAsyncReadyCallback            callback,
                                                                         gpointer                       user_data);
gboolean                 cw_tidb_client_delete_migration_precheck_finish (CwTidbClient                   *self,
                                                                          GAsyncResult                   *result,
                                                                          GError                        **error);
void                     cw_tidb_client_create_migration_async (CwTidbClient                   *self,
                                                                const char                     *cluster_id,
                                                                const CwTidbMigrationRequest   *request,
                                                                GCancellable                   *cancellable,
                                                                GAsyncReadyCallback            callback,
                                                                gpointer                       user_data);
CwTidbMigration         *cw_tidb_client_create_migration_finish (CwTidbClient                   *self,
                                                                 GAsyncResult                   *result,
                                                                 GError                        **error);
void                     cw_tidb_client_list_migrations_async (CwTidbClient                   *self,
                                                               const char                     *cluster_id,
                                                               GCancellable                   *cancellable,
                                                               GAsyncReadyCallback            callback,
                                                               gpointer                       user_data);
GListModel              *cw_tidb_client_list_migrations_finish (CwTidbClient                   *self,
                                                                GAsyncResult                   *result,
                                                                GError                        **error);
void                     cw_tidb_client_get_migration_async (CwTidbClient                   *self,
                                                             const char                     *cluster_id,
                                                             const char                     *migration_id,
                                                             GCancellable                   *cancellable,
                                                             GAsyncReadyCallback            callback,
                                                             gpointer                       user_data);
CwTidbMigration         *cw_tidb_client_get_migration_finish (CwTidbClient                   *self,
                                                              GAsyncResult                   *result,
                                                              GError                        **error);
void                     cw_tidb_client_pause_migration_async (CwTidbClient                   *self,
                                                               const char                     *cluster_id,
                                                               const char                     *migration_id,
                                                               GCancellable                   *cancellable,
                                                               GAsyncReadyCallback            callback,
                                                               gpointer                       user_data);
gboolean                 cw_tidb_client_pause_migration_finish (CwTidbClient                   *self,
                                                                GAsyncResult                   *result,
                                                                GError                        **error);
void                     cw_tidb_client_resume_migration_async (CwTidbClient                   *self,
                                                                const char                     *cluster_id,
                                                                const char                     *migration_id,
                                                                GCancellable                   *cancellable,
                                                                GAsyncReadyCallback            callback,
                                                                gpointer                       user_data);
gboolean                 cw_tidb_client_resume_migration_finish (CwTidbClient                   *self,
                                                                 GAsyncResult                   *result,
                                                                 GError                        **error);
void                     cw_tidb_client_delete_migration_async (CwTidbClient                   *self,
                                                                const char                     *cluster_id,
                                                                const char                     *migration_id,
                                                                GCancellable                   *cancellable,
                                                                GAsyncReadyCallback            callback,
                                                                gpointer                       user_data);
gboolean                 cw_tidb_client_delete_migration_finish (CwTidbClient                   *self,
                                                                 GAsyncResult                   *result,
                                                                 GError                        **error);

guint                    cw_tidb_client_get_request_count           (CwTidbClient         *self);

G_END_DECLS
