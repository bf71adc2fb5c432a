/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-cluster.c */
#define G_LOG_DOMAIN "cw-tidb-cluster"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-tidb-cluster.h"
#include "cw-tidb-types-private.h"

#define PROJECT_LABEL "tidb.cloud/project"

struct _CwTidbCluster
{
  GObject  parent_instance;
  char    *cluster_id;
  char    *display_name;
  char    *region_name;     /* "regions/aws-us-east-1" */
  char    *region_id;       /* "aws-us-east-1" */
  char    *cloud_provider;  /* "aws" */
  char    *cluster_plan;    /* "STARTER", "ESSENTIAL" */
  char    *state;           /* "ACTIVE", … */
  char    *project_id;
};

G_DEFINE_FINAL_TYPE (CwTidbCluster, cw_tidb_cluster, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLUSTER_ID,
  PROP_DISPLAY_NAME,
  PROP_REGION_NAME,
  PROP_REGION_ID,
  PROP_CLOUD_PROVIDER,
  PROP_AWS_REGION,
  PROP_CLUSTER_PLAN,
  PROP_STATE,
  PROP_PROJECT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cw_tidb_cluster_finalize (GObject *object)
{
  CwTidbCluster *self = CW_TIDB_CLUSTER (object);

  g_free (self->cluster_id);
  g_free (self->display_name);
  g_free (self->region_name);
  g_free (self->region_id);
  g_free (self->cloud_provider);
  g_free (self->cluster_plan);
  g_free (self->state);
  g_free (self->project_id);
  G_OBJECT_CLASS (cw_tidb_cluster_parent_class)->finalize (object);
}

static void
cw_tidb_cluster_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CwTidbCluster *self = CW_TIDB_CLUSTER (object);

  switch (prop_id)
    {
    case PROP_CLUSTER_ID:
      g_value_set_string (value, self->cluster_id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_REGION_NAME:
      g_value_set_string (value, self->region_name);
      break;
    case PROP_REGION_ID:
      g_value_set_string (value, self->region_id);
      break;
    case PROP_CLOUD_PROVIDER:
      g_value_set_string (value, self->cloud_provider);
      break;
    case PROP_AWS_REGION:
      g_value_set_string (value, cw_tidb_cluster_get_aws_region (self));
      break;
    case PROP_CLUSTER_PLAN:
      g_value_set_string (value, self->cluster_plan);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_PROJECT_ID:
      g_value_set_string (value, self->project_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tidb_cluster_class_init (CwTidbClusterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_tidb_cluster_finalize;
  object_class->get_property = cw_tidb_cluster_get_property;

  properties[PROP_CLUSTER_ID] = cw_tidb_string_property ("cluster-id");
  properties[PROP_DISPLAY_NAME] = cw_tidb_string_property ("display-name");
  properties[PROP_REGION_NAME] = cw_tidb_string_property ("region-name");
  properties[PROP_REGION_ID] = cw_tidb_string_property ("region-id");
  properties[PROP_CLOUD_PROVIDER] = cw_tidb_string_property ("cloud-provider");
  properties[PROP_AWS_REGION] = cw_tidb_string_property ("aws-region");
  properties[PROP_CLUSTER_PLAN] = cw_tidb_string_property ("cluster-plan");
  properties[PROP_STATE] = cw_tidb_string_property ("state");
  properties[PROP_PROJECT_ID] = cw_tidb_string_property ("project-id");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_tidb_cluster_init (CwTidbCluster *self)
{
}

/* regionId and cloudProvider are read-only members a server may leave out; both can be
 * told from the region name, "regions/aws-us-east-1". */
static void
complete_region (CwTidbCluster *self)
{
  if (self->region_id == NULL)
    self->region_id = g_strdup (g_str_has_prefix (self->region_name, "regions/")
                                ? self->region_name + strlen ("regions/")
                                : self->region_name);
  if (self->cloud_provider == NULL)
    {
      const char *dash = strchr (self->region_id, '-');

      self->cloud_provider = dash ? g_strndup (self->region_id, dash - self->region_id) : NULL;
    }
}

CwTidbCluster *
cw_tidb_cluster_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(CwTidbCluster) self = g_object_new (CW_TYPE_TIDB_CLUSTER, NULL);
  const char *what = _("cluster");

  if (!cw_tidb_json_string (object, "clusterId", CW_TIDB_REQUIRED, what, &self->cluster_id, error) ||
      !cw_tidb_json_string (object, "displayName", CW_TIDB_REQUIRED, what, &self->display_name, error) ||
      !cw_tidb_json_string (object, "region.name", CW_TIDB_REQUIRED, what, &self->region_name, error) ||
      !cw_tidb_json_string (object, "region.regionId", CW_TIDB_OPTIONAL, what, &self->region_id, error) ||
      !cw_tidb_json_string (object, "region.cloudProvider", CW_TIDB_OPTIONAL, what, &self->cloud_provider, error) ||
      !cw_tidb_json_string (object, "clusterPlan", CW_TIDB_OPTIONAL, what, &self->cluster_plan, error) ||
      !cw_tidb_json_string (object, "state", CW_TIDB_OPTIONAL, what, &self->state, error) ||
      !cw_tidb_json_map_string (object, "labels", PROJECT_LABEL, what, &self->project_id, error))
    return NULL;
  if (self->cloud_provider == NULL &&
      !cw_tidb_json_string (object, "region.provider", CW_TIDB_OPTIONAL, what, &self->cloud_provider, error))
    return NULL;
  complete_region (self);
  return g_steal_pointer (&self);
}

const char *
cw_tidb_cluster_get_cluster_id (CwTidbCluster *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CLUSTER (self), NULL);
  return self->cluster_id;
}

const char *
cw_tidb_cluster_get_display_name (CwTidbCluster *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CLUSTER (self), NULL);
  return self->display_name;
}

const char *
cw_tidb_cluster_get_region_name (CwTidbCluster *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CLUSTER (self), NULL);
  return self->region_name;
}

const char *
cw_tidb_cluster_get_region_id (CwTidbCluster *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CLUSTER (self), NULL);
  return self->region_id;
}

const char *
cw_tidb_cluster_get_cloud_provider (CwTidbCluster *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CLUSTER (self), NULL);
  return self->cloud_provider;
}

/* The AWS region code ("us-east-1") of a cluster on AWS, NULL on other clouds: the
 * database must live in this region for a private link to reach it. */
const char *
cw_tidb_cluster_get_aws_region (CwTidbCluster *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CLUSTER (self), NULL);
  if (g_strcmp0 (self->cloud_provider, "aws") != 0 || !g_str_has_prefix (self->region_id, "aws-"))
    return NULL;
  return self->region_id + strlen ("aws-");
}

const char *
cw_tidb_cluster_get_cluster_plan (CwTidbCluster *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CLUSTER (self), NULL);
  return self->cluster_plan;
}

const char *
cw_tidb_cluster_get_state (CwTidbCluster *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CLUSTER (self), NULL);
  return self->state;
}

const char *
cw_tidb_cluster_get_project_id (CwTidbCluster *self)
{
  g_return_val_if_fail (CW_IS_TIDB_CLUSTER (self), NULL);
  return self->project_id;
}
