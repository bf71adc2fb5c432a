/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-profile-import.h: profiles of the AWS CLI and the TiDB Cloud CLI that can be copied
 * into the keyring. Reading never writes those files.
 */
#pragma once

#include <gio/gio.h>

#include "cw-config-file.h"
#include "cw-credential.h"

G_BEGIN_DECLS

typedef struct {
  CwCredential       *credential;  /* label = the profile's name */
  CwCredentialSecret *secret;      /* NULL when the profile has no keys to import */
  char               *source;      /* the file it came from, for display */
  char               *note;        /* why it cannot be imported, or what was assumed; may be NULL */
} CwImportCandidate;

void cw_import_candidate_free (CwImportCandidate *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwImportCandidate, cw_import_candidate_free)

typedef struct {
  GPtrArray *candidates;  /* CwImportCandidate */
  GPtrArray *problems;    /* char*: one sentence per file that could not be read */
} CwImportScan;

void cw_import_scan_free (CwImportScan *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwImportScan, cw_import_scan_free)

char         *cw_aws_credentials_path   (void);
char         *cw_aws_config_path        (void);
char         *cw_ticloud_config_path    (void);

/* How the AWS CLI reads its two files, for the importer and the profile chain alike:
 * a profile is [profile NAME] or [default] in the config file, [NAME] in the credentials
 * file; an empty value is no value. */
const char   *cw_aws_cli_profile_of_section (const char   *section);
gboolean      cw_aws_cli_config_has_profile (CwConfigFile *config,
                                             const char   *profile);
const char   *cw_aws_cli_config_get         (CwConfigFile *config,
                                             const char   *profile,
                                             const char   *key);
const char   *cw_aws_cli_credentials_get    (CwConfigFile *credentials,
                                             const char   *profile,
                                             const char   *key);

CwImportScan *cw_import_scan            (const char          *aws_credentials_path,
                                         const char          *aws_config_path,
                                         const char          *ticloud_config_path);
void          cw_import_scan_async      (GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
CwImportScan *cw_import_scan_finish     (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
