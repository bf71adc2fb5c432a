/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-mfa-prompter.c: see cw-mfa-prompter.h; the CLI and the GUI implement it */
#define G_LOG_DOMAIN "cw-mfa-prompter"

#include "config.h"

#include "cw-mfa-prompter.h"

G_DEFINE_INTERFACE (CwMfaPrompter, cw_mfa_prompter, G_TYPE_OBJECT)

static void
cw_mfa_prompter_default_init (CwMfaPrompterInterface *iface)
{
}

/* Asks for the code of @mfa_serial's device, saying which profile needs it. */
void
cw_mfa_prompter_ask_async (CwMfaPrompter       *self,
                           const char          *profile,
                           const char          *mfa_serial,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (CW_IS_MFA_PROMPTER (self));
  g_return_if_fail (profile != NULL && mfa_serial != NULL);
  CW_MFA_PROMPTER_GET_IFACE (self)->ask_async (self, profile, mfa_serial, cancellable, callback, user_data);
}

/* The code typed (the caller wipes it), or NULL with G_IO_ERROR_CANCELLED when the person
 * cancelled the prompt. */
char *
cw_mfa_prompter_ask_finish (CwMfaPrompter  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (CW_IS_MFA_PROMPTER (self), NULL);
  return CW_MFA_PROMPTER_GET_IFACE (self)->ask_finish (self, result, error);
}
