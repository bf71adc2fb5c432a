/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-mfa-prompter.h: MFA codes asked on the controlling terminal
 *
 * Never an argument or a variable: a code in argv would be seen by every user of the
 * machine. The prompt goes to /dev/tty, the code is read there with echo off, in a
 * thread, so the main loop (and Ctrl+C) keep working.
 */
#pragma once

#include "cw-mfa-prompter.h"

G_BEGIN_DECLS

#define CW_TYPE_CLI_MFA_PROMPTER (cw_cli_mfa_prompter_get_type ())
G_DECLARE_FINAL_TYPE (CwCliMfaPrompter, cw_cli_mfa_prompter, CW, CLI_MFA_PROMPTER, GObject)

CwMfaPrompter *cw_cli_mfa_prompter_new (void);

G_END_DECLS
