/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-aws.c: the simulated AWS front end (Query and JSON 1.1 protocols, SigV4)
 *
 * Over 1000 lines because one request path serves every service: reading the form or
 * the JSON body, verifying the signature and the session, the faults, the answer and
 * its errors in each protocol's shape; the operations themselves live in
 * cw-sandbox-<service>*.c. */
#define G_LOG_DOMAIN "cw-sandbox-aws"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cw-aws-error.h"
#include "cw-sandbox-aws.h"
#include "cw-sandbox-dump.h"
#include "cw-sandbox-private.h"
#include "cw-sigv4.h"

#define MAX_CLOCK_SKEW_S (15 * 60)

typedef enum {
  PROTOCOL_EC2,    /* Query in EC2's dialect: <Response><Errors> */
  PROTOCOL_QUERY,  /* Query: <ErrorResponse> */
  PROTOCOL_JSON,   /* JSON 1.1: X-Amz-Target names the operation, errors are {"__type"} */
} Protocol;

typedef struct {
  const char         *name;           /* SigV4 service */
  Protocol            protocol;
  const char         *xml_namespace;  /* Query */
  const char         *target_prefix;  /* JSON 1.1: X-Amz-Target is PREFIX.Operation */
  const char * const *regions;        /* its endpoints; NULL: every region the sandbox models */
  const CwSbAwsOperation *(*operations) (guint *n_operations);
} Service;

/* The Price List API has endpoints in these regions only; each answers for every region. */
static const char * const pricing_regions[] = { "us-east-1", "eu-central-1", "ap-south-1", NULL };

static const Service aws_services[] = {
  { "ec2", PROTOCOL_EC2, "http://ec2.amazonaws.com/doc/2016-11-15/", NULL, NULL, cw_sb_ec2_operations },
  { "elasticloadbalancing", PROTOCOL_QUERY, "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", NULL, NULL,
    cw_sb_elbv2_operations },
  { "rds", PROTOCOL_QUERY, "http://rds.amazonaws.com/doc/2014-10-31/", NULL, NULL, cw_sb_rds_operations },
  { "sts", PROTOCOL_QUERY, "https://sts.amazonaws.com/doc/2011-06-15/", NULL, NULL, cw_sb_sts_operations },
  { "pricing", PROTOCOL_JSON, NULL, "AWSPriceListService", pricing_regions, cw_sb_pricing_operations },
};

/* Only STS answers the other accounts' sessions: the sandbox's resources are all in
 * its own account, and what is assigned elsewhere allows STS alone. */
#define SERVES_EVERY_ACCOUNT "sts"

/* One request on its way, kept while a delay fault holds it. */
typedef struct {
  CwSbServices           *services;
  SoupServerMessage      *message;
  const Service          *service;
  const CwSbAwsOperation *operation;
  const char             *target;   /* X-Amz-Target: JSON 1.1 names its operation there */
  char                   *region;
  CwSbCaller             *caller;
  char                   *request_id;
  CwSbParams             *params;   /* Query */
  JsonObject             *input;    /* JSON 1.1 */
  CwSbFaultDecision       decision;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->message);
  g_free (request->region);
  g_clear_pointer (&request->caller, cw_sb_caller_free);
  g_free (request->request_id);
  if (request->params != NULL)
    cw_sb_params_free (request->params);
  g_clear_pointer (&request->input, json_object_unref);
  g_free (request);
}

/* A client that sends X-Amz-Target reads its answer, and its errors, as JSON. */
static Protocol
request_protocol (Request *request)
{
  if (request->target != NULL)
    return PROTOCOL_JSON;
  return request->service ? request->service->protocol : PROTOCOL_EC2;
}

/* ---- errors ---- */

gboolean
cw_sb_aws_fail (GError     **error,
                guint        status,
                const char  *code,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_propagate_error (error, cw_aws_error_new_from_service (NULL, status, code, message, NULL));
  return FALSE;
}

/* ELBv2 and STS refuse bad input with ValidationError; EC2 and RDS name the problem. */
static gboolean
speaks_validation_error (CwSbAwsCall *call)
{
  return g_str_equal (call->service, "elasticloadbalancing") || g_str_equal (call->service, "sts");
}

const char *
cw_sb_aws_invalid_value_code (CwSbAwsCall *call)
{
  return speaks_validation_error (call) ? "ValidationError" : "InvalidParameterValue";
}

static void
respond_xml (SoupServerMessage *message,
             guint              status,
             const char        *request_id,
             char              *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  soup_message_headers_replace (headers, "x-amzn-RequestId", request_id);
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/xml;charset=UTF-8", SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
respond_json (Request     *request,
              guint        status,
              JsonBuilder *builder)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->message);
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *body = json_to_string (root, FALSE);

  soup_message_headers_replace (headers, "x-amzn-RequestId", request->request_id);
  soup_server_message_set_status (request->message, status, NULL);
  soup_server_message_set_response (request->message, "application/x-amz-json-1.1", SOUP_MEMORY_TAKE,
                                    body, strlen (body));
}

/* JSON 1.1 services name the signature's and IAM's refusals their own way, with
 * status 400: the Price List API answers a wrong region with InvalidSignatureException
 * and an unknown key with UnrecognizedClientException, both 400. */
static const struct {
  const char *query;
  const char *json;
} json_auth_errors[] = {
  { "MissingAuthenticationToken", "MissingAuthenticationTokenException" },
  { "IncompleteSignature", "IncompleteSignatureException" },
  { "SignatureDoesNotMatch", "InvalidSignatureException" },
  { "InvalidClientTokenId", "UnrecognizedClientException" },
  { "ExpiredToken", "ExpiredTokenException" },
  { "AccessDenied", "AccessDeniedException" },
};

/* {"__type": NAME, "message": TEXT}, and NAME in x-amzn-ErrorType. */
static void
respond_json_error (Request    *request,
                    guint       status,
                    const char *code,
                    const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (json_auth_errors); i++)
    if (g_str_equal (code, json_auth_errors[i].query))
      {
        code = json_auth_errors[i].json;
        status = 400;
      }
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "__type", code);
  cw_sb_json_add_string (builder, "message", text);
  json_builder_end_object (builder);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->message), "x-amzn-ErrorType", code);
  respond_json (request, status, builder);
}

/* EC2: <Response><Errors><Error>…</Errors><RequestID>; the others: <ErrorResponse>. */
static void
respond_xml_error (Request    *request,
                   guint       status,
                   const char *code,
                   const char *text)
{
  g_autoptr(CwSbXml) xml = NULL;

  if (request_protocol (request) == PROTOCOL_EC2)
    {
      xml = cw_sb_xml_new ("Response", NULL);
      cw_sb_xml_open (xml, "Errors");
      cw_sb_xml_open (xml, "Error");
      cw_sb_xml_text (xml, "Code", code);
      cw_sb_xml_text (xml, "Message", text);
      cw_sb_xml_close (xml);
      cw_sb_xml_close (xml);
      cw_sb_xml_text (xml, "RequestID", request->request_id);
    }
  else
    {
      xml = cw_sb_xml_new ("ErrorResponse", request->service->xml_namespace);
      cw_sb_xml_open (xml, "Error");
      cw_sb_xml_text (xml, "Type", status >= 500 ? "Receiver" : "Sender");
      cw_sb_xml_text (xml, "Code", code);
      cw_sb_xml_text (xml, "Message", text);
      cw_sb_xml_close (xml);
      cw_sb_xml_text (xml, "RequestId", request->request_id);
    }
  respond_xml (request->message, status, request->request_id, cw_sb_xml_finish (g_steal_pointer (&xml)));
}

static void
respond_error (Request    *request,
               guint       status,
               const char *code,
               const char *text)
{
  if (request_protocol (request) == PROTOCOL_JSON)
    respond_json_error (request, status, code, text);
  else
    respond_xml_error (request, status, code, text);
}

static void
respond_gerror (Request      *request,
                const GError *error)
{
  guint status = cw_aws_error_get_http_status (error);

  respond_error (request, status ? status : 400, cw_aws_error_get_code (error) ?: "InvalidParameterValue",
                 cw_aws_error_get_aws_message (error) ?: error->message);
}

/* ---- authentication ---- */

static const Service *
find_service (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (aws_services); i++)
    if (g_str_equal (aws_services[i].name, name))
      return &aws_services[i];
  return NULL;
}

/* The JSON 1.1 service whose prefix X-Amz-Target ("AWSPriceListService.GetProducts") has. */
static const Service *
find_service_by_target (const char *target)
{
  const char *dot = target ? strrchr (target, '.') : NULL;

  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (aws_services); i++)
    {
      const char *prefix = aws_services[i].target_prefix;

      if (prefix != NULL && strlen (prefix) == (gsize) (dot - target) && g_str_has_prefix (target, prefix))
        return &aws_services[i];
    }
  return NULL;
}

static CwSigv4Request *
signed_request_from (SoupServerMessage *message,
                     GBytes            *body)
{
  GUri *uri = soup_server_message_get_uri (message);
  const char *query = g_uri_get_query (uri);
  g_autofree char *target = query ? g_strconcat (g_uri_get_path (uri), "?", query, NULL)
                                  : g_strdup (g_uri_get_path (uri));
  CwSigv4Request *request = cw_sigv4_request_new (soup_server_message_get_method (message), target, body);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (message));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    cw_sigv4_request_add_header (request, name, value);
  return request;
}

static gboolean
date_is_fresh (const char *amz_date)
{
  int year, month, day, hour, minute, second;
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (amz_date == NULL ||
      sscanf (amz_date, "%4d%2d%2dT%2d%2d%2dZ", &year, &month, &day, &hour, &minute, &second) != 6)
    return FALSE;
  then = g_date_time_new_utc (year, month, day, hour, minute, second);
  return then != NULL && ABS (g_date_time_difference (now, then)) <= MAX_CLOCK_SKEW_S * G_USEC_PER_SEC;
}

/* Whose key signed, and its secret; a key that is not the sandbox's, or an expired
 * session, is refused in the service's own words. */
static gboolean
find_key (CwSbServices    *services,
          CwSigv4Request  *request,
          const char      *access_key_id,
          gboolean         ec2,
          char           **secret,
          CwSbCaller     **caller,
          GError         **error)
{
  const char *token = cw_sigv4_request_lookup_header (request, "X-Amz-Security-Token");
  CwSbKeyState state;

  cw_sandbox_world_lock (services->world);
  state = cw_sb_identity_check_key (services->identity, access_key_id, token, secret, caller);
  cw_sandbox_world_unlock (services->world);
  if (state == CW_SB_KEY_EXPIRED)
    return ec2 ? cw_sb_aws_fail (error, 400, "RequestExpired", "Request has expired.")
               : cw_sb_aws_fail (error, 403, "ExpiredToken", "The security token included in the request is expired");
  if (state == CW_SB_KEY_UNKNOWN)
    return ec2 ? cw_sb_aws_fail (error, 401, "AuthFailure", "AWS was not able to validate the provided access credentials")
               : cw_sb_aws_fail (error, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
  return TRUE;
}

/* The credential scope must name the service the request addresses (a JSON 1.1 request
 * names it in X-Amz-Target, a Query request only there). */
static gboolean
check_scope_service (CwSigv4Authorization  *authorization,
                     const Service         *addressed,
                     const Service        **service,
                     GError               **error)
{
  if (addressed != NULL && !g_str_equal (addressed->name, authorization->service))
    return cw_sb_aws_fail (error, 403, "SignatureDoesNotMatch",
                           "Credential should be scoped to correct service: '%s'. ", addressed->name);
  *service = find_service (authorization->service);
  if (*service == NULL)
    return cw_sb_aws_fail (error, 403, "SignatureDoesNotMatch",
                           "Credential should be scoped to correct service: '%s' is not served here.",
                           authorization->service);
  return TRUE;
}

/* A service with endpoints in a few regions only refuses the others by name. */
static gboolean
check_scope_region (const Service  *service,
                    const char     *region,
                    GError        **error)
{
  if (service->regions == NULL && !cw_sb_region_is_known (region))
    return cw_sb_aws_fail (error, 403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region.");
  if (service->regions != NULL && !g_strv_contains (service->regions, region))
    return cw_sb_aws_fail (error, 403, "SignatureDoesNotMatch",
                           "Credential should be scoped to a valid region, not '%s'. ", region);
  return TRUE;
}

/* Checks the signature as AWS does, in AWS's words. Gives the service the credential
 * scope names; *service stays @addressed when not even that could be read. */
static gboolean
authenticate (CwSbServices       *services,
              CwSigv4Request     *request,
              const Service      *addressed,
              const Service     **service,
              char              **region,
              CwSbCaller        **caller,
              GError            **error)
{
  const char *header = cw_sigv4_request_lookup_header (request, "Authorization");
  g_autoptr(CwSigv4Authorization) authorization = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *secret = NULL;
  gboolean ec2;

  *service = addressed;
  if (header == NULL)
    return cw_sb_aws_fail (error, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
  authorization = cw_sigv4_authorization_parse (header, &local_error);
  if (authorization == NULL)
    return cw_sb_aws_fail (error, 400, "IncompleteSignature", "%s", local_error->message);
  if (!check_scope_service (authorization, addressed, service, error))
    return FALSE;
  ec2 = (*service)->protocol == PROTOCOL_EC2;
  if (!find_key (services, request, authorization->access_key_id, ec2, &secret, caller, error) ||
      !check_scope_region (*service, authorization->region, error))
    return FALSE;
  if (!date_is_fresh (cw_sigv4_request_lookup_header (request, "X-Amz-Date")))
    return ec2 ? cw_sb_aws_fail (error, 400, "RequestExpired", "Request has expired.")
               : cw_sb_aws_fail (error, 403, "SignatureDoesNotMatch", "Signature expired: the request time is too far from now.");
  if (!cw_sigv4_verify (request, secret, CW_SIGV4_DEFAULT, &local_error))
    return cw_sb_aws_fail (error, g_strcmp0 (cw_aws_error_get_code (local_error), "IncompleteSignature") == 0 ? 400 : 403,
                           cw_aws_error_get_code (local_error) ?: "SignatureDoesNotMatch",
                           "%s", cw_aws_error_get_aws_message (local_error) ?: local_error->message);
  *region = g_strdup (authorization->region);
  return TRUE;
}

/* ---- reading the operation ---- */

/* The form of a POST, or the query of a GET. */
static GHashTable *
read_form (SoupServerMessage *message,
           GBytes            *body)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  g_autofree char *text = NULL;

  if (g_str_equal (soup_server_message_get_method (message), "GET"))
    return query ? soup_form_decode (query) : g_hash_table_new (g_str_hash, g_str_equal);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_form_decode (text);
}

static const CwSbAwsOperation *
find_operation (const Service *service,
                const char    *action)
{
  guint n = 0;
  const CwSbAwsOperation *operations = service->operations (&n);

  for (guint i = 0; action != NULL && i < n; i++)
    if (g_str_equal (operations[i].action, action))
      return &operations[i];
  return NULL;
}

static gboolean
read_query_operation (Request  *request,
                      GBytes   *body,
                      GError  **error)
{
  g_autoptr(GHashTable) form = read_form (request->message, body);
  const char *action = g_hash_table_lookup (form, "Action");

  request->operation = find_operation (request->service, action);
  if (request->operation == NULL)
    return action ? cw_sb_aws_fail (error, 400, "InvalidAction",
                                    "The action or operation requested is invalid. Verify that the action is typed correctly.")
                  : cw_sb_aws_fail (error, 400, "MissingAction", "Missing Action");
  request->params = cw_sb_params_new_from_form (form);
  return TRUE;
}

/* X-Amz-Target names the operation; the body is one JSON object ("{}" when empty). */
static gboolean
read_json_operation (Request  *request,
                     GBytes   *body,
                     GError  **error)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(JsonNode) node = NULL;

  if (find_service_by_target (request->target) == request->service)
    request->operation = find_operation (request->service, strrchr (request->target, '.') + 1);
  if (request->operation == NULL)
    return cw_sb_aws_fail (error, 400, "UnknownOperationException", "The operation %s is not known to %s",
                           request->target ? request->target : "(no X-Amz-Target)", request->service->name);
  node = json_from_string (*text != '\0' ? text : "{}", NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return cw_sb_aws_fail (error, 400, "SerializationException", "The request body is not a JSON object");
  request->input = json_object_ref (json_node_get_object (node));
  return TRUE;
}

/* ---- answering ---- */

static CwSbXml *
open_envelope (const Service *service,
               const char    *action,
               const char    *request_id)
{
  g_autofree char *root = g_strconcat (action, "Response", NULL);
  CwSbXml *xml = cw_sb_xml_new (root, service->xml_namespace);

  if (service->protocol == PROTOCOL_EC2)
    cw_sb_xml_text (xml, "requestId", request_id);
  else
    {
      g_autofree char *result = g_strconcat (action, "Result", NULL);

      cw_sb_xml_open (xml, result);
    }
  return xml;
}

static char *
close_envelope (const Service *service,
                CwSbXml       *xml,
                const char    *request_id)
{
  if (service->protocol != PROTOCOL_EC2)
    {
      cw_sb_xml_close (xml);
      cw_sb_xml_open (xml, "ResponseMetadata");
      cw_sb_xml_text (xml, "RequestId", request_id);
      cw_sb_xml_close (xml);
    }
  return cw_sb_xml_finish (xml);
}

/* The call an operation reads its request from and writes its result into. */
static void
open_result (Request     *request,
             CwSbAwsCall *call)
{
  call->world = request->services->world;
  call->identity = request->services->identity;
  call->caller = request->caller;
  call->params = request->params;
  call->input = request->input;
  call->service = request->service->name;
  call->region = request->region;
  call->action = request->operation->action;
  call->lag_reads = request->decision.lag_reads;
  call->ec2 = request->service->protocol == PROTOCOL_EC2;
  if (request->service->protocol == PROTOCOL_JSON)
    {
      call->json = json_builder_new ();
      json_builder_begin_object (call->json);
    }
  else
    call->xml = open_envelope (request->service, call->action, request->request_id);
}

static void
respond_result (Request     *request,
                CwSbAwsCall *call)
{
  if (call->json != NULL)
    {
      json_builder_end_object (call->json);
      respond_json (request, 200, call->json);
      g_clear_object (&call->json);
    }
  else
    respond_xml (request->message, 200, request->request_id,
                 close_envelope (request->service, g_steal_pointer (&call->xml), request->request_id));
}

/* What IAM would deny before the operation runs. */
static gboolean
authorize (Request  *request,
           GError  **error)
{
  if (g_str_equal (request->caller->account_id, CW_SB_ACCOUNT_ID) ||
      g_str_equal (request->service->name, SERVES_EVERY_ACCOUNT))
    return TRUE;
  return request->service->protocol == PROTOCOL_EC2
           ? cw_sb_aws_fail (error, 403, "UnauthorizedOperation",
                             "You are not authorized to perform this operation. User: %s is not authorized to perform: ec2:%s",
                             request->caller->arn, request->operation->action)
           : cw_sb_aws_fail (error, 403, "AccessDenied", "User: %s is not authorized to perform: %s:%s",
                             request->caller->arn, request->service->name, request->operation->action);
}

static void
run_operation (Request *request)
{
  CwSbAwsCall call = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!authorize (request, &error))
    {
      respond_gerror (request, error);
      return;
    }
  open_result (request, &call);
  cw_sandbox_world_lock (call.world);
  ok = request->operation->run (&call, &error);
  cw_sandbox_world_unlock (call.world);
  if (ok)
    respond_result (request, &call);
  else
    {
      g_clear_pointer (&call.xml, cw_sb_xml_free);
      g_clear_object (&call.json);
      respond_gerror (request, error);
    }
}

/* What each protocol calls a throttle, an internal error and an outage. */
static const struct {
  guint       throttle_status;
  const char *throttle;
  const char *throttle_message;
  const char *internal;
  const char *unavailable;
} fault_words[] = {
  [PROTOCOL_EC2] = { 503, "RequestLimitExceeded", "Request limit exceeded.", "InternalError", "Unavailable" },
  [PROTOCOL_QUERY] = { 400, "Throttling", "Rate exceeded", "InternalFailure", "ServiceUnavailable" },
  [PROTOCOL_JSON] = { 400, "ThrottlingException", "Rate exceeded", "InternalErrorException", "ServiceUnavailableException" },
};

static void
respond_fault (Request *request)
{
  Protocol protocol = request_protocol (request);

  if (request->decision.action == CW_SB_FAULT_THROTTLE)
    respond_error (request, fault_words[protocol].throttle_status, fault_words[protocol].throttle,
                   fault_words[protocol].throttle_message);
  else if (request->decision.status == 500)
    respond_error (request, 500, fault_words[protocol].internal, "We encountered an internal error. Please try again.");
  else
    respond_error (request, request->decision.status, fault_words[protocol].unavailable,
                   "The service is unavailable. Please try again shortly.");
}

static gboolean
answer (gpointer data)
{
  Request *request = data;

  switch (request->decision.action)
    {
    case CW_SB_FAULT_DROP:
      return cw_sb_drop_connection (request->message);
    case CW_SB_FAULT_THROTTLE:
    case CW_SB_FAULT_SERVER_ERROR:
      respond_fault (request);
      break;
    case CW_SB_FAULT_NONE:
    default:
      if (request->service->protocol == PROTOCOL_EC2 &&
          g_strcmp0 (cw_sb_params_get (request->params, "DryRun"), "true") == 0)
        respond_error (request, 412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
      else
        run_operation (request);
      break;
    }
  return TRUE;
}

static Request *
request_new (CwSbServices      *services,
             SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  Request *request = g_new0 (Request, 1);

  request->services = services;
  request->message = g_object_ref (message);
  request->target = soup_message_headers_get_one (headers, "X-Amz-Target");
  cw_sandbox_world_lock (services->world);
  request->request_id = cw_sandbox_world_new_uuid (services->world);
  cw_sandbox_world_unlock (services->world);
  return request;
}

/* Who signed, and which operation of which service they ask for. */
static gboolean
read_request (Request  *request,
              GBytes   *body,
              GError  **error)
{
  g_autoptr(CwSigv4Request) signed_request = signed_request_from (request->message, body);

  if (!authenticate (request->services, signed_request, find_service_by_target (request->target), &request->service,
                     &request->region, &request->caller, error))
    return FALSE;
  return request_protocol (request) == PROTOCOL_JSON ? read_json_operation (request, body, error)
                                                     : read_query_operation (request, body, error);
}

void
cw_sb_aws_serve (CwSbServices      *services,
                 SoupServerMessage *message)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autoptr(GError) error = NULL;
  Request *request = request_new (services, message);

  if (!read_request (request, body, &error))
    {
      respond_gerror (request, error);
      request_free (request);
      return;
    }
  cw_sandbox_world_lock (services->world);
  cw_sandbox_world_count_request (services->world, request->service->name, request->operation->action);
  cw_sandbox_world_unlock (services->world);
  request->decision = cw_sandbox_faults_decide (services->faults, request->service->name,
                                                request->operation->action);
  cw_sb_respond (services, message, request->decision.delay_ms, answer, request, (GDestroyNotify) request_free);
}

/* ---- what the operations share: parameters ---- */

const char *
cw_sb_aws_param (CwSbAwsCall *call,
                 const char  *path)
{
  return cw_sb_params_get (call->params, path);
}

const char *
cw_sb_aws_require (CwSbAwsCall  *call,
                   const char   *path,
                   GError      **error)
{
  const char *value = cw_sb_aws_param (call, path);

  if (value != NULL && *value != '\0')
    return value;
  if (speaks_validation_error (call))
    cw_sb_aws_fail (error, 400, "ValidationError",
                    "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null",
                    path);
  else
    cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter %s", path);
  return NULL;
}

gboolean
cw_sb_aws_int (CwSbAwsCall  *call,
               const char   *path,
               int           fallback,
               int           min,
               int           max,
               int          *value,
               GError      **error)
{
  const char *text = cw_sb_aws_param (call, path);
  char *end = NULL;
  gint64 parsed;

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  parsed = g_ascii_strtoll (text, &end, 10);
  if (*text == '\0' || *end != '\0' || parsed < min || parsed > max)
    return cw_sb_aws_fail (error, 400, cw_sb_aws_invalid_value_code (call),
                           "Invalid value '%s' for %s: it must be an integer from %d to %d", text, path, min, max);
  *value = (int) parsed;
  return TRUE;
}

gboolean
cw_sb_aws_bool (CwSbAwsCall  *call,
                const char   *path,
                gboolean      fallback,
                gboolean     *value,
                GError      **error)
{
  const char *text = cw_sb_aws_param (call, path);

  if (text == NULL)
    *value = fallback;
  else if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "false") == 0)
    *value = g_ascii_strcasecmp (text, "true") == 0;
  else
    return cw_sb_aws_fail (error, 400, cw_sb_aws_invalid_value_code (call),
                           "Invalid value '%s' for %s: it must be true or false", text, path);
  return TRUE;
}

/* What a call creates is missed by the next reads when a lag fault says so. */
void
cw_sb_aws_created (CwSbAwsCall *call,
                   gpointer     resource)
{
  ((CwSbResource *) resource)->lag_reads = call->lag_reads;
}

/* ---- listings ---- */

GPtrArray *
cw_sb_aws_listing (CwSbAwsCall *call,
                   CwSbKind     kind)
{
  GPtrArray *all = cw_sandbox_world_list (call->world, kind);
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    {
      CwSbResource *resource = all->pdata[i];

      if (g_strcmp0 (resource->region, call->region) == 0 && !cw_sandbox_world_hides (call->world, resource))
        g_ptr_array_add (items, resource);
    }
  return items;
}

/* Adds what a resource answers to a filter; NULL answers nothing. */
void
cw_sb_filter_value (GPtrArray  *values,
                    const char *value)
{
  if (value != NULL)
    g_ptr_array_add (values, g_strdup (value));
}

typedef struct {
  char  *name;
  char **values;
} Filter;

static void
filter_free (Filter *filter)
{
  g_free (filter->name);
  g_strfreev (filter->values);
  g_free (filter);
}

/* Tags answer the same filters on every kind of resource. */
static gboolean
tag_filter_values (CwSbResource *resource,
                   const char   *name,
                   GPtrArray    *values)
{
  for (guint i = 0; resource != NULL && i < resource->tags->len; i++)
    {
      CwSbTag *tag = resource->tags->pdata[i];

      if (g_str_has_prefix (name, "tag:") && g_str_equal (name + 4, tag->key))
        g_ptr_array_add (values, g_strdup (tag->value));
      else if (g_str_equal (name, "tag-key"))
        g_ptr_array_add (values, g_strdup (tag->key));
      else if (g_str_equal (name, "tag-value"))
        g_ptr_array_add (values, g_strdup (tag->value));
    }
  return g_str_has_prefix (name, "tag:") || g_str_equal (name, "tag-key") || g_str_equal (name, "tag-value");
}

/* EC2 filter values may use * and ?; RDS compares exactly. */
static gboolean
value_matches (CwSbAwsCall *call,
               const char  *pattern,
               const char  *value)
{
  return call->ec2 ? g_pattern_match_simple (pattern, value) : g_str_equal (pattern, value);
}

static gboolean
resource_matches (CwSbAwsCall      *call,
                  GPtrArray        *filters,
                  CwSbFilterValues  collect,
                  gboolean          tagged,
                  gpointer          resource)
{
  for (guint f = 0; f < filters->len; f++)
    {
      Filter *filter = filters->pdata[f];
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      gboolean any = FALSE;

      if (!tagged || !tag_filter_values (resource, filter->name, values))
        collect (call->world, resource, filter->name, values);
      for (guint v = 0; !any && v < values->len; v++)
        for (guint p = 0; !any && filter->values[p] != NULL; p++)
          any = value_matches (call, filter->values[p], values->pdata[v]);
      if (!any)
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
read_filters (CwSbAwsCall      *call,
              const char       *path,
              CwSbFilterValues  collect,
              gboolean          tagged,
              GError          **error)
{
  g_autoptr(GPtrArray) items = cw_sb_params_items (call->params, path);
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func ((GDestroyNotify) filter_free);

  for (guint i = 0; i < items->len; i++)
    {
      const char *name = cw_sb_params_get (items->pdata[i], "Name");
      Filter *filter;

      if (name == NULL)
        {
          cw_sb_aws_fail (error, 400, cw_sb_aws_invalid_value_code (call), "The filter name must be given");
          return NULL;
        }
      if (!(tagged && tag_filter_values (NULL, name, NULL)) && !collect (call->world, NULL, name, NULL))
        {
          if (call->ec2)
            cw_sb_aws_fail (error, 400, "InvalidParameterValue", "The filter '%s' is invalid", name);
          else
            cw_sb_aws_fail (error, 400, "InvalidParameterValue", "Unrecognized filter name: %s.", name);
          return NULL;
        }
      filter = g_new0 (Filter, 1);
      filter->name = g_strdup (name);
      filter->values = cw_sb_params_strings (items->pdata[i], call->ec2 ? "Value" : "Values");
      g_ptr_array_add (filters, filter);
    }
  return g_steal_pointer (&filters);
}

/* Keeps in @items what every filter at @path matches. */
gboolean
cw_sb_aws_filter (CwSbAwsCall       *call,
                  const char        *path,
                  CwSbFilterValues   collect,
                  gboolean           tagged,
                  GPtrArray         *items,
                  GError           **error)
{
  g_autoptr(GPtrArray) filters = read_filters (call, path, collect, tagged, error);

  if (filters == NULL)
    return FALSE;
  for (guint i = items->len; i > 0; i--)
    if (!resource_matches (call, filters, collect, tagged, items->pdata[i - 1]))
      g_ptr_array_remove_index (items, i - 1);
  return TRUE;
}

static guint64
serial_key (gpointer item,
            guint    index)
{
  return ((CwSbResource *) item)->serial;
}

/* Cuts @items down to the page the call asks for. */
gboolean
cw_sb_aws_page (CwSbAwsCall       *call,
                const CwSbPaging  *paging,
                GPtrArray         *items,
                char             **next_token,
                GError           **error)
{
  const char *token = cw_sb_aws_param (call, paging->token_param);
  CwSbItemKey key = paging->key ? paging->key : serial_key;
  guint64 serial = 0;
  guint first = 0;
  int size;

  *next_token = NULL;
  if (!cw_sb_aws_int (call, paging->size_param, paging->default_size, paging->min_size, paging->max_size, &size, error))
    return FALSE;
  if (token != NULL && !cw_sb_page_token_parse (token, &serial))
    return cw_sb_aws_fail (error, 400, call->ec2 ? "InvalidNextToken" : cw_sb_aws_invalid_value_code (call),
                           "The token '%s' is invalid", token);
  while (first < items->len && key (items->pdata[first], first) < serial)
    first++;
  if (size > 0 && items->len - first > (guint) size)
    *next_token = cw_sb_page_token_new (key (items->pdata[first + size], first + size));
  g_ptr_array_remove_range (items, 0, first);
  if (size > 0 && items->len > (guint) size)
    g_ptr_array_set_size (items, size);
  return TRUE;
}

void
cw_sb_aws_write_items (CwSbAwsCall   *call,
                       const char    *list_name,
                       const char    *item_name,
                       GPtrArray     *items,
                       CwSbWriteItem  write)
{
  cw_sb_xml_open (call->xml, list_name);
  for (guint i = 0; i < items->len; i++)
    {
      cw_sb_xml_open (call->xml, item_name);
      write (call, items->pdata[i]);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
}

/* ---- tags ---- */

gboolean
cw_sb_aws_read_tags (CwSbAwsCall  *call,
                     CwSbParams   *parent,
                     const char   *path,
                     GPtrArray    *tags,
                     GError      **error)
{
  g_autoptr(GPtrArray) items = cw_sb_params_items (parent ? parent : call->params, path);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *code = cw_sb_aws_invalid_value_code (call);

  if (items->len > 50)
    return cw_sb_aws_fail (error, 400, call->ec2 ? "TagLimitExceeded" : "TooManyTags",
                           "The maximum number of tags is 50");
  for (guint i = 0; i < items->len; i++)
    {
      const char *key = cw_sb_params_get (items->pdata[i], "Key");
      const char *value = cw_sb_params_get (items->pdata[i], "Value");

      if (key == NULL || *key == '\0' || g_utf8_strlen (key, -1) > 128)
        return cw_sb_aws_fail (error, 400, code, "Tag keys must be 1 to 128 characters long");
      if (value != NULL && g_utf8_strlen (value, -1) > 256)
        return cw_sb_aws_fail (error, 400, code, "Tag values may be at most 256 characters long");
      if (g_str_has_prefix (key, "aws:"))
        return cw_sb_aws_fail (error, 400, code, "Tag keys starting with 'aws:' are reserved for internal use");
      if (!g_hash_table_add (seen, (gpointer) key))
        return cw_sb_aws_fail (error, 400, call->ec2 ? "InvalidParameterValue" : "DuplicateTagKeys",
                               "Duplicate tag key '%s'", key);
    }
  for (guint i = 0; i < items->len; i++)
    cw_sb_tags_set (tags, cw_sb_params_get (items->pdata[i], "Key"), cw_sb_params_get (items->pdata[i], "Value"));
  return TRUE;
}

void
cw_sb_aws_write_tags (CwSbAwsCall *call,
                      const char  *list_name,
                      const char  *item_name,
                      GPtrArray   *tags)
{
  cw_sb_xml_open (call->xml, list_name);
  for (guint i = 0; i < tags->len; i++)
    {
      CwSbTag *tag = tags->pdata[i];

      cw_sb_xml_open (call->xml, item_name);
      cw_sb_xml_text (call->xml, call->ec2 ? "key" : "Key", tag->key);
      cw_sb_xml_text (call->xml, call->ec2 ? "value" : "Value", tag->value);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
}
