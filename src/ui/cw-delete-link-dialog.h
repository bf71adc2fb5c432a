/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-delete-link-dialog.h: the question before a link is deleted
 *
 * For a link Causeway made, every resource the teardown deletes, in its order, as the
 * engine lists it (cw-link-teardown.h); for a link made by hand, that only its TiDB
 * Cloud connection goes. Both with TiDB Cloud's changefeeds and migrations through the
 * link, which stop with it. Answers "delete" or "cancel" through
 * AdwMessageDialog::response.
 */
#pragma once

#include <adwaita.h>

#include "cw-clouds.h"
#include "cw-journal.h"
#include "cw-link.h"

G_BEGIN_DECLS

#define CW_TYPE_DELETE_LINK_DIALOG (cw_delete_link_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CwDeleteLinkDialog, cw_delete_link_dialog, CW, DELETE_LINK_DIALOG, AdwMessageDialog)

CwDeleteLinkDialog *cw_delete_link_dialog_new            (GtkWindow          *parent,
                                                          CwLink             *link,
                                                          CwJournal          *journal);
CwLink             *cw_delete_link_dialog_get_link       (CwDeleteLinkDialog *self);
CwJournal          *cw_delete_link_dialog_get_journal    (CwDeleteLinkDialog *self);
void                cw_delete_link_dialog_list_dataflows (CwDeleteLinkDialog *self,
                                                          CwClouds           *clouds);

G_END_DECLS
