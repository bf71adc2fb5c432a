/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-xml.c */
#define G_LOG_DOMAIN "cw-aws-xml"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "cw-aws-error.h"
#include "cw-aws-xml.h"

/* Far above any AWS answer (a page of RDS instances is well under 1 MiB). */
#define MAX_DOCUMENT_SIZE (32 * 1024 * 1024)

static const CwAwsField key_value_fields[] = {
  CW_AWS_STRING ("Key", CwAwsKeyValue, key),
  CW_AWS_STRING ("Value", CwAwsKeyValue, value),
};

CW_AWS_DEFINE_RECORD (CwAwsKeyValue, cw_aws_key_value, key_value_fields)

const char *
cw_aws_key_values_lookup (GPtrArray  *key_values,
                          const char *key)
{
  for (guint i = 0; key_values != NULL && i < key_values->len; i++)
    {
      CwAwsKeyValue *pair = g_ptr_array_index (key_values, i);

      if (g_strcmp0 (pair->key, key) == 0)
        return pair->value;
    }
  return NULL;
}

char *
cw_aws_operation_dup_iam_action (const CwAwsOperation *operation)
{
  return g_strdup_printf ("%s:%s", cw_aws_service_get_info (operation->service)->name, operation->action);
}

/* How to free what cw_aws_xml_decode_result() returns for this operation. */
GDestroyNotify
cw_aws_operation_get_result_free_func (const CwAwsOperation *operation)
{
  switch (operation->result_kind)
    {
    case CW_AWS_RESULT_LIST:
      return (GDestroyNotify) g_ptr_array_unref;
    case CW_AWS_RESULT_RECORD:
      return operation->record_type->unref;
    case CW_AWS_RESULT_NONE:
    default:
      return NULL;
    }
}

static GError *
invalid_response (const char *format,
                  ...) G_GNUC_PRINTF (1, 2);

static GError *
invalid_response (const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return cw_aws_error_new_literal (CW_AWS_ERROR_INVALID_RESPONSE, NULL, message);
}

/* Documents */

/* AWS never sends a DOCTYPE; stopping at one means no entity is ever declared. */
static void
refuse_internal_subset (void          *context,
                        const xmlChar *name,
                        const xmlChar *external_id,
                        const xmlChar *system_id)
{
  xmlParserCtxtPtr parser = context;

  parser->_private = GINT_TO_POINTER (TRUE);
  xmlStopParser (parser);
}

static void
discard_message (void       *context,
                 const char *format,
                 ...)
{
}

xmlDoc *
cw_aws_xml_parse (const char  *data,
                  gsize        length,
                  GError     **error)
{
  static gsize initialized = 0;
  xmlGenericErrorFunc saved_handler;
  void *saved_context;
  xmlParserCtxtPtr parser;
  xmlDoc *doc;
  gboolean had_doctype;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
  if (length > MAX_DOCUMENT_SIZE)
    {
      g_propagate_error (error, invalid_response (_("The response is too large (%" G_GSIZE_FORMAT " bytes)"), length));
      return NULL;
    }
  parser = xmlNewParserCtxt ();
  if (parser == NULL)
    g_error ("libxml2 could not allocate a parser");
  parser->sax->internalSubset = refuse_internal_subset;
  /* Some messages (bad encodings) bypass XML_PARSE_NOERROR; they go nowhere during our
   * parse. libxml2 keeps this handler per thread, and it is put back afterwards. */
  saved_handler = xmlGenericError;
  saved_context = xmlGenericErrorContext;
  xmlSetGenericErrorFunc (NULL, discard_message);
  doc = xmlCtxtReadMemory (parser, data, (int) length, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlSetGenericErrorFunc (saved_context, saved_handler);
  had_doctype = parser->_private != NULL;
  xmlFreeParserCtxt (parser);
  if (doc == NULL || had_doctype || xmlDocGetRootElement (doc) == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_propagate_error (error, invalid_response (had_doctype ? _("The response declares a DTD, which AWS never does")
                                                              : _("The response is not well-formed XML")));
      return NULL;
    }
  return doc;
}

/* Text and CDATA only: entity references are never expanded. */
char *
cw_aws_xml_text (xmlNode *node)
{
  GString *text = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != NULL)
      g_string_append (text, (const char *) child->content);
  return g_string_free (text, FALSE);
}

static gboolean
name_matches (xmlNode    *node,
              const char *name,
              gsize       length)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strncasecmp ((const char *) node->name, name, length) == 0 &&
         node->name[length] == '\0';
}

static xmlNode *
find_child (xmlNode    *node,
            const char *name,
            gsize       length)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (name_matches (child, name, length))
      return child;
  return NULL;
}

/* The first element along "a/b/c". */
xmlNode *
cw_aws_xml_find (xmlNode    *node,
                 const char *path)
{
  while (node != NULL && path != NULL && *path != '\0')
    {
      const char *slash = strchr (path, '/');
      gsize length = slash ? (gsize) (slash - path) : strlen (path);

      node = find_child (node, path, length);
      path = slash ? slash + 1 : NULL;
    }
  return node;
}

static char *
find_text (xmlNode    *node,
           const char *path)
{
  xmlNode *found = node ? cw_aws_xml_find (node, path) : NULL;

  return found ? cw_aws_xml_text (found) : NULL;
}

/* Calls func on every element matching the last segment of path, below the others. */
static gboolean
foreach_item (xmlNode    *node,
              const char *path,
              gboolean  (*func) (xmlNode *item, gpointer data, GError **error),
              gpointer    data,
              GError    **error)
{
  const char *slash = strrchr (path, '/');
  g_autofree char *parent_path = slash ? g_strndup (path, slash - path) : NULL;
  const char *name = slash ? slash + 1 : path;
  xmlNode *parent = parent_path ? cw_aws_xml_find (node, parent_path) : node;

  for (xmlNode *child = parent ? parent->children : NULL; child != NULL; child = child->next)
    if (name_matches (child, name, strlen (name)) && !func (child, data, error))
      return FALSE;
  return TRUE;
}

/* Records */

gpointer
cw_aws_record_new (const CwAwsRecordType *type)
{
  gpointer record = g_atomic_rc_box_alloc0 (type->size);

  for (gsize i = 0; i < type->n_fields; i++)
    {
      const CwAwsField *field = &type->fields[i];
      gpointer slot = G_STRUCT_MEMBER_P (record, field->offset);

      if (field->kind == CW_AWS_FIELD_STRV)
        *(char ***) slot = g_new0 (char *, 1);
      else if (field->kind == CW_AWS_FIELD_LIST)
        *(GPtrArray **) slot = g_ptr_array_new_with_free_func (field->item_type->unref);
    }
  return record;
}

void
cw_aws_record_clear (gpointer               record,
                     const CwAwsRecordType *type)
{
  for (gsize i = 0; i < type->n_fields; i++)
    {
      const CwAwsField *field = &type->fields[i];
      gpointer slot = G_STRUCT_MEMBER_P (record, field->offset);

      if (field->kind == CW_AWS_FIELD_STRING)
        g_clear_pointer ((char **) slot, g_free);
      else if (field->kind == CW_AWS_FIELD_STRV)
        g_clear_pointer ((char ***) slot, g_strfreev);
      else if (field->kind == CW_AWS_FIELD_LIST)
        g_clear_pointer ((GPtrArray **) slot, g_ptr_array_unref);
    }
}

static gboolean
parse_int (const char             *text,
           const CwAwsRecordType  *type,
           const CwAwsField       *field,
           int                    *value,
           GError                **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gint64 number;

  if (!g_ascii_string_to_signed (stripped, 10, G_MININT, G_MAXINT, &number, NULL))
    {
      g_propagate_error (error, invalid_response (_("AWS sent “%.40s” where %s.%s should be a number"),
                                                  stripped, type->name, field->path));
      return FALSE;
    }
  *value = (int) number;
  return TRUE;
}

static gboolean
parse_boolean (const char             *text,
               const CwAwsRecordType  *type,
               const CwAwsField       *field,
               gboolean               *value,
               GError                **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_ascii_strcasecmp (stripped, "true") == 0 || g_ascii_strcasecmp (stripped, "false") == 0)
    {
      *value = g_ascii_strcasecmp (stripped, "true") == 0;
      return TRUE;
    }
  g_propagate_error (error, invalid_response (_("AWS sent “%.40s” where %s.%s should be true or false"),
                                              stripped, type->name, field->path));
  return FALSE;
}

typedef struct {
  const CwAwsField *field;
  GPtrArray        *items;
} ItemsContext;

static gboolean
collect_text (xmlNode   *item,
              gpointer   data,
              GError   **error)
{
  ItemsContext *context = data;
  xmlNode *node = context->field->item_path ? cw_aws_xml_find (item, context->field->item_path) : item;

  if (node != NULL)
    g_ptr_array_add (context->items, cw_aws_xml_text (node));
  return TRUE;
}

static gboolean
collect_record (xmlNode   *item,
                gpointer   data,
                GError   **error)
{
  ItemsContext *context = data;
  gpointer record = cw_aws_record_decode (item, context->field->item_type, error);

  if (record == NULL)
    return FALSE;
  g_ptr_array_add (context->items, record);
  return TRUE;
}

static gboolean
decode_strv (xmlNode           *node,
             const CwAwsField  *field,
             char            ***slot,
             GError           **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  ItemsContext context = { field, texts };

  foreach_item (node, field->path, collect_text, &context, error);
  g_ptr_array_add (texts, NULL);
  g_strfreev (*slot);
  *slot = (char **) g_ptr_array_steal (texts, NULL);
  return TRUE;
}

static gboolean
decode_field (gpointer                record,
              const CwAwsRecordType  *type,
              const CwAwsField       *field,
              xmlNode                *node,
              GError                **error)
{
  gpointer slot = G_STRUCT_MEMBER_P (record, field->offset);
  g_autofree char *text = NULL;

  switch (field->kind)
    {
    case CW_AWS_FIELD_STRV:
      return decode_strv (node, field, slot, error);
    case CW_AWS_FIELD_LIST:
      {
        ItemsContext context = { field, *(GPtrArray **) slot };

        return foreach_item (node, field->path, collect_record, &context, error);
      }
    case CW_AWS_FIELD_STRING:
      *(char **) slot = find_text (node, field->path);
      return TRUE;
    case CW_AWS_FIELD_INT:
      text = find_text (node, field->path);
      return text == NULL || parse_int (text, type, field, slot, error);
    case CW_AWS_FIELD_BOOLEAN:
      text = find_text (node, field->path);
      return text == NULL || parse_boolean (text, type, field, slot, error);
    default:
      g_assert_not_reached ();
    }
}

gpointer
cw_aws_record_decode (xmlNode               *node,
                      const CwAwsRecordType *type,
                      GError               **error)
{
  gpointer record = cw_aws_record_new (type);

  for (gsize i = 0; i < type->n_fields; i++)
    if (!decode_field (record, type, &type->fields[i], node, error))
      {
        type->unref (record);
        return NULL;
      }
  return record;
}

GPtrArray *
cw_aws_records_decode (xmlNode               *node,
                       const char            *path,
                       const CwAwsRecordType *type,
                       GError               **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (type->unref);
  CwAwsField field = { CW_AWS_FIELD_LIST, path, NULL, 0, type };
  ItemsContext context = { &field, records };

  if (!foreach_item (node, path, collect_record, &context, error))
    return NULL;
  return g_steal_pointer (&records);
}

/* Responses */

static xmlNode *
response_root (const CwAwsOperation  *operation,
               xmlDoc                *doc,
               GError               **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autofree char *expected = g_strconcat (operation->action, "Response", NULL);

  if (root == NULL || !name_matches (root, expected, strlen (expected)))
    {
      g_propagate_error (error, invalid_response (_("AWS answered %s without a %s element"),
                                                  operation->action, expected));
      return NULL;
    }
  return root;
}

/* EC2 returns <return>false</return> when it did nothing. */
static gboolean
check_return_value (const CwAwsOperation  *operation,
                    xmlNode               *result,
                    GError               **error)
{
  g_autofree char *value = find_text (result, "return");

  if (value == NULL || g_ascii_strcasecmp (g_strstrip (value), "false") != 0)
    return TRUE;
  g_propagate_error (error, invalid_response (_("AWS answered %s with “false”"), operation->action));
  return FALSE;
}

/* The operation's result: NULL for CW_AWS_RESULT_NONE (check error), a record, or a
 * GPtrArray of records. The page token and request id are set when present. */
gpointer
cw_aws_xml_decode_result (const CwAwsOperation  *operation,
                          xmlDoc                *doc,
                          char                 **page_token,
                          char                 **request_id,
                          GError               **error)
{
  gboolean ec2 = cw_aws_service_get_info (operation->service)->protocol == CW_AWS_PROTOCOL_EC2;
  xmlNode *root = response_root (operation, doc, error);
  g_autofree char *result_name = NULL;
  xmlNode *result;
  xmlNode *node;

  *page_token = NULL;
  *request_id = NULL;
  if (root == NULL)
    return NULL;
  result_name = g_strconcat (operation->action, "Result", NULL);
  result = ec2 ? root : cw_aws_xml_find (root, result_name);
  *request_id = find_text (root, ec2 ? "requestId" : "ResponseMetadata/RequestId");
  if (operation->page_token_path != NULL)
    *page_token = find_text (result, operation->page_token_path);

  switch (operation->result_kind)
    {
    case CW_AWS_RESULT_NONE:
      if (result != NULL)
        check_return_value (operation, result, error);
      return NULL;
    case CW_AWS_RESULT_LIST:
      if (result == NULL)
        return g_ptr_array_new_with_free_func (operation->record_type->unref);
      return cw_aws_records_decode (result, operation->result_path, operation->record_type, error);
    case CW_AWS_RESULT_RECORD:
      node = (result != NULL && operation->result_path != NULL) ? cw_aws_xml_find (result, operation->result_path) : result;
      if (node == NULL)
        {
          g_propagate_error (error, invalid_response (_("AWS answered %s without its result"), operation->action));
          return NULL;
        }
      return cw_aws_record_decode (node, operation->record_type, error);
    default:
      g_assert_not_reached ();
    }
}

/* Both formats: EC2's <Response><Errors><Error>… <RequestID> and the query services'
 * <ErrorResponse><Error>… <RequestId>. Anything else (a proxy's HTML page, nothing at
 * all) still becomes an error carrying the HTTP status. */
GError *
cw_aws_xml_decode_error (const CwAwsOperation *operation,
                         const char           *data,
                         gsize                 length,
                         guint                 http_status,
                         const char           *header_request_id)
{
  g_autofree char *iam_action = cw_aws_operation_dup_iam_action (operation);
  g_autoptr(xmlDoc) doc = length > 0 ? cw_aws_xml_parse (data, length, NULL) : NULL;
  xmlNode *root = doc ? xmlDocGetRootElement (doc) : NULL;
  xmlNode *error_node = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  if (root != NULL && name_matches (root, "Response", strlen ("Response")))
    error_node = cw_aws_xml_find (root, "Errors/Error");
  else if (root != NULL && name_matches (root, "ErrorResponse", strlen ("ErrorResponse")))
    error_node = cw_aws_xml_find (root, "Error");
  if (error_node != NULL)
    {
      code = find_text (error_node, "Code");
      message = find_text (error_node, "Message");
      request_id = find_text (root, "RequestId");
    }
  if (code == NULL || *code == '\0')
    {
      g_free (message);
      message = g_strdup_printf (_("the service answered HTTP %u without an AWS error"), http_status);
    }
  if (request_id == NULL || *request_id == '\0')
    {
      g_free (request_id);
      request_id = g_strdup (header_request_id);
    }
  return cw_aws_error_new_from_service (iam_action, http_status, code, message, request_id);
}
