/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-profile-import.h: profiles of the AWS CLI and the TiDB Cloud CLI that can be copied
 * into the keyring. Reading never writes those files.
 */
#pragma once

#include <gio/gio.h>

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

CwImportScan *cw_import_scan            (const char          *aws_credentials_path,
                                         const char          *aws_config_path,
                                         const char          *ticloud_config_path);
void          cw_import_scan_async      (GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
CwImportScan *cw_import_scan_finish     (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
