/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-addition.h: another database through an existing link (DESIGN.md §4.5)
 *
 * A database of the link's VPC gets a target group, its target and a listener of its
 * own on the link's load balancer, on a free port, and the rules its path needs; the
 * load balancer, the endpoint service and TiDB Cloud's connection are the link's. Each
 * added database has a journal of its own, naming the link (CW_SPEC_ADDED_TO), which the
 * provisioner runs, resumes and rolls back like any other; removing the database runs
 * its teardown, which leaves the link and its other databases as they are.
 */
#pragma once

#include <gio/gio.h>

#include "cw-clouds.h"
#include "cw-journal.h"
#include "cw-link.h"
#include "cw-link-plan.h"

G_BEGIN_DECLS

#define CW_LINK_FIRST_EXTRA_PORT 3307

guint      cw_link_addition_pick_port      (guint                database_port,
                                            GArray              *used_ports);
gboolean   cw_link_can_add_database        (CwLink              *link,
                                            CwDatabase          *database,
                                            char               **why);
CwJournal *cw_link_addition_journal_new    (CwLink              *link,
                                            CwLinkPlan          *plan,
                                            const char          *security_group,
                                            guint                listener_port);
void       cw_link_addition_new_async      (CwClouds            *clouds,
                                            CwLink              *link,
                                            CwLinkPlan          *plan,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
CwJournal *cw_link_addition_new_finish     (GAsyncResult        *result,
                                            GError             **error);
CwJournal *cw_link_find_added_journal      (GPtrArray           *journals,
                                            const char          *link_id,
                                            const char          *database_id);
void       cw_link_removal_new_async       (CwClouds            *clouds,
                                            CwLink              *link,
                                            const char          *database_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
CwJournal *cw_link_removal_new_finish      (GAsyncResult        *result,
                                            GError             **error);
void       cw_link_remove_added_databases_async  (CwClouds            *clouds,
                                                  CwLink              *link,
                                                  const char          *link_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean   cw_link_remove_added_databases_finish (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
