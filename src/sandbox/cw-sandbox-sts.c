/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-sts.c: the simulated STS: who is calling, and AssumeRole with the checks
 * of a role's trust policy (the account it trusts, an external id, MFA) and of STS
 * itself (session names, durations, role chaining's one hour). */
#define G_LOG_DOMAIN "cw-sandbox-sts"

#include "config.h"

#include <string.h>

#include "cw-sandbox-aws.h"

#define MIN_DURATION_S      900
#define MAX_DURATION_S      43200
#define DEFAULT_DURATION_S  3600
#define CHAINED_MAX_S       3600

static gboolean
get_caller_identity (CwSbAwsCall  *call,
                     GError      **error)
{
  cw_sb_xml_text (call->xml, "UserId", call->caller->user_id);
  cw_sb_xml_text (call->xml, "Account", call->caller->account_id);
  cw_sb_xml_text (call->xml, "Arn", call->caller->arn);
  return TRUE;
}

/* ---- AssumeRole ---- */

static gboolean
chars_allowed (const char *text,
               const char *extra)
{
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_' && strchr (extra, *c) == NULL)
      return FALSE;
  return TRUE;
}

/* STS words a constraint on an input the way its model states it. */
static gboolean
check_text (const char  *value,
            const char  *member,
            guint        min,
            guint        max,
            const char  *extra,
            const char  *pattern,
            GError     **error)
{
  gsize length = strlen (value);

  if (length < min || length > max)
    return cw_sb_aws_fail (error, 400, "ValidationError",
                           "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                           "Member must have length between %u and %u", value, member, min, max);
  if (!chars_allowed (value, extra))
    return cw_sb_aws_fail (error, 400, "ValidationError",
                           "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                           "Member must satisfy regular expression pattern: %s", value, member, pattern);
  return TRUE;
}

/* What AWS says whenever a trust policy does not let the caller in: it never says which
 * condition failed, nor whether the role exists. */
static gboolean
not_trusted (CwSbAwsCall  *call,
             const char   *role_arn,
             GError      **error)
{
  return cw_sb_aws_fail (error, 403, "AccessDenied", "User: %s is not authorized to perform: sts:AssumeRole on resource: %s",
                         call->caller->arn, role_arn);
}

/* A code is checked whenever one is given, and required when the role asks for MFA. */
static gboolean
check_mfa (CwSbAwsCall     *call,
           const CwSbRole  *role,
           GError         **error)
{
  const char *serial = cw_sb_aws_param (call, "SerialNumber");
  const char *code = cw_sb_aws_param (call, "TokenCode");

  if (serial == NULL || code == NULL)
    return role->mfa ? not_trusted (call, role->arn, error) : TRUE;
  if (!check_text (serial, "serialNumber", 9, 256, "+=/:,.@-", "[\\w+=/:,.@-]*", error) ||
      !check_text (code, "tokenCode", 6, 6, "", "[\\d]*", error))
    return FALSE;
  if (!g_str_equal (serial, CW_SB_MFA_SERIAL))
    return cw_sb_aws_fail (error, 403, "AccessDenied",
                           "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA "
                           "serial number is valid and associated with this user.");
  if (!g_str_equal (code, cw_sb_identity_get_mfa_code (call->identity)))
    return cw_sb_aws_fail (error, 403, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ");
  return TRUE;
}

static gboolean
check_trust (CwSbAwsCall     *call,
             const char      *role_arn,
             const CwSbRole  *role,
             GError         **error)
{
  const char *external_id = cw_sb_aws_param (call, "ExternalId");

  if (external_id != NULL && !check_text (external_id, "externalId", 2, 1224, "+=,.@:/-", "[\\w+=,.@:\\/-]*", error))
    return FALSE;
  if (role == NULL || !g_str_equal (call->caller->account_id, CW_SB_ACCOUNT_ID) ||
      g_strcmp0 (role->external_id, external_id) != 0)
    return not_trusted (call, role_arn, error);
  return check_mfa (call, role, error);
}

static gboolean
check_duration (CwSbAwsCall     *call,
                const CwSbRole  *role,
                int             *duration,
                GError         **error)
{
  if (!cw_sb_aws_int (call, "DurationSeconds", DEFAULT_DURATION_S, MIN_DURATION_S, MAX_DURATION_S, duration, error))
    return FALSE;
  if (call->caller->role_session && *duration > CHAINED_MAX_S)
    return cw_sb_aws_fail (error, 400, "ValidationError",
                           "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  if (*duration > role->max_session_s)
    return cw_sb_aws_fail (error, 400, "ValidationError",
                           "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  return TRUE;
}

static void
write_assumed_role (CwSbAwsCall           *call,
                    const CwSbSessionKeys *keys,
                    const char            *role_id,
                    const char            *arn)
{
  cw_sb_xml_open (call->xml, "Credentials");
  cw_sb_xml_text (call->xml, "AccessKeyId", keys->access_key_id);
  cw_sb_xml_text (call->xml, "SecretAccessKey", keys->secret_access_key);
  cw_sb_xml_text (call->xml, "SessionToken", keys->session_token);
  cw_sb_xml_time (call->xml, "Expiration", cw_sb_identity_wall_time (call->identity, keys->expires));
  cw_sb_xml_close (call->xml);
  cw_sb_xml_open (call->xml, "AssumedRoleUser");
  cw_sb_xml_text (call->xml, "AssumedRoleId", role_id);
  cw_sb_xml_text (call->xml, "Arn", arn);
  cw_sb_xml_close (call->xml);
}

static gboolean
assume_role (CwSbAwsCall  *call,
             GError      **error)
{
  const char *role_arn = cw_sb_aws_require (call, "RoleArn", error);
  const char *session_name = role_arn ? cw_sb_aws_require (call, "RoleSessionName", error) : NULL;
  const CwSbRole *role = cw_sb_identity_find_role (role_arn);
  g_autoptr(CwSbSessionKeys) keys = NULL;
  g_autofree char *role_id = NULL;
  g_autofree char *arn = NULL;
  int duration;

  if (session_name == NULL ||
      !check_text (session_name, "roleSessionName", 2, 64, "+=,.@-", "[\\w+=,.@-]*", error) ||
      !check_trust (call, role_arn, role, error) ||
      !check_duration (call, role, &duration, error))
    return FALSE;
  role_id = g_strconcat (role->role_id, ":", session_name, NULL);
  arn = g_strdup_printf ("arn:aws:sts::%s:assumed-role/%s/%s", CW_SB_ACCOUNT_ID, strrchr (role->arn, '/') + 1,
                         session_name);
  keys = cw_sb_identity_new_session (call->identity, CW_SB_ACCOUNT_ID, arn, role_id, duration);
  write_assumed_role (call, keys, role_id, arn);
  return TRUE;
}

static const CwSbAwsOperation sts_operations[] = {
  { "AssumeRole", assume_role },
  { "GetCallerIdentity", get_caller_identity },
};

const CwSbAwsOperation *
cw_sb_sts_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (sts_operations);
  return sts_operations;
}
