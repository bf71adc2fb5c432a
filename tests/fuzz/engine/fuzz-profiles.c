/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: the profile importers (DESIGN.md §5) over the same bytes, as an AWS
 * CLI credentials file, an AWS CLI config file and a TiDB Cloud CLI config file, and the
 * profile chain's resolver over them (every profile, with its sources, cycles included).
 * They read files a user may have edited by hand, so any bytes must give profiles or a
 * sentence naming the file and the line, never a crash. */
#include "config.h"

#include <stdint.h>
#include <glib/gstdio.h>

#include "cw-aws-profile.h"
#include "cw-profile-import.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *credentials_path;
static char *config_path;
static char *ticloud_path;

/* A critical from GLib is a bug in how the file was read. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = g_dir_make_tmp ("causeway-fuzz-profiles-XXXXXX", NULL);

  g_assert (dir != NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  credentials_path = g_build_filename (dir, "credentials", NULL);
  config_path = g_build_filename (dir, "config", NULL);
  ticloud_path = g_build_filename (dir, "config.toml", NULL);
  return 0;
}

static void
write_input (const char    *path,
             const uint8_t *data,
             size_t         size)
{
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    g_error ("cannot write %s", path);
}

/* Each profile resolves or fails with a sentence; "default" goes through the named path. */
static void
resolve_every_profile (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) profiles = cw_aws_profile_list_from_files (config_path, credentials_path, &problems, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsProfile) profile = cw_aws_profile_resolve_from_files ("default", config_path, credentials_path, &error);

  g_assert ((profile == NULL) != (error == NULL));
  if (profiles == NULL)
    return;
  for (guint i = 0; i < profiles->len; i++)
    g_assert (((CwAwsProfile *) g_ptr_array_index (profiles, i))->name != NULL);
  for (guint i = 0; i < problems->len; i++)
    g_assert (*(const char *) g_ptr_array_index (problems, i) != '\0');
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CwImportScan) scan = NULL;

  write_input (credentials_path, data, size);
  write_input (config_path, data, size);
  write_input (ticloud_path, data, size);
  scan = cw_import_scan (credentials_path, config_path, ticloud_path);
  for (guint i = 0; i < scan->candidates->len; i++)
    {
      CwImportCandidate *candidate = g_ptr_array_index (scan->candidates, i);

      g_assert (cw_credential_get_label (candidate->credential) != NULL);
    }
  resolve_every_profile ();
  return 0;
}
