/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SigV4 against the AWS signing test suite (testdata/aws-sigv4), and verification. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cw-aws-error.h"
#include "cw-sigv4.h"

typedef struct {
  char             *dir;
  char             *request_line;
  GPtrArray        *header_lines;  /* as written, continuation lines included */
  GBytes           *body;
  CwSigv4Request   *request;
  guint             n_original_headers;
  CwAwsCredentials *credentials;
  char             *region;
  char             *service;
  GDateTime        *time;
  CwSigv4Flags      flags;
} SuiteCase;

static void
suite_case_free (SuiteCase *self)
{
  g_free (self->dir);
  g_free (self->request_line);
  g_ptr_array_unref (self->header_lines);
  g_bytes_unref (self->body);
  cw_sigv4_request_unref (self->request);
  cw_aws_credentials_free (self->credentials);
  g_free (self->region);
  g_free (self->service);
  g_date_time_unref (self->time);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuiteCase, suite_case_free)

static char *
read_case_file (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* "Name:value" lines; a line starting with white space continues the previous one. */
static void
add_headers (CwSigv4Request *request,
             char          **lines)
{
  g_autofree char *name = NULL;
  g_autoptr(GString) value = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (g_ascii_isspace (lines[i][0]) && name != NULL)
        {
          g_string_append_printf (value, "\n%s", lines[i]);
          continue;
        }
      if (name != NULL)
        cw_sigv4_request_add_header (request, name, value->str);
      g_assert_nonnull (colon);
      g_free (name);
      name = g_strndup (lines[i], colon - lines[i]);
      g_string_assign (value, colon + 1);
    }
  if (name != NULL)
    cw_sigv4_request_add_header (request, name, value->str);
}

/* "METHOD TARGET HTTP/1.1": the target may itself contain spaces. */
static CwSigv4Request *
request_from_line (const char *line,
                   GBytes     *body)
{
  const char *space = strchr (line, ' ');
  const char *version = g_strrstr (line, " HTTP/");
  g_autofree char *method = NULL;
  g_autofree char *target = NULL;

  g_assert_nonnull (space);
  g_assert_nonnull (version);
  method = g_strndup (line, space - line);
  target = g_strndup (space + 1, version - space - 1);
  return cw_sigv4_request_new (method, target, body);
}

static void
parse_request (SuiteCase  *self,
               const char *text)
{
  const char *blank = strstr (text, "\n\n");
  g_autofree char *head = blank ? g_strndup (text, blank - text) : g_strdup (text);
  g_auto(GStrv) lines = NULL;
  guint n;

  g_strchomp (head);
  lines = g_strsplit (head, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 0);
  self->request_line = g_strdup (lines[0]);
  self->header_lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; i < n; i++)
    g_ptr_array_add (self->header_lines, g_strdup (lines[i]));
  self->body = g_bytes_new (blank ? blank + 2 : "", blank ? strlen (blank + 2) : 0);
  self->request = request_from_line (lines[0], self->body);
  add_headers (self->request, lines + 1);
  self->n_original_headers = cw_sigv4_request_get_n_headers (self->request);
}

static void
parse_context (SuiteCase  *self,
               const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *credentials;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  credentials = json_object_get_object_member (root, "credentials");
  self->credentials = cw_aws_credentials_new (json_object_get_string_member (credentials, "access_key_id"),
                                              json_object_get_string_member (credentials, "secret_access_key"),
                                              json_object_get_string_member_with_default (credentials, "token", NULL));
  self->region = g_strdup (json_object_get_string_member (root, "region"));
  self->service = g_strdup (json_object_get_string_member (root, "service"));
  self->time = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "timestamp"), NULL);
  g_assert_nonnull (self->time);
  if (!json_object_get_boolean_member_with_default (root, "normalize", TRUE))
    self->flags |= CW_SIGV4_KEEP_PATH;
  if (json_object_get_boolean_member_with_default (root, "sign_body", FALSE))
    self->flags |= CW_SIGV4_CONTENT_SHA256_HEADER;
  if (json_object_get_boolean_member_with_default (root, "omit_session_token", FALSE))
    self->flags |= CW_SIGV4_UNSIGNED_SESSION_TOKEN;
}

static SuiteCase *
suite_case_load (const char *dir)
{
  g_autoptr(SuiteCase) self = g_new0 (SuiteCase, 1);
  g_autofree char *context = read_case_file (dir, "context.json");
  g_autofree char *request = read_case_file (dir, "request.txt");

  self->dir = g_strdup (dir);
  parse_context (self, context);
  parse_request (self, request);
  return g_steal_pointer (&self);
}

static char *
signed_request_text (SuiteCase *self)
{
  GString *out = g_string_new (self->request_line);
  gsize body_size = 0;
  const char *body = g_bytes_get_data (self->body, &body_size);

  g_string_append_c (out, '\n');
  for (guint i = 0; i < self->header_lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) self->header_lines->pdata[i]);
  for (guint i = self->n_original_headers; i < cw_sigv4_request_get_n_headers (self->request); i++)
    {
      const char *name;
      const char *value;

      cw_sigv4_request_get_header (self->request, i, &name, &value);
      g_string_append_printf (out, "%s:%s\n", name, value);
    }
  g_string_append_c (out, '\n');
  g_string_append_len (out, body, body_size);
  return g_string_free (out, FALSE);
}

static void
assert_case_file (SuiteCase  *self,
                  const char *name,
                  const char *actual)
{
  g_autofree char *expected = read_case_file (self->dir, name);

  if (g_strcmp0 (expected, actual) != 0)
    g_error ("%s/%s differs:\n--- expected\n%s\n--- actual\n%s", self->dir, name, expected, actual);
}

/* Signs like a client, then rebuilds each step like a verifier and compares them all. */
static void
check_case (SuiteCase *self)
{
  g_autoptr(CwSigv4Authorization) authorization = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *signed_text = NULL;

  cw_sigv4_sign (self->request, self->credentials, self->region, self->service, self->time, self->flags);
  authorization = cw_sigv4_authorization_parse (cw_sigv4_request_lookup_header (self->request, "Authorization"), &error);
  g_assert_no_error (error);
  canonical = cw_sigv4_canonical_request (self->request, (const char * const *) authorization->signed_headers, self->flags);
  assert_case_file (self, "header-canonical-request.txt", canonical);
  scope = cw_sigv4_scope (authorization->date, authorization->region, authorization->service);
  string_to_sign = cw_sigv4_string_to_sign (cw_sigv4_request_lookup_header (self->request, "X-Amz-Date"), scope, canonical);
  assert_case_file (self, "header-string-to-sign.txt", string_to_sign);
  signature = cw_sigv4_signature (self->credentials->secret_access_key, authorization->date,
                                  self->region, self->service, string_to_sign);
  assert_case_file (self, "header-signature.txt", signature);
  g_assert_cmpstr (authorization->signature, ==, signature);
  signed_text = signed_request_text (self);
  assert_case_file (self, "header-signed-request.txt", signed_text);

  cw_sigv4_verify (self->request, self->credentials->secret_access_key, self->flags, &error);
  g_assert_no_error (error);
  cw_sigv4_verify (self->request, "not-the-secret", self->flags, &error);
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_INVALID_SIGNATURE);
  g_assert_cmpstr (cw_aws_error_get_code (error), ==, "SignatureDoesNotMatch");
}

static GPtrArray *
list_cases (void)
{
  g_autofree char *root = g_build_filename (g_getenv ("CAUSEWAY_TESTDATA"), "aws-sigv4", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (root, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);
      g_autofree char *context = g_build_filename (path, "context.json", NULL);

      if (g_file_test (context, G_FILE_TEST_EXISTS))
        g_ptr_array_add (cases, g_steal_pointer (&path));
    }
  g_ptr_array_sort (cases, (GCompareFunc) g_strcmp0);
  return cases;
}

static void
test_suite (void)
{
  g_autoptr(GPtrArray) cases = NULL;
  guint n_signed = 0;

  if (g_getenv ("CAUSEWAY_TESTDATA") == NULL)
    {
      g_test_skip ("The SigV4 test vectors are absent: CAUSEWAY_TESTDATA is unset (meson's shared_dir option)");
      return;
    }
  cases = list_cases ();
  g_assert_cmpuint (cases->len, >=, 30);
  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr(SuiteCase) suite_case = suite_case_load (cases->pdata[i]);

      check_case (suite_case);
      n_signed++;
    }
  /* No case is skipped: the unnormalised (S3-style) ones are signed with KEEP_PATH. */
  g_test_message ("signed %u of %u cases, skipped %u (none)", n_signed, cases->len, cases->len - n_signed);
  g_assert_cmpuint (n_signed, ==, cases->len);
}

static CwSigv4Request *
new_query_request (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("Action=GetCallerIdentity&Version=2011-06-15", 43);
  CwSigv4Request *request = cw_sigv4_request_new ("POST", "/", body);

  cw_sigv4_request_add_header (request, "Host", "sts.us-east-1.amazonaws.com");
  cw_sigv4_request_add_header (request, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  cw_sigv4_request_add_header (request, "User-Agent", "causeway/0.1");
  return request;
}

/* User-Agent is never signed, the session token is; changing a signed header breaks it. */
static void
test_signed_headers (void)
{
  g_autoptr(CwSigv4Request) request = new_query_request ();
  g_autoptr(CwAwsCredentials) credentials = cw_aws_credentials_new ("AKIDEXAMPLE", "secret", "token/with+chars=");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CwSigv4Authorization) authorization = NULL;
  g_autoptr(CwSigv4Request) tampered = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected[] = { "content-type", "host", "x-amz-date", "x-amz-security-token", NULL };

  cw_sigv4_sign (request, credentials, "us-east-1", "sts", now, CW_SIGV4_DEFAULT);
  authorization = cw_sigv4_authorization_parse (cw_sigv4_request_lookup_header (request, "Authorization"), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (authorization->signed_headers, expected);
  g_assert_cmpstr (authorization->service, ==, "sts");
  g_assert_cmpstr (authorization->access_key_id, ==, "AKIDEXAMPLE");
  g_assert_true (cw_sigv4_verify (request, "secret", CW_SIGV4_DEFAULT, &error));
  g_assert_no_error (error);

  /* The same headers with another token: the verifier must notice. */
  tampered = new_query_request ();
  for (guint i = 3; i < cw_sigv4_request_get_n_headers (request); i++)
    {
      const char *name;
      const char *value;

      cw_sigv4_request_get_header (request, i, &name, &value);
      cw_sigv4_request_add_header (tampered, name, g_str_equal (name, "X-Amz-Security-Token") ? "other" : value);
    }
  g_assert_false (cw_sigv4_verify (tampered, "secret", CW_SIGV4_DEFAULT, &error));
  g_assert_cmpstr (cw_aws_error_get_code (error), ==, "SignatureDoesNotMatch");
}

static void
test_authorization_parse_errors (void)
{
  const char *bad[] = {
    NULL,
    "Basic dXNlcjpwYXNz",
    "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service, SignedHeaders=host, Signature=ab",
    "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, Signature=ab",
    "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=, Signature=ab",
    "AWS4-HMAC-SHA256 Credential=AKID/2015/us-east-1/service/aws4_request, SignedHeaders=host, Signature=ab",
    "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=ab, Extra=1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CwSigv4Authorization) authorization = cw_sigv4_authorization_parse (bad[i], &error);

      g_assert_null (authorization);
      g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_INVALID_SIGNATURE);
      g_assert_cmpstr (cw_aws_error_get_code (error), ==, "IncompleteSignature");
    }
}

/* A verifier refuses a request whose signed Host header is missing or whose date is off. */
static void
test_verify_incomplete (void)
{
  g_autoptr(CwSigv4Request) request = cw_sigv4_request_new ("POST", "/", NULL);
  g_autoptr(GError) error = NULL;

  cw_sigv4_request_add_header (request, "X-Amz-Date", "20150830T123600Z");
  cw_sigv4_request_add_header (request, "Authorization",
                               "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/sts/aws4_request, "
                               "SignedHeaders=host;x-amz-date, Signature=00");
  g_assert_false (cw_sigv4_verify (request, "secret", CW_SIGV4_DEFAULT, &error));
  g_assert_cmpstr (cw_aws_error_get_code (error), ==, "IncompleteSignature");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aws/sigv4/suite", test_suite);
  g_test_add_func ("/aws/sigv4/signed-headers", test_signed_headers);
  g_test_add_func ("/aws/sigv4/authorization-parse-errors", test_authorization_parse_errors);
  g_test_add_func ("/aws/sigv4/verify-incomplete", test_verify_incomplete);
  return g_test_run ();
}
