/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-private-link.c */
#define G_LOG_DOMAIN "cw-tidb-private-link"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-tidb-private-link.h"
#include "cw-tidb-types-private.h"

struct _CwTidbPrivateLink
{
  GObject    parent_instance;
  char      *link_id;         /* "plc-…" */
  char      *cluster_id;
  char      *display_name;
  char      *link_type;       /* "AWS_ENDPOINT_SERVICE", … */
  char      *state;
  char      *message;         /* why it FAILED */
  char      *created_by;
  GDateTime *create_time;
  char      *service_name;    /* "com.amazonaws.vpce.us-east-1.vpce-svc-…" */
  char      *service_region;
  char      *endpoint_id;     /* "vpce-…", TiDB Cloud's interface endpoint */
  GStrv      zone_ids;
};

G_DEFINE_FINAL_TYPE (CwTidbPrivateLink, cw_tidb_private_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LINK_ID,
  PROP_CLUSTER_ID,
  PROP_DISPLAY_NAME,
  PROP_LINK_TYPE,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_CREATED_BY,
  PROP_CREATE_TIME,
  PROP_SERVICE_NAME,
  PROP_SERVICE_REGION,
  PROP_ENDPOINT_ID,
  PROP_ZONE_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cw_tidb_private_link_finalize (GObject *object)
{
  CwTidbPrivateLink *self = CW_TIDB_PRIVATE_LINK (object);

  g_free (self->link_id);
  g_free (self->cluster_id);
  g_free (self->display_name);
  g_free (self->link_type);
  g_free (self->state);
  g_free (self->message);
  g_free (self->created_by);
  g_clear_pointer (&self->create_time, g_date_time_unref);
  g_free (self->service_name);
  g_free (self->service_region);
  g_free (self->endpoint_id);
  g_strfreev (self->zone_ids);
  G_OBJECT_CLASS (cw_tidb_private_link_parent_class)->finalize (object);
}

static void
cw_tidb_private_link_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CwTidbPrivateLink *self = CW_TIDB_PRIVATE_LINK (object);

  switch (prop_id)
    {
    case PROP_LINK_ID:
      g_value_set_string (value, self->link_id);
      break;
    case PROP_CLUSTER_ID:
      g_value_set_string (value, self->cluster_id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_LINK_TYPE:
      g_value_set_string (value, self->link_type);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_CREATED_BY:
      g_value_set_string (value, self->created_by);
      break;
    case PROP_CREATE_TIME:
      g_value_set_boxed (value, self->create_time);
      break;
    case PROP_SERVICE_NAME:
      g_value_set_string (value, self->service_name);
      break;
    case PROP_SERVICE_REGION:
      g_value_set_string (value, self->service_region);
      break;
    case PROP_ENDPOINT_ID:
      g_value_set_string (value, self->endpoint_id);
      break;
    case PROP_ZONE_IDS:
      g_value_set_boxed (value, self->zone_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tidb_private_link_class_init (CwTidbPrivateLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_tidb_private_link_finalize;
  object_class->get_property = cw_tidb_private_link_get_property;

  properties[PROP_LINK_ID] = cw_tidb_string_property ("link-id");
  properties[PROP_CLUSTER_ID] = cw_tidb_string_property ("cluster-id");
  properties[PROP_DISPLAY_NAME] = cw_tidb_string_property ("display-name");
  properties[PROP_LINK_TYPE] = cw_tidb_string_property ("link-type");
  properties[PROP_STATE] = cw_tidb_string_property ("state");
  properties[PROP_MESSAGE] = cw_tidb_string_property ("message");
  properties[PROP_CREATED_BY] = cw_tidb_string_property ("created-by");
  properties[PROP_CREATE_TIME] =
    g_param_spec_boxed ("create-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVICE_NAME] = cw_tidb_string_property ("service-name");
  properties[PROP_SERVICE_REGION] = cw_tidb_string_property ("service-region");
  properties[PROP_ENDPOINT_ID] = cw_tidb_string_property ("endpoint-id");
  properties[PROP_ZONE_IDS] = cw_tidb_strv_property ("zone-ids");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_tidb_private_link_init (CwTidbPrivateLink *self)
{
}

/* The swagger requires the endpoint service's name whenever the service is there; a
 * connection of the AWS type without one could never be matched to a service. */
static gboolean
read_aws_endpoint_service (CwTidbPrivateLink  *self,
                           JsonObject         *object,
                           const char         *what,
                           GError            **error)
{
  JsonNode *service = json_object_get_member (object, "awsEndpointService");
  CwTidbNeed need = (g_strcmp0 (self->link_type, CW_TIDB_PRIVATE_LINK_TYPE_AWS) == 0 ||
                     (service != NULL && !JSON_NODE_HOLDS_NULL (service)))
                    ? CW_TIDB_REQUIRED : CW_TIDB_OPTIONAL;

  return cw_tidb_json_string (object, "awsEndpointService.name", need, what, &self->service_name, error) &&
         cw_tidb_json_string (object, "awsEndpointService.region", CW_TIDB_OPTIONAL, what, &self->service_region, error) &&
         cw_tidb_json_string (object, "awsEndpointService.endpointId", CW_TIDB_OPTIONAL, what, &self->endpoint_id, error) &&
         cw_tidb_json_strv (object, "awsEndpointService.availabilityZoneIds", CW_TIDB_OPTIONAL, what, &self->zone_ids, error);
}

CwTidbPrivateLink *
cw_tidb_private_link_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  g_autoptr(CwTidbPrivateLink) self = g_object_new (CW_TYPE_TIDB_PRIVATE_LINK, NULL);
  const char *what = _("private link connection");

  if (!cw_tidb_json_string (object, "privateLinkConnectionId", CW_TIDB_REQUIRED, what, &self->link_id, error) ||
      !cw_tidb_json_string (object, "clusterId", CW_TIDB_REQUIRED, what, &self->cluster_id, error) ||
      !cw_tidb_json_string (object, "displayName", CW_TIDB_REQUIRED, what, &self->display_name, error) ||
      !cw_tidb_json_string (object, "type", CW_TIDB_REQUIRED, what, &self->link_type, error) ||
      !cw_tidb_json_string (object, "state", CW_TIDB_OPTIONAL, what, &self->state, error) ||
      !cw_tidb_json_string (object, "message", CW_TIDB_OPTIONAL, what, &self->message, error) ||
      !cw_tidb_json_string (object, "createdBy", CW_TIDB_OPTIONAL, what, &self->created_by, error) ||
      !cw_tidb_json_time (object, "createTime", CW_TIDB_OPTIONAL, what, &self->create_time, error) ||
      !read_aws_endpoint_service (self, object, what, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
cw_tidb_private_link_get_link_id (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->link_id;
}

const char *
cw_tidb_private_link_get_cluster_id (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->cluster_id;
}

const char *
cw_tidb_private_link_get_display_name (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->display_name;
}

const char *
cw_tidb_private_link_get_link_type (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->link_type;
}

const char *
cw_tidb_private_link_get_state (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->state;
}

const char *
cw_tidb_private_link_get_message (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->message;
}

const char *
cw_tidb_private_link_get_created_by (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->created_by;
}

GDateTime *
cw_tidb_private_link_get_create_time (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->create_time;
}

const char *
cw_tidb_private_link_get_service_name (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->service_name;
}

const char *
cw_tidb_private_link_get_service_region (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->service_region;
}

const char *
cw_tidb_private_link_get_endpoint_id (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return self->endpoint_id;
}

const char * const *
cw_tidb_private_link_get_zone_ids (CwTidbPrivateLink *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRIVATE_LINK (self), NULL);
  return (const char * const *) self->zone_ids;
}
