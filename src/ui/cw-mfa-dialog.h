/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-mfa-dialog.h: the window's CwMfaPrompter — a dialog asking for the six digits of an
 * MFA device at the moment a role needs them
 *
 * One dialog per window, shown again for each code (a role's credentials are renewed
 * with a new code); asks that come while it is showing wait their turn. Cancel, closing
 * it, or the caller's cancellable: G_IO_ERROR_CANCELLED. The code is handed to the caller
 * only and wiped from the entry.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CW_TYPE_MFA_DIALOG (cw_mfa_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CwMfaDialog, cw_mfa_dialog, CW, MFA_DIALOG, AdwMessageDialog)

CwMfaDialog *cw_mfa_dialog_new (GtkWindow *parent);

G_END_DECLS
