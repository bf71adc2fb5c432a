/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-database-step.h: step 3 of a new link: the RDS instance or Aurora cluster, with the
 * checks that say whether it can be linked */
#pragma once

#include <adwaita.h>

#include "cw-link-session.h"

G_BEGIN_DECLS

#define CW_TYPE_DATABASE_STEP (cw_database_step_get_type ())
G_DECLARE_FINAL_TYPE (CwDatabaseStep, cw_database_step, CW, DATABASE_STEP, AdwBin)

void cw_database_step_set_session (CwDatabaseStep *self,
                                   CwLinkSession  *session);

G_END_DECLS
