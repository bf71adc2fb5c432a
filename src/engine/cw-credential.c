/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-credential.c: what may be shown of a credential, and the checks of what was typed */
#define G_LOG_DOMAIN "cw-credential"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-credential.h"
#include "cw-engine-error.h"
#include "cw-secure.h"

struct _CwCredential
{
  GObject           parent_instance;
  CwCredentialKind  kind;
  CwAwsSource       aws_source;
  char             *label;
  char             *key_id;
  char             *region;
  gboolean          has_session_token;
  gboolean          from_environment;
  char             *fields[7];  /* the source's own strings, by PROP_SSO_SESSION onwards */
};

G_DEFINE_FINAL_TYPE (CwCredential, cw_credential, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_LABEL,
  PROP_KEY_ID,
  PROP_MASKED_KEY_ID,
  PROP_REGION,
  PROP_HAS_SESSION_TOKEN,
  PROP_FROM_ENVIRONMENT,
  PROP_AWS_SOURCE,
  /* The source's strings: one field each, so that one line gets or sets any of them. */
  PROP_SSO_SESSION,
  PROP_SSO_START_URL,
  PROP_SSO_REGION,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_NAME,
  PROP_ROLE_NAME,
  PROP_PROFILE,
  N_PROPS
};

#define FIELD(prop) ((prop) - PROP_SSO_SESSION)
G_STATIC_ASSERT (G_N_ELEMENTS (((CwCredential *) NULL)->fields) == N_PROPS - PROP_SSO_SESSION);

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (CwCredentialKind, cw_credential_kind,
                    G_DEFINE_ENUM_VALUE (CW_CREDENTIAL_AWS, "aws"),
                    G_DEFINE_ENUM_VALUE (CW_CREDENTIAL_TIDBCLOUD, "tidbcloud"))

G_DEFINE_ENUM_TYPE (CwAwsSource, cw_aws_source,
                    G_DEFINE_ENUM_VALUE (CW_AWS_SOURCE_KEYS, "keys"),
                    G_DEFINE_ENUM_VALUE (CW_AWS_SOURCE_SSO, "sso"),
                    G_DEFINE_ENUM_VALUE (CW_AWS_SOURCE_PROFILE, "profile"))

const char *
cw_credential_kind_to_string (CwCredentialKind kind)
{
  return kind == CW_CREDENTIAL_AWS ? "aws" : "tidbcloud";
}

gboolean
cw_credential_kind_from_string (const char       *str,
                                CwCredentialKind *kind)
{
  if (g_strcmp0 (str, "aws") == 0)
    *kind = CW_CREDENTIAL_AWS;
  else if (g_strcmp0 (str, "tidbcloud") == 0)
    *kind = CW_CREDENTIAL_TIDBCLOUD;
  else
    return FALSE;
  return TRUE;
}

G_DEFINE_BOXED_TYPE (CwCredentialSecret, cw_credential_secret,
                     cw_credential_secret_copy, cw_credential_secret_free)

CwCredentialSecret *
cw_credential_secret_new (const char *secret,
                          const char *session_token)
{
  CwCredentialSecret *self = g_new0 (CwCredentialSecret, 1);

  self->secret = g_strdup (secret);
  self->session_token = (session_token && *session_token) ? g_strdup (session_token) : NULL;
  return self;
}

CwCredentialSecret *
cw_credential_secret_copy (const CwCredentialSecret *self)
{
  return cw_credential_secret_new (self->secret, self->session_token);
}

void
cw_credential_secret_free (CwCredentialSecret *self)
{
  if (self == NULL)
    return;
  cw_secure_free (self->secret);
  cw_secure_free (self->session_token);
  g_free (self);
}

static void
cw_credential_finalize (GObject *object)
{
  CwCredential *self = CW_CREDENTIAL (object);

  g_free (self->label);
  g_free (self->key_id);
  g_free (self->region);
  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    g_free (self->fields[i]);
  G_OBJECT_CLASS (cw_credential_parent_class)->finalize (object);
}

static void
cw_credential_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CwCredential *self = CW_CREDENTIAL (object);

  if (prop_id >= PROP_SSO_SESSION && prop_id < N_PROPS)
    {
      g_value_set_string (value, self->fields[FIELD (prop_id)]);
      return;
    }
  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_AWS_SOURCE:
      g_value_set_enum (value, self->aws_source);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_KEY_ID:
      g_value_set_string (value, self->key_id);
      break;
    case PROP_MASKED_KEY_ID:
      g_value_take_string (value, cw_credential_dup_masked_key_id (self));
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_HAS_SESSION_TOKEN:
      g_value_set_boolean (value, self->has_session_token);
      break;
    case PROP_FROM_ENVIRONMENT:
      g_value_set_boolean (value, self->from_environment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_credential_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CwCredential *self = CW_CREDENTIAL (object);

  if (prop_id >= PROP_SSO_SESSION && prop_id < N_PROPS)
    {
      self->fields[FIELD (prop_id)] = g_strstrip (g_value_dup_string (value));
      return;
    }
  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_AWS_SOURCE:
      self->aws_source = g_value_get_enum (value);
      break;
    case PROP_LABEL:
      self->label = g_strstrip (g_value_dup_string (value));
      break;
    case PROP_KEY_ID:
      self->key_id = g_strstrip (g_value_dup_string (value));
      break;
    case PROP_REGION:
      self->region = g_strstrip (g_value_dup_string (value));
      break;
    case PROP_HAS_SESSION_TOKEN:
      self->has_session_token = g_value_get_boolean (value);
      break;
    case PROP_FROM_ENVIRONMENT:
      cw_credential_set_from_environment (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_credential_class_init (CwCredentialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_credential_finalize;
  object_class->get_property = cw_credential_get_property;
  object_class->set_property = cw_credential_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CW_TYPE_CREDENTIAL_KIND, CW_CREDENTIAL_AWS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_ID] =
    g_param_spec_string ("key-id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MASKED_KEY_ID] =
    g_param_spec_string ("masked-key-id", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_SESSION_TOKEN] =
    g_param_spec_boolean ("has-session-token", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROM_ENVIRONMENT] =
    g_param_spec_boolean ("from-environment", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AWS_SOURCE] =
    g_param_spec_enum ("aws-source", NULL, NULL, CW_TYPE_AWS_SOURCE, CW_AWS_SOURCE_KEYS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  {
    static const char *names[] = { "sso-session", "sso-start-url", "sso-region", "account-id",
                                   "account-name", "role-name", "profile" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      properties[PROP_SSO_SESSION + i] =
        g_param_spec_string (names[i], NULL, NULL, "",
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  }
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_credential_init (CwCredential *self)
{
}

CwCredential *
cw_credential_new (CwCredentialKind  kind,
                   const char       *label,
                   const char       *key_id,
                   const char       *region,
                   gboolean          has_session_token)
{
  return g_object_new (CW_TYPE_CREDENTIAL,
                       "kind", kind,
                       "label", label ? label : "",
                       "key-id", key_id ? key_id : "",
                       "region", region ? region : "",
                       "has-session-token", has_session_token,
                       NULL);
}

CwCredential *
cw_credential_new_aws_sso (const char *label,
                           const char *session_key,
                           const char *start_url,
                           const char *sso_region,
                           const char *account_id,
                           const char *account_name,
                           const char *role_name,
                           const char *region)
{
  return g_object_new (CW_TYPE_CREDENTIAL,
                       "kind", CW_CREDENTIAL_AWS,
                       "aws-source", CW_AWS_SOURCE_SSO,
                       "label", label ? label : "",
                       "region", region ? region : "",
                       "sso-session", session_key ? session_key : "",
                       "sso-start-url", start_url ? start_url : "",
                       "sso-region", sso_region ? sso_region : "",
                       "account-id", account_id ? account_id : "",
                       "account-name", account_name ? account_name : "",
                       "role-name", role_name ? role_name : "",
                       NULL);
}

CwCredential *
cw_credential_new_aws_profile (const char *label,
                               const char *profile,
                               const char *region)
{
  return g_object_new (CW_TYPE_CREDENTIAL,
                       "kind", CW_CREDENTIAL_AWS,
                       "aws-source", CW_AWS_SOURCE_PROFILE,
                       "label", label ? label : "",
                       "region", region ? region : "",
                       "profile", profile ? profile : "",
                       NULL);
}

CwAwsSource
cw_credential_get_aws_source (CwCredential *self)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL (self), CW_AWS_SOURCE_KEYS);
  return self->aws_source;
}

static const char *
field (CwCredential *self,
       guint         prop_id)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL (self), NULL);
  return self->fields[FIELD (prop_id)] ? self->fields[FIELD (prop_id)] : "";
}

const char *
cw_credential_get_sso_session (CwCredential *self)
{
  return field (self, PROP_SSO_SESSION);
}

const char *
cw_credential_get_sso_start_url (CwCredential *self)
{
  return field (self, PROP_SSO_START_URL);
}

const char *
cw_credential_get_sso_region (CwCredential *self)
{
  return field (self, PROP_SSO_REGION);
}

const char *
cw_credential_get_account_id (CwCredential *self)
{
  return field (self, PROP_ACCOUNT_ID);
}

const char *
cw_credential_get_account_name (CwCredential *self)
{
  return field (self, PROP_ACCOUNT_NAME);
}

const char *
cw_credential_get_role_name (CwCredential *self)
{
  return field (self, PROP_ROLE_NAME);
}

const char *
cw_credential_get_profile (CwCredential *self)
{
  return field (self, PROP_PROFILE);
}

CwCredentialKind
cw_credential_get_kind (CwCredential *self)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL (self), CW_CREDENTIAL_AWS);
  return self->kind;
}

const char *
cw_credential_get_label (CwCredential *self)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL (self), NULL);
  return self->label;
}

const char *
cw_credential_get_key_id (CwCredential *self)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL (self), NULL);
  return self->key_id;
}

char *
cw_credential_dup_masked_key_id (CwCredential *self)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL (self), NULL);
  /* A TiDB Cloud public key is the user name of the key pair and is shown whole. */
  if (self->kind == CW_CREDENTIAL_TIDBCLOUD)
    return g_strdup (self->key_id);
  return cw_mask_key_id (self->key_id);
}

/* One line that tells credentials apart without showing a secret: the masked key and
 * region, an IAM Identity Center role's account and role, or a profile's name. */
char *
cw_credential_dup_description (CwCredential *self)
{
  g_autofree char *masked = cw_credential_dup_masked_key_id (self);
  const char *region = self->region;

  if (self->kind == CW_CREDENTIAL_TIDBCLOUD)
    return g_strdup_printf (_("Public key %s"), masked);
  if (*region == '\0')
    region = _("no default region");
  /* An imported profile knows the account by its id only: once is enough. */
  if (self->aws_source == CW_AWS_SOURCE_SSO &&
      g_strcmp0 (cw_credential_get_account_name (self), cw_credential_get_account_id (self)) == 0)
    return g_strdup_printf ("%s · %s · %s", cw_credential_get_account_id (self), cw_credential_get_role_name (self),
                            region);
  if (self->aws_source == CW_AWS_SOURCE_SSO)
    /* Translators: IAM Identity Center: account name, account id, role, default region */
    return g_strdup_printf (_("%s (%s) · %s · %s"), cw_credential_get_account_name (self),
                            cw_credential_get_account_id (self), cw_credential_get_role_name (self), region);
  if (self->aws_source == CW_AWS_SOURCE_PROFILE)
    return g_strdup_printf (_("AWS CLI profile “%s” · %s"), cw_credential_get_profile (self), region);
  if (self->has_session_token)
    return g_strdup_printf (_("%s · %s · with session token"), masked, region);
  return g_strdup_printf ("%s · %s", masked, region);
}

const char *
cw_credential_get_region (CwCredential *self)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL (self), NULL);
  return self->region;
}

gboolean
cw_credential_get_has_session_token (CwCredential *self)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL (self), FALSE);
  return self->has_session_token;
}

gboolean
cw_credential_get_from_environment (CwCredential *self)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL (self), FALSE);
  return self->from_environment;
}

void
cw_credential_set_from_environment (CwCredential *self,
                                    gboolean      from_environment)
{
  g_return_if_fail (CW_IS_CREDENTIAL (self));
  from_environment = !!from_environment;
  if (self->from_environment == from_environment)
    return;
  self->from_environment = from_environment;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM_ENVIRONMENT]);
}

/* Shows enough of an access key id to tell keys apart (AKIA…WXYZ) and no more. */
char *
cw_mask_key_id (const char *key_id)
{
  gsize len = key_id ? strlen (key_id) : 0;

  if (len <= 8)
    return g_strnfill (len, '*');
  return g_strdup_printf ("%.4s…%s", key_id, key_id + len - 4);
}

gboolean
cw_aws_region_is_valid (const char *region)
{
  return region != NULL &&
         g_regex_match_simple ("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$", region, 0, 0);
}

gboolean
cw_aws_access_key_id_is_valid (const char *key_id)
{
  return key_id != NULL &&
         g_regex_match_simple ("^(AKIA|ASIA)[A-Z0-9]{12,124}$", key_id, 0, 0);
}

static gboolean
has_whitespace (const char *str)
{
  for (; str && *str; str++)
    if (g_ascii_isspace (*str))
      return TRUE;
  return FALSE;
}

static gboolean
invalid (GError **error,
         const char *message)
{
  g_set_error_literal (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, message);
  return FALSE;
}

static gboolean
validate_region (CwCredential  *self,
                 GError       **error)
{
  if (*self->region == '\0')
    return invalid (error, _("Enter the default region, for example us-east-1."));
  if (!cw_aws_region_is_valid (self->region))
    return invalid (error, _("The region must look like us-east-1 (a region code, not a zone like us-east-1a)."));
  return TRUE;
}

static gboolean
validate_aws (CwCredential              *self,
              const CwCredentialSecret  *secret,
              GError                   **error)
{
  if (*self->key_id == '\0')
    return invalid (error, _("Enter the access key ID."));
  if (!cw_aws_access_key_id_is_valid (self->key_id))
    return invalid (error, _("An access key ID starts with AKIA or ASIA followed by capital letters and digits, "
                             "20 characters in all. Copy it from the IAM console."));
  if (!validate_region (self, error))
    return FALSE;
  if (secret != NULL && (secret->secret == NULL || *secret->secret == '\0'))
    return invalid (error, _("Enter the secret access key."));
  if (secret != NULL && has_whitespace (secret->secret))
    return invalid (error, _("The secret access key cannot contain spaces."));
  if (secret != NULL && g_str_has_prefix (self->key_id, "ASIA") && secret->session_token == NULL)
    return invalid (error, _("Temporary access keys (ASIA…) only work with their session token. Enter the session token."));
  return TRUE;
}

static gboolean
validate_aws_sso (CwCredential  *self,
                  GError       **error)
{
  const char *start_url = cw_credential_get_sso_start_url (self);

  if (!g_str_has_prefix (start_url, "https://") || start_url[strlen ("https://")] == '\0')
    return invalid (error, _("Enter the start URL of IAM Identity Center, for example https://my-company.awsapps.com/start."));
  if (!cw_aws_region_is_valid (cw_credential_get_sso_region (self)))
    return invalid (error, _("Enter the region of IAM Identity Center, for example us-east-1."));
  if (*cw_credential_get_sso_session (self) == '\0' || *cw_credential_get_account_id (self) == '\0' ||
      *cw_credential_get_role_name (self) == '\0')
    return invalid (error, _("Choose an account and a role."));
  return validate_region (self, error);
}

static gboolean
validate_aws_profile (CwCredential  *self,
                      GError       **error)
{
  if (*cw_credential_get_profile (self) == '\0')
    return invalid (error, _("Enter the name of the AWS CLI profile."));
  return *self->region == '\0' || validate_region (self, error);
}

static gboolean
validate_tidbcloud (CwCredential              *self,
                    const CwCredentialSecret  *secret,
                    GError                   **error)
{
  if (*self->key_id == '\0')
    return invalid (error, _("Enter the public key of the API key."));
  if (has_whitespace (self->key_id))
    return invalid (error, _("The public key cannot contain spaces."));
  if (secret != NULL && (secret->secret == NULL || *secret->secret == '\0'))
    return invalid (error, _("Enter the private key of the API key."));
  if (secret != NULL && has_whitespace (secret->secret))
    return invalid (error, _("The private key cannot contain spaces."));
  return TRUE;
}

/* Checks the shape of what was typed; a NULL @secret means the saved one is kept. */
gboolean
cw_credential_validate (CwCredential              *self,
                        const CwCredentialSecret  *secret,
                        GError                   **error)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL (self), FALSE);

  if (*self->label == '\0')
    return invalid (error, _("Enter a label to tell this credential apart."));
  if (g_utf8_strlen (self->label, -1) > 64)
    return invalid (error, _("The label is too long: use at most 64 characters."));
  if (self->kind == CW_CREDENTIAL_AWS && self->aws_source == CW_AWS_SOURCE_SSO)
    return validate_aws_sso (self, error);
  if (self->kind == CW_CREDENTIAL_AWS && self->aws_source == CW_AWS_SOURCE_PROFILE)
    return validate_aws_profile (self, error);
  if (self->kind == CW_CREDENTIAL_AWS)
    return validate_aws (self, secret, error);
  return validate_tidbcloud (self, secret, error);
}

/* ---- SQL users ---- */

G_DEFINE_BOXED_TYPE (CwSqlUser, cw_sql_user, cw_sql_user_copy, cw_sql_user_free)

static CwSqlUser *
sql_user_new (CwSqlUserKind  kind,
              const char    *account_id,
              const char    *region,
              const char    *database,
              const char    *user)
{
  CwSqlUser *self = g_new0 (CwSqlUser, 1);

  self->kind = kind;
  self->account_id = g_strdup (account_id);
  self->region = g_strdup (region);
  self->database = g_strdup (database);
  self->user = g_strdup (user);
  return self;
}

/* @user may be NULL to name the database only. */
CwSqlUser *
cw_sql_user_new_mysql (const char *account_id,
                       const char *region,
                       const char *database,
                       const char *user)
{
  return sql_user_new (CW_SQL_USER_MYSQL, account_id, region, database, user);
}

CwSqlUser *
cw_sql_user_new_tidb (const char *cluster_id,
                      const char *user)
{
  return sql_user_new (CW_SQL_USER_TIDB, NULL, NULL, cluster_id, user);
}

CwSqlUser *
cw_sql_user_copy (const CwSqlUser *self)
{
  return sql_user_new (self->kind, self->account_id, self->region, self->database, self->user);
}

void
cw_sql_user_free (CwSqlUser *self)
{
  if (self == NULL)
    return;
  g_free (self->account_id);
  g_free (self->region);
  g_free (self->database);
  g_free (self->user);
  g_free (self);
}

/* "admin@orders-db": how the user is named in lists and on the command line. */
char *
cw_sql_user_dup_label (const CwSqlUser *self)
{
  if (self->user == NULL)
    return g_strdup (self->database);
  return g_strdup_printf ("%s@%s", self->user, self->database);
}

static gboolean
has_control_characters (const char *str)
{
  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* RDS identifiers: a letter, then letters, digits and hyphens, at most 63. */
static gboolean
validate_sql_database (const CwSqlUser  *self,
                       GError          **error)
{
  if (self->kind == CW_SQL_USER_TIDB)
    {
      if (self->database == NULL || *self->database == '\0' || has_whitespace (self->database) ||
          strlen (self->database) > 64)
        return invalid (error, _("Choose the TiDB Cloud cluster of the SQL user."));
      return TRUE;
    }
  if (self->account_id == NULL || !g_regex_match_simple ("^[0-9]{12}$", self->account_id, 0, 0))
    return invalid (error, _("The AWS account of the database must be its 12-digit ID."));
  if (!cw_aws_region_is_valid (self->region))
    return invalid (error, _("The region must look like us-east-1 (a region code, not a zone like us-east-1a)."));
  if (self->database == NULL ||
      !g_regex_match_simple ("^[A-Za-z][A-Za-z0-9-]{0,62}$", self->database, 0, 0))
    return invalid (error, _("The database must be named by its RDS identifier, for example orders-db."));
  return TRUE;
}

/* The database and, when given, the user name and the password. No message repeats the
 * password. */
gboolean
cw_sql_user_validate (const CwSqlUser  *self,
                      const char       *password,
                      GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!validate_sql_database (self, error))
    return FALSE;
  if (self->user != NULL && *self->user == '\0')
    return invalid (error, _("Enter the user name."));
  if (self->user != NULL && (!g_utf8_validate (self->user, -1, NULL) || has_control_characters (self->user)))
    return invalid (error, _("The user name contains characters a SQL user name cannot have."));
  if (self->user != NULL && g_utf8_strlen (self->user, -1) > 80)
    return invalid (error, _("The user name is too long: a SQL user name has at most 80 characters."));
  if (password != NULL && *password == '\0')
    return invalid (error, _("Enter the password."));
  if (password != NULL && !g_utf8_validate (password, -1, NULL))
    return invalid (error, _("The password is not valid text (UTF-8)."));
  return TRUE;
}
