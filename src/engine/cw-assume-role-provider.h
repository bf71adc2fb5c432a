/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-assume-role-provider.h: a role profile's credentials, from STS AssumeRole
 *
 * The source credentials come from another provider (a profile's keys, IAM Identity
 * Center, another role: chains are providers of providers). A role with mfa_serial asks
 * its CwMfaPrompter for the code at the moment of assuming; each AssumeRole with MFA
 * needs a fresh code, so renewing the role asks again.
 */
#pragma once

#include "cw-aws-credentials-provider.h"
#include "cw-aws-profile.h"
#include "cw-mfa-prompter.h"

G_BEGIN_DECLS

#define CW_TYPE_ASSUME_ROLE_PROVIDER (cw_assume_role_provider_get_type ())
G_DECLARE_FINAL_TYPE (CwAssumeRoleProvider, cw_assume_role_provider, CW, ASSUME_ROLE_PROVIDER,
                      CwAwsCredentialsProvider)

CwAwsCredentialsProvider *cw_assume_role_provider_new (CwAwsCredentialsProvider *source,
                                                       const CwAwsProfile       *profile,
                                                       CwMfaPrompter            *prompter);

G_END_DECLS
