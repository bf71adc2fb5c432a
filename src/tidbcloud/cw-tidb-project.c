/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-project.c */
#define G_LOG_DOMAIN "cw-tidb-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-tidb-project.h"
#include "cw-tidb-types-private.h"

struct _CwTidbProject
{
  GObject  parent_instance;
  char    *project_id;
  char    *name;
  char    *org_id;
};

G_DEFINE_FINAL_TYPE (CwTidbProject, cw_tidb_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT_ID,
  PROP_NAME,
  PROP_ORG_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cw_tidb_project_finalize (GObject *object)
{
  CwTidbProject *self = CW_TIDB_PROJECT (object);

  g_free (self->project_id);
  g_free (self->name);
  g_free (self->org_id);
  G_OBJECT_CLASS (cw_tidb_project_parent_class)->finalize (object);
}

static void
cw_tidb_project_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CwTidbProject *self = CW_TIDB_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PROJECT_ID:
      g_value_set_string (value, self->project_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ORG_ID:
      g_value_set_string (value, self->org_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tidb_project_class_init (CwTidbProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_tidb_project_finalize;
  object_class->get_property = cw_tidb_project_get_property;

  properties[PROP_PROJECT_ID] = cw_tidb_string_property ("project-id");
  properties[PROP_NAME] = cw_tidb_string_property ("name");
  properties[PROP_ORG_ID] = cw_tidb_string_property ("org-id");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_tidb_project_init (CwTidbProject *self)
{
}

/* The IAM API's project (api.Project) uses snake_case member names. */
CwTidbProject *
cw_tidb_project_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(CwTidbProject) self = g_object_new (CW_TYPE_TIDB_PROJECT, NULL);
  const char *what = _("project");

  if (!cw_tidb_json_string (object, "id", CW_TIDB_REQUIRED, what, &self->project_id, error) ||
      !cw_tidb_json_string (object, "name", CW_TIDB_OPTIONAL, what, &self->name, error) ||
      !cw_tidb_json_string (object, "org_id", CW_TIDB_OPTIONAL, what, &self->org_id, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
cw_tidb_project_get_project_id (CwTidbProject *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PROJECT (self), NULL);
  return self->project_id;
}

const char *
cw_tidb_project_get_name (CwTidbProject *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PROJECT (self), NULL);
  return self->name;
}

const char *
cw_tidb_project_get_org_id (CwTidbProject *self)
{
  g_return_val_if_fail (CW_IS_TIDB_PROJECT (self), NULL);
  return self->org_id;
}
