/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-model.c: the sandbox's model: the network and the databases (see
 * cw-sandbox-model-private.h) */
#define G_LOG_DOMAIN "cw-sandbox-model"

#include "config.h"

#include <string.h>

#include "cw-sandbox.h"
#include "cw-sandbox-model-private.h"

/* Every RDS endpoint of one account and region shares this part of the host name. */
#define RDS_HOST_PART     "c9sbx1k2abcd"

/* ---- network ---- */

CwSbVpc *
cw_sb_model_add_vpc (CwSandboxWorld *world,
                     const char     *region,
                     const char     *cidr,
                     gboolean        is_default,
                     const char     *name)
{
  g_autofree char *id = cw_sandbox_world_new_id (world, "vpc");
  CwSbVpc *vpc = cw_sandbox_world_add (world, CW_SB_VPC, id, region);

  vpc->cidr = g_strdup (cidr);
  vpc->is_default = is_default;
  if (name != NULL)
    cw_sb_tags_set (vpc->base.tags, "Name", name);
  cw_sb_model_add_security_group (world, region, id, "default", "default VPC security group");
  return vpc;
}

CwSbSubnet *
cw_sb_model_add_subnet (CwSandboxWorld *world,
                        CwSbVpc        *vpc,
                        const char     *zone_name,
                        const char     *cidr,
                        const char     *name)
{
  g_autofree char *id = cw_sandbox_world_new_id (world, "subnet");
  CwSbSubnet *subnet = cw_sandbox_world_add (world, CW_SB_SUBNET, id, vpc->base.region);

  subnet->vpc_id = g_strdup (vpc->base.id);
  subnet->cidr = g_strdup (cidr);
  subnet->zone_name = g_strdup (zone_name);
  subnet->zone_id = g_strdup (cw_sb_zone_id (zone_name));
  if (name != NULL)
    cw_sb_tags_set (subnet->base.tags, "Name", name);
  return subnet;
}

static CwSbRule *
new_rule (CwSandboxWorld *world,
          const char     *protocol,
          int             from_port,
          int             to_port,
          const char     *cidr,
          const char     *source_group_id,
          const char     *description)
{
  CwSbRule *rule = g_new0 (CwSbRule, 1);

  rule->rule_id = cw_sandbox_world_new_id (world, "sgr");
  rule->protocol = g_strdup (protocol);
  rule->from_port = from_port;
  rule->to_port = to_port;
  rule->cidr = g_strdup (cidr);
  rule->group_id = g_strdup (source_group_id);
  rule->description = g_strdup (description);
  return rule;
}

/* Every new group may send anywhere, as in AWS. */
CwSbSecurityGroup *
cw_sb_model_add_security_group (CwSandboxWorld *world,
                                const char     *region,
                                const char     *vpc_id,
                                const char     *name,
                                const char     *description)
{
  g_autofree char *id = cw_sandbox_world_new_id (world, "sg");
  CwSbSecurityGroup *group = cw_sandbox_world_add (world, CW_SB_SECURITY_GROUP, id, region);

  group->name = g_strdup (name);
  group->description = g_strdup (description);
  group->vpc_id = g_strdup (vpc_id);
  group->ingress = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_rule_free);
  group->egress = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_rule_free);
  g_ptr_array_add (group->egress, new_rule (world, "-1", -1, -1, "0.0.0.0/0", NULL, NULL));
  return group;
}

/* @rules: a group's ingress or egress rules. */
CwSbRule *
cw_sb_model_add_rule (CwSandboxWorld *world,
                      GPtrArray      *rules,
                      const char     *protocol,
                      int             from_port,
                      int             to_port,
                      const char     *cidr,
                      const char     *peer_group_id,
                      const char     *description)
{
  CwSbRule *rule = new_rule (world, protocol, from_port, to_port, cidr, peer_group_id, description);

  g_ptr_array_add (rules, rule);
  return rule;
}

CwSbRule *
cw_sb_model_add_ingress (CwSandboxWorld    *world,
                         CwSbSecurityGroup *group,
                         const char        *protocol,
                         int                from_port,
                         int                to_port,
                         const char        *cidr,
                         const char        *source_group_id,
                         const char        *description)
{
  return cw_sb_model_add_rule (world, group->ingress, protocol, from_port, to_port, cidr, source_group_id, description);
}

CwSbNetworkInterface *
cw_sb_model_add_interface (CwSandboxWorld     *world,
                           CwSbSubnet         *subnet,
                           const char         *description,
                           const char         *interface_type,
                           const char         *requester_id,
                           const char * const *group_ids,
                           const char         *holder)
{
  g_autofree char *id = cw_sandbox_world_new_id (world, "eni");
  CwSbNetworkInterface *eni = cw_sandbox_world_add (world, CW_SB_NETWORK_INTERFACE, id, subnet->base.region);

  eni->subnet_id = g_strdup (subnet->base.id);
  eni->vpc_id = g_strdup (subnet->vpc_id);
  eni->zone_name = g_strdup (subnet->zone_name);
  eni->private_ip = cw_sandbox_world_allocate_ip (world, subnet);
  eni->description = g_strdup (description);
  eni->interface_type = g_strdup (interface_type);
  eni->requester_id = g_strdup (requester_id);
  eni->group_ids = g_strdupv ((char **) group_ids);
  eni->holder = g_strdup (holder);
  return eni;
}

void
cw_sb_model_delete_interface (CwSandboxWorld       *world,
                              CwSbNetworkInterface *eni)
{
  if (eni->private_ip != NULL)
    cw_sandbox_world_release_ip (world, eni->private_ip);
  cw_sandbox_world_remove (world, eni);
}

static CwSbSubnet *
subnet_in_zone (CwSandboxWorld *world,
                const char     *vpc_id,
                const char     *zone_name)
{
  GPtrArray *subnets = cw_sandbox_world_list (world, CW_SB_SUBNET);

  for (guint i = 0; i < subnets->len; i++)
    {
      CwSbSubnet *subnet = subnets->pdata[i];

      if (g_str_equal (subnet->vpc_id, vpc_id) && g_str_equal (subnet->zone_name, zone_name))
        return subnet;
    }
  return NULL;
}

static char **
subnets_of_vpc (CwSandboxWorld *world,
                const char     *vpc_id)
{
  GPtrArray *subnets = cw_sandbox_world_list (world, CW_SB_SUBNET);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **ids;

  for (guint i = 0; i < subnets->len; i++)
    {
      CwSbSubnet *subnet = subnets->pdata[i];

      if (g_str_equal (subnet->vpc_id, vpc_id))
        g_strv_builder_add (builder, subnet->base.id);
    }
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

/* ---- databases ---- */

static CwSbNetworkInterface *
add_db_interface (CwSandboxWorld   *world,
                  const CwSbDbSpec *spec,
                  const char       *zone_name)
{
  CwSbSubnet *subnet = subnet_in_zone (world, spec->vpc_id, zone_name);

  g_return_val_if_fail (subnet != NULL, NULL);
  return cw_sb_model_add_interface (world, subnet, "RDSNetworkInterface", "interface", "amazon-rds",
                                    spec->group_ids, spec->identifier);
}

/* A public address from the documentation range, so it can never be a real host. */
static char *
new_public_ip (CwSandboxWorld *world)
{
  return g_strdup_printf ("203.0.113.%u", 10 + cw_sandbox_world_random_int (world) % 240);
}

CwSbDbInstance *
cw_sb_model_add_db_instance (CwSandboxWorld   *world,
                             const char       *region,
                             const CwSbDbSpec *spec)
{
  CwSbDbInstance *db = cw_sandbox_world_add (world, CW_SB_DB_INSTANCE, spec->identifier, region);
  CwSbNetworkInterface *eni = add_db_interface (world, spec, spec->zone_name);
  g_autofree char *resource = cw_sandbox_world_random_alnum (world, 26);
  g_autofree char *upper = g_ascii_strup (resource, -1);

  db->engine = g_strdup (spec->engine);
  db->engine_version = g_strdup (spec->engine_version);
  db->instance_class = g_strdup (spec->instance_class);
  db->port = spec->port;
  db->vpc_id = g_strdup (spec->vpc_id);
  db->subnet_group = g_strdup_printf ("%s-subnets", spec->vpc_id);
  db->subnet_ids = subnets_of_vpc (world, spec->vpc_id);
  db->zone_name = g_strdup (spec->zone_name);
  db->publicly_accessible = spec->publicly_accessible;
  db->group_ids = g_strdupv ((char **) spec->group_ids);
  db->cluster_id = g_strdup (spec->cluster_id);
  db->host = g_strdup_printf ("%s." RDS_HOST_PART ".%s.rds.amazonaws.com", spec->identifier, region);
  db->resource_id = g_strconcat ("db-", upper, NULL);
  db->eni_id = g_strdup (eni->base.id);
  cw_sb_model_init_db_access (world, &db->access, region, CW_SB_DB_PARAMETER_GROUP, spec->engine,
                              spec->engine_version, spec->cluster_id != NULL);
  if (spec->publicly_accessible)
    eni->public_ip = new_public_ip (world);
  if (spec->standby_zone_name != NULL)
    {
      CwSbNetworkInterface *standby = add_db_interface (world, spec, spec->standby_zone_name);

      db->multi_az = TRUE;
      db->secondary_zone_name = g_strdup (spec->standby_zone_name);
      db->standby_eni_id = g_strdup (standby->base.id);
    }
  return db;
}

CwSbDbCluster *
cw_sb_model_add_db_cluster (CwSandboxWorld     *world,
                            const char         *region,
                            const CwSbDbSpec   *spec,
                            const char * const *member_zones)
{
  CwSbDbCluster *cluster = cw_sandbox_world_add (world, CW_SB_DB_CLUSTER, spec->identifier, region);
  GStrvBuilder *members = g_strv_builder_new ();
  g_autofree char *resource = cw_sandbox_world_random_alnum (world, 26);

  cluster->engine = g_strdup (spec->engine);
  cluster->engine_version = g_strdup (spec->engine_version);
  cluster->port = spec->port;
  cluster->host = g_strdup_printf ("%s.cluster-" RDS_HOST_PART ".%s.rds.amazonaws.com", spec->identifier, region);
  cluster->reader_host = g_strdup_printf ("%s.cluster-ro-" RDS_HOST_PART ".%s.rds.amazonaws.com",
                                          spec->identifier, region);
  cluster->vpc_id = g_strdup (spec->vpc_id);
  cluster->subnet_group = g_strdup_printf ("%s-subnets", spec->vpc_id);
  cluster->group_ids = g_strdupv ((char **) spec->group_ids);
  cluster->resource_id = g_strconcat ("cluster-", resource, NULL);
  cw_sb_model_init_db_access (world, &cluster->access, region, CW_SB_DB_CLUSTER_PARAMETER_GROUP, spec->engine,
                              spec->engine_version, FALSE);
  for (guint i = 0; member_zones[i] != NULL; i++)
    {
      g_autofree char *member_id = g_strdup_printf ("%s-instance-%u", spec->identifier, i + 1);
      CwSbDbSpec member = *spec;

      member.identifier = member_id;
      member.zone_name = member_zones[i];
      member.standby_zone_name = NULL;
      member.cluster_id = spec->identifier;
      cw_sb_model_add_db_instance (world, region, &member);
      g_strv_builder_add (members, member_id);
    }
  cluster->member_ids = g_strv_builder_end (members);
  g_strv_builder_unref (members);
  cluster->writer_id = g_strdup (cluster->member_ids[0]);
  return cluster;
}

CwSbNetworkInterface *
cw_sb_model_db_interface (CwSandboxWorld *world,
                          CwSbDbInstance *db)
{
  return cw_sandbox_world_peek (world, CW_SB_NETWORK_INTERFACE, db->eni_id);
}

static const char *
db_address (CwSandboxWorld *world,
            CwSbDbInstance *db)
{
  CwSbNetworkInterface *eni = db ? cw_sb_model_db_interface (world, db) : NULL;

  if (eni == NULL)
    return NULL;
  return db->publicly_accessible && eni->public_ip ? eni->public_ip : eni->private_ip;
}

static CwSbDbInstance *
cluster_reader (CwSandboxWorld *world,
                CwSbDbCluster  *cluster)
{
  for (guint i = 0; cluster->member_ids[i] != NULL; i++)
    if (!g_str_equal (cluster->member_ids[i], cluster->writer_id))
      return cw_sandbox_world_peek (world, CW_SB_DB_INSTANCE, cluster->member_ids[i]);
  return cw_sandbox_world_peek (world, CW_SB_DB_INSTANCE, cluster->writer_id);
}

/* What DNS says for a database host name: a publicly accessible instance answers with
 * its public address, as it does outside its VPC. */
const char *
cw_sb_model_resolve (CwSandboxWorld *world,
                     const char     *host)
{
  GPtrArray *instances = cw_sandbox_world_list (world, CW_SB_DB_INSTANCE);
  GPtrArray *clusters = cw_sandbox_world_list (world, CW_SB_DB_CLUSTER);

  for (guint i = 0; i < instances->len; i++)
    {
      CwSbDbInstance *db = instances->pdata[i];

      if (g_ascii_strcasecmp (db->host, host) == 0)
        return db_address (world, db);
    }
  for (guint i = 0; i < clusters->len; i++)
    {
      CwSbDbCluster *cluster = clusters->pdata[i];

      if (g_ascii_strcasecmp (cluster->host, host) == 0)
        return db_address (world, cw_sandbox_world_peek (world, CW_SB_DB_INSTANCE, cluster->writer_id));
      if (g_ascii_strcasecmp (cluster->reader_host, host) == 0)
        return db_address (world, cluster_reader (world, cluster));
    }
  return NULL;
}

/* A public address follows the instance to its new interface. */
static void
move_to_interface (CwSandboxWorld       *world,
                   CwSbDbInstance       *db,
                   CwSbNetworkInterface *to)
{
  CwSbNetworkInterface *from = cw_sb_model_db_interface (world, db);

  if (from != NULL && from->public_ip != NULL)
    {
      to->public_ip = g_steal_pointer (&from->public_ip);
    }
  g_free (db->eni_id);
  db->eni_id = g_strdup (to->base.id);
}

static void
fail_over_instance (CwSandboxWorld *world,
                    CwSbDbInstance *db)
{
  CwSbNetworkInterface *old = cw_sb_model_db_interface (world, db);

  if (db->multi_az)
    {
      CwSbNetworkInterface *standby = cw_sandbox_world_peek (world, CW_SB_NETWORK_INTERFACE, db->standby_eni_id);
      char *zone = db->zone_name;

      move_to_interface (world, db, standby);
      g_free (db->standby_eni_id);
      db->standby_eni_id = g_strdup (old->base.id);
      db->zone_name = db->secondary_zone_name;
      db->secondary_zone_name = zone;
      return;
    }
  /* A single-AZ instance comes back (a restore, a host replacement) on a new
   * interface in the same subnet: same zone, new address. */
  {
    CwSbSubnet *subnet = cw_sandbox_world_peek (world, CW_SB_SUBNET, old->subnet_id);
    CwSbNetworkInterface *fresh = cw_sb_model_add_interface (world, subnet, old->description, old->interface_type,
                                                             old->requester_id, (const char * const *) old->group_ids,
                                                             db->base.id);

    move_to_interface (world, db, fresh);
    cw_sb_model_delete_interface (world, old);
  }
}

gboolean
cw_sb_model_failover (CwSandboxWorld  *world,
                      const char      *identifier,
                      GError         **error)
{
  CwSbDbCluster *cluster = cw_sandbox_world_peek (world, CW_SB_DB_CLUSTER, identifier);
  CwSbDbInstance *db;

  /* The dataflows through the links see the moment the address moves. */
  cw_sb_model_refresh_dataflows (world);
  if (cluster != NULL)
    {
      CwSbDbInstance *reader = cluster_reader (world, cluster);

      if (reader == NULL || g_str_equal (reader->base.id, cluster->writer_id))
        {
          g_set_error (error, CW_SANDBOX_ERROR, CW_SANDBOX_ERROR_INVALID_OPTION,
                       "The cluster %s has no reader to fail over to", identifier);
          return FALSE;
        }
      g_free (cluster->writer_id);
      cluster->writer_id = g_strdup (reader->base.id);
      return TRUE;
    }
  db = cw_sandbox_world_peek (world, CW_SB_DB_INSTANCE, identifier);
  if (db == NULL || cw_sb_model_db_interface (world, db) == NULL)
    {
      g_set_error (error, CW_SANDBOX_ERROR, CW_SANDBOX_ERROR_NOT_FOUND,
                   "No database instance or cluster is called %s", identifier);
      return FALSE;
    }
  fail_over_instance (world, db);
  return TRUE;
}

/* The instance listening at @ip:@port, if any. */
CwSbDbInstance *
cw_sb_model_db_at (CwSandboxWorld *world,
                   const char     *ip,
                   int             port)
{
  GPtrArray *instances = cw_sandbox_world_list (world, CW_SB_DB_INSTANCE);

  for (guint i = 0; i < instances->len; i++)
    {
      CwSbDbInstance *db = instances->pdata[i];
      CwSbNetworkInterface *eni = cw_sb_model_db_interface (world, db);

      if (eni != NULL && db->port == port && g_strcmp0 (eni->private_ip, ip) == 0)
        return db;
    }
  return NULL;
}
