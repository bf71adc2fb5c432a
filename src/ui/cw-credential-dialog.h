/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-credential-dialog.h: add or edit one AWS credential or TiDB Cloud API key */
#pragma once

#include <adwaita.h>

#include "cw-credential-store.h"

G_BEGIN_DECLS

#define CW_TYPE_CREDENTIAL_DIALOG (cw_credential_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CwCredentialDialog, cw_credential_dialog, CW, CREDENTIAL_DIALOG, AdwWindow)

CwCredentialDialog *cw_credential_dialog_new (GtkWindow         *parent,
                                              CwCredentialStore *store,
                                              CwCredentialKind   kind,
                                              CwCredential      *editing);

G_END_DECLS
