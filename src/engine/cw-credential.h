/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-credential.h: one saved (or environment) AWS credential or TiDB Cloud API key
 *
 * The object holds only what may be shown: the secret half lives in the keyring and
 * travels separately as a CwCredentialSecret.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CW_CREDENTIAL_AWS,
  CW_CREDENTIAL_TIDBCLOUD,
} CwCredentialKind;

#define CW_TYPE_CREDENTIAL_KIND (cw_credential_kind_get_type ())
GType cw_credential_kind_get_type (void);

const char *cw_credential_kind_to_string   (CwCredentialKind kind);
gboolean    cw_credential_kind_from_string (const char       *str,
                                            CwCredentialKind *kind);

/* The secret half. Freeing it wipes the strings first. */
typedef struct {
  char *secret;         /* AWS secret access key, or TiDB Cloud private key */
  char *session_token;  /* AWS only; NULL when none */
} CwCredentialSecret;

#define CW_TYPE_CREDENTIAL_SECRET (cw_credential_secret_get_type ())
GType               cw_credential_secret_get_type (void);
CwCredentialSecret *cw_credential_secret_new      (const char               *secret,
                                                   const char               *session_token);
CwCredentialSecret *cw_credential_secret_copy     (const CwCredentialSecret *self);
void                cw_credential_secret_free     (CwCredentialSecret       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwCredentialSecret, cw_credential_secret_free)

#define CW_TYPE_CREDENTIAL (cw_credential_get_type ())
G_DECLARE_FINAL_TYPE (CwCredential, cw_credential, CW, CREDENTIAL, GObject)

CwCredential     *cw_credential_new                   (CwCredentialKind  kind,
                                                       const char       *label,
                                                       const char       *key_id,
                                                       const char       *region,
                                                       gboolean          has_session_token);
CwCredentialKind  cw_credential_get_kind              (CwCredential     *self);
const char       *cw_credential_get_label             (CwCredential     *self);
const char       *cw_credential_get_key_id            (CwCredential     *self);
char             *cw_credential_dup_masked_key_id     (CwCredential     *self);
const char       *cw_credential_get_region            (CwCredential     *self);
gboolean          cw_credential_get_has_session_token (CwCredential     *self);
gboolean          cw_credential_get_from_environment  (CwCredential     *self);
void              cw_credential_set_from_environment  (CwCredential     *self,
                                                       gboolean          from_environment);

char     *cw_mask_key_id               (const char          *key_id);
gboolean  cw_credential_validate       (CwCredential        *self,
                                        const CwCredentialSecret *secret,
                                        GError             **error);
gboolean  cw_aws_region_is_valid       (const char          *region);
gboolean  cw_aws_access_key_id_is_valid (const char         *key_id);

G_END_DECLS
