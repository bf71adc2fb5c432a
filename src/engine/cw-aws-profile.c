/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-profile.c: see cw-aws-profile.h
 *
 * The rules are the AWS CLI's: values of ~/.aws/credentials win over those of
 * ~/.aws/config for the same profile; a role_arn wins over keys in the same profile, which
 * then serve as the role's source only when source_profile names the profile itself.
 */
#define G_LOG_DOMAIN "cw-aws-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-assume-role-provider.h"
#include "cw-aws-profile.h"
#include "cw-aws-static-provider.h"
#include "cw-config-file.h"
#include "cw-engine-error.h"
#include "cw-process-provider.h"
#include "cw-profile-import.h"
#include "cw-sso-role-provider.h"

/* STS's bounds for a role session. */
#define MIN_DURATION_S 900
#define MAX_DURATION_S 43200

typedef struct {
  CwConfigFile *config;
  CwConfigFile *credentials;
  const char   *config_path;
  const char   *credentials_path;
} Files;

void
cw_aws_profile_free (CwAwsProfile *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->file);
  g_free (self->region);
  g_clear_pointer (&self->keys, cw_aws_credentials_free);
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

/* "[default]" and "[profile NAME]" in the config file; "[NAME]" in the credentials file. */
static char *
config_section (const char *name)
{
  return g_str_equal (name, "default") ? g_strdup (name) : g_strconcat ("profile ", name, NULL);
}

static gboolean
has_section (CwConfigFile *file,
             const char   *section)
{
  const GPtrArray *sections;

  if (file == NULL)
    return FALSE;
  sections = cw_config_file_get_sections (file);
  for (guint i = 0; i < sections->len; i++)
    if (g_str_equal (g_ptr_array_index (sections, i), section))
      return TRUE;
  return FALSE;
}

static const char *
non_empty (const char *value)
{
  return (value != NULL && *value != '\0') ? value : NULL;
}

static const char *
lookup (Files      *files,
        const char *name,
        const char *key)
{
  g_autofree char *section = config_section (name);
  const char *value = files->credentials ? non_empty (cw_config_file_get (files->credentials, name, key)) : NULL;

  if (value == NULL && files->config != NULL)
    value = non_empty (cw_config_file_get (files->config, section, key));
  return value;
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

static CwAwsProfile *resolve (Files *files, const char *name, GPtrArray *chain, GError **error);

static CwAwsCredentials *
keys_of (Files      *files,
         const char *name)
{
  const char *key_id = lookup (files, name, "aws_access_key_id");
  const char *secret = lookup (files, name, "aws_secret_access_key");

  if (key_id == NULL || secret == NULL)
    return NULL;
  return cw_aws_credentials_new (key_id, secret, lookup (files, name, "aws_session_token"));
}

/* The environment's keys, for credential_source = Environment. */
static CwAwsCredentials *
environment_keys (void)
{
  const char *key_id = non_empty (g_getenv ("AWS_ACCESS_KEY_ID"));
  const char *secret = non_empty (g_getenv ("AWS_SECRET_ACCESS_KEY"));

  if (key_id == NULL || secret == NULL)
    return NULL;
  return cw_aws_credentials_new (key_id, secret, non_empty (g_getenv ("AWS_SESSION_TOKEN")));
}

static gboolean
resolve_role_source (Files         *files,
                     CwAwsProfile  *profile,
                     GPtrArray     *chain,
                     GError       **error)
{
  const char *source_profile = lookup (files, profile->name, "source_profile");
  const char *credential_source = lookup (files, profile->name, "credential_source");

  if (source_profile != NULL && credential_source != NULL)
    return invalid (error, _("Profile %s (%s) names both source_profile and credential_source: keep one."),
                    profile->name, profile->file);
  if (credential_source != NULL)
    {
      g_autoptr(CwAwsCredentials) keys = NULL;

      if (g_ascii_strcasecmp (credential_source, "Environment") != 0)
        return invalid (error, _("Profile %s (%s): credential_source = %s is not supported here; use Environment "
                                 "or a source_profile."),
                        profile->name, profile->file, credential_source);
      if ((keys = environment_keys ()) == NULL)
        return invalid (error, _("Profile %s (%s) takes its source credentials from the environment, but "
                                 "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set."),
                        profile->name, profile->file);
      return TRUE;
    }
  if (source_profile == NULL)
    return invalid (error, _("Profile %s (%s) has a role_arn but neither source_profile nor credential_source."),
                    profile->name, profile->file);
  if (g_str_equal (source_profile, profile->name))
    {
      /* The AWS CLI's rule: a profile that is its own source uses its own keys. */
      g_autoptr(CwAwsCredentials) keys = keys_of (files, profile->name);

      if (keys == NULL)
        return invalid (error, _("Profile %s (%s) is its own source_profile but holds no keys."),
                        profile->name, profile->file);
      profile->source = g_new0 (CwAwsProfile, 1);
      profile->source->kind = CW_AWS_PROFILE_STATIC;
      profile->source->name = g_strdup (profile->name);
      profile->source->file = g_strdup (profile->file);
      profile->source->keys = g_steal_pointer (&keys);
      return TRUE;
    }
  profile->source = resolve (files, source_profile, chain, error);
  if (profile->source == NULL && error != NULL && g_error_matches (*error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND))
    {
      g_clear_error (error);
      return invalid (error, _("Profile %s (%s) takes its credentials from profile %s, which is not there."),
                      profile->name, profile->file, source_profile);
    }
  return profile->source != NULL;
}

static gboolean
resolve_role (Files         *files,
              CwAwsProfile  *profile,
              GPtrArray     *chain,
              GError       **error)
{
  const char *duration = lookup (files, profile->name, "duration_seconds");

  profile->kind = CW_AWS_PROFILE_ASSUME_ROLE;
  profile->role_arn = g_strdup (lookup (files, profile->name, "role_arn"));
  profile->mfa_serial = g_strdup (lookup (files, profile->name, "mfa_serial"));
  profile->external_id = g_strdup (lookup (files, profile->name, "external_id"));
  profile->role_session_name = g_strdup (lookup (files, profile->name, "role_session_name"));
  if (duration != NULL)
    {
      guint64 seconds = 0;

      if (!g_ascii_string_to_unsigned (duration, 10, MIN_DURATION_S, MAX_DURATION_S, &seconds, NULL))
        return invalid (error, _("Profile %s (%s): duration_seconds must be a number from %d to %d, not “%s”."),
                        profile->name, profile->file, MIN_DURATION_S, MAX_DURATION_S, duration);
      profile->duration_seconds = (guint) seconds;
    }
  return resolve_role_source (files, profile, chain, error);
}

static gboolean
resolve_sso (Files         *files,
             CwAwsProfile  *profile,
             GError       **error)
{
  const char *session = lookup (files, profile->name, "sso_session");
  const char *scopes;

  profile->kind = CW_AWS_PROFILE_SSO;
  if (session != NULL)
    {
      g_autofree char *section = g_strconcat ("sso-session ", session, NULL);

      if (!has_section (files->config, section))
        return invalid (error, _("Profile %s (%s) names sso_session %s, but there is no [sso-session %s] section."),
                        profile->name, profile->file, session, session);
      profile->sso_session = g_strdup (session);
      profile->sso_start_url = g_strdup (non_empty (cw_config_file_get (files->config, section, "sso_start_url")));
      profile->sso_region = g_strdup (non_empty (cw_config_file_get (files->config, section, "sso_region")));
      scopes = non_empty (cw_config_file_get (files->config, section, "sso_registration_scopes"));
      if (scopes != NULL)
        {
          profile->sso_scopes = g_strsplit (scopes, ",", -1);
          for (guint i = 0; profile->sso_scopes[i] != NULL; i++)
            g_strstrip (profile->sso_scopes[i]);
        }
    }
  else
    {
      /* The legacy form: the sign-in is named by its start URL, as the AWS CLI's cache does. */
      profile->sso_start_url = g_strdup (lookup (files, profile->name, "sso_start_url"));
      profile->sso_region = g_strdup (lookup (files, profile->name, "sso_region"));
      profile->sso_session = g_strdup (profile->sso_start_url);
    }
  profile->sso_account_id = g_strdup (lookup (files, profile->name, "sso_account_id"));
  profile->sso_role_name = g_strdup (lookup (files, profile->name, "sso_role_name"));
  if (profile->sso_start_url == NULL || profile->sso_region == NULL)
    return invalid (error, _("Profile %s (%s) signs in with IAM Identity Center but names no sso_start_url and "
                             "sso_region."),
                    profile->name, profile->file);
  if (profile->sso_account_id == NULL || profile->sso_role_name == NULL)
    return invalid (error, _("Profile %s (%s) signs in with IAM Identity Center but names no sso_account_id and "
                             "sso_role_name."),
                    profile->name, profile->file);
  return TRUE;
}

static char *
chain_text (GPtrArray  *chain,
            const char *name)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < chain->len; i++)
    g_string_append_printf (text, "%s → ", (const char *) g_ptr_array_index (chain, i));
  g_string_append (text, name);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static CwAwsProfile *
resolve (Files       *files,
         const char  *name,
         GPtrArray   *chain,
         GError     **error)
{
  g_autofree char *section = config_section (name);
  g_autoptr(CwAwsProfile) profile = NULL;
  gboolean in_config = has_section (files->config, section);
  gboolean resolved;

  if (!in_config && !has_section (files->credentials, name))
    {
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                   _("Profile %s is neither in %s nor in %s."), name, files->config_path, files->credentials_path);
      return NULL;
    }
  if (g_ptr_array_find_with_equal_func (chain, name, g_str_equal, NULL))
    {
      g_autofree char *text = chain_text (chain, name);

      invalid (error, _("The profiles' sources make a loop: %s (%s)."), text, files->config_path);
      return NULL;
    }
  profile = g_new0 (CwAwsProfile, 1);
  profile->name = g_strdup (name);
  profile->file = g_strdup (in_config ? files->config_path : files->credentials_path);
  profile->region = g_strdup (lookup (files, name, "region"));
  g_ptr_array_add (chain, (gpointer) name);
  if (lookup (files, name, "role_arn") != NULL)
    resolved = resolve_role (files, profile, chain, error);
  else if (lookup (files, name, "sso_session") != NULL || lookup (files, name, "sso_start_url") != NULL)
    resolved = resolve_sso (files, profile, error);
  else if (lookup (files, name, "credential_process") != NULL)
    {
      profile->kind = CW_AWS_PROFILE_PROCESS;
      profile->credential_process = g_strdup (lookup (files, name, "credential_process"));
      resolved = TRUE;
    }
  else if ((profile->keys = keys_of (files, name)) != NULL)
    {
      profile->kind = CW_AWS_PROFILE_STATIC;
      resolved = TRUE;
    }
  else
    resolved = invalid (error, _("Profile %s (%s) holds no credentials: no keys, sso_session, role_arn or "
                                 "credential_process."),
                        name, profile->file);
  g_ptr_array_remove_index (chain, chain->len - 1);
  return resolved ? g_steal_pointer (&profile) : NULL;
}

/* A missing file is no profile; an unreadable or malformed one is an error naming it. */
static gboolean
load_files (Files       *files,
            const char  *config_path,
            const char  *credentials_path,
            GError     **error)
{
  files->config_path = config_path;
  files->credentials_path = credentials_path;
  if (g_file_test (config_path, G_FILE_TEST_EXISTS) &&
      (files->config = cw_config_file_load (config_path, CW_CONFIG_SYNTAX_INI, error)) == NULL)
    return FALSE;
  if (g_file_test (credentials_path, G_FILE_TEST_EXISTS) &&
      (files->credentials = cw_config_file_load (credentials_path, CW_CONFIG_SYNTAX_INI, error)) == NULL)
    return FALSE;
  return TRUE;
}

static void
clear_files (Files *files)
{
  g_clear_pointer (&files->config, cw_config_file_free);
  g_clear_pointer (&files->credentials, cw_config_file_free);
}

CwAwsProfile *
cw_aws_profile_resolve_from_files (const char  *name,
                                   const char  *config_path,
                                   const char  *credentials_path,
                                   GError     **error)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  Files files = { 0 };
  CwAwsProfile *profile = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  if (load_files (&files, config_path, credentials_path, error))
    profile = resolve (&files, name, chain, error);
  clear_files (&files);
  return profile;
}

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

void
cw_aws_profile_resolve_async (const char          *name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const char *from_environment = non_empty (g_getenv ("AWS_PROFILE"));

  g_task_set_source_tag (task, cw_aws_profile_resolve_async);
  g_task_set_task_data (task, g_strdup (name ? name : from_environment ? from_environment : "default"), g_free);
  g_task_run_in_thread (task, resolve_in_thread);
}

CwAwsProfile *
cw_aws_profile_resolve_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The profile names of both files, each once, in the order they appear. */
static GPtrArray *
profile_names (Files *files)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const GPtrArray *sections;

  if (files->config != NULL)
    {
      sections = cw_config_file_get_sections (files->config);
      for (guint i = 0; i < sections->len; i++)
        {
          const char *section = g_ptr_array_index (sections, i);

          if (g_str_equal (section, "default"))
            g_ptr_array_add (names, g_strdup (section));
          else if (g_str_has_prefix (section, "profile "))
            g_ptr_array_add (names, g_strstrip (g_strdup (section + strlen ("profile "))));
        }
    }
  if (files->credentials != NULL)
    {
      sections = cw_config_file_get_sections (files->credentials);
      for (guint i = 0; i < sections->len; i++)
        if (!g_ptr_array_find_with_equal_func (names, g_ptr_array_index (sections, i), g_str_equal, NULL))
          g_ptr_array_add (names, g_strdup (g_ptr_array_index (sections, i)));
    }
  return names;
}

typedef struct {
  GPtrArray *profiles;
  GPtrArray *problems;
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->profiles, g_ptr_array_unref);
  g_clear_pointer (&listing->problems, g_ptr_array_unref);
  g_free (listing);
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
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GError *error = NULL;
  Files files = { 0 };

  listing->profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_aws_profile_free);
  listing->problems = g_ptr_array_new_with_free_func (g_free);
  if (!load_files (&files, config, credentials, &error))
    {
      g_ptr_array_add (listing->problems, g_strdup (error->message));
      g_clear_error (&error);
    }
  names = profile_names (&files);
  for (guint i = 0; i < names->len; i++)
    {
      CwAwsProfile *profile = resolve (&files, g_ptr_array_index (names, i), chain, &error);

      if (profile != NULL)
        g_ptr_array_add (listing->profiles, profile);
      else
        g_ptr_array_add (listing->problems, g_strdup (error->message));
      g_clear_error (&error);
    }
  clear_files (&files);
  g_task_return_pointer (task, listing, (GDestroyNotify) listing_free);
}

void
cw_aws_profile_list_async (GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_aws_profile_list_async);
  g_task_run_in_thread (task, list_in_thread);
}

/* The profiles that resolve (CwAwsProfile); @problems: a sentence for each that does not. */
GPtrArray *
cw_aws_profile_list_finish (GAsyncResult  *result,
                            GPtrArray    **problems,
                            GError       **error)
{
  Listing *listing = g_task_propagate_pointer (G_TASK (result), error);
  GPtrArray *profiles;

  if (listing == NULL)
    return NULL;
  profiles = g_steal_pointer (&listing->profiles);
  if (problems != NULL)
    *problems = g_steal_pointer (&listing->problems);
  listing_free (listing);
  return profiles;
}

CwAwsCredentialsProvider *
cw_aws_profile_new_provider (const CwAwsProfile *self,
                             CwMfaPrompter      *prompter)
{
  g_autoptr(CwAwsCredentialsProvider) source = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  switch (self->kind)
    {
    case CW_AWS_PROFILE_STATIC:
      return cw_aws_static_provider_new (self->keys);
    case CW_AWS_PROFILE_SSO:
      return cw_sso_role_provider_new (self->sso_session, self->sso_start_url, self->sso_region,
                                       self->sso_account_id, self->sso_role_name);
    case CW_AWS_PROFILE_PROCESS:
      return cw_process_provider_new (self->name, self->credential_process);
    case CW_AWS_PROFILE_ASSUME_ROLE:
      if (self->source != NULL)
        source = cw_aws_profile_new_provider (self->source, prompter);
      else
        {
          g_autoptr(CwAwsCredentials) keys = environment_keys ();

          /* Resolving checked them; an environment emptied since gives empty keys, which
           * STS refuses with its own error. */
          if (keys == NULL)
            keys = cw_aws_credentials_new ("", "", NULL);
          source = cw_aws_static_provider_new (keys);
        }
      return cw_assume_role_provider_new (source, self, prompter);
    default:
      g_return_val_if_reached (NULL);
    }
}
