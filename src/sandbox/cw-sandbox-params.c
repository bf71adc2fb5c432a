/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-params.c */
#define G_LOG_DOMAIN "cw-sandbox-params"

#include "config.h"

#include "cw-sandbox-params.h"

struct _CwSbParams
{
  char       *value;
  GHashTable *children;  /* name → CwSbParams */
};

static CwSbParams *
node_new (void)
{
  CwSbParams *self = g_new0 (CwSbParams, 1);

  self->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) cw_sb_params_free);
  return self;
}

void
cw_sb_params_free (CwSbParams *self)
{
  g_free (self->value);
  g_hash_table_unref (self->children);
  g_free (self);
}

static CwSbParams *
ensure_child (CwSbParams *self,
              const char *name)
{
  CwSbParams *child = g_hash_table_lookup (self->children, name);

  if (child == NULL)
    {
      child = node_new ();
      g_hash_table_insert (self->children, g_strdup (name), child);
    }
  return child;
}

CwSbParams *
cw_sb_params_new_from_form (GHashTable *form)
{
  CwSbParams *root = node_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, ".", -1);
      CwSbParams *node = root;

      for (guint i = 0; parts[i] != NULL; i++)
        node = ensure_child (node, parts[i]);
      g_free (node->value);
      node->value = g_strdup (value);
    }
  return root;
}

CwSbParams *
cw_sb_params_child (CwSbParams *self,
                    const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  CwSbParams *node = self;

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    node = g_hash_table_lookup (node->children, parts[i]);
  return node;
}

const char *
cw_sb_params_get (CwSbParams *self,
                  const char *path)
{
  CwSbParams *node = cw_sb_params_child (self, path);

  return node ? node->value : NULL;
}

static gboolean
is_index (const char *name)
{
  char *end = NULL;
  guint64 index = g_ascii_strtoull (name, &end, 10);

  return *name != '\0' && *end == '\0' && index > 0;
}

static gboolean
has_numbered_children (CwSbParams *node)
{
  GHashTableIter iter;
  gpointer name;

  if (g_hash_table_size (node->children) == 0)
    return FALSE;
  g_hash_table_iter_init (&iter, node->children);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!is_index (name))
      return FALSE;
  return TRUE;
}

static int
compare_index (gconstpointer a,
               gconstpointer b)
{
  guint64 x = g_ascii_strtoull (*(const char * const *) a, NULL, 10);
  guint64 y = g_ascii_strtoull (*(const char * const *) b, NULL, 10);

  return x < y ? -1 : x > y;
}

static void
add_name (gpointer key,
          gpointer value,
          gpointer user_data)
{
  g_ptr_array_add (user_data, key);
}

/* The items of the list at @path, in index order; empty when there is no such list. */
GPtrArray *
cw_sb_params_items (CwSbParams *self,
                    const char *path)
{
  GPtrArray *items = g_ptr_array_new ();
  CwSbParams *node = cw_sb_params_child (self, path);
  g_autoptr(GPtrArray) names = NULL;

  if (node != NULL && !has_numbered_children (node) && g_hash_table_size (node->children) == 1)
    {
      GHashTableIter iter;
      gpointer only;

      g_hash_table_iter_init (&iter, node->children);
      g_hash_table_iter_next (&iter, NULL, &only);
      node = only;
    }
  if (node == NULL || !has_numbered_children (node))
    return items;
  names = g_ptr_array_new ();
  g_hash_table_foreach (node->children, add_name, names);
  g_ptr_array_sort (names, compare_index);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (items, g_hash_table_lookup (node->children, names->pdata[i]));
  return items;
}

char **
cw_sb_params_strings (CwSbParams *self,
                      const char *path)
{
  g_autoptr(GPtrArray) items = cw_sb_params_items (self, path);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **strings;

  for (guint i = 0; i < items->len; i++)
    {
      CwSbParams *item = items->pdata[i];

      if (item->value != NULL)
        g_strv_builder_add (builder, item->value);
    }
  strings = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strings;
}
