/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-types.h: the TiDB Cloud error domain and the reading of its JSON answers
 *
 * The shapes come from the swagger files (specs/tidbcloud/). Answers are read leniently
 * where the API may grow (unknown members are ignored) and strictly where Causeway
 * depends on a value (a missing required member is an error that names it).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CW_TIDB_ERROR (cw_tidb_error_quark ())

typedef enum {
  CW_TIDB_ERROR_INVALID_INPUT,      /* an empty key, id or name given to the client */
  CW_TIDB_ERROR_INVALID_ENDPOINT,   /* an endpoint that is not https (or http to loopback) */
  CW_TIDB_ERROR_KEY_REJECTED,       /* 401: Digest authentication failed */
  CW_TIDB_ERROR_FORBIDDEN,          /* 403 */
  CW_TIDB_ERROR_NOT_FOUND,          /* 404 */
  CW_TIDB_ERROR_BAD_REQUEST,        /* 400 and the other 4xx */
  CW_TIDB_ERROR_THROTTLED,          /* 429, still after the retries */
  CW_TIDB_ERROR_SERVER,             /* 5xx, still after the retries */
  CW_TIDB_ERROR_INVALID_RESPONSE,   /* not JSON, wrong shape, a required member missing */
} CwTidbError;

GQuark cw_tidb_error_quark (void);

/* Reads one JSON object of the API into a new object (a CwTidbCluster, …). */
typedef gpointer (*CwTidbParseFunc) (JsonObject  *object,
                                     GError     **error);

JsonObject *cw_tidb_parse_object       (const char       *data,
                                        gsize             length,
                                        GError          **error);
gboolean    cw_tidb_parse_page         (JsonObject       *page,
                                        const char       *items_member,
                                        CwTidbParseFunc   parse_item,
                                        GListStore       *items,
                                        char            **next_page_token,
                                        GError          **error);
GError     *cw_tidb_error_from_status  (guint             http_status,
                                        const char       *reason,
                                        const char       *body,
                                        gsize             length);

const char *cw_tidb_error_get_server_message (const GError *error);
const char *cw_tidb_error_get_server_code    (const GError *error);
guint       cw_tidb_error_get_http_status    (const GError *error);

G_END_DECLS
