/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-network-step.c */
#define G_LOG_DOMAIN "cw-network-step"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-check-list.h"
#include "cw-network-step.h"
#include "cw-widgets.h"

struct _CwNetworkStep
{
  AdwBin         parent_instance;

  AdwPreferencesGroup *subnets_group;
  GtkListBox    *subnets_list;
  AdwActionRow  *new_group_row;
  GtkSwitch     *new_group_switch;
  AdwEntryRow   *existing_group_row;
  AdwActionRow  *database_rule_row;
  GtkSwitch     *database_rule_switch;
  AdwEntryRow   *target_group_row;
  AdwEntryRow   *load_balancer_row;
  AdwEntryRow   *display_name_row;
  AdwActionRow  *cross_zone_row;
  GtkLabel      *cross_zone_label;
  CwCheckList   *checks;

  CwLinkSession *session;
  GPtrArray     *bindings;   /* GBinding to the current plan */
  char          *subnets_description;  /* the template's, for a new link */
};

G_DEFINE_FINAL_TYPE (CwNetworkStep, cw_network_step, ADW_TYPE_BIN)

static GtkWidget *
subnet_row (gpointer item,
            gpointer user_data)
{
  CwSubnetChoice *choice = item;
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *subtitle = g_strdup_printf ("%s (%s) · %s%s", cw_subnet_choice_get_zone (choice),
                                               cw_subnet_choice_get_zone_id (choice),
                                               cw_subnet_choice_get_cidr (choice),
                                               cw_subnet_choice_get_tidb_uses_zone (choice)
                                                 ? _(" · TiDB Cloud uses this zone") : "");
  GtkWidget *row = cw_choice_row_new (cw_subnet_choice_get_subnet_id (choice), subtitle, check);

  g_object_bind_property (choice, "selected", check, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return row;
}

/* A name row shows the error style while its check says AWS would refuse the name. */
static void
mark_name_rows (CwNetworkStep *self)
{
  GListModel *checks = cw_link_plan_get_checks (cw_link_session_get_plan (self->session));
  struct { const char *id; GtkWidget *row; } rows[] = {
    { "target-group-name", GTK_WIDGET (self->target_group_row) },
    { "load-balancer-name", GTK_WIDGET (self->load_balancer_row) },
  };

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    gtk_widget_remove_css_class (rows[r].row, "error");
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(CwCheck) check = g_list_model_get_item (checks, i);

      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        if (g_str_equal (cw_check_get_id (check), rows[r].id) && cw_check_get_level (check) == CW_CHECK_ERROR)
          gtk_widget_add_css_class (rows[r].row, "error");
    }
}

static void
show_cross_zone (CwNetworkStep *self)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);
  gboolean on = cw_link_plan_get_cross_zone (plan);

  gtk_label_set_text (self->cross_zone_label, on ? _("On") : _("Off"));
  adw_action_row_set_subtitle (self->cross_zone_row,
                               on ? cw_link_plan_get_cross_zone_reason (plan)
                                  : _("Not needed: the database sits in a zone where TiDB Cloud has an endpoint."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cross_zone_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, on ? _("On") : _("Off"), -1);
}

static void
show_database_rule (CwNetworkStep *self)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);
  CwDatabase *database = cw_link_plan_get_database (plan);
  const char * const *groups = database ? cw_database_get_security_group_ids (database) : NULL;
  g_autofree char *subtitle = NULL;

  if (groups == NULL || groups[0] == NULL)
    {
      adw_action_row_set_subtitle (self->database_rule_row, _("The database has no VPC security group."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->database_rule_row), FALSE);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->database_rule_row), TRUE);
  subtitle = g_strdup_printf (_("One inbound rule on %s: the database port, from the load balancer’s security group only"),
                              groups[0]);
  adw_action_row_set_subtitle (self->database_rule_row, subtitle);
}

static void
on_new_group_toggled (CwNetworkStep *self)
{
  gboolean create = gtk_switch_get_active (self->new_group_switch);
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->existing_group_row), !create);
  cw_link_plan_set_nlb_security_group (plan, create ? NULL : gtk_editable_get_text (GTK_EDITABLE (self->existing_group_row)));
}

static void
on_database_rule_toggled (CwNetworkStep *self)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);
  CwDatabase *database = cw_link_plan_get_database (plan);
  const char * const *groups = database ? cw_database_get_security_group_ids (database) : NULL;

  cw_link_plan_set_database_security_group (plan, gtk_switch_get_active (self->database_rule_switch) && groups
                                                    ? groups[0] : NULL);
}

/* An entry's text is never NULL; a name not derived yet shows as empty. */
static gboolean
null_to_empty (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_set_string (to, g_value_get_string (from) ? g_value_get_string (from) : "");
  return TRUE;
}

static void
bind_name (CwNetworkStep *self,
           CwLinkPlan    *plan,
           const char    *property,
           AdwEntryRow   *row)
{
  g_ptr_array_add (self->bindings,
                   g_object_ref (g_object_bind_property_full (plan, property, row, "text",
                                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                              null_to_empty, NULL, NULL, NULL)));
}

static void
unbind_all (CwNetworkStep *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

static void
on_plan_changed (CwNetworkStep *self)
{
  CwLinkPlan *plan = cw_link_session_get_plan (self->session);

  unbind_all (self);
  gtk_list_box_bind_model (self->subnets_list, cw_link_plan_get_subnets (plan), subnet_row, self, NULL);
  bind_name (self, plan, "target-group-name", self->target_group_row);
  bind_name (self, plan, "load-balancer-name", self->load_balancer_row);
  bind_name (self, plan, "display-name", self->display_name_row);
  cw_check_list_set_plan (self->checks, plan);
  g_signal_connect_object (cw_link_plan_get_checks (plan), "items-changed", G_CALLBACK (mark_name_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (plan, "notify::cross-zone-reason", G_CALLBACK (show_cross_zone), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (plan, "notify::database", G_CALLBACK (show_database_rule), self, G_CONNECT_SWAPPED);
  show_cross_zone (self);
  show_database_rule (self);
  mark_name_rows (self);
}

/* A database added to a link uses the link's load balancer as it is: its subnets, group
 * and names are not the database's to choose. */
static void
show_addition (CwNetworkStep *self)
{
  CwLink *link = cw_link_session_get_addition_link (self->session);
  g_autofree char *description = NULL;
  GtkWidget *link_parts[] = {
    GTK_WIDGET (self->subnets_list), GTK_WIDGET (self->new_group_row), GTK_WIDGET (self->existing_group_row),
    GTK_WIDGET (self->load_balancer_row), GTK_WIDGET (self->display_name_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (link_parts); i++)
    gtk_widget_set_sensitive (link_parts[i], link == NULL);
  if (link != NULL)
    description = g_strdup_printf (_("The database joins “%s”: its load balancer %s keeps its subnets, security group "
                                     "and names. The database gets its own target group, below."),
                                   cw_link_get (link, CW_LINK_DISPLAY_NAME),
                                   cw_link_get (link, CW_LINK_LOAD_BALANCER_NAME));
  adw_preferences_group_set_description (self->subnets_group, description ? description : self->subnets_description);
}

void
cw_network_step_set_session (CwNetworkStep *self,
                             CwLinkSession *session)
{
  g_return_if_fail (CW_IS_NETWORK_STEP (self));
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::plan", G_CALLBACK (on_plan_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::addition-link", G_CALLBACK (show_addition), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_group_switch, "notify::active", G_CALLBACK (on_new_group_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->existing_group_row, "changed", G_CALLBACK (on_new_group_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->database_rule_switch, "notify::active", G_CALLBACK (on_database_rule_toggled), self,
                           G_CONNECT_SWAPPED);
  on_plan_changed (self);
  show_addition (self);
}

static void
cw_network_step_dispose (GObject *object)
{
  CwNetworkStep *self = CW_NETWORK_STEP (object);

  if (self->bindings != NULL)
    unbind_all (self);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_pointer (&self->subnets_description, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_NETWORK_STEP);
  G_OBJECT_CLASS (cw_network_step_parent_class)->dispose (object);
}

static void
cw_network_step_class_init (CwNetworkStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_network_step_dispose;

  g_type_ensure (CW_TYPE_CHECK_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-network-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, subnets_group);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, subnets_list);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, new_group_row);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, new_group_switch);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, existing_group_row);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, database_rule_row);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, database_rule_switch);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, target_group_row);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, load_balancer_row);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, cross_zone_row);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, cross_zone_label);
  gtk_widget_class_bind_template_child (widget_class, CwNetworkStep, checks);
}

static void
cw_network_step_init (CwNetworkStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->subnets_description = g_strdup (adw_preferences_group_get_description (self->subnets_group));
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  cw_check_list_set_steps (self->checks, CW_CHECK_LIST_STEP (CW_PLAN_STEP_NETWORK));
}
