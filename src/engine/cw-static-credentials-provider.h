/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-static-credentials-provider.h: credentials that never expire
 *
 * Long-lived keys as a provider, so that a role can take them as its source like any
 * other: given keys, the environment's (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN, read when fetched: credential_source = Environment), or a static
 * profile's, read from the AWS CLI's files off the main thread when fetched.
 */
#pragma once

#include "cw-aws-credentials-provider.h"

G_BEGIN_DECLS

#define CW_TYPE_STATIC_CREDENTIALS_PROVIDER (cw_static_credentials_provider_get_type ())
G_DECLARE_FINAL_TYPE (CwStaticCredentialsProvider, cw_static_credentials_provider, CW, STATIC_CREDENTIALS_PROVIDER,
                      CwAwsCredentialsProvider)

CwAwsCredentialsProvider *cw_static_credentials_provider_new                  (const CwAwsCredentials *credentials);
CwAwsCredentialsProvider *cw_static_credentials_provider_new_from_environment (void);
CwAwsCredentialsProvider *cw_static_credentials_provider_new_from_profile     (const char             *profile);

G_END_DECLS
