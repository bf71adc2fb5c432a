/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the links' timelines (DESIGN.md §13): what is appended is read back per
 * link, oldest first, with who did it; the file is private, holds the event's words and
 * nothing else of the link (no secret can reach it), and a long timeline keeps its
 * latest entries; the watcher's saved links come back with the same status. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cw-link-activity.h"
#include "cw-link.h"

static char *state_dir;

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
append_events (CwLinkActivity *activity,
               GPtrArray      *events)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cw_link_activity_append_async (activity, events, NULL, store_result, &result);
  g_assert_true (cw_link_activity_append_finish (activity, wait_for (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
read_timeline (CwLinkActivity *activity,
               const char     *link_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  cw_link_activity_read_async (activity, link_id, NULL, store_result, &result);
  events = cw_link_activity_read_finish (activity, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (events);
  return events;
}

static CwLinkActivity *
fresh_activity (void)
{
  g_autofree char *path = g_build_filename (state_dir, "causeway", "activity.json", NULL);

  g_unlink (path);
  return cw_link_activity_new (path);
}

static void
test_append_and_read_back (void)
{
  g_autoptr(CwLinkActivity) activity = fresh_activity ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_link_event_free);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_link_event_free);
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) billing = NULL;
  g_autoptr(GPtrArray) nothing = NULL;
  CwLinkEvent *event;

  g_ptr_array_add (first, cw_link_event_new ("link-orders", "orders-mysql", 1000, "Healthy", "Drifted",
                                             "The database orders-mysql moved to 10.0.1.7.", "none",
                                             CW_LINK_ACTOR_NONE));
  g_ptr_array_add (first, cw_link_event_new ("link-billing", "billing", 1000, NULL, "Broken", "No target.", "resynced",
                                             CW_LINK_ACTOR_USER));
  append_events (activity, first);
  g_ptr_array_add (second, cw_link_event_new ("link-orders", "orders-mysql", 1060, "Drifted", "Degraded",
                                              "orders-mysql moved to 10.0.1.7; the link was re-synced at 14:02.",
                                              "resynced", CW_LINK_ACTOR_AUTOMATIC_REPAIR));
  append_events (activity, second);

  orders = read_timeline (activity, "link-orders");
  g_assert_cmpuint (orders->len, ==, 2);
  event = g_ptr_array_index (orders, 0);
  g_assert_cmpint (event->time, ==, 1000);
  g_assert_cmpstr (event->from, ==, "Healthy");
  g_assert_cmpstr (event->to, ==, "Drifted");
  g_assert_cmpint (event->by, ==, CW_LINK_ACTOR_NONE);
  event = g_ptr_array_index (orders, 1);
  g_assert_cmpstr (event->link_id, ==, "link-orders");
  g_assert_cmpstr (event->name, ==, "orders-mysql");
  g_assert_cmpstr (event->action, ==, "resynced");
  g_assert_cmpstr (event->what, ==, "orders-mysql moved to 10.0.1.7; the link was re-synced at 14:02.");
  g_assert_cmpint (event->by, ==, CW_LINK_ACTOR_AUTOMATIC_REPAIR);

  billing = read_timeline (activity, "link-billing");
  g_assert_cmpuint (billing->len, ==, 1);
  g_assert_null (((CwLinkEvent *) g_ptr_array_index (billing, 0))->from);
  g_assert_cmpint (((CwLinkEvent *) g_ptr_array_index (billing, 0))->by, ==, CW_LINK_ACTOR_USER);
  nothing = read_timeline (activity, "no-such-link");
  g_assert_cmpuint (nothing->len, ==, 0);
}

/* The file holds the events' members only: whatever a link knows (a journal's secrets
 * included) has no way into it. */
static void
test_file_is_private_and_holds_no_secret (void)
{
  g_autoptr(CwLinkActivity) activity = fresh_activity ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_link_event_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  static const char * const allowed[] = { "time", "name", "from", "to", "what", "action", "by", NULL };
  g_autoptr(GList) members = NULL;
  JsonObject *links;
  JsonArray *timeline;
  GStatBuf buf;

  g_ptr_array_add (events, cw_link_event_new ("link-orders", "orders-mysql", 42, "Healthy", "Drifted", "moved",
                                              "none", CW_LINK_ACTOR_USER));
  append_events (activity, events);
  g_assert_cmpint (g_stat (cw_link_activity_get_path (activity), &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  g_assert_true (g_file_get_contents (cw_link_activity_get_path (activity), &text, NULL, NULL));
  g_assert_null (strstr (text, "secret"));
  g_assert_null (strstr (text, "password"));
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  links = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "links");
  timeline = json_object_get_array_member (links, "link-orders");
  members = json_object_get_members (json_array_get_object_element (timeline, 0));
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_true (g_strv_contains (allowed, l->data));
}

static void
test_long_timeline_keeps_the_latest (void)
{
  g_autoptr(CwLinkActivity) activity = fresh_activity ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_link_event_free);
  g_autoptr(GPtrArray) timeline = NULL;

  for (guint i = 0; i < 250; i++)
    g_ptr_array_add (events, cw_link_event_new ("link-orders", "orders-mysql", i, "Healthy", "Degraded", "flaps",
                                                "none", CW_LINK_ACTOR_USER));
  append_events (activity, events);
  timeline = read_timeline (activity, "link-orders");
  g_assert_cmpuint (timeline->len, <, 250);
  g_assert_cmpint (((CwLinkEvent *) g_ptr_array_index (timeline, timeline->len - 1))->time, ==, 249);
}

/* What the watcher keeps of a link between two runs: the same fields, the same status. */
static void
test_saved_link_round_trip (void)
{
  g_autoptr(CwLink) link = cw_link_new ();
  g_autoptr(CwLink) restored = NULL;
  g_autoptr(JsonNode) saved = NULL;

  cw_link_set (link, CW_LINK_LINK_ID, "6f1c1f0e-0000-4000-8000-000000000001");
  cw_link_set (link, CW_LINK_PRIVATE_LINK_ID, "plc-1");
  cw_link_set (link, CW_LINK_TIDB_STATE, "ACTIVE");
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_ID, "vpce-svc-1");
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_STATE, "Available");
  cw_link_set (link, CW_LINK_LOAD_BALANCER_ARN, "arn:lb");
  cw_link_set (link, CW_LINK_LOAD_BALANCER_STATE, "active");
  cw_link_set (link, CW_LINK_TARGET_GROUP_ARN, "arn:tg");
  cw_link_set (link, CW_LINK_REGISTERED_IP, "10.0.0.5");
  cw_link_set (link, CW_LINK_TARGET_HEALTH, "healthy");
  cw_link_set (link, CW_LINK_DATABASE_ID, "orders-mysql");
  cw_link_set (link, CW_LINK_DATABASE_IP, "10.0.1.7");
  cw_link_set (link, CW_LINK_DATABASE_ENDPOINT, "orders-mysql.example.rds.amazonaws.com");
  cw_link_set_listener (link, TRUE);
  cw_link_set_port (link, 3306);
  cw_link_update_status (link);
  g_assert_cmpint (cw_link_get_status (link), ==, CW_LINK_DRIFTED);

  saved = cw_link_save (link);
  restored = cw_link_new_from_saved (saved);
  g_assert_nonnull (restored);
  for (guint i = 0; i < CW_LINK_N_FIELDS; i++)
    g_assert_cmpstr (cw_link_get (restored, i), ==, cw_link_get (link, i));
  g_assert_cmpuint (cw_link_get_port (restored), ==, 3306);
  g_assert_cmpint (cw_link_get_status (restored), ==, CW_LINK_DRIFTED);
}

static CwLinkChange
change_of (const char  *from,
           const char  *to,
           CwLinkActor  by)
{
  g_autoptr(CwLinkEvent) event = cw_link_event_new ("link-1", "orders", 0, from, to, "what", "none", by);

  return cw_link_event_get_change (event);
}

/* What a notification is sent for: worse (also a link first seen in trouble), recovered,
 * or what the automatic repair did; not a step for the better within trouble, nor the
 * person's own re-sync, nor a healthy link first seen. */
static void
test_changes_that_matter (void)
{
  g_assert_cmpint (change_of ("Healthy", "Drifted", CW_LINK_ACTOR_NONE), ==, CW_LINK_CHANGE_WORSE);
  g_assert_cmpint (change_of ("Degraded", "Broken", CW_LINK_ACTOR_NONE), ==, CW_LINK_CHANGE_WORSE);
  g_assert_cmpint (change_of (NULL, "Pending acceptance", CW_LINK_ACTOR_NONE), ==, CW_LINK_CHANGE_WORSE);
  g_assert_cmpint (change_of ("Drifted", "Healthy", CW_LINK_ACTOR_NONE), ==, CW_LINK_CHANGE_RECOVERED);
  g_assert_cmpint (change_of ("Drifted", "Degraded", CW_LINK_ACTOR_AUTOMATIC_REPAIR), ==, CW_LINK_CHANGE_REPAIRED);
  g_assert_cmpint (change_of ("Drifted", "Broken", CW_LINK_ACTOR_NONE), ==, CW_LINK_CHANGE_NONE);
  g_assert_cmpint (change_of ("Drifted", "Healthy", CW_LINK_ACTOR_USER), ==, CW_LINK_CHANGE_NONE);
  g_assert_cmpint (change_of (NULL, "Healthy", CW_LINK_ACTOR_NONE), ==, CW_LINK_CHANGE_NONE);
  g_assert_cmpint (change_of ("Healthy", "no such status", CW_LINK_ACTOR_NONE), ==, CW_LINK_CHANGE_NONE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *directory = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  state_dir = g_dir_make_tmp ("cw-activity-XXXXXX", NULL);
  directory = g_build_filename (state_dir, "causeway", NULL);
  path = g_build_filename (directory, "activity.json", NULL);
  g_test_add_func ("/link-activity/append-and-read-back", test_append_and_read_back);
  g_test_add_func ("/link-activity/private-and-no-secret", test_file_is_private_and_holds_no_secret);
  g_test_add_func ("/link-activity/long-timeline", test_long_timeline_keeps_the_latest);
  g_test_add_func ("/link-activity/saved-link", test_saved_link_round_trip);
  g_test_add_func ("/link-activity/changes-that-matter", test_changes_that_matter);
  status = g_test_run ();
  g_unlink (path);
  g_rmdir (directory);
  g_rmdir (state_dir);
  return status;
}
