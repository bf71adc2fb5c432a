/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-addition.c: see cw-link-addition.h */
#define G_LOG_DOMAIN "cw-link-addition"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-elbv2.h"
#include "cw-engine-error.h"
#include "cw-link-addition.h"
#include "cw-provisioner.h"

/* The database's own port when no listener of the link has it, else the first free
 * from 3307: what people expect to find a second MySQL on. */
guint
cw_link_addition_pick_port (guint   database_port,
                            GArray *used_ports)
{
  guint port = database_port;

  for (guint i = 0; i < used_ports->len; i++)
    if (g_array_index (used_ports, guint, i) == database_port)
      port = 0;
  if (port != 0)
    return port;
  for (port = CW_LINK_FIRST_EXTRA_PORT; port < 65535; port++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < used_ports->len && !taken; i++)
        taken = g_array_index (used_ports, guint, i) == port;
      if (!taken)
        return port;
    }
  return 0;
}

/* Whether @database can join @link: a link Causeway made, whole, in the database's VPC,
 * not serving it already. */
gboolean
cw_link_can_add_database (CwLink      *link,
                          CwDatabase  *database,
                          char       **why)
{
  const char *id = cw_database_get_id (database);

  if (!cw_link_get_managed (link))
    *why = g_strdup_printf (_("“%s” was not made by Causeway: add databases only to links Causeway made."),
                            cw_link_get (link, CW_LINK_DISPLAY_NAME));
  else if (cw_link_get_added (link))
    *why = g_strdup (_("Add the database to the link itself, not to one of its databases."));
  else if (cw_link_get (link, CW_LINK_LOAD_BALANCER_ARN) == NULL || cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID) == NULL)
    *why = g_strdup_printf (_("The link %s has no load balancer or endpoint service to share: repair or delete it first."),
                            cw_link_get_id (link));
  else if (g_strcmp0 (cw_database_get_vpc_id (database), cw_link_get (link, CW_LINK_VPC_ID)) != 0)
    *why = g_strdup_printf (_("%s is in %s, the link’s load balancer in %s: only databases of the link’s VPC can share "
                              "it. Make a new link for it."), id, cw_database_get_vpc_id (database),
                            cw_link_get (link, CW_LINK_VPC_ID));
  else if (!cw_database_is_mysql_compatible (database))
    *why = g_strdup_printf (_("%s runs %s, which is not MySQL-compatible: TiDB Cloud’s dataflows cannot use it."), id,
                            cw_database_get_engine (database));
  else if (cw_link_find_database (link, id) != NULL)
    *why = g_strdup_printf (_("The link already serves %s."), id);
  else
    return TRUE;
  return FALSE;
}

/* ---- adding ---- */

typedef struct {
  CwLink      *link;
  CwLinkPlan  *plan;
  CwAwsClient *aws;
  char        *security_group;   /* the load balancer's, or NULL */
} Addition;

static void
addition_free (Addition *addition)
{
  g_clear_object (&addition->link);
  g_clear_object (&addition->plan);
  g_clear_object (&addition->aws);
  g_free (addition->security_group);
  g_free (addition);
}

/* The journal of @plan's database added to @link, on @listener_port of its load balancer
 * whose group is @security_group (NULL: none): the plan's decisions for the database, and
 * what it shares of the link. Nothing is created: the provisioner runs it. */
CwJournal *
cw_link_addition_journal_new (CwLink     *link,
                              CwLinkPlan *plan,
                              const char *security_group,
                              guint       listener_port)
{
  CwJournal *journal = cw_journal_new_for_plan (plan);

  cw_journal_set_spec (journal, CW_SPEC_ADDED_TO, cw_link_get (link, CW_LINK_LINK_ID));
  cw_journal_set_spec_uint (journal, CW_SPEC_LISTENER_PORT, listener_port);
  cw_journal_set_spec (journal, CW_SPEC_LOAD_BALANCER_NAME, cw_link_get (link, CW_LINK_LOAD_BALANCER_NAME));
  cw_journal_set_spec (journal, CW_SPEC_DISPLAY_NAME, cw_link_get (link, CW_LINK_DISPLAY_NAME));
  /* The group is the link's: the database's rules go into it, the group itself stays. */
  cw_journal_set_spec (journal, CW_SPEC_NLB_SECURITY_GROUP, security_group);
  cw_journal_set_resource (journal, CW_RES_NLB_SECURITY_GROUP_ID, security_group);
  cw_journal_set_resource (journal, CW_RES_LOAD_BALANCER_ARN, cw_link_get (link, CW_LINK_LOAD_BALANCER_ARN));
  cw_journal_set_resource (journal, CW_RES_ENDPOINT_SERVICE_ID, cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID));
  cw_journal_set_resource (journal, CW_RES_ENDPOINT_SERVICE_NAME, cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_NAME));
  cw_journal_set_resource (journal, CW_RES_PRIVATE_LINK_ID, cw_link_get (link, CW_LINK_PRIVATE_LINK_ID));
  cw_journal_set_state (journal, CW_JOURNAL_CREATING);
  return journal;
}

static GArray *
listener_ports (GPtrArray *listeners)
{
  GArray *ports = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < listeners->len; i++)
    {
      guint port = (guint) ((CwElbListener *) g_ptr_array_index (listeners, i))->port;

      g_array_append_val (ports, port);
    }
  return ports;
}

static void
addition_listeners_described (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Addition *addition = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listeners = cw_elbv2_describe_listeners_finish (CW_AWS_CLIENT (source), result, &error);
  g_autoptr(GArray) used = NULL;
  guint port;

  if (listeners == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  used = listener_ports (listeners);
  port = cw_link_addition_pick_port (cw_database_get_port (cw_link_plan_get_database (addition->plan)), used);
  if (port == 0)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_CONFLICT,
                               _("The link’s load balancer has no free port left."));
      return;
    }
  g_task_return_pointer (task, cw_link_addition_journal_new (addition->link, addition->plan, addition->security_group,
                                                             port),
                         g_object_unref);
}

static void
addition_balancer_described (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Addition *addition = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) balancers = cw_elbv2_describe_load_balancers_finish (CW_AWS_CLIENT (source), result, &error);
  GCancellable *cancellable;
  CwElbLoadBalancer *balancer;

  if (balancers == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  balancer = balancers->len > 0 ? g_ptr_array_index (balancers, 0) : NULL;
  if (balancer == NULL || g_strcmp0 (balancer->state, "active") != 0)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("The link’s load balancer is not active: wait for it, or repair the link first."));
      return;
    }
  addition->security_group = g_strdup (balancer->security_groups ? balancer->security_groups[0] : NULL);
  /* The order in which arguments are evaluated is unspecified: the cancellable first. */
  cancellable = g_task_get_cancellable (task);
  cw_elbv2_describe_listeners_async (addition->aws, balancer->load_balancer_arn, NULL, CW_AWS_CALL_DEFAULT,
                                     cancellable, addition_listeners_described, g_steal_pointer (&task));
}

/* The journal of @plan's database added to @link, its listener port chosen from what
 * the load balancer listens on now, its group the load balancer's. */
void
cw_link_addition_new_async (CwClouds            *clouds,
                            CwLink              *link,
                            CwLinkPlan          *plan,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Addition *addition = g_new0 (Addition, 1);
  const char *arns[] = { cw_link_get (link, CW_LINK_LOAD_BALANCER_ARN), NULL };
  g_autofree char *why = NULL;

  g_task_set_source_tag (task, cw_link_addition_new_async);
  addition->link = g_object_ref (link);
  addition->plan = g_object_ref (plan);
  addition->aws = g_object_ref (cw_clouds_get_aws (clouds, cw_link_get (link, CW_LINK_REGION)));
  g_task_set_task_data (task, addition, (GDestroyNotify) addition_free);
  if (cw_link_plan_get_database (plan) == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, _("No database is chosen."));
      return;
    }
  if (!cw_link_can_add_database (link, cw_link_plan_get_database (plan), &why))
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT, "%s", why);
      return;
    }
  cw_elbv2_describe_load_balancers_async (addition->aws, arns, NULL, CW_AWS_CALL_DEFAULT, cancellable,
                                          addition_balancer_described, g_steal_pointer (&task));
}

CwJournal *
cw_link_addition_new_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- removing ---- */

static gboolean
is_of_link (CwJournal  *journal,
            const char *link_id)
{
  return cw_journal_is_added_to (journal, link_id, NULL) ||
         (cw_journal_get_state (journal) != CW_JOURNAL_DELETED &&
          g_strcmp0 (cw_journal_get_link_id (journal), link_id) == 0);
}

/* The load balancer's way out to a database, as cw_link_egress_permissions() makes it. */
static char *
egress_destination (CwJournal *journal)
{
  const char *group = cw_journal_get_spec (journal, CW_SPEC_DATABASE_SECURITY_GROUP);

  return g_strdup_printf ("%u %s", cw_journal_get_spec_uint (journal, CW_SPEC_DATABASE_PORT),
                          group ? group : cw_journal_get_spec (journal, CW_SPEC_DATABASE_IP));
}

/* Rules another database of the link needs as well stay when this one goes: the same
 * port into the same group, the same way out. What this machine's journals know. */
static void
keep_shared_rules (CwJournal *removal,
                   GPtrArray *journals,
                   const char *link_id)
{
  g_autofree char *egress = egress_destination (removal);
  const char *group = cw_journal_get_spec (removal, CW_SPEC_DATABASE_SECURITY_GROUP);
  guint port = cw_journal_get_spec_uint (removal, CW_SPEC_DATABASE_PORT);

  for (guint i = 0; i < journals->len; i++)
    {
      CwJournal *other = g_ptr_array_index (journals, i);
      g_autofree char *other_egress = NULL;

      if (!is_of_link (other, link_id) ||
          g_strcmp0 (cw_journal_get_link_id (other), cw_journal_get_link_id (removal)) == 0)
        continue;
      other_egress = egress_destination (other);
      if (g_str_equal (egress, other_egress))
        cw_journal_set_spec (removal, CW_SPEC_KEEP_EGRESS, "true");
      if (group != NULL && cw_journal_get_spec_uint (other, CW_SPEC_DATABASE_PORT) == port &&
          g_strcmp0 (cw_journal_get_spec (other, CW_SPEC_DATABASE_SECURITY_GROUP), group) == 0)
        cw_journal_set_spec (removal, CW_SPEC_KEEP_DATABASE_RULE, "true");
    }
}

typedef struct {
  CwLink      *link;
  char        *database_id;
  CwLink      *database;     /* the added database as the clouds show it, or NULL */
  CwAwsClient *aws;
  GPtrArray   *journals;
  char        *security_group;
} Removal;

static void
removal_free (Removal *removal)
{
  g_clear_object (&removal->link);
  g_free (removal->database_id);
  g_clear_object (&removal->database);
  g_clear_object (&removal->aws);
  g_clear_pointer (&removal->journals, g_ptr_array_unref);
  g_free (removal->security_group);
  g_free (removal);
}

static void
set_created (CwJournal  *journal,
             const char *step_id,
             const char *key,
             const char *value)
{
  if (value == NULL)
    return;
  if (key != NULL)
    cw_journal_set_resource (journal, key, value);
  cw_journal_set_creation (journal, step_id, CW_CREATION_DONE);
}

/* A journal for a database another machine added: what the clouds show, each part found
 * by the port the endpoint service's tag names. Its database rule is not known here and
 * stays; its way out of the load balancer's group too. */
static CwJournal *
journal_from_added (Removal   *removal,
                    GPtrArray *listeners)
{
  CwLink *link = removal->link;
  CwLink *database = removal->database;
  g_autofree char *uuid = g_uuid_string_random ();
  CwJournal *journal = cw_journal_new (uuid);
  guint listener_port = cw_link_get_listener_port (database);

  cw_journal_set_spec (journal, CW_SPEC_ADDED_TO, cw_link_get (link, CW_LINK_LINK_ID));
  cw_journal_set_spec (journal, CW_SPEC_CLUSTER_ID, cw_link_get (link, CW_LINK_CLUSTER_ID));
  cw_journal_set_spec (journal, CW_SPEC_REGION, cw_link_get (link, CW_LINK_REGION));
  cw_journal_set_spec (journal, CW_SPEC_DATABASE_ID, cw_link_get (database, CW_LINK_DATABASE_ID));
  cw_journal_set_spec (journal, CW_SPEC_DISPLAY_NAME, cw_link_get (link, CW_LINK_DISPLAY_NAME));
  cw_journal_set_spec (journal, CW_SPEC_VPC_ID, cw_link_get (link, CW_LINK_VPC_ID));
  cw_journal_set_spec (journal, CW_SPEC_LOAD_BALANCER_NAME, cw_link_get (link, CW_LINK_LOAD_BALANCER_NAME));
  cw_journal_set_spec (journal, CW_SPEC_TARGET_GROUP_NAME, cw_link_get (database, CW_LINK_TARGET_GROUP_NAME));
  cw_journal_set_spec_uint (journal, CW_SPEC_DATABASE_PORT, cw_link_get_port (database));
  cw_journal_set_spec_uint (journal, CW_SPEC_LISTENER_PORT, listener_port);
  cw_journal_set_spec (journal, CW_SPEC_NLB_SECURITY_GROUP, removal->security_group);
  cw_journal_set_resource (journal, CW_RES_LOAD_BALANCER_ARN, cw_link_get (link, CW_LINK_LOAD_BALANCER_ARN));
  cw_journal_set_resource (journal, CW_RES_ENDPOINT_SERVICE_ID, cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID));
  set_created (journal, CW_STEP_SERVICE_TAG, NULL, cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID));
  set_created (journal, CW_STEP_TG, CW_RES_TARGET_GROUP_ARN, cw_link_get (database, CW_LINK_TARGET_GROUP_ARN));
  set_created (journal, CW_STEP_NLB_RULES, CW_RES_NLB_SECURITY_GROUP_ID, removal->security_group);
  for (guint i = 0; i < listeners->len; i++)
    {
      CwElbListener *listener = g_ptr_array_index (listeners, i);

      if ((guint) listener->port == listener_port)
        set_created (journal, CW_STEP_LISTENER, CW_RES_LISTENER_ARN, listener->listener_arn);
    }
  cw_journal_set_state (journal, CW_JOURNAL_CREATED);
  return journal;
}

static void
removal_listeners_described (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Removal *removal = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listeners = cw_elbv2_describe_listeners_finish (CW_AWS_CLIENT (source), result, &error);

  if (listeners == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, journal_from_added (removal, listeners), g_object_unref);
}

static void
removal_balancer_described (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Removal *removal = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) balancers = cw_elbv2_describe_load_balancers_finish (CW_AWS_CLIENT (source), result, &error);
  CwElbLoadBalancer *balancer = balancers && balancers->len > 0 ? g_ptr_array_index (balancers, 0) : NULL;
  GCancellable *cancellable;

  if (balancers == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  removal->security_group = g_strdup (balancer && balancer->security_groups ? balancer->security_groups[0] : NULL);
  cancellable = g_task_get_cancellable (task);
  cw_elbv2_describe_listeners_async (removal->aws, cw_link_get (removal->link, CW_LINK_LOAD_BALANCER_ARN), NULL,
                                     CW_AWS_CALL_DEFAULT, cancellable, removal_listeners_described,
                                     g_steal_pointer (&task));
}

/* Among @journals, the one of @database_id added to link @link_id, or NULL. */
CwJournal *
cw_link_find_added_journal (GPtrArray  *journals,
                    const char *link_id,
                    const char *database_id)
{
  for (guint i = 0; i < journals->len; i++)
    {
      CwJournal *journal = g_ptr_array_index (journals, i);

      if (cw_journal_is_added_to (journal, link_id, database_id))
        return journal;
    }
  return NULL;
}

static void
removal_journals_listed (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Removal *removal = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *link_id = cw_link_get (removal->link, CW_LINK_LINK_ID);
  const char *database_id = removal->database_id;
  const char *arns[] = { cw_link_get (removal->link, CW_LINK_LOAD_BALANCER_ARN), NULL };
  GCancellable *cancellable;
  CwJournal *journal;

  removal->journals = cw_journal_list_finish (result, &error);
  if (removal->journals == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  journal = cw_link_find_added_journal (removal->journals, link_id, database_id);
  if (journal != NULL)
    {
      keep_shared_rules (journal, removal->journals, link_id);
      g_task_return_pointer (task, g_object_ref (journal), g_object_unref);
      return;
    }
  if (removal->database == NULL || arns[0] == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("No database %s was added to link %s."), database_id, cw_link_get_id (removal->link));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  cw_elbv2_describe_load_balancers_async (removal->aws, arns, NULL, CW_AWS_CALL_DEFAULT, cancellable,
                                          removal_balancer_described, g_steal_pointer (&task));
}

/* The journal whose teardown removes @database_id from @link: the one of the run that
 * added it, else one made from what the clouds show. The link's own database is not
 * removed this way: deleting the link removes it. */
void
cw_link_removal_new_async (CwClouds            *clouds,
                           CwLink              *link,
                           const char          *database_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Removal *removal = g_new0 (Removal, 1);
  CwLink *database = cw_link_find_database (link, database_id);

  g_task_set_source_tag (task, cw_link_removal_new_async);
  removal->link = g_object_ref (link);
  removal->database_id = g_strdup (database_id);
  removal->database = database && database != link ? g_object_ref (database) : NULL;
  removal->aws = g_object_ref (cw_clouds_get_aws (clouds, cw_link_get (link, CW_LINK_REGION)));
  g_task_set_task_data (task, removal, (GDestroyNotify) removal_free);
  if (database == link)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("%s is the link’s own database: delete the link to remove it."), database_id);
      return;
    }
  cw_journal_list_async (cancellable, removal_journals_listed, g_steal_pointer (&task));
}

CwJournal *
cw_link_removal_new_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- removing them all, before the link goes ---- */

typedef struct {
  CwClouds      *clouds;
  CwLink        *link;         /* or NULL: only this machine's journals are known */
  char          *link_id;
  GPtrArray     *removals;     /* CwJournal, each a database's to remove */
  guint          next;
  CwProvisioner *provisioner;
} RemoveAll;

static void
remove_all_free (RemoveAll *all)
{
  g_clear_object (&all->clouds);
  g_clear_object (&all->link);
  g_free (all->link_id);
  g_clear_pointer (&all->removals, g_ptr_array_unref);
  g_clear_object (&all->provisioner);
  g_free (all);
}

static void remove_next (GTask *task);

static void
database_removed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_provisioner_delete_finish (CW_PROVISIONER (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    remove_next (g_steal_pointer (&task));
}

static void
remove_next (GTask *task)
{
  RemoveAll *all = g_task_get_task_data (task);
  CwJournal *journal;

  if (all->next == all->removals->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  journal = g_ptr_array_index (all->removals, all->next++);
  g_clear_object (&all->provisioner);
  all->provisioner = cw_provisioner_new (all->clouds, journal);
  cw_provisioner_delete_async (all->provisioner, g_task_get_cancellable (task), database_removed, task);
}

static gboolean
has_removal (GPtrArray  *removals,
             const char *database_id)
{
  for (guint i = 0; i < removals->len; i++)
    if (g_strcmp0 (cw_journal_get_spec (g_ptr_array_index (removals, i), CW_SPEC_DATABASE_ID), database_id) == 0)
      return TRUE;
  return FALSE;
}

static void gather_next (GTask *task);

static void
removal_made (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RemoveAll *all = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CwJournal *journal = cw_link_removal_new_finish (result, &error);

  if (journal == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_add (all->removals, journal);
  gather_next (g_steal_pointer (&task));
}

/* The databases the clouds show on the link that this machine has no journal of. */
static void
gather_next (GTask *task)
{
  RemoveAll *all = g_task_get_task_data (task);
  GPtrArray *added = all->link ? cw_link_get_added_databases (all->link) : NULL;

  for (guint i = 0; added && i < added->len; i++)
    {
      const char *database_id = cw_link_get (g_ptr_array_index (added, i), CW_LINK_DATABASE_ID);

      if (!has_removal (all->removals, database_id))
        {
          cw_link_removal_new_async (all->clouds, all->link, database_id, g_task_get_cancellable (task), removal_made,
                                     task);
          return;
        }
    }
  remove_next (task);
}

static void
added_journals_listed (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RemoveAll *all = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) journals = cw_journal_list_finish (result, &error);

  if (journals == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < journals->len; i++)
    {
      CwJournal *journal = g_ptr_array_index (journals, i);

      if (cw_journal_is_added_to (journal, all->link_id, NULL))
        g_ptr_array_add (all->removals, g_object_ref (journal));
    }
  gather_next (g_steal_pointer (&task));
}

/* Removes every database added to link @link_id, as this machine's journals and @link
 * (what the clouds show, or NULL) know them: deleting the link comes after, or the
 * load balancer's group would still be named by their rules. */
void
cw_link_remove_added_databases_async (CwClouds            *clouds,
                                      CwLink              *link,
                                      const char          *link_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  RemoveAll *all = g_new0 (RemoveAll, 1);

  g_task_set_source_tag (task, cw_link_remove_added_databases_async);
  all->clouds = g_object_ref (clouds);
  all->link = link ? g_object_ref (link) : NULL;
  all->link_id = g_strdup (link_id);
  all->removals = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, all, (GDestroyNotify) remove_all_free);
  cw_journal_list_async (cancellable, added_journals_listed, task);
}

gboolean
cw_link_remove_added_databases_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
