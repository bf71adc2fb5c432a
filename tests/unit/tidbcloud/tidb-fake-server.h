/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tidb-fake-server.h: a small TiDB Cloud on 127.0.0.1 for the client tests
 *
 * A SoupServer behind a real SoupAuthDomainDigest, answering the swagger's JSON for the
 * calls the client makes: three pages of clusters, two of projects, the availability
 * zones and the private link connections of cluster 10001, and its changefeeds and
 * data migrations (tidb-fake-dataflow.c). Tests bend its behaviour through the public
 * fields.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define TIDB_FAKE_PUBLIC_KEY  "PUBKEY7H2Q"
#define TIDB_FAKE_PRIVATE_KEY "prv-5f3e9a1c-secret-77d0"
#define TIDB_FAKE_N_CLUSTERS  5

/* The database behind plc-aaaa1111, and the cluster's SQL user, as changefeeds:test
 * and the migrations take them. A sink user named TIDB_FAKE_QUOTING_USER gets an
 * error that quotes the password it was sent. */
#define TIDB_FAKE_MYSQL_USER      "admin"
#define TIDB_FAKE_MYSQL_PASSWORD  "Db-pa55word!7x"
#define TIDB_FAKE_QUOTING_USER    "quote-me"
#define TIDB_FAKE_TIDB_USER       "4LkM.root"
#define TIDB_FAKE_TIDB_PASSWORD   "Ti-Secret#2026"

/* One request that passed authentication and the answer it got. */
typedef struct {
  char  *method;
  char  *path;
  char  *query;
  char  *body;
  guint  status;
  char  *response;
} TidbFakeExchange;

typedef struct {
  SoupServer        *server;
  char              *serverless_endpoint;  /* http://127.0.0.1:PORT/serverless */
  char              *iam_endpoint;         /* http://127.0.0.1:PORT/iam */

  /* What it saw. */
  guint              requests;             /* every request, Digest challenges included */
  guint              handled;              /* requests that passed authentication */
  GPtrArray         *digest_responses;     /* the response= values the client sent */
  char              *last_method;
  char              *last_path;
  char              *last_query;
  char              *last_body;
  guint              last_status;          /* of the last answer the server made */
  char              *last_response;
  GPtrArray         *exchanges;            /* of TidbFakeExchange, in order */

  /* What it does. */
  guint              fail_count;           /* answer this many requests with fail_status */
  guint              fail_status;
  const char        *fail_body;            /* the body of those answers, or NULL */
  const char        *body_override;        /* answered with 200 in place of the real answer */
  gboolean           cut_connection;       /* send half an answer and hang up */
  gboolean           hold;                 /* never answer; the message is kept in held */
  SoupServerMessage *held;
} TidbFakeServer;

TidbFakeServer *tidb_fake_server_new  (void);
void            tidb_fake_server_free (TidbFakeServer *self);

/* For the routes apart from tidb-fake-server.c. */
void            tidb_fake_respond     (SoupServerMessage *message,
                                       guint              status,
                                       const char        *body);
void            tidb_fake_dataflow    (SoupServerMessage *message,
                                       const char        *method,
                                       const char        *cluster_id,
                                       const char        *collection,
                                       const char        *item,
                                       GHashTable        *query,
                                       const char        *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TidbFakeServer, tidb_fake_server_free)

/* Runs the default main context until *slot is set, for at most @seconds. */
gboolean        tidb_wait_for         (gpointer       *slot,
                                       guint           seconds);

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult* at user_data. */
void            tidb_store_result     (GObject        *source,
                                       GAsyncResult   *result,
                                       gpointer        user_data);

G_END_DECLS
