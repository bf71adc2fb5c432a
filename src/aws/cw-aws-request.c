/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-request.c */
#define G_LOG_DOMAIN "cw-aws-request"

#include "config.h"

#include "cw-aws-request.h"
#include "cw-sigv4.h"

struct _CwAwsRequest
{
  const CwAwsOperation *operation;
  GPtrArray            *names;   /* in the order they were added */
  GHashTable           *values;  /* name → value */
};

G_DEFINE_BOXED_TYPE (CwAwsRequest, cw_aws_request, cw_aws_request_ref, cw_aws_request_unref)

CwAwsRequest *
cw_aws_request_new (const CwAwsOperation *operation)
{
  CwAwsRequest *self = g_atomic_rc_box_new0 (CwAwsRequest);

  self->operation = operation;
  self->names = g_ptr_array_new ();
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

CwAwsRequest *
cw_aws_request_ref (CwAwsRequest *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
request_clear (gpointer data)
{
  CwAwsRequest *self = data;

  g_ptr_array_unref (self->names);
  g_hash_table_unref (self->values);
}

void
cw_aws_request_unref (CwAwsRequest *self)
{
  g_atomic_rc_box_release_full (self, request_clear);
}

const CwAwsOperation *
cw_aws_request_get_operation (CwAwsRequest *self)
{
  return self->operation;
}

/* Adds the parameter, or replaces its value (the page token changes page after page).
 * A NULL value leaves the parameter out. */
void
cw_aws_request_set (CwAwsRequest *self,
                    const char   *name,
                    const char   *value)
{
  char *key;

  if (value == NULL)
    return;
  if (g_hash_table_lookup_extended (self->values, name, (gpointer *) &key, NULL))
    {
      g_hash_table_insert (self->values, g_strdup (key), g_strdup (value));
      return;
    }
  key = g_strdup (name);
  g_ptr_array_add (self->names, key);
  g_hash_table_insert (self->values, key, g_strdup (value));
}

void
cw_aws_request_set_int (CwAwsRequest *self,
                        const char   *name,
                        int           value)
{
  g_autofree char *text = g_strdup_printf ("%d", value);

  cw_aws_request_set (self, name, text);
}

void
cw_aws_request_set_boolean (CwAwsRequest *self,
                            const char   *name,
                            gboolean      value)
{
  cw_aws_request_set (self, name, value ? "true" : "false");
}

static gboolean
is_ec2 (CwAwsRequest *self)
{
  return cw_aws_service_get_info (self->operation->service)->protocol == CW_AWS_PROTOCOL_EC2;
}

/* The key of a list's element, counted from 1: "Name.1" (EC2) or "Name.member.1". */
char *
cw_aws_request_list_key (CwAwsRequest *self,
                         const char   *name,
                         guint         index)
{
  return is_ec2 (self) ? g_strdup_printf ("%s.%u", name, index + 1)
                       : g_strdup_printf ("%s.member.%u", name, index + 1);
}

void
cw_aws_request_add_list (CwAwsRequest       *self,
                         const char         *name,
                         const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *key = cw_aws_request_list_key (self, name, i);

      cw_aws_request_set (self, key, values[i]);
    }
}

/* Tags and attributes: Name.N.Key / Name.N.Value, or Name.member.N.Key / …Value. */
void
cw_aws_request_add_key_values (CwAwsRequest        *self,
                               const char          *name,
                               const CwAwsKeyValue *pairs)
{
  for (guint i = 0; pairs != NULL && pairs[i].key != NULL; i++)
    {
      g_autofree char *prefix = cw_aws_request_list_key (self, name, i);
      g_autofree char *key = g_strconcat (prefix, ".Key", NULL);
      g_autofree char *value = g_strconcat (prefix, ".Value", NULL);

      cw_aws_request_set (self, key, pairs[i].key);
      cw_aws_request_set (self, value, pairs[i].value ? pairs[i].value : "");
    }
}

/* EC2 spells them Filter.N.Name / Filter.N.Value.M; RDS, the one query service here
 * with filters, Filters.Filter.N.Name / Filters.Filter.N.Values.Value.M. */
void
cw_aws_request_add_filters (CwAwsRequest      *self,
                            const CwAwsFilter *filters)
{
  const char *filter_name = is_ec2 (self) ? "Filter" : "Filters.Filter";
  const char *value_name = is_ec2 (self) ? "Value" : "Values.Value";

  for (guint i = 0; filters != NULL && filters[i].name != NULL; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s.%u", filter_name, i + 1);
      g_autofree char *name_key = g_strconcat (prefix, ".Name", NULL);

      cw_aws_request_set (self, name_key, filters[i].name);
      for (guint j = 0; filters[i].values != NULL && filters[i].values[j] != NULL; j++)
        {
          g_autofree char *value_key = g_strdup_printf ("%s.%s.%u", prefix, value_name, j + 1);

          cw_aws_request_set (self, value_key, filters[i].values[j]);
        }
    }
}

static void
append_parameter (GString    *body,
                  const char *name,
                  const char *value)
{
  g_autofree char *encoded_name = cw_sigv4_uri_encode (name, -1, FALSE);
  g_autofree char *encoded_value = cw_sigv4_uri_encode (value, -1, FALSE);

  g_string_append_printf (body, "%s%s=%s", body->len > 0 ? "&" : "", encoded_name, encoded_value);
}

/* application/x-www-form-urlencoded, percent-encoded the way SigV4 encodes. */
GBytes *
cw_aws_request_encode (CwAwsRequest *self)
{
  GString *body = g_string_new (NULL);

  append_parameter (body, "Action", self->operation->action);
  append_parameter (body, "Version", cw_aws_service_get_info (self->operation->service)->api_version);
  for (guint i = 0; i < self->names->len; i++)
    append_parameter (body, self->names->pdata[i], g_hash_table_lookup (self->values, self->names->pdata[i]));
  return g_string_free_to_bytes (body);
}
