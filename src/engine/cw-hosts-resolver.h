/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-hosts-resolver.h: extra host names from a hosts(5)-style file, before the system's
 *
 * With CAUSEWAY_HOSTS_FILE set, causeway-cli resolves the names that file lists from it
 * and every other name as usual. It lets a CLI process reach the simulated databases of
 * a sandbox running in another process (tests, causeway-sandbox). The file is read at
 * each lookup, so a database's address can move while the process runs.
 */
#pragma once

#include "cw-overlay-resolver.h"

G_BEGIN_DECLS

#define CW_TYPE_HOSTS_RESOLVER (cw_hosts_resolver_get_type ())
G_DECLARE_FINAL_TYPE (CwHostsResolver, cw_hosts_resolver, CW, HOSTS_RESOLVER, CwOverlayResolver)

GResolver *cw_hosts_resolver_new                (const char *path,
                                                 GResolver  *fallback);
gboolean   cw_hosts_resolver_install_from_environment (void);

G_END_DECLS
