/* cw-sandbox-resolver.c */
#define G_LOG_DOMAIN "cw-sandbox-resolver"

#include "config.h"

#include "cw-sandbox-model.h"
#include "cw-sandbox-resolver.h"

struct _CwSandboxResolver
{
  GResolver       parent_instance;
  CwSandboxWorld *world;
  GResolver      *fallback;
};

G_DEFINE_FINAL_TYPE (CwSandboxResolver, cw_sandbox_resolver, G_TYPE_RESOLVER)

/* TRUE when @hostname is the sandbox's to answer; then *addresses (maybe empty) or an
 * error says what it is. */
static gboolean
answer (CwSandboxResolver         *self,
        const char                *hostname,
        GResolverNameLookupFlags   flags,
        GList                    **addresses,
        GError                   **error)
{
  g_autofree char *ip = NULL;

  cw_sandbox_world_lock (self->world);
  ip = g_strdup (cw_sb_model_resolve (self->world, hostname));
  cw_sandbox_world_unlock (self->world);
  if (ip == NULL)
    return FALSE;
  *addresses = NULL;
  if (flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY)
    g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                 "No IPv6 address for “%s”", hostname);
  else
    *addresses = g_list_append (NULL, g_inet_address_new_from_string (ip));
  return TRUE;
}

static GList *
lookup_by_name_with_flags (GResolver                 *resolver,
                           const char                *hostname,
                           GResolverNameLookupFlags   flags,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  CwSandboxResolver *self = CW_SANDBOX_RESOLVER (resolver);
  GList *addresses = NULL;

  if (answer (self, hostname, flags, &addresses, error))
    return addresses;
  return g_resolver_lookup_by_name_with_flags (self->fallback, hostname, flags, cancellable, error);
}

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  return lookup_by_name_with_flags (resolver, hostname, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT, cancellable, error);
}

static void
forwarded_by_name (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *addresses = g_resolver_lookup_by_name_with_flags_finish (G_RESOLVER (source), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addresses, (GDestroyNotify) g_resolver_free_addresses);
}

static void
lookup_by_name_with_flags_async (GResolver                *resolver,
                                 const char               *hostname,
                                 GResolverNameLookupFlags  flags,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  CwSandboxResolver *self = CW_SANDBOX_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  GList *addresses = NULL;

  g_task_set_source_tag (task, lookup_by_name_with_flags_async);
  if (!answer (self, hostname, flags, &addresses, &error))
    g_resolver_lookup_by_name_with_flags_async (self->fallback, hostname, flags, cancellable, forwarded_by_name,
                                                g_steal_pointer (&task));
  else if (error != NULL)
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
  lookup_by_name_with_flags_async (resolver, hostname, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT, cancellable,
                                   callback, user_data);
}

static GList *
lookup_by_name_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reverse lookups, service and record lookups are not the sandbox's business. */

static char *
lookup_by_address (GResolver     *resolver,
                   GInetAddress  *address,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return g_resolver_lookup_by_address (CW_SANDBOX_RESOLVER (resolver)->fallback, address, cancellable, error);
}

static void
lookup_by_address_async (GResolver           *resolver,
                         GInetAddress        *address,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_resolver_lookup_by_address_async (CW_SANDBOX_RESOLVER (resolver)->fallback, address, cancellable,
                                      callback, user_data);
}

static char *
lookup_by_address_finish (GResolver     *resolver,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_resolver_lookup_by_address_finish (CW_SANDBOX_RESOLVER (resolver)->fallback, result, error);
}

static GList *
lookup_records (GResolver            *resolver,
                const char           *rrname,
                GResolverRecordType   record_type,
                GCancellable         *cancellable,
                GError              **error)
{
  return g_resolver_lookup_records (CW_SANDBOX_RESOLVER (resolver)->fallback, rrname, record_type,
                                    cancellable, error);
}

static void
lookup_records_async (GResolver           *resolver,
                      const char          *rrname,
                      GResolverRecordType  record_type,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_resolver_lookup_records_async (CW_SANDBOX_RESOLVER (resolver)->fallback, rrname, record_type, cancellable,
                                   callback, user_data);
}

static GList *
lookup_records_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_resolver_lookup_records_finish (CW_SANDBOX_RESOLVER (resolver)->fallback, result, error);
}

static GList *
lookup_service (GResolver     *resolver,
                const char    *rrname,
                GCancellable  *cancellable,
                GError       **error)
{
  GResolver *fallback = CW_SANDBOX_RESOLVER (resolver)->fallback;

  return G_RESOLVER_GET_CLASS (fallback)->lookup_service (fallback, rrname, cancellable, error);
}

static void
lookup_service_async (GResolver           *resolver,
                      const char          *rrname,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GResolver *fallback = CW_SANDBOX_RESOLVER (resolver)->fallback;

  G_RESOLVER_GET_CLASS (fallback)->lookup_service_async (fallback, rrname, cancellable, callback, user_data);
}

static GList *
lookup_service_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  GResolver *fallback = CW_SANDBOX_RESOLVER (resolver)->fallback;

  return G_RESOLVER_GET_CLASS (fallback)->lookup_service_finish (fallback, result, error);
}

static void
cw_sandbox_resolver_finalize (GObject *object)
{
  CwSandboxResolver *self = CW_SANDBOX_RESOLVER (object);

  g_clear_object (&self->world);
  g_clear_object (&self->fallback);
  G_OBJECT_CLASS (cw_sandbox_resolver_parent_class)->finalize (object);
}

static void
cw_sandbox_resolver_class_init (CwSandboxResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cw_sandbox_resolver_finalize;
  resolver_class->lookup_by_name = lookup_by_name;
  resolver_class->lookup_by_name_async = lookup_by_name_async;
  resolver_class->lookup_by_name_finish = lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags = lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = lookup_by_name_finish;
  resolver_class->lookup_by_address = lookup_by_address;
  resolver_class->lookup_by_address_async = lookup_by_address_async;
  resolver_class->lookup_by_address_finish = lookup_by_address_finish;
  resolver_class->lookup_records = lookup_records;
  resolver_class->lookup_records_async = lookup_records_async;
  resolver_class->lookup_records_finish = lookup_records_finish;
  resolver_class->lookup_service = lookup_service;
  resolver_class->lookup_service_async = lookup_service_async;
  resolver_class->lookup_service_finish = lookup_service_finish;
}

static void
cw_sandbox_resolver_init (CwSandboxResolver *self)
{
}

CwSandboxResolver *
cw_sandbox_resolver_new (CwSandboxWorld *world,
                         GResolver      *fallback)
{
  CwSandboxResolver *self = g_object_new (CW_TYPE_SANDBOX_RESOLVER, NULL);

  self->world = g_object_ref (world);
  self->fallback = g_object_ref (fallback);
  return self;
}
