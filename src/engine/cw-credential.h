/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-credential.h: one saved (or environment) AWS credential or TiDB Cloud API key, and
 * the SQL users of the databases a link serves
 *
 * The object holds only what may be shown: the secret half lives in the keyring and
 * travels separately as a CwCredentialSecret, or for a SQL user as its password.
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

/* Where an AWS credential's keys come from. Only long-lived keys have a secret half of
 * their own: an IAM Identity Center role takes its keys with the session's token
 * (CwSsoSignIn keeps it), a profile of the AWS CLI with what its files say. */
typedef enum {
  CW_AWS_SOURCE_KEYS,
  CW_AWS_SOURCE_SSO,
  CW_AWS_SOURCE_PROFILE,
} CwAwsSource;

#define CW_TYPE_AWS_SOURCE (cw_aws_source_get_type ())
GType cw_aws_source_get_type (void);

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
/* An IAM Identity Center role; none of it is secret. @region is the default region of
 * the links made with it, @sso_region the one of the sign-in. */
CwCredential     *cw_credential_new_aws_sso           (const char       *label,
                                                       const char       *session_key,
                                                       const char       *start_url,
                                                       const char       *sso_region,
                                                       const char       *account_id,
                                                       const char       *account_name,
                                                       const char       *role_name,
                                                       const char       *region);
/* A profile of the AWS CLI's files, resolved each time it is used; @region may be NULL
 * for the profile's own. */
CwCredential     *cw_credential_new_aws_profile       (const char       *label,
                                                       const char       *profile,
                                                       const char       *region);
CwCredentialKind  cw_credential_get_kind              (CwCredential     *self);
CwAwsSource       cw_credential_get_aws_source        (CwCredential     *self);
const char       *cw_credential_get_sso_session       (CwCredential     *self);
const char       *cw_credential_get_sso_start_url     (CwCredential     *self);
const char       *cw_credential_get_sso_region        (CwCredential     *self);
const char       *cw_credential_get_account_id        (CwCredential     *self);
const char       *cw_credential_get_account_name      (CwCredential     *self);
const char       *cw_credential_get_role_name         (CwCredential     *self);
const char       *cw_credential_get_profile           (CwCredential     *self);
const char       *cw_credential_get_label             (CwCredential     *self);
const char       *cw_credential_get_key_id            (CwCredential     *self);
char             *cw_credential_dup_masked_key_id     (CwCredential     *self);
char             *cw_credential_dup_description       (CwCredential     *self);
const char       *cw_credential_get_region            (CwCredential     *self);
gboolean          cw_credential_get_has_session_token (CwCredential     *self);
gboolean          cw_credential_get_from_environment  (CwCredential     *self);
void              cw_credential_set_from_environment  (CwCredential     *self,
                                                       gboolean          from_environment);

/* A SQL user that TiDB Cloud's dataflow signs in as (DESIGN.md §12): a MySQL user of the
 * RDS database at a link's end, or a SQL user of the TiDB Cloud cluster. Nothing here is
 * secret; the password is kept in the keyring only (cw-credential-store.h). An RDS
 * identifier is unique within an account and region only, so all three name the
 * database; a TiDB Cloud cluster id is unique on its own. */
typedef enum {
  CW_SQL_USER_MYSQL,
  CW_SQL_USER_TIDB,
} CwSqlUserKind;

typedef struct {
  CwSqlUserKind  kind;
  char          *account_id;  /* MySQL: the AWS account; NULL for TiDB */
  char          *region;      /* MySQL: the database's region; NULL for TiDB */
  char          *database;    /* MySQL: the DB instance or cluster identifier; TiDB: the cluster id */
  char          *user;        /* NULL where only the database is meant (listing its users) */
} CwSqlUser;

#define CW_TYPE_SQL_USER (cw_sql_user_get_type ())
GType      cw_sql_user_get_type    (void);
CwSqlUser *cw_sql_user_new_mysql   (const char      *account_id,
                                    const char      *region,
                                    const char      *database,
                                    const char      *user);
CwSqlUser *cw_sql_user_new_tidb    (const char      *cluster_id,
                                    const char      *user);
CwSqlUser *cw_sql_user_copy        (const CwSqlUser *self);
void       cw_sql_user_free        (CwSqlUser       *self);
char      *cw_sql_user_dup_label   (const CwSqlUser *self);
gboolean   cw_sql_user_validate    (const CwSqlUser *self,
                                    const char      *password,
                                    GError         **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSqlUser, cw_sql_user_free)

char     *cw_mask_key_id               (const char          *key_id);
gboolean  cw_credential_validate       (CwCredential        *self,
                                        const CwCredentialSecret *secret,
                                        GError             **error);
gboolean  cw_aws_region_is_valid       (const char          *region);
gboolean  cw_aws_access_key_id_is_valid (const char         *key_id);

G_END_DECLS
