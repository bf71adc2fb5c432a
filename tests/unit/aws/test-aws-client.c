/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The AWS client: endpoints, retries, errors, pagination, cancellation, redaction. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "aws-test-server.h"
#include "cw-aws-error.h"
#include "cw-ec2.h"
#include "cw-rds.h"
#include "cw-sts.h"

typedef AwsTestFixture Fixture;

static CwStsCallerIdentity *
get_caller_identity (Fixture        *fixture,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_clear_object (&fixture->result);
  cw_sts_get_caller_identity_async (fixture->client, CW_AWS_CALL_DEFAULT, cancellable,
                                    aws_test_store_result, &fixture->result);
  return cw_sts_get_caller_identity_finish (fixture->client, aws_test_wait (&fixture->result), error);
}

static void
test_get_caller_identity (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;

  aws_test_server_reply_file (fixture->server, "sts-GetCallerIdentity.xml");
  identity = get_caller_identity (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (identity->account, ==, "123456789012");
  g_assert_cmpstr (identity->arn, ==, "arn:aws:iam::123456789012:user/causeway-admin");
  g_assert_cmpstr (identity->user_id, ==, "AIDASAMPLEUSERID12345");
  aws_test_assert_form (aws_test_server_get_form (fixture->server, 0), "GetCallerIdentity", "2011-06-15", NULL);
  g_assert_cmpstr (aws_test_server_get_service (fixture->server, 0), ==, "sts");
  g_assert_cmpuint (cw_aws_result_get_attempts (fixture->result), ==, 1);
  g_assert_cmpuint (cw_aws_client_get_request_count (fixture->client), ==, 1);
}

static void
count_retry (CwAwsClient  *client,
             const char   *action,
             guint         attempt,
             guint         delay_ms,
             const GError *error,
             gpointer      user_data)
{
  GArray *attempts = user_data;

  g_assert_cmpstr (action, ==, "sts:GetCallerIdentity");
  g_assert_cmpstr (cw_aws_error_get_code (error), ==, "Throttling");
  g_array_append_val (attempts, attempt);
}

/* Throttled twice, then an answer: the caller sees success after 3 attempts. */
static void
test_retry_throttled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *throttled = aws_test_read_response ("error-query-Throttling.xml");
  g_autoptr(GArray) attempts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;

  g_signal_connect (fixture->client, "retrying", G_CALLBACK (count_retry), attempts);
  aws_test_server_reply (fixture->server, 400, throttled);
  aws_test_server_reply (fixture->server, 400, throttled);
  aws_test_server_reply_file (fixture->server, "sts-GetCallerIdentity.xml");
  identity = get_caller_identity (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (identity->account, ==, "123456789012");
  g_assert_cmpuint (cw_aws_result_get_attempts (fixture->result), ==, 3);
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 3);
  g_assert_cmpuint (attempts->len, ==, 2);
  g_assert_cmpuint (g_array_index (attempts, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (attempts, guint, 1), ==, 3);
}

/* Three throttled answers exhaust the default 3 attempts. */
static void
test_retry_exhausted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *throttled = aws_test_read_response ("error-query-Throttling.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;

  for (guint i = 0; i < 3; i++)
    aws_test_server_reply (fixture->server, 400, throttled);
  identity = get_caller_identity (fixture, NULL, &error);
  g_assert_null (identity);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_THROTTLED);
  g_assert_cmpstr (cw_aws_error_get_request_id (error), ==, "5f1b7c6e-2d7a-4a5e-9c1b-4e2f8a9d0b13");
  g_assert_cmpuint (cw_aws_result_get_attempts (fixture->result), ==, 3);
}

/* Anything but throttling, 5xx or a broken connection fails at once, with what AWS said. */
static void
test_validation_error (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *invalid = aws_test_read_response ("error-query-ValidationError.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;

  aws_test_server_reply (fixture->server, 400, invalid);
  identity = get_caller_identity (fixture, NULL, &error);
  g_assert_null (identity);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_FAILED);
  g_assert_cmpstr (cw_aws_error_get_code (error), ==, "ValidationError");
  g_assert_cmpstr (cw_aws_error_get_aws_message (error), ==, "Target group name 'db-link-' cannot begin or end with '-'");
  g_assert_cmpstr (cw_aws_error_get_request_id (error), ==, "9d4ac6b1-6c2f-4a2d-8f3e-2b8c3f0a7e51");
  g_assert_cmpstr (cw_aws_error_get_action (error), ==, "sts:GetCallerIdentity");
  g_assert_cmpuint (cw_aws_error_get_http_status (error), ==, 400);
  g_assert_nonnull (strstr (error->message, "9d4ac6b1-6c2f-4a2d-8f3e-2b8c3f0a7e51"));
  g_assert_cmpuint (cw_aws_result_get_attempts (fixture->result), ==, 1);
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 1);
}

/* EC2's own format; a denied action names the action. The extra data survives a copy. */
static void
test_access_denied (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *denied = aws_test_read_response ("error-ec2-UnauthorizedOperation.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GPtrArray) zones = NULL;

  aws_test_server_reply (fixture->server, 403, denied);
  cw_ec2_describe_availability_zones_async (fixture->client, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                            aws_test_store_result, &fixture->result);
  zones = cw_ec2_describe_availability_zones_finish (fixture->client, aws_test_wait (&fixture->result), &error);
  g_assert_null (zones);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_ACCESS_DENIED);
  g_assert_true (g_str_has_prefix (error->message, "AWS denied the action ec2:DescribeAvailabilityZones: "));
  g_assert_nonnull (strstr (error->message, "ea966190-f9aa-478e-9ede-cb5432daacc0"));
  copy = g_error_copy (error);
  g_assert_cmpstr (cw_aws_error_get_code (copy), ==, "UnauthorizedOperation");
  g_assert_cmpstr (cw_aws_error_get_request_id (copy), ==, "ea966190-f9aa-478e-9ede-cb5432daacc0");
  g_assert_cmpstr (cw_aws_error_get_action (copy), ==, "ec2:DescribeAvailabilityZones");
  g_assert_cmpuint (cw_aws_result_get_attempts (fixture->result), ==, 1);
}

/* 503 (EC2's RequestLimitExceeded) and a body that is not AWS's: retried, then given up. */
static void
test_server_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *limit = aws_test_read_response ("error-ec2-RequestLimitExceeded.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) zones = NULL;

  aws_test_server_reply (fixture->server, 503, limit);
  aws_test_server_reply (fixture->server, 502, "<html><body>Bad Gateway</body></html>");
  aws_test_server_reply (fixture->server, 500, "");
  cw_ec2_describe_availability_zones_async (fixture->client, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                            aws_test_store_result, &fixture->result);
  zones = cw_ec2_describe_availability_zones_finish (fixture->client, aws_test_wait (&fixture->result), &error);
  g_assert_null (zones);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_SERVER);
  g_assert_cmpstr (cw_aws_error_get_code (error), ==, "HTTP500");
  g_assert_cmpuint (cw_aws_error_get_http_status (error), ==, 500);
  g_assert_cmpuint (cw_aws_result_get_attempts (fixture->result), ==, 3);
}

static void
test_dropped_connection (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;

  aws_test_server_drop (fixture->server);
  aws_test_server_reply_file (fixture->server, "sts-GetCallerIdentity.xml");
  identity = get_caller_identity (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (identity->arn, ==, "arn:aws:iam::123456789012:user/causeway-admin");
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 2);
  g_assert_cmpuint (cw_aws_result_get_attempts (fixture->result), ==, 2);
}

static GPtrArray *
describe_security_groups (Fixture         *fixture,
                          CwAwsCallFlags   flags,
                          GError         **error)
{
  const char * const ids[] = { "sg-0a1b2c3d4e5f60718", NULL };

  g_clear_object (&fixture->result);
  cw_ec2_describe_security_groups_async (fixture->client, ids, NULL, flags, NULL,
                                         aws_test_store_result, &fixture->result);
  return cw_ec2_describe_security_groups_finish (fixture->client, aws_test_wait (&fixture->result), error);
}

/* Read-after-create lag: retried only when the caller asks for it. */
static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *missing = aws_test_read_response ("error-ec2-InvalidGroup.NotFound.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  aws_test_server_reply (fixture->server, 400, missing);
  groups = describe_security_groups (fixture, CW_AWS_CALL_DEFAULT, &error);
  g_assert_null (groups);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_NOT_FOUND);
  g_assert_cmpuint (cw_aws_result_get_attempts (fixture->result), ==, 1);
  g_clear_error (&error);

  aws_test_server_reply (fixture->server, 400, missing);
  aws_test_server_reply (fixture->server, 400, missing);
  aws_test_server_reply (fixture->server, 400, missing);
  aws_test_server_reply_file (fixture->server, "ec2-DescribeSecurityGroups.xml");
  groups = describe_security_groups (fixture, CW_AWS_CALL_RETRY_NOT_FOUND, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpuint (cw_aws_result_get_attempts (fixture->result), ==, 4);
}

/* NextToken followed to the end: three pages, one list; the other parameters repeat;
 * one connection carries them all. */
static void
test_pagination (Fixture       *fixture,
                 gconstpointer  data)
{
  const char * const vpc[] = { "vpc-0123456789abcdef0", NULL };
  const CwAwsFilter filters[] = { { "vpc-id", vpc }, { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subnets = NULL;
  const char *tokens[] = { NULL, "eyJ2IjoiMSIsImMiOiJwYWdlMiJ9", "eyJ2IjoiMSIsImMiOiJwYWdlMyJ9" };

  aws_test_server_reply_file (fixture->server, "ec2-DescribeSubnets-page1.xml");
  aws_test_server_reply_file (fixture->server, "ec2-DescribeSubnets-page2.xml");
  aws_test_server_reply_file (fixture->server, "ec2-DescribeSubnets-page3.xml");
  cw_ec2_describe_subnets_async (fixture->client, NULL, filters, CW_AWS_CALL_DEFAULT, NULL,
                                 aws_test_store_result, &fixture->result);
  subnets = cw_ec2_describe_subnets_finish (fixture->client, aws_test_wait (&fixture->result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (subnets->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      CwEc2Subnet *subnet = g_ptr_array_index (subnets, i);
      g_autofree char *id = g_strdup_printf ("subnet-0000000000000000%u", i + 1);

      g_assert_cmpstr (subnet->subnet_id, ==, id);
      g_assert_cmpint (subnet->available_ip_address_count, ==, 251 + i);
      aws_test_assert_form (aws_test_server_get_form (fixture->server, i), "DescribeSubnets", "2016-11-15",
                            "Filter.1.Name", "vpc-id",
                            "Filter.1.Value.1", "vpc-0123456789abcdef0",
                            tokens[i] ? "NextToken" : NULL, tokens[i],
                            NULL);
    }
  g_assert_cmpuint (cw_aws_result_get_attempts (fixture->result), ==, 3);
  /* A describe is sent again on the connection kept alive, not on a new one each time. */
  g_assert_cmpuint (aws_test_server_count_connections (fixture->server), ==, 1);
}

static gboolean
cancel (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
cancel_soon (CwAwsClient  *client,
             const char   *action,
             guint         attempt,
             guint         delay_ms,
             const GError *error,
             gpointer      user_data)
{
  /* From the main loop, once the client is waiting. */
  g_idle_add_full (G_PRIORITY_DEFAULT, cancel, g_object_ref (user_data), g_object_unref);
  g_object_set_data (G_OBJECT (client), "delay", GUINT_TO_POINTER (delay_ms));
}

/* A retry waits up to a minute here; cancelling ends the call at once. */
static void
test_cancel_waiting_retry (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *throttled = aws_test_read_response ("error-query-Throttling.xml");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;
  gint64 start;
  gint64 elapsed_ms;
  guint delay_ms;

  cw_aws_config_set_retry_delays (cw_aws_client_get_config (fixture->client), 60000, 60000);
  g_signal_connect (fixture->client, "retrying", G_CALLBACK (cancel_soon), cancellable);
  aws_test_server_reply (fixture->server, 400, throttled);
  start = g_get_monotonic_time ();
  identity = get_caller_identity (fixture, cancellable, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  delay_ms = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (fixture->client), "delay"));
  g_assert_null (identity);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 1);
  g_test_message ("retry would have waited %u ms; cancelled after %" G_GINT64_FORMAT " ms", delay_ms, elapsed_ms);
  g_assert_cmpint (elapsed_ms, <, 2000);
  g_assert_cmpint (elapsed_ms, <, MAX (delay_ms, 1));
}

/* Plain http goes to this computer only; no request leaves for anywhere else. */
static void
test_refuse_plain_http (void)
{
  g_autoptr(CwAwsCredentials) credentials = cw_aws_credentials_new ("AKIDEXAMPLE", "secret", NULL);
  g_autoptr(CwAwsConfig) config = cw_aws_config_new ("us-east-1", credentials);
  g_autoptr(CwAwsClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;
  const char *refused[] = { "http://sts.us-east-1.amazonaws.com", "http://10.0.0.1:8080", "ftp://127.0.0.1/", "not a url" };
  const char *accepted[] = { "http://127.0.0.1:4566", "http://localhost:4566", "http://[::1]:4566", "https://sts.example.com" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GUri) uri = NULL;

      cw_aws_config_set_endpoint (config, CW_AWS_SERVICE_STS, refused[i]);
      uri = cw_aws_config_resolve_endpoint (config, CW_AWS_SERVICE_STS, &error);
      g_assert_null (uri);
      g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_ENDPOINT);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GUri) uri = NULL;

      cw_aws_config_set_endpoint (config, CW_AWS_SERVICE_STS, accepted[i]);
      uri = cw_aws_config_resolve_endpoint (config, CW_AWS_SERVICE_STS, &error);
      g_assert_no_error (error);
      g_assert_nonnull (uri);
    }

  cw_aws_config_set_endpoint (config, CW_AWS_SERVICE_STS, "http://sts.us-east-1.amazonaws.com");
  client = cw_aws_client_new (config);
  cw_sts_get_caller_identity_async (client, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &result);
  identity = cw_sts_get_caller_identity_finish (client, aws_test_wait (&result), &error);
  g_assert_null (identity);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_ENDPOINT);
  g_assert_cmpuint (cw_aws_client_get_request_count (client), ==, 0);
}

static void
assert_endpoint (CwAwsConfig  *config,
                 CwAwsService  service,
                 const char   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = cw_aws_config_resolve_endpoint (config, service, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_uri_to_string (uri);
  g_assert_cmpstr (text, ==, expected);
}

/* Regional defaults, then the AWS CLI's variables, then explicit settings; an endpoint
 * given without a path (as AWS_ENDPOINT_URL usually is) is its root, "/". */
static void
test_endpoint_resolution (void)
{
  g_autoptr(CwAwsCredentials) credentials = cw_aws_credentials_new ("AKIDEXAMPLE", "secret", NULL);
  g_autoptr(CwAwsConfig) regional = NULL;
  g_autoptr(CwAwsConfig) china = NULL;
  g_autoptr(CwAwsConfig) invalid = NULL;
  g_autoptr(CwAwsConfig) overridden = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;

  regional = cw_aws_config_new ("eu-west-1", credentials);
  assert_endpoint (regional, CW_AWS_SERVICE_EC2, "https://ec2.eu-west-1.amazonaws.com/");
  assert_endpoint (regional, CW_AWS_SERVICE_ELBV2, "https://elasticloadbalancing.eu-west-1.amazonaws.com/");
  assert_endpoint (regional, CW_AWS_SERVICE_RDS, "https://rds.eu-west-1.amazonaws.com/");
  assert_endpoint (regional, CW_AWS_SERVICE_STS, "https://sts.eu-west-1.amazonaws.com/");
  china = cw_aws_config_new ("cn-north-1", credentials);
  assert_endpoint (china, CW_AWS_SERVICE_EC2, "https://ec2.cn-north-1.amazonaws.com.cn/");
  invalid = cw_aws_config_new ("evil.example.com/x", credentials);
  uri = cw_aws_config_resolve_endpoint (invalid, CW_AWS_SERVICE_EC2, &error);
  g_assert_null (uri);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_ENDPOINT);

  g_setenv ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566", TRUE);
  g_setenv ("AWS_ENDPOINT_URL_EC2", "http://127.0.0.1:5001", TRUE);
  g_setenv ("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "http://127.0.0.1:5002", TRUE);
  g_setenv ("AWS_ENDPOINT_URL_RDS", "http://127.0.0.1:5003", TRUE);
  g_setenv ("AWS_ENDPOINT_URL_STS", "", TRUE);
  g_setenv ("AWS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt", TRUE);
  overridden = cw_aws_config_new ("us-east-1", credentials);
  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_EC2");
  g_unsetenv ("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2");
  g_unsetenv ("AWS_ENDPOINT_URL_RDS");
  g_unsetenv ("AWS_ENDPOINT_URL_STS");
  g_unsetenv ("AWS_CA_BUNDLE");
  assert_endpoint (overridden, CW_AWS_SERVICE_EC2, "http://127.0.0.1:5001/");
  assert_endpoint (overridden, CW_AWS_SERVICE_ELBV2, "http://127.0.0.1:5002/");
  assert_endpoint (overridden, CW_AWS_SERVICE_RDS, "http://127.0.0.1:5003/");
  assert_endpoint (overridden, CW_AWS_SERVICE_STS, "http://127.0.0.1:4566/");
  g_assert_cmpstr (cw_aws_config_get_ca_bundle (overridden), ==, "/etc/ssl/certs/ca-certificates.crt");
  cw_aws_config_set_endpoint (overridden, CW_AWS_SERVICE_EC2, "https://ec2.example.com");
  assert_endpoint (overridden, CW_AWS_SERVICE_EC2, "https://ec2.example.com/");
}

/* An unreadable CA bundle fails every call with a sentence, instead of trusting less. */
static void
test_bad_ca_bundle (void)
{
  g_autoptr(CwAwsCredentials) credentials = cw_aws_credentials_new ("AKIDEXAMPLE", "secret", NULL);
  g_autoptr(CwAwsConfig) config = cw_aws_config_new ("us-east-1", credentials);
  g_autoptr(CwAwsClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;

  cw_aws_config_set_ca_bundle (config, "/nonexistent/causeway-ca.pem");
  client = cw_aws_client_new (config);
  cw_sts_get_caller_identity_async (client, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &result);
  identity = cw_sts_get_caller_identity_finish (client, aws_test_wait (&result), &error);
  g_assert_null (identity);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_ENDPOINT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/causeway-ca.pem"));
  g_assert_cmpuint (cw_aws_client_get_request_count (client), ==, 0);
}

/* Certificates are always verified: an unknown CA fails at once (no retry); trusting
 * it through AWS_CA_BUNDLE makes the same endpoint work. */
static void
test_tls_verification (void)
{
  g_autoptr(AwsTestServer) server = aws_test_server_new_tls ();
  g_autoptr(CwAwsClient) untrusting = aws_test_client_new (server, NULL);
  g_autoptr(CwAwsClient) trusting = NULL;
  g_autofree char *bundle = aws_test_tls_file ("test-server-cert.pem");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwStsCallerIdentity) refused = NULL;
  g_autoptr(CwStsCallerIdentity) identity = NULL;

  g_assert_true (g_str_has_prefix (aws_test_server_get_url (server), "https://127.0.0.1:"));
  cw_sts_get_caller_identity_async (untrusting, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &result);
  refused = cw_sts_get_caller_identity_finish (untrusting, aws_test_wait (&result), &error);
  g_assert_null (refused);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_cmpuint (cw_aws_result_get_attempts (result), ==, 1);
  g_assert_cmpuint (aws_test_server_get_n_requests (server), ==, 0);
  g_clear_error (&error);
  g_clear_object (&result);

  g_setenv ("AWS_CA_BUNDLE", bundle, TRUE);
  trusting = aws_test_client_new (server, NULL);
  g_unsetenv ("AWS_CA_BUNDLE");
  aws_test_server_reply_file (server, "sts-GetCallerIdentity.xml");
  cw_sts_get_caller_identity_async (trusting, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &result);
  identity = cw_sts_get_caller_identity_finish (trusting, aws_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (identity->account, ==, "123456789012");
  g_assert_cmpuint (aws_test_server_get_n_requests (server), ==, 1);
}

/* A DTD (and so any entity) is refused before anything is expanded. */
static void
test_xml_safety (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *laughs =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
    "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>&lol2;</Account>"
    "</GetCallerIdentityResult></GetCallerIdentityResponse>";
  const char *external =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
    "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>&xxe;</Account>"
    "</GetCallerIdentityResult></GetCallerIdentityResponse>";
  const char *wrong_root = "<DescribeVpcsResponse><requestId>1</requestId></DescribeVpcsResponse>";
  const char *bad_boolean =
    "<DescribeDBClustersResponse><DescribeDBClustersResult><DBClusters><DBCluster>"
    "<MultiAZ>maybe</MultiAZ></DBCluster></DBClusters></DescribeDBClustersResult></DescribeDBClustersResponse>";
  const char *bodies[] = { laughs, external, wrong_root, "<unclosed>" };
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(CwStsCallerIdentity) identity = NULL;

      aws_test_server_reply (fixture->server, 200, bodies[i]);
      identity = get_caller_identity (fixture, NULL, &error);
      g_assert_null (identity);
      g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);
    }
  aws_test_server_reply (fixture->server, 200, bad_boolean);
  g_clear_object (&fixture->result);
  cw_rds_describe_db_clusters_async (fixture->client, NULL, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                     aws_test_store_result, &fixture->result);
  clusters = cw_rds_describe_db_clusters_finish (fixture->client, aws_test_wait (&fixture->result), &error);
  g_assert_null (clusters);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "MultiAZ"));
}

/* Percent-encoding of the form: unreserved characters only are left as they are. */
static void
test_form_encoding (void)
{
  static const CwAwsOperation operation = { CW_AWS_SERVICE_ELBV2, "CreateTargetGroup", CW_AWS_RESULT_NONE };
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&operation);
  const CwAwsKeyValue tags[] = { { "Name", "db link/ü+&=" }, { "empty", NULL }, { NULL } };
  g_autoptr(GBytes) body = NULL;

  cw_aws_request_set (request, "Name", "orders db");
  cw_aws_request_set (request, "Name", "orders-db-tg");
  cw_aws_request_add_key_values (request, "Tags", tags);
  body = cw_aws_request_encode (request);
  g_assert_cmpstr (g_bytes_get_data (body, NULL), ==,
                   "Action=CreateTargetGroup&Version=2015-12-01&Name=orders-db-tg"
                   "&Tags.member.1.Key=Name&Tags.member.1.Value=db%20link%2F%C3%BC%2B%26%3D"
                   "&Tags.member.2.Key=empty&Tags.member.2.Value=");
}

static char *
read_file_or_empty (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

/* With G_MESSAGES_DEBUG=all the requests are logged, but never the secret key, the
 * session token or the signature. The child process writes what it must not have
 * printed to a file the parent reads. */
static void
test_secrets_not_logged (void)
{
  g_autofree char *secrets_path = NULL;
  g_autofree char *secrets = NULL;
  g_auto(GStrv) lines = NULL;
  int fd;

  if (g_test_subprocess ())
    {
      g_autoptr(AwsTestServer) server = aws_test_server_new ();
      g_autoptr(CwAwsClient) client = aws_test_client_new (server, AWS_TEST_SESSION_TOKEN);
      g_autofree char *throttled = aws_test_read_response ("error-query-Throttling.xml");
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CwStsCallerIdentity) identity = NULL;

      /* Every message printed (debug ones to stdout), whatever the test framework would do. */
      g_log_set_writer_func (g_log_writer_standard_streams, NULL, NULL);
      aws_test_server_reply (server, 400, throttled);
      aws_test_server_reply_file (server, "sts-GetCallerIdentity.xml");
      cw_sts_get_caller_identity_async (client, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &result);
      identity = cw_sts_get_caller_identity_finish (client, aws_test_wait (&result), &error);
      g_assert_no_error (error);
      aws_test_server_write_signatures (server, g_getenv ("AWS_TEST_SECRETS_FILE"));
      return;
    }

  fd = g_file_open_tmp ("causeway-aws-secrets-XXXXXX", &secrets_path, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_setenv ("AWS_TEST_SECRETS_FILE", secrets_path, TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_test_trap_assert_passed ();
  /* The logging did happen, with the credential headers named but redacted. */
  g_test_trap_assert_stdout ("*sts:GetCallerIdentity*Authorization: [redacted]*X-Amz-Security-Token: [redacted]*");
  g_test_trap_assert_stderr_unmatched ("*" AWS_TEST_SECRET_KEY "*");
  g_test_trap_assert_stdout_unmatched ("*" AWS_TEST_SECRET_KEY "*");
  g_test_trap_assert_stderr_unmatched ("*" AWS_TEST_SESSION_TOKEN "*");
  g_test_trap_assert_stdout_unmatched ("*" AWS_TEST_SESSION_TOKEN "*");
  secrets = read_file_or_empty (secrets_path);
  g_unlink (secrets_path);
  lines = g_strsplit (secrets, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *pattern = g_strdup_printf ("*%s*", lines[i]);

      if (*lines[i] == '\0')
        continue;
      g_test_trap_assert_stderr_unmatched (pattern);
      g_test_trap_assert_stdout_unmatched (pattern);
    }
}

int
main (int argc, char **argv)
{
  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_CA_BUNDLE");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/aws/client/" path, Fixture, NULL, aws_test_fixture_set_up, func, aws_test_fixture_tear_down)
  ADD ("get-caller-identity", test_get_caller_identity);
  ADD ("retry-throttled", test_retry_throttled);
  ADD ("retry-exhausted", test_retry_exhausted);
  ADD ("validation-error", test_validation_error);
  ADD ("access-denied", test_access_denied);
  ADD ("server-errors", test_server_errors);
  ADD ("dropped-connection", test_dropped_connection);
  ADD ("not-found", test_not_found);
  ADD ("pagination", test_pagination);
  ADD ("cancel-waiting-retry", test_cancel_waiting_retry);
  ADD ("xml-safety", test_xml_safety);
#undef ADD
  g_test_add_func ("/aws/client/refuse-plain-http", test_refuse_plain_http);
  g_test_add_func ("/aws/client/endpoint-resolution", test_endpoint_resolution);
  g_test_add_func ("/aws/client/bad-ca-bundle", test_bad_ca_bundle);
  g_test_add_func ("/aws/client/tls-verification", test_tls_verification);
  g_test_add_func ("/aws/client/form-encoding", test_form_encoding);
  g_test_add_func ("/aws/client/secrets-not-logged", test_secrets_not_logged);
  return g_test_run ();
}
