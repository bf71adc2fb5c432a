/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-graph.c: the steps of a link as a dependency graph (DESIGN.md §4.2), and the
 * order a teardown follows */
#define G_LOG_DOMAIN "cw-link-graph"

#include "config.h"

#include "cw-link-steps-private.h"

/* Each: id, title, what it waits for, create; then how it is deleted (none when
 * deleting another part removes it). */
static const CwStepKind step_kinds[] = {
  { CW_STEP_SG_NLB, N_("Security group for the load balancer"), { NULL },
    cw_steps_sg_nlb_create, N_("Delete the load balancer’s security group"), cw_steps_sg_nlb_delete },
  { CW_STEP_TG, N_("Target group"), { NULL },
    cw_steps_tg_create, N_("Delete the target group"), cw_steps_tg_delete },
  { CW_STEP_NLB, N_("Network Load Balancer"), { CW_STEP_SG_NLB, NULL },
    cw_steps_nlb_create, N_("Delete the load balancer"), cw_steps_nlb_delete },
  { CW_STEP_RDS_SG_RULE, N_("Database security group rule"), { CW_STEP_SG_NLB, NULL },
    cw_steps_rds_sg_rule_create, N_("Remove the database’s security group rule"), cw_steps_rds_sg_rule_delete },
  { CW_STEP_TG_ATTRIBUTES, N_("Cross-zone load balancing"), { CW_STEP_TG, NULL },
    cw_steps_tg_attributes_create, NULL, NULL },
  { CW_STEP_REGISTER_TARGET, N_("Register the database as target"), { CW_STEP_TG_ATTRIBUTES, NULL },
    cw_steps_register_target_create, NULL, NULL },
  { CW_STEP_WAIT_NLB_ACTIVE, N_("Load balancer active"), { CW_STEP_NLB, NULL },
    cw_steps_wait_nlb_active_create, NULL, NULL },
  { CW_STEP_LISTENER, N_("Listener"), { CW_STEP_NLB, CW_STEP_REGISTER_TARGET, NULL },
    cw_steps_listener_create, N_("Delete the listener"), cw_steps_listener_delete },
  { CW_STEP_ENDPOINT_SERVICE, N_("Endpoint service"), { CW_STEP_WAIT_NLB_ACTIVE, NULL },
    cw_steps_endpoint_service_create, N_("Delete the endpoint service"), cw_steps_endpoint_service_delete },
  { CW_STEP_ALLOW_PRINCIPAL, N_("Allow TiDB Cloud’s account"), { CW_STEP_ENDPOINT_SERVICE, NULL },
    cw_steps_allow_principal_create, NULL, NULL },
  { CW_STEP_TIDB_LINK, N_("TiDB Cloud private link connection"),
    { CW_STEP_ALLOW_PRINCIPAL, CW_STEP_RDS_SG_RULE, CW_STEP_LISTENER, NULL },
    cw_steps_tidb_link_create, N_("Delete the TiDB Cloud private link connection"), cw_steps_tidb_link_delete },
  { CW_STEP_ACCEPT, N_("Accept TiDB Cloud’s endpoint"), { CW_STEP_TIDB_LINK, NULL },
    cw_steps_accept_create, NULL, NULL },
  { CW_STEP_WAIT_ACTIVE, N_("Connection active"), { CW_STEP_ACCEPT, NULL },
    cw_steps_wait_active_create, NULL, NULL },
  { CW_STEP_VERIFY_HEALTH, N_("Target healthy"), { CW_STEP_WAIT_ACTIVE, NULL },
    cw_steps_verify_health_create, NULL, NULL },
};

/* A database added to a link (DESIGN.md §4.5): the link's load balancer, endpoint
 * service and TiDB Cloud connection serve it through a listener of its own. */
static const CwStepKind addition_kinds[] = {
  { CW_STEP_NLB_RULES, N_("Load balancer’s security group for the database"), { NULL },
    cw_steps_nlb_rules_create, N_("Close the database’s port on the load balancer’s security group"),
    cw_steps_nlb_rules_delete },
  { CW_STEP_RDS_SG_RULE, N_("Database security group rule"), { NULL },
    cw_steps_rds_sg_rule_create, N_("Remove the database’s security group rule"), cw_steps_rds_sg_rule_delete },
  { CW_STEP_TG, N_("Target group"), { NULL },
    cw_steps_tg_create, N_("Delete the target group"), cw_steps_tg_delete },
  { CW_STEP_TG_ATTRIBUTES, N_("Cross-zone load balancing"), { CW_STEP_TG, NULL },
    cw_steps_tg_attributes_create, NULL, NULL },
  { CW_STEP_REGISTER_TARGET, N_("Register the database as target"), { CW_STEP_TG_ATTRIBUTES, NULL },
    cw_steps_register_target_create, NULL, NULL },
  { CW_STEP_LISTENER, N_("Listener"), { CW_STEP_REGISTER_TARGET, NULL },
    cw_steps_listener_create, N_("Delete the listener"), cw_steps_listener_delete },
  { CW_STEP_SERVICE_TAG, N_("The database’s port on the endpoint service"), { CW_STEP_LISTENER, NULL },
    cw_steps_service_tag_create, N_("Remove the database’s port from the endpoint service"),
    cw_steps_service_tag_delete },
  { CW_STEP_VERIFY_HEALTH, N_("Target healthy"), { CW_STEP_SERVICE_TAG, CW_STEP_NLB_RULES, CW_STEP_RDS_SG_RULE, NULL },
    cw_steps_verify_health_create, NULL, NULL },
};

static gboolean
is_addition (CwJournal *journal)
{
  return cw_journal_get_spec (journal, CW_SPEC_ADDED_TO) != NULL;
}

/* In an order that respects the dependencies, the slow load balancer early. */
const CwStepKind *
cw_link_step_kinds (CwJournal *journal,
                    guint     *n_kinds)
{
  if (is_addition (journal))
    {
      *n_kinds = G_N_ELEMENTS (addition_kinds);
      return addition_kinds;
    }
  *n_kinds = G_N_ELEMENTS (step_kinds);
  return step_kinds;
}

/* DESIGN.md §4.2: the TiDB connection first (waiting until it is gone), then the
 * endpoint service, the listener, the load balancer, the target group, the database's
 * rule and last the load balancer's security group. A database added to a link: its
 * port's tag, its listener, its target group and its rules. */
const char * const *
cw_link_teardown_order (CwJournal *journal)
{
  static const char * const order[] = {
    CW_STEP_TIDB_LINK, CW_STEP_ENDPOINT_SERVICE, CW_STEP_LISTENER, CW_STEP_NLB, CW_STEP_TG, CW_STEP_RDS_SG_RULE,
    CW_STEP_SG_NLB, NULL
  };
  /* An added database takes only its own: the link stays. */
  static const char * const addition_order[] = {
    CW_STEP_SERVICE_TAG, CW_STEP_LISTENER, CW_STEP_TG, CW_STEP_RDS_SG_RULE, CW_STEP_NLB_RULES, NULL
  };

  return is_addition (journal) ? addition_order : order;
}
