/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aws-test-server.c */
#include "config.h"

#include <string.h>

#include "aws-test-server.h"
#include "cw-sigv4.h"

typedef struct {
  guint  status;
  char  *body;   /* NULL: drop the connection instead of answering */
  char  *error_type;  /* x-amzn-ErrorType, or NULL */
} Reply;

typedef struct {
  GHashTable *form;
  char       *service;
  char       *signature;
  char       *target;        /* JSON 1.1: X-Amz-Target */
  char       *content_type;
  /* Unsigned rest-json requests (IAM Identity Center); the body of every request */
  char       *method;
  char       *path;
  char       *query;
  char       *body;
  char       *bearer_token;
  guint16     client_port;  /* tells the client's connections apart */
} Received;

struct _AwsTestServer
{
  SoupServer *server;
  char       *url;
  GQueue      replies;
  GPtrArray  *received;
};

static void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->error_type);
  g_free (reply);
}

static void
received_free (Received *received)
{
  g_hash_table_unref (received->form);
  g_free (received->service);
  g_free (received->target);
  g_free (received->content_type);
  g_free (received->signature);
  g_free (received->method);
  g_free (received->path);
  g_free (received->query);
  g_free (received->body);
  g_free (received->bearer_token);
  g_free (received);
}

static void
add_header (const char *name,
            const char *value,
            gpointer    user_data)
{
  cw_sigv4_request_add_header (user_data, name, value);
}

/* Verifies like AWS: the signature must match for the secret of the access key. */
static CwSigv4Authorization *
verify_signature (SoupServerMessage  *message,
                  GBytes             *body,
                  GError            **error)
{
  GUri *uri = soup_server_message_get_uri (message);
  g_autoptr(CwSigv4Request) request = cw_sigv4_request_new (soup_server_message_get_method (message),
                                                            g_uri_get_path (uri), body);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autoptr(CwSigv4Authorization) authorization = NULL;

  soup_message_headers_foreach (headers, add_header, request);
  authorization = cw_sigv4_authorization_parse (soup_message_headers_get_one (headers, "Authorization"), error);
  if (authorization == NULL || !cw_sigv4_verify (request, AWS_TEST_SECRET_KEY, CW_SIGV4_DEFAULT, error))
    return NULL;
  g_assert_cmpstr (authorization->access_key_id, ==, AWS_TEST_ACCESS_KEY);
  g_assert_cmpstr (authorization->region, ==, "us-east-1");
  return g_steal_pointer (&authorization);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  AwsTestServer *self = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(GError) error = NULL;
  Received *received = g_new0 (Received, 1);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autoptr(CwSigv4Authorization) authorization = NULL;
  GUri *uri = soup_server_message_get_uri (message);
  Reply *reply;

  /* The sign-in APIs are not signed: kept as they came. */
  if (soup_message_headers_get_one (headers, "Authorization") == NULL)
    {
      received->method = g_strdup (soup_server_message_get_method (message));
      received->path = g_strdup (g_uri_get_path (uri));
      received->query = g_strdup (g_uri_get_query (uri));
      received->body = g_strdup (text);
      received->bearer_token = g_strdup (soup_message_headers_get_one (headers, "x-amz-sso_bearer_token"));
      received->form = g_hash_table_new (g_str_hash, g_str_equal);
    }
  else
    {
      authorization = verify_signature (message, body, &error);
      g_assert_no_error (error);
      received->service = g_strdup (authorization->service);
      received->signature = g_strdup (authorization->signature);
      received->target = g_strdup (soup_message_headers_get_one (headers, "X-Amz-Target"));
      received->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
      received->body = g_strdup (text);
      received->form = soup_form_decode (text);
    }
  received->client_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (
    soup_server_message_get_remote_address (message)));
  g_ptr_array_add (self->received, received);

  reply = g_queue_pop_head (&self->replies);
  g_assert_nonnull (reply);
  if (reply->body == NULL)
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

      g_io_stream_close (stream, NULL, NULL);
    }
  else
    soup_server_message_set_response (message, received->method ? "application/json" : "text/xml",
                                      SOUP_MEMORY_COPY, reply->body, strlen (reply->body));
  if (reply->error_type != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (message), "x-amzn-ErrorType",
                                  reply->error_type);
  soup_server_message_set_status (message, reply->body ? reply->status : SOUP_STATUS_OK, NULL);
  reply_free (reply);
}

static AwsTestServer *
server_new (GTlsCertificate *certificate)
{
  AwsTestServer *self = g_new0 (AwsTestServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->server = soup_server_new ("tls-certificate", certificate, NULL);
  self->received = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
  g_queue_init (&self->replies);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  soup_server_listen_local (self->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (certificate ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

AwsTestServer *
aws_test_server_new (void)
{
  return server_new (NULL);
}

/* The test certificate (test-server-cert.pem), self-signed for 127.0.0.1, or its key. */
char *
aws_test_tls_file (const char *name)
{
  return g_build_filename (AWS_TLS_DIR, name, NULL);
}

/* https with the test certificate. */
AwsTestServer *
aws_test_server_new_tls (void)
{
  g_autofree char *cert = aws_test_tls_file ("test-server-cert.pem");
  g_autofree char *key = aws_test_tls_file ("test-server-key.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key, &error);

  g_assert_no_error (error);
  return server_new (certificate);
}

void
aws_test_server_free (AwsTestServer *self)
{
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_free (self->url);
  g_queue_clear_full (&self->replies, (GDestroyNotify) reply_free);
  g_ptr_array_unref (self->received);
  g_free (self);
}

const char *
aws_test_server_get_url (AwsTestServer *self)
{
  return self->url;
}

void
aws_test_server_reply (AwsTestServer *self,
                       guint          status,
                       const char    *body)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->status = status;
  reply->body = g_strdup (body);
  g_queue_push_tail (&self->replies, reply);
}

char *
aws_test_read_response (const char *name)
{
  g_autofree char *path = g_build_filename (AWS_RESPONSES_DIR, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

void
aws_test_server_reply_file (AwsTestServer *self,
                            const char    *name)
{
  g_autofree char *text = aws_test_read_response (name);

  aws_test_server_reply (self, SOUP_STATUS_OK, text);
}

void
aws_test_server_drop (AwsTestServer *self)
{
  g_queue_push_tail (&self->replies, g_new0 (Reply, 1));
}

guint
aws_test_server_get_n_requests (AwsTestServer *self)
{
  return self->received->len;
}

GHashTable *
aws_test_server_get_form (AwsTestServer *self,
                          guint          index)
{
  g_assert_cmpuint (index, <, self->received->len);
  return ((Received *) self->received->pdata[index])->form;
}

const char *
aws_test_server_get_service (AwsTestServer *self,
                             guint          index)
{
  g_assert_cmpuint (index, <, self->received->len);
  return ((Received *) self->received->pdata[index])->service;
}

/* One signature per line, for a parent process to look for in a child's output. */
void
aws_test_server_write_signatures (AwsTestServer *self,
                                  const char    *path)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->received->len; i++)
    g_string_append_printf (text, "%s\n", ((Received *) self->received->pdata[i])->signature);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
}

/* Every service at the test server, retries fast enough for a unit test. */
CwAwsClient *
aws_test_client_new (AwsTestServer *server,
                     const char    *session_token)
{
  g_autoptr(CwAwsCredentials) credentials = cw_aws_credentials_new (AWS_TEST_ACCESS_KEY, AWS_TEST_SECRET_KEY, session_token);
  g_autoptr(CwAwsConfig) config = cw_aws_config_new ("us-east-1", credentials);

  for (guint i = 0; i < CW_AWS_N_SERVICES; i++)
    cw_aws_config_set_endpoint (config, i, aws_test_server_get_url (server));
  cw_aws_config_set_retry_delays (config, 1, 5);
  cw_aws_config_set_timeout (config, 10);
  return cw_aws_client_new (config);
}

static gboolean
fail_on_timeout (gpointer user_data)
{
  g_error ("an asynchronous AWS call did not finish within 20 s");
  return G_SOURCE_REMOVE;
}

GAsyncResult *
aws_test_wait (GAsyncResult **slot)
{
  guint timeout = g_timeout_add_seconds (20, fail_on_timeout, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  return *slot;
}

void
aws_test_store_result (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* The form must hold exactly Action, Version and the given name/value pairs. */
void
aws_test_assert_form (GHashTable *form,
                      const char *action,
                      const char *version,
                      ...)
{
  va_list args;
  guint count = 2;
  const char *name;

  g_assert_cmpstr (g_hash_table_lookup (form, "Action"), ==, action);
  g_assert_cmpstr (g_hash_table_lookup (form, "Version"), ==, version);
  va_start (args, version);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (g_strcmp0 (g_hash_table_lookup (form, name), value) != 0)
        g_error ("%s: parameter %s is “%s”, expected “%s”", action, name,
                 (const char *) g_hash_table_lookup (form, name), value);
      count++;
    }
  va_end (args);
  if (g_hash_table_size (form) != count)
    {
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_printerr ("  sent %s=%s\n", (const char *) key, (const char *) value);
      g_error ("%s: %u parameters sent, %u expected", action, g_hash_table_size (form), count);
    }
}

void
aws_test_fixture_set_up (AwsTestFixture *fixture,
                         gconstpointer   data)
{
  fixture->server = aws_test_server_new ();
  fixture->client = aws_test_client_new (fixture->server, NULL);
}

void
aws_test_fixture_tear_down (AwsTestFixture *fixture,
                            gconstpointer   data)
{
  g_clear_object (&fixture->result);
  g_clear_error (&fixture->error);
  g_clear_object (&fixture->client);
  aws_test_server_free (fixture->server);
}

/* The result of the call just started with aws_test_store_result and &fixture->result. */
GAsyncResult *
aws_test_fixture_wait (AwsTestFixture *fixture)
{
  return aws_test_wait (&fixture->result);
}

/* A rest-json error as AWS sends it: the body and the x-amzn-ErrorType header. */
void
aws_test_server_reply_error_type (AwsTestServer *self,
                                  guint          status,
                                  const char    *error_type,
                                  const char    *body)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->status = status;
  reply->body = g_strdup (body);
  reply->error_type = g_strdup (error_type);
  g_queue_push_tail (&self->replies, reply);
}

static Received *
get_received (AwsTestServer *self,
              guint          index)
{
  g_assert_cmpuint (index, <, self->received->len);
  return self->received->pdata[index];
}

/* What an unsigned request was: "POST /token", its query (or NULL), body and bearer token. */
const char *
aws_test_server_get_method (AwsTestServer *self,
                            guint          index)
{
  return get_received (self, index)->method;
}

const char *
aws_test_server_get_path (AwsTestServer *self,
                          guint          index)
{
  return get_received (self, index)->path;
}

const char *
aws_test_server_get_query (AwsTestServer *self,
                           guint          index)
{
  return get_received (self, index)->query;
}

const char *
aws_test_server_get_body (AwsTestServer *self,
                          guint          index)
{
  return get_received (self, index)->body;
}

const char *
aws_test_server_get_target (AwsTestServer *self,
                            guint          index)
{
  return get_received (self, index)->target;
}

const char *
aws_test_server_get_content_type (AwsTestServer *self,
                                  guint          index)
{
  return get_received (self, index)->content_type;
}

const char *
aws_test_server_get_bearer_token (AwsTestServer *self,
                                  guint          index)
{
  return get_received (self, index)->bearer_token;
}

/* The connections the requests so far came on. */
guint
aws_test_server_count_connections (AwsTestServer *self)
{
  g_autoptr(GHashTable) ports = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < self->received->len; i++)
    g_hash_table_add (ports, GUINT_TO_POINTER (((Received *) g_ptr_array_index (self->received, i))->client_port));
  return g_hash_table_size (ports);
}
