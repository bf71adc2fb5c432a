/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-sign-in.c: signing in to IAM Identity Center as the AWS CLI 2.22+ does
 *
 * The browser flow: RegisterClient for the authorization code (or the registration
 * kept with the last sign-in), a SoupServer on 127.0.0.1 at a random port for the
 * redirect, "open-uri" with SSO OIDC's /authorize and a PKCE challenge, one callback
 * whose state matches, then CreateToken with the verifier. The device flow:
 * RegisterClient the legacy way, StartDeviceAuthorization, "device-code" and
 * "open-uri", then CreateToken polled at the interval SSO OIDC asks for. Both wait at
 * most the timeout, stop at once when cancelled, and store the token in the keyring.
 */
#define G_LOG_DOMAIN "cw-sso-sign-in"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cw-aws-error.h"
#include "cw-engine-error.h"
#include "cw-pkce.h"
#include "cw-secure.h"
#include "cw-sso-private.h"
#include "cw-sso-session.h"
#include "cw-wait.h"

#define DEFAULT_TIMEOUT_S 600
#define CLIENT_NAME "Causeway"
#define CALLBACK_PATH "/oauth/callback"
/* Registered without a port: a loopback redirect takes any port (RFC 8252 §7.3). */
#define REGISTERED_REDIRECT "http://127.0.0.1" CALLBACK_PATH
/* RFC 8628 §3.5: the interval when none is told, and what slow_down adds to it. */
#define DEFAULT_INTERVAL_S 5
#define SLOW_DOWN_S 5

struct _CwSsoSignIn
{
  GObject  parent_instance;
  char    *session_key;
  char    *start_url;
  char    *region;
  GStrv    scopes;
  guint    timeout_s;
  double   time_scale;
};

G_DEFINE_FINAL_TYPE (CwSsoSignIn, cw_sso_sign_in, G_TYPE_OBJECT)

enum {
  DEVICE_CODE,
  OPEN_URI,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One run of a sign-in. */
typedef struct {
  CwSsoFlow                     flow;
  CwAwsClient                  *client;
  CwSsoOidcRegistration        *registration;
  gint64                        deadline;       /* monotonic µs */
  CwWait                        wait;
  /* browser */
  SoupServer                   *server;
  char                         *redirect_uri;
  char                         *verifier;
  char                         *state;
  char                         *code;
  gboolean                      answered;
  GError                       *callback_error;
  /* device */
  CwSsoOidcDeviceAuthorization *device;
  guint                         interval_ms;
  CwSsoToken                   *token;
} Run;

static void
stop_waiting (Run *run)
{
  cw_wait_stop (&run->wait);
}

/* Nothing listens on the loopback port once the sign-in has its answer, or gave up. */
static void
stop_server (Run *run)
{
  if (run->server == NULL)
    return;
  soup_server_disconnect (run->server);
  g_clear_object (&run->server);
}

static void
run_free (Run *run)
{
  stop_waiting (run);
  stop_server (run);
  g_clear_object (&run->client);
  g_clear_pointer (&run->registration, cw_sso_oidc_registration_free);
  g_free (run->redirect_uri);
  cw_secure_free (run->verifier);
  cw_secure_free (run->state);
  cw_secure_free (run->code);
  g_clear_error (&run->callback_error);
  g_clear_pointer (&run->device, cw_sso_oidc_device_authorization_free);
  g_clear_pointer (&run->token, cw_sso_token_free);
  g_free (run);
}

static void
cw_sso_sign_in_finalize (GObject *object)
{
  CwSsoSignIn *self = CW_SSO_SIGN_IN (object);

  g_free (self->session_key);
  g_free (self->start_url);
  g_free (self->region);
  g_strfreev (self->scopes);
  G_OBJECT_CLASS (cw_sso_sign_in_parent_class)->finalize (object);
}

static void
cw_sso_sign_in_class_init (CwSsoSignInClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_sso_sign_in_finalize;

  signals[DEVICE_CODE] = g_signal_new ("device-code", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[OPEN_URI] = g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cw_sso_sign_in_init (CwSsoSignIn *self)
{
  self->timeout_s = DEFAULT_TIMEOUT_S;
  self->time_scale = 1.0;
}

CwSsoSignIn *
cw_sso_sign_in_new (const char         *session_key,
                    const char         *start_url,
                    const char         *region,
                    const char * const *scopes)
{
  const char * const default_scopes[] = { CW_SSO_DEFAULT_SCOPE, NULL };
  CwSsoSignIn *self;

  g_return_val_if_fail (session_key != NULL && start_url != NULL && region != NULL, NULL);

  self = g_object_new (CW_TYPE_SSO_SIGN_IN, NULL);
  self->session_key = g_strdup (session_key);
  self->start_url = g_strdup (start_url);
  self->region = g_strdup (region);
  self->scopes = g_strdupv ((char **) (scopes ? scopes : default_scopes));
  return self;
}

void
cw_sso_sign_in_set_timeout (CwSsoSignIn *self,
                            guint        seconds)
{
  g_return_if_fail (CW_IS_SSO_SIGN_IN (self));

  self->timeout_s = seconds;
}

/* The clock of the clouds in use (cw_clouds_get_time_scale): scales the waits that are
 * Causeway's own (the default interval, slow_down's addition); what SSO OIDC tells is
 * already on its clock. */
void
cw_sso_sign_in_set_time_scale (CwSsoSignIn *self,
                               double       time_scale)
{
  g_return_if_fail (CW_IS_SSO_SIGN_IN (self));
  g_return_if_fail (time_scale > 0);

  self->time_scale = time_scale;
}

static guint
scaled_ms (CwSsoSignIn *self,
           guint        seconds)
{
  return (guint) MAX (1.0, seconds * 1000.0 * self->time_scale);
}

/* ---- ending ---- */

static void
fail (GTask  *task,
      GError *error)
{
  Run *run = g_task_get_task_data (task);

  stop_waiting (run);
  stop_server (run);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
fail_literal (GTask      *task,
              gint        code,
              const char *message)
{
  fail (task, g_error_new_literal (CW_ENGINE_ERROR, code, message));
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!cw_sso_token_store_finish (result, &error))
    {
      fail (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&run->token), (GDestroyNotify) cw_sso_token_free);
  g_object_unref (task);
}

static void
store_token (GTask          *task,
             CwSsoOidcToken *answer)
{
  CwSsoSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  stop_waiting (run);
  run->token = cw_sso_token_new_from_oidc (answer, self->start_url, self->region, run->registration,
                                           run->flow == CW_SSO_FLOW_BROWSER);
  cw_sso_token_store_async (run->token, self->session_key, g_task_get_cancellable (task), on_stored, task);
}

/* ---- waiting for the person ---- */

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GError *error = NULL;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  fail (user_data, error);
  return G_SOURCE_REMOVE;
}

/* Calls @on_timer after @ms, unless the caller cancels first: then the run ends at once. */
static void
wait_for (GTask       *task,
          guint        ms,
          GSourceFunc  on_timer)
{
  Run *run = g_task_get_task_data (task);

  cw_wait_start (&run->wait, ms, g_task_get_cancellable (task), g_task_get_context (task), on_timer,
                 on_wait_cancelled, task);
}

static gboolean
on_timed_out (gpointer user_data)
{
  fail_literal (user_data, CW_ENGINE_ERROR_TIMED_OUT,
                _("The sign-in was not approved in time. Sign in again."));
  return G_SOURCE_REMOVE;
}

static guint
ms_until_deadline (Run *run)
{
  gint64 left = run->deadline - g_get_monotonic_time ();

  return left > 0 ? (guint) MIN (left / 1000, G_MAXUINT) : 0;
}

/* ---- the browser flow ---- */

static void
on_code_redeemed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(CwSsoOidcToken) answer = cw_sso_oidc_create_token_finish (CW_AWS_CLIENT (source), result, &error);

  if (answer == NULL)
    fail (task, error);
  else
    store_token (task, answer);
}

static void
redeem_code (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  CwSsoOidcGrant grant = {
    .grant_type = CW_SSO_OIDC_GRANT_AUTHORIZATION_CODE,
    .code = run->code,
    .code_verifier = run->verifier,
    .redirect_uri = run->redirect_uri,
  };

  cw_sso_oidc_create_token_async (run->client, run->registration->client_id, run->registration->client_secret, &grant,
                                  g_task_get_cancellable (task), on_code_redeemed, task);
}

/* After the browser has its page: the server stops (not inside the message's own
 * signal), and the code is redeemed, or the sign-in ends with why not. */
static gboolean
after_callback (gpointer user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  stop_server (run);
  if (run->callback_error != NULL)
    fail (task, g_steal_pointer (&run->callback_error));
  else if (!g_task_return_error_if_cancelled (task))
    redeem_code (task);
  else
    g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
on_callback_answered (SoupServerMessage *message,
                      gpointer           user_data)
{
  GTask *task = user_data;
  g_autoptr(GSource) idle = g_idle_source_new ();

  g_signal_handlers_disconnect_by_func (message, on_callback_answered, user_data);
  g_source_set_callback (idle, after_callback, task, NULL);
  g_source_attach (idle, g_task_get_context (task));
}

static void
respond_page (SoupServerMessage *message,
              const char        *text)
{
  g_autofree char *page = g_markup_printf_escaped ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                                   "<title>Causeway</title></head><body><p>%s</p></body></html>\n",
                                                   text);
  gsize length = strlen (page);

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&page), length);
}

/* What the callback says: the code (the state must be this request's), or why not.
 * The error names no parameter's value: the code and the state are secrets. */
static GError *
read_callback (Run        *run,
               GHashTable *query)
{
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query ? g_hash_table_lookup (query, "code") : NULL;
  const char *error = query ? g_hash_table_lookup (query, "error") : NULL;

  if (g_strcmp0 (error, "access_denied") == 0)
    return g_error_new_literal (CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED,
                                _("The sign-in was denied in the browser."));
  if (error != NULL)
    return g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_SIGN_IN_REQUIRED,
                        _("IAM Identity Center refused the sign-in (%s)."), error);
  if (state == NULL || !g_str_equal (state, run->state))
    return g_error_new_literal (CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                                _("The sign-in answer came from another request (its state does not match); "
                                  "it was refused."));
  if (code == NULL || *code == '\0')
    return g_error_new_literal (CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                                _("The sign-in answer has no authorization code."));
  run->code = g_strdup (code);
  return NULL;
}

static void
on_callback (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  /* The handler also sees the paths below its own: only the redirect URI is the answer. */
  if (!g_str_equal (path, CALLBACK_PATH))
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  if (run->answered || !g_str_equal (soup_server_message_get_method (message), "GET"))
    {
      soup_server_message_set_status (message, run->answered ? 410 : 405, NULL);
      return;
    }
  run->answered = TRUE;
  stop_waiting (run);
  run->callback_error = read_callback (run, query);
  respond_page (message, run->callback_error
                           ? _("Causeway could not sign in. Return to Causeway to see why; you can close this window.")
                           : _("You are signed in to Causeway. You can close this window."));
  /* The server stops once the page has gone out. */
  g_signal_connect (message, "finished", G_CALLBACK (on_callback_answered), task);
}

static char *
authorize_uri (CwSsoSignIn  *self,
               Run          *run,
               GError      **error)
{
  g_autoptr(GUri) endpoint = cw_aws_config_resolve_endpoint (cw_aws_client_get_config (run->client),
                                                             CW_AWS_SERVICE_SSO_OIDC, error);
  g_autofree char *challenge = NULL;
  g_autofree char *base = NULL;
  g_autofree char *scopes = NULL;
  GString *uri;

  if (endpoint == NULL)
    return NULL;
  base = g_uri_to_string_partial (endpoint, G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);
  uri = g_string_new (base);
  while (uri->len > 0 && uri->str[uri->len - 1] == '/')
    g_string_truncate (uri, uri->len - 1);
  challenge = cw_pkce_challenge (run->verifier);
  scopes = g_strjoinv (",", self->scopes);
  g_string_append (uri, "/authorize?response_type=code&client_id=");
  g_string_append_uri_escaped (uri, run->registration->client_id, NULL, FALSE);
  g_string_append (uri, "&redirect_uri=");
  g_string_append_uri_escaped (uri, run->redirect_uri, NULL, FALSE);
  g_string_append (uri, "&state=");
  g_string_append_uri_escaped (uri, run->state, NULL, FALSE);
  g_string_append (uri, "&code_challenge_method=S256&code_challenge=");
  g_string_append_uri_escaped (uri, challenge, NULL, FALSE);
  g_string_append (uri, "&scopes=");
  g_string_append_uri_escaped (uri, scopes, NULL, FALSE);
  return g_string_free (uri, FALSE);
}

/* 127.0.0.1 only, never every interface: the code must not be offered to the network. */
static gboolean
listen_on_loopback (GTask   *task,
                    GError **error)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;

  run->server = soup_server_new ("server-header", "causeway", NULL);
  soup_server_add_handler (run->server, CALLBACK_PATH, on_callback, task, NULL);
  if (!soup_server_listen (run->server, address, 0, error))
    return FALSE;
  uris = soup_server_get_uris (run->server);
  run->redirect_uri = g_strdup_printf ("http://127.0.0.1:%d" CALLBACK_PATH, g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

static void
start_browser (GTask *task)
{
  CwSsoSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *uri = NULL;
  GError *error = NULL;

  run->verifier = cw_pkce_new_verifier ();
  run->state = cw_pkce_new_state ();
  if (!listen_on_loopback (task, &error) || (uri = authorize_uri (self, run, &error)) == NULL)
    {
      fail (task, error);
      return;
    }
  run->deadline = g_get_monotonic_time () + (gint64) self->timeout_s * G_USEC_PER_SEC;
  wait_for (task, ms_until_deadline (run), on_timed_out);
  g_debug ("waiting for the browser at 127.0.0.1");
  g_signal_emit (self, signals[OPEN_URI], 0, uri);
}

/* ---- the device flow ---- */

static void poll_token (GTask *task);

static gboolean
on_poll_time (gpointer user_data)
{
  GTask *task = user_data;

  stop_waiting (g_task_get_task_data (task));
  poll_token (task);
  return G_SOURCE_REMOVE;
}

static void
poll_later (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (ms_until_deadline (run) < run->interval_ms)
    {
      fail_literal (task, CW_ENGINE_ERROR_TIMED_OUT, _("The sign-in was not approved in time. Sign in again."));
      return;
    }
  wait_for (task, run->interval_ms, on_poll_time);
}

static void
on_polled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  CwSsoSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CwSsoOidcToken) answer = cw_sso_oidc_create_token_finish (CW_AWS_CLIENT (source), result, &error);
  const char *code = cw_aws_error_get_code (error);

  if (answer != NULL)
    store_token (task, answer);
  else if (g_strcmp0 (code, "AuthorizationPendingException") == 0 || g_strcmp0 (code, "SlowDownException") == 0)
    {
      if (g_strcmp0 (code, "SlowDownException") == 0)
        run->interval_ms += scaled_ms (self, SLOW_DOWN_S);
      g_error_free (error);
      poll_later (task);
    }
  else if (g_strcmp0 (code, "ExpiredTokenException") == 0)
    {
      g_error_free (error);
      fail_literal (task, CW_ENGINE_ERROR_TIMED_OUT,
                    _("The sign-in code expired before it was approved. Sign in again."));
    }
  else if (g_strcmp0 (code, "AccessDeniedException") == 0)
    {
      g_error_free (error);
      fail_literal (task, CW_ENGINE_ERROR_SIGN_IN_REQUIRED, _("The sign-in was denied in the browser."));
    }
  else
    fail (task, error);
}

static void
poll_token (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  CwSsoOidcGrant grant = { .grant_type = CW_SSO_OIDC_GRANT_DEVICE_CODE, .device_code = run->device->device_code };

  cw_sso_oidc_create_token_async (run->client, run->registration->client_id, run->registration->client_secret, &grant,
                                  g_task_get_cancellable (task), on_polled, task);
}

static void
on_device_started (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  CwSsoSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 timeout_us = (gint64) self->timeout_s * G_USEC_PER_SEC;

  run->device = cw_sso_oidc_start_device_authorization_finish (CW_AWS_CLIENT (source), result, &error);
  if (run->device == NULL)
    {
      fail (task, error);
      return;
    }
  if (run->device->expires_in > 0)
    timeout_us = MIN (timeout_us, run->device->expires_in * G_USEC_PER_SEC);
  run->deadline = g_get_monotonic_time () + timeout_us;
  run->interval_ms = run->device->interval > 0 ? (guint) (run->device->interval * 1000) : scaled_ms (self, DEFAULT_INTERVAL_S);
  g_signal_emit (self, signals[DEVICE_CODE], 0, run->device->user_code, run->device->verification_uri);
  g_signal_emit (self, signals[OPEN_URI], 0,
                 run->device->verification_uri_complete ? run->device->verification_uri_complete
                                                        : run->device->verification_uri);
  poll_later (task);
}

static void
start_device (GTask *task)
{
  CwSsoSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  cw_sso_oidc_start_device_authorization_async (run->client, run->registration->client_id,
                                                run->registration->client_secret, self->start_url,
                                                g_task_get_cancellable (task), on_device_started, task);
}

/* ---- the registration ---- */

static void
start_flow (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->flow == CW_SSO_FLOW_BROWSER)
    start_browser (task);
  else
    start_device (task);
}

static void
on_registered (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->registration = cw_sso_oidc_register_client_finish (CW_AWS_CLIENT (source), result, &error);
  if (run->registration == NULL)
    fail (task, error);
  else
    start_flow (task);
}

/* The AWS CLI's two ways: for the browser the code grant with a loopback redirect and
 * the start URL as issuer; for the device code, the legacy registration. */
static void
register_client (GTask *task)
{
  CwSsoSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const char * const grants[] = { CW_SSO_OIDC_GRANT_AUTHORIZATION_CODE, CW_SSO_OIDC_GRANT_REFRESH_TOKEN, NULL };
  const char * const redirects[] = { REGISTERED_REDIRECT, NULL };
  gboolean browser = run->flow == CW_SSO_FLOW_BROWSER;

  cw_sso_oidc_register_client_async (run->client, CLIENT_NAME, (const char * const *) self->scopes,
                                     browser ? grants : NULL, browser ? redirects : NULL,
                                     browser ? self->start_url : NULL, g_task_get_cancellable (task),
                                     on_registered, task);
}

/* A stored registration of the same instance and kind, with time left, saves one. */
static gboolean
reusable (CwSsoSignIn      *self,
          Run              *run,
          const CwSsoToken *stored)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return stored != NULL && stored->client_id != NULL && stored->client_secret != NULL &&
         g_strcmp0 (stored->start_url, self->start_url) == 0 && g_strcmp0 (stored->region, self->region) == 0 &&
         stored->registered_for_code == (run->flow == CW_SSO_FLOW_BROWSER) &&
         stored->registration_expires_at > now + CW_SSO_REGISTRATION_MARGIN_S;
}

static void
on_stored_token (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  CwSsoSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSsoToken) stored = cw_sso_token_lookup_finish (result, &error);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  /* No sign-in yet, or a keyring that cannot say: register afresh. */
  if (!reusable (self, run, stored))
    {
      register_client (task);
      return;
    }
  run->registration = g_new0 (CwSsoOidcRegistration, 1);
  run->registration->client_id = g_strdup (stored->client_id);
  run->registration->client_secret = g_strdup (stored->client_secret);
  run->registration->client_secret_expires_at = stored->registration_expires_at;
  g_debug ("reusing the client registration of the last sign-in");
  start_flow (task);
}

void
cw_sso_sign_in_run_async (CwSsoSignIn         *self,
                          CwSsoFlow            flow,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Run *run;

  g_return_if_fail (CW_IS_SSO_SIGN_IN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_sso_sign_in_run_async);
  run = g_new0 (Run, 1);
  run->flow = flow;
  run->client = cw_sso_client_new (self->region);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  cw_sso_token_lookup_async (self->session_key, cancellable, on_stored_token, task);
}

CwSsoToken *
cw_sso_sign_in_run_finish (CwSsoSignIn   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
