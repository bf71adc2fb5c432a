/* cw-sandbox-model.c */
#define G_LOG_DOMAIN "cw-sandbox-model"

#include "config.h"

#include <string.h>

#include "cw-sandbox.h"
#include "cw-sandbox-model.h"

/* Every RDS endpoint of one account and region shares this part of the host name. */
#define RDS_HOST_PART     "c9sbx1k2abcd"
#define NLB_HOSTED_ZONE   "Z26RNL4JYFTOTI"

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
static CwSbDbInstance *
db_at (CwSandboxWorld *world,
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

/* ---- load balancing ---- */

static GHashTable *
attributes_new (const char * const *pairs)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    g_hash_table_insert (attributes, g_strdup (pairs[i]), g_strdup (pairs[i + 1]));
  return attributes;
}

static const char * const lb_attribute_defaults[] = {
  "access_logs.s3.enabled", "false",
  "access_logs.s3.bucket", "",
  "access_logs.s3.prefix", "",
  "deletion_protection.enabled", "false",
  "ipv6.deny_all_igw_traffic", "true",
  "load_balancing.cross_zone.enabled", "false",
  NULL
};

static char *
elb_arn (const char *region,
         const char *resource)
{
  return g_strdup_printf ("arn:aws:elasticloadbalancing:%s:" CW_SB_ACCOUNT_ID ":%s", region, resource);
}

CwSbLoadBalancer *
cw_sb_model_add_load_balancer (CwSandboxWorld     *world,
                               const char         *region,
                               const char         *name,
                               const char         *type,
                               const char         *scheme,
                               const char * const *subnet_ids,
                               const char * const *group_ids)
{
  gboolean network = g_str_equal (type, "network");
  g_autofree char *hex = cw_sandbox_world_random_hex (world, 16);
  g_autofree char *path = g_strdup_printf ("loadbalancer/%s/%s/%s", network ? "net" : "app", name, hex);
  g_autofree char *arn = elb_arn (region, path);
  g_autofree char *description = g_strdup_printf ("ELB %s", path + strlen ("loadbalancer/"));
  CwSbLoadBalancer *lb = cw_sandbox_world_add (world, CW_SB_LOAD_BALANCER, arn, region);
  GStrvBuilder *enis = g_strv_builder_new ();
  CwSbSubnet *first = cw_sandbox_world_peek (world, CW_SB_SUBNET, subnet_ids[0]);

  lb->name = g_strdup (name);
  lb->type = g_strdup (type);
  lb->scheme = g_strdup (scheme);
  lb->vpc_id = g_strdup (first->vpc_id);
  lb->dns_name = network
    ? g_strdup_printf ("%s-%s.elb.%s.amazonaws.com", name, hex, region)
    : g_strdup_printf ("%s%s-%u.%s.elb.amazonaws.com", g_str_equal (scheme, "internal") ? "internal-" : "",
                       name, cw_sandbox_world_random_int (world) % 1000000000, region);
  lb->ip_address_type = g_strdup ("ipv4");
  lb->subnet_ids = g_strdupv ((char **) subnet_ids);
  lb->group_ids = g_strdupv ((char **) group_ids);
  lb->active_at = cw_sandbox_world_after (world, CW_SB_NLB_PROVISIONING_S);
  lb->attributes = attributes_new (lb_attribute_defaults);
  for (guint i = 0; subnet_ids[i] != NULL; i++)
    {
      CwSbSubnet *subnet = cw_sandbox_world_peek (world, CW_SB_SUBNET, subnet_ids[i]);
      CwSbNetworkInterface *eni = cw_sb_model_add_interface (world, subnet, description,
                                                             network ? "network_load_balancer" : "interface",
                                                             "amazon-elb", group_ids, arn);

      g_strv_builder_add (enis, eni->base.id);
    }
  lb->eni_ids = g_strv_builder_end (enis);
  g_strv_builder_unref (enis);
  return lb;
}

/* The listeners go with it; its interfaces linger a while, as AWS's do, holding on to
 * their security groups. */
void
cw_sb_model_delete_load_balancer (CwSandboxWorld   *world,
                                  CwSbLoadBalancer *lb)
{
  GPtrArray *listeners = cw_sandbox_world_list (world, CW_SB_LISTENER);

  for (guint i = listeners->len; i > 0; i--)
    {
      CwSbListener *listener = listeners->pdata[i - 1];

      if (g_str_equal (listener->lb_arn, lb->base.id))
        cw_sandbox_world_remove (world, listener);
    }
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, CW_SB_NLB_ENI_RELEASE_S),
                             CW_SB_EVENT_INTERFACES_GONE, lb->base.id, NULL);
  cw_sandbox_world_remove (world, lb);
}

gboolean
cw_sb_model_lb_is_active (CwSandboxWorld   *world,
                          CwSbLoadBalancer *lb)
{
  return cw_sandbox_world_now (world) >= lb->active_at;
}

char **
cw_sb_model_lb_zone_names (CwSandboxWorld   *world,
                           CwSbLoadBalancer *lb)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  for (guint i = 0; lb->subnet_ids[i] != NULL; i++)
    {
      CwSbSubnet *subnet = cw_sandbox_world_peek (world, CW_SB_SUBNET, lb->subnet_ids[i]);

      if (subnet != NULL)
        g_strv_builder_add (builder, subnet->zone_name);
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

static const char * const target_group_attribute_defaults[] = {
  "deregistration_delay.timeout_seconds", "300",
  "deregistration_delay.connection_termination.enabled", "false",
  "stickiness.enabled", "false",
  "stickiness.type", "source_ip",
  "proxy_protocol_v2.enabled", "false",
  "preserve_client_ip.enabled", "false",
  "load_balancing.cross_zone.enabled", "use_load_balancer_configuration",
  "target_health_state.unhealthy.connection_termination.enabled", "true",
  "target_group_health.dns_failover.minimum_healthy_targets.count", "1",
  "target_group_health.dns_failover.minimum_healthy_targets.percentage", "off",
  "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1",
  "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off",
  NULL
};

CwSbTargetGroup *
cw_sb_model_add_target_group (CwSandboxWorld *world,
                              const char     *region,
                              const char     *name,
                              const char     *protocol,
                              int             port,
                              const char     *vpc_id,
                              const char     *target_type)
{
  g_autofree char *hex = cw_sandbox_world_random_hex (world, 16);
  g_autofree char *path = g_strdup_printf ("targetgroup/%s/%s", name, hex);
  g_autofree char *arn = elb_arn (region, path);
  CwSbTargetGroup *group = cw_sandbox_world_add (world, CW_SB_TARGET_GROUP, arn, region);

  group->name = g_strdup (name);
  group->protocol = g_strdup (protocol);
  group->port = port;
  group->vpc_id = g_strdup (vpc_id);
  group->target_type = g_strdup (target_type);
  /* The defaults AWS gives a TCP target group. */
  group->health_protocol = g_strdup ("TCP");
  group->health_interval = 30;
  group->health_timeout = 10;
  group->healthy_threshold = 5;
  group->unhealthy_threshold = 2;
  group->attributes = attributes_new (target_group_attribute_defaults);
  group->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_target_free);
  group->draining = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_target_free);
  return group;
}

static CwSbTarget *
find_target (GPtrArray  *targets,
             const char *ip,
             int         port)
{
  for (guint i = 0; i < targets->len; i++)
    {
      CwSbTarget *target = targets->pdata[i];

      if (g_str_equal (target->ip, ip) && target->port == port)
        return target;
    }
  return NULL;
}

/* Registering again what is registered changes nothing, as in AWS. */
CwSbTarget *
cw_sb_model_register_target (CwSandboxWorld  *world,
                             CwSbTargetGroup *group,
                             const char      *ip,
                             int              port)
{
  CwSbTarget *target = find_target (group->targets, ip, port);
  CwSbSubnet *subnet;

  if (target != NULL)
    return target;
  subnet = cw_sandbox_world_subnet_for_ip (world, group->vpc_id, ip);
  target = g_new0 (CwSbTarget, 1);
  target->ip = g_strdup (ip);
  target->port = port;
  target->zone_name = g_strdup (subnet ? subnet->zone_name : "all");
  target->registered = cw_sandbox_world_now (world);
  g_ptr_array_add (group->targets, target);
  return target;
}

/* The target drains for the group's deregistration delay before it is gone. */
void
cw_sb_model_deregister_target (CwSandboxWorld  *world,
                               CwSbTargetGroup *group,
                               CwSbTarget      *target)
{
  const char *delay = g_hash_table_lookup (group->attributes, "deregistration_delay.timeout_seconds");
  g_autofree char *key = g_strdup_printf ("%s:%d", target->ip, target->port);

  guint index;

  if (!g_ptr_array_find (group->targets, target, &index))
    return;
  g_ptr_array_add (group->draining, g_ptr_array_steal_index (group->targets, index));
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, g_ascii_strtod (delay, NULL)),
                             CW_SB_EVENT_TARGET_DRAINED, group->base.id, key);
}

CwSbListener *
cw_sb_model_add_listener (CwSandboxWorld   *world,
                          CwSbLoadBalancer *lb,
                          const char       *protocol,
                          int               port,
                          const char       *target_group_arn)
{
  g_autofree char *hex = cw_sandbox_world_random_hex (world, 16);
  const char *lb_path = strstr (lb->base.id, ":loadbalancer/") + strlen (":loadbalancer/");
  g_autofree char *path = g_strdup_printf ("listener/%s/%s", lb_path, hex);
  g_autofree char *arn = elb_arn (lb->base.region, path);
  CwSbListener *listener = cw_sandbox_world_add (world, CW_SB_LISTENER, arn, lb->base.region);

  listener->lb_arn = g_strdup (lb->base.id);
  listener->protocol = g_strdup (protocol);
  listener->port = port;
  listener->target_group_arn = g_strdup (target_group_arn);
  listener->created_at = cw_sandbox_world_now (world);
  return listener;
}

CwSbListener *
cw_sb_model_listener_of_target_group (CwSandboxWorld  *world,
                                      CwSbTargetGroup *group)
{
  GPtrArray *listeners = cw_sandbox_world_list (world, CW_SB_LISTENER);

  for (guint i = 0; i < listeners->len; i++)
    {
      CwSbListener *listener = listeners->pdata[i];

      if (g_str_equal (listener->target_group_arn, group->base.id))
        return listener;
    }
  return NULL;
}

gboolean
cw_sb_model_cross_zone (CwSbTargetGroup  *group,
                        CwSbLoadBalancer *lb)
{
  const char *own = g_hash_table_lookup (group->attributes, "load_balancing.cross_zone.enabled");

  if (g_strcmp0 (own, "true") == 0 || g_strcmp0 (own, "false") == 0)
    return g_str_equal (own, "true");
  return g_strcmp0 (g_hash_table_lookup (lb->attributes, "load_balancing.cross_zone.enabled"), "true") == 0;
}

static gboolean
rule_covers_port (CwSbRule *rule,
                  int       port)
{
  return g_str_equal (rule->protocol, "-1") ||
         (g_str_equal (rule->protocol, "tcp") && rule->from_port <= port && port <= rule->to_port);
}

static gboolean
lb_address_in (CwSandboxWorld   *world,
               CwSbLoadBalancer *lb,
               const char       *cidr)
{
  for (guint e = 0; lb->eni_ids[e] != NULL; e++)
    {
      CwSbNetworkInterface *eni = cw_sandbox_world_peek (world, CW_SB_NETWORK_INTERFACE, lb->eni_ids[e]);

      if (eni != NULL && cw_sb_ip_in_cidr (eni->private_ip, cidr))
        return TRUE;
    }
  return FALSE;
}

/* Health checks come from the load balancer's interfaces: the database's security
 * groups must let the NLB's security group, or its addresses, reach the port. */
static gboolean
db_admits_lb (CwSandboxWorld   *world,
              CwSbDbInstance   *db,
              CwSbLoadBalancer *lb)
{
  for (guint g = 0; db->group_ids[g] != NULL; g++)
    {
      CwSbSecurityGroup *group = cw_sandbox_world_peek (world, CW_SB_SECURITY_GROUP, db->group_ids[g]);

      for (guint r = 0; group != NULL && r < group->ingress->len; r++)
        {
          CwSbRule *rule = group->ingress->pdata[r];

          if (!rule_covers_port (rule, db->port))
            continue;
          if (rule->group_id != NULL && g_strv_contains ((const char * const *) lb->group_ids, rule->group_id))
            return TRUE;
          if (rule->cidr != NULL && lb_address_in (world, lb, rule->cidr))
            return TRUE;
        }
    }
  return FALSE;
}

/* A load balancer with security groups sends health checks and traffic only where its
 * groups' outbound rules allow: to the target's address, or to a group the database's
 * interface carries. One without groups sends anywhere. */
static gboolean
lb_lets_out (CwSandboxWorld   *world,
             CwSbLoadBalancer *lb,
             CwSbDbInstance   *db,
             const char       *target_ip)
{
  if (lb->group_ids == NULL || lb->group_ids[0] == NULL)
    return TRUE;
  for (guint g = 0; lb->group_ids[g] != NULL; g++)
    {
      CwSbSecurityGroup *group = cw_sandbox_world_peek (world, CW_SB_SECURITY_GROUP, lb->group_ids[g]);

      for (guint r = 0; group != NULL && r < group->egress->len; r++)
        {
          CwSbRule *rule = group->egress->pdata[r];

          if (!rule_covers_port (rule, db->port))
            continue;
          if (rule->cidr != NULL && cw_sb_ip_in_cidr (target_ip, rule->cidr))
            return TRUE;
          if (rule->group_id != NULL && g_strv_contains ((const char * const *) db->group_ids, rule->group_id))
            return TRUE;
        }
    }
  return FALSE;
}

static CwSbHealth
health (const char *state,
        const char *reason,
        const char *description)
{
  return (CwSbHealth) { state, reason, description };
}

CwSbHealth
cw_sb_model_target_health (CwSandboxWorld  *world,
                           CwSbTargetGroup *group,
                           CwSbTarget      *target)
{
  CwSbListener *listener = cw_sb_model_listener_of_target_group (world, group);
  CwSbLoadBalancer *lb = listener ? cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, listener->lb_arn) : NULL;
  g_auto(GStrv) zones = NULL;
  CwSbDbInstance *db;
  gint64 since;

  if (find_target (group->draining, target->ip, target->port) == target)
    return health ("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
  if (lb == NULL)
    return health ("unused", "Target.NotInUse", "Target group is not configured to receive traffic from the load balancer");
  if (!cw_sb_model_lb_is_active (world, lb))
    return health ("initial", "Elb.RegistrationInProgress", "Target registration is in progress");
  zones = cw_sb_model_lb_zone_names (world, lb);
  if (!g_strv_contains ((const char * const *) zones, target->zone_name) && !cw_sb_model_cross_zone (group, lb))
    return health ("unused", "Target.NotInUse", "Target is in an Availability Zone that is not enabled for the load balancer");
  since = MAX (MAX (target->registered, lb->active_at), listener->created_at);
  if (cw_sandbox_world_now (world) < since + cw_sandbox_world_duration (world, group->health_interval *
                                                                          group->healthy_threshold))
    return health ("initial", "Elb.InitialHealthChecking", "Initial health checks in progress");
  db = db_at (world, target->ip, target->port);
  if (db == NULL)
    return health ("unhealthy", "Target.FailedHealthChecks", "Health checks failed");
  /* A Network Load Balancer reports a blocked path as failed health checks. */
  if (!lb_lets_out (world, lb, db, target->ip) || !db_admits_lb (world, db, lb))
    return health ("unhealthy", "Target.FailedHealthChecks", "Health checks failed");
  return health ("healthy", NULL, NULL);
}

/* ---- endpoint services ---- */

CwSbEndpointService *
cw_sb_model_add_endpoint_service (CwSandboxWorld     *world,
                                  const char         *region,
                                  const char * const *lb_arns,
                                  gboolean            acceptance_required)
{
  g_autofree char *id = cw_sandbox_world_new_id (world, "vpce-svc");
  CwSbEndpointService *service = cw_sandbox_world_add (world, CW_SB_ENDPOINT_SERVICE, id, region);

  service->name = g_strdup_printf ("com.amazonaws.vpce.%s.%s", region, id);
  service->lb_arns = g_strdupv ((char **) lb_arns);
  service->acceptance_required = acceptance_required;
  service->principals = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_principal_free);
  service->available_at = cw_sandbox_world_after (world, CW_SB_SERVICE_PENDING_S);
  return service;
}

/* The load balancer is free for another service at once; the service itself shows
 * "Deleting" a moment longer. */
void
cw_sb_model_delete_endpoint_service (CwSandboxWorld      *world,
                                     CwSbEndpointService *service)
{
  service->deleting = TRUE;
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, CW_SB_SERVICE_DELETING_S),
                             CW_SB_EVENT_SERVICE_GONE, service->base.id, NULL);
}

/* Pending until its load balancer is active and a few seconds more. */
const char *
cw_sb_model_service_state (CwSandboxWorld      *world,
                           CwSbEndpointService *service)
{
  gint64 now = cw_sandbox_world_now (world);

  if (service->deleting)
    return "Deleting";
  for (guint i = 0; service->lb_arns[i] != NULL; i++)
    {
      CwSbLoadBalancer *lb = cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, service->lb_arns[i]);

      if (lb == NULL)
        return "Failed";
      if (now < lb->active_at + cw_sandbox_world_duration (world, CW_SB_SERVICE_PENDING_S))
        return "Pending";
    }
  return now < service->available_at ? "Pending" : "Available";
}

CwSbEndpointService *
cw_sb_model_service_of_lb (CwSandboxWorld *world,
                           const char     *lb_arn)
{
  GPtrArray *services = cw_sandbox_world_list (world, CW_SB_ENDPOINT_SERVICE);

  for (guint i = 0; i < services->len; i++)
    {
      CwSbEndpointService *service = services->pdata[i];

      if (!service->deleting && g_strv_contains ((const char * const *) service->lb_arns, lb_arn))
        return service;
    }
  return NULL;
}

CwSbEndpointService *
cw_sb_model_service_by_name (CwSandboxWorld *world,
                             const char     *name)
{
  GPtrArray *services = cw_sandbox_world_list (world, CW_SB_ENDPOINT_SERVICE);

  for (guint i = 0; i < services->len; i++)
    {
      CwSbEndpointService *service = services->pdata[i];

      if (!service->deleting && g_strcmp0 (service->name, name) == 0)
        return service;
    }
  return NULL;
}

static gboolean
principal_is_allowed (CwSbEndpointService *service,
                      const char          *principal)
{
  for (guint i = 0; i < service->principals->len; i++)
    {
      CwSbPrincipal *allowed = service->principals->pdata[i];

      if (g_str_equal (allowed->principal, principal) || g_str_equal (allowed->principal, "*"))
        return TRUE;
    }
  return FALSE;
}

CwSbPrincipal *
cw_sb_model_allow_principal (CwSandboxWorld      *world,
                             CwSbEndpointService *service,
                             const char          *principal)
{
  CwSbPrincipal *allowed;

  for (guint i = 0; i < service->principals->len; i++)
    {
      allowed = service->principals->pdata[i];
      if (g_str_equal (allowed->principal, principal))
        return allowed;
    }
  allowed = g_new0 (CwSbPrincipal, 1);
  allowed->principal = g_strdup (principal);
  allowed->permission_id = cw_sandbox_world_new_id (world, "vpce-svc-perm");
  g_ptr_array_add (service->principals, allowed);
  return allowed;
}

CwSbEndpointConnection *
cw_sb_model_add_connection (CwSandboxWorld      *world,
                            CwSbEndpointService *service,
                            const char          *owner,
                            const char          *state,
                            const char * const  *zone_ids)
{
  g_autofree char *id = cw_sandbox_world_new_id (world, "vpce");
  CwSbEndpointConnection *connection = cw_sandbox_world_add (world, CW_SB_ENDPOINT_CONNECTION, id,
                                                             service->base.region);

  connection->service_id = g_strdup (service->base.id);
  connection->owner = g_strdup (owner);
  connection->state = g_strdup (state);
  connection->connection_id = cw_sandbox_world_new_id (world, "vpce-con");
  connection->zone_ids = g_strdupv ((char **) zone_ids);
  return connection;
}

CwSbEndpointConnection *
cw_sb_model_connection_of_endpoint (CwSandboxWorld *world,
                                    const char     *endpoint_id)
{
  return cw_sandbox_world_peek (world, CW_SB_ENDPOINT_CONNECTION, endpoint_id);
}

static void
set_connection_state (CwSbEndpointConnection *connection,
                      const char             *state)
{
  g_free (connection->state);
  connection->state = g_strdup (state);
}

static CwSbTidbLink *
link_of_endpoint (CwSandboxWorld *world,
                  const char     *endpoint_id)
{
  GPtrArray *links = cw_sandbox_world_list (world, CW_SB_TIDB_LINK);

  for (guint i = 0; i < links->len; i++)
    {
      CwSbTidbLink *link = links->pdata[i];

      if (g_strcmp0 (link->endpoint_id, endpoint_id) == 0)
        return link;
    }
  return NULL;
}

void
cw_sb_model_accept_connection (CwSandboxWorld         *world,
                               CwSbEndpointConnection *connection)
{
  set_connection_state (connection, "pending");
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, CW_SB_CONNECTION_PENDING_S),
                             CW_SB_EVENT_CONNECTION_READY, connection->base.id, NULL);
}

void
cw_sb_model_reject_connection (CwSandboxWorld         *world,
                               CwSbEndpointConnection *connection)
{
  CwSbTidbLink *link = link_of_endpoint (world, connection->base.id);
  g_autofree char *message = NULL;

  set_connection_state (connection, "rejected");
  if (link == NULL)
    return;
  message = g_strdup_printf ("The owner of the endpoint service %s rejected the connection of endpoint %s.",
                             link->service_name, connection->base.id);
  cw_sb_model_set_link_state (link, "FAILED", message);
}

/* ---- TiDB Cloud ---- */

CwSbTidbProject *
cw_sb_model_add_tidb_project (CwSandboxWorld *world,
                              const char     *id,
                              const char     *name)
{
  CwSbTidbProject *project = cw_sandbox_world_add (world, CW_SB_TIDB_PROJECT, id, NULL);

  project->name = g_strdup (name);
  project->org_id = g_strdup ("1372813089454525346");
  return project;
}

CwSbTidbCluster *
cw_sb_model_add_tidb_cluster (CwSandboxWorld     *world,
                              const char         *id,
                              const char         *display_name,
                              const char         *region_id,
                              const char         *plan,
                              const char         *project_id,
                              const char * const *zone_ids)
{
  CwSbTidbCluster *cluster = cw_sandbox_world_add (world, CW_SB_TIDB_CLUSTER, id, NULL);
  g_autofree char *prefix = cw_sandbox_world_random_alnum (world, 7);

  cluster->display_name = g_strdup (display_name);
  cluster->region_id = g_strdup (region_id);
  cluster->plan = g_strdup (plan);
  cluster->state = g_strdup ("ACTIVE");
  cluster->project_id = g_strdup (project_id);
  cluster->account_id = g_strdup (CW_SB_TIDB_ACCOUNT_ID);
  cluster->zone_ids = g_strdupv ((char **) zone_ids);
  cluster->user_prefix = g_strndup (prefix, 7);
  return cluster;
}

void
cw_sb_model_set_link_state (CwSbTidbLink *link,
                            const char   *state,
                            const char   *message)
{
  g_free (link->state);
  link->state = g_strdup (state);
  g_free (link->message);
  link->message = g_strdup (message);
  link->updated = g_get_real_time ();
}

CwSbTidbLink *
cw_sb_model_add_tidb_link (CwSandboxWorld  *world,
                           CwSbTidbCluster *cluster,
                           const char      *display_name,
                           const char      *service_name,
                           const char      *service_region,
                           const char      *created_by)
{
  g_autofree char *suffix = cw_sandbox_world_random_alnum (world, 14);
  g_autofree char *id = g_strconcat ("plc-", suffix, NULL);
  CwSbTidbLink *link = cw_sandbox_world_add (world, CW_SB_TIDB_LINK, id, NULL);

  link->cluster_id = g_strdup (cluster->base.id);
  link->display_name = g_strdup (display_name);
  link->state = g_strdup ("CREATING");
  link->created_by = g_strdup (created_by);
  link->service_name = g_strdup (service_name);
  link->service_region = g_strdup (service_region);
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, CW_SB_LINK_CREATING_S),
                             CW_SB_EVENT_LINK_EVALUATE, id, NULL);
  return link;
}

void
cw_sb_model_delete_tidb_link (CwSandboxWorld *world,
                              CwSbTidbLink   *link)
{
  CwSbEndpointConnection *connection = cw_sb_model_connection_of_endpoint (world, link->endpoint_id);

  cw_sb_model_set_link_state (link, "DELETING", NULL);
  if (connection != NULL)
    set_connection_state (connection, "deleting");
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, CW_SB_LINK_DELETING_S),
                             CW_SB_EVENT_LINK_GONE, link->base.id, NULL);
}

/* The zone IDs both the service's load balancers and the cluster are in. */
static char **
overlapping_zone_ids (CwSandboxWorld      *world,
                      CwSbEndpointService *service,
                      CwSbTidbCluster     *cluster)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **overlap;

  for (guint i = 0; service->lb_arns[i] != NULL; i++)
    {
      CwSbLoadBalancer *lb = cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, service->lb_arns[i]);
      g_auto(GStrv) names = lb ? cw_sb_model_lb_zone_names (world, lb) : NULL;

      for (guint z = 0; names != NULL && names[z] != NULL; z++)
        if (g_strv_contains ((const char * const *) cluster->zone_ids, cw_sb_zone_id (names[z])))
          g_strv_builder_add (builder, cw_sb_zone_id (names[z]));
    }
  overlap = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return overlap;
}

/* What TiDB Cloud finds when it creates its interface endpoint, in the words AWS
 * gives it. */
static void
evaluate_link (CwSandboxWorld *world,
               CwSbTidbLink   *link)
{
  CwSbTidbCluster *cluster = cw_sandbox_world_peek (world, CW_SB_TIDB_CLUSTER, link->cluster_id);
  CwSbEndpointService *service = cw_sb_model_service_by_name (world, link->service_name);
  g_autofree char *principal = g_strdup_printf ("arn:aws:iam::%s:root", cluster->account_id);
  g_autofree char *message = NULL;
  g_auto(GStrv) overlap = NULL;
  CwSbEndpointConnection *connection;

  if (service == NULL || g_strcmp0 (service->base.region, link->service_region) != 0 ||
      !principal_is_allowed (service, principal))
    message = g_strdup_printf ("Failed to create the VPC endpoint: the VPC endpoint service %s does not exist "
                               "or does not allow the principal %s.", link->service_name, principal);
  else if (!g_str_equal (cw_sb_model_service_state (world, service), "Available"))
    message = g_strdup_printf ("Failed to create the VPC endpoint: the VPC endpoint service %s is not available "
                               "(state %s).", link->service_name, cw_sb_model_service_state (world, service));
  else if ((overlap = overlapping_zone_ids (world, service, cluster))[0] == NULL)
    {
      g_autofree char *wanted = g_strjoinv (", ", cluster->zone_ids);

      message = g_strdup_printf ("Failed to create the VPC endpoint: the VPC endpoint service %s is not available "
                                 "in any of the cluster's availability zones (%s).", link->service_name, wanted);
    }
  if (message != NULL)
    {
      cw_sb_model_set_link_state (link, "FAILED", message);
      return;
    }
  connection = cw_sb_model_add_connection (world, service, cluster->account_id,
                                           service->acceptance_required ? "pendingAcceptance" : "pending",
                                           (const char * const *) overlap);
  link->endpoint_id = g_strdup (connection->base.id);
  link->zone_ids = g_steal_pointer (&overlap);
  if (service->acceptance_required)
    cw_sb_model_set_link_state (link, "PENDING_ACCEPTANCE", NULL);
  else
    cw_sb_model_accept_connection (world, connection);
}

static void
connection_ready (CwSandboxWorld *world,
                  const char     *endpoint_id)
{
  CwSbEndpointConnection *connection = cw_sb_model_connection_of_endpoint (world, endpoint_id);
  CwSbTidbLink *link = link_of_endpoint (world, endpoint_id);

  if (connection == NULL || !g_str_equal (connection->state, "pending"))
    return;
  set_connection_state (connection, "available");
  if (link != NULL && g_strcmp0 (link->state, "DELETING") != 0)
    cw_sb_model_set_link_state (link, "ACTIVE", NULL);
}

static void
link_gone (CwSandboxWorld *world,
           const char     *link_id)
{
  CwSbTidbLink *link = cw_sandbox_world_peek (world, CW_SB_TIDB_LINK, link_id);
  CwSbEndpointConnection *connection;

  if (link == NULL)
    return;
  connection = cw_sb_model_connection_of_endpoint (world, link->endpoint_id);
  if (connection != NULL)
    cw_sandbox_world_remove (world, connection);
  cw_sandbox_world_remove (world, link);
}

static void
interfaces_gone (CwSandboxWorld *world,
                 const char     *holder)
{
  GPtrArray *enis = cw_sandbox_world_list (world, CW_SB_NETWORK_INTERFACE);

  for (guint i = enis->len; i > 0; i--)
    {
      CwSbNetworkInterface *eni = enis->pdata[i - 1];

      if (g_strcmp0 (eni->holder, holder) == 0)
        cw_sb_model_delete_interface (world, eni);
    }
}

static void
target_drained (CwSandboxWorld *world,
                const char     *group_arn,
                const char     *ip_port)
{
  CwSbTargetGroup *group = cw_sandbox_world_peek (world, CW_SB_TARGET_GROUP, group_arn);

  for (guint i = 0; group != NULL && i < group->draining->len; i++)
    {
      CwSbTarget *target = group->draining->pdata[i];
      g_autofree char *key = g_strdup_printf ("%s:%d", target->ip, target->port);

      if (g_str_equal (key, ip_port))
        {
          g_ptr_array_remove_index (group->draining, i);
          return;
        }
    }
}

void
cw_sb_model_apply_event (CwSandboxWorld *world,
                         CwSbEventKind   kind,
                         const char     *id,
                         const char     *argument)
{
  switch (kind)
    {
    case CW_SB_EVENT_LINK_EVALUATE:
      {
        CwSbTidbLink *link = cw_sandbox_world_peek (world, CW_SB_TIDB_LINK, id);

        if (link != NULL && g_str_equal (link->state, "CREATING"))
          evaluate_link (world, link);
      }
      break;
    case CW_SB_EVENT_CONNECTION_READY:
      connection_ready (world, id);
      break;
    case CW_SB_EVENT_LINK_GONE:
      link_gone (world, id);
      break;
    case CW_SB_EVENT_SERVICE_GONE:
      {
        CwSbEndpointService *service = cw_sandbox_world_peek (world, CW_SB_ENDPOINT_SERVICE, id);

        if (service != NULL)
          cw_sandbox_world_remove (world, service);
      }
      break;
    case CW_SB_EVENT_INTERFACES_GONE:
      interfaces_gone (world, id);
      break;
    case CW_SB_EVENT_TARGET_DRAINED:
      target_drained (world, id, argument);
      break;
    case CW_SB_EVENT_FAILOVER:
      if (!cw_sb_model_failover (world, id, NULL))
        g_warning ("Scheduled failover of %s: no such database", id);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ---- the truth the health view should find ---- */

/* TiDB's endpoint enters the NLB in the zones both share; a node there forwards only to
 * targets of its own zone unless cross-zone load balancing is on. */
static gboolean
target_reachable (CwSandboxWorld   *world,
                  CwSbTidbLink     *link,
                  CwSbLoadBalancer *lb,
                  CwSbTargetGroup  *group,
                  CwSbTarget       *target)
{
  CwSbHealth state = cw_sb_model_target_health (world, group, target);
  const char *zone_id = cw_sb_zone_id (target->zone_name);

  if (!g_str_equal (state.state, "healthy"))
    return FALSE;
  return cw_sb_model_cross_zone (group, lb) ||
         (link->zone_ids != NULL && zone_id != NULL && g_strv_contains ((const char * const *) link->zone_ids, zone_id));
}

static gboolean
lb_reaches_database (CwSandboxWorld   *world,
                     CwSbTidbLink     *link,
                     CwSbLoadBalancer *lb)
{
  GPtrArray *listeners = cw_sandbox_world_list (world, CW_SB_LISTENER);

  for (guint i = 0; i < listeners->len; i++)
    {
      CwSbListener *listener = listeners->pdata[i];
      CwSbTargetGroup *group;

      if (!g_str_equal (listener->lb_arn, lb->base.id))
        continue;
      group = cw_sandbox_world_peek (world, CW_SB_TARGET_GROUP, listener->target_group_arn);
      for (guint t = 0; group != NULL && t < group->targets->len; t++)
        if (target_reachable (world, link, lb, group, group->targets->pdata[t]))
          return TRUE;
    }
  return FALSE;
}

gboolean
cw_sb_model_link_reachable (CwSandboxWorld  *world,
                            CwSbTidbLink    *link,
                            const char     **reason)
{
  CwSbEndpointService *service = cw_sb_model_service_by_name (world, link->service_name);

  if (!g_str_equal (link->state, "ACTIVE"))
    *reason = "the link is not active";
  else if (service == NULL)
    *reason = "the endpoint service is gone";
  else
    {
      for (guint i = 0; service->lb_arns[i] != NULL; i++)
        {
          CwSbLoadBalancer *lb = cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, service->lb_arns[i]);

          if (lb != NULL && lb_reaches_database (world, link, lb))
            {
              *reason = NULL;
              return TRUE;
            }
        }
      *reason = "no healthy target is reachable from the zones of TiDB Cloud's endpoint";
    }
  return FALSE;
}
