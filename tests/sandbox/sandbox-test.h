/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sandbox-test.h: an in-process sandbox for the sandbox's own tests
 *
 * Starts a CwSandbox, and talks to it the way clients do: AWS requests signed with
 * SigV4 over a SoupSession (so the tests can also send what a client must not),
 * TiDB Cloud through Causeway's own client.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cw-sandbox.h"
#include "cw-sigv4.h"
#include "cw-tidb-client.h"

G_BEGIN_DECLS

#define SB_CLUSTER_ID     "10289034792938145678"
#define SB_STARTER_ID     "10289034792938149999"
#define SB_TIDB_PRINCIPAL "arn:aws:iam::380838443567:root"

typedef struct {
  CwSandbox        *sandbox;
  SoupSession      *session;
  CwTidbClient     *tidb;
  char             *base;      /* http://127.0.0.1:PORT */
  CwAwsCredentials *signer;    /* what sb_aws*() sign with; NULL: the sandbox's own key */
} SbTest;

SbTest      *sb_test_new         (double       time_scale,
                                  const char  *scenario,
                                  const char  *faults);
SbTest      *sb_test_new_seeded  (double       time_scale,
                                  const char  *scenario,
                                  const char  *faults,
                                  guint32      seed);
void         sb_test_free        (SbTest      *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbTest, sb_test_free)

/* An AWS call: name/value pairs after the action, NULL-terminated. The body comes
 * back (NULL when the connection failed: then *error says why). */
char        *sb_aws              (SbTest      *self,
                                  const char  *service,
                                  guint       *status,
                                  const char  *action,
                                  ...) G_GNUC_NULL_TERMINATED;
char        *sb_aws_signed       (SbTest      *self,
                                  const char  *access_key_id,
                                  const char  *secret,
                                  const char  *region,
                                  const char  *service,
                                  GPtrArray   *form,
                                  guint       *status,
                                  GError     **error);
/* A JSON 1.1 call (X-Amz-Target @target, NULL for none; body @json) signed for @region
 * with what sb_aws*() sign with. The body comes back, *error_type the x-amzn-ErrorType
 * of an error (NULL when it succeeded); NULL and status 0 when the connection was closed
 * without an answer. */
char        *sb_aws_json         (SbTest      *self,
                                  const char  *region,
                                  const char  *service,
                                  const char  *target,
                                  const char  *json,
                                  guint       *status,
                                  char       **error_type);
char        *sb_aws_ok           (SbTest      *self,
                                  const char  *service,
                                  const char  *action,
                                  ...) G_GNUC_NULL_TERMINATED;
void         sb_aws_expect_error (SbTest      *self,
                                  const char  *service,
                                  const char  *code,
                                  const char  *action,
                                  ...) G_GNUC_NULL_TERMINATED;

void         sb_test_sign_as     (SbTest           *self,
                                  CwAwsCredentials *credentials);
void         sb_aws_expect_as    (SbTest           *self,
                                  CwAwsCredentials *credentials,
                                  const char       *service,
                                  const char       *action,
                                  guint             status,
                                  const char       *code);

/* Plain HTTP (pages, forms) and rest-json (IAM Identity Center) on the sandbox's port;
 * *header is the Location of a redirect, else the x-amzn-ErrorType of an error. */
char        *sb_http             (SbTest      *self,
                                  const char  *method,
                                  const char  *path,
                                  const char  *content_type,
                                  const char  *body,
                                  const char  *bearer,
                                  guint       *status,
                                  char       **header);
JsonObject  *sb_rest             (SbTest      *self,
                                  const char  *method,
                                  const char  *path,
                                  const char  *bearer,
                                  const char  *json,
                                  guint       *status,
                                  char       **error_type);

/* The text of the first element called @name, or NULL; every such element's text. */
char        *sb_xml_get          (const char  *xml,
                                  const char  *name);
GPtrArray   *sb_xml_all          (const char  *xml,
                                  const char  *name);

/* Waits, with a bound, for an asynchronous call of the main context. */
GAsyncResult *sb_wait            (GAsyncResult **slot);
void          sb_store_result    (GObject       *source,
                                  GAsyncResult  *result,
                                  gpointer       user_data);

/* TiDB Cloud through Causeway's client. */
CwTidbPrivateLink *sb_tidb_create_link (SbTest      *self,
                                        const char  *service_name,
                                        GError     **error);
CwTidbPrivateLink *sb_tidb_get_link    (SbTest      *self,
                                        const char  *link_id,
                                        GError     **error);

/* TiDB Cloud's serverless API by hand, with Digest: @path after /v1beta1/, @json the
 * body or NULL. The answer as an object (NULL when it is not JSON). */
JsonObject  *sb_tidb_call        (SbTest      *self,
                                  const char  *method,
                                  const char  *path,
                                  const char  *json,
                                  guint       *status);

/* The world as the sandbox sees it. */
JsonObject  *sb_dump_find        (JsonNode    *dump,
                                  const char  *cloud,
                                  const char  *kind,
                                  const char  *member,
                                  const char  *value);
JsonArray   *sb_dump_array       (JsonNode    *dump,
                                  const char  *cloud,
                                  const char  *kind);

/* Makes an NLB in the prod VPC's subnets of TiDB's zones and an endpoint service on it,
 * past provisioning; gives the service's id and name. */
void         sb_make_service     (SbTest      *self,
                                  const char  *name,
                                  gboolean     allow_tidb,
                                  char       **service_id,
                                  char       **service_name);
void         sb_service_on       (SbTest      *self,
                                  const char  *lb_arn,
                                  gboolean     allow_tidb,
                                  char       **service_id,
                                  char       **service_name);

/* The dataflow's building blocks: a scenario link's id by its display name; the
 * target of the link's target group @group_name moved to the database's current
 * address, as a re-sync does, and the health checks waited out. */
char        *sb_link_id          (SbTest      *self,
                                  const char  *display_name);
void         sb_retarget         (SbTest      *self,
                                  const char  *group_name,
                                  const char  *db_identifier);

G_END_DECLS
