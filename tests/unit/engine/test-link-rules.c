/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the rules the links view and the CLI both ask the engine, without a
 * network: what a delete removes and in which order, which databases a link can be
 * re-synced to, what a target health reason means, and how statuses rank. */
#include "config.h"

#include <string.h>

#include "cw-link-addition.h"
#include "cw-link-repair.h"
#include "cw-link-teardown.h"
#include "cw-provisioner.h"
#include "cw-target-health.h"

#define LINK_ID "4c1b2a8e-6f0d-4e8a-9d3b-2f7c1e5a9b01"

/* ---- what a delete removes ---- */

/* The journal of a run that made every part of the link, its own load balancer group
 * and a rule in the database's group included. */
static CwJournal *
journal_of_whole_link (void)
{
  CwJournal *journal = cw_journal_new (LINK_ID);
  const char *made[] = { CW_STEP_SG_NLB, CW_STEP_TG, CW_STEP_NLB, CW_STEP_RDS_SG_RULE, CW_STEP_LISTENER,
                         CW_STEP_ENDPOINT_SERVICE, CW_STEP_TIDB_LINK, NULL };

  cw_journal_set_spec (journal, CW_SPEC_TARGET_GROUP_NAME, "cw-orders-tg");
  cw_journal_set_spec (journal, CW_SPEC_LOAD_BALANCER_NAME, "cw-orders-nlb");
  cw_journal_set_spec (journal, CW_SPEC_DATABASE_SECURITY_GROUP, "sg-0db");
  cw_journal_set_spec_uint (journal, CW_SPEC_DATABASE_PORT, 3306);
  cw_journal_set_resource (journal, CW_RES_NLB_SECURITY_GROUP_ID, "sg-0nlb");
  cw_journal_set_resource (journal, CW_RES_DATABASE_RULE_GROUP_ID, "sg-0db");
  cw_journal_set_resource (journal, CW_RES_LISTENER_ARN, "arn:listener");
  cw_journal_set_resource (journal, CW_RES_ENDPOINT_SERVICE_ID, "vpce-svc-0abc");
  cw_journal_set_resource (journal, CW_RES_PRIVATE_LINK_ID, "plc-7");
  for (guint i = 0; made[i]; i++)
    cw_journal_set_creation (journal, made[i], CW_CREATION_DONE);
  return journal;
}

static void
assert_deletions (GPtrArray          *deletions,
                  const char * const *expected)
{
  guint n = 0;

  for (guint i = 0; i < deletions->len; i++)
    {
      CwLinkDeletion *deletion = g_ptr_array_index (deletions, i);

      g_test_message ("%s: %s", deletion->kind, deletion->what);
      g_assert_nonnull (expected[2 * i]);
      g_assert_cmpstr (deletion->kind, ==, expected[2 * i]);
      g_assert_nonnull (strstr (deletion->what, expected[2 * i + 1]));
      n++;
    }
  g_assert_null (expected[2 * n]);
}

/* Everything goes, in the teardown's order: TiDB Cloud's side first, the groups last. */
static void
test_deletions_own_group (void)
{
  g_autoptr(CwJournal) journal = journal_of_whole_link ();
  g_autoptr(GPtrArray) deletions = cw_link_list_deletions (NULL, journal);
  const char *expected[] = {
    "TiDB Cloud private link connection", "plc-7",
    "Endpoint service", "vpce-svc-0abc",
    "Listener", "TCP port 3306 of cw-orders-nlb",
    "Network Load Balancer", "cw-orders-nlb",
    "Target group", "cw-orders-tg",
    "Database security group rule", "In sg-0db",
    "Load balancer security group", "sg-0nlb",
    NULL
  };

  assert_deletions (deletions, expected);
}

/* A group chosen when the link was made, and no rule added to the database's: neither
 * is the link's to delete. What the clouds show of the link is named as they show it. */
static void
test_deletions_chosen_group_no_rule (void)
{
  g_autoptr(CwJournal) journal = journal_of_whole_link ();
  g_autoptr(CwLink) link = cw_link_new ();
  g_autoptr(GPtrArray) deletions = NULL;
  const char *expected[] = {
    "TiDB Cloud private link connection", "plc-7",
    "Endpoint service", "vpce-svc-0abc",
    "Listener", "TCP port 3307 of cw-orders-nlb-renamed",
    "Network Load Balancer", "cw-orders-nlb-renamed",
    "Target group", "cw-orders-tg",
    NULL
  };

  cw_journal_set_spec (journal, CW_SPEC_NLB_SECURITY_GROUP, "sg-0chosen");
  cw_journal_set_spec (journal, CW_SPEC_DATABASE_SECURITY_GROUP, NULL);
  cw_journal_set_creation (journal, CW_STEP_RDS_SG_RULE, CW_CREATION_NONE);
  cw_journal_set_creation (journal, CW_STEP_SG_NLB, CW_CREATION_NONE);
  cw_link_set (link, CW_LINK_LINK_ID, LINK_ID);
  cw_link_set (link, CW_LINK_LOAD_BALANCER_NAME, "cw-orders-nlb-renamed");
  cw_link_set_port (link, 3307);
  cw_link_set_listener (link, TRUE);
  deletions = cw_link_list_deletions (link, journal);
  assert_deletions (deletions, expected);
}

/* A run that died before it recorded its group: the group is looked for by its name. */
static void
test_deletions_group_not_recorded (void)
{
  g_autoptr(CwJournal) journal = cw_journal_new (LINK_ID);
  g_autoptr(GPtrArray) deletions = NULL;
  g_autofree char *name = cw_link_security_group_name (LINK_ID);
  const char *expected[] = { "Load balancer security group", name, NULL };

  deletions = cw_link_list_deletions (NULL, journal);
  assert_deletions (deletions, expected);
  g_assert_nonnull (strstr (((CwLinkDeletion *) g_ptr_array_index (deletions, 0))->what, "if it exists"));
}

/* A link made by hand: only TiDB Cloud's connection is Causeway's to delete. */
static void
test_deletions_made_by_hand (void)
{
  g_autoptr(CwLink) link = cw_link_new ();
  g_autoptr(GPtrArray) deletions = NULL;
  const char *expected[] = { "TiDB Cloud private link connection", "plc-hand", NULL };

  cw_link_set (link, CW_LINK_PRIVATE_LINK_ID, "plc-hand");
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_ID, "vpce-svc-hand");
  cw_link_set (link, CW_LINK_LOAD_BALANCER_NAME, "hand-nlb");
  deletions = cw_link_list_deletions (link, NULL);
  assert_deletions (deletions, expected);
}

/* ---- re-sync candidates ---- */

static CwDatabase *
make_database (const char *id,
               const char *engine,
               const char *vpc_id,
               int         port)
{
  CwRdsDbInstance instance = {
    .db_instance_identifier = (char *) id, .engine = (char *) engine, .vpc_id = (char *) vpc_id,
    .endpoint_address = (char *) "db.example", .endpoint_port = port, .status = (char *) "available",
  };

  return cw_database_new_from_instance (&instance, NULL);
}

static CwLink *
hand_made_link (void)
{
  CwLink *link = cw_link_new ();

  cw_link_set (link, CW_LINK_PRIVATE_LINK_ID, "plc-hand");
  cw_link_set (link, CW_LINK_VPC_ID, "vpc-1");
  cw_link_set_port (link, 3306);
  return link;
}

static void
assert_refused (CwLink     *link,
                CwDatabase *database,
                const char *why_part)
{
  g_autofree char *why = NULL;

  g_assert_false (cw_link_can_resync_to (link, database, &why));
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, why_part));
}

static void
test_resync_rule (void)
{
  g_autoptr(CwLink) link = hand_made_link ();
  g_autoptr(CwDatabase) good = make_database ("billing-mysql", "mysql", "vpc-1", 3306);
  g_autoptr(CwDatabase) aurora = make_database ("orders-aurora", "aurora-mysql", "vpc-1", 3306);
  g_autoptr(CwDatabase) elsewhere = make_database ("far-mysql", "mysql", "vpc-2", 3306);
  g_autoptr(CwDatabase) other_port = make_database ("odd-mysql", "mysql", "vpc-1", 3307);
  g_autoptr(CwDatabase) postgres = make_database ("billing-pg", "postgres", "vpc-1", 3306);
  g_autofree char *why = NULL;

  g_assert_true (cw_link_can_resync_to (link, good, &why));
  g_assert_null (why);
  g_assert_true (cw_link_can_resync_to (link, aurora, NULL));
  assert_refused (link, elsewhere, "vpc-2");
  assert_refused (link, other_port, "3307");
  assert_refused (link, postgres, "MySQL-compatible");
}

/* ---- databases added to a link ---- */

static void
test_add_database_rule (void)
{
  g_autoptr(CwLink) hand = hand_made_link ();
  g_autoptr(CwLink) link = hand_made_link ();
  g_autoptr(CwLink) added = hand_made_link ();
  g_autoptr(CwDatabase) good = make_database ("billing-mysql", "mysql", "vpc-1", 3306);
  g_autoptr(CwDatabase) elsewhere = make_database ("far-mysql", "mysql", "vpc-2", 3306);
  g_autoptr(CwDatabase) postgres = make_database ("billing-pg", "postgres", "vpc-1", 5432);
  g_autoptr(CwDatabase) orders = make_database ("orders-mysql", "mysql", "vpc-1", 3306);
  const struct { CwLink *link; CwDatabase *database; const char *part; } refusals[] = {
    { hand, good, "not made by Causeway" },
    { link, elsewhere, "vpc-2" },
    { link, postgres, "not MySQL-compatible" },
    { link, orders, "already serves orders-mysql" },
    { added, good, "not to one of its databases" },
  };
  g_autofree char *why = NULL;
  char *reason = NULL;

  cw_link_set (link, CW_LINK_LINK_ID, "2f1c6a8e-4b1d-4c3a-9a51-3f8f1b2d7e01");
  cw_link_set (added, CW_LINK_LINK_ID, "2f1c6a8e-4b1d-4c3a-9a51-3f8f1b2d7e01");
  cw_link_set (link, CW_LINK_LOAD_BALANCER_ARN, "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/lb/1");
  cw_link_set (link, CW_LINK_ENDPOINT_SERVICE_ID, "vpce-svc-1");
  cw_link_set (link, CW_LINK_DATABASE_ID, "orders-mysql");
  cw_link_set (added, CW_LINK_DATABASE_ID, "inventory-aurora");
  cw_link_add_database (link, added);
  g_assert_true (cw_link_can_add_database (link, good, &why));
  g_assert_null (why);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_assert_false (cw_link_can_add_database (refusals[i].link, refusals[i].database, &reason));
      g_assert_nonnull (strstr (reason, refusals[i].part));
      g_clear_pointer (&reason, g_free);
    }
}

static void
test_add_database_port (void)
{
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (guint));
  guint port = 3306;

  /* The database's own port while no listener has it… */
  g_assert_cmpuint (cw_link_addition_pick_port (3306, used), ==, 3306);
  g_array_append_val (used, port);
  g_assert_cmpuint (cw_link_addition_pick_port (5432, used), ==, 5432);
  /* …else the first free from 3307. */
  g_assert_cmpuint (cw_link_addition_pick_port (3306, used), ==, 3307);
  port = 3307;
  g_array_append_val (used, port);
  port = 3309;
  g_array_append_val (used, port);
  g_assert_cmpuint (cw_link_addition_pick_port (3306, used), ==, 3308);
  g_assert_cmpuint (cw_link_addition_pick_port (3307, used), ==, 3308);
}

static void
test_resync_candidates (void)
{
  g_autoptr(CwLink) link = hand_made_link ();
  g_autoptr(GListStore) databases = g_list_store_new (CW_TYPE_DATABASE);
  g_autoptr(CwDatabase) good = make_database ("billing-mysql", "mariadb", "vpc-1", 3306);
  g_autoptr(CwDatabase) postgres = make_database ("billing-pg", "postgres", "vpc-1", 3306);
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(CwDatabase) first = NULL;
  g_autoptr(GError) error = NULL;

  g_list_store_append (databases, postgres);
  g_list_store_append (databases, good);
  candidates = cw_link_resync_candidates (link, G_LIST_MODEL (databases), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);
  first = g_list_model_get_item (candidates, 0);
  g_assert_true (first == good);

  g_list_store_remove (databases, 1);
  none = cw_link_resync_candidates (link, G_LIST_MODEL (databases), &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "vpc-1"));
}

/* ---- target health, statuses ---- */

static void
test_target_health_explained (void)
{
  g_autofree char *known = cw_target_health_explain ("Target.FailedHealthChecks");
  g_autofree char *unknown = cw_target_health_explain ("Target.SomethingNew");

  g_assert_null (cw_target_health_explain (NULL));
  g_assert_null (cw_target_health_explain (""));
  g_assert_nonnull (strstr (known, "cannot open a connection"));
  g_assert_nonnull (strstr (known, "(Target.FailedHealthChecks)"));
  g_assert_nonnull (strstr (unknown, "Target.SomethingNew"));
}

/* Lists put the worst first; a link takes the worst status of its reasons. */
static void
test_status_rank (void)
{
  const CwLinkStatus worst_first[] = { CW_LINK_DRIFTED, CW_LINK_BROKEN, CW_LINK_PENDING_ACCEPTANCE, CW_LINK_DEGRADED,
                                       CW_LINK_HEALTHY };

  for (guint i = 1; i < G_N_ELEMENTS (worst_first); i++)
    g_assert_cmpuint (cw_link_status_rank (worst_first[i - 1]), >, cw_link_status_rank (worst_first[i]));
  g_assert_cmpstr (cw_link_status_to_label (CW_LINK_PENDING_ACCEPTANCE), ==, "Pending acceptance");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/link-rules/deletions/own-group", test_deletions_own_group);
  g_test_add_func ("/engine/link-rules/deletions/chosen-group-no-rule", test_deletions_chosen_group_no_rule);
  g_test_add_func ("/engine/link-rules/deletions/group-not-recorded", test_deletions_group_not_recorded);
  g_test_add_func ("/engine/link-rules/deletions/made-by-hand", test_deletions_made_by_hand);
  g_test_add_func ("/engine/link-rules/resync/rule", test_resync_rule);
  g_test_add_func ("/engine/link-rules/resync/candidates", test_resync_candidates);
  g_test_add_func ("/engine/link-rules/target-health", test_target_health_explained);
  g_test_add_func ("/engine/link-rules/status-rank", test_status_rank);
  g_test_add_func ("/engine/link-rules/add-database/rule", test_add_database_rule);
  g_test_add_func ("/engine/link-rules/add-database/port", test_add_database_port);
  return g_test_run ();
}
