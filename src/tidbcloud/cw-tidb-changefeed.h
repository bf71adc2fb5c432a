/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-changefeed.h: a changefeed of a TiDB Cloud cluster (cdc.swagger.json)
 *
 * A changefeed writes the cluster's changes into a sink; Causeway makes MySQL sinks
 * that reach the database through a private link connection, and finds the
 * changefeeds that use a link by its connection id. The checkpoint says how far the
 * sink has caught up, hence the lag.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CW_TIDB_CHANGEFEED_SINK_MYSQL "MYSQL"

/* ChangefeedState.Enum; UNKNOWN for a state the API may add. */
typedef enum {
  CW_TIDB_CHANGEFEED_STATE_UNKNOWN,
  CW_TIDB_CHANGEFEED_STATE_CREATING,
  CW_TIDB_CHANGEFEED_STATE_RUNNING,
  CW_TIDB_CHANGEFEED_STATE_WARNING,
  CW_TIDB_CHANGEFEED_STATE_PAUSED,
  CW_TIDB_CHANGEFEED_STATE_RUNNING_FAILED,
  CW_TIDB_CHANGEFEED_STATE_CREATE_FAILED,
  CW_TIDB_CHANGEFEED_STATE_DELETED,
} CwTidbChangefeedState;

#define CW_TYPE_TIDB_CHANGEFEED_STATE (cw_tidb_changefeed_state_get_type ())
GType       cw_tidb_changefeed_state_get_type  (void);
const char *cw_tidb_changefeed_state_to_string (CwTidbChangefeedState state);

#define CW_TYPE_TIDB_CHANGEFEED (cw_tidb_changefeed_get_type ())
G_DECLARE_FINAL_TYPE (CwTidbChangefeed, cw_tidb_changefeed, CW, TIDB_CHANGEFEED, GObject)

CwTidbChangefeed      *cw_tidb_changefeed_new_from_json                (JsonObject        *object,
                                                                        GError           **error);
const char            *cw_tidb_changefeed_get_changefeed_id            (CwTidbChangefeed  *self);
const char            *cw_tidb_changefeed_get_cluster_id               (CwTidbChangefeed  *self);
const char            *cw_tidb_changefeed_get_display_name             (CwTidbChangefeed  *self);
CwTidbChangefeedState  cw_tidb_changefeed_get_state                    (CwTidbChangefeed  *self);
const char            *cw_tidb_changefeed_get_sink_type                (CwTidbChangefeed  *self);
const char            *cw_tidb_changefeed_get_private_link_connection_id (CwTidbChangefeed *self);
guint                  cw_tidb_changefeed_get_port                     (CwTidbChangefeed  *self);
const char            *cw_tidb_changefeed_get_user_name                (CwTidbChangefeed  *self);
const char * const    *cw_tidb_changefeed_get_filter_rules             (CwTidbChangefeed  *self);
gint64                 cw_tidb_changefeed_get_checkpoint_tso           (CwTidbChangefeed  *self);
GDateTime             *cw_tidb_changefeed_get_checkpoint_time          (CwTidbChangefeed  *self);
const char            *cw_tidb_changefeed_get_error_message            (CwTidbChangefeed  *self);
GDateTime             *cw_tidb_changefeed_get_create_time              (CwTidbChangefeed  *self);
gint64                 cw_tidb_changefeed_get_lag_seconds              (CwTidbChangefeed  *self,
                                                                        GDateTime         *now);

G_END_DECLS
