/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-model-dataflow.c: TiDB Cloud's dataflow through the links
 *
 * A changefeed (TiDB → MySQL) and a Data Migration job (MySQL → TiDB) reach the database
 * the way TiDB Cloud does: through a private link connection that is ACTIVE, to the port
 * of a listener whose target is healthy and reachable from TiDB's endpoint (the rule the
 * health view follows, cw-sandbox-model-tidb.c), then signing in as one of the database's
 * users, over TLS when require_secure_transport says so. Their states are worked out when
 * read, on the world's clock: what flowed until the last look is kept, and a failover
 * looks just before it moves the address, so a checkpoint stops where the link broke.
 */
#define G_LOG_DOMAIN "cw-sandbox-model"

#include "config.h"

#include <string.h>

#include "cw-sandbox.h"
#include "cw-sandbox-model-private.h"
#include "cw-sandbox-private.h"

/* How far a running changefeed's checkpoint trails the wall clock. */
#define CHANGEFEED_LAG_US (300 * 1000)
/* Where TiDB Cloud's connections to a public endpoint come from. */
#define TIDB_EGRESS_IP   "44.195.18.7"

/* ---- TiDB's own SQL user ---- */

/* A TiDB Cloud Essential cluster's users carry its prefix: <prefix>.root. */
char *
cw_sb_model_tidb_sql_user (CwSbTidbCluster *cluster)
{
  return g_strconcat (cluster->user_prefix, ".root", NULL);
}

gboolean
cw_sb_model_tidb_sign_in (CwSbTidbCluster *cluster,
                          const char      *user,
                          const char      *password)
{
  g_autofree char *root = cw_sb_model_tidb_sql_user (cluster);

  return g_strcmp0 (user, root) == 0 && g_strcmp0 (password, CW_SANDBOX_TIDB_PASSWORD) == 0;
}

/* ---- reaching a database ---- */

void
cw_sb_sql_endpoint_clear (CwSbSqlEndpoint *endpoint)
{
  g_free (endpoint->link_id);
  g_free (endpoint->host);
  g_free (endpoint->user);
  cw_sb_wipe (endpoint->password);
  memset (endpoint, 0, sizeof *endpoint);
}

void
cw_sb_connection_clear (CwSbConnection *connection)
{
  g_free (connection->message);
  memset (connection, 0, sizeof *connection);
}

static gboolean
fail (CwSbConnection    *connection,
      CwSbConnectResult  result,
      char              *message)
{
  connection->result = result;
  connection->message = message;
  return FALSE;
}

/* A public endpoint answers when the instance is publicly accessible and one of its
 * security groups lets anyone in on the port. */
static CwSbDbInstance *
public_database (CwSandboxWorld *world,
                 const char     *host,
                 int             port)
{
  GPtrArray *instances = cw_sandbox_world_list (world, CW_SB_DB_INSTANCE);

  for (guint i = 0; host != NULL && i < instances->len; i++)
    {
      CwSbDbInstance *db = instances->pdata[i];
      CwSbNetworkInterface *eni = cw_sb_model_db_interface (world, db);

      if (!db->publicly_accessible || db->port != port || eni == NULL ||
          (g_ascii_strcasecmp (db->host, host) != 0 && g_strcmp0 (eni->public_ip, host) != 0))
        continue;
      for (guint g = 0; db->group_ids[g] != NULL; g++)
        {
          CwSbSecurityGroup *group = cw_sandbox_world_peek (world, CW_SB_SECURITY_GROUP, db->group_ids[g]);

          for (guint r = 0; group != NULL && r < group->ingress->len; r++)
            {
              CwSbRule *rule = group->ingress->pdata[r];
              gboolean port_ok = g_str_equal (rule->protocol, "-1") ||
                                 (g_str_equal (rule->protocol, "tcp") && rule->from_port <= port && port <= rule->to_port);

              if (port_ok && g_strcmp0 (rule->cidr, "0.0.0.0/0") == 0)
                return db;
            }
        }
    }
  return NULL;
}

/* The name TiDB Cloud dials: the DNS name of its interface endpoint. */
static char *
endpoint_host (CwSbTidbLink *link)
{
  const char *service_id = strrchr (link->service_name, '.');

  return g_strdup_printf ("%s-%s.%s.%s.vpce.amazonaws.com", link->endpoint_id ? link->endpoint_id : "vpce",
                          link->base.id + strlen ("plc-"), service_id ? service_id + 1 : link->service_name,
                          link->service_region);
}

static gboolean
is_on (const char *value)
{
  return value != NULL && (g_str_equal (value, "1") || g_ascii_strcasecmp (value, "ON") == 0);
}

/* Signs in to the database at @endpoint the way TiDB Cloud would; on failure
 * @connection says why, in TiDB Cloud's words. Clear it after. */
gboolean
cw_sb_model_connect (CwSandboxWorld        *world,
                     CwSbTidbCluster       *cluster,
                     const CwSbSqlEndpoint *endpoint,
                     gboolean               check_tls,
                     CwSbConnection        *connection)
{
  CwSbTidbLink *link = cw_sandbox_world_peek (world, CW_SB_TIDB_LINK, endpoint->link_id);
  g_autofree char *host = NULL;
  g_autofree char *via = NULL;
  const char *client_ip = TIDB_EGRESS_IP;
  CwSbDbAccess *access;

  memset (connection, 0, sizeof *connection);
  if (endpoint->link_id != NULL)
    {
      if (link == NULL || !g_str_equal (link->cluster_id, cluster->base.id))
        return fail (connection, CW_SB_CONNECT_NO_LINK,
                     g_strdup_printf ("private link connection %s not found in cluster %s", endpoint->link_id,
                                      cluster->base.id));
      if (!g_str_equal (link->state, "ACTIVE"))
        return fail (connection, CW_SB_CONNECT_LINK_NOT_ACTIVE,
                     g_strdup_printf ("private link connection %s is not active: its state is %s", link->base.id,
                                      link->state));
      host = endpoint_host (link);
      via = g_strdup_printf ("through private link connection %s", link->base.id);
      connection->db = cw_sb_model_link_database (world, link, endpoint->port, &client_ip);
    }
  else
    {
      host = g_strdup (endpoint->host ? endpoint->host : "");
      via = g_strdup ("over the public network");
      connection->db = public_database (world, endpoint->host, endpoint->port);
    }
  if (connection->db == NULL)
    return fail (connection, CW_SB_CONNECT_TIMEOUT,
                 g_strdup_printf ("failed to connect to MySQL %s: dial tcp %s:%d: i/o timeout", via, host,
                                  endpoint->port));
  if (g_str_has_prefix (connection->db->engine, "postgres"))
    return fail (connection, CW_SB_CONNECT_NOT_MYSQL,
                 g_strdup_printf ("failed to connect to MySQL %s: %s:%d: malformed packet: the server is not MySQL",
                                  via, host, endpoint->port));
  access = cw_sb_model_db_access (world, connection->db);
  connection->user = cw_sb_model_find_sql_user (access, endpoint->user, endpoint->password);
  if (connection->user == NULL)
    return fail (connection, CW_SB_CONNECT_DENIED,
                 g_strdup_printf ("failed to connect to MySQL %s: Error 1045 (28000): Access denied for user "
                                  "'%s'@'%s' (using password: %s)", via, endpoint->user ? endpoint->user : "",
                                  client_ip ? client_ip : "%",
                                  endpoint->password && *endpoint->password ? "YES" : "NO"));
  if (check_tls && !endpoint->tls && is_on (cw_sb_model_db_parameter (world, connection->db, "require_secure_transport")))
    return fail (connection, CW_SB_CONNECT_INSECURE,
                 g_strdup_printf ("failed to connect to MySQL %s: Error 3159 (HY000): Connections using insecure "
                                  "transport are prohibited while --require_secure_transport=ON.", via));
  connection->result = CW_SB_CONNECT_OK;
  return TRUE;
}

/* ---- ids ---- */

static char *
new_id (CwSandboxWorld *world,
        const char     *prefix)
{
  g_autofree char *suffix = cw_sandbox_world_random_alnum (world, 14);

  return g_strconcat (prefix, suffix, NULL);
}

/* ---- changefeeds ---- */

CwSbChangefeed *
cw_sb_model_add_changefeed (CwSandboxWorld  *world,
                            CwSbTidbCluster *cluster)
{
  g_autofree char *id = new_id (world, "cfd-");
  CwSbChangefeed *changefeed = cw_sandbox_world_add (world, CW_SB_TIDB_CHANGEFEED, id, NULL);
  gint64 now = cw_sandbox_world_now (world);

  changefeed->cluster_id = g_strdup (cluster->base.id);
  changefeed->state = g_strdup ("CREATING");
  changefeed->ready_at = cw_sandbox_world_after (world, CW_SB_CHANGEFEED_CREATING_S);
  changefeed->checkpoint = g_get_real_time ();
  changefeed->last_seen = now;
  changefeed->updated = g_get_real_time ();
  return changefeed;
}

static void
set_changefeed_state (CwSbChangefeed *changefeed,
                      const char     *state,
                      char           *error)
{
  if (!g_str_equal (changefeed->state, state) || g_strcmp0 (changefeed->error, error) != 0)
    changefeed->updated = g_get_real_time ();
  g_free (changefeed->state);
  changefeed->state = g_strdup (state);
  g_free (changefeed->error);
  changefeed->error = error;
}

/* PAUSED while stopped; CREATING a few seconds; then RUNNING while the sink is reached,
 * RUNNING_FAILED with TiDB Cloud's error while not. */
void
cw_sb_model_refresh_changefeed (CwSandboxWorld *world,
                                CwSbChangefeed *changefeed)
{
  CwSbTidbCluster *cluster = cw_sandbox_world_peek (world, CW_SB_TIDB_CLUSTER, changefeed->cluster_id);
  gint64 now = cw_sandbox_world_now (world);
  CwSbConnection connection;

  changefeed->last_seen = now;
  if (changefeed->paused || now < changefeed->ready_at || cluster == NULL)
    {
      changefeed->flowing = FALSE;
      set_changefeed_state (changefeed, changefeed->paused ? "PAUSED" : "CREATING", NULL);
      return;
    }
  changefeed->flowing = cw_sb_model_connect (world, cluster, &changefeed->sink, TRUE, &connection);
  if (changefeed->flowing)
    {
      changefeed->checkpoint = MAX (changefeed->checkpoint, g_get_real_time () - CHANGEFEED_LAG_US);
      set_changefeed_state (changefeed, "RUNNING", NULL);
    }
  else
    set_changefeed_state (changefeed, "RUNNING_FAILED", g_steal_pointer (&connection.message));
  cw_sb_connection_clear (&connection);
}

static void
free_changefeed_fields (CwSbChangefeed *changefeed)
{
  g_free (changefeed->cluster_id);
  g_free (changefeed->display_name);
  cw_sb_sql_endpoint_clear (&changefeed->sink);
  g_strfreev (changefeed->filter_rules);
  g_free (changefeed->filter_mode);
  g_clear_pointer (&changefeed->event_filters, json_node_unref);
  g_free (changefeed->start_mode);
  g_free (changefeed->state);
  g_free (changefeed->error);
}

/* ---- Data Migration: the job ---- */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object && json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static int
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = object && json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return (int) g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return (int) json_node_get_int (node);
}

/* @given: a Source object the request's schema has checked. */
CwSbDmSource *
cw_sb_dm_source_new (JsonNode *given)
{
  CwSbDmSource *source = g_new0 (CwSbDmSource, 1);
  JsonObject *profile = json_object_get_object_member (json_node_get_object (given), "connProfile");
  gboolean private_link = g_strcmp0 (member_string (profile, "connType"), "PRIVATE_LINK") == 0;

  source->given = json_node_copy (given);
  source->endpoint.link_id = private_link ? g_strdup (member_string (profile, "endpointId")) : NULL;
  source->endpoint.host = private_link ? NULL : g_strdup (member_string (profile, "host"));
  source->endpoint.port = member_int (profile, "port");
  source->endpoint.user = g_strdup (member_string (profile, "user"));
  source->endpoint.password = g_strdup (member_string (profile, "password"));
  source->endpoint.tls = json_object_has_member (profile, "security");
  return source;
}

static void
dm_source_free (CwSbDmSource *source)
{
  json_node_unref (source->given);
  cw_sb_sql_endpoint_clear (&source->endpoint);
  g_free (source->error);
  g_free (source);
}

void
cw_sb_dm_job_clear (CwSbDmJob *job)
{
  g_free (job->display_name);
  g_clear_pointer (&job->sources, g_ptr_array_unref);
  g_free (job->target_user);
  cw_sb_wipe (job->target_password);
  g_free (job->mode);
}

static void
init_job (CwSbDmJob *job)
{
  job->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_source_free);
}

/* ---- Data Migration: the checks ---- */

void
cw_sb_precheck_item_free (CwSbPrecheckItem *item)
{
  g_free (item->description);
  g_free (item->reason);
  g_free (item->solution);
  g_free (item);
}

static void
add_item (GPtrArray  *items,
          const char *type,
          const char *status,
          const char *description,
          char       *reason,
          char       *solution)
{
  CwSbPrecheckItem *item = g_new0 (CwSbPrecheckItem, 1);

  item->type = type;
  item->status = status;
  item->description = g_strdup (description);
  item->reason = reason;
  item->solution = solution;
  g_ptr_array_add (items, item);
}

static const char *
connection_solution (CwSbConnectResult result)
{
  switch (result)
    {
    case CW_SB_CONNECT_NO_LINK:
      return "Set endpointId to the id of a private link connection of this cluster.";
    case CW_SB_CONNECT_LINK_NOT_ACTIVE:
      return "Wait until the private link connection is ACTIVE: accept its endpoint on your endpoint service.";
    case CW_SB_CONNECT_TIMEOUT:
      return "Check that the port is the load balancer's listener port, that its target is the database's current "
             "address and healthy in a zone TiDB Cloud's endpoint uses, and that the database's security groups "
             "let the load balancer in.";
    case CW_SB_CONNECT_NOT_MYSQL:
      return "Migrate from a MySQL-compatible database.";
    default:
      return "Check the user name and password of the source database.";
    }
}

/* The group that holds @db's binlog settings: an Aurora member's cluster's. */
static CwSbParameterGroup *
binlog_group (CwSandboxWorld *world,
              CwSbDbInstance *db,
              const char    **noun)
{
  CwSbDbCluster *cluster = cw_sandbox_world_peek (world, CW_SB_DB_CLUSTER, db->cluster_id);

  *noun = cluster ? "DB cluster parameter group" : "DB parameter group";
  if (cluster != NULL)
    return cw_sandbox_world_peek (world, CW_SB_DB_CLUSTER_PARAMETER_GROUP, cluster->access.parameter_group);
  return cw_sandbox_world_peek (world, CW_SB_DB_PARAMETER_GROUP, db->access.parameter_group);
}

static void
check_parameter (CwSandboxWorld *world,
                 GPtrArray      *items,
                 CwSbDbInstance *db,
                 const char     *type,
                 const char     *name,
                 const char     *wanted)
{
  const char *noun;
  CwSbParameterGroup *group = binlog_group (world, db, &noun);
  const char *value = cw_sb_model_db_parameter (world, db, name);
  g_autofree char *description = g_strdup_printf ("Check whether %s of the source database is %s", name, wanted);
  const char *owner = db->cluster_id ? db->cluster_id : db->base.id;

  if (value != NULL && g_ascii_strcasecmp (value, wanted) == 0)
    {
      add_item (items, type, "SUCCESS", description, NULL, NULL);
      return;
    }
  add_item (items, type, "FAILED", description,
            g_strdup_printf ("%s is %s in the %s %s of %s; migration needs %s", name, value ? value : "not set", noun,
                             group ? group->base.id : "?", owner, wanted),
            group && group->is_default
            ? g_strdup_printf ("The default group %s cannot be modified: create a custom %s of family %s with %s=%s, "
                               "attach it to %s and reboot it.", group->base.id, noun, group->family, name, wanted, owner)
            : g_strdup_printf ("Set %s to %s in the %s %s.", name, wanted, noun, group ? group->base.id : "?"));
}

static void
check_binlog (CwSandboxWorld *world,
              GPtrArray      *items,
              CwSbDbInstance *db)
{
  const char *description = "Check whether the binlog is enabled on the source database";

  if (cw_sb_model_binlog_enabled (world, db))
    add_item (items, "BINLOG_ENABLE_CHECKING", "SUCCESS", description, NULL, NULL);
  else if (db->cluster_id != NULL)
    add_item (items, "BINLOG_ENABLE_CHECKING", "FAILED", description,
              g_strdup_printf ("log_bin is OFF: binlog_format is OFF for the Aurora cluster %s", db->cluster_id),
              g_strdup ("Set binlog_format to ROW in a custom DB cluster parameter group of the cluster, then reboot "
                        "its writer."));
  else
    add_item (items, "BINLOG_ENABLE_CHECKING", "FAILED", description,
              g_strdup_printf ("log_bin is OFF: automated backups are off on %s (backup retention period 0), and RDS "
                               "writes the binlog only with them", db->base.id),
              g_strdup_printf ("Turn on automated backups of %s (a backup retention period of 1 day or more).",
                               db->base.id));
}

static void
check_source (CwSandboxWorld       *world,
              GPtrArray            *items,
              const CwSbConnection *connection,
              const char           *mode)
{
  CwSbDbInstance *db = connection->db;
  gboolean full = g_strcmp0 (mode, "ALL") == 0;
  gboolean mariadb = g_str_equal (db->engine, "mariadb");

  add_item (items, "VERSION_CHECKING", mariadb ? "WARNING" : "SUCCESS",
            "Check whether the version of the source database is supported",
            mariadb ? g_strdup_printf ("MariaDB %s is not fully compatible with MySQL replication", db->engine_version) : NULL,
            mariadb ? g_strdup ("Check the migrated data, or migrate from MySQL 5.7 or 8.0.") : NULL);
  add_item (items, "SERVER_ID_CHECKING", "SUCCESS", "Check whether server_id of the source database is set", NULL, NULL);
  if (full)
    add_item (items, "DUMP_PRIVILEGE_CHECKING", "SUCCESS", "Check whether the source user may dump the data", NULL, NULL);
  add_item (items, "REPLICATION_PRIVILEGE_CHECKING", connection->user->replication ? "SUCCESS" : "FAILED",
            "Check whether the source user may read the binlog",
            connection->user->replication ? NULL
            : g_strdup_printf ("user '%s' lacks REPLICATION SLAVE and REPLICATION CLIENT", connection->user->name),
            connection->user->replication ? NULL
            : g_strdup_printf ("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '%s'@'%%';", connection->user->name));
  check_binlog (world, items, db);
  check_parameter (world, items, db, "BINLOG_FORMAT_CHECKING", "binlog_format", "ROW");
  check_parameter (world, items, db, "BINLOG_ROW_IMAGE_CHECKING", "binlog_row_image", "FULL");
  add_item (items, "CONN_NUMBER_CHECKING", "SUCCESS", "Check whether the source database takes enough connections",
            NULL, NULL);
}

/* TiDB Cloud's precheck of @job: per source, the connection and then the source's
 * settings; then the target user. @reached: every source was reached. */
GPtrArray *
cw_sb_model_check_migration (CwSandboxWorld  *world,
                             CwSbTidbCluster *cluster,
                             CwSbDmJob       *job,
                             gboolean        *reached)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_precheck_item_free);
  g_autofree char *root = cw_sb_model_tidb_sql_user (cluster);
  gboolean target_ok = cw_sb_model_tidb_sign_in (cluster, job->target_user, job->target_password);

  *reached = TRUE;
  for (guint i = 0; i < job->sources->len; i++)
    {
      CwSbDmSource *source = job->sources->pdata[i];
      CwSbConnection connection;

      if (cw_sb_model_connect (world, cluster, &source->endpoint, FALSE, &connection))
        check_source (world, items, &connection, job->mode);
      else
        {
          *reached = FALSE;
          add_item (items, NULL, "FAILED", "Check the connection to the source database",
                    g_strdup (connection.message), g_strdup (connection_solution (connection.result)));
        }
      cw_sb_connection_clear (&connection);
    }
  add_item (items, "TARGET_DB_PRIVILEGE_CHECKING", target_ok ? "SUCCESS" : "FAILED",
            "Check whether the target user may write to the cluster",
            target_ok ? NULL : g_strdup_printf ("Error 1045 (28000): Access denied for user '%s'@'%%' (using password: YES)",
                                                job->target_user ? job->target_user : ""),
            target_ok ? NULL : g_strdup_printf ("Use a SQL user of the cluster, such as %s, and its password.", root));
  if (g_strcmp0 (job->mode, "ALL") == 0)
    add_item (items, "LIGHTNING_TABLE_EMPTY_CHECKING", "SUCCESS", "Check whether the target tables are empty", NULL, NULL);
  return items;
}

CwSbPrecheck *
cw_sb_model_add_precheck (CwSandboxWorld  *world,
                          CwSbTidbCluster *cluster)
{
  g_autofree char *id = new_id (world, "pck-");
  CwSbPrecheck *precheck = cw_sandbox_world_add (world, CW_SB_TIDB_PRECHECK, id, NULL);

  precheck->cluster_id = g_strdup (cluster->base.id);
  init_job (&precheck->job);
  precheck->done_at = cw_sandbox_world_after (world, CW_SB_PRECHECK_S);
  precheck->status = g_strdup ("RUNNING");
  precheck->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_precheck_item_free);
  return precheck;
}

/* RUNNING for a while; then FINISHED with its items, or FAILED when a source could not
 * be reached at all. */
void
cw_sb_model_refresh_precheck (CwSandboxWorld *world,
                              CwSbPrecheck   *precheck)
{
  CwSbTidbCluster *cluster = cw_sandbox_world_peek (world, CW_SB_TIDB_CLUSTER, precheck->cluster_id);
  gboolean reached;

  if (!g_str_equal (precheck->status, "RUNNING") || cw_sandbox_world_now (world) < precheck->done_at || cluster == NULL)
    return;
  g_ptr_array_unref (precheck->items);
  precheck->items = cw_sb_model_check_migration (world, cluster, &precheck->job, &reached);
  g_free (precheck->status);
  precheck->status = g_strdup (reached ? "FINISHED" : "FAILED");
}

/* ---- Data Migration: the migration ---- */

/* What a source holds, the same every time for one database. */
static void
size_source (CwSandboxWorld *world,
             CwSbTidbCluster *cluster,
             CwSbDmSource   *source)
{
  CwSbConnection connection;
  guint hash;

  cw_sb_model_connect (world, cluster, &source->endpoint, FALSE, &connection);
  hash = g_str_hash (connection.db ? connection.db->base.id : "source");
  source->flowed_at = g_get_real_time ();
  source->tables = 8 + hash % 24;
  source->rows = 200000 + hash % 1800000;
  source->bytes = source->rows * 420;
  cw_sb_connection_clear (&connection);
}

CwSbMigration *
cw_sb_model_add_migration (CwSandboxWorld  *world,
                           CwSbTidbCluster *cluster)
{
  g_autofree char *id = new_id (world, "mig-");
  CwSbMigration *migration = cw_sandbox_world_add (world, CW_SB_TIDB_MIGRATION, id, NULL);

  migration->cluster_id = g_strdup (cluster->base.id);
  init_job (&migration->job);
  migration->state = g_strdup ("CREATING");
  migration->ready_at = cw_sandbox_world_after (world, CW_SB_MIGRATION_CREATING_S);
  migration->last_seen = cw_sandbox_world_now (world);
  return migration;
}

/* Each subtask moves while its source is reached, from when CREATING is over; one that
 * is not is FAILED with TiDB Cloud's error, and so is the migration, until it is
 * reached again (DM resumes a task stopped by a network error on its own). */
void
cw_sb_model_refresh_migration (CwSandboxWorld *world,
                               CwSbMigration  *migration)
{
  CwSbTidbCluster *cluster = cw_sandbox_world_peek (world, CW_SB_TIDB_CLUSTER, migration->cluster_id);
  gint64 now = cw_sandbox_world_now (world);
  gint64 since = MAX (migration->last_seen, migration->ready_at);
  gboolean was_creating = g_str_equal (migration->state, "CREATING");
  gboolean failed = FALSE;
  const char *state;

  for (guint i = 0; i < migration->job.sources->len; i++)
    {
      CwSbDmSource *source = migration->job.sources->pdata[i];
      CwSbConnection connection;
      gboolean reached;

      if (migration->paused || now < migration->ready_at || cluster == NULL)
        {
          source->flowing = FALSE;
          continue;
        }
      reached = cw_sb_model_connect (world, cluster, &source->endpoint, FALSE, &connection);
      if (now > since && (source->flowing || (was_creating && reached)))
        source->elapsed += now - since;
      source->flowing = reached;
      if (reached)
        source->flowed_at = g_get_real_time ();
      g_free (source->error);
      source->error = g_steal_pointer (&connection.message);
      failed |= !reached;
      cw_sb_connection_clear (&connection);
    }
  migration->last_seen = now;
  state = migration->paused ? "PAUSED" : now < migration->ready_at ? "CREATING" : failed ? "FAILED" : "RUNNING";
  g_free (migration->state);
  migration->state = g_strdup (state);
}

/* Where a subtask is: a full migration dumps, then loads, then syncs the binlog; an
 * incremental one only syncs. @done: the progress of the step, 0 to 1. */
const char *
cw_sb_model_subtask_step (CwSandboxWorld *world,
                          CwSbMigration  *migration,
                          CwSbDmSource   *source,
                          double         *dump,
                          double         *load)
{
  gint64 dump_time = cw_sandbox_world_duration (world, CW_SB_MIGRATION_DUMP_S);
  gint64 load_time = cw_sandbox_world_duration (world, CW_SB_MIGRATION_LOAD_S);

  *dump = *load = 1.0;
  if (g_strcmp0 (migration->job.mode, "ALL") != 0)
    return "SYNC";
  if (source->elapsed < dump_time)
    {
      *dump = (double) source->elapsed / dump_time;
      *load = 0.0;
      return "DUMP";
    }
  if (source->elapsed < dump_time + load_time)
    {
      *load = (double) (source->elapsed - dump_time) / load_time;
      return "LOAD";
    }
  return "SYNC";
}

void
cw_sb_model_size_sources (CwSandboxWorld  *world,
                          CwSbTidbCluster *cluster,
                          CwSbDmJob       *job)
{
  for (guint i = 0; i < job->sources->len; i++)
    size_source (world, cluster, job->sources->pdata[i]);
}

/* ---- all of them ---- */

void
cw_sb_model_refresh_dataflows (CwSandboxWorld *world)
{
  GPtrArray *changefeeds = cw_sandbox_world_list (world, CW_SB_TIDB_CHANGEFEED);
  GPtrArray *migrations = cw_sandbox_world_list (world, CW_SB_TIDB_MIGRATION);

  for (guint i = 0; i < changefeeds->len; i++)
    cw_sb_model_refresh_changefeed (world, changefeeds->pdata[i]);
  for (guint i = 0; i < migrations->len; i++)
    cw_sb_model_refresh_migration (world, migrations->pdata[i]);
}

void
cw_sb_model_free_dataflow_fields (CwSbResource *resource)
{
  switch (resource->kind)
    {
    case CW_SB_TIDB_CHANGEFEED:
      free_changefeed_fields ((CwSbChangefeed *) resource);
      break;
    case CW_SB_TIDB_PRECHECK:
      g_free (((CwSbPrecheck *) resource)->cluster_id);
      cw_sb_dm_job_clear (&((CwSbPrecheck *) resource)->job);
      g_free (((CwSbPrecheck *) resource)->status);
      g_ptr_array_unref (((CwSbPrecheck *) resource)->items);
      break;
    case CW_SB_TIDB_MIGRATION:
      g_free (((CwSbMigration *) resource)->cluster_id);
      cw_sb_dm_job_clear (&((CwSbMigration *) resource)->job);
      g_free (((CwSbMigration *) resource)->state);
      break;
    default:
      g_assert_not_reached ();
    }
}
