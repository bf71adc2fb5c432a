/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-config-file.c */
#define G_LOG_DOMAIN "cw-config-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-config-file.h"
#include "cw-engine-error.h"
#include "cw-secure.h"

struct _CwConfigFile
{
  GPtrArray  *section_names;  /* in file order, each once */
  GHashTable *sections;       /* name → (key → value) */
};

typedef struct {
  CwConfigSyntax  syntax;
  const char     *display_name;
  guint           line_number;
  GHashTable     *current;     /* the section being filled, or NULL before the first */
  gboolean        in_subsetting;
} Parser;

static gboolean
parse_error (Parser      *parser,
             GError     **error,
             const char  *problem)
{
  g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE,
               _("%s, line %u: %s"), parser->display_name, parser->line_number, problem);
  return FALSE;
}

static GHashTable *
section_for (CwConfigFile *self,
             const char   *name)
{
  GHashTable *section = g_hash_table_lookup (self->sections, name);

  if (section == NULL)
    {
      /* Values include secret keys: do not leave them in freed memory. */
      section = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cw_secure_free);
      g_hash_table_insert (self->sections, g_strdup (name), section);
      g_ptr_array_add (self->section_names, g_strdup (name));
    }
  return section;
}

/* Reads a TOML basic ("…", with escapes) or literal ('…') string starting at *p. */
static char *
read_toml_string (const char **p)
{
  char quote = **p;
  GString *out = g_string_new (NULL);
  const char *s = *p + 1;

  for (; *s != '\0' && *s != quote; s++)
    {
      if (quote == '"' && *s == '\\' && s[1] != '\0')
        {
          s++;
          switch (*s)
            {
            case 'n': g_string_append_c (out, '\n'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case '"': case '\\': g_string_append_c (out, *s); break;
            default: g_string_free (out, TRUE); return NULL;
            }
        }
      else
        g_string_append_c (out, *s);
    }
  if (*s != quote)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  *p = s + 1;
  return g_string_free (out, FALSE);
}

static gboolean
only_comment_left (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return *p == '\0' || *p == '#';
}

static char *
read_value (Parser      *parser,
            const char  *p,
            GError     **error)
{
  g_autofree char *value = NULL;

  while (g_ascii_isspace (*p))
    p++;
  if (parser->syntax == CW_CONFIG_SYNTAX_INI)
    return g_strstrip (g_strdup (p));

  if (*p == '"' || *p == '\'')
    {
      if (strncmp (p, "\"\"\"", 3) == 0 || strncmp (p, "'''", 3) == 0)
        {
          parse_error (parser, error, _("multi-line strings are not supported here"));
          return NULL;
        }
      value = read_toml_string (&p);
      if (value == NULL)
        {
          parse_error (parser, error, _("the quoted value is not closed or has a bad escape"));
          return NULL;
        }
      if (!only_comment_left (p))
        {
          parse_error (parser, error, _("unexpected text after the quoted value"));
          return NULL;
        }
      return g_steal_pointer (&value);
    }
  /* Bare TOML values (numbers, booleans, arrays) are kept as written, minus a comment. */
  value = g_strdup (p);
  if (strchr (value, '#') != NULL)
    *strchr (value, '#') = '\0';
  g_strstrip (value);
  if (*value == '\0')
    {
      parse_error (parser, error, _("the value is missing after “=”"));
      return NULL;
    }
  return g_steal_pointer (&value);
}

static char *
read_section_name (Parser      *parser,
                   const char  *line,
                   GError     **error)
{
  const char *end = strrchr (line, ']');
  g_autofree char *name = NULL;

  if (end == NULL || !only_comment_left (end + 1))
    {
      parse_error (parser, error, _("the section header is missing its closing “]”"));
      return NULL;
    }
  name = g_strstrip (g_strndup (line + 1, end - line - 1));
  if (parser->syntax == CW_CONFIG_SYNTAX_TOML && (*name == '"' || *name == '\''))
    {
      const char *p = name;
      char *unquoted = read_toml_string (&p);

      if (unquoted != NULL)
        {
          g_free (name);
          name = unquoted;
        }
    }
  if (*name == '\0')
    {
      parse_error (parser, error, _("the section name is empty"));
      return NULL;
    }
  return g_steal_pointer (&name);
}

static char *
read_key (Parser      *parser,
          const char  *line,
          const char  *equals)
{
  g_autofree char *key = g_strstrip (g_strndup (line, equals - line));

  if (parser->syntax == CW_CONFIG_SYNTAX_TOML && (*key == '"' || *key == '\''))
    {
      const char *p = key;
      char *unquoted = read_toml_string (&p);

      if (unquoted != NULL)
        return unquoted;
    }
  return g_steal_pointer (&key);
}

static gboolean
parse_line (CwConfigFile  *self,
            Parser        *parser,
            char          *raw,
            GError       **error)
{
  gsize len = strlen (raw);
  gboolean indented = g_ascii_isspace (raw[0]);
  const char *line;
  const char *equals;
  g_autofree char *key = NULL;
  char *value;

  if (len > 0 && raw[len - 1] == '\r')
    raw[len - 1] = '\0';
  line = raw;
  while (g_ascii_isspace (*line))
    line++;
  if (*line == '\0' || *line == '#' || (parser->syntax == CW_CONFIG_SYNTAX_INI && *line == ';'))
    return TRUE;

  if (*line == '[')
    {
      g_autofree char *name = read_section_name (parser, line, error);

      if (name == NULL)
        return FALSE;
      parser->current = section_for (self, name);
      parser->in_subsetting = FALSE;
      return TRUE;
    }

  /* The AWS CLI nests settings under a key with an empty value ("s3 =" then indented
   * lines); they are not credentials, so they are accepted and skipped. */
  if (indented && parser->in_subsetting && parser->syntax == CW_CONFIG_SYNTAX_INI)
    return TRUE;

  equals = strchr (line, '=');
  if (equals == NULL)
    return parse_error (parser, error, _("expected “[section]” or “key = value”"));
  key = read_key (parser, line, equals);
  if (*key == '\0')
    return parse_error (parser, error, _("the key is missing before “=”"));

  value = read_value (parser, equals + 1, error);
  if (value == NULL)
    return FALSE;
  parser->in_subsetting = (*value == '\0');

  if (parser->current == NULL)
    {
      /* TOML allows top-level keys (ticloud's current-profile); INI does not. */
      if (parser->syntax == CW_CONFIG_SYNTAX_INI)
        {
          cw_secure_free (value);
          return parse_error (parser, error, _("a setting appears before any “[section]”"));
        }
      parser->current = section_for (self, "");
    }
  g_hash_table_replace (parser->current, g_steal_pointer (&key), value);
  return TRUE;
}

CwConfigFile *
cw_config_file_parse (const char      *text,
                      gssize           length,
                      CwConfigSyntax   syntax,
                      const char      *display_name,
                      GError         **error)
{
  g_autoptr(CwConfigFile) self = g_new0 (CwConfigFile, 1);
  g_autofree char *copy = NULL;
  Parser parser = { syntax, display_name, 0, NULL, FALSE };
  char *line;
  char *next;

  self->section_names = g_ptr_array_new_with_free_func (g_free);
  self->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_hash_table_unref);
  if (length < 0)
    length = strlen (text);
  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE,
                   _("%s is not a text file (it is not valid UTF-8)"), display_name);
      return NULL;
    }
  copy = g_strndup (text, length);
  line = copy;
  if (g_str_has_prefix (line, "\xef\xbb\xbf"))
    line += 3;
  for (; line != NULL; line = next)
    {
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      parser.line_number++;
      if (!parse_line (self, &parser, line, error))
        {
          explicit_bzero (copy, length);
          return NULL;
        }
    }
  explicit_bzero (copy, length);
  return g_steal_pointer (&self);
}

CwConfigFile *
cw_config_file_load (const char      *path,
                     CwConfigSyntax   syntax,
                     GError         **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  CwConfigFile *self;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  self = cw_config_file_parse (text, length, syntax, path, error);
  explicit_bzero (text, length);
  return self;
}

const GPtrArray *
cw_config_file_get_sections (CwConfigFile *self)
{
  return self->section_names;
}

const char *
cw_config_file_get (CwConfigFile *self,
                    const char   *section,
                    const char   *key)
{
  GHashTable *values = g_hash_table_lookup (self->sections, section);

  return values ? g_hash_table_lookup (values, key) : NULL;
}

void
cw_config_file_free (CwConfigFile *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->section_names, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_free (self);
}
