/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-pkce.c: see cw-pkce.h */
#define G_LOG_DOMAIN "cw-pkce"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "cw-pkce.h"

#define VERIFIER_BYTES 32
#define STATE_BYTES 32

char *
cw_base64url_encode (const guint8 *data,
                     gsize         length)
{
  char *text = g_base64_encode (data, length);
  gsize end = strlen (text);

  while (end > 0 && text[end - 1] == '=')
    text[--end] = '\0';
  for (char *p = text; *p != '\0'; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  return text;
}

/* The kernel's CSPRNG: GLib's g_random is not meant for secrets. */
static char *
random_base64url (gsize length)
{
  guint8 bytes[64];
  gsize filled = 0;
  char *text;

  g_assert (length <= sizeof bytes);
  while (filled < length)
    {
      ssize_t got = getrandom (bytes + filled, length - filled, 0);

      if (got < 0)
        g_error ("getrandom failed: %s", g_strerror (errno));
      filled += (gsize) got;
    }
  text = cw_base64url_encode (bytes, length);
  explicit_bzero (bytes, sizeof bytes);
  return text;
}

char *
cw_pkce_new_verifier (void)
{
  return random_base64url (VERIFIER_BYTES);
}

char *
cw_pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);
  return cw_base64url_encode (digest, length);
}

char *
cw_pkce_new_state (void)
{
  return random_base64url (STATE_BYTES);
}
