/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-accounts-view.h: the saved AWS credentials and TiDB Cloud API keys */
#pragma once

#include <adwaita.h>

#include "cw-credential-store.h"

G_BEGIN_DECLS

#define CW_TYPE_ACCOUNTS_VIEW (cw_accounts_view_get_type ())
G_DECLARE_FINAL_TYPE (CwAccountsView, cw_accounts_view, CW, ACCOUNTS_VIEW, AdwBin)

void cw_accounts_view_set_store (CwAccountsView    *self,
                                 CwCredentialStore *store);

G_END_DECLS
