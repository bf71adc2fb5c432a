/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-cluster.h: a TiDB Cloud Starter or Essential cluster, as the API lists it */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CW_TYPE_TIDB_CLUSTER (cw_tidb_cluster_get_type ())
G_DECLARE_FINAL_TYPE (CwTidbCluster, cw_tidb_cluster, CW, TIDB_CLUSTER, GObject)

CwTidbCluster *cw_tidb_cluster_new_from_json      (JsonObject     *object,
                                                   GError        **error);
const char    *cw_tidb_cluster_get_cluster_id     (CwTidbCluster  *self);
const char    *cw_tidb_cluster_get_display_name   (CwTidbCluster  *self);
const char    *cw_tidb_cluster_get_region_name    (CwTidbCluster  *self);
const char    *cw_tidb_cluster_get_region_id      (CwTidbCluster  *self);
const char    *cw_tidb_cluster_get_cloud_provider (CwTidbCluster  *self);
const char    *cw_tidb_cluster_get_aws_region     (CwTidbCluster  *self);
const char    *cw_tidb_cluster_get_cluster_plan   (CwTidbCluster  *self);
const char    *cw_tidb_cluster_get_state          (CwTidbCluster  *self);
const char    *cw_tidb_cluster_get_project_id     (CwTidbCluster  *self);

G_END_DECLS
