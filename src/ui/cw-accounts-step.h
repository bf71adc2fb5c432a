/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-accounts-step.h: step 1 of a new link: choose and verify the two accounts */
#pragma once

#include <adwaita.h>

#include "cw-link-session.h"

G_BEGIN_DECLS

#define CW_TYPE_ACCOUNTS_STEP (cw_accounts_step_get_type ())
G_DECLARE_FINAL_TYPE (CwAccountsStep, cw_accounts_step, CW, ACCOUNTS_STEP, AdwBin)

void cw_accounts_step_set_session (CwAccountsStep *self,
                                   CwLinkSession  *session,
                                   GSettings      *settings);

G_END_DECLS
