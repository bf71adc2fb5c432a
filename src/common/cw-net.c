/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-net.c */
#define G_LOG_DOMAIN "cw-net"

#include "config.h"

#include <string.h>

#include "cw-net.h"

gboolean
cw_uri_is_loopback (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* https anywhere; plain http only to this machine (the sandbox and the tests). */
gboolean
cw_uri_is_acceptable (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return g_uri_get_host (uri) != NULL;
  return g_ascii_strcasecmp (scheme, "http") == 0 && cw_uri_is_loopback (uri);
}

/* The AWS SDKs' "full jitter": a random delay in [0, min(cap, base × 2^attempt)). */
guint
cw_backoff_full_jitter_ms (guint attempt,
                           guint base_ms,
                           guint cap_ms)
{
  guint64 ceiling = base_ms;

  for (guint i = 0; i < attempt && ceiling < cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, (guint64) cap_ms);
  if (ceiling == 0)
    return 0;
  return (guint) g_random_int_range (0, (gint32) MIN (ceiling, (guint64) G_MAXINT32));
}

/* For debug logs: headers that carry credentials are shown by name only. */
char *
cw_redact_header_value (const char *name,
                        const char *value)
{
  static const char * const secret_headers[] = {
    "Authorization", "X-Amz-Security-Token", "Proxy-Authorization", "Cookie", "Set-Cookie",
    "x-amz-sso_bearer_token",  /* the IAM Identity Center portal's access token */
  };

  for (guint i = 0; i < G_N_ELEMENTS (secret_headers); i++)
    if (g_ascii_strcasecmp (name, secret_headers[i]) == 0)
      return g_strdup ("[redacted]");
  return g_strdup (value);
}
