/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-project.h: a TiDB Cloud project (IAM API), to group clusters by */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CW_TYPE_TIDB_PROJECT (cw_tidb_project_get_type ())
G_DECLARE_FINAL_TYPE (CwTidbProject, cw_tidb_project, CW, TIDB_PROJECT, GObject)

CwTidbProject *cw_tidb_project_new_from_json   (JsonObject     *object,
                                                GError        **error);
const char    *cw_tidb_project_get_project_id  (CwTidbProject  *self);
const char    *cw_tidb_project_get_name        (CwTidbProject  *self);
const char    *cw_tidb_project_get_org_id      (CwTidbProject  *self);

G_END_DECLS
