/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-plan-loaders.c: what a plan is made from, loaded from the clouds (see
 * cw-plan-loaders.h)
 *
 * Over 800 lines because each loader is short but there are six (databases, their VPCs'
 * zones, the private IP, the network, TiDB Cloud's zones, a whole plan), sharing the
 * same few helpers; a file per loader would scatter them. */
#define G_LOG_DOMAIN "cw-plan-loaders"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-checks.h"
#include "cw-ec2.h"
#include "cw-elbv2.h"
#include "cw-engine-error.h"
#include "cw-plan-loaders.h"
#include "cw-rds.h"

/* Calls made side by side answer into one of these; the task returns once the last
 * one has, with the first error if any failed. */
typedef struct {
  guint   pending;
  GError *error;
} Gather;

/* Records one answer, taking @error; TRUE when it was the last and all succeeded. */
static gboolean
gather_answered (GTask  *task,
                 Gather *gather,
                 GError *error)
{
  if (error != NULL && gather->error == NULL)
    gather->error = error;
  else if (error != NULL)
    g_error_free (error);
  if (--gather->pending > 0)
    return FALSE;
  if (gather->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&gather->error));
      return FALSE;
    }
  return TRUE;
}

/* ---- databases ---- */

typedef struct {
  Gather      gather;
  GPtrArray  *zones;
  GPtrArray  *instances;
  GPtrArray  *clusters;
} DatabasesLoad;

static void
databases_load_free (DatabasesLoad *load)
{
  g_clear_error (&load->gather.error);
  g_clear_pointer (&load->zones, g_ptr_array_unref);
  g_clear_pointer (&load->instances, g_ptr_array_unref);
  g_clear_pointer (&load->clusters, g_ptr_array_unref);
  g_free (load);
}

static GHashTable *
zone_ids_by_name (GPtrArray *zones)
{
  GHashTable *map = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < zones->len; i++)
    {
      CwEc2AvailabilityZone *zone = g_ptr_array_index (zones, i);

      if (zone->zone_name != NULL && zone->zone_id != NULL)
        g_hash_table_insert (map, zone->zone_name, zone->zone_id);
    }
  return map;
}

static const CwRdsDbInstance *
find_writer (GPtrArray            *instances,
             const CwRdsDbCluster *cluster)
{
  for (guint m = 0; cluster->members && m < cluster->members->len; m++)
    {
      CwRdsDbClusterMember *member = g_ptr_array_index (cluster->members, m);

      if (!member->is_cluster_writer)
        continue;
      for (guint i = 0; i < instances->len; i++)
        {
          CwRdsDbInstance *instance = g_ptr_array_index (instances, i);

          if (g_strcmp0 (instance->db_instance_identifier, member->db_instance_identifier) == 0)
            return instance;
        }
    }
  return NULL;
}

static gint
compare_databases (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return g_strcmp0 (cw_database_get_id ((CwDatabase *) a), cw_database_get_id ((CwDatabase *) b));
}

static void
add_database (GListStore *store,
              CwDatabase *database)
{
  g_list_store_insert_sorted (store, database, compare_databases, NULL);
  g_object_unref (database);
}

/* Instances of an Aurora cluster are reached through the cluster's writer endpoint, so
 * only the cluster is listed. */
static GListModel *
build_databases (DatabasesLoad *load)
{
  g_autoptr(GHashTable) zone_ids = zone_ids_by_name (load->zones);
  GListStore *store = g_list_store_new (CW_TYPE_DATABASE);

  for (guint i = 0; i < load->instances->len; i++)
    {
      CwRdsDbInstance *instance = g_ptr_array_index (load->instances, i);

      if (instance->db_cluster_identifier == NULL)
        add_database (store, cw_database_new_from_instance (instance, zone_ids));
    }
  for (guint i = 0; i < load->clusters->len; i++)
    {
      CwRdsDbCluster *cluster = g_ptr_array_index (load->clusters, i);

      add_database (store, cw_database_new_from_cluster (cluster, find_writer (load->instances, cluster), zone_ids));
    }
  return G_LIST_MODEL (store);
}

static void
databases_part_loaded (GTask      *task,
                       GPtrArray **slot,
                       GPtrArray  *records,
                       GError     *error)
{
  DatabasesLoad *load = g_task_get_task_data (task);

  *slot = records;
  if (gather_answered (task, &load->gather, error))
    g_task_return_pointer (task, build_databases (load), g_object_unref);
  g_object_unref (task);
}

static void
zones_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  DatabasesLoad *load = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *zones = cw_ec2_describe_availability_zones_finish (CW_AWS_CLIENT (source), result, &error);

  databases_part_loaded (task, &load->zones, zones, error);
}

static void
instances_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  DatabasesLoad *load = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *instances = cw_rds_describe_db_instances_finish (CW_AWS_CLIENT (source), result, &error);

  databases_part_loaded (task, &load->instances, instances, error);
}

static void
clusters_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  DatabasesLoad *load = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *clusters = cw_rds_describe_db_clusters_finish (CW_AWS_CLIENT (source), result, &error);

  databases_part_loaded (task, &load->clusters, clusters, error);
}

/* The databases of the client's region, as CwDatabase sorted by id. */
void
cw_load_databases_async (CwAwsClient         *client,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  DatabasesLoad *load = g_new0 (DatabasesLoad, 1);

  g_task_set_source_tag (task, cw_load_databases_async);
  g_task_set_task_data (task, load, (GDestroyNotify) databases_load_free);
  load->gather.pending = 3;
  cw_ec2_describe_availability_zones_async (client, NULL, CW_AWS_CALL_DEFAULT, cancellable,
                                            zones_loaded, g_object_ref (task));
  cw_rds_describe_db_instances_async (client, NULL, NULL, CW_AWS_CALL_DEFAULT, cancellable,
                                      instances_loaded, g_object_ref (task));
  cw_rds_describe_db_clusters_async (client, NULL, NULL, CW_AWS_CALL_DEFAULT, cancellable,
                                     clusters_loaded, task);
}

GListModel *
cw_load_databases_finish (CwAwsClient   *client,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A new reference to the database with that id, or NULL. */
CwDatabase *
cw_find_database (GListModel *databases,
                  const char *id)
{
  guint n = g_list_model_get_n_items (databases);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwDatabase) database = g_list_model_get_item (databases, i);

      if (g_strcmp0 (cw_database_get_id (database), id) == 0)
        return g_steal_pointer (&database);
    }
  return NULL;
}

/* ---- the zones of the databases' VPCs ---- */

/* EC2 refuses a call with more than 200 filter values (FilterLimitExceeded). */
#define FILTER_VALUES_MAX 200

typedef struct {
  Gather     gather;
  GStrv      vpc_ids;
  GPtrArray *subnets;   /* CwEc2Subnet, of every answer */
} VpcZonesLoad;

static void
vpc_zones_load_free (VpcZonesLoad *load)
{
  g_clear_error (&load->gather.error);
  g_strfreev (load->vpc_ids);
  g_clear_pointer (&load->subnets, g_ptr_array_unref);
  g_free (load);
}

/* Every VPC asked for has an entry, empty when it has no subnet: "no subnet" is a
 * verdict too, unlike a VPC that was not looked up. */
static GHashTable *
build_vpc_zone_ids (VpcZonesLoad *load)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);

  for (guint v = 0; load->vpc_ids[v]; v++)
    {
      g_autoptr(GStrvBuilder) zone_ids = g_strv_builder_new ();

      for (guint i = 0; i < load->subnets->len; i++)
        {
          CwEc2Subnet *subnet = g_ptr_array_index (load->subnets, i);

          if (g_strcmp0 (subnet->vpc_id, load->vpc_ids[v]) == 0 && subnet->availability_zone_id != NULL)
            g_strv_builder_add (zone_ids, subnet->availability_zone_id);
        }
      g_hash_table_replace (map, g_strdup (load->vpc_ids[v]), g_strv_builder_end (zone_ids));
    }
  return map;
}

static void
vpc_subnets_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  VpcZonesLoad *load = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *subnets = cw_ec2_describe_subnets_finish (CW_AWS_CLIENT (source), result, &error);

  if (subnets != NULL)
    g_ptr_array_extend_and_steal (load->subnets, subnets);
  if (gather_answered (task, &load->gather, error))
    g_task_return_pointer (task, build_vpc_zone_ids (load), (GDestroyNotify) g_hash_table_unref);
  g_object_unref (task);
}

/* The zone IDs of the subnets of each of @vpc_ids, as a table from VPC id to a GStrv
 * (one entry per subnet), for telling which databases of a list can share a zone with
 * TiDB Cloud before one is chosen. One DescribeSubnets for up to 200 VPCs. */
void
cw_load_vpc_zone_ids_async (CwAwsClient         *client,
                            const char * const  *vpc_ids,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  VpcZonesLoad *load = g_new0 (VpcZonesLoad, 1);
  guint n;

  g_task_set_source_tag (task, cw_load_vpc_zone_ids_async);
  g_task_set_task_data (task, load, (GDestroyNotify) vpc_zones_load_free);
  load->vpc_ids = vpc_ids ? g_strdupv ((char **) vpc_ids) : g_new0 (char *, 1);
  load->subnets = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_subnet_unref);
  n = g_strv_length (load->vpc_ids);
  if (n == 0)
    {
      g_task_return_pointer (task, build_vpc_zone_ids (load), (GDestroyNotify) g_hash_table_unref);
      g_object_unref (task);
      return;
    }
  load->gather.pending = (n + FILTER_VALUES_MAX - 1) / FILTER_VALUES_MAX;
  for (guint first = 0; first < n; first += FILTER_VALUES_MAX)
    {
      const char *values[FILTER_VALUES_MAX + 1] = { NULL };
      CwAwsFilter in_vpcs[] = { { "vpc-id", values }, { NULL } };

      for (guint i = 0; i < FILTER_VALUES_MAX && first + i < n; i++)
        values[i] = load->vpc_ids[first + i];
      cw_ec2_describe_subnets_async (client, NULL, in_vpcs, CW_AWS_CALL_DEFAULT, cancellable,
                                     vpc_subnets_loaded, g_object_ref (task));
    }
  g_object_unref (task);
}

GHashTable *
cw_load_vpc_zone_ids_finish (CwAwsClient   *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the database's private IP ---- */

typedef struct {
  char  *host;
  GStrv  vpc_cidrs;
  char  *resolved;   /* the address the host name gave */
} IpLookup;

static void
ip_lookup_free (IpLookup *lookup)
{
  g_free (lookup->host);
  g_strfreev (lookup->vpc_cidrs);
  g_free (lookup->resolved);
  g_free (lookup);
}

/* The IPv4 address to use: one inside the VPC if the name gives any. */
static char *
pick_address (GList              *addresses,
              const char * const *vpc_cidrs)
{
  char *first = NULL;

  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autofree char *text = NULL;

      if (g_inet_address_get_family (l->data) != G_SOCKET_FAMILY_IPV4)
        continue;
      text = g_inet_address_to_string (l->data);
      if (cw_ip_in_cidrs (text, vpc_cidrs))
        {
          g_free (first);
          return g_steal_pointer (&text);
        }
      if (first == NULL)
        first = g_steal_pointer (&text);
    }
  return first;
}

/* The interface whose public IP the name resolved to carries the private IP to use. */
static char *
private_ip_carrying (GPtrArray  *interfaces,
                     const char *public_ip)
{
  for (guint i = 0; interfaces && i < interfaces->len; i++)
    {
      CwEc2NetworkInterface *interface = g_ptr_array_index (interfaces, i);

      for (guint j = 0; interface->private_ip_addresses && j < interface->private_ip_addresses->len; j++)
        {
          CwEc2PrivateIpAddress *address = g_ptr_array_index (interface->private_ip_addresses, j);

          if (g_strcmp0 (address->public_ip, public_ip) == 0 && address->private_ip_address != NULL)
            return g_strdup (address->private_ip_address);
        }
      if (g_strcmp0 (interface->public_ip, public_ip) == 0 && interface->private_ip_address != NULL)
        return g_strdup (interface->private_ip_address);
    }
  return NULL;
}

static void
interfaces_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IpLookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) interfaces = cw_ec2_describe_network_interfaces_finish (CW_AWS_CLIENT (source), result, &error);
  char *private_ip;

  if (interfaces == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  private_ip = private_ip_carrying (interfaces, lookup->resolved);
  if (private_ip == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("%s resolves to %s, outside the database’s VPC, and no network interface of this "
                                 "account carries that address."), lookup->host, lookup->resolved);
      return;
    }
  g_task_return_pointer (task, private_ip, g_free);
}

static void
host_resolved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IpLookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  const char *values[2] = { NULL, NULL };
  CwAwsFilter filters[] = { { "association.public-ip", values }, { NULL } };

  if (addresses == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("The database’s endpoint %s does not resolve: %s"), lookup->host, error->message);
      return;
    }
  lookup->resolved = pick_address (addresses, (const char * const *) lookup->vpc_cidrs);
  g_resolver_free_addresses (addresses);
  if (lookup->resolved == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("The database’s endpoint %s has no IPv4 address."), lookup->host);
      return;
    }
  if (cw_ip_in_cidrs (lookup->resolved, (const char * const *) lookup->vpc_cidrs))
    {
      g_task_return_pointer (task, g_strdup (lookup->resolved), g_free);
      return;
    }
  /* A publicly accessible instance resolves to its public IP; never register that. */
  values[0] = lookup->resolved;
  cw_ec2_describe_network_interfaces_async (g_task_get_source_object (task), NULL, filters, CW_AWS_CALL_DEFAULT,
                                            g_task_get_cancellable (task), interfaces_loaded,
                                            g_object_ref (task));
}

/* The private IPv4 address behind @host (DESIGN.md §1.1): its DNS answer when inside the
 * VPC, else the private IP of the network interface that carries the public one. */
void
cw_resolve_private_ip_async (CwAwsClient         *client,
                             const char          *host,
                             const char * const  *vpc_cidrs,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  IpLookup *lookup = g_new0 (IpLookup, 1);
  g_autoptr(GResolver) resolver = g_resolver_get_default ();

  g_task_set_source_tag (task, cw_resolve_private_ip_async);
  lookup->host = g_strdup (host);
  lookup->vpc_cidrs = g_strdupv ((char **) vpc_cidrs);
  g_task_set_task_data (task, lookup, (GDestroyNotify) ip_lookup_free);
  if (host == NULL || *host == '\0')
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("The database has no endpoint yet."));
      g_object_unref (task);
      return;
    }
  g_resolver_lookup_by_name_async (resolver, host, cancellable, host_resolved, task);
}

char *
cw_resolve_private_ip_finish (CwAwsClient   *client,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the plan's network ---- */

typedef struct {
  Gather     gather;
  CwAwsClient *client;
  GPtrArray *vpcs;
  GPtrArray *subnets;
  GPtrArray *target_groups;
  GPtrArray *load_balancers;
} NetworkLoad;

static void
network_load_free (NetworkLoad *load)
{
  g_clear_error (&load->gather.error);
  g_clear_object (&load->client);
  g_clear_pointer (&load->vpcs, g_ptr_array_unref);
  g_clear_pointer (&load->subnets, g_ptr_array_unref);
  g_clear_pointer (&load->target_groups, g_ptr_array_unref);
  g_clear_pointer (&load->load_balancers, g_ptr_array_unref);
  g_free (load);
}

static GStrv
names_of (GPtrArray *records,
          gsize      name_offset)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < records->len; i++)
    g_strv_builder_add (builder, G_STRUCT_MEMBER (const char *, g_ptr_array_index (records, i), name_offset));
  return g_strv_builder_end (builder);
}

static void
private_ip_resolved (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *ip = cw_resolve_private_ip_finish (CW_AWS_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A database whose address cannot be found is a failed check, not a failed load. */
  cw_link_plan_set_database_ip (g_task_get_source_object (task), ip, error ? error->message : NULL);
  g_task_return_boolean (task, TRUE);
}

static void
network_apply (GTask *task)
{
  CwLinkPlan *plan = g_task_get_source_object (task);
  NetworkLoad *load = g_task_get_task_data (task);
  CwDatabase *database = cw_link_plan_get_database (plan);
  g_auto(GStrv) target_groups = names_of (load->target_groups, G_STRUCT_OFFSET (CwElbTargetGroup, target_group_name));
  g_auto(GStrv) load_balancers = names_of (load->load_balancers, G_STRUCT_OFFSET (CwElbLoadBalancer, load_balancer_name));

  if (load->vpcs->len == 0)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("The database’s VPC %s was not found."), cw_database_get_vpc_id (database));
      g_object_unref (task);
      return;
    }
  cw_link_plan_set_existing_names (plan, (const char * const *) target_groups,
                                   (const char * const *) load_balancers);
  cw_link_plan_set_vpc (plan, g_ptr_array_index (load->vpcs, 0), load->subnets);
  cw_resolve_private_ip_async (load->client, cw_database_get_endpoint (database),
                               cw_link_plan_get_vpc_cidrs (plan), g_task_get_cancellable (task),
                               private_ip_resolved, task);
}

static void
network_part_loaded (GTask      *task,
                     GPtrArray **slot,
                     GPtrArray  *records,
                     GError     *error)
{
  NetworkLoad *load = g_task_get_task_data (task);

  *slot = records;
  if (gather_answered (task, &load->gather, error))
    {
      network_apply (task);
      return;
    }
  g_object_unref (task);
}

#define NETWORK_PART(name, finish)                                                   \
  static void                                                                        \
  name##_loaded (GObject      *source,                                               \
                 GAsyncResult *result,                                               \
                 gpointer      user_data)                                            \
  {                                                                                  \
    GTask *task = user_data;                                                         \
    NetworkLoad *load = g_task_get_task_data (task);                                 \
    GError *error = NULL;                                                            \
    GPtrArray *records = finish (CW_AWS_CLIENT (source), result, &error);            \
                                                                                     \
    network_part_loaded (task, &load->name, records, error);                         \
  }

NETWORK_PART (vpcs, cw_ec2_describe_vpcs_finish)
NETWORK_PART (subnets, cw_ec2_describe_subnets_finish)
NETWORK_PART (target_groups, cw_elbv2_describe_target_groups_finish)
NETWORK_PART (load_balancers, cw_elbv2_describe_load_balancers_finish)

#undef NETWORK_PART

/* The database's VPC and subnets, the target group and load balancer names already
 * taken in the region, then the database's private IP; @client is for the database's
 * region. */
void
cw_link_plan_load_network_async (CwLinkPlan          *plan,
                                 CwAwsClient         *client,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (plan, cancellable, callback, user_data);
  NetworkLoad *load = g_new0 (NetworkLoad, 1);
  CwDatabase *database = cw_link_plan_get_database (plan);
  const char *vpc_ids[2] = { database ? cw_database_get_vpc_id (database) : NULL, NULL };
  CwAwsFilter in_vpc[] = { { "vpc-id", vpc_ids }, { NULL } };

  g_task_set_source_tag (task, cw_link_plan_load_network_async);
  g_task_set_task_data (task, load, (GDestroyNotify) network_load_free);
  if (vpc_ids[0] == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("The database is not in a VPC, so no private link can reach it."));
      g_object_unref (task);
      return;
    }
  load->client = g_object_ref (client);
  load->gather.pending = 4;
  cw_ec2_describe_vpcs_async (client, vpc_ids, NULL, CW_AWS_CALL_DEFAULT, cancellable, vpcs_loaded, g_object_ref (task));
  cw_ec2_describe_subnets_async (client, NULL, in_vpc, CW_AWS_CALL_DEFAULT, cancellable, subnets_loaded, g_object_ref (task));
  cw_elbv2_describe_target_groups_async (client, NULL, NULL, NULL, CW_AWS_CALL_DEFAULT, cancellable,
                                         target_groups_loaded, g_object_ref (task));
  cw_elbv2_describe_load_balancers_async (client, NULL, NULL, CW_AWS_CALL_DEFAULT, cancellable,
                                          load_balancers_loaded, task);
}

gboolean
cw_link_plan_load_network_finish (CwLinkPlan    *plan,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, plan), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- TiDB Cloud's zones ---- */

static void
tidb_zones_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwTidbAvailabilityZones) zones = cw_tidb_client_get_availability_zones_finish (CW_TIDB_CLIENT (source),
                                                                                           result, &error);

  if (zones == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cw_link_plan_set_tidb_zones (g_task_get_source_object (task), zones);
  g_task_return_boolean (task, TRUE);
}

/* TiDB Cloud's account and zone IDs for the plan's cluster. */
void
cw_link_plan_load_tidb_zones_async (CwLinkPlan          *plan,
                                    CwTidbClient        *client,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CwTidbCluster *cluster = cw_link_plan_get_cluster (plan);
  GTask *task;

  g_return_if_fail (cluster != NULL);
  task = g_task_new (plan, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_link_plan_load_tidb_zones_async);
  cw_tidb_client_get_availability_zones_async (client, cw_tidb_cluster_get_cluster_id (cluster), cancellable,
                                               tidb_zones_loaded, task);
}

gboolean
cw_link_plan_load_tidb_zones_finish (CwLinkPlan    *plan,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, plan), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- a whole plan, from a cluster and a database ---- */

typedef struct {
  CwClouds *clouds;
  char     *database_id;
  char     *database_region;
} PlanLoad;

static void
plan_load_free (PlanLoad *load)
{
  g_clear_object (&load->clouds);
  g_free (load->database_id);
  g_free (load->database_region);
  g_free (load);
}

static void
plan_network_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!cw_link_plan_load_network_finish (CW_LINK_PLAN (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
plan_databases_loaded (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwLinkPlan *plan = g_task_get_source_object (task);
  PlanLoad *load = g_task_get_task_data (task);
  CwAwsClient *client = CW_AWS_CLIENT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) databases = cw_load_databases_finish (client, result, &error);
  g_autoptr(CwDatabase) database = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (databases == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  database = cw_find_database (databases, load->database_id);
  if (database == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("No database “%s” in %s."), load->database_id, load->database_region);
      return;
    }
  cw_link_plan_set_database (plan, database, load->database_region);
  cw_link_plan_load_network_async (plan, client, cancellable, plan_network_loaded, g_steal_pointer (&task));
}

static void
plan_zones_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwLinkPlan *plan = CW_LINK_PLAN (source);
  PlanLoad *load = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;

  /* TiDB Cloud refuses zones for a cluster that takes no private link (Starter): the
   * plan says so in its checks, with the rest of what is wrong. */
  if (!cw_link_plan_load_tidb_zones_finish (plan, result, &error) &&
      !g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cw_link_plan_set_tidb_zones_error (plan, error ? error->message : NULL);
  if (load->database_region == NULL)
    load->database_region = g_strdup (cw_link_plan_get_region (plan));
  if (load->database_region == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("The cluster does not run on AWS, so it cannot reach a database through AWS PrivateLink."));
      return;
    }
  cw_load_databases_async (cw_clouds_get_aws (load->clouds, load->database_region), cancellable,
                           plan_databases_loaded, g_steal_pointer (&task));
}

static void
plan_cluster_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwLinkPlan *plan = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(CwTidbCluster) cluster = cw_tidb_client_get_cluster_finish (CW_TIDB_CLIENT (source), result, &error);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cluster == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cw_link_plan_set_cluster (plan, cluster);
  cw_link_plan_load_tidb_zones_async (plan, CW_TIDB_CLIENT (source), cancellable, plan_zones_loaded,
                                      g_steal_pointer (&task));
}

/* Fills @plan for a cluster and a database, as the UI's pages would one by one: the
 * cluster, TiDB Cloud's zones, the database (looked up in @database_region, by default
 * the cluster's), its network and address. The checks then say whether it can work. */
void
cw_link_plan_load_async (CwLinkPlan          *plan,
                         CwClouds            *clouds,
                         const char          *cluster_id,
                         const char          *database_id,
                         const char          *database_region,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (plan, cancellable, callback, user_data);
  PlanLoad *load = g_new0 (PlanLoad, 1);

  g_task_set_source_tag (task, cw_link_plan_load_async);
  load->clouds = g_object_ref (clouds);
  load->database_id = g_strdup (database_id);
  load->database_region = g_strdup (database_region);
  g_task_set_task_data (task, load, (GDestroyNotify) plan_load_free);
  cw_tidb_client_get_cluster_async (cw_clouds_get_tidb (clouds), cluster_id, cancellable,
                                    plan_cluster_loaded, task);
}

gboolean
cw_link_plan_load_finish (CwLinkPlan    *plan,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, plan), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
