/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-target-health.c */
#define G_LOG_DOMAIN "cw-target-health"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-target-health.h"

/* Explains AWS's reason code @reason, followed by the code itself (which is what a search
 * of AWS's documentation wants); a code not known here is given as it is. NULL when there
 * is no reason. */
char *
cw_target_health_explain (const char *reason)
{
  static const struct {
    const char *code;
    const char *words;
  } reasons[] = {
    { "Elb.RegistrationInProgress", N_("The target is being registered.") },
    { "Elb.InitialHealthChecking", N_("The load balancer is running its first health checks on the target.") },
    { "Elb.InternalError", N_("AWS could not check the target because of an internal error; it usually clears by itself.") },
    { "Target.Timeout", N_("The database did not answer the health checks in time: its security group may not admit the load balancer.") },
    { "Target.FailedHealthChecks", N_("The health checks fail: the load balancer cannot open a connection to the database at this address. The database may have moved (re-sync the target), the load balancer’s security group may not let the database port out to it, or the database’s security group may not admit the load balancer.") },
    { "Target.NotRegistered", N_("The target is not registered in the target group.") },
    { "Target.NotInUse", N_("The target is not in use: no listener forwards to the target group, or the target sits in a zone the load balancer does not serve and cross-zone load balancing is off.") },
    { "Target.DeregistrationInProgress", N_("The target is being deregistered.") },
    { "Target.InvalidState", N_("The target is stopped or terminated.") },
    { "Target.IpUnusable", N_("The address cannot be a target: a load balancer uses it.") },
    { "Target.HealthCheckDisabled", N_("Health checks are turned off for the target group.") },
    { "Target.ResponseCodeMismatch", N_("The target answered the health checks with an unexpected code.") },
  };

  if (reason == NULL || *reason == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_str_equal (reason, reasons[i].code))
      /* Translators: an explanation, then AWS's reason code */
      return g_strdup_printf (_("%s (%s)"), _(reasons[i].words), reason);
  return g_strdup_printf (_("AWS gives the reason code %s."), reason);
}
