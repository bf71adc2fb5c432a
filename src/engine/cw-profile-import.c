/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-profile-import.c: see cw-profile-import.h */
#define G_LOG_DOMAIN "cw-profile-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cw-config-file.h"
#include "cw-profile-import.h"

#define DEFAULT_IMPORT_REGION "us-east-1"

void
cw_import_candidate_free (CwImportCandidate *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->credential);
  g_clear_pointer (&self->secret, cw_credential_secret_free);
  g_free (self->source);
  g_free (self->note);
  g_free (self);
}

void
cw_import_scan_free (CwImportScan *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self);
}

static char *
path_from_env (const char *variable,
               const char *dir,
               const char *file)
{
  const char *value = g_getenv (variable);

  if (value != NULL && *value != '\0')
    {
      if (g_str_has_prefix (value, "~/"))
        return g_build_filename (g_get_home_dir (), value + 2, NULL);
      return g_strdup (value);
    }
  return g_build_filename (g_get_home_dir (), dir, file, NULL);
}

char *
cw_aws_credentials_path (void)
{
  return path_from_env ("AWS_SHARED_CREDENTIALS_FILE", ".aws", "credentials");
}

char *
cw_aws_config_path (void)
{
  return path_from_env ("AWS_CONFIG_FILE", ".aws", "config");
}

char *
cw_ticloud_config_path (void)
{
  return g_build_filename (g_get_home_dir (), ".ticloud", "config.toml", NULL);
}

/* A missing file is not a problem (the user simply has none); an unreadable or malformed
 * one is, and nothing is taken from it. */
static CwConfigFile *
load_optional (const char     *path,
               CwConfigSyntax  syntax,
               CwImportScan   *scan)
{
  g_autoptr(GError) error = NULL;
  CwConfigFile *file;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  file = cw_config_file_load (path, syntax, &error);
  if (file == NULL)
    g_ptr_array_add (scan->problems, g_strdup_printf (_("Nothing was imported from %s"), error->message));
  return file;
}

/* "[profile x]" in ~/.aws/config, "[x]" in ~/.aws/credentials; "[default]" in both. */
const char *
cw_aws_cli_profile_of_section (const char *section)
{
  const char *name;

  if (g_str_equal (section, "default"))
    return section;
  if (!g_str_has_prefix (section, "profile "))
    return NULL;
  for (name = section + strlen ("profile "); g_ascii_isspace (*name); name++)
    ;
  return *name != '\0' ? name : NULL;
}

static const char *
config_section_of (CwConfigFile *config,
                   const char   *profile)
{
  const GPtrArray *sections;

  if (config == NULL)
    return NULL;
  sections = cw_config_file_get_sections (config);
  for (guint i = 0; i < sections->len; i++)
    {
      const char *section = g_ptr_array_index (sections, i);
      const char *name = cw_aws_cli_profile_of_section (section);

      if (name != NULL && g_str_equal (name, profile))
        return section;
    }
  return NULL;
}

static const char *
non_empty (const char *value)
{
  return (value != NULL && *value != '\0') ? value : NULL;
}

gboolean
cw_aws_cli_config_has_profile (CwConfigFile *config,
                               const char   *profile)
{
  return config_section_of (config, profile) != NULL;
}

/* A setting of a profile of the credentials file ([NAME]); NULL when absent or empty. */
const char *
cw_aws_cli_credentials_get (CwConfigFile *credentials,
                            const char   *profile,
                            const char   *key)
{
  return credentials ? non_empty (cw_config_file_get (credentials, profile, key)) : NULL;
}

/* A setting of a profile of the config file ([profile NAME] or [default]). */
const char *
cw_aws_cli_config_get (CwConfigFile *config,
                       const char   *profile,
                       const char   *key)
{
  const char *section = config_section_of (config, profile);

  return section ? non_empty (cw_config_file_get (config, section, key)) : NULL;
}

static void
add_aws_candidate (CwImportScan *scan,
                   CwConfigFile *credentials,
                   CwConfigFile *config,
                   const char   *profile,
                   const char   *source)
{
  CwImportCandidate *candidate = g_new0 (CwImportCandidate, 1);
  /* Keys come from the credentials file first, the region from the config file first,
   * as the AWS CLI reads them. */
#define CREDENTIALS_FIRST(key) (cw_aws_cli_credentials_get (credentials, profile, key) ?: \
                                cw_aws_cli_config_get (config, profile, key))
  const char *key_id = CREDENTIALS_FIRST ("aws_access_key_id");
  const char *secret = CREDENTIALS_FIRST ("aws_secret_access_key");
  const char *token = CREDENTIALS_FIRST ("aws_session_token");
  const char *region = cw_aws_cli_config_get (config, profile, "region") ?:
                       cw_aws_cli_credentials_get (credentials, profile, "region");
#undef CREDENTIALS_FIRST

  if (key_id != NULL && secret != NULL)
    {
      candidate->secret = cw_credential_secret_new (secret, token);
      if (region == NULL)
        candidate->note = g_strdup_printf (_("No region is set; %s will be used. You can edit it after importing."),
                                           DEFAULT_IMPORT_REGION);
    }
  else
    candidate->note = g_strdup (_("This profile has no access keys (SSO and role profiles cannot be imported)."));
  candidate->credential = cw_credential_new (CW_CREDENTIAL_AWS, profile, key_id,
                                             region ? region : DEFAULT_IMPORT_REGION, token != NULL);
  candidate->source = g_strdup (source);
  g_ptr_array_add (scan->candidates, candidate);
}

static gboolean
has_candidate (CwImportScan     *scan,
               CwCredentialKind  kind,
               const char       *label)
{
  for (guint i = 0; i < scan->candidates->len; i++)
    {
      CwImportCandidate *candidate = g_ptr_array_index (scan->candidates, i);

      if (cw_credential_get_kind (candidate->credential) == kind &&
          g_str_equal (cw_credential_get_label (candidate->credential), label))
        return TRUE;
    }
  return FALSE;
}

static void
scan_aws (CwImportScan *scan,
          const char   *credentials_path,
          const char   *config_path)
{
  g_autoptr(CwConfigFile) credentials = load_optional (credentials_path, CW_CONFIG_SYNTAX_INI, scan);
  g_autoptr(CwConfigFile) config = load_optional (config_path, CW_CONFIG_SYNTAX_INI, scan);

  if (credentials != NULL)
    {
      const GPtrArray *sections = cw_config_file_get_sections (credentials);

      for (guint i = 0; i < sections->len; i++)
        add_aws_candidate (scan, credentials, config, g_ptr_array_index (sections, i), credentials_path);
    }
  if (config != NULL)
    {
      const GPtrArray *sections = cw_config_file_get_sections (config);

      for (guint i = 0; i < sections->len; i++)
        {
          const char *profile = cw_aws_cli_profile_of_section (g_ptr_array_index (sections, i));

          if (profile != NULL && !has_candidate (scan, CW_CREDENTIAL_AWS, profile))
            add_aws_candidate (scan, credentials, config, profile, config_path);
        }
    }
}

static void
scan_ticloud (CwImportScan *scan,
              const char   *path)
{
  g_autoptr(CwConfigFile) config = load_optional (path, CW_CONFIG_SYNTAX_TOML, scan);
  const GPtrArray *sections;

  if (config == NULL)
    return;
  sections = cw_config_file_get_sections (config);
  for (guint i = 0; i < sections->len; i++)
    {
      const char *profile = g_ptr_array_index (sections, i);
      const char *public_key = cw_config_file_get (config, profile, "public-key");
      const char *private_key = cw_config_file_get (config, profile, "private-key");
      CwImportCandidate *candidate;

      if (*profile == '\0')
        continue;  /* top-level settings such as current-profile */
      candidate = g_new0 (CwImportCandidate, 1);
      candidate->credential = cw_credential_new (CW_CREDENTIAL_TIDBCLOUD, profile, public_key, NULL, FALSE);
      candidate->source = g_strdup (path);
      if (public_key != NULL && *public_key != '\0' && private_key != NULL && *private_key != '\0')
        candidate->secret = cw_credential_secret_new (private_key, NULL);
      else
        candidate->note = g_strdup (_("This profile has no API key in the file (the TiDB Cloud CLI may keep it in its own keyring)."));
      g_ptr_array_add (scan->candidates, candidate);
    }
}

CwImportScan *
cw_import_scan (const char *aws_credentials_path,
                const char *aws_config_path,
                const char *ticloud_config_path)
{
  CwImportScan *scan = g_new0 (CwImportScan, 1);

  scan->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_import_candidate_free);
  scan->problems = g_ptr_array_new_with_free_func (g_free);
  scan_aws (scan, aws_credentials_path, aws_config_path);
  scan_ticloud (scan, ticloud_config_path);
  return scan;
}

static void
scan_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autofree char *credentials = cw_aws_credentials_path ();
  g_autofree char *config = cw_aws_config_path ();
  g_autofree char *ticloud = cw_ticloud_config_path ();

  g_task_return_pointer (task, cw_import_scan (credentials, config, ticloud),
                         (GDestroyNotify) cw_import_scan_free);
}

/* Reads the files in a worker thread: home directories can sit on slow network mounts. */
void
cw_import_scan_async (GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_import_scan_async);
  g_task_run_in_thread (task, scan_in_thread);
}

CwImportScan *
cw_import_scan_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
