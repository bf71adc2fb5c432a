/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-world.h: the one state the simulated AWS and TiDB Cloud share
 *
 * Private to src/sandbox. The world holds every resource of both clouds, a clock that
 * runs at the sandbox's time scale, and the events that move resources through their
 * states (a TiDB link leaving CREATING, an accepted endpoint becoming available, a
 * deleted NLB's interfaces going away). Events are applied lazily: whoever takes the
 * world's lock first applies every event that has come due, in order, so the state
 * any request sees is exactly the state at that moment, without a timer thread.
 *
 * Resources refer to each other by id, never by pointer, so deleting one can never
 * leave another dangling; a reference to something gone simply resolves to nothing,
 * as it does in AWS.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The user's account and TiDB Cloud's, and what TiDB Cloud's cluster sees. */
#define CW_SB_ACCOUNT_ID       "111122223333"
#define CW_SB_USER_NAME        "causeway-sandbox"
#define CW_SB_TIDB_ACCOUNT_ID  "380838443567"
#define CW_SB_DEFAULT_REGION   "us-east-1"

/* Realistic durations, in seconds at time scale 1.0. */
#define CW_SB_NLB_PROVISIONING_S    150.0
#define CW_SB_SERVICE_PENDING_S       5.0
#define CW_SB_SERVICE_DELETING_S      3.0
#define CW_SB_LINK_CREATING_S        30.0
#define CW_SB_CONNECTION_PENDING_S   20.0
#define CW_SB_LINK_DELETING_S        10.0
#define CW_SB_NLB_ENI_RELEASE_S     180.0
#define CW_SB_CHANGEFEED_CREATING_S  10.0
#define CW_SB_PRECHECK_S             15.0
#define CW_SB_MIGRATION_CREATING_S   20.0
#define CW_SB_MIGRATION_DUMP_S       60.0
#define CW_SB_MIGRATION_LOAD_S       90.0

typedef enum {
  CW_SB_VPC,
  CW_SB_SUBNET,
  CW_SB_SECURITY_GROUP,
  CW_SB_NETWORK_INTERFACE,
  CW_SB_DB_INSTANCE,
  CW_SB_DB_CLUSTER,
  CW_SB_TARGET_GROUP,
  CW_SB_LOAD_BALANCER,
  CW_SB_LISTENER,
  CW_SB_ENDPOINT_SERVICE,
  CW_SB_ENDPOINT_CONNECTION,
  CW_SB_TIDB_PROJECT,
  CW_SB_TIDB_CLUSTER,
  CW_SB_TIDB_LINK,
  CW_SB_DB_PARAMETER_GROUP,
  CW_SB_DB_CLUSTER_PARAMETER_GROUP,
  CW_SB_TIDB_CHANGEFEED,
  CW_SB_TIDB_PRECHECK,
  CW_SB_TIDB_MIGRATION,
  CW_SB_N_KINDS
} CwSbKind;

typedef struct {
  char *key;
  char *value;
} CwSbTag;

/* What every resource has. Each resource struct starts with one. */
typedef struct {
  CwSbKind   kind;
  char      *id;          /* vpc-…, an ELBv2 ARN, an RDS identifier, plc-… */
  char      *region;      /* AWS region; NULL for TiDB Cloud resources */
  guint64    serial;      /* creation order: listings and page tokens follow it */
  gint64     created;     /* wall clock, µs */
  GPtrArray *tags;        /* CwSbTag */
  guint      lag_reads;   /* reads that still miss it (read-after-create lag) */
} CwSbResource;

typedef struct {
  CwSbResource base;
  char        *cidr;
  gboolean     is_default;
} CwSbVpc;

typedef struct {
  CwSbResource base;
  char        *vpc_id;
  char        *cidr;
  char        *zone_name;
  char        *zone_id;
  guint32      next_host;  /* where the next address search starts */
} CwSbSubnet;

typedef struct {
  char *rule_id;       /* sgr-… */
  char *protocol;      /* "tcp", "udp", "icmp" or "-1" */
  int   from_port;
  int   to_port;
  char *cidr;          /* either a CIDR … */
  char *group_id;      /* … or a source security group */
  char *description;
} CwSbRule;

typedef struct {
  CwSbResource base;
  char        *name;
  char        *description;
  char        *vpc_id;
  GPtrArray   *ingress;  /* CwSbRule */
  GPtrArray   *egress;   /* CwSbRule */
} CwSbSecurityGroup;

typedef struct {
  CwSbResource base;
  char        *subnet_id;
  char        *vpc_id;
  char        *zone_name;
  char        *private_ip;
  char        *public_ip;       /* NULL unless an Elastic/public IP is associated */
  char        *description;
  char        *interface_type;  /* "interface", "network_load_balancer" */
  char        *requester_id;    /* "amazon-rds", "amazon-elb" */
  char       **group_ids;
  char        *holder;          /* id of the database or load balancer using it */
} CwSbNetworkInterface;

/* A SQL user of a database, and whether it may read the binlog as DM must. */
typedef struct {
  char     *name;
  char     *password;
  gboolean  replication;        /* REPLICATION SLAVE and REPLICATION CLIENT */
} CwSbSqlUser;

/* Who signs in to a database and how it is set up: an instance's own, or for an
 * Aurora member its cluster's. */
typedef struct {
  char      *master_user;
  GPtrArray *users;             /* CwSbSqlUser, the master first */
  int        backup_retention;  /* days; 0: no automated backups, so no binlog */
  char      *parameter_group;   /* a cluster's: its DB cluster parameter group */
} CwSbDbAccess;

typedef struct {
  CwSbResource base;            /* id: DBInstanceIdentifier */
  char        *engine;
  char        *engine_version;
  char        *instance_class;
  int          port;
  char        *vpc_id;
  char        *subnet_group;
  char       **subnet_ids;
  char        *zone_name;
  char        *secondary_zone_name;  /* Multi-AZ standby */
  gboolean     multi_az;
  gboolean     publicly_accessible;
  char        *eni_id;               /* the interface serving the endpoint now */
  char        *standby_eni_id;
  char       **group_ids;
  char        *cluster_id;           /* Aurora member */
  char        *host;                 /* Endpoint.Address */
  char        *resource_id;          /* db-… */
  CwSbDbAccess access;               /* an Aurora member keeps only its parameter group here */
} CwSbDbInstance;

typedef struct {
  CwSbResource base;            /* id: DBClusterIdentifier */
  char        *engine;
  char        *engine_version;
  int          port;
  char        *host;
  char        *reader_host;
  char        *writer_id;
  char       **member_ids;
  char        *vpc_id;
  char        *subnet_group;
  char       **group_ids;
  char        *resource_id;     /* cluster-… */
  CwSbDbAccess access;
} CwSbDbCluster;

/* A DB parameter group or, as a CW_SB_DB_CLUSTER_PARAMETER_GROUP, a DB cluster
 * parameter group: AWS keeps the two apart, and both have a default.aurora-mysql8.0.
 * Its parameters are the family's (cw-sandbox-model-parameters.c); only what the user
 * set is kept here. */
typedef struct {
  CwSbResource base;            /* id: the group's name */
  char        *family;          /* mysql8.0, aurora-mysql8.0, … */
  char        *description;
  gboolean     is_default;      /* default.<family>: AWS's own, not modifiable */
  GHashTable  *values;          /* parameter name → the value set (Source "user") */
} CwSbParameterGroup;

typedef struct {
  char   *ip;
  int     port;
  char   *zone_name;     /* the zone of the subnet holding the address */
  gint64  registered;    /* world time */
} CwSbTarget;

typedef struct {
  CwSbResource base;            /* id: the target group ARN */
  char        *name;
  char        *protocol;
  int          port;
  char        *vpc_id;
  char        *target_type;
  char        *health_protocol;
  int          health_interval;
  int          health_timeout;
  int          healthy_threshold;
  int          unhealthy_threshold;
  GHashTable  *attributes;      /* key → value, every attribute AWS reports */
  GPtrArray   *targets;         /* CwSbTarget */
  GPtrArray   *draining;        /* CwSbTarget being deregistered */
} CwSbTargetGroup;

typedef struct {
  CwSbResource base;            /* id: the load balancer ARN */
  char        *name;
  char        *type;            /* "network", "application" */
  char        *scheme;
  char        *vpc_id;
  char        *dns_name;
  char        *ip_address_type;
  char       **subnet_ids;      /* one per zone */
  char       **group_ids;
  char       **eni_ids;
  gint64       active_at;       /* world time it leaves "provisioning" */
  GHashTable  *attributes;
} CwSbLoadBalancer;

typedef struct {
  CwSbResource base;            /* id: the listener ARN */
  char        *lb_arn;
  char        *protocol;
  int          port;
  char        *target_group_arn;
  gint64       created_at;      /* world time: health checks start no earlier */
} CwSbListener;

typedef struct {
  char *principal;
  char *permission_id;          /* vpce-svc-perm-… */
} CwSbPrincipal;

typedef struct {
  CwSbResource base;            /* id: vpce-svc-… */
  char        *name;            /* com.amazonaws.vpce.<region>.vpce-svc-… */
  char       **lb_arns;
  gboolean     acceptance_required;
  char        *client_token;
  GPtrArray   *principals;      /* CwSbPrincipal */
  gint64       available_at;    /* world time it leaves "Pending" once its NLB is active */
  gboolean     deleting;
} CwSbEndpointService;

typedef struct {
  CwSbResource base;            /* id: the endpoint's id, vpce-… */
  char        *service_id;
  char        *owner;           /* the endpoint's account */
  char        *state;           /* pendingAcceptance, pending, available, rejected */
  char        *connection_id;   /* vpce-con-… */
  char       **zone_ids;        /* where the endpoint has interfaces */
} CwSbEndpointConnection;

typedef struct {
  CwSbResource base;
  char        *name;
  char        *org_id;
} CwSbTidbProject;

typedef struct {
  CwSbResource base;            /* id: the cluster id */
  char        *display_name;
  char        *region_id;       /* "aws-us-east-1" */
  char        *plan;            /* ESSENTIAL, STARTER */
  char        *state;
  char        *project_id;
  char        *account_id;      /* TiDB Cloud's AWS account */
  char       **zone_ids;
  char        *user_prefix;
} CwSbTidbCluster;

typedef struct {
  CwSbResource base;            /* id: plc-… */
  char        *cluster_id;
  char        *display_name;
  char        *state;           /* CREATING, PENDING_ACCEPTANCE, ACTIVE, FAILED, DELETING */
  char        *message;
  char        *created_by;
  char        *service_name;
  char        *service_region;
  char        *endpoint_id;
  char       **zone_ids;
  gint64       updated;         /* wall clock, µs; 0 = never */
} CwSbTidbLink;

/* Where TiDB Cloud's dataflow signs in to a MySQL database: through a private link
 * connection (or at a public host), as a user. */
typedef struct {
  char     *link_id;            /* privateLinkConnectionId; NULL: public */
  char     *host;               /* public: the host name or address */
  int       port;
  char     *user;
  char     *password;
  gboolean  tls;
} CwSbSqlEndpoint;

/* TiDB → MySQL. Its state is worked out when read (cw_sb_model_refresh_changefeed) on
 * the world's clock; the checkpoint, a wall clock time like TiDB's, follows the wall
 * clock while the sink is reached and stays where it was while not. */
typedef struct {
  CwSbResource    base;         /* id: cfd-… */
  char           *cluster_id;
  char           *display_name;
  CwSbSqlEndpoint sink;
  char          **filter_rules;
  char           *filter_mode;  /* TableMode, or NULL */
  gboolean        case_sensitive;
  JsonNode       *event_filters;  /* eventFilterRule as given, or NULL */
  char           *start_mode;   /* FROM_NOW, FROM_TSO, FROM_TIME */
  gint64          start_wall;   /* wall clock, µs */
  char           *state;
  char           *error;
  gboolean        paused;       /* :stop */
  gint64          ready_at;     /* world time: CREATING is over */
  gint64          checkpoint;   /* wall clock, µs: it never goes back */
  gint64          last_seen;    /* world time of the last refresh */
  gboolean        flowing;      /* RUNNING at the last refresh */
  gint64          updated;      /* wall clock, µs; 0 = never */
} CwSbChangefeed;

/* One source of a Data Migration job, and how far its subtask has come. */
typedef struct {
  JsonNode       *given;        /* the Source object as the request gave it */
  CwSbSqlEndpoint endpoint;
  gint64          rows;         /* what the source holds, for the progress */
  gint64          bytes;
  int             tables;
  char           *error;        /* why its subtask is FAILED now, or NULL */
  gint64          elapsed;      /* world µs spent migrating */
  gboolean        flowing;      /* reached at the last refresh */
  gint64          flowed_at;    /* wall clock, µs, it was last reached */
} CwSbDmSource;

/* What a precheck and a migration are asked: the same body. */
typedef struct {
  char      *display_name;
  GPtrArray *sources;           /* CwSbDmSource */
  char      *target_user;
  char      *target_password;
  char      *mode;              /* ALL, INCREMENTAL */
} CwSbDmJob;

typedef struct {
  const char *type;             /* PrecheckItemType, or NULL for the connection itself */
  const char *status;           /* SUCCESS, WARNING, FAILED */
  char       *description;
  char       *reason;
  char       *solution;
} CwSbPrecheckItem;

typedef struct {
  CwSbResource base;            /* id: the precheck's */
  char        *cluster_id;
  CwSbDmJob    job;
  gint64       done_at;         /* world time the checks end */
  char        *status;          /* RUNNING, then FINISHED or FAILED */
  GPtrArray   *items;           /* CwSbPrecheckItem, once done */
} CwSbPrecheck;

/* Database → TiDB; its subtasks move dump → load → sync on the clock. */
typedef struct {
  CwSbResource base;            /* id: the migration's */
  char        *cluster_id;
  CwSbDmJob    job;
  char        *state;           /* CREATING, RUNNING, PAUSED, FAILED */
  gboolean     paused;
  gint64       ready_at;        /* world time: CREATING is over */
  gint64       last_seen;
} CwSbMigration;

typedef enum {
  CW_SB_EVENT_LINK_EVALUATE,     /* id: link: CREATING is over */
  CW_SB_EVENT_CONNECTION_READY,  /* id: endpoint: accepted, now available */
  CW_SB_EVENT_LINK_GONE,         /* id: link: DELETING is over */
  CW_SB_EVENT_SERVICE_GONE,      /* id: endpoint service: Deleting is over */
  CW_SB_EVENT_INTERFACES_GONE,   /* id: deleted load balancer: its interfaces go */
  CW_SB_EVENT_TARGET_DRAINED,    /* id: target group, argument: "ip:port" */
  CW_SB_EVENT_FAILOVER,          /* id: database instance or cluster */
} CwSbEventKind;

#define CW_TYPE_SANDBOX_WORLD (cw_sandbox_world_get_type ())
G_DECLARE_FINAL_TYPE (CwSandboxWorld, cw_sandbox_world, CW, SANDBOX_WORLD, GObject)

CwSandboxWorld *cw_sandbox_world_new            (double          time_scale,
                                                 guint32         seed);
void            cw_sandbox_world_lock           (CwSandboxWorld *self);
void            cw_sandbox_world_unlock         (CwSandboxWorld *self);
double          cw_sandbox_world_get_time_scale (CwSandboxWorld *self);

/* The clock, in world µs (monotonic, plus what cw_sandbox_world_advance() skipped). */
gint64          cw_sandbox_world_now            (CwSandboxWorld *self);
gint64          cw_sandbox_world_duration       (CwSandboxWorld *self,
                                                 double          realistic_seconds);
gint64          cw_sandbox_world_after          (CwSandboxWorld *self,
                                                 double          realistic_seconds);
void            cw_sandbox_world_advance        (CwSandboxWorld *self,
                                                 double          realistic_seconds);
void            cw_sandbox_world_schedule       (CwSandboxWorld *self,
                                                 gint64          due,
                                                 CwSbEventKind   kind,
                                                 const char     *id,
                                                 const char     *argument);

/* Identifiers, from the seeded generator so a seed gives the same world twice. */
char           *cw_sandbox_world_random_hex     (CwSandboxWorld *self,
                                                 guint           length);
char           *cw_sandbox_world_random_alnum   (CwSandboxWorld *self,
                                                 guint           length);
char           *cw_sandbox_world_new_id         (CwSandboxWorld *self,
                                                 const char     *prefix);
char           *cw_sandbox_world_new_uuid       (CwSandboxWorld *self);
guint32         cw_sandbox_world_random_int     (CwSandboxWorld *self);

/* The store. */
gpointer        cw_sandbox_world_add            (CwSandboxWorld *self,
                                                 CwSbKind        kind,
                                                 const char     *id,
                                                 const char     *region);
gpointer        cw_sandbox_world_find           (CwSandboxWorld *self,
                                                 CwSbKind        kind,
                                                 const char     *id);
gpointer        cw_sandbox_world_peek           (CwSandboxWorld *self,
                                                 CwSbKind        kind,
                                                 const char     *id);
void            cw_sandbox_world_remove         (CwSandboxWorld *self,
                                                 gpointer        resource);
GPtrArray      *cw_sandbox_world_list           (CwSandboxWorld *self,
                                                 CwSbKind        kind);
gboolean        cw_sandbox_world_hides          (CwSandboxWorld *self,
                                                 gpointer        resource);

/* Addresses. */
char           *cw_sandbox_world_allocate_ip    (CwSandboxWorld *self,
                                                 CwSbSubnet     *subnet);
void            cw_sandbox_world_release_ip     (CwSandboxWorld *self,
                                                 const char     *ip);
CwSbSubnet     *cw_sandbox_world_subnet_for_ip  (CwSandboxWorld *self,
                                                 const char     *vpc_id,
                                                 const char     *ip);

/* Page tokens, shared by both clouds' listings. */
char           *cw_sb_page_token_new            (guint64         key);
gboolean        cw_sb_page_token_parse          (const char     *token,
                                                 guint64        *key);
char           *cw_sb_base64url                 (const guchar   *data,
                                                 gsize           length);

/* Requests served, per "service.Operation", for the benchmarks. */
void            cw_sandbox_world_count_request  (CwSandboxWorld *self,
                                                 const char     *service,
                                                 const char     *operation);
GHashTable     *cw_sandbox_world_get_request_counts (CwSandboxWorld *self);

void            cw_sb_rule_free                 (CwSbRule       *rule);
void            cw_sb_target_free               (CwSbTarget     *target);
void            cw_sb_principal_free            (CwSbPrincipal  *principal);
/* What the databases' access and the kinds after CW_SB_TIDB_LINK hold, freed where
 * their rules live (cw-sandbox-model-parameters.c, cw-sandbox-model-dataflow.c). */
void            cw_sb_db_access_clear           (CwSbDbAccess   *access);
void            cw_sb_model_free_fields         (CwSbResource   *resource);

/* Tags. */
GPtrArray      *cw_sb_tags_new                  (void);
void            cw_sb_tags_copy                 (GPtrArray      *into,
                                                 GPtrArray      *from);
void            cw_sb_tags_set                  (GPtrArray      *tags,
                                                 const char     *key,
                                                 const char     *value);

/* Regions and zones: the user's account sees zone names mapped to zone IDs in an order
 * that is not the identity, as in real AWS accounts. */
typedef struct {
  const char *region;
  const char *zone_name;
  const char *zone_id;
} CwSbZone;

const CwSbZone *cw_sb_zones                     (guint          *n_zones);
gboolean        cw_sb_region_is_known           (const char     *region);
const char     *cw_sb_zone_id                   (const char     *zone_name);
const char     *cw_sb_zone_name                 (const char     *zone_id);

/* IPv4 arithmetic. */
gboolean        cw_sb_parse_ipv4                (const char     *text,
                                                 guint32        *address);
char           *cw_sb_format_ipv4               (guint32         address);
gboolean        cw_sb_parse_cidr                (const char     *text,
                                                 guint32        *network,
                                                 guint          *prefix);
gboolean        cw_sb_ip_in_cidr                (const char     *ip,
                                                 const char     *cidr);

G_END_DECLS
