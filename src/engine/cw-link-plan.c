/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-plan.c */
#define G_LOG_DOMAIN "cw-link-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-checks.h"
#include "cw-link-plan.h"

struct _CwLinkPlan
{
  GObject                  parent_instance;

  char                    *link_id;
  char                    *aws_account;
  char                    *tidb_account;
  CwTidbCluster           *cluster;
  CwTidbAvailabilityZones *tidb_zones;
  char                    *tidb_zones_error;
  CwDatabase              *database;
  char                    *database_region;
  char                    *database_ip;
  char                    *database_ip_error;
  GStrv                    vpc_cidrs;
  GPtrArray               *vpc_subnets;      /* CwEc2Subnet, as loaded */
  GListStore              *subnets;          /* CwSubnetChoice */
  char                    *target_group_name;
  char                    *load_balancer_name;
  char                    *display_name;
  gboolean                 names_edited;
  char                    *nlb_security_group;
  char                    *database_security_group;
  GStrv                    existing_target_groups;
  GStrv                    existing_load_balancers;
  char                    *cross_zone_reason;
  GListStore              *checks;           /* CwCheck */
};

G_DEFINE_FINAL_TYPE (CwLinkPlan, cw_link_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AWS_ACCOUNT,
  PROP_TIDB_ACCOUNT,
  PROP_CLUSTER,
  PROP_TIDB_ZONES,
  PROP_DATABASE,
  PROP_DATABASE_IP,
  PROP_TARGET_GROUP_NAME,
  PROP_LOAD_BALANCER_NAME,
  PROP_DISPLAY_NAME,
  PROP_NLB_SECURITY_GROUP,
  PROP_DATABASE_SECURITY_GROUP,
  PROP_CROSS_ZONE,
  PROP_CROSS_ZONE_REASON,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- re-checking ---- */

static void
update_cross_zone (CwLinkPlan *self)
{
  g_autofree char *reason = NULL;

  if (self->database != NULL && self->tidb_zones != NULL)
    reason = cw_cross_zone_reason (cw_database_get_zone_id (self->database),
                                   cw_database_get_standby_zone_id (self->database),
                                   cw_tidb_availability_zones_get_zone_ids (self->tidb_zones));
  if (g_strcmp0 (reason, self->cross_zone_reason) == 0)
    return;
  g_free (self->cross_zone_reason);
  self->cross_zone_reason = g_steal_pointer (&reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CROSS_ZONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CROSS_ZONE_REASON]);
}

static void
recheck (CwLinkPlan *self)
{
  gboolean was_ready = cw_link_plan_is_ready (self);
  g_autoptr(GPtrArray) checks = NULL;

  update_cross_zone (self);
  checks = cw_checks_evaluate (self);
  g_list_store_splice (self->checks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->checks)),
                       checks->pdata, checks->len);
  if (was_ready != cw_link_plan_is_ready (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
changed (CwLinkPlan *self,
         guint       prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  recheck (self);
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* ---- subnets ---- */

static gboolean
tidb_uses_zone (CwLinkPlan *self,
                const char *zone_id)
{
  const char * const *ids = self->tidb_zones ? cw_tidb_availability_zones_get_zone_ids (self->tidb_zones) : NULL;

  return ids != NULL && zone_id != NULL && g_strv_contains (ids, zone_id);
}

static gboolean
is_database_zone (CwLinkPlan *self,
                  const char *zone_id)
{
  return self->database != NULL && zone_id != NULL &&
         (g_strcmp0 (zone_id, cw_database_get_zone_id (self->database)) == 0 ||
          g_strcmp0 (zone_id, cw_database_get_standby_zone_id (self->database)) == 0);
}

/* Within a zone, a subnet of the database's own subnet group is preferred (it is private
 * and routable to the database); among equals, the lowest id keeps the choice stable. */
static gboolean
better_subnet (CwLinkPlan        *self,
               const CwEc2Subnet *candidate,
               const CwEc2Subnet *current)
{
  const char * const *db_subnets = self->database ? cw_database_get_subnet_ids (self->database) : NULL;
  gboolean candidate_in_group = db_subnets && g_strv_contains (db_subnets, candidate->subnet_id);
  gboolean current_in_group = db_subnets && g_strv_contains (db_subnets, current->subnet_id);

  if (candidate_in_group != current_in_group)
    return candidate_in_group;
  return g_strcmp0 (candidate->subnet_id, current->subnet_id) < 0;
}

static void
on_subnet_selected (CwLinkPlan *self)
{
  recheck (self);
}

static gint
compare_subnets_by_zone (gconstpointer a,
                         gconstpointer b)
{
  const CwEc2Subnet *x = *(const CwEc2Subnet **) a;
  const CwEc2Subnet *y = *(const CwEc2Subnet **) b;
  int by_zone = g_strcmp0 (x->availability_zone, y->availability_zone);

  return by_zone ? by_zone : g_strcmp0 (x->subnet_id, y->subnet_id);
}

/* One pre-selected subnet in each zone TiDB Cloud uses and in the database's zones
 * (DESIGN.md §1.1); the rest are listed for the user to add. */
static void
rebuild_subnet_choices (CwLinkPlan *self)
{
  g_autoptr(GHashTable) best = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sorted = NULL;

  g_list_store_remove_all (self->subnets);
  if (self->vpc_subnets == NULL)
    return;
  /* A view on the loaded records: it owns none of them. */
  sorted = g_ptr_array_copy (self->vpc_subnets, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_subnets_by_zone);
  for (guint i = 0; i < sorted->len; i++)
    {
      CwEc2Subnet *subnet = g_ptr_array_index (sorted, i);
      CwEc2Subnet *current = g_hash_table_lookup (best, subnet->availability_zone_id);

      if (current == NULL || better_subnet (self, subnet, current))
        g_hash_table_insert (best, subnet->availability_zone_id, subnet);
    }
  for (guint i = 0; i < sorted->len; i++)
    {
      CwEc2Subnet *subnet = g_ptr_array_index (sorted, i);
      g_autoptr(CwSubnetChoice) choice = cw_subnet_choice_new (subnet, tidb_uses_zone (self, subnet->availability_zone_id));
      gboolean wanted = tidb_uses_zone (self, subnet->availability_zone_id) ||
                        is_database_zone (self, subnet->availability_zone_id);

      cw_subnet_choice_set_selected (choice, wanted && g_hash_table_lookup (best, subnet->availability_zone_id) == subnet);
      g_signal_connect_object (choice, "notify::selected", G_CALLBACK (on_subnet_selected), self, G_CONNECT_SWAPPED);
      g_list_store_append (self->subnets, choice);
    }
}

/* ---- GObject ---- */

static void
cw_link_plan_finalize (GObject *object)
{
  CwLinkPlan *self = CW_LINK_PLAN (object);

  g_free (self->link_id);
  g_free (self->aws_account);
  g_free (self->tidb_account);
  g_clear_object (&self->cluster);
  g_clear_object (&self->tidb_zones);
  g_free (self->tidb_zones_error);
  g_clear_object (&self->database);
  g_free (self->database_region);
  g_free (self->database_ip);
  g_free (self->database_ip_error);
  g_strfreev (self->vpc_cidrs);
  g_clear_pointer (&self->vpc_subnets, g_ptr_array_unref);
  g_clear_object (&self->subnets);
  g_free (self->target_group_name);
  g_free (self->load_balancer_name);
  g_free (self->display_name);
  g_free (self->nlb_security_group);
  g_free (self->database_security_group);
  g_strfreev (self->existing_target_groups);
  g_strfreev (self->existing_load_balancers);
  g_free (self->cross_zone_reason);
  g_clear_object (&self->checks);
  G_OBJECT_CLASS (cw_link_plan_parent_class)->finalize (object);
}

static void
cw_link_plan_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CwLinkPlan *self = CW_LINK_PLAN (object);

  switch (prop_id)
    {
    case PROP_AWS_ACCOUNT:
      g_value_set_string (value, self->aws_account);
      break;
    case PROP_TIDB_ACCOUNT:
      g_value_set_string (value, self->tidb_account);
      break;
    case PROP_CLUSTER:
      g_value_set_object (value, self->cluster);
      break;
    case PROP_TIDB_ZONES:
      g_value_set_object (value, self->tidb_zones);
      break;
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_DATABASE_IP:
      g_value_set_string (value, self->database_ip);
      break;
    case PROP_TARGET_GROUP_NAME:
      g_value_set_string (value, self->target_group_name);
      break;
    case PROP_LOAD_BALANCER_NAME:
      g_value_set_string (value, self->load_balancer_name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_NLB_SECURITY_GROUP:
      g_value_set_string (value, self->nlb_security_group);
      break;
    case PROP_DATABASE_SECURITY_GROUP:
      g_value_set_string (value, self->database_security_group);
      break;
    case PROP_CROSS_ZONE:
      g_value_set_boolean (value, cw_link_plan_get_cross_zone (self));
      break;
    case PROP_CROSS_ZONE_REASON:
      g_value_set_string (value, self->cross_zone_reason);
      break;
    case PROP_READY:
      g_value_set_boolean (value, cw_link_plan_is_ready (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_link_plan_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CwLinkPlan *self = CW_LINK_PLAN (object);

  switch (prop_id)
    {
    case PROP_AWS_ACCOUNT:
      cw_link_plan_set_aws_account (self, g_value_get_string (value));
      break;
    case PROP_TIDB_ACCOUNT:
      cw_link_plan_set_tidb_account (self, g_value_get_string (value));
      break;
    case PROP_CLUSTER:
      cw_link_plan_set_cluster (self, g_value_get_object (value));
      break;
    case PROP_TIDB_ZONES:
      cw_link_plan_set_tidb_zones (self, g_value_get_object (value));
      break;
    case PROP_TARGET_GROUP_NAME:
      cw_link_plan_set_target_group_name (self, g_value_get_string (value));
      break;
    case PROP_LOAD_BALANCER_NAME:
      cw_link_plan_set_load_balancer_name (self, g_value_get_string (value));
      break;
    case PROP_DISPLAY_NAME:
      cw_link_plan_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_NLB_SECURITY_GROUP:
      cw_link_plan_set_nlb_security_group (self, g_value_get_string (value));
      break;
    case PROP_DATABASE_SECURITY_GROUP:
      cw_link_plan_set_database_security_group (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name,
                 gboolean    writable)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (writable ? G_PARAM_READWRITE : G_PARAM_READABLE) |
                              G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
cw_link_plan_class_init (CwLinkPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_link_plan_finalize;
  object_class->get_property = cw_link_plan_get_property;
  object_class->set_property = cw_link_plan_set_property;

  properties[PROP_AWS_ACCOUNT] = string_property ("aws-account", TRUE);
  properties[PROP_TIDB_ACCOUNT] = string_property ("tidb-account", TRUE);
  properties[PROP_CLUSTER] = g_param_spec_object ("cluster", NULL, NULL, CW_TYPE_TIDB_CLUSTER,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIDB_ZONES] = g_param_spec_object ("tidb-zones", NULL, NULL, CW_TYPE_TIDB_AVAILABILITY_ZONES,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE] = g_param_spec_object ("database", NULL, NULL, CW_TYPE_DATABASE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE_IP] = string_property ("database-ip", FALSE);
  properties[PROP_TARGET_GROUP_NAME] = string_property ("target-group-name", TRUE);
  properties[PROP_LOAD_BALANCER_NAME] = string_property ("load-balancer-name", TRUE);
  properties[PROP_DISPLAY_NAME] = string_property ("display-name", TRUE);
  properties[PROP_NLB_SECURITY_GROUP] = string_property ("nlb-security-group", TRUE);
  properties[PROP_DATABASE_SECURITY_GROUP] = string_property ("database-security-group", TRUE);
  properties[PROP_CROSS_ZONE] = g_param_spec_boolean ("cross-zone", NULL, NULL, FALSE,
                                                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CROSS_ZONE_REASON] = string_property ("cross-zone-reason", FALSE);
  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_link_plan_init (CwLinkPlan *self)
{
  self->link_id = g_uuid_string_random ();
  self->subnets = g_list_store_new (CW_TYPE_SUBNET_CHOICE);
  self->checks = g_list_store_new (CW_TYPE_CHECK);
  recheck (self);
}

CwLinkPlan *
cw_link_plan_new (void)
{
  return g_object_new (CW_TYPE_LINK_PLAN, NULL);
}

/* ---- accessors ---- */

const char *
cw_link_plan_get_link_id (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return self->link_id;
}

#define STRING_PROPERTY(name, PROP) \
  const char * \
  cw_link_plan_get_##name (CwLinkPlan *self) \
  { \
    g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL); \
    return self->name; \
  } \
  void \
  cw_link_plan_set_##name (CwLinkPlan *self, const char *value) \
  { \
    g_return_if_fail (CW_IS_LINK_PLAN (self)); \
    if (replace_string (&self->name, value)) \
      changed (self, PROP); \
  }

STRING_PROPERTY (aws_account, PROP_AWS_ACCOUNT)
STRING_PROPERTY (tidb_account, PROP_TIDB_ACCOUNT)
STRING_PROPERTY (nlb_security_group, PROP_NLB_SECURITY_GROUP)
STRING_PROPERTY (database_security_group, PROP_DATABASE_SECURITY_GROUP)

#undef STRING_PROPERTY

/* Names the user typed are theirs: choosing another database no longer replaces them. */
#define NAME_PROPERTY(name, PROP) \
  const char * \
  cw_link_plan_get_##name (CwLinkPlan *self) \
  { \
    g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL); \
    return self->name; \
  } \
  void \
  cw_link_plan_set_##name (CwLinkPlan *self, const char *value) \
  { \
    g_return_if_fail (CW_IS_LINK_PLAN (self)); \
    if (!replace_string (&self->name, value)) \
      return; \
    self->names_edited = TRUE; \
    changed (self, PROP); \
  }

NAME_PROPERTY (target_group_name, PROP_TARGET_GROUP_NAME)
NAME_PROPERTY (load_balancer_name, PROP_LOAD_BALANCER_NAME)
NAME_PROPERTY (display_name, PROP_DISPLAY_NAME)

#undef NAME_PROPERTY

CwTidbCluster *
cw_link_plan_get_cluster (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return self->cluster;
}

/* A new cluster means TiDB Cloud's zones must be loaded again for it. */
void
cw_link_plan_set_cluster (CwLinkPlan    *self,
                          CwTidbCluster *cluster)
{
  g_return_if_fail (CW_IS_LINK_PLAN (self));
  if (!g_set_object (&self->cluster, cluster))
    return;
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->tidb_zones_error, g_free);
  cw_link_plan_set_tidb_zones (self, NULL);
  changed (self, PROP_CLUSTER);
  g_object_thaw_notify (G_OBJECT (self));
}

CwTidbAvailabilityZones *
cw_link_plan_get_tidb_zones (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return self->tidb_zones;
}

void
cw_link_plan_set_tidb_zones (CwLinkPlan              *self,
                             CwTidbAvailabilityZones *zones)
{
  g_return_if_fail (CW_IS_LINK_PLAN (self));
  if (!g_set_object (&self->tidb_zones, zones))
    return;
  rebuild_subnet_choices (self);
  changed (self, PROP_TIDB_ZONES);
}

const char *
cw_link_plan_get_tidb_zones_error (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return self->tidb_zones_error;
}

/* Why TiDB Cloud gave no zones for the cluster, or NULL. */
void
cw_link_plan_set_tidb_zones_error (CwLinkPlan *self,
                                   const char *message)
{
  g_return_if_fail (CW_IS_LINK_PLAN (self));
  if (replace_string (&self->tidb_zones_error, message))
    recheck (self);
}

const char *
cw_link_plan_get_region (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return self->cluster ? cw_tidb_cluster_get_aws_region (self->cluster) : NULL;
}

CwDatabase *
cw_link_plan_get_database (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return self->database;
}

static void
derive_defaults (CwLinkPlan *self)
{
  const char * const *groups = cw_database_get_security_group_ids (self->database);
  const char *id = cw_database_get_id (self->database);

  replace_string (&self->database_security_group, groups && groups[0] ? groups[0] : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_SECURITY_GROUP]);
  if (self->names_edited)
    return;
  g_free (self->target_group_name);
  self->target_group_name = cw_derive_aws_name ("cw-tg-", id);
  g_free (self->load_balancer_name);
  self->load_balancer_name = cw_derive_aws_name ("cw-nlb-", id);
  replace_string (&self->display_name, id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_GROUP_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_BALANCER_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

/* The database and the region its list came from. Its address, VPC and subnets belong to
 * it, so they are forgotten until loaded again for it. */
void
cw_link_plan_set_database (CwLinkPlan *self,
                           CwDatabase *database,
                           const char *region)
{
  g_return_if_fail (CW_IS_LINK_PLAN (self));
  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->database, database);
  replace_string (&self->database_region, region);
  g_clear_pointer (&self->database_ip, g_free);
  g_clear_pointer (&self->database_ip_error, g_free);
  g_clear_pointer (&self->vpc_cidrs, g_strfreev);
  g_clear_pointer (&self->vpc_subnets, g_ptr_array_unref);
  rebuild_subnet_choices (self);
  if (database != NULL)
    derive_defaults (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_IP]);
  changed (self, PROP_DATABASE);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
cw_link_plan_get_database_region (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return self->database_region;
}

const char *
cw_link_plan_get_database_ip (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return self->database_ip;
}

const char *
cw_link_plan_get_database_ip_error (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return self->database_ip_error;
}

void
cw_link_plan_set_database_ip (CwLinkPlan *self,
                              const char *ip,
                              const char *error_message)
{
  g_return_if_fail (CW_IS_LINK_PLAN (self));
  replace_string (&self->database_ip_error, error_message);
  replace_string (&self->database_ip, ip);
  changed (self, PROP_DATABASE_IP);
}

void
cw_link_plan_set_vpc (CwLinkPlan     *self,
                      const CwEc2Vpc *vpc,
                      GPtrArray      *subnets)
{
  g_autoptr(GStrvBuilder) cidrs = g_strv_builder_new ();

  g_return_if_fail (CW_IS_LINK_PLAN (self));
  for (guint i = 0; vpc->cidr_block_associations && i < vpc->cidr_block_associations->len; i++)
    g_strv_builder_add (cidrs, ((CwEc2CidrBlock *) g_ptr_array_index (vpc->cidr_block_associations, i))->cidr_block);
  if (vpc->cidr_block_associations == NULL || vpc->cidr_block_associations->len == 0)
    g_strv_builder_add (cidrs, vpc->cidr_block);
  g_strfreev (self->vpc_cidrs);
  self->vpc_cidrs = g_strv_builder_end (cidrs);
  g_clear_pointer (&self->vpc_subnets, g_ptr_array_unref);
  self->vpc_subnets = g_ptr_array_ref (subnets);
  rebuild_subnet_choices (self);
  recheck (self);
}

const char * const *
cw_link_plan_get_vpc_cidrs (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return (const char * const *) self->vpc_cidrs;
}

GListModel *
cw_link_plan_get_subnets (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return G_LIST_MODEL (self->subnets);
}

GStrv
cw_link_plan_dup_selected_subnet_ids (CwLinkPlan *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->subnets));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwSubnetChoice) choice = g_list_model_get_item (G_LIST_MODEL (self->subnets), i);

      if (cw_subnet_choice_get_selected (choice))
        g_strv_builder_add (builder, cw_subnet_choice_get_subnet_id (choice));
    }
  return g_strv_builder_end (builder);
}

void
cw_link_plan_set_existing_names (CwLinkPlan         *self,
                                 const char * const *target_groups,
                                 const char * const *load_balancers)
{
  g_return_if_fail (CW_IS_LINK_PLAN (self));
  g_strfreev (self->existing_target_groups);
  self->existing_target_groups = g_strdupv ((char **) target_groups);
  g_strfreev (self->existing_load_balancers);
  self->existing_load_balancers = g_strdupv ((char **) load_balancers);
  recheck (self);
}

gboolean
cw_link_plan_name_exists (CwLinkPlan *self,
                          gboolean    load_balancer,
                          const char *name)
{
  GStrv existing = load_balancer ? self->existing_load_balancers : self->existing_target_groups;

  g_return_val_if_fail (CW_IS_LINK_PLAN (self), FALSE);
  for (guint i = 0; existing && name && existing[i]; i++)
    if (g_ascii_strcasecmp (existing[i], name) == 0)
      return TRUE;
  return FALSE;
}

gboolean
cw_link_plan_get_cross_zone (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), FALSE);
  return self->cross_zone_reason != NULL;
}

const char *
cw_link_plan_get_cross_zone_reason (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return self->cross_zone_reason;
}

GListModel *
cw_link_plan_get_checks (CwLinkPlan *self)
{
  g_return_val_if_fail (CW_IS_LINK_PLAN (self), NULL);
  return G_LIST_MODEL (self->checks);
}

/* The worst level among a step's checks, for the sidebar; @pending tells whether a
 * decision of the step is still to be made. */
CwCheckLevel
cw_link_plan_get_step_level (CwLinkPlan *self,
                             CwPlanStep  step,
                             gboolean   *pending)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->checks));
  CwCheckLevel worst = CW_CHECK_OK;
  gboolean any = FALSE;

  *pending = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      if (cw_check_get_step (check) != step)
        continue;
      any = TRUE;
      if (cw_check_is_pending (check))
        *pending = TRUE;
      else
        worst = MAX (worst, cw_check_get_level (check));
    }
  /* A step none of whose checks can run yet has not been reached. */
  if (!any)
    *pending = TRUE;
  return worst;
}

gboolean
cw_link_plan_is_ready (CwLinkPlan *self)
{
  guint n;

  g_return_val_if_fail (CW_IS_LINK_PLAN (self), FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->checks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      if (cw_check_get_level (check) == CW_CHECK_ERROR)
        return FALSE;
    }
  return TRUE;
}
