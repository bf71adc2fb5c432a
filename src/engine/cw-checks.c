/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-checks.c */
#define G_LOG_DOMAIN "cw-checks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-checks.h"
#include "cw-link-plan.h"

/* ---- names AWS accepts ---- */

/* Target group and load balancer names: 1–32 letters, digits and hyphens, no hyphen at
 * either end, and a load balancer's may not start with "internal-". */
char *
cw_aws_name_problem (const char *name,
                     gboolean    load_balancer)
{
  gsize length = name ? strlen (name) : 0;

  if (length == 0)
    return g_strdup (_("The name is empty."));
  if (length > CW_AWS_NAME_MAX)
    return g_strdup_printf (_("The name has %zu characters; AWS allows at most %d."), length, CW_AWS_NAME_MAX);
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return g_strdup_printf (_("“%c” is not allowed: use only letters, digits and hyphens."), *p);
  if (name[0] == '-' || name[length - 1] == '-')
    return g_strdup (_("The name cannot start or end with a hyphen."));
  if (load_balancer && g_ascii_strncasecmp (name, "internal-", strlen ("internal-")) == 0)
    return g_strdup (_("A load balancer’s name cannot start with “internal-”."));
  return NULL;
}

/* A valid name from any database identifier: lower case, runs of other characters turned
 * into one hyphen, cut to fit. */
char *
cw_derive_aws_name (const char *prefix,
                    const char *base)
{
  g_autoptr(GString) name = g_string_new (prefix);

  for (const char *p = base ? base : ""; *p; p++)
    {
      char c = g_ascii_tolower (*p);

      if (!g_ascii_isalnum (c))
        c = '-';
      if (c == '-' && (name->len == 0 || name->str[name->len - 1] == '-'))
        continue;
      g_string_append_c (name, c);
    }
  if (name->len > CW_AWS_NAME_MAX)
    g_string_truncate (name, CW_AWS_NAME_MAX);
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_assign (name, "causeway");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* ---- addresses ---- */

gboolean
cw_ip_in_cidrs (const char         *ip,
                const char * const *cidrs)
{
  g_autoptr(GInetAddress) address = ip ? g_inet_address_new_from_string (ip) : NULL;

  if (address == NULL)
    return FALSE;
  for (guint i = 0; cidrs && cidrs[i]; i++)
    {
      g_autoptr(GInetAddressMask) mask = g_inet_address_mask_new_from_string (cidrs[i], NULL);

      if (mask != NULL && g_inet_address_mask_matches (mask, address))
        return TRUE;
    }
  return FALSE;
}

/* ---- zones ---- */

static gboolean
zone_used_by_tidb (const char         *zone_id,
                   const char * const *tidb_zone_ids)
{
  return zone_id == NULL || *zone_id == '\0' || (tidb_zone_ids && g_strv_contains (tidb_zone_ids, zone_id));
}

/* NLB nodes forward only within their zone unless cross-zone load balancing is on: it is
 * needed when the database (or its Multi-AZ standby) sits where TiDB Cloud has no endpoint.
 * Returns why, or NULL when it is not needed. */
char *
cw_cross_zone_reason (const char         *zone_id,
                      const char         *standby_zone_id,
                      const char * const *tidb_zone_ids)
{
  if (!zone_used_by_tidb (zone_id, tidb_zone_ids))
    return g_strdup_printf (_("The database is in zone %s, where TiDB Cloud has no endpoint: cross-zone load balancing "
                              "lets the load balancer’s nodes in TiDB Cloud’s zones reach it."), zone_id);
  if (!zone_used_by_tidb (standby_zone_id, tidb_zone_ids))
    return g_strdup_printf (_("The database’s Multi-AZ standby is in zone %s, where TiDB Cloud has no endpoint: "
                              "cross-zone load balancing keeps the link working after a failover."), standby_zone_id);
  return NULL;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The zone IDs of @zone_ids that TiDB Cloud uses too, each once and sorted; empty when
 * none is. IDs, never names: a zone name means another zone in another account. */
GStrv
cw_shared_zone_ids (const char * const *zone_ids,
                    const char * const *tidb_zone_ids)
{
  g_autoptr(GPtrArray) shared = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; zone_ids && zone_ids[i]; i++)
    if (tidb_zone_ids && g_strv_contains (tidb_zone_ids, zone_ids[i]) &&
        !g_ptr_array_find_with_equal_func (shared, zone_ids[i], g_str_equal, NULL))
      g_ptr_array_add (shared, g_strdup (zone_ids[i]));
  g_ptr_array_sort (shared, compare_strings);
  g_ptr_array_add (shared, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&shared), FALSE);
}

/* Whether a load balancer in the database's VPC can share a zone with TiDB Cloud's
 * endpoint at all, from the zone IDs of the VPC's subnets (DESIGN.md §1.1). One verdict
 * for the plan of a chosen database and for every database of the list before choosing,
 * so the two never disagree. */
CwCheck *
cw_vpc_zone_overlap (const char * const *vpc_zone_ids,
                     const char * const *tidb_zone_ids)
{
  g_auto(GStrv) shared = cw_shared_zone_ids (vpc_zone_ids, tidb_zone_ids);
  g_autofree char *ids = NULL;
  g_autofree char *message = NULL;

  if (shared[0] != NULL)
    {
      ids = g_strjoinv (", ", shared);
      message = g_strdup_printf (_("The database’s VPC has subnets in zones TiDB Cloud connects from: %s."), ids);
      return cw_check_new ("zone-overlap", CW_PLAN_STEP_DATABASE, CW_CHECK_OK, message, NULL);
    }
  ids = tidb_zone_ids ? g_strjoinv (", ", (char **) tidb_zone_ids) : g_strdup ("");
  message = g_strdup_printf (_("The database’s VPC has no subnet in any of TiDB Cloud’s zones (%s): "
                               "TiDB Cloud’s endpoint could not connect."), ids);
  return cw_check_new ("zone-overlap", CW_PLAN_STEP_DATABASE, CW_CHECK_ERROR, message,
                       _("Create a subnet in one of TiDB Cloud’s zones in the database’s VPC, or choose another database."));
}

/* ---- the checks ---- */

typedef struct {
  CwLinkPlan *plan;
  GPtrArray  *checks;
} Evaluation;

static void
add (Evaluation   *e,
     const char   *id,
     CwPlanStep    step,
     CwCheckLevel  level,
     const char   *message,
     const char   *fix)
{
  g_ptr_array_add (e->checks, cw_check_new (id, step, level, message, fix));
}

static void
add_pending (Evaluation *e,
             const char *id,
             CwPlanStep  step,
             const char *message)
{
  g_ptr_array_add (e->checks, cw_check_new_pending (id, step, message));
}

static void
check_accounts (Evaluation *e)
{
  if (cw_link_plan_get_aws_account (e->plan) == NULL)
    add_pending (e, "aws-account", CW_PLAN_STEP_ACCOUNTS, _("Choose the AWS credential to use."));
  else
    add (e, "aws-account", CW_PLAN_STEP_ACCOUNTS, CW_CHECK_OK, _("The AWS credential is chosen."), NULL);
  if (cw_link_plan_get_tidb_account (e->plan) == NULL)
    add_pending (e, "tidb-account", CW_PLAN_STEP_ACCOUNTS, _("Choose the TiDB Cloud API key to use."));
  else
    add (e, "tidb-account", CW_PLAN_STEP_ACCOUNTS, CW_CHECK_OK, _("The TiDB Cloud API key is chosen."), NULL);
}

static void
check_cluster (Evaluation *e)
{
  CwTidbCluster *cluster = cw_link_plan_get_cluster (e->plan);
  CwTidbAvailabilityZones *zones = cw_link_plan_get_tidb_zones (e->plan);
  g_autofree char *message = NULL;

  if (cluster == NULL)
    {
      add_pending (e, "cluster", CW_PLAN_STEP_CLUSTER, _("Choose the TiDB Cloud cluster."));
      return;
    }
  if (g_strcmp0 (cw_tidb_cluster_get_aws_region (cluster), NULL) == 0)
    {
      add (e, "cluster", CW_PLAN_STEP_CLUSTER, CW_CHECK_ERROR,
           _("This cluster does not run on AWS, so it cannot reach a database through AWS PrivateLink."),
           _("Choose a cluster on AWS."));
      return;
    }
  if (g_strcmp0 (cw_tidb_cluster_get_state (cluster), "ACTIVE") != 0)
    {
      message = g_strdup_printf (_("The cluster is %s, not active."), cw_tidb_cluster_get_state (cluster));
      add (e, "cluster", CW_PLAN_STEP_CLUSTER, CW_CHECK_ERROR, message,
           _("Wait until the cluster is active, or choose another one."));
      return;
    }
  if (g_strcmp0 (cw_tidb_cluster_get_cluster_plan (cluster), "ESSENTIAL") != 0)
    add (e, "cluster", CW_PLAN_STEP_CLUSTER, CW_CHECK_WARNING,
         _("Private link connections for dataflow are made for Essential clusters; TiDB Cloud may refuse one on this plan."),
         NULL);
  else
    add (e, "cluster", CW_PLAN_STEP_CLUSTER, CW_CHECK_OK, _("The cluster is an active Essential cluster on AWS."), NULL);

  if (zones == NULL && cw_link_plan_get_tidb_zones_error (e->plan) != NULL)
    {
      message = g_strdup_printf (_("TiDB Cloud offers no private link connection to this cluster: %s"),
                                 cw_link_plan_get_tidb_zones_error (e->plan));
      add (e, "tidb-zones", CW_PLAN_STEP_CLUSTER, CW_CHECK_ERROR, message, _("Choose an Essential cluster on AWS."));
    }
  else if (zones == NULL)
    add_pending (e, "tidb-zones", CW_PLAN_STEP_CLUSTER, _("TiDB Cloud’s account and zones are being loaded."));
  else
    {
      g_autofree char *ids = g_strjoinv (", ", (char **) cw_tidb_availability_zones_get_zone_ids (zones));

      message = g_strdup_printf (_("TiDB Cloud connects from account %s in zones %s."),
                                 cw_tidb_availability_zones_get_account_id (zones), ids);
      add (e, "tidb-zones", CW_PLAN_STEP_CLUSTER, CW_CHECK_OK, message, NULL);
    }
}

static void
check_database_region (Evaluation *e,
                       CwDatabase *database)
{
  const char *cluster_region = cw_link_plan_get_region (e->plan);
  const char *database_region = cw_link_plan_get_database_region (e->plan);
  g_autofree char *message = NULL;
  g_autofree char *fix = NULL;

  if (cluster_region == NULL || g_strcmp0 (cluster_region, database_region) == 0)
    {
      add (e, "region", CW_PLAN_STEP_DATABASE, CW_CHECK_OK, _("The database is in the cluster’s region."), NULL);
      return;
    }
  message = g_strdup_printf (_("The database is in %s but the cluster is in %s; PrivateLink only connects within one region."),
                             database_region, cluster_region);
  fix = g_strdup_printf (_("Choose a database in %s, or a cluster in %s."), cluster_region, database_region);
  add (e, "region", CW_PLAN_STEP_DATABASE, CW_CHECK_ERROR, message, fix);
}

static void
check_database (Evaluation *e)
{
  CwDatabase *database = cw_link_plan_get_database (e->plan);
  g_autofree char *engine = NULL;
  g_autofree char *message = NULL;

  if (database == NULL)
    {
      add_pending (e, "database", CW_PLAN_STEP_DATABASE, _("Choose the database."));
      return;
    }
  check_database_region (e, database);

  engine = cw_database_dup_engine_label (database);
  if (!cw_database_is_mysql_compatible (database))
    {
      message = g_strdup_printf (_("%s cannot be a source: TiDB Cloud’s dataflow reads MySQL-compatible databases only."),
                                 engine);
      add (e, "engine", CW_PLAN_STEP_DATABASE, CW_CHECK_ERROR, message,
           _("Choose a MySQL, MariaDB or Aurora MySQL database."));
    }
  else
    {
      message = g_strdup_printf (_("%s works with TiDB Cloud’s dataflow."), engine);
      add (e, "engine", CW_PLAN_STEP_DATABASE, CW_CHECK_OK, message, NULL);
    }

  if (g_strcmp0 (cw_database_get_status (database), "available") != 0)
    {
      g_clear_pointer (&message, g_free);
      message = g_strdup_printf (_("The database is %s; the link can be built, but it will only be healthy once the database is available."),
                                 cw_database_get_status (database));
      add (e, "database-status", CW_PLAN_STEP_DATABASE, CW_CHECK_WARNING, message, NULL);
    }
}

/* The zone IDs of the plan's subnets: all of the VPC's, or only the selected ones. */
static GStrv
subnet_zone_ids (CwLinkPlan *plan,
                 gboolean    selected_only)
{
  GListModel *subnets = cw_link_plan_get_subnets (plan);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (subnets); i++)
    {
      g_autoptr(CwSubnetChoice) choice = g_list_model_get_item (subnets, i);

      if ((!selected_only || cw_subnet_choice_get_selected (choice)) && cw_subnet_choice_get_zone_id (choice) != NULL)
        g_strv_builder_add (builder, cw_subnet_choice_get_zone_id (choice));
    }
  return g_strv_builder_end (builder);
}

/* The VPC's verdict first: when it has no subnet in TiDB Cloud's zones, no choice of
 * subnets can help and the database itself is what to change. Only then, and only for a
 * valid selection, whether the load balancer's own zones meet TiDB Cloud's. */
static void
check_zone_overlap (Evaluation *e,
                    gboolean    selection_valid)
{
  CwTidbAvailabilityZones *zones = cw_link_plan_get_tidb_zones (e->plan);
  const char * const *tidb_zone_ids = zones ? cw_tidb_availability_zones_get_zone_ids (zones) : NULL;
  g_auto(GStrv) vpc = NULL;
  g_auto(GStrv) selected = NULL;
  g_auto(GStrv) shared = NULL;
  g_autoptr(CwCheck) vpc_check = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *message = NULL;

  if (zones == NULL || g_list_model_get_n_items (cw_link_plan_get_subnets (e->plan)) == 0)
    return;
  vpc = subnet_zone_ids (e->plan, FALSE);
  vpc_check = cw_vpc_zone_overlap ((const char * const *) vpc, tidb_zone_ids);
  if (cw_check_get_level (vpc_check) == CW_CHECK_ERROR)
    {
      g_ptr_array_add (e->checks, g_steal_pointer (&vpc_check));
      return;
    }
  if (!selection_valid)
    return;
  selected = subnet_zone_ids (e->plan, TRUE);
  shared = cw_shared_zone_ids ((const char * const *) selected, tidb_zone_ids);
  if (shared[0] != NULL)
    {
      add (e, "zone-overlap", CW_PLAN_STEP_NETWORK, CW_CHECK_OK,
           _("The load balancer shares a zone with TiDB Cloud’s endpoint."), NULL);
      return;
    }
  ids = g_strjoinv (", ", (char **) tidb_zone_ids);
  message = g_strdup_printf (_("None of the load balancer’s zones is one of TiDB Cloud’s zones (%s): "
                               "TiDB Cloud’s endpoint could not connect."), ids);
  add (e, "zone-overlap", CW_PLAN_STEP_NETWORK, CW_CHECK_ERROR, message,
       _("Select a subnet in one of TiDB Cloud’s zones."));
}

/* TRUE when the selection is one a load balancer takes: at least one subnet, one per zone. */
static gboolean
check_subnets (Evaluation *e)
{
  GListModel *subnets = cw_link_plan_get_subnets (e->plan);
  g_autoptr(GHashTable) zones = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (subnets);

  if (n == 0)
    {
      add_pending (e, "subnets", CW_PLAN_STEP_NETWORK, _("The VPC’s subnets are being loaded."));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwSubnetChoice) choice = g_list_model_get_item (subnets, i);

      if (!cw_subnet_choice_get_selected (choice))
        continue;
      if (!g_hash_table_add (zones, (gpointer) cw_subnet_choice_get_zone_id (choice)))
        {
          g_autofree char *message = g_strdup_printf (_("Two selected subnets are in zone %s; a load balancer takes one subnet per zone."),
                                                      cw_subnet_choice_get_zone (choice));
          add (e, "subnets", CW_PLAN_STEP_NETWORK, CW_CHECK_ERROR, message, _("Keep one subnet in each zone."));
          return FALSE;
        }
    }
  if (g_hash_table_size (zones) == 0)
    {
      add (e, "subnets", CW_PLAN_STEP_NETWORK, CW_CHECK_ERROR, _("No subnet is selected for the load balancer."),
           _("Select at least one subnet, in one of TiDB Cloud’s zones."));
      return FALSE;
    }
  add (e, "subnets", CW_PLAN_STEP_NETWORK, CW_CHECK_OK, _("One subnet per zone is selected."), NULL);
  return TRUE;
}

static void
check_private_ip (Evaluation *e)
{
  CwDatabase *database = cw_link_plan_get_database (e->plan);
  const char *ip = cw_link_plan_get_database_ip (e->plan);
  const char *error_message = cw_link_plan_get_database_ip_error (e->plan);
  g_autofree char *message = NULL;

  if (database == NULL)
    return;
  if (error_message != NULL)
    {
      add (e, "private-ip", CW_PLAN_STEP_DATABASE, CW_CHECK_ERROR, error_message,
           _("Check that the database is available and its endpoint resolves, then choose it again."));
      return;
    }
  if (ip == NULL)
    {
      add_pending (e, "private-ip", CW_PLAN_STEP_DATABASE, _("The database’s private IP address is being looked up."));
      return;
    }
  if (cw_link_plan_get_vpc_cidrs (e->plan) != NULL && !cw_ip_in_cidrs (ip, cw_link_plan_get_vpc_cidrs (e->plan)))
    {
      message = g_strdup_printf (_("%s is not inside the database’s VPC; a public address must never be registered as the target."), ip);
      add (e, "private-ip", CW_PLAN_STEP_DATABASE, CW_CHECK_ERROR, message,
           _("Choose the database again so its private address is looked up."));
      return;
    }
  message = g_strdup_printf (_("The target will be the database’s private address %s, port %u."), ip,
                             cw_database_get_port (database));
  add (e, "private-ip", CW_PLAN_STEP_DATABASE, CW_CHECK_OK, message, NULL);
}

static void
check_name (Evaluation *e,
            const char *id,
            const char *what,
            const char *name,
            gboolean    load_balancer)
{
  g_autofree char *problem = cw_aws_name_problem (name, load_balancer);
  g_autofree char *message = NULL;

  if (problem == NULL && cw_link_plan_name_exists (e->plan, load_balancer, name))
    problem = g_strdup (_("A resource of that name already exists in this region."));
  if (problem != NULL)
    {
      message = g_strdup_printf ("%s: %s", what, problem);
      add (e, id, CW_PLAN_STEP_NETWORK, CW_CHECK_ERROR, message, _("Change the name."));
      return;
    }
  message = g_strdup_printf (_("%s “%s” is a name AWS accepts."), what, name);
  add (e, id, CW_PLAN_STEP_NETWORK, CW_CHECK_OK, message, NULL);
}

/* A load balancer with security groups reaches the database, health checks included,
 * only as its group's outbound rules allow. */
static void
check_load_balancer_egress (Evaluation *e,
                            CwDatabase *database)
{
  g_autofree char *message = NULL;

  if (cw_link_plan_get_nlb_security_group (e->plan) != NULL)
    {
      message = g_strdup_printf (_("The chosen security group of the load balancer is used as it is: make sure its outbound rules let TCP port %u out to the database."),
                                 cw_database_get_port (database));
      add (e, "load-balancer-egress", CW_PLAN_STEP_NETWORK, CW_CHECK_WARNING, message, NULL);
      return;
    }
  message = g_strdup_printf (_("The load balancer’s security group will let out only TCP port %u, to the database."),
                             cw_database_get_port (database));
  add (e, "load-balancer-egress", CW_PLAN_STEP_NETWORK, CW_CHECK_OK, message, NULL);
}

static void
check_network (Evaluation *e)
{
  CwDatabase *database = cw_link_plan_get_database (e->plan);

  if (database == NULL)
    return;
  check_zone_overlap (e, check_subnets (e));
  check_name (e, "target-group-name", _("Target group name"), cw_link_plan_get_target_group_name (e->plan), FALSE);
  check_name (e, "load-balancer-name", _("Load balancer name"), cw_link_plan_get_load_balancer_name (e->plan), TRUE);
  if (cw_link_plan_get_cross_zone (e->plan))
    add (e, "cross-zone", CW_PLAN_STEP_NETWORK, CW_CHECK_OK, cw_link_plan_get_cross_zone_reason (e->plan), NULL);
  else
    add (e, "cross-zone", CW_PLAN_STEP_NETWORK, CW_CHECK_OK,
         _("The database is in one of TiDB Cloud’s zones: cross-zone load balancing stays off."), NULL);
  if (cw_link_plan_get_database_security_group (e->plan) == NULL)
    add (e, "security-groups", CW_PLAN_STEP_NETWORK, CW_CHECK_WARNING,
         _("No rule will be added to the database’s security group: make sure it lets the load balancer in."), NULL);
  else
    add (e, "security-groups", CW_PLAN_STEP_NETWORK, CW_CHECK_OK,
         _("The database’s security group will admit the load balancer’s security group on the database port only."), NULL);
  check_load_balancer_egress (e, database);
}

GPtrArray *
cw_checks_evaluate (CwLinkPlan *plan)
{
  Evaluation e = { plan, g_ptr_array_new_with_free_func (g_object_unref) };

  check_accounts (&e);
  check_cluster (&e);
  check_database (&e);
  check_private_ip (&e);
  check_network (&e);
  return e.checks;
}
