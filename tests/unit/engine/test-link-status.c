/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of a link's derived status (DESIGN.md §4.3): each state of the clouds
 * gives its status and a reason that says why. */
#include "config.h"

#include <string.h>

#include "cw-link.h"

/* A link as the inventory joins a healthy one. */
static CwLink *
healthy_link (void)
{
  CwLink *link = cw_link_new ();

  cw_link_set (link, CW_LINK_PRIVATE_LINK_ID, "plc-1");
  cw_link_set (link, CW_LINK_TIDB_STATE, "ACTIVE");
  cw_link_set (link, CW_LINK_ENDPOINT_ID, "vpce-1");
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_NAME, "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0");
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_ID, "vpce-svc-0123456789abcdef0");
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_STATE, "Available");
  cw_link_set (link, CW_LINK_CONNECTION_STATE, "available");
  cw_link_set (link, CW_LINK_LOAD_BALANCER_ARN, "arn:lb");
  cw_link_set (link, CW_LINK_LOAD_BALANCER_STATE, "active");
  cw_link_set (link, CW_LINK_TARGET_GROUP_ARN, "arn:tg");
  cw_link_set_listener (link, TRUE);
  cw_link_set (link, CW_LINK_REGISTERED_IP, "10.0.1.5");
  cw_link_set (link, CW_LINK_TARGET_HEALTH, "healthy");
  cw_link_set (link, CW_LINK_DATABASE_ID, "orders");
  cw_link_set (link, CW_LINK_DATABASE_IP, "10.0.1.5");
  cw_link_set_databases_known (link, TRUE);
  return link;
}

static void
assert_status (CwLink       *link,
               CwLinkStatus  status,
               const char   *reason_part)
{
  const char * const *reasons;

  cw_link_update_status (link);
  reasons = cw_link_get_reasons (link);
  if (cw_link_get_status (link) != status)
    g_error ("status %s, expected %s (%s)", cw_link_status_to_string (cw_link_get_status (link)),
             cw_link_status_to_string (status), reasons[0] ? reasons[0] : "no reason");
  if (reason_part == NULL)
    g_assert_null (reasons[0]);
  else
    {
      g_autofree char *all = g_strjoinv (" ", (char **) reasons);

      g_assert_nonnull (reasons[0]);
      g_assert_nonnull (strstr (all, reason_part));
    }
}

static void
test_healthy (void)
{
  g_autoptr(CwLink) link = healthy_link ();

  assert_status (link, CW_LINK_HEALTHY, NULL);
  g_assert_cmpstr (cw_link_status_to_string (CW_LINK_HEALTHY), ==, "Healthy");
  g_assert_false (cw_link_get_managed (link));
  cw_link_set (link, CW_LINK_LINK_ID, "2f1c6a8e-4b1d-4c3a-9a51-3f8f1b2d7e01");
  g_assert_true (cw_link_get_managed (link));
  g_assert_cmpstr (cw_link_get_id (link), ==, "2f1c6a8e-4b1d-4c3a-9a51-3f8f1b2d7e01");
}

static void
test_pending_acceptance (void)
{
  g_autoptr(CwLink) link = healthy_link ();

  cw_link_set (link, CW_LINK_TIDB_STATE, "PENDING_ACCEPTANCE");
  cw_link_set (link, CW_LINK_CONNECTION_STATE, "pendingAcceptance");
  assert_status (link, CW_LINK_PENDING_ACCEPTANCE, "vpce-1");
  g_assert_cmpstr (cw_link_status_to_string (CW_LINK_PENDING_ACCEPTANCE), ==, "Pending acceptance");
}

static void
test_drifted_ip (void)
{
  g_autoptr(CwLink) link = healthy_link ();

  cw_link_set (link, CW_LINK_DATABASE_IP, "10.0.2.9");
  cw_link_set (link, CW_LINK_TARGET_HEALTH, "unhealthy");
  cw_link_set (link, CW_LINK_TARGET_HEALTH_REASON, "Target.FailedHealthChecks");
  assert_status (link, CW_LINK_DRIFTED, "10.0.2.9");
}

static void
test_drifted_orphan_target (void)
{
  g_autoptr(CwLink) link = healthy_link ();

  cw_link_set (link, CW_LINK_DATABASE_ID, NULL);
  cw_link_set (link, CW_LINK_DATABASE_IP, NULL);
  assert_status (link, CW_LINK_DRIFTED, "no longer");
  /* Without every database's address, nothing can be said about drift. */
  cw_link_set_databases_known (link, FALSE);
  assert_status (link, CW_LINK_HEALTHY, NULL);
}

static void
test_broken (void)
{
  g_autoptr(CwLink) failed = healthy_link ();
  g_autoptr(CwLink) no_service = healthy_link ();
  g_autoptr(CwLink) unhealthy = healthy_link ();
  g_autoptr(CwLink) no_listener = healthy_link ();
  g_autoptr(CwLink) stopped_run = cw_link_new ();

  cw_link_set (failed, CW_LINK_TIDB_STATE, "FAILED");
  cw_link_set (failed, CW_LINK_TIDB_MESSAGE, "principal not allowed");
  assert_status (failed, CW_LINK_BROKEN, "principal not allowed");
  cw_link_set (no_service, CW_LINK_ENDPOINT_SERVICE_ID, NULL);
  assert_status (no_service, CW_LINK_BROKEN, "vpce-svc-0123456789abcdef0");
  cw_link_set (unhealthy, CW_LINK_TARGET_HEALTH, "unhealthy");
  cw_link_set (unhealthy, CW_LINK_TARGET_HEALTH_REASON, "Target.Timeout");
  assert_status (unhealthy, CW_LINK_BROKEN, "Target.Timeout");
  cw_link_set_listener (no_listener, FALSE);
  assert_status (no_listener, CW_LINK_BROKEN, "listener");
  cw_link_set (stopped_run, CW_LINK_LINK_ID, "2f1c6a8e-4b1d-4c3a-9a51-3f8f1b2d7e01");
  cw_link_set (stopped_run, CW_LINK_RUN_ERROR, "Throttled.");
  assert_status (stopped_run, CW_LINK_BROKEN, "Throttled.");
}

static void
test_degraded (void)
{
  g_autoptr(CwLink) initial = healthy_link ();
  g_autoptr(CwLink) provisioning = healthy_link ();

  cw_link_set (initial, CW_LINK_TARGET_HEALTH, "initial");
  cw_link_set (initial, CW_LINK_TARGET_HEALTH_DESCRIPTION, "Initial health checks in progress");
  assert_status (initial, CW_LINK_DEGRADED, "Initial health checks");
  cw_link_set (provisioning, CW_LINK_LOAD_BALANCER_STATE, "provisioning");
  assert_status (provisioning, CW_LINK_DEGRADED, "provisioning");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/link-status/healthy", test_healthy);
  g_test_add_func ("/engine/link-status/pending-acceptance", test_pending_acceptance);
  g_test_add_func ("/engine/link-status/drifted-ip", test_drifted_ip);
  g_test_add_func ("/engine/link-status/drifted-orphan-target", test_drifted_orphan_target);
  g_test_add_func ("/engine/link-status/broken", test_broken);
  g_test_add_func ("/engine/link-status/degraded", test_degraded);
  return g_test_run ();
}
