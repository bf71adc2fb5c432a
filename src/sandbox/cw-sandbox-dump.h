/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-dump.h: the world as JSON, and the JSON writing both TiDB Cloud and the dump
 * share (private to src/sandbox; the caller of the dump holds the lock) */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-sandbox-world.h"

G_BEGIN_DECLS

JsonNode *cw_sb_dump_world       (CwSandboxWorld *world);
void      cw_sb_json_add_string  (JsonBuilder    *builder,
                                  const char     *name,
                                  const char     *value);
void      cw_sb_json_add_strings (JsonBuilder    *builder,
                                  const char     *name,
                                  char          **values);

G_END_DECLS
