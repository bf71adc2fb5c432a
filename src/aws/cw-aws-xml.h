/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-xml.h: AWS's XML responses, read safely into typed records
 *
 * Every typed result of this layer is a plain, reference-counted struct described by a
 * table of fields (element path, kind, offset). One decoder and one destructor serve all
 * of them, so adding a field is one line and no parser is written by hand. Documents are
 * parsed by libxml2 without network access, without DTDs and without entity expansion.
 */
#pragma once

#include <glib-object.h>
#include <libxml/tree.h>

#include "cw-aws-config.h"

G_BEGIN_DECLS

typedef enum {
  CW_AWS_FIELD_STRING,   /* char *, NULL when absent */
  CW_AWS_FIELD_INT,      /* int, 0 when absent */
  CW_AWS_FIELD_BOOLEAN,  /* gboolean, FALSE when absent */
  CW_AWS_FIELD_STRV,     /* char **, never NULL */
  CW_AWS_FIELD_LIST,     /* GPtrArray of records, never NULL */
} CwAwsFieldKind;

typedef struct _CwAwsRecordType CwAwsRecordType;

/* Paths name child elements from the record's element, "a/b"; names match without
 * regard to case, since EC2 says "groupId" where the query services say "GroupId".
 * For STRV and LIST fields the last element of the path is the repeated item. */
typedef struct {
  CwAwsFieldKind         kind;
  const char            *path;
  const char            *item_path;  /* STRV: the text's element below each item, or NULL */
  gsize                  offset;
  const CwAwsRecordType *item_type;  /* LIST */
} CwAwsField;

struct _CwAwsRecordType {
  const char       *name;
  gsize             size;
  const CwAwsField *fields;
  gsize             n_fields;
  GDestroyNotify    unref;
};

#define CW_AWS_STRING(path, Type, member)  { CW_AWS_FIELD_STRING, path, NULL, G_STRUCT_OFFSET (Type, member), NULL }
#define CW_AWS_INT(path, Type, member)     { CW_AWS_FIELD_INT, path, NULL, G_STRUCT_OFFSET (Type, member), NULL }
#define CW_AWS_BOOLEAN(path, Type, member) { CW_AWS_FIELD_BOOLEAN, path, NULL, G_STRUCT_OFFSET (Type, member), NULL }
#define CW_AWS_STRV(path, item_path, Type, member) \
  { CW_AWS_FIELD_STRV, path, item_path, G_STRUCT_OFFSET (Type, member), NULL }
#define CW_AWS_LIST(path, Type, member, item_type) \
  { CW_AWS_FIELD_LIST, path, NULL, G_STRUCT_OFFSET (Type, member), &item_type }

/* In a header: the boxed type, ref/unref, autoptr and the field table's type. */
#define CW_AWS_DECLARE_RECORD(TypeName, type_name)                                     \
  GType     type_name##_get_type (void);                                                \
  TypeName *type_name##_ref      (TypeName *self);                                      \
  void      type_name##_unref    (TypeName *self);                                      \
  extern const CwAwsRecordType type_name##_record_type;                                 \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (TypeName, type_name##_unref)

/* In the .c file, after the field table. */
#define CW_AWS_DEFINE_RECORD(TypeName, type_name, field_table)                         \
  static void                                                                           \
  type_name##_clear (gpointer self)                                                     \
  {                                                                                     \
    cw_aws_record_clear (self, &type_name##_record_type);                               \
  }                                                                                     \
  TypeName *                                                                            \
  type_name##_ref (TypeName *self)                                                      \
  {                                                                                     \
    return g_atomic_rc_box_acquire (self);                                              \
  }                                                                                     \
  void                                                                                  \
  type_name##_unref (TypeName *self)                                                    \
  {                                                                                     \
    g_atomic_rc_box_release_full (self, type_name##_clear);                             \
  }                                                                                     \
  const CwAwsRecordType type_name##_record_type = {                                     \
    #TypeName, sizeof (TypeName), field_table, G_N_ELEMENTS (field_table),              \
    (GDestroyNotify) type_name##_unref,                                                 \
  };                                                                                    \
  G_DEFINE_BOXED_TYPE (TypeName, type_name, type_name##_ref, type_name##_unref)

gpointer   cw_aws_record_new     (const CwAwsRecordType *type);
void       cw_aws_record_clear   (gpointer               record,
                                  const CwAwsRecordType *type);
gpointer   cw_aws_record_decode  (xmlNode               *node,
                                  const CwAwsRecordType *type,
                                  GError               **error);
GPtrArray *cw_aws_records_decode (xmlNode               *node,
                                  const char            *path,
                                  const CwAwsRecordType *type,
                                  GError               **error);

/* A tag, or an ELBv2 attribute: both are Key/Value pairs on the wire. Arrays of them
 * given as input end with an element whose key is NULL. */
typedef struct {
  char *key;
  char *value;
} CwAwsKeyValue;

CW_AWS_DECLARE_RECORD (CwAwsKeyValue, cw_aws_key_value)

const char *cw_aws_key_values_lookup (GPtrArray  *key_values,
                                      const char *key);

/* What an operation's response holds. */
typedef enum {
  CW_AWS_RESULT_NONE,    /* nothing beyond success */
  CW_AWS_RESULT_RECORD,  /* the first element at result_path, or the result element */
  CW_AWS_RESULT_LIST,    /* every element at result_path, over all pages */
} CwAwsResultKind;

typedef struct {
  CwAwsService           service;
  const char            *action;
  CwAwsResultKind        result_kind;
  const char            *result_path;
  const CwAwsRecordType *record_type;
  const char            *page_token_parameter;  /* "NextToken", "Marker"; NULL when not paged */
  const char            *page_token_path;       /* "nextToken", "NextMarker", "Marker" */
} CwAwsOperation;

char           *cw_aws_operation_dup_iam_action      (const CwAwsOperation *operation);
GDestroyNotify  cw_aws_operation_get_result_free_func (const CwAwsOperation *operation);

xmlDoc   *cw_aws_xml_parse           (const char            *data,
                                      gsize                  length,
                                      GError               **error);
char     *cw_aws_xml_text            (xmlNode               *node);
xmlNode  *cw_aws_xml_find            (xmlNode               *node,
                                      const char            *path);
gpointer  cw_aws_xml_decode_result   (const CwAwsOperation  *operation,
                                      xmlDoc                *doc,
                                      char                 **page_token,
                                      char                 **request_id,
                                      GError               **error);
GError   *cw_aws_xml_decode_error    (const CwAwsOperation  *operation,
                                      const char            *data,
                                      gsize                  length,
                                      guint                  http_status,
                                      const char            *header_request_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
