/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-client.h: the AWS Query-protocol client
 *
 * One SoupSession for every AWS service. A call signs the form-encoded request with
 * SigV4, retries the way the AWS SDKs' standard mode does (throttling, HTTP 500/502/503/
 * 504 and broken connections, with capped exponential backoff and full jitter), follows
 * the pages to the end, and decodes the response away from the main thread. The
 * unsigned rest-json APIs of IAM Identity Center go through the same session and retries
 * (cw_aws_client_call_json_async).
 */
#pragma once

#include <gio/gio.h>

#include "cw-aws-config.h"
#include "cw-aws-json.h"
#include "cw-aws-request.h"

G_BEGIN_DECLS

typedef enum {
  CW_AWS_CALL_DEFAULT         = 0,
  /* Read-after-create: AWS may not know a resource it created a moment ago, so
   * *.NotFound is retried a few times too. */
  CW_AWS_CALL_RETRY_NOT_FOUND = 1 << 0,
} CwAwsCallFlags;

#define CW_TYPE_AWS_CLIENT (cw_aws_client_get_type ())
G_DECLARE_FINAL_TYPE (CwAwsClient, cw_aws_client, CW, AWS_CLIENT, GObject)

CwAwsClient *cw_aws_client_new                 (CwAwsConfig          *config);
CwAwsConfig *cw_aws_client_get_config          (CwAwsClient          *self);
guint        cw_aws_client_get_request_count   (CwAwsClient          *self);
void         cw_aws_client_call_async          (CwAwsClient          *self,
                                                CwAwsRequest         *request,
                                                CwAwsCallFlags        flags,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
void         cw_aws_client_call_parameters_async (CwAwsClient          *self,
                                                  const CwAwsOperation *operation,
                                                  CwAwsCallFlags        flags,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data,
                                                  const char           *first_name,
                                                  ...) G_GNUC_NULL_TERMINATED;
gpointer     cw_aws_client_call_finish         (CwAwsClient          *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean     cw_aws_client_call_finish_boolean (CwAwsClient          *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void         cw_aws_client_call_json_async     (CwAwsClient          *self,
                                                CwAwsJsonRequest     *request,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
JsonNode    *cw_aws_client_call_json_finish    (CwAwsClient          *self,
                                                GAsyncResult         *result,
                                                GError              **error);
/* A JSON API's list, page after page: @build makes the request for the page after
 * @next_token (NULL: the first); @read adds a page's answer to @items and points
 * @next_token at the answer's token (NULL or empty at the end). A token that repeats,
 * or no end after CW_AWS_MAX_JSON_PAGES pages, fails the list. @data is the operation's
 * own, freed with @data_free at the end; finish returns @items. */
#define CW_AWS_MAX_JSON_PAGES 1000
typedef CwAwsJsonRequest *(*CwAwsJsonPageRequest) (gpointer     data,
                                                   const char  *next_token);
typedef gboolean          (*CwAwsJsonPageReader)  (gpointer     data,
                                                   GPtrArray   *items,
                                                   JsonObject  *answer,
                                                   const char **next_token,
                                                   GError     **error);
void         cw_aws_client_call_json_pages_async  (CwAwsClient          *self,
                                                   CwAwsJsonPageRequest  build,
                                                   CwAwsJsonPageReader   read,
                                                   gpointer              data,
                                                   GDestroyNotify        data_free,
                                                   GPtrArray            *items,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray   *cw_aws_client_call_json_pages_finish (CwAwsClient          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
guint        cw_aws_result_get_attempts        (GAsyncResult         *result);

/* In an operation's .c file: its typed _finish(), returning the record or GPtrArray
 * of records (ResultType), or a gboolean for operations that return nothing. */
#define CW_AWS_DEFINE_FINISH(prefix, ResultType)                               \
  ResultType                                                                   \
  prefix##_finish (CwAwsClient   *client,                                      \
                   GAsyncResult  *result,                                      \
                   GError       **error)                                       \
  {                                                                            \
    return cw_aws_client_call_finish (client, result, error);                  \
  }

#define CW_AWS_DEFINE_FINISH_BOOLEAN(prefix)                                   \
  gboolean                                                                     \
  prefix##_finish (CwAwsClient   *client,                                      \
                   GAsyncResult  *result,                                      \
                   GError       **error)                                       \
  {                                                                            \
    return cw_aws_client_call_finish_boolean (client, result, error);          \
  }

G_END_DECLS
