/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-precheck-item.c */
#define G_LOG_DOMAIN "cw-tidb-precheck-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-tidb-precheck-item.h"
#include "cw-tidb-types-private.h"

struct _CwTidbPrecheckItem
{
  GObject                   parent_instance;
  char                     *check_type;      /* PrecheckItemType: "BINLOG_FORMAT_CHECKING", … */
  CwTidbPrecheckItemStatus  status;
  char                     *description;
  char                     *reason;
  char                     *solution;
  char                     *solution_doc_url;
};

G_DEFINE_FINAL_TYPE (CwTidbPrecheckItem, cw_tidb_precheck_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwTidbPrecheckItemStatus, cw_tidb_precheck_item_status,
                    G_DEFINE_ENUM_VALUE (CW_TIDB_PRECHECK_ITEM_UNKNOWN, "UNKNOWN"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_PRECHECK_ITEM_SUCCESS, "SUCCESS"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_PRECHECK_ITEM_WARNING, "WARNING"),
                    G_DEFINE_ENUM_VALUE (CW_TIDB_PRECHECK_ITEM_FAILED, "FAILED"))

enum {
  PROP_0,
  PROP_CHECK_TYPE,
  PROP_STATUS,
  PROP_DESCRIPTION,
  PROP_REASON,
  PROP_SOLUTION,
  PROP_SOLUTION_DOC_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
cw_tidb_precheck_item_status_to_string (CwTidbPrecheckItemStatus status)
{
  return cw_tidb_enum_to_string (CW_TYPE_TIDB_PRECHECK_ITEM_STATUS, status);
}

static void
cw_tidb_precheck_item_finalize (GObject *object)
{
  CwTidbPrecheckItem *self = CW_TIDB_PRECHECK_ITEM (object);

  g_free (self->check_type);
  g_free (self->description);
  g_free (self->reason);
  g_free (self->solution);
  g_free (self->solution_doc_url);
  G_OBJECT_CLASS (cw_tidb_precheck_item_parent_class)->finalize (object);
}

static void
cw_tidb_precheck_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CwTidbPrecheckItem *self = CW_TIDB_PRECHECK_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHECK_TYPE:
      g_value_set_string (value, self->check_type);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_SOLUTION:
      g_value_set_string (value, self->solution);
      break;
    case PROP_SOLUTION_DOC_URL:
      g_value_set_string (value, self->solution_doc_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tidb_precheck_item_class_init (CwTidbPrecheckItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_tidb_precheck_item_finalize;
  object_class->get_property = cw_tidb_precheck_item_get_property;

  properties[PROP_CHECK_TYPE] = cw_tidb_string_property ("check-type");
  properties[PROP_STATUS] = cw_tidb_enum_property ("status", CW_TYPE_TIDB_PRECHECK_ITEM_STATUS);
  properties[PROP_DESCRIPTION] = cw_tidb_string_property ("description");
  properties[PROP_REASON] = cw_tidb_string_property ("reason");
  properties[PROP_SOLUTION] = cw_tidb_string_property ("solution");
  properties[PROP_SOLUTION_DOC_URL] = cw_tidb_string_property ("solution-doc-url");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_tidb_precheck_item_init (CwTidbPrecheckItem *self)
{
}

CwTidbPrecheckItem *
cw_tidb_precheck_item_new_from_json (JsonObject  *object,
                                     GError     **error)
{
  g_autoptr(CwTidbPrecheckItem) self = g_object_new (CW_TYPE_TIDB_PRECHECK_ITEM, NULL);
  const char *what = _("precheck item");
  int status = CW_TIDB_PRECHECK_ITEM_UNKNOWN;

  if (!cw_tidb_json_string (object, "type", CW_TIDB_OPTIONAL, what, &self->check_type, error) ||
      !cw_tidb_json_enum (object, "status", CW_TYPE_TIDB_PRECHECK_ITEM_STATUS, what, &status, error) ||
      !cw_tidb_json_string (object, "description", CW_TIDB_OPTIONAL, what, &self->description, error) ||
      !cw_tidb_json_string (object, "reason", CW_TIDB_OPTIONAL, what, &self->reason, error) ||
      !cw_tidb_json_string (object, "solution", CW_TIDB_OPTIONAL, what, &self->solution, error) ||
      !cw_tidb_json_string (object, "solutionDocUrl", CW_TIDB_OPTIONAL, what, &self->solution_doc_url, error))
    return NULL;
  self->status = status;
  return g_steal_pointer (&self);
}

/* The PrecheckItemType ("BINLOG_FORMAT_CHECKING", …); named so as not to clash with
 * GObject's type. */
const char *
cw_tidb_precheck_item_get_check_type (CwTidbPrecheckItem *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRECHECK_ITEM (self), NULL);
  return self->check_type;
}

CwTidbPrecheckItemStatus
cw_tidb_precheck_item_get_status (CwTidbPrecheckItem *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRECHECK_ITEM (self), CW_TIDB_PRECHECK_ITEM_UNKNOWN);
  return self->status;
}

const char *
cw_tidb_precheck_item_get_description (CwTidbPrecheckItem *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRECHECK_ITEM (self), NULL);
  return self->description;
}

const char *
cw_tidb_precheck_item_get_reason (CwTidbPrecheckItem *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRECHECK_ITEM (self), NULL);
  return self->reason;
}

const char *
cw_tidb_precheck_item_get_solution (CwTidbPrecheckItem *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRECHECK_ITEM (self), NULL);
  return self->solution;
}

const char *
cw_tidb_precheck_item_get_solution_doc_url (CwTidbPrecheckItem *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PRECHECK_ITEM (self), NULL);
  return self->solution_doc_url;
}
