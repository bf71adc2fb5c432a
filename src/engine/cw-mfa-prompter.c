/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-mfa-prompter.c: see cw-mfa-prompter.h */
#define G_LOG_DOMAIN "cw-mfa-prompter"

#include "config.h"

#include "cw-mfa-prompter.h"

G_DEFINE_INTERFACE (CwMfaPrompter, cw_mfa_prompter, G_TYPE_OBJECT)

static void
cw_mfa_prompter_default_init (CwMfaPrompterInterface *iface)
{
}

void
cw_mfa_prompter_ask_async (CwMfaPrompter       *self,
                           const char          *profile,
                           const char          *mfa_serial,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (CW_IS_MFA_PROMPTER (self));
  CW_MFA_PROMPTER_GET_IFACE (self)->ask_async (self, profile, mfa_serial, cancellable, callback, user_data);
}

/* The code the person typed; the caller frees it when sent. */
char *
cw_mfa_prompter_ask_finish (CwMfaPrompter  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (CW_IS_MFA_PROMPTER (self), NULL);
  return CW_MFA_PROMPTER_GET_IFACE (self)->ask_finish (self, result, error);
}
