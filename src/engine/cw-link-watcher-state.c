/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-watcher-state.c: what the watcher's last check found, kept between two runs in
 * $XDG_STATE_HOME/causeway/watch.json (see cw-link-watcher.h), read and written in a
 * worker thread */
#define G_LOG_DOMAIN "cw-link-watcher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cw-link-watcher-private.h"

typedef struct {
  GHashTable *known;
  GHashTable *addresses;
  gint64      full_check_at;
  char       *full_check_scope;
} Saved;

static void
saved_free (Saved *saved)
{
  g_clear_pointer (&saved->known, g_hash_table_unref);
  g_clear_pointer (&saved->addresses, g_hash_table_unref);
  g_free (saved->full_check_scope);
  g_free (saved);
}

static Saved *
saved_new (void)
{
  Saved *saved = g_new0 (Saved, 1);

  saved->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cw_watch_known_free);
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
      CwWatchKnown *known;

      if (link == NULL || cw_link_get_id (link) == NULL)
        continue;
      known = cw_watch_known_new (link);
      known->recheck = json_object_get_boolean_member_with_default (entry, "recheck", FALSE);
      g_hash_table_replace (saved->known, g_strdup (cw_link_get_id (link)), known);
    }
}

static void
add_address (JsonObject *object,
             const char *host,
             JsonNode   *node,
             gpointer    user_data)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_hash_table_replace (user_data, g_strdup (host), g_strdup (json_node_get_string (node)));
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
      saved->full_check_scope = g_strdup (json_object_get_string_member_with_default (root, "scope", NULL));
      read_saved_links (saved, json_object_has_member (root, "links") ? json_object_get_array_member (root, "links")
                                                                       : NULL);
      addresses = json_object_has_member (root, "addresses") ? json_object_get_object_member (root, "addresses")
                                                              : NULL;
      if (addresses != NULL)
        json_object_foreach_member (addresses, add_address, saved->addresses);
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
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, self->full_check_scope);
  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CwWatchKnown *known = value;

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

/* ---- for the cycles ---- */

/* Reads what the last run kept; cw_link_watcher_load_state_finish() takes it in. */
void
cw_link_watcher_load_state_async (CwLinkWatcher       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_link_watcher_load_state_async);
  g_task_set_task_data (task, g_strdup (self->state_path), g_free);
  g_task_run_in_thread (task, load_state_in_thread);
}

/* No state, or one that cannot be read, leaves the watcher knowing nothing: its first
 * cycle checks in full. */
void
cw_link_watcher_load_state_finish (CwLinkWatcher *self,
                                   GAsyncResult  *result)
{
  Saved *saved = g_task_propagate_pointer (G_TASK (result), NULL);

  if (!self->state_loaded && saved != NULL)
    {
      g_hash_table_unref (self->known);
      self->known = g_steal_pointer (&saved->known);
      g_hash_table_unref (self->addresses);
      self->addresses = g_steal_pointer (&saved->addresses);
      self->full_check_at = saved->full_check_at;
      g_free (self->full_check_scope);
      self->full_check_scope = g_steal_pointer (&saved->full_check_scope);
    }
  g_clear_pointer (&saved, saved_free);
  self->state_loaded = TRUE;
}

/* Writes what the watcher knows now; the text is made here, the file written in a
 * worker thread. */
void
cw_link_watcher_save_state_async (CwLinkWatcher       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  gsize length = 0;
  char *text = state_to_text (self, &length);

  g_task_set_source_tag (task, cw_link_watcher_save_state_async);
  g_task_set_task_data (task, g_bytes_new_take (text, length), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, save_state_in_thread);
}

gboolean
cw_link_watcher_save_state_finish (CwLinkWatcher  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
