/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-dataflows.c: TiDB Cloud's test through a link, changefeeds into its database, and
 * the dataflows of the clusters matched to their links (DESIGN.md §12)
 *
 * The link is looked at before TiDB Cloud
 * is asked: a link that is not active, or whose target moved or is unhealthy, cannot
 * carry data, and saying so names the cause better than TiDB Cloud's timeout would.
 */
#define G_LOG_DOMAIN "cw-dataflows"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-dataflows-private.h"
#include "cw-engine-error.h"
#include "cw-target-health.h"

/* ---- the keyring's name of a database's user ---- */

/* arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE */
static char *
dup_arn_account (const char *arn)
{
  g_auto(GStrv) parts = arn ? g_strsplit (arn, ":", 6) : NULL;

  if (parts == NULL || g_strv_length (parts) < 6 || *parts[4] == '\0')
    return NULL;
  return g_strdup (parts[4]);
}

/* The load balancer is in the database's account: Causeway puts it in the database's
 * VPC, and a link made by hand cannot reach a target in another account either. */
CwSqlUser *
cw_dataflows_dup_database_user (CwLink     *link,
                                const char *user)
{
  g_autofree char *account = NULL;
  const char *database;

  g_return_val_if_fail (CW_IS_LINK (link), NULL);
  database = cw_link_get (link, CW_LINK_DATABASE_ID);
  account = dup_arn_account (cw_link_get (link, CW_LINK_LOAD_BALANCER_ARN));
  if (database == NULL || account == NULL || cw_link_get (link, CW_LINK_REGION) == NULL)
    return NULL;
  return cw_sql_user_new_mysql (account, cw_link_get (link, CW_LINK_REGION), database, user);
}

/* ---- what the link and TiDB Cloud's refusals mean ---- */

static GError *
refusal (const char *format,
         ...) G_GNUC_PRINTF (1, 2);

static GError *
refusal (const char *format,
         ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED, format, args);
  va_end (args);
  return error;
}

static gboolean
refuse (GError **error,
        GError  *why)
{
  g_propagate_error (error, why);
  return FALSE;
}

gboolean
cw_dataflows_check_login (const CwSqlLogin  *login,
                          GError           **error)
{
  if (login == NULL || login->user == NULL || *login->user == '\0')
    {
      g_set_error_literal (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                           _("Name the database user TiDB Cloud signs in as."));
      return FALSE;
    }
  if (login->password == NULL)
    {
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, _("Give the password of the user “%s”."),
                   login->user);
      return FALSE;
    }
  return TRUE;
}

static const char *
first_reason (CwLink *link)
{
  const char * const *reasons = cw_link_get_reasons (link);

  return reasons != NULL && reasons[0] != NULL ? reasons[0] : "";
}

static GError *
not_active (CwLink *link)
{
  const char *state = cw_link_get (link, CW_LINK_TIDB_STATE);

  if (state == NULL)
    return refusal (_("The link has no TiDB Cloud private link connection yet: finish creating it, then try again."));
  if (g_str_equal (state, "PENDING_ACCEPTANCE") || cw_link_get_status (link) == CW_LINK_PENDING_ACCEPTANCE)
    return refusal (_("The link is not active yet: TiDB Cloud’s endpoint %s waits for acceptance on the endpoint "
                      "service. Accept it, then try again once the link is healthy."),
                    cw_link_get (link, CW_LINK_ENDPOINT_ID) ? cw_link_get (link, CW_LINK_ENDPOINT_ID) : "");
  if (g_str_equal (state, "CREATING"))
    return refusal (_("The link is not active yet: TiDB Cloud is still creating its endpoint. Try again once the "
                      "link is healthy."));
  return refusal (_("The link cannot carry data: TiDB Cloud’s private link connection is %s, not ACTIVE. %s"), state,
                  first_reason (link));
}

static GError *
target_unhealthy (CwLink *link)
{
  const char *health = cw_link_get (link, CW_LINK_TARGET_HEALTH);
  g_autofree char *explained = cw_target_health_explain (cw_link_get (link, CW_LINK_TARGET_HEALTH_REASON));

  if (g_str_equal (health, "initial"))
    return refusal (_("The link’s target is still being checked: %s Try again in a minute."),
                    explained ? explained : "");
  return refusal (_("TiDB Cloud would not reach the database: the link’s target is %s. %s Try again once the link is "
                    "healthy."), health, explained ? explained : first_reason (link));
}

gboolean
cw_dataflows_check_link (CwLink  *link,
                         GError **error)
{
  const char *health;

  g_return_val_if_fail (CW_IS_LINK (link), FALSE);
  health = cw_link_get (link, CW_LINK_TARGET_HEALTH);
  if (g_strcmp0 (cw_link_get (link, CW_LINK_TIDB_STATE), "ACTIVE") != 0)
    return refuse (error, not_active (link));
  if (cw_link_get_status (link) == CW_LINK_DRIFTED)
    return refuse (error, refusal (_("The database moved: %s Re-sync the link, then try again."), first_reason (link)));
  /* A link made by hand may sit in an account Causeway cannot see: its health is then
   * unknown, and only TiDB Cloud's answer tells. */
  if (health != NULL && !g_str_equal (health, "healthy"))
    return refuse (error, target_unhealthy (link));
  if (cw_link_get_listener_port (link) == 0)
    return refuse (error, refusal (_("Causeway cannot tell which port of the link leads to the database. %s"),
                                   first_reason (link)));
  return TRUE;
}

typedef enum {
  REFUSED_LOGIN,
  REFUSED_INSECURE,
  REFUSED_LINK_INACTIVE,
  REFUSED_NOT_MYSQL,
  REFUSED_NOT_REACHED,
  REFUSED_OTHER,
} Refused;

/* TiDB Cloud passes on what the MySQL client said; the first match wins, so a refusal
 * the server gave after the connection was made comes before "failed to connect". */
static Refused
classify (const char *message)
{
  static const struct {
    const char *words;
    Refused     refused;
  } signs[] = {
    { "error 1045", REFUSED_LOGIN },
    { "access denied", REFUSED_LOGIN },
    { "error 3159", REFUSED_INSECURE },
    { "insecure transport", REFUSED_INSECURE },
    { "require_secure_transport", REFUSED_INSECURE },
    { "is not active", REFUSED_LINK_INACTIVE },
    { "not mysql", REFUSED_NOT_MYSQL },
    { "malformed packet", REFUSED_NOT_MYSQL },
    { "i/o timeout", REFUSED_NOT_REACHED },
    { "connection refused", REFUSED_NOT_REACHED },
    { "no route to host", REFUSED_NOT_REACHED },
    { "failed to connect", REFUSED_NOT_REACHED },
  };
  g_autofree char *lower = g_ascii_strdown (message, -1);

  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    if (strstr (lower, signs[i].words) != NULL)
      return signs[i].refused;
  return REFUSED_OTHER;
}

GError *
cw_dataflows_explain_connect_error (GError     *error,
                                    CwLink     *link,
                                    const char *user)
{
  g_autoptr(GError) owned = error;
  const char *message = cw_tidb_error_get_server_message (error);

  if (message == NULL)
    return g_steal_pointer (&owned);
  switch (classify (message))
    {
    case REFUSED_LOGIN:
      return refusal (_("TiDB Cloud reached the database through the link, but the database refused the user “%s”: "
                        "the user name or the password is wrong. Check both, then try again."), user);
    case REFUSED_INSECURE:
      return refusal (_("The database takes only encrypted connections (require_secure_transport is on): turn TLS "
                        "on, then try again."));
    case REFUSED_LINK_INACTIVE:
      return refusal (_("TiDB Cloud says the link’s private link connection is not active: accept its endpoint on "
                        "the endpoint service, then try again once the link is healthy."));
    case REFUSED_NOT_MYSQL:
      return refusal (_("What answers through the link on port %u is not MySQL: TiDB Cloud’s dataflows need a "
                        "MySQL-compatible database."), cw_link_get_listener_port (link));
    case REFUSED_NOT_REACHED:
      return refusal (_("TiDB Cloud did not reach the database through the link (%s). Check that the link is healthy "
                        "(re-sync it if the database moved) and that the database’s security groups admit the load "
                        "balancer."), message);
    case REFUSED_OTHER:
    default:
      return g_steal_pointer (&owned);
    }
}

/* ---- test and replicate ---- */

typedef struct {
  CwLink *link;
  char   *user;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_clear_object (&attempt->link);
  g_free (attempt->user);
  g_free (attempt);
}

/* Checks the login and the link, and keeps what the answer is explained with. */
static gboolean
start_attempt (GTask             *task,
               CwLink            *link,
               const CwSqlLogin  *login,
               GError           **error)
{
  Attempt *attempt;

  if (!cw_dataflows_check_login (login, error) || !cw_dataflows_check_link (link, error))
    return FALSE;
  attempt = g_new0 (Attempt, 1);
  attempt->link = g_object_ref (link);
  attempt->user = g_strdup (login->user);
  g_task_set_task_data (task, attempt, (GDestroyNotify) attempt_free);
  return TRUE;
}

static void
return_attempt_error (GTask  *task,
                      GError *error)
{
  Attempt *attempt = g_task_get_task_data (task);

  g_task_return_error (task, cw_dataflows_explain_connect_error (error, attempt->link, attempt->user));
}

static CwTidbMysqlSink
sink_through (CwLink           *link,
              const CwSqlLogin *login,
              gboolean          tls)
{
  CwTidbMysqlSink sink = {
    .private_link_connection_id = cw_link_get (link, CW_LINK_PRIVATE_LINK_ID),
    .port = cw_link_get_listener_port (link),
    .user_name = login->user,
    .password = login->password,
    .enable_tls = tls,
  };

  return sink;
}

static void
sink_tested (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (cw_tidb_client_test_mysql_sink_finish (CW_TIDB_CLIENT (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    return_attempt_error (task, error);
}

void
cw_dataflows_test_async (CwClouds            *clouds,
                         CwLink              *link,
                         const CwSqlLogin    *database_login,
                         gboolean             tls,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  CwTidbMysqlSink sink;

  g_return_if_fail (CW_IS_CLOUDS (clouds));
  g_return_if_fail (CW_IS_LINK (link));
  task = g_task_new (clouds, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_dataflows_test_async);
  if (!start_attempt (task, link, database_login, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  sink = sink_through (link, database_login, tls);
  cw_tidb_client_test_mysql_sink_async (cw_clouds_get_tidb (clouds), cw_link_get (link, CW_LINK_CLUSTER_ID), &sink,
                                        cancellable, sink_tested, g_steal_pointer (&task));
}

gboolean
cw_dataflows_test_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, cw_dataflows_test_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A changefeed as a dataflow, its lag measured now. */
static CwDataflow *
dataflow_of_changefeed (CwTidbChangefeed *changefeed,
                        const char       *link_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  CwDataflow *dataflow = cw_dataflow_new_for_changefeed (changefeed, now);

  cw_dataflow_set_link_id (dataflow, link_id);
  return dataflow;
}

static void
changefeed_created (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CwTidbChangefeed) changefeed = cw_tidb_client_create_changefeed_finish (CW_TIDB_CLIENT (source), result,
                                                                                    &error);

  if (changefeed == NULL)
    return_attempt_error (task, error);
  else
    g_task_return_pointer (task, dataflow_of_changefeed (changefeed, cw_link_get (attempt->link, CW_LINK_LINK_ID)),
                           g_object_unref);
}

void
cw_dataflows_replicate_async (CwClouds            *clouds,
                              CwLink              *link,
                              const CwSqlLogin    *database_login,
                              gboolean             tls,
                              const char * const  *filter_rules,
                              GDateTime           *start_time,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  CwTidbChangefeedRequest request = { 0 };

  g_return_if_fail (CW_IS_CLOUDS (clouds));
  g_return_if_fail (CW_IS_LINK (link));
  task = g_task_new (clouds, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_dataflows_replicate_async);
  if (!start_attempt (task, link, database_login, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  request.sink = sink_through (link, database_login, tls);
  request.filter_rules = filter_rules;
  request.start_time = start_time;
  cw_tidb_client_create_changefeed_async (cw_clouds_get_tidb (clouds), cw_link_get (link, CW_LINK_CLUSTER_ID),
                                          &request, cancellable, changefeed_created, g_steal_pointer (&task));
}

CwDataflow *
cw_dataflows_replicate_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, cw_dataflows_replicate_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the clusters' dataflows ---- */

typedef struct {
  char       *cluster_id;
  GListModel *changefeeds;
  GListModel *migrations;
} ClusterFlows;

typedef struct {
  CwClouds   *clouds;
  GListModel *links;
  gboolean    every_cluster;
  GPtrArray  *clusters;      /* ClusterFlows, in the order asked */
  guint       pending;
  GError     *error;         /* the first that matters */
} Listing;

/* One request's way back to its listing. */
typedef struct {
  GTask        *task;
  ClusterFlows *cluster;
} Fetch;

static void
cluster_flows_free (ClusterFlows *cluster)
{
  g_free (cluster->cluster_id);
  g_clear_object (&cluster->changefeeds);
  g_clear_object (&cluster->migrations);
  g_free (cluster);
}

static void
listing_free (Listing *listing)
{
  g_clear_object (&listing->clouds);
  g_clear_object (&listing->links);
  g_ptr_array_unref (listing->clusters);
  g_clear_error (&listing->error);
  g_free (listing);
}

/* Which link each private link connection belongs to. */
static GHashTable *
index_links (GListModel *links)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);

  for (guint i = 0; links != NULL && i < g_list_model_get_n_items (links); i++)
    {
      CwLink *link = g_list_model_get_item (links, i);
      const char *id = cw_link_get (link, CW_LINK_PRIVATE_LINK_ID);

      if (id != NULL)
        g_hash_table_replace (index, (gpointer) id, link);
      else
        g_object_unref (link);
    }
  return index;
}

static void
add_matched (GListStore *store,
             CwDataflow *dataflow,
             GHashTable *links)
{
  const char *private_link_id = cw_dataflow_get_private_link_id (dataflow);
  CwLink *link = private_link_id ? g_hash_table_lookup (links, private_link_id) : NULL;

  if (link != NULL)
    cw_dataflow_set_link_id (dataflow, cw_link_get (link, CW_LINK_LINK_ID));
  g_list_store_append (store, dataflow);
}

/* Changefeeds first, then migrations, each in the clusters' order. */
static GListModel *
join_listing (Listing *listing)
{
  g_autoptr(GListStore) store = g_list_store_new (CW_TYPE_DATAFLOW);
  g_autoptr(GHashTable) links = index_links (listing->links);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint kind = 0; kind < 2; kind++)
    for (guint c = 0; c < listing->clusters->len; c++)
      {
        ClusterFlows *cluster = g_ptr_array_index (listing->clusters, c);
        GListModel *items = kind == 0 ? cluster->changefeeds : cluster->migrations;

        for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (items, i);
            g_autoptr(CwDataflow) dataflow = kind == 0 ? cw_dataflow_new_for_changefeed (CW_TIDB_CHANGEFEED (item), now)
                                                       : cw_dataflow_new_for_migration (CW_TIDB_MIGRATION (item),
                                                                                        cluster->cluster_id);

            add_matched (store, dataflow, links);
          }
      }
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* A cluster found by listing them all may be of a plan without dataflows (Starter): it
 * simply has none. One asked for by id must answer. */
static gboolean
error_matters (Listing      *listing,
               const GError *error)
{
  return !(listing->every_cluster && g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST));
}

static void
fetch_done (Fetch  *fetch,
            GError *error)
{
  g_autoptr(GTask) task = fetch->task;
  Listing *listing = g_task_get_task_data (task);

  g_free (fetch);
  if (error != NULL && listing->error == NULL && error_matters (listing, error))
    listing->error = g_steal_pointer (&error);
  else if (error != NULL)
    g_debug ("%s", error->message);
  g_clear_error (&error);
  if (--listing->pending > 0)
    return;
  if (listing->error != NULL)
    g_task_return_error (task, g_steal_pointer (&listing->error));
  else
    g_task_return_pointer (task, join_listing (listing), g_object_unref);
}

static void
changefeeds_listed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Fetch *fetch = user_data;
  GError *error = NULL;

  fetch->cluster->changefeeds = cw_tidb_client_list_changefeeds_finish (CW_TIDB_CLIENT (source), result, &error);
  fetch_done (fetch, error);
}

static void
migrations_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Fetch *fetch = user_data;
  GError *error = NULL;

  fetch->cluster->migrations = cw_tidb_client_list_migrations_finish (CW_TIDB_CLIENT (source), result, &error);
  fetch_done (fetch, error);
}

static Fetch *
fetch_new (GTask        *task,
           ClusterFlows *cluster)
{
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->task = g_object_ref (task);
  fetch->cluster = cluster;
  ((Listing *) g_task_get_task_data (task))->pending++;
  return fetch;
}

/* Both lists of every cluster at once: a few clusters, two requests each. */
static void
list_clusters_flows (GTask              *task,
                     const char * const *cluster_ids)
{
  Listing *listing = g_task_get_task_data (task);
  CwTidbClient *tidb = cw_clouds_get_tidb (listing->clouds);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cluster_ids == NULL || cluster_ids[0] == NULL)
    {
      g_task_return_pointer (task, g_list_store_new (CW_TYPE_DATAFLOW), g_object_unref);
      return;
    }
  for (guint i = 0; cluster_ids[i] != NULL; i++)
    {
      ClusterFlows *cluster = g_new0 (ClusterFlows, 1);

      cluster->cluster_id = g_strdup (cluster_ids[i]);
      g_ptr_array_add (listing->clusters, cluster);
    }
  for (guint i = 0; i < listing->clusters->len; i++)
    {
      ClusterFlows *cluster = g_ptr_array_index (listing->clusters, i);

      cw_tidb_client_list_changefeeds_async (tidb, cluster->cluster_id, cancellable, changefeeds_listed,
                                             fetch_new (task, cluster));
      cw_tidb_client_list_migrations_async (tidb, cluster->cluster_id, cancellable, migrations_listed,
                                            fetch_new (task, cluster));
    }
}

static void
clusters_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(GListModel) clusters = cw_tidb_client_list_clusters_finish (CW_TIDB_CLIENT (source), result, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) cluster_ids = NULL;

  if (clusters == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (clusters); i++)
    {
      g_autoptr(CwTidbCluster) cluster = g_list_model_get_item (clusters, i);

      g_strv_builder_add (builder, cw_tidb_cluster_get_cluster_id (cluster));
    }
  cluster_ids = g_strv_builder_end (builder);
  list_clusters_flows (task, (const char * const *) cluster_ids);
}

void
cw_dataflows_list_async (CwClouds            *clouds,
                         const char * const  *cluster_ids,
                         GListModel          *links,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Listing *listing;

  g_return_if_fail (CW_IS_CLOUDS (clouds));
  g_return_if_fail (links == NULL || G_IS_LIST_MODEL (links));
  task = g_task_new (clouds, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_dataflows_list_async);
  listing = g_new0 (Listing, 1);
  listing->clouds = g_object_ref (clouds);
  listing->links = links ? g_object_ref (links) : NULL;
  listing->every_cluster = cluster_ids == NULL;
  listing->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_flows_free);
  g_task_set_task_data (task, listing, (GDestroyNotify) listing_free);
  if (cluster_ids == NULL)
    cw_tidb_client_list_clusters_async (cw_clouds_get_tidb (clouds), cancellable, clusters_listed,
                                        g_steal_pointer (&task));
  else
    list_clusters_flows (task, cluster_ids);
}

GListModel *
cw_dataflows_list_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, cw_dataflows_list_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (transfer full): a GPtrArray of CwDataflow. */
GPtrArray *
cw_dataflows_filter_link (GListModel *dataflows,
                          CwLink     *link)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  const char *private_link_id;

  g_return_val_if_fail (G_IS_LIST_MODEL (dataflows), found);
  g_return_val_if_fail (CW_IS_LINK (link), found);
  private_link_id = cw_link_get (link, CW_LINK_PRIVATE_LINK_ID);
  for (guint i = 0; private_link_id != NULL && i < g_list_model_get_n_items (dataflows); i++)
    {
      g_autoptr(CwDataflow) dataflow = g_list_model_get_item (dataflows, i);

      if (g_strcmp0 (cw_dataflow_get_private_link_id (dataflow), private_link_id) == 0)
        g_ptr_array_add (found, g_steal_pointer (&dataflow));
    }
  return found;
}

/* ---- pause, resume, delete ---- */

typedef CwTidbChangefeed *(*ChangefeedFinish) (CwTidbClient  *client,
                                               GAsyncResult  *result,
                                               GError       **error);
typedef gboolean          (*DoneFinish)       (CwTidbClient  *client,
                                               GAsyncResult  *result,
                                               GError       **error);

typedef struct {
  CwDataflow       *dataflow;
  CwDataflowChange  change;
  ChangefeedFinish  changefeed_finish;   /* a changefeed's :stop and :start */
  DoneFinish        done_finish;         /* a migration's :pause and :resume, deletes */
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->dataflow);
  g_free (change);
}

static void
changefeed_changed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CwTidbChangefeed) changefeed = change->changefeed_finish (CW_TIDB_CLIENT (source), result, &error);

  if (changefeed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataflow_of_changefeed (changefeed, cw_dataflow_get_link_id (change->dataflow)),
                           g_object_unref);
}

static void
migration_got (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CwTidbMigration) migration = cw_tidb_client_get_migration_finish (CW_TIDB_CLIENT (source), result, &error);
  CwDataflow *dataflow;

  if (migration == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  dataflow = cw_dataflow_new_for_migration (migration, cw_dataflow_get_cluster_id (change->dataflow));
  cw_dataflow_set_link_id (dataflow, cw_dataflow_get_link_id (change->dataflow));
  g_task_return_pointer (task, dataflow, g_object_unref);
}

/* A migration's :pause and :resume answer nothing: it is asked for again. */
static void
done (GObject      *source,
      GAsyncResult *result,
      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!change->done_finish (CW_TIDB_CLIENT (source), result, &error))
    g_task_return_error (task, error);
  else if (change->change == CW_DATAFLOW_DELETE)
    g_task_return_pointer (task, g_object_ref (change->dataflow), g_object_unref);
  else
    cw_tidb_client_get_migration_async (CW_TIDB_CLIENT (source), cw_dataflow_get_cluster_id (change->dataflow),
                                        cw_dataflow_get_id (change->dataflow), cancellable, migration_got,
                                        g_steal_pointer (&task));
}

typedef void (*ChangeStart) (CwTidbClient        *client,
                             const char          *cluster_id,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);

/* What each change is, for each kind, in TiDB Cloud's API. */
static const struct {
  CwDataflowKind    kind;
  CwDataflowChange  change;
  ChangeStart       start;
  ChangefeedFinish  changefeed_finish;
  DoneFinish        done_finish;
} operations[] = {
  { CW_DATAFLOW_CHANGEFEED, CW_DATAFLOW_PAUSE, cw_tidb_client_stop_changefeed_async,
    cw_tidb_client_stop_changefeed_finish, NULL },
  { CW_DATAFLOW_CHANGEFEED, CW_DATAFLOW_RESUME, cw_tidb_client_start_changefeed_async,
    cw_tidb_client_start_changefeed_finish, NULL },
  { CW_DATAFLOW_CHANGEFEED, CW_DATAFLOW_DELETE, cw_tidb_client_delete_changefeed_async,
    NULL, cw_tidb_client_delete_changefeed_finish },
  { CW_DATAFLOW_MIGRATION, CW_DATAFLOW_PAUSE, cw_tidb_client_pause_migration_async,
    NULL, cw_tidb_client_pause_migration_finish },
  { CW_DATAFLOW_MIGRATION, CW_DATAFLOW_RESUME, cw_tidb_client_resume_migration_async,
    NULL, cw_tidb_client_resume_migration_finish },
  { CW_DATAFLOW_MIGRATION, CW_DATAFLOW_DELETE, cw_tidb_client_delete_migration_async,
    NULL, cw_tidb_client_delete_migration_finish },
};

void
cw_dataflows_change_async (CwClouds            *clouds,
                           CwDataflow          *dataflow,
                           CwDataflowChange     change,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Change *data;

  g_return_if_fail (CW_IS_CLOUDS (clouds));
  g_return_if_fail (CW_IS_DATAFLOW (dataflow));
  task = g_task_new (clouds, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_dataflows_change_async);
  data = g_new0 (Change, 1);
  data->dataflow = g_object_ref (dataflow);
  data->change = change;
  g_task_set_task_data (task, data, (GDestroyNotify) change_free);
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    if (operations[i].kind == cw_dataflow_get_kind (dataflow) && operations[i].change == change)
      {
        data->changefeed_finish = operations[i].changefeed_finish;
        data->done_finish = operations[i].done_finish;
        operations[i].start (cw_clouds_get_tidb (clouds), cw_dataflow_get_cluster_id (dataflow),
                             cw_dataflow_get_id (dataflow), cancellable,
                             data->changefeed_finish ? changefeed_changed : done, g_steal_pointer (&task));
        return;
      }
  g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, "unknown change %d", change);
}

CwDataflow *
cw_dataflows_change_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, cw_dataflows_change_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
