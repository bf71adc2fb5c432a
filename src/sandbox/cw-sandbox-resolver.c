/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-resolver.c: see cw-sandbox-resolver.h */
#define G_LOG_DOMAIN "cw-sandbox-resolver"

#include "config.h"

#include "cw-sandbox-model.h"
#include "cw-sandbox-resolver.h"

struct _CwSandboxResolver
{
  CwOverlayResolver  parent_instance;
  CwSandboxWorld    *world;
};

G_DEFINE_FINAL_TYPE (CwSandboxResolver, cw_sandbox_resolver, CW_TYPE_OVERLAY_RESOLVER)

/* The world's host names, with the addresses it gives them now. */
static gboolean
answer (CwOverlayResolver         *resolver,
        const char                *hostname,
        GResolverNameLookupFlags   flags,
        GList                    **addresses,
        GError                   **error)
{
  CwSandboxResolver *self = CW_SANDBOX_RESOLVER (resolver);
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

static void
cw_sandbox_resolver_finalize (GObject *object)
{
  CwSandboxResolver *self = CW_SANDBOX_RESOLVER (object);

  g_clear_object (&self->world);
  G_OBJECT_CLASS (cw_sandbox_resolver_parent_class)->finalize (object);
}

static void
cw_sandbox_resolver_class_init (CwSandboxResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_sandbox_resolver_finalize;
  CW_OVERLAY_RESOLVER_CLASS (klass)->answer = answer;
}

static void
cw_sandbox_resolver_init (CwSandboxResolver *self)
{
}

CwSandboxResolver *
cw_sandbox_resolver_new (CwSandboxWorld *world,
                         GResolver      *fallback)
{
  CwSandboxResolver *self = g_object_new (CW_TYPE_SANDBOX_RESOLVER, "fallback", fallback, NULL);

  self->world = g_object_ref (world);
  return self;
}
