/* cw-hosts-resolver.c */
#define G_LOG_DOMAIN "cw-hosts-resolver"

#include "config.h"

#include "cw-hosts-resolver.h"

struct _CwHostsResolver
{
  GResolver  parent_instance;
  char      *path;
  GResolver *fallback;
};

G_DEFINE_FINAL_TYPE (CwHostsResolver, cw_hosts_resolver, G_TYPE_RESOLVER)

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

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  CwHostsResolver *self = CW_HOSTS_RESOLVER (resolver);
  GList *addresses = lookup_in_file (self, hostname);

  if (addresses != NULL)
    return addresses;
  return g_resolver_lookup_by_name (self->fallback, hostname, cancellable, error);
}

static void
fallback_looked_up (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);

  if (addresses == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addresses, (GDestroyNotify) g_resolver_free_addresses);
}

static void
lookup_by_name_async (GResolver           *resolver,
                      const char          *hostname,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  CwHostsResolver *self = CW_HOSTS_RESOLVER (resolver);
  GTask *task = g_task_new (resolver, cancellable, callback, user_data);
  GList *addresses = lookup_in_file (self, hostname);

  g_task_set_source_tag (task, lookup_by_name_async);
  if (addresses != NULL)
    {
      g_task_return_pointer (task, addresses, (GDestroyNotify) g_resolver_free_addresses);
      g_object_unref (task);
      return;
    }
  g_resolver_lookup_by_name_async (self->fallback, hostname, cancellable, fallback_looked_up, task);
}

static GList *
lookup_by_name_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Addresses, services and records: the system's answers. */
static char *
lookup_by_address (GResolver     *resolver,
                   GInetAddress  *address,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return g_resolver_lookup_by_address (CW_HOSTS_RESOLVER (resolver)->fallback, address, cancellable, error);
}

static void
lookup_by_address_async (GResolver           *resolver,
                         GInetAddress        *address,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_resolver_lookup_by_address_async (CW_HOSTS_RESOLVER (resolver)->fallback, address, cancellable,
                                      callback, user_data);
}

static char *
lookup_by_address_finish (GResolver     *resolver,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_resolver_lookup_by_address_finish (CW_HOSTS_RESOLVER (resolver)->fallback, result, error);
}

static GList *
lookup_records (GResolver            *resolver,
                const char           *rrname,
                GResolverRecordType   record_type,
                GCancellable         *cancellable,
                GError              **error)
{
  return g_resolver_lookup_records (CW_HOSTS_RESOLVER (resolver)->fallback, rrname, record_type, cancellable, error);
}

static void
lookup_records_async (GResolver           *resolver,
                      const char          *rrname,
                      GResolverRecordType  record_type,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_resolver_lookup_records_async (CW_HOSTS_RESOLVER (resolver)->fallback, rrname, record_type, cancellable,
                                   callback, user_data);
}

static GList *
lookup_records_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_resolver_lookup_records_finish (CW_HOSTS_RESOLVER (resolver)->fallback, result, error);
}

static void
cw_hosts_resolver_finalize (GObject *object)
{
  CwHostsResolver *self = CW_HOSTS_RESOLVER (object);

  g_free (self->path);
  g_clear_object (&self->fallback);
  G_OBJECT_CLASS (cw_hosts_resolver_parent_class)->finalize (object);
}

static void
cw_hosts_resolver_class_init (CwHostsResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  object_class->finalize = cw_hosts_resolver_finalize;
  resolver_class->lookup_by_name = lookup_by_name;
  resolver_class->lookup_by_name_async = lookup_by_name_async;
  resolver_class->lookup_by_name_finish = lookup_by_name_finish;
  resolver_class->lookup_by_address = lookup_by_address;
  resolver_class->lookup_by_address_async = lookup_by_address_async;
  resolver_class->lookup_by_address_finish = lookup_by_address_finish;
  resolver_class->lookup_records = lookup_records;
  resolver_class->lookup_records_async = lookup_records_async;
  resolver_class->lookup_records_finish = lookup_records_finish;
}

static void
cw_hosts_resolver_init (CwHostsResolver *self)
{
}

GResolver *
cw_hosts_resolver_new (const char *path,
                       GResolver  *fallback)
{
  CwHostsResolver *self = g_object_new (CW_TYPE_HOSTS_RESOLVER, NULL);

  self->path = g_strdup (path);
  self->fallback = g_object_ref (fallback);
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
