/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-database-step.c */
#define G_LOG_DOMAIN "cw-database-step"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-check-list.h"
#include "cw-checks.h"
#include "cw-database-step.h"
#include "cw-link-addition.h"
#include "cw-link-inventory.h"
#include "cw-list-state.h"
#include "cw-plan-loaders.h"
#include "cw-widgets.h"

/* A database of the list, with what its row shows of it. */
typedef struct {
  CwDatabase *database;
  GtkWidget  *row;       /* the list's: dropped with it */
  GtkWidget  *check;
  GtkWidget  *zones;     /* the suffix showing the zone-overlap verdict */
  char       *subtitle;  /* what the row says before the verdict */
} DatabaseRow;

struct _CwDatabaseStep
{
  AdwBin          parent_instance;

  AdwPreferencesGroup *list_group;
  CwListState    *list_state;
  CwListState    *network_state;
  GtkWidget      *zones_error_list;
  AdwActionRow   *zones_error_row;
  GtkListBox     *list;
  CwCheckList    *checks;
  AdwPreferencesGroup *link_group;
  CwListState    *link_state;
  GtkListBox     *link_list;

  CwLinkSession  *session;
  CwLinkPlan     *watched_plan;  /* not owned: only compared */
  char           *region;      /* the region the list shows */
  GCancellable   *cancellable;
  GCancellable   *network_cancellable;

  GPtrArray      *rows;          /* DatabaseRow, in list order */
  GHashTable     *vpc_zone_ids;  /* VPC id → its subnets' zone IDs; NULL until loaded */
  char           *zones_error;   /* why they could not be loaded */
  GCancellable   *zones_cancellable;

  CwLinkInventory *inventory;      /* the cluster's links, which the database may join */
  char            *inventory_cluster;
  GCancellable    *links_cancellable;
  GCancellable    *addition_cancellable;
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

/* ---- a new link, or a link the database joins (DESIGN.md §4.5) ---- */

static void
forget_addition (CwDatabaseStep *self)
{
  g_cancellable_cancel (self->addition_cancellable);
  g_clear_object (&self->addition_cancellable);
  cw_link_session_set_addition (self->session, NULL, NULL, 0);
}

/* A choice to join a link, while its load balancer is asked for a port. */
typedef struct {
  CwDatabaseStep *self;
  GtkWidget      *check;
} Joining;

static void
joining_free (Joining *joining)
{
  g_object_unref (joining->self);
  g_object_unref (joining->check);
  g_free (joining);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Joining, joining_free)

static void
show_choice_subtitle (GtkWidget  *check,
                      const char *subtitle)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW)), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

/* The port is the load balancer's to give: it is asked which it has free. */
static void
addition_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Joining) joining = user_data;
  CwDatabaseStep *self = joining->self;
  CwLink *link = g_object_get_data (G_OBJECT (joining->check), "link");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwJournal) spec = cw_link_addition_new_finish (result, &error);
  g_autofree char *subtitle = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->addition_cancellable);
  if (spec == NULL)
    {
      subtitle = g_strdup_printf (_("It cannot serve the database: %s"), error->message);
      show_choice_subtitle (joining->check, subtitle);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (g_object_get_data (G_OBJECT (joining->check), "new-link")), TRUE);
      return;
    }
  subtitle = g_strdup_printf (_("Its load balancer %s serves the database too, on port %u: ready in seconds, no "
                                "additional hourly cost."),
                              cw_link_get (link, CW_LINK_LOAD_BALANCER_NAME),
                              cw_journal_get_spec_uint (spec, CW_SPEC_LISTENER_PORT));
  show_choice_subtitle (joining->check, subtitle);
  cw_link_session_set_addition (self->session, link, cw_journal_get_spec (spec, CW_SPEC_NLB_SECURITY_GROUP),
                                cw_journal_get_spec_uint (spec, CW_SPEC_LISTENER_PORT));
}

static void
on_link_toggled (GtkCheckButton *check,
                 CwDatabaseStep *self)
{
  CwLink *link = g_object_get_data (G_OBJECT (check), "link");
  Joining *joining;

  if (!gtk_check_button_get_active (check))
    return;
  forget_addition (self);
  if (link == NULL)
    return;
  joining = g_new0 (Joining, 1);
  joining->self = g_object_ref (self);
  joining->check = g_object_ref (GTK_WIDGET (check));
  self->addition_cancellable = g_cancellable_new ();
  cw_link_addition_new_async (cw_link_session_get_clouds (self->session), link, cw_link_session_get_plan (self->session),
                              self->addition_cancellable, addition_ready, joining);
}

static GtkWidget *
link_choice (CwDatabaseStep *self,
             const char     *title,
             const char     *subtitle,
             GtkCheckButton *group)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *row = cw_choice_row_new (title, subtitle, check);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_link_toggled), self, 0);
  gtk_list_box_append (self->link_list, row);
  return check;
}

/* "New Link", then each link of the cluster that can take the database; none such: no
 * choice to offer. */
static void
show_link_choices (CwDatabaseStep *self)
{
  CwDatabase *database = cw_link_plan_get_database (cw_link_session_get_plan (self->session));
  GListModel *links = cw_link_inventory_get_links (self->inventory);
  GtkWidget *new_link = NULL;
  guint offered = 0;

  cw_list_box_clear (self->link_list);
  if (database == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->link_group), FALSE);
      return;
    }
  new_link = link_choice (self, _("New Link"), _("A load balancer, endpoint service and TiDB Cloud connection of its "
                                                 "own: about three minutes."), NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (new_link), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CwLink) link = g_list_model_get_item (links, i);
      g_autofree char *why = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *check;

      if (!cw_link_can_add_database (link, database, &why))
        continue;
      /* TRANSLATORS: the name of a link */
      title = g_strdup_printf (_("Add to “%s”"), cw_link_get (link, CW_LINK_DISPLAY_NAME));
      subtitle = g_strdup_printf (_("Its load balancer %s serves the database too, on a port of its own: no additional "
                                    "hourly cost."), cw_link_get (link, CW_LINK_LOAD_BALANCER_NAME));
      check = link_choice (self, title, subtitle, GTK_CHECK_BUTTON (new_link));
      g_object_set_data_full (G_OBJECT (check), "link", g_object_ref (link), g_object_unref);
      g_object_set_data (G_OBJECT (check), "new-link", new_link);
      offered++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->link_group), offered > 0);
  cw_list_state_loaded (self->link_state);
}

static void
links_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CwDatabaseStep) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_link_inventory_refresh_finish (CW_LINK_INVENTORY (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->link_group), TRUE);
          cw_list_state_failed (self->link_state, error->message);
        }
      return;
    }
  g_clear_object (&self->links_cancellable);
  show_link_choices (self);
}

/* The cluster's links, read once per cluster and accounts: the rows then follow the
 * chosen database. */
static void
load_link_choices (CwDatabaseStep *self)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);
  CwTidbCluster *cluster = cw_link_plan_get_cluster (plan);
  CwClouds *clouds = cw_link_session_get_clouds (self->session);
  const char *cluster_ids[] = { cluster ? cw_tidb_cluster_get_cluster_id (cluster) : NULL, NULL };

  forget_addition (self);
  if (clouds == NULL || cluster_ids[0] == NULL || cw_link_plan_get_database (plan) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->link_group), FALSE);
      return;
    }
  if (self->inventory != NULL && g_str_equal (cluster_ids[0], self->inventory_cluster) && self->links_cancellable == NULL)
    {
      show_link_choices (self);
      return;
    }
  g_cancellable_cancel (self->links_cancellable);
  g_set_object (&self->links_cancellable, g_cancellable_new ());
  g_set_object (&self->inventory, cw_link_inventory_new (clouds));
  g_free (self->inventory_cluster);
  self->inventory_cluster = g_strdup (cluster_ids[0]);
  cw_list_state_loading (self->link_state, _("Looking for links the database could join"));
  cw_link_inventory_refresh_async (self->inventory, cluster_ids, self->links_cancellable, links_loaded,
                                   g_object_ref (self));
}

static void
on_link_retry (CwDatabaseStep *self)
{
  g_clear_object (&self->inventory);
  load_link_choices (self);
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
  load_link_choices (self);
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

static void
database_row_free (DatabaseRow *row)
{
  g_clear_object (&row->database);
  g_free (row->subtitle);
  g_free (row);
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

/* A spinner while the VPCs' subnets load; the label is what a screen reader says. */
static GtkWidget *
checking_zones (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *label = gtk_label_new (_("Checking zones…"));

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* The zone-overlap verdict of a database before it is chosen, by the same rule the plan
 * applies once it is (cw_vpc_zone_overlap); @sentence says it in full. NULL when there is
 * none to give: no VPC (the database's own checks say so once chosen) or no zones from
 * TiDB Cloud (the Cluster step says why). */
static GtkWidget *
zone_verdict (CwDatabaseStep  *self,
              CwDatabase      *database,
              char           **sentence)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);
  CwTidbAvailabilityZones *tidb_zones = cw_link_plan_get_tidb_zones (plan);
  const char *vpc_id = cw_database_get_vpc_id (database);
  g_autoptr(CwCheck) verdict = NULL;

  *sentence = NULL;
  if (vpc_id == NULL || (tidb_zones == NULL && cw_link_plan_get_tidb_zones_error (plan) != NULL))
    return NULL;
  /* The reason, with Retry, is said once above the list rather than in every row. */
  if (self->zones_error != NULL)
    {
      *sentence = g_strdup (_("Could not check whether the database’s VPC shares a zone with TiDB Cloud."));
      return badge (_("Zones not checked"), "warning");
    }
  if (self->vpc_zone_ids == NULL)
    return checking_zones ();
  /* TiDB Cloud's zones are the Cluster step's to load (and to say why they failed). */
  if (tidb_zones == NULL)
    {
      *sentence = g_strdup (_("Waiting for TiDB Cloud’s zones from the TiDB Cluster step."));
      return checking_zones ();
    }
  verdict = cw_vpc_zone_overlap (g_hash_table_lookup (self->vpc_zone_ids, vpc_id),
                                 cw_tidb_availability_zones_get_zone_ids (tidb_zones));
  if (cw_check_get_level (verdict) == CW_CHECK_OK)
    {
      *sentence = g_strdup (cw_check_get_message (verdict));
      return badge (_("Zones fit"), "success");
    }
  *sentence = cw_check_dup_sentence (verdict);
  return badge (_("No shared zone"), "error");
}

/* The verdict goes in the badge, its sentence in the badge's tooltip and in the row's
 * subtitle, and both to screen readers. */
static void
show_zone_verdict (CwDatabaseStep *self,
                   DatabaseRow    *row)
{
  g_autofree char *sentence = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *verdict = zone_verdict (self, row->database, &sentence);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (row->zones)) != NULL)
    gtk_box_remove (GTK_BOX (row->zones), child);
  if (verdict != NULL)
    gtk_box_append (GTK_BOX (row->zones), verdict);
  if (sentence != NULL)
    {
      gtk_widget_set_tooltip_text (verdict, sentence);
      gtk_accessible_update_property (GTK_ACCESSIBLE (verdict), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence, -1);
    }
  subtitle = sentence ? g_strconcat (row->subtitle, "\n", sentence, NULL) : g_strdup (row->subtitle);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

static void
show_zone_verdicts (CwDatabaseStep *self)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    show_zone_verdict (self, g_ptr_array_index (self->rows, i));
}

static DatabaseRow *
database_row (CwDatabaseStep *self,
              CwDatabase     *database,
              GtkCheckButton *group)
{
  DatabaseRow *row = g_new0 (DatabaseRow, 1);
  CwDatabase *chosen = cw_link_plan_get_database (cw_link_session_get_plan (self->session));

  row->database = g_object_ref (database);
  row->subtitle = describe_database (database);
  row->check = gtk_check_button_new ();
  row->row = cw_choice_row_new (cw_database_get_id (database), row->subtitle, row->check);
  row->zones = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (row->zones, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), row->zones);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (row->check), group);
  g_object_set_data_full (G_OBJECT (row->check), "database", g_object_ref (database), g_object_unref);
  if (!cw_database_is_mysql_compatible (database))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), badge (_("Not usable"), "error"));
  else if (cw_database_get_publicly_accessible (database))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), badge (_("Public"), "warning"));
  if (chosen != NULL && g_strcmp0 (cw_database_get_id (chosen), cw_database_get_id (database)) == 0)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (row->check), TRUE);
  g_signal_connect_object (row->check, "toggled", G_CALLBACK (on_database_toggled), self, 0);
  return row;
}

static void
zones_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CwDatabaseStep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) vpc_zone_ids = cw_load_vpc_zone_ids_finish (CW_AWS_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (vpc_zone_ids == NULL)
    {
      self->zones_error = g_strdup (error->message);
      adw_action_row_set_subtitle (self->zones_error_row, error->message);
      gtk_widget_set_visible (self->zones_error_list, TRUE);
    }
  self->vpc_zone_ids = g_steal_pointer (&vpc_zone_ids);
  show_zone_verdicts (self);
}

static void
forget_zones (CwDatabaseStep *self)
{
  g_cancellable_cancel (self->zones_cancellable);
  g_clear_object (&self->zones_cancellable);
  g_clear_pointer (&self->vpc_zone_ids, g_hash_table_unref);
  g_clear_pointer (&self->zones_error, g_free);
  gtk_widget_set_visible (self->zones_error_list, FALSE);
}

/* The subnets of every listed database's VPC, in one request, so that each row can say
 * whether its database shares a zone with TiDB Cloud before it is chosen. They do not
 * depend on the cluster: a cluster in the same region only changes TiDB Cloud's zones,
 * which the rows follow (on_tidb_zones_changed). */
static void
load_zones (CwDatabaseStep *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) vpc_ids = g_ptr_array_new ();

  forget_zones (self);
  if (aws_client (self) == NULL)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    {
      const char *vpc_id = cw_database_get_vpc_id (((DatabaseRow *) g_ptr_array_index (self->rows, i))->database);

      if (vpc_id != NULL && g_hash_table_add (seen, (gpointer) vpc_id))
        g_ptr_array_add (vpc_ids, (gpointer) vpc_id);
    }
  g_ptr_array_add (vpc_ids, NULL);
  self->zones_cancellable = g_cancellable_new ();
  cw_load_vpc_zone_ids_async (aws_client (self), (const char * const *) vpc_ids->pdata, self->zones_cancellable,
                              zones_done, g_object_ref (self));
  show_zone_verdicts (self);
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
  g_ptr_array_set_size (self->rows, 0);
  n = g_list_model_get_n_items (databases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwDatabase) database = g_list_model_get_item (databases, i);
      DatabaseRow *row = database_row (self, database, group);

      if (group == NULL)
        group = GTK_CHECK_BUTTON (row->check);
      gtk_list_box_append (self->list, row->row);
      g_ptr_array_add (self->rows, row);
    }
  load_zones (self);
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
  forget_zones (self);
  forget_addition (self);
  gtk_widget_set_visible (GTK_WIDGET (self->link_group), FALSE);
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
on_zones_retry (CwDatabaseStep *self)
{
  load_zones (self);
}

static void
on_tidb_zones_changed (CwDatabaseStep *self)
{
  show_zone_verdicts (self);
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
    {
      g_signal_connect_object (plan, "notify::cluster", G_CALLBACK (on_cluster_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (plan, "notify::tidb-zones", G_CALLBACK (on_tidb_zones_changed), self, G_CONNECT_SWAPPED);
    }
  self->watched_plan = plan;
  g_clear_pointer (&self->region, g_free);
  /* Other accounts, or a new plan: the links are read again when a database is chosen. */
  g_cancellable_cancel (self->links_cancellable);
  g_clear_object (&self->links_cancellable);
  g_clear_object (&self->inventory);
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
  g_cancellable_cancel (self->zones_cancellable);
  g_cancellable_cancel (self->links_cancellable);
  g_cancellable_cancel (self->addition_cancellable);
  g_clear_object (&self->links_cancellable);
  g_clear_object (&self->addition_cancellable);
  g_clear_object (&self->inventory);
  g_clear_pointer (&self->inventory_cluster, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->network_cancellable);
  g_clear_object (&self->zones_cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->vpc_zone_ids, g_hash_table_unref);
  g_clear_pointer (&self->zones_error, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, CwDatabaseStep, zones_error_list);
  gtk_widget_class_bind_template_child (widget_class, CwDatabaseStep, zones_error_row);
  gtk_widget_class_bind_template_child (widget_class, CwDatabaseStep, link_group);
  gtk_widget_class_bind_template_child (widget_class, CwDatabaseStep, link_state);
  gtk_widget_class_bind_template_callback (widget_class, on_retry);
  gtk_widget_class_bind_template_callback (widget_class, on_network_retry);
  gtk_widget_class_bind_template_callback (widget_class, on_zones_retry);
  gtk_widget_class_bind_template_callback (widget_class, on_link_retry);
  gtk_widget_class_install_action (widget_class, "database-step.reload", NULL, reload_action);
}

static void
cw_database_step_init (CwDatabaseStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) database_row_free);
  self->list = cw_boxed_list_new (_("Databases"));
  self->checks = g_object_new (CW_TYPE_CHECK_LIST, NULL);
  cw_check_list_set_steps (self->checks, CW_CHECK_LIST_STEP (CW_PLAN_STEP_DATABASE));
  cw_list_state_set_content (self->list_state, GTK_WIDGET (self->list));
  cw_list_state_set_content (self->network_state, GTK_WIDGET (self->checks));
  self->link_list = cw_boxed_list_new (_("Links"));
  cw_list_state_set_content (self->link_state, GTK_WIDGET (self->link_list));
}
