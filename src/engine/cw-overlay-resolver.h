/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-overlay-resolver.h: a resolver that answers some host names itself
 *
 * Stands in front of another GResolver (the system's): a subclass's answer() says
 * whether a name is its own and gives that name's addresses; every other name, reverse
 * lookups, service and record lookups go to the resolver behind. Asynchronous lookups
 * ask answer() in a worker thread, so a subclass may read a file or take a lock.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CW_TYPE_OVERLAY_RESOLVER (cw_overlay_resolver_get_type ())
G_DECLARE_DERIVABLE_TYPE (CwOverlayResolver, cw_overlay_resolver, CW, OVERLAY_RESOLVER, GResolver)

struct _CwOverlayResolverClass
{
  GResolverClass parent_class;

  /* TRUE when @hostname is the subclass's: then *addresses (of GInetAddress, maybe
   * empty) or @error says what it is. Called from any thread. */
  gboolean (*answer) (CwOverlayResolver         *self,
                      const char                *hostname,
                      GResolverNameLookupFlags   flags,
                      GList                    **addresses,
                      GError                   **error);
};

GResolver *cw_overlay_resolver_get_fallback (CwOverlayResolver *self);

G_END_DECLS
