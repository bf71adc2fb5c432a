/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-sso.c: the simulated IAM Identity Center as AWS checks it: SSO OIDC's
 * registration and its three grants (PKCE verified, device codes pending, slowed down
 * and expiring, refresh tokens spent by their use), the browser pages, and the portal
 * whose role credentials the other services accept until they expire. */
#include "config.h"

#include <string.h>

#include "cw-sandbox-world.h"
#include "sandbox-test.h"

#define START_URL   "https://causeway-sandbox.awsapps.com/start"
#define CALLBACK    "http://127.0.0.1:4321/oauth/callback"
#define DEVICE      "urn:ietf:params:oauth:grant-type:device_code"
/* RFC 7636 Appendix B. */
#define VERIFIER    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define CHALLENGE   "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
#define FORM        "application/x-www-form-urlencoded"

typedef struct {
  char *id;
  char *secret;
} Client;

static void
client_clear (Client *client)
{
  g_free (client->id);
  g_free (client->secret);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Client, client_clear)

static JsonObject *
rest_ok (SbTest     *sb,
         const char *method,
         const char *path,
         const char *bearer,
         const char *json)
{
  g_autofree char *error_type = NULL;
  guint status = 0;
  JsonObject *answer = sb_rest (sb, method, path, bearer, json, &status, &error_type);

  if (status != 200)
    g_error ("%s %s answered %u %s", method, path, status, error_type);
  g_assert_nonnull (answer);
  return answer;
}

/* Both APIs name the exception in x-amzn-ErrorType; SSO OIDC's body is OAuth's error
 * object, the portal's a message. */
static void
rest_error (SbTest     *sb,
            const char *path,
            const char *bearer,
            const char *json,
            guint       status,
            const char *error_type,
            const char *oauth_error)
{
  g_autofree char *got_type = NULL;
  guint got = 0;
  g_autoptr(JsonObject) answer = sb_rest (sb, bearer ? "GET" : "POST", path, bearer, json, &got, &got_type);

  g_assert_cmpuint (got, ==, status);
  g_assert_cmpstr (got_type, ==, error_type);
  g_assert_nonnull (answer);
  if (oauth_error != NULL)
    {
      g_assert_cmpstr (json_object_get_string_member (answer, "error"), ==, oauth_error);
      g_assert_true (json_object_has_member (answer, "error_description"));
    }
  else
    g_assert_true (json_object_has_member (answer, "message"));
}

static void
register_client (SbTest     *sb,
                 const char *json,
                 Client     *client)
{
  g_autoptr(JsonObject) answer = rest_ok (sb, "POST", "/client/register", NULL, json);

  client->id = g_strdup (json_object_get_string_member (answer, "clientId"));
  client->secret = g_strdup (json_object_get_string_member (answer, "clientSecret"));
  g_assert_cmpint (json_object_get_int_member (answer, "clientSecretExpiresAt"), >,
                   json_object_get_int_member (answer, "clientIdIssuedAt"));
}

static void
register_pkce_client (SbTest *sb,
                      Client *client)
{
  register_client (sb, "{\"clientName\": \"Causeway\", \"clientType\": \"public\", \"scopes\": [\"sso:account:access\"],"
                       " \"grantTypes\": [\"authorization_code\", \"refresh_token\"],"
                       " \"redirectUris\": [\"http://127.0.0.1/oauth/callback\"], \"issuerUrl\": \"" START_URL "\"}",
                   client);
}

static char *
token_request (const Client *client,
               const char   *grant,
               const char   *name,
               const char   *value,
               const char   *more)
{
  return g_strdup_printf ("{\"clientId\": \"%s\", \"clientSecret\": \"%s\", \"grantType\": \"%s\", \"%s\": \"%s\"%s}",
                          client->id, client->secret, grant, name, value, more ? more : "");
}

static char *
query_value (const char *location,
             const char *name)
{
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);

  return g_strdup (g_hash_table_lookup (params, name));
}

/* Asks /authorize as a browser does, then presses @button; gives the redirect. */
static char *
authorize_with (SbTest       *sb,
                const Client *client,
                const char   *challenge,
                const char   *redirect_uri,
                const char   *state,
                const char   *button)
{
  g_autofree char *query = g_strdup_printf ("response_type=code&client_id=%s&redirect_uri=%s&state=%s"
                                            "&code_challenge=%s&code_challenge_method=S256"
                                            "&scopes=sso%%3Aaccount%%3Aaccess", client->id, redirect_uri, state,
                                            challenge);
  g_autofree char *hidden = g_strdup_printf ("name=\"code_challenge\" value=\"%s\"", challenge);
  g_autofree char *path = g_strconcat ("/authorize?", query, NULL);
  g_autofree char *page = NULL;
  g_autofree char *form = NULL;
  g_autofree char *location = NULL;
  g_autofree char *answer = NULL;
  guint status = 0;

  page = sb_http (sb, "GET", path, NULL, NULL, NULL, &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (page, "Allow Causeway to access your AWS accounts?"));
  g_assert_nonnull (strstr (page, "id=\"allow\""));
  g_assert_nonnull (strstr (page, hidden));
  form = g_strconcat (query, "&decision=", button, NULL);
  answer = sb_http (sb, "POST", "/authorize", FORM, form, NULL, &status, &location);
  g_assert_cmpuint (status, ==, 302);
  return g_steal_pointer (&location);
}

static char *
authorize (SbTest       *sb,
           const Client *client,
           const char   *redirect_uri,
           const char   *state,
           const char   *button)
{
  return authorize_with (sb, client, CHALLENGE, redirect_uri, state, button);
}

/* BASE64URL(SHA256(@verifier)), whatever the verifier holds. */
static char *
challenge_of (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);
  return cw_sb_base64url (digest, length);
}

/* A verifier may hold only RFC 7636's unreserved characters, even if its hash fits. */
static void
test_verifier_alphabet (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_auto(Client) client = { 0 };
  const char *verifier = "dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk";
  g_autofree char *challenge = challenge_of (verifier);
  g_autofree char *location = NULL;
  g_autofree char *code = NULL;
  g_autofree char *request = NULL;

  register_pkce_client (sb, &client);
  location = authorize_with (sb, &client, challenge, CALLBACK, "s", "allow");
  code = query_value (location, "code");
  request = g_strdup_printf ("{\"clientId\": \"%s\", \"clientSecret\": \"%s\", \"grantType\": \"authorization_code\","
                             " \"code\": \"%s\", \"redirectUri\": \"" CALLBACK "\", \"codeVerifier\": \"%s\"}",
                             client.id, client.secret, code, verifier);
  rest_error (sb, "/token", NULL, request, 400, "InvalidGrantException", "invalid_grant");
}

static void
test_register (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_auto(Client) legacy = { 0 };
  g_auto(Client) pkce = { 0 };

  register_client (sb, "{\"clientName\": \"cli\", \"clientType\": \"public\", \"scopes\": [\"sso:account:access\"]}", &legacy);
  register_pkce_client (sb, &pkce);
  g_assert_cmpstr (legacy.id, !=, pkce.id);
  rest_error (sb, "/client/register", NULL, "{\"clientName\": \"x\", \"clientType\": \"confidential\"}", 400,
              "InvalidClientMetadataException", "invalid_client_metadata");
  rest_error (sb, "/client/register", NULL, "{\"clientName\": \"x\", \"clientType\": \"public\", \"scopes\": [\"admin\"]}",
              400, "InvalidScopeException", "invalid_scope");
  rest_error (sb, "/client/register", NULL, "{\"clientName\": \"x\", \"clientType\": \"public\","
              " \"grantTypes\": [\"authorization_code\"], \"redirectUris\": [\"https://example.com/cb\"],"
              " \"issuerUrl\": \"" START_URL "\"}", 400, "InvalidRedirectUriException", "invalid_redirect_uri");
  rest_error (sb, "/client/register", NULL, "{\"clientName\": \"x\", \"clientType\": \"public\","
              " \"grantTypes\": [\"authorization_code\"], \"redirectUris\": [\"http://127.0.0.1/cb\"],"
              " \"issuerUrl\": \"https://elsewhere.awsapps.com/start\"}", 400, "InvalidRequestException", "invalid_request");
  rest_error (sb, "/client/register", NULL, "{\"clientName\": \"x\", \"clientType\": \"public\","
              " \"grantTypes\": [\"password\"]}", 400, "UnsupportedGrantTypeException", "unsupported_grant_type");
  rest_error (sb, "/client/register", NULL, "not json", 400, "InvalidRequestException", "invalid_request");
}

static void
test_authorization_code (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_auto(Client) client = { 0 };
  g_autofree char *location = NULL;
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *request = NULL;
  g_autofree char *good = NULL;
  g_autoptr(JsonObject) tokens = NULL;

  register_pkce_client (sb, &client);
  location = authorize (sb, &client, CALLBACK, "s%20t%26ate", "allow");
  g_assert_true (g_str_has_prefix (location, CALLBACK "?code="));
  code = query_value (location, "code");
  state = query_value (location, "state");
  g_assert_cmpstr (state, ==, "s t&ate");
  /* A wrong verifier spends the code: the right one cannot follow. */
  request = token_request (&client, "authorization_code", "code", code,
                           ", \"redirectUri\": \"" CALLBACK "\", \"codeVerifier\": \"" VERIFIER "x\"");
  rest_error (sb, "/token", NULL, request, 400, "InvalidGrantException", "invalid_grant");
  good = token_request (&client, "authorization_code", "code", code,
                        ", \"redirectUri\": \"" CALLBACK "\", \"codeVerifier\": \"" VERIFIER "\"");
  rest_error (sb, "/token", NULL, good, 400, "InvalidGrantException", "invalid_grant");
  g_clear_pointer (&location, g_free);
  g_clear_pointer (&code, g_free);
  g_clear_pointer (&good, g_free);
  location = authorize (sb, &client, CALLBACK, "again", "allow");
  code = query_value (location, "code");
  good = token_request (&client, "authorization_code", "code", code,
                        ", \"redirectUri\": \"" CALLBACK "\", \"codeVerifier\": \"" VERIFIER "\"");
  tokens = rest_ok (sb, "POST", "/token", NULL, good);
  g_assert_cmpstr (json_object_get_string_member (tokens, "tokenType"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (tokens, "expiresIn"), ==, 8 * 3600);
  g_assert_true (json_object_has_member (tokens, "refreshToken"));
}

static void
test_authorize_refusals (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_auto(Client) client = { 0 };
  g_autofree char *denied = NULL;
  g_autofree char *error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *page = NULL;
  g_autofree char *location = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *other = NULL;
  guint status = 0;

  register_pkce_client (sb, &client);
  denied = authorize (sb, &client, CALLBACK, "kept", "deny");
  error = query_value (denied, "error");
  g_assert_cmpstr (error, ==, "access_denied");
  g_assert_nonnull (strstr (denied, "state=kept"));
  /* Never sent to a redirect URI the client did not register. */
  other = g_strdup_printf ("/authorize?response_type=code&client_id=%s&redirect_uri=http://127.0.0.1:4321/other"
                           "&state=s&code_challenge=" CHALLENGE "&code_challenge_method=S256", client.id);
  page = sb_http (sb, "GET", other, NULL, NULL, NULL, &status, &location);
  g_assert_cmpuint (status, ==, 400);
  g_assert_null (location);
  g_clear_pointer (&page, g_free);
  page = sb_http (sb, "GET", "/authorize?response_type=code&client_id=unknown&redirect_uri=" CALLBACK, NULL, NULL,
                  NULL, &status, &location);
  g_assert_cmpuint (status, ==, 400);
  /* PKCE is required, with S256. */
  path = g_strdup_printf ("/authorize?response_type=code&client_id=%s&redirect_uri=" CALLBACK "&state=s"
                          "&code_challenge=" CHALLENGE "&code_challenge_method=plain", client.id);
  g_free (sb_http (sb, "GET", path, NULL, NULL, NULL, &status, &plain));
  g_assert_cmpuint (status, ==, 302);
  g_assert_true (g_str_has_prefix (plain, CALLBACK "?error=invalid_request"));
  g_assert_nonnull (strstr (plain, "state=s"));
}

static JsonObject *
start_device (SbTest       *sb,
              const Client *client)
{
  g_autofree char *request = g_strdup_printf ("{\"clientId\": \"%s\", \"clientSecret\": \"%s\", \"startUrl\": \"%s\"}",
                                              client->id, client->secret, START_URL);

  return rest_ok (sb, "POST", "/device_authorization", NULL, request);
}

static void
approve (SbTest     *sb,
         const char *user_code,
         guint       expected_status)
{
  g_autofree char *form = g_strdup_printf ("user_code=%s&decision=allow", user_code);
  g_autofree char *page = NULL;
  guint status = 0;

  page = sb_http (sb, "POST", "/device", FORM, form, NULL, &status, NULL);
  g_assert_cmpuint (status, ==, expected_status);
}

static void
test_device_code (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_auto(Client) client = { 0 };
  g_autoptr(JsonObject) device = NULL;
  g_autoptr(JsonObject) tokens = NULL;
  g_autofree char *poll = NULL;
  g_autofree char *complete = NULL;
  g_autofree char *page = NULL;
  const char *user_code;
  guint status = 0;

  register_client (sb, "{\"clientName\": \"cli\", \"clientType\": \"public\", \"scopes\": [\"sso:account:access\"]}", &client);
  device = start_device (sb, &client);
  user_code = json_object_get_string_member (device, "userCode");
  g_assert_cmpint (json_object_get_int_member (device, "interval"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (device, "expiresIn"), ==, 600);
  complete = g_strdup_printf ("%s/device?user_code=%s", sb->base, user_code);
  g_assert_cmpstr (json_object_get_string_member (device, "verificationUriComplete"), ==, complete);
  page = sb_http (sb, "GET", complete + strlen (sb->base), NULL, NULL, NULL, &status, NULL);
  g_assert_nonnull (strstr (page, "id=\"user_code\" name=\"user_code\""));
  g_assert_nonnull (strstr (page, user_code));
  poll = token_request (&client, DEVICE, "deviceCode", json_object_get_string_member (device, "deviceCode"), NULL);
  rest_error (sb, "/token", NULL, poll, 400, "AuthorizationPendingException", "authorization_pending");
  rest_error (sb, "/token", NULL, poll, 400, "SlowDownException", "slow_down");
  cw_sandbox_advance_clock (sb->sandbox, 6);
  rest_error (sb, "/token", NULL, poll, 400, "AuthorizationPendingException", "authorization_pending");
  approve (sb, user_code, 200);
  approve (sb, user_code, 400);
  cw_sandbox_advance_clock (sb->sandbox, 6);
  tokens = rest_ok (sb, "POST", "/token", NULL, poll);
  g_assert_true (json_object_has_member (tokens, "accessToken"));
  rest_error (sb, "/token", NULL, poll, 400, "InvalidGrantException", "invalid_grant");
}

static void
test_device_code_refusals (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_auto(Client) client = { 0 };
  g_auto(Client) pkce = { 0 };
  g_autoptr(JsonObject) device = NULL;
  g_autofree char *poll = NULL;
  g_autofree char *wrong_secret = NULL;
  g_autofree char *wrong_url = NULL;

  register_client (sb, "{\"clientName\": \"cli\", \"clientType\": \"public\"}", &client);
  device = start_device (sb, &client);
  poll = token_request (&client, DEVICE, "deviceCode", json_object_get_string_member (device, "deviceCode"), NULL);
  cw_sandbox_advance_clock (sb->sandbox, 601);
  rest_error (sb, "/token", NULL, poll, 400, "ExpiredTokenException", "expired_token");
  approve (sb, json_object_get_string_member (device, "userCode"), 400);
  wrong_secret = g_strdup_printf ("{\"clientId\": \"%s\", \"clientSecret\": \"nope\", \"startUrl\": \"%s\"}",
                                  client.id, START_URL);
  rest_error (sb, "/device_authorization", NULL, wrong_secret, 401, "InvalidClientException", "invalid_client");
  wrong_url = g_strdup_printf ("{\"clientId\": \"%s\", \"clientSecret\": \"%s\", \"startUrl\": \"https://x.awsapps.com/start\"}",
                               client.id, client.secret);
  rest_error (sb, "/device_authorization", NULL, wrong_url, 400, "InvalidRequestException", "invalid_request");
  /* A client registered for the authorization code only has no device codes. */
  register_pkce_client (sb, &pkce);
  g_free (wrong_url);
  wrong_url = g_strdup_printf ("{\"clientId\": \"%s\", \"clientSecret\": \"%s\", \"startUrl\": \"%s\"}",
                               pkce.id, pkce.secret, START_URL);
  rest_error (sb, "/device_authorization", NULL, wrong_url, 400, "UnauthorizedClientException", "unauthorized_client");
}

/* Signs in with the device code; gives the token answer. */
static JsonObject *
sign_in (SbTest *sb,
         Client *client)
{
  g_autoptr(JsonObject) device = NULL;
  g_autofree char *poll = NULL;

  register_client (sb, "{\"clientName\": \"cli\", \"clientType\": \"public\", \"scopes\": [\"sso:account:access\"]}", client);
  device = start_device (sb, client);
  approve (sb, json_object_get_string_member (device, "userCode"), 200);
  poll = token_request (client, DEVICE, "deviceCode", json_object_get_string_member (device, "deviceCode"), NULL);
  return rest_ok (sb, "POST", "/token", NULL, poll);
}

static void
test_refresh (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_auto(Client) client = { 0 };
  g_autoptr(JsonObject) first = sign_in (sb, &client);
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) third = NULL;
  g_autofree char *refresh = token_request (&client, "refresh_token", "refreshToken",
                                            json_object_get_string_member (first, "refreshToken"), NULL);
  g_autofree char *refresh_again = NULL;

  second = rest_ok (sb, "POST", "/token", NULL, refresh);
  g_assert_cmpstr (json_object_get_string_member (second, "accessToken"), !=,
                   json_object_get_string_member (first, "accessToken"));
  rest_error (sb, "/token", NULL, refresh, 400, "InvalidGrantException", "invalid_grant");
  refresh_again = token_request (&client, "refresh_token", "refreshToken",
                                 json_object_get_string_member (second, "refreshToken"), NULL);
  third = rest_ok (sb, "POST", "/token", NULL, refresh_again);
  g_assert_true (json_object_has_member (third, "refreshToken"));
}

static CwAwsCredentials *
role_credentials (SbTest     *sb,
                  const char *token,
                  const char *account,
                  const char *role)
{
  g_autofree char *path = g_strdup_printf ("/federation/credentials?role_name=%s&account_id=%s", role, account);
  g_autoptr(JsonObject) answer = rest_ok (sb, "GET", path, token, NULL);
  JsonObject *keys = json_object_get_object_member (answer, "roleCredentials");
  gint64 expiration = json_object_get_int_member (keys, "expiration");
  gint64 hour_ms = (g_get_real_time () / 1000) + 3600 * 1000;

  g_assert_cmpint (ABS (expiration - hour_ms), <, 60 * 1000);
  return cw_aws_credentials_new (json_object_get_string_member (keys, "accessKeyId"),
                                 json_object_get_string_member (keys, "secretAccessKey"),
                                 json_object_get_string_member (keys, "sessionToken"));
}

static void
test_portal_listings (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_auto(Client) client = { 0 };
  g_autoptr(JsonObject) tokens = sign_in (sb, &client);
  const char *token = json_object_get_string_member (tokens, "accessToken");
  g_autoptr(JsonObject) page = rest_ok (sb, "GET", "/assignment/accounts?max_result=1", token, NULL);
  g_autoptr(JsonObject) rest = NULL;
  g_autoptr(JsonObject) roles = NULL;
  g_autofree char *next = g_strdup_printf ("/assignment/accounts?max_result=1&next_token=%s",
                                           json_object_get_string_member (page, "nextToken"));
  JsonObject *first = json_array_get_object_element (json_object_get_array_member (page, "accountList"), 0);

  g_assert_cmpstr (json_object_get_string_member (first, "accountId"), ==, "111122223333");
  g_assert_true (json_object_has_member (first, "accountName") && json_object_has_member (first, "emailAddress"));
  rest = rest_ok (sb, "GET", next, token, NULL);
  g_assert_false (json_object_has_member (rest, "nextToken"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rest, "accountList")), ==, 1);
  roles = rest_ok (sb, "GET", "/assignment/roles?account_id=111122223333", token, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (roles, "roleList"), 0),
                                                  "roleName"), ==, "AdministratorAccess");
  rest_error (sb, "/assignment/accounts?max_result=0", token, NULL, 400, "InvalidRequestException", NULL);
  rest_error (sb, "/assignment/roles", token, NULL, 400, "InvalidRequestException", NULL);
  rest_error (sb, "/assignment/roles?account_id=999988887777", token, NULL, 403, "ForbiddenException", NULL);
  rest_error (sb, "/assignment/accounts", "not-a-token", NULL, 401, "UnauthorizedException", NULL);
}

static void
test_role_credentials (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_auto(Client) client = { 0 };
  g_autoptr(JsonObject) tokens = sign_in (sb, &client);
  const char *token = json_object_get_string_member (tokens, "accessToken");
  g_autoptr(CwAwsCredentials) admin = role_credentials (sb, token, "111122223333", "AdministratorAccess");
  g_autoptr(CwAwsCredentials) staging = role_credentials (sb, token, "444455556666", "ReadOnlyAccess");
  g_autofree char *identity = NULL;
  g_autofree char *arn = NULL;

  sb_test_sign_as (sb, admin);
  identity = sb_aws_ok (sb, "sts", "GetCallerIdentity", NULL);
  sb_test_sign_as (sb, NULL);
  arn = sb_xml_get (identity, "Arn");
  g_assert_true (g_str_has_prefix (arn, "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_"));
  g_assert_true (g_str_has_suffix (arn, "/sandbox-user"));
  sb_aws_expect_as (sb, admin, "ec2", "DescribeVpcs", 200, NULL);
  sb_aws_expect_as (sb, staging, "sts", "GetCallerIdentity", 200, NULL);
  sb_aws_expect_as (sb, staging, "ec2", "DescribeVpcs", 403, "UnauthorizedOperation");
  sb_aws_expect_as (sb, staging, "rds", "DescribeDBInstances", 403, "AccessDenied");
  rest_error (sb, "/federation/credentials?role_name=AdministratorAccess&account_id=444455556666", token, NULL,
              403, "ForbiddenException", NULL);
  /* A permission set's hour, on the sandbox's clock. */
  cw_sandbox_advance_clock (sb->sandbox, 3601);
  sb_aws_expect_as (sb, admin, "sts", "GetCallerIdentity", 403, "ExpiredToken");
  sb_aws_expect_as (sb, admin, "ec2", "DescribeVpcs", 400, "RequestExpired");
}

static void
test_token_lifetime_and_logout (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_auto(Client) client = { 0 };
  g_autoptr(JsonObject) tokens = sign_in (sb, &client);
  g_autoptr(JsonObject) later = NULL;
  g_autofree char *refresh = token_request (&client, "refresh_token", "refreshToken",
                                            json_object_get_string_member (tokens, "refreshToken"), NULL);
  const char *token = json_object_get_string_member (tokens, "accessToken");
  guint status = 0;

  json_object_unref (rest_ok (sb, "GET", "/assignment/accounts", token, NULL));
  cw_sandbox_advance_clock (sb->sandbox, 8 * 3600 + 1);
  rest_error (sb, "/assignment/accounts", token, NULL, 401, "UnauthorizedException", NULL);
  later = rest_ok (sb, "POST", "/token", NULL, refresh);
  token = json_object_get_string_member (later, "accessToken");
  g_free (sb_http (sb, "POST", "/logout", NULL, NULL, token, &status, NULL));
  g_assert_cmpuint (status, ==, 200);
  rest_error (sb, "/assignment/accounts", token, NULL, 401, "UnauthorizedException", NULL);
  g_free (refresh);
  refresh = token_request (&client, "refresh_token", "refreshToken", json_object_get_string_member (later, "refreshToken"), NULL);
  rest_error (sb, "/token", NULL, refresh, 400, "InvalidGrantException", "invalid_grant");
}

/* The --faults rules reach IAM Identity Center too, in each API's own words. */
static void
test_faults (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", "throttle:sso-oidc.RegisterClient,5xx:sso.ListAccounts:status=503,"
                                             "drop:sso-oidc.CreateToken,delay:sso.ListAccountRoles:ms=50");
  g_auto(Client) client = { 0 };
  g_autoptr(JsonObject) device = NULL;
  g_autoptr(JsonNode) dump = NULL;
  g_autofree char *poll = NULL;
  g_autofree char *error_type = NULL;
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(JsonObject) roles = NULL;
  guint status = 0;

  rest_error (sb, "/client/register", NULL, "{\"clientName\": \"cli\", \"clientType\": \"public\"}", 400,
              "SlowDownException", "slow_down");
  register_client (sb, "{\"clientName\": \"cli\", \"clientType\": \"public\", \"scopes\": [\"sso:account:access\"]}", &client);
  device = start_device (sb, &client);
  approve (sb, json_object_get_string_member (device, "userCode"), 200);
  poll = token_request (&client, DEVICE, "deviceCode", json_object_get_string_member (device, "deviceCode"), NULL);
  g_assert_null (sb_rest (sb, "POST", "/token", NULL, poll, &status, &error_type));
  g_assert_cmpuint (status, ==, SOUP_STATUS_NONE);
  tokens = rest_ok (sb, "POST", "/token", NULL, poll);
  rest_error (sb, "/assignment/accounts", json_object_get_string_member (tokens, "accessToken"), NULL, 503,
              "InternalServerException", NULL);
  /* A delayed answer still reads the query it was asked. */
  roles = rest_ok (sb, "GET", "/assignment/roles?account_id=111122223333", json_object_get_string_member (tokens, "accessToken"), NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (roles, "roleList")), ==, 2);
  dump = cw_sandbox_dump_inventory (sb->sandbox);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (dump), "requests"),
                                               "sso-oidc.CreateToken"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/sso/register", test_register);
  g_test_add_func ("/sandbox/sso/authorization-code", test_authorization_code);
  g_test_add_func ("/sandbox/sso/authorize-refusals", test_authorize_refusals);
  g_test_add_func ("/sandbox/sso/verifier-alphabet", test_verifier_alphabet);
  g_test_add_func ("/sandbox/sso/device-code", test_device_code);
  g_test_add_func ("/sandbox/sso/device-code-refusals", test_device_code_refusals);
  g_test_add_func ("/sandbox/sso/refresh", test_refresh);
  g_test_add_func ("/sandbox/sso/portal-listings", test_portal_listings);
  g_test_add_func ("/sandbox/sso/role-credentials", test_role_credentials);
  g_test_add_func ("/sandbox/sso/token-lifetime-and-logout", test_token_lifetime_and_logout);
  g_test_add_func ("/sandbox/sso/faults", test_faults);
  return g_test_run ();
}
