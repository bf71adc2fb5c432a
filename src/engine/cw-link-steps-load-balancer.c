/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-steps-load-balancer.c: the target group, its target, the Network Load Balancer and its listener */
#define G_LOG_DOMAIN "cw-link-steps"

#include "config.h"

#include "cw-link-steps-private.h"

/* ---- load balancer resources found by name, the link's own by their tag ---- */


static void
elb_tags_described (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Find) find = user_data;
  CwStepRun *run = find->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) descriptions = cw_elbv2_describe_tags_finish (CW_AWS_CLIENT (source), result, &error);
  gboolean ours = FALSE;

  if (descriptions == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < descriptions->len; i++)
    {
      CwElbTagDescription *description = g_ptr_array_index (descriptions, i);

      if (g_strcmp0 (description->resource_arn, find->arn) == 0 && tags_name_link (description->tags, link_id (run)))
        ours = TRUE;
    }
  /* Someone else's resource of that name is neither reused nor deleted. */
  if (!ours && !run->deleting)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” already exists in this region and is not this link’s: "
                                                    "choose another name."), find->name);

      cw_step_run_fail (run, conflict (message));
      return;
    }
  find->found (run, ours ? find->arn : NULL);
}

static void
elb_found_by_name (Find    *find,
                   char    *arn,
                   GError  *error)
{
  CwStepRun *run = find->run;
  const char *arns[] = { arn, NULL };

  if (error != NULL && is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    g_clear_error (&error);
  if (error != NULL)
    {
      cw_steps_find_free (find);
      cw_step_run_fail (run, error);
      return;
    }
  if (arn == NULL)
    {
      find->found (run, NULL);
      cw_steps_find_free (find);
      return;
    }
  find->arn = arn;
  cw_elbv2_describe_tags_async (run->aws, arns, CW_AWS_CALL_DEFAULT, run->cancellable, elb_tags_described, find);
}

static void
target_groups_by_name (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) groups = cw_elbv2_describe_target_groups_finish (CW_AWS_CLIENT (source), result, &error);
  char *arn = groups && groups->len ? g_strdup (((CwElbTargetGroup *) g_ptr_array_index (groups, 0))->target_group_arn) : NULL;

  elb_found_by_name (user_data, arn, error);
}

static void
tg_find (CwStepRun *run,
         FoundFunc  found)
{
  const char *names[] = { spec (run, CW_SPEC_TARGET_GROUP_NAME), NULL };
  Find *find = cw_steps_find_new (run, found, names[0]);

  cw_step_run_progress (run, _("Looking for the target group…"));
  cw_elbv2_describe_target_groups_async (run->aws, NULL, NULL, names, CW_AWS_CALL_DEFAULT, run->cancellable,
                                         target_groups_by_name, find);
}

static void
load_balancers_by_name (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) balancers = cw_elbv2_describe_load_balancers_finish (CW_AWS_CLIENT (source), result, &error);
  char *arn = balancers && balancers->len ? g_strdup (((CwElbLoadBalancer *) g_ptr_array_index (balancers, 0))->load_balancer_arn) : NULL;

  elb_found_by_name (user_data, arn, error);
}

static void
nlb_find (CwStepRun *run,
          FoundFunc  found)
{
  const char *names[] = { spec (run, CW_SPEC_LOAD_BALANCER_NAME), NULL };
  Find *find = cw_steps_find_new (run, found, names[0]);

  cw_step_run_progress (run, _("Looking for the load balancer…"));
  cw_elbv2_describe_load_balancers_async (run->aws, NULL, names, CW_AWS_CALL_DEFAULT, run->cancellable,
                                          load_balancers_by_name, find);
}

/* ---- tg: the target group ---- */

static void
tg_succeed (CwStepRun *run)
{
  g_autofree char *message = g_strdup_printf (_("Target group %s, TCP port %u."),
                                              spec (run, CW_SPEC_TARGET_GROUP_NAME), port (run));

  cw_step_run_succeed (run, message);
}

static void tg_found_for_create (CwStepRun  *run,
                                 const char *arn);

static const CwAwsOperation *
elbv2_operation (const char *action)
{
  guint n;
  const CwAwsOperation * const *operations = cw_elbv2_list_operations (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (operations[i]->action, action))
      return operations[i];
  g_return_val_if_reached (NULL);
}

static void tg_created (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data);

static void
create_target_group (CwStepRun *run)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (elbv2_operation ("CreateTargetGroup"));
  Tags tags;

  cw_step_run_progress (run, _("Creating the target group…"));
  cw_aws_request_set (request, "Name", spec (run, CW_SPEC_TARGET_GROUP_NAME));
  cw_aws_request_set (request, "Protocol", "TCP");
  cw_aws_request_set_int (request, "Port", port (run));
  cw_aws_request_set (request, "VpcId", spec (run, CW_SPEC_VPC_ID));
  cw_aws_request_set (request, "TargetType", "ip");
  cw_aws_request_set (request, "HealthCheckProtocol", "TCP");
  cw_aws_request_set_int (request, "HealthCheckIntervalSeconds", CW_LINK_HEALTH_INTERVAL_S);
  cw_aws_request_set_int (request, "HealthCheckTimeoutSeconds", CW_LINK_HEALTH_TIMEOUT_S);
  cw_aws_request_set_int (request, "HealthyThresholdCount", CW_LINK_HEALTHY_THRESHOLD);
  cw_aws_request_set_int (request, "UnhealthyThresholdCount", CW_LINK_UNHEALTHY_THRESHOLD);
  cw_aws_request_add_key_values (request, "Tags", link_tags (run, &tags, spec (run, CW_SPEC_TARGET_GROUP_NAME)));
  cw_aws_client_call_async (run->aws, request, CW_AWS_CALL_DEFAULT, run->cancellable, tg_created, run);
}

static void
tg_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwElbTargetGroup) group = cw_aws_client_call_finish (CW_AWS_CLIENT (source), result, &error);

  if (is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      tg_find (run, tg_found_for_create);
      return;
    }
  if (group == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_TARGET_GROUP_ARN, group->target_group_arn);
  tg_succeed (run);
}

static void
tg_found_for_create (CwStepRun  *run,
                     const char *arn)
{
  if (arn != NULL)
    {
      created (run, CW_RES_TARGET_GROUP_ARN, arn);
      tg_succeed (run);
      return;
    }
  cw_step_run_attempt (run, create_target_group);
}

/* A first attempt has nothing to look for (the plan checked the name is free): it
 * creates at once. */
void
cw_steps_tg_create (CwStepRun *run)
{
  if (resource (run, CW_RES_TARGET_GROUP_ARN) != NULL)
    tg_succeed (run);
  else if (!owned (run))
    tg_found_for_create (run, NULL);
  else
    tg_find (run, tg_found_for_create);
}

static const Deletion target_group_deletion = {
  CW_RES_TARGET_GROUP_ARN, cw_elbv2_delete_target_group_async, cw_elbv2_delete_target_group_finish,
  N_("Deleting the target group…"), N_("Deleted the target group."), N_("The link has no target group of its own."),
  N_("Waiting for the listener to let go of the target group"), NULL,
};

void
cw_steps_tg_delete (CwStepRun *run)
{
  cw_steps_delete_own (run, &target_group_deletion, spec (run, CW_SPEC_TARGET_GROUP_NAME) ? tg_find : NULL);
}

/* ---- tg_attributes: cross-zone load balancing when the database needs it ---- */

static void
tg_attributes_modified (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attributes = cw_elbv2_modify_target_group_attributes_finish (CW_AWS_CLIENT (source), result, &error);

  if (attributes == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  cw_step_run_succeed (run, _("Cross-zone load balancing is on for the target group."));
}

void
cw_steps_tg_attributes_create (CwStepRun *run)
{
  const CwAwsKeyValue attributes[] = {
    { (char *) "load_balancing.cross_zone.enabled", (char *) "true" },
    { NULL, NULL },
  };

  if (!cw_journal_get_spec_boolean (run->journal, CW_SPEC_CROSS_ZONE))
    {
      cw_step_run_skip (run, _("Not needed: the database is in one of TiDB Cloud’s zones."));
      return;
    }
  cw_step_run_progress (run, _("Turning on cross-zone load balancing…"));
  cw_elbv2_modify_target_group_attributes_async (run->aws, resource (run, CW_RES_TARGET_GROUP_ARN), attributes,
                                                 CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                 tg_attributes_modified, run);
}

/* ---- register_target: the database's private IP ---- */

static void
target_registered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!cw_elbv2_register_targets_finish (CW_AWS_CLIENT (source), result, &error))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  cw_step_run_record (run, CW_RES_REGISTERED_IP, spec (run, CW_SPEC_DATABASE_IP));
  message = g_strdup_printf (_("Registered %s:%u as the target."), spec (run, CW_SPEC_DATABASE_IP), port (run));
  cw_step_run_succeed (run, message);
}

void
cw_steps_register_target_create (CwStepRun *run)
{
  CwElbTarget targets[] = { { spec (run, CW_SPEC_DATABASE_IP), (int) port (run), NULL }, { NULL } };

  cw_step_run_progress (run, _("Registering the database’s private IP…"));
  cw_elbv2_register_targets_async (run->aws, resource (run, CW_RES_TARGET_GROUP_ARN), targets,
                                   CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable, target_registered, run);
}

/* ---- nlb: the internal Network Load Balancer ---- */

static void
nlb_succeed (CwStepRun *run)
{
  g_autofree char *message = g_strdup_printf (_("Load balancer %s is being provisioned."),
                                              spec (run, CW_SPEC_LOAD_BALANCER_NAME));

  cw_step_run_succeed (run, message);
}

static void nlb_found_for_create (CwStepRun  *run,
                                  const char *arn);

static void
nlb_created (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwElbLoadBalancer) balancer = cw_elbv2_create_load_balancer_finish (CW_AWS_CLIENT (source), result, &error);

  if (is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      nlb_find (run, nlb_found_for_create);
      return;
    }
  if (balancer == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  cw_journal_set_resource (run->journal, CW_RES_LOAD_BALANCER_DNS_NAME, balancer->dns_name);
  created (run, CW_RES_LOAD_BALANCER_ARN, balancer->load_balancer_arn);
  nlb_succeed (run);
}

static void
nlb_send_create (CwStepRun *run)
{
  g_auto(GStrv) subnets = cw_journal_dup_spec_strv (run->journal, CW_SPEC_SUBNET_IDS);
  const char *groups[] = { resource (run, CW_RES_NLB_SECURITY_GROUP_ID), NULL };
  Tags tags;

  cw_step_run_progress (run, _("Creating the load balancer…"));
  cw_elbv2_create_load_balancer_async (run->aws, spec (run, CW_SPEC_LOAD_BALANCER_NAME),
                                       (const char * const *) subnets, groups, "internal", "network",
                                       link_tags (run, &tags, spec (run, CW_SPEC_LOAD_BALANCER_NAME)),
                                       CW_AWS_CALL_DEFAULT, run->cancellable, nlb_created, run);
}

static void
nlb_found_for_create (CwStepRun  *run,
                      const char *arn)
{
  if (arn != NULL)
    {
      created (run, CW_RES_LOAD_BALANCER_ARN, arn);
      nlb_succeed (run);
      return;
    }
  cw_step_run_attempt (run, nlb_send_create);
}

void
cw_steps_nlb_create (CwStepRun *run)
{
  if (resource (run, CW_RES_LOAD_BALANCER_ARN) != NULL)
    nlb_succeed (run);
  else
    nlb_find (run, nlb_found_for_create);
}

static void nlb_look_until_gone (CwStepRun *run);

static const Deletion load_balancer_deletion = {
  CW_RES_LOAD_BALANCER_ARN, cw_elbv2_delete_load_balancer_async, cw_elbv2_delete_load_balancer_finish,
  N_("Deleting the load balancer…"), N_("Deleted the load balancer."), N_("The link has no load balancer of its own."),
  N_("Waiting for the endpoint service to let go of the load balancer"), nlb_look_until_gone,
};

static void
nlb_gone_described (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) balancers = cw_elbv2_describe_load_balancers_finish (CW_AWS_CLIENT (source), result, &error);

  if (balancers == NULL && !is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  if (balancers != NULL && balancers->len > 0)
    {
      cw_step_run_wait (run, CW_WAIT_LOAD_BALANCER, _("Waiting for the load balancer to be deleted"),
                        nlb_look_until_gone);
      return;
    }
  cw_journal_set_resource (run->journal, CW_RES_LOAD_BALANCER_DNS_NAME, NULL);
  forget (run, CW_RES_LOAD_BALANCER_ARN);
  cw_step_run_succeed (run, _(load_balancer_deletion.deleted));
}

static void
nlb_look_until_gone (CwStepRun *run)
{
  const char *arns[] = { resource (run, CW_RES_LOAD_BALANCER_ARN), NULL };

  cw_elbv2_describe_load_balancers_async (run->aws, arns, NULL, CW_AWS_CALL_DEFAULT, run->cancellable,
                                          nlb_gone_described, run);
}


void
cw_steps_nlb_delete (CwStepRun *run)
{
  cw_steps_delete_own (run, &load_balancer_deletion, spec (run, CW_SPEC_LOAD_BALANCER_NAME) ? nlb_find : NULL);
}

/* ---- wait_nlb_active ---- */

static void
nlb_state_described (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) balancers = cw_elbv2_describe_load_balancers_finish (CW_AWS_CLIENT (source), result, &error);
  CwElbLoadBalancer *balancer;

  if (balancers == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  balancer = balancers->len > 0 ? g_ptr_array_index (balancers, 0) : NULL;
  if (balancer != NULL && g_strcmp0 (balancer->state, "active") == 0)
    {
      cw_step_run_succeed (run, _("The load balancer is active."));
      return;
    }
  if (balancer != NULL && g_strcmp0 (balancer->state, "failed") == 0)
    {
      cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                          _("AWS could not provision the load balancer: %s"),
                                          balancer->state_reason ? balancer->state_reason : balancer->state));
      return;
    }
  cw_step_run_wait (run, CW_WAIT_LOAD_BALANCER, _("Waiting for the load balancer to become active"),
                    cw_steps_wait_nlb_active_create);
}

void
cw_steps_wait_nlb_active_create (CwStepRun *run)
{
  const char *arns[] = { resource (run, CW_RES_LOAD_BALANCER_ARN), NULL };

  cw_elbv2_describe_load_balancers_async (run->aws, arns, NULL, CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                          nlb_state_described, run);
}

/* ---- listener ---- */

static void
listener_succeed (CwStepRun *run)
{
  g_autofree char *message = g_strdup_printf (_("The load balancer forwards TCP port %u to the target group."), listener_port (run));

  cw_step_run_succeed (run, message);
}

static gboolean
listener_forwards_to (CwElbListener *listener,
                      const char    *target_group_arn)
{
  for (guint i = 0; listener->default_actions && i < listener->default_actions->len; i++)
    if (g_strcmp0 (((CwElbAction *) g_ptr_array_index (listener->default_actions, i))->target_group_arn,
                   target_group_arn) == 0)
      return TRUE;
  return FALSE;
}

static void listener_find (CwStepRun *run);

static void
listener_created (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwElbListener) listener = cw_elbv2_create_listener_finish (CW_AWS_CLIENT (source), result, &error);

  if (is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      listener_find (run);
      return;
    }
  if (listener == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_LISTENER_ARN, listener->listener_arn);
  listener_succeed (run);
}

static void
listener_send_create (CwStepRun *run)
{
  Tags tags;

  cw_step_run_progress (run, _("Creating the listener…"));
  cw_elbv2_create_listener_async (run->aws, resource (run, CW_RES_LOAD_BALANCER_ARN), "TCP", listener_port (run),
                                  resource (run, CW_RES_TARGET_GROUP_ARN),
                                  link_tags (run, &tags, spec (run, CW_SPEC_LOAD_BALANCER_NAME)),
                                  CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable, listener_created, run);
}

static void
create_listener (CwStepRun *run)
{
  cw_step_run_attempt (run, listener_send_create);
}

static void
listeners_described (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listeners = cw_elbv2_describe_listeners_finish (CW_AWS_CLIENT (source), result, &error);

  if (listeners == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < listeners->len; i++)
    {
      CwElbListener *listener = g_ptr_array_index (listeners, i);

      if (listener->port != (int) listener_port (run))
        continue;
      if (!listener_forwards_to (listener, resource (run, CW_RES_TARGET_GROUP_ARN)))
        {
          g_autofree char *message = g_strdup_printf (_("The load balancer already listens on port %u for another "
                                                        "target group."), listener_port (run));

          cw_step_run_fail (run, conflict (message));
          return;
        }
      /* The load balancer is the link's own, so is what listens on it. */
      created (run, CW_RES_LISTENER_ARN, listener->listener_arn);
      listener_succeed (run);
      return;
    }
  create_listener (run);
}

static void
listener_find (CwStepRun *run)
{
  cw_step_run_progress (run, _("Looking for the listener…"));
  cw_elbv2_describe_listeners_async (run->aws, resource (run, CW_RES_LOAD_BALANCER_ARN), NULL,
                                     CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable, listeners_described, run);
}

void
cw_steps_listener_create (CwStepRun *run)
{
  if (resource (run, CW_RES_LISTENER_ARN) != NULL)
    listener_succeed (run);
  else if (!owned (run))
    create_listener (run);
  else
    listener_find (run);
}

/* A listener the journal does not know goes with its load balancer. */
static const Deletion listener_deletion = {
  CW_RES_LISTENER_ARN, cw_elbv2_delete_listener_async, cw_elbv2_delete_listener_finish,
  N_("Deleting the listener…"), N_("Deleted the listener."),
  N_("No listener of its own to delete before the load balancer."), NULL, NULL,
};

void
cw_steps_listener_delete (CwStepRun *run)
{
  cw_steps_delete_own (run, &listener_deletion, NULL);
}

/* ---- verify_health: the load balancer reaches the database ---- */

/* Health checks need a few rounds to change their mind: an unhealthy target is looked at
 * this many times before the link is declared broken. */
#define UNHEALTHY_LOOKS 8

static void
target_health_described (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) healths = cw_elbv2_describe_target_health_finish (CW_AWS_CLIENT (source), result, &error);
  CwElbTargetHealth *health = NULL;
  g_autofree char *what = NULL;

  if (healths == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < healths->len; i++)
    if (g_strcmp0 (((CwElbTargetHealth *) g_ptr_array_index (healths, i))->target_id, resource (run, CW_RES_REGISTERED_IP)) == 0)
      health = g_ptr_array_index (healths, i);
  if (health != NULL && g_strcmp0 (health->state, "healthy") == 0)
    {
      g_autofree char *message = g_strdup_printf (_("The target %s:%u is healthy."), health->target_id, port (run));

      cw_step_run_succeed (run, message);
      return;
    }
  if (health != NULL && g_strcmp0 (health->state, "unhealthy") == 0 && run->polls >= UNHEALTHY_LOOKS)
    {
      cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                          _("The load balancer cannot reach the database at %s:%u (%s): %s"),
                                          health->target_id, port (run), health->reason ? health->reason : "",
                                          health->description ? health->description : ""));
      return;
    }
  what = health && g_strcmp0 (health->state, "unhealthy") == 0
           ? g_strdup_printf (_("The target is unhealthy (%s); waiting for the health checks to pass"),
                              health->reason ? health->reason : "")
           : g_strdup (_("Waiting for the load balancer’s health checks to pass"));
  cw_step_run_wait (run, CW_WAIT_TARGET_HEALTH, what, cw_steps_verify_health_create);
}

void
cw_steps_verify_health_create (CwStepRun *run)
{
  cw_elbv2_describe_target_health_async (run->aws, resource (run, CW_RES_TARGET_GROUP_ARN), NULL, CW_AWS_CALL_DEFAULT,
                                         run->cancellable, target_health_described, run);
}
