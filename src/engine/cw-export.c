/* cw-export.c */
#define G_LOG_DOMAIN "cw-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cw-export.h"
#include "cw-provisioner.h"

/* ---- the decisions, read once ---- */

typedef struct {
  const char *link_id;
  const char *cluster_id;
  const char *region;
  const char *database_id;
  const char *vpc_id;
  guint       port;
  const char *database_ip;
  GStrv       subnet_ids;
  const char *target_group_name;
  const char *load_balancer_name;
  const char *display_name;
  const char *nlb_group;        /* chosen, or NULL: the link's own */
  const char *database_group;   /* NULL: no rule */
  gboolean    egress_to_group;  /* the link's own group lets out only to … */
  char       *egress_to;        /* … the database's group, or its address as a /32 */
  gboolean    cross_zone;
  char       *principal;
  char       *own_group_name;
  char       *client_token;
  char       *comment_name;   /* the display name, safe in a comment */
} Spec;

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
static char *
comment_shell_word (const char *text)
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
static char *
ticloud_create_command (Spec       *spec,
                        const char *line_break)
{
  g_autofree char *cluster_id = comment_shell_word (spec->cluster_id);
  g_autofree char *display_name = comment_shell_word (spec->display_name);

  return g_strdup_printf ("ticloud serverless private-link-connection create --cluster-id %s%s--display-name %s "
                          "--type AWS_ENDPOINT_SERVICE%s--aws.endpoint-service-name",
                          cluster_id, line_break, display_name, line_break);
}

/* A plan that cannot work yet may lack some of these: shown as "?". */
static const char *
spec_value (CwJournal  *journal,
            const char *key)
{
  const char *value = cw_journal_get_spec (journal, key);

  return value ? value : "?";
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

static void
spec_read (Spec      *spec,
           CwJournal *journal)
{
  spec->link_id = cw_journal_get_link_id (journal);
  spec->cluster_id = spec_value (journal, CW_SPEC_CLUSTER_ID);
  spec->region = spec_value (journal, CW_SPEC_REGION);
  spec->database_id = spec_value (journal, CW_SPEC_DATABASE_ID);
  spec->vpc_id = spec_value (journal, CW_SPEC_VPC_ID);
  spec->port = cw_journal_get_spec_uint (journal, CW_SPEC_DATABASE_PORT);
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

static void
spec_clear (Spec *spec)
{
  g_strfreev (spec->subnet_ids);
  g_free (spec->principal);
  g_free (spec->own_group_name);
  g_free (spec->client_token);
  g_free (spec->comment_name);
  g_free (spec->egress_to);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Spec, spec_clear)

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
GPtrArray *
cw_export_changes (CwJournal *journal)
{
  g_auto(Spec) spec = { 0 };
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_plan_change_free);
  g_autofree char *subnets = NULL;

  spec_read (&spec, journal);
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

/* ---- Terraform ---- */

/* The configuration is written as `terraform fmt` would leave it, so that a team can
 * commit it as it is. That needs a block whole before it is written: the `=` of a run of
 * single-line attributes stands one space after the run's longest name, and a run ends
 * at a nested block or a multi-line value. Nested blocks stand apart from the attributes
 * by a blank line. */
typedef struct _HclBlock HclBlock;

struct _HclBlock {
  char      *comment;     /* lines said before the header, or NULL */
  char      *header;      /* `resource "aws_lb" "link"`, `health_check`, or an object's name */
  gboolean   is_object;   /* `name = { … }`: a multi-line value rather than a nested block */
  GPtrArray *items;       /* HclItem */
};

typedef struct {
  char     *name;    /* an attribute: name = value, on one line */
  char     *value;
  HclBlock *block;   /* or a nested block or object */
} HclItem;

static void hcl_block_free (HclBlock *block);

static void
hcl_item_free (HclItem *item)
{
  g_free (item->name);
  g_free (item->value);
  g_clear_pointer (&item->block, hcl_block_free);
  g_free (item);
}

static HclBlock *
hcl_block_new (const char *header,
               gboolean    is_object)
{
  HclBlock *block = g_new0 (HclBlock, 1);

  block->header = g_strdup (header);
  block->is_object = is_object;
  block->items = g_ptr_array_new_with_free_func ((GDestroyNotify) hcl_item_free);
  return block;
}

static void
hcl_block_free (HclBlock *block)
{
  g_free (block->comment);
  g_free (block->header);
  g_ptr_array_unref (block->items);
  g_free (block);
}

static char *
hcl_string (const char *value)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *p = value ? value : ""; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      else if (*p == '\n')
        {
          g_string_append (out, "\\n");
          continue;
        }
      else if ((*p == '$' || *p == '%') && p[1] == '{')
        g_string_append_c (out, *p);
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* An attribute whose value is an expression, written as it is. */
static void
hcl_raw (HclBlock   *block,
         const char *name,
         const char *expression)
{
  HclItem *item = g_new0 (HclItem, 1);

  g_assert (strchr (expression, '\n') == NULL);
  item->name = g_strdup (name);
  item->value = g_strdup (expression);
  g_ptr_array_add (block->items, item);
}

static void
hcl_attribute (HclBlock   *block,
               const char *name,
               const char *value)
{
  g_autofree char *quoted = hcl_string (value);

  hcl_raw (block, name, quoted);
}

static void
hcl_number (HclBlock   *block,
            const char *name,
            guint       value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  hcl_raw (block, name, text);
}

static HclBlock *
hcl_add_nested (HclBlock   *parent,
                const char *header,
                gboolean    is_object)
{
  HclItem *item = g_new0 (HclItem, 1);

  item->block = hcl_block_new (header, is_object);
  g_ptr_array_add (parent->items, item);
  return item->block;
}

static HclBlock *
hcl_block (HclBlock   *parent,
           const char *header)
{
  return hcl_add_nested (parent, header, FALSE);
}

static HclBlock *
hcl_object (HclBlock   *parent,
            const char *name)
{
  return hcl_add_nested (parent, name, TRUE);
}

/* A block of the file, after those added before it. */
static HclBlock *
hcl_top (GPtrArray  *blocks,
         const char *header)
{
  HclBlock *block = hcl_block_new (header, FALSE);

  g_ptr_array_add (blocks, block);
  return block;
}

static HclBlock *
hcl_resource (GPtrArray  *blocks,
              const char *type,
              const char *name)
{
  g_autofree char *header = g_strdup_printf ("resource \"%s\" \"%s\"", type, name);

  return hcl_top (blocks, header);
}

static void
hcl_tags (HclBlock   *block,
          const char *name)
{
  g_autofree char *quoted = hcl_string (name);
  g_autofree char *expression = g_strdup_printf ("merge(local.tags, { Name = %s })", quoted);

  hcl_raw (block, "tags", expression);
}

static char *
hcl_list (const char * const *values)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *quoted = hcl_string (values[i]);

      g_string_append_printf (out, "%s%s", i ? ", " : "", quoted);
    }
  g_string_append_c (out, ']');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static HclItem *
hcl_item (HclBlock *block,
          guint     i)
{
  return g_ptr_array_index (block->items, i);
}

static gboolean
hcl_is_nested_block (HclBlock *block,
                     guint     i)
{
  return hcl_item (block, i)->block != NULL && !hcl_item (block, i)->block->is_object;
}

/* The longest name in the run of single-line attributes that starts at item first. */
static int
hcl_run_width (HclBlock *block,
               guint     first)
{
  gsize width = 0;

  for (guint i = first; i < block->items->len && hcl_item (block, i)->block == NULL; i++)
    width = MAX (width, strlen (hcl_item (block, i)->name));
  return (int) width;
}

static void
hcl_write (GString  *out,
           HclBlock *block,
           int       indent)
{
  g_auto(GStrv) comment = block->comment ? g_strsplit (block->comment, "\n", -1) : NULL;
  int width = 0;

  for (guint i = 0; comment != NULL && comment[i] != NULL; i++)
    g_string_append_printf (out, "%*s# %s\n", indent, "", comment[i]);
  g_string_append_printf (out, "%*s%s%s {\n", indent, "", block->header, block->is_object ? " =" : "");
  for (guint i = 0; i < block->items->len; i++)
    {
      HclItem *item = hcl_item (block, i);

      if (i > 0 && (hcl_is_nested_block (block, i) || hcl_is_nested_block (block, i - 1)))
        g_string_append_c (out, '\n');
      if (item->block != NULL)
        {
          hcl_write (out, item->block, indent + 2);
          continue;
        }
      if (i == 0 || hcl_item (block, i - 1)->block != NULL)
        width = hcl_run_width (block, i);
      g_string_append_printf (out, "%*s%-*s = %s\n", indent + 2, "", width, item->name, item->value);
    }
  g_string_append_printf (out, "%*s}\n", indent, "");
}

static void
terraform_header (GString   *out,
                  GPtrArray *blocks,
                  Spec      *spec)
{
  HclBlock *terraform = hcl_top (blocks, "terraform");
  HclBlock *provider = hcl_top (blocks, "provider \"aws\"");
  HclBlock *locals = hcl_top (blocks, "locals");
  HclBlock *aws = hcl_object (hcl_block (terraform, "required_providers"), "aws");
  HclBlock *tags = hcl_object (locals, "tags");
  g_autofree char *link_key = hcl_string (CW_TAG_LINK_ID);
  g_autofree char *database_key = hcl_string (CW_TAG_DATABASE);
  g_autofree char *ticloud = ticloud_create_command (spec, " \\\n#     ");
  g_autofree char *display_name = comment_shell_word (spec->display_name);
  g_autofree char *region = comment_shell_word (spec->region);

  g_string_append_printf (out,
                          "# The AWS side of the TiDB Cloud private link “%s”, exported by Causeway\n"
                          "# for link %s.\n"
                          "#\n"
                          "# After `terraform apply`, create the TiDB Cloud side with the ticloud CLI (there is no\n"
                          "# Terraform resource for it yet):\n"
                          "#\n"
                          "#   %s \"$(terraform output -raw endpoint_service_name)\"\n"
                          "#\n"
                          "# TiDB Cloud then asks the endpoint service to accept its endpoint. Accept it with\n"
                          "#\n"
                          "#   aws ec2 accept-vpc-endpoint-connections --region %s \\\n"
                          "#     --service-id \"$(terraform output -raw endpoint_service_id)\" --vpc-endpoint-ids ENDPOINT_ID\n"
                          "#\n"
                          "# where ENDPOINT_ID is the connection's awsEndpointService.endpointId, as\n"
                          "# `ticloud serverless private-link-connection describe` shows it; or let Causeway\n"
                          "# accept exactly that endpoint: causeway-cli accept %s\n\n",
                          spec->comment_name, spec->link_id, ticloud, region, display_name);
  hcl_attribute (aws, "source", "hashicorp/aws");
  hcl_attribute (aws, "version", ">= 5.0");
  hcl_attribute (provider, "region", spec->region);
  hcl_attribute (tags, link_key, spec->link_id);
  hcl_attribute (tags, database_key, spec->database_id);
}

/* The load balancer's group: the chosen one, or the link's own. */
static char *
terraform_load_balancer_group (Spec *spec)
{
  return spec->nlb_group ? hcl_string (spec->nlb_group) : g_strdup ("aws_security_group.load_balancer.id");
}

/* A rule of the link: TCP on the database port, on the group the expression names; the
 * caller says to or from where. */
static HclBlock *
terraform_rule (GPtrArray  *blocks,
                const char *type,
                const char *name,
                const char *group,
                Spec       *spec)
{
  HclBlock *block = hcl_resource (blocks, type, name);

  hcl_raw (block, "security_group_id", group);
  hcl_attribute (block, "ip_protocol", "tcp");
  hcl_number (block, "from_port", spec->port);
  hcl_number (block, "to_port", spec->port);
  return block;
}

static void
terraform_own_group (GPtrArray *blocks,
                     Spec      *spec)
{
  const char *own_group = "aws_security_group.load_balancer.id";
  HclBlock *block = hcl_resource (blocks, "aws_security_group", "load_balancer");

  hcl_attribute (block, "name", spec->own_group_name);
  hcl_attribute (block, "description", CW_LINK_GROUP_DESCRIPTION);
  hcl_attribute (block, "vpc_id", spec->vpc_id);
  hcl_tags (block, spec->load_balancer_name);

  block = terraform_rule (blocks, "aws_vpc_security_group_ingress_rule", "load_balancer_database_port", own_group, spec);
  hcl_attribute (block, "cidr_ipv4", CW_LINK_OPEN_CIDR);
  hcl_attribute (block, "description", CW_LINK_RULE_DESCRIPTION);

  block = terraform_rule (blocks, "aws_vpc_security_group_egress_rule", "load_balancer_to_database", own_group, spec);
  block->comment = g_strdup ("The only way out of the load balancer's group. The group has no inline egress, so the\n"
                             "AWS provider removes the allow-all egress rule AWS gives a new group.");
  hcl_attribute (block, spec->egress_to_group ? "referenced_security_group_id" : "cidr_ipv4", spec->egress_to);
  hcl_attribute (block, "description", CW_LINK_RULE_DESCRIPTION);
  hcl_tags (block, spec->load_balancer_name);
}

static void
terraform_security_groups (GPtrArray *blocks,
                           Spec      *spec)
{
  g_autofree char *nlb_group = terraform_load_balancer_group (spec);
  g_autofree char *database_group = hcl_string (spec->database_group);
  HclBlock *block;

  if (spec->nlb_group == NULL)
    terraform_own_group (blocks, spec);
  if (spec->database_group != NULL)
    {
      block = terraform_rule (blocks, "aws_vpc_security_group_ingress_rule", "database_from_load_balancer",
                              database_group, spec);
      hcl_raw (block, "referenced_security_group_id", nlb_group);
      hcl_attribute (block, "description", CW_LINK_RULE_DESCRIPTION);
      hcl_tags (block, spec->load_balancer_name);
    }
}

static void
terraform_target_group (GPtrArray *blocks,
                        Spec      *spec)
{
  HclBlock *block = hcl_resource (blocks, "aws_lb_target_group", "database");
  HclBlock *health_check;

  hcl_attribute (block, "name", spec->target_group_name);
  hcl_number (block, "port", spec->port);
  hcl_attribute (block, "protocol", "TCP");
  hcl_attribute (block, "target_type", "ip");
  hcl_attribute (block, "vpc_id", spec->vpc_id);
  if (spec->cross_zone)
    hcl_attribute (block, "load_balancing_cross_zone_enabled", "true");
  hcl_tags (block, spec->target_group_name);
  health_check = hcl_block (block, "health_check");
  hcl_attribute (health_check, "protocol", "TCP");
  hcl_number (health_check, "interval", CW_LINK_HEALTH_INTERVAL_S);
  hcl_number (health_check, "timeout", CW_LINK_HEALTH_TIMEOUT_S);
  hcl_number (health_check, "healthy_threshold", CW_LINK_HEALTHY_THRESHOLD);
  hcl_number (health_check, "unhealthy_threshold", CW_LINK_UNHEALTHY_THRESHOLD);

  block = hcl_resource (blocks, "aws_lb_target_group_attachment", "database");
  hcl_raw (block, "target_group_arn", "aws_lb_target_group.database.arn");
  hcl_attribute (block, "target_id", spec->database_ip);
  hcl_number (block, "port", spec->port);
}

static void
terraform_load_balancer (GPtrArray *blocks,
                         Spec      *spec)
{
  g_autofree char *subnets = hcl_list ((const char * const *) spec->subnet_ids);
  g_autofree char *nlb_group = terraform_load_balancer_group (spec);
  g_autofree char *groups = g_strdup_printf ("[%s]", nlb_group);
  HclBlock *block = hcl_resource (blocks, "aws_lb", "link");
  HclBlock *action;

  hcl_attribute (block, "name", spec->load_balancer_name);
  hcl_raw (block, "internal", "true");
  hcl_attribute (block, "load_balancer_type", "network");
  hcl_raw (block, "subnets", subnets);
  hcl_raw (block, "security_groups", groups);
  hcl_tags (block, spec->load_balancer_name);

  block = hcl_resource (blocks, "aws_lb_listener", "database");
  hcl_raw (block, "load_balancer_arn", "aws_lb.link.arn");
  hcl_number (block, "port", spec->port);
  hcl_attribute (block, "protocol", "TCP");
  hcl_tags (block, spec->load_balancer_name);
  action = hcl_block (block, "default_action");
  hcl_attribute (action, "type", "forward");
  hcl_raw (action, "target_group_arn", "aws_lb_target_group.database.arn");
}

static void
terraform_endpoint_service (GPtrArray *blocks,
                            Spec      *spec)
{
  HclBlock *block = hcl_resource (blocks, "aws_vpc_endpoint_service", "link");

  hcl_raw (block, "acceptance_required", "true");
  hcl_raw (block, "network_load_balancer_arns", "[aws_lb.link.arn]");
  hcl_raw (block, "supported_ip_address_types", "[\"ipv4\"]");
  hcl_tags (block, spec->display_name);

  block = hcl_resource (blocks, "aws_vpc_endpoint_service_allowed_principal", "tidb_cloud");
  hcl_raw (block, "vpc_endpoint_service_id", "aws_vpc_endpoint_service.link.id");
  hcl_attribute (block, "principal_arn", spec->principal);

  block = hcl_top (blocks, "output \"endpoint_service_name\"");
  hcl_attribute (block, "description", "The service name to give TiDB Cloud's private link connection.");
  hcl_raw (block, "value", "aws_vpc_endpoint_service.link.service_name");

  block = hcl_top (blocks, "output \"endpoint_service_id\"");
  hcl_attribute (block, "description", "The service on which to accept the endpoint of TiDB Cloud's connection.");
  hcl_raw (block, "value", "aws_vpc_endpoint_service.link.id");
}

char *
cw_export_terraform (CwJournal *journal)
{
  g_auto(Spec) spec = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) hcl_block_free);

  spec_read (&spec, journal);
  terraform_header (out, blocks, &spec);
  terraform_security_groups (blocks, &spec);
  terraform_target_group (blocks, &spec);
  terraform_load_balancer (blocks, &spec);
  terraform_endpoint_service (blocks, &spec);
  for (guint i = 0; i < blocks->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      hcl_write (out, g_ptr_array_index (blocks, i), 0);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- AWS CLI ---- */

static char *
tag_specifications (const char *resource_type,
                    Spec       *spec,
                    const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *pairs[] = { "Name", name, CW_TAG_LINK_ID, spec->link_id, CW_TAG_DATABASE, spec->database_id, NULL };
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  if (resource_type != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ResourceType");
      json_builder_add_string_value (builder, resource_type);
      json_builder_set_member_name (builder, "Tags");
      json_builder_begin_array (builder);
    }
  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "Key");
      json_builder_add_string_value (builder, pairs[i]);
      json_builder_set_member_name (builder, "Value");
      json_builder_add_string_value (builder, pairs[i + 1]);
      json_builder_end_object (builder);
    }
  if (resource_type != NULL)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return g_shell_quote (text);
}

/* The AWS CLI of Debian 12 (2.9) does not read AWS_ENDPOINT_URL_<SERVICE> itself: the
 * script passes them on, so it runs against any endpoint the variables name. */
static void
aws_cli_header (GString *out,
                Spec    *spec)
{
  g_autofree char *region = g_shell_quote (spec->region);

  g_string_append_printf (out,
                          "#!/bin/bash\n"
                          "# The AWS side of the TiDB Cloud private link “%s”, exported by Causeway.\n"
                          "# Link %s. Needs the AWS CLI and credentials for the account. At the end it\n"
                          "# prints the endpoint service name to give a TiDB Cloud private link connection,\n"
                          "# whose endpoint must then be accepted on the service.\n"
                          "set -euo pipefail\n\n"
                          "REGION=%s\n"
                          "POLL_SECONDS=${POLL_SECONDS:-10}\n"
                          "EC2_ENDPOINT=${AWS_ENDPOINT_URL_EC2:-${AWS_ENDPOINT_URL:-}}\n"
                          "ELB_ENDPOINT=${AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2:-${AWS_ENDPOINT_URL:-}}\n\n"
                          "ec2 () { aws ec2 --region \"$REGION\" ${EC2_ENDPOINT:+--endpoint-url \"$EC2_ENDPOINT\"} \"$@\"; }\n"
                          "elbv2 () { aws elbv2 --region \"$REGION\" ${ELB_ENDPOINT:+--endpoint-url \"$ELB_ENDPOINT\"} \"$@\"; }\n\n"
                          "# Runs a command until it prints the expected word, for at most 120 rounds.\n"
                          "wait_for () {\n"
                          "  local expected=$1; shift\n"
                          "  for _ in $(seq 120); do\n"
                          "    [ \"$(\"$@\")\" = \"$expected\" ] && return 0\n"
                          "    sleep \"$POLL_SECONDS\"\n"
                          "  done\n"
                          "  echo \"gave up waiting for $expected\" >&2\n"
                          "  return 1\n"
                          "}\n\n",
                          spec->comment_name, spec->link_id, region);
}

/* The link's own group: the database port in from anywhere, out only to the database. */
static void
aws_cli_own_group (GString *out,
                   Spec    *spec)
{
  g_autofree char *name = g_shell_quote (spec->own_group_name);
  g_autofree char *description = g_shell_quote (CW_LINK_GROUP_DESCRIPTION);
  g_autofree char *vpc = g_shell_quote (spec->vpc_id);
  g_autofree char *group_tags = tag_specifications ("security-group", spec, spec->load_balancer_name);
  g_autofree char *rule_tags = tag_specifications ("security-group-rule", spec, spec->load_balancer_name);
  g_autofree char *open = g_strdup_printf ("IpProtocol=tcp,FromPort=%u,ToPort=%u,IpRanges=[{CidrIp=%s}]",
                                           spec->port, spec->port, CW_LINK_OPEN_CIDR);
  g_autofree char *open_quoted = g_shell_quote (open);
  g_autofree char *egress = g_strdup_printf ("IpProtocol=tcp,FromPort=%u,ToPort=%u,%s=[{%s=%s,Description=%s}]",
                                             spec->port, spec->port,
                                             spec->egress_to_group ? "UserIdGroupPairs" : "IpRanges",
                                             spec->egress_to_group ? "GroupId" : "CidrIp",
                                             spec->egress_to, CW_LINK_RULE_DESCRIPTION);
  g_autofree char *egress_quoted = g_shell_quote (egress);
  g_autofree char *allow_all = g_shell_quote ("IpProtocol=-1,IpRanges=[{CidrIp=" CW_LINK_OPEN_CIDR "}]");

  g_string_append_printf (out,
                          "NLB_SG=$(ec2 create-security-group --group-name %s --description %s --vpc-id %s \\\n"
                          "  --tag-specifications %s --query GroupId --output text)\n"
                          "ec2 authorize-security-group-ingress --group-id \"$NLB_SG\" --ip-permissions %s >/dev/null\n"
                          "# Out only to the database, in place of the allow-all egress of a new group.\n"
                          "ec2 authorize-security-group-egress --group-id \"$NLB_SG\" \\\n"
                          "  --ip-permissions %s \\\n"
                          "  --tag-specifications %s >/dev/null\n"
                          "ec2 revoke-security-group-egress --group-id \"$NLB_SG\" --ip-permissions %s >/dev/null\n",
                          name, description, vpc, group_tags, open_quoted, egress_quoted, rule_tags, allow_all);
}

static void
aws_cli_security_groups (GString *out,
                         Spec    *spec)
{
  g_autofree char *rule_tags = tag_specifications ("security-group-rule", spec, spec->load_balancer_name);

  if (spec->nlb_group == NULL)
    aws_cli_own_group (out, spec);
  else
    {
      g_autofree char *group = g_shell_quote (spec->nlb_group);

      g_string_append_printf (out, "NLB_SG=%s\n", group);
    }
  if (spec->database_group != NULL)
    {
      g_autofree char *database_group = g_shell_quote (spec->database_group);

      g_string_append_printf (out,
                              "ec2 authorize-security-group-ingress --group-id %s \\\n"
                              "  --ip-permissions \"IpProtocol=tcp,FromPort=%u,ToPort=%u,UserIdGroupPairs=[{GroupId=$NLB_SG}]\" \\\n"
                              "  --tag-specifications %s >/dev/null\n",
                              database_group, spec->port, spec->port, rule_tags);
    }
  g_string_append_c (out, '\n');
}

static void
aws_cli_load_balancer (GString *out,
                       Spec    *spec)
{
  g_autofree char *tg_name = g_shell_quote (spec->target_group_name);
  g_autofree char *lb_name = g_shell_quote (spec->load_balancer_name);
  g_autofree char *vpc = g_shell_quote (spec->vpc_id);
  g_autofree char *ip = g_shell_quote (spec->database_ip);
  g_autofree char *tg_tags = tag_specifications (NULL, spec, spec->target_group_name);
  g_autofree char *lb_tags = tag_specifications (NULL, spec, spec->load_balancer_name);
  g_autoptr(GString) subnets = g_string_new (NULL);

  for (guint i = 0; spec->subnet_ids[i] != NULL; i++)
    {
      g_autofree char *subnet = g_shell_quote (spec->subnet_ids[i]);

      g_string_append_printf (subnets, " %s", subnet);
    }
  g_string_append_printf (out,
                          "TG_ARN=$(elbv2 create-target-group --name %s --protocol TCP --port %u --vpc-id %s \\\n"
                          "  --target-type ip --health-check-protocol TCP --health-check-interval-seconds %d \\\n"
                          "  --health-check-timeout-seconds %d --healthy-threshold-count %d --unhealthy-threshold-count %d \\\n"
                          "  --tags %s --query 'TargetGroups[0].TargetGroupArn' --output text)\n",
                          tg_name, spec->port, vpc, CW_LINK_HEALTH_INTERVAL_S, CW_LINK_HEALTH_TIMEOUT_S,
                          CW_LINK_HEALTHY_THRESHOLD, CW_LINK_UNHEALTHY_THRESHOLD, tg_tags);
  if (spec->cross_zone)
    g_string_append (out, "elbv2 modify-target-group-attributes --target-group-arn \"$TG_ARN\" \\\n"
                          "  --attributes Key=load_balancing.cross_zone.enabled,Value=true >/dev/null\n");
  g_string_append_printf (out, "elbv2 register-targets --target-group-arn \"$TG_ARN\" --targets Id=%s,Port=%u\n\n",
                          ip, spec->port);
  g_string_append_printf (out,
                          "NLB_ARN=$(elbv2 create-load-balancer --name %s --type network --scheme internal \\\n"
                          "  --subnets%s --security-groups \"$NLB_SG\" \\\n"
                          "  --tags %s --query 'LoadBalancers[0].LoadBalancerArn' --output text)\n"
                          "elbv2 create-listener --load-balancer-arn \"$NLB_ARN\" --protocol TCP --port %u \\\n"
                          "  --default-actions \"Type=forward,TargetGroupArn=$TG_ARN\" --tags %s >/dev/null\n"
                          "echo \"Waiting for the load balancer to become active…\" >&2\n"
                          "wait_for active elbv2 describe-load-balancers --load-balancer-arns \"$NLB_ARN\" \\\n"
                          "  --query 'LoadBalancers[0].State.Code' --output text\n\n",
                          lb_name, subnets->str, lb_tags, spec->port, lb_tags);
}

static void
aws_cli_endpoint_service (GString *out,
                          Spec    *spec)
{
  g_autofree char *token = g_shell_quote (spec->client_token);
  g_autofree char *tags = tag_specifications ("vpc-endpoint-service", spec, spec->display_name);
  g_autofree char *principal = g_shell_quote (spec->principal);
  g_autofree char *ticloud = ticloud_create_command (spec, " ");
  g_autofree char *ticloud_quoted = g_shell_quote (ticloud);

  g_string_append_printf (out,
                          "SERVICE_ID=$(ec2 create-vpc-endpoint-service-configuration --network-load-balancer-arns \"$NLB_ARN\" \\\n"
                          "  --acceptance-required --supported-ip-address-types ipv4 --client-token %s \\\n"
                          "  --tag-specifications %s --query 'ServiceConfiguration.ServiceId' --output text)\n"
                          "wait_for Available ec2 describe-vpc-endpoint-service-configurations --service-ids \"$SERVICE_ID\" \\\n"
                          "  --query 'ServiceConfigurations[0].ServiceState' --output text\n"
                          "ec2 modify-vpc-endpoint-service-permissions --service-id \"$SERVICE_ID\" --add-allowed-principals %s >/dev/null\n"
                          "SERVICE_NAME=$(ec2 describe-vpc-endpoint-service-configurations --service-ids \"$SERVICE_ID\" \\\n"
                          "  --query 'ServiceConfigurations[0].ServiceName' --output text)\n\n"
                          "echo \"Endpoint service: $SERVICE_NAME\"\n"
                          "echo \"Create the TiDB Cloud private link connection to it with the ticloud CLI:\"\n"
                          "printf '  %%s %%s\\n' %s \"$SERVICE_NAME\"\n"
                          "echo \"then accept its endpoint (or let Causeway accept it):\"\n"
                          "echo \"  aws ec2 accept-vpc-endpoint-connections --service-id $SERVICE_ID --vpc-endpoint-ids ENDPOINT_ID\"\n",
                          token, tags, principal, ticloud_quoted);
}

char *
cw_export_aws_cli (CwJournal *journal)
{
  g_auto(Spec) spec = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);

  spec_read (&spec, journal);
  aws_cli_header (out, &spec);
  aws_cli_security_groups (out, &spec);
  aws_cli_load_balancer (out, &spec);
  aws_cli_endpoint_service (out, &spec);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
