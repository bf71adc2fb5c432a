/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Integration tests of several databases behind one link (DESIGN.md §4.5): a second
 * database added to a link gets a listener of its own and is reached through it; taking
 * it away leaves the link and its first database healthy; deleting the link removes
 * both; an add killed half-way resumes without making anything twice. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "cw-test-sandbox.h"

#define TIME_SCALE 0.01

static char *
apply_link (CwTestSandbox *sb,
            const char    *database)
{
  g_autoptr(JsonNode) links = NULL;
  g_autofree char *out = NULL;
  int status;

  out = cw_test_run_cli (sb, &status, NULL, "apply", "--cluster", CW_TEST_CLUSTER_ID, "--database", database, "--yes",
                         NULL);
  g_assert_cmpint (status, ==, 0);
  links = cw_test_run_cli_json (sb, "links", "--cluster", CW_TEST_CLUSTER_ID, NULL);
  /* The sandbox's hand-made link reaches orders-mysql too: the one Causeway made. */
  for (guint i = 0; i < json_array_get_length (json_node_get_array (links)); i++)
    {
      JsonObject *link = json_array_get_object_element (json_node_get_array (links), i);

      if (json_object_get_boolean_member (link, "managed") &&
          g_strcmp0 (json_object_get_string_member (link, "database"), database) == 0)
        return g_strdup (json_object_get_string_member (link, "linkId"));
    }
  g_assert_not_reached ();
}

/* Deleting the link removes it and every database added to it: the world is as it was
 * before the test made anything. Frees @sb. */
static void
delete_leaves_world (CwTestSandbox *sb,
                     const char    *link_id,
                     const char    *before_signature)
{
  g_autofree char *out = NULL;
  int status;

  out = cw_test_run_cli (sb, &status, NULL, "delete", link_id, "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  cw_test_assert_world_is (sb, before_signature);
  cw_test_sandbox_free (sb);
}

static char *
add_database (CwTestSandbox *sb,
              const char    *link_id,
              const char    *database,
              int           *status)
{
  return cw_test_run_cli (sb, status, NULL, "apply", "--add-to", link_id, "--database", database, "--yes", NULL);
}

/* The link's databases as `links --output json` gives them, whatever its status. */
static JsonArray *
databases_of_any (CwTestSandbox *sb,
                  const char    *link_id,
                  JsonNode     **links)
{
  JsonObject *link;

  *links = cw_test_run_cli_json (sb, "links", "--cluster", CW_TEST_CLUSTER_ID, NULL);
  link = cw_test_find_object (*links, "linkId", link_id);
  g_assert_nonnull (link);
  return json_object_get_array_member (link, "databases");
}

/* …of a link that is healthy. */
static JsonArray *
databases_of (CwTestSandbox *sb,
              const char    *link_id,
              JsonNode     **links)
{
  JsonArray *databases = databases_of_any (sb, link_id, links);

  g_assert_cmpstr (json_object_get_string_member (cw_test_find_object (*links, "linkId", link_id), "status"), ==,
                   "Healthy");
  return databases;
}

static void
assert_database (JsonArray  *databases,
                 guint       index,
                 const char *id,
                 gint64      port)
{
  JsonObject *database = json_array_get_object_element (databases, index);

  g_assert_cmpstr (json_object_get_string_member (database, "id"), ==, id);
  g_assert_cmpint (json_object_get_int_member (database, "port"), ==, port);
  g_assert_cmpstr (json_object_get_string_member (database, "status"), ==, "Healthy");
}

static guint
count_listeners (JsonNode *dump)
{
  JsonArray *listeners = json_object_get_array_member (json_object_get_object_member (json_node_get_object (dump), "aws"),
                                                       "listeners");

  return json_array_get_length (listeners);
}

/* TiDB Cloud signs in to the database behind the link's port (changefeeds:test). */
static void
assert_reached_through_link (CwTestSandbox *sb,
                             const char    *link_id,
                             const char    *database)
{
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  int status;

  /* billing-mysql takes only encrypted connections; TLS suits both. */
  out = cw_test_run_cli (sb, &status, &errors, "test", link_id, "--database", database, "--mysql-user",
                         CW_SANDBOX_MYSQL_USER, "--tls", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, database));
  g_assert_nonnull (strstr (out, "signed in"));
}

/* plan offers the link; plan --add-to: a listener and a target group, no load balancer,
 * no hourly cost. */
static void
assert_plan_adds (CwTestSandbox *sb,
                  const char    *link_id,
                  const char    *database)
{
  g_autoptr(JsonNode) plan = cw_test_run_cli_json (sb, "plan", "--cluster", CW_TEST_CLUSTER_ID, "--database", database,
                                                   "--add-to", link_id, NULL);
  JsonObject *cost = json_object_get_object_member (json_node_get_object (plan), "cost");
  JsonArray *resources = json_object_get_array_member (json_node_get_object (plan), "resources");
  g_autoptr(GString) kinds = g_string_new (NULL);
  g_autoptr(JsonNode) new_link = cw_test_run_cli_json (sb, "plan", "--cluster", CW_TEST_CLUSTER_ID, "--database",
                                                       database, NULL);
  JsonArray *can_add_to = json_object_get_array_member (json_node_get_object (new_link), "canAddTo");

  /* Planned as a new link, the database is offered the link of its VPC. */
  g_assert_cmpuint (json_array_get_length (can_add_to), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (can_add_to, 0), ==, link_id);
  g_assert_true (json_object_get_boolean_member (cost, "known"));
  g_assert_true (json_object_get_boolean_member (cost, "shared"));
  g_assert_cmpfloat (json_object_get_double_member (cost, "monthly"), ==, 0.0);
  for (guint i = 0; i < json_array_get_length (resources); i++)
    g_string_append_printf (kinds, "%s %s;", json_object_get_string_member (json_array_get_object_element (resources, i), "action"),
                            json_object_get_string_member (json_array_get_object_element (resources, i), "kind"));
  g_assert_cmpstr (kinds->str, ==, "modify security-group;modify security-group-rule;create target-group;"
                                   "create listener;use private-link-connection;");
}

static void
test_two_databases (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *before_signature = cw_test_sandbox_signature (sb);
  g_autofree char *link_id = apply_link (sb, "orders-mysql");
  g_autoptr(JsonNode) dump = cw_test_sandbox_dump (sb);
  g_autoptr(JsonNode) links = NULL;
  g_autofree char *out = NULL;
  g_autofree char *removed = NULL;
  guint listeners = count_listeners (dump);
  guint balancers = cw_test_count_tagged (dump, "load_balancers", link_id);
  JsonArray *databases;
  int status;

  assert_plan_adds (sb, link_id, "billing-mysql");
  out = add_database (sb, link_id, "billing-mysql", &status);
  g_assert_cmpint (status, ==, 0);
  /* Both databases listen on 3306: the second gets the next free port from 3307. */
  g_assert_nonnull (strstr (out, "port 3307"));
  g_assert_nonnull (strstr (out, "no additional hourly cost"));
  g_assert_null (strstr (out, "wait_nlb_active"));

  databases = databases_of (sb, link_id, &links);
  g_assert_cmpuint (json_array_get_length (databases), ==, 2);
  assert_database (databases, 0, "orders-mysql", 3306);
  assert_database (databases, 1, "billing-mysql", 3307);
  g_clear_pointer (&dump, json_node_unref);
  dump = cw_test_sandbox_dump (sb);
  g_assert_cmpuint (count_listeners (dump), ==, listeners + 1);
  g_assert_cmpuint (cw_test_count_tagged (dump, "load_balancers", link_id), ==, balancers);
  g_assert_cmpuint (cw_test_count_tagged (dump, "target_groups", link_id), ==, 2);
  g_assert_cmpuint (cw_test_count_tagged (dump, "endpoint_services", link_id), ==, 1);

  sb->child_env = g_environ_setenv (sb->child_env, "MYSQL_PWD", CW_SANDBOX_MYSQL_PASSWORD, TRUE);
  assert_reached_through_link (sb, link_id, "orders-mysql");
  assert_reached_through_link (sb, link_id, "billing-mysql");

  /* The second goes: the first stays healthy, as reachable as before. */
  removed = cw_test_run_cli (sb, &status, NULL, "remove-database", link_id, "billing-mysql", "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&links, json_node_unref);
  databases = databases_of (sb, link_id, &links);
  g_assert_cmpuint (json_array_get_length (databases), ==, 1);
  assert_database (databases, 0, "orders-mysql", 3306);
  assert_reached_through_link (sb, link_id, "orders-mysql");
  g_clear_pointer (&dump, json_node_unref);
  dump = cw_test_sandbox_dump (sb);
  g_assert_cmpuint (count_listeners (dump), ==, listeners);
  g_assert_cmpuint (cw_test_count_tagged (dump, "target_groups", link_id), ==, 1);

  /* Deleting a link with an added database removes both, and nothing else. */
  g_free (out);
  out = add_database (sb, link_id, "inventory-aurora", &status);
  g_assert_cmpint (status, ==, 0);
  delete_leaves_world (sb, link_id, before_signature);
}

/* Killed as its listener is being made, the add resumes: one target group and one
 * listener for the database, however often it ran. */
static void
test_add_resumes_after_kill (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *before_signature = cw_test_sandbox_signature (sb);
  g_autofree char *link_id = apply_link (sb, "orders-mysql");
  const char *add[] = { "apply", "--add-to", link_id, "--database", "billing-mysql", "--yes", NULL };
  g_autoptr(JsonNode) dump = NULL;
  g_autoptr(JsonNode) links = NULL;
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  JsonArray *databases;
  guint listeners;
  int status;

  dump = cw_test_sandbox_dump (sb);
  listeners = count_listeners (dump);
  g_assert_true (cw_test_run_cli_until (sb, "listener", "running", SIGKILL, add, NULL));
  out = cw_test_run_cli (sb, &status, &errors, "apply", "--add-to", link_id, "--database", "billing-mysql", "--yes",
                         NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Resuming"));
  cw_test_assert_journals_hold_no_secret (sb);

  g_clear_pointer (&dump, json_node_unref);
  dump = cw_test_sandbox_dump (sb);
  g_assert_cmpuint (count_listeners (dump), ==, listeners + 1);
  g_assert_cmpuint (cw_test_count_tagged (dump, "target_groups", link_id), ==, 2);
  databases = databases_of (sb, link_id, &links);
  g_assert_cmpuint (json_array_get_length (databases), ==, 2);
  assert_database (databases, 1, "billing-mysql", 3307);

  delete_leaves_world (sb, link_id, before_signature);
}

/* A failover moves the added database: the link says which database drifted and on
 * which port; re-syncing that database mends it and leaves the first as it was. */
static void
test_added_database_resync (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *before_signature = cw_test_sandbox_signature (sb);
  g_autofree char *link_id = apply_link (sb, "orders-mysql");
  g_autoptr(JsonNode) failover = NULL;
  g_autofree char *out = NULL;
  g_autofree char *resynced = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *status_text = NULL;
  g_autoptr(JsonNode) links = NULL;
  JsonArray *databases;
  int status;

  out = add_database (sb, link_id, "billing-mysql", &status);
  g_assert_cmpint (status, ==, 0);
  failover = cw_test_sandbox_control (sb, "POST", "failover?database=billing-mysql");
  g_assert_nonnull (failover);
  /* The database's name resolves to its new address, as DNS would have it. */
  cw_test_sandbox_write_hosts (sb);
  status_text = cw_test_link_status (sb, "linkId", link_id, &reason);
  g_assert_cmpstr (status_text, ==, "Drifted");
  g_assert_nonnull (strstr (reason, "billing-mysql on port 3307: The database billing-mysql moved to"));
  /* The link's own database is as healthy as before. */
  databases = databases_of_any (sb, link_id, &links);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (databases, 0), "status"), ==,
                   "Healthy");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (databases, 1), "status"), ==,
                   "Drifted");
  g_clear_pointer (&links, json_node_unref);

  resynced = cw_test_run_cli (sb, &status, NULL, "resync", link_id, "--database", "billing-mysql", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (cw_test_eventually_status (sb, "linkId", link_id, "Healthy"));
  databases = databases_of (sb, link_id, &links);
  assert_database (databases, 0, "orders-mysql", 3306);
  assert_database (databases, 1, "billing-mysql", 3307);

  delete_leaves_world (sb, link_id, before_signature);
}

/* A database the link cannot serve is refused in words, before anything is made. */
static void
test_add_refused (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *link_id = apply_link (sb, "orders-mysql");
  g_autofree char *signature = cw_test_sandbox_signature (sb);
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *usage_errors = NULL;
  g_autofree char *own = NULL;
  g_autofree char *own_errors = NULL;
  int status;

  out = cw_test_run_cli (sb, &status, &errors, "apply", "--add-to", link_id, "--database", "legacy-mysql", "--yes",
                         NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (errors, "only databases of the link’s VPC"));
  usage = cw_test_run_cli (sb, &status, &usage_errors, "apply", "--add-to", link_id, "--yes", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (usage_errors, "--database"));
  own = cw_test_run_cli (sb, &status, &own_errors, "remove-database", link_id, "orders-mysql", "--yes", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (own_errors, "delete the link"));
  cw_test_assert_world_is (sb, signature);
  cw_test_sandbox_free (sb);
}

int
main (int argc, char **argv)
{
  cw_test_init (&argc, &argv);
  g_test_add_func ("/integration/databases/two-on-one-link", test_two_databases);
  g_test_add_func ("/integration/databases/add-resumes-after-kill", test_add_resumes_after_kill);
  g_test_add_func ("/integration/databases/added-database-resync", test_added_database_resync);
  g_test_add_func ("/integration/databases/add-refused", test_add_refused);
  return g_test_run ();
}
