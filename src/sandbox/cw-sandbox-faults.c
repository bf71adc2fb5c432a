/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-faults.c */
#define G_LOG_DOMAIN "cw-sandbox-faults"

#include "config.h"

#include "cw-sandbox.h"
#include "cw-sandbox-faults.h"

#define DEFAULT_DELAY_MS  2000
#define DEFAULT_LAG_READS 2

typedef enum {
  KIND_THROTTLE,
  KIND_SERVER_ERROR,
  KIND_DROP,
  KIND_DELAY,
  KIND_LAG,
  KIND_FAILOVER,
} Kind;

typedef struct {
  Kind    kind;
  char   *service;     /* NULL: any */
  char   *operation;   /* NULL: any */
  guint   count;       /* 0: no limit (a probability rule) */
  double  probability;
  guint   after;       /* matching requests let through first */
  guint   status;
  guint   delay_ms;
  guint   lag_reads;
  double  at;          /* failover: realistic seconds from now */
  guint   seen;
  guint   fired;
} Rule;

struct _CwSandboxFaults
{
  GObject         parent_instance;
  GMutex          mutex;
  CwSandboxWorld *world;
  GRand          *rand;
  GPtrArray      *rules;
};

G_DEFINE_FINAL_TYPE (CwSandboxFaults, cw_sandbox_faults, G_TYPE_OBJECT)

static void
rule_free (Rule *rule)
{
  g_free (rule->service);
  g_free (rule->operation);
  g_free (rule);
}

static void
cw_sandbox_faults_finalize (GObject *object)
{
  CwSandboxFaults *self = CW_SANDBOX_FAULTS (object);

  g_ptr_array_unref (self->rules);
  g_rand_free (self->rand);
  g_clear_object (&self->world);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (cw_sandbox_faults_parent_class)->finalize (object);
}

static void
cw_sandbox_faults_class_init (CwSandboxFaultsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_sandbox_faults_finalize;
}

static void
cw_sandbox_faults_init (CwSandboxFaults *self)
{
  g_mutex_init (&self->mutex);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
}

CwSandboxFaults *
cw_sandbox_faults_new (CwSandboxWorld *world,
                       guint32         seed)
{
  CwSandboxFaults *self = g_object_new (CW_TYPE_SANDBOX_FAULTS, NULL);

  self->world = g_object_ref (world);
  /* Its own stream: faults drawn do not shift the ids the world draws. */
  self->rand = g_rand_new_with_seed (seed ^ 0x5eed5eedu);
  return self;
}

static const struct {
  const char *name;
  Kind        kind;
} kinds[] = {
  { "throttle", KIND_THROTTLE },
  { "5xx", KIND_SERVER_ERROR },
  { "drop", KIND_DROP },
  { "delay", KIND_DELAY },
  { "lag", KIND_LAG },
  { "failover", KIND_FAILOVER },
};

static const struct {
  const char *alias;
  const char *service;
} services[] = {
  { "ec2", "ec2" },
  { "elbv2", "elasticloadbalancing" },
  { "elasticloadbalancing", "elasticloadbalancing" },
  { "rds", "rds" },
  { "sts", "sts" },
  { "pricing", "pricing" },
  { "sso-oidc", "sso-oidc" },
  { "sso", "sso" },
  { "tidb", "tidb" },
};

static Rule *
invalid (GError    **error,
         const char *rule,
         const char *why)
{
  g_set_error (error, CW_SANDBOX_ERROR, CW_SANDBOX_ERROR_INVALID_OPTION,
               "Fault rule “%s”: %s", rule, why);
  return NULL;
}

static gboolean
parse_kind (Rule       *rule,
            const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, name))
      {
        rule->kind = kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

/* "ec2", "elbv2.CreateListener", "*" */
static gboolean
parse_target (Rule       *rule,
              const char *target)
{
  g_auto(GStrv) parts = g_strsplit (target, ".", 2);

  if (rule->kind == KIND_FAILOVER)
    {
      rule->service = g_strdup (target);
      return TRUE;
    }
  if (g_str_equal (target, "*"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (g_str_equal (services[i].alias, parts[0]))
      {
        rule->service = g_strdup (services[i].service);
        if (parts[1] != NULL && !g_str_equal (parts[1], "*"))
          rule->operation = g_strdup (parts[1]);
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_number (const char *text,
              double      min,
              double      max,
              double     *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  return *text != '\0' && *end == '\0' && *value >= min && *value <= max;
}

static gboolean
parse_parameter (Rule       *rule,
                 const char *name,
                 const char *text)
{
  double value;

  if (g_str_equal (name, "p"))
    return parse_number (text, 0.0, 1.0, &rule->probability);
  if (!parse_number (text, 0.0, G_MAXUINT32, &value))
    return FALSE;
  if (g_str_equal (name, "count") && value >= 1)
    rule->count = (guint) value;
  else if (g_str_equal (name, "after"))
    rule->after = (guint) value;
  else if (g_str_equal (name, "ms"))
    rule->delay_ms = (guint) value;
  else if (g_str_equal (name, "reads") && value >= 1)
    rule->lag_reads = (guint) value;
  else if (g_str_equal (name, "status") && value >= 500 && value <= 599)
    rule->status = (guint) value;
  else if (g_str_equal (name, "at"))
    rule->at = value;
  else
    return FALSE;
  return TRUE;
}

static Rule *
parse_rule (const char  *text,
            GError     **error)
{
  g_auto(GStrv) fields = g_strsplit (text, ":", -1);
  g_autoptr(GPtrArray) guard = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  Rule *rule = g_new0 (Rule, 1);

  g_ptr_array_add (guard, rule);
  rule->status = 503;
  rule->delay_ms = DEFAULT_DELAY_MS;
  rule->lag_reads = DEFAULT_LAG_READS;
  if (!parse_kind (rule, fields[0]))
    return invalid (error, text, "the kind must be throttle, 5xx, drop, delay, lag or failover");
  for (guint i = 1; fields[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (fields[i], "=", 2);

      if (pair[1] == NULL && i == 1)
        {
          if (!parse_target (rule, fields[i]))
            return invalid (error, text, "the target must be *, or ec2, elbv2, rds, sts, pricing, sso-oidc, sso or tidb, optionally followed by .Operation");
        }
      else if (pair[1] == NULL || !parse_parameter (rule, pair[0], pair[1]))
        return invalid (error, text, "parameters are count=N, p=0..1, after=N, ms=N, reads=N, status=5xx, at=SECONDS");
    }
  if (rule->kind == KIND_FAILOVER && rule->service == NULL)
    return invalid (error, text, "a failover names the database: failover:DB-IDENTIFIER");
  if (rule->count == 0 && rule->probability == 0.0)
    rule->count = 1;
  return g_ptr_array_steal_index (guard, 0);
}

static gboolean
schedule_failover (CwSandboxFaults  *self,
                   Rule             *rule,
                   GError          **error)
{
  gboolean known;

  cw_sandbox_world_lock (self->world);
  known = cw_sandbox_world_peek (self->world, CW_SB_DB_INSTANCE, rule->service) != NULL ||
          cw_sandbox_world_peek (self->world, CW_SB_DB_CLUSTER, rule->service) != NULL;
  if (known)
    cw_sandbox_world_schedule (self->world, cw_sandbox_world_after (self->world, rule->at),
                               CW_SB_EVENT_FAILOVER, rule->service, NULL);
  cw_sandbox_world_unlock (self->world);
  if (!known)
    g_set_error (error, CW_SANDBOX_ERROR, CW_SANDBOX_ERROR_NOT_FOUND,
                 "No database instance or cluster is called %s", rule->service);
  return known;
}

/* Either every rule of @spec is added, or none. */
gboolean
cw_sandbox_faults_add (CwSandboxFaults  *self,
                       const char       *spec,
                       GError          **error)
{
  g_auto(GStrv) texts = g_strsplit (spec, ",", -1);
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (texts[i]));
      Rule *rule;

      if (*text == '\0')
        continue;
      rule = parse_rule (text, error);
      if (rule == NULL)
        return FALSE;
      g_ptr_array_add (parsed, rule);
    }
  for (guint i = 0; i < parsed->len; i++)
    {
      Rule *rule = parsed->pdata[i];

      if (rule->kind == KIND_FAILOVER && !schedule_failover (self, rule, error))
        return FALSE;
    }
  g_mutex_lock (&self->mutex);
  while (parsed->len > 0)
    {
      Rule *rule = g_ptr_array_steal_index (parsed, 0);

      if (rule->kind == KIND_FAILOVER)
        rule_free (rule);
      else
        g_ptr_array_add (self->rules, rule);
    }
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

void
cw_sandbox_faults_clear (CwSandboxFaults *self)
{
  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->rules, 0);
  g_mutex_unlock (&self->mutex);
}

static gboolean
rule_matches (Rule       *rule,
              const char *service,
              const char *operation)
{
  return (rule->service == NULL || g_str_equal (rule->service, service)) &&
         (rule->operation == NULL || g_str_equal (rule->operation, operation));
}

static gboolean
rule_fires (CwSandboxFaults *self,
            Rule            *rule)
{
  if (++rule->seen <= rule->after)
    return FALSE;
  if (rule->count > 0 && rule->fired >= rule->count)
    return FALSE;
  if (rule->probability > 0.0 && g_rand_double (self->rand) >= rule->probability)
    return FALSE;
  rule->fired++;
  return TRUE;
}

static void
apply_rule (Rule              *rule,
            CwSbFaultDecision *decision)
{
  switch (rule->kind)
    {
    case KIND_DELAY:
      decision->delay_ms += rule->delay_ms;
      break;
    case KIND_LAG:
      decision->lag_reads = MAX (decision->lag_reads, rule->lag_reads);
      break;
    case KIND_THROTTLE:
      decision->action = CW_SB_FAULT_THROTTLE;
      break;
    case KIND_SERVER_ERROR:
      decision->action = CW_SB_FAULT_SERVER_ERROR;
      decision->status = rule->status;
      break;
    case KIND_DROP:
      decision->action = CW_SB_FAULT_DROP;
      break;
    case KIND_FAILOVER:
    default:
      g_assert_not_reached ();
    }
}

/* What happens to one request. An error, a throttle or a drop excludes the others
 * (the first rule that fires wins); delays add up. */
CwSbFaultDecision
cw_sandbox_faults_decide (CwSandboxFaults *self,
                          const char      *service,
                          const char      *operation)
{
  CwSbFaultDecision decision = { CW_SB_FAULT_NONE, 0, 0, 0 };

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = self->rules->pdata[i];
      gboolean excluded = decision.action != CW_SB_FAULT_NONE &&
                          (rule->kind == KIND_THROTTLE || rule->kind == KIND_SERVER_ERROR || rule->kind == KIND_DROP);

      if (!excluded && rule_matches (rule, service, operation) && rule_fires (self, rule))
        apply_rule (rule, &decision);
    }
  g_mutex_unlock (&self->mutex);
  return decision;
}
