/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-credentials-provider.h: credentials that expire, renewed before they do
 *
 * Long-lived access keys never change; what IAM Identity Center, an assumed role or a
 * credential_process gives lasts an hour or a few. A provider keeps the credentials it
 * last fetched and fetches new ones when fewer than its refresh window's seconds remain,
 * so that no create, teardown or large refresh fails half-way on an expired session.
 * Calls that need credentials while a fetch is under way wait for that one fetch.
 *
 * Subclasses say how to fetch (GetRoleCredentials with the stored token, AssumeRole,
 * running a process); CwAwsClient asks its config's provider before each request it
 * signs, and invalidates it when AWS answers that the token has expired.
 */
#pragma once

#include <gio/gio.h>

#include "cw-sigv4.h"

G_BEGIN_DECLS

/* Renewed this long before they expire: the AWS SDKs' habit for temporary credentials. */
#define CW_AWS_CREDENTIALS_REFRESH_WINDOW_S (15 * 60)

#define CW_TYPE_AWS_CREDENTIALS_PROVIDER (cw_aws_credentials_provider_get_type ())
G_DECLARE_DERIVABLE_TYPE (CwAwsCredentialsProvider, cw_aws_credentials_provider, CW, AWS_CREDENTIALS_PROVIDER,
                          GObject)

struct _CwAwsCredentialsProviderClass
{
  GObjectClass parent_class;

  /* Fetches fresh credentials; *expiration is when they expire (Unix seconds), or 0
   * when they never do. */
  void               (*fetch_async)  (CwAwsCredentialsProvider  *self,
                                      GCancellable              *cancellable,
                                      GAsyncReadyCallback        callback,
                                      gpointer                   user_data);
  CwAwsCredentials * (*fetch_finish) (CwAwsCredentialsProvider  *self,
                                      GAsyncResult              *result,
                                      gint64                    *expiration,
                                      GError                   **error);
};

void              cw_aws_credentials_provider_get_async      (CwAwsCredentialsProvider  *self,
                                                              GCancellable              *cancellable,
                                                              GAsyncReadyCallback        callback,
                                                              gpointer                   user_data);
CwAwsCredentials *cw_aws_credentials_provider_get_finish     (CwAwsCredentialsProvider  *self,
                                                              GAsyncResult              *result,
                                                              GError                   **error);
void              cw_aws_credentials_provider_invalidate     (CwAwsCredentialsProvider  *self);
gint64            cw_aws_credentials_provider_get_expiration (CwAwsCredentialsProvider  *self);
void              cw_aws_credentials_provider_set_refresh_window (CwAwsCredentialsProvider *self,
                                                                  gint64                    seconds);

gboolean          cw_aws_credentials_parse_expiration (const char *iso8601,
                                                       gint64     *expiration);

G_END_DECLS
