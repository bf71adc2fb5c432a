/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-widgets.h: small widget builders the pages share */
#pragma once

#include <adwaita.h>

#include "cw-credential.h"

G_BEGIN_DECLS

GtkListBox *cw_boxed_list_new   (const char *accessible_label);
void        cw_list_box_clear   (GtkListBox *list);
GtkWidget  *cw_info_row_new     (const char *title,
                                 const char *value);
GtkWidget  *cw_choice_row_new   (const char *title,
                                 const char *subtitle,
                                 GtkWidget  *check);

/* A form's message label: @message shown, or the label hidden when NULL. */
void        cw_label_show_message (GtkLabel    *label,
                                   const char  *message);
const char *cw_entry_row_text     (AdwEntryRow *row);

GListModel *cw_credentials_of_kind (GListModel       *credentials,
                                    CwCredentialKind  kind);

G_END_DECLS
