/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-model.h: how the simulated resources are made and how they behave
 *
 * Private to src/sandbox. The constructors give each resource what AWS or TiDB Cloud
 * would (ids, ARNs, host names, default attributes, network interfaces); the derived
 * states (NLB provisioning, service Pending, target health) are computed from the
 * clock; the transitions that have side effects (a TiDB link's endpoint appearing on
 * the service, an accepted connection going live, a failover) are applied here. The
 * callers hold the world's lock.
 */
#pragma once

#include "cw-sandbox-world.h"

G_BEGIN_DECLS

typedef struct {
  const char         *identifier;
  const char         *engine;
  const char         *engine_version;
  const char         *instance_class;
  int                 port;
  const char         *vpc_id;
  const char         *zone_name;
  const char         *standby_zone_name;   /* Multi-AZ: the standby's zone */
  gboolean            publicly_accessible;
  const char * const *group_ids;
  const char         *cluster_id;          /* Aurora member */
} CwSbDbSpec;

/* One parameter of a group, as DescribeDBParameters lists it. */
typedef struct {
  guint       position;     /* in the family's sorted list: what a Marker points at */
  const char *name;
  const char *value;        /* NULL: not set */
  const char *source;       /* user, system, engine-default */
  const char *description;
  const char *apply_type;   /* static, dynamic */
  const char *data_type;
  const char *allowed_values;
  gboolean    modifiable;
} CwSbParameter;

/* Why TiDB Cloud's dataflow does or does not reach a MySQL database. */
typedef enum {
  CW_SB_CONNECT_OK,
  CW_SB_CONNECT_NO_LINK,          /* no such private link connection on the cluster */
  CW_SB_CONNECT_LINK_NOT_ACTIVE,
  CW_SB_CONNECT_TIMEOUT,          /* nothing answers at the port */
  CW_SB_CONNECT_NOT_MYSQL,
  CW_SB_CONNECT_DENIED,           /* user or password */
  CW_SB_CONNECT_INSECURE,         /* require_secure_transport without TLS */
} CwSbConnectResult;

typedef struct {
  CwSbConnectResult  result;
  char              *message;     /* in TiDB Cloud's words; NULL when reached */
  CwSbDbInstance    *db;          /* what answered at the port, if anything */
  const CwSbSqlUser *user;        /* who signed in */
} CwSbConnection;

typedef struct {
  const char *state;        /* initial, healthy, unhealthy, unused, draining */
  const char *reason;       /* NULL when healthy */
  const char *description;
} CwSbHealth;

CwSbVpc                *cw_sb_model_add_vpc              (CwSandboxWorld      *world,
                                                          const char          *region,
                                                          const char          *cidr,
                                                          gboolean             is_default,
                                                          const char          *name);
CwSbSubnet             *cw_sb_model_add_subnet           (CwSandboxWorld      *world,
                                                          CwSbVpc             *vpc,
                                                          const char          *zone_name,
                                                          const char          *cidr,
                                                          const char          *name);
CwSbSecurityGroup      *cw_sb_model_add_security_group   (CwSandboxWorld      *world,
                                                          const char          *region,
                                                          const char          *vpc_id,
                                                          const char          *name,
                                                          const char          *description);
CwSbRule               *cw_sb_model_add_rule             (CwSandboxWorld      *world,
                                                          GPtrArray           *rules,
                                                          const char          *protocol,
                                                          int                  from_port,
                                                          int                  to_port,
                                                          const char          *cidr,
                                                          const char          *peer_group_id,
                                                          const char          *description);
CwSbRule               *cw_sb_model_add_ingress          (CwSandboxWorld      *world,
                                                          CwSbSecurityGroup   *group,
                                                          const char          *protocol,
                                                          int                  from_port,
                                                          int                  to_port,
                                                          const char          *cidr,
                                                          const char          *source_group_id,
                                                          const char          *description);
CwSbNetworkInterface   *cw_sb_model_add_interface        (CwSandboxWorld      *world,
                                                          CwSbSubnet          *subnet,
                                                          const char          *description,
                                                          const char          *interface_type,
                                                          const char          *requester_id,
                                                          const char * const  *group_ids,
                                                          const char          *holder);
void                    cw_sb_model_delete_interface     (CwSandboxWorld      *world,
                                                          CwSbNetworkInterface *eni);
CwSbDbInstance         *cw_sb_model_add_db_instance      (CwSandboxWorld      *world,
                                                          const char          *region,
                                                          const CwSbDbSpec    *spec);
CwSbDbCluster          *cw_sb_model_add_db_cluster       (CwSandboxWorld      *world,
                                                          const char          *region,
                                                          const CwSbDbSpec    *spec,
                                                          const char * const  *member_zones);
CwSbLoadBalancer       *cw_sb_model_add_load_balancer    (CwSandboxWorld      *world,
                                                          const char          *region,
                                                          const char          *name,
                                                          const char          *type,
                                                          const char          *scheme,
                                                          const char * const  *subnet_ids,
                                                          const char * const  *group_ids);
void                    cw_sb_model_delete_load_balancer (CwSandboxWorld      *world,
                                                          CwSbLoadBalancer    *lb);
CwSbTargetGroup        *cw_sb_model_add_target_group     (CwSandboxWorld      *world,
                                                          const char          *region,
                                                          const char          *name,
                                                          const char          *protocol,
                                                          int                  port,
                                                          const char          *vpc_id,
                                                          const char          *target_type);
CwSbTarget             *cw_sb_model_register_target      (CwSandboxWorld      *world,
                                                          CwSbTargetGroup     *group,
                                                          const char          *ip,
                                                          int                  port);
void                    cw_sb_model_deregister_target    (CwSandboxWorld      *world,
                                                          CwSbTargetGroup     *group,
                                                          CwSbTarget          *target);
CwSbListener           *cw_sb_model_add_listener         (CwSandboxWorld      *world,
                                                          CwSbLoadBalancer    *lb,
                                                          const char          *protocol,
                                                          int                  port,
                                                          const char          *target_group_arn);
CwSbEndpointService    *cw_sb_model_add_endpoint_service (CwSandboxWorld      *world,
                                                          const char          *region,
                                                          const char * const  *lb_arns,
                                                          gboolean             acceptance_required);
void                    cw_sb_model_delete_endpoint_service (CwSandboxWorld   *world,
                                                          CwSbEndpointService *service);
CwSbPrincipal          *cw_sb_model_allow_principal      (CwSandboxWorld      *world,
                                                          CwSbEndpointService *service,
                                                          const char          *principal);
CwSbEndpointConnection *cw_sb_model_add_connection       (CwSandboxWorld      *world,
                                                          CwSbEndpointService *service,
                                                          const char          *owner,
                                                          const char          *state,
                                                          const char * const  *zone_ids);
void                    cw_sb_model_accept_connection    (CwSandboxWorld      *world,
                                                          CwSbEndpointConnection *connection);
void                    cw_sb_model_reject_connection    (CwSandboxWorld      *world,
                                                          CwSbEndpointConnection *connection);
CwSbTidbProject        *cw_sb_model_add_tidb_project     (CwSandboxWorld      *world,
                                                          const char          *id,
                                                          const char          *name);
CwSbTidbCluster        *cw_sb_model_add_tidb_cluster     (CwSandboxWorld      *world,
                                                          const char          *id,
                                                          const char          *display_name,
                                                          const char          *region_id,
                                                          const char          *plan,
                                                          const char          *project_id,
                                                          const char * const  *zone_ids);
CwSbTidbLink           *cw_sb_model_add_tidb_link        (CwSandboxWorld      *world,
                                                          CwSbTidbCluster     *cluster,
                                                          const char          *display_name,
                                                          const char          *service_name,
                                                          const char          *service_region,
                                                          const char          *created_by);
void                    cw_sb_model_set_link_state       (CwSbTidbLink        *link,
                                                          const char          *state,
                                                          const char          *message);
void                    cw_sb_model_delete_tidb_link     (CwSandboxWorld      *world,
                                                          CwSbTidbLink        *link);

gboolean                cw_sb_model_lb_is_active         (CwSandboxWorld      *world,
                                                          CwSbLoadBalancer    *lb);
const char             *cw_sb_model_service_state        (CwSandboxWorld      *world,
                                                          CwSbEndpointService *service);
char                  **cw_sb_model_lb_zone_names        (CwSandboxWorld      *world,
                                                          CwSbLoadBalancer    *lb);
CwSbListener           *cw_sb_model_listener_of_target_group (CwSandboxWorld  *world,
                                                          CwSbTargetGroup     *group);
CwSbEndpointService    *cw_sb_model_service_of_lb        (CwSandboxWorld      *world,
                                                          const char          *lb_arn);
CwSbEndpointService    *cw_sb_model_service_by_name      (CwSandboxWorld      *world,
                                                          const char          *name);
CwSbEndpointConnection *cw_sb_model_connection_of_endpoint (CwSandboxWorld    *world,
                                                          const char          *endpoint_id);
gboolean                cw_sb_model_cross_zone           (CwSbTargetGroup     *group,
                                                          CwSbLoadBalancer    *lb);
CwSbHealth              cw_sb_model_target_health        (CwSandboxWorld      *world,
                                                          CwSbTargetGroup     *group,
                                                          CwSbTarget          *target);
CwSbNetworkInterface   *cw_sb_model_db_interface         (CwSandboxWorld      *world,
                                                          CwSbDbInstance      *db);
const char             *cw_sb_model_resolve              (CwSandboxWorld      *world,
                                                          const char          *host);
gboolean                cw_sb_model_failover             (CwSandboxWorld      *world,
                                                          const char          *identifier,
                                                          GError             **error);
gboolean                cw_sb_model_link_reachable       (CwSandboxWorld      *world,
                                                          CwSbTidbLink        *link,
                                                          const char         **reason);
CwSbDbInstance         *cw_sb_model_link_database        (CwSandboxWorld      *world,
                                                          CwSbTidbLink        *link,
                                                          int                  port,
                                                          const char         **client_ip);

/* Users and parameter groups (cw-sandbox-model-parameters.c). */
char                   *cw_sb_model_parameter_family     (const char          *engine,
                                                          const char          *engine_version);
CwSbParameterGroup     *cw_sb_model_add_parameter_group  (CwSandboxWorld      *world,
                                                          const char          *region,
                                                          CwSbKind             kind,
                                                          const char          *name,
                                                          const char          *family,
                                                          const char          *description);
gboolean                cw_sb_model_set_parameter        (CwSbParameterGroup  *group,
                                                          const char          *name,
                                                          const char          *value);
GArray                 *cw_sb_model_parameters           (CwSbParameterGroup  *group);
void                    cw_sb_model_init_db_access       (CwSandboxWorld      *world,
                                                          CwSbDbAccess        *access,
                                                          const char          *region,
                                                          CwSbKind             group_kind,
                                                          const char          *engine,
                                                          const char          *engine_version,
                                                          gboolean             aurora_member);
CwSbDbAccess           *cw_sb_model_db_access            (CwSandboxWorld      *world,
                                                          CwSbDbInstance      *db);
const CwSbSqlUser      *cw_sb_model_find_sql_user        (CwSbDbAccess        *access,
                                                          const char          *name,
                                                          const char          *password);
const char             *cw_sb_model_db_parameter         (CwSandboxWorld      *world,
                                                          CwSbDbInstance      *db,
                                                          const char          *name);
gboolean                cw_sb_model_binlog_enabled       (CwSandboxWorld      *world,
                                                          CwSbDbInstance      *db);

/* TiDB Cloud's dataflow through the links (cw-sandbox-model-dataflow.c). */
char                   *cw_sb_model_tidb_sql_user        (CwSbTidbCluster     *cluster);
gboolean                cw_sb_model_tidb_sign_in         (CwSbTidbCluster     *cluster,
                                                          const char          *user,
                                                          const char          *password);
gboolean                cw_sb_model_connect              (CwSandboxWorld      *world,
                                                          CwSbTidbCluster     *cluster,
                                                          const CwSbSqlEndpoint *endpoint,
                                                          gboolean             check_tls,
                                                          CwSbConnection      *connection);
void                    cw_sb_connection_clear           (CwSbConnection      *connection);
void                    cw_sb_sql_endpoint_clear         (CwSbSqlEndpoint     *endpoint);
CwSbChangefeed         *cw_sb_model_add_changefeed       (CwSandboxWorld      *world,
                                                          CwSbTidbCluster     *cluster);
void                    cw_sb_model_refresh_changefeed   (CwSandboxWorld      *world,
                                                          CwSbChangefeed      *changefeed);
CwSbPrecheck           *cw_sb_model_add_precheck         (CwSandboxWorld      *world,
                                                          CwSbTidbCluster     *cluster);
void                    cw_sb_model_refresh_precheck     (CwSandboxWorld      *world,
                                                          CwSbPrecheck        *precheck);
GPtrArray              *cw_sb_model_check_migration      (CwSandboxWorld      *world,
                                                          CwSbTidbCluster     *cluster,
                                                          CwSbDmJob           *job,
                                                          gboolean            *reached);
CwSbMigration          *cw_sb_model_add_migration        (CwSandboxWorld      *world,
                                                          CwSbTidbCluster     *cluster);
void                    cw_sb_model_size_sources         (CwSandboxWorld      *world,
                                                          CwSbTidbCluster     *cluster,
                                                          CwSbDmJob           *job);
void                    cw_sb_model_refresh_migration    (CwSandboxWorld      *world,
                                                          CwSbMigration       *migration);
const char             *cw_sb_model_subtask_step         (CwSandboxWorld      *world,
                                                          CwSbMigration       *migration,
                                                          CwSbDmSource        *source,
                                                          double              *dump,
                                                          double              *load);
void                    cw_sb_model_refresh_dataflows    (CwSandboxWorld      *world);
void                    cw_sb_dm_job_clear               (CwSbDmJob           *job);
CwSbDmSource           *cw_sb_dm_source_new              (JsonNode            *given);
void                    cw_sb_precheck_item_free         (CwSbPrecheckItem    *item);

void                    cw_sb_model_apply_event          (CwSandboxWorld      *world,
                                                          CwSbEventKind        kind,
                                                          const char          *id,
                                                          const char          *argument);

G_END_DECLS
