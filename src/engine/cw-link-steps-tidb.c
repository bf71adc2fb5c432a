/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-steps-tidb.c: the private link connection in TiDB Cloud */
#define G_LOG_DOMAIN "cw-link-steps"

#include "config.h"

#include "cw-link-steps-private.h"

/* ---- tidb_link: the private link connection in TiDB Cloud ---- */

/* The cluster's connections to the link's endpoint service: the service is the link's
 * own, so they are too. */
static GPtrArray *
links_to_service (GListModel *links,
                  const char *service_name,
                  const char *link_id)
{
  GPtrArray *matches = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (links);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwTidbPrivateLink) link = g_list_model_get_item (links, i);

      if ((service_name != NULL && g_strcmp0 (cw_tidb_private_link_get_service_name (link), service_name) == 0) ||
          (link_id != NULL && g_strcmp0 (cw_tidb_private_link_get_link_id (link), link_id) == 0))
        g_ptr_array_add (matches, g_steal_pointer (&link));
    }
  return matches;
}

static void
link_deleted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError *error = NULL;

  if (!cw_tidb_client_delete_private_link_finish (CW_TIDB_CLIENT (source), result, &error) &&
      g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND))
    g_clear_error (&error);
  cw_steps_sequence_item_done (user_data, error);
}

static void
delete_link (Sequence *sequence,
             gpointer  item)
{
  CwStepRun *run = sequence->run;

  if (g_strcmp0 (cw_tidb_private_link_get_state (item), "DELETING") == 0)
    {
      cw_steps_sequence_item_done (sequence, NULL);
      return;
    }
  cw_tidb_client_delete_private_link_async (run->tidb, cluster_id (run), cw_tidb_private_link_get_link_id (item),
                                            run->cancellable, link_deleted, sequence);
}

static void
tidb_link_succeed (CwStepRun *run)
{
  g_autofree char *message = g_strdup_printf (_("Private link connection %s asks to connect to %s."),
                                              resource (run, CW_RES_PRIVATE_LINK_ID),
                                              resource (run, CW_RES_ENDPOINT_SERVICE_NAME));

  cw_step_run_succeed (run, message);
}

/* TiDB Cloud's client sends a create again after a 5xx, which can leave a second
 * connection when the first one was made after all: only one is kept. */
static void
links_settled (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) extra = NULL;
  const char *kept = resource (run, CW_RES_PRIVATE_LINK_ID);

  if (links == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  extra = links_to_service (links, resource (run, CW_RES_ENDPOINT_SERVICE_NAME), NULL);
  for (guint i = extra->len; i > 0; i--)
    if (g_strcmp0 (cw_tidb_private_link_get_link_id (g_ptr_array_index (extra, i - 1)), kept) == 0)
      g_ptr_array_remove_index (extra, i - 1);
  cw_steps_for_each (run, extra, delete_link, tidb_link_succeed);
}

static void
tidb_link_settle (CwStepRun *run)
{
  cw_tidb_client_list_private_links_async (run->tidb, cluster_id (run), NULL, run->cancellable, links_settled, run);
}

static gint compare_create_times (gconstpointer a,
                                  gconstpointer b);

typedef struct {
  CwStepRun *run;
  GError    *error;
} Refusal;

static void
links_listed_after_refusal (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autofree Refusal *refusal = user_data;
  CwStepRun *run = refusal->run;
  g_autoptr(GError) refused = refusal->error;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) existing = NULL;

  if (links == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  existing = links_to_service (links, resource (run, CW_RES_ENDPOINT_SERVICE_NAME), NULL);
  if (existing->len == 0)
    {
      cw_step_run_fail (run, g_steal_pointer (&refused));
      return;
    }
  g_ptr_array_sort (existing, compare_create_times);
  created (run, CW_RES_PRIVATE_LINK_ID, cw_tidb_private_link_get_link_id (g_ptr_array_index (existing, 0)));
  tidb_link_settle (run);
}

static void
tidb_link_created (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwTidbPrivateLink) link = cw_tidb_client_create_private_link_finish (CW_TIDB_CLIENT (source), result, &error);

  /* A refusal may say a connection to the service exists already: an earlier attempt's. */
  if (g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST))
    {
      Refusal *refusal = g_new0 (Refusal, 1);

      refusal->run = run;
      refusal->error = g_steal_pointer (&error);
      cw_tidb_client_list_private_links_async (run->tidb, cluster_id (run), NULL, run->cancellable,
                                               links_listed_after_refusal, refusal);
      return;
    }
  if (link == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_PRIVATE_LINK_ID, cw_tidb_private_link_get_link_id (link));
  tidb_link_settle (run);
}

static gint
compare_create_times (gconstpointer a,
                      gconstpointer b)
{
  GDateTime *x = cw_tidb_private_link_get_create_time (*(CwTidbPrivateLink **) a);
  GDateTime *y = cw_tidb_private_link_get_create_time (*(CwTidbPrivateLink **) b);

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);
  return g_date_time_compare (x, y);
}

static void
tidb_link_send_create (CwStepRun *run)
{
  cw_step_run_progress (run, _("Creating the private link connection in TiDB Cloud…"));
  cw_tidb_client_create_private_link_async (run->tidb, cluster_id (run), spec (run, CW_SPEC_DISPLAY_NAME),
                                            resource (run, CW_RES_ENDPOINT_SERVICE_NAME), spec (run, CW_SPEC_REGION),
                                            run->cancellable, tidb_link_created, run);
}

static void
create_tidb_link (CwStepRun *run)
{
  cw_step_run_attempt (run, tidb_link_send_create);
}

static void
links_listed_for_create (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) existing = NULL;

  if (links == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  existing = links_to_service (links, resource (run, CW_RES_ENDPOINT_SERVICE_NAME), NULL);
  if (existing->len > 0)
    {
      g_ptr_array_sort (existing, compare_create_times);
      created (run, CW_RES_PRIVATE_LINK_ID, cw_tidb_private_link_get_link_id (g_ptr_array_index (existing, 0)));
      tidb_link_settle (run);
      return;
    }
  create_tidb_link (run);
}

void
cw_steps_tidb_link_create (CwStepRun *run)
{
  if (resource (run, CW_RES_PRIVATE_LINK_ID) != NULL)
    {
      tidb_link_succeed (run);
      return;
    }
  if (!owned (run))
    {
      create_tidb_link (run);
      return;
    }
  cw_step_run_progress (run, _("Looking for the private link connection in TiDB Cloud…"));
  cw_tidb_client_list_private_links_async (run->tidb, cluster_id (run), NULL, run->cancellable,
                                           links_listed_for_create, run);
}

static void tidb_link_look_until_gone (CwStepRun *run);

static void
links_listed_for_delete (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) remaining = NULL;
  gboolean deleting_only = TRUE;

  if (links == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  remaining = links_to_service (links, resource (run, CW_RES_ENDPOINT_SERVICE_NAME),
                                owned (run) ? resource (run, CW_RES_PRIVATE_LINK_ID) : NULL);
  if (remaining->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("Deleted the private link connection %s."),
                                                  resource (run, CW_RES_PRIVATE_LINK_ID) ? resource (run, CW_RES_PRIVATE_LINK_ID) : "");

      cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_ID, NULL);
      forget (run, CW_RES_PRIVATE_LINK_ID);
      cw_step_run_succeed (run, message);
      return;
    }
  for (guint i = 0; i < remaining->len; i++)
    if (g_strcmp0 (cw_tidb_private_link_get_state (g_ptr_array_index (remaining, i)), "DELETING") != 0)
      deleting_only = FALSE;
  if (deleting_only)
    cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, _("Waiting for TiDB Cloud to delete the private link connection"),
                      tidb_link_look_until_gone);
  else
    {
      cw_step_run_progress (run, _("Deleting the private link connection in TiDB Cloud…"));
      cw_steps_for_each (run, remaining, delete_link, tidb_link_look_until_gone);
    }
}

static void
tidb_link_look_until_gone (CwStepRun *run)
{
  cw_tidb_client_list_private_links_async (run->tidb, cluster_id (run), NULL, run->cancellable,
                                           links_listed_for_delete, run);
}

static void
tidb_link_service_found (CwStepRun  *run,
                         const char *service_id)
{
  if (service_id == NULL && !(owned (run) && resource (run, CW_RES_PRIVATE_LINK_ID) != NULL))
    {
      forget (run, CW_RES_PRIVATE_LINK_ID);
      cw_step_run_skip (run, _("The link has no private link connection in TiDB Cloud."));
      return;
    }
  tidb_link_look_until_gone (run);
}

static void tidb_link_delete_recorded (CwStepRun *run);

static void
recorded_link_deleted (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_tidb_client_delete_private_link_finish (CW_TIDB_CLIENT (source), result, &error))
    {
      if (!g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND))
        {
          cw_step_run_fail (run, g_steal_pointer (&error));
          return;
        }
      if (run->polls < NOT_FOUND_LOOKS)
        {
          cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, _("Making sure the private link connection is gone"),
                            tidb_link_delete_recorded);
          return;
        }
    }
  tidb_link_look_until_gone (run);
}

static void
tidb_link_delete_recorded (CwStepRun *run)
{
  cw_step_run_progress (run, _("Deleting the private link connection in TiDB Cloud…"));
  cw_tidb_client_delete_private_link_async (run->tidb, cluster_id (run), resource (run, CW_RES_PRIVATE_LINK_ID),
                                            run->cancellable, recorded_link_deleted, run);
}

void
cw_steps_tidb_link_delete (CwStepRun *run)
{
  if (owned (run) && resource (run, CW_RES_PRIVATE_LINK_ID) != NULL)
    tidb_link_delete_recorded (run);
  else if (resource (run, CW_RES_ENDPOINT_SERVICE_NAME) != NULL)
    tidb_link_look_until_gone (run);
  else
    cw_steps_service_find (run, tidb_link_service_found);
}


/* A look at the link's TiDB Cloud connection, and what to do with it. */
typedef struct {
  CwStepRun *run;
  LinkFunc   got;
} LinkLook;

static void
link_got (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree LinkLook *look = user_data;
  CwStepRun *run = look->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwTidbPrivateLink) link = cw_tidb_client_get_private_link_finish (CW_TIDB_CLIENT (source), result, &error);

  /* A connection made a moment ago may not show yet; one that stays unseen is gone. */
  if (g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND) && run->polls < NOT_FOUND_LOOKS)
    {
      cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, _("Waiting for TiDB Cloud to show the private link connection"),
                        cw_step_run_get_function (run));
      return;
    }
  if (link == NULL)
    {
      if (g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND))
        cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                            _("The private link connection %s is gone from TiDB Cloud."),
                                            resource (run, CW_RES_PRIVATE_LINK_ID)));
      else
        cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  if (g_strcmp0 (cw_tidb_private_link_get_state (link), "FAILED") == 0)
    {
      cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                          _("TiDB Cloud could not connect: %s"),
                                          cw_tidb_private_link_get_message (link) ? cw_tidb_private_link_get_message (link)
                                                                                  : _("no reason given")));
      return;
    }
  look->got (run, link);
}

void
cw_steps_get_link (CwStepRun *run,
                   LinkFunc   func)
{
  LinkLook *look = g_new (LinkLook, 1);

  look->run = run;
  look->got = func;
  cw_tidb_client_get_private_link_async (run->tidb, cluster_id (run), resource (run, CW_RES_PRIVATE_LINK_ID),
                                         run->cancellable, link_got, look);
}


/* ---- wait_active ---- */

static void
active_link_state (CwStepRun         *run,
                   CwTidbPrivateLink *link)
{
  if (g_strcmp0 (cw_tidb_private_link_get_state (link), "ACTIVE") == 0)
    cw_step_run_succeed (run, _("The private link connection is active."));
  else
    cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, _("Waiting for the private link connection to become active"),
                      cw_steps_wait_active_create);
}

void
cw_steps_wait_active_create (CwStepRun *run)
{
  cw_steps_get_link (run, active_link_state);
}
