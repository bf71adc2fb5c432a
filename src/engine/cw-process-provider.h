/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-process-provider.h: a profile's credential_process
 *
 * The AWS CLI's contract: the command runs through the shell, prints JSON with Version 1,
 * AccessKeyId, SecretAccessKey, and optionally SessionToken and Expiration (ISO 8601), and
 * exits 0. It runs again when the credentials near their Expiration. Its output holds
 * secrets: an error never quotes it, only its standard error's first line.
 */
#pragma once

#include "cw-aws-credentials-provider.h"

G_BEGIN_DECLS

/* How long the command may take before it is stopped. */
#define CW_PROCESS_PROVIDER_TIMEOUT_S 60

#define CW_TYPE_PROCESS_PROVIDER (cw_process_provider_get_type ())
G_DECLARE_FINAL_TYPE (CwProcessProvider, cw_process_provider, CW, PROCESS_PROVIDER, CwAwsCredentialsProvider)

CwAwsCredentialsProvider *cw_process_provider_new (const char *profile,
                                                   const char *command);

G_END_DECLS
