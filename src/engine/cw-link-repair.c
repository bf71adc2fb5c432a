/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-repair.c */
#define G_LOG_DOMAIN "cw-link-repair"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-engine-error.h"
#include "cw-link-repair.h"
#include "cw-plan-loaders.h"

/* ---- re-sync candidates ---- */

/* Whether @link can be re-synced without asking which database it should reach (as a
 * notification's Re-sync does): a drifted link Causeway made, with a target group, that
 * names its database. For a link made by hand the database is a guess of the join; the
 * links view asks. */
gboolean
cw_link_can_resync_unasked (CwLink *link)
{
  g_return_val_if_fail (CW_IS_LINK (link), FALSE);
  return cw_link_get_managed (link) && cw_link_get_status (link) == CW_LINK_DRIFTED &&
         cw_link_get (link, CW_LINK_TARGET_GROUP_ARN) != NULL &&
         cw_link_get (link, CW_LINK_DATABASE_ID) != NULL;
}

/* Whether a re-sync may point @link's target at @database: the load balancer reaches
 * only its own VPC, its listener and target group keep their port, and TiDB Cloud speaks
 * MySQL. When not, @why (if given) says which of the three fails. */
gboolean
cw_link_can_resync_to (CwLink      *link,
                       CwDatabase  *database,
                       char       **why)
{
  const char *id = cw_database_get_id (database);
  g_autofree char *reason = NULL;
  gboolean ok;

  g_return_val_if_fail (CW_IS_LINK (link), FALSE);
  g_return_val_if_fail (CW_IS_DATABASE (database), FALSE);
  if (g_strcmp0 (cw_database_get_vpc_id (database), cw_link_get (link, CW_LINK_VPC_ID)) != 0)
    reason = g_strdup_printf (_("%s is in %s, not in the link’s VPC %s"), id, cw_database_get_vpc_id (database),
                              cw_link_get (link, CW_LINK_VPC_ID));
  else if (cw_database_get_port (database) != cw_link_get_port (link))
    reason = g_strdup_printf (_("%s listens on port %u, not on the link’s port %u"), id,
                              cw_database_get_port (database), cw_link_get_port (link));
  else if (!cw_database_is_mysql_compatible (database))
    reason = g_strdup_printf (_("%s runs %s, which is not MySQL-compatible"), id, cw_database_get_engine (database));
  ok = reason == NULL;
  if (why != NULL)
    *why = g_steal_pointer (&reason);
  return ok;
}

static gboolean
can_take_resync (gpointer item,
                 gpointer user_data)
{
  return cw_link_can_resync_to (user_data, item, NULL);
}

/* The @databases (CwDatabase) that @link can be re-synced to, in their order; NULL, with
 * the rule in @error, when none can. */
GListModel *
cw_link_resync_candidates (CwLink      *link,
                           GListModel  *databases,
                           GError     **error)
{
  g_autoptr(GListStore) candidates = g_list_store_new (CW_TYPE_DATABASE);

  g_return_val_if_fail (CW_IS_LINK (link), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (databases), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (databases); i++)
    {
      g_autoptr(CwDatabase) database = g_list_model_get_item (databases, i);

      if (can_take_resync (database, link))
        g_list_store_append (candidates, database);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (candidates)) > 0)
    return G_LIST_MODEL (g_steal_pointer (&candidates));
  g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
               _("No MySQL-compatible database of %s listens on port %u: there is nothing to re-sync the target to."),
               cw_link_get (link, CW_LINK_VPC_ID), cw_link_get_port (link));
  return NULL;
}

static void
databases_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwLink *link = g_task_get_source_object (task);
  const char *database_id = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) databases = cw_load_databases_finish (CW_AWS_CLIENT (source), result, &error);
  g_autoptr(CwDatabase) database = NULL;
  g_autofree char *why = NULL;

  if (databases == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  database = cw_find_database (databases, database_id);
  if (database == NULL)
    g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND, _("No database “%s” in %s."),
                             database_id, cw_link_get (link, CW_LINK_REGION));
  else if (!cw_link_can_resync_to (link, database, &why))
    g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                             _("Cannot re-sync to %s: a link reaches only a MySQL-compatible database in its own VPC, on "
                               "its port, and %s."), database_id, why);
  else
    g_task_return_boolean (task, TRUE);
}

/* Loads the databases of @link's region and checks that @database_id is one @link can
 * be re-synced to. */
void
cw_link_check_resync_database_async (CwClouds            *clouds,
                                     CwLink              *link,
                                     const char          *database_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_CLOUDS (clouds));
  g_return_if_fail (CW_IS_LINK (link));
  g_return_if_fail (database_id != NULL);
  task = g_task_new (link, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_link_check_resync_database_async);
  g_task_set_task_data (task, g_strdup (database_id), g_free);
  cw_load_databases_async (cw_clouds_get_aws (clouds, cw_link_get (link, CW_LINK_REGION)), cancellable,
                           databases_loaded, g_steal_pointer (&task));
}

gboolean
cw_link_check_resync_database_finish (CwLink        *link,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, link), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- TiDB Cloud's side of a link made by hand ---- */

static void
tidb_side_deleted (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!cw_tidb_client_delete_private_link_finish (CW_TIDB_CLIENT (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Deletes @link's private link connection from TiDB Cloud, and nothing in AWS: a link
 * made outside Causeway carries no tag that would make its AWS side Causeway's to
 * delete. A link Causeway made is taken down whole by the provisioner instead. */
void
cw_link_delete_tidb_side_async (CwClouds            *clouds,
                                CwLink              *link,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_CLOUDS (clouds));
  g_return_if_fail (CW_IS_LINK (link));
  task = g_task_new (link, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_link_delete_tidb_side_async);
  if (cw_link_get_managed (link))
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("Causeway made link %s: delete it whole, with what it made in AWS."),
                               cw_link_get (link, CW_LINK_LINK_ID));
      return;
    }
  cw_tidb_client_delete_private_link_async (cw_clouds_get_tidb (clouds), cw_link_get (link, CW_LINK_CLUSTER_ID),
                                            cw_link_get (link, CW_LINK_PRIVATE_LINK_ID), cancellable,
                                            tidb_side_deleted, g_steal_pointer (&task));
}

gboolean
cw_link_delete_tidb_side_finish (CwLink        *link,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, link), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
