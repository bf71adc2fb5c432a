/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-profile.h: the AWS SDKs' credential chain over the AWS CLI's profiles
 *
 * A profile of ~/.aws/config and ~/.aws/credentials (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE) holds static keys; or signs in with IAM Identity Center
 * (sso_session naming an [sso-session] section, or the legacy sso_start_url/sso_region in
 * the profile); or assumes a role (role_arn with source_profile or credential_source =
 * Environment, mfa_serial, external_id, role_session_name, duration_seconds), chained
 * through other profiles; or runs a credential_process. Resolving reads the files off the
 * main thread and never writes them; a cycle, a missing source profile or section, or an
 * unknown credential_source is a CW_ENGINE_ERROR_INVALID_INPUT naming the profile and
 * the file.
 */
#pragma once

#include <gio/gio.h>

#include "cw-aws-credentials-provider.h"
#include "cw-mfa-prompter.h"

G_BEGIN_DECLS

typedef enum {
  CW_AWS_PROFILE_STATIC,       /* keys in the profile (or the environment's) */
  CW_AWS_PROFILE_SSO,          /* IAM Identity Center */
  CW_AWS_PROFILE_ASSUME_ROLE,  /* role_arn, from a source profile or the environment */
  CW_AWS_PROFILE_PROCESS,      /* credential_process */
} CwAwsProfileKind;

/* A profile as resolved: what the GUI's import and `whoami` show, and what a provider is
 * built from. */
typedef struct _CwAwsProfile CwAwsProfile;
struct _CwAwsProfile {
  CwAwsProfileKind  kind;
  char             *name;
  char             *file;            /* the file the profile was found in */
  char             *region;          /* NULL when the profile names none */

  /* CW_AWS_PROFILE_SSO */
  char             *sso_session;     /* the session key: [sso-session] name, or the start URL */
  char             *sso_start_url;
  char             *sso_region;
  char            **sso_scopes;
  char             *sso_account_id;
  char             *sso_role_name;

  /* CW_AWS_PROFILE_ASSUME_ROLE */
  char             *role_arn;
  char             *mfa_serial;
  char             *external_id;
  char             *role_session_name;
  guint             duration_seconds; /* 0: STS's default */
  CwAwsProfile     *source;           /* NULL when credential_source = Environment */

  /* CW_AWS_PROFILE_PROCESS */
  char             *credential_process;
};

void          cw_aws_profile_free (CwAwsProfile *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwAwsProfile, cw_aws_profile_free)

/* The profile @name (NULL: AWS_PROFILE, else "default"), resolved through its sources. */
void          cw_aws_profile_resolve_async  (const char          *name,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CwAwsProfile *cw_aws_profile_resolve_finish (GAsyncResult        *result,
                                             GError             **error);

/* The same from given files, synchronously: for the tests and the fuzz harness. */
CwAwsProfile *cw_aws_profile_resolve_from_files (const char  *name,
                                                 const char  *config_path,
                                                 const char  *credentials_path,
                                                 GError     **error);

/* A static profile's keys (which CwAwsProfile never holds), for its provider. */
gboolean      cw_aws_profile_read_keys_from_files (const char  *name,
                                                   const char  *config_path,
                                                   const char  *credentials_path,
                                                   char       **access_key_id,
                                                   char       **secret_access_key,
                                                   char       **session_token,
                                                   GError     **error);

/* Every profile of the files that resolves, and a sentence for each that does not
 * (the import dialog offers the first and explains the second). */
void          cw_aws_profile_list_async     (GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *cw_aws_profile_list_finish    (GAsyncResult        *result,
                                             GPtrArray          **problems,
                                             GError             **error);
/* The same from given files, synchronously. */
GPtrArray    *cw_aws_profile_list_from_files (const char        *config_path,
                                              const char        *credentials_path,
                                              GPtrArray        **problems,
                                              GError           **error);

/* The provider that gives the profile's credentials, renewed before they expire; MFA
 * codes are asked of @prompter (may be NULL: a role with mfa_serial then fails with an
 * error saying a terminal or the application is needed). */
CwAwsCredentialsProvider *cw_aws_profile_new_provider (const CwAwsProfile *self,
                                                       CwMfaPrompter      *prompter);

G_END_DECLS
