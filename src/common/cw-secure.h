/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-secure.h: handling of strings that hold secrets */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void cw_secure_free (char *secret);

/* For g_autoptr: `g_autoptr(CwSecureString) key = …` wipes and frees at scope end. */
typedef char CwSecureString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSecureString, cw_secure_free)

G_END_DECLS
