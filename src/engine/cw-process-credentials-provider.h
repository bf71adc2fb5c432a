/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-process-credentials-provider.h: a profile's credential_process
 *
 * Runs the command with `sh -c`, as the AWS CLI does, and reads the JSON it prints:
 * Version 1, AccessKeyId, SecretAccessKey, SessionToken and Expiration (ISO 8601; without
 * it the credentials never expire). A run lasts at most a minute and can be cancelled.
 * A failed run is reported with the first line of what the command wrote to stderr,
 * never its stdout, which may hold secrets.
 */
#pragma once

#include "cw-aws-credentials-provider.h"

G_BEGIN_DECLS

/* How long a credential_process may take. */
#define CW_PROCESS_CREDENTIALS_TIMEOUT_S 60

#define CW_TYPE_PROCESS_CREDENTIALS_PROVIDER (cw_process_credentials_provider_get_type ())
G_DECLARE_FINAL_TYPE (CwProcessCredentialsProvider, cw_process_credentials_provider, CW, PROCESS_CREDENTIALS_PROVIDER,
                      CwAwsCredentialsProvider)

CwAwsCredentialsProvider *cw_process_credentials_provider_new         (const char                   *profile,
                                                                       const char                   *command);
void                      cw_process_credentials_provider_set_timeout (CwProcessCredentialsProvider *self,
                                                                       guint                         seconds);

G_END_DECLS
