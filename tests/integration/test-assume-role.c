/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Roles assumed through the profile chain against the in-process sandbox's STS: a role
 * with MFA from a static-keys profile (the code asked once per AssumeRole, and again
 * when the session has ended on the sandbox's clock), a wrong code, no one to ask, a
 * partner's role with its external id, credential_source = Environment and a role chained
 * from another role. The sandbox is the one that checks the trust policies. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cw-assume-role-provider.h"
#include "cw-aws-error.h"
#include "cw-aws-profile.h"
#include "cw-engine-error.h"
#include "cw-sts.h"
#include "cw-test-sandbox.h"

#define OPERATOR_ARN "arn:aws:iam::111122223333:role/CausewayOperator"
#define PARTNER_ARN  "arn:aws:iam::111122223333:role/CausewayPartner"
#define MFA_SERIAL   "arn:aws:iam::111122223333:mfa/sandbox-user"
#define PARTNER_ID   "causeway-sandbox-partner"

/* ---- a prompter that answers what the test says, and counts ---- */

#define TEST_TYPE_PROMPTER (test_prompter_get_type ())
G_DECLARE_FINAL_TYPE (TestPrompter, test_prompter, TEST, PROMPTER, GObject)

struct _TestPrompter
{
  GObject  parent_instance;
  char    *code;
  guint    asked;
  char    *profile;
  char    *mfa_serial;
};

static void test_prompter_iface_init (CwMfaPrompterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestPrompter, test_prompter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CW_TYPE_MFA_PROMPTER, test_prompter_iface_init))

static void
test_prompter_ask_async (CwMfaPrompter       *prompter,
                         const char          *profile,
                         const char          *mfa_serial,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  TestPrompter *self = TEST_PROMPTER (prompter);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  self->asked++;
  g_free (self->profile);
  self->profile = g_strdup (profile);
  g_free (self->mfa_serial);
  self->mfa_serial = g_strdup (mfa_serial);
  g_task_return_pointer (task, g_strdup (self->code), g_free);
}

static char *
test_prompter_ask_finish (CwMfaPrompter  *prompter,
                          GAsyncResult   *result,
                          GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_prompter_iface_init (CwMfaPrompterInterface *iface)
{
  iface->ask_async = test_prompter_ask_async;
  iface->ask_finish = test_prompter_ask_finish;
}

static void
test_prompter_finalize (GObject *object)
{
  TestPrompter *self = TEST_PROMPTER (object);

  g_free (self->code);
  g_free (self->profile);
  g_free (self->mfa_serial);
  G_OBJECT_CLASS (test_prompter_parent_class)->finalize (object);
}

static void
test_prompter_class_init (TestPrompterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_prompter_finalize;
}

static void
test_prompter_init (TestPrompter *self)
{
}

static TestPrompter *
test_prompter_new (const char *code)
{
  TestPrompter *self = g_object_new (TEST_TYPE_PROMPTER, NULL);

  self->code = g_strdup (code);
  return self;
}

/* ---- the fixture: a sandbox, and AWS CLI files whose user profile has its keys ---- */

typedef struct {
  CwTestSandbox *sb;
  char          *dir;
  char          *config;
  char          *credentials;
  GAsyncResult  *result;
} Fixture;

static const char config_text[] =
  "[profile operator]\nrole_arn = " OPERATOR_ARN "\nsource_profile = user\nmfa_serial = " MFA_SERIAL "\n"
  "role_session_name = ops-test\n"
  "[profile partner]\nrole_arn = " PARTNER_ARN "\nsource_profile = user\nexternal_id = " PARTNER_ID "\n"
  "[profile stranger]\nrole_arn = " PARTNER_ARN "\nsource_profile = user\n"
  "[profile from-env]\nrole_arn = " PARTNER_ARN "\ncredential_source = Environment\nexternal_id = " PARTNER_ID "\n"
  "[profile chained]\nrole_arn = " PARTNER_ARN "\nsource_profile = operator\nexternal_id = " PARTNER_ID "\n"
  "[profile short]\nrole_arn = " OPERATOR_ARN "\nsource_profile = user\nmfa_serial = " MFA_SERIAL "\n"
  "duration_seconds = 900\n";

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  g_autofree char *credentials_text = NULL;

  /* data: the sandbox's time scale, or NULL for realistic durations. */
  fixture->sb = cw_test_sandbox_new (data ? *(const double *) data : 1.0, NULL);
  cw_sandbox_apply_to_process_environment (fixture->sb->sandbox);
  fixture->dir = g_dir_make_tmp ("causeway-assume-role-XXXXXX", NULL);
  fixture->config = g_build_filename (fixture->dir, "config", NULL);
  fixture->credentials = g_build_filename (fixture->dir, "credentials", NULL);
  credentials_text = g_strdup_printf ("[user]\naws_access_key_id = %s\naws_secret_access_key = %s\n",
                                      CW_SANDBOX_ACCESS_KEY_ID,
                                      cw_sandbox_get_secret_access_key (fixture->sb->sandbox));
  g_assert_true (g_file_set_contents (fixture->config, config_text, -1, NULL));
  g_assert_true (g_file_set_contents (fixture->credentials, credentials_text, -1, NULL));
  g_setenv ("AWS_CONFIG_FILE", fixture->config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", fixture->credentials, TRUE);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  g_unsetenv ("AWS_CONFIG_FILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
  g_remove (fixture->config);
  g_remove (fixture->credentials);
  g_rmdir (fixture->dir);
  g_free (fixture->config);
  g_free (fixture->credentials);
  g_free (fixture->dir);
  g_clear_object (&fixture->result);
  cw_test_sandbox_free (fixture->sb);
}

static CwAwsCredentialsProvider *
provider_for (Fixture       *fixture,
              const char    *name,
              TestPrompter  *prompter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsProfile) profile = cw_aws_profile_resolve_from_files (name, fixture->config, fixture->credentials,
                                                                       &error);

  g_assert_no_error (error);
  return cw_aws_profile_new_provider (profile, prompter ? CW_MFA_PROMPTER (prompter) : NULL);
}

static CwAwsCredentials *
get (Fixture                   *fixture,
     CwAwsCredentialsProvider  *provider,
     GError                   **error)
{
  g_clear_object (&fixture->result);
  cw_aws_credentials_provider_get_async (provider, NULL, cw_test_store_result, &fixture->result);
  g_assert_true (cw_test_wait ((gpointer *) &fixture->result, 30));
  return cw_aws_credentials_provider_get_finish (provider, fixture->result, error);
}

/* Who AWS says the provider's credentials are: a client asks the provider itself, so an
 * expired session is renewed as in any other call. */
static char *
caller_arn (Fixture                  *fixture,
            CwAwsCredentialsProvider *provider)
{
  g_autoptr(CwAwsConfig) config = cw_aws_config_new_with_provider (CW_SANDBOX_REGION, provider);
  g_autoptr(CwAwsClient) client = cw_aws_client_new (config);
  g_autoptr(CwStsCallerIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->result);
  cw_sts_get_caller_identity_async (client, CW_AWS_CALL_DEFAULT, NULL, cw_test_store_result, &fixture->result);
  g_assert_true (cw_test_wait ((gpointer *) &fixture->result, 30));
  identity = cw_sts_get_caller_identity_finish (client, fixture->result, &error);
  g_assert_no_error (error);
  return g_strdup (identity->arn);
}

static void
test_mfa_role (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TestPrompter) prompter = test_prompter_new (cw_sandbox_get_mfa_code (fixture->sb->sandbox));
  g_autoptr(CwAwsCredentialsProvider) provider = provider_for (fixture, "operator", prompter);
  g_autoptr(CwAwsCredentials) first = NULL;
  g_autoptr(CwAwsCredentials) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *arn = NULL;

  g_assert_true (CW_IS_ASSUME_ROLE_PROVIDER (provider));
  first = get (fixture, provider, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first->access_key_id, "ASIA"));
  g_assert_nonnull (first->session_token);
  g_assert_cmpuint (prompter->asked, ==, 1);
  g_assert_cmpstr (prompter->profile, ==, "operator");
  g_assert_cmpstr (prompter->mfa_serial, ==, MFA_SERIAL);
  /* An hour, STS's default. */
  g_assert_cmpint (cw_aws_credentials_provider_get_expiration (provider) - g_get_real_time () / G_USEC_PER_SEC,
                   >, 3500);
  g_assert_cmpstr (cw_assume_role_provider_get_assumed_arn (CW_ASSUME_ROLE_PROVIDER (provider)), ==,
                   "arn:aws:sts::111122223333:assumed-role/CausewayOperator/ops-test");
  again = get (fixture, provider, &error);
  g_assert_cmpstr (again->access_key_id, ==, first->access_key_id);
  arn = caller_arn (fixture, provider);
  g_assert_cmpstr (arn, ==, "arn:aws:sts::111122223333:assumed-role/CausewayOperator/ops-test");
  g_assert_cmpuint (prompter->asked, ==, 1);
}

/* The session ends on the sandbox's clock; the next call is refused as expired, and the
 * provider assumes the role again, asking for a new code. */
static void
test_renewed_after_expiry (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TestPrompter) prompter = test_prompter_new (cw_sandbox_get_mfa_code (fixture->sb->sandbox));
  g_autoptr(CwAwsCredentialsProvider) provider = provider_for (fixture, "operator", prompter);
  g_autoptr(CwAwsCredentials) first = NULL;
  g_autoptr(CwAwsCredentials) renewed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *arn = NULL;

  first = get (fixture, provider, &error);
  g_assert_no_error (error);
  cw_sandbox_advance_clock (fixture->sb->sandbox, 3601);
  arn = caller_arn (fixture, provider);
  g_assert_cmpstr (arn, ==, "arn:aws:sts::111122223333:assumed-role/CausewayOperator/ops-test");
  g_assert_cmpuint (prompter->asked, ==, 2);
  renewed = get (fixture, provider, &error);
  g_assert_cmpstr (renewed->access_key_id, !=, first->access_key_id);
}

/* At a scaled clock the shortest session (900 s) lasts under two seconds of wall time:
 * the Expiration STS gives says so, and the provider assumes the role again when it has
 * passed, asking for a new code, without AWS having to refuse a call first. */
static void
test_expires_on_scaled_clock (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TestPrompter) prompter = test_prompter_new (cw_sandbox_get_mfa_code (fixture->sb->sandbox));
  g_autoptr(CwAwsCredentialsProvider) provider = provider_for (fixture, "short", prompter);
  g_autoptr(CwAwsCredentials) first = NULL;
  g_autoptr(CwAwsCredentials) renewed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expiration;

  /* The window scales with the clock: none, at this scale. */
  cw_aws_credentials_provider_set_refresh_window (provider, 0);
  first = get (fixture, provider, &error);
  g_assert_no_error (error);
  expiration = cw_aws_credentials_provider_get_expiration (provider);
  g_assert_cmpint (expiration - g_get_real_time () / G_USEC_PER_SEC, <=, 2);
  g_assert_cmpuint (prompter->asked, ==, 1);
  while (g_get_real_time () / G_USEC_PER_SEC < expiration)
    g_usleep (100 * 1000);
  renewed = get (fixture, provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renewed->access_key_id, !=, first->access_key_id);
  g_assert_cmpuint (prompter->asked, ==, 2);
}

static void
test_wrong_code (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *code = cw_sandbox_get_mfa_code (fixture->sb->sandbox);
  g_autoptr(TestPrompter) prompter = test_prompter_new (g_str_equal (code, "123456") ? "654321" : "123456");
  g_autoptr(CwAwsCredentialsProvider) provider = provider_for (fixture, "operator", prompter);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsCredentials) credentials = get (fixture, provider, &error);

  g_assert_null (credentials);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "operator"));
  g_assert_nonnull (strstr (error->message, "MFA"));
  g_assert_null (strstr (error->message, prompter->code));
}

static void
test_no_prompter (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CwAwsCredentialsProvider) provider = provider_for (fixture, "operator", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsCredentials) credentials = get (fixture, provider, &error);

  g_assert_null (credentials);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "operator"));
  g_assert_nonnull (strstr (error->message, MFA_SERIAL));
}

/* The partner's role trusts only callers that give its external id. */
static void
test_external_id (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CwAwsCredentialsProvider) partner = provider_for (fixture, "partner", NULL);
  g_autoptr(CwAwsCredentialsProvider) stranger = provider_for (fixture, "stranger", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsCredentials) credentials = get (fixture, partner, &error);
  g_autoptr(CwAwsCredentials) refused = NULL;
  g_autofree char *arn = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (credentials);
  arn = caller_arn (fixture, partner);
  g_assert_true (g_str_has_prefix (arn, "arn:aws:sts::111122223333:assumed-role/CausewayPartner/causeway-"));
  refused = get (fixture, stranger, &error);
  g_assert_null (refused);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_ACCESS_DENIED);
}

static void
test_credential_source_environment (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CwAwsCredentialsProvider) provider = provider_for (fixture, "from-env", NULL);
  g_autofree char *arn = NULL;

  g_setenv ("AWS_ACCESS_KEY_ID", CW_SANDBOX_ACCESS_KEY_ID, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", cw_sandbox_get_secret_access_key (fixture->sb->sandbox), TRUE);
  arn = caller_arn (fixture, provider);
  g_assert_true (g_str_has_prefix (arn, "arn:aws:sts::111122223333:assumed-role/CausewayPartner/"));
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
}

/* partner ← operator (with MFA) ← user's keys: role chaining. */
static void
test_chained (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TestPrompter) prompter = test_prompter_new (cw_sandbox_get_mfa_code (fixture->sb->sandbox));
  g_autoptr(CwAwsCredentialsProvider) provider = provider_for (fixture, "chained", prompter);
  g_autofree char *arn = caller_arn (fixture, provider);

  g_assert_true (g_str_has_prefix (arn, "arn:aws:sts::111122223333:assumed-role/CausewayPartner/"));
  g_assert_cmpuint (prompter->asked, ==, 1);
}

static void
skip_two_hours (GSubprocess *process,
                gpointer     user_data)
{
  CwTestSandbox *sb = user_data;

  cw_sandbox_advance_clock (sb->sandbox, 2 * 60 * 60);
}

/* A create that outlives its role's session: while causeway-cli waits for the load
 * balancer, two hours pass on the sandbox's clock, so the role's credentials (one hour)
 * expire under it; the client is refused as expired, assumes the role again and the
 * create completes. */
static void
test_create_outlives_credentials (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char * const arguments[] = {
    "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql", "--profile", "partner", "--yes", NULL
  };
  g_autofree char *link_id = NULL;
  g_autoptr(JsonNode) requests = NULL;
  JsonObject *by_operation;
  int status = -1;

  /* causeway-cli reads the profile from the fixture's files; --profile wins over the
   * environment's keys, which `links` below uses. */
  fixture->sb->child_env = g_environ_setenv (fixture->sb->child_env, "AWS_CONFIG_FILE", fixture->config, TRUE);
  fixture->sb->child_env = g_environ_setenv (fixture->sb->child_env, "AWS_SHARED_CREDENTIALS_FILE",
                                             fixture->credentials, TRUE);
  g_assert_true (cw_test_run_cli_at (fixture->sb, "wait_nlb_active", "running", skip_two_hours, fixture->sb,
                                     arguments, &status));
  g_assert_cmpint (status, ==, 0);
  /* Assumed at the start, and again once the skip had ended the session. */
  requests = cw_test_sandbox_control (fixture->sb, "GET", "requests");
  by_operation = json_object_get_object_member (json_node_get_object (requests), "byOperation");
  g_assert_cmpint (json_object_get_int_member_with_default (by_operation, "sts.AssumeRole", 0), >=, 2);
  link_id = cw_test_only_link_id ();
  g_assert_true (cw_test_eventually_status (fixture->sb, "linkId", link_id, "Healthy"));
}

int
main (int    argc,
      char **argv)
{
  static const double scaled = 0.002;
  /* A create takes seconds, the role's session a minute and more: only the skip ends it. */
  static const double provisioning = 0.02;

  cw_test_init (&argc, &argv);
#define ADD(name) g_test_add ("/integration/assume-role/" #name, Fixture, NULL, set_up, test_##name, tear_down)
  ADD (mfa_role);
  ADD (renewed_after_expiry);
  g_test_add ("/integration/assume-role/expires_on_scaled_clock", Fixture, &scaled, set_up,
              test_expires_on_scaled_clock, tear_down);
  ADD (wrong_code);
  ADD (no_prompter);
  ADD (external_id);
  ADD (credential_source_environment);
  ADD (chained);
  g_test_add ("/integration/assume-role/create_outlives_credentials", Fixture, &provisioning, set_up,
              test_create_outlives_credentials, tear_down);
#undef ADD
  return g_test_run ();
}
