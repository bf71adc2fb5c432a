/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-teardown.h: what deleting a link removes, in the order it goes (DESIGN.md §4.2)
 *
 * The links view's confirmation and `causeway-cli delete` show the same list: the
 * resources the link's runs created, as the journal records them and the clouds show
 * them, in the teardown order of cw_link_teardown_order(). A group chosen when the link
 * was made, a database rule never added and anything of a link made outside Causeway
 * (but its TiDB Cloud connection) are not on it, because the teardown leaves them.
 */
#pragma once

#include "cw-journal.h"
#include "cw-link.h"

G_BEGIN_DECLS

typedef struct {
  char *kind;   /* what sort of resource, translated */
  char *what;   /* its id or name, or a sentence saying which */
} CwLinkDeletion;

void       cw_link_deletion_free   (CwLinkDeletion *deletion);
GPtrArray *cw_link_list_deletions  (CwLink         *link,
                                    CwJournal      *journal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwLinkDeletion, cw_link_deletion_free)

G_END_DECLS
