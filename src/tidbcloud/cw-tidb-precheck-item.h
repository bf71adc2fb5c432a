/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-precheck-item.h: one check of a migration precheck (dm.swagger.json PrecheckItem)
 *
 * TiDB Cloud says what it checked (the type, e.g. BINLOG_FORMAT_CHECKING, and a
 * description), how it went, why, and what to do: its words are shown as they come.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* PrecheckItem.Status */
typedef enum {
  CW_TIDB_PRECHECK_ITEM_UNKNOWN,
  CW_TIDB_PRECHECK_ITEM_SUCCESS,
  CW_TIDB_PRECHECK_ITEM_WARNING,
  CW_TIDB_PRECHECK_ITEM_FAILED,
} CwTidbPrecheckItemStatus;

#define CW_TYPE_TIDB_PRECHECK_ITEM_STATUS (cw_tidb_precheck_item_status_get_type ())
GType       cw_tidb_precheck_item_status_get_type  (void);
const char *cw_tidb_precheck_item_status_to_string (CwTidbPrecheckItemStatus status);

#define CW_TYPE_TIDB_PRECHECK_ITEM (cw_tidb_precheck_item_get_type ())
G_DECLARE_FINAL_TYPE (CwTidbPrecheckItem, cw_tidb_precheck_item, CW, TIDB_PRECHECK_ITEM, GObject)

CwTidbPrecheckItem       *cw_tidb_precheck_item_new_from_json         (JsonObject          *object,
                                                                       GError             **error);
const char               *cw_tidb_precheck_item_get_check_type        (CwTidbPrecheckItem  *self);
CwTidbPrecheckItemStatus  cw_tidb_precheck_item_get_status            (CwTidbPrecheckItem  *self);
const char               *cw_tidb_precheck_item_get_description       (CwTidbPrecheckItem  *self);
const char               *cw_tidb_precheck_item_get_reason            (CwTidbPrecheckItem  *self);
const char               *cw_tidb_precheck_item_get_solution          (CwTidbPrecheckItem  *self);
const char               *cw_tidb_precheck_item_get_solution_doc_url  (CwTidbPrecheckItem  *self);

G_END_DECLS
