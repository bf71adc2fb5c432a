/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-sso.c: the simulated SSO OIDC (rest-json, unsigned) and the sign-in state
 *
 * RegisterClient, StartDeviceAuthorization and CreateToken with its three grants:
 * the authorization code (PKCE S256 verified against the challenge given at
 * /authorize), the device code (pending until approved on the device page, slow_down
 * when polled faster than the interval, expired after its lifetime) and the refresh
 * token (single-use). Lifetimes follow the world's scaled clock.
 */
#define G_LOG_DOMAIN "cw-sandbox-sso"

#include "config.h"

#include <string.h>

#include "cw-sandbox.h"
#include "cw-sandbox-aws.h"
#include "cw-sandbox-sso.h"

/* Realistic lifetimes, in seconds at time scale 1.0. */
#define CLIENT_LIFETIME_S     (90 * 24 * 3600.0)
#define CODE_LIFETIME_S       (5 * 60.0)
#define DEVICE_LIFETIME_S     (10 * 60.0)
#define DEVICE_INTERVAL_S     5.0
#define ACCESS_TOKEN_S        (8 * 3600.0)
#define REFRESH_TOKEN_S       (90 * 24 * 3600.0)

#define TOKEN_CHARS           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
#define USER_CODE_CHARS       "BCDFGHJKLMNPQRSTVWXZ"
#define UNRESERVED_CHARS      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"

#define GRANT_CODE            "authorization_code"
#define GRANT_REFRESH         "refresh_token"
#define GRANT_DEVICE          "urn:ietf:params:oauth:grant-type:device_code"

typedef struct {
  char   *code;
  char   *client_id;
  char   *redirect_uri;
  char   *challenge;
  gint64  expires;
} AuthCode;

typedef struct {
  char     *device_code;
  char     *user_code;
  char     *client_id;
  gint64    expires;
  gint64    last_poll;     /* world µs; 0: never polled */
  gboolean  decided;
  gboolean  allowed;
} DeviceCode;

struct _CwSbSso
{
  GHashTable *clients;         /* client id → CwSbSsoClient */
  GHashTable *codes;           /* code → AuthCode */
  GHashTable *devices;         /* device code → DeviceCode */
  GHashTable *user_codes;      /* user code → DeviceCode (the same) */
  GHashTable *access_tokens;   /* token → CwSbSsoToken */
  GHashTable *refresh_tokens;  /* token → CwSbSsoToken */
  guint64     next_sign_in;
};

/* ---- the state ---- */

static void
client_free (CwSbSsoClient *client)
{
  g_free (client->client_id);
  cw_sb_wipe (client->client_secret);
  g_free (client->name);
  g_strfreev (client->scopes);
  g_strfreev (client->grant_types);
  g_strfreev (client->redirect_uris);
  g_free (client);
}

static void
auth_code_free (AuthCode *code)
{
  cw_sb_wipe (code->code);
  g_free (code->client_id);
  g_free (code->redirect_uri);
  g_free (code->challenge);
  g_free (code);
}

static void
device_code_free (DeviceCode *device)
{
  cw_sb_wipe (device->device_code);
  g_free (device->user_code);
  g_free (device->client_id);
  g_free (device);
}

static void
token_free (CwSbSsoToken *token)
{
  cw_sb_wipe (token->token);
  g_free (token->client_id);
  g_free (token);
}

CwSbSso *
cw_sb_sso_new (void)
{
  CwSbSso *sso = g_new0 (CwSbSso, 1);

  sso->clients = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) client_free);
  sso->codes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) auth_code_free);
  sso->devices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) device_code_free);
  sso->user_codes = g_hash_table_new (g_str_hash, g_str_equal);
  sso->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) token_free);
  sso->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) token_free);
  return sso;
}

void
cw_sb_sso_free (CwSbSso *sso)
{
  g_hash_table_unref (sso->user_codes);
  g_hash_table_unref (sso->devices);
  g_hash_table_unref (sso->codes);
  g_hash_table_unref (sso->access_tokens);
  g_hash_table_unref (sso->refresh_tokens);
  g_hash_table_unref (sso->clients);
  g_free (sso);
}

/* The lifetime a client is told, in its seconds: the scaled one, at least a second. */
static gint64
told_seconds (CwSandboxWorld *world,
              double          realistic_seconds)
{
  gint64 scaled = cw_sandbox_world_duration (world, realistic_seconds);

  return MAX (1, (scaled + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static gboolean
expired (CwSandboxWorld *world,
         gint64          expires)
{
  return cw_sandbox_world_now (world) >= expires;
}

CwSbSsoClient *
cw_sb_sso_find_client (CwSbSso        *sso,
                       CwSandboxWorld *world,
                       const char     *client_id)
{
  CwSbSsoClient *client = client_id ? g_hash_table_lookup (sso->clients, client_id) : NULL;

  return client != NULL && !expired (world, client->expires) ? client : NULL;
}

/* RFC 8252 §7.3: a loopback redirect registered without a port takes any port. */
gboolean
cw_sb_sso_redirect_registered (const CwSbSsoClient *client,
                               const char          *redirect_uri)
{
  g_autoptr(GUri) asked = redirect_uri ? g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL) : NULL;

  for (guint i = 0; asked != NULL && client->redirect_uris && client->redirect_uris[i]; i++)
    {
      g_autoptr(GUri) registered = g_uri_parse (client->redirect_uris[i], G_URI_FLAGS_NONE, NULL);

      if (g_str_equal (g_uri_get_scheme (asked), g_uri_get_scheme (registered)) &&
          g_strcmp0 (g_uri_get_host (asked), g_uri_get_host (registered)) == 0 &&
          g_str_equal (g_uri_get_path (asked), g_uri_get_path (registered)) &&
          (g_uri_get_port (registered) == -1 || g_uri_get_port (registered) == g_uri_get_port (asked)))
        return TRUE;
    }
  return FALSE;
}

/* @scopes: as /authorize takes them, separated by spaces (OAuth 2.0) or commas (the
 * form AWS documents nowhere; both are read, only the scopes themselves are checked);
 * NULL asks for none. */
gboolean
cw_sb_sso_scopes_allowed (const CwSbSsoClient *client,
                          const char          *scopes)
{
  g_auto(GStrv) asked = g_strsplit_set (scopes ? scopes : "", " ,", -1);

  for (guint i = 0; asked[i] != NULL; i++)
    if (*asked[i] != '\0' && (client->scopes == NULL || !g_strv_contains ((const char * const *) client->scopes, asked[i])))
      return FALSE;
  return TRUE;
}

/* A client registered with grant types has those; one registered the legacy way (the
 * AWS CLI's device flow) has the device code, and refresh tokens when it asked for
 * scopes. */
static gboolean
client_allows (const CwSbSsoClient *client,
               const char          *grant)
{
  if (client->grant_types != NULL)
    return g_strv_contains ((const char * const *) client->grant_types, grant);
  return g_str_equal (grant, GRANT_DEVICE) ||
         (g_str_equal (grant, GRANT_REFRESH) && client->scopes != NULL && client->scopes[0] != NULL);
}

char *
cw_sb_sso_new_code (CwSbSso        *sso,
                    CwSandboxWorld *world,
                    const char     *client_id,
                    const char     *redirect_uri,
                    const char     *challenge)
{
  AuthCode *code = g_new0 (AuthCode, 1);

  code->code = cw_sb_random_secret (TOKEN_CHARS, 64);
  code->client_id = g_strdup (client_id);
  code->redirect_uri = g_strdup (redirect_uri);
  code->challenge = g_strdup (challenge);
  code->expires = cw_sandbox_world_after (world, CODE_LIFETIME_S);
  g_hash_table_replace (sso->codes, code->code, code);
  return g_strdup (code->code);
}

static DeviceCode *
find_user_code (CwSbSso        *sso,
                CwSandboxWorld *world,
                const char     *user_code)
{
  g_autofree char *normal = user_code ? g_ascii_strup (user_code, -1) : NULL;
  DeviceCode *device = normal ? g_hash_table_lookup (sso->user_codes, normal) : NULL;

  return device != NULL && !expired (world, device->expires) && !device->decided ? device : NULL;
}

/* What a person does on the device page; FALSE when the code is unknown, expired or
 * already used. */
gboolean
cw_sb_sso_decide_device (CwSbSso        *sso,
                         CwSandboxWorld *world,
                         const char     *user_code,
                         gboolean        allow)
{
  DeviceCode *device = find_user_code (sso, world, user_code);

  if (device == NULL)
    return FALSE;
  device->decided = TRUE;
  device->allowed = allow;
  return TRUE;
}

const CwSbSsoToken *
cw_sb_sso_find_access_token (CwSbSso        *sso,
                             CwSandboxWorld *world,
                             const char     *token)
{
  CwSbSsoToken *found = token ? g_hash_table_lookup (sso->access_tokens, token) : NULL;

  return found != NULL && !expired (world, found->expires) ? found : NULL;
}

static gboolean
of_sign_in (gpointer key,
            gpointer value,
            gpointer user_data)
{
  return ((CwSbSsoToken *) value)->sign_in == *(guint64 *) user_data;
}

/* Ends the whole sign-in: its access tokens and its refresh token. */
void
cw_sb_sso_logout (CwSbSso            *sso,
                  const CwSbSsoToken *token)
{
  guint64 sign_in = token->sign_in;

  g_hash_table_foreach_remove (sso->refresh_tokens, of_sign_in, &sign_in);
  g_hash_table_foreach_remove (sso->access_tokens, of_sign_in, &sign_in);
}

/* ---- reading a request ---- */

static JsonObject *
read_input (SoupServerMessage  *message,
            GError            **error)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      cw_sb_aws_fail (error, 400, "InvalidRequestException", "The request body is not a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static const char *
input_string (JsonObject *input,
              const char *name)
{
  JsonNode *node = json_object_get_member (input, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

static const char *
require_string (JsonObject  *input,
                const char  *name,
                GError     **error)
{
  const char *value = input_string (input, name);

  if (value == NULL || *value == '\0')
    cw_sb_aws_fail (error, 400, "InvalidRequestException", "%s is required", name);
  return value != NULL && *value != '\0' ? value : NULL;
}

/* A list of strings; NULL when absent. */
static gboolean
input_strings (JsonObject  *input,
               const char  *name,
               GStrv       *strings,
               GError     **error)
{
  JsonNode *node = json_object_get_member (input, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  *strings = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return cw_sb_aws_fail (error, 400, "InvalidRequestException", "%s must be a list of strings", name);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *item = json_node_get_string (json_array_get_element (array, i));

      if (item == NULL)
        return cw_sb_aws_fail (error, 400, "InvalidRequestException", "%s must be a list of strings", name);
      g_strv_builder_add (builder, item);
    }
  *strings = g_strv_builder_end (builder);
  return TRUE;
}

/* ---- RegisterClient ---- */

static gboolean
grant_known (const char *grant)
{
  return g_str_equal (grant, GRANT_CODE) || g_str_equal (grant, GRANT_REFRESH) || g_str_equal (grant, GRANT_DEVICE);
}

/* Only a loopback address can take the code back without a server on the Internet:
 * http://127.0.0.1[:PORT]/PATH, nothing else. */
static gboolean
redirect_acceptable (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  return parsed != NULL && g_str_equal (g_uri_get_scheme (parsed), "http") &&
         g_strcmp0 (g_uri_get_host (parsed), "127.0.0.1") == 0 && g_uri_get_userinfo (parsed) == NULL &&
         g_uri_get_fragment (parsed) == NULL;
}

static gboolean
check_registration (JsonObject  *input,
                    GStrv        scopes,
                    GStrv        grants,
                    GStrv        redirects,
                    GError     **error)
{
  const char *issuer = input_string (input, "issuerUrl");
  gboolean code_grant = grants && g_strv_contains ((const char * const *) grants, GRANT_CODE);

  if (g_strcmp0 (input_string (input, "clientType"), "public") != 0)
    return cw_sb_aws_fail (error, 400, "InvalidClientMetadataException", "Invalid client type: only public clients are supported");
  for (guint i = 0; scopes && scopes[i]; i++)
    if (!g_str_equal (scopes[i], CW_SB_SSO_SCOPE))
      return cw_sb_aws_fail (error, 400, "InvalidScopeException", "Invalid scope requested: %s", scopes[i]);
  for (guint i = 0; grants && grants[i]; i++)
    if (!grant_known (grants[i]))
      return cw_sb_aws_fail (error, 400, "UnsupportedGrantTypeException", "Unsupported grant type: %s", grants[i]);
  if (code_grant && (redirects == NULL || redirects[0] == NULL))
    return cw_sb_aws_fail (error, 400, "InvalidRedirectUriException", "The authorization code grant needs redirect URIs");
  for (guint i = 0; redirects && redirects[i]; i++)
    if (!redirect_acceptable (redirects[i]))
      return cw_sb_aws_fail (error, 400, "InvalidRedirectUriException", "Invalid redirect URI: %s", redirects[i]);
  if ((code_grant || issuer != NULL) && g_strcmp0 (issuer, CW_SANDBOX_SSO_START_URL) != 0)
    return cw_sb_aws_fail (error, 400, "InvalidRequestException", "Invalid issuer URL: it must be the start URL of an IAM Identity Center instance");
  return TRUE;
}

static gboolean
register_client (CwSbServices       *services,
                 SoupServerMessage  *message,
                 JsonObject         *input,
                 JsonNode          **output,
                 GError            **error)
{
  CwSandboxWorld *world = services->world;
  g_auto(GStrv) scopes = NULL;
  g_auto(GStrv) grants = NULL;
  g_auto(GStrv) redirects = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CwSbSsoClient *client;

  if (require_string (input, "clientName", error) == NULL || require_string (input, "clientType", error) == NULL ||
      !input_strings (input, "scopes", &scopes, error) || !input_strings (input, "grantTypes", &grants, error) ||
      !input_strings (input, "redirectUris", &redirects, error) ||
      !check_registration (input, scopes, grants, redirects, error))
    return FALSE;
  client = g_new0 (CwSbSsoClient, 1);
  client->client_id = cw_sb_random_secret (TOKEN_CHARS, 22);
  client->client_secret = cw_sb_random_secret (TOKEN_CHARS, 300);
  client->name = g_strdup (input_string (input, "clientName"));
  client->scopes = g_steal_pointer (&scopes);
  client->grant_types = g_steal_pointer (&grants);
  client->redirect_uris = g_steal_pointer (&redirects);
  client->expires = cw_sandbox_world_after (world, CLIENT_LIFETIME_S);
  g_hash_table_replace (services->sso->clients, client->client_id, client);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "clientId");
  json_builder_add_string_value (builder, client->client_id);
  json_builder_set_member_name (builder, "clientSecret");
  json_builder_add_string_value (builder, client->client_secret);
  json_builder_set_member_name (builder, "clientIdIssuedAt");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "clientSecretExpiresAt");
  json_builder_add_int_value (builder, cw_sb_identity_wall_time (services->identity, client->expires) / G_USEC_PER_SEC);
  json_builder_end_object (builder);
  *output = json_builder_get_root (builder);
  return TRUE;
}

/* ---- who the client is ---- */

static CwSbSsoClient *
authenticate_client (CwSbServices  *services,
                     JsonObject    *input,
                     GError       **error)
{
  const char *client_id = require_string (input, "clientId", error);
  const char *secret = client_id ? require_string (input, "clientSecret", error) : NULL;
  CwSbSsoClient *client = cw_sb_sso_find_client (services->sso, services->world, client_id);

  if (secret == NULL)
    return NULL;
  if (client == NULL || !g_str_equal (client->client_secret, secret))
    {
      cw_sb_aws_fail (error, 401, "InvalidClientException", "Invalid client: unknown client, wrong secret or expired registration");
      return NULL;
    }
  return client;
}

/* ---- StartDeviceAuthorization ---- */

static char *
new_user_code (void)
{
  g_autofree char *letters = cw_sb_random_secret (USER_CODE_CHARS, 8);

  return g_strdup_printf ("%.4s-%.4s", letters, letters + 4);
}

static JsonNode *
device_answer (CwSandboxWorld   *world,
               const DeviceCode *device,
               const char       *page)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *complete = g_strconcat (page, "?user_code=", device->user_code, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "deviceCode");
  json_builder_add_string_value (builder, device->device_code);
  json_builder_set_member_name (builder, "userCode");
  json_builder_add_string_value (builder, device->user_code);
  json_builder_set_member_name (builder, "verificationUri");
  json_builder_add_string_value (builder, page);
  json_builder_set_member_name (builder, "verificationUriComplete");
  json_builder_add_string_value (builder, complete);
  json_builder_set_member_name (builder, "expiresIn");
  json_builder_add_int_value (builder, told_seconds (world, DEVICE_LIFETIME_S));
  json_builder_set_member_name (builder, "interval");
  json_builder_add_int_value (builder, told_seconds (world, DEVICE_INTERVAL_S));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
device_page (SoupServerMessage *message)
{
  GUri *uri = soup_server_message_get_uri (message);

  return g_strdup_printf ("http://%s:%d/device", g_uri_get_host (uri), g_uri_get_port (uri));
}

static gboolean
start_device_authorization (CwSbServices       *services,
                            SoupServerMessage  *message,
                            JsonObject         *input,
                            JsonNode          **output,
                            GError            **error)
{
  CwSbSsoClient *client = authenticate_client (services, input, error);
  const char *start_url = client ? require_string (input, "startUrl", error) : NULL;
  g_autofree char *page = NULL;
  DeviceCode *device;

  if (start_url == NULL)
    return FALSE;
  if (!client_allows (client, GRANT_DEVICE))
    return cw_sb_aws_fail (error, 400, "UnauthorizedClientException", "The client is not registered for the device code grant");
  if (!g_str_equal (start_url, CW_SANDBOX_SSO_START_URL))
    return cw_sb_aws_fail (error, 400, "InvalidRequestException", "Invalid start URL: no IAM Identity Center instance has it");
  device = g_new0 (DeviceCode, 1);
  device->device_code = cw_sb_random_secret (TOKEN_CHARS, 64);
  device->user_code = new_user_code ();
  device->client_id = g_strdup (client->client_id);
  device->expires = cw_sandbox_world_after (services->world, DEVICE_LIFETIME_S);
  g_hash_table_replace (services->sso->devices, device->device_code, device);
  g_hash_table_replace (services->sso->user_codes, device->user_code, device);
  page = device_page (message);
  *output = device_answer (services->world, device, page);
  return TRUE;
}

/* ---- CreateToken ---- */

static char *
new_token (const char *prefix)
{
  g_autofree char *random = cw_sb_random_secret (TOKEN_CHARS, 200);
  char *token = g_strconcat (prefix, random, NULL);

  explicit_bzero (random, strlen (random));
  return token;
}

static gboolean
issue_tokens (CwSbServices        *services,
              const CwSbSsoClient *client,
              guint64              sign_in,
              JsonNode           **output)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CwSbSsoToken *access = g_new0 (CwSbSsoToken, 1);

  access->token = new_token ("aoa");
  access->client_id = g_strdup (client->client_id);
  access->sign_in = sign_in;
  access->expires = cw_sandbox_world_after (services->world, ACCESS_TOKEN_S);
  g_hash_table_replace (services->sso->access_tokens, access->token, access);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accessToken");
  json_builder_add_string_value (builder, access->token);
  json_builder_set_member_name (builder, "tokenType");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "expiresIn");
  json_builder_add_int_value (builder, told_seconds (services->world, ACCESS_TOKEN_S));
  if (client_allows (client, GRANT_REFRESH))
    {
      CwSbSsoToken *refresh = g_new0 (CwSbSsoToken, 1);

      refresh->token = new_token ("aor");
      refresh->client_id = g_strdup (client->client_id);
      refresh->sign_in = sign_in;
      refresh->expires = cw_sandbox_world_after (services->world, REFRESH_TOKEN_S);
      g_hash_table_replace (services->sso->refresh_tokens, refresh->token, refresh);
      json_builder_set_member_name (builder, "refreshToken");
      json_builder_add_string_value (builder, refresh->token);
    }
  json_builder_end_object (builder);
  *output = json_builder_get_root (builder);
  return TRUE;
}

static gboolean
invalid_grant (GError     **error,
               const char  *why)
{
  return cw_sb_aws_fail (error, 400, "InvalidGrantException", "Invalid grant provided: %s", why);
}

/* RFC 7636 §4.1, §4.6: a verifier is 43 to 128 unreserved characters, and
 * BASE64URL(SHA256(verifier)) must be the challenge. */
static gboolean
verifier_matches (const char *verifier,
                  const char *challenge)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autofree char *computed = NULL;
  gsize verifier_length = verifier ? strlen (verifier) : 0;

  if (verifier_length < 43 || verifier_length > 128 || strspn (verifier, UNRESERVED_CHARS) != verifier_length)
    return FALSE;
  g_checksum_update (checksum, (const guchar *) verifier, verifier_length);
  g_checksum_get_digest (checksum, digest, &length);
  computed = cw_sb_base64url (digest, length);
  return g_str_equal (computed, challenge);
}

/* A code is spent by its first redemption, good or bad, so a verifier cannot be guessed. */
static gboolean
redeem_code (CwSbServices         *services,
             const CwSbSsoClient  *client,
             JsonObject           *input,
             JsonNode            **output,
             GError              **error)
{
  const char *text = input_string (input, "code");
  gpointer key = NULL, value = NULL;
  g_autoptr(GHashTable) spent = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) auth_code_free);
  AuthCode *code;

  if (text == NULL || !g_hash_table_steal_extended (services->sso->codes, text, &key, &value))
    return invalid_grant (error, "unknown or used authorization code");
  code = value;
  g_hash_table_insert (spent, code->code, code);
  if (!g_str_equal (code->client_id, client->client_id) || expired (services->world, code->expires))
    return invalid_grant (error, "the authorization code is expired or not this client's");
  if (g_strcmp0 (input_string (input, "redirectUri"), code->redirect_uri) != 0)
    return invalid_grant (error, "the redirect URI is not the one of the authorization request");
  if (!verifier_matches (input_string (input, "codeVerifier"), code->challenge))
    return invalid_grant (error, "the code verifier does not match the code challenge");
  return issue_tokens (services, client, ++services->sso->next_sign_in, output);
}

static gboolean
poll_device (CwSbServices         *services,
             const CwSbSsoClient  *client,
             JsonObject           *input,
             JsonNode            **output,
             GError              **error)
{
  const char *text = input_string (input, "deviceCode");
  DeviceCode *device = text ? g_hash_table_lookup (services->sso->devices, text) : NULL;
  gint64 now = cw_sandbox_world_now (services->world);
  gint64 last_poll;

  if (device == NULL || !g_str_equal (device->client_id, client->client_id))
    return invalid_grant (error, "unknown or used device code");
  if (expired (services->world, device->expires))
    return cw_sb_aws_fail (error, 400, "ExpiredTokenException", "The device code has expired");
  if (device->decided && !device->allowed)
    return cw_sb_aws_fail (error, 400, "AccessDeniedException", "The user denied the request");
  last_poll = device->last_poll;
  device->last_poll = now;
  if (!device->decided && last_poll != 0 && now - last_poll < cw_sandbox_world_duration (services->world, DEVICE_INTERVAL_S))
    return cw_sb_aws_fail (error, 400, "SlowDownException", "Client is polling too fast");
  if (!device->decided)
    return cw_sb_aws_fail (error, 400, "AuthorizationPendingException", "Authorization is still pending");
  g_hash_table_remove (services->sso->user_codes, device->user_code);
  g_hash_table_remove (services->sso->devices, text);
  return issue_tokens (services, client, ++services->sso->next_sign_in, output);
}

/* A refresh token is spent by its use; the new pair belongs to the same sign-in. */
static gboolean
refresh (CwSbServices         *services,
         const CwSbSsoClient  *client,
         JsonObject           *input,
         JsonNode            **output,
         GError              **error)
{
  const char *text = input_string (input, "refreshToken");
  CwSbSsoToken *token = text ? g_hash_table_lookup (services->sso->refresh_tokens, text) : NULL;
  guint64 sign_in;

  if (token == NULL || !g_str_equal (token->client_id, client->client_id) || expired (services->world, token->expires))
    return invalid_grant (error, "unknown, used or expired refresh token");
  sign_in = token->sign_in;
  g_hash_table_remove (services->sso->refresh_tokens, text);
  return issue_tokens (services, client, sign_in, output);
}

static gboolean
create_token (CwSbServices       *services,
              SoupServerMessage  *message,
              JsonObject         *input,
              JsonNode          **output,
              GError            **error)
{
  CwSbSsoClient *client = authenticate_client (services, input, error);
  const char *grant = client ? require_string (input, "grantType", error) : NULL;

  if (grant == NULL)
    return FALSE;
  if (!grant_known (grant))
    return cw_sb_aws_fail (error, 400, "UnsupportedGrantTypeException", "Unsupported grant type: %s", grant);
  if (!client_allows (client, grant))
    return cw_sb_aws_fail (error, 400, "UnauthorizedClientException", "The client is not registered for %s", grant);
  if (g_str_equal (grant, GRANT_CODE))
    return redeem_code (services, client, input, output, error);
  if (g_str_equal (grant, GRANT_DEVICE))
    return poll_device (services, client, input, output, error);
  return refresh (services, client, input, output, error);
}

/* ---- serving ---- */

typedef gboolean (*OidcRun) (CwSbServices       *services,
                             SoupServerMessage  *message,
                             JsonObject         *input,
                             JsonNode          **output,
                             GError            **error);

typedef struct {
  const char *path;
  const char *operation;
  OidcRun     run;
} OidcOperation;

static const OidcOperation oidc_operations[] = {
  { "/client/register", "RegisterClient", register_client },
  { "/device_authorization", "StartDeviceAuthorization", start_device_authorization },
  { "/token", "CreateToken", create_token },
};

static void
answer_oidc (CwSbServices      *services,
             SoupServerMessage *message,
             gconstpointer      data)
{
  const OidcOperation *operation = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) input = NULL;
  g_autoptr(JsonNode) output = NULL;
  g_autofree char *request_id = NULL;

  cw_sandbox_world_lock (services->world);
  request_id = cw_sandbox_world_new_uuid (services->world);
  if (operation == NULL)
    cw_sb_aws_fail (&error, 404, "UnknownOperationException", "No operation is served at %s %s",
                    soup_server_message_get_method (message), g_uri_get_path (soup_server_message_get_uri (message)));
  else if ((input = read_input (message, &error)) != NULL)
    operation->run (services, message, input, &output, &error);
  cw_sandbox_world_unlock (services->world);
  if (output != NULL)
    cw_sb_sso_respond_json (message, request_id, output);
  else
    cw_sb_sso_respond_error (message, request_id, TRUE, error);
}

static void
serve_oidc (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const OidcOperation *operation = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (oidc_operations); i++)
    if (g_str_equal (oidc_operations[i].path, path) && g_str_equal (soup_server_message_get_method (message), "POST"))
      operation = &oidc_operations[i];
  cw_sb_sso_serve (user_data, message, "sso-oidc", operation ? operation->operation : NULL, answer_oidc, operation);
}

void
cw_sb_sso_install (CwSbServices *services,
                   SoupServer   *server)
{
  for (guint i = 0; i < G_N_ELEMENTS (oidc_operations); i++)
    soup_server_add_handler (server, oidc_operations[i].path, serve_oidc, services, NULL);
  cw_sb_sso_pages_install (services, server);
  cw_sb_sso_portal_install (services, server);
}
