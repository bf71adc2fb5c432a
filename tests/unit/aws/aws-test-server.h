/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aws-test-server.h: a scripted AWS endpoint on 127.0.0.1 for the unit tests
 *
 * It verifies each request's SigV4 signature like AWS does, keeps the decoded form of
 * every request (or, for the unsigned rest-json APIs, its method, path, query, body and
 * bearer token), and answers from a queue of scripted replies (a status and a body, a
 * response file, or a dropped connection).
 */
#pragma once

#include <libsoup/soup.h>

#include "cw-aws-client.h"

G_BEGIN_DECLS

#define AWS_TEST_ACCESS_KEY "AKIDEXAMPLECAUSEWAY1"
#define AWS_TEST_SECRET_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzSECRETKEY"
#define AWS_TEST_SESSION_TOKEN "FwoGZXIvYXdzEXAMPLEsessionTOKEN//zz+token=="

typedef struct _AwsTestServer AwsTestServer;

AwsTestServer *aws_test_server_new            (void);
AwsTestServer *aws_test_server_new_tls        (void);
void           aws_test_server_free           (AwsTestServer *self);
const char    *aws_test_server_get_url        (AwsTestServer *self);
void           aws_test_server_reply          (AwsTestServer *self,
                                               guint          status,
                                               const char    *body);
void           aws_test_server_reply_file     (AwsTestServer *self,
                                               const char    *name);
void           aws_test_server_drop           (AwsTestServer *self);
guint          aws_test_server_get_n_requests (AwsTestServer *self);
GHashTable    *aws_test_server_get_form       (AwsTestServer *self,
                                               guint          index);
const char    *aws_test_server_get_service    (AwsTestServer *self,
                                               guint          index);
void           aws_test_server_reply_error_type (AwsTestServer *self,
                                                 guint          status,
                                                 const char    *error_type,
                                                 const char    *body);
const char    *aws_test_server_get_method     (AwsTestServer *self,
                                               guint          index);
const char    *aws_test_server_get_path       (AwsTestServer *self,
                                               guint          index);
const char    *aws_test_server_get_query      (AwsTestServer *self,
                                               guint          index);
const char    *aws_test_server_get_body       (AwsTestServer *self,
                                               guint          index);
/* A signed JSON 1.1 request's X-Amz-Target and Content-Type. */
const char    *aws_test_server_get_target     (AwsTestServer *self,
                                               guint          index);
const char    *aws_test_server_get_content_type (AwsTestServer *self,
                                                 guint          index);
const char    *aws_test_server_get_bearer_token (AwsTestServer *self,
                                                 guint          index);
void           aws_test_server_write_signatures (AwsTestServer *self,
                                                 const char    *path);
guint          aws_test_server_count_connections (AwsTestServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwsTestServer, aws_test_server_free)

/* A server, a client pointed at it, and the slot of the call under test. */
typedef struct {
  AwsTestServer *server;
  CwAwsClient   *client;
  GAsyncResult  *result;
  GError        *error;
} AwsTestFixture;

void           aws_test_fixture_set_up        (AwsTestFixture *fixture,
                                               gconstpointer   data);
void           aws_test_fixture_tear_down     (AwsTestFixture *fixture,
                                               gconstpointer   data);
GAsyncResult  *aws_test_fixture_wait          (AwsTestFixture *fixture);

char          *aws_test_tls_file              (const char    *name);
char          *aws_test_read_response         (const char    *name);
CwAwsClient   *aws_test_client_new            (AwsTestServer *server,
                                               const char    *session_token);
GAsyncResult  *aws_test_wait                  (GAsyncResult **slot);
void           aws_test_store_result          (GObject       *source,
                                               GAsyncResult  *result,
                                               gpointer       user_data);
void           aws_test_assert_form           (GHashTable    *form,
                                               const char    *action,
                                               const char    *version,
                                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
