/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-secure.c */
#define G_LOG_DOMAIN "cw-secure"

#include "config.h"

#include <string.h>

#include "cw-secure.h"

/* Overwrites the string before freeing it, so a secret does not linger in freed memory
 * (where a core dump or a later bug could reveal it). */
void
cw_secure_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}
