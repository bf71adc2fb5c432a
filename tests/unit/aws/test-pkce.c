/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PKCE: RFC 7636 Appendix B's example, and what fresh verifiers and states look like. */
#include "config.h"

#include <string.h>

#include "cw-pkce.h"

#define UNRESERVED "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"

static void
test_rfc7636_appendix_b (void)
{
  /* The octets of Appendix B encode to its verifier, whose S256 challenge it gives. */
  static const guint8 octets[] = {
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
    22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
  };
  g_autofree char *verifier = cw_base64url_encode (octets, sizeof octets);
  g_autofree char *challenge = NULL;

  g_assert_cmpstr (verifier, ==, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  challenge = cw_pkce_challenge (verifier);
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_fresh_values (void)
{
  g_autofree char *verifier = cw_pkce_new_verifier ();
  g_autofree char *other = cw_pkce_new_verifier ();
  g_autofree char *state = cw_pkce_new_state ();
  g_autofree char *challenge = cw_pkce_challenge (verifier);

  /* 32 bytes without padding: 43 unreserved characters (RFC 7636 §4.1). */
  g_assert_cmpuint (strlen (verifier), ==, 43);
  g_assert_cmpuint (strspn (verifier, UNRESERVED), ==, 43);
  g_assert_cmpstr (verifier, !=, other);
  g_assert_cmpuint (strlen (challenge), ==, 43);
  g_assert_cmpuint (strlen (state), >=, 43);
  g_assert_cmpuint (strspn (state, UNRESERVED), ==, strlen (state));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aws/pkce/rfc7636-appendix-b", test_rfc7636_appendix_b);
  g_test_add_func ("/aws/pkce/fresh-values", test_fresh_values);
  return g_test_run ();
}
