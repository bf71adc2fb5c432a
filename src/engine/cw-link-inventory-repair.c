/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-inventory-repair.c: what can be done to the links of the inventory (DESIGN.md
 * §4.3): accept TiDB Cloud's endpoint, re-sync the target after the database moved, and
 * the journal a teardown works from */
#define G_LOG_DOMAIN "cw-link-inventory"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"
#include "cw-ec2.h"
#include "cw-elbv2.h"
#include "cw-engine-error.h"
#include "cw-link-addition.h"
#include "cw-link-inventory-private.h"
#include "cw-plan-loaders.h"
#include "cw-provisioner.h"

/* ---- accepting ---- */

typedef struct {
  char *service_id;
  char *endpoint_id;
} Accept;

static void
accept_free (Accept *accept)
{
  g_free (accept->service_id);
  g_free (accept->endpoint_id);
  g_free (accept);
}

static void
connection_accepted (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!cw_ec2_accept_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
connections_to_accept (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Accept *accept = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) connections = cw_ec2_describe_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source),
                                                                                      result, &error);
  const char *endpoint_ids[] = { accept->endpoint_id, NULL };

  if (connections == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < connections->len; i++)
    {
      CwEc2VpcEndpointConnection *connection = g_ptr_array_index (connections, i);

      if (g_strcmp0 (connection->vpc_endpoint_id, accept->endpoint_id) != 0)
        continue;
      if (g_strcmp0 (connection->vpc_endpoint_state, "available") == 0)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      if (g_strcmp0 (connection->vpc_endpoint_state, "pendingAcceptance") == 0)
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          cw_ec2_accept_vpc_endpoint_connections_async (CW_AWS_CLIENT (source), accept->service_id, endpoint_ids,
                                                        CW_AWS_CALL_DEFAULT, cancellable, connection_accepted,
                                                        g_steal_pointer (&task));
          return;
        }
    }
  g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                           _("No connection request of TiDB Cloud’s endpoint %s waits on the endpoint service."),
                           accept->endpoint_id);
}

/* Accepts the connection request of the link's own TiDB Cloud endpoint, and no other. */
void
cw_link_inventory_accept_async (CwLinkInventory     *self,
                                CwLink              *link,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Accept *accept = g_new0 (Accept, 1);
  const char *service_ids[] = { cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID), NULL };
  CwAwsFilter filters[] = { { "service-id", service_ids }, { NULL } };

  g_task_set_source_tag (task, cw_link_inventory_accept_async);
  accept->service_id = g_strdup (service_ids[0]);
  accept->endpoint_id = g_strdup (cw_link_get (link, CW_LINK_ENDPOINT_ID));
  g_task_set_task_data (task, accept, (GDestroyNotify) accept_free);
  if (accept->service_id == NULL || accept->endpoint_id == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("The link has no endpoint of TiDB Cloud to accept yet."));
      g_object_unref (task);
      return;
    }
  cw_ec2_describe_vpc_endpoint_connections_async (cw_clouds_get_aws (cw_link_inventory_get_clouds (self), cw_link_get (link, CW_LINK_REGION)),
                                                  filters, CW_AWS_CALL_DEFAULT, cancellable, connections_to_accept,
                                                  task);
}

gboolean
cw_link_inventory_accept_finish (CwLinkInventory  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- re-syncing ---- */

typedef struct {
  CwAwsClient *client;
  CwLink      *link;
  char        *database_id;
  CwDatabase  *database;
  char        *ip;
  GPtrArray   *stale;     /* char *: registered addresses other than the database's */
  char        *group_id;  /* the load balancer's own group, when its way out is an address */
  char        *old_ip;
  CwJournal   *journal;   /* of a link Causeway made, NULL for one made by hand */
} Resync;

static void
resync_free (Resync *resync)
{
  g_clear_object (&resync->client);
  g_clear_object (&resync->link);
  g_free (resync->database_id);
  g_clear_object (&resync->database);
  g_free (resync->ip);
  g_clear_pointer (&resync->stale, g_ptr_array_unref);
  g_free (resync->group_id);
  g_free (resync->old_ip);
  g_clear_object (&resync->journal);
  g_free (resync);
}

static void
resync_return (GTask *task)
{
  Resync *resync = g_task_get_task_data (task);

  g_task_return_pointer (task, g_strdup (resync->ip), g_free);
  g_object_unref (task);
}

/* The link is re-synced whether or not its journal could be written: it only misses
 * the address, which the next look at the link finds again. */
static void
journal_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cw_journal_save_finish (CW_JOURNAL (source), result, &error))
    g_warning ("%s", error->message);
  resync_return (user_data);
}

/* The journal of a link Causeway made remembers the new address before the re-sync
 * answers, so that a command which exits then leaves it written. */
static void
resync_done (GTask *task)
{
  Resync *resync = g_task_get_task_data (task);

  if (resync->journal == NULL)
    {
      resync_return (task);
      return;
    }
  cw_journal_set_spec (resync->journal, CW_SPEC_DATABASE_IP, resync->ip);
  cw_journal_set_resource (resync->journal, CW_RES_REGISTERED_IP, resync->ip);
  cw_journal_save_async (resync->journal, g_task_get_cancellable (task), journal_saved, task);
}

static void
old_address_closed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!cw_ec2_revoke_security_group_egress_finish (CW_AWS_CLIENT (source), result, &error) &&
      g_strcmp0 (cw_aws_error_get_code (error), "InvalidPermission.NotFound") != 0)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_clear_error (&error);
  resync_done (task);
}

static void
new_address_opened (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Resync *resync = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) rules = cw_ec2_authorize_security_group_egress_finish (CW_AWS_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) old = cw_link_egress_permissions (cw_link_get_port (resync->link), NULL, resync->old_ip);

  if (rules == NULL && !g_error_matches (error, CW_AWS_ERROR, CW_AWS_ERROR_DUPLICATE))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_clear_error (&error);
  cw_ec2_revoke_security_group_egress_async (resync->client, resync->group_id, old, NULL, CW_AWS_CALL_DEFAULT,
                                             g_task_get_cancellable (task), old_address_closed, task);
}

/* A link that added no rule to the database's group lets its load balancer out to the
 * database's address alone: that way out moves with the address, the new one first. */
static void
resync_move_egress (GTask *task)
{
  Resync *resync = g_task_get_task_data (task);
  CwJournal *journal = resync->journal;
  g_autoptr(GPtrArray) permissions = NULL;

  /* A database added to a link names the link's group as chosen: its way out is its own. */
  if (journal == NULL ||
      (cw_journal_get_spec (journal, CW_SPEC_NLB_SECURITY_GROUP) != NULL &&
       cw_journal_get_spec (journal, CW_SPEC_ADDED_TO) == NULL) ||
      cw_journal_get_spec (journal, CW_SPEC_DATABASE_SECURITY_GROUP) != NULL ||
      cw_journal_get_resource (journal, CW_RES_NLB_SECURITY_GROUP_ID) == NULL ||
      g_strcmp0 (cw_journal_get_spec (journal, CW_SPEC_DATABASE_IP), resync->ip) == 0)
    {
      resync_done (task);
      return;
    }
  resync->group_id = g_strdup (cw_journal_get_resource (journal, CW_RES_NLB_SECURITY_GROUP_ID));
  resync->old_ip = g_strdup (cw_journal_get_spec (journal, CW_SPEC_DATABASE_IP));
  permissions = cw_link_egress_permissions (cw_link_get_port (resync->link), NULL, resync->ip);
  cw_ec2_authorize_security_group_egress_async (resync->client, resync->group_id, permissions, NULL, CW_AWS_CALL_DEFAULT,
                                                g_task_get_cancellable (task), new_address_opened, task);
}

static void
stale_deregistered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!cw_elbv2_deregister_targets_finish (CW_AWS_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  resync_move_egress (task);
}

static void
deregister_stale (GTask *task)
{
  Resync *resync = g_task_get_task_data (task);
  g_autofree CwElbTarget *targets = g_new0 (CwElbTarget, resync->stale->len + 1);

  if (resync->stale->len == 0)
    {
      resync_move_egress (task);
      return;
    }
  for (guint i = 0; i < resync->stale->len; i++)
    targets[i] = (CwElbTarget) { g_ptr_array_index (resync->stale, i), (int) cw_link_get_port (resync->link), NULL };
  cw_elbv2_deregister_targets_async (resync->client, cw_link_get (resync->link, CW_LINK_TARGET_GROUP_ARN), targets,
                                     CW_AWS_CALL_DEFAULT, g_task_get_cancellable (task), stale_deregistered, task);
}

static void
new_target_registered (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!cw_elbv2_register_targets_finish (CW_AWS_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  deregister_stale (task);
}

/* The new address first, then the old ones go: the link is never without a target. */
static void
targets_described (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Resync *resync = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) healths = cw_elbv2_describe_target_health_finish (CW_AWS_CLIENT (source), result, &error);
  CwElbTarget targets[] = { { resync->ip, (int) cw_link_get_port (resync->link), NULL }, { NULL } };
  gboolean registered = FALSE;

  if (healths == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  resync->stale = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < healths->len; i++)
    {
      CwElbTargetHealth *health = g_ptr_array_index (healths, i);

      if (g_strcmp0 (health->target_id, resync->ip) == 0)
        registered = TRUE;
      else if (g_strcmp0 (health->state, "draining") != 0)
        g_ptr_array_add (resync->stale, g_strdup (health->target_id));
    }
  if (registered)
    {
      deregister_stale (task);
      return;
    }
  cw_elbv2_register_targets_async (resync->client, cw_link_get (resync->link, CW_LINK_TARGET_GROUP_ARN), targets,
                                   CW_AWS_CALL_DEFAULT, g_task_get_cancellable (task), new_target_registered, task);
}

static void
resync_ip_resolved (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Resync *resync = g_task_get_task_data (task);
  GError *error = NULL;

  resync->ip = cw_resolve_private_ip_finish (resync->client, result, &error);
  if (resync->ip == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  cw_elbv2_describe_target_health_async (resync->client, cw_link_get (resync->link, CW_LINK_TARGET_GROUP_ARN), NULL,
                                         CW_AWS_CALL_DEFAULT, g_task_get_cancellable (task), targets_described, task);
}

static void
resync_vpc_described (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  Resync *resync = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) vpcs = cw_ec2_describe_vpcs_finish (resync->client, result, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) cidrs = NULL;

  if (vpcs == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < vpcs->len; i++)
    {
      CwEc2Vpc *vpc = g_ptr_array_index (vpcs, i);

      for (guint j = 0; vpc->cidr_block_associations && j < vpc->cidr_block_associations->len; j++)
        g_strv_builder_add (builder, ((CwEc2CidrBlock *) g_ptr_array_index (vpc->cidr_block_associations, j))->cidr_block);
      if (vpc->cidr_block != NULL)
        g_strv_builder_add (builder, vpc->cidr_block);
    }
  cidrs = g_strv_builder_end (builder);
  cw_resolve_private_ip_async (resync->client, cw_database_get_endpoint (resync->database), (const char * const *) cidrs,
                               g_task_get_cancellable (task), resync_ip_resolved, task);
}

static void
resync_databases_loaded (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  Resync *resync = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GListModel) databases = cw_load_databases_finish (resync->client, result, &error);
  const char *vpc_ids[2] = { NULL, NULL };

  if (databases == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  resync->database = cw_find_database (databases, resync->database_id);
  if (resync->database == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND, _("No database “%s” in %s."),
                               resync->database_id, cw_link_get (resync->link, CW_LINK_REGION));
      g_object_unref (task);
      return;
    }
  vpc_ids[0] = cw_database_get_vpc_id (resync->database);
  cw_ec2_describe_vpcs_async (resync->client, vpc_ids, NULL, CW_AWS_CALL_DEFAULT, g_task_get_cancellable (task),
                              resync_vpc_described, task);
}

/* A link Causeway made whose journal is gone (made on another machine) is re-synced all
 * the same: only its journal is not updated. */
static void
resync_journal_loaded (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  Resync *resync = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  resync->journal = cw_journal_load_for_link_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  cw_load_databases_async (resync->client, g_task_get_cancellable (task), resync_databases_loaded, task);
}

/* A database added to a link has a journal of its own, which names the link. */
static void
resync_journals_listed (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  Resync *resync = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) journals = cw_journal_list_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (journals != NULL)
    g_set_object (&resync->journal, cw_link_find_added_journal (journals, cw_link_get (resync->link, CW_LINK_LINK_ID),
                                                                resync->database_id));
  cw_load_databases_async (resync->client, g_task_get_cancellable (task), resync_databases_loaded, task);
}

/* Registers the database's current private IP and deregisters the old ones; answers
 * the new address. A link made by hand names no database: @database_id does. A database
 * added to a link is re-synced as @link, the one cw_link_find_database() gives. */
void
cw_link_inventory_resync_async (CwLinkInventory     *self,
                                CwLink              *link,
                                const char          *database_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Resync *resync = g_new0 (Resync, 1);

  g_task_set_source_tag (task, cw_link_inventory_resync_async);
  resync->link = g_object_ref (link);
  /* An inferred database is a guess: a re-sync takes it only when told. */
  resync->database_id = g_strdup (database_id ? database_id : cw_link_get_named_database (link));
  g_task_set_task_data (task, resync, (GDestroyNotify) resync_free);
  if (resync->database_id == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("The link does not say which database it reaches: name the database to re-sync to."));
      g_object_unref (task);
      return;
    }
  if (cw_link_get (link, CW_LINK_TARGET_GROUP_ARN) == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("The link has no target group to re-sync."));
      g_object_unref (task);
      return;
    }
  resync->client = g_object_ref (cw_clouds_get_aws (cw_link_inventory_get_clouds (self), cw_link_get (link, CW_LINK_REGION)));
  if (cw_link_get_added (link))
    cw_journal_list_async (cancellable, resync_journals_listed, task);
  else if (cw_link_get_managed (link))
    cw_journal_load_for_link_async (cw_link_get (link, CW_LINK_LINK_ID), cancellable, resync_journal_loaded, task);
  else
    cw_load_databases_async (resync->client, cancellable, resync_databases_loaded, task);
}

char *
cw_link_inventory_resync_finish (CwLinkInventory  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- deleting ---- */

/* A journal for a link this machine has no journal of: what the clouds show, which the
 * teardown checks against the link's tags before deleting anything. */
static CwJournal *
journal_from_link (CwLink *link)
{
  CwJournal *journal = cw_journal_new (cw_link_get (link, CW_LINK_LINK_ID));

  cw_journal_set_spec (journal, CW_SPEC_CLUSTER_ID, cw_link_get (link, CW_LINK_CLUSTER_ID));
  cw_journal_set_spec (journal, CW_SPEC_REGION, cw_link_get (link, CW_LINK_REGION));
  cw_journal_set_spec (journal, CW_SPEC_DATABASE_ID, cw_link_get (link, CW_LINK_DATABASE_ID));
  cw_journal_set_spec (journal, CW_SPEC_DISPLAY_NAME, cw_link_get (link, CW_LINK_DISPLAY_NAME));
  cw_journal_set_spec (journal, CW_SPEC_VPC_ID, cw_link_get (link, CW_LINK_VPC_ID));
  cw_journal_set_spec (journal, CW_SPEC_TARGET_GROUP_NAME, cw_link_get (link, CW_LINK_TARGET_GROUP_NAME));
  cw_journal_set_spec (journal, CW_SPEC_LOAD_BALANCER_NAME, cw_link_get (link, CW_LINK_LOAD_BALANCER_NAME));
  cw_journal_set_spec_uint (journal, CW_SPEC_DATABASE_PORT, cw_link_get_port (link));
  /* The service carries the link's tag, so it and what connects to it are the link's. */
  if (cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID) != NULL)
    {
      cw_journal_set_resource (journal, CW_RES_ENDPOINT_SERVICE_ID, cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID));
      cw_journal_set_resource (journal, CW_RES_ENDPOINT_SERVICE_NAME, cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_NAME));
      cw_journal_set_creation (journal, CW_STEP_ENDPOINT_SERVICE, CW_CREATION_DONE);
      cw_journal_set_resource (journal, CW_RES_PRIVATE_LINK_ID, cw_link_get (link, CW_LINK_PRIVATE_LINK_ID));
      cw_journal_set_creation (journal, CW_STEP_TIDB_LINK, CW_CREATION_DONE);
    }
  cw_journal_set_state (journal, CW_JOURNAL_CREATED);
  return journal;
}

static void
journal_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  CwJournal *journal = cw_journal_load_for_link_finish (result, &error);

  /* A journal that cannot be read is no worse than none: the clouds still show the link. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, journal ? journal : journal_from_link (g_task_get_task_data (task)),
                           g_object_unref);
}

/* What a teardown needs to know of a link: its journal when this machine made it, else
 * what the clouds show. */
void
cw_link_inventory_dup_journal_async (CwLinkInventory     *self,
                                     CwLink              *link,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  const char *link_id = cw_link_get (link, CW_LINK_LINK_ID);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_LINK_INVENTORY (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_link_inventory_dup_journal_async);
  g_task_set_task_data (task, g_object_ref (link), g_object_unref);
  if (link_id == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("“%s” was not made by Causeway: delete it where it was made."),
                               cw_link_get (link, CW_LINK_DISPLAY_NAME));
      return;
    }
  cw_journal_load_for_link_async (link_id, cancellable, journal_loaded, g_steal_pointer (&task));
}

CwJournal *
cw_link_inventory_dup_journal_finish (CwLinkInventory  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
