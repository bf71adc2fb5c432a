/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-model-private.h: what the files of the sandbox's model share
 *
 * cw-sandbox-model.c holds the network and the databases, cw-sandbox-model-balancing.c
 * load balancing and endpoint services, cw-sandbox-model-tidb.c TiDB Cloud's side and
 * the truth the health view should find, cw-sandbox-model-parameters.c the databases'
 * SQL users and parameter groups, cw-sandbox-model-dataflow.c TiDB Cloud's changefeeds
 * and migrations through the links.
 */
#pragma once

#include "cw-sandbox-model.h"

G_BEGIN_DECLS

CwSbDbInstance *cw_sb_model_db_at (CwSandboxWorld *world,
                                   const char     *ip,
                                   int             port);
gboolean cw_sb_model_principal_is_allowed (CwSbEndpointService *service,
                                           const char          *principal);
void cw_sb_model_set_connection_state (CwSbEndpointConnection *connection,
                                       const char             *state);
CwSbTidbLink *cw_sb_model_link_of_endpoint (CwSandboxWorld *world,
                                            const char     *endpoint_id);

void cw_sb_model_free_dataflow_fields (CwSbResource *resource);

G_END_DECLS
