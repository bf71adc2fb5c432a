/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-sso-pages.c: the pages of the simulated IAM Identity Center a person sees
 * in the browser
 *
 * /authorize asks "Allow Causeway to access your AWS accounts?" and, on Allow, sends
 * the browser back to the client's loopback redirect URI with a code and the state it
 * was given; /device takes the user code of the device flow and approves it. The
 * sandbox's one user is always signed in, so nothing asks for a password. Every
 * control has an id and a name, so a test or an AT-SPI-driven browser can press Allow.
 */
#define G_LOG_DOMAIN "cw-sandbox-sso-pages"

#include "config.h"

#include <string.h>

#include "cw-sandbox.h"
#include "cw-sandbox-sso.h"

#define CONSENT_TITLE "Allow Causeway to access your AWS accounts?"

/* What /authorize takes, carried from the page to its form unchanged. */
static const char * const authorize_params[] = {
  "response_type", "client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "scopes",
};

static void
respond_page (SoupServerMessage *message,
              guint              status,
              const char        *title,
              const char        *body)
{
  g_autofree char *head = g_markup_printf_escaped ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                                   "<title>%s</title></head>\n<body>\n<h1 id=\"title\">%s</h1>\n",
                                                   title, title);
  char *page = g_strconcat (head, body, "</body></html>\n", NULL);

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, page, strlen (page));
}

static void
respond_problem (SoupServerMessage *message,
                 const char        *problem)
{
  g_autofree char *body = g_markup_printf_escaped ("<p id=\"problem\">%s</p>\n", problem);

  respond_page (message, 400, "This sign-in request cannot be completed", body);
}

/* ---- /authorize ---- */

/* The redirect URI's query gains @first=@value (and the state, unchanged). */
static void
redirect_back (SoupServerMessage *message,
               GHashTable        *params,
               const char        *first,
               const char        *value,
               const char        *description)
{
  const char *redirect_uri = g_hash_table_lookup (params, "redirect_uri");
  const char *state = g_hash_table_lookup (params, "state");
  g_autoptr(GString) location = g_string_new (redirect_uri);

  g_string_append_printf (location, "%c%s=", strchr (redirect_uri, '?') ? '&' : '?', first);
  g_string_append_uri_escaped (location, value, NULL, FALSE);
  if (description != NULL)
    {
      g_string_append (location, "&error_description=");
      g_string_append_uri_escaped (location, description, NULL, FALSE);
    }
  if (state != NULL)
    {
      g_string_append (location, "&state=");
      g_string_append_uri_escaped (location, state, NULL, FALSE);
    }
  soup_server_message_set_redirect (message, 302, location->str);
}

/* What is wrong with a request whose client and redirect URI are good: told to the
 * client at its redirect URI, as OAuth 2.0 does. PKCE with S256 is required. */
static const char *
request_error (const CwSbSsoClient *client,
               GHashTable          *params,
               const char         **description)
{
  const char *challenge = g_hash_table_lookup (params, "code_challenge");

  *description = NULL;
  if (g_strcmp0 (g_hash_table_lookup (params, "response_type"), "code") != 0)
    return "unsupported_response_type";
  if (challenge == NULL || strlen (challenge) != 43)
    *description = "A code_challenge of 43 characters (BASE64URL of a SHA-256) is required";
  else if (g_strcmp0 (g_hash_table_lookup (params, "code_challenge_method"), "S256") != 0)
    *description = "The code_challenge_method must be S256";
  if (*description != NULL)
    return "invalid_request";
  if (!cw_sb_sso_scopes_allowed (client, g_hash_table_lookup (params, "scopes")))
    return "invalid_scope";
  return NULL;
}

static void
respond_consent (SoupServerMessage   *message,
                 const CwSbSsoClient *client,
                 GHashTable          *params)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *intro = g_markup_printf_escaped ("<p id=\"request\">%s asks to use your IAM Identity Center "
                                                    "sign-in as %s at %s.</p>\n",
                                                    client->name ? client->name : client->client_id,
                                                    CW_SB_SSO_USER_NAME, CW_SANDBOX_SSO_START_URL);

  g_string_append (body, intro);
  g_string_append (body, "<form id=\"consent\" name=\"consent\" method=\"post\" action=\"/authorize\">\n");
  for (guint i = 0; i < G_N_ELEMENTS (authorize_params); i++)
    {
      const char *value = g_hash_table_lookup (params, authorize_params[i]);
      g_autofree char *input = NULL;

      if (value == NULL)
        continue;
      input = g_markup_printf_escaped ("<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", authorize_params[i], value);
      g_string_append (body, input);
    }
  g_string_append (body, "<button type=\"submit\" id=\"allow\" name=\"decision\" value=\"allow\">Allow</button>\n"
                         "<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button>\n"
                         "</form>\n");
  respond_page (message, 200, CONSENT_TITLE, body->str);
}

/* GET shows the question, POST is the answer; both check the request afresh, since
 * the form comes back from the browser. */
static void
authorize (CwSbServices      *services,
           SoupServerMessage *message,
           GHashTable        *params)
{
  CwSbSsoClient *client = cw_sb_sso_find_client (services->sso, services->world, g_hash_table_lookup (params, "client_id"));
  const char *description = NULL;
  const char *problem;
  g_autofree char *code = NULL;

  if (client == NULL)
    respond_problem (message, "The client is not registered, or its registration has expired.");
  else if (!cw_sb_sso_redirect_registered (client, g_hash_table_lookup (params, "redirect_uri")))
    respond_problem (message, "The redirect URI is not one the client registered.");
  else if ((problem = request_error (client, params, &description)) != NULL)
    redirect_back (message, params, "error", problem, description);
  else if (g_str_equal (soup_server_message_get_method (message), "GET"))
    respond_consent (message, client, params);
  else if (g_strcmp0 (g_hash_table_lookup (params, "decision"), "allow") != 0)
    redirect_back (message, params, "error", "access_denied", "The user denied the request");
  else
    {
      code = cw_sb_sso_new_code (services->sso, services->world, client->client_id,
                                 g_hash_table_lookup (params, "redirect_uri"),
                                 g_hash_table_lookup (params, "code_challenge"));
      redirect_back (message, params, "code", code, NULL);
    }
}

/* ---- /device ---- */

static void
respond_device_form (SoupServerMessage *message,
                     const char        *user_code)
{
  g_autofree char *body = g_markup_printf_escaped (
    "<p>Enter the code shown by the application that asks to sign in as %s.</p>\n"
    "<form id=\"device\" name=\"device\" method=\"post\" action=\"/device\">\n"
    "<label for=\"user_code\">Code</label>\n"
    "<input type=\"text\" id=\"user_code\" name=\"user_code\" value=\"%s\">\n"
    "<button type=\"submit\" id=\"allow\" name=\"decision\" value=\"allow\">Allow</button>\n"
    "<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button>\n"
    "</form>\n", CW_SB_SSO_USER_NAME, user_code ? user_code : "");

  respond_page (message, 200, "Authorize request", body);
}

static void
device (CwSbServices      *services,
        SoupServerMessage *message,
        GHashTable        *params)
{
  const char *user_code = g_hash_table_lookup (params, "user_code");
  gboolean allow = g_strcmp0 (g_hash_table_lookup (params, "decision"), "allow") == 0;

  if (g_str_equal (soup_server_message_get_method (message), "GET"))
    respond_device_form (message, user_code);
  else if (!cw_sb_sso_decide_device (services->sso, services->world, user_code, allow))
    respond_problem (message, "The code is not valid: it is unknown, expired or already used.");
  else
    respond_page (message, 200, allow ? "Request approved" : "Request denied",
                  allow ? "<p id=\"done\">The application can now access your AWS accounts. You can close this window.</p>\n"
                        : "<p id=\"done\">The application was denied access.</p>\n");
}

/* ---- serving ---- */

static GHashTable *
read_params (SoupServerMessage *message,
             GHashTable        *query)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;

  if (!g_str_equal (soup_server_message_get_method (message), "POST"))
    return query ? g_hash_table_ref (query) : g_hash_table_new (g_str_hash, g_str_equal);
  body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_form_decode (text);
}

static void
serve_page (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  CwSbServices *services = user_data;
  const char *method = soup_server_message_get_method (message);
  g_autoptr(GHashTable) params = NULL;

  if (!g_str_equal (method, "GET") && !g_str_equal (method, "POST"))
    {
      soup_server_message_set_status (message, 405, NULL);
      return;
    }
  params = read_params (message, query);
  cw_sandbox_world_lock (services->world);
  if (g_str_equal (path, "/authorize"))
    authorize (services, message, params);
  else
    device (services, message, params);
  cw_sandbox_world_unlock (services->world);
}

void
cw_sb_sso_pages_install (CwSbServices *services,
                         SoupServer   *server)
{
  soup_server_add_handler (server, "/authorize", serve_page, services, NULL);
  soup_server_add_handler (server, "/device", serve_page, services, NULL);
}
