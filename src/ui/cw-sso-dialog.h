/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-dialog.h: signing in with IAM Identity Center, then choosing an account and a role
 *
 * Asks for the start URL and region (offering the [sso-session] sections of
 * ~/.aws/config), runs CwSsoSignIn through the browser or with a code, and saves the
 * chosen role as an AWS credential. Given a credential, it signs in again for it and
 * closes. It is not modal: the window stays usable while the browser is open; Cancel
 * (or closing it) ends every wait.
 */
#pragma once

#include <adwaita.h>

#include "cw-credential-store.h"

G_BEGIN_DECLS

#define CW_TYPE_SSO_DIALOG (cw_sso_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CwSsoDialog, cw_sso_dialog, CW, SSO_DIALOG, AdwWindow)

/* Opens the sign-in for @from's window, its signal "saved" (const char *message,
 * CwCredential *credential: the credential saved, or signed in again for) connected to
 * @on_saved swapped to @from; one at a time per window: while one is open it is only
 * brought forward. */
void         cw_sso_dialog_open (GtkWidget         *from,
                                 CwCredentialStore *store,
                                 CwCredential      *sign_in_again,
                                 GCallback          on_saved);

G_END_DECLS
