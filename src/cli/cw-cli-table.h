/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-table.h: aligned text tables for causeway-cli's table output */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CwCliTable CwCliTable;

CwCliTable *cw_cli_table_new     (const char * const *headers);
void        cw_cli_table_add_row (CwCliTable         *self,
                                  const char * const *cells);
void        cw_cli_table_print   (CwCliTable         *self);
void        cw_cli_table_free    (CwCliTable         *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwCliTable, cw_cli_table_free)

G_END_DECLS
