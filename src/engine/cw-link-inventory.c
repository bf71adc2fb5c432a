/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-inventory.c: refreshing the links of the verified accounts (see
 * cw-link-inventory.h): stages of requests, each stage's requests side by side */
#define G_LOG_DOMAIN "cw-link-inventory"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"
#include "cw-ec2.h"
#include "cw-elbv2.h"
#include "cw-engine-error.h"
#include "cw-link-inventory-private.h"
#include "cw-link-join.h"
#include "cw-memory.h"
#include "cw-plan-loaders.h"
#include "cw-provisioner.h"


/* Links enough to fill a window: on a first load they are shown as soon as TiDB Cloud
 * and the region's lists name them, still checking, then again once complete, since a
 * thousand links take seconds to join. */
#define FIRST_SCREEN 20

struct _CwLinkInventory
{
  GObject     parent_instance;
  CwClouds   *clouds;
  GListStore *links;     /* CwLink */
  gboolean    loading;
  GHashTable *addresses; /* region → (address → database id): every address a refresh found */
};

G_DEFINE_FINAL_TYPE (CwLinkInventory, cw_link_inventory, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LINKS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- a refresh: stages of requests, each stage's requests side by side ---- */

typedef struct _Refresh Refresh;
typedef void (*StageFunc) (Refresh *refresh);
typedef void (*JobFunc)   (Refresh *refresh,
                           gpointer data);

typedef struct {
  JobFunc  func;
  gpointer data;
} Job;

struct _Refresh {
  GTask      *task;
  CwClouds   *clouds;
  GStrv          cluster_ids;
  CwLinkRecords *records;
  GQueue      jobs;
  guint       in_flight;
  guint       pending;
  GError     *error;
  StageFunc   next;
  guint       listings_pending;  /* the regions' listings and the journals still to come */
  guint       balancer_listings_pending; /* the regions' load balancers and target groups */
  gboolean    indexed;           /* they are in and indexed: links can be looked at */
  gboolean    checking_shown;    /* the first rows are shown still checking */
  GHashTable *asked_groups;      /* the target groups whose health was asked */
  GHashTable *asked_balancers;   /* the load balancers asked for by ARN, for the first screen */
};

static void
refresh_free (Refresh *refresh)
{
  /* A list of TiDB Cloud's still being read adds its pages to a list the refresh no
   * longer watches. */
  for (guint i = 0; i < refresh->records->clusters->len; i++)
    {
      CwJoinCluster *cluster = g_ptr_array_index (refresh->records->clusters, i);

      if (cluster->links != NULL)
        g_signal_handlers_disconnect_by_data (cluster->links, refresh);
    }
  g_clear_pointer (&refresh->asked_groups, g_hash_table_unref);
  g_clear_pointer (&refresh->asked_balancers, g_hash_table_unref);
  g_clear_object (&refresh->clouds);
  g_strfreev (refresh->cluster_ids);
  cw_link_records_free (refresh->records);
  g_clear_error (&refresh->error);
  g_free (refresh);
}

static void set_loading      (CwLinkInventory *self,
                              gboolean         loading);
static void publish_progress (Refresh         *refresh);

static void
refresh_end (Refresh *refresh,
             GError  *error)
{
  g_autoptr(GTask) task = refresh->task;

  set_loading (g_task_get_source_object (task), FALSE);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  refresh_free (refresh);
}

static void
refresh_pump (Refresh *refresh)
{
  while (refresh->in_flight < CW_LINK_REQUESTS_IN_FLIGHT && !g_queue_is_empty (&refresh->jobs))
    {
      g_autofree Job *job = g_queue_pop_head (&refresh->jobs);

      refresh->in_flight++;
      job->func (refresh, job->data);
    }
}

static void
refresh_add_job (Refresh  *refresh,
                 JobFunc   func,
                 gpointer  data)
{
  Job *job = g_new (Job, 1);

  job->func = func;
  job->data = data;
  refresh->pending++;
  g_queue_push_tail (&refresh->jobs, job);
}

/* Runs @stage, whose jobs all end before @next starts. */
static void
refresh_run_stage (Refresh   *refresh,
                   StageFunc  stage,
                   StageFunc  next)
{
  refresh->next = next;
  stage (refresh);
  if (refresh->pending == 0)
    {
      StageFunc then = g_steal_pointer (&refresh->next);

      then (refresh);
      return;
    }
  refresh_pump (refresh);
}

/* Every job ends here, once, with its error if it failed. */
static void
refresh_job_done (Refresh *refresh,
                  GError  *error)
{
  refresh->in_flight--;
  refresh->pending--;
  if (error != NULL && refresh->error == NULL)
    refresh->error = error;
  else if (error != NULL)
    g_error_free (error);
  if (refresh->pending > 0)
    {
      refresh_pump (refresh);
      return;
    }
  if (refresh->error != NULL)
    {
      refresh_end (refresh, g_steal_pointer (&refresh->error));
      return;
    }
  g_steal_pointer (&refresh->next) (refresh);
}

/* A request's answer and where it goes. */
typedef struct {
  Refresh  *refresh;
  gpointer  slot;
} Call;

static Call *
call_new (Refresh  *refresh,
          gpointer  slot)
{
  Call *call = g_new (Call, 1);

  call->refresh = refresh;
  call->slot = slot;
  return call;
}

static CwAwsClient *
aws_for (Refresh      *refresh,
         CwJoinRegion *region)
{
  return cw_clouds_get_aws (refresh->clouds, region->name);
}

/* ---- stage 1: the clusters ---- */

static void
add_cluster (Refresh       *refresh,
             CwTidbCluster *tidb_cluster)
{
  /* Only clusters on AWS can have these links. */
  if (cw_tidb_cluster_get_aws_region (tidb_cluster) == NULL)
    return;
  cw_link_records_add_cluster (refresh->records, tidb_cluster);
}

static void
cluster_got (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Refresh *refresh = user_data;
  GError *error = NULL;
  g_autoptr(CwTidbCluster) cluster = cw_tidb_client_get_cluster_finish (CW_TIDB_CLIENT (source), result, &error);

  if (cluster != NULL)
    add_cluster (refresh, cluster);
  refresh_job_done (refresh, error);
}

static void
get_cluster_job (Refresh  *refresh,
                 gpointer  data)
{
  cw_tidb_client_get_cluster_async (cw_clouds_get_tidb (refresh->clouds), data, g_task_get_cancellable (refresh->task),
                                    cluster_got, refresh);
}

static void
clusters_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Refresh *refresh = user_data;
  GError *error = NULL;
  g_autoptr(GListModel) clusters = cw_tidb_client_list_clusters_finish (CW_TIDB_CLIENT (source), result, &error);

  for (guint i = 0; clusters && i < g_list_model_get_n_items (clusters); i++)
    {
      g_autoptr(CwTidbCluster) cluster = g_list_model_get_item (clusters, i);

      add_cluster (refresh, cluster);
    }
  refresh_job_done (refresh, error);
}

static void
list_clusters_job (Refresh  *refresh,
                   gpointer  data)
{
  cw_tidb_client_list_clusters_async (cw_clouds_get_tidb (refresh->clouds), g_task_get_cancellable (refresh->task),
                                      clusters_listed, refresh);
}

static void
stage_clusters (Refresh *refresh)
{
  if (refresh->cluster_ids == NULL)
    refresh_add_job (refresh, list_clusters_job, NULL);
  for (guint i = 0; refresh->cluster_ids && refresh->cluster_ids[i]; i++)
    refresh_add_job (refresh, get_cluster_job, refresh->cluster_ids[i]);
}

/* ---- stage 2: TiDB Cloud's links, and each region's services, load balancers… ---- */

static void
tidb_links_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Refresh *refresh = user_data;
  GError *error = NULL;
  GListModel *links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);

  /* The cluster's own list, filled page by page (on_tidb_links_added()). */
  g_clear_object (&links);

  /* A cluster found by listing them all may be of a plan that takes no private links
   * (Starter): it simply has none. One asked for by id must answer. */
  if (g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST) && refresh->cluster_ids == NULL)
    {
      g_debug ("%s", error->message);
      g_clear_error (&error);
    }
  refresh_job_done (refresh, error);
}

static void ask_health            (Refresh *refresh);
static void ask_first_balancers   (Refresh *refresh);
static void show_first_rows       (Refresh *refresh);

/* A page of TiDB Cloud's list: its links' health is asked at once if the regions'
 * listings are in, so that the first rows need not wait for the last page. */
static void
on_tidb_links_added (GListModel *links,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Refresh    *refresh)
{
  if (!refresh->indexed || refresh->error != NULL)
    return;
  show_first_rows (refresh);
  ask_first_balancers (refresh);
  ask_health (refresh);
  refresh_pump (refresh);
}

static void
list_tidb_links_job (Refresh  *refresh,
                     gpointer  data)
{
  CwJoinCluster *cluster = data;
  GListStore *links = g_list_store_new (CW_TYPE_TIDB_PRIVATE_LINK);

  cluster->links = G_LIST_MODEL (links);
  g_signal_connect (links, "items-changed", G_CALLBACK (on_tidb_links_added), refresh);
  cw_tidb_client_list_private_links_into_async (cw_clouds_get_tidb (refresh->clouds),
                                                cw_tidb_cluster_get_cluster_id (cluster->cluster), NULL, links,
                                                g_task_get_cancellable (refresh->task), tidb_links_listed, refresh);
}

static void start_resolving   (Refresh *refresh);
static void balancers_listed  (Refresh *refresh);

/* A region's listing or the journals came: once all have, links can be looked at. */
static void
listing_done (Refresh *refresh,
              GError  *error)
{
  if (--refresh->listings_pending == 0 && error == NULL && refresh->error == NULL)
    start_resolving (refresh);
  refresh_job_done (refresh, error);
}

/* The load balancers and target groups page the longest (400 a page): links can be
 * looked at before they end, those of the first screen by what was asked by ARN. */
static void
balancer_listing_done (Refresh *refresh,
                       GError  *error)
{
  if (--refresh->balancer_listings_pending == 0 && error == NULL && refresh->error == NULL)
    balancers_listed (refresh);
  refresh_job_done (refresh, error);
}

#define RECORDS_LOADED(name, finish, done)                                             \
  static void                                                                          \
  name##_loaded (GObject      *source,                                                 \
                 GAsyncResult *result,                                                 \
                 gpointer      user_data)                                              \
  {                                                                                    \
    g_autofree Call *call = user_data;                                                 \
    GError *error = NULL;                                                              \
                                                                                       \
    *(GPtrArray **) call->slot = finish (CW_AWS_CLIENT (source), result, &error);      \
    done (call->refresh, error);                                                       \
  }

RECORDS_LOADED (vpcs, cw_ec2_describe_vpcs_finish, listing_done)
RECORDS_LOADED (services, cw_ec2_describe_vpc_endpoint_service_configurations_finish, listing_done)
RECORDS_LOADED (connections, cw_ec2_describe_vpc_endpoint_connections_finish, listing_done)
RECORDS_LOADED (load_balancers, cw_elbv2_describe_load_balancers_finish, balancer_listing_done)
RECORDS_LOADED (target_groups, cw_elbv2_describe_target_groups_finish, balancer_listing_done)

#undef RECORDS_LOADED

static GCancellable *
cancellable_of (Refresh *refresh)
{
  return g_task_get_cancellable (refresh->task);
}

static void
vpcs_job (Refresh  *refresh,
          gpointer  data)
{
  CwJoinRegion *region = data;

  cw_ec2_describe_vpcs_async (aws_for (refresh, region), NULL, NULL, CW_AWS_CALL_DEFAULT, cancellable_of (refresh),
                              vpcs_loaded, call_new (refresh, &region->vpcs));
}

static void
services_job (Refresh  *refresh,
              gpointer  data)
{
  CwJoinRegion *region = data;

  cw_ec2_describe_vpc_endpoint_service_configurations_async (aws_for (refresh, region), NULL, NULL,
                                                             CW_AWS_CALL_DEFAULT, cancellable_of (refresh),
                                                             services_loaded, call_new (refresh, &region->services));
}

static void
connections_job (Refresh  *refresh,
                 gpointer  data)
{
  CwJoinRegion *region = data;

  cw_ec2_describe_vpc_endpoint_connections_async (aws_for (refresh, region), NULL, CW_AWS_CALL_DEFAULT,
                                                  cancellable_of (refresh), connections_loaded,
                                                  call_new (refresh, &region->connections));
}

static void
load_balancers_job (Refresh  *refresh,
                    gpointer  data)
{
  CwJoinRegion *region = data;

  cw_elbv2_describe_load_balancers_async (aws_for (refresh, region), NULL, NULL, CW_AWS_CALL_DEFAULT,
                                          cancellable_of (refresh), load_balancers_loaded,
                                          call_new (refresh, &region->load_balancers));
}

/* A target group lists the load balancers whose listeners forward to it: no listener
 * needs describing one by one. */
static void
target_groups_job (Refresh  *refresh,
                   gpointer  data)
{
  CwJoinRegion *region = data;

  cw_elbv2_describe_target_groups_async (aws_for (refresh, region), NULL, NULL, NULL, CW_AWS_CALL_DEFAULT,
                                         cancellable_of (refresh), target_groups_loaded,
                                         call_new (refresh, &region->target_groups));
}

static void
databases_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree Call *call = user_data;
  GError *error = NULL;

  *(GListModel **) call->slot = cw_load_databases_finish (CW_AWS_CLIENT (source), result, &error);
  listing_done (call->refresh, error);
}

static void
databases_job (Refresh  *refresh,
               gpointer  data)
{
  CwJoinRegion *region = data;

  cw_load_databases_async (aws_for (refresh, region), cancellable_of (refresh), databases_loaded,
                           call_new (refresh, &region->databases));
}

static void
journals_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Refresh *refresh = user_data;
  GError *error = NULL;

  refresh->records->journals = cw_journal_list_finish (result, &error);
  /* Unreadable journals only hide runs that never reached TiDB Cloud. */
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }
  listing_done (refresh, error);
}

/* This machine's runs: one that stopped before TiDB Cloud's side existed is a link to
 * show too. */
static void
journals_job (Refresh  *refresh,
              gpointer  data)
{
  cw_journal_list_async (cancellable_of (refresh), journals_listed, refresh);
}

static void
stage_fetch (Refresh *refresh)
{
  static const JobFunc region_jobs[] = {
    vpcs_job, services_job, connections_job, databases_job,
  };
  static const JobFunc balancer_jobs[] = {
    load_balancers_job, target_groups_job,
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  CwJoinRegion *region;

  refresh_add_job (refresh, journals_job, NULL);
  refresh->listings_pending = 1;
  for (guint i = 0; i < refresh->records->clusters->len; i++)
    {
      CwJoinCluster *cluster = g_ptr_array_index (refresh->records->clusters, i);
      const char *name = cw_tidb_cluster_get_aws_region (cluster->cluster);

      refresh_add_job (refresh, list_tidb_links_job, cluster);
      if (!g_hash_table_add (seen, (gpointer) name))
        continue;
      region = cw_link_records_region (refresh->records, name);
      region->balancers_partial = TRUE;
      for (guint j = 0; j < G_N_ELEMENTS (balancer_jobs); j++)
        refresh_add_job (refresh, balancer_jobs[j], region);
      for (guint j = 0; j < G_N_ELEMENTS (region_jobs); j++)
        refresh_add_job (refresh, region_jobs[j], region);
      refresh->listings_pending += G_N_ELEMENTS (region_jobs);
      refresh->balancer_listings_pending += G_N_ELEMENTS (balancer_jobs);
    }
}

/* ---- stage 3: the databases' addresses and the targets' health ---- */

static void
add_vpc_cidrs (CwJoinRegion *region,
               const char   *vpc_id,
               GStrvBuilder *builder)
{
  for (guint i = 0; region->vpcs && i < region->vpcs->len; i++)
    {
      CwEc2Vpc *vpc = g_ptr_array_index (region->vpcs, i);

      if (g_strcmp0 (vpc->vpc_id, vpc_id) != 0)
        continue;
      for (guint j = 0; vpc->cidr_block_associations && j < vpc->cidr_block_associations->len; j++)
        g_strv_builder_add (builder, ((CwEc2CidrBlock *) g_ptr_array_index (vpc->cidr_block_associations, j))->cidr_block);
      if (vpc->cidr_block != NULL)
        g_strv_builder_add (builder, vpc->cidr_block);
    }
}

typedef struct {
  CwJoinRegion *region;
  CwDatabase   *database;
} Address;

static void
address_resolved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree Call *call = user_data;
  Address *address = call->slot;
  g_autoptr(GError) error = NULL;
  g_autofree char *ip = cw_resolve_private_ip_finish (CW_AWS_CLIENT (source), result, &error);

  /* A database without an address is only a gap in what can be said about drift. */
  if (ip == NULL)
    {
      g_debug ("%s: %s", cw_database_get_id (address->database), error->message);
      address->region->databases_known = FALSE;
    }
  else
    {
      cw_link_records_set_address (address->region, cw_database_get_id (address->database), ip);
    }
  address->region->addresses_pending--;
  g_object_unref (address->database);
  g_free (address);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    publish_progress (call->refresh);
  refresh_job_done (call->refresh, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                     ? g_steal_pointer (&error) : NULL);
}

static void
address_job (Refresh  *refresh,
             gpointer  data)
{
  Address *address = data;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) cidrs = NULL;

  add_vpc_cidrs (address->region, cw_database_get_vpc_id (address->database), builder);
  cidrs = g_strv_builder_end (builder);
  cw_resolve_private_ip_async (aws_for (refresh, address->region), cw_database_get_endpoint (address->database),
                               (const char * const *) cidrs, cancellable_of (refresh), address_resolved,
                               call_new (refresh, address));
}

static void
health_described (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree Call *call = user_data;
  g_autofree char *arn = call->slot;
  GError *error = NULL;
  GPtrArray *healths = cw_elbv2_describe_target_health_finish (CW_AWS_CLIENT (source), result, &error);

  if (healths != NULL)
    {
      g_hash_table_replace (call->refresh->records->healths, g_steal_pointer (&arn), healths);
      publish_progress (call->refresh);
    }
  refresh_job_done (call->refresh, error);
}

typedef struct {
  CwJoinRegion *region;
  char         *arn;
} Health;

static void
health_job (Refresh  *refresh,
            gpointer  data)
{
  g_autofree Health *health = data;

  cw_elbv2_describe_target_health_async (aws_for (refresh, health->region), health->arn, NULL, CW_AWS_CALL_DEFAULT,
                                         cancellable_of (refresh), health_described,
                                         call_new (refresh, health->arn));
}

/* The health of every link's target group not yet asked for: as TiDB Cloud's pages come,
 * and once more when all have. */
static void
ask_health (Refresh *refresh)
{
  for (guint c = 0; c < refresh->records->clusters->len; c++)
    {
      CwJoinCluster *cluster = g_ptr_array_index (refresh->records->clusters, c);
      CwJoinRegion *region = cw_link_records_region_of (refresh->records, cluster);

      for (guint i = 0; cluster->links && i < g_list_model_get_n_items (cluster->links); i++)
        {
          g_autoptr(CwTidbPrivateLink) link = g_list_model_get_item (cluster->links, i);
          GPtrArray *groups = cw_link_records_awaited_groups (region, link);

          for (guint g = 0; groups && g < groups->len; g++)
            {
              CwElbTargetGroup *group = g_ptr_array_index (groups, g);
              Health *health;

              if (!g_hash_table_add (refresh->asked_groups, group->target_group_arn))
                continue;
              health = g_new0 (Health, 1);
              health->region = region;
              health->arn = g_strdup (group->target_group_arn);
              refresh_add_job (refresh, health_job, health);
            }
        }
    }
}

/* ---- the first screen's load balancers, before their lists end ---- */

typedef struct {
  CwJoinRegion *region;
  GStrv         arns;   /* the load balancers; for target groups, the one they forward from */
} FirstAsk;

static void
first_ask_free (FirstAsk *ask)
{
  g_strfreev (ask->arns);
  g_free (ask);
}

/* What was asked by ARN joins the lookups, unless the lists came first. A failed ask
 * (a load balancer deleted since its service was listed fails the whole call) only
 * leaves its links to the lists. */
static void
first_records_got (Refresh       *refresh,
                   CwJoinRegion  *region,
                   GPtrArray    **slot,
                   GPtrArray     *records,
                   GError        *error)
{
  if (records != NULL && region->balancers_partial)
    {
      if (*slot == NULL)
        *slot = g_steal_pointer (&records);
      else
        g_ptr_array_extend_and_steal (*slot, g_steal_pointer (&records));
      cw_link_records_index (refresh->records);
      ask_health (refresh);
    }
  g_clear_pointer (&records, g_ptr_array_unref);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("The first screen's load balancers: %s", error->message);
      g_clear_error (&error);
    }
  refresh_job_done (refresh, error);
}

static void
first_load_balancers_loaded (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autofree Call *call = user_data;
  CwJoinRegion *region = call->slot;
  GError *error = NULL;
  GPtrArray *records = cw_elbv2_describe_load_balancers_finish (CW_AWS_CLIENT (source), result, &error);

  first_records_got (call->refresh, region, &region->first_load_balancers, records, error);
}

static void
first_target_groups_loaded (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autofree Call *call = user_data;
  CwJoinRegion *region = call->slot;
  GError *error = NULL;
  GPtrArray *records = cw_elbv2_describe_target_groups_finish (CW_AWS_CLIENT (source), result, &error);

  first_records_got (call->refresh, region, &region->first_target_groups, records, error);
}

static void
first_load_balancers_job (Refresh  *refresh,
                          gpointer  data)
{
  FirstAsk *ask = data;

  cw_elbv2_describe_load_balancers_async (aws_for (refresh, ask->region), (const char * const *) ask->arns, NULL,
                                          CW_AWS_CALL_DEFAULT, cancellable_of (refresh), first_load_balancers_loaded,
                                          call_new (refresh, ask->region));
  first_ask_free (ask);
}

static void
first_target_groups_job (Refresh  *refresh,
                         gpointer  data)
{
  FirstAsk *ask = data;

  cw_elbv2_describe_target_groups_async (aws_for (refresh, ask->region), ask->arns[0], NULL, NULL,
                                         CW_AWS_CALL_DEFAULT, cancellable_of (refresh), first_target_groups_loaded,
                                         call_new (refresh, ask->region));
  first_ask_free (ask);
}

static FirstAsk *
first_ask_new (CwJoinRegion *region,
               GStrv         arns)
{
  FirstAsk *ask = g_new0 (FirstAsk, 1);

  ask->region = region;
  ask->arns = arns;
  return ask;
}

/* The load balancers and target groups of the first screen's links, asked for by ARN:
 * the lists come 400 a page, and a thousand links' would hold the first rows back by
 * as many round trips. FIRST_SCREEN is within DescribeLoadBalancers' 20 ARNs a call. */
static void
ask_first_balancers (Refresh *refresh)
{
  guint counted = 0;

  for (guint c = 0; c < refresh->records->clusters->len && counted < FIRST_SCREEN; c++)
    {
      CwJoinCluster *cluster = g_ptr_array_index (refresh->records->clusters, c);
      CwJoinRegion *region = cw_link_records_region_of (refresh->records, cluster);
      g_autoptr(GStrvBuilder) arns = g_strv_builder_new ();
      guint asked = 0;

      for (guint i = 0; cluster->links && i < g_list_model_get_n_items (cluster->links) && counted < FIRST_SCREEN;
           i++, counted++)
        {
          g_autoptr(CwTidbPrivateLink) link = g_list_model_get_item (cluster->links, i);
          const char *arn = cw_link_records_balancer_arn (region, link);
          const char *one[] = { arn, NULL };

          if (!region->balancers_partial || arn == NULL || !g_hash_table_add (refresh->asked_balancers, (gpointer) arn))
            continue;
          refresh_add_job (refresh, first_target_groups_job, first_ask_new (region, g_strdupv ((char **) one)));
          g_strv_builder_add (arns, arn);
          asked++;
        }
      if (asked > 0)
        refresh_add_job (refresh, first_load_balancers_job, first_ask_new (region, g_strv_builder_end (arns)));
    }
}

/* Every region's load balancers and target groups are listed: every link can be joined. */
static void
balancers_listed (Refresh *refresh)
{
  GHashTableIter iter;
  CwJoinRegion *region;

  g_hash_table_iter_init (&iter, refresh->records->regions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &region))
    region->balancers_partial = FALSE;
  if (!refresh->indexed)
    return;
  cw_link_records_index (refresh->records);
  ask_health (refresh);
}

/* The regions' listings and the journals are in: their lookups are made, the databases'
 * addresses asked for, and the health of the links TiDB Cloud has listed so far. */
static void
start_resolving (Refresh *refresh)
{
  CwLinkInventory *self = g_task_get_source_object (refresh->task);
  GHashTableIter iter;
  CwJoinRegion *region;

  /* What earlier refreshes found are the databases' previous addresses. */
  cw_link_records_add_seen_addresses (refresh->records, self->addresses);
  cw_link_records_index (refresh->records);
  refresh->indexed = TRUE;
  show_first_rows (refresh);
  ask_first_balancers (refresh);
  g_hash_table_iter_init (&iter, refresh->records->regions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &region))
    {
      for (guint i = 0; region->databases && i < g_list_model_get_n_items (region->databases); i++)
        {
          Address *address = g_new0 (Address, 1);

          address->region = region;
          address->database = g_list_model_get_item (region->databases, i);
          region->addresses_pending++;
          refresh_add_job (refresh, address_job, address);
        }
    }
  ask_health (refresh);
}

/* Every list is in: what was not asked for while they came is asked now. */
static void
stage_resolve (Refresh *refresh)
{
  if (!refresh->indexed)
    start_resolving (refresh);
  else
    ask_health (refresh);
}

static void
publish (CwLinkInventory *self,
         GPtrArray       *links)
{
  g_list_store_splice (self->links, 0, g_list_model_get_n_items (G_LIST_MODEL (self->links)), links->pdata,
                       links->len);
}

/* On a first load, the first screenful as soon as TiDB Cloud and the regions' lists
 * name it: a person sees their links while their health is asked for. */
static void
show_first_rows (Refresh *refresh)
{
  CwLinkInventory *self = g_task_get_source_object (refresh->task);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->links));
  g_autoptr(GPtrArray) links = NULL;

  /* Rows already shown stay, unless TiDB Cloud's next pages add to a short first screen. */
  if (shown > 0 && (!refresh->checking_shown || shown >= FIRST_SCREEN))
    return;
  links = cw_link_records_join_early (refresh->records, FIRST_SCREEN);
  if (links->len <= shown)
    return;
  publish (self, links);
  refresh->checking_shown = TRUE;
}

/* An answer came while the targets' health is described. On a first load, the first
 * screenful of complete links takes the place of the rows still checking; the rest
 * comes at the end: each change of a long list costs the view more than the links gain
 * by coming early. */
static void
publish_progress (Refresh *refresh)
{
  CwLinkInventory *self = g_task_get_source_object (refresh->task);
  g_autoptr(GPtrArray) links = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->links)) > 0 && !refresh->checking_shown)
    return;
  links = cw_link_records_join (refresh->records, FALSE);
  if (links->len < FIRST_SCREEN)
    return;
  publish (self, links);
  refresh->checking_shown = FALSE;
}

static void
stage_join (Refresh *refresh)
{
  CwLinkInventory *self = g_task_get_source_object (refresh->task);
  g_autoptr(GPtrArray) links = cw_link_records_join (refresh->records, TRUE);

  cw_link_records_note_addresses (refresh->records, self->addresses);
  publish (self, links);
  refresh_end (refresh, NULL);
  cw_memory_release_free ();
}

static void
stage_resolve_then_join (Refresh *refresh)
{
  refresh_run_stage (refresh, stage_resolve, stage_join);
}

static void
stage_fetch_then_resolve (Refresh *refresh)
{
  refresh_run_stage (refresh, stage_fetch, stage_resolve_then_join);
}

/* ---- GObject ---- */

static void
set_loading (CwLinkInventory *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
cw_link_inventory_finalize (GObject *object)
{
  CwLinkInventory *self = CW_LINK_INVENTORY (object);

  g_clear_object (&self->clouds);
  g_clear_object (&self->links);
  g_clear_pointer (&self->addresses, g_hash_table_unref);
  G_OBJECT_CLASS (cw_link_inventory_parent_class)->finalize (object);
}

static void
cw_link_inventory_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CwLinkInventory *self = CW_LINK_INVENTORY (object);

  switch (prop_id)
    {
    case PROP_LINKS:
      g_value_set_object (value, self->links);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_link_inventory_class_init (CwLinkInventoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_link_inventory_finalize;
  object_class->get_property = cw_link_inventory_get_property;

  properties[PROP_LINKS] = g_param_spec_object ("links", NULL, NULL, G_TYPE_LIST_MODEL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_link_inventory_init (CwLinkInventory *self)
{
  self->links = g_list_store_new (CW_TYPE_LINK);
  self->addresses = cw_link_records_new_seen_addresses ();
}

CwLinkInventory *
cw_link_inventory_new (CwClouds *clouds)
{
  CwLinkInventory *self = g_object_new (CW_TYPE_LINK_INVENTORY, NULL);

  self->clouds = g_object_ref (clouds);
  return self;
}

GListModel *
cw_link_inventory_get_links (CwLinkInventory *self)
{
  g_return_val_if_fail (CW_IS_LINK_INVENTORY (self), NULL);
  return G_LIST_MODEL (self->links);
}

gboolean
cw_link_inventory_get_loading (CwLinkInventory *self)
{
  g_return_val_if_fail (CW_IS_LINK_INVENTORY (self), FALSE);
  return self->loading;
}

/* Lists the links of @cluster_ids (NULL: of every cluster on AWS the key sees). */
void
cw_link_inventory_refresh_async (CwLinkInventory     *self,
                                 const char * const  *cluster_ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Refresh *refresh = g_new0 (Refresh, 1);

  g_return_if_fail (CW_IS_LINK_INVENTORY (self));
  refresh->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (refresh->task, cw_link_inventory_refresh_async);
  refresh->clouds = g_object_ref (self->clouds);
  refresh->cluster_ids = g_strdupv ((char **) cluster_ids);
  refresh->records = cw_link_records_new ();
  refresh->asked_groups = g_hash_table_new (g_str_hash, g_str_equal);
  refresh->asked_balancers = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&refresh->jobs);
  set_loading (self, TRUE);
  refresh_run_stage (refresh, stage_clusters, stage_fetch_then_resolve);
}

gboolean
cw_link_inventory_refresh_finish (CwLinkInventory  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* By the link's id, its TiDB Cloud connection id or its display name. */
/* For the repairs of cw-link-inventory-repair.c. */
CwClouds *
cw_link_inventory_get_clouds (CwLinkInventory *self)
{
  g_return_val_if_fail (CW_IS_LINK_INVENTORY (self), NULL);
  return self->clouds;
}

CwLink *
cw_link_inventory_find (CwLinkInventory *self,
                        const char      *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->links));

  g_return_val_if_fail (CW_IS_LINK_INVENTORY (self), NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwLink) link = g_list_model_get_item (G_LIST_MODEL (self->links), i);

      if (g_strcmp0 (cw_link_get (link, CW_LINK_LINK_ID), id) == 0 ||
          g_strcmp0 (cw_link_get (link, CW_LINK_PRIVATE_LINK_ID), id) == 0 ||
          g_strcmp0 (cw_link_get (link, CW_LINK_DISPLAY_NAME), id) == 0)
        return link;
    }
  return NULL;
}
