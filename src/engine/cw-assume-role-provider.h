/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-assume-role-provider.h: a role's credentials, assumed with STS from a source's
 *
 * Each fetch takes the source provider's credentials (keys, another role, IAM Identity
 * Center, a process), asks the MFA prompter for a code when the role has mfa_serial (a
 * code per AssumeRole, as STS wants), and calls AssumeRole in the profile's region, or
 * us-east-1. The base class keeps the answer until it nears its expiration, so a code is
 * asked only when the role's session has ended.
 */
#pragma once

#include "cw-aws-credentials-provider.h"
#include "cw-aws-profile.h"
#include "cw-mfa-prompter.h"

G_BEGIN_DECLS

#define CW_TYPE_ASSUME_ROLE_PROVIDER (cw_assume_role_provider_get_type ())
G_DECLARE_FINAL_TYPE (CwAssumeRoleProvider, cw_assume_role_provider, CW, ASSUME_ROLE_PROVIDER,
                      CwAwsCredentialsProvider)

/* @profile is a CW_AWS_PROFILE_ASSUME_ROLE one; @prompter may be NULL. */
CwAwsCredentialsProvider *cw_assume_role_provider_new                (const CwAwsProfile       *profile,
                                                                     CwAwsCredentialsProvider *source,
                                                                     CwMfaPrompter            *prompter);
const char               *cw_assume_role_provider_get_assumed_arn   (CwAssumeRoleProvider     *self);

G_END_DECLS
