/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-hosts-resolver.c: see cw-hosts-resolver.h */
#define G_LOG_DOMAIN "cw-hosts-resolver"

#include "config.h"

#include "cw-hosts-resolver.h"

struct _CwHostsResolver
{
  CwOverlayResolver  parent_instance;
  char              *path;
};

G_DEFINE_FINAL_TYPE (CwHostsResolver, cw_hosts_resolver, CW_TYPE_OVERLAY_RESOLVER)

/* The addresses the file gives @name, or NULL when it does not list it. */
static GList *
lookup_in_file (CwHostsResolver *self,
                const char      *name)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GList *addresses = NULL;

  if (!g_file_get_contents (self->path, &contents, NULL, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      GInetAddress *address;

      if (fields[0] == NULL || fields[0][0] == '#' || fields[0][0] == '\0')
        continue;
      address = g_inet_address_new_from_string (fields[0]);
      if (address == NULL)
        continue;
      for (guint f = 1; fields[f] != NULL; f++)
        if (g_ascii_strcasecmp (fields[f], name) == 0)
          {
            addresses = g_list_append (addresses, g_object_ref (address));
            break;
          }
      g_object_unref (address);
    }
  return addresses;
}

/* The file is read at each lookup: a database's address may move while the process runs. */
static gboolean
answer (CwOverlayResolver         *resolver,
        const char                *hostname,
        GResolverNameLookupFlags   flags,
        GList                    **addresses,
        GError                   **error)
{
  *addresses = lookup_in_file (CW_HOSTS_RESOLVER (resolver), hostname);
  return *addresses != NULL;
}

static void
cw_hosts_resolver_finalize (GObject *object)
{
  CwHostsResolver *self = CW_HOSTS_RESOLVER (object);

  g_free (self->path);
  G_OBJECT_CLASS (cw_hosts_resolver_parent_class)->finalize (object);
}

static void
cw_hosts_resolver_class_init (CwHostsResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_hosts_resolver_finalize;
  CW_OVERLAY_RESOLVER_CLASS (klass)->answer = answer;
}

static void
cw_hosts_resolver_init (CwHostsResolver *self)
{
}

GResolver *
cw_hosts_resolver_new (const char *path,
                       GResolver  *fallback)
{
  CwHostsResolver *self = g_object_new (CW_TYPE_HOSTS_RESOLVER, "fallback", fallback, NULL);

  self->path = g_strdup (path);
  return G_RESOLVER (self);
}

/* Installs the resolver as the default when CAUSEWAY_HOSTS_FILE names a file. */
gboolean
cw_hosts_resolver_install_from_environment (void)
{
  const char *path = g_getenv ("CAUSEWAY_HOSTS_FILE");
  g_autoptr(GResolver) system = NULL;
  g_autoptr(GResolver) resolver = NULL;

  if (path == NULL || *path == '\0')
    return FALSE;
  system = g_resolver_get_default ();
  resolver = cw_hosts_resolver_new (path, system);
  g_resolver_set_default (resolver);
  return TRUE;
}
