/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-types-private.h: member readers shared by the TiDB Cloud model objects
 *
 * A member is named by its path ("region.name"); JSON null counts as absent, as the
 * swagger's x-nullable members may be sent either way. Every error names the member.
 * A number member that is absent leaves *value as it was: callers set "unknown" first.
 * The enums read here keep 0 for a value the API may add later (UNKNOWN), and name
 * each other value by the API's word (its GEnumValue nick).
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
GParamSpec *cw_tidb_time_property   (const char  *name);
GParamSpec *cw_tidb_int64_property  (const char  *name);
GParamSpec *cw_tidb_double_property (const char  *name);
GParamSpec *cw_tidb_enum_property   (const char  *name,
                                     GType        enum_type);
GParamSpec *cw_tidb_list_property   (const char  *name);

const char *cw_tidb_enum_to_string  (GType        enum_type,
                                     int          value);

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

gboolean    cw_tidb_json_int64      (JsonObject  *object,
                                     const char  *path,
                                     CwTidbNeed   need,
                                     const char  *what,
                                     gint64      *value,
                                     GError     **error);
gboolean    cw_tidb_json_port       (JsonObject  *object,
                                     const char  *path,
                                     const char  *what,
                                     guint       *value,
                                     GError     **error);
gboolean    cw_tidb_json_double     (JsonObject  *object,
                                     const char  *path,
                                     const char  *what,
                                     double      *value,
                                     GError     **error);
gboolean    cw_tidb_json_enum       (JsonObject  *object,
                                     const char  *path,
                                     GType        enum_type,
                                     const char  *what,
                                     int         *value,
                                     GError     **error);
gboolean    cw_tidb_json_objects    (JsonObject       *object,
                                     const char       *path,
                                     const char       *what,
                                     CwTidbParseFunc   parse_item,
                                     GListStore       *items,
                                     GError          **error);

void        cw_tidb_error_redact    (GError      *error,
                                     const char  *secret);

G_END_DECLS
