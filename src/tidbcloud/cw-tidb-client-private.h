/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-client-private.h: the request path of CwTidbClient, for the files that add
 * operations to it
 *
 * cw-tidb-client.c owns the session, the Digest authentication, the retries and the
 * paging, and the operations of clusters, projects and private links;
 * cw-tidb-client-changefeeds.c (cdc.swagger.json) and cw-tidb-client-migrations.c
 * (dm.swagger.json) each add one API's operations on top of it.
 *
 * A request body that carries a password is built with cw_tidb_json_add_secret() and
 * sent with that password among @secrets: the body's bytes are wiped when freed, and
 * the password is cut out of any error, should the server quote it back.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-tidb-client.h"

G_BEGIN_DECLS

char     *cw_tidb_client_cluster_path         (const char           *cluster_id,
                                               const char           *collection,
                                               const char           *item_id,
                                               const char           *verb);

void      cw_tidb_json_add_string             (JsonBuilder          *builder,
                                               const char           *name,
                                               const char           *value);
void      cw_tidb_json_add_secret             (JsonBuilder          *builder,
                                               const char           *name,
                                               const char           *secret);
GBytes   *cw_tidb_json_body_new               (JsonBuilder          *builder);

void      cw_tidb_client_fetch_async          (CwTidbClient         *self,
                                               const char           *method,
                                               const char           *path,
                                               GBytes               *body,
                                               const char * const   *secrets,
                                               CwTidbParseFunc       parse,
                                               gpointer              source_tag,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gpointer  cw_tidb_client_fetch_finish         (CwTidbClient         *self,
                                               GAsyncResult         *result,
                                               gpointer              source_tag,
                                               GError              **error);
gboolean  cw_tidb_client_fetch_boolean_finish (CwTidbClient         *self,
                                               GAsyncResult         *result,
                                               gpointer              source_tag,
                                               GError              **error);
void      cw_tidb_client_list_async           (CwTidbClient         *self,
                                               const char           *path,
                                               const char           *items_member,
                                               GType                 item_type,
                                               CwTidbParseFunc       parse_item,
                                               gpointer              source_tag,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);

G_END_DECLS
