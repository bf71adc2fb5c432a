/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-item.c */
#define G_LOG_DOMAIN "cw-link-item"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "cw-link-item.h"

struct _CwLinkItem
{
  GObject  parent_instance;
  CwLink  *link;
  char    *key;
  char    *name_key;   /* the display name's collation key, numbers in numeric order */
  char    *haystack;   /* what a filter text is looked for in, case-folded */
};

G_DEFINE_FINAL_TYPE (CwLinkItem, cw_link_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LINK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cw_link_item_finalize (GObject *object)
{
  CwLinkItem *self = CW_LINK_ITEM (object);

  g_clear_object (&self->link);
  g_free (self->key);
  g_free (self->name_key);
  g_free (self->haystack);
  G_OBJECT_CLASS (cw_link_item_parent_class)->finalize (object);
}

static void
cw_link_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CwLinkItem *self = CW_LINK_ITEM (object);

  switch (prop_id)
    {
    case PROP_LINK:
      g_value_set_object (value, self->link);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_link_item_class_init (CwLinkItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_link_item_finalize;
  object_class->get_property = cw_link_item_get_property;

  properties[PROP_LINK] = g_param_spec_object ("link", NULL, NULL, CW_TYPE_LINK,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_link_item_init (CwLinkItem *self)
{
}

/* What the columns show and the filter looks in. */
static const CwLinkField searched[] = {
  CW_LINK_DISPLAY_NAME, CW_LINK_CLUSTER_ID, CW_LINK_CLUSTER_NAME, CW_LINK_DATABASE_ID, CW_LINK_ENDPOINT_SERVICE_ID,
  CW_LINK_ENDPOINT_SERVICE_NAME, CW_LINK_PRIVATE_LINK_ID, CW_LINK_LINK_ID, CW_LINK_REGION,
  CW_LINK_LOAD_BALANCER_NAME, CW_LINK_TARGET_GROUP_NAME,
};

/* Sorting and filtering a thousand rows compare these, computed once per refresh. */
static void
derive_keys (CwLinkItem *self)
{
  const char *name = cw_link_get (self->link, CW_LINK_DISPLAY_NAME);
  g_autofree char *folded_name = g_utf8_casefold (name ? name : "", -1);
  g_autoptr(GString) haystack = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (searched); i++)
    if (cw_link_get (self->link, searched[i]) != NULL)
      g_string_append_printf (haystack, "%s\n", cw_link_get (self->link, searched[i]));
  g_free (self->name_key);
  self->name_key = g_utf8_collate_key_for_filename (folded_name, -1);
  g_free (self->haystack);
  self->haystack = g_utf8_casefold (haystack->str, -1);
}

CwLinkItem *
cw_link_item_new (CwLink *link)
{
  CwLinkItem *self = g_object_new (CW_TYPE_LINK_ITEM, NULL);

  self->link = g_object_ref (link);
  self->key = g_strdup (cw_link_key (link));
  derive_keys (self);
  return self;
}

CwLink *
cw_link_item_get_link (CwLinkItem *self)
{
  g_return_val_if_fail (CW_IS_LINK_ITEM (self), NULL);
  return self->link;
}

const char *
cw_link_item_get_name_key (CwLinkItem *self)
{
  g_return_val_if_fail (CW_IS_LINK_ITEM (self), NULL);
  return self->name_key;
}

/* Whether the link's name or one of its ids contains @folded_text (case-folded). */
gboolean
cw_link_item_matches (CwLinkItem *self,
                      const char *folded_text)
{
  g_return_val_if_fail (CW_IS_LINK_ITEM (self), FALSE);
  return folded_text == NULL || strstr (self->haystack, folded_text) != NULL;
}

/* TiDB Cloud's connection id names a link for as long as it exists, whether or not its
 * AWS side has been found yet; a run that never reached TiDB Cloud has only its own id. */
const char *
cw_link_key (CwLink *link)
{
  const char *private_link_id = cw_link_get (link, CW_LINK_PRIVATE_LINK_ID);

  return private_link_id ? private_link_id : cw_link_get (link, CW_LINK_LINK_ID);
}

/* The style class of a status: its colour wherever it is shown. */
const char *
cw_link_item_status_style (CwLink *link)
{
  if (cw_link_get_checking (link))
    return "dim-label";
  switch (cw_link_get_status (link))
    {
    case CW_LINK_HEALTHY:
      return "success";
    case CW_LINK_PENDING_ACCEPTANCE:
    case CW_LINK_DEGRADED:
      return "warning";
    case CW_LINK_BROKEN:
    case CW_LINK_DRIFTED:
    default:
      return "error";
    }
}

const char *
cw_link_item_status_label (CwLink *link)
{
  /* TRANSLATORS: the status of a link whose health is still being read */
  return cw_link_get_checking (link) ? _("Checking…") : cw_link_status_to_label (cw_link_get_status (link));
}

const char * const *
cw_link_item_status_reasons (CwLink *link)
{
  static const char * const none[] = { NULL };

  /* What is known of a link still checking is not yet a reason. */
  return cw_link_get_checking (link) ? none : cw_link_get_reasons (link);
}

/* Whether sorting and filtering would see the same in @a and @b. */
static gboolean
same_columns (CwLink *a,
              CwLink *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (searched); i++)
    if (g_strcmp0 (cw_link_get (a, searched[i]), cw_link_get (b, searched[i])) != 0)
      return FALSE;
  return cw_link_get_checking (a) == cw_link_get_checking (b) && cw_link_get_status (a) == cw_link_get_status (b) &&
         g_strcmp0 (cw_link_get_reasons (a)[0], cw_link_get_reasons (b)[0]) == 0;
}

/* Gives the item the refreshed @link. Only a change of what the columns show is
 * notified: a thousand rows told of a thousand unchanged links would redraw for
 * nothing. Returns whether it changed. */
static gboolean
cw_link_item_set_link (CwLinkItem *self,
                       CwLink     *link)
{
  gboolean changed = !same_columns (self->link, link);

  g_set_object (&self->link, link);
  if (!changed)
    return FALSE;
  derive_keys (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK]);
  return TRUE;
}

/* Removes the items of @items whose key is not among @links' (in runs, so a thousand
 * links gone are a few signals, not a thousand). */
static void
remove_missing (GListStore *items,
                GHashTable *by_key)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (items));
  guint end = n;

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(CwLinkItem) item = g_list_model_get_item (G_LIST_MODEL (items), i - 1);
      gboolean keep = g_hash_table_contains (by_key, item->key);

      if (keep && end > i)
        g_list_store_splice (items, i, end - i, NULL, 0);
      if (keep)
        end = i - 1;
    }
  if (end > 0)
    g_list_store_splice (items, 0, end, NULL, 0);
}

/* Makes the items of @items show @links (CwLink): an item per key, kept across
 * refreshes; items whose link is gone are removed. Sets @changed when what an existing
 * row shows changed, so that sorting and filtering must look again. Returns new items
 * for the links that had none, for the caller to append. */
GPtrArray *
cw_link_items_update (GListStore *items,
                      GListModel *links,
                      gboolean   *changed)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *added = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_links = g_list_model_get_n_items (links);
  guint n_items;

  *changed = FALSE;
  for (guint i = 0; i < n_links; i++)
    {
      CwLink *link = g_list_model_get_item (links, i);

      /* The model holds its own reference: the link is only borrowed here. */
      g_object_unref (link);
      if (cw_link_key (link) != NULL)
        g_hash_table_insert (by_key, (gpointer) cw_link_key (link), link);
    }
  remove_missing (items, by_key);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (items));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CwLinkItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);

      *changed |= cw_link_item_set_link (item, g_hash_table_lookup (by_key, item->key));
      g_hash_table_remove (by_key, item->key);
    }
  for (guint i = 0; i < n_links; i++)
    {
      g_autoptr(CwLink) link = g_list_model_get_item (links, i);

      if (cw_link_key (link) != NULL && g_hash_table_remove (by_key, cw_link_key (link)))
        g_ptr_array_add (added, cw_link_item_new (link));
    }
  return added;
}
