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

/* For debug logs: a Query-protocol form with the values of parameters that are secrets
 * (an MFA code) replaced; the other parameters say what was asked. */
char *
cw_redact_form_body (const char *body,
                     gsize       length)
{
  static const char * const secret_parameters[] = { "TokenCode" };
  g_autofree char *text = g_strndup (body, length);
  g_auto(GStrv) pairs = g_strsplit (text, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (secret_parameters); j++)
      {
        g_autofree char *prefix = g_strconcat (secret_parameters[j], "=", NULL);

        if (g_str_has_prefix (pairs[i], prefix))
          {
            g_free (pairs[i]);
            pairs[i] = g_strconcat (prefix, "[redacted]", NULL);
          }
      }
  return g_strjoinv ("&", pairs);
}
