/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-world.c: the sandbox's world (see cw-sandbox-world.h)
 *
 * Over 800 lines because the store, the scaled clock and its events, identifiers,
 * addresses, page tokens, counters and tags all belong to the one object every request
 * locks; the rules of the resources live in cw-sandbox-model*.c. */
#define G_LOG_DOMAIN "cw-sandbox-world"

#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "cw-sandbox-model.h"
#include "cw-sandbox-world.h"

typedef struct {
  gint64         due;
  guint64        order;     /* events due at the same moment keep their order */
  CwSbEventKind  kind;
  char          *id;
  char          *argument;
} Event;

struct _CwSandboxWorld
{
  GObject     parent_instance;
  GMutex      mutex;
  double      time_scale;
  gint64      offset;        /* µs skipped by cw_sandbox_world_advance() */
  GRand      *rand;
  guint64     next_serial;
  GHashTable *resources[CW_SB_N_KINDS];  /* id → resource */
  GPtrArray  *lists[CW_SB_N_KINDS];      /* resources in creation order */
  GHashTable *ips;                       /* addresses in use */
  GSequence  *events;                    /* Event, by due time */
  guint64     next_event;
  GHashTable *request_counts;            /* "service.Operation" → count */
};

G_DEFINE_FINAL_TYPE (CwSandboxWorld, cw_sandbox_world, G_TYPE_OBJECT)

static const gsize kind_sizes[CW_SB_N_KINDS] = {
  [CW_SB_VPC] = sizeof (CwSbVpc),
  [CW_SB_SUBNET] = sizeof (CwSbSubnet),
  [CW_SB_SECURITY_GROUP] = sizeof (CwSbSecurityGroup),
  [CW_SB_NETWORK_INTERFACE] = sizeof (CwSbNetworkInterface),
  [CW_SB_DB_INSTANCE] = sizeof (CwSbDbInstance),
  [CW_SB_DB_CLUSTER] = sizeof (CwSbDbCluster),
  [CW_SB_TARGET_GROUP] = sizeof (CwSbTargetGroup),
  [CW_SB_LOAD_BALANCER] = sizeof (CwSbLoadBalancer),
  [CW_SB_LISTENER] = sizeof (CwSbListener),
  [CW_SB_ENDPOINT_SERVICE] = sizeof (CwSbEndpointService),
  [CW_SB_ENDPOINT_CONNECTION] = sizeof (CwSbEndpointConnection),
  [CW_SB_TIDB_PROJECT] = sizeof (CwSbTidbProject),
  [CW_SB_TIDB_CLUSTER] = sizeof (CwSbTidbCluster),
  [CW_SB_TIDB_LINK] = sizeof (CwSbTidbLink),
  [CW_SB_DB_PARAMETER_GROUP] = sizeof (CwSbParameterGroup),
  [CW_SB_DB_CLUSTER_PARAMETER_GROUP] = sizeof (CwSbParameterGroup),
  [CW_SB_TIDB_CHANGEFEED] = sizeof (CwSbChangefeed),
  [CW_SB_TIDB_PRECHECK] = sizeof (CwSbPrecheck),
  [CW_SB_TIDB_MIGRATION] = sizeof (CwSbMigration),
};

static void
tag_free (CwSbTag *tag)
{
  g_free (tag->key);
  g_free (tag->value);
  g_free (tag);
}

void
cw_sb_rule_free (CwSbRule *rule)
{
  g_free (rule->rule_id);
  g_free (rule->protocol);
  g_free (rule->cidr);
  g_free (rule->group_id);
  g_free (rule->description);
  g_free (rule);
}

void
cw_sb_target_free (CwSbTarget *target)
{
  g_free (target->ip);
  g_free (target->zone_name);
  g_free (target);
}

void
cw_sb_principal_free (CwSbPrincipal *principal)
{
  g_free (principal->principal);
  g_free (principal->permission_id);
  g_free (principal);
}

static void
free_network_fields (CwSbResource *resource)
{
  switch (resource->kind)
    {
    case CW_SB_VPC:
      g_free (((CwSbVpc *) resource)->cidr);
      break;
    case CW_SB_SUBNET:
      {
        CwSbSubnet *subnet = (CwSbSubnet *) resource;

        g_free (subnet->vpc_id);
        g_free (subnet->cidr);
        g_free (subnet->zone_name);
        g_free (subnet->zone_id);
      }
      break;
    case CW_SB_SECURITY_GROUP:
      {
        CwSbSecurityGroup *group = (CwSbSecurityGroup *) resource;

        g_free (group->name);
        g_free (group->description);
        g_free (group->vpc_id);
        g_ptr_array_unref (group->ingress);
        g_ptr_array_unref (group->egress);
      }
      break;
    case CW_SB_NETWORK_INTERFACE:
      {
        CwSbNetworkInterface *eni = (CwSbNetworkInterface *) resource;

        g_free (eni->subnet_id);
        g_free (eni->vpc_id);
        g_free (eni->zone_name);
        g_free (eni->private_ip);
        g_free (eni->public_ip);
        g_free (eni->description);
        g_free (eni->interface_type);
        g_free (eni->requester_id);
        g_strfreev (eni->group_ids);
        g_free (eni->holder);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
free_database_fields (CwSbResource *resource)
{
  if (resource->kind == CW_SB_DB_INSTANCE)
    {
      CwSbDbInstance *db = (CwSbDbInstance *) resource;

      g_free (db->engine);
      g_free (db->engine_version);
      g_free (db->instance_class);
      g_free (db->vpc_id);
      g_free (db->subnet_group);
      g_strfreev (db->subnet_ids);
      g_free (db->zone_name);
      g_free (db->secondary_zone_name);
      g_free (db->eni_id);
      g_free (db->standby_eni_id);
      g_strfreev (db->group_ids);
      g_free (db->cluster_id);
      g_free (db->host);
      g_free (db->resource_id);
      cw_sb_db_access_clear (&db->access);
    }
  else
    {
      CwSbDbCluster *cluster = (CwSbDbCluster *) resource;

      g_free (cluster->engine);
      g_free (cluster->engine_version);
      g_free (cluster->host);
      g_free (cluster->reader_host);
      g_free (cluster->writer_id);
      g_strfreev (cluster->member_ids);
      g_free (cluster->vpc_id);
      g_free (cluster->subnet_group);
      g_strfreev (cluster->group_ids);
      g_free (cluster->resource_id);
      cw_sb_db_access_clear (&cluster->access);
    }
}

static void
free_elb_fields (CwSbResource *resource)
{
  switch (resource->kind)
    {
    case CW_SB_TARGET_GROUP:
      {
        CwSbTargetGroup *group = (CwSbTargetGroup *) resource;

        g_free (group->name);
        g_free (group->protocol);
        g_free (group->vpc_id);
        g_free (group->target_type);
        g_free (group->health_protocol);
        g_hash_table_unref (group->attributes);
        g_ptr_array_unref (group->targets);
        g_ptr_array_unref (group->draining);
      }
      break;
    case CW_SB_LOAD_BALANCER:
      {
        CwSbLoadBalancer *lb = (CwSbLoadBalancer *) resource;

        g_free (lb->name);
        g_free (lb->type);
        g_free (lb->scheme);
        g_free (lb->vpc_id);
        g_free (lb->dns_name);
        g_free (lb->ip_address_type);
        g_strfreev (lb->subnet_ids);
        g_strfreev (lb->group_ids);
        g_strfreev (lb->eni_ids);
        g_hash_table_unref (lb->attributes);
      }
      break;
    case CW_SB_LISTENER:
      {
        CwSbListener *listener = (CwSbListener *) resource;

        g_free (listener->lb_arn);
        g_free (listener->protocol);
        g_free (listener->target_group_arn);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
free_endpoint_fields (CwSbResource *resource)
{
  if (resource->kind == CW_SB_ENDPOINT_SERVICE)
    {
      CwSbEndpointService *service = (CwSbEndpointService *) resource;

      g_free (service->name);
      g_strfreev (service->lb_arns);
      g_free (service->client_token);
      g_ptr_array_unref (service->principals);
    }
  else
    {
      CwSbEndpointConnection *connection = (CwSbEndpointConnection *) resource;

      g_free (connection->service_id);
      g_free (connection->owner);
      g_free (connection->state);
      g_free (connection->connection_id);
      g_strfreev (connection->zone_ids);
    }
}

static void
free_tidb_fields (CwSbResource *resource)
{
  switch (resource->kind)
    {
    case CW_SB_TIDB_PROJECT:
      g_free (((CwSbTidbProject *) resource)->name);
      g_free (((CwSbTidbProject *) resource)->org_id);
      break;
    case CW_SB_TIDB_CLUSTER:
      {
        CwSbTidbCluster *cluster = (CwSbTidbCluster *) resource;

        g_free (cluster->display_name);
        g_free (cluster->region_id);
        g_free (cluster->plan);
        g_free (cluster->state);
        g_free (cluster->project_id);
        g_free (cluster->account_id);
        g_strfreev (cluster->zone_ids);
        g_free (cluster->user_prefix);
      }
      break;
    case CW_SB_TIDB_LINK:
      {
        CwSbTidbLink *link = (CwSbTidbLink *) resource;

        g_free (link->cluster_id);
        g_free (link->display_name);
        g_free (link->state);
        g_free (link->message);
        g_free (link->created_by);
        g_free (link->service_name);
        g_free (link->service_region);
        g_free (link->endpoint_id);
        g_strfreev (link->zone_ids);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
resource_free (CwSbResource *resource)
{
  switch (resource->kind)
    {
    case CW_SB_VPC:
    case CW_SB_SUBNET:
    case CW_SB_SECURITY_GROUP:
    case CW_SB_NETWORK_INTERFACE:
      free_network_fields (resource);
      break;
    case CW_SB_DB_INSTANCE:
    case CW_SB_DB_CLUSTER:
      free_database_fields (resource);
      break;
    case CW_SB_TARGET_GROUP:
    case CW_SB_LOAD_BALANCER:
    case CW_SB_LISTENER:
      free_elb_fields (resource);
      break;
    case CW_SB_ENDPOINT_SERVICE:
    case CW_SB_ENDPOINT_CONNECTION:
      free_endpoint_fields (resource);
      break;
    case CW_SB_TIDB_PROJECT:
    case CW_SB_TIDB_CLUSTER:
    case CW_SB_TIDB_LINK:
      free_tidb_fields (resource);
      break;
    default:
      cw_sb_model_free_fields (resource);
      break;
    }
  g_free (resource->id);
  g_free (resource->region);
  g_ptr_array_unref (resource->tags);
  g_free (resource);
}

static void
event_free (Event *event)
{
  g_free (event->id);
  g_free (event->argument);
  g_free (event);
}

static void
free_event_item (gpointer data,
                 gpointer user_data)
{
  event_free (data);
}

static void
cw_sandbox_world_finalize (GObject *object)
{
  CwSandboxWorld *self = CW_SANDBOX_WORLD (object);

  for (guint kind = 0; kind < CW_SB_N_KINDS; kind++)
    {
      g_hash_table_unref (self->resources[kind]);
      g_ptr_array_unref (self->lists[kind]);
    }
  g_hash_table_unref (self->ips);
  g_sequence_foreach (self->events, free_event_item, NULL);
  g_sequence_free (self->events);
  g_hash_table_unref (self->request_counts);
  g_rand_free (self->rand);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (cw_sandbox_world_parent_class)->finalize (object);
}

static void
cw_sandbox_world_class_init (CwSandboxWorldClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_sandbox_world_finalize;
}

static void
cw_sandbox_world_init (CwSandboxWorld *self)
{
  g_mutex_init (&self->mutex);
  for (guint kind = 0; kind < CW_SB_N_KINDS; kind++)
    {
      self->resources[kind] = g_hash_table_new (g_str_hash, g_str_equal);
      self->lists[kind] = g_ptr_array_new_with_free_func ((GDestroyNotify) resource_free);
    }
  self->ips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->events = g_sequence_new (NULL);
  self->request_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CwSandboxWorld *
cw_sandbox_world_new (double  time_scale,
                      guint32 seed)
{
  CwSandboxWorld *self = g_object_new (CW_TYPE_SANDBOX_WORLD, NULL);

  self->time_scale = MAX (time_scale, 0.0);
  self->rand = g_rand_new_with_seed (seed);
  return self;
}

double
cw_sandbox_world_get_time_scale (CwSandboxWorld *self)
{
  return self->time_scale;
}

/* ---- the clock and its events ---- */

gint64
cw_sandbox_world_now (CwSandboxWorld *self)
{
  return g_get_monotonic_time () + self->offset;
}

/* How long @realistic_seconds last at the time scale, in µs. */
gint64
cw_sandbox_world_duration (CwSandboxWorld *self,
                           double          realistic_seconds)
{
  return (gint64) (realistic_seconds * self->time_scale * G_USEC_PER_SEC);
}

gint64
cw_sandbox_world_after (CwSandboxWorld *self,
                        double          realistic_seconds)
{
  return cw_sandbox_world_now (self) + cw_sandbox_world_duration (self, realistic_seconds);
}

/* Skips simulated time, so a test need not sleep through a wait. */
void
cw_sandbox_world_advance (CwSandboxWorld *self,
                          double          realistic_seconds)
{
  self->offset += cw_sandbox_world_duration (self, realistic_seconds);
}

static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Event *x = a;
  const Event *y = b;

  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

void
cw_sandbox_world_schedule (CwSandboxWorld *self,
                           gint64          due,
                           CwSbEventKind   kind,
                           const char     *id,
                           const char     *argument)
{
  Event *event = g_new0 (Event, 1);

  event->due = due;
  event->order = self->next_event++;
  event->kind = kind;
  event->id = g_strdup (id);
  event->argument = g_strdup (argument);
  g_sequence_insert_sorted (self->events, event, compare_events, NULL);
}

/* Applies, in order, every event that has come due; an event may schedule more. */
static void
apply_due_events (CwSandboxWorld *self)
{
  gint64 now = cw_sandbox_world_now (self);

  while (g_sequence_get_length (self->events) > 0)
    {
      GSequenceIter *first = g_sequence_get_begin_iter (self->events);
      Event *event = g_sequence_get (first);

      if (event->due > now)
        break;
      g_sequence_remove (first);
      cw_sb_model_apply_event (self, event->kind, event->id, event->argument);
      event_free (event);
    }
}

void
cw_sandbox_world_lock (CwSandboxWorld *self)
{
  g_mutex_lock (&self->mutex);
  apply_due_events (self);
}

void
cw_sandbox_world_unlock (CwSandboxWorld *self)
{
  g_mutex_unlock (&self->mutex);
}

/* ---- identifiers ---- */

guint32
cw_sandbox_world_random_int (CwSandboxWorld *self)
{
  return g_rand_int (self->rand);
}

static char *
random_from (CwSandboxWorld *self,
             const char     *alphabet,
             guint           length)
{
  gsize n = strlen (alphabet);
  char *text = g_malloc (length + 1);

  for (guint i = 0; i < length; i++)
    text[i] = alphabet[g_rand_int_range (self->rand, 0, (gint32) n)];
  text[length] = '\0';
  return text;
}

char *
cw_sandbox_world_random_hex (CwSandboxWorld *self,
                             guint           length)
{
  return random_from (self, "0123456789abcdef", length);
}

char *
cw_sandbox_world_random_alnum (CwSandboxWorld *self,
                               guint           length)
{
  return random_from (self, "abcdefghijklmnopqrstuvwxyz0123456789", length);
}

/* "vpc-0a1b…": AWS's long ids have 17 hexadecimal digits. */
char *
cw_sandbox_world_new_id (CwSandboxWorld *self,
                         const char     *prefix)
{
  g_autofree char *hex = cw_sandbox_world_random_hex (self, 17);

  return g_strconcat (prefix, "-", hex, NULL);
}

char *
cw_sandbox_world_new_uuid (CwSandboxWorld *self)
{
  guint32 words[4];

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = g_rand_int (self->rand);
  /* Version 4, variant 1, like the ids AWS puts on requests. */
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          words[0], words[1] >> 16, words[1] & 0xfff,
                          0x8000 | (words[2] >> 16 & 0x3fff), words[2] & 0xffff, words[3]);
}

/* ---- the store ---- */

gpointer
cw_sandbox_world_add (CwSandboxWorld *self,
                      CwSbKind        kind,
                      const char     *id,
                      const char     *region)
{
  CwSbResource *resource = g_malloc0 (kind_sizes[kind]);

  g_return_val_if_fail (!g_hash_table_contains (self->resources[kind], id), NULL);
  resource->kind = kind;
  resource->id = g_strdup (id);
  resource->region = g_strdup (region);
  resource->serial = ++self->next_serial;
  resource->created = g_get_real_time ();
  resource->tags = cw_sb_tags_new ();
  g_hash_table_insert (self->resources[kind], resource->id, resource);
  g_ptr_array_add (self->lists[kind], resource);
  return resource;
}

/* A resource still inside its read-after-create lag is missed, once per read. */
gboolean
cw_sandbox_world_hides (CwSandboxWorld *self,
                        gpointer        resource)
{
  CwSbResource *base = resource;

  if (base->lag_reads == 0)
    return FALSE;
  base->lag_reads--;
  return TRUE;
}

gpointer
cw_sandbox_world_find (CwSandboxWorld *self,
                       CwSbKind        kind,
                       const char     *id)
{
  gpointer resource = cw_sandbox_world_peek (self, kind, id);

  return resource != NULL && !cw_sandbox_world_hides (self, resource) ? resource : NULL;
}

/* Finds without counting a read: for the sandbox's own rules and views. */
gpointer
cw_sandbox_world_peek (CwSandboxWorld *self,
                       CwSbKind        kind,
                       const char     *id)
{
  return id != NULL ? g_hash_table_lookup (self->resources[kind], id) : NULL;
}

void
cw_sandbox_world_remove (CwSandboxWorld *self,
                         gpointer        resource)
{
  CwSbResource *base = resource;

  g_hash_table_remove (self->resources[base->kind], base->id);
  g_ptr_array_remove (self->lists[base->kind], base);
}

GPtrArray *
cw_sandbox_world_list (CwSandboxWorld *self,
                       CwSbKind        kind)
{
  return self->lists[kind];
}

/* ---- addresses ---- */

gboolean
cw_sb_parse_ipv4 (const char *text,
                  guint32    *address)
{
  struct in_addr parsed;

  if (text == NULL || inet_pton (AF_INET, text, &parsed) != 1)
    return FALSE;
  *address = ntohl (parsed.s_addr);
  return TRUE;
}

char *
cw_sb_format_ipv4 (guint32 address)
{
  return g_strdup_printf ("%u.%u.%u.%u", address >> 24, address >> 16 & 0xff,
                          address >> 8 & 0xff, address & 0xff);
}

gboolean
cw_sb_parse_cidr (const char *text,
                  guint32    *network,
                  guint      *prefix)
{
  g_auto(GStrv) parts = text ? g_strsplit (text, "/", 2) : NULL;
  guint64 bits;
  char *end = NULL;

  if (parts == NULL || parts[0] == NULL || parts[1] == NULL || !cw_sb_parse_ipv4 (parts[0], network))
    return FALSE;
  bits = g_ascii_strtoull (parts[1], &end, 10);
  if (*parts[1] == '\0' || *end != '\0' || bits > 32)
    return FALSE;
  *prefix = (guint) bits;
  return TRUE;
}

static guint32
prefix_mask (guint prefix)
{
  return prefix == 0 ? 0 : 0xffffffffu << (32 - prefix);
}

gboolean
cw_sb_ip_in_cidr (const char *ip,
                  const char *cidr)
{
  guint32 address, network;
  guint prefix;

  return cw_sb_parse_ipv4 (ip, &address) && cw_sb_parse_cidr (cidr, &network, &prefix) &&
         (address & prefix_mask (prefix)) == (network & prefix_mask (prefix));
}

/* AWS keeps the first four addresses of a subnet and the last one. */
char *
cw_sandbox_world_allocate_ip (CwSandboxWorld *self,
                              CwSbSubnet     *subnet)
{
  guint32 network;
  guint prefix;
  guint32 size;

  if (!cw_sb_parse_cidr (subnet->cidr, &network, &prefix) || prefix > 28)
    return NULL;
  network &= prefix_mask (prefix);
  size = 1u << (32 - prefix);
  for (guint32 tried = 0; tried < size - 5; tried++)
    {
      guint32 host = 4 + (subnet->next_host + tried) % (size - 5);
      char *ip = cw_sb_format_ipv4 (network + host);

      if (!g_hash_table_contains (self->ips, ip))
        {
          subnet->next_host = host - 4 + 1;
          g_hash_table_add (self->ips, ip);
          return g_strdup (ip);
        }
      g_free (ip);
    }
  return NULL;
}

void
cw_sandbox_world_release_ip (CwSandboxWorld *self,
                             const char     *ip)
{
  g_hash_table_remove (self->ips, ip);
}

CwSbSubnet *
cw_sandbox_world_subnet_for_ip (CwSandboxWorld *self,
                                const char     *vpc_id,
                                const char     *ip)
{
  GPtrArray *subnets = self->lists[CW_SB_SUBNET];

  for (guint i = 0; i < subnets->len; i++)
    {
      CwSbSubnet *subnet = subnets->pdata[i];

      if (g_strcmp0 (subnet->vpc_id, vpc_id) == 0 && cw_sb_ip_in_cidr (ip, subnet->cidr))
        return subnet;
    }
  return NULL;
}

/* ---- page tokens ---- */

#define TOKEN_PREFIX "cw-sandbox:"

/* A page token carries the serial (or position) of the first item of the next page,
 * so a page stays right when resources come and go between two calls. It is base64url
 * without padding: nothing in it needs escaping in a query string, where an escaped
 * "=" would not match the URI that a Digest response signed. */
/* Base64 with the URL's alphabet and no padding (RFC 4648 §5), as page tokens and
 * PKCE challenges are written. */
char *
cw_sb_base64url (const guchar *data,
                 gsize         length)
{
  char *text = g_base64_encode (data, length);

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  text[strcspn (text, "=")] = '\0';
  return text;
}

char *
cw_sb_page_token_new (guint64 key)
{
  g_autofree char *plain = g_strdup_printf (TOKEN_PREFIX "%" G_GUINT64_FORMAT, key);

  return cw_sb_base64url ((const guchar *) plain, strlen (plain));
}

gboolean
cw_sb_page_token_parse (const char *token,
                        guint64    *key)
{
  g_autoptr(GString) padded = g_string_new (token);
  g_autofree guchar *decoded = NULL;
  g_autofree char *plain = NULL;
  gsize length = 0;
  char *end = NULL;

  g_strdelimit (padded->str, "-", '+');
  g_strdelimit (padded->str, "_", '/');
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');
  decoded = g_base64_decode (padded->str, &length);
  plain = g_strndup ((const char *) decoded, length);
  if (!g_str_has_prefix (plain, TOKEN_PREFIX))
    return FALSE;
  *key = g_ascii_strtoull (plain + strlen (TOKEN_PREFIX), &end, 10);
  return end != plain + strlen (TOKEN_PREFIX) && *end == '\0';
}

/* ---- counters ---- */

void
cw_sandbox_world_count_request (CwSandboxWorld *self,
                                const char     *service,
                                const char     *operation)
{
  char *key = g_strconcat (service, ".", operation, NULL);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->request_counts, key));

  g_hash_table_replace (self->request_counts, key, GUINT_TO_POINTER (count + 1));
}

GHashTable *
cw_sandbox_world_get_request_counts (CwSandboxWorld *self)
{
  return self->request_counts;
}

/* ---- tags ---- */

GPtrArray *
cw_sb_tags_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) tag_free);
}

void
cw_sb_tags_copy (GPtrArray *into,
                 GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      CwSbTag *tag = from->pdata[i];

      cw_sb_tags_set (into, tag->key, tag->value);
    }
}

void
cw_sb_tags_set (GPtrArray  *tags,
                const char *key,
                const char *value)
{
  CwSbTag *tag;

  for (guint i = 0; i < tags->len; i++)
    {
      tag = tags->pdata[i];
      if (g_str_equal (tag->key, key))
        {
          g_free (tag->value);
          tag->value = g_strdup (value ? value : "");
          return;
        }
    }
  tag = g_new0 (CwSbTag, 1);
  tag->key = g_strdup (key);
  tag->value = g_strdup (value ? value : "");
  g_ptr_array_add (tags, tag);
}

/* ---- regions and zones ---- */

static const CwSbZone zones[] = {
  { "us-east-1", "us-east-1a", "use1-az4" },
  { "us-east-1", "us-east-1b", "use1-az6" },
  { "us-east-1", "us-east-1c", "use1-az1" },
  { "us-east-1", "us-east-1d", "use1-az2" },
  { "us-east-1", "us-east-1e", "use1-az3" },
  { "us-east-1", "us-east-1f", "use1-az5" },
  { "us-west-2", "us-west-2a", "usw2-az2" },
  { "us-west-2", "us-west-2b", "usw2-az1" },
  { "us-west-2", "us-west-2c", "usw2-az3" },
  { "us-west-2", "us-west-2d", "usw2-az4" },
  { "eu-central-1", "eu-central-1a", "euc1-az2" },
  { "eu-central-1", "eu-central-1b", "euc1-az3" },
  { "eu-central-1", "eu-central-1c", "euc1-az1" },
};

const CwSbZone *
cw_sb_zones (guint *n_zones)
{
  *n_zones = G_N_ELEMENTS (zones);
  return zones;
}

gboolean
cw_sb_region_is_known (const char *region)
{
  for (guint i = 0; region != NULL && i < G_N_ELEMENTS (zones); i++)
    if (g_str_equal (zones[i].region, region))
      return TRUE;
  return FALSE;
}

const char *
cw_sb_zone_id (const char *zone_name)
{
  for (guint i = 0; zone_name != NULL && i < G_N_ELEMENTS (zones); i++)
    if (g_str_equal (zones[i].zone_name, zone_name))
      return zones[i].zone_id;
  return NULL;
}

const char *
cw_sb_zone_name (const char *zone_id)
{
  for (guint i = 0; zone_id != NULL && i < G_N_ELEMENTS (zones); i++)
    if (g_str_equal (zones[i].zone_id, zone_id))
      return zones[i].zone_name;
  return NULL;
}
