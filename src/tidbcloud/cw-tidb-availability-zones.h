/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-availability-zones.h: where TiDB Cloud puts its endpoint for a cluster
 *
 * The answer of getAvailabilityZones: TiDB Cloud's AWS account (the principal to allow
 * on the endpoint service) and the zone IDs ("use1-az1", not zone names) its endpoint
 * can use. The load balancer must share at least one of these zones.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CW_TYPE_TIDB_AVAILABILITY_ZONES (cw_tidb_availability_zones_get_type ())
G_DECLARE_FINAL_TYPE (CwTidbAvailabilityZones, cw_tidb_availability_zones, CW, TIDB_AVAILABILITY_ZONES, GObject)

CwTidbAvailabilityZones *cw_tidb_availability_zones_new_from_json (JsonObject               *object,
                                                                   GError                  **error);
const char              *cw_tidb_availability_zones_get_account_id (CwTidbAvailabilityZones *self);
const char * const      *cw_tidb_availability_zones_get_zone_ids   (CwTidbAvailabilityZones *self);

G_END_DECLS
