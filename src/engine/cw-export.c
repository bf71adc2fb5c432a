/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-export.c: a plan's decisions read once, and what it creates, changes or uses
 * (see cw-export.h) */
#define G_LOG_DOMAIN "cw-export"

#include "config.h"

#include "cw-export-private.h"

/* ---- the decisions, read once ---- */

/* The display name is free text: in a comment of generated code, a line break would
 * end the comment and make the rest code. */
static char *
comment_text (const char *text)
{
  char *copy = g_strdup (text);

  for (char *p = copy; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return copy;
}

/* A word of a command shown in a comment, to be copied to a shell: on one line, and
 * quoted unless it is plainly one word. */
char *
cw_export_comment_shell_word (const char *text)
{
  g_autofree char *line = comment_text (text);

  for (const char *p = line; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-_.:/@", *p) == NULL)
      return g_shell_quote (line);
  return *line ? g_steal_pointer (&line) : g_shell_quote (line);
}

/* The TiDB Cloud side, which neither export can make: the ticloud command that makes it
 * (flags as tidbcloud-cli's serverless private-link-connection create defines them), up to
 * the endpoint service's name, which comes last. Words are split by line_break. */
char *
cw_export_ticloud_command (Spec       *spec,
                           const char *line_break)
{
  g_autofree char *cluster_id = cw_export_comment_shell_word (spec->cluster_id);
  g_autofree char *display_name = cw_export_comment_shell_word (spec->display_name);

  return g_strdup_printf ("ticloud serverless private-link-connection create --cluster-id %s%s--display-name %s "
                          "--type AWS_ENDPOINT_SERVICE%s--aws.endpoint-service-name",
                          cluster_id, line_break, display_name, line_break);
}

/* A plan that cannot work yet may lack some of these: shown as "?". */
static const char *
spec_value_or_unknown (const char *value)
{
  return value ? value : "?";
}

static const char *
spec_value (CwJournal  *journal,
            const char *key)
{
  return spec_value_or_unknown (cw_journal_get_spec (journal, key));
}

/* The one way out of the link's own load balancer group (DESIGN.md §1.1), as `apply`
 * makes it: TCP on the database port to the database's security group, or to the
 * database's address alone when the link changes no group of the database. Both exports
 * and the list of changes take it from here. */
static void
spec_read_egress (Spec *spec)
{
  spec->egress_to_group = spec->database_group != NULL;
  spec->egress_to = spec->egress_to_group ? g_strdup (spec->database_group)
                                          : g_strdup_printf ("%s/32", spec->database_ip);
}

void
cw_export_spec_read (Spec      *spec,
                     CwJournal *journal)
{
  /* What a database added to a link creates carries the link's id. */
  spec->link_id = cw_journal_get_spec (journal, CW_SPEC_ADDED_TO) ? cw_journal_get_spec (journal, CW_SPEC_ADDED_TO)
                                                                  : cw_journal_get_link_id (journal);
  spec->cluster_id = spec_value (journal, CW_SPEC_CLUSTER_ID);
  spec->region = spec_value (journal, CW_SPEC_REGION);
  spec->database_id = spec_value (journal, CW_SPEC_DATABASE_ID);
  spec->vpc_id = spec_value (journal, CW_SPEC_VPC_ID);
  spec->port = cw_journal_get_spec_uint (journal, CW_SPEC_DATABASE_PORT);
  spec->added_to = cw_journal_get_spec (journal, CW_SPEC_ADDED_TO);
  spec->listener_port = cw_journal_get_spec_uint (journal, CW_SPEC_LISTENER_PORT);
  spec->endpoint_service_id = spec_value_or_unknown (cw_journal_get_resource (journal, CW_RES_ENDPOINT_SERVICE_ID));
  if (spec->listener_port == 0)
    spec->listener_port = spec->port;
  spec->database_ip = spec_value (journal, CW_SPEC_DATABASE_IP);
  spec->subnet_ids = cw_journal_dup_spec_strv (journal, CW_SPEC_SUBNET_IDS);
  spec->target_group_name = spec_value (journal, CW_SPEC_TARGET_GROUP_NAME);
  spec->load_balancer_name = spec_value (journal, CW_SPEC_LOAD_BALANCER_NAME);
  spec->display_name = spec_value (journal, CW_SPEC_DISPLAY_NAME);
  spec->nlb_group = cw_journal_get_spec (journal, CW_SPEC_NLB_SECURITY_GROUP);
  spec->database_group = cw_journal_get_spec (journal, CW_SPEC_DATABASE_SECURITY_GROUP);
  spec->cross_zone = cw_journal_get_spec_boolean (journal, CW_SPEC_CROSS_ZONE);
  spec->principal = g_strdup_printf ("arn:aws:iam::%s:root", spec_value (journal, CW_SPEC_TIDB_ACCOUNT_ID));
  spec->own_group_name = cw_link_security_group_name (spec->link_id);
  spec->client_token = cw_link_client_token (spec->link_id);
  spec->comment_name = comment_text (spec->display_name);
  spec_read_egress (spec);
}

void
cw_export_spec_clear (Spec *spec)
{
  g_strfreev (spec->subnet_ids);
  g_free (spec->principal);
  g_free (spec->own_group_name);
  g_free (spec->client_token);
  g_free (spec->comment_name);
  g_free (spec->egress_to);
}

/* ---- what changes ---- */

const char *
cw_change_action_to_string (CwChangeAction action)
{
  static const char * const names[] = { "create", "modify", "use" };

  return names[action];
}

void
cw_plan_change_free (CwPlanChange *change)
{
  g_free (change->kind);
  g_free (change->name);
  g_free (change->detail);
  g_free (change);
}

static void
add_change (GPtrArray      *changes,
            CwChangeAction  action,
            const char     *kind,
            const char     *name,
            char           *detail)
{
  CwPlanChange *change = g_new0 (CwPlanChange, 1);

  change->action = action;
  change->kind = g_strdup (kind);
  change->name = g_strdup (name);
  change->detail = detail;
  g_ptr_array_add (changes, change);
}

/* Everything the plan creates, changes or uses, in the order it happens. */
/* A database added to a link: a listener of its own on the link's load balancer and
 * what the listener needs; the rest is the link's (DESIGN.md §4.5). */
static void
add_addition_changes (GPtrArray *changes,
                      Spec      *spec)
{
  if (spec->nlb_group != NULL)
    add_change (changes, CW_CHANGE_MODIFY, "security-group", spec->nlb_group,
                g_strdup_printf (_("The load balancer’s security group admits TCP port %u and lets out port %u to %s."),
                                 spec->listener_port, spec->port, spec->egress_to));
  if (spec->database_group != NULL)
    add_change (changes, CW_CHANGE_MODIFY, "security-group-rule", spec->database_group,
                g_strdup_printf (_("The database’s security group admits the load balancer’s group on TCP port %u."),
                                 spec->port));
  add_change (changes, CW_CHANGE_CREATE, "target-group", spec->target_group_name,
              g_strdup_printf (_("Type ip, TCP port %u, target %s:%u%s."), spec->port, spec->database_ip, spec->port,
                               spec->cross_zone ? _(", cross-zone load balancing on") : ""));
  add_change (changes, CW_CHANGE_CREATE, "listener", spec->load_balancer_name,
              g_strdup_printf (_("TCP port %u, forwarding to the target group."), spec->listener_port));
  add_change (changes, CW_CHANGE_USE, "private-link-connection", spec->display_name,
              g_strdup_printf (_("The link’s, unchanged: TiDB Cloud reaches %s on its port %u. No new load balancer, "
                                 "no additional hourly cost."), spec->database_id, spec->listener_port));
}

GPtrArray *
cw_export_changes (CwJournal *journal)
{
  g_auto(Spec) spec = { 0 };
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_plan_change_free);
  g_autofree char *subnets = NULL;

  cw_export_spec_read (&spec, journal);
  if (spec.added_to != NULL)
    {
      add_addition_changes (changes, &spec);
      return changes;
    }
  subnets = g_strjoinv (", ", spec.subnet_ids);
  if (spec.nlb_group == NULL && spec.egress_to_group)
    add_change (changes, CW_CHANGE_CREATE, "security-group", spec.own_group_name,
                g_strdup_printf (_("The load balancer’s own security group in %s, admitting TCP port %u, and letting out "
                                   "only port %u to the database’s security group %s."),
                                 spec.vpc_id, spec.port, spec.port, spec.egress_to));
  else if (spec.nlb_group == NULL)
    add_change (changes, CW_CHANGE_CREATE, "security-group", spec.own_group_name,
                g_strdup_printf (_("The load balancer’s own security group in %s, admitting TCP port %u, and letting out "
                                   "only port %u to the database at %s."),
                                 spec.vpc_id, spec.port, spec.port, spec.database_ip));
  else
    add_change (changes, CW_CHANGE_USE, "security-group", spec.nlb_group,
                g_strdup (_("The chosen security group for the load balancer, left as it is.")));
  if (spec.database_group != NULL)
    add_change (changes, CW_CHANGE_MODIFY, "security-group-rule", spec.database_group,
                g_strdup_printf (_("The database’s security group admits the load balancer’s group on TCP port %u."),
                                 spec.port));
  add_change (changes, CW_CHANGE_CREATE, "target-group", spec.target_group_name,
              g_strdup_printf (_("Type ip, TCP port %u, target %s:%u%s."), spec.port, spec.database_ip, spec.port,
                               spec.cross_zone ? _(", cross-zone load balancing on") : ""));
  add_change (changes, CW_CHANGE_CREATE, "load-balancer", spec.load_balancer_name,
              g_strdup_printf (_("Internal Network Load Balancer in subnets %s."), subnets));
  add_change (changes, CW_CHANGE_CREATE, "listener", spec.load_balancer_name,
              g_strdup_printf (_("TCP port %u, forwarding to the target group."), spec.port));
  add_change (changes, CW_CHANGE_CREATE, "endpoint-service", spec.display_name,
              g_strdup_printf (_("Fronted by the load balancer, acceptance required, %s allowed."), spec.principal));
  add_change (changes, CW_CHANGE_CREATE, "private-link-connection", spec.display_name,
              g_strdup (_("In TiDB Cloud, to the endpoint service; its endpoint is then accepted.")));
  return changes;
}
