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
void                    cw_sb_model_apply_event          (CwSandboxWorld      *world,
                                                          CwSbEventKind        kind,
                                                          const char          *id,
                                                          const char          *argument);

G_END_DECLS
