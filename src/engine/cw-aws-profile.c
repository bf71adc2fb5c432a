/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-profile.c: resolving a profile of the AWS CLI's files the way botocore does
 *
 * The files are read with the importer's reader (cw-config-file, cw_aws_cli_*); a
 * profile's settings are the config file's [profile NAME] (or [default]) overlaid by the
 * credentials file's [NAME]. What a profile is follows botocore's order: role_arn first,
 * then IAM Identity Center, then keys of the credentials file, then credential_process,
 * then keys of the config file. Building the providers is cw-aws-profile-provider.c's,
 * so that this file stays pure (the fuzz harness builds it alone).
 */
#define G_LOG_DOMAIN "cw-aws-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-profile.h"
#include "cw-engine-error.h"
#include "cw-profile-import.h"

#define MIN_DURATION_S 900
#define MAX_DURATION_S 43200

void
cw_aws_profile_free (CwAwsProfile *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->file);
  g_free (self->region);
  g_free (self->sso_session);
  g_free (self->sso_start_url);
  g_free (self->sso_region);
  g_strfreev (self->sso_scopes);
  g_free (self->sso_account_id);
  g_free (self->sso_role_name);
  g_free (self->role_arn);
  g_free (self->mfa_serial);
  g_free (self->external_id);
  g_free (self->role_session_name);
  g_clear_pointer (&self->source, cw_aws_profile_free);
  g_free (self->credential_process);
  g_free (self);
}

/* ---- the two files ---- */

typedef struct {
  CwConfigFile *config;        /* NULL when the file does not exist */
  CwConfigFile *credentials;
  char         *config_path;
  char         *credentials_path;
} Files;

static void
files_clear (Files *files)
{
  g_clear_pointer (&files->config, cw_config_file_free);
  g_clear_pointer (&files->credentials, cw_config_file_free);
  g_clear_pointer (&files->config_path, g_free);
  g_clear_pointer (&files->credentials_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Files, files_clear)

/* A missing file is an empty one, as for the AWS CLI; a malformed one is an error that
 * names the file and the line (cw_config_file_load's). */
static gboolean
load_optional (const char    *path,
               CwConfigFile **file,
               GError       **error)
{
  g_autoptr(GError) local = NULL;

  *file = NULL;
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  *file = cw_config_file_load (path, CW_CONFIG_SYNTAX_INI, &local);
  if (*file == NULL)
    {
      g_set_error_literal (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
files_load (Files       *files,
            const char  *config_path,
            const char  *credentials_path,
            GError     **error)
{
  files->config_path = g_strdup (config_path);
  files->credentials_path = g_strdup (credentials_path);
  return load_optional (config_path, &files->config, error) &&
         load_optional (credentials_path, &files->credentials, error);
}

/* A profile's setting: the credentials file's wins over the config file's. */
static const char *
setting (Files      *files,
         const char *profile,
         const char *key)
{
  const char *value = cw_aws_cli_credentials_get (files->credentials, profile, key);

  return value ? value : cw_aws_cli_config_get (files->config, profile, key);
}

static gboolean
in_credentials (Files      *files,
                const char *profile)
{
  return files->credentials != NULL && g_ptr_array_find_with_equal_func (
    (GPtrArray *) cw_config_file_get_sections (files->credentials), profile, g_str_equal, NULL);
}

static gboolean
profile_exists (Files      *files,
                const char *profile)
{
  return cw_aws_cli_config_has_profile (files->config, profile) || in_credentials (files, profile);
}

/* The file a profile is shown from: the config file when it is there. */
static const char *
file_of (Files      *files,
         const char *profile)
{
  return cw_aws_cli_config_has_profile (files->config, profile) ? files->config_path : files->credentials_path;
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, format, args));
  va_end (args);
  return FALSE;
}

/* ---- the kinds ---- */

static gboolean
has_keys_in_credentials_file (Files      *files,
                              const char *profile)
{
  return cw_aws_cli_credentials_get (files->credentials, profile, "aws_access_key_id") != NULL &&
         cw_aws_cli_credentials_get (files->credentials, profile, "aws_secret_access_key") != NULL;
}

static gboolean
has_static_keys (Files      *files,
                 const char *profile)
{
  return setting (files, profile, "aws_access_key_id") != NULL &&
         setting (files, profile, "aws_secret_access_key") != NULL;
}

static CwAwsProfile *
profile_new (Files            *files,
             const char       *name,
             CwAwsProfileKind  kind)
{
  CwAwsProfile *profile = g_new0 (CwAwsProfile, 1);

  profile->kind = kind;
  profile->name = g_strdup (name);
  profile->file = g_strdup (file_of (files, name));
  profile->region = g_strdup (setting (files, name, "region"));
  return profile;
}

static char **
split_scopes (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) scopes = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (scopes, parts[i]);
  return g_strv_builder_end (scopes);
}

/* sso_session names an [sso-session NAME] section of the config file, which holds the
 * start URL, its region and the scopes; the legacy form has the first two in the profile
 * and no scopes, and its session is known by its start URL. */
static gboolean
fill_sso (Files         *files,
          CwAwsProfile  *profile,
          GError       **error)
{
  const char *name = profile->name;
  const char *session = setting (files, name, "sso_session");

  if (session != NULL)
    {
      g_autofree char *section = g_strconcat ("sso-session ", session, NULL);

      if (files->config == NULL || cw_config_file_get (files->config, section, "sso_start_url") == NULL ||
          cw_config_file_get (files->config, section, "sso_region") == NULL)
        return invalid (error, _("The profile “%s” names the sso-session “%s”, which %s does not define with sso_start_url and sso_region"),
                        name, session, files->config_path);
      profile->sso_session = g_strdup (session);
      profile->sso_start_url = g_strdup (cw_config_file_get (files->config, section, "sso_start_url"));
      profile->sso_region = g_strdup (cw_config_file_get (files->config, section, "sso_region"));
      profile->sso_scopes = split_scopes (cw_config_file_get (files->config, section, "sso_registration_scopes"));
    }
  else
    {
      if (setting (files, name, "sso_region") == NULL)
        return invalid (error, _("The profile “%s” in %s has sso_start_url but no sso_region"), name, profile->file);
      profile->sso_session = g_strdup (setting (files, name, "sso_start_url"));
      profile->sso_start_url = g_strdup (profile->sso_session);
      profile->sso_region = g_strdup (setting (files, name, "sso_region"));
      profile->sso_scopes = g_new0 (char *, 1);
    }
  profile->sso_account_id = g_strdup (setting (files, name, "sso_account_id"));
  profile->sso_role_name = g_strdup (setting (files, name, "sso_role_name"));
  if (profile->sso_account_id == NULL || profile->sso_role_name == NULL)
    return invalid (error, _("The profile “%s” in %s signs in with IAM Identity Center but lacks sso_account_id or sso_role_name"),
                    name, profile->file);
  return TRUE;
}

static gboolean
parse_duration (Files         *files,
                CwAwsProfile  *profile,
                GError       **error)
{
  const char *text = setting (files, profile->name, "duration_seconds");
  guint64 duration;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, MIN_DURATION_S, MAX_DURATION_S, &duration, NULL))
    return invalid (error, _("The profile “%s” in %s asks for duration_seconds = %s; a role's session lasts from %d to %d seconds"),
                    profile->name, profile->file, text, MIN_DURATION_S, MAX_DURATION_S);
  profile->duration_seconds = (guint) duration;
  return TRUE;
}

/* Only the environment's keys can be a role's credential_source here: the others are an
 * EC2 instance's or an ECS task's, which Causeway does not run in. */
static gboolean
check_credential_source (CwAwsProfile  *profile,
                         const char    *credential_source,
                         GError       **error)
{
  if (g_str_equal (credential_source, "Environment"))
    return TRUE;
  if (g_str_equal (credential_source, "Ec2InstanceMetadata") || g_str_equal (credential_source, "EcsContainer"))
    return invalid (error, _("The profile “%s” in %s takes its credentials from %s, which Causeway does not support; use source_profile or credential_source = Environment"),
                    profile->name, profile->file, credential_source);
  return invalid (error, _("The profile “%s” in %s has an unknown credential_source “%s” (Environment, Ec2InstanceMetadata or EcsContainer)"),
                  profile->name, profile->file, credential_source);
}

/* ---- resolving, through the sources ---- */

static CwAwsProfile *resolve (Files       *files,
                              GPtrArray   *chain,
                              const char  *name,
                              gboolean     as_source,
                              GError     **error);

static gboolean
cycle_error (GPtrArray   *chain,
             const char  *name,
             const char  *file,
             GError     **error)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < chain->len; i++)
    g_string_append_printf (names, "%s → ", (const char *) g_ptr_array_index (chain, i));
  g_string_append (names, name);
  return invalid (error, _("The profiles of %s source each other in a cycle: %s"), file, names->str);
}

static CwAwsProfile *
static_profile (Files      *files,
                const char *name)
{
  return profile_new (files, name, CW_AWS_PROFILE_STATIC);
}

/* source_profile, resolved in turn; naming itself means the profile's own keys (the
 * AWS CLI's rule for a role assumed with a user's keys kept in the same profile). */
static gboolean
resolve_source_profile (Files         *files,
                        GPtrArray     *chain,
                        CwAwsProfile  *profile,
                        const char    *source_name,
                        GError       **error)
{
  if (g_str_equal (source_name, profile->name) && has_static_keys (files, source_name))
    {
      profile->source = static_profile (files, source_name);
      return TRUE;
    }
  if (g_ptr_array_find_with_equal_func (chain, source_name, g_str_equal, NULL))
    return cycle_error (chain, source_name, profile->file, error);
  if (!profile_exists (files, source_name))
    return invalid (error, _("The profile “%s” in %s takes its credentials from the profile “%s”, which is in neither %s nor %s"),
                    profile->name, profile->file, source_name, files->config_path, files->credentials_path);
  profile->source = resolve (files, chain, source_name, TRUE, error);
  return profile->source != NULL;
}

/* Exactly one of source_profile and credential_source, and a credential_source Causeway
 * can use. */
static gboolean
check_role_source (CwAwsProfile  *profile,
                   const char    *source_name,
                   const char    *credential_source,
                   GError       **error)
{
  if (source_name != NULL && credential_source != NULL)
    return invalid (error, _("The profile “%s” in %s has both source_profile and credential_source; keep one"),
                    profile->name, profile->file);
  if (source_name == NULL && credential_source == NULL)
    return invalid (error, _("The profile “%s” in %s has role_arn but neither source_profile nor credential_source"),
                    profile->name, profile->file);
  return credential_source == NULL || check_credential_source (profile, credential_source, error);
}

static CwAwsProfile *
resolve_role (Files       *files,
              GPtrArray   *chain,
              const char  *name,
              GError     **error)
{
  g_autoptr(CwAwsProfile) profile = profile_new (files, name, CW_AWS_PROFILE_ASSUME_ROLE);
  const char *source_name = setting (files, name, "source_profile");
  const char *credential_source = setting (files, name, "credential_source");

  profile->role_arn = g_strdup (setting (files, name, "role_arn"));
  profile->mfa_serial = g_strdup (setting (files, name, "mfa_serial"));
  profile->external_id = g_strdup (setting (files, name, "external_id"));
  profile->role_session_name = g_strdup (setting (files, name, "role_session_name"));
  if (!parse_duration (files, profile, error))
    return NULL;
  if (!check_role_source (profile, source_name, credential_source, error))
    return NULL;
  if (credential_source != NULL)
    return g_steal_pointer (&profile);
  return resolve_source_profile (files, chain, profile, source_name, error) ? g_steal_pointer (&profile) : NULL;
}

static CwAwsProfile *
resolve_sso (Files       *files,
             const char  *name,
             GError     **error)
{
  g_autoptr(CwAwsProfile) profile = profile_new (files, name, CW_AWS_PROFILE_SSO);

  return fill_sso (files, profile, error) ? g_steal_pointer (&profile) : NULL;
}

static gboolean
is_sso (Files      *files,
        const char *name)
{
  return setting (files, name, "sso_session") != NULL || setting (files, name, "sso_start_url") != NULL;
}

/* botocore's order. A role is assumed unless the profile is another's source and has
 * keys: then the keys are what it gives (botocore's _resolve_credentials_from_profile). */
static CwAwsProfile *
resolve_kind (Files       *files,
              GPtrArray   *chain,
              const char  *name,
              gboolean     as_source,
              GError     **error)
{
  const char *process = setting (files, name, "credential_process");

  if (setting (files, name, "role_arn") != NULL && !(as_source && has_static_keys (files, name)))
    return resolve_role (files, chain, name, error);
  if (is_sso (files, name))
    return resolve_sso (files, name, error);
  if (has_keys_in_credentials_file (files, name) || (process == NULL && has_static_keys (files, name)))
    return static_profile (files, name);
  if (process != NULL)
    {
      CwAwsProfile *profile = profile_new (files, name, CW_AWS_PROFILE_PROCESS);

      profile->credential_process = g_strdup (process);
      return profile;
    }
  invalid (error, _("The profile “%s” in %s has no credentials: no keys, role_arn, IAM Identity Center settings or credential_process"),
           name, file_of (files, name));
  return NULL;
}

static CwAwsProfile *
resolve (Files       *files,
         GPtrArray   *chain,
         const char  *name,
         gboolean     as_source,
         GError     **error)
{
  CwAwsProfile *profile;

  g_ptr_array_add (chain, (gpointer) name);
  profile = resolve_kind (files, chain, name, as_source, error);
  g_ptr_array_remove_index (chain, chain->len - 1);
  return profile;
}

static CwAwsProfile *
resolve_top (Files       *files,
             const char  *name,
             GError     **error)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  if (!profile_exists (files, name))
    {
      /* Not found, not invalid: the credential chain goes on past a missing default. */
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND, _("There is no profile “%s” in %s or %s"), name,
                   files->config_path, files->credentials_path);
      return NULL;
    }
  return resolve (files, chain, name, FALSE, error);
}

/* The name asked for, AWS_PROFILE's, or "default": the AWS CLI's precedence. */
static const char *
effective_name (const char *name)
{
  const char *from_environment = g_getenv ("AWS_PROFILE");

  if (name != NULL)
    return name;
  return (from_environment != NULL && *from_environment != '\0') ? from_environment : "default";
}

CwAwsProfile *
cw_aws_profile_resolve_from_files (const char  *name,
                                   const char  *config_path,
                                   const char  *credentials_path,
                                   GError     **error)
{
  g_auto(Files) files = { 0 };

  if (!files_load (&files, config_path, credentials_path, error))
    return NULL;
  return resolve_top (&files, effective_name (name), error);
}

/* A static profile's keys, read when they are needed rather than kept in CwAwsProfile,
 * which the import dialog and `whoami` show. The strings are the caller's to wipe. */
gboolean
cw_aws_profile_read_keys_from_files (const char  *name,
                                     const char  *config_path,
                                     const char  *credentials_path,
                                     char       **access_key_id,
                                     char       **secret_access_key,
                                     char       **session_token,
                                     GError     **error)
{
  g_auto(Files) files = { 0 };

  if (!files_load (&files, config_path, credentials_path, error))
    return FALSE;
  if (!has_static_keys (&files, name))
    return invalid (error, _("The profile “%s” has no aws_access_key_id and aws_secret_access_key in %s or %s"),
                    name, config_path, credentials_path);
  *access_key_id = g_strdup (setting (&files, name, "aws_access_key_id"));
  *secret_access_key = g_strdup (setting (&files, name, "aws_secret_access_key"));
  *session_token = g_strdup (setting (&files, name, "aws_session_token"));
  return TRUE;
}

/* ---- asynchronously, from the user's files ---- */

static void
resolve_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autofree char *config = cw_aws_config_path ();
  g_autofree char *credentials = cw_aws_credentials_path ();
  GError *error = NULL;
  CwAwsProfile *profile = cw_aws_profile_resolve_from_files (task_data, config, credentials, &error);

  if (profile == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, (GDestroyNotify) cw_aws_profile_free);
}

/* In a worker thread: home directories can sit on slow network mounts. */
void
cw_aws_profile_resolve_async (const char          *name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_aws_profile_resolve_async);
  /* The name is settled now: AWS_PROFILE is read on the caller's thread. */
  g_task_set_task_data (task, g_strdup (effective_name (name)), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, resolve_in_thread);
}

CwAwsProfile *
cw_aws_profile_resolve_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- every profile, for the import dialog ---- */

typedef struct {
  GPtrArray *profiles;  /* CwAwsProfile */
  GPtrArray *problems;  /* char * */
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->profiles, g_ptr_array_unref);
  g_clear_pointer (&listing->problems, g_ptr_array_unref);
  g_free (listing);
}

/* The profiles; *problems (may be NULL) the sentences; the listing is freed. */
static GPtrArray *
listing_take (Listing    *listing,
              GPtrArray **problems)
{
  GPtrArray *profiles = g_steal_pointer (&listing->profiles);

  if (problems != NULL)
    *problems = g_steal_pointer (&listing->problems);
  listing_free (listing);
  return profiles;
}

/* The names of both files, each once, in file order (config file first). */
static GPtrArray *
all_names (Files *files)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const GPtrArray *sections;

  if (files->config != NULL)
    {
      sections = cw_config_file_get_sections (files->config);
      for (guint i = 0; i < sections->len; i++)
        {
          const char *name = cw_aws_cli_profile_of_section (g_ptr_array_index (sections, i));

          if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, g_strdup (name));
        }
    }
  if (files->credentials != NULL)
    {
      sections = cw_config_file_get_sections (files->credentials);
      for (guint i = 0; i < sections->len; i++)
        {
          const char *name = g_ptr_array_index (sections, i);

          if (*name != '\0' && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, g_strdup (name));
        }
    }
  return names;
}

static Listing *
list_files (Files *files)
{
  Listing *listing = g_new0 (Listing, 1);
  g_autoptr(GPtrArray) names = all_names (files);

  listing->profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_aws_profile_free);
  listing->problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GError) error = NULL;
      CwAwsProfile *profile = resolve_top (files, g_ptr_array_index (names, i), &error);

      if (profile != NULL)
        g_ptr_array_add (listing->profiles, profile);
      else
        g_ptr_array_add (listing->problems, g_strdup (error->message));
    }
  return listing;
}

GPtrArray *
cw_aws_profile_list_from_files (const char  *config_path,
                                const char  *credentials_path,
                                GPtrArray  **problems,
                                GError     **error)
{
  g_auto(Files) files = { 0 };
  Listing *listing;

  if (!files_load (&files, config_path, credentials_path, error))
    return NULL;
  listing = list_files (&files);
  return listing_take (listing, problems);
}

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autofree char *config = cw_aws_config_path ();
  g_autofree char *credentials = cw_aws_credentials_path ();
  Listing *listing = g_new0 (Listing, 1);
  GError *error = NULL;

  listing->profiles = cw_aws_profile_list_from_files (config, credentials, &listing->problems, &error);
  if (listing->profiles == NULL)
    {
      listing_free (listing);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, listing, (GDestroyNotify) listing_free);
}

void
cw_aws_profile_list_async (GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_aws_profile_list_async);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_in_thread);
}

/* The profiles that resolve; *problems (may be NULL) one sentence for each that does not. */
GPtrArray *
cw_aws_profile_list_finish (GAsyncResult  *result,
                            GPtrArray    **problems,
                            GError       **error)
{
  Listing *listing;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  listing = g_task_propagate_pointer (G_TASK (result), error);
  if (listing == NULL)
    return NULL;
  return listing_take (listing, problems);
}
