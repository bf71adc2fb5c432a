/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sigv4.h: AWS Signature Version 4, to sign requests and to verify them
 *
 * The client signs every request with cw_sigv4_sign(); a server (the sandbox) verifies
 * with cw_sigv4_verify(), which rebuilds the same canonical request from what arrived.
 * The intermediate steps are public so both sides, and the AWS test suite, can check
 * them one by one.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The secret half is wiped when freed. */
typedef struct {
  char *access_key_id;
  char *secret_access_key;
  char *session_token;      /* NULL when none */
} CwAwsCredentials;

GType             cw_aws_credentials_get_type (void);
CwAwsCredentials *cw_aws_credentials_new      (const char             *access_key_id,
                                               const char             *secret_access_key,
                                               const char             *session_token);
CwAwsCredentials *cw_aws_credentials_copy     (const CwAwsCredentials *self);
void              cw_aws_credentials_free     (CwAwsCredentials       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwAwsCredentials, cw_aws_credentials_free)

typedef enum {
  CW_SIGV4_DEFAULT                 = 0,
  /* S3's rule: the path is signed as sent, without removing dot segments or "//". */
  CW_SIGV4_KEEP_PATH               = 1 << 0,
  /* Also send and sign x-amz-content-sha256. */
  CW_SIGV4_CONTENT_SHA256_HEADER   = 1 << 1,
  /* Send X-Amz-Security-Token without signing it (some services' old rule). */
  CW_SIGV4_UNSIGNED_SESSION_TOKEN  = 1 << 2,
} CwSigv4Flags;

/* One HTTP request as the signature sees it: method, request target, headers in the
 * order they were sent (repeats allowed), and the body. */
typedef struct _CwSigv4Request CwSigv4Request;

GType           cw_sigv4_request_get_type      (void);
CwSigv4Request *cw_sigv4_request_new           (const char     *method,
                                                const char     *target,
                                                GBytes         *body);
CwSigv4Request *cw_sigv4_request_ref           (CwSigv4Request *self);
void            cw_sigv4_request_unref         (CwSigv4Request *self);
void            cw_sigv4_request_add_header    (CwSigv4Request *self,
                                                const char     *name,
                                                const char     *value);
guint           cw_sigv4_request_get_n_headers (CwSigv4Request *self);
void            cw_sigv4_request_get_header    (CwSigv4Request *self,
                                                guint           index,
                                                const char    **name,
                                                const char    **value);
const char     *cw_sigv4_request_lookup_header (CwSigv4Request *self,
                                                const char     *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSigv4Request, cw_sigv4_request_unref)

/* What an Authorization header says. */
typedef struct {
  char  *access_key_id;
  char  *date;             /* YYYYMMDD of the credential scope */
  char  *region;
  char  *service;
  char **signed_headers;   /* lower-case, in the header's order */
  char  *signature;        /* lower-case hex */
} CwSigv4Authorization;

GType                 cw_sigv4_authorization_get_type (void);
CwSigv4Authorization *cw_sigv4_authorization_parse    (const char           *header_value,
                                                       GError              **error);
CwSigv4Authorization *cw_sigv4_authorization_copy     (const CwSigv4Authorization *self);
void                  cw_sigv4_authorization_free     (CwSigv4Authorization *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSigv4Authorization, cw_sigv4_authorization_free)

char     *cw_sigv4_uri_encode         (const char           *text,
                                       gssize                length,
                                       gboolean              keep_slash);
char     *cw_sigv4_hash_hex           (GBytes               *data);
char     *cw_sigv4_canonical_request  (CwSigv4Request       *request,
                                       const char * const   *signed_headers,
                                       CwSigv4Flags          flags);
char     *cw_sigv4_scope              (const char           *date,
                                       const char           *region,
                                       const char           *service);
char     *cw_sigv4_string_to_sign     (const char           *amz_date,
                                       const char           *scope,
                                       const char           *canonical_request);
char     *cw_sigv4_signature          (const char           *secret_access_key,
                                       const char           *date,
                                       const char           *region,
                                       const char           *service,
                                       const char           *string_to_sign);
void      cw_sigv4_sign               (CwSigv4Request         *request,
                                       const CwAwsCredentials *credentials,
                                       const char             *region,
                                       const char             *service,
                                       GDateTime              *time,
                                       CwSigv4Flags            flags);
gboolean  cw_sigv4_verify             (CwSigv4Request       *request,
                                       const char           *secret_access_key,
                                       CwSigv4Flags          flags,
                                       GError              **error);

G_END_DECLS
