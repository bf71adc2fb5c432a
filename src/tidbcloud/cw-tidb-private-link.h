/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-private-link.h: a private link connection of a TiDB Cloud cluster
 *
 * For an AWS endpoint service, TiDB Cloud creates an interface endpoint in its own
 * account; `endpoint-id` names it, and is the connection request to accept on the
 * service. States: CREATING, PENDING_ACCEPTANCE, ACTIVE, FAILED (see `message`),
 * DELETING.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CW_TIDB_PRIVATE_LINK_TYPE_AWS "AWS_ENDPOINT_SERVICE"

#define CW_TYPE_TIDB_PRIVATE_LINK (cw_tidb_private_link_get_type ())
G_DECLARE_FINAL_TYPE (CwTidbPrivateLink, cw_tidb_private_link, CW, TIDB_PRIVATE_LINK, GObject)

CwTidbPrivateLink  *cw_tidb_private_link_new_from_json      (JsonObject         *object,
                                                             GError            **error);
const char         *cw_tidb_private_link_get_link_id        (CwTidbPrivateLink  *self);
const char         *cw_tidb_private_link_get_cluster_id     (CwTidbPrivateLink  *self);
const char         *cw_tidb_private_link_get_display_name   (CwTidbPrivateLink  *self);
const char         *cw_tidb_private_link_get_link_type      (CwTidbPrivateLink  *self);
const char         *cw_tidb_private_link_get_state          (CwTidbPrivateLink  *self);
const char         *cw_tidb_private_link_get_message        (CwTidbPrivateLink  *self);
const char         *cw_tidb_private_link_get_created_by     (CwTidbPrivateLink  *self);
GDateTime          *cw_tidb_private_link_get_create_time    (CwTidbPrivateLink  *self);
const char         *cw_tidb_private_link_get_service_name   (CwTidbPrivateLink  *self);
const char         *cw_tidb_private_link_get_service_region (CwTidbPrivateLink  *self);
const char         *cw_tidb_private_link_get_endpoint_id    (CwTidbPrivateLink  *self);
const char * const *cw_tidb_private_link_get_zone_ids       (CwTidbPrivateLink  *self);

G_END_DECLS
