/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-error.h: the error domain of the AWS layer
 *
 * An error AWS answered keeps what support asks for: the AWS error code, AWS's own
 * message, the request id, the HTTP status and the IAM action that was called. They
 * travel inside the GError (GLib extended error data), so they survive copies and
 * g_propagate_error() without a side table.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CW_AWS_ERROR (cw_aws_error_quark ())

typedef enum {
  CW_AWS_ERROR_FAILED,              /* AWS refused the request; see the AWS code */
  CW_AWS_ERROR_ACCESS_DENIED,       /* UnauthorizedOperation, AccessDenied */
  CW_AWS_ERROR_INVALID_CREDENTIALS, /* unknown key, bad signature, expired token */
  CW_AWS_ERROR_NOT_FOUND,           /* *.NotFound, *NotFound */
  CW_AWS_ERROR_DUPLICATE,           /* *.Duplicate, Duplicate*, *AlreadyExists */
  CW_AWS_ERROR_DEPENDENCY,          /* DependencyViolation, ResourceInUse */
  CW_AWS_ERROR_THROTTLED,           /* still throttled after the last attempt */
  CW_AWS_ERROR_SERVER,              /* HTTP 5xx after the last attempt */
  CW_AWS_ERROR_INVALID_RESPONSE,    /* a body that is not what AWS sends */
  CW_AWS_ERROR_ENDPOINT,            /* an endpoint Causeway refuses to talk to */
  CW_AWS_ERROR_INVALID_SIGNATURE,   /* verifying a signature failed (sandbox side) */
} CwAwsError;

GQuark      cw_aws_error_quark            (void);

GError     *cw_aws_error_new_from_service (const char   *iam_action,
                                           guint         http_status,
                                           const char   *code,
                                           const char   *message,
                                           const char   *request_id);
GError     *cw_aws_error_new_literal      (CwAwsError    error_code,
                                           const char   *aws_code,
                                           const char   *message);

const char *cw_aws_error_get_code         (const GError *error);
const char *cw_aws_error_get_aws_message  (const GError *error);
const char *cw_aws_error_get_request_id   (const GError *error);
const char *cw_aws_error_get_action       (const GError *error);
guint       cw_aws_error_get_http_status  (const GError *error);

gboolean    cw_aws_error_code_is_throttling (const char *code);
gboolean    cw_aws_error_code_is_transient  (const char *code);
gboolean    cw_aws_error_code_is_not_found  (const char *code);

G_END_DECLS
