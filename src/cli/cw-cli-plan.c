/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-plan.c: `causeway-cli plan`, every decision behind a link and the checks that
 * say whether it can work, before anything is created */
#define G_LOG_DOMAIN "cw-cli-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-link.h"
#include "cw-cli-table.h"
#include "cw-export.h"
#include "cw-link-addition.h"
#include "cw-link-cost.h"
#include "cw-link-inventory.h"

static void
add_checks (JsonBuilder *builder,
            GListModel  *checks)
{
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(CwCheck) check = g_list_model_get_item (checks, i);

      cw_cli_json_check (builder, check);
    }
  json_builder_end_array (builder);
}

static void
add_resources (JsonBuilder *builder,
               GPtrArray   *changes)
{
  json_builder_set_member_name (builder, "resources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      CwPlanChange *change = g_ptr_array_index (changes, i);

      json_builder_begin_object (builder);
      cw_cli_json_string (builder, "action", cw_change_action_to_string (change->action));
      cw_cli_json_string (builder, "kind", change->kind);
      cw_cli_json_string (builder, "name", change->name);
      cw_cli_json_string (builder, "detail", change->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_database (JsonBuilder *builder,
              CwLinkPlan  *plan)
{
  CwDatabase *database = cw_link_plan_get_database (plan);

  json_builder_set_member_name (builder, "database");
  json_builder_begin_object (builder);
  cw_cli_json_string (builder, "id", cw_database_get_id (database));
  cw_cli_json_string (builder, "kind", cw_database_kind_to_string (cw_database_get_kind (database)));
  cw_cli_json_string (builder, "engine", cw_database_get_engine (database));
  cw_cli_json_string (builder, "region", cw_link_plan_get_database_region (plan));
  cw_cli_json_string (builder, "endpoint", cw_database_get_endpoint (database));
  cw_cli_json_int (builder, "port", cw_database_get_port (database));
  cw_cli_json_string (builder, "vpcId", cw_database_get_vpc_id (database));
  cw_cli_json_string (builder, "privateIp", cw_link_plan_get_database_ip (plan));
  cw_cli_json_string (builder, "zoneId", cw_database_get_zone_id (database));
  cw_cli_json_string (builder, "standbyZoneId", cw_database_get_standby_zone_id (database));
  json_builder_end_object (builder);
}

static void
add_subnets (JsonBuilder *builder,
             CwLinkPlan  *plan)
{
  GListModel *subnets = cw_link_plan_get_subnets (plan);

  json_builder_set_member_name (builder, "subnets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (subnets); i++)
    {
      g_autoptr(CwSubnetChoice) choice = g_list_model_get_item (subnets, i);

      json_builder_begin_object (builder);
      cw_cli_json_string (builder, "id", cw_subnet_choice_get_subnet_id (choice));
      cw_cli_json_string (builder, "zone", cw_subnet_choice_get_zone (choice));
      cw_cli_json_string (builder, "zoneId", cw_subnet_choice_get_zone_id (choice));
      cw_cli_json_boolean (builder, "tidbZone", cw_subnet_choice_get_tidb_uses_zone (choice));
      cw_cli_json_boolean (builder, "selected", cw_subnet_choice_get_selected (choice));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* cost: what the link costs a month, or why that is not known */
static void
add_cost (JsonBuilder *builder,
          CwLinkCost  *cost)
{
  gboolean known = cw_link_cost_get_known (cost);
  g_autofree char *details = cw_link_cost_dup_details (cost);

  json_builder_set_member_name (builder, "cost");
  json_builder_begin_object (builder);
  cw_cli_json_boolean (builder, "known", known);
  cw_cli_json_boolean (builder, "shared", cw_link_cost_get_shared (cost));
  cw_cli_json_string (builder, "currency", "USD");
  cw_cli_json_string (builder, "region", cw_link_cost_get_region (cost));
  json_builder_set_member_name (builder, "monthly");
  if (known)
    json_builder_add_double_value (builder, cw_link_cost_get_monthly_usd (cost));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "loadBalancerPerHour");
  json_builder_add_double_value (builder, cw_link_cost_get_load_balancer_usd_per_hour (cost));
  json_builder_set_member_name (builder, "nlcuPerHour");
  json_builder_add_double_value (builder, cw_link_cost_get_nlcu_usd_per_hour (cost));
  cw_cli_json_int (builder, "hoursPerMonth", CW_LINK_COST_HOURS_PER_MONTH);
  cw_cli_json_int (builder, "nlcusAssumed", CW_LINK_COST_NLCUS_ASSUMED);
  cw_cli_json_string (builder, known ? "assumption" : "why", details);
  json_builder_end_object (builder);
}

static void
print_json (CwLinkPlan *plan,
            CwLinkCost *cost,
            GPtrArray  *changes,
            GPtrArray  *addable)
{
  CwTidbCluster *cluster = cw_link_plan_get_cluster (plan);
  CwTidbAvailabilityZones *zones = cw_link_plan_get_tidb_zones (plan);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  cw_cli_json_string (builder, "linkId", cw_link_plan_get_link_id (plan));
  cw_cli_json_boolean (builder, "ready", cw_link_plan_is_ready (plan));
  cw_cli_json_string (builder, "clusterId", cw_tidb_cluster_get_cluster_id (cluster));
  cw_cli_json_string (builder, "region", cw_link_plan_get_region (plan));
  cw_cli_json_string (builder, "tidbAccountId", zones ? cw_tidb_availability_zones_get_account_id (zones) : NULL);
  cw_cli_json_strv (builder, "tidbZoneIds", zones ? cw_tidb_availability_zones_get_zone_ids (zones) : NULL);
  add_database (builder, plan);
  add_subnets (builder, plan);
  cw_cli_json_string (builder, "displayName", cw_link_plan_get_display_name (plan));
  cw_cli_json_string (builder, "targetGroupName", cw_link_plan_get_target_group_name (plan));
  cw_cli_json_string (builder, "loadBalancerName", cw_link_plan_get_load_balancer_name (plan));
  cw_cli_json_string (builder, "nlbSecurityGroup", cw_link_plan_get_nlb_security_group (plan));
  cw_cli_json_string (builder, "databaseSecurityGroup", cw_link_plan_get_database_security_group (plan));
  cw_cli_json_boolean (builder, "crossZone", cw_link_plan_get_cross_zone (plan));
  cw_cli_json_string (builder, "crossZoneReason", cw_link_plan_get_cross_zone_reason (plan));
  add_checks (builder, cw_link_plan_get_checks (plan));
  add_resources (builder, changes);
  add_cost (builder, cost);
  json_builder_set_member_name (builder, "canAddTo");
  json_builder_begin_array (builder);
  for (guint i = 0; i < addable->len; i++)
    json_builder_add_string_value (builder, cw_link_get_id (g_ptr_array_index (addable, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cw_cli_print_json (root);
}

static void
print_table (CwLinkPlan *plan,
             CwLinkCost *cost,
             GPtrArray  *changes,
             GPtrArray  *addable)
{
  const char *change_headers[] = { _("ACTION"), _("RESOURCE"), _("NAME"), _("DETAIL"), NULL };
  g_autoptr(CwCliTable) check_table = cw_cli_check_table_new ();
  g_autoptr(CwCliTable) change_table = cw_cli_table_new (change_headers);
  GListModel *checks = cw_link_plan_get_checks (plan);
  g_autofree char *headline = cw_link_cost_dup_headline (cost);
  g_autofree char *details = cw_link_cost_dup_details (cost);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(CwCheck) check = g_list_model_get_item (checks, i);

      cw_cli_table_add_check (check_table, check);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      CwPlanChange *change = g_ptr_array_index (changes, i);
      const char *cells[] = { cw_change_action_to_string (change->action), change->kind, change->name,
                              change->detail, NULL };

      cw_cli_table_add_row (change_table, cells);
    }
  g_print (_("Link %s\n\n"), cw_link_plan_get_link_id (plan));
  cw_cli_table_print (check_table);
  g_print ("\n");
  cw_cli_table_print (change_table);
  /* TRANSLATORS: the link's monthly cost, then what it rests on or why it is unknown */
  g_print (_("\nCost: %s. %s\n"), headline, details);
  for (guint i = 0; i < addable->len; i++)
    {
      CwLink *link = g_ptr_array_index (addable, i);

      g_print (_("Link “%s” can serve this database too, with no additional hourly cost: apply --add-to %s\n"),
               cw_link_get (link, CW_LINK_DISPLAY_NAME), cw_link_get_id (link));
    }
}

/* The cluster's links the plan's database could join instead (DESIGN.md §4.5); none when
 * they cannot be read: the plan does not depend on them. */
static GPtrArray *
links_to_add_to (CwClouds   *clouds,
                 CwLinkPlan *plan)
{
  GPtrArray *addable = g_ptr_array_new_with_free_func (g_object_unref);
  CwDatabase *database = cw_link_plan_get_database (plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwLinkInventory) inventory = NULL;
  GListModel *links;

  if (database == NULL || cw_link_plan_get_cluster (plan) == NULL)
    return addable;
  inventory = cw_cli_load_inventory (clouds, cw_tidb_cluster_get_cluster_id (cw_link_plan_get_cluster (plan)), &error);
  if (inventory == NULL)
    {
      g_debug ("The links to add the database to: %s", error->message);
      return addable;
    }
  links = cw_link_inventory_get_links (inventory);
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CwLink) link = g_list_model_get_item (links, i);
      g_autofree char *why = NULL;

      if (cw_link_can_add_database (link, database, &why))
        g_ptr_array_add (addable, g_steal_pointer (&link));
    }
  return addable;
}

/* What the plan's link costs; never fails but when interrupted. */
static CwLinkCost *
estimate_cost (CwClouds   *clouds,
               CwLinkPlan *plan)
{
  const char *region = cw_link_plan_get_database_region (plan) ?: cw_link_plan_get_region (plan);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CwLinkCost *cost;

  cw_link_cost_estimate_async (clouds, region, NULL, cw_cli_store_result, &result);
  cost = cw_link_cost_estimate_finish (cw_cli_wait (&result), &error);
  return cost ? cost : cw_link_cost_new_unknown (region, error->message);
}

/* The database added to the link --add-to names (DESIGN.md §4.5), or NULL and @error set. */
static CwJournal *
addition_spec (CwClouds    *clouds,
               CwLinkPlan  *plan,
               const char  *link_id,
               GError     **error)
{
  CwCliPlanOptions find = { .cluster_id = (char *) cw_tidb_cluster_get_cluster_id (cw_link_plan_get_cluster (plan)) };
  g_autoptr(CwLink) link = cw_cli_find_link_to_add_to (clouds, link_id, &find, error);

  return link ? cw_cli_new_addition (clouds, link, plan, error) : NULL;
}

static int
print_plan (CwCli      *cli,
            CwClouds   *clouds,
            CwLinkPlan *plan,
            gpointer    data)
{
  const char *add_to = *(char **) data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwJournal) spec = add_to ? addition_spec (clouds, plan, add_to, &error) : cw_journal_new_for_plan (plan);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) addable = NULL;
  g_autoptr(CwLinkCost) cost = NULL;

  if (spec == NULL)
    return cw_cli_fail (error);
  changes = cw_export_changes (spec);
  cost = add_to ? cw_link_cost_new_shared (cw_link_plan_get_database_region (plan)) : estimate_cost (clouds, plan);
  addable = add_to ? g_ptr_array_new () : links_to_add_to (clouds, plan);

  if (cli->output == CW_CLI_OUTPUT_JSON)
    print_json (plan, cost, changes, addable);
  else
    print_table (plan, cost, changes, addable);
  if (!cw_cli_plan_refuse_if_not_ready (plan, &error))
    return cw_cli_fail (error);
  return CW_CLI_EXIT_OK;
}

int
cw_cli_plan (CwCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *add_to = NULL;
  const GOptionEntry entries[] = {
    { "add-to", 0, 0, G_OPTION_ARG_STRING, &add_to,
      N_("Plan the database as added to this link, not as a new link"), N_("LINK") },
    { NULL }
  };
  const CwCliPlanCommand command = { "plan", entries, NULL, print_plan, &add_to };

  return cw_cli_run_plan_command (cli, argc, argv, &command);
}
