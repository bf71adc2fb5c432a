/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-identity.c: the sandbox's principals, sessions, roles and MFA device */
#define G_LOG_DOMAIN "cw-sandbox-identity"

#include "config.h"

#include "cw-sandbox-identity.h"
#include "cw-sandbox-private.h"

#define UPPER_ALNUM    "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
#define BASE64_CHARS   "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
#define USER_ID        "AIDASANDBOXCAUSEWAY00"
#define MFA_SEED_SALT  0x4d464121u

typedef struct {
  CwSbSessionKeys *keys;
  CwSbCaller      *caller;
} Session;

struct _CwSbIdentity
{
  CwSandboxWorld *world;
  char           *access_key_id;
  char           *secret_access_key;
  char           *mfa_code;
  GHashTable     *sessions;     /* access key id → Session */
};

/* CausewayOperator: what an operator assumes with MFA; CausewayPartner: what a third
 * party assumes, guarded by an external id. Both trust the sandbox's account only. */
static const CwSbRole roles[] = {
  { CW_SB_OPERATOR_ROLE_ARN, "AROASANDBOXOPERATOR01", NULL, TRUE, 43200 },
  { CW_SB_PARTNER_ROLE_ARN, "AROASANDBOXPARTNER001", CW_SB_PARTNER_EXTERNAL_ID, FALSE, 3600 },
};

static const char * const production_roles[] = { "AdministratorAccess", "DatabaseAdmin", NULL };
static const char * const staging_roles[] = { "ReadOnlyAccess", NULL };

/* The sandbox's own account first: it is where the resources are. */
static const CwSbSsoAccount sso_accounts[] = {
  { CW_SB_ACCOUNT_ID, "Causeway Sandbox", "aws-sandbox@causeway.example", production_roles },
  { CW_SB_STAGING_ACCOUNT_ID, "Causeway Staging", "aws-staging@causeway.example", staging_roles },
};

CwSbCaller *
cw_sb_caller_copy (const CwSbCaller *caller)
{
  CwSbCaller *copy = g_new0 (CwSbCaller, 1);

  copy->account_id = g_strdup (caller->account_id);
  copy->arn = g_strdup (caller->arn);
  copy->user_id = g_strdup (caller->user_id);
  copy->role_session = caller->role_session;
  return copy;
}

void
cw_sb_caller_free (CwSbCaller *caller)
{
  g_free (caller->account_id);
  g_free (caller->arn);
  g_free (caller->user_id);
  g_free (caller);
}

void
cw_sb_session_keys_free (CwSbSessionKeys *keys)
{
  g_free (keys->access_key_id);
  cw_sb_wipe (keys->secret_access_key);
  cw_sb_wipe (keys->session_token);
  g_free (keys);
}

static void
session_free (Session *session)
{
  cw_sb_session_keys_free (session->keys);
  cw_sb_caller_free (session->caller);
  g_free (session);
}

/* Six digits that stay the same for a seed, so the standalone sandbox can print the
 * code it accepts and a test can predict it. */
static char *
mfa_code_for (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ MFA_SEED_SALT);

  return g_strdup_printf ("%06d", g_rand_int_range (rand, 0, 1000000));
}

CwSbIdentity *
cw_sb_identity_new (CwSandboxWorld *world,
                    const char     *access_key_id,
                    const char     *secret_access_key,
                    guint32         seed)
{
  CwSbIdentity *self = g_new0 (CwSbIdentity, 1);

  self->world = world;
  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  self->mfa_code = mfa_code_for (seed);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) session_free);
  return self;
}

void
cw_sb_identity_free (CwSbIdentity *self)
{
  g_hash_table_unref (self->sessions);
  g_free (self->access_key_id);
  cw_sb_wipe (self->secret_access_key);
  g_free (self->mfa_code);
  g_free (self);
}

static CwSbCaller *
user_caller (void)
{
  CwSbCaller user = {
    .account_id = (char *) CW_SB_ACCOUNT_ID,
    .arn = (char *) "arn:aws:iam::" CW_SB_ACCOUNT_ID ":user/" CW_SB_USER_NAME,
    .user_id = (char *) USER_ID,
    .role_session = FALSE,
  };

  return cw_sb_caller_copy (&user);
}

/* A long-lived key takes no session token, a session's key only its own; an expired
 * session is told apart from an unknown one, as AWS does. */
CwSbKeyState
cw_sb_identity_check_key (CwSbIdentity  *self,
                          const char    *access_key_id,
                          const char    *session_token,
                          char         **secret_access_key,
                          CwSbCaller   **caller)
{
  Session *session;

  if (g_strcmp0 (access_key_id, self->access_key_id) == 0 && session_token == NULL)
    {
      *secret_access_key = g_strdup (self->secret_access_key);
      *caller = user_caller ();
      return CW_SB_KEY_VALID;
    }
  session = access_key_id ? g_hash_table_lookup (self->sessions, access_key_id) : NULL;
  if (session == NULL || g_strcmp0 (session_token, session->keys->session_token) != 0)
    return CW_SB_KEY_UNKNOWN;
  if (cw_sandbox_world_now (self->world) >= session->keys->expires)
    return CW_SB_KEY_EXPIRED;
  *secret_access_key = g_strdup (session->keys->secret_access_key);
  *caller = cw_sb_caller_copy (session->caller);
  return CW_SB_KEY_VALID;
}

static CwSbSessionKeys *
session_keys_copy (const CwSbSessionKeys *keys)
{
  CwSbSessionKeys *copy = g_new0 (CwSbSessionKeys, 1);

  copy->access_key_id = g_strdup (keys->access_key_id);
  copy->secret_access_key = g_strdup (keys->secret_access_key);
  copy->session_token = g_strdup (keys->session_token);
  copy->expires = keys->expires;
  return copy;
}

/* Every session is a role's: both AssumeRole and GetRoleCredentials give one. */
CwSbSessionKeys *
cw_sb_identity_new_session (CwSbIdentity *self,
                            const char   *account_id,
                            const char   *arn,
                            const char   *user_id,
                            double        realistic_seconds)
{
  g_autofree char *suffix = cw_sb_random_secret (UPPER_ALNUM, 16);
  Session *session = g_new0 (Session, 1);
  CwSbCaller caller = { (char *) account_id, (char *) arn, (char *) user_id, TRUE };

  session->keys = g_new0 (CwSbSessionKeys, 1);
  session->keys->access_key_id = g_strconcat ("ASIA", suffix, NULL);
  session->keys->secret_access_key = cw_sb_random_secret (BASE64_CHARS, 40);
  session->keys->session_token = cw_sb_random_secret (BASE64_CHARS, 356);
  session->keys->expires = cw_sandbox_world_after (self->world, realistic_seconds);
  session->caller = cw_sb_caller_copy (&caller);
  g_hash_table_replace (self->sessions, session->keys->access_key_id, session);
  return session_keys_copy (session->keys);
}

/* The wall-clock time a world time falls at, for expirations on the wire. */
gint64
cw_sb_identity_wall_time (CwSbIdentity *self,
                          gint64        world_time)
{
  return g_get_real_time () + (world_time - cw_sandbox_world_now (self->world));
}

const CwSbRole *
cw_sb_identity_find_role (const char *arn)
{
  for (guint i = 0; arn != NULL && i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (roles[i].arn, arn))
      return &roles[i];
  return NULL;
}

const char *
cw_sb_identity_get_mfa_code (CwSbIdentity *self)
{
  return self->mfa_code;
}

const CwSbSsoAccount *
cw_sb_identity_sso_accounts (guint *n_accounts)
{
  *n_accounts = G_N_ELEMENTS (sso_accounts);
  return sso_accounts;
}

const CwSbSsoAccount *
cw_sb_identity_sso_account (const char *account_id)
{
  for (guint i = 0; account_id != NULL && i < G_N_ELEMENTS (sso_accounts); i++)
    if (g_str_equal (sso_accounts[i].account_id, account_id))
      return &sso_accounts[i];
  return NULL;
}

gboolean
cw_sb_identity_sso_assigned (const char *account_id,
                             const char *role_name)
{
  const CwSbSsoAccount *account = cw_sb_identity_sso_account (account_id);

  return account != NULL && role_name != NULL && g_strv_contains (account->roles, role_name);
}
