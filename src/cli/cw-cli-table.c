/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-table.c */
#define G_LOG_DOMAIN "cw-cli-table"

#include "config.h"

#include "cw-cli-table.h"

struct _CwCliTable
{
  guint      n_columns;
  GPtrArray *rows;  /* GStrv, the headers first */
};

CwCliTable *
cw_cli_table_new (const char * const *headers)
{
  CwCliTable *self = g_new0 (CwCliTable, 1);

  self->n_columns = g_strv_length ((char **) headers);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  cw_cli_table_add_row (self, headers);
  return self;
}

/* A missing or NULL cell shows as "-". */
void
cw_cli_table_add_row (CwCliTable         *self,
                      const char * const *cells)
{
  GStrv row = g_new0 (char *, self->n_columns + 1);
  gboolean ended = FALSE;

  for (guint c = 0; c < self->n_columns; c++)
    {
      ended = ended || cells[c] == NULL;
      row[c] = g_strdup (!ended && *cells[c] ? cells[c] : "-");
    }
  g_ptr_array_add (self->rows, row);
}

/* Columns on a terminal: wide (CJK) characters take two, combining marks none. A
 * translated header, a display name in any script, still lines up. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
cw_cli_table_print (CwCliTable *self)
{
  g_autofree guint *widths = g_new0 (guint, self->n_columns);

  for (guint r = 0; r < self->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < self->n_columns; c++)
        widths[c] = MAX (widths[c], display_width (row[c]));
    }
  for (guint r = 0; r < self->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (self->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < self->n_columns; c++)
        {
          g_string_append (line, row[c]);
          if (c + 1 < self->n_columns)
            for (guint pad = display_width (row[c]); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
}

void
cw_cli_table_free (CwCliTable *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rows);
  g_free (self);
}
