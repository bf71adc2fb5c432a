/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `causeway-cli watch` against the sandbox (DESIGN.md §13): a failover, caused through
 * the control endpoint, is reported in the first cycle after it and repaired with
 * --repair, a link made by hand is reported and never repaired, and a cycle over a
 * thousand unchanged links costs at most 15 requests, as the sandbox counts them. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "cw-link-activity.h"
#include "cw-link-watcher.h"
#include "cw-provisioner.h"
#include "cw-test-sandbox.h"

#define TIME_SCALE 0.01
#define WATCH_EXIT_PROBLEM 3
#define MAX_UNCHANGED_CYCLE_REQUESTS 15

/* Each test starts without what an earlier one's watcher saw. */
static void
forget_watching (void)
{
  g_autofree char *state = cw_link_watcher_dup_default_state_path ();
  g_autofree char *activity = cw_link_activity_dup_default_path ();

  g_unlink (state);
  g_unlink (activity);
}

/* The JSON lines `watch --output json` printed. */
static GPtrArray *
parse_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *node;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_ptr_array_add (events, node);
    }
  return events;
}

static JsonObject *
find_event (GPtrArray  *events,
            const char *member,
            const char *value)
{
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = json_node_get_object (g_ptr_array_index (events, i));

      if (g_strcmp0 (json_object_get_string_member_with_default (event, member, NULL), value) == 0)
        return event;
    }
  return NULL;
}

static GPtrArray *
watch_once (CwTestSandbox *sb,
            gboolean       repair,
            int           *status,
            char         **errors)
{
  g_autofree char *out = cw_test_run_cli (sb, status, errors, "watch", "--once", "--output", "json",
                                          repair ? "--repair" : NULL, NULL);

  return parse_lines (out);
}

static void
failover (CwTestSandbox *sb,
          const char    *database)
{
  g_autofree char *path = g_strdup_printf ("failover?database=%s", database);
  g_autoptr(JsonNode) answer = cw_test_sandbox_control (sb, "POST", path);

  g_assert_nonnull (answer);
  cw_test_sandbox_write_hosts (sb);
}

static void
assert_string (JsonObject *object,
               const char *member,
               const char *value)
{
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member_with_default (object, member, NULL), ==, value);
}

static void
test_failover_is_seen_and_repaired (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *hand_made_id = NULL;
  g_autofree char *hand_made_status = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *activity_path = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) drifted = NULL;
  g_autoptr(GPtrArray) repaired = NULL;
  g_autoptr(JsonNode) links = NULL;
  JsonObject *event;
  int status;

  forget_watching ();
  out = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql",
                         "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  link_id = cw_test_only_link_id ();
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  links = cw_test_run_cli_json (sb, "links", "--cluster", CW_TEST_CLUSTER_ID, NULL);
  hand_made_id = g_strdup (json_object_get_string_member (cw_test_find_object (links, "displayName",
                                                                               "orders (set up by hand)"),
                                                          "privateLinkConnectionId"));

  /* The first cycle checks in full: the new link is healthy, nothing to say of it. */
  before = watch_once (sb, FALSE, &status, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (find_event (before, "linkId", link_id));

  failover (sb, "orders-mysql");
  drifted = watch_once (sb, FALSE, &status, &errors);
  g_assert_cmpint (status, ==, WATCH_EXIT_PROBLEM);
  event = find_event (drifted, "linkId", link_id);
  assert_string (event, "from", "Healthy");
  assert_string (event, "to", "Drifted");
  assert_string (event, "action", CW_WATCH_ACTION_NONE);
  assert_string (event, "by", NULL);
  g_assert_nonnull (json_object_get_string_member (event, "time"));
  event = find_event (drifted, "linkId", hand_made_id);
  assert_string (event, "to", "Drifted");
  assert_string (event, "action", CW_WATCH_ACTION_NOT_MANAGED);
  g_assert_nonnull (strstr (errors, "requests"));
  g_clear_pointer (&errors, g_free);

  repaired = watch_once (sb, TRUE, &status, &errors);
  g_assert_cmpint (status, ==, 0);
  event = find_event (repaired, "linkId", link_id);
  assert_string (event, "from", "Drifted");
  assert_string (event, "action", CW_WATCH_ACTION_RESYNCED);
  assert_string (event, "by", "automatic repair");
  g_assert_nonnull (strstr (json_object_get_string_member (event, "what"), "orders-mysql moved to"));
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));

  /* A repaired link is looked at again until it is healthy, its DNS unchanged. */
  if (g_strcmp0 (json_object_get_string_member (event, "to"), "Healthy") != 0)
    {
      g_autoptr(GPtrArray) recovered = watch_once (sb, FALSE, &status, NULL);

      g_assert_cmpint (status, ==, 0);
      assert_string (find_event (recovered, "linkId", link_id), "to", "Healthy");
    }

  /* The link made by hand is told of, never touched. */
  g_assert_null (find_event (repaired, "linkId", hand_made_id));
  hand_made_status = cw_test_link_status (sb, "privateLinkConnectionId", hand_made_id, NULL);
  g_assert_cmpstr (hand_made_status, ==, "Drifted");

  /* Its timeline says what happened and who did it, and holds no secret. */
  activity_path = cw_link_activity_dup_default_path ();
  g_assert_true (g_file_get_contents (activity_path, &activity, NULL, NULL));
  g_assert_nonnull (strstr (activity, link_id));
  g_assert_nonnull (strstr (activity, "automatic repair"));
  cw_test_assert_no_secret (sb, activity);
  cw_test_sandbox_free (sb);
}

static void
test_unchanged_large_cycle_is_cheap (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new_scenario (TIME_SCALE, NULL, "large");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *errors = NULL;
  guint before;
  guint after;
  int status;

  forget_watching ();
  first = cw_test_run_cli (sb, &status, NULL, "watch", "--once", NULL);
  g_assert_cmpint (status, ==, WATCH_EXIT_PROBLEM);  /* the scenario's failed links */
  before = cw_test_sandbox_count_requests (sb);
  second = cw_test_run_cli (sb, &status, &errors, "watch", "--once", NULL);
  after = cw_test_sandbox_count_requests (sb);
  g_test_message ("an unchanged cycle over the large scenario: %u requests (%s)", after - before, errors);
  g_assert_cmpuint (after - before, <=, MAX_UNCHANGED_CYCLE_REQUESTS);
  g_assert_cmpstr (second, ==, "");
  cw_test_sandbox_free (sb);
}

typedef struct {
  CwTestSandbox *sb;
  char          *link_id;
  gboolean       seen_pending;
} BeingMade;

/* While the run waits on its acceptance (held by the sandbox), the watch sees the link
 * for the first time, pending. */
static void
watch_while_pending (GSubprocess *process,
                     gpointer     user_data)
{
  BeingMade *made = user_data;

  for (guint i = 0; i < 40 && !made->seen_pending; i++)
    {
      g_autofree char *status = NULL;

      g_clear_pointer (&made->link_id, g_free);
      made->link_id = cw_test_only_link_id ();
      status = made->link_id ? cw_test_link_status (made->sb, "linkId", made->link_id, NULL) : NULL;
      if (g_strcmp0 (status, "Pending acceptance") == 0)
        {
          g_autoptr(GPtrArray) events = NULL;
          int exit_status;

          events = watch_once (made->sb, FALSE, &exit_status, NULL);
          assert_string (find_event (events, "linkId", made->link_id), "to", "Pending acceptance");
          made->seen_pending = TRUE;
        }
      else
        g_usleep (G_USEC_PER_SEC / 4);
    }
}

/* A link first seen while it is being made is followed until it is done: no cheap
 * signal shows its endpoint accepted on the service, yet the watch tells it is healthy
 * within a few cycles, not at the next full check an hour later. */
static void
test_link_seen_being_made_is_followed (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, "delay:ec2.AcceptVpcEndpointConnections:ms=6000");
  const char * const apply[] = { "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql", "--yes",
                                 NULL };
  BeingMade made = { sb, NULL, FALSE };
  JsonObject *healthy = NULL;
  int status;

  forget_watching ();
  g_assert_true (cw_test_run_cli_at (sb, CW_STEP_ACCEPT, "running", watch_while_pending, &made, apply, &status));
  g_assert_cmpint (status, ==, 0);
  g_assert_true (made.seen_pending);
  g_assert_true (cw_test_eventually_status (sb, "linkId", made.link_id, "Healthy"));
  for (guint cycle = 0; cycle < 5 && healthy == NULL; cycle++)
    {
      g_autoptr(GPtrArray) events = watch_once (sb, FALSE, &status, NULL);
      JsonObject *event = find_event (events, "linkId", made.link_id);

      if (event != NULL && g_strcmp0 (json_object_get_string_member (event, "to"), "Healthy") == 0)
        healthy = json_object_ref (event);
      else
        g_assert_cmpint (status, ==, WATCH_EXIT_PROBLEM);
    }
  g_assert_nonnull (healthy);
  json_object_unref (healthy);
  g_free (made.link_id);
  cw_test_sandbox_free (sb);
}

/* A watcher that runs on cycles at its interval; Ctrl+C ends it at once, cleanly. */
static void
test_interrupt_stops_cleanly (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  const char * const arguments[] = { "watch", "--interval", "1", NULL };
  g_autoptr(GSubprocess) watcher = NULL;
  g_autoptr(GDataInputStream) errors = NULL;
  g_autoptr(GError) error = NULL;
  guint summaries = 0;

  forget_watching ();
  watcher = cw_test_spawn_cli (sb, arguments);
  errors = g_data_input_stream_new (g_subprocess_get_stderr_pipe (watcher));
  while (summaries < 2)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (errors, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "watch:"))
        summaries++;
    }
  g_subprocess_send_signal (watcher, SIGINT);
  g_assert_true (g_subprocess_wait (watcher, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (watcher));
  g_assert_cmpint (g_subprocess_get_exit_status (watcher), ==, 0);
  cw_test_sandbox_free (sb);
}

/* A database added to a link moves: the watch sees it through its name, says so, and
 * repairs that database's target, not the link's own. */
static void
test_added_database_failover_repaired (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *out = NULL;
  g_autofree char *added = NULL;
  g_autofree char *link_id = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) drifted = NULL;
  g_autoptr(GPtrArray) repaired = NULL;
  JsonObject *event;
  int status;

  forget_watching ();
  out = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", "orders-mysql",
                         "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  link_id = cw_test_only_link_id ();
  added = cw_test_run_cli (sb, &status, NULL, "apply", "--add-to", link_id, "--database", "billing-mysql", "--yes",
                           NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  before = watch_once (sb, FALSE, &status, NULL);
  g_assert_cmpint (status, ==, 0);

  failover (sb, "billing-mysql");
  drifted = watch_once (sb, FALSE, &status, NULL);
  g_assert_cmpint (status, ==, WATCH_EXIT_PROBLEM);
  event = find_event (drifted, "linkId", link_id);
  assert_string (event, "to", "Drifted");
  g_assert_nonnull (strstr (json_object_get_string_member (event, "what"), "billing-mysql on port 3307"));

  repaired = watch_once (sb, TRUE, &status, NULL);
  g_assert_cmpint (status, ==, 0);
  event = find_event (repaired, "linkId", link_id);
  assert_string (event, "action", CW_WATCH_ACTION_RESYNCED);
  g_assert_nonnull (strstr (json_object_get_string_member (event, "what"), "billing-mysql moved to"));
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  cw_test_sandbox_free (sb);
}

int
main (int    argc,
      char **argv)
{
  cw_test_init (&argc, &argv);
  g_test_add_func ("/watch/failover-seen-and-repaired", test_failover_is_seen_and_repaired);
  g_test_add_func ("/watch/added-database-failover-repaired", test_added_database_failover_repaired);
  g_test_add_func ("/watch/link-seen-being-made-is-followed", test_link_seen_being_made_is_followed);
  g_test_add_func ("/watch/unchanged-large-cycle-is-cheap", test_unchanged_large_cycle_is_cheap);
  g_test_add_func ("/watch/interrupt-stops-cleanly", test_interrupt_stops_cleanly);
  return g_test_run ();
}
