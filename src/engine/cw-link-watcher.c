/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-watcher.c: the watcher's cycles (see cw-link-watcher.h)
 *
 * A cycle: the saved state on the first one; then either a full check (the inventory's
 * refresh) or the cheap signals (TiDB Cloud's lists, DNS) with a target health
 * described per link whose signals changed; then the changes, the repairs, and the
 * state and the timelines written back. */
#define G_LOG_DOMAIN "cw-link-watcher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cw-elbv2.h"
#include "cw-journal.h"
#include "cw-link-inventory.h"
#include "cw-link-join.h"
#include "cw-link-watcher.h"
#include "cw-plan-loaders.h"

/* What the watcher knows of one link. */
typedef struct {
  CwLink   *link;        /* as last checked, cheaply or in full */
  gboolean  recheck;     /* repaired: described again each cycle until healthy */
} Known;

struct _CwLinkWatcher
{
  GObject          parent_instance;
  CwClouds        *clouds;
  CwLinkInventory *inventory;
  CwLinkActivity  *activity;
  char            *state_path;
  GStrv            cluster_ids;
  gboolean         repair;
  guint            full_check_period;
  gboolean         state_loaded;
  gint64           full_check_at;  /* the last full check, in seconds since the epoch; 0: none */
  GHashTable      *known;      /* link id → Known */
  GHashTable      *addresses;  /* database endpoint → the address DNS gave */
  GHashTable      *repaired;   /* link ids repaired in the last cycle */
  gboolean         cycling;
};

G_DEFINE_FINAL_TYPE (CwLinkWatcher, cw_link_watcher, G_TYPE_OBJECT)

enum {
  CYCLE_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
known_free (Known *known)
{
  g_clear_object (&known->link);
  g_free (known);
}

static Known *
known_new (CwLink *link)
{
  Known *known = g_new0 (Known, 1);

  known->link = g_object_ref (link);
  return known;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static guint
requests_so_far (CwLinkWatcher *self)
{
  return cw_clouds_get_aws_request_count (self->clouds) + cw_clouds_get_tidb_request_count (self->clouds);
}

/* ---- the saved state (in a worker thread) ---- */

typedef struct {
  GHashTable *known;
  GHashTable *addresses;
  gint64      full_check_at;
} Saved;

static void
saved_free (Saved *saved)
{
  g_clear_pointer (&saved->known, g_hash_table_unref);
  g_clear_pointer (&saved->addresses, g_hash_table_unref);
  g_free (saved);
}

static Saved *
saved_new (void)
{
  Saved *saved = g_new0 (Saved, 1);

  saved->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) known_free);
  saved->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return saved;
}

static void
read_saved_links (Saved     *saved,
                  JsonArray *links)
{
  for (guint i = 0; links && i < json_array_get_length (links); i++)
    {
      JsonObject *entry = json_array_get_object_element (links, i);
      JsonNode *node = entry ? json_object_get_member (entry, "link") : NULL;
      g_autoptr(CwLink) link = node ? cw_link_new_from_saved (node) : NULL;
      Known *known;

      if (link == NULL || cw_link_get_id (link) == NULL)
        continue;
      known = known_new (link);
      known->recheck = json_object_get_boolean_member_with_default (entry, "recheck", FALSE);
      g_hash_table_replace (saved->known, g_strdup (cw_link_get_id (link)), known);
    }
}

static void
load_state_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Saved *saved = saved_new ();
  JsonObject *root;
  JsonObject *addresses;

  /* No state, or a state that cannot be read, only means a full check first. */
  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("%s", error->message);
      g_task_return_pointer (task, saved, (GDestroyNotify) saved_free);
      return;
    }
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ? json_node_get_object (json_parser_get_root (parser))
                                                                 : NULL;
  if (root != NULL && json_object_get_int_member_with_default (root, "version", 0) == 1)
    {
      saved->full_check_at = json_object_get_int_member_with_default (root, "fullCheckAt", 0);
      read_saved_links (saved, json_object_has_member (root, "links") ? json_object_get_array_member (root, "links")
                                                                       : NULL);
      addresses = json_object_has_member (root, "addresses") ? json_object_get_object_member (root, "addresses")
                                                              : NULL;
      for (GList *l = addresses ? json_object_get_members (addresses) : NULL, *first = l; l; l = l->next)
        {
          g_hash_table_replace (saved->addresses, g_strdup (l->data),
                                g_strdup (json_object_get_string_member (addresses, l->data)));
          if (l->next == NULL)
            g_list_free (first);
        }
    }
  g_task_return_pointer (task, saved, (GDestroyNotify) saved_free);
}

static char *
state_to_text (CwLinkWatcher *self,
               gsize         *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "fullCheckAt");
  json_builder_add_int_value (builder, self->full_check_at);
  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Known *known = value;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "link");
      json_builder_add_value (builder, cw_link_save (known->link));
      json_builder_set_member_name (builder, "recheck");
      json_builder_add_boolean_value (builder, known->recheck);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "addresses");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->addresses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

static void
save_state_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  CwLinkWatcher *self = source;
  GBytes *text = task_data;
  g_autofree char *directory = g_path_get_dirname (self->state_path);
  GError *error = NULL;

  if (g_mkdir_with_parents (directory, 0700) != 0 ||
      !g_file_set_contents_full (self->state_path, g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      if (error == NULL)
        g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Could not create the folder %s."), directory);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* ---- a cycle ---- */

typedef struct {
  GTask      *task;
  gint64      now;
  guint       requests_at_start;
  GHashTable *before;       /* link id → CwLinkStatus + 1, before the cycle */
  GPtrArray  *events;       /* CwLinkEvent */
  GHashTable *tidb_links;   /* TiDB Cloud connection id → CwTidbPrivateLink */
  GHashTable *answers;      /* database endpoint → the address DNS gives now */
  GPtrArray  *rechecks;     /* CwLink: copies of the links to describe again */
  guint       pending;
  GError     *error;
  void      (*then) (GTask *task);
} Cycle;

static void
cycle_free (Cycle *cycle)
{
  g_clear_pointer (&cycle->before, g_hash_table_unref);
  g_clear_pointer (&cycle->events, g_ptr_array_unref);
  g_clear_pointer (&cycle->tidb_links, g_hash_table_unref);
  g_clear_pointer (&cycle->answers, g_hash_table_unref);
  g_clear_pointer (&cycle->rechecks, g_ptr_array_unref);
  g_clear_error (&cycle->error);
  g_free (cycle);
}

static Cycle *
cycle_of (GTask *task)
{
  return g_task_get_task_data (task);
}

static void
cycle_fail (GTask  *task,
            GError *error)
{
  CW_LINK_WATCHER (g_task_get_source_object (task))->cycling = FALSE;
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Requests side by side: each ends here; the last one goes on to cycle->then. */
static void
cycle_part_done (GTask  *task,
                 GError *error)
{
  Cycle *cycle = cycle_of (task);

  if (error != NULL && cycle->error == NULL)
    cycle->error = error;
  else if (error != NULL)
    g_error_free (error);
  if (--cycle->pending > 0)
    return;
  if (cycle->error != NULL)
    {
      cycle_fail (task, g_steal_pointer (&cycle->error));
      return;
    }
  cycle->then (task);
}

static CwLinkStatus
status_before (Cycle      *cycle,
               const char *link_id,
               gboolean   *known)
{
  guint value = GPOINTER_TO_UINT (g_hash_table_lookup (cycle->before, link_id));

  *known = value != 0;
  return value ? (CwLinkStatus) (value - 1) : CW_LINK_HEALTHY;
}

static void
add_event (Cycle       *cycle,
           CwLink      *link,
           const char  *from,
           const char  *what,
           const char  *action,
           CwLinkActor  by)
{
  g_ptr_array_add (cycle->events,
                   cw_link_event_new (cw_link_get_id (link), cw_link_get (link, CW_LINK_DISPLAY_NAME), cycle->now,
                                      from, cw_link_status_to_string (cw_link_get_status (link)), what, action, by));
}

static gboolean
needs_repair (CwLink *link)
{
  return cw_link_get_status (link) == CW_LINK_DRIFTED && cw_link_get (link, CW_LINK_DATABASE_IP) != NULL;
}

/* The first reason: what a change is about. */
static const char *
reason_of (CwLink *link)
{
  const char * const *reasons = cw_link_get_reasons (link);

  if (reasons && reasons[0])
    return reasons[0];
  return cw_link_get_status (link) == CW_LINK_HEALTHY ? _("The link is healthy.")
                                                      : cw_link_status_to_label (cw_link_get_status (link));
}

/* A change of status is an event; so is a link first seen in trouble. A drifted link
 * made by hand is reported as such: the watcher never repairs it. */
static void
note_changes (CwLinkWatcher *self,
              Cycle         *cycle)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CwLink *link = ((Known *) value)->link;
      gboolean seen;
      CwLinkStatus before = status_before (cycle, cw_link_get_id (link), &seen);
      const char *action = CW_WATCH_ACTION_NONE;

      if (seen ? before == cw_link_get_status (link) : cw_link_get_status (link) == CW_LINK_HEALTHY)
        continue;
      if (cw_link_get_status (link) == CW_LINK_DRIFTED && !cw_link_get_managed (link))
        action = CW_WATCH_ACTION_NOT_MANAGED;
      /* A managed link the watcher will repair is told with its repair. */
      else if (needs_repair (link) && self->repair)
        continue;
      add_event (cycle, link, seen ? cw_link_status_to_string (before) : NULL, reason_of (link), action,
                 CW_LINK_ACTOR_NONE);
    }
}

static void finish_cycle (GTask *task);
static void repair_links (GTask *task);

/* ---- the full check: the inventory's refresh ---- */

static void
endpoint_answered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Cycle *cycle = cycle_of (task);
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  const char *host = g_object_get_data (G_OBJECT (result), "cw-host");

  /* An endpoint that does not resolve is a signal too: it is compared as "none". */
  for (GList *l = addresses; l != NULL; l = l->next)
    if (g_inet_address_get_family (l->data) == G_SOCKET_FAMILY_IPV4)
      {
        g_hash_table_replace (cycle->answers, g_strdup (host), g_inet_address_to_string (l->data));
        break;
      }
  g_resolver_free_addresses (addresses);
  cycle_part_done (task, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? g_steal_pointer (&error)
                                                                                  : NULL);
}

typedef struct {
  GTask *task;
  char  *host;
} Lookup;

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Lookup *lookup = user_data;

  g_object_set_data_full (G_OBJECT (result), "cw-host", g_steal_pointer (&lookup->host), g_free);
  endpoint_answered (source, result, lookup->task);
  g_free (lookup);
}

/* Asks DNS for every database endpoint the links reach: no request to the clouds. */
static void
resolve_endpoints (CwLinkWatcher *self,
                   GTask         *task)
{
  Cycle *cycle = cycle_of (task);
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GHashTable) hosts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char *host = cw_link_get (((Known *) value)->link, CW_LINK_DATABASE_ENDPOINT);

      if (host == NULL || !g_hash_table_add (hosts, (gpointer) host))
        continue;
      {
        Lookup *lookup = g_new0 (Lookup, 1);

        lookup->task = g_object_ref (task);
        lookup->host = g_strdup (host);
        cycle->pending++;
        g_resolver_lookup_by_name_async (resolver, host, g_task_get_cancellable (task), lookup_done, lookup);
      }
    }
}

/* What DNS answered this cycle is what the next one compares with. */
static void
remember_answers (CwLinkWatcher *self,
                  Cycle         *cycle)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_remove_all (self->addresses);
  g_hash_table_iter_init (&iter, cycle->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (self->addresses, g_strdup (key), g_strdup (value));
}

static void
full_check_resolved (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  Cycle *cycle = cycle_of (task);

  remember_answers (self, cycle);
  note_changes (self, cycle);
  repair_links (task);
}

static void
inventory_refreshed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  CwLinkWatcher *self = g_task_get_source_object (task);
  Cycle *cycle = cycle_of (task);
  GListModel *links = cw_link_inventory_get_links (CW_LINK_INVENTORY (source));
  GError *error = NULL;

  if (!cw_link_inventory_refresh_finish (CW_LINK_INVENTORY (source), result, &error))
    {
      cycle_fail (task, error);
      return;
    }
  /* The links found replace what was known: one that is gone is no longer watched. */
  {
    g_autoptr(GHashTable) rechecks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    GHashTableIter iter;
    gpointer key;
    gpointer value;

    g_hash_table_iter_init (&iter, self->known);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (((Known *) value)->recheck)
        g_hash_table_add (rechecks, g_strdup (key));
    g_hash_table_remove_all (self->known);
    self->full_check_at = cycle->now;
    for (guint i = 0; i < g_list_model_get_n_items (links); i++)
      {
        g_autoptr(CwLink) link = g_list_model_get_item (links, i);
        Known *known = known_new (link);

        known->recheck = g_hash_table_contains (rechecks, cw_link_get_id (link)) &&
                         cw_link_get_status (link) != CW_LINK_HEALTHY;
        g_hash_table_replace (self->known, g_strdup (cw_link_get_id (link)), known);
      }
  }
  cycle->then = full_check_resolved;
  cycle->pending = 1;
  resolve_endpoints (self, task);
  cycle_part_done (task, NULL);
}

static void
full_check (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);

  cw_link_inventory_refresh_async (self->inventory, (const char * const *) self->cluster_ids,
                                   g_task_get_cancellable (task), inventory_refreshed, task);
}

/* ---- the cheap signals ---- */

static void
tidb_links_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Cycle *cycle = cycle_of (task);
  GError *error = NULL;
  g_autoptr(GListModel) links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);

  for (guint i = 0; links && i < g_list_model_get_n_items (links); i++)
    {
      CwTidbPrivateLink *link = g_list_model_get_item (links, i);

      /* The join skips a connection without an id; so does the comparison. */
      if (cw_tidb_private_link_get_link_id (link) == NULL)
        g_object_unref (link);
      else
        g_hash_table_replace (cycle->tidb_links, g_strdup (cw_tidb_private_link_get_link_id (link)), link);
    }
  cycle_part_done (task, error);
}

static gboolean
address_changed (CwLinkWatcher *self,
                 Cycle         *cycle,
                 CwLink        *link)
{
  const char *host = cw_link_get (link, CW_LINK_DATABASE_ENDPOINT);

  return host != NULL && g_strcmp0 (g_hash_table_lookup (self->addresses, host),
                                    g_hash_table_lookup (cycle->answers, host)) != 0;
}

/* Whether TiDB Cloud's connection of @link says something new. */
static gboolean
tidb_changed (Cycle  *cycle,
              CwLink *link)
{
  CwTidbPrivateLink *tidb = g_hash_table_lookup (cycle->tidb_links, cw_link_get (link, CW_LINK_PRIVATE_LINK_ID));

  return tidb == NULL || g_strcmp0 (cw_tidb_private_link_get_state (tidb), cw_link_get (link, CW_LINK_TIDB_STATE)) != 0 ||
         g_strcmp0 (cw_tidb_private_link_get_message (tidb), cw_link_get (link, CW_LINK_TIDB_MESSAGE)) != 0;
}

static void recheck_links (GTask *task);

/* A connection TiDB Cloud lists that the watcher does not know, or one it knew that is
 * gone, changes the list of links: a full check joins them again. */
static gboolean
links_came_or_went (CwLinkWatcher *self,
                    Cycle         *cycle)
{
  GHashTableIter iter;
  gpointer value;
  guint known_connections = 0;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char *id = cw_link_get (((Known *) value)->link, CW_LINK_PRIVATE_LINK_ID);

      if (id == NULL)
        continue;
      if (!g_hash_table_contains (cycle->tidb_links, id))
        return TRUE;
      known_connections++;
    }
  return known_connections != g_hash_table_size (cycle->tidb_links);
}

static void
signals_compared (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  Cycle *cycle = cycle_of (task);
  GHashTableIter iter;
  gpointer value;

  if (links_came_or_went (self, cycle))
    {
      full_check (task);
      return;
    }
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Known *known = value;
      CwLink *link = known->link;
      CwTidbPrivateLink *tidb;
      g_autoptr(JsonNode) saved = NULL;
      CwLink *copy;

      if (cw_link_get (link, CW_LINK_PRIVATE_LINK_ID) == NULL ||
          !(known->recheck || address_changed (self, cycle, link) || tidb_changed (cycle, link)))
        continue;
      /* A copy: the link the caller may hold keeps what it showed until it is replaced. */
      saved = cw_link_save (link);
      copy = cw_link_new_from_saved (saved);
      tidb = g_hash_table_lookup (cycle->tidb_links, cw_link_get (link, CW_LINK_PRIVATE_LINK_ID));
      cw_link_set (copy, CW_LINK_TIDB_STATE, cw_tidb_private_link_get_state (tidb));
      cw_link_set (copy, CW_LINK_TIDB_MESSAGE, cw_tidb_private_link_get_message (tidb));
      g_ptr_array_add (cycle->rechecks, copy);
    }
  recheck_links (task);
}

static void
cheap_check (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  Cycle *cycle = cycle_of (task);
  g_autoptr(GHashTable) clusters = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; self->cluster_ids && self->cluster_ids[i]; i++)
    g_hash_table_add (clusters, self->cluster_ids[i]);
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (cw_link_get (((Known *) value)->link, CW_LINK_CLUSTER_ID) != NULL)
      g_hash_table_add (clusters, (gpointer) cw_link_get (((Known *) value)->link, CW_LINK_CLUSTER_ID));
  cycle->then = signals_compared;
  cycle->pending = 1;
  g_hash_table_iter_init (&iter, clusters);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      cycle->pending++;
      cw_tidb_client_list_private_links_async (cw_clouds_get_tidb (self->clouds), value, NULL,
                                               g_task_get_cancellable (task), tidb_links_listed, task);
    }
  resolve_endpoints (self, task);
  cycle_part_done (task, NULL);
}

/* ---- describing a changed link again ---- */

typedef struct {
  GTask  *task;
  CwLink *link;
} Recheck;

static void
recheck_free (Recheck *recheck)
{
  g_object_unref (recheck->link);
  g_free (recheck);
}

static void
health_described (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Recheck *recheck = user_data;
  GTask *task = recheck->task;
  GError *error = NULL;
  g_autoptr(GPtrArray) healths = cw_elbv2_describe_target_health_finish (CW_AWS_CLIENT (source), result, &error);

  if (healths != NULL)
    {
      cw_link_join_target (recheck->link, healths, cw_link_get (recheck->link, CW_LINK_DATABASE_IP));
      cw_link_update_status (recheck->link);
    }
  recheck_free (recheck);
  cycle_part_done (task, error);
}

static void
describe_health (Recheck *recheck)
{
  CwLinkWatcher *self = g_task_get_source_object (recheck->task);
  CwLink *link = recheck->link;

  if (cw_link_get (link, CW_LINK_TARGET_GROUP_ARN) == NULL)
    {
      GTask *task = recheck->task;

      cw_link_update_status (link);
      recheck_free (recheck);
      cycle_part_done (task, NULL);
      return;
    }
  cw_elbv2_describe_target_health_async (cw_clouds_get_aws (self->clouds, cw_link_get (link, CW_LINK_REGION)),
                                         cw_link_get (link, CW_LINK_TARGET_GROUP_ARN), NULL, CW_AWS_CALL_DEFAULT,
                                         g_task_get_cancellable (recheck->task), health_described, recheck);
}

static void
private_ip_resolved (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Recheck *recheck = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *ip = cw_resolve_private_ip_finish (CW_AWS_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GTask *task = recheck->task;

      recheck_free (recheck);
      cycle_part_done (task, g_steal_pointer (&error));
      return;
    }
  /* As in a full check, an address that cannot be found is a gap, not a failure. */
  cw_link_set (recheck->link, CW_LINK_DATABASE_IP, ip);
  describe_health (recheck);
}

/* The database's private IP now: the DNS answer when it is a private address, else
 * (a publicly accessible database) the private IP behind the public one. */
static void
find_database_ip (Recheck *recheck)
{
  CwLinkWatcher *self = g_task_get_source_object (recheck->task);
  Cycle *cycle = cycle_of (recheck->task);
  const char *host = cw_link_get (recheck->link, CW_LINK_DATABASE_ENDPOINT);
  const char *answer = host ? g_hash_table_lookup (cycle->answers, host) : NULL;
  g_autoptr(GInetAddress) address = answer ? g_inet_address_new_from_string (answer) : NULL;

  if (host == NULL || address == NULL || g_inet_address_get_is_site_local (address))
    {
      if (address != NULL)
        cw_link_set (recheck->link, CW_LINK_DATABASE_IP, answer);
      describe_health (recheck);
      return;
    }
  cw_resolve_private_ip_async (cw_clouds_get_aws (self->clouds, cw_link_get (recheck->link, CW_LINK_REGION)), host,
                               NULL, g_task_get_cancellable (recheck->task), private_ip_resolved, recheck);
}

static void
rechecks_done (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  Cycle *cycle = cycle_of (task);

  for (guint i = 0; i < cycle->rechecks->len; i++)
    {
      CwLink *link = g_ptr_array_index (cycle->rechecks, i);
      Known *known = g_hash_table_lookup (self->known, cw_link_get_id (link));

      g_set_object (&known->link, link);
      known->recheck = known->recheck && cw_link_get_status (link) != CW_LINK_HEALTHY;
    }
  remember_answers (self, cycle);
  note_changes (self, cycle);
  repair_links (task);
}

static void
recheck_links (GTask *task)
{
  Cycle *cycle = cycle_of (task);

  cycle->then = rechecks_done;
  cycle->pending = 1;
  for (guint i = 0; i < cycle->rechecks->len; i++)
    {
      Recheck *recheck = g_new0 (Recheck, 1);

      recheck->task = task;
      recheck->link = g_object_ref (g_ptr_array_index (cycle->rechecks, i));
      cycle->pending++;
      find_database_ip (recheck);
    }
  cycle_part_done (task, NULL);
}

/* ---- repairing ---- */

typedef struct {
  GTask  *task;
  Known  *known;
  char   *moved_to;
} Repair;

static void
repair_health_described (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Repair *repair = user_data;
  GTask *task = repair->task;
  g_autoptr(GPtrArray) healths = cw_elbv2_describe_target_health_finish (CW_AWS_CLIENT (source), result, NULL);
  g_autoptr(GDateTime) time = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (time, "%H:%M");
  g_autofree char *what = NULL;
  CwLink *link = repair->known->link;

  /* The new target's health is initial at first: the next cycles look again. */
  if (healths != NULL)
    cw_link_join_target (link, healths, repair->moved_to);
  else
    cw_link_set (link, CW_LINK_REGISTERED_IP, repair->moved_to);
  cw_link_update_status (link);
  repair->known->recheck = cw_link_get_status (link) != CW_LINK_HEALTHY;
  g_hash_table_add (CW_LINK_WATCHER (g_task_get_source_object (task))->repaired, g_strdup (cw_link_get_id (link)));
  what = g_strdup_printf (_("%s moved to %s; the link was re-synced at %s."),
                          cw_link_get (link, CW_LINK_DATABASE_ID), repair->moved_to, clock);
  add_event (cycle_of (task), link, cw_link_status_to_string (CW_LINK_DRIFTED), what, CW_WATCH_ACTION_RESYNCED,
             CW_LINK_ACTOR_AUTOMATIC_REPAIR);
  g_free (repair->moved_to);
  g_free (repair);
  cycle_part_done (task, NULL);
}

static void
resynced (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Repair *repair = user_data;
  GTask *task = repair->task;
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwLink *link = repair->known->link;
  g_autoptr(GError) error = NULL;

  repair->moved_to = cw_link_inventory_resync_finish (CW_LINK_INVENTORY (source), result, &error);
  if (repair->moved_to == NULL)
    {
      /* A repair that failed leaves the link drifted: it is told, and tried again at
       * the next cycle. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_event (cycle_of (task), link, cw_link_status_to_string (CW_LINK_DRIFTED), error->message,
                   CW_WATCH_ACTION_RESYNC_FAILED, CW_LINK_ACTOR_AUTOMATIC_REPAIR);
      g_free (repair);
      cycle_part_done (task, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? g_steal_pointer (&error)
                                                                                      : NULL);
      return;
    }
  cw_link_set (link, CW_LINK_DATABASE_IP, repair->moved_to);
  cw_elbv2_describe_target_health_async (cw_clouds_get_aws (self->clouds, cw_link_get (link, CW_LINK_REGION)),
                                         cw_link_get (link, CW_LINK_TARGET_GROUP_ARN), NULL, CW_AWS_CALL_DEFAULT,
                                         g_task_get_cancellable (task), repair_health_described, repair);
}

/* Re-syncs every drifted link Causeway made (the re-sync of the links view, which
 * registers the new address and deregisters the old; it deletes nothing else). */
static void
repair_links (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  Cycle *cycle = cycle_of (task);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_remove_all (self->repaired);
  cycle->then = finish_cycle;
  cycle->pending = 1;
  g_hash_table_iter_init (&iter, self->known);
  while (self->repair && g_hash_table_iter_next (&iter, NULL, &value))
    {
      Known *known = value;
      Repair *repair;

      if (!needs_repair (known->link) || !cw_link_get_managed (known->link))
        continue;
      repair = g_new0 (Repair, 1);
      repair->task = task;
      repair->known = known;
      cycle->pending++;
      cw_link_inventory_resync_async (self->inventory, known->link, NULL, g_task_get_cancellable (task), resynced,
                                      repair);
    }
  cycle_part_done (task, NULL);
}

/* ---- the end of a cycle: the state and the timelines written ---- */

static void
cycle_written (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (CW_IS_LINK_ACTIVITY (source))
    cw_link_activity_append_finish (CW_LINK_ACTIVITY (source), result, &error);
  else
    g_task_propagate_boolean (G_TASK (result), &error);
  /* The cycle saw and did what it says even if it could not write it down. */
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }
  cycle_part_done (task, error);
}

static void
cycle_returned (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  Cycle *cycle = cycle_of (task);
  guint requests = requests_so_far (self) - cycle->requests_at_start;

  self->cycling = FALSE;
  g_signal_emit (self, signals[CYCLE_FINISHED], 0, cycle->events, requests);
  g_task_return_pointer (task, g_ptr_array_ref (cycle->events), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
finish_cycle (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  Cycle *cycle = cycle_of (task);
  g_autoptr(GTask) save = g_task_new (self, g_task_get_cancellable (task), cycle_written, task);
  gsize length = 0;
  char *text = state_to_text (self, &length);

  cycle->then = cycle_returned;
  cycle->pending = 2;
  g_task_set_task_data (save, g_bytes_new_take (text, length), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (save, save_state_in_thread);
  if (cycle->events->len > 0)
    cw_link_activity_append_async (self->activity, cycle->events, g_task_get_cancellable (task), cycle_written, task);
  else
    cycle->pending--;
}

/* A full check answers for every link at once: they are all as old as the last one. */
static gboolean
needs_full_check (CwLinkWatcher *self,
                  gint64         now)
{
  return self->full_check_at == 0 || now - self->full_check_at >= (gint64) self->full_check_period ||
         now < self->full_check_at;
}

static void
start_cycle (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  Cycle *cycle = cycle_of (task);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (cycle->before, g_strdup (key),
                          GUINT_TO_POINTER (cw_link_get_status (((Known *) value)->link) + 1));
  if (needs_full_check (self, cycle->now))
    full_check (task);
  else
    cheap_check (task);
}

static void
state_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  CwLinkWatcher *self = CW_LINK_WATCHER (source);
  Saved *saved = g_task_propagate_pointer (G_TASK (result), NULL);

  if (!self->state_loaded && saved != NULL)
    {
      g_hash_table_unref (self->known);
      self->known = g_steal_pointer (&saved->known);
      g_hash_table_unref (self->addresses);
      self->addresses = g_steal_pointer (&saved->addresses);
      self->full_check_at = saved->full_check_at;
    }
  g_clear_pointer (&saved, saved_free);
  self->state_loaded = TRUE;
  start_cycle (task);
}

/* One cycle: answers the changes seen and made (a GPtrArray of CwLinkEvent) and the
 * requests it took. One cycle runs at a time. */
void
cw_link_watcher_run_cycle_async (CwLinkWatcher       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Cycle *cycle = g_new0 (Cycle, 1);

  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  g_task_set_source_tag (task, cw_link_watcher_run_cycle_async);
  cycle->task = task;
  cycle->now = now_seconds ();
  cycle->requests_at_start = requests_so_far (self);
  cycle->before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cycle->events = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_link_event_free);
  cycle->tidb_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  cycle->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cycle->rechecks = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, cycle, (GDestroyNotify) cycle_free);
  if (self->cycling)
    {
      cycle_fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BUSY, _("A watch cycle is already running.")));
      return;
    }
  self->cycling = TRUE;
  if (!self->state_loaded)
    {
      g_autoptr(GTask) load = g_task_new (self, cancellable, state_loaded, task);

      g_task_set_task_data (load, g_strdup (self->state_path), g_free);
      g_task_run_in_thread (load, load_state_in_thread);
      return;
    }
  start_cycle (task);
}

GPtrArray *
cw_link_watcher_run_cycle_finish (CwLinkWatcher  *self,
                                  GAsyncResult   *result,
                                  guint          *requests,
                                  GError        **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if (requests != NULL)
    *requests = requests_so_far (self) - cycle_of (task)->requests_at_start;
  return g_task_propagate_pointer (task, error);
}

/* ---- GObject ---- */

static void
cw_link_watcher_finalize (GObject *object)
{
  CwLinkWatcher *self = CW_LINK_WATCHER (object);

  g_clear_object (&self->clouds);
  g_clear_object (&self->inventory);
  g_clear_object (&self->activity);
  g_free (self->state_path);
  g_strfreev (self->cluster_ids);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->addresses, g_hash_table_unref);
  g_clear_pointer (&self->repaired, g_hash_table_unref);
  G_OBJECT_CLASS (cw_link_watcher_parent_class)->finalize (object);
}

static void
cw_link_watcher_class_init (CwLinkWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_link_watcher_finalize;

  /* Each cycle's changes (a GPtrArray of CwLinkEvent) and the requests it took. */
  signals[CYCLE_FINISHED] = g_signal_new ("cycle-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_UINT);
}

static void
cw_link_watcher_init (CwLinkWatcher *self)
{
  self->full_check_period = CW_LINK_WATCHER_DEFAULT_FULL_CHECK_PERIOD;
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) known_free);
  self->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->repaired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Beside the journals and the timelines. */
char *
cw_link_watcher_dup_default_state_path (void)
{
  g_autofree char *journals = cw_journal_dup_directory ();
  g_autofree char *directory = g_path_get_dirname (journals);

  return g_build_filename (directory, "watch.json", NULL);
}

/* @activity: where the changes go (NULL: the default file); @state_path: what the last
 * check found (NULL: cw_link_watcher_dup_default_state_path()). */
CwLinkWatcher *
cw_link_watcher_new (CwClouds       *clouds,
                     CwLinkActivity *activity,
                     const char     *state_path)
{
  CwLinkWatcher *self = g_object_new (CW_TYPE_LINK_WATCHER, NULL);

  self->clouds = g_object_ref (clouds);
  self->inventory = cw_link_inventory_new (clouds);
  self->activity = activity ? g_object_ref (activity) : cw_link_activity_new (NULL);
  self->state_path = state_path ? g_strdup (state_path) : cw_link_watcher_dup_default_state_path ();
  return self;
}

/* Watches the links of @cluster_ids only (NULL: of every cluster on AWS). */
void
cw_link_watcher_set_cluster_ids (CwLinkWatcher      *self,
                                 const char * const *cluster_ids)
{
  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  g_strfreev (self->cluster_ids);
  self->cluster_ids = g_strdupv ((char **) cluster_ids);
}

void
cw_link_watcher_set_repair (CwLinkWatcher *self,
                            gboolean       repair)
{
  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  self->repair = repair;
}

gboolean
cw_link_watcher_get_repair (CwLinkWatcher *self)
{
  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), FALSE);
  return self->repair;
}

void
cw_link_watcher_set_full_check_period (CwLinkWatcher *self,
                                       guint          seconds)
{
  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  self->full_check_period = seconds;
}

guint
cw_link_watcher_get_full_check_period (CwLinkWatcher *self)
{
  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), 0);
  return self->full_check_period;
}

CwLinkActivity *
cw_link_watcher_get_activity (CwLinkWatcher *self)
{
  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), NULL);
  return self->activity;
}

/* The link as the watcher last saw it, or NULL. */
CwLink *
cw_link_watcher_find (CwLinkWatcher *self,
                      const char    *link_id)
{
  Known *known;

  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), NULL);
  known = g_hash_table_lookup (self->known, link_id);
  return known ? known->link : NULL;
}

/* The links Causeway made that are not healthy after the last cycle, those it just
 * repaired apart: what `watch --once` fails with. Links made by hand are reported but
 * not counted, since the watcher may not repair them. */
guint
cw_link_watcher_count_problems (CwLinkWatcher *self)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  guint problems = 0;

  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), 0);
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CwLink *link = ((Known *) value)->link;

      if (cw_link_get_managed (link) && cw_link_get_status (link) != CW_LINK_HEALTHY &&
          !g_hash_table_contains (self->repaired, key))
        problems++;
    }
  return problems;
}
