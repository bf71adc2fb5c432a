/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-subnet-choice.c */
#define G_LOG_DOMAIN "cw-subnet-choice"

#include "config.h"

#include "cw-subnet-choice.h"

struct _CwSubnetChoice
{
  GObject   parent_instance;
  char     *subnet_id;
  char     *zone;
  char     *zone_id;
  char     *cidr;
  gboolean  tidb_uses_zone;
  gboolean  selected;
};

G_DEFINE_FINAL_TYPE (CwSubnetChoice, cw_subnet_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUBNET_ID,
  PROP_ZONE,
  PROP_ZONE_ID,
  PROP_CIDR,
  PROP_TIDB_USES_ZONE,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cw_subnet_choice_finalize (GObject *object)
{
  CwSubnetChoice *self = CW_SUBNET_CHOICE (object);

  g_free (self->subnet_id);
  g_free (self->zone);
  g_free (self->zone_id);
  g_free (self->cidr);
  G_OBJECT_CLASS (cw_subnet_choice_parent_class)->finalize (object);
}

static void
cw_subnet_choice_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CwSubnetChoice *self = CW_SUBNET_CHOICE (object);

  switch (prop_id)
    {
    case PROP_SUBNET_ID:
      g_value_set_string (value, self->subnet_id);
      break;
    case PROP_ZONE:
      g_value_set_string (value, self->zone);
      break;
    case PROP_ZONE_ID:
      g_value_set_string (value, self->zone_id);
      break;
    case PROP_CIDR:
      g_value_set_string (value, self->cidr);
      break;
    case PROP_TIDB_USES_ZONE:
      g_value_set_boolean (value, self->tidb_uses_zone);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_subnet_choice_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED:
      cw_subnet_choice_set_selected (CW_SUBNET_CHOICE (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_subnet_choice_class_init (CwSubnetChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_subnet_choice_finalize;
  object_class->get_property = cw_subnet_choice_get_property;
  object_class->set_property = cw_subnet_choice_set_property;

  properties[PROP_SUBNET_ID] = g_param_spec_string ("subnet-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZONE] = g_param_spec_string ("zone", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZONE_ID] = g_param_spec_string ("zone-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CIDR] = g_param_spec_string ("cidr", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIDB_USES_ZONE] = g_param_spec_boolean ("tidb-uses-zone", NULL, NULL, FALSE,
                                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] = g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_subnet_choice_init (CwSubnetChoice *self)
{
}

CwSubnetChoice *
cw_subnet_choice_new (const CwEc2Subnet *subnet,
                      gboolean           tidb_uses_zone)
{
  CwSubnetChoice *self = g_object_new (CW_TYPE_SUBNET_CHOICE, NULL);

  self->subnet_id = g_strdup (subnet->subnet_id);
  self->zone = g_strdup (subnet->availability_zone);
  self->zone_id = g_strdup (subnet->availability_zone_id);
  self->cidr = g_strdup (subnet->cidr_block);
  self->tidb_uses_zone = tidb_uses_zone;
  return self;
}

const char *
cw_subnet_choice_get_subnet_id (CwSubnetChoice *self)
{
  g_return_val_if_fail (CW_IS_SUBNET_CHOICE (self), NULL);
  return self->subnet_id;
}

const char *
cw_subnet_choice_get_zone (CwSubnetChoice *self)
{
  g_return_val_if_fail (CW_IS_SUBNET_CHOICE (self), NULL);
  return self->zone;
}

const char *
cw_subnet_choice_get_zone_id (CwSubnetChoice *self)
{
  g_return_val_if_fail (CW_IS_SUBNET_CHOICE (self), NULL);
  return self->zone_id;
}

const char *
cw_subnet_choice_get_cidr (CwSubnetChoice *self)
{
  g_return_val_if_fail (CW_IS_SUBNET_CHOICE (self), NULL);
  return self->cidr;
}

gboolean
cw_subnet_choice_get_tidb_uses_zone (CwSubnetChoice *self)
{
  g_return_val_if_fail (CW_IS_SUBNET_CHOICE (self), FALSE);
  return self->tidb_uses_zone;
}

gboolean
cw_subnet_choice_get_selected (CwSubnetChoice *self)
{
  g_return_val_if_fail (CW_IS_SUBNET_CHOICE (self), FALSE);
  return self->selected;
}

void
cw_subnet_choice_set_selected (CwSubnetChoice *self,
                               gboolean        selected)
{
  g_return_if_fail (CW_IS_SUBNET_CHOICE (self));
  selected = !!selected;
  if (self->selected == selected)
    return;
  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}
