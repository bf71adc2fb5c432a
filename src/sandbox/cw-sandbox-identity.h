/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-identity.h: who may sign the sandbox's AWS requests, and as whom
 *
 * Private to src/sandbox. The world's principals: the sandbox's IAM user with its
 * long-lived key; the temporary sessions that STS AssumeRole and IAM Identity Center's
 * GetRoleCredentials hand out (ASIA… keys with a session token, expiring on the world's
 * clock); the roles a session may assume, with what their trust policies ask for (an
 * external id, MFA); the user's one MFA device, whose code is fixed per run; and the
 * accounts and permission sets IAM Identity Center assigns to the user.
 *
 * Every function is called with the world locked: sessions expire on its clock.
 */
#pragma once

#include "cw-sandbox-world.h"

G_BEGIN_DECLS

/* The second account IAM Identity Center offers. It holds no resources in the
 * sandbox: its permission sets allow STS only. */
#define CW_SB_STAGING_ACCOUNT_ID   "444455556666"
#define CW_SB_SSO_USER_NAME        "sandbox-user"
#define CW_SB_MFA_SERIAL           "arn:aws:iam::" CW_SB_ACCOUNT_ID ":mfa/" CW_SB_SSO_USER_NAME
#define CW_SB_OPERATOR_ROLE_ARN    "arn:aws:iam::" CW_SB_ACCOUNT_ID ":role/CausewayOperator"
#define CW_SB_PARTNER_ROLE_ARN     "arn:aws:iam::" CW_SB_ACCOUNT_ID ":role/CausewayPartner"
#define CW_SB_PARTNER_EXTERNAL_ID  "causeway-sandbox-partner"

/* A permission set's sessions last an hour by default. */
#define CW_SB_SSO_ROLE_SESSION_S   3600.0

typedef struct _CwSbIdentity CwSbIdentity;

/* Who signed a request. */
typedef struct {
  char     *account_id;
  char     *arn;
  char     *user_id;       /* AIDA… for the user, AROA…:session for a role's session */
  gboolean  role_session;  /* AssumeRole from it is role chaining */
} CwSbCaller;

typedef enum {
  CW_SB_KEY_UNKNOWN,       /* no such key, or a session token that is not its own */
  CW_SB_KEY_VALID,
  CW_SB_KEY_EXPIRED,
} CwSbKeyState;

/* What a new session hands out. */
typedef struct {
  char   *access_key_id;
  char   *secret_access_key;
  char   *session_token;
  gint64  expires;         /* world µs */
} CwSbSessionKeys;

typedef struct {
  const char *arn;
  const char *role_id;     /* AROA… */
  const char *external_id; /* the trust policy's sts:ExternalId condition, or NULL */
  gboolean    mfa;         /* the trust policy asks for aws:MultiFactorAuthPresent */
  int         max_session_s;
} CwSbRole;

typedef struct {
  const char *account_id;
  const char *name;
  const char *email;
  const char * const *roles;   /* permission sets assigned to the user there */
} CwSbSsoAccount;

CwSbIdentity          *cw_sb_identity_new            (CwSandboxWorld    *world,
                                                      const char        *access_key_id,
                                                      const char        *secret_access_key,
                                                      guint32            seed);
void                   cw_sb_identity_free           (CwSbIdentity      *self);

CwSbKeyState           cw_sb_identity_check_key      (CwSbIdentity      *self,
                                                      const char        *access_key_id,
                                                      const char        *session_token,
                                                      char             **secret_access_key,
                                                      CwSbCaller       **caller);
CwSbSessionKeys       *cw_sb_identity_new_session    (CwSbIdentity      *self,
                                                      const char        *account_id,
                                                      const char        *arn,
                                                      const char        *user_id,
                                                      double             realistic_seconds);
gint64                 cw_sb_identity_wall_time      (CwSbIdentity      *self,
                                                      gint64             world_time);

const CwSbRole        *cw_sb_identity_find_role      (const char        *arn);
const char            *cw_sb_identity_get_mfa_code   (CwSbIdentity      *self);
const CwSbSsoAccount  *cw_sb_identity_sso_accounts   (guint             *n_accounts);
const CwSbSsoAccount  *cw_sb_identity_sso_account    (const char        *account_id);
gboolean               cw_sb_identity_sso_assigned   (const char        *account_id,
                                                      const char        *role_name);

CwSbCaller            *cw_sb_caller_copy             (const CwSbCaller  *caller);
void                   cw_sb_caller_free             (CwSbCaller        *caller);
void                   cw_sb_session_keys_free       (CwSbSessionKeys   *keys);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSbCaller, cw_sb_caller_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSbSessionKeys, cw_sb_session_keys_free)

G_END_DECLS
