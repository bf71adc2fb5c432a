/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-tidb-private.h: what the files of the simulated TiDB Cloud API share
 *
 * cw-sandbox-tidb.c receives a request (Digest, faults, routing) and serves clusters,
 * private link connections and projects; cw-sandbox-tidb-body.c checks a request's
 * body against its swagger shape; cw-sandbox-tidb-changefeeds.c and
 * cw-sandbox-tidb-migrations.c serve the dataflow (cdc.swagger.json, dm.swagger.json).
 * An operation runs with the world locked and answers exactly once.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-sandbox-model.h"
#include "cw-sandbox-private.h"

G_BEGIN_DECLS

/* google.rpc.Code values the API puts in Status.code */
enum {
  CW_SB_CODE_INVALID_ARGUMENT = 3,
  CW_SB_CODE_NOT_FOUND = 5,
  CW_SB_CODE_ALREADY_EXISTS = 6,
  CW_SB_CODE_RESOURCE_EXHAUSTED = 8,
  CW_SB_CODE_FAILED_PRECONDITION = 9,
  CW_SB_CODE_UNIMPLEMENTED = 12,
  CW_SB_CODE_INTERNAL = 13,
  CW_SB_CODE_UNAVAILABLE = 14,
};

typedef enum {
  CW_SB_TIDB_API_SERVERLESS,
  CW_SB_TIDB_API_IAM,
} CwSbTidbApi;

typedef struct _CwSbTidbCall CwSbTidbCall;
typedef void (*CwSbTidbOperation) (CwSbTidbCall *call);

/* One request on its way, kept while a delay fault holds it. */
struct _CwSbTidbCall
{
  CwSbServices      *services;
  SoupServerMessage *message;
  CwSbTidbApi        api;
  const char        *name;         /* the swagger's operation name */
  CwSbTidbOperation  run;
  char              *cluster_id;
  char              *item_id;      /* the second id of the path: a link, a changefeed, … */
  GHashTable        *query;
  CwSbFaultDecision  decision;
};

/* Answers. */
void             cw_sb_tidb_respond_error  (CwSbTidbCall *call,
                                            guint         status,
                                            int           code,
                                            const char   *text);
void             cw_sb_tidb_respond        (CwSbTidbCall *call,
                                            JsonBuilder  *builder);
void             cw_sb_tidb_respond_empty  (CwSbTidbCall *call);
void             cw_sb_tidb_add_time       (JsonBuilder  *builder,
                                            const char   *name,
                                            gint64        wall_usec);
void             cw_sb_tidb_add_int        (JsonBuilder  *builder,
                                            const char   *name,
                                            gint64        value);
void             cw_sb_tidb_add_int64      (JsonBuilder  *builder,
                                            const char   *name,
                                            gint64        value);

/* Listings: the visible resources of a kind, cut to the page pageSize and pageToken ask
 * for (FALSE: answered 400), ended with nextPageToken and totalSize. */
GPtrArray       *cw_sb_tidb_visible        (CwSandboxWorld *world,
                                            CwSbKind        kind);
gboolean         cw_sb_tidb_read_page      (CwSbTidbCall *call,
                                            GPtrArray    *items,
                                            gboolean      descending,
                                            char        **next_token);
void             cw_sb_tidb_end_page       (JsonBuilder  *builder,
                                            const char   *next_token,
                                            guint         total);
CwSbTidbCluster *cw_sb_tidb_find_cluster   (CwSbTidbCall *call,
                                            gboolean      for_private_links);
/* The resource of @kind the path names, when it is of the path's cluster; else answered
 * 404 naming @what. @cluster_id_offset: where the resource keeps its cluster's id. */
gpointer         cw_sb_tidb_find_item      (CwSbTidbCall *call,
                                            CwSbKind      kind,
                                            const char   *what,
                                            gsize         cluster_id_offset);

/* Bodies: a shape of the swagger, a table of members ending with { NULL }. */
typedef enum {
  CW_SB_JSON_STRING,
  CW_SB_JSON_INT,           /* int32/int64: a number, or a string of one */
  CW_SB_JSON_BOOL,
  CW_SB_JSON_ENUM,          /* a string among .values */
  CW_SB_JSON_OBJECT,        /* with .members */
  CW_SB_JSON_ANY_OBJECT,    /* an object the sandbox does not look into */
  CW_SB_JSON_STRINGS,       /* an array of strings */
  CW_SB_JSON_OBJECTS,       /* an array of objects with .members */
  CW_SB_JSON_TIME,          /* an RFC 3339 date-time */
} CwSbJsonType;

typedef struct _CwSbJsonMember CwSbJsonMember;
struct _CwSbJsonMember
{
  const char           *name;
  CwSbJsonType          type;
  gboolean              required;
  const CwSbJsonMember *members;
  const char * const   *values;
};

JsonObject      *cw_sb_tidb_read_body      (CwSbTidbCall         *call,
                                            const char           *shape,
                                            const CwSbJsonMember *members);
JsonObject      *cw_sb_json_object         (JsonObject   *object,
                                            const char   *name);
const char      *cw_sb_json_string         (JsonObject   *object,
                                            const char   *name);
gint64           cw_sb_json_int            (JsonObject   *object,
                                            const char   *name,
                                            gint64        fallback);
gboolean         cw_sb_json_bool           (JsonObject   *object,
                                            const char   *name);
gint64           cw_sb_json_time           (const char   *text);

/* The dataflow's operations. */
void cw_sb_tidb_list_changefeeds   (CwSbTidbCall *call);
void cw_sb_tidb_create_changefeed  (CwSbTidbCall *call);
void cw_sb_tidb_test_changefeed    (CwSbTidbCall *call);
void cw_sb_tidb_get_changefeed     (CwSbTidbCall *call);
void cw_sb_tidb_delete_changefeed  (CwSbTidbCall *call);
void cw_sb_tidb_start_changefeed   (CwSbTidbCall *call);
void cw_sb_tidb_stop_changefeed    (CwSbTidbCall *call);
void cw_sb_tidb_create_precheck    (CwSbTidbCall *call);
void cw_sb_tidb_get_precheck       (CwSbTidbCall *call);
void cw_sb_tidb_cancel_precheck    (CwSbTidbCall *call);
void cw_sb_tidb_list_migrations    (CwSbTidbCall *call);
void cw_sb_tidb_create_migration   (CwSbTidbCall *call);
void cw_sb_tidb_get_migration      (CwSbTidbCall *call);
void cw_sb_tidb_delete_migration   (CwSbTidbCall *call);
void cw_sb_tidb_pause_migration    (CwSbTidbCall *call);
void cw_sb_tidb_resume_migration   (CwSbTidbCall *call);

G_END_DECLS
