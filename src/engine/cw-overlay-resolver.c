/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-overlay-resolver.c: see cw-overlay-resolver.h */
#define G_LOG_DOMAIN "cw-overlay-resolver"

#include "config.h"

#include "cw-overlay-resolver.h"

typedef struct
{
  GResolver *fallback;
} CwOverlayResolverPrivate;

enum {
  PROP_0,
  PROP_FALLBACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CwOverlayResolver, cw_overlay_resolver, G_TYPE_RESOLVER)

GResolver *
cw_overlay_resolver_get_fallback (CwOverlayResolver *self)
{
  CwOverlayResolverPrivate *priv = cw_overlay_resolver_get_instance_private (self);

  g_return_val_if_fail (CW_IS_OVERLAY_RESOLVER (self), NULL);
  return priv->fallback;
}

static GResolver *
fallback_of (GResolver *resolver)
{
  return cw_overlay_resolver_get_fallback (CW_OVERLAY_RESOLVER (resolver));
}

static gboolean
answer (GResolver                 *resolver,
        const char                *hostname,
        GResolverNameLookupFlags   flags,
        GList                    **addresses,
        GError                   **error)
{
  return CW_OVERLAY_RESOLVER_GET_CLASS (resolver)->answer (CW_OVERLAY_RESOLVER (resolver), hostname, flags,
                                                            addresses, error);
}

/* ---- names: the subclass's own, else the resolver behind ---- */

static GList *
lookup_by_name_with_flags (GResolver                 *resolver,
                           const char                *hostname,
                           GResolverNameLookupFlags   flags,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  GList *addresses = NULL;

  if (answer (resolver, hostname, flags, &addresses, error))
    return addresses;
  return g_resolver_lookup_by_name_with_flags (fallback_of (resolver), hostname, flags, cancellable, error);
}

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  return lookup_by_name_with_flags (resolver, hostname, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT, cancellable, error);
}

typedef struct {
  char                     *hostname;
  GResolverNameLookupFlags  flags;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->hostname);
  g_free (lookup);
}

static void
fallback_answered (GObject      *source,
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

/* Back in the caller's context: the subclass did not know the name. */
static gboolean
ask_fallback (gpointer user_data)
{
  GTask *task = user_data;
  Lookup *lookup = g_task_get_task_data (task);

  g_resolver_lookup_by_name_with_flags_async (fallback_of (g_task_get_source_object (task)), lookup->hostname,
                                              lookup->flags, g_task_get_cancellable (task), fallback_answered,
                                              g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static void
answer_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Lookup *lookup = task_data;
  GError *error = NULL;
  GList *addresses = NULL;

  if (!answer (source_object, lookup->hostname, lookup->flags, &addresses, &error))
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, ask_fallback,
                                g_object_ref (task), g_object_unref);
  else if (error != NULL)
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
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->hostname = g_strdup (hostname);
  lookup->flags = flags;
  g_task_set_source_tag (task, lookup_by_name_with_flags_async);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  g_task_run_in_thread (task, answer_in_thread);
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

/* ---- reverse, record and service lookups: the resolver behind's ---- */

static char *
lookup_by_address (GResolver     *resolver,
                   GInetAddress  *address,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return g_resolver_lookup_by_address (fallback_of (resolver), address, cancellable, error);
}

static void
lookup_by_address_async (GResolver           *resolver,
                         GInetAddress        *address,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_resolver_lookup_by_address_async (fallback_of (resolver), address, cancellable, callback, user_data);
}

static char *
lookup_by_address_finish (GResolver     *resolver,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_resolver_lookup_by_address_finish (fallback_of (resolver), result, error);
}

static GList *
lookup_records (GResolver            *resolver,
                const char           *rrname,
                GResolverRecordType   record_type,
                GCancellable         *cancellable,
                GError              **error)
{
  return g_resolver_lookup_records (fallback_of (resolver), rrname, record_type, cancellable, error);
}

static void
lookup_records_async (GResolver           *resolver,
                      const char          *rrname,
                      GResolverRecordType  record_type,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_resolver_lookup_records_async (fallback_of (resolver), rrname, record_type, cancellable, callback, user_data);
}

static GList *
lookup_records_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_resolver_lookup_records_finish (fallback_of (resolver), result, error);
}

/* GResolver's public service lookup takes a service, protocol and domain; its vfuncs
 * take the record name they make of them, so they are called directly. */
static GList *
lookup_service (GResolver     *resolver,
                const char    *rrname,
                GCancellable  *cancellable,
                GError       **error)
{
  GResolver *fallback = fallback_of (resolver);

  return G_RESOLVER_GET_CLASS (fallback)->lookup_service (fallback, rrname, cancellable, error);
}

static void
lookup_service_async (GResolver           *resolver,
                      const char          *rrname,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GResolver *fallback = fallback_of (resolver);

  G_RESOLVER_GET_CLASS (fallback)->lookup_service_async (fallback, rrname, cancellable, callback, user_data);
}

static GList *
lookup_service_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  GResolver *fallback = fallback_of (resolver);

  return G_RESOLVER_GET_CLASS (fallback)->lookup_service_finish (fallback, result, error);
}

/* ---- the object ---- */

static void
cw_overlay_resolver_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CwOverlayResolverPrivate *priv = cw_overlay_resolver_get_instance_private (CW_OVERLAY_RESOLVER (object));

  switch (prop_id)
    {
    case PROP_FALLBACK:
      priv->fallback = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_overlay_resolver_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_FALLBACK:
      g_value_set_object (value, cw_overlay_resolver_get_fallback (CW_OVERLAY_RESOLVER (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_overlay_resolver_finalize (GObject *object)
{
  CwOverlayResolverPrivate *priv = cw_overlay_resolver_get_instance_private (CW_OVERLAY_RESOLVER (object));

  g_clear_object (&priv->fallback);
  G_OBJECT_CLASS (cw_overlay_resolver_parent_class)->finalize (object);
}

static void
cw_overlay_resolver_class_init (CwOverlayResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  object_class->set_property = cw_overlay_resolver_set_property;
  object_class->get_property = cw_overlay_resolver_get_property;
  object_class->finalize = cw_overlay_resolver_finalize;
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

  properties[PROP_FALLBACK] = g_param_spec_object ("fallback", NULL, NULL, G_TYPE_RESOLVER,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_overlay_resolver_init (CwOverlayResolver *self)
{
}
