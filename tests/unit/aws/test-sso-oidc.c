/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SSO OIDC on the wire: the bodies as botocore's model names their members, the
 * answers read back, and the errors (OAuth's error object, x-amzn-ErrorType) mapped to
 * CW_AWS_ERROR with the exception's name. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "aws-test-server.h"
#include "cw-aws-error.h"
#include "cw-sso-oidc.h"

typedef AwsTestFixture Fixture;

/* The request's method and path, and its body as a JSON object. */
static JsonObject *
sent_body (Fixture    *fixture,
           guint       index,
           const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (aws_test_server_get_method (fixture->server, index), ==, "POST");
  g_assert_cmpstr (aws_test_server_get_path (fixture->server, index), ==, path);
  json_parser_load_from_data (parser, aws_test_server_get_body (fixture->server, index), -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_strings (JsonObject         *object,
                const char         *name,
                const char * const *expected)
{
  JsonArray *array = json_object_get_array_member (object, name);

  g_assert_cmpuint (json_array_get_length (array), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (json_array_get_string_element (array, i), ==, expected[i]);
}

static void
test_register_client (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const scopes[] = { "sso:account:access", NULL };
  const char * const grants[] = { "authorization_code", "refresh_token", NULL };
  const char * const redirects[] = { "http://127.0.0.1/oauth/callback", NULL };
  g_autoptr(CwSsoOidcRegistration) registration = NULL;
  g_autoptr(JsonObject) body = NULL;

  aws_test_server_reply (fixture->server, 200, "{\"clientId\":\"cid\",\"clientSecret\":\"csecret\","
                                               "\"clientIdIssuedAt\":1700000000,\"clientSecretExpiresAt\":1707776000}");
  cw_sso_oidc_register_client_async (fixture->client, "Causeway", scopes, grants, redirects,
                                     "https://example.awsapps.com/start", NULL, aws_test_store_result, &fixture->result);
  registration = cw_sso_oidc_register_client_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (registration->client_id, ==, "cid");
  g_assert_cmpstr (registration->client_secret, ==, "csecret");
  g_assert_cmpint (registration->client_secret_expires_at, ==, 1707776000);

  body = sent_body (fixture, 0, "/client/register");
  g_assert_cmpstr (json_object_get_string_member (body, "clientName"), ==, "Causeway");
  g_assert_cmpstr (json_object_get_string_member (body, "clientType"), ==, "public");
  g_assert_cmpstr (json_object_get_string_member (body, "issuerUrl"), ==, "https://example.awsapps.com/start");
  assert_strings (body, "scopes", scopes);
  assert_strings (body, "grantTypes", grants);
  assert_strings (body, "redirectUris", redirects);
  g_assert_cmpuint (json_object_get_size (body), ==, 6);
}

/* The AWS CLI's device flow registers without grant types or redirect URIs. */
static void
test_register_legacy (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const scopes[] = { "sso:account:access", NULL };
  g_autoptr(CwSsoOidcRegistration) registration = NULL;
  g_autoptr(JsonObject) body = NULL;

  aws_test_server_reply (fixture->server, 200, "{\"clientId\":\"cid\",\"clientSecret\":\"csecret\"}");
  cw_sso_oidc_register_client_async (fixture->client, "Causeway", scopes, NULL, NULL, NULL, NULL,
                                     aws_test_store_result, &fixture->result);
  registration = cw_sso_oidc_register_client_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  body = sent_body (fixture, 0, "/client/register");
  g_assert_false (json_object_has_member (body, "grantTypes"));
  g_assert_false (json_object_has_member (body, "redirectUris"));
  g_assert_false (json_object_has_member (body, "issuerUrl"));
}

static void
test_start_device_authorization (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(CwSsoOidcDeviceAuthorization) device = NULL;
  g_autoptr(JsonObject) body = NULL;

  aws_test_server_reply (fixture->server, 200, "{\"deviceCode\":\"dc\",\"userCode\":\"ABCD-EFGH\","
                                               "\"verificationUri\":\"https://device.sso.us-east-1.amazonaws.com/\","
                                               "\"verificationUriComplete\":\"https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH\","
                                               "\"expiresIn\":600,\"interval\":1}");
  cw_sso_oidc_start_device_authorization_async (fixture->client, "cid", "csecret", "https://example.awsapps.com/start",
                                                NULL, aws_test_store_result, &fixture->result);
  device = cw_sso_oidc_start_device_authorization_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (device->device_code, ==, "dc");
  g_assert_cmpstr (device->user_code, ==, "ABCD-EFGH");
  g_assert_cmpstr (device->verification_uri_complete, ==, "https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH");
  g_assert_cmpint (device->expires_in, ==, 600);
  g_assert_cmpint (device->interval, ==, 1);
  body = sent_body (fixture, 0, "/device_authorization");
  g_assert_cmpstr (json_object_get_string_member (body, "clientId"), ==, "cid");
  g_assert_cmpstr (json_object_get_string_member (body, "clientSecret"), ==, "csecret");
  g_assert_cmpstr (json_object_get_string_member (body, "startUrl"), ==, "https://example.awsapps.com/start");
}

static CwSsoOidcToken *
create_token (Fixture              *fixture,
              const CwSsoOidcGrant *grant)
{
  g_clear_object (&fixture->result);
  cw_sso_oidc_create_token_async (fixture->client, "cid", "csecret", grant, NULL, aws_test_store_result,
                                  &fixture->result);
  return cw_sso_oidc_create_token_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
}

/* Each grant sends its own members, and only those. */
static void
test_create_token_grants (Fixture       *fixture,
                          gconstpointer  data)
{
  const CwSsoOidcGrant code = { .grant_type = CW_SSO_OIDC_GRANT_AUTHORIZATION_CODE, .code = "the-code",
                                .code_verifier = "the-verifier", .redirect_uri = "http://127.0.0.1:4242/oauth/callback" };
  const CwSsoOidcGrant device = { .grant_type = CW_SSO_OIDC_GRANT_DEVICE_CODE, .device_code = "dc" };
  const CwSsoOidcGrant refresh = { .grant_type = CW_SSO_OIDC_GRANT_REFRESH_TOKEN, .refresh_token = "rt" };
  const char *answer = "{\"accessToken\":\"at\",\"tokenType\":\"Bearer\",\"expiresIn\":28800,\"refreshToken\":\"rt2\"}";
  g_autoptr(CwSsoOidcToken) token = NULL;
  g_autoptr(JsonObject) body = NULL;

  for (guint i = 0; i < 3; i++)
    aws_test_server_reply (fixture->server, 200, answer);
  token = create_token (fixture, &code);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (token->access_token, ==, "at");
  g_assert_cmpstr (token->refresh_token, ==, "rt2");
  g_assert_cmpint (token->expires_in, ==, 28800);
  body = sent_body (fixture, 0, "/token");
  g_assert_cmpstr (json_object_get_string_member (body, "grantType"), ==, "authorization_code");
  g_assert_cmpstr (json_object_get_string_member (body, "code"), ==, "the-code");
  g_assert_cmpstr (json_object_get_string_member (body, "codeVerifier"), ==, "the-verifier");
  g_assert_cmpstr (json_object_get_string_member (body, "redirectUri"), ==, "http://127.0.0.1:4242/oauth/callback");
  g_assert_cmpstr (json_object_get_string_member (body, "clientId"), ==, "cid");
  g_assert_cmpstr (json_object_get_string_member (body, "clientSecret"), ==, "csecret");
  g_assert_cmpuint (json_object_get_size (body), ==, 6);
  g_clear_pointer (&token, cw_sso_oidc_token_free);
  g_clear_pointer (&body, json_object_unref);

  token = create_token (fixture, &device);
  g_assert_no_error (fixture->error);
  body = sent_body (fixture, 1, "/token");
  g_assert_cmpstr (json_object_get_string_member (body, "grantType"), ==, "urn:ietf:params:oauth:grant-type:device_code");
  g_assert_cmpstr (json_object_get_string_member (body, "deviceCode"), ==, "dc");
  g_assert_cmpuint (json_object_get_size (body), ==, 4);
  g_clear_pointer (&token, cw_sso_oidc_token_free);
  g_clear_pointer (&body, json_object_unref);

  token = create_token (fixture, &refresh);
  g_assert_no_error (fixture->error);
  body = sent_body (fixture, 2, "/token");
  g_assert_cmpstr (json_object_get_string_member (body, "grantType"), ==, "refresh_token");
  g_assert_cmpstr (json_object_get_string_member (body, "refreshToken"), ==, "rt");
  g_assert_cmpuint (json_object_get_size (body), ==, 4);
}

typedef struct {
  const char *header;  /* x-amzn-ErrorType, or NULL */
  const char *body;
  const char *code;
  CwAwsError  domain_code;
} ErrorCase;

/* AWS sends the exception in the header and OAuth's code in the body; either is enough. */
static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  const ErrorCase cases[] = {
    { "AuthorizationPendingException:", "{\"error\":\"authorization_pending\",\"error_description\":\"pending\"}",
      "AuthorizationPendingException", CW_AWS_ERROR_FAILED },
    { NULL, "{\"error\":\"slow_down\",\"error_description\":\"slow\"}", "SlowDownException", CW_AWS_ERROR_FAILED },
    { NULL, "{\"error\":\"expired_token\"}", "ExpiredTokenException", CW_AWS_ERROR_INVALID_CREDENTIALS },
    { NULL, "{\"error\":\"access_denied\",\"error_description\":\"denied\"}", "AccessDeniedException",
      CW_AWS_ERROR_ACCESS_DENIED },
    { NULL, "{\"__type\":\"com.amazonaws.ssooidc#InvalidGrantException\",\"message\":\"bad\"}",
      "InvalidGrantException", CW_AWS_ERROR_FAILED },
  };
  const CwSsoOidcGrant device = { .grant_type = CW_SSO_OIDC_GRANT_DEVICE_CODE, .device_code = "dc" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CwSsoOidcToken) token = NULL;

      aws_test_server_reply_error_type (fixture->server, 400, cases[i].header, cases[i].body);
      g_clear_error (&fixture->error);
      token = create_token (fixture, &device);
      g_assert_null (token);
      g_assert_error (fixture->error, CW_AWS_ERROR, (gint) cases[i].domain_code);
      g_assert_cmpstr (cw_aws_error_get_code (fixture->error), ==, cases[i].code);
      g_assert_cmpstr (cw_aws_error_get_action (fixture->error), ==, "sso-oidc:CreateToken");
      /* Sent once: none of these is retried by the client. */
      g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, i + 1);
      /* The error never carries the body's secrets. */
      g_assert_null (strstr (fixture->error->message, "csecret"));
    }
}

/* A 500 is retried with the client's policy, as for the Query protocol. */
static void
test_retry (Fixture       *fixture,
            gconstpointer  data)
{
  const CwSsoOidcGrant refresh = { .grant_type = CW_SSO_OIDC_GRANT_REFRESH_TOKEN, .refresh_token = "rt" };
  g_autoptr(CwSsoOidcToken) token = NULL;

  aws_test_server_reply_error_type (fixture->server, 500, "InternalServerException", "{\"message\":\"oops\"}");
  aws_test_server_reply (fixture->server, 200, "{\"accessToken\":\"at\",\"expiresIn\":60}");
  token = create_token (fixture, &refresh);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (token->access_token, ==, "at");
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 2);
}

/* With every debug message shown, the secrets of the body and the bearer header are not. */
static void
test_debug_log_hides_secrets (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(AwsTestServer) server = aws_test_server_new ();
      g_autoptr(CwAwsClient) client = aws_test_client_new (server, NULL);
      const CwSsoOidcGrant grant = { .grant_type = CW_SSO_OIDC_GRANT_AUTHORIZATION_CODE, .code = "CODE-SECRET",
                                     .code_verifier = "VERIFIER-SECRET", .redirect_uri = "http://127.0.0.1:1/oauth/callback" };
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CwSsoOidcToken) token = NULL;

      g_log_set_writer_func (g_log_writer_standard_streams, NULL, NULL);
      aws_test_server_reply (server, 200, "{\"accessToken\":\"ACCESS-SECRET\",\"expiresIn\":60,\"refreshToken\":\"REFRESH-SECRET\"}");
      cw_sso_oidc_create_token_async (client, "cid", "CLIENT-SECRET", &grant, NULL, aws_test_store_result, &result);
      token = cw_sso_oidc_create_token_finish (client, aws_test_wait (&result), &error);
      g_assert_no_error (error);
      return;
    }
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*sso-oidc:CreateToken*/token*bytes of JSON, not shown*");
  g_test_trap_assert_stdout_unmatched ("*SECRET*");
  g_test_trap_assert_stderr_unmatched ("*SECRET*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name) g_test_add ("/aws/sso-oidc/" #name, Fixture, NULL, aws_test_fixture_set_up, test_##name, aws_test_fixture_tear_down)
  ADD (register_client);
  ADD (register_legacy);
  ADD (start_device_authorization);
  ADD (create_token_grants);
  ADD (errors);
  ADD (retry);
#undef ADD
  g_test_add_func ("/aws/sso-oidc/debug-log-hides-secrets", test_debug_log_hides_secrets);
  return g_test_run ();
}
