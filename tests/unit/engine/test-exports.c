/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of what is produced from a plan (DESIGN.md §4.4) and of the provisioning
 * graph's shape (§4.2): the IAM policy names only real actions, exactly as the plan
 * needs them; the exports quote every value, so no name can become code; the steps'
 * dependencies form a graph, and the teardown takes down every part that is made. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cw-ec2.h"
#include "cw-elbv2.h"
#include "cw-export.h"
#include "cw-iam-policy.h"
#include "cw-pricing.h"
#include "cw-provisioner-private.h"
#include "cw-rds.h"

/* ---- IAM ---- */

static gboolean
is_known_action (const char *action)
{
  typedef const CwAwsOperation * const *(*ListOperations) (guint *n);
  static const ListOperations lists[] = { cw_ec2_list_operations, cw_elbv2_list_operations, cw_rds_list_operations };
  /* Needed by IAM though no Query operation of their own: tagging at creation, the
   * service-linked role of the first load balancer, and the Price List's JSON call. */
  static const char * const implied[] = { "elasticloadbalancing:AddTags", "iam:CreateServiceLinkedRole",
                                          CW_PRICING_IAM_ACTION, NULL };

  if (g_strv_contains (implied, action))
    return TRUE;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n;
      const CwAwsOperation * const *operations = lists[l] (&n);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *name = cw_aws_operation_dup_iam_action (operations[i]);

          if (g_str_equal (name, action))
            return TRUE;
        }
    }
  return FALSE;
}

static GStrv
policy_actions (CwLinkPlan *plan)
{
  g_autoptr(JsonNode) policy = cw_iam_policy_for_plan (plan);

  return cw_iam_policy_dup_actions (policy);
}

static void
test_iam_actions_are_real (void)
{
  g_autoptr(CwLinkPlan) plan = cw_link_plan_new ();
  g_auto(GStrv) actions = NULL;

  cw_link_plan_set_database_security_group (plan, "sg-0db");
  actions = policy_actions (plan);
  for (guint i = 0; actions[i]; i++)
    {
      g_test_message ("%s", actions[i]);
      g_assert_true (is_known_action (actions[i]));
    }
  g_assert_true (g_strv_contains ((const char * const *) actions, "ec2:CreateSecurityGroup"));
  g_assert_true (g_strv_contains ((const char * const *) actions, "ec2:AuthorizeSecurityGroupIngress"));
  g_assert_true (g_strv_contains ((const char * const *) actions, "ec2:AuthorizeSecurityGroupEgress"));
  g_assert_true (g_strv_contains ((const char * const *) actions, "ec2:RevokeSecurityGroupEgress"));
  g_assert_true (g_strv_contains ((const char * const *) actions, "ec2:AcceptVpcEndpointConnections"));
  g_assert_true (g_strv_contains ((const char * const *) actions, "elasticloadbalancing:DeleteLoadBalancer"));
  g_assert_false (g_strv_contains ((const char * const *) actions, "elasticloadbalancing:ModifyTargetGroupAttributes"));
}

/* A chosen group for the load balancer and no rule on the database's: nothing to
 * create, change or delete in security groups. */
static void
test_iam_follows_the_plan (void)
{
  g_autoptr(CwLinkPlan) plan = cw_link_plan_new ();
  g_auto(GStrv) actions = NULL;

  cw_link_plan_set_nlb_security_group (plan, "sg-0lb");
  cw_link_plan_set_database_security_group (plan, NULL);
  actions = policy_actions (plan);
  g_assert_false (g_strv_contains ((const char * const *) actions, "ec2:CreateSecurityGroup"));
  g_assert_false (g_strv_contains ((const char * const *) actions, "ec2:DeleteSecurityGroup"));
  g_assert_false (g_strv_contains ((const char * const *) actions, "ec2:AuthorizeSecurityGroupIngress"));
  g_assert_false (g_strv_contains ((const char * const *) actions, "ec2:RevokeSecurityGroupIngress"));
  g_assert_false (g_strv_contains ((const char * const *) actions, "ec2:AuthorizeSecurityGroupEgress"));
  g_assert_false (g_strv_contains ((const char * const *) actions, "ec2:RevokeSecurityGroupEgress"));
}

/* ---- exports ---- */

static CwJournal *
spec_with_name (const char *display_name)
{
  CwJournal *spec = cw_journal_new ("2f1c6a8e-4b1d-4c3a-9a51-3f8f1b2d7e01");

  cw_journal_set_spec (spec, CW_SPEC_REGION, "us-east-1");
  cw_journal_set_spec (spec, CW_SPEC_DATABASE_ID, "orders-db");
  cw_journal_set_spec (spec, CW_SPEC_VPC_ID, "vpc-1");
  cw_journal_set_spec_uint (spec, CW_SPEC_DATABASE_PORT, 3306);
  cw_journal_set_spec (spec, CW_SPEC_DATABASE_IP, "10.0.1.5");
  cw_journal_set_spec (spec, CW_SPEC_TARGET_GROUP_NAME, "cw-tg-orders-db");
  cw_journal_set_spec (spec, CW_SPEC_LOAD_BALANCER_NAME, "cw-nlb-orders-db");
  cw_journal_set_spec (spec, CW_SPEC_DISPLAY_NAME, display_name);
  cw_journal_set_spec (spec, CW_SPEC_DATABASE_SECURITY_GROUP, "sg-0db");
  cw_journal_set_spec (spec, CW_SPEC_TIDB_ACCOUNT_ID, "380838443567");
  return spec;
}

#define HOSTILE_NAME "orders\"; rm -rf / #\n$(reboot) ${x} `id` 'q'"

static void
test_aws_cli_script_quotes_everything (void)
{
  g_autoptr(CwJournal) spec = spec_with_name (HOSTILE_NAME);
  g_autofree char *script = cw_export_aws_cli (spec);
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  g_autofree char *errors = NULL;
  int fd = g_file_open_tmp ("cw-export-XXXXXX.sh", &path, NULL);
  int status;

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, script, -1, NULL));
  command = g_strdup_printf ("/bin/bash -n %s", path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, &errors, &status, NULL));
  g_assert_cmpstr (errors, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* The name reaches the script only inside single quotes (or a comment, one line). */
  g_assert_null (strstr (script, "\n$(reboot)"));
  g_assert_nonnull (strstr (script, "--client-token 'causeway-2f1c6a8e-4b1d-4c3a-9a51-3f8f1b2d7e01'"));
  g_assert_null (strstr (script, "modify-target-group-attributes"));
  g_remove (path);
}

static void
test_terraform_quotes_everything (void)
{
  g_autoptr(CwJournal) spec = spec_with_name (HOSTILE_NAME);
  g_autofree char *terraform = NULL;

  cw_journal_set_spec (spec, CW_SPEC_NLB_SECURITY_GROUP, "sg-0lb");
  terraform = cw_export_terraform (spec);
  g_assert_nonnull (strstr (terraform, "Name = \"orders\\\"; rm -rf / #\\n$(reboot) $${x} `id` 'q'\" })"));
  g_assert_null (strstr (terraform, "resource \"aws_security_group\""));
  g_assert_nonnull (strstr (terraform, "security_groups    = [\"sg-0lb\"]"));
  g_assert_nonnull (strstr (terraform, "referenced_security_group_id = \"sg-0lb\""));
}

/* The TiDB Cloud side has no Terraform resource: the comment at the top of the Terraform
 * configuration says what to run, and any name in it stays inside the comment and inside
 * quotes; the AWS CLI script prints the same command. */
static void
test_exports_say_the_tidb_side (void)
{
  g_autoptr(CwJournal) spec = spec_with_name ("orders");
  g_autoptr(CwJournal) hostile = spec_with_name (HOSTILE_NAME);
  g_autofree char *terraform = NULL;
  g_autofree char *script = NULL;
  g_autofree char *hostile_terraform = NULL;
  g_auto(GStrv) lines = NULL;

  cw_journal_set_spec (spec, CW_SPEC_CLUSTER_ID, "10289034792938145678");
  terraform = cw_export_terraform (spec);
  g_assert_nonnull (strstr (terraform,
                            "#   ticloud serverless private-link-connection create --cluster-id 10289034792938145678 \\\n"
                            "#     --display-name orders --type AWS_ENDPOINT_SERVICE \\\n"
                            "#     --aws.endpoint-service-name \"$(terraform output -raw endpoint_service_name)\"\n"));
  g_assert_nonnull (strstr (terraform, "#   aws ec2 accept-vpc-endpoint-connections --region us-east-1 \\\n"
                                       "#     --service-id \"$(terraform output -raw endpoint_service_id)\""));
  g_assert_nonnull (strstr (terraform, "output \"endpoint_service_name\" {\n"));
  g_assert_nonnull (strstr (terraform, "output \"endpoint_service_id\" {\n"));
  script = cw_export_aws_cli (spec);
  g_assert_nonnull (strstr (script, "printf '  %s %s\\n' 'ticloud serverless private-link-connection create --cluster-id "
                                    "10289034792938145678 --display-name orders --type AWS_ENDPOINT_SERVICE "
                                    "--aws.endpoint-service-name' \"$SERVICE_NAME\"\n"));

  hostile_terraform = cw_export_terraform (hostile);
  g_assert_nonnull (strstr (hostile_terraform, "--display-name 'orders\"; rm -rf / # $(reboot) ${x} `id` '\\''q'\\''' "));
  lines = g_strsplit (hostile_terraform, "\n", -1);
  for (guint i = 0; !g_str_equal (lines[i], "terraform {"); i++)
    g_assert_true (lines[i][0] == '#' || lines[i][0] == '\0');
}

/* The block of one resource in a Terraform export, or NULL. */
static char *
resource_block (const char *terraform,
                const char *type,
                const char *name)
{
  g_autofree char *header = g_strdup_printf ("resource \"%s\" \"%s\" {\n", type, name);
  const char *start = strstr (terraform, header);
  const char *end = start ? strstr (start, "\n}\n") : NULL;

  return end ? g_strndup (start, (gsize) (end - start) + 3) : NULL;
}

static guint
count_of (const char *text,
          const char *part)
{
  guint n = 0;

  for (const char *p = strstr (text, part); p != NULL; p = strstr (p + 1, part))
    n++;
  return n;
}

/* What the three ways of showing a plan say of it. */
typedef struct {
  char      *terraform;
  char      *script;
  GPtrArray *changes;
} Exports;

static void
exports_clear (Exports *exports)
{
  g_free (exports->terraform);
  g_free (exports->script);
  g_clear_pointer (&exports->changes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Exports, exports_clear)

static void
exports_make (Exports   *exports,
              CwJournal *spec)
{
  exports->terraform = cw_export_terraform (spec);
  exports->script = cw_export_aws_cli (spec);
  exports->changes = cw_export_changes (spec);
}

static const char *
first_change (Exports *exports)
{
  return ((CwPlanChange *) g_ptr_array_index (exports->changes, 0))->detail;
}

#define EGRESS_AUTHORIZE "ec2 authorize-security-group-egress --group-id \"$NLB_SG\" \\\n  --ip-permissions "
#define EGRESS_REVOKE    "ec2 revoke-security-group-egress --group-id \"$NLB_SG\" " \
                         "--ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]' >/dev/null\n"

/* DESIGN.md §1.1: the link's own group lets out only the database port, to the database's
 * group; AWS's allow-all egress goes (the script revokes it, Terraform's provider drops it
 * from a group without inline egress). */
static void
test_egress_to_database_group (void)
{
  g_autoptr(CwJournal) spec = spec_with_name ("orders");
  g_auto(Exports) exports = { 0 };
  g_autofree char *egress = NULL;
  const char *authorize;

  exports_make (&exports, spec);
  egress = resource_block (exports.terraform, "aws_vpc_security_group_egress_rule", "load_balancer_to_database");
  g_assert_nonnull (egress);
  g_assert_nonnull (strstr (egress, "  security_group_id            = aws_security_group.load_balancer.id\n"));
  g_assert_nonnull (strstr (egress, "  ip_protocol                  = \"tcp\"\n"));
  g_assert_nonnull (strstr (egress, "  from_port                    = 3306\n  to_port                      = 3306\n"));
  g_assert_nonnull (strstr (egress, "  referenced_security_group_id = \"sg-0db\"\n"));
  g_assert_nonnull (strstr (egress, "  description                  = \"TiDB Cloud private link (Causeway)\"\n"));
  g_assert_nonnull (strstr (egress, "  tags                         = merge(local.tags, { Name = \"cw-nlb-orders-db\" })\n"));
  g_assert_null (strstr (egress, "cidr_ipv4"));
  g_assert_cmpuint (count_of (exports.terraform, "resource \"aws_vpc_security_group_egress_rule\""), ==, 1);
  g_assert_null (strstr (exports.terraform, "egress {"));   /* inline, it would be all the group's egress */

  authorize = strstr (exports.script, EGRESS_AUTHORIZE);
  g_assert_nonnull (authorize);
  g_assert_nonnull (strstr (authorize, EGRESS_AUTHORIZE "'IpProtocol=tcp,FromPort=3306,ToPort=3306,"
                                       "UserIdGroupPairs=[{GroupId=sg-0db,Description=TiDB Cloud private link (Causeway)}]' \\\n"
                                       "  --tag-specifications '[{\"ResourceType\":\"security-group-rule\",\"Tags\":[{\"Key\":\"Name\","
                                       "\"Value\":\"cw-nlb-orders-db\"}"));
  g_assert_true (strstr (exports.script, "create-security-group") < authorize);
  g_assert_true (authorize < strstr (exports.script, EGRESS_REVOKE));
  g_assert_cmpuint (count_of (exports.script, "security-group-egress"), ==, 2);

  g_assert_nonnull (strstr (first_change (&exports), "letting out only port 3306 to the database’s security group sg-0db."));
}

/* No group of the database to name: out to its address alone. */
static void
test_egress_to_database_address (void)
{
  g_autoptr(CwJournal) spec = spec_with_name ("orders");
  g_auto(Exports) exports = { 0 };
  g_autofree char *egress = NULL;

  cw_journal_set_spec (spec, CW_SPEC_DATABASE_SECURITY_GROUP, NULL);
  exports_make (&exports, spec);
  egress = resource_block (exports.terraform, "aws_vpc_security_group_egress_rule", "load_balancer_to_database");
  g_assert_nonnull (egress);
  g_assert_nonnull (strstr (egress, "  cidr_ipv4         = \"10.0.1.5/32\"\n"));
  g_assert_null (strstr (egress, "referenced_security_group_id"));
  g_assert_null (strstr (exports.terraform, "database_from_load_balancer"));

  g_assert_nonnull (strstr (exports.script, EGRESS_AUTHORIZE "'IpProtocol=tcp,FromPort=3306,ToPort=3306,"
                                            "IpRanges=[{CidrIp=10.0.1.5/32,Description=TiDB Cloud private link (Causeway)}]' \\\n"
                                            "  --tag-specifications '[{\"ResourceType\":\"security-group-rule\""));
  g_assert_nonnull (strstr (exports.script, EGRESS_REVOKE));
  g_assert_null (strstr (exports.script, "UserIdGroupPairs"));

  g_assert_nonnull (strstr (first_change (&exports), "letting out only port 3306 to the database at 10.0.1.5."));
}

/* A group the user chose is left as it is: no egress rule, nothing revoked. */
static void
test_no_egress_on_a_chosen_group (void)
{
  g_autoptr(CwJournal) spec = spec_with_name ("orders");
  g_auto(Exports) exports = { 0 };

  cw_journal_set_spec (spec, CW_SPEC_NLB_SECURITY_GROUP, "sg-0lb");
  exports_make (&exports, spec);
  g_assert_null (strstr (exports.terraform, "egress"));
  g_assert_null (strstr (exports.script, "egress"));
  g_assert_null (strstr (exports.script, "create-security-group"));
  g_assert_nonnull (strstr (exports.terraform, "resource \"aws_vpc_security_group_ingress_rule\" \"database_from_load_balancer\""));
  g_assert_cmpint (((CwPlanChange *) g_ptr_array_index (exports.changes, 0))->action, ==, CW_CHANGE_USE);
}

static void
test_changes (void)
{
  g_autoptr(CwJournal) spec = spec_with_name ("orders");
  g_autoptr(GPtrArray) changes = cw_export_changes (spec);
  CwPlanChange *first;

  g_assert_cmpuint (changes->len, ==, 7);
  first = g_ptr_array_index (changes, 0);
  g_assert_cmpint (first->action, ==, CW_CHANGE_CREATE);
  g_assert_cmpstr (first->kind, ==, "security-group");
  g_assert_cmpstr (first->name, ==, "causeway-2f1c6a8e-4b1d-4c3a-9a51-3f8f1b2d7e01");
}

/* ---- the graph ---- */

static void
assert_graph_is_ordered (CwJournal *journal)
{
  guint n;
  const CwStepKind *kinds = cw_link_step_kinds (journal, &n);
  const char * const *order = cw_link_teardown_order (journal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* Listed after what they depend on: no cycle, nothing unknown. */
  for (guint i = 0; i < n; i++)
    {
      for (guint d = 0; kinds[i].depends[d]; d++)
        g_assert_true (g_hash_table_contains (seen, kinds[i].depends[d]));
      g_assert_true (g_hash_table_add (seen, (gpointer) kinds[i].id));
      g_assert_nonnull (kinds[i].create);
      g_assert_true ((kinds[i].delete == NULL) == (kinds[i].delete_title == NULL));
    }
  for (guint i = 0; i < n; i++)
    if (kinds[i].delete != NULL)
      g_assert_true (g_strv_contains (order, kinds[i].id));
  for (guint i = 0; order[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (seen, order[i]));
}

static void
test_graph_shape (void)
{
  g_autoptr(CwJournal) journal = spec_with_name ("orders");
  g_autoptr(CwJournal) addition = spec_with_name ("orders");
  guint n;
  const CwStepKind *kinds = cw_link_step_kinds (journal, &n);
  const char * const *order = cw_link_teardown_order (journal);
  const char * const *addition_order = NULL;

  assert_graph_is_ordered (journal);
  /* DESIGN.md §4.2: TiDB Cloud's side first, the load balancer's group last. */
  g_assert_cmpstr (order[0], ==, "tidb_link");
  g_assert_cmpstr (order[g_strv_length ((char **) order) - 1], ==, "sg_nlb");
  /* The slow load balancer waits for nothing but its security group. */
  for (guint i = 0; i < n; i++)
    if (g_str_equal (kinds[i].id, "nlb"))
      {
        g_assert_cmpstr (kinds[i].depends[0], ==, "sg_nlb");
        g_assert_null (kinds[i].depends[1]);
      }

  /* A database added to a link (DESIGN.md §4.5) touches neither the link's load
   * balancer, nor its endpoint service, nor TiDB Cloud's connection. */
  cw_journal_set_spec (addition, CW_SPEC_ADDED_TO, "2f1c6a8e-4b1d-4c3a-9a51-3f8f1b2d7e01");
  assert_graph_is_ordered (addition);
  addition_order = cw_link_teardown_order (addition);
  kinds = cw_link_step_kinds (addition, &n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (kinds[i].id, !=, "nlb");
      g_assert_cmpstr (kinds[i].id, !=, "endpoint_service");
      g_assert_cmpstr (kinds[i].id, !=, "tidb_link");
      g_assert_cmpstr (kinds[i].id, !=, "sg_nlb");
    }
  g_assert_cmpstr (addition_order[0], ==, "service_tag");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/iam/actions-are-real", test_iam_actions_are_real);
  g_test_add_func ("/engine/iam/follows-the-plan", test_iam_follows_the_plan);
  g_test_add_func ("/engine/export/aws-cli-quotes-everything", test_aws_cli_script_quotes_everything);
  g_test_add_func ("/engine/export/terraform-quotes-everything", test_terraform_quotes_everything);
  g_test_add_func ("/engine/export/exports-say-the-tidb-side", test_exports_say_the_tidb_side);
  g_test_add_func ("/engine/export/egress-to-database-group", test_egress_to_database_group);
  g_test_add_func ("/engine/export/egress-to-database-address", test_egress_to_database_address);
  g_test_add_func ("/engine/export/no-egress-on-a-chosen-group", test_no_egress_on_a_chosen_group);
  g_test_add_func ("/engine/export/changes", test_changes);
  g_test_add_func ("/engine/graph/shape", test_graph_shape);
  return g_test_run ();
}
