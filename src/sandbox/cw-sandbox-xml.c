/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-xml.c */
#define G_LOG_DOMAIN "cw-sandbox-xml"

#include "config.h"

#include "cw-sandbox-xml.h"

struct _CwSbXml
{
  GString   *out;
  GPtrArray *open;   /* names of the elements not yet closed */
};

CwSbXml *
cw_sb_xml_new (const char *root,
               const char *xml_namespace)
{
  CwSbXml *self = g_new0 (CwSbXml, 1);

  self->out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  self->open = g_ptr_array_new_with_free_func (g_free);
  if (xml_namespace != NULL)
    g_string_append_printf (self->out, "<%s xmlns=\"%s\">", root, xml_namespace);
  else
    g_string_append_printf (self->out, "<%s>", root);
  g_ptr_array_add (self->open, g_strdup (root));
  return self;
}

void
cw_sb_xml_free (CwSbXml *self)
{
  g_string_free (self->out, TRUE);
  g_ptr_array_unref (self->open);
  g_free (self);
}

/* Closes what is still open and gives the document. */
char *
cw_sb_xml_finish (CwSbXml *self)
{
  char *text;

  while (self->open->len > 0)
    cw_sb_xml_close (self);
  text = g_string_free (g_steal_pointer (&self->out), FALSE);
  g_ptr_array_unref (self->open);
  g_free (self);
  return text;
}

void
cw_sb_xml_open (CwSbXml    *self,
                const char *name)
{
  g_string_append_printf (self->out, "<%s>", name);
  g_ptr_array_add (self->open, g_strdup (name));
}

void
cw_sb_xml_close (CwSbXml *self)
{
  g_autofree char *name = NULL;

  g_return_if_fail (self->open->len > 0);
  name = g_ptr_array_steal_index (self->open, self->open->len - 1);
  g_string_append_printf (self->out, "</%s>", name);
}

/* A NULL value leaves the element out, as AWS does for members it has no value for. */
void
cw_sb_xml_text (CwSbXml    *self,
                const char *name,
                const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (self->out, "<%s>%s</%s>", name, escaped, name);
}

void
cw_sb_xml_int (CwSbXml    *self,
               const char *name,
               gint64      value)
{
  g_string_append_printf (self->out, "<%s>%" G_GINT64_FORMAT "</%s>", name, value, name);
}

void
cw_sb_xml_bool (CwSbXml    *self,
                const char *name,
                gboolean    value)
{
  cw_sb_xml_text (self, name, value ? "true" : "false");
}

char *
cw_sb_iso8601 (gint64 wall_usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (wall_usec / G_USEC_PER_SEC);
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, (int) (wall_usec % G_USEC_PER_SEC / 1000));
}

void
cw_sb_xml_time (CwSbXml    *self,
                const char *name,
                gint64      wall_usec)
{
  g_autofree char *text = cw_sb_iso8601 (wall_usec);

  cw_sb_xml_text (self, name, text);
}

/* A list of strings: <list_name><item_name>…</item_name>…</list_name>. */
void
cw_sb_xml_strings (CwSbXml            *self,
                   const char         *list_name,
                   const char         *item_name,
                   const char * const *values)
{
  cw_sb_xml_open (self, list_name);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    cw_sb_xml_text (self, item_name, values[i]);
  cw_sb_xml_close (self);
}
