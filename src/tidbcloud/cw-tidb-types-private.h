/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-types-private.h: member readers shared by the TiDB Cloud model objects
 *
 * A member is named by its path ("region.name"); JSON null counts as absent, as the
 * swagger's x-nullable members may be sent either way. Every error names the member.
 */
#pragma once

#include "cw-tidb-types.h"

G_BEGIN_DECLS

typedef enum {
  CW_TIDB_OPTIONAL,
  CW_TIDB_REQUIRED,
} CwTidbNeed;

GParamSpec *cw_tidb_string_property (const char  *name);
GParamSpec *cw_tidb_strv_property   (const char  *name);

gboolean    cw_tidb_json_string     (JsonObject  *object,
                                     const char  *path,
                                     CwTidbNeed   need,
                                     const char  *what,
                                     char       **value,
                                     GError     **error);
gboolean    cw_tidb_json_map_string (JsonObject  *object,
                                     const char  *path,
                                     const char  *key,
                                     const char  *what,
                                     char       **value,
                                     GError     **error);
gboolean    cw_tidb_json_strv       (JsonObject  *object,
                                     const char  *path,
                                     CwTidbNeed   need,
                                     const char  *what,
                                     GStrv       *value,
                                     GError     **error);
gboolean    cw_tidb_json_time       (JsonObject  *object,
                                     const char  *path,
                                     CwTidbNeed   need,
                                     const char  *what,
                                     GDateTime  **value,
                                     GError     **error);

G_END_DECLS
