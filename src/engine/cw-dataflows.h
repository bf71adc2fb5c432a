/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-dataflows.h: using a link — TiDB Cloud's test through it, changefeeds into the
 * database, migrations out of it, and what uses each link (DESIGN.md §12)
 *
 * Every call goes through the TiDB Cloud client (and, for a migration's readiness, the
 * link's region's RDS) of @clouds. Passwords are borrowed for the call only: they go
 * into the request's body and nowhere else, never into an error's text. Errors are
 * CW_ENGINE_ERROR with a sentence that says what to do, or the clients' own.
 */
#pragma once

#include <gio/gio.h>

#include "cw-clouds.h"
#include "cw-credential.h"
#include "cw-dataflow.h"
#include "cw-link.h"

G_BEGIN_DECLS

/* A SQL user and its password, borrowed. */
typedef struct {
  const char *user;
  const char *password;
} CwSqlLogin;

/* The keyring's name (cw-credential-store.h) of @user of @link's database: the AWS
 * account of the link's load balancer, the link's region and its database. NULL when
 * the link does not know its database or its load balancer. */
CwSqlUser  *cw_dataflows_dup_database_user (CwLink             *link,
                                            const char         *user);

/* TiDB Cloud connects to the database through @link as @login
 * (POST …/changefeeds:test with a MySQL sink over the private link). Before asking, a link
 * that is not ACTIVE at TiDB Cloud, or whose target is not healthy, is answered with what
 * to do, as are TiDB Cloud's refusals: wrong user or password, TLS required, not reached. */
void        cw_dataflows_test_async       (CwClouds            *clouds,
                                           CwLink              *link,
                                           const CwSqlLogin    *database_login,
                                           gboolean             tls,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    cw_dataflows_test_finish      (GAsyncResult        *result,
                                           GError             **error);

/* Creates a changefeed from @link's cluster into its database: a MySQL sink through the
 * link, @filter_rules (NULL or empty: "*.*"), starting now or at @start_time. */
void        cw_dataflows_replicate_async  (CwClouds            *clouds,
                                           CwLink              *link,
                                           const CwSqlLogin    *database_login,
                                           gboolean             tls,
                                           const char * const  *filter_rules,
                                           GDateTime           *start_time,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
CwDataflow *cw_dataflows_replicate_finish (GAsyncResult        *result,
                                           GError             **error);

/* The changefeeds and migrations of @cluster_ids (each cluster's every page; NULL: every
 * cluster the API key sees), those going through one of @links (a GListModel of CwLink,
 * or NULL) given its link id.
 * Returns: (transfer full): a GListModel of CwDataflow, changefeeds first. */
void        cw_dataflows_list_async       (CwClouds            *clouds,
                                           const char * const  *cluster_ids,
                                           GListModel          *links,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GListModel *cw_dataflows_list_finish      (GAsyncResult        *result,
                                           GError             **error);
/* The dataflows of @dataflows that go through @link (by private link connection id). */
GPtrArray  *cw_dataflows_filter_link      (GListModel          *dataflows,
                                           CwLink              *link);

/* Pauses, resumes or deletes a dataflow. Returns: the dataflow as it is after the
 * change, or for a delete as TiDB Cloud last described it. */
void        cw_dataflows_change_async     (CwClouds            *clouds,
                                           CwDataflow          *dataflow,
                                           CwDataflowChange     change,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
CwDataflow *cw_dataflows_change_finish    (GAsyncResult        *result,
                                           GError             **error);

/* Causeway's own checks that @link's database can be migrated, from the RDS side: its
 * automated backups (the binlog exists only with them), and binlog_format = ROW and
 * binlog_row_image = FULL in its parameter group (its cluster's for Aurora), each with
 * what to change and why; a default parameter group cannot be changed.
 * Returns: (transfer full): a GPtrArray of CwCheck (cw-check.h), none of level ERROR
 * when the database is ready. */
void        cw_dataflows_check_migration_async  (CwClouds            *clouds,
                                                 CwLink              *link,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray  *cw_dataflows_check_migration_finish (GAsyncResult        *result,
                                                 GError             **error);

/* Migrates @link's database into its cluster: Causeway's checks above (an ERROR stops
 * it, naming the parameter, before TiDB Cloud is asked), then TiDB Cloud's precheck until
 * it ends (a failed item stops it with TiDB Cloud's reason and solution), then the
 * migration in @mode with @rules ("SCHEMA" or "SCHEMA.TABLE"; NULL or empty: every
 * table). */
void        cw_dataflows_migrate_async    (CwClouds            *clouds,
                                           CwLink              *link,
                                           const CwSqlLogin    *database_login,
                                           const CwSqlLogin    *tidb_login,
                                           CwTidbMigrationMode  mode,
                                           const char * const  *rules,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
CwDataflow *cw_dataflows_migrate_finish   (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
