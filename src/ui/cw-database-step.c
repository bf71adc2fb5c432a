/* cw-database-step.c */
#define G_LOG_DOMAIN "cw-database-step"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-check-list.h"
#include "cw-database-step.h"
#include "cw-list-state.h"
#include "cw-plan-loaders.h"
#include "cw-widgets.h"

struct _CwDatabaseStep
{
  AdwBin          parent_instance;

  AdwPreferencesGroup *list_group;
  CwListState    *list_state;
  CwListState    *network_state;
  GtkListBox     *list;
  CwCheckList    *checks;

  CwLinkSession  *session;
  CwLinkPlan     *watched_plan;  /* not owned: only compared */
  char           *region;      /* the region the list shows */
  GCancellable   *cancellable;
  GCancellable   *network_cancellable;
};

G_DEFINE_FINAL_TYPE (CwDatabaseStep, cw_database_step, ADW_TYPE_BIN)

static CwAwsClient *
aws_client (CwDatabaseStep *self)
{
  CwClouds *clouds = cw_link_session_get_clouds (self->session);

  return clouds && self->region ? cw_clouds_get_aws (clouds, self->region) : NULL;
}

static void
network_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CwDatabaseStep) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_link_plan_load_network_finish (CW_LINK_PLAN (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cw_list_state_failed (self->network_state, error->message);
      return;
    }
  cw_list_state_loaded (self->network_state);
}

/* The database's address, VPC and subnets decide most checks: load them at once. */
static void
load_network (CwDatabaseStep *self)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);

  g_cancellable_cancel (self->network_cancellable);
  g_clear_object (&self->network_cancellable);
  if (cw_link_plan_get_database (plan) == NULL || aws_client (self) == NULL)
    {
      cw_list_state_empty (self->network_state, _("Choose a database to see whether it can be linked."));
      return;
    }
  self->network_cancellable = g_cancellable_new ();
  cw_list_state_loading (self->network_state, _("Looking up the database’s address and network"));
  cw_link_plan_load_network_async (plan, aws_client (self), self->network_cancellable, network_done,
                                   g_object_ref (self));
}

static void
on_database_toggled (GtkCheckButton *button,
                     CwDatabaseStep *self)
{
  if (!gtk_check_button_get_active (button))
    return;
  cw_link_plan_set_database (cw_link_session_get_plan (self->session),
                             g_object_get_data (G_OBJECT (button), "database"), self->region);
  load_network (self);
}

static char *
describe_database (CwDatabase *database)
{
  g_autofree char *engine = cw_database_dup_engine_label (database);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("%s · port %u · %s · %s"), engine, cw_database_get_port (database),
                          cw_database_get_vpc_id (database) ? cw_database_get_vpc_id (database) : _("no VPC"),
                          cw_database_get_zone (database) ? cw_database_get_zone (database) : _("zone unknown"));
  if (cw_database_get_zone_id (database) != NULL)
    g_string_append_printf (text, " (%s)", cw_database_get_zone_id (database));
  if (cw_database_get_kind (database) == CW_DATABASE_AURORA_CLUSTER)
    g_string_append (text, _(" · Aurora cluster, linked through its writer"));
  if (cw_database_get_multi_az (database))
    g_string_append (text, _(" · Multi-AZ"));
  if (cw_database_get_publicly_accessible (database))
    g_string_append (text, _(" · publicly accessible"));
  if (!cw_database_is_mysql_compatible (database))
    g_string_append (text, _("\nNot usable: TiDB Cloud’s dataflow reads MySQL-compatible databases only."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
badge (const char *text,
       const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
database_row (CwDatabaseStep *self,
              CwDatabase     *database,
              GtkCheckButton *group)
{
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *subtitle = describe_database (database);
  CwDatabase *chosen = cw_link_plan_get_database (cw_link_session_get_plan (self->session));
  GtkWidget *row = cw_choice_row_new (cw_database_get_id (database), subtitle, check);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  g_object_set_data_full (G_OBJECT (check), "database", g_object_ref (database), g_object_unref);
  if (!cw_database_is_mysql_compatible (database))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge (_("Not usable"), "error"));
  else if (cw_database_get_publicly_accessible (database))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge (_("Public"), "warning"));
  if (chosen != NULL && g_strcmp0 (cw_database_get_id (chosen), cw_database_get_id (database)) == 0)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_database_toggled), self, 0);
  return row;
}

static void
databases_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CwDatabaseStep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) databases = cw_load_databases_finish (CW_AWS_CLIENT (source), result, &error);
  GtkCheckButton *group = NULL;
  guint n;

  if (databases == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cw_list_state_failed (self->list_state, error->message);
      return;
    }
  cw_list_box_clear (self->list);
  n = g_list_model_get_n_items (databases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwDatabase) database = g_list_model_get_item (databases, i);
      GtkWidget *row = database_row (self, database, group);

      if (group == NULL)
        group = GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
      gtk_list_box_append (self->list, row);
    }
  if (n == 0)
    {
      g_autofree char *message = g_strdup_printf (_("There is no RDS database in %s for this AWS account."), self->region);
      cw_list_state_empty (self->list_state, message);
    }
  else
    cw_list_state_loaded (self->list_state);
}

static void
reload (CwDatabaseStep *self)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);
  g_autofree char *description = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->region);
  self->region = g_strdup (cw_link_plan_get_region (plan));
  load_network (self);
  if (aws_client (self) == NULL)
    {
      cw_list_state_empty (self->list_state, _("Verify the accounts and choose a cluster on AWS first."));
      return;
    }
  description = g_strdup_printf (_("RDS instances and Aurora clusters in %s, the cluster’s region. "
                                   "TiDB Cloud’s dataflow reads MySQL-compatible databases."), self->region);
  adw_preferences_group_set_description (self->list_group, description);
  self->cancellable = g_cancellable_new ();
  cw_list_state_loading (self->list_state, _("Loading the databases"));
  cw_load_databases_async (aws_client (self), self->cancellable, databases_done, g_object_ref (self));
}

static void
on_retry (CwDatabaseStep *self)
{
  reload (self);
}

static void
on_network_retry (CwDatabaseStep *self)
{
  load_network (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (CW_DATABASE_STEP (widget));
}

/* The list follows the cluster's region. */
static void
on_cluster_changed (CwDatabaseStep *self)
{
  if (g_strcmp0 (self->region, cw_link_plan_get_region (cw_link_session_get_plan (self->session))) != 0)
    reload (self);
}

static void
on_session_changed (CwDatabaseStep *self)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);

  cw_check_list_set_plan (self->checks, plan);
  if (plan != self->watched_plan)
    g_signal_connect_object (plan, "notify::cluster", G_CALLBACK (on_cluster_changed), self, G_CONNECT_SWAPPED);
  self->watched_plan = plan;
  g_clear_pointer (&self->region, g_free);
  reload (self);
}

void
cw_database_step_set_session (CwDatabaseStep *self,
                              CwLinkSession  *session)
{
  g_return_if_fail (CW_IS_DATABASE_STEP (self));
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::account-check", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::plan", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
  on_session_changed (self);
}

static void
cw_database_step_dispose (GObject *object)
{
  CwDatabaseStep *self = CW_DATABASE_STEP (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->network_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->network_cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->region, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_DATABASE_STEP);
  G_OBJECT_CLASS (cw_database_step_parent_class)->dispose (object);
}

static void
cw_database_step_class_init (CwDatabaseStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_database_step_dispose;

  g_type_ensure (CW_TYPE_LIST_STATE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-database-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CwDatabaseStep, list_group);
  gtk_widget_class_bind_template_child (widget_class, CwDatabaseStep, list_state);
  gtk_widget_class_bind_template_child (widget_class, CwDatabaseStep, network_state);
  gtk_widget_class_bind_template_callback (widget_class, on_retry);
  gtk_widget_class_bind_template_callback (widget_class, on_network_retry);
  gtk_widget_class_install_action (widget_class, "database-step.reload", NULL, reload_action);
}

static void
cw_database_step_init (CwDatabaseStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->list = cw_boxed_list_new (_("Databases"));
  self->checks = g_object_new (CW_TYPE_CHECK_LIST, NULL);
  cw_check_list_set_steps (self->checks, CW_CHECK_LIST_STEP (CW_PLAN_STEP_DATABASE));
  cw_list_state_set_content (self->list_state, GTK_WIDGET (self->list));
  cw_list_state_set_content (self->network_state, GTK_WIDGET (self->checks));
}
