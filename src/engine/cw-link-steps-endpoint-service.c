/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-steps-endpoint-service.c: the endpoint service, TiDB Cloud's principal on it, and accepting its endpoint */
#define G_LOG_DOMAIN "cw-link-steps"

#include "config.h"

#include "cw-link-steps-private.h"

/* ---- endpoint_service: the VPC endpoint service fronted by the load balancer ---- */

/* The service is Pending for a few seconds after it is made. TiDB Cloud needs it
 * available only when it makes its endpoint, half a minute after it is asked to: the
 * run goes on at once, which saves those seconds on the longest chain of waits. */
static void
endpoint_service_succeed (CwStepRun *run)
{
  g_autofree char *message = g_strdup_printf (_("Endpoint service %s, acceptance required."),
                                              resource (run, CW_RES_ENDPOINT_SERVICE_NAME));

  cw_step_run_succeed (run, message);
}

static void
service_recorded (CwStepRun                 *run,
                  CwEc2ServiceConfiguration *service)
{
  cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_SERVICE_NAME, service->service_name);
  created (run, CW_RES_ENDPOINT_SERVICE_ID, service->service_id);
}

static void
service_created (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwEc2ServiceConfiguration) service =
    cw_ec2_create_vpc_endpoint_service_configuration_finish (CW_AWS_CLIENT (source), result, &error);

  if (service == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  service_recorded (run, service);
  endpoint_service_succeed (run);
}


static void
services_by_tag (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Find) find = user_data;
  CwStepRun *run = find->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = cw_ec2_describe_vpc_endpoint_service_configurations_finish (CW_AWS_CLIENT (source),
                                                                                              result, &error);
  CwEc2ServiceConfiguration *service = NULL;

  if (services == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < services->len && service == NULL; i++)
    {
      CwEc2ServiceConfiguration *candidate = g_ptr_array_index (services, i);

      if (g_strcmp0 (candidate->service_state, "Deleted") != 0 && g_strcmp0 (candidate->service_state, "Deleting") != 0)
        service = candidate;
    }
  if (service != NULL)
    {
      cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_SERVICE_NAME, service->service_name);
      cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_SERVICE_ID, service->service_id);
    }
  find->found (run, service ? service->service_id : NULL);
}

void
cw_steps_service_find (CwStepRun *run,
                       FoundFunc  found)
{
  const char *ids[] = { link_id (run), NULL };
  CwAwsFilter filters[] = { { TAG_FILTER, ids }, { NULL } };

  cw_step_run_progress (run, _("Looking for the endpoint service…"));
  cw_ec2_describe_vpc_endpoint_service_configurations_async (run->aws, NULL, filters, CW_AWS_CALL_DEFAULT,
                                                             run->cancellable, services_by_tag, cw_steps_find_new (run, found, NULL));
}

static void
service_send_create (CwStepRun *run)
{
  const char *balancers[] = { resource (run, CW_RES_LOAD_BALANCER_ARN), NULL };
  const char *address_types[] = { "ipv4", NULL };
  g_autofree char *token = cw_link_client_token (link_id (run));
  Tags tags;

  cw_step_run_progress (run, _("Creating the endpoint service…"));
  cw_ec2_create_vpc_endpoint_service_configuration_async (run->aws, balancers, TRUE, address_types, token,
                                                          link_tags (run, &tags, spec (run, CW_SPEC_DISPLAY_NAME)),
                                                          CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                          service_created, run);
}

static void
service_found_for_create (CwStepRun  *run,
                          const char *service_id)
{
  if (service_id != NULL)
    {
      created (run, CW_RES_ENDPOINT_SERVICE_ID, service_id);
      endpoint_service_succeed (run);
      return;
    }
  cw_step_run_attempt (run, service_send_create);
}

void
cw_steps_endpoint_service_create (CwStepRun *run)
{
  if (resource (run, CW_RES_ENDPOINT_SERVICE_ID) != NULL)
    endpoint_service_succeed (run);
  else if (!owned (run))
    service_found_for_create (run, NULL);
  else
    cw_steps_service_find (run, service_found_for_create);
}

static void service_look_until_gone (CwStepRun *run);

static void
service_gone_described (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = cw_ec2_describe_vpc_endpoint_service_configurations_finish (CW_AWS_CLIENT (source),
                                                                                              result, &error);
  CwEc2ServiceConfiguration *service;
  g_autofree char *message = NULL;

  if (services == NULL && !is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  service = services && services->len > 0 ? g_ptr_array_index (services, 0) : NULL;
  if (service != NULL && g_strcmp0 (service->service_state, "Deleted") != 0)
    {
      cw_step_run_wait (run, CW_WAIT_ENDPOINT_SERVICE, _("Waiting for the endpoint service to be deleted"),
                        service_look_until_gone);
      return;
    }
  message = g_strdup_printf (_("Deleted endpoint service %s."), resource (run, CW_RES_ENDPOINT_SERVICE_NAME));
  cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_SERVICE_NAME, NULL);
  forget (run, CW_RES_ENDPOINT_SERVICE_ID);
  cw_step_run_succeed (run, message);
}

static void
service_look_until_gone (CwStepRun *run)
{
  const char *ids[] = { resource (run, CW_RES_ENDPOINT_SERVICE_ID), NULL };

  cw_ec2_describe_vpc_endpoint_service_configurations_async (run->aws, ids, NULL, CW_AWS_CALL_DEFAULT,
                                                             run->cancellable, service_gone_described, run);
}

static void
service_deleted (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_ec2_delete_vpc_endpoint_service_configurations_finish (CW_AWS_CLIENT (source), result, &error) &&
      !is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  service_look_until_gone (run);
}

static void
service_delete_configuration (CwStepRun *run)
{
  const char *ids[] = { resource (run, CW_RES_ENDPOINT_SERVICE_ID), NULL };

  cw_step_run_progress (run, _("Deleting the endpoint service…"));
  cw_ec2_delete_vpc_endpoint_service_configurations_async (run->aws, ids, CW_AWS_CALL_DEFAULT, run->cancellable,
                                                           service_deleted, run);
}

static gboolean
connection_is_open (CwEc2VpcEndpointConnection *connection)
{
  static const char * const open_states[] = { "pendingAcceptance", "pending", "available", NULL };

  return connection->vpc_endpoint_state != NULL && g_strv_contains (open_states, connection->vpc_endpoint_state);
}

static void
connections_rejected (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_ec2_reject_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source), result, &error) &&
      !is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  service_delete_configuration (run);
}

/* AWS deletes no service that endpoints are still connected to. The service is the
 * link's own, so whatever is still connected to it goes too. */
static void
service_connections_described (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) connections = cw_ec2_describe_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source),
                                                                                      result, &error);
  g_autoptr(GStrvBuilder) open = g_strv_builder_new ();
  g_auto(GStrv) endpoint_ids = NULL;

  if (connections == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < connections->len; i++)
    {
      CwEc2VpcEndpointConnection *connection = g_ptr_array_index (connections, i);

      if (connection_is_open (connection) &&
          g_strcmp0 (connection->service_id, resource (run, CW_RES_ENDPOINT_SERVICE_ID)) == 0)
        g_strv_builder_add (open, connection->vpc_endpoint_id);
    }
  endpoint_ids = g_strv_builder_end (open);
  if (endpoint_ids[0] == NULL)
    {
      service_delete_configuration (run);
      return;
    }
  cw_step_run_progress (run, _("Rejecting the endpoints still connected…"));
  cw_ec2_reject_vpc_endpoint_connections_async (run->aws, resource (run, CW_RES_ENDPOINT_SERVICE_ID),
                                                (const char * const *) endpoint_ids, CW_AWS_CALL_DEFAULT,
                                                run->cancellable, connections_rejected, run);
}

static void
service_found_for_delete (CwStepRun  *run,
                          const char *service_id)
{
  const char *ids[] = { service_id, NULL };
  CwAwsFilter filters[] = { { "service-id", ids }, { NULL } };

  if (service_id == NULL)
    {
      forget (run, CW_RES_ENDPOINT_SERVICE_ID);
      cw_step_run_skip (run, _("The link has no endpoint service of its own."));
      return;
    }
  cw_step_run_progress (run, _("Looking for endpoints connected to the service…"));
  cw_ec2_describe_vpc_endpoint_connections_async (run->aws, filters, CW_AWS_CALL_DEFAULT, run->cancellable,
                                                  service_connections_described, run);
}

void
cw_steps_endpoint_service_delete (CwStepRun *run)
{
  if (owned (run) && resource (run, CW_RES_ENDPOINT_SERVICE_ID) != NULL)
    service_found_for_delete (run, resource (run, CW_RES_ENDPOINT_SERVICE_ID));
  else
    cw_steps_service_find (run, service_found_for_delete);
}

/* ---- allow_principal: TiDB Cloud's account may connect ---- */

static char *
tidb_principal (CwStepRun *run)
{
  return g_strdup_printf ("arn:aws:iam::%s:root", spec (run, CW_SPEC_TIDB_ACCOUNT_ID));
}

static void
allow_principal_succeed (CwStepRun *run)
{
  g_autofree char *principal = tidb_principal (run);
  g_autofree char *message = g_strdup_printf (_("%s may connect to the endpoint service."), principal);

  cw_step_run_succeed (run, message);
}

static void
permissions_modified (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_ec2_modify_vpc_endpoint_service_permissions_finish (CW_AWS_CLIENT (source), result, &error))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  allow_principal_succeed (run);
}

static void
permissions_described (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) principals = cw_ec2_describe_vpc_endpoint_service_permissions_finish (CW_AWS_CLIENT (source),
                                                                                             result, &error);
  g_autofree char *principal = tidb_principal (run);
  const char *add[] = { principal, NULL };

  if (principals == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < principals->len; i++)
    if (g_strcmp0 (((CwEc2AllowedPrincipal *) g_ptr_array_index (principals, i))->principal, principal) == 0)
      {
        allow_principal_succeed (run);
        return;
      }
  cw_step_run_progress (run, _("Allowing TiDB Cloud’s account…"));
  cw_ec2_modify_vpc_endpoint_service_permissions_async (run->aws, resource (run, CW_RES_ENDPOINT_SERVICE_ID), add, NULL,
                                                        CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                        permissions_modified, run);
}

void
cw_steps_allow_principal_create (CwStepRun *run)
{
  cw_step_run_progress (run, _("Reading the endpoint service’s allowed principals…"));
  cw_ec2_describe_vpc_endpoint_service_permissions_async (run->aws, resource (run, CW_RES_ENDPOINT_SERVICE_ID), NULL,
                                                          CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                          permissions_described, run);
}

/* ---- accept: exactly the request of TiDB Cloud's endpoint ---- */

static void
accepted (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!cw_ec2_accept_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source), result, &error))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  message = g_strdup_printf (_("Accepted the connection of TiDB Cloud’s endpoint %s."), resource (run, CW_RES_ENDPOINT_ID));
  cw_step_run_succeed (run, message);
}

static void
endpoint_connections_described (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) connections = cw_ec2_describe_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source),
                                                                                      result, &error);
  const char *endpoint_id = resource (run, CW_RES_ENDPOINT_ID);
  const char *endpoint_ids[] = { endpoint_id, NULL };
  g_autofree char *what = NULL;

  if (connections == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < connections->len; i++)
    {
      CwEc2VpcEndpointConnection *connection = g_ptr_array_index (connections, i);

      if (g_strcmp0 (connection->vpc_endpoint_id, endpoint_id) != 0)
        continue;
      if (g_strcmp0 (connection->vpc_endpoint_state, "available") == 0)
        {
          cw_step_run_succeed (run, _("TiDB Cloud’s endpoint is already accepted."));
          return;
        }
      if (g_strcmp0 (connection->vpc_endpoint_state, "pendingAcceptance") == 0)
        {
          cw_step_run_progress (run, _("Accepting TiDB Cloud’s endpoint…"));
          cw_ec2_accept_vpc_endpoint_connections_async (run->aws, resource (run, CW_RES_ENDPOINT_SERVICE_ID),
                                                        endpoint_ids, CW_AWS_CALL_DEFAULT, run->cancellable,
                                                        accepted, run);
          return;
        }
      if (!connection_is_open (connection))
        {
          cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                              _("TiDB Cloud’s endpoint %s is %s on the endpoint service."),
                                              endpoint_id, connection->vpc_endpoint_state));
          return;
        }
    }
  what = g_strdup_printf (_("Waiting for the connection request of endpoint %s"), endpoint_id);
  cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, what, cw_steps_accept_create);
}

static void
accept_link_state (CwStepRun         *run,
                   CwTidbPrivateLink *link)
{
  const char *state = cw_tidb_private_link_get_state (link);
  const char *endpoint_id = cw_tidb_private_link_get_endpoint_id (link);
  const char *service_ids[] = { resource (run, CW_RES_ENDPOINT_SERVICE_ID), NULL };
  CwAwsFilter filters[] = { { "service-id", service_ids }, { NULL } };

  if (g_strcmp0 (state, "ACTIVE") == 0)
    {
      cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_ID, endpoint_id);
      cw_step_run_succeed (run, _("TiDB Cloud’s endpoint is already accepted."));
      return;
    }
  if (g_strcmp0 (state, "PENDING_ACCEPTANCE") != 0 || endpoint_id == NULL)
    {
      cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, _("Waiting for TiDB Cloud to create its endpoint"), cw_steps_accept_create);
      return;
    }
  cw_step_run_record (run, CW_RES_ENDPOINT_ID, endpoint_id);
  cw_ec2_describe_vpc_endpoint_connections_async (run->aws, filters, CW_AWS_CALL_DEFAULT, run->cancellable,
                                                  endpoint_connections_described, run);
}

void
cw_steps_accept_create (CwStepRun *run)
{
  cw_steps_get_link (run, accept_link_state);
}

/* ---- service_tag: the endpoint service names the databases added to its link ---- */

/* By this tag the links view knows, with no request more, which database each listener
 * of the load balancer serves and on which port. */
static char *
port_tag_key (CwStepRun *run)
{
  return g_strdup_printf (CW_TAG_PORT_PREFIX "%u", listener_port (run));
}

static void
service_tagged (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!cw_ec2_create_tags_finish (CW_AWS_CLIENT (source), result, &error))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  cw_step_run_set_creation (run, CW_CREATION_DONE);
  message = g_strdup_printf (_("TiDB Cloud reaches %s on port %u of the link."), spec (run, CW_SPEC_DATABASE_ID),
                             listener_port (run));
  cw_step_run_succeed (run, message);
}

static void
service_send_tag (CwStepRun *run)
{
  const char *ids[] = { resource (run, CW_RES_ENDPOINT_SERVICE_ID), NULL };
  g_autofree char *key = port_tag_key (run);
  g_autofree char *value = g_strdup_printf ("%s/%s", spec (run, CW_SPEC_DATABASE_ID),
                                            spec (run, CW_SPEC_TARGET_GROUP_NAME));
  const CwAwsKeyValue tags[] = { { key, value }, { NULL, NULL } };

  cw_step_run_progress (run, _("Naming the database’s port on the endpoint service…"));
  cw_ec2_create_tags_async (run->aws, ids, tags, CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable, service_tagged, run);
}

void
cw_steps_service_tag_create (CwStepRun *run)
{
  cw_step_run_attempt (run, service_send_tag);
}

static void
service_untagged (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;

  /* The service gone already took its tags with it. */
  if (!cw_ec2_delete_tags_finish (CW_AWS_CLIENT (source), result, &error) &&
      !is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  forget (run, NULL);
  cw_step_run_succeed (run, _("The endpoint service no longer names the database’s port."));
}

void
cw_steps_service_tag_delete (CwStepRun *run)
{
  const char *ids[] = { resource (run, CW_RES_ENDPOINT_SERVICE_ID), NULL };
  g_autofree char *key = port_tag_key (run);
  const char *keys[] = { key, NULL };

  if (ids[0] == NULL || !owned (run))
    {
      cw_step_run_skip (run, _("The endpoint service names no port of the database."));
      return;
    }
  cw_step_run_progress (run, _("Removing the database’s port from the endpoint service…"));
  cw_ec2_delete_tags_async (run->aws, ids, keys, CW_AWS_CALL_DEFAULT, run->cancellable, service_untagged, run);
}
