/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-completion.c: writes the ids a listing printed, one "ID<TAB>NAME" line each, for
 * data/causeway-cli.bash. Only ids and display names: never an address or a secret. */
#define G_LOG_DOMAIN "cw-cli-completion"

#include "config.h"

#include <glib/gstdio.h>

#include "cw-cli-completion.h"

/* A tab or a newline in a name would break the line format; the shell needs none. */
static void
append_field (GString    *text,
              const char *value)
{
  for (const char *c = value ? value : ""; *c != '\0'; c++)
    g_string_append_c (text, (*c == '\t' || *c == '\n') ? ' ' : *c);
}

/* A cache that cannot be written only costs the completion; the command still succeeded. */
void
cw_cli_completion_remember (const char           *kind,
                            GListModel           *items,
                            CwCliCompletionField  id_of,
                            CwCliCompletionField  name_of)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "causeway", "completion", NULL);
  g_autofree char *path = g_build_filename (dir, kind, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      append_field (text, id_of (item));
      g_string_append_c (text, '\t');
      append_field (text, name_of ? name_of (item) : NULL);
      g_string_append_c (text, '\n');
    }
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents_full (path, text->str, text->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                    0600, &error))
    g_debug ("Cannot keep the %s for completion in %s: %s", kind, path,
             error ? error->message : g_strerror (errno));
}
