/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-client.c: the TiDB Cloud REST client (see cw-tidb-client.h)
 *
 * Over 1,000 lines because one request path (Digest authentication, retries, redacted
 * debug logging, paging) serves every operation, each a few lines; the JSON models live
 * in cw-tidb-*.c apart, and the changefeed and migration operations in
 * cw-tidb-client-changefeeds.c and cw-tidb-client-migrations.c
 * (cw-tidb-client-private.h). */
#define G_LOG_DOMAIN "cw-tidb-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cw-net.h"
#include "cw-secure.h"
#include "cw-tidb-client-private.h"
#include "cw-tidb-types-private.h"

#define API_VERSION_PATH   "/v1beta1"
#define PAGE_SIZE          100    /* the largest page the API gives */
#define MAX_PAGES          1000   /* 100,000 items: past that the server is looping */
#define MAX_ATTEMPTS       4
#define BACKOFF_BASE_MS    250
#define BACKOFF_CAP_MS     8000
#define MAX_CONNS_PER_HOST 4
#define IO_TIMEOUT_S       30
#define IDLE_TIMEOUT_S     60

struct _CwTidbClient
{
  GObject      parent_instance;
  SoupSession *session;
  char        *serverless_endpoint;  /* no trailing slash */
  char        *iam_endpoint;
  char        *public_key;
  char        *private_key;
  guint        request_count;  /* sent, retries and pages included */
};

G_DEFINE_FINAL_TYPE (CwTidbClient, cw_tidb_client, G_TYPE_OBJECT)

typedef enum {
  API_SERVERLESS,
  API_IAM,
} Api;

/* One request, sent again while the answer is worth retrying. */
typedef struct {
  char   *method;
  GUri   *uri;
  GBytes *body;
  GStrv   secrets;  /* of the body: never quoted in an error */
  guint   attempt;
} Call;

/* A list call in progress: the pages read so far and where the next one starts. */
typedef struct {
  Api              api;
  char            *path;
  char            *filter;        /* extra query parameters, already escaped */
  const char      *items_member;
  CwTidbParseFunc  parse_item;
  GListStore      *items;
  char            *page_token;
  guint            pages;
} Listing;

static void
cw_tidb_client_finalize (GObject *object)
{
  CwTidbClient *self = CW_TIDB_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->serverless_endpoint);
  g_free (self->iam_endpoint);
  g_free (self->public_key);
  cw_secure_free (self->private_key);
  G_OBJECT_CLASS (cw_tidb_client_parent_class)->finalize (object);
}

static void
cw_tidb_client_class_init (CwTidbClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_tidb_client_finalize;
}

/* TLS certificates are checked by libsoup's default database; nothing here ever
 * connects to ::accept-certificate to waive that. */
static void
cw_tidb_client_init (CwTidbClient *self)
{
  self->session = soup_session_new_with_options ("max-conns-per-host", MAX_CONNS_PER_HOST,
                                                  "timeout", IO_TIMEOUT_S,
                                                  "idle-timeout", IDLE_TIMEOUT_S,
                                                  "user-agent", "causeway/" PACKAGE_VERSION " ",
                                                  NULL);
}

/* The endpoint without a trailing slash, or NULL when it may not be used. The text is
 * never quoted back: an endpoint may carry a password in its user part. */
static char *
normalize_endpoint (const char  *text,
                    const char  *which,
                    GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *normalized = NULL;
  gsize length;

  if (uri == NULL || !cw_uri_is_acceptable (uri) || g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_ENDPOINT,
                   _("The TiDB Cloud %s endpoint cannot be used: it must be an https:// address, or http:// to this computer."),
                   which);
      return NULL;
    }
  normalized = g_uri_to_string (uri);
  length = strlen (normalized);
  while (length > 0 && normalized[length - 1] == '/')
    normalized[--length] = '\0';
  return g_steal_pointer (&normalized);
}

/* The endpoints are given for tests and the sandbox; the keys are the API key's
 * public half (the Digest user name) and private half (the password). */
CwTidbClient *
cw_tidb_client_new_for_endpoints (const char  *public_key,
                                  const char  *private_key,
                                  const char  *serverless_endpoint,
                                  const char  *iam_endpoint,
                                  GError     **error)
{
  g_autoptr(CwTidbClient) self = NULL;
  g_autofree char *serverless = NULL;
  g_autofree char *iam = NULL;

  g_return_val_if_fail (serverless_endpoint != NULL && iam_endpoint != NULL, NULL);

  if (public_key == NULL || *public_key == '\0' || private_key == NULL || *private_key == '\0')
    {
      g_set_error_literal (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_INPUT,
                           _("A TiDB Cloud API key needs both its public and its private key."));
      return NULL;
    }
  serverless = normalize_endpoint (serverless_endpoint, _("serverless"), error);
  if (serverless == NULL)
    return NULL;
  iam = normalize_endpoint (iam_endpoint, _("IAM"), error);
  if (iam == NULL)
    return NULL;
  self = g_object_new (CW_TYPE_TIDB_CLIENT, NULL);
  self->serverless_endpoint = g_steal_pointer (&serverless);
  self->iam_endpoint = g_steal_pointer (&iam);
  self->public_key = g_strdup (public_key);
  self->private_key = g_strdup (private_key);
  return g_steal_pointer (&self);
}

static const char *
endpoint_from_environment (const char *variable,
                           const char *fallback)
{
  const char *value = g_getenv (variable);

  return (value != NULL && *value != '\0') ? value : fallback;
}

/* A client for the real service, or for the endpoints named by
 * TIDBCLOUD_SERVERLESS_ENDPOINT and TIDBCLOUD_IAM_ENDPOINT. */
CwTidbClient *
cw_tidb_client_new (const char  *public_key,
                    const char  *private_key,
                    GError     **error)
{
  return cw_tidb_client_new_for_endpoints (public_key, private_key,
                                           endpoint_from_environment ("TIDBCLOUD_SERVERLESS_ENDPOINT",
                                                                      CW_TIDB_DEFAULT_SERVERLESS_ENDPOINT),
                                           endpoint_from_environment ("TIDBCLOUD_IAM_ENDPOINT",
                                                                      CW_TIDB_DEFAULT_IAM_ENDPOINT),
                                           error);
}

static char *
escape_segment (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

static GUri *
build_uri (CwTidbClient *self,
           Api           api,
           const char   *path,
           const char   *query)
{
  const char *endpoint = api == API_IAM ? self->iam_endpoint : self->serverless_endpoint;
  g_autofree char *text = NULL;

  if (query != NULL)
    text = g_strconcat (endpoint, API_VERSION_PATH, path, "?", query, NULL);
  else
    text = g_strconcat (endpoint, API_VERSION_PATH, path, NULL);
  return g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);
}

/* ---- debug logging: secrets are redacted by cw_redact_header_value() ---- */

static gboolean
debug_is_on (void)
{
  return !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
}

static void
log_headers (const char         *direction,
             SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *shown = cw_redact_header_value (name, value);

      g_debug ("%s %s: %s", direction, name, shown);
    }
}

static void
log_request (SoupMessage *message,
             gpointer     user_data)
{
  g_autofree char *uri = NULL;

  if (!debug_is_on ())
    return;
  uri = g_uri_to_string_partial (soup_message_get_uri (message), G_URI_HIDE_PASSWORD);
  g_debug ("> %s %s", soup_message_get_method (message), uri);
  log_headers (">", soup_message_get_request_headers (message));
}

static void
log_response (SoupMessage *message,
              gpointer     user_data)
{
  if (!debug_is_on ())
    return;
  g_debug ("< %u %s", soup_message_get_status (message),
           soup_message_get_reason_phrase (message));
  log_headers ("<", soup_message_get_response_headers (message));
}

/* ---- one request, with Digest authentication and retries ---- */

/* libsoup asks again, with @retrying set, when the server turned the key down; giving
 * the same key again would only loop, so the message then ends with its 401. A proxy
 * never gets the key, nor does any scheme weaker than Digest. */
static gboolean
on_authenticate (SoupMessage *message,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  CwTidbClient *self = user_data;

  g_debug ("TiDB Cloud asks for %s authentication%s", soup_auth_get_scheme_name (auth),
           retrying ? " again: the key was rejected" : "");
  if (retrying || soup_auth_is_for_proxy (auth) ||
      !G_TYPE_CHECK_INSTANCE_TYPE (auth, SOUP_TYPE_AUTH_DIGEST))
    return FALSE;
  soup_auth_authenticate (auth, self->public_key, self->private_key);
  return TRUE;
}

/* libsoup 3 drops the request body stream when it sends a message again, after the
 * Digest challenge for one: the body has to be given once more. */
static void
set_request_body (SoupMessage *message,
                  gpointer     user_data)
{
  Call *call = user_data;

  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", call->body);
}

static void
call_free (gpointer data)
{
  Call *call = data;

  g_free (call->method);
  g_uri_unref (call->uri);
  g_clear_pointer (&call->body, g_bytes_unref);
  for (guint i = 0; call->secrets != NULL && call->secrets[i] != NULL; i++)
    cw_secure_free (call->secrets[i]);
  g_free (call->secrets);
  g_free (call);
}

static gboolean
status_is_retryable (guint status)
{
  return status == 429 || SOUP_STATUS_IS_SERVER_ERROR (status);
}

/* The standard phrase: HTTP/2 answers carry none, and libsoup's table lacks 429. */
static const char *
status_phrase (guint status)
{
  if (status == 429)
    return "Too Many Requests";
  return soup_status_get_phrase (status);
}

static void call_send (GTask *task);

static gboolean
call_resend (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_return_error_if_cancelled (task))
    call_send (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

/* Waits out the backoff, or less if the call is cancelled meanwhile: the cancellable's
 * source is a child of the timeout, so either one wakes call_resend(). */
static void
call_resend_later (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint delay_ms = cw_backoff_full_jitter_ms (call->attempt - 1, BACKOFF_BASE_MS, BACKOFF_CAP_MS);
  g_autoptr(GSource) timeout = g_timeout_source_new (delay_ms);

  g_debug ("retrying %s %s in %u ms", call->method, g_uri_get_path (call->uri), delay_ms);
  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancelled = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancelled);
      g_source_add_child_source (timeout, cancelled);
    }
  g_source_set_callback (timeout, call_resend, task, g_object_unref);
  g_source_attach (timeout, g_task_get_context (task));
}

static void
call_sent (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  SoupSession *session = SOUP_SESSION (source);
  g_autoptr(SoupMessage) message = g_object_ref (soup_session_get_async_result_message (session, result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (session, result, &error);
  guint status;
  gconstpointer data;
  gsize length;

  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("Could not talk to TiDB Cloud: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  status = soup_message_get_status (message);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (status_is_retryable (status) && call->attempt < MAX_ATTEMPTS)
    {
      call_resend_later (g_steal_pointer (&task));
      return;
    }
  data = g_bytes_get_data (body, &length);
  error = cw_tidb_error_from_status (status, status_phrase (status), data, length);
  for (guint i = 0; call->secrets != NULL && call->secrets[i] != NULL; i++)
    cw_tidb_error_redact (error, call->secrets[i]);
  g_task_return_error (task, g_steal_pointer (&error));
}

/* Takes over @task until the answer comes. */
static void
call_send (GTask *task)
{
  CwTidbClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = soup_message_new_from_uri (call->method, call->uri);

  soup_message_headers_append (soup_message_get_request_headers (message),
                               "Accept", "application/json");
  set_request_body (message, call);
  g_signal_connect (message, "restarted", G_CALLBACK (set_request_body), call);
  g_signal_connect (message, "authenticate", G_CALLBACK (on_authenticate), self);
  g_signal_connect (message, "wrote-headers", G_CALLBACK (log_request), NULL);
  g_signal_connect (message, "got-headers", G_CALLBACK (log_response), NULL);
  call->attempt++;
  self->request_count++;
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), call_sent, task);
}

static void
call_async (CwTidbClient        *self,
            const char          *method,
            GUri                *uri,
            GBytes              *body,
            const char * const  *secrets,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  call->method = g_strdup (method);
  call->uri = g_uri_ref (uri);
  call->body = body ? g_bytes_ref (body) : NULL;
  call->secrets = g_strdupv ((char **) secrets);
  g_task_set_task_data (task, call, call_free);
  call_send (task);
}

/* The body of a successful answer. */
static GBytes *
call_finish (GAsyncResult  *result,
             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonObject *
call_finish_object (GAsyncResult  *result,
                    GError       **error)
{
  g_autoptr(GBytes) body = call_finish (result, error);
  gconstpointer data;
  gsize length;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &length);
  return cw_tidb_parse_object (data, length, error);
}

/* ---- one object ---- */

/* Without a parse function the answer's body is not needed: the request was taken. */
static void
object_fetched (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwTidbParseFunc parse = (CwTidbParseFunc) g_task_get_task_data (task);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  gpointer item;

  if (parse == NULL)
    {
      body = call_finish (result, &error);
      if (body == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  object = call_finish_object (result, &error);
  item = object ? parse (object, &error) : NULL;
  if (item == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, item, g_object_unref);
}

static void
fetch_object_async (CwTidbClient        *self,
                    const char          *method,
                    GUri                *uri,
                    GBytes              *body,
                    const char * const  *secrets,
                    CwTidbParseFunc      parse,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) parse, NULL);
  call_async (self, method, uri, body, secrets, cancellable, object_fetched, task);
}

static gpointer
fetch_finish (CwTidbClient  *self,
              GAsyncResult  *result,
              gpointer       source_tag,
              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- lists, page by page ---- */

static void
listing_free (gpointer data)
{
  Listing *listing = data;

  g_free (listing->path);
  g_free (listing->filter);
  g_clear_object (&listing->items);
  g_free (listing->page_token);
  g_free (listing);
}

static void list_fetch_page (GTask *task);

static void
page_fetched (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Listing *listing = g_task_get_task_data (task);
  g_autoptr(JsonObject) page = NULL;
  g_autofree char *next_page_token = NULL;
  GError *error = NULL;

  page = call_finish_object (result, &error);
  if (page == NULL ||
      !cw_tidb_parse_page (page, listing->items_member, listing->parse_item, listing->items,
                           &next_page_token, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (next_page_token == NULL)
    {
      g_task_return_pointer (task, g_object_ref (listing->items), g_object_unref);
      return;
    }
  if (++listing->pages >= MAX_PAGES || g_strcmp0 (next_page_token, listing->page_token) == 0)
    {
      g_task_return_new_error (task, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE,
                               _("TiDB Cloud kept sending further pages of the list; it was abandoned after %u pages."),
                               listing->pages);
      return;
    }
  g_free (listing->page_token);
  listing->page_token = g_steal_pointer (&next_page_token);
  list_fetch_page (g_steal_pointer (&task));
}

static char *
page_query (Listing *listing)
{
  GString *query = g_string_new (NULL);

  g_string_append_printf (query, "pageSize=%u", PAGE_SIZE);
  if (listing->page_token != NULL)
    {
      g_autofree char *token = escape_segment (listing->page_token);

      g_string_append_printf (query, "&pageToken=%s", token);
    }
  if (listing->filter != NULL)
    g_string_append_printf (query, "&%s", listing->filter);
  return g_string_free (query, FALSE);
}

/* Takes over @task until the page comes. */
static void
list_fetch_page (GTask *task)
{
  CwTidbClient *self = g_task_get_source_object (task);
  Listing *listing = g_task_get_task_data (task);
  g_autofree char *query = page_query (listing);
  g_autoptr(GUri) uri = build_uri (self, listing->api, listing->path, query);

  call_async (self, "GET", uri, NULL, NULL, g_task_get_cancellable (task), page_fetched, task);
}

static void
list_async (CwTidbClient        *self,
            Api                  api,
            const char          *path,
            const char          *filter,
            const char          *items_member,
            GType                item_type,
            CwTidbParseFunc      parse_item,
            GListStore          *into,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Listing *listing = g_new0 (Listing, 1);

  listing->api = api;
  listing->path = g_strdup (path);
  listing->filter = g_strdup (filter);
  listing->items_member = items_member;
  listing->parse_item = parse_item;
  listing->items = into ? g_object_ref (into) : g_list_store_new (item_type);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, listing, listing_free);
  list_fetch_page (task);
}

/* ---- the operations ---- */

static char *
cluster_path (const char *cluster_id,
              const char *rest)
{
  g_autofree char *escaped = escape_segment (cluster_id);

  return g_strconcat ("/clusters/", escaped, rest, NULL);
}

static char *
private_link_path (const char *cluster_id,
                   const char *link_id)
{
  g_autofree char *escaped = escape_segment (link_id);
  g_autofree char *rest = g_strconcat ("/privateLinkConnections/", escaped, NULL);

  return cluster_path (cluster_id, rest);
}

static void
fetch_path_async (CwTidbClient        *self,
                  const char          *method,
                  const char          *path,
                  GBytes              *body,
                  CwTidbParseFunc      parse,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GUri) uri = build_uri (self, API_SERVERLESS, path, NULL);

  fetch_object_async (self, method, uri, body, NULL, parse, source_tag, cancellable, callback, user_data);
}

/* ---- for the operations in the other cw-tidb-client-*.c (cw-tidb-client-private.h) ---- */

/* "/clusters/{cluster_id}/{collection}[/{item_id}][{verb}]": the ids are escaped as one
 * path segment each; @verb is a custom method such as ":start". */
char *
cw_tidb_client_cluster_path (const char *cluster_id,
                             const char *collection,
                             const char *item_id,
                             const char *verb)
{
  g_autofree char *escaped_item = item_id ? escape_segment (item_id) : NULL;
  g_autofree char *rest = g_strconcat ("/", collection, escaped_item ? "/" : "", escaped_item ? escaped_item : "",
                                       verb, NULL);

  return cluster_path (cluster_id, rest);
}

/* An operation of the serverless API answering one object that @parse reads, or with
 * @parse NULL, an answer whose body is not needed (cw_tidb_client_fetch_boolean_finish()). */
void
cw_tidb_client_fetch_async (CwTidbClient        *self,
                            const char          *method,
                            const char          *path,
                            GBytes              *body,
                            const char * const  *secrets,
                            CwTidbParseFunc      parse,
                            gpointer             source_tag,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GUri) uri = build_uri (self, API_SERVERLESS, path, NULL);

  fetch_object_async (self, method, uri, body, secrets, parse, source_tag, cancellable, callback, user_data);
}

gpointer
cw_tidb_client_fetch_finish (CwTidbClient  *self,
                             GAsyncResult  *result,
                             gpointer       source_tag,
                             GError       **error)
{
  return fetch_finish (self, result, source_tag, error);
}

gboolean
cw_tidb_client_fetch_boolean_finish (CwTidbClient  *self,
                                     GAsyncResult  *result,
                                     gpointer       source_tag,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A list of the serverless API, every page; finished by cw_tidb_client_fetch_finish(). */
void
cw_tidb_client_list_async (CwTidbClient        *self,
                           const char          *path,
                           const char          *items_member,
                           GType                item_type,
                           CwTidbParseFunc      parse_item,
                           gpointer             source_tag,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  list_async (self, API_SERVERLESS, path, NULL, items_member, item_type, parse_item, NULL,
              source_tag, cancellable, callback, user_data);
}

/* ---- request bodies ---- */

#define SECRET_NODES_KEY "cw-tidb-secret-nodes"

void
cw_tidb_json_add_string (JsonBuilder *builder,
                         const char  *name,
                         const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* As cw_tidb_json_add_string(); the builder's copy of @secret is wiped once
 * cw_tidb_json_body_new() has made the text. */
void
cw_tidb_json_add_secret (JsonBuilder *builder,
                         const char  *name,
                         const char  *secret)
{
  GPtrArray *nodes = g_object_get_data (G_OBJECT (builder), SECRET_NODES_KEY);
  JsonNode *node = json_node_init_string (json_node_alloc (), secret);

  if (nodes == NULL)
    {
      nodes = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (builder), SECRET_NODES_KEY, nodes, (GDestroyNotify) g_ptr_array_unref);
    }
  /* The builder owns the node; its string lives until the builder goes. */
  g_ptr_array_add (nodes, node);
  json_builder_set_member_name (builder, name);
  json_builder_add_value (builder, node);
}

static void
wipe_secret_nodes (JsonBuilder *builder)
{
  GPtrArray *nodes = g_object_get_data (G_OBJECT (builder), SECRET_NODES_KEY);

  for (guint i = 0; nodes != NULL && i < nodes->len; i++)
    {
      char *text = (char *) json_node_get_string (g_ptr_array_index (nodes, i));

      explicit_bzero (text, strlen (text));
    }
}

/* The JSON text of the builder's finished root, in bytes that are wiped when freed:
 * a body may hold a password. */
GBytes *
cw_tidb_json_body_new (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  wipe_secret_nodes (builder);
  return g_bytes_new_with_free_func (data, length, (GDestroyNotify) cw_secure_free, data);
}

void
cw_tidb_client_list_clusters_async (CwTidbClient        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CW_IS_TIDB_CLIENT (self));

  list_async (self, API_SERVERLESS, "/clusters", NULL, "clusters", CW_TYPE_TIDB_CLUSTER,
              (CwTidbParseFunc) cw_tidb_cluster_new_from_json, NULL,
              cw_tidb_client_list_clusters_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): a GListModel of CwTidbCluster */
GListModel *
cw_tidb_client_list_clusters_finish (CwTidbClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return fetch_finish (self, result, cw_tidb_client_list_clusters_async, error);
}

void
cw_tidb_client_get_cluster_async (CwTidbClient        *self,
                                  const char          *cluster_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');

  path = cluster_path (cluster_id, NULL);
  fetch_path_async (self, "GET", path, NULL, (CwTidbParseFunc) cw_tidb_cluster_new_from_json,
                    cw_tidb_client_get_cluster_async, cancellable, callback, user_data);
}

CwTidbCluster *
cw_tidb_client_get_cluster_finish (CwTidbClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return fetch_finish (self, result, cw_tidb_client_get_cluster_async, error);
}

void
cw_tidb_client_list_projects_async (CwTidbClient        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CW_IS_TIDB_CLIENT (self));

  list_async (self, API_IAM, "/projects", NULL, "projects", CW_TYPE_TIDB_PROJECT,
              (CwTidbParseFunc) cw_tidb_project_new_from_json, NULL,
              cw_tidb_client_list_projects_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): a GListModel of CwTidbProject */
GListModel *
cw_tidb_client_list_projects_finish (CwTidbClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return fetch_finish (self, result, cw_tidb_client_list_projects_async, error);
}

void
cw_tidb_client_get_availability_zones_async (CwTidbClient        *self,
                                             const char          *cluster_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');

  path = cluster_path (cluster_id, "/privateLinkConnections:getAvailabilityZones");
  fetch_path_async (self, "GET", path, NULL,
                    (CwTidbParseFunc) cw_tidb_availability_zones_new_from_json,
                    cw_tidb_client_get_availability_zones_async, cancellable, callback, user_data);
}

CwTidbAvailabilityZones *
cw_tidb_client_get_availability_zones_finish (CwTidbClient  *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  return fetch_finish (self, result, cw_tidb_client_get_availability_zones_async, error);
}

/* @state, when not NULL, keeps only the connections in that state ("ACTIVE", …). */
void
cw_tidb_client_list_private_links_async (CwTidbClient        *self,
                                         const char          *cluster_id,
                                         const char          *state,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  cw_tidb_client_list_private_links_into_async (self, cluster_id, state, NULL, cancellable, callback, user_data);
}

/* As cw_tidb_client_list_private_links_async(), adding each page's connections to @into
 * (a GListStore of CwTidbPrivateLink, or NULL) as it comes: a caller can act on the
 * first hundred while the next pages are read. The finish answers @into. */
void
cw_tidb_client_list_private_links_into_async (CwTidbClient        *self,
                                              const char          *cluster_id,
                                              const char          *state,
                                              GListStore          *into,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *escaped_state = NULL;
  g_autofree char *filter = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (into == NULL || g_list_model_get_item_type (G_LIST_MODEL (into)) == CW_TYPE_TIDB_PRIVATE_LINK);

  path = cluster_path (cluster_id, "/privateLinkConnections");
  if (state != NULL)
    {
      escaped_state = escape_segment (state);
      filter = g_strconcat ("state=", escaped_state, NULL);
    }
  list_async (self, API_SERVERLESS, path, filter, "privateLinkConnections",
              CW_TYPE_TIDB_PRIVATE_LINK, (CwTidbParseFunc) cw_tidb_private_link_new_from_json, into,
              cw_tidb_client_list_private_links_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): a GListModel of CwTidbPrivateLink */
GListModel *
cw_tidb_client_list_private_links_finish (CwTidbClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return fetch_finish (self, result, cw_tidb_client_list_private_links_async, error);
}

void
cw_tidb_client_get_private_link_async (CwTidbClient        *self,
                                       const char          *cluster_id,
                                       const char          *link_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (link_id != NULL && *link_id != '\0');

  path = private_link_path (cluster_id, link_id);
  fetch_path_async (self, "GET", path, NULL, (CwTidbParseFunc) cw_tidb_private_link_new_from_json,
                    cw_tidb_client_get_private_link_async, cancellable, callback, user_data);
}

CwTidbPrivateLink *
cw_tidb_client_get_private_link_finish (CwTidbClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return fetch_finish (self, result, cw_tidb_client_get_private_link_async, error);
}

/* CreatePrivateLinkConnectionBody: the connection to create, of the AWS type. */
static GBytes *
create_private_link_body (const char *cluster_id,
                          const char *display_name,
                          const char *service_name,
                          const char *service_region)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "privateLinkConnection");
  json_builder_begin_object (builder);
  cw_tidb_json_add_string (builder, "clusterId", cluster_id);
  cw_tidb_json_add_string (builder, "displayName", display_name);
  cw_tidb_json_add_string (builder, "type", CW_TIDB_PRIVATE_LINK_TYPE_AWS);
  json_builder_set_member_name (builder, "awsEndpointService");
  json_builder_begin_object (builder);
  cw_tidb_json_add_string (builder, "name", service_name);
  if (service_region != NULL)
    cw_tidb_json_add_string (builder, "region", service_region);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return cw_tidb_json_body_new (builder);
}

/* Asks TiDB Cloud to connect @cluster_id to the AWS endpoint service @service_name
 * ("com.amazonaws.vpce.<region>.vpce-svc-…"); @service_region may be NULL for the
 * cluster's own region. The answer is the new connection, usually CREATING. */
void
cw_tidb_client_create_private_link_async (CwTidbClient        *self,
                                          const char          *cluster_id,
                                          const char          *display_name,
                                          const char          *service_name,
                                          const char          *service_region,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (display_name != NULL && service_name != NULL);

  path = cluster_path (cluster_id, "/privateLinkConnections");
  body = create_private_link_body (cluster_id, display_name, service_name, service_region);
  fetch_path_async (self, "POST", path, body, (CwTidbParseFunc) cw_tidb_private_link_new_from_json,
                    cw_tidb_client_create_private_link_async, cancellable, callback, user_data);
}

CwTidbPrivateLink *
cw_tidb_client_create_private_link_finish (CwTidbClient  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return fetch_finish (self, result, cw_tidb_client_create_private_link_async, error);
}

/* Deletion is asynchronous on TiDB Cloud's side too: the connection goes DELETING and
 * later disappears; the answer's body is not needed to know the request was taken. */
void
cw_tidb_client_delete_private_link_async (CwTidbClient        *self,
                                          const char          *cluster_id,
                                          const char          *link_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CW_IS_TIDB_CLIENT (self));
  g_return_if_fail (cluster_id != NULL && *cluster_id != '\0');
  g_return_if_fail (link_id != NULL && *link_id != '\0');

  path = private_link_path (cluster_id, link_id);
  cw_tidb_client_fetch_async (self, "DELETE", path, NULL, NULL, NULL,
                              cw_tidb_client_delete_private_link_async, cancellable, callback, user_data);
}

gboolean
cw_tidb_client_delete_private_link_finish (CwTidbClient  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return cw_tidb_client_fetch_boolean_finish (self, result, cw_tidb_client_delete_private_link_async, error);
}

/* Every request sent so far, retries and pages included: what a caller that must stay
 * cheap (the link watcher) counts its cost by. */
guint
cw_tidb_client_get_request_count (CwTidbClient *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CLIENT (self), 0);
  return self->request_count;
}
