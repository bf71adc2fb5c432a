/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IAM Identity Center sign-in against the in-process sandbox, with a real keyring
 * (tools/session --fresh): the test plays the person in the browser with libsoup. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cw-aws-error.h"
#include "cw-engine-error.h"
#include "cw-sso.h"
#include "cw-sso-role-provider.h"
#include "cw-sso-session.h"
#include "cw-sts.h"
#include "cw-test-sandbox.h"

/* Fast enough for a test, slow enough that an access token outlives the refresh window. */
#define TIME_SCALE 0.05
#define WAIT_S 60
/* Long enough for the device flow to poll while the sign-in is still pending. */
#define APPROVAL_DELAY_MS 1500

static CwTestSandbox *sandbox;

/* What the person does in the browser. */
typedef enum {
  PERSON_ALLOWS,
  PERSON_TAMPERS_STATE,  /* the redirect reaches the loopback with another state */
  PERSON_WALKS_AWAY,     /* the caller cancels while the sign-in waits */
  PERSON_DENIES,
  PERSON_APPROVES_DEVICE,  /* a little later: the sign-in polls while it is pending */
  PERSON_LETS_CODE_EXPIRE, /* never approves, and the device code's lifetime passes */
} Person;

typedef struct {
  Person        person;
  SoupSession  *browser;
  GCancellable *cancellable;
  char         *redirect_uri;
  char         *user_code;
  char         *page;       /* the last page the browser showed */
  char         *device_page;
  gboolean      approved;
  GAsyncResult *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->person = GPOINTER_TO_INT (data);
  fixture->browser = soup_session_new ();
  fixture->cancellable = g_cancellable_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->browser);
  g_clear_object (&fixture->cancellable);
  g_free (fixture->redirect_uri);
  g_free (fixture->user_code);
  g_free (fixture->page);
  g_free (fixture->device_page);
  g_clear_object (&fixture->result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  if (!cw_test_wait ((gpointer *) slot, WAIT_S))
    g_error ("an asynchronous call did not finish within %d s", WAIT_S);
  return *slot;
}

/* ---- the browser ---- */

static char *
unescape_html (const char *text)
{
  static const char * const entities[][2] = {
    { "&amp;", "&" }, { "&quot;", "\"" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&#39;", "'" },
  };
  g_autoptr(GString) out = g_string_new (text);

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    g_string_replace (out, entities[i][0], entities[i][1], 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The hidden inputs of the consent page's form, as a browser would submit them. */
static GHashTable *
read_form (const char *page)
{
  g_autoptr(GRegex) regex = g_regex_new ("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_regex_match (regex, page, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *value = g_match_info_fetch (match, 2);

      g_hash_table_insert (form, g_match_info_fetch (match, 1), unescape_html (value));
      g_match_info_next (match, NULL);
    }
  return form;
}

static char *
browse (Fixture     *fixture,
        SoupMessage *message)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL, cw_test_store_result, &result);
  body = soup_session_send_and_read_finish (fixture->browser, wait_result (&result), &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static char *
get_page (Fixture    *fixture,
          const char *uri)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  return browse (fixture, message);
}

/* Presses a form's button (Allow or Deny): its fields and the decision, posted to @uri.
 * A redirect is not followed here, so that the test can see (and tamper with) it. */
static char *
press_button (Fixture    *fixture,
              const char *uri,
              GHashTable *fields,
              const char *decision)
{
  g_autofree char *ignored = NULL;
  g_autoptr(SoupMessage) message = NULL;
  const char *location;

  g_hash_table_insert (fields, g_strdup ("decision"), g_strdup (decision));
  message = soup_message_new_from_encoded_form ("POST", uri, soup_form_encode_hash (fields));
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  ignored = browse (fixture, message);
  location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
  return g_strdup (location);
}

static char *
replace_state (const char *location)
{
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GHashTable) query = soup_form_decode (g_uri_get_query (uri));
  g_autoptr(GUri) tampered = NULL;
  g_autofree char *encoded = NULL;

  /* soup_form_decode()'s table frees its keys only: the value stays a static string. */
  g_hash_table_replace (query, g_strdup ("state"), (gpointer) "not-this-sign-in");
  encoded = soup_form_encode_hash (query);
  tampered = soup_uri_copy (uri, SOUP_URI_QUERY, encoded, SOUP_URI_NONE);
  return g_uri_to_string (tampered);
}

static void
approve_device (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GHashTable) form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (form, g_strdup ("user_code"), g_strdup (fixture->user_code));
  g_free (press_button (fixture, fixture->device_page, form, "allow"));
  fixture->approved = TRUE;
}

static void
on_device_code (CwSsoSignIn *sign_in,
                const char  *user_code,
                const char  *verification_uri,
                Fixture     *fixture)
{
  g_assert_nonnull (verification_uri);
  fixture->user_code = g_strdup (user_code);
}

/* The person at the browser: what CwSsoSignIn::open-uri would show them. */
static void
on_open_uri (CwSsoSignIn *sign_in,
             const char  *uri,
             Fixture     *fixture)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GHashTable) query = soup_form_decode (g_uri_get_query (parsed));
  g_autofree char *page = NULL;
  g_autofree char *action = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GHashTable) form = NULL;

  if (fixture->person == PERSON_APPROVES_DEVICE || fixture->person == PERSON_LETS_CODE_EXPIRE)
    {
      g_assert_nonnull (fixture->user_code);
      g_assert_cmpstr (g_hash_table_lookup (query, "user_code"), ==, fixture->user_code);
      g_clear_pointer (&fixture->device_page, g_free);
      fixture->device_page = g_strdup_printf ("%s://%s:%d/device", g_uri_get_scheme (parsed), g_uri_get_host (parsed),
                                              g_uri_get_port (parsed));
      if (fixture->person == PERSON_LETS_CODE_EXPIRE)
        cw_sandbox_advance_clock (sandbox->sandbox, 11 * 60);
      else
        g_timeout_add_once (APPROVAL_DELAY_MS, approve_device, fixture);
      return;
    }
  /* The authorize URL is SSO OIDC's, with PKCE and a loopback redirect. */
  g_assert_cmpstr (g_uri_get_path (parsed), ==, "/authorize");
  g_assert_cmpstr (g_hash_table_lookup (query, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge_method"), ==, "S256");
  g_assert_cmpuint (strlen (g_hash_table_lookup (query, "code_challenge")), ==, 43);
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (query, "redirect_uri"), "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (query, "redirect_uri"), "/oauth/callback"));
  g_free (fixture->redirect_uri);
  fixture->redirect_uri = g_strdup (g_hash_table_lookup (query, "redirect_uri"));
  if (fixture->person == PERSON_WALKS_AWAY)
    {
      g_cancellable_cancel (fixture->cancellable);
      return;
    }
  page = get_page (fixture, uri);
  g_assert_nonnull (strstr (page, "id=\"allow\""));
  form = read_form (page);
  action = g_strdup_printf ("%s://%s:%d/authorize", g_uri_get_scheme (parsed), g_uri_get_host (parsed),
                            g_uri_get_port (parsed));
  location = press_button (fixture, action, form, fixture->person == PERSON_DENIES ? "deny" : "allow");
  g_assert_true (g_str_has_prefix (location, fixture->redirect_uri));
  if (fixture->person == PERSON_TAMPERS_STATE)
    {
      g_autofree char *tampered = replace_state (location);

      g_free (location);
      location = g_steal_pointer (&tampered);
    }
  g_free (fixture->page);
  fixture->page = get_page (fixture, location);
}

static CwSsoToken *
sign_in (Fixture     *fixture,
         const char  *session_key,
         CwSsoFlow    flow,
         GError     **error)
{
  g_autoptr(CwSsoSignIn) sign_in = cw_sso_sign_in_new (session_key, CW_SANDBOX_SSO_START_URL, CW_SANDBOX_SSO_REGION, NULL);

  cw_sso_sign_in_set_timeout (sign_in, WAIT_S);
  cw_sso_sign_in_set_time_scale (sign_in, TIME_SCALE);
  g_signal_connect (sign_in, "device-code", G_CALLBACK (on_device_code), fixture);
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (on_open_uri), fixture);
  g_clear_object (&fixture->result);
  cw_sso_sign_in_run_async (sign_in, flow, fixture->cancellable, cw_test_store_result, &fixture->result);
  return cw_sso_sign_in_run_finish (sign_in, wait_result (&fixture->result), error);
}

static CwSsoToken *
get_token (const char  *session_key,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_sso_session_get_token_async (session_key, CW_SANDBOX_SSO_START_URL, CW_SANDBOX_SSO_REGION, NULL,
                                  cw_test_store_result, &result);
  return cw_sso_session_get_token_finish (wait_result (&result), error);
}

static void
assert_signed_in (CwSsoToken *token)
{
  g_assert_nonnull (token);
  g_assert_true (cw_sso_token_is_valid_for (token, 15 * 60));
  g_assert_nonnull (token->refresh_token);
  g_assert_nonnull (token->client_id);
  g_assert_cmpstr (token->start_url, ==, CW_SANDBOX_SSO_START_URL);
}

/* ---- the tests ---- */

static void
test_browser (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = sign_in (fixture, "browser", CW_SSO_FLOW_BROWSER, &error);
  g_autoptr(CwSsoToken) stored = NULL;
  g_autoptr(CwSsoToken) again = NULL;

  g_assert_no_error (error);
  assert_signed_in (token);
  g_assert_true (token->registered_for_code);
  g_assert_nonnull (strstr (fixture->page, "You can close this window"));
  stored = get_token ("browser", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->access_token, ==, token->access_token);

  /* Signing in again reuses the registration the keyring kept with the token. */
  again = sign_in (fixture, "browser", CW_SSO_FLOW_BROWSER, &error);
  g_assert_no_error (error);
  assert_signed_in (again);
  g_assert_cmpstr (again->client_id, ==, token->client_id);
  g_assert_cmpstr (again->access_token, !=, token->access_token);
}

static void
test_device (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = sign_in (fixture, "device", CW_SSO_FLOW_DEVICE_CODE, &error);

  g_assert_no_error (error);
  assert_signed_in (token);
  g_assert_false (token->registered_for_code);
  g_assert_nonnull (fixture->user_code);
  g_assert_true (fixture->approved);
}

/* SSO OIDC asks to slow down once (throttled CreateToken): the poll goes on, slower. */
static void
test_device_slow_down (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = NULL;

  g_assert_true (cw_sandbox_add_faults (sandbox->sandbox, "throttle:sso-oidc.CreateToken:count=1", &error));
  g_assert_no_error (error);
  token = sign_in (fixture, "device-slow-down", CW_SSO_FLOW_DEVICE_CODE, &error);
  cw_sandbox_clear_faults (sandbox->sandbox);
  g_assert_no_error (error);
  assert_signed_in (token);
}

/* What `aws sso login` left in ~/.aws/sso/cache is used, and never written. */
static void
test_cli_cache (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = cw_sso_token_cli_cache_path ("from-aws-cli");
  g_autofree char *directory = g_path_get_dirname (path);
  g_autoptr(GDateTime) expires = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (expires, 4);
  g_autofree char *expires_text = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *contents = g_strdup_printf ("{\"startUrl\": \"%s\", \"region\": \"%s\", "
                                               "\"accessToken\": \"aoa-from-the-aws-cli\", \"expiresAt\": \"%s\"}",
                                               CW_SANDBOX_SSO_START_URL, CW_SANDBOX_SSO_REGION, expires_text);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = NULL;

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  token = get_token ("from-aws-cli", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, "aoa-from-the-aws-cli");
  g_assert_true (g_file_get_contents (path, &after, NULL, &error));
  g_assert_cmpstr (after, ==, contents);
  g_unlink (path);
}

/* The device code's lifetime passes before anyone approves: a clear error, no token. */
static void
test_device_expired (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = sign_in (fixture, "device-expired", CW_SSO_FLOW_DEVICE_CODE, &error);

  g_assert_null (token);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "expired"));
}

static void
test_denied (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = sign_in (fixture, "denied", CW_SSO_FLOW_BROWSER, &error);

  g_assert_null (token);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED);
  g_assert_nonnull (strstr (error->message, "denied"));
  g_assert_nonnull (strstr (fixture->page, "could not sign in"));
}

static void
test_wrong_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = sign_in (fixture, "wrong-state", CW_SSO_FLOW_BROWSER, &error);
  g_autoptr(CwSsoToken) stored = NULL;

  g_assert_null (token);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "state"));
  g_clear_error (&error);
  stored = get_token ("wrong-state", &error);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED);
}

/* Cancelled while it waits for the browser: nothing listens on the loopback port. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = sign_in (fixture, "cancelled", CW_SSO_FLOW_BROWSER, &error);
  g_autoptr(GUri) redirect = NULL;
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  redirect = g_uri_parse (fixture->redirect_uri, G_URI_FLAGS_NONE, NULL);
  connection = g_socket_client_connect_to_host (socket_client, "127.0.0.1", (guint16) g_uri_get_port (redirect),
                                                NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

/* With under 15 minutes left, getting the token refreshes it and keeps the new one. */
static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = sign_in (fixture, "refresh", CW_SSO_FLOW_BROWSER, &error);
  g_autoptr(CwSsoToken) refreshed = NULL;
  g_autoptr(CwSsoToken) again = NULL;
  g_autoptr(GAsyncResult) stored = NULL;

  g_assert_no_error (error);
  token->expires_at = g_get_real_time () / G_USEC_PER_SEC + 5 * 60;
  cw_sso_token_store_async (token, "refresh", NULL, cw_test_store_result, &stored);
  g_assert_true (cw_sso_token_store_finish (wait_result (&stored), &error));
  g_assert_no_error (error);

  refreshed = get_token ("refresh", &error);
  g_assert_no_error (error);
  assert_signed_in (refreshed);
  g_assert_cmpstr (refreshed->access_token, !=, token->access_token);
  g_assert_cmpstr (refreshed->refresh_token, !=, token->refresh_token);
  again = get_token ("refresh", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->access_token, ==, refreshed->access_token);
}

static void
test_nothing_stored (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = get_token ("never-signed-in", &error);

  g_assert_null (token);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED);
}

static GPtrArray *
list_roles (const CwSsoToken *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *roles;

  cw_sso_session_list_roles_async (token, NULL, cw_test_store_result, &result);
  roles = cw_sso_session_list_roles_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  return roles;
}

static CwStsCallerIdentity *
whoami (CwAwsCredentialsProvider  *provider,
        GError                   **error)
{
  g_autoptr(CwAwsConfig) config = cw_aws_config_new_with_provider (CW_SANDBOX_REGION, provider);
  g_autoptr(CwAwsClient) client = cw_aws_client_new (config);
  g_autoptr(GAsyncResult) result = NULL;

  cw_sts_get_caller_identity_async (client, CW_AWS_CALL_DEFAULT, NULL, cw_test_store_result, &result);
  return cw_sts_get_caller_identity_finish (client, wait_result (&result), error);
}

/* The roles come sorted, and a role's credentials are ones STS takes. */
static void
test_role_provider (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = sign_in (fixture, "roles", CW_SSO_FLOW_BROWSER, &error);
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(CwAwsCredentialsProvider) provider = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;
  CwSsoRole *role;

  g_assert_no_error (error);
  roles = list_roles (token);
  g_assert_cmpuint (roles->len, >, 0);
  for (guint i = 1; i < roles->len; i++)
    {
      CwSsoRole *before = g_ptr_array_index (roles, i - 1);
      CwSsoRole *after = g_ptr_array_index (roles, i);

      g_assert_cmpint (g_utf8_collate (before->account_name, after->account_name), <=, 0);
    }
  role = g_ptr_array_index (roles, 0);
  provider = cw_sso_role_provider_new ("roles", CW_SANDBOX_SSO_START_URL, CW_SANDBOX_SSO_REGION,
                                       role->account_id, role->role_name);
  identity = whoami (provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (identity->account, ==, role->account_id);
  g_assert_nonnull (strstr (identity->arn, role->role_name));
  g_assert_cmpint (cw_aws_credentials_provider_get_expiration (provider), >, g_get_real_time () / G_USEC_PER_SEC);
}

/* After signing out the portal refuses the old token and the keyring has none. */
static void
test_sign_out (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) token = sign_in (fixture, "sign-out", CW_SSO_FLOW_BROWSER, &error);
  g_autoptr(CwSsoToken) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(CwAwsConfig) config = cw_aws_config_new_unsigned (CW_SANDBOX_SSO_REGION);
  g_autoptr(CwAwsClient) client = cw_aws_client_new (config);
  g_autoptr(GPtrArray) accounts = NULL;

  g_assert_no_error (error);
  cw_sso_session_sign_out_async ("sign-out", NULL, cw_test_store_result, &result);
  g_assert_true (cw_sso_session_sign_out_finish (wait_result (&result), &error));
  g_assert_no_error (error);

  after = get_token ("sign-out", &error);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED);
  g_clear_error (&error);
  cw_sso_list_accounts_async (client, token->access_token, NULL, cw_test_store_result, &listed);
  accounts = cw_sso_list_accounts_finish (client, wait_result (&listed), &error);
  g_assert_null (accounts);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_INVALID_CREDENTIALS);
  g_assert_cmpstr (cw_aws_error_get_code (error), ==, "UnauthorizedException");
}

int
main (int argc, char **argv)
{
  int status;

  cw_test_init (&argc, &argv);
  sandbox = cw_test_sandbox_new (TIME_SCALE, NULL);
  cw_sandbox_apply_to_process_environment (sandbox->sandbox);
#define ADD(name, person) g_test_add ("/sso/" #name, Fixture, GINT_TO_POINTER (person), fixture_set_up, \
                                      test_##name, fixture_tear_down)
  ADD (browser, PERSON_ALLOWS);
  ADD (device, PERSON_APPROVES_DEVICE);
  ADD (device_slow_down, PERSON_APPROVES_DEVICE);
  ADD (device_expired, PERSON_LETS_CODE_EXPIRE);
  ADD (wrong_state, PERSON_TAMPERS_STATE);
  ADD (denied, PERSON_DENIES);
  ADD (cancel, PERSON_WALKS_AWAY);
  ADD (refresh, PERSON_ALLOWS);
  ADD (nothing_stored, PERSON_ALLOWS);
  ADD (cli_cache, PERSON_ALLOWS);
  ADD (role_provider, PERSON_ALLOWS);
  ADD (sign_out, PERSON_ALLOWS);
#undef ADD
  status = g_test_run ();
  cw_test_sandbox_free (sandbox);
  return status;
}
