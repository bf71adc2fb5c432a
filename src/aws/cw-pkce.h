/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-pkce.h: Proof Key for Code Exchange (RFC 7636) and the OAuth 2.0 state
 *
 * The browser sign-in proves that whoever redeems the code is who asked for it: a
 * random verifier stays in this process, only its S256 challenge travels through the
 * browser. The state ties the answer at the loopback redirect to this very request.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 32 random bytes, BASE64URL without padding: 43 characters (RFC 7636 §4.1). */
char *cw_pkce_new_verifier (void);
/* BASE64URL(SHA-256(verifier)) without padding (RFC 7636 §4.2, S256). */
char *cw_pkce_challenge    (const char   *verifier);
/* An unguessable value for the authorization request's state parameter. */
char *cw_pkce_new_state    (void);
/* BASE64URL without padding (RFC 4648 §5). */
char *cw_base64url_encode  (const guint8 *data,
                            gsize         length);

G_END_DECLS
