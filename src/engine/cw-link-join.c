/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-join.c: see cw-link-join.h */
#define G_LOG_DOMAIN "cw-link-join"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cw-database.h"
#include "cw-journal.h"
#include "cw-link-join.h"
#include "cw-plan-loaders.h"
#include "cw-provisioner.h"

/* ---- the records ---- */

static void
region_free (CwJoinRegion *region)
{
  g_free (region->name);
  g_clear_pointer (&region->vpcs, g_ptr_array_unref);
  g_clear_pointer (&region->services, g_ptr_array_unref);
  g_clear_pointer (&region->connections, g_ptr_array_unref);
  g_clear_pointer (&region->load_balancers, g_ptr_array_unref);
  g_clear_pointer (&region->target_groups, g_ptr_array_unref);
  g_clear_pointer (&region->first_load_balancers, g_ptr_array_unref);
  g_clear_pointer (&region->first_target_groups, g_ptr_array_unref);
  g_clear_object (&region->databases);
  g_hash_table_unref (region->ip_by_database);
  g_hash_table_unref (region->database_by_ip);
  g_hash_table_unref (region->database_by_previous_ip);
  g_clear_pointer (&region->service_by_name, g_hash_table_unref);
  g_clear_pointer (&region->balancer_by_arn, g_hash_table_unref);
  g_clear_pointer (&region->group_by_balancer, g_hash_table_unref);
  g_clear_pointer (&region->connection_by_endpoint, g_hash_table_unref);
  g_free (region);
}

static void
cluster_free (CwJoinCluster *cluster)
{
  g_clear_object (&cluster->cluster);
  g_clear_object (&cluster->links);
  g_free (cluster);
}

CwLinkRecords *
cw_link_records_new (void)
{
  CwLinkRecords *records = g_new0 (CwLinkRecords, 1);

  records->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_free);
  records->regions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) region_free);
  records->healths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  records->joined = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  return records;
}

void
cw_link_records_free (CwLinkRecords *records)
{
  g_ptr_array_unref (records->clusters);
  g_hash_table_unref (records->regions);
  g_hash_table_unref (records->healths);
  g_hash_table_unref (records->joined);
  g_clear_pointer (&records->journals, g_ptr_array_unref);
  g_free (records);
}

CwJoinCluster *
cw_link_records_add_cluster (CwLinkRecords *records,
                             CwTidbCluster *tidb_cluster)
{
  CwJoinCluster *cluster = g_new0 (CwJoinCluster, 1);

  cluster->cluster = g_object_ref (tidb_cluster);
  g_ptr_array_add (records->clusters, cluster);
  return cluster;
}

/* The region's records, made empty on first use. */
CwJoinRegion *
cw_link_records_region (CwLinkRecords *records,
                        const char    *name)
{
  CwJoinRegion *region = g_hash_table_lookup (records->regions, name);

  if (region == NULL)
    {
      region = g_new0 (CwJoinRegion, 1);
      region->name = g_strdup (name);
      region->ip_by_database = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      region->database_by_ip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      region->database_by_previous_ip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      region->databases_known = TRUE;
      g_hash_table_insert (records->regions, region->name, region);
    }
  return region;
}

CwJoinRegion *
cw_link_records_region_of (CwLinkRecords *records,
                           CwJoinCluster *cluster)
{
  return g_hash_table_lookup (records->regions, cw_tidb_cluster_get_aws_region (cluster->cluster));
}

/* @ip is @database_id's current private address. */
void
cw_link_records_set_address (CwJoinRegion *region,
                             const char   *database_id,
                             const char   *ip)
{
  g_hash_table_replace (region->ip_by_database, g_strdup (database_id), g_strdup (ip));
  g_hash_table_replace (region->database_by_ip, g_strdup (ip), g_strdup (database_id));
}

/* @ip was @database_id's address before: a failover or a restore has moved it since. A
 * link made by hand still pointing there is that database's, drifted. */
void
cw_link_records_add_previous_address (CwJoinRegion *region,
                                      const char   *database_id,
                                      const char   *ip)
{
  if (database_id != NULL && ip != NULL)
    g_hash_table_replace (region->database_by_previous_ip, g_strdup (ip), g_strdup (database_id));
}

/* What a long-lived inventory remembers of the addresses its refreshes found: region
 * name → (address → database id). */
GHashTable *
cw_link_records_new_seen_addresses (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
}

/* The addresses earlier refreshes found, in @seen, become previous addresses: by them a
 * link made by hand is still known after its database moved. */
void
cw_link_records_add_seen_addresses (CwLinkRecords *records,
                                    GHashTable    *seen)
{
  GHashTableIter regions;
  const char *name;
  CwJoinRegion *region;

  g_hash_table_iter_init (&regions, records->regions);
  while (g_hash_table_iter_next (&regions, (gpointer *) &name, (gpointer *) &region))
    {
      GHashTable *addresses = g_hash_table_lookup (seen, name);
      GHashTableIter iter;
      const char *ip;
      const char *database_id;

      if (addresses == NULL)
        continue;
      g_hash_table_iter_init (&iter, addresses);
      while (g_hash_table_iter_next (&iter, (gpointer *) &ip, (gpointer *) &database_id))
        cw_link_records_add_previous_address (region, database_id, ip);
    }
}

/* Adds the current addresses of @records to @seen, for the next refresh. */
void
cw_link_records_note_addresses (CwLinkRecords *records,
                                GHashTable    *seen)
{
  GHashTableIter regions;
  const char *name;
  CwJoinRegion *region;

  g_hash_table_iter_init (&regions, records->regions);
  while (g_hash_table_iter_next (&regions, (gpointer *) &name, (gpointer *) &region))
    {
      GHashTable *addresses = g_hash_table_lookup (seen, name);
      GHashTableIter iter;
      const char *ip;
      const char *database_id;

      if (addresses == NULL)
        {
          addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (seen, g_strdup (name), addresses);
        }
      g_hash_table_iter_init (&iter, region->database_by_ip);
      while (g_hash_table_iter_next (&iter, (gpointer *) &ip, (gpointer *) &database_id))
        g_hash_table_replace (addresses, g_strdup (ip), g_strdup (database_id));
    }
}

/* The addresses this machine's runs found their databases at are earlier addresses of
 * those databases, whatever link asks. */
static void
add_journal_addresses (CwLinkRecords *records)
{
  for (guint i = 0; records->journals && i < records->journals->len; i++)
    {
      CwJournal *journal = g_ptr_array_index (records->journals, i);
      const char *name = cw_journal_get_spec (journal, CW_SPEC_REGION);
      CwJoinRegion *region = name ? g_hash_table_lookup (records->regions, name) : NULL;
      const char *database_id = cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID);

      if (region == NULL)
        continue;
      cw_link_records_add_previous_address (region, database_id, cw_journal_get_spec (journal, CW_SPEC_DATABASE_IP));
      cw_link_records_add_previous_address (region, database_id,
                                            cw_journal_get_resource (journal, CW_RES_REGISTERED_IP));
    }
}

/* Lookups of a region's records, made once they are fetched (and again when the first
 * screen's load balancers came before the lists): a thousand links each look up their
 * service, load balancer, target group and endpoint connection. The first record of a
 * key wins, as a search in the records' order would find it. */
static void
index_records (GHashTable *index,
               GPtrArray  *records,
               gsize       key_offset)
{
  for (guint i = 0; records && i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);
      const char *key = G_STRUCT_MEMBER (const char *, record, key_offset);

      if (key != NULL && !g_hash_table_contains (index, key))
        g_hash_table_insert (index, (gpointer) key, record);
    }
}

static GHashTable *
new_index (GPtrArray *records,
           GPtrArray *more_records,
           gsize      key_offset)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  index_records (index, records, key_offset);
  index_records (index, more_records, key_offset);
  return index;
}

static gboolean
group_has_arn (gconstpointer group,
               gconstpointer arn)
{
  return g_strcmp0 (((const CwElbTargetGroup *) group)->target_group_arn, arn) == 0;
}

/* A target group lists the load balancers whose listeners forward to it: a load
 * balancer → its target groups, in the records' order, each once. */
static void
index_groups_by_balancer (GHashTable *index,
                          GPtrArray  *groups)
{
  for (guint i = 0; groups && i < groups->len; i++)
    {
      CwElbTargetGroup *group = g_ptr_array_index (groups, i);

      for (guint j = 0; group->load_balancer_arns && group->load_balancer_arns[j]; j++)
        {
          GPtrArray *forwarded = g_hash_table_lookup (index, group->load_balancer_arns[j]);

          if (forwarded == NULL)
            {
              forwarded = g_ptr_array_new ();
              g_hash_table_insert (index, group->load_balancer_arns[j], forwarded);
            }
          if (!g_ptr_array_find_with_equal_func (forwarded, group->target_group_arn, group_has_arn, NULL))
            g_ptr_array_add (forwarded, group);
        }
    }
}

static void
index_region (CwJoinRegion *region)
{
  g_clear_pointer (&region->service_by_name, g_hash_table_unref);
  g_clear_pointer (&region->balancer_by_arn, g_hash_table_unref);
  g_clear_pointer (&region->connection_by_endpoint, g_hash_table_unref);
  g_clear_pointer (&region->group_by_balancer, g_hash_table_unref);
  region->service_by_name = new_index (region->services, NULL,
                                       G_STRUCT_OFFSET (CwEc2ServiceConfiguration, service_name));
  region->balancer_by_arn = new_index (region->load_balancers, region->first_load_balancers,
                                       G_STRUCT_OFFSET (CwElbLoadBalancer, load_balancer_arn));
  region->connection_by_endpoint = new_index (region->connections, NULL,
                                              G_STRUCT_OFFSET (CwEc2VpcEndpointConnection, vpc_endpoint_id));
  region->group_by_balancer = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                     (GDestroyNotify) g_ptr_array_unref);
  index_groups_by_balancer (region->group_by_balancer, region->target_groups);
  index_groups_by_balancer (region->group_by_balancer, region->first_target_groups);
}

void
cw_link_records_index (CwLinkRecords *records)
{
  GHashTableIter iter;
  CwJoinRegion *region;

  add_journal_addresses (records);
  g_hash_table_iter_init (&iter, records->regions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &region))
    index_region (region);
}

/* ---- joining ---- */

static CwEc2ServiceConfiguration *
find_service (CwJoinRegion *region,
              const char   *service_name)
{
  return service_name ? g_hash_table_lookup (region->service_by_name, service_name) : NULL;
}

static const char *
balancer_arn_of (CwEc2ServiceConfiguration *service)
{
  return service && service->network_load_balancer_arns ? service->network_load_balancer_arns[0] : NULL;
}

static CwElbLoadBalancer *
find_load_balancer (CwJoinRegion              *region,
                    CwEc2ServiceConfiguration *service)
{
  const char *arn = balancer_arn_of (service);

  return arn ? g_hash_table_lookup (region->balancer_by_arn, arn) : NULL;
}

static GPtrArray *
find_target_groups (CwJoinRegion      *region,
                    CwElbLoadBalancer *balancer)
{
  return balancer ? g_hash_table_lookup (region->group_by_balancer, balancer->load_balancer_arn) : NULL;
}

static CwElbTargetGroup *
group_named (GPtrArray  *groups,
             const char *name)
{
  for (guint i = 0; groups && i < groups->len; i++)
    if (g_strcmp0 (((CwElbTargetGroup *) g_ptr_array_index (groups, i))->target_group_name, name) == 0)
      return g_ptr_array_index (groups, i);
  return NULL;
}

/* A database added to the link, as the endpoint service's tag names it. */
typedef struct {
  guint  port;
  char  *database_id;
  char  *group_name;
} PortTag;

static void
port_tag_clear (PortTag *tag)
{
  g_free (tag->database_id);
  g_free (tag->group_name);
}

/* The databases the service's tags say were added to its link: CW_TAG_PORT_PREFIX<port>
 * = "<database id>/<target group name>". A tag not of that form is not one. */
static GArray *
port_tags_of (CwEc2ServiceConfiguration *service)
{
  GArray *tags = g_array_new (FALSE, TRUE, sizeof (PortTag));

  g_array_set_clear_func (tags, (GDestroyNotify) port_tag_clear);
  for (guint i = 0; service && service->tags && i < service->tags->len; i++)
    {
      CwAwsKeyValue *pair = g_ptr_array_index (service->tags, i);
      const char *slash = pair->value ? strchr (pair->value, '/') : NULL;
      guint64 port = 0;
      PortTag tag;

      if (!g_str_has_prefix (pair->key, CW_TAG_PORT_PREFIX) || slash == NULL || slash == pair->value ||
          !g_ascii_string_to_unsigned (pair->key + strlen (CW_TAG_PORT_PREFIX), 10, 1, 65535, &port, NULL))
        continue;
      tag.port = (guint) port;
      tag.database_id = g_strndup (pair->value, slash - pair->value);
      tag.group_name = g_strdup (slash + 1);
      g_array_append_val (tags, tag);
    }
  return tags;
}

static gboolean
names_group (GArray           *tags,
             CwElbTargetGroup *group)
{
  for (guint i = 0; i < tags->len; i++)
    if (g_strcmp0 (g_array_index (tags, PortTag, i).group_name, group->target_group_name) == 0)
      return TRUE;
  return FALSE;
}

/* The link's own target group: the first on its load balancer that no added database's
 * tag names. */
static CwElbTargetGroup *
find_target_group (CwJoinRegion              *region,
                   CwElbLoadBalancer         *balancer,
                   CwEc2ServiceConfiguration *service)
{
  GPtrArray *groups = find_target_groups (region, balancer);
  g_autoptr(GArray) tags = port_tags_of (service);

  for (guint i = 0; groups && i < groups->len; i++)
    if (!names_group (tags, g_ptr_array_index (groups, i)))
      return g_ptr_array_index (groups, i);
  return NULL;
}

static CwEc2VpcEndpointConnection *
find_connection (CwJoinRegion *region,
                 const char   *service_id,
                 const char   *endpoint_id)
{
  CwEc2VpcEndpointConnection *connection = endpoint_id ? g_hash_table_lookup (region->connection_by_endpoint,
                                                                              endpoint_id)
                                                       : NULL;

  return connection && g_strcmp0 (connection->service_id, service_id) == 0 ? connection : NULL;
}

/* The load balancer of @tidb_link's endpoint service, as the service names it. */
const char *
cw_link_records_balancer_arn (CwJoinRegion      *region,
                              CwTidbPrivateLink *tidb_link)
{
  return balancer_arn_of (find_service (region, cw_tidb_private_link_get_service_name (tidb_link)));
}

GPtrArray *
cw_link_records_awaited_groups (CwJoinRegion      *region,
                                CwTidbPrivateLink *tidb_link)
{
  CwEc2ServiceConfiguration *service = find_service (region, cw_tidb_private_link_get_service_name (tidb_link));

  return find_target_groups (region, find_load_balancer (region, service));
}

/* The target to judge: the one at the database's address if there is one. */
static CwElbTargetHealth *
pick_target (GPtrArray  *healths,
             const char *database_ip)
{
  for (guint i = 0; healths && i < healths->len; i++)
    if (g_strcmp0 (((CwElbTargetHealth *) g_ptr_array_index (healths, i))->target_id, database_ip) == 0)
      return g_ptr_array_index (healths, i);
  return healths && healths->len > 0 ? g_ptr_array_index (healths, 0) : NULL;
}

/* Sets the link's target and its health from @healths, the answer of
 * DescribeTargetHealth for its target group: the full refresh and the watcher's
 * look at one link both judge the target this way. Answers the target picked. */
CwElbTargetHealth *
cw_link_join_target (CwLink     *link,
                     GPtrArray  *healths,
                     const char *database_ip)
{
  CwElbTargetHealth *target = pick_target (healths, database_ip);

  cw_link_set (link, CW_LINK_REGISTERED_IP, target ? target->target_id : NULL);
  cw_link_set (link, CW_LINK_TARGET_HEALTH, target ? target->state : NULL);
  cw_link_set (link, CW_LINK_TARGET_HEALTH_REASON, target ? target->reason : NULL);
  cw_link_set (link, CW_LINK_TARGET_HEALTH_DESCRIPTION, target ? target->description : NULL);
  return target;
}

/* Whether the load balancer could reach @database_id at all: in its VPC, on its port. */
static gboolean
reachable (CwJoinRegion      *region,
           const char        *database_id,
           CwElbLoadBalancer *balancer,
           CwElbTargetGroup  *group)
{
  g_autoptr(CwDatabase) database = NULL;

  if (database_id == NULL || region->databases == NULL)
    return FALSE;
  database = cw_find_database (region->databases, database_id);
  return database != NULL && g_strcmp0 (cw_database_get_vpc_id (database), balancer->vpc_id) == 0 &&
         cw_database_get_port (database) == (guint) group->port;
}

/* A link made by hand names no database: the one its target's address is, or was, is
 * taken for it, if the load balancer could reach it. Addresses repeat across VPCs, hence
 * the check; the current owner of an address comes before an earlier one. */
static const char *
infer_database (CwJoinRegion      *region,
                CwElbLoadBalancer *balancer,
                CwElbTargetGroup  *group,
                const char        *target_ip)
{
  const char *current = g_hash_table_lookup (region->database_by_ip, target_ip);
  const char *earlier = g_hash_table_lookup (region->database_by_previous_ip, target_ip);

  if (balancer == NULL || group == NULL)
    return NULL;
  if (reachable (region, current, balancer, group))
    return current;
  return reachable (region, earlier, balancer, group) ? earlier : NULL;
}

/* What a database added to the link shares with it. */
static void
copy_link_fields (CwLink *added,
                  CwLink *link)
{
  static const CwLinkField shared[] = {
    CW_LINK_LINK_ID, CW_LINK_PRIVATE_LINK_ID, CW_LINK_DISPLAY_NAME, CW_LINK_CLUSTER_ID, CW_LINK_CLUSTER_NAME,
    CW_LINK_REGION, CW_LINK_TIDB_STATE, CW_LINK_ENDPOINT_ID, CW_LINK_ENDPOINT_SERVICE_ID,
    CW_LINK_ENDPOINT_SERVICE_NAME, CW_LINK_ENDPOINT_SERVICE_STATE, CW_LINK_CONNECTION_STATE,
    CW_LINK_LOAD_BALANCER_ARN, CW_LINK_LOAD_BALANCER_NAME, CW_LINK_LOAD_BALANCER_STATE, CW_LINK_VPC_ID,
  };

  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    cw_link_set (added, shared[i], cw_link_get (link, shared[i]));
}

/* Each database the service's tags name, served by its own target group and listener
 * of the link's load balancer. */
static void
join_added_databases (CwLinkRecords             *records,
                      CwJoinRegion              *region,
                      CwLink                    *link,
                      CwElbLoadBalancer         *balancer,
                      CwEc2ServiceConfiguration *service)
{
  g_autoptr(GArray) tags = port_tags_of (service);
  GPtrArray *groups = find_target_groups (region, balancer);

  for (guint i = 0; i < tags->len; i++)
    {
      PortTag *tag = &g_array_index (tags, PortTag, i);
      CwElbTargetGroup *group = group_named (groups, tag->group_name);
      const char *ip = g_hash_table_lookup (region->ip_by_database, tag->database_id);
      g_autoptr(CwDatabase) database = region->databases ? cw_find_database (region->databases, tag->database_id)
                                                         : NULL;
      g_autoptr(CwLink) added = cw_link_new ();

      copy_link_fields (added, link);
      cw_link_set (added, CW_LINK_DATABASE_ID, tag->database_id);
      cw_link_set (added, CW_LINK_DATABASE_IP, ip);
      cw_link_set (added, CW_LINK_DATABASE_ENDPOINT, database ? cw_database_get_endpoint (database) : NULL);
      cw_link_set_listener_port (added, tag->port);
      cw_link_set_listener (added, group != NULL);
      cw_link_set_databases_known (added, region->databases_known);
      if (group != NULL)
        {
          cw_link_set (added, CW_LINK_TARGET_GROUP_ARN, group->target_group_arn);
          cw_link_set (added, CW_LINK_TARGET_GROUP_NAME, group->target_group_name);
          cw_link_set_port (added, group->port);
          cw_link_join_target (added, g_hash_table_lookup (records->healths, group->target_group_arn), ip);
        }
      cw_link_add_database (link, added);
    }
}

static void
join_aws (CwLinkRecords             *records,
          CwJoinRegion              *region,
          CwLink                    *link,
          CwEc2ServiceConfiguration *service)
{
  CwElbLoadBalancer *balancer = find_load_balancer (region, service);
  CwElbTargetGroup *group = find_target_group (region, balancer, service);
  const char *database_id = cw_aws_key_values_lookup (service->tags, CW_TAG_DATABASE);
  const char *database_ip = database_id ? g_hash_table_lookup (region->ip_by_database, database_id) : NULL;
  CwElbTargetHealth *target = NULL;
  g_autoptr(CwDatabase) database = NULL;
  CwEc2VpcEndpointConnection *connection = find_connection (region, service->service_id,
                                                            cw_link_get (link, CW_LINK_ENDPOINT_ID));

  cw_link_set (link, CW_LINK_LINK_ID, cw_aws_key_values_lookup (service->tags, CW_TAG_LINK_ID));
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_ID, service->service_id);
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_STATE, service->service_state);
  cw_link_set (link, CW_LINK_CONNECTION_STATE, connection ? connection->vpc_endpoint_state : NULL);
  if (balancer != NULL)
    {
      cw_link_set (link, CW_LINK_LOAD_BALANCER_ARN, balancer->load_balancer_arn);
      cw_link_set (link, CW_LINK_LOAD_BALANCER_NAME, balancer->load_balancer_name);
      cw_link_set (link, CW_LINK_LOAD_BALANCER_STATE, balancer->state);
      cw_link_set (link, CW_LINK_VPC_ID, balancer->vpc_id);
    }
  cw_link_set_listener (link, group != NULL);
  if (group != NULL)
    {
      cw_link_set (link, CW_LINK_TARGET_GROUP_ARN, group->target_group_arn);
      cw_link_set (link, CW_LINK_TARGET_GROUP_NAME, group->target_group_name);
      cw_link_set_port (link, group->port);
    }
  if (group != NULL)
    target = cw_link_join_target (link, g_hash_table_lookup (records->healths, group->target_group_arn), database_ip);
  if (target != NULL)
    {
      if (database_id == NULL && target->target_id != NULL)
        {
          database_id = infer_database (region, balancer, group, target->target_id);
          cw_link_set_database_inferred (link, database_id != NULL);
        }
      if (database_ip == NULL && database_id != NULL)
        database_ip = g_hash_table_lookup (region->ip_by_database, database_id);
    }
  cw_link_set (link, CW_LINK_DATABASE_ID, database_id);
  cw_link_set (link, CW_LINK_DATABASE_IP, database_ip);
  database = database_id && region->databases ? cw_find_database (region->databases, database_id) : NULL;
  cw_link_set (link, CW_LINK_DATABASE_ENDPOINT, database ? cw_database_get_endpoint (database) : NULL);
  cw_link_set_databases_known (link, region->databases_known);
  join_added_databases (records, region, link, balancer, service);
}

static CwLink *
join_link (CwLinkRecords     *records,
           CwJoinCluster     *cluster,
           CwTidbPrivateLink *tidb_link)
{
  CwJoinRegion *region = cw_link_records_region_of (records, cluster);
  CwLink *link = cw_link_new ();
  CwEc2ServiceConfiguration *service = find_service (region, cw_tidb_private_link_get_service_name (tidb_link));

  cw_link_set (link, CW_LINK_PRIVATE_LINK_ID, cw_tidb_private_link_get_link_id (tidb_link));
  cw_link_set (link, CW_LINK_DISPLAY_NAME, cw_tidb_private_link_get_display_name (tidb_link));
  cw_link_set (link, CW_LINK_CLUSTER_ID, cw_tidb_cluster_get_cluster_id (cluster->cluster));
  cw_link_set (link, CW_LINK_CLUSTER_NAME, cw_tidb_cluster_get_display_name (cluster->cluster));
  cw_link_set (link, CW_LINK_REGION, region->name);
  cw_link_set (link, CW_LINK_TIDB_STATE, cw_tidb_private_link_get_state (tidb_link));
  cw_link_set (link, CW_LINK_TIDB_MESSAGE, cw_tidb_private_link_get_message (tidb_link));
  cw_link_set (link, CW_LINK_CREATED_BY, cw_tidb_private_link_get_created_by (tidb_link));
  cw_link_set (link, CW_LINK_ENDPOINT_ID, cw_tidb_private_link_get_endpoint_id (tidb_link));
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_NAME, cw_tidb_private_link_get_service_name (tidb_link));
  if (service != NULL)
    join_aws (records, region, link, service);
  cw_link_update_status (link);
  return link;
}

/* A run that stopped before TiDB Cloud's side existed is known only to its journal. */
static void
add_unfinished_runs (CwLinkRecords *records,
                     GPtrArray     *links)
{
  for (guint j = 0; records->journals && j < records->journals->len; j++)
    {
      CwJournal *journal = g_ptr_array_index (records->journals, j);
      CwJournalState state = cw_journal_get_state (journal);
      gboolean listed = FALSE;
      CwJoinCluster *in_scope = NULL;
      CwLink *link;

      if (state == CW_JOURNAL_CREATED || state == CW_JOURNAL_DELETED)
        continue;
      for (guint i = 0; i < links->len && !listed; i++)
        listed = g_strcmp0 (cw_link_get (g_ptr_array_index (links, i), CW_LINK_LINK_ID),
                            cw_journal_get_link_id (journal)) == 0;
      for (guint c = 0; c < records->clusters->len && in_scope == NULL; c++)
        {
          CwJoinCluster *cluster = g_ptr_array_index (records->clusters, c);

          if (g_strcmp0 (cw_tidb_cluster_get_cluster_id (cluster->cluster),
                         cw_journal_get_spec (journal, CW_SPEC_CLUSTER_ID)) == 0)
            in_scope = cluster;
        }
      if (listed || in_scope == NULL)
        continue;
      link = cw_link_new ();
      cw_link_set (link, CW_LINK_LINK_ID, cw_journal_get_link_id (journal));
      cw_link_set (link, CW_LINK_DISPLAY_NAME, cw_journal_get_spec (journal, CW_SPEC_DISPLAY_NAME));
      /* An unfinished addition of a database to a link: its run, to resume or roll back. */
      if (cw_journal_get_spec (journal, CW_SPEC_ADDED_TO) != NULL)
        {
          g_autofree char *name = g_strdup_printf (_("%s: adding %s"), cw_journal_get_spec (journal, CW_SPEC_DISPLAY_NAME),
                                                   cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID));

          cw_link_set (link, CW_LINK_DISPLAY_NAME, name);
        }
      cw_link_set (link, CW_LINK_CLUSTER_ID, cw_journal_get_spec (journal, CW_SPEC_CLUSTER_ID));
      cw_link_set (link, CW_LINK_CLUSTER_NAME, cw_tidb_cluster_get_display_name (in_scope->cluster));
      cw_link_set (link, CW_LINK_REGION, cw_journal_get_spec (journal, CW_SPEC_REGION));
      cw_link_set (link, CW_LINK_DATABASE_ID, cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID));
      cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_NAME, cw_journal_get_resource (journal, CW_RES_ENDPOINT_SERVICE_NAME));
      cw_link_set (link, CW_LINK_RUN_ERROR, cw_journal_get_error (journal) ? cw_journal_get_error (journal)
                                                                           : _("It was interrupted."));
      cw_link_update_status (link);
      g_ptr_array_add (links, link);
    }
}

/* Whether every answer @tidb_link's status depends on has come. */
static gboolean
is_complete (CwLinkRecords     *records,
             CwJoinRegion      *region,
             CwTidbPrivateLink *tidb_link)
{
  GPtrArray *groups;

  if (region->addresses_pending > 0)
    return FALSE;
  groups = cw_link_records_awaited_groups (region, tidb_link);
  if (groups == NULL)
    return !region->balancers_partial;
  for (guint i = 0; i < groups->len; i++)
    if (!g_hash_table_contains (records->healths, ((CwElbTargetGroup *) g_ptr_array_index (groups, i))->target_group_arn))
      return FALSE;
  return TRUE;
}

/* @tidb_link joined, once per refresh. */
static CwLink *
joined_link (CwLinkRecords     *records,
             CwJoinCluster     *cluster,
             CwTidbPrivateLink *tidb_link)
{
  CwLink *link = g_hash_table_lookup (records->joined, cw_tidb_private_link_get_link_id (tidb_link));

  if (link == NULL)
    {
      link = join_link (records, cluster, tidb_link);
      g_hash_table_insert (records->joined, (gpointer) cw_link_get (link, CW_LINK_PRIVATE_LINK_ID), link);
    }
  return g_object_ref (link);
}

/* The first @limit links TiDB Cloud has listed, to show while the rest is asked for:
 * those whose answers have all come, joined for good, and the others as far as they are
 * known, marked as still checking (joined again when their answers come). */
GPtrArray *
cw_link_records_join_early (CwLinkRecords *records,
                            guint          limit)
{
  GPtrArray *links = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint c = 0; c < records->clusters->len && links->len < limit; c++)
    {
      CwJoinCluster *cluster = g_ptr_array_index (records->clusters, c);
      CwJoinRegion *region = cw_link_records_region_of (records, cluster);

      for (guint i = 0; cluster->links && i < g_list_model_get_n_items (cluster->links) && links->len < limit; i++)
        {
          g_autoptr(CwTidbPrivateLink) tidb_link = g_list_model_get_item (cluster->links, i);
          CwLink *link;

          if (cw_tidb_private_link_get_link_id (tidb_link) == NULL)
            continue;
          if (is_complete (records, region, tidb_link))
            {
              g_ptr_array_add (links, joined_link (records, cluster, tidb_link));
              continue;
            }
          link = join_link (records, cluster, tidb_link);
          cw_link_set_checking (link, TRUE);
          g_ptr_array_add (links, link);
        }
    }
  return links;
}

/* The links to show, in TiDB Cloud's order: all of them once the refresh is @complete,
 * else those whose answers have all come. */
GPtrArray *
cw_link_records_join (CwLinkRecords *records,
                      gboolean       complete)
{
  GPtrArray *links = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint c = 0; c < records->clusters->len; c++)
    {
      CwJoinCluster *cluster = g_ptr_array_index (records->clusters, c);
      CwJoinRegion *region = cw_link_records_region_of (records, cluster);

      for (guint i = 0; cluster->links && i < g_list_model_get_n_items (cluster->links); i++)
        {
          g_autoptr(CwTidbPrivateLink) tidb_link = g_list_model_get_item (cluster->links, i);

          if (cw_tidb_private_link_get_link_id (tidb_link) != NULL &&
              (complete || is_complete (records, region, tidb_link)))
            g_ptr_array_add (links, joined_link (records, cluster, tidb_link));
        }
    }
  if (complete)
    add_unfinished_runs (records, links);
  return links;
}

