/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-import-dialog.h: pick profiles of the AWS and TiDB Cloud CLIs to copy into the keyring */
#pragma once

#include <adwaita.h>

#include "cw-credential-store.h"

G_BEGIN_DECLS

#define CW_TYPE_IMPORT_DIALOG (cw_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CwImportDialog, cw_import_dialog, CW, IMPORT_DIALOG, AdwWindow)

CwImportDialog *cw_import_dialog_new (GtkWindow         *parent,
                                      CwCredentialStore *store);

G_END_DECLS
