/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-export-terraform.c: the AWS side of a plan as a Terraform configuration, laid out
 * as `terraform fmt` leaves it */
#define G_LOG_DOMAIN "cw-export"

#include "config.h"

#include "cw-export-private.h"

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

/* The provider, its region, and the tags every resource carries. */
static void
terraform_preamble (GPtrArray *blocks,
                    Spec      *spec)
{
  HclBlock *terraform = hcl_top (blocks, "terraform");
  HclBlock *provider = hcl_top (blocks, "provider \"aws\"");
  HclBlock *locals = hcl_top (blocks, "locals");
  HclBlock *aws = hcl_object (hcl_block (terraform, "required_providers"), "aws");
  HclBlock *tags = hcl_object (locals, "tags");
  g_autofree char *link_key = hcl_string (CW_TAG_LINK_ID);
  g_autofree char *database_key = hcl_string (CW_TAG_DATABASE);

  hcl_attribute (aws, "source", "hashicorp/aws");
  hcl_attribute (aws, "version", ">= 5.0");
  hcl_attribute (provider, "region", spec->region);
  hcl_attribute (tags, link_key, spec->link_id);
  hcl_attribute (tags, database_key, spec->database_id);
}

static void
terraform_header (GString   *out,
                  GPtrArray *blocks,
                  Spec      *spec)
{
  g_autofree char *ticloud = cw_export_ticloud_command (spec, " \\\n#     ");
  g_autofree char *display_name = cw_export_comment_shell_word (spec->display_name);
  g_autofree char *region = cw_export_comment_shell_word (spec->region);

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
  terraform_preamble (blocks, spec);
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
                guint       port)
{
  HclBlock *block = hcl_resource (blocks, type, name);

  hcl_raw (block, "security_group_id", group);
  hcl_attribute (block, "ip_protocol", "tcp");
  hcl_number (block, "from_port", port);
  hcl_number (block, "to_port", port);
  return block;
}

/* The port TiDB Cloud reaches the database on, open on the load balancer's group. */
static void
terraform_open_port (GPtrArray  *blocks,
                     const char *group,
                     Spec       *spec)
{
  HclBlock *block = terraform_rule (blocks, "aws_vpc_security_group_ingress_rule", "load_balancer_database_port", group,
                                    spec->listener_port);

  hcl_attribute (block, "cidr_ipv4", CW_LINK_OPEN_CIDR);
  hcl_attribute (block, "description", CW_LINK_RULE_DESCRIPTION);
}

static HclBlock *
terraform_way_out (GPtrArray  *blocks,
                   const char *group,
                   Spec       *spec)
{
  HclBlock *block = terraform_rule (blocks, "aws_vpc_security_group_egress_rule", "load_balancer_to_database", group,
                                    spec->port);

  hcl_attribute (block, spec->egress_to_group ? "referenced_security_group_id" : "cidr_ipv4", spec->egress_to);
  hcl_attribute (block, "description", CW_LINK_RULE_DESCRIPTION);
  hcl_tags (block, spec->load_balancer_name);
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

  terraform_open_port (blocks, own_group, spec);
  block = terraform_way_out (blocks, own_group, spec);
  block->comment = g_strdup ("The only way out of the load balancer's group. The group has no inline egress, so the\n"
                             "AWS provider removes the allow-all egress rule AWS gives a new group.");
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
                              database_group, spec->port);
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
terraform_listener (GPtrArray  *blocks,
                    const char *load_balancer,
                    Spec       *spec)
{
  HclBlock *block = hcl_resource (blocks, "aws_lb_listener", "database");
  HclBlock *action;

  hcl_raw (block, "load_balancer_arn", load_balancer);
  hcl_number (block, "port", spec->listener_port);
  hcl_attribute (block, "protocol", "TCP");
  hcl_tags (block, spec->load_balancer_name);
  action = hcl_block (block, "default_action");
  hcl_attribute (action, "type", "forward");
  hcl_raw (action, "target_group_arn", "aws_lb_target_group.database.arn");
}

static void
terraform_load_balancer (GPtrArray *blocks,
                         Spec      *spec)
{
  g_autofree char *subnets = hcl_list ((const char * const *) spec->subnet_ids);
  g_autofree char *nlb_group = terraform_load_balancer_group (spec);
  g_autofree char *groups = g_strdup_printf ("[%s]", nlb_group);
  HclBlock *block = hcl_resource (blocks, "aws_lb", "link");

  hcl_attribute (block, "name", spec->load_balancer_name);
  hcl_raw (block, "internal", "true");
  hcl_attribute (block, "load_balancer_type", "network");
  hcl_raw (block, "subnets", subnets);
  hcl_raw (block, "security_groups", groups);
  hcl_tags (block, spec->load_balancer_name);

  terraform_listener (blocks, "aws_lb.link.arn", spec);
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

/* The configuration: @out's comment, then the blocks, a blank line between two. */
static char *
terraform_write (GString   *out,
                 GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      hcl_write (out, g_ptr_array_index (blocks, i), 0);
    }
  return g_string_free (out, FALSE);
}

/* ---- a database added to a link ---- */

static void
terraform_addition_header (GString   *out,
                           GPtrArray *blocks,
                           Spec      *spec)
{
  HclBlock *link;

  g_string_append_printf (out,
                          "# %s added to the TiDB Cloud private link “%s”, exported by Causeway for link\n"
                          "# %s. The link's load balancer, endpoint service and TiDB Cloud connection serve it\n"
                          "# too: TiDB Cloud's dataflows reach it on port %u of the link's connection.\n\n",
                          spec->database_id, spec->comment_name, spec->link_id, spec->listener_port);
  terraform_preamble (blocks, spec);
  link = hcl_top (blocks, "data \"aws_lb\" \"link\"");
  hcl_attribute (link, "name", spec->load_balancer_name);
}

static char *
terraform_addition (Spec *spec)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) hcl_block_free);
  g_autofree char *group = hcl_string (spec->nlb_group);
  g_autofree char *tag_key = g_strdup_printf (CW_TAG_PORT_PREFIX "%u", spec->listener_port);
  g_autofree char *tag_value = g_strdup_printf ("%s/%s", spec->database_id, spec->target_group_name);
  HclBlock *block;

  terraform_addition_header (out, blocks, spec);
  if (spec->nlb_group != NULL)
    {
      terraform_open_port (blocks, group, spec);
      block = terraform_way_out (blocks, group, spec);
      block->comment = g_strdup ("Leave it out when another database of the link has the same way out already.");
    }
  terraform_security_groups (blocks, spec);
  terraform_target_group (blocks, spec);
  terraform_listener (blocks, "data.aws_lb.link.arn", spec);
  block = hcl_resource (blocks, "aws_ec2_tag", "database_port");
  block->comment = g_strdup ("The endpoint service names the database's port, as Causeway's links view reads it.");
  hcl_attribute (block, "resource_id", spec->endpoint_service_id);
  hcl_attribute (block, "key", tag_key);
  hcl_attribute (block, "value", tag_value);
  return terraform_write (out, blocks);
}

char *
cw_export_terraform (CwJournal *journal)
{
  g_auto(Spec) spec = { 0 };
  GString *out = NULL;
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) hcl_block_free);

  cw_export_spec_read (&spec, journal);
  if (spec.added_to != NULL)
    return terraform_addition (&spec);
  out = g_string_new (NULL);
  terraform_header (out, blocks, &spec);
  terraform_security_groups (blocks, &spec);
  terraform_target_group (blocks, &spec);
  terraform_load_balancer (blocks, &spec);
  terraform_endpoint_service (blocks, &spec);
  return terraform_write (out, blocks);
}
