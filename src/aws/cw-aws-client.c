/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-client.c: the AWS client (see cw-aws-client.h)
 *
 * Over 800 lines because one call path, its retries, backoff, cancellation and error
 * handling, serves every protocol: the signed Query calls (pages, XML decoded in a
 * thread), the unsigned rest-json calls of IAM Identity Center and the signed JSON 1.1
 * calls of the Price List API (cw-aws-json), so that none has a second copy of the
 * retry policy. */
#define G_LOG_DOMAIN "cw-aws-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cw-aws-client.h"
#include "cw-aws-error.h"
#include "cw-aws-json.h"
#include "cw-net.h"
#include "cw-sigv4.h"
#include "cw-wait.h"

/* A server that hands out the same token forever must not keep us paging forever. */
#define MAX_PAGES 10000
/* A refresh describes a thousand target groups at one service's host: with a tenth of a
 * second per answer, 8 connections take 12 s where 32 take 3 s. The session's total
 * (libsoup's default is 10) leaves room for the other services' hosts beside it. */
#define MAX_CONNS_PER_HOST 32
#define MAX_CONNS 64
/* Answers this large or larger are parsed off the main thread (decode_response()). */
#define OFF_THREAD_BYTES (64 * 1024)
#define CONTENT_TYPE "application/x-www-form-urlencoded; charset=utf-8"
#define JSON_1_1_CONTENT_TYPE "application/x-amz-json-1.1"

struct _CwAwsClient
{
  GObject      parent_instance;
  CwAwsConfig *config;
  SoupSession *session;
  GError      *setup_error;  /* an unreadable AWS_CA_BUNDLE fails every call */
  guint        request_count;
};

G_DEFINE_FINAL_TYPE (CwAwsClient, cw_aws_client, G_TYPE_OBJECT)

enum {
  RETRYING,
  ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One call: its pages, and the attempts of each. A Query-protocol call has a @request,
 * a JSON one its @json request instead; everything else they share. */
typedef struct {
  CwAwsRequest   *request;
  CwAwsJsonRequest *json;
  char           *iam_action;
  CwAwsCallFlags  flags;
  GUri           *endpoint;
  SoupMessage    *message;
  guint           attempts;       /* HTTP requests sent for the whole call */
  guint           page_attempts;  /* for the current page */
  guint           pages;
  GPtrArray      *items;
  char           *page_token;
  CwWait          wait;           /* between attempts */
} Call;

/* What the decoding thread hands back for one page. */
typedef struct {
  const CwAwsOperation *operation;
  gpointer              result;
  char                 *page_token;
} Page;

typedef struct {
  const CwAwsOperation *operation;
  GBytes               *body;
  guint                 status;
  char                 *header_request_id;
} DecodeJob;

static void send_attempt (GTask *task);

static void
call_free (Call *call)
{
  cw_wait_stop (&call->wait);
  g_clear_pointer (&call->request, cw_aws_request_unref);
  g_clear_pointer (&call->json, cw_aws_json_request_free);
  g_free (call->iam_action);
  g_clear_pointer (&call->endpoint, g_uri_unref);
  g_clear_object (&call->message);
  g_clear_pointer (&call->items, g_ptr_array_unref);
  g_free (call->page_token);
  g_free (call);
}

/* JSON 1.1 is signed; rest-json is not. */
static gboolean
call_is_signed_json (Call *call)
{
  g_autofree char *amz_target = call->json ? cw_aws_json_request_dup_target (call->json) : NULL;

  return amz_target != NULL;
}

static void
page_free (Page *page)
{
  if (page->result != NULL)
    cw_aws_operation_get_result_free_func (page->operation) (page->result);
  g_free (page->page_token);
  g_free (page);
}

static void
decode_job_free (DecodeJob *job)
{
  g_bytes_unref (job->body);
  g_free (job->header_request_id);
  g_free (job);
}

static void
cw_aws_client_finalize (GObject *object)
{
  CwAwsClient *self = CW_AWS_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->config);
  g_clear_error (&self->setup_error);
  G_OBJECT_CLASS (cw_aws_client_parent_class)->finalize (object);
}

static void
cw_aws_client_class_init (CwAwsClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_aws_client_finalize;

  /**
   * CwAwsClient::retrying:
   * @action: the IAM action, e.g. "ec2:DescribeSubnets"
   * @attempt: the number of the attempt about to be made (2 for the first retry)
   * @delay_ms: how long the client waits before it
   * @error: why the previous attempt failed
   */
  signals[RETRYING] = g_signal_new ("retrying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                    G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_ERROR);
  /**
   * CwAwsClient::answered:
   * @action: the IAM action, e.g. "ec2:CreateSecurityGroup"
   * @status: the HTTP status of the answer
   * @request_id: AWS's id of the request (support asks for it), or NULL
   *
   * Emitted on the main context for every answer, so a log can show what was asked.
   */
  signals[ANSWERED] = g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                    G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING);
}

static void
cw_aws_client_init (CwAwsClient *self)
{
}

static void
load_ca_bundle (CwAwsClient *self)
{
  const char *path = cw_aws_config_get_ca_bundle (self->config);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  database = g_tls_file_database_new (path, &error);
  if (database == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot use the CA bundle “%s”: %s"), path, error->message);

      self->setup_error = cw_aws_error_new_literal (CW_AWS_ERROR_ENDPOINT, NULL, message);
      return;
    }
  soup_session_set_tls_database (self->session, database);
}

/* Certificates are always verified: no accept-certificate handler is ever installed. */
CwAwsClient *
cw_aws_client_new (CwAwsConfig *config)
{
  CwAwsClient *self;

  g_return_val_if_fail (CW_IS_AWS_CONFIG (config), NULL);

  self = g_object_new (CW_TYPE_AWS_CLIENT, NULL);
  self->config = g_object_ref (config);
  self->session = soup_session_new_with_options ("user-agent", "causeway/" PACKAGE_VERSION,
                                                 "max-conns-per-host", MAX_CONNS_PER_HOST,
                                                 "max-conns", MAX_CONNS,
                                                 "timeout", cw_aws_config_get_timeout (config),
                                                 "idle-timeout", 60,
                                                 NULL);
  load_ca_bundle (self);
  return self;
}

CwAwsConfig *
cw_aws_client_get_config (CwAwsClient *self)
{
  g_return_val_if_fail (CW_IS_AWS_CLIENT (self), NULL);

  return self->config;
}

/* Every HTTP request sent, retries and pages included (the benchmarks count them). */
guint
cw_aws_client_get_request_count (CwAwsClient *self)
{
  g_return_val_if_fail (CW_IS_AWS_CLIENT (self), 0);

  return self->request_count;
}

/* What libsoup sends as Host, so the signed value is the sent value. */
static char *
host_header (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);
  int default_port = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
  g_autofree char *name = strchr (host, ':') ? g_strdup_printf ("[%s]", host) : g_strdup (host);

  if (port == -1 || port == default_port)
    return g_steal_pointer (&name);
  return g_strdup_printf ("%s:%d", name, port);
}

static char *
request_target (GUri *uri)
{
  const char *path = g_uri_get_path (uri);
  const char *query = g_uri_get_query (uri);

  return g_strdup_printf ("%s%s%s", *path ? path : "/", query ? "?" : "", query ? query : "");
}

static void
log_header (const char *name,
            const char *value,
            gpointer    user_data)
{
  g_autofree char *shown = cw_redact_header_value (name, value);

  g_debug ("  %s: %s", name, shown);
}

/* An operation that changes nothing can be sent again. */
static gboolean
operation_only_reads (const CwAwsOperation *operation)
{
  static const char * const prefixes[] = { "Describe", "List", "Get" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (operation->action, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* A signed POST of @body to the call's endpoint, with @amz_target for JSON 1.1. */
static SoupMessage *
build_signed_post (CwAwsClient            *self,
                   Call                   *call,
                   CwAwsService            service,
                   const char             *content_type,
                   const char             *amz_target,
                   GBytes                 *body,
                   const CwAwsCredentials *credentials)
{
  g_autofree char *target = request_target (call->endpoint);
  g_autofree char *host = host_header (call->endpoint);
  g_autoptr(CwSigv4Request) signing = cw_sigv4_request_new ("POST", target, body);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  SoupMessage *message = soup_message_new_from_uri ("POST", call->endpoint);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  cw_sigv4_request_add_header (signing, "Host", host);
  cw_sigv4_request_add_header (signing, "Content-Type", content_type);
  if (amz_target != NULL)
    cw_sigv4_request_add_header (signing, "X-Amz-Target", amz_target);
  cw_sigv4_sign (signing, credentials, cw_aws_config_get_region (self->config),
                 cw_aws_service_get_info (service)->name, now, CW_SIGV4_DEFAULT);
  for (guint i = 0; i < cw_sigv4_request_get_n_headers (signing); i++)
    {
      const char *name;
      const char *value;

      cw_sigv4_request_get_header (signing, i, &name, &value);
      if (g_ascii_strcasecmp (name, "Content-Type") != 0)
        soup_message_headers_replace (headers, name, value);
    }
  soup_message_set_request_body_from_bytes (message, content_type, body);
  return message;
}

static SoupMessage *
build_message (CwAwsClient            *self,
               Call                   *call,
               GBytes                 *body,
               const CwAwsCredentials *credentials)
{
  const CwAwsOperation *operation = cw_aws_request_get_operation (call->request);
  SoupMessage *message = build_signed_post (self, call, operation->service, CONTENT_TYPE, NULL, body, credentials);

  /* libsoup sends a POST it may not repeat on a new connection only, never on one kept
   * alive that the server may have closed meanwhile: each of the thousand describes of a
   * refresh paid for a connection of its own and, with AWS, a TLS handshake. */
  if (operation_only_reads (operation))
    soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);
  return message;
}

/* Headers that carry credentials are named but never shown, nor an MFA code in the form. */
static void
log_request (Call        *call,
             SoupMessage *message,
             GBytes      *body)
{
  g_autofree char *uri = g_uri_to_string_partial (soup_message_get_uri (message), G_URI_HIDE_USERINFO);
  g_autofree char *shown = NULL;

  g_debug ("→ %s %s (attempt %u)", call->iam_action, uri, call->page_attempts);
  soup_message_headers_foreach (soup_message_get_request_headers (message), log_header, NULL);
  /* SSO OIDC's bodies hold the client secret, codes, verifiers and tokens. */
  if (call->json != NULL)
    {
      g_debug ("  (%" G_GSIZE_FORMAT " bytes of JSON, not shown)", body ? g_bytes_get_size (body) : 0);
      return;
    }
  shown = cw_redact_form_body (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_debug ("  %s", shown);
}

static void
complete_with_error (GTask  *task,
                     GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
complete_with_result (GTask    *task,
                      gpointer  result)
{
  Call *call = g_task_get_task_data (task);
  const CwAwsOperation *operation;

  if (call->json != NULL)
    {
      g_task_return_pointer (task, result, (GDestroyNotify) json_node_unref);
      g_object_unref (task);
      return;
    }
  operation = cw_aws_request_get_operation (call->request);
  if (operation->result_kind == CW_AWS_RESULT_NONE)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, result, cw_aws_operation_get_result_free_func (operation));
  g_object_unref (task);
}

static gboolean
status_is_retryable (guint status)
{
  return status == 500 || status == 502 || status == 503 || status == 504;
}

/* How many attempts this failure allows: 0 for errors the SDKs never retry. */
static guint
attempt_limit (CwAwsClient  *self,
               Call         *call,
               const GError *error)
{
  const char *code = cw_aws_error_get_code (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return 0;
  if (error->domain == G_IO_ERROR || g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE))
    return cw_aws_config_get_max_attempts (self->config);
  if (error->domain != CW_AWS_ERROR)
    return 0;
  if (cw_aws_error_code_is_throttling (code) || cw_aws_error_code_is_transient (code) ||
      status_is_retryable (cw_aws_error_get_http_status (error)))
    return cw_aws_config_get_max_attempts (self->config);
  if ((call->flags & CW_AWS_CALL_RETRY_NOT_FOUND) && cw_aws_error_code_is_not_found (code))
    return cw_aws_config_get_not_found_attempts (self->config);
  return 0;
}

static gboolean
on_wait_over (gpointer user_data)
{
  GTask *task = user_data;

  cw_wait_stop (&((Call *) g_task_get_task_data (task))->wait);
  send_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  cw_wait_stop (&((Call *) g_task_get_task_data (task))->wait);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  complete_with_error (task, error);
  return G_SOURCE_REMOVE;
}

/* Waits, unless the caller cancels first: then the call ends at once. */
static void
schedule_retry (GTask  *task,
                GError *error)
{
  CwAwsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint base_ms;
  guint cap_ms;
  guint delay;

  cw_aws_config_get_retry_delays (self->config, &base_ms, &cap_ms);
  delay = cw_backoff_full_jitter_ms (call->page_attempts - 1, base_ms, cap_ms);
  g_debug ("%s: attempt %u failed (%s); retrying in %u ms", call->iam_action, call->page_attempts, error->message, delay);
  g_signal_emit (self, signals[RETRYING], 0, call->iam_action, call->page_attempts + 1, delay, error);

  cw_wait_start (&call->wait, delay, cancellable, g_task_get_context (task), on_wait_over, on_wait_cancelled, task);
}

/* A session that ended sooner than its expiration said (revoked, or a clock that ran
 * ahead): the provider fetches new credentials, once. */
static gboolean
session_expired (CwAwsClient  *self,
                 Call         *call,
                 const GError *error)
{
  CwAwsCredentialsProvider *provider = cw_aws_config_get_credentials_provider (self->config);
  const char *code = cw_aws_error_get_code (error);

  /* A rest-json call is not signed: its ExpiredTokenException is about its own token. */
  if (provider == NULL || (call->json != NULL && !call_is_signed_json (call)) || call->page_attempts > 1 ||
      (g_strcmp0 (code, "ExpiredToken") != 0 && g_strcmp0 (code, "ExpiredTokenException") != 0))
    return FALSE;
  cw_aws_credentials_provider_invalidate (provider);
  return TRUE;
}

static void
handle_failure (GTask  *task,
                GError *error)
{
  CwAwsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  if (session_expired (self, call, error))
    {
      g_debug ("%s: the session expired; renewing the credentials", call->iam_action);
      g_error_free (error);
      send_attempt (task);
      return;
    }
  if (call->page_attempts < attempt_limit (self, call, error))
    {
      schedule_retry (task, error);
      g_error_free (error);
      return;
    }
  if (error->domain != CW_AWS_ERROR && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (&error, _("Could not reach %s: "), g_uri_get_host (call->endpoint));
  complete_with_error (task, error);
}

static gboolean
next_page (GTask  *task,
           Page   *page)
{
  Call *call = g_task_get_task_data (task);
  const CwAwsOperation *operation = cw_aws_request_get_operation (call->request);

  if (call->items == NULL)
    call->items = g_steal_pointer (&page->result);
  else
    g_ptr_array_extend_and_steal (call->items, g_steal_pointer (&page->result));
  if (page->page_token == NULL || *page->page_token == '\0')
    return FALSE;
  if (g_strcmp0 (page->page_token, call->page_token) == 0 || ++call->pages >= MAX_PAGES)
    {
      complete_with_error (task, cw_aws_error_new_literal (CW_AWS_ERROR_INVALID_RESPONSE, NULL,
                                                           _("AWS keeps answering with the same page")));
      return TRUE;
    }
  g_free (call->page_token);
  call->page_token = g_strdup (page->page_token);
  cw_aws_request_set (call->request, operation->page_token_parameter, call->page_token);
  call->page_attempts = 0;
  send_attempt (task);
  return TRUE;
}

static void
on_decoded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);
  const CwAwsOperation *operation = cw_aws_request_get_operation (call->request);
  GError *error = NULL;
  Page *page = g_task_propagate_pointer (G_TASK (result), &error);

  if (page == NULL)
    {
      handle_failure (task, error);
      return;
    }
  if (operation->result_kind != CW_AWS_RESULT_LIST)
    complete_with_result (task, g_steal_pointer (&page->result));
  else if (!next_page (task, page))
    complete_with_result (task, g_steal_pointer (&call->items));
  page_free (page);
}

static void
decode_in_thread (GTask        *job_task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DecodeJob *job = task_data;
  gsize size = 0;
  const char *data = g_bytes_get_data (job->body, &size);
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *request_id = NULL;
  GError *error = NULL;
  Page *page;

  if (!SOUP_STATUS_IS_SUCCESSFUL (job->status))
    {
      g_task_return_error (job_task, cw_aws_xml_decode_error (job->operation, data, size, job->status,
                                                              job->header_request_id));
      return;
    }
  doc = cw_aws_xml_parse (data, size, &error);
  if (doc == NULL)
    {
      g_task_return_error (job_task, error);
      return;
    }
  page = g_new0 (Page, 1);
  page->operation = job->operation;
  page->result = cw_aws_xml_decode_result (job->operation, doc, &page->page_token, &request_id, &error);
  g_debug ("%s: request id %s", job->operation->action, request_id ? request_id : "(none)");
  if (error != NULL)
    {
      page_free (page);
      g_task_return_error (job_task, error);
      return;
    }
  g_task_return_pointer (job_task, page, (GDestroyNotify) page_free);
}

/* Large pages (RDS, network interfaces) are parsed off the main thread. A small answer
 * is parsed where it arrived, at no cost to the main loop: the records of a thousand
 * target healths parsed in worker threads end up spread over every thread's malloc
 * arena, whose freed pages stay resident (bench/links: +9 MiB per refresh). */
static void
decode_response (GTask  *task,
                 GBytes *body)
{
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);
  const char *request_id = soup_message_headers_get_one (headers, "x-amzn-RequestId");
  DecodeJob *job = g_new0 (DecodeJob, 1);
  g_autoptr(GTask) job_task = g_task_new (g_task_get_source_object (task), NULL, on_decoded, task);

  job->operation = cw_aws_request_get_operation (call->request);
  job->body = g_bytes_ref (body);
  job->status = soup_message_get_status (call->message);
  job->header_request_id = g_strdup (request_id ? request_id : soup_message_headers_get_one (headers, "x-amz-request-id"));
  g_debug ("← %s HTTP %u (%" G_GSIZE_FORMAT " bytes)", call->iam_action, job->status, g_bytes_get_size (body));
  g_signal_emit (g_task_get_source_object (task), signals[ANSWERED], 0, call->iam_action, job->status,
                 job->header_request_id);
  g_task_set_task_data (job_task, job, (GDestroyNotify) decode_job_free);
  if (g_bytes_get_size (body) >= OFF_THREAD_BYTES)
    g_task_run_in_thread (job_task, decode_in_thread);
  else
    decode_in_thread (job_task, g_task_get_source_object (job_task), job, NULL);
}

static gboolean
call_is_json (GTask *task)
{
  return ((Call *) g_task_get_task_data (task))->json != NULL;
}

static const char *
response_request_id (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *request_id = soup_message_headers_get_one (headers, "x-amzn-RequestId");

  return request_id ? request_id : soup_message_headers_get_one (headers, "x-amz-request-id");
}

/* The sign-in APIs answer a few hundred bytes: parsed here, not in a thread. */
static void
decode_json_response (GTask  *task,
                      GBytes *body)
{
  Call *call = g_task_get_task_data (task);
  guint status = soup_message_get_status (call->message);
  const char *request_id = response_request_id (call->message);
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GError *error = NULL;

  g_debug ("← %s HTTP %u (%" G_GSIZE_FORMAT " bytes)", call->iam_action, status, size);
  g_signal_emit (g_task_get_source_object (task), signals[ANSWERED], 0, call->iam_action, status, request_id);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      const char *type = soup_message_headers_get_one (soup_message_get_response_headers (call->message),
                                                       "x-amzn-ErrorType");

      handle_failure (task, cw_aws_json_decode_error (call->iam_action, data, size, status, type, request_id));
      return;
    }
  /* Logout answers with an empty body. */
  if (size == 0)
    {
      complete_with_result (task, json_node_init_object (json_node_alloc (), json_object_new ()));
      return;
    }
  if (!json_parser_load_from_data (parser, data, size, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      error = cw_aws_error_new_literal (CW_AWS_ERROR_INVALID_RESPONSE, NULL,
                                        _("The answer of AWS is not a JSON object"));
      g_prefix_error (&error, "%s: ", call->iam_action);
      complete_with_error (task, error);
      return;
    }
  complete_with_result (task, json_parser_steal_root (parser));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (body == NULL)
    {
      handle_failure (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (call_is_json (task))
    decode_json_response (task, body);
  else
    decode_response (task, body);
}

static SoupMessage *
build_json_message (Call *call)
{
  g_autoptr(GUri) uri = cw_aws_json_request_build_uri (call->json, call->endpoint);
  g_autoptr(GBytes) body = cw_aws_json_request_encode_body (call->json);
  const char *token = cw_aws_json_request_get_bearer_token (call->json);
  SoupMessage *message = soup_message_new_from_uri (cw_aws_json_request_get_method (call->json), uri);

  if (token != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), CW_AWS_SSO_BEARER_HEADER, token);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", body);
  log_request (call, message, body);
  return message;
}

/* Unsigned: the body or a bearer token authenticates. */
static void
send_json (GTask *task)
{
  CwAwsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  call->attempts++;
  call->page_attempts++;
  self->request_count++;
  g_clear_object (&call->message);
  call->message = build_json_message (call);
  soup_session_send_and_read_async (self->session, call->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent, task);
}

/* A JSON 1.1 call: its body, signed with X-Amz-Target; an empty object when it has none. */
static SoupMessage *
build_signed_json_message (CwAwsClient            *self,
                           Call                   *call,
                           GBytes                 *body,
                           const CwAwsCredentials *credentials)
{
  g_autofree char *amz_target = cw_aws_json_request_dup_target (call->json);

  return build_signed_post (self, call, cw_aws_json_request_get_service (call->json), JSON_1_1_CONTENT_TYPE,
                            amz_target, body, credentials);
}

static void
send_signed (GTask                  *task,
             const CwAwsCredentials *credentials)
{
  CwAwsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) body = call->json ? cw_aws_json_request_encode_body (call->json)
                                      : cw_aws_request_encode (call->request);

  if (body == NULL)
    body = g_bytes_new_static ("{}", 2);
  call->attempts++;
  call->page_attempts++;
  self->request_count++;
  g_clear_object (&call->message);
  call->message = call->json ? build_signed_json_message (self, call, body, credentials)
                             : build_message (self, call, body, credentials);
  log_request (call, call->message, body);
  soup_session_send_and_read_async (self->session, call->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent, task);
}

static void
credentials_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(CwAwsCredentials) credentials = cw_aws_credentials_provider_get_finish (CW_AWS_CREDENTIALS_PROVIDER (source),
                                                                                    result, &error);

  if (credentials == NULL)
    {
      complete_with_error (task, error);
      return;
    }
  send_signed (task, credentials);
}

/* Credentials that expire are asked for before each request: the provider renews them
 * before they run out. */
static void
send_attempt (GTask *task)
{
  CwAwsClient *self = g_task_get_source_object (task);
  CwAwsCredentialsProvider *provider = cw_aws_config_get_credentials_provider (self->config);

  if (call_is_json (task) && !call_is_signed_json (g_task_get_task_data (task)))
    send_json (task);
  else if (provider == NULL)
    send_signed (task, cw_aws_config_get_credentials (self->config));
  else
    cw_aws_credentials_provider_get_async (provider, g_task_get_cancellable (task), credentials_ready, task);
}

void
cw_aws_client_call_async (CwAwsClient         *self,
                          CwAwsRequest        *request,
                          CwAwsCallFlags       flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Call *call;
  GError *error = NULL;

  g_return_if_fail (CW_IS_AWS_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_aws_client_call_async);
  call = g_new0 (Call, 1);
  call->request = cw_aws_request_ref (request);
  call->iam_action = cw_aws_operation_dup_iam_action (cw_aws_request_get_operation (request));
  call->flags = flags;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  if (self->setup_error != NULL)
    {
      complete_with_error (task, g_error_copy (self->setup_error));
      return;
    }
  call->endpoint = cw_aws_config_resolve_endpoint (self->config, cw_aws_request_get_operation (request)->service, &error);
  if (call->endpoint == NULL)
    {
      complete_with_error (task, error);
      return;
    }
  send_attempt (task);
}

/* A rest-json call (SSO OIDC, the portal), which takes @request; the same session,
 * retries and error decoding as the Query-protocol calls. Its result is the answer's
 * JSON object (cw_aws_client_call_json_finish). */
void
cw_aws_client_call_json_async (CwAwsClient         *self,
                               CwAwsJsonRequest    *request,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Call *call;
  GError *error = NULL;

  g_return_if_fail (CW_IS_AWS_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_aws_client_call_json_async);
  call = g_new0 (Call, 1);
  call->json = request;
  call->iam_action = cw_aws_json_request_dup_iam_action (request);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  if (self->setup_error != NULL)
    {
      complete_with_error (task, g_error_copy (self->setup_error));
      return;
    }
  call->endpoint = cw_aws_config_resolve_endpoint (self->config, cw_aws_json_request_get_service (request), &error);
  if (call->endpoint == NULL)
    {
      complete_with_error (task, error);
      return;
    }
  send_attempt (task);
}

JsonNode *
cw_aws_client_call_json_finish (CwAwsClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_aws_client_call_json_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- a JSON API's list, all pages ---- */

typedef struct {
  CwAwsJsonPageRequest  build;
  CwAwsJsonPageReader   read;
  gpointer              data;
  GDestroyNotify        data_free;
  GPtrArray            *items;
  char                 *next_token;
  guint                 pages;
} Pager;

static void
pager_free (Pager *pager)
{
  if (pager->data_free != NULL)
    pager->data_free (pager->data);
  g_ptr_array_unref (pager->items);
  g_free (pager->next_token);
  g_free (pager);
}

/* The answer's token, checked: a repeated one, or pages without end, fail. */
static gboolean
take_next_token (Pager       *pager,
                 const char  *next,
                 GError     **error)
{
  if (next != NULL && *next != '\0' &&
      (g_strcmp0 (next, pager->next_token) == 0 || ++pager->pages >= CW_AWS_MAX_JSON_PAGES))
    {
      g_propagate_error (error, cw_aws_error_new_literal (CW_AWS_ERROR_INVALID_RESPONSE, NULL,
                                                          _("AWS keeps answering with the same page")));
      return FALSE;
    }
  g_free (pager->next_token);
  pager->next_token = next != NULL && *next != '\0' ? g_strdup (next) : NULL;
  return TRUE;
}

static void send_json_page (GTask *task);

static void
json_page_answered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Pager *pager = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) root = cw_aws_client_call_json_finish (CW_AWS_CLIENT (source), result, &error);
  const char *next = NULL;

  if (root == NULL || !pager->read (pager->data, pager->items, json_node_get_object (root), &next, &error) ||
      !take_next_token (pager, next, &error))
    g_task_return_error (task, error);
  else if (pager->next_token != NULL)
    send_json_page (g_steal_pointer (&task));
  else
    g_task_return_pointer (task, g_ptr_array_ref (pager->items), (GDestroyNotify) g_ptr_array_unref);
}

/* Takes @task. */
static void
send_json_page (GTask *task)
{
  Pager *pager = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  cw_aws_client_call_json_async (g_task_get_source_object (task), pager->build (pager->data, pager->next_token),
                                 cancellable, json_page_answered, task);
}

void
cw_aws_client_call_json_pages_async (CwAwsClient          *self,
                                     CwAwsJsonPageRequest  build,
                                     CwAwsJsonPageReader   read,
                                     gpointer              data,
                                     GDestroyNotify        data_free,
                                     GPtrArray            *items,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  GTask *task;
  Pager *pager;

  g_return_if_fail (CW_IS_AWS_CLIENT (self));
  g_return_if_fail (build != NULL && read != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_aws_client_call_json_pages_async);
  pager = g_new0 (Pager, 1);
  pager->build = build;
  pager->read = read;
  pager->data = data;
  pager->data_free = data_free;
  pager->items = g_ptr_array_ref (items);
  g_task_set_task_data (task, pager, (GDestroyNotify) pager_free);
  send_json_page (task);
}

GPtrArray *
cw_aws_client_call_json_pages_finish (CwAwsClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_aws_client_call_json_pages_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* For calls made of plain name/value parameters (a NULL value leaves it out). */
void
cw_aws_client_call_parameters_async (CwAwsClient          *self,
                                     const CwAwsOperation *operation,
                                     CwAwsCallFlags        flags,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data,
                                     const char           *first_name,
                                     ...)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (operation);
  va_list args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    cw_aws_request_set (request, name, va_arg (args, const char *));
  va_end (args);
  cw_aws_client_call_async (self, request, flags, cancellable, callback, user_data);
}

/* The record, or the GPtrArray of records, the operation returns. */
gpointer
cw_aws_client_call_finish (CwAwsClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_aws_client_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* For operations that return nothing but success. */
gboolean
cw_aws_client_call_finish_boolean (CwAwsClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_aws_client_call_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* How many HTTP requests the call took: 1 for a one-page answer that came at once. */
guint
cw_aws_result_get_attempts (GAsyncResult *result)
{
  Call *call;

  g_return_val_if_fail (G_IS_TASK (result), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_aws_client_call_async, 0);

  call = g_task_get_task_data (G_TASK (result));
  return call->attempts;
}
