/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-tidb-types.c */
#define G_LOG_DOMAIN "cw-tidb-types"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cw-tidb-types-private.h"

/* The API's deepest answer nests five levels; json-glib parses recursively, so a
 * hostile answer of nothing but brackets must be turned away before it reaches it. */
#define MAX_NESTING 64

/* Error messages quote the server; a long one must not flood a status line. */
#define MAX_SERVER_MESSAGE_CHARS 400

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

typedef struct {
  char  *server_message;  /* TiDB Cloud's words, tidied to one line */
  char  *server_code;     /* the Status code ("3"), or the IAM API's string code */
  guint  http_status;
} CwTidbErrorPrivate;

static void
cw_tidb_error_private_init (CwTidbErrorPrivate *priv)
{
}

static void
cw_tidb_error_private_copy (const CwTidbErrorPrivate *src,
                            CwTidbErrorPrivate       *dest)
{
  dest->server_message = g_strdup (src->server_message);
  dest->server_code = g_strdup (src->server_code);
  dest->http_status = src->http_status;
}

static void
cw_tidb_error_private_clear (CwTidbErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_message, g_free);
  g_clear_pointer (&priv->server_code, g_free);
}

G_DEFINE_EXTENDED_ERROR (CwTidbError, cw_tidb_error)

/* The private data of an error of this domain; NULL for any other error. */
static CwTidbErrorPrivate *
private_of (const GError *error)
{
  if (error == NULL || error->domain != CW_TIDB_ERROR)
    return NULL;
  return cw_tidb_error_get_private (error);
}

/* The model objects are read from answers and never changed: read-only properties. */
GParamSpec *
cw_tidb_string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, READ_ONLY);
}

GParamSpec *
cw_tidb_strv_property (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, READ_ONLY);
}

GParamSpec *
cw_tidb_time_property (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME, READ_ONLY);
}

/* -1 stands for a number the answer did not give. */
GParamSpec *
cw_tidb_int64_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, -1, G_MAXINT64, -1, READ_ONLY);
}

GParamSpec *
cw_tidb_double_property (const char *name)
{
  return g_param_spec_double (name, NULL, NULL, -1.0, G_MAXDOUBLE, -1.0, READ_ONLY);
}

GParamSpec *
cw_tidb_enum_property (const char *name,
                       GType       enum_type)
{
  return g_param_spec_enum (name, NULL, NULL, enum_type, 0, READ_ONLY);
}

GParamSpec *
cw_tidb_list_property (const char *name)
{
  return g_param_spec_object (name, NULL, NULL, G_TYPE_LIST_MODEL, READ_ONLY);
}

/* The API's word for @value ("RUNNING"), or NULL for a value the enum does not have. */
const char *
cw_tidb_enum_to_string (GType enum_type,
                        int   value)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (enum_type);
  GEnumValue *enum_value = g_enum_get_value (enum_class, value);

  /* The nicks are static strings of the type, alive after the class reference goes. */
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

static gboolean
set_missing (GError     **error,
             const char  *what,
             const char  *path)
{
  g_set_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE,
               _("TiDB Cloud’s answer is incomplete: “%s” is missing from the %s."),
               path, what);
  return FALSE;
}

static gboolean
set_wrong_type (GError     **error,
                const char  *what,
                const char  *path,
                const char  *expected)
{
  g_set_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE,
               _("TiDB Cloud’s answer is not understood: “%s” of the %s is not %s."),
               path, what, expected);
  return FALSE;
}

/* Finds the member at a dotted path. *node stays NULL when any step is absent or null. */
static gboolean
lookup_path (JsonObject  *object,
             const char  *path,
             const char  *what,
             JsonNode   **node,
             GError     **error)
{
  g_auto(GStrv) steps = g_strsplit (path, ".", -1);
  JsonObject *current = object;
  gsize walked = 0;

  *node = NULL;
  for (guint i = 0; steps[i] != NULL; i++)
    {
      JsonNode *step = json_object_get_member (current, steps[i]);

      walked += strlen (steps[i]);
      if (step == NULL || JSON_NODE_HOLDS_NULL (step))
        return TRUE;
      if (steps[i + 1] == NULL)
        {
          *node = step;
          return TRUE;
        }
      if (!JSON_NODE_HOLDS_OBJECT (step))
        {
          g_autofree char *walked_path = g_strndup (path, walked);

          return set_wrong_type (error, what, walked_path, _("an object"));
        }
      current = json_node_get_object (step);
      walked++;
    }
  return TRUE;
}

static gboolean
node_holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* An empty required string is as good as a missing one: proto3 JSON leaves out empty
 * strings, so a server that sends "" sends nothing usable either. */
static gboolean
read_string_node (JsonNode    *node,
                  CwTidbNeed   need,
                  const char  *what,
                  const char  *path,
                  char       **value,
                  GError     **error)
{
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    node = NULL;
  if (node != NULL && !node_holds_string (node))
    return set_wrong_type (error, what, path, _("a string"));
  if (need == CW_TIDB_REQUIRED && (node == NULL || *json_node_get_string (node) == '\0'))
    return set_missing (error, what, path);
  g_free (*value);
  *value = node != NULL ? g_strdup (json_node_get_string (node)) : NULL;
  return TRUE;
}

gboolean
cw_tidb_json_string (JsonObject  *object,
                     const char  *path,
                     CwTidbNeed   need,
                     const char  *what,
                     char       **value,
                     GError     **error)
{
  JsonNode *node;

  return lookup_path (object, path, what, &node, error) &&
         read_string_node (node, need, what, path, value, error);
}

/* A value of a string map such as "labels", whose keys may hold dots. */
gboolean
cw_tidb_json_map_string (JsonObject  *object,
                         const char  *path,
                         const char  *key,
                         const char  *what,
                         char       **value,
                         GError     **error)
{
  g_autofree char *display_path = g_strconcat (path, "[\"", key, "\"]", NULL);
  JsonNode *node;

  if (!lookup_path (object, path, what, &node, error))
    return FALSE;
  if (node == NULL)
    return read_string_node (NULL, CW_TIDB_OPTIONAL, what, display_path, value, error);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_wrong_type (error, what, path, _("an object"));
  return read_string_node (json_object_get_member (json_node_get_object (node), key),
                           CW_TIDB_OPTIONAL, what, display_path, value, error);
}

gboolean
cw_tidb_json_strv (JsonObject  *object,
                   const char  *path,
                   CwTidbNeed   need,
                   const char  *what,
                   GStrv       *value,
                   GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;
  JsonNode *node;

  if (!lookup_path (object, path, what, &node, error))
    return FALSE;
  if (node == NULL)
    return need == CW_TIDB_REQUIRED ? set_missing (error, what, path) : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_wrong_type (error, what, path, _("a list of strings"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_holds_string (element))
        return set_wrong_type (error, what, path, _("a list of strings"));
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  g_strfreev (*value);
  *value = g_strv_builder_end (builder);
  return TRUE;
}

gboolean
cw_tidb_json_time (JsonObject  *object,
                   const char  *path,
                   CwTidbNeed   need,
                   const char  *what,
                   GDateTime  **value,
                   GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *time = NULL;

  if (!cw_tidb_json_string (object, path, need, what, &text, error))
    return FALSE;
  if (text != NULL && (time = g_date_time_new_from_iso8601 (text, utc)) == NULL)
    return set_wrong_type (error, what, path, _("a date and time"));
  g_clear_pointer (value, g_date_time_unref);
  *value = time;
  return TRUE;
}

/* proto3 JSON sends 64-bit integers as strings, 32-bit ones as numbers; either is taken
 * for either. */
gboolean
cw_tidb_json_int64 (JsonObject  *object,
                    const char  *path,
                    CwTidbNeed   need,
                    const char  *what,
                    gint64      *value,
                    GError     **error)
{
  JsonNode *node;
  gint64 number;

  if (!lookup_path (object, path, what, &node, error))
    return FALSE;
  if (node == NULL)
    return need == CW_TIDB_REQUIRED ? set_missing (error, what, path) : TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    number = json_node_get_int (node);
  else if (!node_holds_string (node) ||
           !g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                      &number, NULL))
    return set_wrong_type (error, what, path, _("a whole number"));
  *value = number;
  return TRUE;
}

/* A TCP port; 0 stays for none. */
gboolean
cw_tidb_json_port (JsonObject  *object,
                   const char  *path,
                   const char  *what,
                   guint       *value,
                   GError     **error)
{
  gint64 port = 0;

  if (!cw_tidb_json_int64 (object, path, CW_TIDB_OPTIONAL, what, &port, error))
    return FALSE;
  if (port < 0 || port > G_MAXUINT16)
    return set_wrong_type (error, what, path, _("a port number"));
  *value = (guint) port;
  return TRUE;
}

/* A number, whole or not; proto3 JSON may quote it, and spells NaN and infinities as
 * strings, which are refused here: a progress of NaN says nothing. */
gboolean
cw_tidb_json_double (JsonObject  *object,
                     const char  *path,
                     const char  *what,
                     double      *value,
                     GError     **error)
{
  JsonNode *node;
  const char *text;
  char *end = NULL;
  double number;

  if (!lookup_path (object, path, what, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING &&
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    number = json_node_get_double (node);
  else if (node_holds_string (node) && *(text = json_node_get_string (node)) != '\0')
    number = g_ascii_strtod (text, &end);
  else
    return set_wrong_type (error, what, path, _("a number"));
  if ((end != NULL && *end != '\0') || !isfinite (number))
    return set_wrong_type (error, what, path, _("a number"));
  *value = number;
  return TRUE;
}

/* A value the enum does not know reads as 0 (UNKNOWN): the API may add states. */
gboolean
cw_tidb_json_enum (JsonObject  *object,
                   const char  *path,
                   GType        enum_type,
                   const char  *what,
                   int         *value,
                   GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GEnumClass) enum_class = NULL;
  GEnumValue *enum_value;

  if (!cw_tidb_json_string (object, path, CW_TIDB_OPTIONAL, what, &text, error))
    return FALSE;
  enum_class = g_type_class_ref (enum_type);
  enum_value = text != NULL ? g_enum_get_value_by_nick (enum_class, text) : NULL;
  *value = enum_value != NULL ? enum_value->value : 0;
  return TRUE;
}

/* Adds what @parse_item reads from each object of the list at @path to @items, all or
 * none. proto3 JSON leaves out an empty list, so a missing one is empty. */
gboolean
cw_tidb_json_objects (JsonObject       *object,
                      const char       *path,
                      const char       *what,
                      CwTidbParseFunc   parse_item,
                      GListStore       *items,
                      GError          **error)
{
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *node = NULL;
  JsonArray *array;

  if (!lookup_path (object, path, what, &node, error))
    return FALSE;
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    return set_wrong_type (error, what, path, _("a list"));
  array = node != NULL ? json_node_get_array (node) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      GObject *item;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return set_wrong_type (error, what, path, _("a list of objects"));
      item = parse_item (json_node_get_object (element), error);
      if (item == NULL)
        return FALSE;
      g_ptr_array_add (parsed, item);
    }
  /* At once: whoever watches @items sees whole pages, and none that failed. */
  g_list_store_splice (items, g_list_model_get_n_items (G_LIST_MODEL (items)), 0, parsed->pdata, parsed->len);
  return TRUE;
}

static gboolean
nesting_is_shallow (const char *data,
                    gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_NESTING)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* Reads an answer body that must be one JSON object. */
JsonObject *
cw_tidb_parse_object (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length == 0)
    {
      g_set_error_literal (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE,
                           _("TiDB Cloud sent an empty answer where JSON was expected."));
      return NULL;
    }
  /* Also refuses NUL bytes, which json-glib would stop at. */
  if (length > G_MAXSSIZE || !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE,
                           _("TiDB Cloud sent an answer that is not UTF-8 text."));
      return NULL;
    }
  if (!nesting_is_shallow (data, length))
    {
      g_set_error_literal (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE,
                           _("TiDB Cloud sent an answer that is nested too deeply."));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE,
                   _("TiDB Cloud sent an answer that is not valid JSON (%s)."),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CW_TIDB_ERROR, CW_TIDB_ERROR_INVALID_RESPONSE,
                           _("TiDB Cloud sent an answer that is not a JSON object."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* One page of a list answer: its items go to @items, and *next_page_token is NULL on
 * the last page. proto3 JSON leaves out an empty list, so a missing one is empty. */
gboolean
cw_tidb_parse_page (JsonObject       *page,
                    const char       *items_member,
                    CwTidbParseFunc   parse_item,
                    GListStore       *items,
                    char            **next_page_token,
                    GError          **error)
{
  g_autofree char *token = NULL;

  if (!cw_tidb_json_string (page, "nextPageToken", CW_TIDB_OPTIONAL, _("list"), &token, error) ||
      !cw_tidb_json_objects (page, items_member, _("list"), parse_item, items, error))
    return FALSE;
  *next_page_token = (token != NULL && *token != '\0') ? g_steal_pointer (&token) : NULL;
  return TRUE;
}

/* The Status object's code is a number (google.rpc.Code); the IAM API's error object
 * has a string code instead, and its text under "error" or "msgPrefix". */
static char *
dup_status_code (JsonObject *status)
{
  JsonNode *node = json_object_get_member (status, "code");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (node_holds_string (node) && *json_node_get_string (node) != '\0')
    return g_strdup (json_node_get_string (node));
  return NULL;
}

static char *
dup_status_message (JsonObject *status)
{
  static const char * const members[] = { "message", "error", "msgPrefix" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *node = json_object_get_member (status, members[i]);

      if (node != NULL && node_holds_string (node) && *json_node_get_string (node) != '\0')
        return g_strdup (json_node_get_string (node));
    }
  return NULL;
}

/* The server's words on one short line. */
static char *
tidy_server_message (char *message)
{
  g_autofree char *owned = message;
  g_autofree char *head = NULL;

  g_strdelimit (owned, "\r\n\t", ' ');
  g_strstrip (owned);
  if (g_utf8_strlen (owned, -1) <= MAX_SERVER_MESSAGE_CHARS)
    return g_steal_pointer (&owned);
  head = g_utf8_substring (owned, 0, MAX_SERVER_MESSAGE_CHARS);
  return g_strconcat (head, "…", NULL);
}

/* "message (code 5)", or NULL when the body says nothing usable. */
static char *
describe_status (const char *code,
                 const char *message)
{
  if (message != NULL && code != NULL)
    return g_strdup_printf (_("%s (code %s)"), message, code);
  if (code != NULL)
    return g_strdup_printf (_("code %s"), code);
  return g_strdup (message);
}

static CwTidbError
error_code_for_status (guint http_status)
{
  switch (http_status)
    {
    case 401:
      return CW_TIDB_ERROR_KEY_REJECTED;
    case 403:
      return CW_TIDB_ERROR_FORBIDDEN;
    case 404:
      return CW_TIDB_ERROR_NOT_FOUND;
    case 429:
      return CW_TIDB_ERROR_THROTTLED;
    default:
      return http_status >= 500 ? CW_TIDB_ERROR_SERVER : CW_TIDB_ERROR_BAD_REQUEST;
    }
}

/* The error for an answer that is not a success, from its HTTP status and its Status
 * body when it has one. */
GError *
cw_tidb_error_from_status (guint       http_status,
                           const char *reason,
                           const char *body,
                           gsize       length)
{
  CwTidbError code = error_code_for_status (http_status);
  g_autoptr(JsonObject) status = cw_tidb_parse_object (body, length, NULL);
  g_autofree char *server_code = status ? dup_status_code (status) : NULL;
  g_autofree char *server_message = status ? dup_status_message (status) : NULL;
  g_autofree char *detail = NULL;
  CwTidbErrorPrivate *priv;
  GError *error;

  if (server_message != NULL)
    server_message = tidy_server_message (g_steal_pointer (&server_message));
  detail = describe_status (server_code, server_message);
  if (code == CW_TIDB_ERROR_KEY_REJECTED)
    error = g_error_new_literal (CW_TIDB_ERROR, code,
                                 _("TiDB Cloud rejected the API key. Check that the public and private key belong together and that the key has not been deleted."));
  else if (detail != NULL)
    error = g_error_new (CW_TIDB_ERROR, code, _("TiDB Cloud answered %u %s: %s"),
                         http_status, reason, detail);
  else
    error = g_error_new (CW_TIDB_ERROR, code, _("TiDB Cloud answered %u %s."),
                         http_status, reason);
  priv = cw_tidb_error_get_private (error);
  priv->server_message = g_steal_pointer (&server_message);
  priv->server_code = g_steal_pointer (&server_code);
  priv->http_status = http_status;
  return error;
}

/* TiDB Cloud's own message, or NULL when the error did not come from its answer. */
const char *
cw_tidb_error_get_server_message (const GError *error)
{
  CwTidbErrorPrivate *priv = private_of (error);

  return priv != NULL ? priv->server_message : NULL;
}

const char *
cw_tidb_error_get_server_code (const GError *error)
{
  CwTidbErrorPrivate *priv = private_of (error);

  return priv != NULL ? priv->server_code : NULL;
}

/* 0 when the error did not come from an answer. */
guint
cw_tidb_error_get_http_status (const GError *error)
{
  CwTidbErrorPrivate *priv = private_of (error);

  return priv != NULL ? priv->http_status : 0;
}

static void
redact_text (char       **text,
             const char  *secret)
{
  GString *redacted;

  if (*text == NULL || strstr (*text, secret) == NULL)
    return;
  redacted = g_string_new (*text);
  g_string_replace (redacted, secret, "[redacted]", 0);
  g_free (*text);
  *text = g_string_free (redacted, FALSE);
}

/* A server that quotes what it was sent may quote a password: a secret of the request
 * never reaches an error's text, here or in the server's message. */
void
cw_tidb_error_redact (GError     *error,
                      const char *secret)
{
  CwTidbErrorPrivate *priv;

  if (error == NULL || secret == NULL || *secret == '\0')
    return;
  redact_text (&error->message, secret);
  priv = private_of (error);
  if (priv != NULL)
    redact_text (&priv->server_message, secret);
}
