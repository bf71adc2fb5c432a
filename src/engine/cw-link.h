/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link.h: one private link as the links view shows it (DESIGN.md §4.3)
 *
 * What TiDB Cloud and AWS say about it, joined: the private link connection, the
 * endpoint service and TiDB Cloud's endpoint on it, the load balancer, the target group
 * and its target's health, and the database's current private IP. From those, a status
 * with the reasons behind it. Links made outside Causeway carry no link id and are not
 * managed.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  CW_LINK_HEALTHY,
  CW_LINK_PENDING_ACCEPTANCE,
  CW_LINK_DEGRADED,
  CW_LINK_BROKEN,
  CW_LINK_DRIFTED,
} CwLinkStatus;

#define CW_TYPE_LINK_STATUS (cw_link_status_get_type ())
GType       cw_link_status_get_type  (void);
const char *cw_link_status_to_string (CwLinkStatus status);
const char *cw_link_status_to_label  (CwLinkStatus status);
guint       cw_link_status_rank      (CwLinkStatus status);
gboolean    cw_link_status_from_string (const char   *text,
                                        CwLinkStatus *status);

/* What is known about a link, each a string property of the same name. */
typedef enum {
  CW_LINK_LINK_ID,                 /* causeway:link-id; NULL when not managed */
  CW_LINK_PRIVATE_LINK_ID,
  CW_LINK_DISPLAY_NAME,
  CW_LINK_CLUSTER_ID,
  CW_LINK_CLUSTER_NAME,            /* TiDB Cloud's display name of the cluster */
  CW_LINK_REGION,
  CW_LINK_TIDB_STATE,
  CW_LINK_TIDB_MESSAGE,
  CW_LINK_CREATED_BY,
  CW_LINK_ENDPOINT_ID,
  CW_LINK_ENDPOINT_SERVICE_ID,
  CW_LINK_ENDPOINT_SERVICE_NAME,
  CW_LINK_ENDPOINT_SERVICE_STATE,
  CW_LINK_CONNECTION_STATE,        /* TiDB Cloud's endpoint, on the service */
  CW_LINK_LOAD_BALANCER_ARN,
  CW_LINK_LOAD_BALANCER_NAME,
  CW_LINK_LOAD_BALANCER_STATE,
  CW_LINK_TARGET_GROUP_ARN,
  CW_LINK_TARGET_GROUP_NAME,
  CW_LINK_VPC_ID,
  CW_LINK_REGISTERED_IP,
  CW_LINK_TARGET_HEALTH,
  CW_LINK_TARGET_HEALTH_REASON,
  CW_LINK_TARGET_HEALTH_DESCRIPTION,
  CW_LINK_DATABASE_ID,             /* named by the link's tag, or cw_link_get_database_inferred() */
  CW_LINK_DATABASE_IP,             /* the database's current private IP */
  CW_LINK_DATABASE_ENDPOINT,       /* its DNS name, which the watcher resolves */
  CW_LINK_RUN_ERROR,               /* a run that stopped and left no TiDB connection yet */
  CW_LINK_N_FIELDS
} CwLinkField;

#define CW_TYPE_LINK (cw_link_get_type ())
G_DECLARE_FINAL_TYPE (CwLink, cw_link, CW, LINK, GObject)

CwLink             *cw_link_new              (void);
const char         *cw_link_get              (CwLink      *self,
                                              CwLinkField  field);
void                cw_link_set              (CwLink      *self,
                                              CwLinkField  field,
                                              const char  *value);
guint               cw_link_get_port         (CwLink      *self);
void                cw_link_set_port         (CwLink      *self,
                                              guint        port);
guint               cw_link_get_listener_port (CwLink     *self);
void                cw_link_set_listener_port (CwLink     *self,
                                               guint       port);
GPtrArray          *cw_link_get_added_databases (CwLink   *self);
void                cw_link_add_database     (CwLink      *self,
                                              CwLink      *database);
gboolean            cw_link_get_added        (CwLink      *self);
CwLink             *cw_link_find_database    (CwLink      *self,
                                              const char  *database_id);
gboolean            cw_link_get_managed      (CwLink      *self);
gboolean            cw_link_get_listener     (CwLink      *self);
void                cw_link_set_listener     (CwLink      *self,
                                              gboolean     listener);
void                cw_link_set_databases_known (CwLink   *self,
                                                 gboolean  known);
gboolean            cw_link_get_database_inferred (CwLink   *self);
void                cw_link_set_database_inferred (CwLink   *self,
                                                   gboolean  inferred);
const char         *cw_link_get_named_database (CwLink    *self);
char               *cw_link_dup_database_label (CwLink    *self);
char               *cw_link_dup_databases_label (CwLink   *self);
const char         *cw_link_get_cluster_label  (CwLink    *self);
/* A link shown before every answer its status depends on has come (the first rows of
 * a long list): its status is not known yet, whatever cw_link_get_status() says. */
gboolean            cw_link_get_checking     (CwLink      *self);
void                cw_link_set_checking     (CwLink      *self,
                                              gboolean     checking);
CwLinkStatus        cw_link_get_status       (CwLink      *self);
CwLinkStatus        cw_link_get_database_status (CwLink   *self);
const char * const *cw_link_get_reasons      (CwLink      *self);
void                cw_link_update_status    (CwLink      *self);
const char         *cw_link_get_id           (CwLink      *self);
JsonNode           *cw_link_save             (CwLink      *self);
CwLink             *cw_link_new_from_saved   (JsonNode    *node);

G_END_DECLS
