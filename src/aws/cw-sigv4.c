/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sigv4.c
 *
 * Follows the SigV4 specification as the AWS signing test suite pins it down: the path
 * is normalised (dot segments and empty segments removed) and URI-encoded once more, the
 * query is decoded then re-encoded and sorted, header values are trimmed with inner runs
 * of white space folded to one space, and repeated headers are joined with commas.
 */
#define G_LOG_DOMAIN "cw-sigv4"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-aws-error.h"
#include "cw-sigv4.h"

#define ALGORITHM "AWS4-HMAC-SHA256"
#define TERMINATOR "aws4_request"

/* Headers that proxies or the HTTP stack may change, so AWS SDKs never sign them. */
static const char * const unsigned_headers[] = {
  "authorization", "user-agent", "expect", "x-amzn-trace-id",
};

typedef struct {
  char *name;
  char *value;
} Header;

struct _CwSigv4Request
{
  char   *method;
  char   *path;
  char   *query;    /* NULL when the target has no '?' */
  GArray *headers;  /* of Header, in sending order */
  GBytes *body;
};

/* Credentials */

G_DEFINE_BOXED_TYPE (CwAwsCredentials, cw_aws_credentials,
                     cw_aws_credentials_copy, cw_aws_credentials_free)

CwAwsCredentials *
cw_aws_credentials_new (const char *access_key_id,
                        const char *secret_access_key,
                        const char *session_token)
{
  CwAwsCredentials *self = g_new0 (CwAwsCredentials, 1);

  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  self->session_token = (session_token != NULL && *session_token != '\0') ? g_strdup (session_token) : NULL;
  return self;
}

CwAwsCredentials *
cw_aws_credentials_copy (const CwAwsCredentials *self)
{
  return cw_aws_credentials_new (self->access_key_id, self->secret_access_key, self->session_token);
}

static void
wipe_string (char *str)
{
  if (str != NULL)
    explicit_bzero (str, strlen (str));
  g_free (str);
}

void
cw_aws_credentials_free (CwAwsCredentials *self)
{
  if (self == NULL)
    return;
  g_free (self->access_key_id);
  wipe_string (self->secret_access_key);
  wipe_string (self->session_token);
  g_free (self);
}

/* Requests */

G_DEFINE_BOXED_TYPE (CwSigv4Request, cw_sigv4_request, cw_sigv4_request_ref, cw_sigv4_request_unref)

static void
header_clear (gpointer data)
{
  Header *header = data;

  g_free (header->name);
  wipe_string (header->value);
}

CwSigv4Request *
cw_sigv4_request_new (const char *method,
                      const char *target,
                      GBytes     *body)
{
  CwSigv4Request *self = g_atomic_rc_box_new0 (CwSigv4Request);
  const char *question = strchr (target, '?');

  self->method = g_strdup (method);
  self->path = question ? g_strndup (target, question - target) : g_strdup (target);
  self->query = question ? g_strdup (question + 1) : NULL;
  self->headers = g_array_new (FALSE, TRUE, sizeof (Header));
  g_array_set_clear_func (self->headers, header_clear);
  self->body = body ? g_bytes_ref (body) : g_bytes_new_static ("", 0);
  return self;
}

CwSigv4Request *
cw_sigv4_request_ref (CwSigv4Request *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
request_clear (gpointer data)
{
  CwSigv4Request *self = data;

  g_free (self->method);
  g_free (self->path);
  g_free (self->query);
  g_array_unref (self->headers);
  g_bytes_unref (self->body);
}

void
cw_sigv4_request_unref (CwSigv4Request *self)
{
  g_atomic_rc_box_release_full (self, request_clear);
}

void
cw_sigv4_request_add_header (CwSigv4Request *self,
                             const char     *name,
                             const char     *value)
{
  Header header = { g_strdup (name), g_strdup (value) };

  g_array_append_val (self->headers, header);
}

guint
cw_sigv4_request_get_n_headers (CwSigv4Request *self)
{
  return self->headers->len;
}

void
cw_sigv4_request_get_header (CwSigv4Request  *self,
                             guint            index,
                             const char     **name,
                             const char     **value)
{
  const Header *header = &g_array_index (self->headers, Header, index);

  *name = header->name;
  *value = header->value;
}

const char *
cw_sigv4_request_lookup_header (CwSigv4Request *self,
                                const char     *name)
{
  for (guint i = 0; i < self->headers->len; i++)
    {
      const Header *header = &g_array_index (self->headers, Header, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        return header->value;
    }
  return NULL;
}

/* Authorization header */

G_DEFINE_BOXED_TYPE (CwSigv4Authorization, cw_sigv4_authorization,
                     cw_sigv4_authorization_copy, cw_sigv4_authorization_free)

CwSigv4Authorization *
cw_sigv4_authorization_copy (const CwSigv4Authorization *self)
{
  CwSigv4Authorization *copy = g_new0 (CwSigv4Authorization, 1);

  copy->access_key_id = g_strdup (self->access_key_id);
  copy->date = g_strdup (self->date);
  copy->region = g_strdup (self->region);
  copy->service = g_strdup (self->service);
  copy->signed_headers = g_strdupv (self->signed_headers);
  copy->signature = g_strdup (self->signature);
  return copy;
}

void
cw_sigv4_authorization_free (CwSigv4Authorization *self)
{
  if (self == NULL)
    return;
  g_free (self->access_key_id);
  g_free (self->date);
  g_free (self->region);
  g_free (self->service);
  g_strfreev (self->signed_headers);
  g_free (self->signature);
  g_free (self);
}

static GError *
incomplete_signature (const char *message)
{
  return cw_aws_error_new_literal (CW_AWS_ERROR_INVALID_SIGNATURE, "IncompleteSignature", message);
}

static gboolean
parse_credential (CwSigv4Authorization *self,
                  const char           *credential)
{
  g_auto(GStrv) parts = g_strsplit (credential, "/", -1);

  if (g_strv_length (parts) != 5 || !g_str_equal (parts[4], TERMINATOR) ||
      *parts[0] == '\0' || strlen (parts[1]) != 8 || *parts[2] == '\0' || *parts[3] == '\0')
    return FALSE;
  self->access_key_id = g_strdup (parts[0]);
  self->date = g_strdup (parts[1]);
  self->region = g_strdup (parts[2]);
  self->service = g_strdup (parts[3]);
  return TRUE;
}

static gboolean
parse_component (CwSigv4Authorization *self,
                 const char           *component)
{
  g_autofree char *stripped = g_strstrip (g_strdup (component));

  if (g_str_has_prefix (stripped, "Credential=") && self->access_key_id == NULL)
    return parse_credential (self, stripped + strlen ("Credential="));
  if (g_str_has_prefix (stripped, "SignedHeaders=") && self->signed_headers == NULL)
    {
      self->signed_headers = g_strsplit (stripped + strlen ("SignedHeaders="), ";", -1);
      return self->signed_headers[0] != NULL && *self->signed_headers[0] != '\0';
    }
  if (g_str_has_prefix (stripped, "Signature=") && self->signature == NULL)
    {
      self->signature = g_ascii_strdown (stripped + strlen ("Signature="), -1);
      return *self->signature != '\0';
    }
  return FALSE;
}

CwSigv4Authorization *
cw_sigv4_authorization_parse (const char  *header_value,
                              GError     **error)
{
  g_autoptr(CwSigv4Authorization) self = g_new0 (CwSigv4Authorization, 1);
  g_auto(GStrv) components = NULL;

  if (header_value == NULL || !g_str_has_prefix (header_value, ALGORITHM " "))
    {
      g_propagate_error (error, incomplete_signature (_("The Authorization header is not an AWS4-HMAC-SHA256 signature")));
      return NULL;
    }
  components = g_strsplit (header_value + strlen (ALGORITHM " "), ",", -1);
  for (guint i = 0; components[i] != NULL; i++)
    if (!parse_component (self, components[i]))
      {
        g_propagate_error (error, incomplete_signature (_("The Authorization header is malformed")));
        return NULL;
      }
  if (self->access_key_id == NULL || self->signed_headers == NULL || self->signature == NULL)
    {
      g_propagate_error (error, incomplete_signature (_("The Authorization header lacks Credential, SignedHeaders or Signature")));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* Canonical request */

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '~';
}

char *
cw_sigv4_uri_encode (const char *text,
                     gssize      length,
                     gboolean    keep_slash)
{
  GString *out = g_string_new (NULL);
  gsize n = length < 0 ? strlen (text) : (gsize) length;

  for (gsize i = 0; i < n; i++)
    {
      guchar c = text[i];

      if (is_unreserved (c) || (keep_slash && c == '/'))
        g_string_append_c (out, c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }
  return g_string_free (out, FALSE);
}

/* %XX escapes only: '+' is a literal plus in a query, as AWS reads it. */
static GString *
percent_decode (const char *text,
                gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '%' && i + 2 < length &&
          g_ascii_isxdigit (text[i + 1]) && g_ascii_isxdigit (text[i + 2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (text[i + 1]) * 16 +
                                          g_ascii_xdigit_value (text[i + 2])));
          i += 2;
        }
      else
        g_string_append_c (out, text[i]);
    }
  return out;
}

static char *
canonical_path (const char   *path,
                CwSigv4Flags  flags)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) normal = NULL;
  gboolean trailing;

  if (*path == '\0')
    return g_strdup ("/");
  if (flags & CW_SIGV4_KEEP_PATH)
    return cw_sigv4_uri_encode (path, -1, TRUE);

  /* RFC 3986 remove_dot_segments, plus AWS's collapsing of empty segments. */
  segments = g_ptr_array_new ();
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0' || g_str_equal (parts[i], "."))
        continue;
      if (g_str_equal (parts[i], ".."))
        {
          if (segments->len > 0)
            g_ptr_array_remove_index (segments, segments->len - 1);
          continue;
        }
      g_ptr_array_add (segments, parts[i]);
    }
  trailing = g_str_has_suffix (path, "/") || g_str_has_suffix (path, "/.") || g_str_has_suffix (path, "/..");
  normal = g_string_new ("/");
  for (guint i = 0; i < segments->len; i++)
    {
      g_autofree char *encoded = cw_sigv4_uri_encode (segments->pdata[i], -1, FALSE);

      if (i > 0)
        g_string_append_c (normal, '/');
      g_string_append (normal, encoded);
    }
  if (trailing && segments->len > 0)
    g_string_append_c (normal, '/');
  return g_string_free (g_steal_pointer (&normal), FALSE);
}

static char *
encode_query_part (const char *text,
                   gsize       length)
{
  g_autoptr(GString) decoded = percent_decode (text, length);

  return cw_sigv4_uri_encode (decoded->str, decoded->len, FALSE);
}

static int
compare_query_pairs (gconstpointer a,
                     gconstpointer b)
{
  const char * const *pa = a;
  const char * const *pb = b;
  int by_name = strcmp (pa[0], pb[0]);

  return by_name != 0 ? by_name : strcmp (pa[1], pb[1]);
}

static char *
canonical_query (const char *query)
{
  g_auto(GStrv) params = NULL;
  g_autoptr(GArray) pairs = NULL;
  GString *out = g_string_new (NULL);

  if (query == NULL)
    return g_string_free (out, FALSE);
  params = g_strsplit (query, "&", -1);
  pairs = g_array_new (FALSE, FALSE, sizeof (char *) * 2);
  for (guint i = 0; params[i] != NULL; i++)
    {
      const char *equals = strchr (params[i], '=');
      gsize name_length = equals ? (gsize) (equals - params[i]) : strlen (params[i]);
      char *pair[2];

      if (*params[i] == '\0')
        continue;
      pair[0] = encode_query_part (params[i], name_length);
      pair[1] = equals ? encode_query_part (equals + 1, strlen (equals + 1)) : g_strdup ("");
      g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, compare_query_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      char **pair = &g_array_index (pairs, char *, i * 2);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? "&" : "", pair[0], pair[1]);
      g_free (pair[0]);
      g_free (pair[1]);
    }
  return g_string_free (out, FALSE);
}

/* Trims, and folds every run of white space (line folding included) into one space. */
static void
append_folded_value (GString    *out,
                     const char *value)
{
  gboolean pending_space = FALSE;
  gboolean started = FALSE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = started;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      g_string_append_c (out, *p);
      pending_space = FALSE;
      started = TRUE;
    }
}

static gboolean
header_is_signable (const char   *lower_name,
                    CwSigv4Flags  flags)
{
  for (guint i = 0; i < G_N_ELEMENTS (unsigned_headers); i++)
    if (g_str_equal (lower_name, unsigned_headers[i]))
      return FALSE;
  return !((flags & CW_SIGV4_UNSIGNED_SESSION_TOKEN) && g_str_equal (lower_name, "x-amz-security-token"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The lower-case names of the headers this request signs, sorted and unique. */
static GStrv
signable_header_names (CwSigv4Request *self,
                       CwSigv4Flags    flags)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->headers->len; i++)
    {
      const Header *header = &g_array_index (self->headers, Header, i);
      char *lower = g_ascii_strdown (header->name, -1);

      if (header_is_signable (lower, flags) && !g_ptr_array_find_with_equal_func (names, lower, g_str_equal, NULL))
        g_ptr_array_add (names, lower);
      else
        g_free (lower);
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_steal (names, NULL);
}

static gboolean
append_canonical_header (GString        *out,
                         CwSigv4Request *self,
                         const char     *lower_name)
{
  gboolean found = FALSE;

  g_string_append_printf (out, "%s:", lower_name);
  for (guint i = 0; i < self->headers->len; i++)
    {
      const Header *header = &g_array_index (self->headers, Header, i);

      if (g_ascii_strcasecmp (header->name, lower_name) != 0)
        continue;
      if (found)
        g_string_append_c (out, ',');
      append_folded_value (out, header->value);
      found = TRUE;
    }
  g_string_append_c (out, '\n');
  return found;
}

char *
cw_sigv4_hash_hex (GBytes *data)
{
  gsize size = 0;
  gconstpointer bytes = data ? g_bytes_get_data (data, &size) : "";

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes, size);
}

/* With signed_headers NULL, every signable header of the request is signed; otherwise
 * exactly those (a verifier passes what the Authorization header lists). Returns NULL
 * when a listed header is missing. */
char *
cw_sigv4_canonical_request (CwSigv4Request     *request,
                            const char * const *signed_headers,
                            CwSigv4Flags        flags)
{
  g_auto(GStrv) own_names = signed_headers ? NULL : signable_header_names (request, flags);
  const char * const *names = signed_headers ? signed_headers : (const char * const *) own_names;
  g_autofree char *path = canonical_path (request->path, flags);
  g_autofree char *query = canonical_query (request->query);
  g_autofree char *joined = g_strjoinv (";", (GStrv) names);
  g_autofree char *payload_hash = cw_sigv4_hash_hex (request->body);
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n%s\n%s\n", request->method, path, query);
  for (guint i = 0; names[i] != NULL; i++)
    if (!append_canonical_header (out, request, names[i]))
      return NULL;
  g_string_append_printf (out, "\n%s\n%s", joined, payload_hash);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
cw_sigv4_scope (const char *date,
                const char *region,
                const char *service)
{
  return g_strdup_printf ("%.8s/%s/%s/" TERMINATOR, date, region, service);
}

char *
cw_sigv4_string_to_sign (const char *amz_date,
                         const char *scope,
                         const char *canonical_request)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical_request, -1);

  return g_strdup_printf (ALGORITHM "\n%s\n%s\n%s", amz_date, scope, hash);
}

static char *
hex_encode (const guint8 *data,
            gsize         length)
{
  static const char digits[] = "0123456789abcdef";
  char *out = g_malloc (length * 2 + 1);

  for (gsize i = 0; i < length; i++)
    {
      out[i * 2] = digits[data[i] >> 4];
      out[i * 2 + 1] = digits[data[i] & 0xf];
    }
  out[length * 2] = '\0';
  return out;
}

/* The key may be the output buffer: GHmac copies it first. */
static void
hmac_sha256 (const guint8 *key,
             gsize         key_length,
             const char   *data,
             guint8        digest[32])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  gsize length = 32;

  g_hmac_update (hmac, (const guchar *) data, -1);
  g_hmac_get_digest (hmac, digest, &length);
}

char *
cw_sigv4_signature (const char *secret_access_key,
                    const char *date,
                    const char *region,
                    const char *service,
                    const char *string_to_sign)
{
  g_autofree char *day = g_strndup (date, 8);
  g_autofree char *seed = g_strconcat ("AWS4", secret_access_key, NULL);
  guint8 key[32];
  guint8 digest[32];

  hmac_sha256 ((const guint8 *) seed, strlen (seed), day, key);
  explicit_bzero (seed, strlen (seed));
  hmac_sha256 (key, sizeof key, region, key);
  hmac_sha256 (key, sizeof key, service, key);
  hmac_sha256 (key, sizeof key, TERMINATOR, key);
  hmac_sha256 (key, sizeof key, string_to_sign, digest);
  explicit_bzero (key, sizeof key);
  return hex_encode (digest, sizeof digest);
}

/* Adds X-Amz-Security-Token, X-Amz-Date, (x-amz-content-sha256) and Authorization, in
 * that order, signing every header already present except the unsignable ones. */
void
cw_sigv4_sign (CwSigv4Request         *request,
               const CwAwsCredentials *credentials,
               const char             *region,
               const char             *service,
               GDateTime              *time,
               CwSigv4Flags            flags)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  g_autofree char *amz_date = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  g_autofree char *scope = cw_sigv4_scope (amz_date, region, service);
  g_autofree char *canonical = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *authorization = NULL;
  g_auto(GStrv) names = NULL;

  if (credentials->session_token != NULL)
    cw_sigv4_request_add_header (request, "X-Amz-Security-Token", credentials->session_token);
  cw_sigv4_request_add_header (request, "X-Amz-Date", amz_date);
  if (flags & CW_SIGV4_CONTENT_SHA256_HEADER)
    {
      g_autofree char *hash = cw_sigv4_hash_hex (request->body);

      cw_sigv4_request_add_header (request, "x-amz-content-sha256", hash);
    }
  names = signable_header_names (request, flags);
  canonical = cw_sigv4_canonical_request (request, (const char * const *) names, flags);
  string_to_sign = cw_sigv4_string_to_sign (amz_date, scope, canonical);
  signature = cw_sigv4_signature (credentials->secret_access_key, amz_date, region, service, string_to_sign);
  joined = g_strjoinv (";", names);
  authorization = g_strdup_printf (ALGORITHM " Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                                   credentials->access_key_id, scope, joined, signature);
  cw_sigv4_request_add_header (request, "Authorization", authorization);
}

/* Compares without an early exit, so timing does not reveal how much matched. */
static gboolean
equal_in_constant_time (const char *a,
                        const char *b)
{
  gsize length = strlen (a);
  guint8 difference = length != strlen (b);

  for (gsize i = 0; i < length && b[i] != '\0'; i++)
    difference |= (guint8) (a[i] ^ b[i]);
  return difference == 0;
}

static gboolean
check_date (CwSigv4Authorization  *authorization,
            const char            *amz_date,
            GError               **error)
{
  if (amz_date == NULL || strlen (amz_date) != 16 || strncmp (amz_date, authorization->date, 8) != 0)
    {
      g_propagate_error (error, incomplete_signature (_("X-Amz-Date is missing or does not match the credential scope")));
      return FALSE;
    }
  if (!g_strv_contains ((const char * const *) authorization->signed_headers, "host"))
    {
      g_propagate_error (error, incomplete_signature (_("The Host header must be signed")));
      return FALSE;
    }
  return TRUE;
}

/* Rebuilds the signature from what arrived, for the headers the client says it signed. */
gboolean
cw_sigv4_verify (CwSigv4Request  *request,
                 const char      *secret_access_key,
                 CwSigv4Flags     flags,
                 GError         **error)
{
  const char *amz_date = cw_sigv4_request_lookup_header (request, "X-Amz-Date");
  g_autoptr(CwSigv4Authorization) authorization = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *expected = NULL;

  authorization = cw_sigv4_authorization_parse (cw_sigv4_request_lookup_header (request, "Authorization"), error);
  if (authorization == NULL || !check_date (authorization, amz_date, error))
    return FALSE;
  canonical = cw_sigv4_canonical_request (request, (const char * const *) authorization->signed_headers, flags);
  if (canonical == NULL)
    {
      g_propagate_error (error, incomplete_signature (_("A header listed in SignedHeaders is missing")));
      return FALSE;
    }
  scope = cw_sigv4_scope (authorization->date, authorization->region, authorization->service);
  string_to_sign = cw_sigv4_string_to_sign (amz_date, scope, canonical);
  expected = cw_sigv4_signature (secret_access_key, authorization->date, authorization->region,
                                 authorization->service, string_to_sign);
  if (!equal_in_constant_time (expected, authorization->signature))
    {
      g_propagate_error (error, cw_aws_error_new_literal (CW_AWS_ERROR_INVALID_SIGNATURE, "SignatureDoesNotMatch",
                                                         _("The request signature we calculated does not match the signature you provided")));
      return FALSE;
    }
  return TRUE;
}
