/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Credentials that expire (a provider): fetched once while fresh, renewed before they
 * run out, one fetch for calls that wait together, renewed at once when AWS answers
 * that the session has expired. */
#include "config.h"

#include "aws-test-server.h"
#include "cw-aws-error.h"
#include "cw-sts.h"

/* ---- a provider whose credentials last as long as the test says ---- */

#define TEST_TYPE_PROVIDER (test_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestProvider, test_provider, TEST, PROVIDER, CwAwsCredentialsProvider)

struct _TestProvider
{
  CwAwsCredentialsProvider parent_instance;
  gint64                   lifetime;  /* seconds; 0: the fetch fails */
  guint                    fetches;
};

G_DEFINE_FINAL_TYPE (TestProvider, test_provider, CW_TYPE_AWS_CREDENTIALS_PROVIDER)

static gboolean
answer_fetch (gpointer user_data)
{
  GTask *task = user_data;
  TestProvider *self = g_task_get_source_object (task);
  g_autofree char *token = g_strdup_printf ("session-%u", self->fetches);

  if (self->lifetime == 0)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "The sign-in has expired");
  else
    g_task_return_pointer (task, cw_aws_credentials_new (AWS_TEST_ACCESS_KEY, AWS_TEST_SECRET_KEY, token),
                           (GDestroyNotify) cw_aws_credentials_free);
  return G_SOURCE_REMOVE;
}

/* Answers a main loop turn later, as a real fetch would. */
static void
test_provider_fetch_async (CwAwsCredentialsProvider *provider,
                           GCancellable             *cancellable,
                           GAsyncReadyCallback       callback,
                           gpointer                  user_data)
{
  TestProvider *self = TEST_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  self->fetches++;
  g_idle_add_full (G_PRIORITY_DEFAULT, answer_fetch, task, g_object_unref);
}

static CwAwsCredentials *
test_provider_fetch_finish (CwAwsCredentialsProvider  *provider,
                            GAsyncResult              *result,
                            gint64                    *expiration,
                            GError                   **error)
{
  *expiration = g_get_real_time () / G_USEC_PER_SEC + TEST_PROVIDER (provider)->lifetime;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_provider_class_init (TestProviderClass *klass)
{
  CW_AWS_CREDENTIALS_PROVIDER_CLASS (klass)->fetch_async = test_provider_fetch_async;
  CW_AWS_CREDENTIALS_PROVIDER_CLASS (klass)->fetch_finish = test_provider_fetch_finish;
}

static void
test_provider_init (TestProvider *self)
{
}

/* ---- the fixture: a client whose config has the provider ---- */

typedef struct {
  AwsTestServer *server;
  TestProvider  *provider;
  CwAwsClient   *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CwAwsConfig) config = NULL;

  fixture->server = aws_test_server_new ();
  fixture->provider = g_object_new (TEST_TYPE_PROVIDER, NULL);
  fixture->provider->lifetime = 3600;
  config = cw_aws_config_new_with_provider ("us-east-1", CW_AWS_CREDENTIALS_PROVIDER (fixture->provider));
  for (guint i = 0; i < CW_AWS_N_SERVICES; i++)
    cw_aws_config_set_endpoint (config, i, aws_test_server_get_url (fixture->server));
  cw_aws_config_set_retry_delays (config, 1, 5);
  fixture->client = cw_aws_client_new (config);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->provider);
  aws_test_server_free (fixture->server);
}

static CwStsCallerIdentity *
caller_identity (Fixture  *fixture,
                 GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_sts_get_caller_identity_async (fixture->client, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &result);
  return cw_sts_get_caller_identity_finish (fixture->client, aws_test_wait (&result), error);
}

static void
assert_calls_succeed (Fixture *fixture,
                      guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CwStsCallerIdentity) identity = NULL;

      aws_test_server_reply_file (fixture->server, "sts-GetCallerIdentity.xml");
      identity = caller_identity (fixture, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (identity->account, ==, "123456789012");
    }
}

/* ---- the tests ---- */

static void
test_fresh_credentials_are_kept (Fixture       *fixture,
                                 gconstpointer  data)
{
  assert_calls_succeed (fixture, 3);
  g_assert_cmpuint (fixture->provider->fetches, ==, 1);
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 3);
}

/* Ten minutes left is inside the fifteen-minute window: each call renews them. */
static void
test_renewed_before_they_expire (Fixture       *fixture,
                                 gconstpointer  data)
{
  fixture->provider->lifetime = 10 * 60;
  assert_calls_succeed (fixture, 2);
  g_assert_cmpuint (fixture->provider->fetches, ==, 2);
  /* A narrower window (the sandbox's scaled clock) keeps them. */
  cw_aws_credentials_provider_set_refresh_window (CW_AWS_CREDENTIALS_PROVIDER (fixture->provider), 60);
  assert_calls_succeed (fixture, 2);
  g_assert_cmpuint (fixture->provider->fetches, ==, 2);
}

static void
test_one_fetch_for_waiting_calls (Fixture       *fixture,
                                  gconstpointer  data)
{
  GAsyncResult *results[3] = { NULL, NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      aws_test_server_reply_file (fixture->server, "sts-GetCallerIdentity.xml");
      cw_sts_get_caller_identity_async (fixture->client, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CwStsCallerIdentity) identity = cw_sts_get_caller_identity_finish (fixture->client,
                                                                                   aws_test_wait (&results[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (identity);
      g_object_unref (results[i]);
    }
  g_assert_cmpuint (fixture->provider->fetches, ==, 1);
}

/* AWS knows better than the expiration: the call renews the credentials and tries
 * again, once. */
static void
test_expired_token_renews (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char expired[] =
    "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
    "<Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error>"
    "<RequestId>4c3a1e2b-0f9d-4e8a-b7c6-5d4e3f2a1b0c</RequestId></ErrorResponse>";
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;

  aws_test_server_reply (fixture->server, 400, expired);
  assert_calls_succeed (fixture, 1);
  g_assert_cmpuint (fixture->provider->fetches, ==, 2);
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 2);

  /* Twice in a row is the answer. */
  aws_test_server_reply (fixture->server, 400, expired);
  aws_test_server_reply (fixture->server, 400, expired);
  identity = caller_identity (fixture, &error);
  g_assert_null (identity);
  g_assert_cmpstr (cw_aws_error_get_code (error), ==, "ExpiredToken");
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 4);
}

/* A provider that cannot renew ends the call with its reason, and nothing is sent. */
static void
test_failed_fetch_ends_the_call (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;

  fixture->provider->lifetime = 0;
  identity = caller_identity (fixture, &error);
  g_assert_null (identity);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name) g_test_add ("/aws/credentials-provider/" #name, Fixture, NULL, fixture_set_up, test_##name, fixture_tear_down)
  ADD (fresh_credentials_are_kept);
  ADD (renewed_before_they_expire);
  ADD (one_fetch_for_waiting_calls);
  ADD (expired_token_renews);
  ADD (failed_fetch_ends_the_call);
#undef ADD
  return g_test_run ();
}
