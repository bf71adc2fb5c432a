/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-availability-zones.c */
#define G_LOG_DOMAIN "cw-tidb-availability-zones"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-tidb-availability-zones.h"
#include "cw-tidb-types-private.h"

struct _CwTidbAvailabilityZones
{
  GObject   parent_instance;
  char     *account_id;
  GStrv     zone_ids;
};

G_DEFINE_FINAL_TYPE (CwTidbAvailabilityZones, cw_tidb_availability_zones, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_ZONE_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cw_tidb_availability_zones_finalize (GObject *object)
{
  CwTidbAvailabilityZones *self = CW_TIDB_AVAILABILITY_ZONES (object);

  g_free (self->account_id);
  g_strfreev (self->zone_ids);
  G_OBJECT_CLASS (cw_tidb_availability_zones_parent_class)->finalize (object);
}

static void
cw_tidb_availability_zones_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CwTidbAvailabilityZones *self = CW_TIDB_AVAILABILITY_ZONES (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_ZONE_IDS:
      g_value_set_boxed (value, self->zone_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tidb_availability_zones_class_init (CwTidbAvailabilityZonesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_tidb_availability_zones_finalize;
  object_class->get_property = cw_tidb_availability_zones_get_property;

  properties[PROP_ACCOUNT_ID] = cw_tidb_string_property ("account-id");
  properties[PROP_ZONE_IDS] = cw_tidb_strv_property ("zone-ids");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_tidb_availability_zones_init (CwTidbAvailabilityZones *self)
{
}

/* Both members are optional in the swagger, but without either no link can be planned,
 * so their absence is reported here rather than found out later. */
CwTidbAvailabilityZones *
cw_tidb_availability_zones_new_from_json (JsonObject  *object,
                                          GError     **error)
{
  g_autoptr(CwTidbAvailabilityZones) self = g_object_new (CW_TYPE_TIDB_AVAILABILITY_ZONES, NULL);
  const char *what = _("availability zones");

  if (!cw_tidb_json_string (object, "accountId", CW_TIDB_REQUIRED, what, &self->account_id, error) ||
      !cw_tidb_json_strv (object, "azIds", CW_TIDB_REQUIRED, what, &self->zone_ids, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
cw_tidb_availability_zones_get_account_id (CwTidbAvailabilityZones *self)
{
  g_return_val_if_fail (CW_IS_TIDB_AVAILABILITY_ZONES (self), NULL);
  return self->account_id;
}

const char * const *
cw_tidb_availability_zones_get_zone_ids (CwTidbAvailabilityZones *self)
{
  g_return_val_if_fail (CW_IS_TIDB_AVAILABILITY_ZONES (self), NULL);
  return (const char * const *) self->zone_ids;
}
