/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link.c */
#define G_LOG_DOMAIN "cw-link"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-link.h"

struct _CwLink
{
  GObject       parent_instance;
  char         *fields[CW_LINK_N_FIELDS];
  guint         port;            /* the target group's: the database's own */
  guint         listener_port;   /* where TiDB Cloud reaches it, when not the same */
  gboolean      listener;
  gboolean      added;           /* a database added to a link, not the link itself */
  GPtrArray    *added_databases; /* CwLink: each database added to this link */
  gboolean      databases_known;  /* every database's address was looked up */
  gboolean      database_inferred;
  gboolean      checking;
  CwLinkStatus  status;
  CwLinkStatus  own_status;      /* of its own database, before those added to it count */
  GStrv         reasons;
};

G_DEFINE_FINAL_TYPE (CwLink, cw_link, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwLinkStatus, cw_link_status,
                    G_DEFINE_ENUM_VALUE (CW_LINK_HEALTHY, "healthy"),
                    G_DEFINE_ENUM_VALUE (CW_LINK_PENDING_ACCEPTANCE, "pending-acceptance"),
                    G_DEFINE_ENUM_VALUE (CW_LINK_DEGRADED, "degraded"),
                    G_DEFINE_ENUM_VALUE (CW_LINK_BROKEN, "broken"),
                    G_DEFINE_ENUM_VALUE (CW_LINK_DRIFTED, "drifted"))

static const char * const field_names[CW_LINK_N_FIELDS] = {
  "link-id", "private-link-id", "display-name", "cluster-id", "cluster-name", "region", "tidb-state", "tidb-message",
  "created-by", "endpoint-id", "endpoint-service-id", "endpoint-service-name", "endpoint-service-state",
  "connection-state", "load-balancer-arn", "load-balancer-name", "load-balancer-state", "target-group-arn",
  "target-group-name", "vpc-id", "registered-ip", "target-health", "target-health-reason",
  "target-health-description", "database-id", "database-ip", "database-endpoint", "run-error",
};

enum {
  PROP_PORT = CW_LINK_N_FIELDS + 1,
  PROP_MANAGED,
  PROP_DATABASE_INFERRED,
  PROP_STATUS,
  PROP_REASONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The words of the JSON output and of scripts: they do not change with the language. */
const char *
cw_link_status_to_string (CwLinkStatus status)
{
  static const char * const names[] = { "Healthy", "Pending acceptance", "Degraded", "Broken", "Drifted" };

  return names[status];
}

/* The reverse of cw_link_status_to_string(), for what was saved (a timeline's from/to). */
gboolean
cw_link_status_from_string (const char   *text,
                            CwLinkStatus *status)
{
  for (CwLinkStatus s = CW_LINK_HEALTHY; s <= CW_LINK_DRIFTED; s++)
    if (g_strcmp0 (text, cw_link_status_to_string (s)) == 0)
      {
        *status = s;
        return TRUE;
      }
  return FALSE;
}

const char *
cw_link_status_to_label (CwLinkStatus status)
{
  static const char * const labels[] = { N_("Healthy"), N_("Pending acceptance"), N_("Degraded"), N_("Broken"),
                                         N_("Drifted") };

  return _(labels[status]);
}

/* How bad a status is: the worse, the higher. A link's status is the worst its reasons
 * give, and lists put the worst first. Drifted outranks broken (a drifted target is
 * also unhealthy; re-sync is the cure), broken outranks waiting for acceptance, which
 * outranks degraded. */
guint
cw_link_status_rank (CwLinkStatus status)
{
  static const guint ranks[] = {
    [CW_LINK_HEALTHY] = 0, [CW_LINK_DEGRADED] = 1, [CW_LINK_PENDING_ACCEPTANCE] = 2,
    [CW_LINK_BROKEN] = 3, [CW_LINK_DRIFTED] = 4,
  };

  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (ranks), 0);
  return ranks[status];
}

static void
cw_link_finalize (GObject *object)
{
  CwLink *self = CW_LINK (object);

  for (guint i = 0; i < CW_LINK_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_strfreev (self->reasons);
  g_ptr_array_unref (self->added_databases);
  G_OBJECT_CLASS (cw_link_parent_class)->finalize (object);
}

static void
cw_link_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CwLink *self = CW_LINK (object);

  if (prop_id >= 1 && prop_id <= CW_LINK_N_FIELDS)
    {
      g_value_set_string (value, self->fields[prop_id - 1]);
      return;
    }
  switch (prop_id)
    {
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_MANAGED:
      g_value_set_boolean (value, cw_link_get_managed (self));
      break;
    case PROP_DATABASE_INFERRED:
      g_value_set_boolean (value, self->database_inferred);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_REASONS:
      g_value_set_boxed (value, self->reasons);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_link_class_init (CwLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_link_finalize;
  object_class->get_property = cw_link_get_property;

  for (guint i = 0; i < CW_LINK_N_FIELDS; i++)
    properties[i + 1] = g_param_spec_string (field_names[i], NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MANAGED] = g_param_spec_boolean ("managed", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE_INFERRED] = g_param_spec_boolean ("database-inferred", NULL, NULL, FALSE,
                                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                             G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, CW_TYPE_LINK_STATUS, CW_LINK_HEALTHY,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASONS] = g_param_spec_boxed ("reasons", NULL, NULL, G_TYPE_STRV,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_link_init (CwLink *self)
{
  self->reasons = g_new0 (char *, 1);
  self->added_databases = g_ptr_array_new_with_free_func (g_object_unref);
}

CwLink *
cw_link_new (void)
{
  return g_object_new (CW_TYPE_LINK, NULL);
}

const char *
cw_link_get (CwLink      *self,
             CwLinkField  field)
{
  g_return_val_if_fail (CW_IS_LINK (self), NULL);
  g_return_val_if_fail (field < CW_LINK_N_FIELDS, NULL);
  return self->fields[field];
}

void
cw_link_set (CwLink      *self,
             CwLinkField  field,
             const char  *value)
{
  g_return_if_fail (CW_IS_LINK (self));
  g_return_if_fail (field < CW_LINK_N_FIELDS);
  if (g_strcmp0 (self->fields[field], value) == 0)
    return;
  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[field + 1]);
  if (field == CW_LINK_LINK_ID)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANAGED]);
}

guint
cw_link_get_port (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), 0);
  return self->port;
}

void
cw_link_set_port (CwLink *self,
                  guint   port)
{
  g_return_if_fail (CW_IS_LINK (self));
  if (self->port == port)
    return;
  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

/* The port of the load balancer's listener for the database: what TiDB Cloud's
 * dataflows name. A database added to a link may have a port there of its own. */
guint
cw_link_get_listener_port (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), 0);
  return self->listener_port ? self->listener_port : self->port;
}

void
cw_link_set_listener_port (CwLink *self,
                           guint   port)
{
  g_return_if_fail (CW_IS_LINK (self));
  self->listener_port = port;
}

/* The databases added to the link (DESIGN.md §4.5), each a CwLink whose database, target
 * group, target and listener port are that database's; the rest is the link's. */
GPtrArray *
cw_link_get_added_databases (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), NULL);
  return self->added_databases;
}

void
cw_link_add_database (CwLink *self,
                      CwLink *database)
{
  g_return_if_fail (CW_IS_LINK (self));
  g_return_if_fail (CW_IS_LINK (database));
  database->added = TRUE;
  g_ptr_array_add (self->added_databases, g_object_ref (database));
}

gboolean
cw_link_get_added (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), FALSE);
  return self->added;
}

/* The link's database, or the one of @database_id added to it; NULL if it has none such. */
CwLink *
cw_link_find_database (CwLink     *self,
                       const char *database_id)
{
  g_return_val_if_fail (CW_IS_LINK (self), NULL);
  if (g_strcmp0 (self->fields[CW_LINK_DATABASE_ID], database_id) == 0)
    return self;
  for (guint i = 0; i < self->added_databases->len; i++)
    {
      CwLink *added = g_ptr_array_index (self->added_databases, i);

      if (g_strcmp0 (added->fields[CW_LINK_DATABASE_ID], database_id) == 0)
        return added;
    }
  return NULL;
}

gboolean
cw_link_get_managed (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), FALSE);
  return self->fields[CW_LINK_LINK_ID] != NULL;
}

gboolean
cw_link_get_listener (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), FALSE);
  return self->listener;
}

void
cw_link_set_listener (CwLink   *self,
                      gboolean  listener)
{
  g_return_if_fail (CW_IS_LINK (self));
  self->listener = listener;
}

gboolean
cw_link_get_checking (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), FALSE);
  return self->checking;
}

void
cw_link_set_checking (CwLink   *self,
                      gboolean  checking)
{
  g_return_if_fail (CW_IS_LINK (self));
  self->checking = checking;
}

void
cw_link_set_databases_known (CwLink   *self,
                             gboolean  known)
{
  g_return_if_fail (CW_IS_LINK (self));
  self->databases_known = known;
}

/* A link made by hand names no database: the join may infer one from its target's
 * address. An inferred database is shown as such, and is not one a re-sync may take
 * without being told (cw_link_get_named_database()). */
gboolean
cw_link_get_database_inferred (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), FALSE);
  return self->database_inferred;
}

void
cw_link_set_database_inferred (CwLink   *self,
                               gboolean  inferred)
{
  g_return_if_fail (CW_IS_LINK (self));
  if (self->database_inferred == !!inferred)
    return;
  self->database_inferred = !!inferred;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_INFERRED]);
}

/* The database the link itself names (its tag, or its run's journal); NULL when the
 * database is only inferred or not known. */
const char *
cw_link_get_named_database (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), NULL);
  return self->database_inferred ? NULL : self->fields[CW_LINK_DATABASE_ID];
}

/* The database as the links view and `causeway-cli links` show it: its id, marked when
 * it is only inferred from the target's address; NULL when none is known. */
char *
cw_link_dup_database_label (CwLink *self)
{
  const char *id;

  g_return_val_if_fail (CW_IS_LINK (self), NULL);
  id = self->fields[CW_LINK_DATABASE_ID];
  if (id == NULL)
    return NULL;
  /* TRANSLATORS: a database id, of a link made by hand, found from its target's address */
  return self->database_inferred ? g_strdup_printf (_("%s (inferred)"), id) : g_strdup (id);
}

/* Every database the link reaches, as a list shows them: its own (as
 * cw_link_dup_database_label() says it), then those added to it; NULL when none is known. */
char *
cw_link_dup_databases_label (CwLink *self)
{
  g_autofree char *own = NULL;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (CW_IS_LINK (self), NULL);
  own = cw_link_dup_database_label (self);
  if (self->added_databases->len == 0)
    return g_steal_pointer (&own);
  text = g_string_new (own ? own : "?");
  for (guint i = 0; i < self->added_databases->len; i++)
    g_string_append_printf (text, ", %s",
                            ((CwLink *) g_ptr_array_index (self->added_databases, i))->fields[CW_LINK_DATABASE_ID]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The cluster as people know it: its display name, else its id. */
const char *
cw_link_get_cluster_label (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), NULL);
  return self->fields[CW_LINK_CLUSTER_NAME] ? self->fields[CW_LINK_CLUSTER_NAME] : self->fields[CW_LINK_CLUSTER_ID];
}

/* The status of the link's own database alone: a database added to the link does not
 * count, as it does in cw_link_get_status(). */
CwLinkStatus
cw_link_get_database_status (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), CW_LINK_BROKEN);
  return self->own_status;
}

CwLinkStatus
cw_link_get_status (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), CW_LINK_BROKEN);
  return self->status;
}

const char * const *
cw_link_get_reasons (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), NULL);
  return (const char * const *) self->reasons;
}

/* The link's own id if Causeway made it, else TiDB Cloud's connection id. */
const char *
cw_link_get_id (CwLink *self)
{
  g_return_val_if_fail (CW_IS_LINK (self), NULL);
  return self->fields[CW_LINK_LINK_ID] ? self->fields[CW_LINK_LINK_ID] : self->fields[CW_LINK_PRIVATE_LINK_ID];
}

/* ---- status ---- */

typedef struct {
  CwLink        *link;
  CwLinkStatus   status;
  GStrvBuilder  *reasons;
} Verdict;

static void
note (Verdict      *verdict,
      CwLinkStatus  status,
      char         *reason)
{
  g_strv_builder_add (verdict->reasons, reason);
  g_free (reason);
  if (cw_link_status_rank (status) > cw_link_status_rank (verdict->status))
    verdict->status = status;
}

static const char *
field (Verdict     *verdict,
       CwLinkField  which)
{
  return verdict->link->fields[which];
}

static gboolean
field_is (Verdict     *verdict,
          CwLinkField  which,
          const char  *value)
{
  return g_strcmp0 (verdict->link->fields[which], value) == 0;
}

static void
judge_tidb (Verdict *verdict)
{
  const char *message = field (verdict, CW_LINK_TIDB_MESSAGE);

  if (field (verdict, CW_LINK_RUN_ERROR) != NULL)
    note (verdict, CW_LINK_BROKEN,
          g_strdup_printf (_("The last run stopped before the link was complete: %s Run it again to resume, or delete the link to roll it back."),
                           field (verdict, CW_LINK_RUN_ERROR)));
  else if (field_is (verdict, CW_LINK_TIDB_STATE, "FAILED"))
    note (verdict, CW_LINK_BROKEN, g_strdup_printf (_("TiDB Cloud could not connect: %s"),
                                                    message ? message : _("no reason given")));
  else if (field_is (verdict, CW_LINK_TIDB_STATE, "CREATING"))
    note (verdict, CW_LINK_DEGRADED, g_strdup (_("TiDB Cloud is still creating its endpoint.")));
  else if (field_is (verdict, CW_LINK_TIDB_STATE, "DELETING"))
    note (verdict, CW_LINK_BROKEN, g_strdup (_("The private link connection is being deleted.")));
  else if (field_is (verdict, CW_LINK_TIDB_STATE, "PENDING_ACCEPTANCE") ||
           field_is (verdict, CW_LINK_CONNECTION_STATE, "pendingAcceptance"))
    note (verdict, CW_LINK_PENDING_ACCEPTANCE,
          g_strdup_printf (_("TiDB Cloud’s endpoint %s waits for acceptance on the endpoint service."),
                           field (verdict, CW_LINK_ENDPOINT_ID) ? field (verdict, CW_LINK_ENDPOINT_ID) : ""));
  else if (field (verdict, CW_LINK_CONNECTION_STATE) != NULL && !field_is (verdict, CW_LINK_CONNECTION_STATE, "available"))
    note (verdict, CW_LINK_BROKEN, g_strdup_printf (_("TiDB Cloud’s endpoint is %s on the endpoint service."),
                                                    field (verdict, CW_LINK_CONNECTION_STATE)));
}

static gboolean
judge_service (Verdict *verdict)
{
  if (field (verdict, CW_LINK_ENDPOINT_SERVICE_ID) == NULL)
    {
      if (field (verdict, CW_LINK_RUN_ERROR) == NULL)
        note (verdict, CW_LINK_BROKEN, g_strdup_printf (_("The endpoint service %s does not exist in this account."),
                                                        field (verdict, CW_LINK_ENDPOINT_SERVICE_NAME)));
      return FALSE;
    }
  if (!field_is (verdict, CW_LINK_ENDPOINT_SERVICE_STATE, "Available"))
    note (verdict, CW_LINK_DEGRADED, g_strdup_printf (_("The endpoint service is %s."),
                                                      field (verdict, CW_LINK_ENDPOINT_SERVICE_STATE)));
  return TRUE;
}

static gboolean
judge_listener (Verdict *verdict)
{
  if (!verdict->link->listener || field (verdict, CW_LINK_TARGET_GROUP_ARN) == NULL)
    {
      note (verdict, CW_LINK_BROKEN, g_strdup (_("No listener of the load balancer forwards to a target group.")));
      return FALSE;
    }
  return TRUE;
}

static gboolean
judge_load_balancer (Verdict *verdict)
{
  if (field (verdict, CW_LINK_LOAD_BALANCER_ARN) == NULL)
    {
      note (verdict, CW_LINK_BROKEN, g_strdup (_("The endpoint service has no load balancer.")));
      return FALSE;
    }
  if (field_is (verdict, CW_LINK_LOAD_BALANCER_STATE, "failed"))
    note (verdict, CW_LINK_BROKEN, g_strdup (_("The load balancer failed.")));
  else if (!field_is (verdict, CW_LINK_LOAD_BALANCER_STATE, "active"))
    note (verdict, CW_LINK_DEGRADED, g_strdup_printf (_("The load balancer is %s."),
                                                      field (verdict, CW_LINK_LOAD_BALANCER_STATE)));
  return judge_listener (verdict);
}

static void
judge_drift (Verdict *verdict)
{
  const char *registered = field (verdict, CW_LINK_REGISTERED_IP);
  const char *current = field (verdict, CW_LINK_DATABASE_IP);

  if (registered == NULL)
    {
      note (verdict, CW_LINK_BROKEN, g_strdup (_("No target is registered in the target group.")));
      return;
    }
  if (current != NULL && g_strcmp0 (current, registered) != 0)
    {
      note (verdict, CW_LINK_DRIFTED,
            g_strdup_printf (_("The database %s moved to %s; the target still points at %s."),
                             field (verdict, CW_LINK_DATABASE_ID), current, registered));
      return;
    }
  if (field (verdict, CW_LINK_DATABASE_ID) == NULL && verdict->link->databases_known)
    note (verdict, CW_LINK_DRIFTED,
          g_strdup_printf (_("The target %s is no longer the address of any database."), registered));
}

static void
judge_health (Verdict *verdict)
{
  const char *reason = field (verdict, CW_LINK_TARGET_HEALTH_REASON);
  const char *description = field (verdict, CW_LINK_TARGET_HEALTH_DESCRIPTION);

  if (field_is (verdict, CW_LINK_TARGET_HEALTH, "healthy"))
    return;
  if (field_is (verdict, CW_LINK_TARGET_HEALTH, "initial") || field_is (verdict, CW_LINK_TARGET_HEALTH, "draining"))
    note (verdict, CW_LINK_DEGRADED, g_strdup_printf (_("The target is %s: %s."), field (verdict, CW_LINK_TARGET_HEALTH),
                                                      description ? description : reason ? reason : ""));
  else if (field (verdict, CW_LINK_TARGET_HEALTH) == NULL)
    note (verdict, CW_LINK_DEGRADED, g_strdup (_("The target’s health is not known.")));
  else
    note (verdict, CW_LINK_BROKEN, g_strdup_printf (_("The load balancer cannot reach the database: the target is %s (%s: %s)."),
                                                    field (verdict, CW_LINK_TARGET_HEALTH), reason ? reason : "",
                                                    description ? description : ""));
}

/* Each database added to the link counts in its status, named in its reasons. */
static void
judge_added_databases (Verdict *verdict)
{
  GPtrArray *added = verdict->link->added_databases;

  for (guint i = 0; i < added->len; i++)
    {
      CwLink *database = g_ptr_array_index (added, i);

      cw_link_update_status (database);
      for (guint j = 0; database->reasons[j] != NULL; j++)
        /* TRANSLATORS: a database added to a link, its port there, and what is wrong with it */
        note (verdict, database->status, g_strdup_printf (_("%s on port %u: %s"), database->fields[CW_LINK_DATABASE_ID],
                                                          cw_link_get_listener_port (database), database->reasons[j]));
    }
}

/* Derives the status and its reasons from what is known (DESIGN.md §4.3). A database
 * added to a link is judged by its own target alone: the rest is the link's. */
void
cw_link_update_status (CwLink *self)
{
  Verdict verdict = { self, CW_LINK_HEALTHY, g_strv_builder_new () };
  gboolean reached = FALSE;

  g_return_if_fail (CW_IS_LINK (self));

  if (!self->added)
    {
      judge_tidb (&verdict);
      reached = judge_service (&verdict) && judge_load_balancer (&verdict);
    }
  if (reached || (self->added && judge_listener (&verdict)))
    {
      judge_drift (&verdict);
      judge_health (&verdict);
    }
  self->own_status = verdict.status;
  if (reached)
    judge_added_databases (&verdict);
  g_strfreev (self->reasons);
  self->reasons = g_strv_builder_end (verdict.reasons);
  g_strv_builder_unref (verdict.reasons);
  self->status = verdict.status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASONS]);
}

/* ---- saved ---- */

/* What is known of the link, for the watcher to compare its next look with: the
 * fields, the port and what the status was derived from. No field holds a secret. */
JsonNode *
cw_link_save (CwLink *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (CW_IS_LINK (self), NULL);
  for (guint i = 0; i < CW_LINK_N_FIELDS; i++)
    if (self->fields[i] != NULL)
      json_object_set_string_member (object, field_names[i], self->fields[i]);
  json_object_set_int_member (object, "port", self->port);
  json_object_set_boolean_member (object, "listener", self->listener);
  json_object_set_boolean_member (object, "databases-known", self->databases_known);
  if (self->listener_port != 0)
    json_object_set_int_member (object, "listener-port", self->listener_port);
  if (self->added_databases->len > 0)
    {
      JsonArray *added = json_array_new ();

      for (guint i = 0; i < self->added_databases->len; i++)
        json_array_add_element (added, cw_link_save (g_ptr_array_index (self->added_databases, i)));
      json_object_set_array_member (object, "added-databases", added);
    }
  json_node_set_object (node, object);
  return node;
}

/* A link as cw_link_save() kept it, its status derived again; NULL if @node is not one. */
CwLink *
cw_link_new_from_saved (JsonNode *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  CwLink *self;

  if (object == NULL)
    return NULL;
  self = cw_link_new ();
  for (guint i = 0; i < CW_LINK_N_FIELDS; i++)
    self->fields[i] = g_strdup (json_object_get_string_member_with_default (object, field_names[i], NULL));
  self->port = (guint) CLAMP (json_object_get_int_member_with_default (object, "port", 0), 0, 65535);
  self->listener = json_object_get_boolean_member_with_default (object, "listener", FALSE);
  self->databases_known = json_object_get_boolean_member_with_default (object, "databases-known", FALSE);
  self->listener_port = (guint) CLAMP (json_object_get_int_member_with_default (object, "listener-port", 0), 0, 65535);
  if (json_object_has_member (object, "added-databases") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "added-databases")))
    {
      JsonArray *added = json_object_get_array_member (object, "added-databases");

      for (guint i = 0; i < json_array_get_length (added); i++)
        {
          g_autoptr(CwLink) database = cw_link_new_from_saved (json_array_get_element (added, i));

          if (database != NULL)
            cw_link_add_database (self, database);
        }
    }
  cw_link_update_status (self);
  return self;
}
