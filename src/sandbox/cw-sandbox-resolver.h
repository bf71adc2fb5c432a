/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-resolver.h: DNS for the simulated databases
 *
 * A GResolver that answers the sandbox's RDS host names (instance, cluster writer and
 * reader endpoints) with the addresses the world gives them now, so a failover shows
 * in DNS as in AWS; every other name goes to the resolver it stands in front of.
 * CwSandbox installs it as the default resolver in sandbox mode only.
 */
#pragma once

#include <gio/gio.h>

#include "cw-overlay-resolver.h"
#include "cw-sandbox-world.h"

G_BEGIN_DECLS

#define CW_TYPE_SANDBOX_RESOLVER (cw_sandbox_resolver_get_type ())
G_DECLARE_FINAL_TYPE (CwSandboxResolver, cw_sandbox_resolver, CW, SANDBOX_RESOLVER, CwOverlayResolver)

CwSandboxResolver *cw_sandbox_resolver_new (CwSandboxWorld *world,
                                            GResolver      *fallback);

G_END_DECLS
