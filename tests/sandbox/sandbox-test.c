/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sandbox-test.c */
#include "config.h"

#include <string.h>

#include "cw-sigv4.h"
#include "sandbox-test.h"

#define WAIT_LIMIT_US (60 * G_USEC_PER_SEC)

SbTest *
sb_test_new (double      time_scale,
             const char *scenario,
             const char *faults)
{
  return sb_test_new_seeded (time_scale, scenario, faults, 42);
}

SbTest *
sb_test_new_seeded (double      time_scale,
                    const char *scenario,
                    const char *faults,
                    guint32     seed)
{
  SbTest *self = g_new0 (SbTest, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *serverless = NULL;
  g_autofree char *iam = NULL;
  CwSandboxOptions options;

  cw_sandbox_options_init (&options);
  options.time_scale = time_scale;
  options.scenario = scenario;
  options.faults = faults;
  options.seed = seed;
  self->sandbox = cw_sandbox_new (&options);
  g_assert_true (cw_sandbox_start (self->sandbox, &error));
  g_assert_no_error (error);
  self->base = g_strdup_printf ("http://127.0.0.1:%u", cw_sandbox_get_port (self->sandbox));
  self->session = soup_session_new_with_options ("timeout", 30, NULL);
  serverless = g_strconcat (self->base, "/tidbcloud/serverless", NULL);
  iam = g_strconcat (self->base, "/tidbcloud/iam", NULL);
  self->tidb = cw_tidb_client_new_for_endpoints (CW_SANDBOX_TIDB_PUBLIC_KEY,
                                                 cw_sandbox_get_tidb_private_key (self->sandbox),
                                                 serverless, iam, &error);
  g_assert_no_error (error);
  return self;
}

void
sb_test_free (SbTest *self)
{
  cw_sandbox_stop (self->sandbox);
  g_clear_object (&self->sandbox);
  g_clear_object (&self->session);
  g_clear_object (&self->tidb);
  g_clear_pointer (&self->signer, cw_aws_credentials_free);
  g_free (self->base);
  g_free (self);
}

/* ---- AWS ---- */

static char *
encode_form (GPtrArray *form)
{
  GString *body = g_string_new (NULL);

  for (guint i = 0; i + 1 < form->len; i += 2)
    {
      g_autofree char *name = g_uri_escape_string (form->pdata[i], NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (form->pdata[i + 1], NULL, FALSE);

      g_string_append_printf (body, "%s%s=%s", i ? "&" : "", name, value);
    }
  return g_string_free (body, FALSE);
}

/* @text signed for @region and @service, with X-Amz-Target @target unless NULL; the
 * answer's body, its status and (when asked) its x-amzn-ErrorType. */
static char *
send_signed_body (SbTest            *self,
                  CwAwsCredentials  *credentials,
                  const char        *region,
                  const char        *service,
                  const char        *content_type,
                  const char        *target,
                  const char        *text,
                  guint             *status,
                  char             **error_type,
                  GError           **error)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(CwSigv4Request) request = cw_sigv4_request_new ("POST", "/", body);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", cw_sandbox_get_port (self->sandbox));
  g_autofree char *url = g_strconcat (self->base, "/", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) answer = NULL;

  cw_sigv4_request_add_header (request, "Host", host);
  cw_sigv4_request_add_header (request, "Content-Type", content_type);
  if (target != NULL)
    cw_sigv4_request_add_header (request, "X-Amz-Target", target);
  cw_sigv4_sign (request, credentials, region, service, now, CW_SIGV4_DEFAULT);
  for (guint i = 0; i < cw_sigv4_request_get_n_headers (request); i++)
    {
      const char *name, *value;

      cw_sigv4_request_get_header (request, i, &name, &value);
      if (g_ascii_strcasecmp (name, "Host") != 0 && g_ascii_strcasecmp (name, "Content-Type") != 0)
        soup_message_headers_append (soup_message_get_request_headers (message), name, value);
    }
  soup_message_set_request_body_from_bytes (message, content_type, body);
  answer = soup_session_send_and_read (self->session, message, NULL, error);
  if (answer == NULL)
    return NULL;
  *status = soup_message_get_status (message);
  if (error_type != NULL)
    *error_type = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                          "x-amzn-ErrorType"));
  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

static char *
send_signed (SbTest            *self,
             CwAwsCredentials  *credentials,
             const char        *region,
             const char        *service,
             GPtrArray         *form,
             guint             *status,
             GError           **error)
{
  g_autofree char *text = encode_form (form);

  return send_signed_body (self, credentials, region, service, "application/x-www-form-urlencoded; charset=utf-8",
                           NULL, text, status, NULL, error);
}

char *
sb_aws_signed (SbTest      *self,
               const char  *access_key_id,
               const char  *secret,
               const char  *region,
               const char  *service,
               GPtrArray   *form,
               guint       *status,
               GError     **error)
{
  g_autoptr(CwAwsCredentials) credentials = cw_aws_credentials_new (access_key_id, secret, NULL);

  return send_signed (self, credentials, region, service, form, status, error);
}

char *
sb_aws_json (SbTest      *self,
             const char  *region,
             const char  *service,
             const char  *target,
             const char  *json,
             guint       *status,
             char       **error_type)
{
  g_autoptr(CwAwsCredentials) own = cw_aws_credentials_new (CW_SANDBOX_ACCESS_KEY_ID,
                                                            cw_sandbox_get_secret_access_key (self->sandbox), NULL);
  g_autoptr(GError) error = NULL;
  char *body;

  if (error_type != NULL)
    *error_type = NULL;
  body = send_signed_body (self, self->signer ? self->signer : own, region, service, "application/x-amz-json-1.1",
                           target, json, status, error_type, &error);
  if (body == NULL)
    *status = SOUP_STATUS_NONE;
  return body;
}

static const char *
api_version (const char *service)
{
  if (g_str_equal (service, "ec2"))
    return "2016-11-15";
  if (g_str_equal (service, "elasticloadbalancing"))
    return "2015-12-01";
  return g_str_equal (service, "rds") ? "2014-10-31" : "2011-06-15";
}

static char *
call_valist (SbTest           *self,
             CwAwsCredentials *credentials,
             const char       *service,
             guint            *status,
             GError          **error,
             const char       *action,
             va_list           args)
{
  g_autoptr(CwAwsCredentials) own = NULL;
  g_autoptr(GPtrArray) form = g_ptr_array_new ();
  const char *name;

  g_ptr_array_add (form, (gpointer) "Action");
  g_ptr_array_add (form, (gpointer) action);
  g_ptr_array_add (form, (gpointer) "Version");
  g_ptr_array_add (form, (gpointer) api_version (service));
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_ptr_array_add (form, (gpointer) name);
      g_ptr_array_add (form, va_arg (args, char *));
    }
  if (credentials == NULL)
    credentials = own = cw_aws_credentials_new (CW_SANDBOX_ACCESS_KEY_ID,
                                                cw_sandbox_get_secret_access_key (self->sandbox), NULL);
  return send_signed (self, credentials, CW_SANDBOX_REGION, service, form, status, error);
}

char *
sb_aws (SbTest     *self,
        const char *service,
        guint      *status,
        const char *action,
        ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;
  char *body;

  va_start (args, action);
  body = call_valist (self, self->signer, service, status, &error, action, args);
  va_end (args);
  g_assert_no_error (error);
  return body;
}

char *
sb_aws_ok (SbTest     *self,
           const char *service,
           const char *action,
           ...)
{
  g_autoptr(GError) error = NULL;
  guint status = 0;
  va_list args;
  char *body;

  va_start (args, action);
  body = call_valist (self, self->signer, service, &status, &error, action, args);
  va_end (args);
  g_assert_no_error (error);
  if (status != 200)
    g_error ("%s answered %u: %s", action, status, body);
  return body;
}

void
sb_aws_expect_error (SbTest     *self,
                     const char *service,
                     const char *code,
                     const char *action,
                     ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *got = NULL;
  guint status = 0;
  va_list args;

  va_start (args, action);
  body = call_valist (self, self->signer, service, &status, &error, action, args);
  va_end (args);
  g_assert_no_error (error);
  got = sb_xml_get (body, "Code");
  if (status < 400 || g_strcmp0 (got, code) != 0)
    g_error ("%s: expected %s, got %u: %s", action, code, status, body);
}

/* What sb_aws*() sign with from now on: @credentials (a session's, say), or with NULL
 * the sandbox's own key again. */
void
sb_test_sign_as (SbTest           *self,
                 CwAwsCredentials *credentials)
{
  g_clear_pointer (&self->signer, cw_aws_credentials_free);
  self->signer = credentials ? cw_aws_credentials_copy (credentials) : NULL;
}

/* A call without parameters signed with @credentials answers @status and, when it
 * fails, the error @code. */
void
sb_aws_expect_as (SbTest           *self,
                  CwAwsCredentials *credentials,
                  const char       *service,
                  const char       *action,
                  guint             status,
                  const char       *code)
{
  g_autofree char *body = NULL;
  g_autofree char *got_code = NULL;
  guint got = 0;

  sb_test_sign_as (self, credentials);
  body = sb_aws (self, service, &got, action, NULL);
  sb_test_sign_as (self, NULL);
  got_code = got == 200 ? NULL : sb_xml_get (body, "Code");
  if (got != status || g_strcmp0 (got_code, code) != 0)
    g_error ("%s: expected %u %s, got %u: %s", action, status, code, got, body);
}

/* ---- REST and pages ---- */

/* The body and status of a request, redirects not followed; NULL and status 0 when
 * the connection was closed without an answer. */
char *
sb_http (SbTest      *self,
         const char  *method,
         const char  *path,
         const char  *content_type,
         const char  *body,
         const char  *bearer,
         guint       *status,
         char       **header)
{
  g_autofree char *url = g_strconcat (self->base, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (message);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }
  if (bearer != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "x-amz-sso_bearer_token", bearer);
  answer = soup_session_send_and_read (self->session, message, NULL, &error);
  *status = answer ? soup_message_get_status (message) : SOUP_STATUS_NONE;
  if (answer == NULL)
    return NULL;
  headers = soup_message_get_response_headers (message);
  if (header != NULL)
    *header = g_strdup (soup_message_headers_get_one (headers, *status == 302 ? "Location" : "x-amzn-ErrorType"));
  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

/* A rest-json call: its answer as an object (NULL when not JSON), *error_type the
 * x-amzn-ErrorType header (NULL when it succeeded). */
JsonObject *
sb_rest (SbTest      *self,
         const char  *method,
         const char  *path,
         const char  *bearer,
         const char  *json,
         guint       *status,
         char       **error_type)
{
  g_autofree char *text = sb_http (self, method, path, "application/json", json, bearer, status, error_type);
  g_autoptr(JsonNode) node = text ? json_from_string (text, NULL) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node)) : NULL;
}

/* ---- XML ---- */

GPtrArray *
sb_xml_all (const char *xml,
            const char *name)
{
  g_autofree char *open = g_strdup_printf ("<%s>", name);
  g_autofree char *close = g_strdup_printf ("</%s>", name);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  const char *at = xml;

  while (at != NULL && (at = strstr (at, open)) != NULL)
    {
      const char *start = at + strlen (open);
      const char *end = strstr (start, close);

      if (end == NULL)
        break;
      g_ptr_array_add (values, g_strndup (start, end - start));
      at = end;
    }
  return values;
}

char *
sb_xml_get (const char *xml,
            const char *name)
{
  g_autoptr(GPtrArray) values = sb_xml_all (xml, name);

  return values->len > 0 ? g_strdup (values->pdata[0]) : NULL;
}

/* ---- waiting ---- */

GAsyncResult *
sb_wait (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return *slot;
}

void
sb_store_result (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* ---- TiDB Cloud ---- */

CwTidbPrivateLink *
sb_tidb_create_link (SbTest      *self,
                     const char  *service_name,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_tidb_client_create_private_link_async (self->tidb, SB_CLUSTER_ID, "test link", service_name, NULL, NULL,
                                            sb_store_result, &result);
  return cw_tidb_client_create_private_link_finish (self->tidb, sb_wait (&result), error);
}

CwTidbPrivateLink *
sb_tidb_get_link (SbTest      *self,
                  const char  *link_id,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_tidb_client_get_private_link_async (self->tidb, SB_CLUSTER_ID, link_id, NULL, sb_store_result, &result);
  return cw_tidb_client_get_private_link_finish (self->tidb, sb_wait (&result), error);
}

static gboolean
give_tidb_key (SoupMessage *message,
               SoupAuth    *auth,
               gboolean     retrying,
               gpointer     user_data)
{
  SbTest *self = user_data;

  if (!retrying)
    soup_auth_authenticate (auth, CW_SANDBOX_TIDB_PUBLIC_KEY, cw_sandbox_get_tidb_private_key (self->sandbox));
  return !retrying;
}

/* libsoup sends a body once: the request it repeats with the Digest answer needs it
 * again. */
static void
set_json_body (SoupMessage *message,
               GBytes      *body)
{
  soup_message_set_request_body_from_bytes (message, "application/json", body);
}

JsonObject *
sb_tidb_call (SbTest     *self,
              const char *method,
              const char *path,
              const char *json,
              guint      *status)
{
  g_autofree char *url = g_strconcat (self->base, "/tidbcloud/serverless/v1beta1/", path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  /* Its own session: one that has answered a Digest challenge sends Digest to every
   * path of the port, AWS's too. */
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (message);
  if (json != NULL)
    {
      bytes = g_bytes_new (json, strlen (json));
      set_json_body (message, bytes);
      g_signal_connect (message, "restarted", G_CALLBACK (set_json_body), bytes);
    }
  g_signal_connect (message, "authenticate", G_CALLBACK (give_tidb_key), self);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);
  text = g_strndup (g_bytes_get_data (answer, NULL) ?: "", g_bytes_get_size (answer));
  node = json_from_string (text, NULL);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node)) : NULL;
}

/* ---- the dump ---- */

JsonArray *
sb_dump_array (JsonNode   *dump,
               const char *cloud,
               const char *kind)
{
  JsonObject *clouds = json_node_get_object (dump);

  return json_object_get_array_member (json_object_get_object_member (clouds, cloud), kind);
}

JsonObject *
sb_dump_find (JsonNode   *dump,
              const char *cloud,
              const char *kind,
              const char *member,
              const char *value)
{
  JsonArray *array = sb_dump_array (dump, cloud, kind);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), value) == 0)
        return object;
    }
  return NULL;
}

/* ---- building blocks ---- */

static char *
subnet_named (SbTest     *self,
              const char *name)
{
  g_autoptr(JsonNode) dump = cw_sandbox_dump_inventory (self->sandbox);
  JsonArray *subnets = sb_dump_array (dump, "aws", "subnets");

  for (guint i = 0; i < json_array_get_length (subnets); i++)
    {
      JsonObject *subnet = json_array_get_object_element (subnets, i);
      JsonObject *tags = json_object_get_object_member (subnet, "tags");

      if (g_strcmp0 (json_object_get_string_member_with_default (tags, "Name", NULL), name) == 0)
        return g_strdup (json_object_get_string_member (subnet, "id"));
    }
  g_assert_not_reached ();
}

void
sb_make_service (SbTest      *self,
                 const char  *name,
                 gboolean     allow_tidb,
                 char       **service_id,
                 char       **service_name)
{
  g_autofree char *subnet_a = subnet_named (self, "prod-a");
  g_autofree char *subnet_c = subnet_named (self, "prod-c");
  g_autofree char *body = sb_aws_ok (self, "elasticloadbalancing", "CreateLoadBalancer", "Name", name,
                                     "Type", "network", "Scheme", "internal", "Subnets.member.1", subnet_a,
                                     "Subnets.member.2", subnet_c, NULL);
  g_autofree char *lb_arn = sb_xml_get (body, "LoadBalancerArn");

  sb_service_on (self, lb_arn, allow_tidb, service_id, service_name);
}

/* Once the NLB is active: an endpoint service with acceptance required, available. */
void
sb_service_on (SbTest      *self,
               const char  *lb_arn,
               gboolean     allow_tidb,
               char       **service_id,
               char       **service_name)
{
  g_autofree char *created = NULL;

  cw_sandbox_advance_clock (self->sandbox, 150);
  created = sb_aws_ok (self, "ec2", "CreateVpcEndpointServiceConfiguration", "NetworkLoadBalancerArn.1", lb_arn,
                       "AcceptanceRequired", "true", NULL);
  *service_id = sb_xml_get (created, "serviceId");
  *service_name = sb_xml_get (created, "serviceName");
  if (allow_tidb)
    g_free (sb_aws_ok (self, "ec2", "ModifyVpcEndpointServicePermissions", "ServiceId", *service_id,
                       "AddAllowedPrincipals.1", SB_TIDB_PRINCIPAL, NULL));
  cw_sandbox_advance_clock (self->sandbox, 5);
}

/* ---- the dataflow ---- */

char *
sb_link_id (SbTest     *self,
            const char *display_name)
{
  g_autoptr(JsonNode) dump = cw_sandbox_dump_inventory (self->sandbox);
  JsonObject *link = sb_dump_find (dump, "tidb", "private_links", "display_name", display_name);

  g_assert_nonnull (link);
  return g_strdup (json_object_get_string_member (link, "id"));
}

void
sb_retarget (SbTest     *self,
             const char *group_name,
             const char *db_identifier)
{
  g_autoptr(JsonNode) dump = cw_sandbox_dump_inventory (self->sandbox);
  JsonObject *group = sb_dump_find (dump, "aws", "target_groups", "name", group_name);
  JsonObject *db = sb_dump_find (dump, "aws", "db_instances", "id", db_identifier);
  JsonObject *old = json_array_get_object_element (json_object_get_array_member (group, "targets"), 0);
  const char *arn = json_object_get_string_member (group, "id");

  g_free (sb_aws_ok (self, "elasticloadbalancing", "RegisterTargets", "TargetGroupArn", arn,
                     "Targets.member.1.Id", json_object_get_string_member (db, "private_ip"), NULL));
  g_free (sb_aws_ok (self, "elasticloadbalancing", "DeregisterTargets", "TargetGroupArn", arn,
                     "Targets.member.1.Id", json_object_get_string_member (old, "ip"), NULL));
  /* Five health checks thirty seconds apart, the defaults. */
  cw_sandbox_advance_clock (self->sandbox, 150);
}
