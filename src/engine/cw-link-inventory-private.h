/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-inventory-private.h: what the files of the link inventory share
 *
 * cw-link-inventory.c refreshes (fetches the records, cw-link-join.c joins them);
 * cw-link-inventory-repair.c accepts, re-syncs and gives a teardown its journal.
 */
#pragma once

#include "cw-link-inventory.h"

G_BEGIN_DECLS

CwClouds *cw_link_inventory_get_clouds (CwLinkInventory *self);

G_END_DECLS
