/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-database.c */
#define G_LOG_DOMAIN "cw-database"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-database.h"

struct _CwDatabase
{
  GObject         parent_instance;
  char           *id;
  CwDatabaseKind  kind;
  char           *engine;
  char           *engine_version;
  char           *status;
  char           *endpoint;
  guint           port;
  char           *vpc_id;
  char           *zone;
  char           *zone_id;
  char           *standby_zone;
  char           *standby_zone_id;
  GStrv           zones;
  GStrv           zone_ids;
  gboolean        multi_az;
  gboolean        publicly_accessible;
  GStrv           security_group_ids;
  GStrv           subnet_ids;
};

G_DEFINE_FINAL_TYPE (CwDatabase, cw_database, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwDatabaseKind, cw_database_kind,
                    G_DEFINE_ENUM_VALUE (CW_DATABASE_INSTANCE, "instance"),
                    G_DEFINE_ENUM_VALUE (CW_DATABASE_AURORA_CLUSTER, "aurora-cluster"))

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_ENGINE_LABEL,
  PROP_STATUS,
  PROP_ENDPOINT,
  PROP_PORT,
  PROP_VPC_ID,
  PROP_ZONE,
  PROP_MULTI_AZ,
  PROP_PUBLICLY_ACCESSIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
cw_database_kind_to_string (CwDatabaseKind kind)
{
  return kind == CW_DATABASE_INSTANCE ? "instance" : "aurora-cluster";
}

static void
cw_database_finalize (GObject *object)
{
  CwDatabase *self = CW_DATABASE (object);

  g_free (self->id);
  g_free (self->engine);
  g_free (self->engine_version);
  g_free (self->status);
  g_free (self->endpoint);
  g_free (self->vpc_id);
  g_free (self->zone);
  g_free (self->zone_id);
  g_free (self->standby_zone);
  g_free (self->standby_zone_id);
  g_strfreev (self->zones);
  g_strfreev (self->zone_ids);
  g_strfreev (self->security_group_ids);
  g_strfreev (self->subnet_ids);
  G_OBJECT_CLASS (cw_database_parent_class)->finalize (object);
}

static void
cw_database_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CwDatabase *self = CW_DATABASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ENGINE_LABEL:
      g_value_take_string (value, cw_database_dup_engine_label (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_VPC_ID:
      g_value_set_string (value, self->vpc_id);
      break;
    case PROP_ZONE:
      g_value_set_string (value, self->zone);
      break;
    case PROP_MULTI_AZ:
      g_value_set_boolean (value, self->multi_az);
      break;
    case PROP_PUBLICLY_ACCESSIBLE:
      g_value_set_boolean (value, self->publicly_accessible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
readable_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
cw_database_class_init (CwDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_database_finalize;
  object_class->get_property = cw_database_get_property;

  properties[PROP_ID] = readable_string ("id");
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, CW_TYPE_DATABASE_KIND, CW_DATABASE_INSTANCE,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENGINE_LABEL] = readable_string ("engine-label");
  properties[PROP_STATUS] = readable_string ("status");
  properties[PROP_ENDPOINT] = readable_string ("endpoint");
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VPC_ID] = readable_string ("vpc-id");
  properties[PROP_ZONE] = readable_string ("zone");
  properties[PROP_MULTI_AZ] = g_param_spec_boolean ("multi-az", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLICLY_ACCESSIBLE] = g_param_spec_boolean ("publicly-accessible", NULL, NULL, FALSE,
                                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_database_init (CwDatabase *self)
{
}

static char *
zone_id_of (GHashTable *zone_ids,
            const char *zone)
{
  if (zone == NULL || *zone == '\0')
    return NULL;
  return g_strdup (zone_ids ? g_hash_table_lookup (zone_ids, zone) : NULL);
}

/* The zones' IDs, in the same order; a zone the map does not know is left out. */
static GStrv
zone_ids_of (GHashTable         *zone_ids,
             const char * const *zones)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; zones && zones[i]; i++)
    {
      g_autofree char *id = zone_id_of (zone_ids, zones[i]);

      if (id != NULL)
        g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

static GStrv
subnet_ids_of (const CwRdsDbInstance *instance)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; instance->subnets && i < instance->subnets->len; i++)
    g_strv_builder_add (builder, ((CwRdsSubnet *) g_ptr_array_index (instance->subnets, i))->subnet_identifier);
  return g_strv_builder_end (builder);
}

static void
take_placement (CwDatabase            *self,
                const CwRdsDbInstance *instance,
                GHashTable            *zone_ids)
{
  self->vpc_id = g_strdup (instance->vpc_id);
  self->zone = g_strdup (instance->availability_zone);
  self->zone_id = zone_id_of (zone_ids, instance->availability_zone);
  self->standby_zone = g_strdup (instance->secondary_availability_zone);
  self->standby_zone_id = zone_id_of (zone_ids, instance->secondary_availability_zone);
  self->subnet_ids = subnet_ids_of (instance);
}

CwDatabase *
cw_database_new_from_instance (const CwRdsDbInstance *instance,
                               GHashTable            *zone_ids)
{
  CwDatabase *self = g_object_new (CW_TYPE_DATABASE, NULL);
  const char *zones[3] = { instance->availability_zone, instance->secondary_availability_zone, NULL };

  self->id = g_strdup (instance->db_instance_identifier);
  self->kind = CW_DATABASE_INSTANCE;
  self->engine = g_strdup (instance->engine);
  self->engine_version = g_strdup (instance->engine_version);
  self->status = g_strdup (instance->status);
  self->endpoint = g_strdup (instance->endpoint_address);
  self->port = instance->endpoint_port;
  self->multi_az = instance->multi_az;
  self->publicly_accessible = instance->publicly_accessible;
  self->security_group_ids = g_strdupv (instance->vpc_security_group_ids);
  self->zones = g_strdupv ((char **) (zones[0] ? zones : zones + 2));
  self->zone_ids = zone_ids_of (zone_ids, (const char * const *) self->zones);
  take_placement (self, instance, zone_ids);
  return self;
}

/* An Aurora cluster is reached through its writer endpoint; where the writer runs, and in
 * which VPC, is known from the writer instance. */
CwDatabase *
cw_database_new_from_cluster (const CwRdsDbCluster  *cluster,
                              const CwRdsDbInstance *writer,
                              GHashTable            *zone_ids)
{
  CwDatabase *self = g_object_new (CW_TYPE_DATABASE, NULL);

  self->id = g_strdup (cluster->db_cluster_identifier);
  self->kind = CW_DATABASE_AURORA_CLUSTER;
  self->engine = g_strdup (cluster->engine);
  self->engine_version = g_strdup (cluster->engine_version);
  self->status = g_strdup (cluster->status);
  self->endpoint = g_strdup (cluster->endpoint);
  self->port = cluster->port;
  self->multi_az = cluster->multi_az;
  self->publicly_accessible = writer ? writer->publicly_accessible : cluster->publicly_accessible;
  self->security_group_ids = g_strdupv (cluster->vpc_security_group_ids);
  self->zones = g_strdupv (cluster->availability_zones);
  self->zone_ids = zone_ids_of (zone_ids, (const char * const *) self->zones);
  if (writer != NULL)
    take_placement (self, writer, zone_ids);
  return self;
}

#define GETTER(type, name) \
  type cw_database_get_##name (CwDatabase *self) \
  { \
    g_return_val_if_fail (CW_IS_DATABASE (self), 0); \
    return self->name; \
  }

GETTER (const char *, id)
GETTER (CwDatabaseKind, kind)
GETTER (const char *, engine)
GETTER (const char *, engine_version)
GETTER (const char *, status)
GETTER (const char *, endpoint)
GETTER (guint, port)
GETTER (const char *, vpc_id)
GETTER (const char *, zone)
GETTER (const char *, zone_id)
GETTER (const char *, standby_zone)
GETTER (const char *, standby_zone_id)
GETTER (gboolean, multi_az)
GETTER (gboolean, publicly_accessible)

#undef GETTER

const char * const *
cw_database_get_zones (CwDatabase *self)
{
  g_return_val_if_fail (CW_IS_DATABASE (self), NULL);
  return (const char * const *) self->zones;
}

const char * const *
cw_database_get_zone_ids (CwDatabase *self)
{
  g_return_val_if_fail (CW_IS_DATABASE (self), NULL);
  return (const char * const *) self->zone_ids;
}

const char * const *
cw_database_get_security_group_ids (CwDatabase *self)
{
  g_return_val_if_fail (CW_IS_DATABASE (self), NULL);
  return (const char * const *) self->security_group_ids;
}

const char * const *
cw_database_get_subnet_ids (CwDatabase *self)
{
  g_return_val_if_fail (CW_IS_DATABASE (self), NULL);
  return (const char * const *) self->subnet_ids;
}

/* TiDB Cloud's dataflow reads MySQL's protocol and binlog; nothing else can be a source. */
gboolean
cw_database_is_mysql_compatible (CwDatabase *self)
{
  static const char * const compatible[] = { "mysql", "mariadb", "aurora-mysql", "aurora", NULL };

  g_return_val_if_fail (CW_IS_DATABASE (self), FALSE);
  return self->engine != NULL && g_strv_contains (compatible, self->engine);
}

char *
cw_database_dup_engine_label (CwDatabase *self)
{
  static const struct {
    const char *engine;
    const char *label;
  } labels[] = {
    { "mysql", N_("MySQL") },
    { "mariadb", N_("MariaDB") },
    { "aurora-mysql", N_("Aurora MySQL") },
    { "aurora", N_("Aurora MySQL") },
    { "postgres", N_("PostgreSQL") },
    { "aurora-postgresql", N_("Aurora PostgreSQL") },
  };
  const char *label = self->engine;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (self->engine, labels[i].engine) == 0)
      label = _(labels[i].label);
  return g_strdup_printf ("%s %s", label ? label : "", self->engine_version ? self->engine_version : "");
}
