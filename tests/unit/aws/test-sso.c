/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The IAM Identity Center portal on the wire: the bearer header, the query parameters
 * as botocore's model places them (next_token, max_result, account_id, role_name), the
 * pages followed to the end, and its errors. */
#include "config.h"

#include "aws-test-server.h"
#include "cw-aws-error.h"
#include "cw-sso.h"

#define TOKEN "aoa-the-access-token"

typedef AwsTestFixture Fixture;

static void
assert_request (Fixture    *fixture,
                guint       index,
                const char *method,
                const char *path,
                const char *query)
{
  g_assert_cmpstr (aws_test_server_get_method (fixture->server, index), ==, method);
  g_assert_cmpstr (aws_test_server_get_path (fixture->server, index), ==, path);
  g_assert_cmpstr (aws_test_server_get_query (fixture->server, index), ==, query);
  g_assert_cmpstr (aws_test_server_get_bearer_token (fixture->server, index), ==, TOKEN);
}

static void
test_list_accounts_pages (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) accounts = NULL;
  CwSsoAccountInfo *second;

  aws_test_server_reply (fixture->server, 200, "{\"nextToken\":\"page/2+\",\"accountList\":[{\"accountId\":\"111111111111\","
                                               "\"accountName\":\"Production\",\"emailAddress\":\"prod@example.com\"}]}");
  aws_test_server_reply (fixture->server, 200, "{\"accountList\":[{\"accountId\":\"222222222222\",\"accountName\":\"Staging\","
                                               "\"emailAddress\":\"staging@example.com\"}]}");
  cw_sso_list_accounts_async (fixture->client, TOKEN, NULL, aws_test_store_result, &fixture->result);
  accounts = cw_sso_list_accounts_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (accounts->len, ==, 2);
  second = g_ptr_array_index (accounts, 1);
  g_assert_cmpstr (second->account_id, ==, "222222222222");
  g_assert_cmpstr (second->account_name, ==, "Staging");
  g_assert_cmpstr (second->email_address, ==, "staging@example.com");
  assert_request (fixture, 0, "GET", "/assignment/accounts", "max_result=100");
  assert_request (fixture, 1, "GET", "/assignment/accounts", "max_result=100&next_token=page%2F2%2B");
}

static void
test_list_account_roles (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) roles = NULL;

  aws_test_server_reply (fixture->server, 200, "{\"nextToken\":\"t2\",\"roleList\":[{\"roleName\":\"Admin\",\"accountId\":\"111111111111\"}]}");
  aws_test_server_reply (fixture->server, 200, "{\"roleList\":[{\"roleName\":\"ReadOnly\",\"accountId\":\"111111111111\"}]}");
  cw_sso_list_account_roles_async (fixture->client, TOKEN, "111111111111", NULL, aws_test_store_result, &fixture->result);
  roles = cw_sso_list_account_roles_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (roles->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (roles, 0), ==, "Admin");
  g_assert_cmpstr (g_ptr_array_index (roles, 1), ==, "ReadOnly");
  assert_request (fixture, 0, "GET", "/assignment/roles", "account_id=111111111111&max_result=100");
  assert_request (fixture, 1, "GET", "/assignment/roles", "account_id=111111111111&max_result=100&next_token=t2");
}

static void
test_get_role_credentials (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CwAwsCredentials) credentials = NULL;
  gint64 expiration = 0;

  aws_test_server_reply (fixture->server, 200, "{\"roleCredentials\":{\"accessKeyId\":\"ASIAEXAMPLE\","
                                               "\"secretAccessKey\":\"secret\",\"sessionToken\":\"session\","
                                               "\"expiration\":1764748800000}}");
  cw_sso_get_role_credentials_async (fixture->client, TOKEN, "111111111111", "Admin", NULL, aws_test_store_result,
                                     &fixture->result);
  credentials = cw_sso_get_role_credentials_finish (fixture->client, aws_test_fixture_wait (fixture), &expiration,
                                                    &fixture->error);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (credentials->access_key_id, ==, "ASIAEXAMPLE");
  g_assert_cmpstr (credentials->secret_access_key, ==, "secret");
  g_assert_cmpstr (credentials->session_token, ==, "session");
  g_assert_cmpint (expiration, ==, G_GINT64_CONSTANT (1764748800000));
  assert_request (fixture, 0, "GET", "/federation/credentials", "role_name=Admin&account_id=111111111111");
}

static void
test_logout (Fixture       *fixture,
             gconstpointer  data)
{
  aws_test_server_reply (fixture->server, 200, "");
  cw_sso_logout_async (fixture->client, TOKEN, NULL, aws_test_store_result, &fixture->result);
  g_assert_true (cw_sso_logout_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error));
  g_assert_no_error (fixture->error);
  assert_request (fixture, 0, "POST", "/logout", NULL);
}

/* The portal's errors: a message and the type in x-amzn-ErrorType. */
static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CwAwsCredentials) credentials = NULL;
  gint64 expiration = 0;

  aws_test_server_reply_error_type (fixture->server, 401, "UnauthorizedException",
                                    "{\"message\":\"Session token not found or invalid\"}");
  cw_sso_get_role_credentials_async (fixture->client, TOKEN, "111111111111", "Admin", NULL, aws_test_store_result,
                                     &fixture->result);
  credentials = cw_sso_get_role_credentials_finish (fixture->client, aws_test_fixture_wait (fixture), &expiration,
                                                    &fixture->error);
  g_assert_null (credentials);
  g_assert_error (fixture->error, CW_AWS_ERROR, CW_AWS_ERROR_INVALID_CREDENTIALS);
  g_assert_cmpstr (cw_aws_error_get_code (fixture->error), ==, "UnauthorizedException");
  g_assert_cmpstr (cw_aws_error_get_aws_message (fixture->error), ==, "Session token not found or invalid");
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 1);
}

/* TooManyRequestsException is throttling: retried. */
static void
test_throttled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) roles = NULL;

  aws_test_server_reply_error_type (fixture->server, 429, "TooManyRequestsException", "{\"message\":\"slow down\"}");
  aws_test_server_reply (fixture->server, 200, "{\"roleList\":[]}");
  cw_sso_list_account_roles_async (fixture->client, TOKEN, "111111111111", NULL, aws_test_store_result, &fixture->result);
  roles = cw_sso_list_account_roles_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (roles->len, ==, 0);
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 2);
}

static void
test_default_endpoints (void)
{
  g_autoptr(CwAwsConfig) config = NULL;
  g_autoptr(GUri) oidc = NULL;
  g_autoptr(GUri) portal = NULL;
  g_autofree char *oidc_text = NULL;
  g_autofree char *portal_text = NULL;

  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_SSO_OIDC");
  g_setenv ("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:4566", TRUE);
  config = cw_aws_config_new_unsigned ("eu-west-1");
  oidc = cw_aws_config_resolve_endpoint (config, CW_AWS_SERVICE_SSO_OIDC, NULL);
  portal = cw_aws_config_resolve_endpoint (config, CW_AWS_SERVICE_SSO, NULL);
  oidc_text = g_uri_to_string (oidc);
  portal_text = g_uri_to_string (portal);
  g_assert_cmpstr (oidc_text, ==, "https://oidc.eu-west-1.amazonaws.com/");
  g_assert_cmpstr (portal_text, ==, "http://127.0.0.1:4566/");
  g_unsetenv ("AWS_ENDPOINT_URL_SSO");
  g_clear_object (&config);
  g_clear_pointer (&portal, g_uri_unref);
  g_free (portal_text);
  config = cw_aws_config_new_unsigned ("eu-west-1");
  portal = cw_aws_config_resolve_endpoint (config, CW_AWS_SERVICE_SSO, NULL);
  portal_text = g_uri_to_string (portal);
  g_assert_cmpstr (portal_text, ==, "https://portal.sso.eu-west-1.amazonaws.com/");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name) g_test_add ("/aws/sso/" #name, Fixture, NULL, aws_test_fixture_set_up, test_##name, aws_test_fixture_tear_down)
  ADD (list_accounts_pages);
  ADD (list_account_roles);
  ADD (get_role_credentials);
  ADD (logout);
  ADD (unauthorized);
  ADD (throttled);
#undef ADD
  g_test_add_func ("/aws/sso/default-endpoints", test_default_endpoints);
  return g_test_run ();
}
