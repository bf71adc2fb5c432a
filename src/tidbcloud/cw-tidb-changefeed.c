/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-changefeed.c */
#define G_LOG_DOMAIN "cw-tidb-changefeed"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-tidb-changefeed.h"
#include "cw-tidb-types-private.h"

/* A TSO is the physical time in milliseconds since the epoch, shifted past 18 bits of
 * logical counter. */
#define TSO_LOGICAL_BITS 18

struct _CwTidbChangefeed
{
  GObject                parent_instance;
  char                  *changefeed_id;
  char                  *cluster_id;
  char                  *display_name;
  CwTidbChangefeedState  state;
  char                  *sink_type;        /* "MYSQL", "KAFKA" */
  char                  *link_id;          /* the sink's privateLinkConnectionId, "plc-…" */
  guint                  port;             /* 0 without a private link */
  char                  *user_name;        /* the sink's SQL user; its password is never kept */
  GStrv                  filter_rules;
  gint64                 checkpoint_tso;   /* -1 when not given */
  GDateTime             *checkpoint_time;
  char                  *error_message;
  GDateTime             *create_time;
};

G_DEFINE_FINAL_TYPE (CwTidbChangefeed, cw_tidb_changefeed, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwTidbChangefeedState, cw_tidb_changefeed_state,
                    G_DEFINE_ENUM_VALUE (CW_TIDB_CHANGEFEED_STATE_UNKNOWN, "UNKNOWN"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_CHANGEFEED_STATE_CREATING, "CREATING"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_CHANGEFEED_STATE_RUNNING, "RUNNING"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_CHANGEFEED_STATE_WARNING, "WARNING"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_CHANGEFEED_STATE_PAUSED, "PAUSED"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_CHANGEFEED_STATE_RUNNING_FAILED, "RUNNING_FAILED"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_CHANGEFEED_STATE_CREATE_FAILED, "CREATE_FAILED"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_CHANGEFEED_STATE_DELETED, "DELETED"))

enum {
  PROP_0,
  PROP_CHANGEFEED_ID,
  PROP_CLUSTER_ID,
  PROP_DISPLAY_NAME,
  PROP_STATE,
  PROP_SINK_TYPE,
  PROP_PRIVATE_LINK_CONNECTION_ID,
  PROP_PORT,
  PROP_USER_NAME,
  PROP_FILTER_RULES,
  PROP_CHECKPOINT_TSO,
  PROP_CHECKPOINT_TIME,
  PROP_ERROR_MESSAGE,
  PROP_CREATE_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The API's word for @state: "RUNNING", "RUNNING_FAILED", … */
const char *
cw_tidb_changefeed_state_to_string (CwTidbChangefeedState state)
{
  return cw_tidb_enum_to_string (CW_TYPE_TIDB_CHANGEFEED_STATE, state);
}

static void
cw_tidb_changefeed_finalize (GObject *object)
{
  CwTidbChangefeed *self = CW_TIDB_CHANGEFEED (object);

  g_free (self->changefeed_id);
  g_free (self->cluster_id);
  g_free (self->display_name);
  g_free (self->sink_type);
  g_free (self->link_id);
  g_free (self->user_name);
  g_strfreev (self->filter_rules);
  g_clear_pointer (&self->checkpoint_time, g_date_time_unref);
  g_free (self->error_message);
  g_clear_pointer (&self->create_time, g_date_time_unref);
  G_OBJECT_CLASS (cw_tidb_changefeed_parent_class)->finalize (object);
}

static void
cw_tidb_changefeed_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CwTidbChangefeed *self = CW_TIDB_CHANGEFEED (object);

  switch (prop_id)
    {
    case PROP_CHANGEFEED_ID:
      g_value_set_string (value, self->changefeed_id);
      break;
    case PROP_CLUSTER_ID:
      g_value_set_string (value, self->cluster_id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_SINK_TYPE:
      g_value_set_string (value, self->sink_type);
      break;
    case PROP_PRIVATE_LINK_CONNECTION_ID:
      g_value_set_string (value, self->link_id);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_FILTER_RULES:
      g_value_set_boxed (value, self->filter_rules);
      break;
    case PROP_CHECKPOINT_TSO:
      g_value_set_int64 (value, self->checkpoint_tso);
      break;
    case PROP_CHECKPOINT_TIME:
      g_value_set_boxed (value, self->checkpoint_time);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_CREATE_TIME:
      g_value_set_boxed (value, self->create_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tidb_changefeed_class_init (CwTidbChangefeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_tidb_changefeed_finalize;
  object_class->get_property = cw_tidb_changefeed_get_property;

  properties[PROP_CHANGEFEED_ID] = cw_tidb_string_property ("changefeed-id");
  properties[PROP_CLUSTER_ID] = cw_tidb_string_property ("cluster-id");
  properties[PROP_DISPLAY_NAME] = cw_tidb_string_property ("display-name");
  properties[PROP_STATE] = cw_tidb_enum_property ("state", CW_TYPE_TIDB_CHANGEFEED_STATE);
  properties[PROP_SINK_TYPE] = cw_tidb_string_property ("sink-type");
  properties[PROP_PRIVATE_LINK_CONNECTION_ID] = cw_tidb_string_property ("private-link-connection-id");
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_NAME] = cw_tidb_string_property ("user-name");
  properties[PROP_FILTER_RULES] = cw_tidb_strv_property ("filter-rules");
  properties[PROP_CHECKPOINT_TSO] = cw_tidb_int64_property ("checkpoint-tso");
  properties[PROP_CHECKPOINT_TIME] = cw_tidb_time_property ("checkpoint-time");
  properties[PROP_ERROR_MESSAGE] = cw_tidb_string_property ("error-message");
  properties[PROP_CREATE_TIME] = cw_tidb_time_property ("create-time");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_tidb_changefeed_init (CwTidbChangefeed *self)
{
  self->checkpoint_tso = -1;
}

/* The sink's network and user. A MySQL sink keeps them under "mysql"; a Kafka sink
 * can go through a private link connection too, and then uses the link as well. */
static gboolean
read_sink (CwTidbChangefeed  *self,
           JsonObject        *object,
           const char        *what,
           GError           **error)
{
  if (!cw_tidb_json_string (object, "sink.type", CW_TIDB_OPTIONAL, what, &self->sink_type, error) ||
      !cw_tidb_json_string (object, "sink.mysql.network.privateLink.privateLinkConnectionId",
                            CW_TIDB_OPTIONAL, what, &self->link_id, error) ||
      !cw_tidb_json_port (object, "sink.mysql.network.privateLink.port", what, &self->port, error) ||
      !cw_tidb_json_string (object, "sink.mysql.authentication.userName", CW_TIDB_OPTIONAL, what,
                            &self->user_name, error))
    return FALSE;
  if (self->link_id != NULL)
    return TRUE;
  return cw_tidb_json_string (object, "sink.kafka.network.privateLink.privateLinkConnectionId",
                              CW_TIDB_OPTIONAL, what, &self->link_id, error) &&
         cw_tidb_json_port (object, "sink.kafka.network.privateLink.port", what, &self->port, error);
}

CwTidbChangefeed *
cw_tidb_changefeed_new_from_json (JsonObject  *object,
                                  GError     **error)
{
  g_autoptr(CwTidbChangefeed) self = g_object_new (CW_TYPE_TIDB_CHANGEFEED, NULL);
  const char *what = _("changefeed");
  int state = CW_TIDB_CHANGEFEED_STATE_UNKNOWN;

  if (!cw_tidb_json_string (object, "changefeedId", CW_TIDB_REQUIRED, what, &self->changefeed_id, error) ||
      !cw_tidb_json_string (object, "clusterId", CW_TIDB_OPTIONAL, what, &self->cluster_id, error) ||
      !cw_tidb_json_string (object, "displayName", CW_TIDB_OPTIONAL, what, &self->display_name, error) ||
      !cw_tidb_json_enum (object, "state", CW_TYPE_TIDB_CHANGEFEED_STATE, what, &state, error) ||
      !read_sink (self, object, what, error) ||
      !cw_tidb_json_strv (object, "filter.filterRule", CW_TIDB_OPTIONAL, what, &self->filter_rules, error) ||
      !cw_tidb_json_int64 (object, "checkpoint.tso", CW_TIDB_OPTIONAL, what, &self->checkpoint_tso, error) ||
      !cw_tidb_json_time (object, "checkpoint.time", CW_TIDB_OPTIONAL, what, &self->checkpoint_time, error) ||
      !cw_tidb_json_string (object, "error", CW_TIDB_OPTIONAL, what, &self->error_message, error) ||
      !cw_tidb_json_time (object, "createTime", CW_TIDB_OPTIONAL, what, &self->create_time, error))
    return NULL;
  self->state = state;
  return g_steal_pointer (&self);
}

const char *
cw_tidb_changefeed_get_changefeed_id (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), NULL);
  return self->changefeed_id;
}

const char *
cw_tidb_changefeed_get_cluster_id (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), NULL);
  return self->cluster_id;
}

const char *
cw_tidb_changefeed_get_display_name (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), NULL);
  return self->display_name;
}

CwTidbChangefeedState
cw_tidb_changefeed_get_state (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), CW_TIDB_CHANGEFEED_STATE_UNKNOWN);
  return self->state;
}

const char *
cw_tidb_changefeed_get_sink_type (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), NULL);
  return self->sink_type;
}

/* The private link connection the sink goes through, NULL when it uses none. */
const char *
cw_tidb_changefeed_get_private_link_connection_id (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), NULL);
  return self->link_id;
}

guint
cw_tidb_changefeed_get_port (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), 0);
  return self->port;
}

const char *
cw_tidb_changefeed_get_user_name (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), NULL);
  return self->user_name;
}

const char * const *
cw_tidb_changefeed_get_filter_rules (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), NULL);
  return (const char * const *) self->filter_rules;
}

/* -1 when the answer gave none. */
gint64
cw_tidb_changefeed_get_checkpoint_tso (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), -1);
  return self->checkpoint_tso;
}

GDateTime *
cw_tidb_changefeed_get_checkpoint_time (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), NULL);
  return self->checkpoint_time;
}

const char *
cw_tidb_changefeed_get_error_message (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), NULL);
  return self->error_message;
}

GDateTime *
cw_tidb_changefeed_get_create_time (CwTidbChangefeed *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), NULL);
  return self->create_time;
}

/* How far the sink is behind @now, in whole seconds, from the checkpoint's time or else
 * from the physical part of its TSO; -1 when the changefeed has no checkpoint yet. A
 * checkpoint ahead of @now (clocks differ) is no lag. */
gint64
cw_tidb_changefeed_get_lag_seconds (CwTidbChangefeed *self,
                                    GDateTime        *now)
{
  gint64 lag;

  g_return_val_if_fail (CW_IS_TIDB_CHANGEFEED (self), -1);
  g_return_val_if_fail (now != NULL, -1);

  if (self->checkpoint_time != NULL)
    lag = g_date_time_difference (now, self->checkpoint_time) / G_USEC_PER_SEC;
  else if (self->checkpoint_tso > 0)
    lag = g_date_time_to_unix (now) - (self->checkpoint_tso >> TSO_LOGICAL_BITS) / 1000;
  else
    return -1;
  return MAX (lag, 0);
}
