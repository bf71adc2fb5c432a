/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-activity.c: the links' timelines in a small JSON file (see cw-link-activity.h)
 *
 * The file is {"version": 1, "links": {"LINK-ID": [event, …], …}}, each event
 * {"time", "from", "to", "what", "action", "by"}, oldest first. */
#define G_LOG_DOMAIN "cw-link-activity"

#include "config.h"

#include <errno.h>
#include <json-glib/json-glib.h>

#include "cw-journal.h"
#include "cw-link-activity.h"
#include "cw-link.h"

/* A link's timeline keeps its latest entries only: the file stays small however long
 * the watcher runs. */
#define MAX_EVENTS_PER_LINK 200

struct _CwLinkActivity
{
  GObject  parent_instance;
  char    *path;
  GMutex   lock;   /* one read-modify-write of the file at a time */
};

G_DEFINE_FINAL_TYPE (CwLinkActivity, cw_link_activity, G_TYPE_OBJECT)

/* The words of the file and of the JSON output; NULL for CW_LINK_ACTOR_NONE. */
const char *
cw_link_actor_to_string (CwLinkActor actor)
{
  static const char * const names[] = { NULL, "you", "automatic repair" };

  g_return_val_if_fail ((guint) actor < G_N_ELEMENTS (names), NULL);
  return names[actor];
}

/* A link first seen in trouble got worse; one that leaves trouble recovered. The
 * statuses' ranks say which way a change went. What the automatic repair did is told
 * whatever the status after it (the new target's health may still be initial). */
CwLinkChange
cw_link_event_get_change (const CwLinkEvent *event)
{
  CwLinkStatus from = CW_LINK_HEALTHY;
  CwLinkStatus to;

  if (event->by == CW_LINK_ACTOR_AUTOMATIC_REPAIR)
    return CW_LINK_CHANGE_REPAIRED;
  if (event->by == CW_LINK_ACTOR_USER ||
      !cw_link_status_from_string (event->to, &to) ||
      (event->from != NULL && !cw_link_status_from_string (event->from, &from)))
    return CW_LINK_CHANGE_NONE;
  if (to == CW_LINK_HEALTHY)
    return from != CW_LINK_HEALTHY ? CW_LINK_CHANGE_RECOVERED : CW_LINK_CHANGE_NONE;
  return cw_link_status_rank (to) > cw_link_status_rank (from) ? CW_LINK_CHANGE_WORSE : CW_LINK_CHANGE_NONE;
}

static CwLinkActor
actor_from_string (const char *text)
{
  if (g_strcmp0 (text, "automatic repair") == 0)
    return CW_LINK_ACTOR_AUTOMATIC_REPAIR;
  return g_strcmp0 (text, "you") == 0 ? CW_LINK_ACTOR_USER : CW_LINK_ACTOR_NONE;
}

CwLinkEvent *
cw_link_event_new (const char  *link_id,
                   const char  *name,
                   gint64       time,
                   const char  *from,
                   const char  *to,
                   const char  *what,
                   const char  *action,
                   CwLinkActor  by)
{
  CwLinkEvent *event = g_new0 (CwLinkEvent, 1);

  event->link_id = g_strdup (link_id);
  event->name = g_strdup (name);
  event->time = time;
  event->from = g_strdup (from);
  event->to = g_strdup (to);
  event->what = g_strdup (what);
  event->action = g_strdup (action);
  event->by = by;
  return event;
}

void
cw_link_event_free (CwLinkEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->link_id);
  g_free (event->name);
  g_free (event->from);
  g_free (event->to);
  g_free (event->what);
  g_free (event->action);
  g_free (event);
}

/* Beside the journals, so that the sandbox's activity goes where its journals go. */
char *
cw_link_activity_dup_default_path (void)
{
  g_autofree char *journals = cw_journal_dup_directory ();
  g_autofree char *directory = g_path_get_dirname (journals);

  return g_build_filename (directory, "activity.json", NULL);
}

static void
cw_link_activity_finalize (GObject *object)
{
  CwLinkActivity *self = CW_LINK_ACTIVITY (object);

  g_free (self->path);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (cw_link_activity_parent_class)->finalize (object);
}

static void
cw_link_activity_class_init (CwLinkActivityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_link_activity_finalize;
}

static void
cw_link_activity_init (CwLinkActivity *self)
{
  g_mutex_init (&self->lock);
}

/* @path: the file, or NULL for cw_link_activity_dup_default_path(). */
CwLinkActivity *
cw_link_activity_new (const char *path)
{
  CwLinkActivity *self = g_object_new (CW_TYPE_LINK_ACTIVITY, NULL);

  self->path = path ? g_strdup (path) : cw_link_activity_dup_default_path ();
  return self;
}

const char *
cw_link_activity_get_path (CwLinkActivity *self)
{
  g_return_val_if_fail (CW_IS_LINK_ACTIVITY (self), NULL);
  return self->path;
}

/* ---- the file (in a worker thread, under the lock) ---- */

/* The timelines by link id; empty when there is no file yet. */
static JsonObject *
load_links (CwLinkActivity  *self,
            GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *links;

  if (!json_parser_load_from_mapped_file (parser, self->path, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return json_object_new ();
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  root = json_parser_get_root (parser);
  links = root && JSON_NODE_HOLDS_OBJECT (root) && json_object_has_member (json_node_get_object (root), "links")
            ? json_object_get_object_member (json_node_get_object (root), "links") : NULL;
  return links ? json_object_ref (links) : json_object_new ();
}

static gboolean
save_links (CwLinkActivity  *self,
            JsonObject      *links,
            GError         **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *directory = g_path_get_dirname (self->path);
  g_autofree char *text = NULL;
  gsize length;

  json_object_set_int_member (root, "version", 1);
  json_object_set_object_member (root, "links", json_object_ref (links));
  json_node_set_object (node, root);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", directory, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (self->path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
set_optional (JsonObject *object,
              const char *member,
              const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static JsonObject *
event_to_json (const CwLinkEvent *event)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "time", event->time);
  set_optional (object, "name", event->name);
  set_optional (object, "from", event->from);
  set_optional (object, "to", event->to);
  set_optional (object, "what", event->what);
  set_optional (object, "action", event->action);
  set_optional (object, "by", cw_link_actor_to_string (event->by));
  return object;
}

static CwLinkEvent *
event_from_json (const char *link_id,
                 JsonObject *object)
{
  return cw_link_event_new (link_id, json_object_get_string_member_with_default (object, "name", NULL),
                            json_object_get_int_member_with_default (object, "time", 0),
                            json_object_get_string_member_with_default (object, "from", NULL),
                            json_object_get_string_member_with_default (object, "to", NULL),
                            json_object_get_string_member_with_default (object, "what", NULL),
                            json_object_get_string_member_with_default (object, "action", NULL),
                            actor_from_string (json_object_get_string_member_with_default (object, "by", NULL)));
}

static void
append_to (JsonObject        *links,
           const CwLinkEvent *event)
{
  JsonArray *timeline = json_object_has_member (links, event->link_id)
                          ? json_object_get_array_member (links, event->link_id) : NULL;

  if (timeline == NULL)
    {
      timeline = json_array_new ();
      json_object_set_array_member (links, event->link_id, timeline);
    }
  json_array_add_object_element (timeline, event_to_json (event));
  while (json_array_get_length (timeline) > MAX_EVENTS_PER_LINK)
    json_array_remove_element (timeline, 0);
}

static void
append_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CwLinkActivity *self = source;
  GPtrArray *events = task_data;
  g_autoptr(JsonObject) links = NULL;
  GError *error = NULL;
  gboolean saved;

  g_mutex_lock (&self->lock);
  links = load_links (self, &error);
  for (guint i = 0; links != NULL && i < events->len; i++)
    append_to (links, g_ptr_array_index (events, i));
  saved = links != NULL && save_links (self, links, &error);
  g_mutex_unlock (&self->lock);
  if (!saved)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Adds @events (of CwLinkEvent) to their links' timelines. */
void
cw_link_activity_append_async (CwLinkActivity      *self,
                               GPtrArray           *events,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (CW_IS_LINK_ACTIVITY (self));
  g_task_set_source_tag (task, cw_link_activity_append_async);
  g_task_set_task_data (task, g_ptr_array_ref (events), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, append_in_thread);
}

gboolean
cw_link_activity_append_finish (CwLinkActivity  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CwLinkActivity *self = source;
  const char *link_id = task_data;
  g_autoptr(JsonObject) links = NULL;
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_link_event_free);
  JsonArray *timeline;
  GError *error = NULL;

  g_mutex_lock (&self->lock);
  links = load_links (self, &error);
  g_mutex_unlock (&self->lock);
  if (links == NULL)
    {
      g_ptr_array_unref (events);
      g_task_return_error (task, error);
      return;
    }
  timeline = json_object_has_member (links, link_id) ? json_object_get_array_member (links, link_id) : NULL;
  for (guint i = 0; timeline && i < json_array_get_length (timeline); i++)
    {
      JsonNode *node = json_array_get_element (timeline, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (events, event_from_json (link_id, json_node_get_object (node)));
    }
  g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
}

/* The timeline of @link_id, oldest first: a GPtrArray of CwLinkEvent, empty when
 * nothing happened to it yet. */
void
cw_link_activity_read_async (CwLinkActivity      *self,
                             const char          *link_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (CW_IS_LINK_ACTIVITY (self));
  g_task_set_source_tag (task, cw_link_activity_read_async);
  g_task_set_task_data (task, g_strdup (link_id), g_free);
  g_task_run_in_thread (task, read_in_thread);
}

GPtrArray *
cw_link_activity_read_finish (CwLinkActivity  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
