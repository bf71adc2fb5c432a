/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exports of a plan: the AWS CLI script, run with Debian's AWS CLI (/usr/bin/aws)
 * against a fresh sandbox, creates the same AWS resources as `apply` does — same names,
 * settings, rules, targets, tags — and the Terraform configuration describes them. No
 * export holds a secret. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cw-test-sandbox.h"

#define TIME_SCALE 0.01

static const char * const plan_arguments[] = {
  "--cluster", CW_TEST_CLUSTER_ID, "--database", "billing-mysql", "--name", "billing via causeway", NULL
};

static char *
export (CwTestSandbox *sb,
        const char    *format)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, (gpointer) "export");
  g_ptr_array_add (argv, (gpointer) "--format");
  g_ptr_array_add (argv, (gpointer) format);
  for (guint i = 0; plan_arguments[i]; i++)
    g_ptr_array_add (argv, (gpointer) plan_arguments[i]);
  g_ptr_array_add (argv, NULL);
  process = cw_test_spawn_cli (sb, (const char * const *) argv->pdata);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  cw_test_assert_no_secret (sb, out);
  return out;
}

/* ---- what a run added to the AWS side, without its ids ---- */

typedef struct {
  GHashTable *before;   /* ids that existed before */
  GHashTable *labels;   /* id → kind/Name of what the run added */
  GRegex     *link_id;   /* and service ids: what differs from run to run */
} Normalizer;

static char *
strip_link_ids (Normalizer *normalizer,
                const char *text)
{
  return g_regex_replace_literal (normalizer->link_id, text ? text : "-", -1, 0, "LINK", 0, NULL);
}

static const char *
label_of (Normalizer *normalizer,
          const char *id)
{
  const char *label = id ? g_hash_table_lookup (normalizer->labels, id) : NULL;

  return label ? label : id ? id : "-";
}

static void
collect_ids (GHashTable *ids,
             JsonNode   *dump)
{
  JsonObject *aws = json_object_get_object_member (json_node_get_object (dump), "aws");
  g_autoptr(GList) kinds = json_object_get_members (aws);

  for (GList *k = kinds; k; k = k->next)
    {
      JsonNode *node = json_object_get_member (aws, k->data);

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        g_hash_table_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (node), i), "id")));
    }
}

static char *
tags_text (Normalizer *normalizer,
           JsonObject *resource)
{
  JsonObject *tags = json_object_get_object_member (resource, "tags");
  g_autoptr(GList) keys = json_object_get_members (tags);
  g_autoptr(GString) text = g_string_new (NULL);

  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *k = keys; k; k = k->next)
    {
      g_autofree char *value = strip_link_ids (normalizer, json_object_get_string_member (tags, k->data));

      g_string_append_printf (text, " %s=%s", (char *) k->data, value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
describe_new (Normalizer *normalizer,
              const char *kind,
              JsonObject *resource,
              GPtrArray  *lines)
{
  g_autofree char *tags = tags_text (normalizer, resource);
  g_autofree char *name = strip_link_ids (normalizer, json_object_get_string_member_with_default (resource, "name", NULL));
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%s %s%s", kind, name, tags);
  if (g_str_equal (kind, "target_groups"))
    {
      JsonArray *targets = json_object_get_array_member (resource, "targets");
      JsonObject *attributes = json_object_get_object_member (resource, "attributes");

      g_string_append_printf (line, " %s:%" G_GINT64_FORMAT " %s vpc=%s cross-zone=%s",
                              json_object_get_string_member (resource, "protocol"),
                              json_object_get_int_member (resource, "port"),
                              json_object_get_string_member (resource, "target_type"),
                              json_object_get_string_member (resource, "vpc_id"),
                              json_object_get_string_member_with_default (attributes, "load_balancing.cross_zone.enabled", "?"));
      for (guint i = 0; i < json_array_get_length (targets); i++)
        g_string_append_printf (line, " target=%s", json_object_get_string_member (json_array_get_object_element (targets, i), "ip"));
    }
  else if (g_str_equal (kind, "load_balancers"))
    {
      JsonArray *groups = json_object_get_array_member (resource, "group_ids");
      JsonArray *subnets = json_object_get_array_member (resource, "subnet_ids");

      g_string_append_printf (line, " %s %s", json_object_get_string_member (resource, "type"),
                              json_object_get_string_member (resource, "scheme"));
      for (guint i = 0; i < json_array_get_length (subnets); i++)
        g_string_append_printf (line, " subnet=%s", json_array_get_string_element (subnets, i));
      for (guint i = 0; i < json_array_get_length (groups); i++)
        g_string_append_printf (line, " group=%s", label_of (normalizer, json_array_get_string_element (groups, i)));
    }
  else if (g_str_equal (kind, "listeners"))
    g_string_append_printf (line, " %s:%" G_GINT64_FORMAT " lb=%s tg=%s", json_object_get_string_member (resource, "protocol"),
                            json_object_get_int_member (resource, "port"),
                            label_of (normalizer, json_object_get_string_member (resource, "load_balancer_arn")),
                            label_of (normalizer, json_object_get_string_member (resource, "target_group_arn")));
  else if (g_str_equal (kind, "endpoint_services"))
    {
      JsonArray *principals = json_object_get_array_member (resource, "allowed_principals");
      JsonArray *balancers = json_object_get_array_member (resource, "load_balancer_arns");

      g_string_append_printf (line, " acceptance=%d", json_object_get_boolean_member (resource, "acceptance_required"));
      for (guint i = 0; i < json_array_get_length (balancers); i++)
        g_string_append_printf (line, " lb=%s", label_of (normalizer, json_array_get_string_element (balancers, i)));
      for (guint i = 0; i < json_array_get_length (principals); i++)
        g_string_append_printf (line, " principal=%s", json_array_get_string_element (principals, i));
    }
  else if (g_str_equal (kind, "network_interfaces"))
    g_string_append_printf (line, " %s holder=%s", json_object_get_string_member (resource, "interface_type"),
                            label_of (normalizer, json_object_get_string_member (resource, "holder")));
  g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
}

/* One direction of a group's rules ("ingress" or "egress", when the dump has it). */
static void
describe_direction (Normalizer *normalizer,
                    JsonObject *group,
                    const char *direction,
                    GPtrArray  *lines)
{
  JsonArray *rules = json_object_get_array_member (group, direction);
  gboolean group_is_new = !g_hash_table_contains (normalizer->before, json_object_get_string_member (group, "id"));
  gboolean egress = g_str_equal (direction, "egress");

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      const char *peer = json_object_get_string_member_with_default (rule, "group_id", NULL);

      /* The rules the run added: on its own group, or naming it. */
      if (!group_is_new && (peer == NULL || !g_hash_table_contains (normalizer->labels, peer)))
        continue;
      g_ptr_array_add (lines, g_strdup_printf ("%s on %s %s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s %s",
                                               egress ? "egress rule" : "rule",
                                               label_of (normalizer, json_object_get_string_member (group, "id")),
                                               json_object_get_string_member (rule, "protocol"),
                                               json_object_get_int_member (rule, "from_port"),
                                               json_object_get_int_member (rule, "to_port"),
                                               egress ? "to" : "from",
                                               peer ? label_of (normalizer, peer)
                                                      : json_object_get_string_member_with_default (rule, "cidr", "-")));
    }
}

static void
describe_rules (Normalizer *normalizer,
                JsonObject *group,
                GPtrArray  *lines)
{
  describe_direction (normalizer, group, "ingress", lines);
  if (json_object_has_member (group, "egress"))
    describe_direction (normalizer, group, "egress", lines);
}

static gint
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static char *
added_resources (JsonNode *before,
                 JsonNode *after)
{
  static const char * const kinds[] = { "security_groups", "target_groups", "load_balancers", "listeners",
                                        "endpoint_services", "network_interfaces", NULL };
  Normalizer normalizer = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free),
    g_regex_new ("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|vpce-svc-[0-9a-f]+", 0, 0, NULL),
  };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  collect_ids (normalizer.before, before);
  for (guint k = 0; kinds[k]; k++)
    {
      JsonArray *resources = cw_test_dump_array (after, "aws", kinds[k]);

      for (guint i = 0; i < json_array_get_length (resources); i++)
        {
          JsonObject *resource = json_array_get_object_element (resources, i);
          const char *id = json_object_get_string_member (resource, "id");
          JsonObject *tags = json_object_get_object_member (resource, "tags");

          if (!g_hash_table_contains (normalizer.before, id))
            g_hash_table_insert (normalizer.labels, (gpointer) id,
                                 g_strdup_printf ("%s/%s", kinds[k],
                                                  json_object_get_string_member_with_default (tags, "Name", "?")));
        }
    }
  for (guint k = 0; kinds[k]; k++)
    {
      JsonArray *resources = cw_test_dump_array (after, "aws", kinds[k]);

      for (guint i = 0; i < json_array_get_length (resources); i++)
        {
          JsonObject *resource = json_array_get_object_element (resources, i);

          if (g_str_equal (kinds[k], "security_groups"))
            describe_rules (&normalizer, resource, lines);
          if (!g_hash_table_contains (normalizer.before, json_object_get_string_member (resource, "id")))
            describe_new (&normalizer, kinds[k], resource, lines);
        }
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  joined = g_strjoinv ("\n", (char **) lines->pdata);
  g_hash_table_unref (normalizer.before);
  g_hash_table_unref (normalizer.labels);
  g_regex_unref (normalizer.link_id);
  return g_steal_pointer (&joined);
}

/* ---- running the script ---- */

static void
run_script (CwTestSandbox *sb,
            const char    *script)
{
  g_autofree char *out = cw_test_run_aws_script (sb, script);

  g_assert_nonnull (strstr (out, "com.amazonaws.vpce.us-east-1.vpce-svc-"));
}

static void
test_aws_cli_script_matches_apply (void)
{
  CwTestSandbox *applied = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *script = export (applied, "aws-cli");
  g_autoptr(JsonNode) before_apply = cw_test_sandbox_dump (applied);
  g_autoptr(JsonNode) after_apply = NULL;
  g_autoptr(JsonNode) before_script = NULL;
  g_autoptr(JsonNode) after_script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *by_apply = NULL;
  g_autofree char *by_script = NULL;
  CwTestSandbox *scripted;
  int status;

  out = cw_test_run_cli (applied, &status, NULL, "apply", plan_arguments[0], plan_arguments[1], plan_arguments[2],
                         plan_arguments[3], plan_arguments[4], plan_arguments[5], "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  after_apply = cw_test_sandbox_dump (applied);
  by_apply = added_resources (before_apply, after_apply);
  cw_test_sandbox_free (applied);

  /* A fresh world of the same seed has the same VPC, subnets and groups. */
  scripted = cw_test_sandbox_new (TIME_SCALE, NULL);
  before_script = cw_test_sandbox_dump (scripted);
  run_script (scripted, script);
  after_script = cw_test_sandbox_dump (scripted);
  by_script = added_resources (before_script, after_script);
  g_test_message ("added by apply:\n%s", by_apply);
  g_assert_cmpstr (by_script, ==, by_apply);
  cw_test_sandbox_free (scripted);
}

static char *
export_addition (CwTestSandbox *sb,
                 const char    *link_id,
                 const char    *database)
{
  g_autofree char *errors = NULL;
  int status;
  char *out = cw_test_run_cli (sb, &status, &errors, "export", "--format", "aws-cli", "--add-to", link_id,
                               "--cluster", CW_TEST_CLUSTER_ID, "--database", database, NULL);

  g_assert_cmpint (status, ==, 0);
  cw_test_assert_no_secret (sb, out);
  return out;
}

/* The link's script and then the script of a database added to it, on a fresh world,
 * make what apply and apply --add-to made: a second listener, target group and port tag
 * on the same load balancer and endpoint service. */
static void
test_aws_cli_addition_replays (void)
{
  CwTestSandbox *applied = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *link_script = export (applied, "aws-cli");
  g_autoptr(JsonNode) before_apply = cw_test_sandbox_dump (applied);
  g_autoptr(JsonNode) after_apply = NULL;
  g_autoptr(JsonNode) before_script = NULL;
  g_autoptr(JsonNode) after_script = NULL;
  g_autoptr(JsonNode) links = NULL;
  g_autofree char *out = NULL;
  g_autofree char *added = NULL;
  g_autofree char *addition_script = NULL;
  g_autofree char *addition_out = NULL;
  g_autofree char *by_apply = NULL;
  g_autofree char *by_script = NULL;
  const char *link_id;
  CwTestSandbox *scripted;
  int status;

  out = cw_test_run_cli (applied, &status, NULL, "apply", plan_arguments[0], plan_arguments[1], plan_arguments[2],
                         plan_arguments[3], plan_arguments[4], plan_arguments[5], "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  links = cw_test_run_cli_json (applied, "links", "--cluster", CW_TEST_CLUSTER_ID, NULL);
  link_id = json_object_get_string_member (cw_test_find_object (links, "displayName", "billing via causeway"),
                                           "linkId");
  addition_script = export_addition (applied, link_id, "orders-mysql");
  g_assert_nonnull (strstr (addition_script, "--port 3307"));
  added = cw_test_run_cli (applied, &status, NULL, "apply", "--add-to", link_id, "--database", "orders-mysql", "--yes",
                           NULL);
  g_assert_cmpint (status, ==, 0);
  after_apply = cw_test_sandbox_dump (applied);
  by_apply = added_resources (before_apply, after_apply);
  cw_test_sandbox_free (applied);

  scripted = cw_test_sandbox_new (TIME_SCALE, NULL);
  before_script = cw_test_sandbox_dump (scripted);
  run_script (scripted, link_script);
  addition_out = cw_test_run_aws_script (scripted, addition_script);
  g_assert_nonnull (strstr (addition_out, "on port 3307"));
  after_script = cw_test_sandbox_dump (scripted);
  by_script = added_resources (before_script, after_script);
  g_test_message ("added by apply:\n%s", by_apply);
  g_assert_nonnull (strstr (by_apply, "TCP:3307 lb=load_balancers/cw-nlb-billing-mysql tg=target_groups/cw-tg-orders-mysql"));
  g_assert_nonnull (strstr (by_apply, "causeway:port:3307=orders-mysql/"));
  g_assert_cmpstr (by_script, ==, by_apply);
  cw_test_sandbox_free (scripted);
}

static void
test_terraform (void)
{
  CwTestSandbox *sb = cw_test_sandbox_new (TIME_SCALE, NULL);
  g_autofree char *terraform = export (sb, "terraform");
  static const char * const resources[] = {
    "resource \"aws_security_group\" \"load_balancer\"",
    "resource \"aws_vpc_security_group_ingress_rule\" \"database_from_load_balancer\"",
    "resource \"aws_vpc_security_group_egress_rule\" \"load_balancer_to_database\"",
    "resource \"aws_lb_target_group\" \"database\"",
    "load_balancing_cross_zone_enabled",
    "resource \"aws_lb_target_group_attachment\" \"database\"",
    "resource \"aws_lb\" \"link\"",
    "resource \"aws_lb_listener\" \"database\"",
    "resource \"aws_vpc_endpoint_service\" \"link\"",
    "resource \"aws_vpc_endpoint_service_allowed_principal\" \"tidb_cloud\"",
    "\"causeway:link-id\"",
    NULL
  };
  int depth = 0;

  for (guint i = 0; resources[i]; i++)
    g_assert_nonnull (strstr (terraform, resources[i]));
  for (const char *p = terraform; *p; p++)
    {
      depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
      g_assert_cmpint (depth, >=, 0);
    }
  g_assert_cmpint (depth, ==, 0);
  cw_test_sandbox_free (sb);
}

int
main (int argc, char **argv)
{
  cw_test_init (&argc, &argv);
  g_test_add_func ("/integration/export/aws-cli-script-matches-apply", test_aws_cli_script_matches_apply);
  g_test_add_func ("/integration/export/aws-cli-addition-replays", test_aws_cli_addition_replays);
  g_test_add_func ("/integration/export/terraform", test_terraform);
  return g_test_run ();
}
