/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-memory.h: how the processes of Causeway ask the allocator to keep little */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void cw_memory_limit_arenas  (void);
void cw_memory_release_free  (void);

G_END_DECLS
