/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-tidb-body.c: a TiDB Cloud request's body against its swagger shape
 *
 * TiDB Cloud's gateway decodes bodies strictly (protojson): a member the message does not
 * have, a value of the wrong type or an enum value it does not know is a 400 before the
 * service sees the request; then the service refuses what the swagger requires and is
 * missing. The sandbox does both, so a client that sends a misspelt field finds out here.
 */
#define G_LOG_DOMAIN "cw-sandbox-tidb"

#include "config.h"

#include <string.h>

#include "cw-sandbox-dump.h"
#include "cw-sandbox-tidb-private.h"

static const CwSbJsonMember *
find_member (const CwSbJsonMember *members,
             const char           *name)
{
  for (guint i = 0; members[i].name != NULL; i++)
    if (g_str_equal (members[i].name, name))
      return &members[i];
  return NULL;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  char *end = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return TRUE;
  if (!is_string (node) || *json_node_get_string (node) == '\0')
    return FALSE;
  g_ascii_strtoll (json_node_get_string (node), &end, 10);
  return *end == '\0';
}

static gboolean check_object (JsonObject           *object,
                              const CwSbJsonMember *members,
                              const char           *path,
                              char                **problem);

/* Whether @node is a value of @member's type; @problem says why not. */
static gboolean
check_value (JsonNode             *node,
             const CwSbJsonMember *member,
             const char           *path,
             char                **problem)
{
  JsonArray *array;

  switch (member->type)
    {
    case CW_SB_JSON_STRING:
      if (is_string (node))
        return TRUE;
      break;
    case CW_SB_JSON_INT:
      if (is_integer (node))
        return TRUE;
      break;
    case CW_SB_JSON_BOOL:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return TRUE;
      break;
    case CW_SB_JSON_ENUM:
      if (is_string (node) && g_strv_contains (member->values, json_node_get_string (node)))
        return TRUE;
      *problem = g_strdup_printf ("proto: invalid value for enum field %s: %s", path,
                                  is_string (node) ? json_node_get_string (node) : "(not a string)");
      return FALSE;
    case CW_SB_JSON_TIME:
      if (is_string (node) && cw_sb_json_time (json_node_get_string (node)) >= 0)
        return TRUE;
      break;
    case CW_SB_JSON_OBJECT:
      if (JSON_NODE_HOLDS_OBJECT (node))
        return check_object (json_node_get_object (node), member->members, path, problem);
      break;
    case CW_SB_JSON_ANY_OBJECT:
      if (JSON_NODE_HOLDS_OBJECT (node))
        return TRUE;
      break;
    case CW_SB_JSON_STRINGS:
    case CW_SB_JSON_OBJECTS:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        break;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *at = g_strdup_printf ("%s[%u]", path, i);

          if (member->type == CW_SB_JSON_STRINGS && !is_string (element))
            {
              *problem = g_strdup_printf ("proto: invalid value for string field %s", at);
              return FALSE;
            }
          if (member->type == CW_SB_JSON_OBJECTS &&
              (!JSON_NODE_HOLDS_OBJECT (element) ||
               !check_object (json_node_get_object (element), member->members, at, problem)))
            {
              if (*problem == NULL)
                *problem = g_strdup_printf ("proto: invalid value for message field %s", at);
              return FALSE;
            }
        }
      return TRUE;
    default:
      g_assert_not_reached ();
    }
  *problem = g_strdup_printf ("proto: invalid value for field %s", path);
  return FALSE;
}

static gboolean
check_object (JsonObject           *object,
              const CwSbJsonMember *members,
              const char           *path,
              char                **problem)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *name = names; name != NULL; name = name->next)
    {
      const CwSbJsonMember *member = find_member (members, name->data);
      JsonNode *node = json_object_get_member (object, name->data);
      g_autofree char *at = *path ? g_strconcat (path, ".", name->data, NULL) : g_strdup (name->data);

      if (member == NULL)
        {
          *problem = g_strdup_printf ("proto: unknown field \"%s\"%s%s", (char *) name->data, *path ? " in " : "", path);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_NULL (node) && !check_value (node, member, at, problem))
        return FALSE;
    }
  for (guint i = 0; members[i].name != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, members[i].name);

      if (members[i].required && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
        {
          *problem = g_strdup_printf ("%s%s%s is required", path, *path ? "." : "", members[i].name);
          return FALSE;
        }
    }
  return TRUE;
}

/* The body as an object of @members, or NULL once the call is answered 400. */
JsonObject *
cw_sb_tidb_read_body (CwSbTidbCall         *call,
                      const char           *shape,
                      const CwSbJsonMember *members)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (call->message));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *problem = NULL;
  gsize length = g_bytes_get_size (body);
  JsonNode *root;

  /* The gateway reads an empty body as an empty message. */
  if (!json_parser_load_from_data (parser, length ? g_bytes_get_data (body, NULL) : "{}", length ? (gssize) length : 2,
                                   NULL))
    {
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_INVALID_ARGUMENT, "proto: syntax error: the body is not JSON");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    problem = g_strdup_printf ("proto: syntax error: %s must be a JSON object", shape);
  else
    check_object (json_node_get_object (root), members, "", &problem);
  if (problem != NULL)
    {
      cw_sb_tidb_respond_error (call, 400, CW_SB_CODE_INVALID_ARGUMENT, problem);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* ---- reading what the shape has let through ---- */

JsonObject *
cw_sb_json_object (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
cw_sb_json_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && is_string (node) ? json_node_get_string (node) : NULL;
}

gint64
cw_sb_json_int (JsonObject *object,
                const char *name,
                gint64      fallback)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !is_integer (node))
    return fallback;
  return is_string (node) ? g_ascii_strtoll (json_node_get_string (node), NULL, 10) : json_node_get_int (node);
}

gboolean
cw_sb_json_bool (JsonObject *object,
                 const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

/* An RFC 3339 date-time as wall clock µs; -1 when it is not one. */
gint64
cw_sb_json_time (const char *text)
{
  g_autoptr(GDateTime) time = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return time ? g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time) : -1;
}
