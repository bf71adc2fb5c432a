/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-mfa-prompter.h: asking a person for an MFA code at the moment a role needs it
 *
 * The CLI asks on the controlling terminal, the GUI in a dialog; the code is never an
 * argument. Cancelling the prompt fails with G_IO_ERROR_CANCELLED.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CW_TYPE_MFA_PROMPTER (cw_mfa_prompter_get_type ())
G_DECLARE_INTERFACE (CwMfaPrompter, cw_mfa_prompter, CW, MFA_PROMPTER, GObject)

struct _CwMfaPrompterInterface
{
  GTypeInterface parent_iface;

  void   (*ask_async)  (CwMfaPrompter        *self,
                        const char           *profile,
                        const char           *mfa_serial,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data);
  char * (*ask_finish) (CwMfaPrompter        *self,
                        GAsyncResult         *result,
                        GError              **error);
};

void  cw_mfa_prompter_ask_async  (CwMfaPrompter        *self,
                                  const char           *profile,
                                  const char           *mfa_serial,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
char *cw_mfa_prompter_ask_finish (CwMfaPrompter        *self,
                                  GAsyncResult         *result,
                                  GError              **error);

G_END_DECLS
