/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-steps-security-groups.c: the load balancer's own security group and the database's rule for it */
#define G_LOG_DOMAIN "cw-link-steps"

#include "config.h"

#include "cw-link-steps-private.h"

/* ---- sg_nlb: the load balancer's own security group ---- */

static void sg_nlb_authorize (CwStepRun *run);

static GPtrArray *
permissions_of (CwEc2IpPermission *permission)
{
  GPtrArray *permissions = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_ip_permission_unref);

  g_ptr_array_add (permissions, permission);
  return permissions;
}

static void
default_egress_revoked (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* The group itself not showing yet is read-after-create lag; the rule not found is a
   * rule an earlier attempt revoked. */
  if (!cw_ec2_revoke_security_group_egress_finish (CW_AWS_CLIENT (source), result, &error) &&
      g_strcmp0 (cw_aws_error_get_code (error), "InvalidPermission.NotFound") != 0)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  message = g_strdup_printf (_("Security group %s admits the database port, %u, and lets out only that port to the database."),
                             resource (run, CW_RES_NLB_SECURITY_GROUP_ID), port (run));
  cw_step_run_succeed (run, message);
}

/* AWS gives a new group an allow-all egress rule: least privilege takes it away once
 * the one way out the link needs is there. */
static void
sg_nlb_revoke_default_egress (CwStepRun *run)
{
  g_autoptr(GPtrArray) permissions = permissions_of (cw_ec2_ip_permission_new_all_traffic (CW_LINK_OPEN_CIDR));

  cw_step_run_progress (run, _("Closing the load balancer’s security group to all other outbound traffic…"));
  cw_ec2_revoke_security_group_egress_async (run->aws, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), permissions, NULL,
                                             CW_AWS_CALL_DEFAULT, run->cancellable, default_egress_revoked, run);
}

static void
sg_nlb_egress_authorized (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = cw_ec2_authorize_security_group_egress_finish (CW_AWS_CLIENT (source), result, &error);

  if (rules == NULL && !is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  sg_nlb_revoke_default_egress (run);
}

/* A load balancer with security groups reaches its targets, health checks included,
 * only as its group's outbound rules allow. */
static void
sg_nlb_let_out (CwStepRun *run)
{
  g_autoptr(GPtrArray) permissions = cw_link_egress_permissions (port (run), spec (run, CW_SPEC_DATABASE_SECURITY_GROUP),
                                                                 spec (run, CW_SPEC_DATABASE_IP));
  Tags tags;

  cw_step_run_progress (run, _("Letting the database port out of the load balancer’s security group…"));
  cw_ec2_authorize_security_group_egress_async (run->aws, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), permissions,
                                                link_tags (run, &tags, spec (run, CW_SPEC_LOAD_BALANCER_NAME)),
                                                CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                sg_nlb_egress_authorized, run);
}

static void
sg_nlb_authorized (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = cw_ec2_authorize_security_group_ingress_finish (CW_AWS_CLIENT (source), result, &error);

  if (rules == NULL && !is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  sg_nlb_let_out (run);
}

/* PrivateLink traffic reaches an internal load balancer from TiDB Cloud's endpoint,
 * whose addresses are not known here: the group opens the database port only. */
static void
sg_nlb_authorize (CwStepRun *run)
{
  g_autoptr(GPtrArray) permissions = permissions_of (cw_ec2_ip_permission_new_tcp (port (run), NULL, CW_LINK_OPEN_CIDR,
                                                                                   CW_LINK_RULE_DESCRIPTION));

  cw_step_run_progress (run, _("Opening the database port on the load balancer’s security group…"));
  cw_ec2_authorize_security_group_ingress_async (run->aws, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), permissions,
                                                 NULL, CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                 sg_nlb_authorized, run);
}

static void sg_nlb_find (CwStepRun *run,
                         FoundFunc  found);

/* The group exists (an earlier attempt made it) but may not show yet: the step's next
 * attempt looks again. */
static void
sg_nlb_found_after_duplicate (CwStepRun  *run,
                              const char *group_id)
{
  if (group_id == NULL)
    {
      cw_step_run_fail (run, cw_aws_error_new_literal (CW_AWS_ERROR_NOT_FOUND, "InvalidGroup.NotFound",
                                                       _("The load balancer’s security group exists but does not show yet.")));
      return;
    }
  created (run, CW_RES_NLB_SECURITY_GROUP_ID, group_id);
  sg_nlb_authorize (run);
}

static void
sg_nlb_created (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = cw_ec2_create_security_group_finish (CW_AWS_CLIENT (source), result, &error);

  if (is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      sg_nlb_find (run, sg_nlb_found_after_duplicate);
      return;
    }
  if (group_id == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_NLB_SECURITY_GROUP_ID, group_id);
  sg_nlb_authorize (run);
}

static void
sg_nlb_send_create (CwStepRun *run)
{
  g_autofree char *name = cw_link_security_group_name (link_id (run));
  Tags tags;

  cw_step_run_progress (run, _("Creating the load balancer’s security group…"));
  cw_ec2_create_security_group_async (run->aws, name, CW_LINK_GROUP_DESCRIPTION,
                                      spec (run, CW_SPEC_VPC_ID),
                                      link_tags (run, &tags, spec (run, CW_SPEC_LOAD_BALANCER_NAME)),
                                      CW_AWS_CALL_DEFAULT, run->cancellable, sg_nlb_created, run);
}

static void
sg_nlb_found_for_create (CwStepRun  *run,
                         const char *group_id)
{
  if (group_id != NULL)
    {
      created (run, CW_RES_NLB_SECURITY_GROUP_ID, group_id);
      sg_nlb_authorize (run);
      return;
    }
  cw_step_run_attempt (run, sg_nlb_send_create);
}

static void
sg_nlb_listed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Find) find = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = cw_ec2_describe_security_groups_finish (CW_AWS_CLIENT (source), result, &error);

  if (groups == NULL)
    {
      cw_step_run_fail (find->run, g_steal_pointer (&error));
      return;
    }
  find->found (find->run, groups->len > 0 ? ((CwEc2SecurityGroup *) g_ptr_array_index (groups, 0))->group_id : NULL);
}

static void
sg_nlb_find (CwStepRun *run,
             FoundFunc  found)
{
  const char *ids[] = { link_id (run), NULL };
  CwAwsFilter filters[] = { { TAG_FILTER, ids }, { NULL } };

  cw_step_run_progress (run, _("Looking for the load balancer’s security group…"));
  cw_ec2_describe_security_groups_async (run->aws, NULL, filters, CW_AWS_CALL_DEFAULT, run->cancellable,
                                         sg_nlb_listed, cw_steps_find_new (run, found, NULL));
}

void
cw_steps_sg_nlb_create (CwStepRun *run)
{
  const char *existing = spec (run, CW_SPEC_NLB_SECURITY_GROUP);
  g_autofree char *message = NULL;

  if (existing != NULL)
    {
      cw_step_run_record (run, CW_RES_NLB_SECURITY_GROUP_ID, existing);
      message = g_strdup_printf (_("Uses the existing security group %s."), existing);
      cw_step_run_skip (run, message);
      return;
    }
  /* A first attempt has nothing to look for: it creates at once. */
  if (resource (run, CW_RES_NLB_SECURITY_GROUP_ID) != NULL)
    sg_nlb_authorize (run);
  else if (!owned (run))
    sg_nlb_found_for_create (run, NULL);
  else
    sg_nlb_find (run, sg_nlb_found_for_create);
}

static const Deletion security_group_deletion = {
  CW_RES_NLB_SECURITY_GROUP_ID, cw_ec2_delete_security_group_async, cw_ec2_delete_security_group_finish,
  N_("Deleting the load balancer’s security group…"), N_("Deleted the load balancer’s security group."),
  N_("The link has no security group of its own."),
  /* The load balancer's network interfaces hold the group for a while after it is gone. */
  N_("Waiting for the load balancer’s network interfaces to go"), NULL,
};

void
cw_steps_sg_nlb_delete (CwStepRun *run)
{
  if (spec (run, CW_SPEC_NLB_SECURITY_GROUP) != NULL)
    {
      cw_step_run_skip (run, _("The security group was chosen, not created: it stays."));
      return;
    }
  cw_steps_delete_own (run, &security_group_deletion, sg_nlb_find);
}

/* ---- rds_sg_rule: the database admits the load balancer's group ---- */

static GPtrArray *
database_permission (CwStepRun *run)
{
  return permissions_of (cw_ec2_ip_permission_new_tcp (port (run), resource (run, CW_RES_NLB_SECURITY_GROUP_ID),
                                                       NULL, CW_LINK_RULE_DESCRIPTION));
}

static gboolean
group_admits (CwEc2SecurityGroup *group,
              const char         *source_group_id,
              guint               port)
{
  for (guint i = 0; group->ip_permissions && i < group->ip_permissions->len; i++)
    {
      CwEc2IpPermission *permission = g_ptr_array_index (group->ip_permissions, i);

      if (g_strcmp0 (permission->ip_protocol, "tcp") != 0 ||
          permission->from_port > (int) port || permission->to_port < (int) port)
        continue;
      for (guint j = 0; permission->groups && j < permission->groups->len; j++)
        if (g_strcmp0 (((CwEc2GroupPair *) g_ptr_array_index (permission->groups, j))->group_id, source_group_id) == 0)
          return TRUE;
    }
  return FALSE;
}

static void
rule_authorized (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = cw_ec2_authorize_security_group_ingress_finish (CW_AWS_CLIENT (source), result, &error);
  g_autofree char *message = NULL;

  if (rules == NULL && !is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_DATABASE_RULE_GROUP_ID, spec (run, CW_SPEC_DATABASE_SECURITY_GROUP));
  message = g_strdup_printf (_("Security group %s admits %s on port %u."), spec (run, CW_SPEC_DATABASE_SECURITY_GROUP),
                             resource (run, CW_RES_NLB_SECURITY_GROUP_ID), port (run));
  cw_step_run_succeed (run, message);
}

static void
rule_send_authorize (CwStepRun *run)
{
  g_autoptr(GPtrArray) permissions = database_permission (run);
  Tags tags;

  cw_step_run_progress (run, _("Letting the load balancer reach the database…"));
  cw_ec2_authorize_security_group_ingress_async (run->aws, spec (run, CW_SPEC_DATABASE_SECURITY_GROUP), permissions,
                                                 link_tags (run, &tags, spec (run, CW_SPEC_LOAD_BALANCER_NAME)),
                                                 CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable, rule_authorized, run);
}

static void
authorize_database_rule (CwStepRun *run)
{
  cw_step_run_attempt (run, rule_send_authorize);
}

static void
rule_group_described (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = cw_ec2_describe_security_groups_finish (CW_AWS_CLIENT (source), result, &error);

  if (groups == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  if (groups->len > 0 && group_admits (g_ptr_array_index (groups, 0), resource (run, CW_RES_NLB_SECURITY_GROUP_ID), port (run)))
    {
      /* A rule for a group the link created can only be the link's own. */
      if (owned (run) || cw_journal_get_creation (run->journal, CW_STEP_SG_NLB) != CW_CREATION_NONE)
        created (run, CW_RES_DATABASE_RULE_GROUP_ID, spec (run, CW_SPEC_DATABASE_SECURITY_GROUP));
      cw_step_run_succeed (run, _("The database’s security group already admits the load balancer."));
      return;
    }
  authorize_database_rule (run);
}

void
cw_steps_rds_sg_rule_create (CwStepRun *run)
{
  const char *group = spec (run, CW_SPEC_DATABASE_SECURITY_GROUP);
  const char *ids[] = { group, NULL };

  if (group == NULL)
    {
      cw_step_run_skip (run, _("No database security group was chosen: none is changed."));
      return;
    }
  if (!owned (run) && cw_journal_get_creation (run->journal, CW_STEP_SG_NLB) == CW_CREATION_DONE)
    {
      authorize_database_rule (run);
      return;
    }
  cw_step_run_progress (run, _("Reading the database’s security group…"));
  cw_ec2_describe_security_groups_async (run->aws, ids, NULL, CW_AWS_CALL_DEFAULT, run->cancellable,
                                         rule_group_described, run);
}

static void
revoke_in_group (Sequence *sequence,
                 gpointer  item)
{
  CwStepRun *run = sequence->run;
  g_autoptr(GPtrArray) permissions = database_permission (run);

  cw_ec2_revoke_security_group_ingress_async (run->aws, ((CwEc2SecurityGroup *) item)->group_id, permissions, NULL,
                                              delete_flags (run), run->cancellable, cw_steps_sequence_aws_done, sequence);
}

static void
rules_revoked (CwStepRun *run)
{
  forget (run, CW_RES_DATABASE_RULE_GROUP_ID);
  cw_step_run_succeed (run, _("Removed the database’s rule for the load balancer."));
}

/* The rules that name the link's own group are the link's own, wherever they are. */
static void
rule_groups_described (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = cw_ec2_describe_security_groups_finish (CW_AWS_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) admitting = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_security_group_unref);

  if (groups == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < groups->len; i++)
    {
      CwEc2SecurityGroup *group = g_ptr_array_index (groups, i);

      if (group_admits (group, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), port (run)))
        g_ptr_array_add (admitting, cw_ec2_security_group_ref (group));
    }
  cw_step_run_progress (run, _("Removing the database’s rule for the load balancer…"));
  cw_steps_for_each (run, admitting, revoke_in_group, rules_revoked);
}

static void
rule_look_in_groups (CwStepRun          *run,
                     const char * const *group_ids,
                     const CwAwsFilter  *filters)
{
  cw_step_run_progress (run, _("Looking for the database’s rule for the load balancer…"));
  cw_ec2_describe_security_groups_async (run->aws, group_ids, filters, CW_AWS_CALL_DEFAULT, run->cancellable,
                                         rule_groups_described, run);
}

static void
rule_nlb_group_found (CwStepRun  *run,
                      const char *group_id)
{
  const char *vpc_ids[] = { spec (run, CW_SPEC_VPC_ID), NULL };
  CwAwsFilter in_vpc[] = { { "vpc-id", vpc_ids }, { NULL } };

  if (group_id == NULL)
    {
      forget (run, CW_RES_DATABASE_RULE_GROUP_ID);
      cw_step_run_skip (run, _("The link added no rule to the database’s security group."));
      return;
    }
  cw_journal_set_resource (run->journal, CW_RES_NLB_SECURITY_GROUP_ID, group_id);
  rule_look_in_groups (run, NULL, vpc_ids[0] ? in_vpc : NULL);
}

void
cw_steps_rds_sg_rule_delete (CwStepRun *run)
{
  const char *rule_group = resource (run, CW_RES_DATABASE_RULE_GROUP_ID);
  const char *ids[] = { rule_group, NULL };

  /* With a chosen group for the load balancer, only the rule the link added is its own. */
  if (spec (run, CW_SPEC_NLB_SECURITY_GROUP) != NULL)
    {
      if (!owned (run) || rule_group == NULL || resource (run, CW_RES_NLB_SECURITY_GROUP_ID) == NULL)
        cw_step_run_skip (run, _("The link added no rule to the database’s security group."));
      else if (cw_journal_get_spec_boolean (run->journal, CW_SPEC_KEEP_DATABASE_RULE))
        cw_step_run_skip (run, _("Another database of the link still needs the rule: it stays."));
      else
        rule_look_in_groups (run, ids, NULL);
      return;
    }
  if (resource (run, CW_RES_NLB_SECURITY_GROUP_ID) != NULL)
    rule_nlb_group_found (run, resource (run, CW_RES_NLB_SECURITY_GROUP_ID));
  else
    sg_nlb_find (run, rule_nlb_group_found);
}

/* ---- nlb_rules: a database added to a link, through the load balancer's group ---- */

static void
nlb_rules_egress_authorized (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = cw_ec2_authorize_security_group_egress_finish (CW_AWS_CLIENT (source), result, &error);
  g_autofree char *message = NULL;

  /* The way out may be another database's of the link already (same group and port):
   * then it is not this database's to take away. */
  if (rules == NULL && !is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_EGRESS_ADDED, rules != NULL ? "true" : NULL);
  message = g_strdup_printf (_("Security group %s admits port %u and lets port %u out to the database."),
                             resource (run, CW_RES_NLB_SECURITY_GROUP_ID), listener_port (run), port (run));
  cw_step_run_succeed (run, message);
}

static void
nlb_rules_ingress_authorized (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = cw_ec2_authorize_security_group_ingress_finish (CW_AWS_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) permissions = NULL;

  if (rules == NULL && !is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  permissions = cw_link_egress_permissions (port (run), spec (run, CW_SPEC_DATABASE_SECURITY_GROUP),
                                            spec (run, CW_SPEC_DATABASE_IP));
  cw_ec2_authorize_security_group_egress_async (run->aws, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), permissions,
                                                NULL, CW_AWS_CALL_DEFAULT, run->cancellable,
                                                nlb_rules_egress_authorized, run);
}

static GPtrArray *
listener_permission (CwStepRun *run)
{
  return permissions_of (cw_ec2_ip_permission_new_tcp (listener_port (run), NULL, CW_LINK_OPEN_CIDR,
                                                       CW_LINK_RULE_DESCRIPTION));
}

static void
nlb_rules_send_ingress (CwStepRun *run)
{
  g_autoptr(GPtrArray) permissions = listener_permission (run);

  cw_step_run_progress (run, _("Opening the database’s port on the load balancer’s security group…"));
  cw_ec2_authorize_security_group_ingress_async (run->aws, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), permissions,
                                                 NULL, CW_AWS_CALL_DEFAULT, run->cancellable,
                                                 nlb_rules_ingress_authorized, run);
}

/* The listener's port is new on the load balancer, so is the group's rule for it. */
void
cw_steps_nlb_rules_create (CwStepRun *run)
{
  if (resource (run, CW_RES_NLB_SECURITY_GROUP_ID) == NULL)
    cw_step_run_skip (run, _("The load balancer has no security group: none is changed."));
  else
    cw_step_run_attempt (run, nlb_rules_send_ingress);
}

static void
nlb_rules_revoked (CwStepRun *run)
{
  forget (run, CW_RES_EGRESS_ADDED);
  cw_step_run_succeed (run, _("Closed the database’s port on the load balancer’s security group."));
}

static void
nlb_rules_egress_revoked (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_ec2_revoke_security_group_egress_finish (CW_AWS_CLIENT (source), result, &error) &&
      g_strcmp0 (cw_aws_error_get_code (error), "InvalidPermission.NotFound") != 0)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  nlb_rules_revoked (run);
}

static void
nlb_rules_ingress_revoked (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) permissions = NULL;

  if (!cw_ec2_revoke_security_group_ingress_finish (CW_AWS_CLIENT (source), result, &error) &&
      g_strcmp0 (cw_aws_error_get_code (error), "InvalidPermission.NotFound") != 0)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  if (resource (run, CW_RES_EGRESS_ADDED) == NULL || cw_journal_get_spec_boolean (run->journal, CW_SPEC_KEEP_EGRESS))
    {
      nlb_rules_revoked (run);
      return;
    }
  permissions = cw_link_egress_permissions (port (run), spec (run, CW_SPEC_DATABASE_SECURITY_GROUP),
                                            spec (run, CW_SPEC_DATABASE_IP));
  cw_ec2_revoke_security_group_egress_async (run->aws, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), permissions, NULL,
                                             CW_AWS_CALL_DEFAULT, run->cancellable, nlb_rules_egress_revoked, run);
}

void
cw_steps_nlb_rules_delete (CwStepRun *run)
{
  g_autoptr(GPtrArray) permissions = NULL;

  if (!owned (run) || resource (run, CW_RES_NLB_SECURITY_GROUP_ID) == NULL)
    {
      cw_step_run_skip (run, _("The database opened no port on the load balancer’s security group."));
      return;
    }
  permissions = listener_permission (run);
  cw_step_run_progress (run, _("Closing the database’s port on the load balancer’s security group…"));
  cw_ec2_revoke_security_group_ingress_async (run->aws, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), permissions,
                                              NULL, CW_AWS_CALL_DEFAULT, run->cancellable,
                                              nlb_rules_ingress_revoked, run);
}
