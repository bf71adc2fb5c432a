/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-json.h: a call of a JSON API: rest-json without a signature, or JSON 1.1
 *
 * SSO OIDC and the IAM Identity Center portal speak JSON over plain REST and are not
 * signed: the client authenticates with its registration's secret in the body, the
 * person with a bearer token in a header. A request says its method, path, query and
 * body; CwAwsClient sends it with the same session, retries and error decoding as the
 * Query-protocol calls (cw_aws_client_call_json_async). A JSON 1.1 service (the Price
 * List API) takes signed POSTs to / naming the operation in X-Amz-Target
 * (cw_aws_json_request_new_target).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-aws-config.h"

G_BEGIN_DECLS

/* The portal's header for the access token (botocore: accessToken, location header). */
#define CW_AWS_SSO_BEARER_HEADER "x-amz-sso_bearer_token"

typedef struct _CwAwsJsonRequest CwAwsJsonRequest;

CwAwsJsonRequest *cw_aws_json_request_new           (CwAwsService       service,
                                                     const char        *operation,
                                                     const char        *method,
                                                     const char        *path);
/* A JSON 1.1 call of @service's @operation: POST /, signed, @body its input. */
CwAwsJsonRequest *cw_aws_json_request_new_target    (CwAwsService       service,
                                                     const char        *operation,
                                                     JsonNode          *body);
void              cw_aws_json_request_free          (CwAwsJsonRequest  *self);
void              cw_aws_json_request_add_query     (CwAwsJsonRequest  *self,
                                                     const char        *name,
                                                     const char        *value);
void              cw_aws_json_request_take_body     (CwAwsJsonRequest  *self,
                                                     JsonNode          *body);
void              cw_aws_json_request_set_bearer_token (CwAwsJsonRequest *self,
                                                        const char       *token);
CwAwsService      cw_aws_json_request_get_service   (const CwAwsJsonRequest *self);
const char       *cw_aws_json_request_get_method    (const CwAwsJsonRequest *self);
const char       *cw_aws_json_request_get_bearer_token (const CwAwsJsonRequest *self);
char             *cw_aws_json_request_dup_iam_action (const CwAwsJsonRequest *self);
/* JSON 1.1: the X-Amz-Target header ("AWSPriceListService.GetProducts"); NULL for
 * rest-json, which is not signed. */
char             *cw_aws_json_request_dup_target    (const CwAwsJsonRequest *self);
GUri             *cw_aws_json_request_build_uri     (const CwAwsJsonRequest *self,
                                                     GUri                   *endpoint);
GBytes           *cw_aws_json_request_encode_body   (const CwAwsJsonRequest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwAwsJsonRequest, cw_aws_json_request_free)

GError           *cw_aws_json_decode_error          (const char   *iam_action,
                                                     const char   *data,
                                                     gsize         length,
                                                     guint         http_status,
                                                     const char   *error_type_header,
                                                     const char   *request_id);

/* Wipes the strings of @node (answers and bodies hold secrets), then unrefs it. */
void              cw_aws_json_node_wipe_free        (JsonNode     *node);

/* Reading an answer: a missing or mistyped member reads as NULL or 0. */
const char       *cw_aws_json_get_string            (JsonObject   *object,
                                                     const char   *name);
gint64            cw_aws_json_get_int               (JsonObject   *object,
                                                     const char   *name);

G_END_DECLS
