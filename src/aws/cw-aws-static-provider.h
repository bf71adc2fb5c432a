/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-static-provider.h: credentials that never change (long-lived keys, or keys of the
 * environment), as a provider, so that every source of credentials is used the same way.
 */
#pragma once

#include "cw-aws-credentials-provider.h"

G_BEGIN_DECLS

#define CW_TYPE_AWS_STATIC_PROVIDER (cw_aws_static_provider_get_type ())
G_DECLARE_FINAL_TYPE (CwAwsStaticProvider, cw_aws_static_provider, CW, AWS_STATIC_PROVIDER,
                      CwAwsCredentialsProvider)

CwAwsCredentialsProvider *cw_aws_static_provider_new (const CwAwsCredentials *credentials);

G_END_DECLS
