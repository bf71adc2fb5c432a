/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-error.c */
#define G_LOG_DOMAIN "cw-aws-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"

typedef struct {
  char  *code;
  char  *message;
  char  *request_id;
  char  *action;
  guint  http_status;
} CwAwsErrorPrivate;

static void
cw_aws_error_private_init (CwAwsErrorPrivate *priv)
{
}

static void
cw_aws_error_private_copy (const CwAwsErrorPrivate *src,
                           CwAwsErrorPrivate       *dest)
{
  dest->code = g_strdup (src->code);
  dest->message = g_strdup (src->message);
  dest->request_id = g_strdup (src->request_id);
  dest->action = g_strdup (src->action);
  dest->http_status = src->http_status;
}

static void
cw_aws_error_private_clear (CwAwsErrorPrivate *priv)
{
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->message, g_free);
  g_clear_pointer (&priv->request_id, g_free);
  g_clear_pointer (&priv->action, g_free);
}

G_DEFINE_EXTENDED_ERROR (CwAwsError, cw_aws_error)

/* The AWS SDKs' standard retry mode treats these as throttling. */
static const char * const throttling_codes[] = {
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
  "TooManyRequestsException", "ProvisionedThroughputExceededException",
  "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
  "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
  "EC2ThrottledException",
};

static const char * const transient_codes[] = {
  "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
  "InternalError", "InternalFailure", "ServiceUnavailable",
};

static const char * const denied_codes[] = {
  "UnauthorizedOperation", "AccessDenied", "AccessDeniedException",
};

static const char * const credential_codes[] = {
  "AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "IncompleteSignature",
  "UnrecognizedClientException", "ExpiredToken", "ExpiredTokenException",
  "InvalidAccessKeyId", "MissingAuthenticationToken", "RequestExpired",
  "UnauthorizedException",  /* the IAM Identity Center portal: a token it does not take */
};

static const char * const dependency_codes[] = {
  "DependencyViolation", "ResourceInUse", "InvalidDBInstanceState",
};

static gboolean
code_in (const char        *code,
         const char * const *codes,
         gsize              n_codes)
{
  for (gsize i = 0; code != NULL && i < n_codes; i++)
    if (g_str_equal (code, codes[i]))
      return TRUE;
  return FALSE;
}

gboolean
cw_aws_error_code_is_throttling (const char *code)
{
  return code_in (code, throttling_codes, G_N_ELEMENTS (throttling_codes));
}

gboolean
cw_aws_error_code_is_transient (const char *code)
{
  return code_in (code, transient_codes, G_N_ELEMENTS (transient_codes));
}

/* EC2 spells it InvalidGroup.NotFound, ELBv2 TargetGroupNotFound, RDS DBInstanceNotFound. */
gboolean
cw_aws_error_code_is_not_found (const char *code)
{
  return code != NULL && (g_str_has_suffix (code, "NotFound") ||
                          g_str_has_suffix (code, "NotFoundFault") ||
                          g_str_has_suffix (code, "NotFoundException"));
}

static gboolean
code_is_duplicate (const char *code)
{
  return g_str_has_suffix (code, ".Duplicate") || g_str_has_prefix (code, "Duplicate") ||
         g_str_has_suffix (code, "AlreadyExists") || g_str_has_suffix (code, "AlreadyExistsFault");
}

static CwAwsError
classify (guint       http_status,
          const char *code)
{
  if (code_in (code, denied_codes, G_N_ELEMENTS (denied_codes)))
    return CW_AWS_ERROR_ACCESS_DENIED;
  if (code_in (code, credential_codes, G_N_ELEMENTS (credential_codes)))
    return CW_AWS_ERROR_INVALID_CREDENTIALS;
  if (cw_aws_error_code_is_throttling (code))
    return CW_AWS_ERROR_THROTTLED;
  if (cw_aws_error_code_is_not_found (code))
    return CW_AWS_ERROR_NOT_FOUND;
  if (code_is_duplicate (code))
    return CW_AWS_ERROR_DUPLICATE;
  if (code_in (code, dependency_codes, G_N_ELEMENTS (dependency_codes)))
    return CW_AWS_ERROR_DEPENDENCY;
  if (http_status >= 500 || cw_aws_error_code_is_transient (code))
    return CW_AWS_ERROR_SERVER;
  return CW_AWS_ERROR_FAILED;
}

static char *
format_message (CwAwsError  error_code,
                const char *iam_action,
                const char *code,
                const char *message,
                const char *request_id)
{
  g_autofree char *detail = NULL;
  const char *text = (message != NULL && *message != '\0') ? message : code;

  /* Support asks for the request id, so it is part of what the user sees. */
  if (request_id != NULL && *request_id != '\0')
    detail = g_strdup_printf (_("%s, request ID %s"), code, request_id);
  else
    detail = g_strdup (code);
  if (error_code == CW_AWS_ERROR_ACCESS_DENIED)
    return g_strdup_printf (_("AWS denied the action %s: %s (%s)"), iam_action, text, detail);
  return g_strdup_printf (_("%s failed: %s (%s)"), iam_action, text, detail);
}

/* An error AWS answered with, as both XML error formats carry it. */
GError *
cw_aws_error_new_from_service (const char *iam_action,
                               guint       http_status,
                               const char *code,
                               const char *message,
                               const char *request_id)
{
  CwAwsError error_code;
  g_autofree char *text = NULL;
  g_autofree char *fallback_code = NULL;
  CwAwsErrorPrivate *priv;
  GError *error;

  if (code == NULL || *code == '\0')
    code = fallback_code = g_strdup_printf ("HTTP%u", http_status);
  error_code = classify (http_status, code);
  text = format_message (error_code, iam_action, code, message, request_id);
  error = g_error_new_literal (CW_AWS_ERROR, error_code, text);
  priv = cw_aws_error_get_private (error);
  priv->code = g_strdup (code);
  priv->message = g_strdup (message);
  priv->request_id = g_strdup (request_id);
  priv->action = g_strdup (iam_action);
  priv->http_status = http_status;
  return error;
}

/* An error raised on this side (endpoint refused, unreadable response, bad signature). */
GError *
cw_aws_error_new_literal (CwAwsError  error_code,
                          const char *aws_code,
                          const char *message)
{
  GError *error = g_error_new_literal (CW_AWS_ERROR, error_code, message);
  CwAwsErrorPrivate *priv = cw_aws_error_get_private (error);

  priv->code = g_strdup (aws_code);
  priv->message = g_strdup (message);
  return error;
}

static const CwAwsErrorPrivate *
lookup_private (const GError *error)
{
  return error != NULL && error->domain == CW_AWS_ERROR ? cw_aws_error_get_private (error) : NULL;
}

const char *
cw_aws_error_get_code (const GError *error)
{
  const CwAwsErrorPrivate *priv = lookup_private (error);

  return priv ? priv->code : NULL;
}

const char *
cw_aws_error_get_aws_message (const GError *error)
{
  const CwAwsErrorPrivate *priv = lookup_private (error);

  return priv ? priv->message : NULL;
}

const char *
cw_aws_error_get_request_id (const GError *error)
{
  const CwAwsErrorPrivate *priv = lookup_private (error);

  return priv ? priv->request_id : NULL;
}

const char *
cw_aws_error_get_action (const GError *error)
{
  const CwAwsErrorPrivate *priv = lookup_private (error);

  return priv ? priv->action : NULL;
}

guint
cw_aws_error_get_http_status (const GError *error)
{
  const CwAwsErrorPrivate *priv = lookup_private (error);

  return priv ? priv->http_status : 0;
}
