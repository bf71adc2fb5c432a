/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cluster-step.c */
#define G_LOG_DOMAIN "cw-cluster-step"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-check-list.h"
#include "cw-cluster-step.h"
#include "cw-list-state.h"
#include "cw-plan-loaders.h"
#include "cw-widgets.h"

struct _CwClusterStep
{
  AdwBin          parent_instance;

  CwListState    *list_state;
  CwListState    *zones_state;
  CwCheckList    *checks;
  GtkListBox     *list;
  GtkListBox     *zones_list;

  CwLinkSession  *session;
  GCancellable   *cancellable;
  GCancellable   *zones_cancellable;
};

G_DEFINE_FINAL_TYPE (CwClusterStep, cw_cluster_step, ADW_TYPE_BIN)

static void load_zones (CwClusterStep *self);

static CwTidbClient *
tidb_client (CwClusterStep *self)
{
  CwClouds *clouds = cw_link_session_get_clouds (self->session);

  return clouds ? cw_clouds_get_tidb (clouds) : NULL;
}

static void
show_zones (CwClusterStep           *self,
            CwTidbAvailabilityZones *zones)
{
  g_autofree char *ids = g_strjoinv (", ", (char **) cw_tidb_availability_zones_get_zone_ids (zones));

  cw_list_box_clear (self->zones_list);
  gtk_list_box_append (self->zones_list, cw_info_row_new (_("TiDB Cloud’s AWS Account"),
                                                          cw_tidb_availability_zones_get_account_id (zones)));
  gtk_list_box_append (self->zones_list, cw_info_row_new (_("TiDB Cloud’s Zone IDs"), ids));
  cw_list_state_loaded (self->zones_state);
}

static void
zones_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CwClusterStep) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_link_plan_load_tidb_zones_finish (CW_LINK_PLAN (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cw_list_state_failed (self->zones_state, error->message);
      return;
    }
  show_zones (self, cw_link_plan_get_tidb_zones (CW_LINK_PLAN (source)));
}

static void
load_zones (CwClusterStep *self)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);

  g_cancellable_cancel (self->zones_cancellable);
  g_clear_object (&self->zones_cancellable);
  if (cw_link_plan_get_cluster (plan) == NULL || tidb_client (self) == NULL)
    {
      cw_list_state_empty (self->zones_state, _("Choose a cluster to see the account and zones TiDB Cloud connects from."));
      return;
    }
  self->zones_cancellable = g_cancellable_new ();
  cw_list_state_loading (self->zones_state, _("Loading TiDB Cloud’s zones"));
  cw_link_plan_load_tidb_zones_async (plan, tidb_client (self), self->zones_cancellable, zones_done, g_object_ref (self));
}

static void
on_cluster_toggled (GtkCheckButton *button,
                    CwClusterStep  *self)
{
  CwTidbCluster *cluster = g_object_get_data (G_OBJECT (button), "cluster");

  if (!gtk_check_button_get_active (button))
    return;
  cw_link_plan_set_cluster (cw_link_session_get_plan (self->session), cluster);
  load_zones (self);
}

static char *
describe_cluster (CwTidbCluster *cluster)
{
  return g_strdup_printf ("%s · %s · %s · %s", cw_tidb_cluster_get_cluster_id (cluster),
                          cw_tidb_cluster_get_region_id (cluster) ? cw_tidb_cluster_get_region_id (cluster) : "",
                          cw_tidb_cluster_get_cluster_plan (cluster) ? cw_tidb_cluster_get_cluster_plan (cluster) : "",
                          cw_tidb_cluster_get_state (cluster) ? cw_tidb_cluster_get_state (cluster) : "");
}

static GtkWidget *
cluster_row (CwClusterStep  *self,
             CwTidbCluster  *cluster,
             GtkCheckButton *group)
{
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *subtitle = describe_cluster (cluster);
  CwTidbCluster *chosen = cw_link_plan_get_cluster (cw_link_session_get_plan (self->session));
  GtkWidget *row = cw_choice_row_new (cw_tidb_cluster_get_display_name (cluster), subtitle, check);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  g_object_set_data_full (G_OBJECT (check), "cluster", g_object_ref (cluster), g_object_unref);
  if (chosen != NULL && g_strcmp0 (cw_tidb_cluster_get_cluster_id (chosen), cw_tidb_cluster_get_cluster_id (cluster)) == 0)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_cluster_toggled), self, 0);
  if (cw_tidb_cluster_get_aws_region (cluster) == NULL)
    {
      gtk_widget_set_sensitive (row, FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not on AWS: it cannot take an AWS PrivateLink connection."));
    }
  return row;
}

static void
clusters_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CwClusterStep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) clusters = cw_tidb_client_list_clusters_finish (CW_TIDB_CLIENT (source), result, &error);
  GtkCheckButton *group = NULL;
  guint n;

  if (clusters == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cw_list_state_failed (self->list_state, error->message);
      return;
    }
  cw_list_box_clear (self->list);
  n = g_list_model_get_n_items (clusters);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwTidbCluster) cluster = g_list_model_get_item (clusters, i);
      GtkWidget *row = cluster_row (self, cluster, group);

      if (group == NULL)
        group = GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
      gtk_list_box_append (self->list, row);
    }
  if (n == 0)
    cw_list_state_empty (self->list_state, _("This API key sees no clusters. Create an Essential cluster on AWS in TiDB Cloud first."));
  else
    cw_list_state_loaded (self->list_state);
}

static void
reload (CwClusterStep *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (tidb_client (self) == NULL)
    {
      cw_list_state_empty (self->list_state, _("Verify the accounts in the first step to list the clusters."));
      load_zones (self);
      return;
    }
  self->cancellable = g_cancellable_new ();
  cw_list_state_loading (self->list_state, _("Loading the clusters"));
  cw_tidb_client_list_clusters_async (tidb_client (self), self->cancellable, clusters_done, g_object_ref (self));
  load_zones (self);
}

static void
on_retry (CwClusterStep *self)
{
  reload (self);
}

static void
on_zones_retry (CwClusterStep *self)
{
  load_zones (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (CW_CLUSTER_STEP (widget));
}

static void
on_session_changed (CwClusterStep *self)
{
  cw_check_list_set_plan (self->checks, cw_link_session_get_plan (self->session));
  reload (self);
}

void
cw_cluster_step_set_session (CwClusterStep *self,
                             CwLinkSession *session)
{
  g_return_if_fail (CW_IS_CLUSTER_STEP (self));
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::account-check", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::plan", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
  on_session_changed (self);
}

static void
cw_cluster_step_dispose (GObject *object)
{
  CwClusterStep *self = CW_CLUSTER_STEP (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->zones_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->zones_cancellable);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_CLUSTER_STEP);
  G_OBJECT_CLASS (cw_cluster_step_parent_class)->dispose (object);
}

static void
cw_cluster_step_class_init (CwClusterStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_cluster_step_dispose;

  g_type_ensure (CW_TYPE_LIST_STATE);
  g_type_ensure (CW_TYPE_CHECK_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-cluster-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CwClusterStep, list_state);
  gtk_widget_class_bind_template_child (widget_class, CwClusterStep, zones_state);
  gtk_widget_class_bind_template_child (widget_class, CwClusterStep, checks);
  gtk_widget_class_bind_template_callback (widget_class, on_retry);
  gtk_widget_class_bind_template_callback (widget_class, on_zones_retry);
  gtk_widget_class_install_action (widget_class, "cluster-step.reload", NULL, reload_action);
}

static void
cw_cluster_step_init (CwClusterStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->list = cw_boxed_list_new (_("Clusters"));
  self->zones_list = cw_boxed_list_new (_("TiDB Cloud’s side"));
  cw_list_state_set_content (self->list_state, GTK_WIDGET (self->list));
  cw_list_state_set_content (self->zones_state, GTK_WIDGET (self->zones_list));
  cw_check_list_set_steps (self->checks, CW_CHECK_LIST_STEP (CW_PLAN_STEP_CLUSTER));
}
