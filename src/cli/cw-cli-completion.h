/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-completion.h: the ids `links` and `databases` printed, kept for the shell's
 * completion, which reads them instead of calling the clouds on Tab */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Which list a cache file holds: $XDG_CACHE_HOME/causeway/completion/<kind>. */
#define CW_CLI_COMPLETION_LINKS     "links"
#define CW_CLI_COMPLETION_DATABASES "databases"

typedef const char *(*CwCliCompletionField) (gpointer item);

void cw_cli_completion_remember (const char           *kind,
                                 GListModel           *items,
                                 CwCliCompletionField  id_of,
                                 CwCliCompletionField  name_of);

G_END_DECLS
