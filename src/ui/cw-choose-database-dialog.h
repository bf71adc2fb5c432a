/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-choose-database-dialog.h: which database a link made by hand is re-synced to
 *
 * Such a link names no database, and its target is no database's address any more: the
 * user picks one of the candidates the engine allows (cw_link_resync_candidates).
 * Answers "resync" or "cancel" through AdwMessageDialog::response.
 */
#pragma once

#include <adwaita.h>

#include "cw-link.h"

G_BEGIN_DECLS

#define CW_TYPE_CHOOSE_DATABASE_DIALOG (cw_choose_database_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CwChooseDatabaseDialog, cw_choose_database_dialog, CW, CHOOSE_DATABASE_DIALOG, AdwMessageDialog)

CwChooseDatabaseDialog *cw_choose_database_dialog_new             (GtkWindow              *parent,
                                                                   CwLink                 *link,
                                                                   GListModel             *candidates);
const char             *cw_choose_database_dialog_get_database_id (CwChooseDatabaseDialog *self);

G_END_DECLS
