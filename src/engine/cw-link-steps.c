/* cw-link-steps.c: the steps that build and take down a link (DESIGN.md §1, §4.2)
 *
 * Every step first looks for its own result: by the id in the journal, by the link-id
 * tag every created resource carries, by the ClientToken, or (TiDB Cloud) by the
 * endpoint service's name. Only then does it create, after noting in the journal that
 * it is about to. Deleting only ever touches what the journal or the tags say is the
 * link's own.
 */
#define G_LOG_DOMAIN "cw-link-steps"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"
#include "cw-ec2.h"
#include "cw-elbv2.h"
#include "cw-engine-error.h"
#include "cw-provisioner-private.h"

#define TAG_FILTER "tag:" CW_TAG_LINK_ID

/* How many times a TiDB Cloud connection the link made is looked for before "not
 * found" is believed: right after it is made, TiDB Cloud may not show it yet. */
#define NOT_FOUND_LOOKS 6

/* ---- shared helpers ---- */

static const char *
spec (CwStepRun  *run,
      const char *key)
{
  return cw_journal_get_spec (run->journal, key);
}

static const char *
resource (CwStepRun  *run,
          const char *key)
{
  return cw_journal_get_resource (run->journal, key);
}

static const char *
link_id (CwStepRun *run)
{
  return cw_journal_get_link_id (run->journal);
}

static guint
port (CwStepRun *run)
{
  return cw_journal_get_spec_uint (run->journal, CW_SPEC_DATABASE_PORT);
}

static gboolean
owned (CwStepRun *run)
{
  return cw_journal_get_creation (run->journal, run->kind->id) != CW_CREATION_NONE;
}

/* Deleting what the link's own run created a moment ago can meet AWS's
 * read-after-create lag: a NotFound for it is confirmed before it is believed. */
static CwAwsCallFlags
delete_flags (CwStepRun *run)
{
  return owned (run) ? CW_AWS_CALL_RETRY_NOT_FOUND : CW_AWS_CALL_DEFAULT;
}

typedef struct {
  CwAwsKeyValue pairs[4];
} Tags;

/* Name, the link id and the database: a later run and the links view find the
 * resource by them. */
static const CwAwsKeyValue *
link_tags (CwStepRun  *run,
           Tags       *tags,
           const char *name)
{
  tags->pairs[0] = (CwAwsKeyValue) { (char *) "Name", (char *) name };
  tags->pairs[1] = (CwAwsKeyValue) { (char *) CW_TAG_LINK_ID, (char *) link_id (run) };
  tags->pairs[2] = (CwAwsKeyValue) { (char *) CW_TAG_DATABASE, (char *) spec (run, CW_SPEC_DATABASE_ID) };
  tags->pairs[3] = (CwAwsKeyValue) { NULL, NULL };
  return tags->pairs;
}

static gboolean
tags_name_link (GPtrArray  *tags,
                const char *id)
{
  return g_strcmp0 (cw_aws_key_values_lookup (tags, CW_TAG_LINK_ID), id) == 0;
}

static gboolean
is_aws_error (const GError   *error,
              CwAwsError      code)
{
  return g_error_matches (error, CW_AWS_ERROR, code);
}

/* Forgets a deleted resource: it is no longer the link's to delete. */
static void
forget (CwStepRun  *run,
        const char *key)
{
  if (key != NULL)
    cw_journal_set_resource (run->journal, key, NULL);
  cw_step_run_set_creation (run, CW_CREATION_NONE);
}

static void
created (CwStepRun  *run,
         const char *key,
         const char *value)
{
  cw_journal_set_creation (run->journal, run->kind->id, CW_CREATION_DONE);
  cw_step_run_record (run, key, value);
}

static GError *
conflict (const char *message)
{
  return g_error_new_literal (CW_ENGINE_ERROR, CW_ENGINE_ERROR_CONFLICT, message);
}

/* ---- deleting what is the link's own ---- */

typedef void     (*DeleteAsync)  (CwAwsClient         *client,
                                  const char          *id,
                                  CwAwsCallFlags       flags,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
typedef gboolean (*DeleteFinish) (CwAwsClient         *client,
                                  GAsyncResult        *result,
                                  GError             **error);
typedef void     (*FoundFunc)    (CwStepRun           *run,
                                  const char          *id);
typedef void     (*FindFunc)     (CwStepRun           *run,
                                  FoundFunc            found);

/* How one kind of the link's AWS resources is deleted. */
typedef struct {
  const char   *key;           /* its id among the journal's resources */
  DeleteAsync   delete_async;
  DeleteFinish  delete_finish;
  const char   *deleting;      /* N_() */
  const char   *deleted;       /* N_() */
  const char   *none;          /* N_(): the link has none of its own */
  const char   *held;          /* N_(): waiting while another resource still uses it; NULL: no wait */
  CwStepFunc    then;          /* what follows the delete (waiting until it is gone), or NULL */
} Deletion;

static void
resource_deleted (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data);

static void
delete_resource (CwStepRun *run)
{
  const Deletion *deletion = run->detail;

  cw_step_run_progress (run, _(deletion->deleting));
  deletion->delete_async (run->aws, resource (run, deletion->key), delete_flags (run), run->cancellable,
                          resource_deleted, run);
}

static void
resource_deleted (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CwStepRun *run = user_data;
  const Deletion *deletion = run->detail;
  g_autoptr(GError) error = NULL;

  if (!deletion->delete_finish (CW_AWS_CLIENT (source), result, &error) &&
      !is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    {
      if (deletion->held != NULL && is_aws_error (error, CW_AWS_ERROR_DEPENDENCY))
        cw_step_run_wait (run, CW_WAIT_DEPENDENCY, _(deletion->held), delete_resource);
      else
        cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  if (deletion->then != NULL)
    {
      deletion->then (run);
      return;
    }
  forget (run, deletion->key);
  cw_step_run_succeed (run, _(deletion->deleted));
}

static void
found_for_delete (CwStepRun  *run,
                  const char *id)
{
  const Deletion *deletion = run->detail;

  if (id == NULL)
    {
      forget (run, deletion->key);
      cw_step_run_skip (run, _(deletion->none));
      return;
    }
  cw_journal_set_resource (run->journal, deletion->key, id);
  delete_resource (run);
}

/* Deletes the resource the journal says the link made, else the one @find turns up by
 * the link's tag; with neither, the link has none. */
static void
delete_own (CwStepRun      *run,
            const Deletion *deletion,
            FindFunc        find)
{
  run->detail = deletion;
  if (owned (run) && resource (run, deletion->key) != NULL)
    delete_resource (run);
  else if (find != NULL)
    find (run, found_for_delete);
  else
    found_for_delete (run, NULL);
}

/* ---- one call per item, one after another ---- */

typedef struct _Sequence Sequence;
typedef void (*ItemFunc) (Sequence *sequence,
                          gpointer  item);

struct _Sequence {
  CwStepRun  *run;
  GPtrArray  *items;
  guint       next;
  ItemFunc    act;     /* makes the call for an item; its answer goes to sequence_item_done() */
  CwStepFunc  then;    /* after the last item */
};

static void
sequence_next (Sequence *sequence)
{
  CwStepRun *run = sequence->run;
  CwStepFunc then = sequence->then;

  if (sequence->next < sequence->items->len)
    {
      sequence->act (sequence, g_ptr_array_index (sequence->items, sequence->next++));
      return;
    }
  g_ptr_array_unref (sequence->items);
  g_free (sequence);
  then (run);
}

/* Takes @error: the first one stops the sequence and fails the step. */
static void
sequence_item_done (Sequence *sequence,
                    GError   *error)
{
  CwStepRun *run = sequence->run;

  if (error == NULL)
    {
      sequence_next (sequence);
      return;
    }
  g_ptr_array_unref (sequence->items);
  g_free (sequence);
  cw_step_run_fail (run, error);
}

/* The answer of an AWS call of a sequence that deletes: what is gone already is done. */
static void
sequence_aws_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError *error = NULL;

  if (!cw_aws_client_call_finish_boolean (CW_AWS_CLIENT (source), result, &error) &&
      is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    g_clear_error (&error);
  sequence_item_done (user_data, error);
}

static void
for_each (CwStepRun  *run,
          GPtrArray  *items,
          ItemFunc    act,
          CwStepFunc  then)
{
  Sequence *sequence = g_new0 (Sequence, 1);

  sequence->run = run;
  sequence->items = g_ptr_array_ref (items);
  sequence->act = act;
  sequence->then = then;
  sequence_next (sequence);
}

/* ---- sg_nlb: the load balancer's own security group ---- */

static void sg_nlb_authorize (CwStepRun *run);

static GPtrArray *
permissions_of (CwEc2IpPermission *permission)
{
  GPtrArray *permissions = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_ip_permission_unref);

  g_ptr_array_add (permissions, permission);
  return permissions;
}

static void
default_egress_revoked (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* The group itself not showing yet is read-after-create lag; the rule not found is a
   * rule an earlier attempt revoked. */
  if (!cw_ec2_revoke_security_group_egress_finish (CW_AWS_CLIENT (source), result, &error) &&
      g_strcmp0 (cw_aws_error_get_code (error), "InvalidPermission.NotFound") != 0)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  message = g_strdup_printf (_("Security group %s admits the database port, %u, and lets out only that port to the database."),
                             resource (run, CW_RES_NLB_SECURITY_GROUP_ID), port (run));
  cw_step_run_succeed (run, message);
}

/* AWS gives a new group an allow-all egress rule: least privilege takes it away once
 * the one way out the link needs is there. */
static void
sg_nlb_revoke_default_egress (CwStepRun *run)
{
  g_autoptr(GPtrArray) permissions = permissions_of (cw_ec2_ip_permission_new_all_traffic (CW_LINK_OPEN_CIDR));

  cw_step_run_progress (run, _("Closing the load balancer’s security group to all other outbound traffic…"));
  cw_ec2_revoke_security_group_egress_async (run->aws, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), permissions, NULL,
                                             CW_AWS_CALL_DEFAULT, run->cancellable, default_egress_revoked, run);
}

static void
sg_nlb_egress_authorized (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = cw_ec2_authorize_security_group_egress_finish (CW_AWS_CLIENT (source), result, &error);

  if (rules == NULL && !is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  sg_nlb_revoke_default_egress (run);
}

/* A load balancer with security groups reaches its targets, health checks included,
 * only as its group's outbound rules allow. */
static void
sg_nlb_let_out (CwStepRun *run)
{
  g_autoptr(GPtrArray) permissions = cw_link_egress_permissions (port (run), spec (run, CW_SPEC_DATABASE_SECURITY_GROUP),
                                                                 spec (run, CW_SPEC_DATABASE_IP));
  Tags tags;

  cw_step_run_progress (run, _("Letting the database port out of the load balancer’s security group…"));
  cw_ec2_authorize_security_group_egress_async (run->aws, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), permissions,
                                                link_tags (run, &tags, spec (run, CW_SPEC_LOAD_BALANCER_NAME)),
                                                CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                sg_nlb_egress_authorized, run);
}

static void
sg_nlb_authorized (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = cw_ec2_authorize_security_group_ingress_finish (CW_AWS_CLIENT (source), result, &error);

  if (rules == NULL && !is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  sg_nlb_let_out (run);
}

/* PrivateLink traffic reaches an internal load balancer from TiDB Cloud's endpoint,
 * whose addresses are not known here: the group opens the database port only. */
static void
sg_nlb_authorize (CwStepRun *run)
{
  g_autoptr(GPtrArray) permissions = permissions_of (cw_ec2_ip_permission_new_tcp (port (run), NULL, CW_LINK_OPEN_CIDR,
                                                                                   CW_LINK_RULE_DESCRIPTION));

  cw_step_run_progress (run, _("Opening the database port on the load balancer’s security group…"));
  cw_ec2_authorize_security_group_ingress_async (run->aws, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), permissions,
                                                 NULL, CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                 sg_nlb_authorized, run);
}

static void sg_nlb_find (CwStepRun *run,
                         FoundFunc  found);

static void sg_nlb_create (CwStepRun *run);

/* The group exists (an earlier attempt made it) but may not show yet: the step's next
 * attempt looks again. */
static void
sg_nlb_found_after_duplicate (CwStepRun  *run,
                              const char *group_id)
{
  if (group_id == NULL)
    {
      cw_step_run_fail (run, cw_aws_error_new_literal (CW_AWS_ERROR_NOT_FOUND, "InvalidGroup.NotFound",
                                                       _("The load balancer’s security group exists but does not show yet.")));
      return;
    }
  created (run, CW_RES_NLB_SECURITY_GROUP_ID, group_id);
  sg_nlb_authorize (run);
}

static void
sg_nlb_created (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = cw_ec2_create_security_group_finish (CW_AWS_CLIENT (source), result, &error);

  if (is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      sg_nlb_find (run, sg_nlb_found_after_duplicate);
      return;
    }
  if (group_id == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_NLB_SECURITY_GROUP_ID, group_id);
  sg_nlb_authorize (run);
}

static void
sg_nlb_send_create (CwStepRun *run)
{
  g_autofree char *name = cw_link_security_group_name (link_id (run));
  Tags tags;

  cw_step_run_progress (run, _("Creating the load balancer’s security group…"));
  cw_ec2_create_security_group_async (run->aws, name, CW_LINK_GROUP_DESCRIPTION,
                                      spec (run, CW_SPEC_VPC_ID),
                                      link_tags (run, &tags, spec (run, CW_SPEC_LOAD_BALANCER_NAME)),
                                      CW_AWS_CALL_DEFAULT, run->cancellable, sg_nlb_created, run);
}

static void
sg_nlb_found_for_create (CwStepRun  *run,
                         const char *group_id)
{
  if (group_id != NULL)
    {
      created (run, CW_RES_NLB_SECURITY_GROUP_ID, group_id);
      sg_nlb_authorize (run);
      return;
    }
  cw_step_run_attempt (run, sg_nlb_send_create);
}

/* A look for the link's own resource, and what to do with what it finds. */
typedef struct {
  CwStepRun  *run;
  FoundFunc   found;
  const char *name;   /* looked for by name (load balancing resources) */
  char       *arn;
} Find;

static Find *
find_new (CwStepRun  *run,
          FoundFunc   found,
          const char *name)
{
  Find *find = g_new0 (Find, 1);

  find->run = run;
  find->found = found;
  find->name = name;
  return find;
}

static void
find_free (Find *find)
{
  g_free (find->arn);
  g_free (find);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Find, find_free)

static void
sg_nlb_listed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Find) find = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = cw_ec2_describe_security_groups_finish (CW_AWS_CLIENT (source), result, &error);

  if (groups == NULL)
    {
      cw_step_run_fail (find->run, g_steal_pointer (&error));
      return;
    }
  find->found (find->run, groups->len > 0 ? ((CwEc2SecurityGroup *) g_ptr_array_index (groups, 0))->group_id : NULL);
}

static void
sg_nlb_find (CwStepRun *run,
             FoundFunc  found)
{
  const char *ids[] = { link_id (run), NULL };
  CwAwsFilter filters[] = { { TAG_FILTER, ids }, { NULL } };

  cw_step_run_progress (run, _("Looking for the load balancer’s security group…"));
  cw_ec2_describe_security_groups_async (run->aws, NULL, filters, CW_AWS_CALL_DEFAULT, run->cancellable,
                                         sg_nlb_listed, find_new (run, found, NULL));
}

static void
sg_nlb_create (CwStepRun *run)
{
  const char *existing = spec (run, CW_SPEC_NLB_SECURITY_GROUP);
  g_autofree char *message = NULL;

  if (existing != NULL)
    {
      cw_step_run_record (run, CW_RES_NLB_SECURITY_GROUP_ID, existing);
      message = g_strdup_printf (_("Uses the existing security group %s."), existing);
      cw_step_run_skip (run, message);
      return;
    }
  /* A first attempt has nothing to look for: it creates at once. */
  if (resource (run, CW_RES_NLB_SECURITY_GROUP_ID) != NULL)
    sg_nlb_authorize (run);
  else if (!owned (run))
    sg_nlb_found_for_create (run, NULL);
  else
    sg_nlb_find (run, sg_nlb_found_for_create);
}

static const Deletion security_group_deletion = {
  CW_RES_NLB_SECURITY_GROUP_ID, cw_ec2_delete_security_group_async, cw_ec2_delete_security_group_finish,
  N_("Deleting the load balancer’s security group…"), N_("Deleted the load balancer’s security group."),
  N_("The link has no security group of its own."),
  /* The load balancer's network interfaces hold the group for a while after it is gone. */
  N_("Waiting for the load balancer’s network interfaces to go"), NULL,
};

static void
sg_nlb_delete (CwStepRun *run)
{
  if (spec (run, CW_SPEC_NLB_SECURITY_GROUP) != NULL)
    {
      cw_step_run_skip (run, _("The security group was chosen, not created: it stays."));
      return;
    }
  delete_own (run, &security_group_deletion, sg_nlb_find);
}

/* ---- rds_sg_rule: the database admits the load balancer's group ---- */

static GPtrArray *
database_permission (CwStepRun *run)
{
  return permissions_of (cw_ec2_ip_permission_new_tcp (port (run), resource (run, CW_RES_NLB_SECURITY_GROUP_ID),
                                                       NULL, CW_LINK_RULE_DESCRIPTION));
}

static gboolean
group_admits (CwEc2SecurityGroup *group,
              const char         *source_group_id,
              guint               port)
{
  for (guint i = 0; group->ip_permissions && i < group->ip_permissions->len; i++)
    {
      CwEc2IpPermission *permission = g_ptr_array_index (group->ip_permissions, i);

      if (g_strcmp0 (permission->ip_protocol, "tcp") != 0 ||
          permission->from_port > (int) port || permission->to_port < (int) port)
        continue;
      for (guint j = 0; permission->groups && j < permission->groups->len; j++)
        if (g_strcmp0 (((CwEc2GroupPair *) g_ptr_array_index (permission->groups, j))->group_id, source_group_id) == 0)
          return TRUE;
    }
  return FALSE;
}

static void
rule_authorized (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = cw_ec2_authorize_security_group_ingress_finish (CW_AWS_CLIENT (source), result, &error);
  g_autofree char *message = NULL;

  if (rules == NULL && !is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_DATABASE_RULE_GROUP_ID, spec (run, CW_SPEC_DATABASE_SECURITY_GROUP));
  message = g_strdup_printf (_("Security group %s admits %s on port %u."), spec (run, CW_SPEC_DATABASE_SECURITY_GROUP),
                             resource (run, CW_RES_NLB_SECURITY_GROUP_ID), port (run));
  cw_step_run_succeed (run, message);
}

static void
rule_send_authorize (CwStepRun *run)
{
  g_autoptr(GPtrArray) permissions = database_permission (run);
  Tags tags;

  cw_step_run_progress (run, _("Letting the load balancer reach the database…"));
  cw_ec2_authorize_security_group_ingress_async (run->aws, spec (run, CW_SPEC_DATABASE_SECURITY_GROUP), permissions,
                                                 link_tags (run, &tags, spec (run, CW_SPEC_LOAD_BALANCER_NAME)),
                                                 CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable, rule_authorized, run);
}

static void
authorize_database_rule (CwStepRun *run)
{
  cw_step_run_attempt (run, rule_send_authorize);
}

static void
rule_group_described (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = cw_ec2_describe_security_groups_finish (CW_AWS_CLIENT (source), result, &error);

  if (groups == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  if (groups->len > 0 && group_admits (g_ptr_array_index (groups, 0), resource (run, CW_RES_NLB_SECURITY_GROUP_ID), port (run)))
    {
      /* A rule for a group the link created can only be the link's own. */
      if (owned (run) || cw_journal_get_creation (run->journal, CW_STEP_SG_NLB) != CW_CREATION_NONE)
        created (run, CW_RES_DATABASE_RULE_GROUP_ID, spec (run, CW_SPEC_DATABASE_SECURITY_GROUP));
      cw_step_run_succeed (run, _("The database’s security group already admits the load balancer."));
      return;
    }
  authorize_database_rule (run);
}

static void
rds_sg_rule_create (CwStepRun *run)
{
  const char *group = spec (run, CW_SPEC_DATABASE_SECURITY_GROUP);
  const char *ids[] = { group, NULL };

  if (group == NULL)
    {
      cw_step_run_skip (run, _("No database security group was chosen: none is changed."));
      return;
    }
  if (!owned (run) && cw_journal_get_creation (run->journal, CW_STEP_SG_NLB) == CW_CREATION_DONE)
    {
      authorize_database_rule (run);
      return;
    }
  cw_step_run_progress (run, _("Reading the database’s security group…"));
  cw_ec2_describe_security_groups_async (run->aws, ids, NULL, CW_AWS_CALL_DEFAULT, run->cancellable,
                                         rule_group_described, run);
}

static void
revoke_in_group (Sequence *sequence,
                 gpointer  item)
{
  CwStepRun *run = sequence->run;
  g_autoptr(GPtrArray) permissions = database_permission (run);

  cw_ec2_revoke_security_group_ingress_async (run->aws, ((CwEc2SecurityGroup *) item)->group_id, permissions, NULL,
                                              delete_flags (run), run->cancellable, sequence_aws_done, sequence);
}

static void
rules_revoked (CwStepRun *run)
{
  forget (run, CW_RES_DATABASE_RULE_GROUP_ID);
  cw_step_run_succeed (run, _("Removed the database’s rule for the load balancer."));
}

/* The rules that name the link's own group are the link's own, wherever they are. */
static void
rule_groups_described (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = cw_ec2_describe_security_groups_finish (CW_AWS_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) admitting = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_security_group_unref);

  if (groups == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < groups->len; i++)
    {
      CwEc2SecurityGroup *group = g_ptr_array_index (groups, i);

      if (group_admits (group, resource (run, CW_RES_NLB_SECURITY_GROUP_ID), port (run)))
        g_ptr_array_add (admitting, cw_ec2_security_group_ref (group));
    }
  cw_step_run_progress (run, _("Removing the database’s rule for the load balancer…"));
  for_each (run, admitting, revoke_in_group, rules_revoked);
}

static void
rule_look_in_groups (CwStepRun          *run,
                     const char * const *group_ids,
                     const CwAwsFilter  *filters)
{
  cw_step_run_progress (run, _("Looking for the database’s rule for the load balancer…"));
  cw_ec2_describe_security_groups_async (run->aws, group_ids, filters, CW_AWS_CALL_DEFAULT, run->cancellable,
                                         rule_groups_described, run);
}

static void
rule_nlb_group_found (CwStepRun  *run,
                      const char *group_id)
{
  const char *vpc_ids[] = { spec (run, CW_SPEC_VPC_ID), NULL };
  CwAwsFilter in_vpc[] = { { "vpc-id", vpc_ids }, { NULL } };

  if (group_id == NULL)
    {
      forget (run, CW_RES_DATABASE_RULE_GROUP_ID);
      cw_step_run_skip (run, _("The link added no rule to the database’s security group."));
      return;
    }
  cw_journal_set_resource (run->journal, CW_RES_NLB_SECURITY_GROUP_ID, group_id);
  rule_look_in_groups (run, NULL, vpc_ids[0] ? in_vpc : NULL);
}

static void
rds_sg_rule_delete (CwStepRun *run)
{
  const char *rule_group = resource (run, CW_RES_DATABASE_RULE_GROUP_ID);
  const char *ids[] = { rule_group, NULL };

  /* With a chosen group for the load balancer, only the rule the link added is its own. */
  if (spec (run, CW_SPEC_NLB_SECURITY_GROUP) != NULL)
    {
      if (!owned (run) || rule_group == NULL || resource (run, CW_RES_NLB_SECURITY_GROUP_ID) == NULL)
        cw_step_run_skip (run, _("The link added no rule to the database’s security group."));
      else
        rule_look_in_groups (run, ids, NULL);
      return;
    }
  if (resource (run, CW_RES_NLB_SECURITY_GROUP_ID) != NULL)
    rule_nlb_group_found (run, resource (run, CW_RES_NLB_SECURITY_GROUP_ID));
  else
    sg_nlb_find (run, rule_nlb_group_found);
}

/* ---- load balancer resources found by name, the link's own by their tag ---- */


static void
elb_tags_described (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Find) find = user_data;
  CwStepRun *run = find->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) descriptions = cw_elbv2_describe_tags_finish (CW_AWS_CLIENT (source), result, &error);
  gboolean ours = FALSE;

  if (descriptions == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < descriptions->len; i++)
    {
      CwElbTagDescription *description = g_ptr_array_index (descriptions, i);

      if (g_strcmp0 (description->resource_arn, find->arn) == 0 && tags_name_link (description->tags, link_id (run)))
        ours = TRUE;
    }
  /* Someone else's resource of that name is neither reused nor deleted. */
  if (!ours && !run->deleting)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” already exists in this region and is not this link’s: "
                                                    "choose another name."), find->name);

      cw_step_run_fail (run, conflict (message));
      return;
    }
  find->found (run, ours ? find->arn : NULL);
}

static void
elb_found_by_name (Find    *find,
                   char    *arn,
                   GError  *error)
{
  CwStepRun *run = find->run;
  const char *arns[] = { arn, NULL };

  if (error != NULL && is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    g_clear_error (&error);
  if (error != NULL)
    {
      find_free (find);
      cw_step_run_fail (run, error);
      return;
    }
  if (arn == NULL)
    {
      find->found (run, NULL);
      find_free (find);
      return;
    }
  find->arn = arn;
  cw_elbv2_describe_tags_async (run->aws, arns, CW_AWS_CALL_DEFAULT, run->cancellable, elb_tags_described, find);
}

static void
target_groups_by_name (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) groups = cw_elbv2_describe_target_groups_finish (CW_AWS_CLIENT (source), result, &error);
  char *arn = groups && groups->len ? g_strdup (((CwElbTargetGroup *) g_ptr_array_index (groups, 0))->target_group_arn) : NULL;

  elb_found_by_name (user_data, arn, error);
}

static void
tg_find (CwStepRun *run,
         FoundFunc  found)
{
  const char *names[] = { spec (run, CW_SPEC_TARGET_GROUP_NAME), NULL };
  Find *find = find_new (run, found, names[0]);

  cw_step_run_progress (run, _("Looking for the target group…"));
  cw_elbv2_describe_target_groups_async (run->aws, NULL, NULL, names, CW_AWS_CALL_DEFAULT, run->cancellable,
                                         target_groups_by_name, find);
}

static void
load_balancers_by_name (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) balancers = cw_elbv2_describe_load_balancers_finish (CW_AWS_CLIENT (source), result, &error);
  char *arn = balancers && balancers->len ? g_strdup (((CwElbLoadBalancer *) g_ptr_array_index (balancers, 0))->load_balancer_arn) : NULL;

  elb_found_by_name (user_data, arn, error);
}

static void
nlb_find (CwStepRun *run,
          FoundFunc  found)
{
  const char *names[] = { spec (run, CW_SPEC_LOAD_BALANCER_NAME), NULL };
  Find *find = find_new (run, found, names[0]);

  cw_step_run_progress (run, _("Looking for the load balancer…"));
  cw_elbv2_describe_load_balancers_async (run->aws, NULL, names, CW_AWS_CALL_DEFAULT, run->cancellable,
                                          load_balancers_by_name, find);
}

/* ---- tg: the target group ---- */

static void
tg_succeed (CwStepRun *run)
{
  g_autofree char *message = g_strdup_printf (_("Target group %s, TCP port %u."),
                                              spec (run, CW_SPEC_TARGET_GROUP_NAME), port (run));

  cw_step_run_succeed (run, message);
}

static void tg_found_for_create (CwStepRun  *run,
                                 const char *arn);

static const CwAwsOperation *
elbv2_operation (const char *action)
{
  guint n;
  const CwAwsOperation * const *operations = cw_elbv2_list_operations (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (operations[i]->action, action))
      return operations[i];
  g_return_val_if_reached (NULL);
}

static void tg_created (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data);

static void
create_target_group (CwStepRun *run)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (elbv2_operation ("CreateTargetGroup"));
  Tags tags;

  cw_step_run_progress (run, _("Creating the target group…"));
  cw_aws_request_set (request, "Name", spec (run, CW_SPEC_TARGET_GROUP_NAME));
  cw_aws_request_set (request, "Protocol", "TCP");
  cw_aws_request_set_int (request, "Port", port (run));
  cw_aws_request_set (request, "VpcId", spec (run, CW_SPEC_VPC_ID));
  cw_aws_request_set (request, "TargetType", "ip");
  cw_aws_request_set (request, "HealthCheckProtocol", "TCP");
  cw_aws_request_set_int (request, "HealthCheckIntervalSeconds", CW_LINK_HEALTH_INTERVAL_S);
  cw_aws_request_set_int (request, "HealthCheckTimeoutSeconds", CW_LINK_HEALTH_TIMEOUT_S);
  cw_aws_request_set_int (request, "HealthyThresholdCount", CW_LINK_HEALTHY_THRESHOLD);
  cw_aws_request_set_int (request, "UnhealthyThresholdCount", CW_LINK_UNHEALTHY_THRESHOLD);
  cw_aws_request_add_key_values (request, "Tags", link_tags (run, &tags, spec (run, CW_SPEC_TARGET_GROUP_NAME)));
  cw_aws_client_call_async (run->aws, request, CW_AWS_CALL_DEFAULT, run->cancellable, tg_created, run);
}

static void
tg_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwElbTargetGroup) group = cw_aws_client_call_finish (CW_AWS_CLIENT (source), result, &error);

  if (is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      tg_find (run, tg_found_for_create);
      return;
    }
  if (group == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_TARGET_GROUP_ARN, group->target_group_arn);
  tg_succeed (run);
}

static void
tg_found_for_create (CwStepRun  *run,
                     const char *arn)
{
  if (arn != NULL)
    {
      created (run, CW_RES_TARGET_GROUP_ARN, arn);
      tg_succeed (run);
      return;
    }
  cw_step_run_attempt (run, create_target_group);
}

static void
tg_create (CwStepRun *run)
{
  if (resource (run, CW_RES_TARGET_GROUP_ARN) != NULL)
    tg_succeed (run);
  else
    tg_find (run, tg_found_for_create);
}

static const Deletion target_group_deletion = {
  CW_RES_TARGET_GROUP_ARN, cw_elbv2_delete_target_group_async, cw_elbv2_delete_target_group_finish,
  N_("Deleting the target group…"), N_("Deleted the target group."), N_("The link has no target group of its own."),
  N_("Waiting for the listener to let go of the target group"), NULL,
};

static void
tg_delete (CwStepRun *run)
{
  delete_own (run, &target_group_deletion, spec (run, CW_SPEC_TARGET_GROUP_NAME) ? tg_find : NULL);
}

/* ---- tg_attributes: cross-zone load balancing when the database needs it ---- */

static void
tg_attributes_modified (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attributes = cw_elbv2_modify_target_group_attributes_finish (CW_AWS_CLIENT (source), result, &error);

  if (attributes == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  cw_step_run_succeed (run, _("Cross-zone load balancing is on for the target group."));
}

static void
tg_attributes_create (CwStepRun *run)
{
  const CwAwsKeyValue attributes[] = {
    { (char *) "load_balancing.cross_zone.enabled", (char *) "true" },
    { NULL, NULL },
  };

  if (!cw_journal_get_spec_boolean (run->journal, CW_SPEC_CROSS_ZONE))
    {
      cw_step_run_skip (run, _("Not needed: the database is in one of TiDB Cloud’s zones."));
      return;
    }
  cw_step_run_progress (run, _("Turning on cross-zone load balancing…"));
  cw_elbv2_modify_target_group_attributes_async (run->aws, resource (run, CW_RES_TARGET_GROUP_ARN), attributes,
                                                 CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                 tg_attributes_modified, run);
}

/* ---- register_target: the database's private IP ---- */

static void
target_registered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!cw_elbv2_register_targets_finish (CW_AWS_CLIENT (source), result, &error))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  cw_step_run_record (run, CW_RES_REGISTERED_IP, spec (run, CW_SPEC_DATABASE_IP));
  message = g_strdup_printf (_("Registered %s:%u as the target."), spec (run, CW_SPEC_DATABASE_IP), port (run));
  cw_step_run_succeed (run, message);
}

static void
register_target_create (CwStepRun *run)
{
  CwElbTarget targets[] = { { spec (run, CW_SPEC_DATABASE_IP), (int) port (run), NULL }, { NULL } };

  cw_step_run_progress (run, _("Registering the database’s private IP…"));
  cw_elbv2_register_targets_async (run->aws, resource (run, CW_RES_TARGET_GROUP_ARN), targets,
                                   CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable, target_registered, run);
}

/* ---- nlb: the internal Network Load Balancer ---- */

static void
nlb_succeed (CwStepRun *run)
{
  g_autofree char *message = g_strdup_printf (_("Load balancer %s is being provisioned."),
                                              spec (run, CW_SPEC_LOAD_BALANCER_NAME));

  cw_step_run_succeed (run, message);
}

static void nlb_found_for_create (CwStepRun  *run,
                                  const char *arn);

static void
nlb_created (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwElbLoadBalancer) balancer = cw_elbv2_create_load_balancer_finish (CW_AWS_CLIENT (source), result, &error);

  if (is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      nlb_find (run, nlb_found_for_create);
      return;
    }
  if (balancer == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  cw_journal_set_resource (run->journal, CW_RES_LOAD_BALANCER_DNS_NAME, balancer->dns_name);
  created (run, CW_RES_LOAD_BALANCER_ARN, balancer->load_balancer_arn);
  nlb_succeed (run);
}

static void
nlb_send_create (CwStepRun *run)
{
  g_auto(GStrv) subnets = cw_journal_dup_spec_strv (run->journal, CW_SPEC_SUBNET_IDS);
  const char *groups[] = { resource (run, CW_RES_NLB_SECURITY_GROUP_ID), NULL };
  Tags tags;

  cw_step_run_progress (run, _("Creating the load balancer…"));
  cw_elbv2_create_load_balancer_async (run->aws, spec (run, CW_SPEC_LOAD_BALANCER_NAME),
                                       (const char * const *) subnets, groups, "internal", "network",
                                       link_tags (run, &tags, spec (run, CW_SPEC_LOAD_BALANCER_NAME)),
                                       CW_AWS_CALL_DEFAULT, run->cancellable, nlb_created, run);
}

static void
nlb_found_for_create (CwStepRun  *run,
                      const char *arn)
{
  if (arn != NULL)
    {
      created (run, CW_RES_LOAD_BALANCER_ARN, arn);
      nlb_succeed (run);
      return;
    }
  cw_step_run_attempt (run, nlb_send_create);
}

static void
nlb_create (CwStepRun *run)
{
  if (resource (run, CW_RES_LOAD_BALANCER_ARN) != NULL)
    nlb_succeed (run);
  else
    nlb_find (run, nlb_found_for_create);
}

static void nlb_look_until_gone (CwStepRun *run);

static const Deletion load_balancer_deletion = {
  CW_RES_LOAD_BALANCER_ARN, cw_elbv2_delete_load_balancer_async, cw_elbv2_delete_load_balancer_finish,
  N_("Deleting the load balancer…"), N_("Deleted the load balancer."), N_("The link has no load balancer of its own."),
  N_("Waiting for the endpoint service to let go of the load balancer"), nlb_look_until_gone,
};

static void
nlb_gone_described (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) balancers = cw_elbv2_describe_load_balancers_finish (CW_AWS_CLIENT (source), result, &error);

  if (balancers == NULL && !is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  if (balancers != NULL && balancers->len > 0)
    {
      cw_step_run_wait (run, CW_WAIT_LOAD_BALANCER, _("Waiting for the load balancer to be deleted"),
                        nlb_look_until_gone);
      return;
    }
  cw_journal_set_resource (run->journal, CW_RES_LOAD_BALANCER_DNS_NAME, NULL);
  forget (run, CW_RES_LOAD_BALANCER_ARN);
  cw_step_run_succeed (run, _(load_balancer_deletion.deleted));
}

static void
nlb_look_until_gone (CwStepRun *run)
{
  const char *arns[] = { resource (run, CW_RES_LOAD_BALANCER_ARN), NULL };

  cw_elbv2_describe_load_balancers_async (run->aws, arns, NULL, CW_AWS_CALL_DEFAULT, run->cancellable,
                                          nlb_gone_described, run);
}


static void
nlb_delete (CwStepRun *run)
{
  delete_own (run, &load_balancer_deletion, spec (run, CW_SPEC_LOAD_BALANCER_NAME) ? nlb_find : NULL);
}

/* ---- wait_nlb_active ---- */

static void wait_nlb_active_create (CwStepRun *run);

static void
nlb_state_described (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) balancers = cw_elbv2_describe_load_balancers_finish (CW_AWS_CLIENT (source), result, &error);
  CwElbLoadBalancer *balancer;

  if (balancers == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  balancer = balancers->len > 0 ? g_ptr_array_index (balancers, 0) : NULL;
  if (balancer != NULL && g_strcmp0 (balancer->state, "active") == 0)
    {
      cw_step_run_succeed (run, _("The load balancer is active."));
      return;
    }
  if (balancer != NULL && g_strcmp0 (balancer->state, "failed") == 0)
    {
      cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                          _("AWS could not provision the load balancer: %s"),
                                          balancer->state_reason ? balancer->state_reason : balancer->state));
      return;
    }
  cw_step_run_wait (run, CW_WAIT_LOAD_BALANCER, _("Waiting for the load balancer to become active"),
                    wait_nlb_active_create);
}

static void
wait_nlb_active_create (CwStepRun *run)
{
  const char *arns[] = { resource (run, CW_RES_LOAD_BALANCER_ARN), NULL };

  cw_elbv2_describe_load_balancers_async (run->aws, arns, NULL, CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                          nlb_state_described, run);
}

/* ---- listener ---- */

static void
listener_succeed (CwStepRun *run)
{
  g_autofree char *message = g_strdup_printf (_("The load balancer forwards TCP port %u to the target group."), port (run));

  cw_step_run_succeed (run, message);
}

static gboolean
listener_forwards_to (CwElbListener *listener,
                      const char    *target_group_arn)
{
  for (guint i = 0; listener->default_actions && i < listener->default_actions->len; i++)
    if (g_strcmp0 (((CwElbAction *) g_ptr_array_index (listener->default_actions, i))->target_group_arn,
                   target_group_arn) == 0)
      return TRUE;
  return FALSE;
}

static void listener_find (CwStepRun *run);

static void
listener_created (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwElbListener) listener = cw_elbv2_create_listener_finish (CW_AWS_CLIENT (source), result, &error);

  if (is_aws_error (error, CW_AWS_ERROR_DUPLICATE))
    {
      listener_find (run);
      return;
    }
  if (listener == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_LISTENER_ARN, listener->listener_arn);
  listener_succeed (run);
}

static void
listener_send_create (CwStepRun *run)
{
  Tags tags;

  cw_step_run_progress (run, _("Creating the listener…"));
  cw_elbv2_create_listener_async (run->aws, resource (run, CW_RES_LOAD_BALANCER_ARN), "TCP", port (run),
                                  resource (run, CW_RES_TARGET_GROUP_ARN),
                                  link_tags (run, &tags, spec (run, CW_SPEC_LOAD_BALANCER_NAME)),
                                  CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable, listener_created, run);
}

static void
create_listener (CwStepRun *run)
{
  cw_step_run_attempt (run, listener_send_create);
}

static void
listeners_described (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listeners = cw_elbv2_describe_listeners_finish (CW_AWS_CLIENT (source), result, &error);

  if (listeners == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < listeners->len; i++)
    {
      CwElbListener *listener = g_ptr_array_index (listeners, i);

      if (listener->port != (int) port (run))
        continue;
      if (!listener_forwards_to (listener, resource (run, CW_RES_TARGET_GROUP_ARN)))
        {
          g_autofree char *message = g_strdup_printf (_("The load balancer already listens on port %u for another "
                                                        "target group."), port (run));

          cw_step_run_fail (run, conflict (message));
          return;
        }
      /* The load balancer is the link's own, so is what listens on it. */
      created (run, CW_RES_LISTENER_ARN, listener->listener_arn);
      listener_succeed (run);
      return;
    }
  create_listener (run);
}

static void
listener_find (CwStepRun *run)
{
  cw_step_run_progress (run, _("Looking for the listener…"));
  cw_elbv2_describe_listeners_async (run->aws, resource (run, CW_RES_LOAD_BALANCER_ARN), NULL,
                                     CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable, listeners_described, run);
}

static void
listener_create (CwStepRun *run)
{
  if (resource (run, CW_RES_LISTENER_ARN) != NULL)
    listener_succeed (run);
  else if (!owned (run))
    create_listener (run);
  else
    listener_find (run);
}

/* A listener the journal does not know goes with its load balancer. */
static const Deletion listener_deletion = {
  CW_RES_LISTENER_ARN, cw_elbv2_delete_listener_async, cw_elbv2_delete_listener_finish,
  N_("Deleting the listener…"), N_("Deleted the listener."),
  N_("No listener of its own to delete before the load balancer."), NULL, NULL,
};

static void
listener_delete (CwStepRun *run)
{
  delete_own (run, &listener_deletion, NULL);
}

/* ---- endpoint_service: the VPC endpoint service fronted by the load balancer ---- */

/* The service is Pending for a few seconds after it is made. TiDB Cloud needs it
 * available only when it makes its endpoint, half a minute after it is asked to: the
 * run goes on at once, which saves those seconds on the longest chain of waits. */
static void
endpoint_service_succeed (CwStepRun *run)
{
  g_autofree char *message = g_strdup_printf (_("Endpoint service %s, acceptance required."),
                                              resource (run, CW_RES_ENDPOINT_SERVICE_NAME));

  cw_step_run_succeed (run, message);
}

static void
service_recorded (CwStepRun                 *run,
                  CwEc2ServiceConfiguration *service)
{
  cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_SERVICE_NAME, service->service_name);
  created (run, CW_RES_ENDPOINT_SERVICE_ID, service->service_id);
}

static void
service_created (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwEc2ServiceConfiguration) service =
    cw_ec2_create_vpc_endpoint_service_configuration_finish (CW_AWS_CLIENT (source), result, &error);

  if (service == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  service_recorded (run, service);
  endpoint_service_succeed (run);
}


static void
services_by_tag (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Find) find = user_data;
  CwStepRun *run = find->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = cw_ec2_describe_vpc_endpoint_service_configurations_finish (CW_AWS_CLIENT (source),
                                                                                              result, &error);
  CwEc2ServiceConfiguration *service = NULL;

  if (services == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < services->len && service == NULL; i++)
    {
      CwEc2ServiceConfiguration *candidate = g_ptr_array_index (services, i);

      if (g_strcmp0 (candidate->service_state, "Deleted") != 0 && g_strcmp0 (candidate->service_state, "Deleting") != 0)
        service = candidate;
    }
  if (service != NULL)
    {
      cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_SERVICE_NAME, service->service_name);
      cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_SERVICE_ID, service->service_id);
    }
  find->found (run, service ? service->service_id : NULL);
}

static void
service_find (CwStepRun *run,
              FoundFunc  found)
{
  const char *ids[] = { link_id (run), NULL };
  CwAwsFilter filters[] = { { TAG_FILTER, ids }, { NULL } };

  cw_step_run_progress (run, _("Looking for the endpoint service…"));
  cw_ec2_describe_vpc_endpoint_service_configurations_async (run->aws, NULL, filters, CW_AWS_CALL_DEFAULT,
                                                             run->cancellable, services_by_tag, find_new (run, found, NULL));
}

static void
service_send_create (CwStepRun *run)
{
  const char *balancers[] = { resource (run, CW_RES_LOAD_BALANCER_ARN), NULL };
  const char *address_types[] = { "ipv4", NULL };
  g_autofree char *token = cw_link_client_token (link_id (run));
  Tags tags;

  cw_step_run_progress (run, _("Creating the endpoint service…"));
  cw_ec2_create_vpc_endpoint_service_configuration_async (run->aws, balancers, TRUE, address_types, token,
                                                          link_tags (run, &tags, spec (run, CW_SPEC_DISPLAY_NAME)),
                                                          CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                          service_created, run);
}

static void
service_found_for_create (CwStepRun  *run,
                          const char *service_id)
{
  if (service_id != NULL)
    {
      created (run, CW_RES_ENDPOINT_SERVICE_ID, service_id);
      endpoint_service_succeed (run);
      return;
    }
  cw_step_run_attempt (run, service_send_create);
}

static void
endpoint_service_create (CwStepRun *run)
{
  if (resource (run, CW_RES_ENDPOINT_SERVICE_ID) != NULL)
    endpoint_service_succeed (run);
  else if (!owned (run))
    service_found_for_create (run, NULL);
  else
    service_find (run, service_found_for_create);
}

static void service_look_until_gone (CwStepRun *run);

static void
service_gone_described (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = cw_ec2_describe_vpc_endpoint_service_configurations_finish (CW_AWS_CLIENT (source),
                                                                                              result, &error);
  CwEc2ServiceConfiguration *service;
  g_autofree char *message = NULL;

  if (services == NULL && !is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  service = services && services->len > 0 ? g_ptr_array_index (services, 0) : NULL;
  if (service != NULL && g_strcmp0 (service->service_state, "Deleted") != 0)
    {
      cw_step_run_wait (run, CW_WAIT_ENDPOINT_SERVICE, _("Waiting for the endpoint service to be deleted"),
                        service_look_until_gone);
      return;
    }
  message = g_strdup_printf (_("Deleted endpoint service %s."), resource (run, CW_RES_ENDPOINT_SERVICE_NAME));
  cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_SERVICE_NAME, NULL);
  forget (run, CW_RES_ENDPOINT_SERVICE_ID);
  cw_step_run_succeed (run, message);
}

static void
service_look_until_gone (CwStepRun *run)
{
  const char *ids[] = { resource (run, CW_RES_ENDPOINT_SERVICE_ID), NULL };

  cw_ec2_describe_vpc_endpoint_service_configurations_async (run->aws, ids, NULL, CW_AWS_CALL_DEFAULT,
                                                             run->cancellable, service_gone_described, run);
}

static void
service_deleted (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_ec2_delete_vpc_endpoint_service_configurations_finish (CW_AWS_CLIENT (source), result, &error) &&
      !is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  service_look_until_gone (run);
}

static void
service_delete_configuration (CwStepRun *run)
{
  const char *ids[] = { resource (run, CW_RES_ENDPOINT_SERVICE_ID), NULL };

  cw_step_run_progress (run, _("Deleting the endpoint service…"));
  cw_ec2_delete_vpc_endpoint_service_configurations_async (run->aws, ids, CW_AWS_CALL_DEFAULT, run->cancellable,
                                                           service_deleted, run);
}

static gboolean
connection_is_open (CwEc2VpcEndpointConnection *connection)
{
  static const char * const open_states[] = { "pendingAcceptance", "pending", "available", NULL };

  return connection->vpc_endpoint_state != NULL && g_strv_contains (open_states, connection->vpc_endpoint_state);
}

static void
connections_rejected (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_ec2_reject_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source), result, &error) &&
      !is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  service_delete_configuration (run);
}

/* AWS deletes no service that endpoints are still connected to. The service is the
 * link's own, so whatever is still connected to it goes too. */
static void
service_connections_described (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) connections = cw_ec2_describe_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source),
                                                                                      result, &error);
  g_autoptr(GStrvBuilder) open = g_strv_builder_new ();
  g_auto(GStrv) endpoint_ids = NULL;

  if (connections == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < connections->len; i++)
    {
      CwEc2VpcEndpointConnection *connection = g_ptr_array_index (connections, i);

      if (connection_is_open (connection) &&
          g_strcmp0 (connection->service_id, resource (run, CW_RES_ENDPOINT_SERVICE_ID)) == 0)
        g_strv_builder_add (open, connection->vpc_endpoint_id);
    }
  endpoint_ids = g_strv_builder_end (open);
  if (endpoint_ids[0] == NULL)
    {
      service_delete_configuration (run);
      return;
    }
  cw_step_run_progress (run, _("Rejecting the endpoints still connected…"));
  cw_ec2_reject_vpc_endpoint_connections_async (run->aws, resource (run, CW_RES_ENDPOINT_SERVICE_ID),
                                                (const char * const *) endpoint_ids, CW_AWS_CALL_DEFAULT,
                                                run->cancellable, connections_rejected, run);
}

static void
service_found_for_delete (CwStepRun  *run,
                          const char *service_id)
{
  const char *ids[] = { service_id, NULL };
  CwAwsFilter filters[] = { { "service-id", ids }, { NULL } };

  if (service_id == NULL)
    {
      forget (run, CW_RES_ENDPOINT_SERVICE_ID);
      cw_step_run_skip (run, _("The link has no endpoint service of its own."));
      return;
    }
  cw_step_run_progress (run, _("Looking for endpoints connected to the service…"));
  cw_ec2_describe_vpc_endpoint_connections_async (run->aws, filters, CW_AWS_CALL_DEFAULT, run->cancellable,
                                                  service_connections_described, run);
}

static void
endpoint_service_delete (CwStepRun *run)
{
  if (owned (run) && resource (run, CW_RES_ENDPOINT_SERVICE_ID) != NULL)
    service_found_for_delete (run, resource (run, CW_RES_ENDPOINT_SERVICE_ID));
  else
    service_find (run, service_found_for_delete);
}

/* ---- allow_principal: TiDB Cloud's account may connect ---- */

static char *
tidb_principal (CwStepRun *run)
{
  return g_strdup_printf ("arn:aws:iam::%s:root", spec (run, CW_SPEC_TIDB_ACCOUNT_ID));
}

static void
allow_principal_succeed (CwStepRun *run)
{
  g_autofree char *principal = tidb_principal (run);
  g_autofree char *message = g_strdup_printf (_("%s may connect to the endpoint service."), principal);

  cw_step_run_succeed (run, message);
}

static void
permissions_modified (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_ec2_modify_vpc_endpoint_service_permissions_finish (CW_AWS_CLIENT (source), result, &error))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  allow_principal_succeed (run);
}

static void
permissions_described (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) principals = cw_ec2_describe_vpc_endpoint_service_permissions_finish (CW_AWS_CLIENT (source),
                                                                                             result, &error);
  g_autofree char *principal = tidb_principal (run);
  const char *add[] = { principal, NULL };

  if (principals == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < principals->len; i++)
    if (g_strcmp0 (((CwEc2AllowedPrincipal *) g_ptr_array_index (principals, i))->principal, principal) == 0)
      {
        allow_principal_succeed (run);
        return;
      }
  cw_step_run_progress (run, _("Allowing TiDB Cloud’s account…"));
  cw_ec2_modify_vpc_endpoint_service_permissions_async (run->aws, resource (run, CW_RES_ENDPOINT_SERVICE_ID), add, NULL,
                                                        CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                        permissions_modified, run);
}

static void
allow_principal_create (CwStepRun *run)
{
  cw_step_run_progress (run, _("Reading the endpoint service’s allowed principals…"));
  cw_ec2_describe_vpc_endpoint_service_permissions_async (run->aws, resource (run, CW_RES_ENDPOINT_SERVICE_ID), NULL,
                                                          CW_AWS_CALL_RETRY_NOT_FOUND, run->cancellable,
                                                          permissions_described, run);
}

/* ---- tidb_link: the private link connection in TiDB Cloud ---- */

static const char *
cluster_id (CwStepRun *run)
{
  return spec (run, CW_SPEC_CLUSTER_ID);
}

/* The cluster's connections to the link's endpoint service: the service is the link's
 * own, so they are too. */
static GPtrArray *
links_to_service (GListModel *links,
                  const char *service_name,
                  const char *link_id)
{
  GPtrArray *matches = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (links);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwTidbPrivateLink) link = g_list_model_get_item (links, i);

      if ((service_name != NULL && g_strcmp0 (cw_tidb_private_link_get_service_name (link), service_name) == 0) ||
          (link_id != NULL && g_strcmp0 (cw_tidb_private_link_get_link_id (link), link_id) == 0))
        g_ptr_array_add (matches, g_steal_pointer (&link));
    }
  return matches;
}

static void
link_deleted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError *error = NULL;

  if (!cw_tidb_client_delete_private_link_finish (CW_TIDB_CLIENT (source), result, &error) &&
      g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND))
    g_clear_error (&error);
  sequence_item_done (user_data, error);
}

static void
delete_link (Sequence *sequence,
             gpointer  item)
{
  CwStepRun *run = sequence->run;

  if (g_strcmp0 (cw_tidb_private_link_get_state (item), "DELETING") == 0)
    {
      sequence_item_done (sequence, NULL);
      return;
    }
  cw_tidb_client_delete_private_link_async (run->tidb, cluster_id (run), cw_tidb_private_link_get_link_id (item),
                                            run->cancellable, link_deleted, sequence);
}

static void
tidb_link_succeed (CwStepRun *run)
{
  g_autofree char *message = g_strdup_printf (_("Private link connection %s asks to connect to %s."),
                                              resource (run, CW_RES_PRIVATE_LINK_ID),
                                              resource (run, CW_RES_ENDPOINT_SERVICE_NAME));

  cw_step_run_succeed (run, message);
}

/* TiDB Cloud's client sends a create again after a 5xx, which can leave a second
 * connection when the first one was made after all: only one is kept. */
static void
links_settled (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) extra = NULL;
  const char *kept = resource (run, CW_RES_PRIVATE_LINK_ID);

  if (links == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  extra = links_to_service (links, resource (run, CW_RES_ENDPOINT_SERVICE_NAME), NULL);
  for (guint i = extra->len; i > 0; i--)
    if (g_strcmp0 (cw_tidb_private_link_get_link_id (g_ptr_array_index (extra, i - 1)), kept) == 0)
      g_ptr_array_remove_index (extra, i - 1);
  for_each (run, extra, delete_link, tidb_link_succeed);
}

static void
tidb_link_settle (CwStepRun *run)
{
  cw_tidb_client_list_private_links_async (run->tidb, cluster_id (run), NULL, run->cancellable, links_settled, run);
}

static gint compare_create_times (gconstpointer a,
                                  gconstpointer b);

typedef struct {
  CwStepRun *run;
  GError    *error;
} Refusal;

static void
links_listed_after_refusal (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autofree Refusal *refusal = user_data;
  CwStepRun *run = refusal->run;
  g_autoptr(GError) refused = refusal->error;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) existing = NULL;

  if (links == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  existing = links_to_service (links, resource (run, CW_RES_ENDPOINT_SERVICE_NAME), NULL);
  if (existing->len == 0)
    {
      cw_step_run_fail (run, g_steal_pointer (&refused));
      return;
    }
  g_ptr_array_sort (existing, compare_create_times);
  created (run, CW_RES_PRIVATE_LINK_ID, cw_tidb_private_link_get_link_id (g_ptr_array_index (existing, 0)));
  tidb_link_settle (run);
}

static void
tidb_link_created (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwTidbPrivateLink) link = cw_tidb_client_create_private_link_finish (CW_TIDB_CLIENT (source), result, &error);

  /* A refusal may say a connection to the service exists already: an earlier attempt's. */
  if (g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_BAD_REQUEST))
    {
      Refusal *refusal = g_new0 (Refusal, 1);

      refusal->run = run;
      refusal->error = g_steal_pointer (&error);
      cw_tidb_client_list_private_links_async (run->tidb, cluster_id (run), NULL, run->cancellable,
                                               links_listed_after_refusal, refusal);
      return;
    }
  if (link == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  created (run, CW_RES_PRIVATE_LINK_ID, cw_tidb_private_link_get_link_id (link));
  tidb_link_settle (run);
}

static gint
compare_create_times (gconstpointer a,
                      gconstpointer b)
{
  GDateTime *x = cw_tidb_private_link_get_create_time (*(CwTidbPrivateLink **) a);
  GDateTime *y = cw_tidb_private_link_get_create_time (*(CwTidbPrivateLink **) b);

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);
  return g_date_time_compare (x, y);
}

static void
tidb_link_send_create (CwStepRun *run)
{
  cw_step_run_progress (run, _("Creating the private link connection in TiDB Cloud…"));
  cw_tidb_client_create_private_link_async (run->tidb, cluster_id (run), spec (run, CW_SPEC_DISPLAY_NAME),
                                            resource (run, CW_RES_ENDPOINT_SERVICE_NAME), spec (run, CW_SPEC_REGION),
                                            run->cancellable, tidb_link_created, run);
}

static void
create_tidb_link (CwStepRun *run)
{
  cw_step_run_attempt (run, tidb_link_send_create);
}

static void
links_listed_for_create (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) existing = NULL;

  if (links == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  existing = links_to_service (links, resource (run, CW_RES_ENDPOINT_SERVICE_NAME), NULL);
  if (existing->len > 0)
    {
      g_ptr_array_sort (existing, compare_create_times);
      created (run, CW_RES_PRIVATE_LINK_ID, cw_tidb_private_link_get_link_id (g_ptr_array_index (existing, 0)));
      tidb_link_settle (run);
      return;
    }
  create_tidb_link (run);
}

static void
tidb_link_create (CwStepRun *run)
{
  if (resource (run, CW_RES_PRIVATE_LINK_ID) != NULL)
    {
      tidb_link_succeed (run);
      return;
    }
  if (!owned (run))
    {
      create_tidb_link (run);
      return;
    }
  cw_step_run_progress (run, _("Looking for the private link connection in TiDB Cloud…"));
  cw_tidb_client_list_private_links_async (run->tidb, cluster_id (run), NULL, run->cancellable,
                                           links_listed_for_create, run);
}

static void tidb_link_look_until_gone (CwStepRun *run);

static void
links_listed_for_delete (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) remaining = NULL;
  gboolean deleting_only = TRUE;

  if (links == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  remaining = links_to_service (links, resource (run, CW_RES_ENDPOINT_SERVICE_NAME),
                                owned (run) ? resource (run, CW_RES_PRIVATE_LINK_ID) : NULL);
  if (remaining->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("Deleted the private link connection %s."),
                                                  resource (run, CW_RES_PRIVATE_LINK_ID) ? resource (run, CW_RES_PRIVATE_LINK_ID) : "");

      cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_ID, NULL);
      forget (run, CW_RES_PRIVATE_LINK_ID);
      cw_step_run_succeed (run, message);
      return;
    }
  for (guint i = 0; i < remaining->len; i++)
    if (g_strcmp0 (cw_tidb_private_link_get_state (g_ptr_array_index (remaining, i)), "DELETING") != 0)
      deleting_only = FALSE;
  if (deleting_only)
    cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, _("Waiting for TiDB Cloud to delete the private link connection"),
                      tidb_link_look_until_gone);
  else
    {
      cw_step_run_progress (run, _("Deleting the private link connection in TiDB Cloud…"));
      for_each (run, remaining, delete_link, tidb_link_look_until_gone);
    }
}

static void
tidb_link_look_until_gone (CwStepRun *run)
{
  cw_tidb_client_list_private_links_async (run->tidb, cluster_id (run), NULL, run->cancellable,
                                           links_listed_for_delete, run);
}

static void
tidb_link_service_found (CwStepRun  *run,
                         const char *service_id)
{
  if (service_id == NULL && !(owned (run) && resource (run, CW_RES_PRIVATE_LINK_ID) != NULL))
    {
      forget (run, CW_RES_PRIVATE_LINK_ID);
      cw_step_run_skip (run, _("The link has no private link connection in TiDB Cloud."));
      return;
    }
  tidb_link_look_until_gone (run);
}

static void tidb_link_delete_recorded (CwStepRun *run);

static void
recorded_link_deleted (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_tidb_client_delete_private_link_finish (CW_TIDB_CLIENT (source), result, &error))
    {
      if (!g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND))
        {
          cw_step_run_fail (run, g_steal_pointer (&error));
          return;
        }
      if (run->polls < NOT_FOUND_LOOKS)
        {
          cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, _("Making sure the private link connection is gone"),
                            tidb_link_delete_recorded);
          return;
        }
    }
  tidb_link_look_until_gone (run);
}

static void
tidb_link_delete_recorded (CwStepRun *run)
{
  cw_step_run_progress (run, _("Deleting the private link connection in TiDB Cloud…"));
  cw_tidb_client_delete_private_link_async (run->tidb, cluster_id (run), resource (run, CW_RES_PRIVATE_LINK_ID),
                                            run->cancellable, recorded_link_deleted, run);
}

static void
tidb_link_delete (CwStepRun *run)
{
  if (owned (run) && resource (run, CW_RES_PRIVATE_LINK_ID) != NULL)
    tidb_link_delete_recorded (run);
  else if (resource (run, CW_RES_ENDPOINT_SERVICE_NAME) != NULL)
    tidb_link_look_until_gone (run);
  else
    service_find (run, tidb_link_service_found);
}

/* ---- accept: exactly the request of TiDB Cloud's endpoint ---- */

static void accept_create (CwStepRun *run);

static void
accepted (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!cw_ec2_accept_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source), result, &error))
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  message = g_strdup_printf (_("Accepted the connection of TiDB Cloud’s endpoint %s."), resource (run, CW_RES_ENDPOINT_ID));
  cw_step_run_succeed (run, message);
}

static void
endpoint_connections_described (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) connections = cw_ec2_describe_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source),
                                                                                      result, &error);
  const char *endpoint_id = resource (run, CW_RES_ENDPOINT_ID);
  const char *endpoint_ids[] = { endpoint_id, NULL };
  g_autofree char *what = NULL;

  if (connections == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < connections->len; i++)
    {
      CwEc2VpcEndpointConnection *connection = g_ptr_array_index (connections, i);

      if (g_strcmp0 (connection->vpc_endpoint_id, endpoint_id) != 0)
        continue;
      if (g_strcmp0 (connection->vpc_endpoint_state, "available") == 0)
        {
          cw_step_run_succeed (run, _("TiDB Cloud’s endpoint is already accepted."));
          return;
        }
      if (g_strcmp0 (connection->vpc_endpoint_state, "pendingAcceptance") == 0)
        {
          cw_step_run_progress (run, _("Accepting TiDB Cloud’s endpoint…"));
          cw_ec2_accept_vpc_endpoint_connections_async (run->aws, resource (run, CW_RES_ENDPOINT_SERVICE_ID),
                                                        endpoint_ids, CW_AWS_CALL_DEFAULT, run->cancellable,
                                                        accepted, run);
          return;
        }
      if (!connection_is_open (connection))
        {
          cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                              _("TiDB Cloud’s endpoint %s is %s on the endpoint service."),
                                              endpoint_id, connection->vpc_endpoint_state));
          return;
        }
    }
  what = g_strdup_printf (_("Waiting for the connection request of endpoint %s"), endpoint_id);
  cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, what, accept_create);
}

typedef void (*LinkFunc) (CwStepRun         *run,
                          CwTidbPrivateLink *link);

/* A look at the link's TiDB Cloud connection, and what to do with it. */
typedef struct {
  CwStepRun *run;
  LinkFunc   got;
} LinkLook;

static void
link_got (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree LinkLook *look = user_data;
  CwStepRun *run = look->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwTidbPrivateLink) link = cw_tidb_client_get_private_link_finish (CW_TIDB_CLIENT (source), result, &error);

  /* A connection made a moment ago may not show yet; one that stays unseen is gone. */
  if (g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND) && run->polls < NOT_FOUND_LOOKS)
    {
      cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, _("Waiting for TiDB Cloud to show the private link connection"),
                        cw_step_run_get_function (run));
      return;
    }
  if (link == NULL)
    {
      if (g_error_matches (error, CW_TIDB_ERROR, CW_TIDB_ERROR_NOT_FOUND))
        cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                            _("The private link connection %s is gone from TiDB Cloud."),
                                            resource (run, CW_RES_PRIVATE_LINK_ID)));
      else
        cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  if (g_strcmp0 (cw_tidb_private_link_get_state (link), "FAILED") == 0)
    {
      cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                          _("TiDB Cloud could not connect: %s"),
                                          cw_tidb_private_link_get_message (link) ? cw_tidb_private_link_get_message (link)
                                                                                  : _("no reason given")));
      return;
    }
  look->got (run, link);
}

static void
get_link (CwStepRun *run,
          LinkFunc   func)
{
  LinkLook *look = g_new (LinkLook, 1);

  look->run = run;
  look->got = func;
  cw_tidb_client_get_private_link_async (run->tidb, cluster_id (run), resource (run, CW_RES_PRIVATE_LINK_ID),
                                         run->cancellable, link_got, look);
}

static void
accept_link_state (CwStepRun         *run,
                   CwTidbPrivateLink *link)
{
  const char *state = cw_tidb_private_link_get_state (link);
  const char *endpoint_id = cw_tidb_private_link_get_endpoint_id (link);
  const char *service_ids[] = { resource (run, CW_RES_ENDPOINT_SERVICE_ID), NULL };
  CwAwsFilter filters[] = { { "service-id", service_ids }, { NULL } };

  if (g_strcmp0 (state, "ACTIVE") == 0)
    {
      cw_journal_set_resource (run->journal, CW_RES_ENDPOINT_ID, endpoint_id);
      cw_step_run_succeed (run, _("TiDB Cloud’s endpoint is already accepted."));
      return;
    }
  if (g_strcmp0 (state, "PENDING_ACCEPTANCE") != 0 || endpoint_id == NULL)
    {
      cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, _("Waiting for TiDB Cloud to create its endpoint"), accept_create);
      return;
    }
  cw_step_run_record (run, CW_RES_ENDPOINT_ID, endpoint_id);
  cw_ec2_describe_vpc_endpoint_connections_async (run->aws, filters, CW_AWS_CALL_DEFAULT, run->cancellable,
                                                  endpoint_connections_described, run);
}

static void
accept_create (CwStepRun *run)
{
  get_link (run, accept_link_state);
}

/* ---- wait_active ---- */

static void wait_active_create (CwStepRun *run);

static void
active_link_state (CwStepRun         *run,
                   CwTidbPrivateLink *link)
{
  if (g_strcmp0 (cw_tidb_private_link_get_state (link), "ACTIVE") == 0)
    cw_step_run_succeed (run, _("The private link connection is active."));
  else
    cw_step_run_wait (run, CW_WAIT_PRIVATE_LINK, _("Waiting for the private link connection to become active"),
                      wait_active_create);
}

static void
wait_active_create (CwStepRun *run)
{
  get_link (run, active_link_state);
}

/* ---- verify_health: the load balancer reaches the database ---- */

/* Health checks need a few rounds to change their mind: an unhealthy target is looked at
 * this many times before the link is declared broken. */
#define UNHEALTHY_LOOKS 8

static void verify_health_create (CwStepRun *run);

static void
target_health_described (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CwStepRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) healths = cw_elbv2_describe_target_health_finish (CW_AWS_CLIENT (source), result, &error);
  CwElbTargetHealth *health = NULL;
  g_autofree char *what = NULL;

  if (healths == NULL)
    {
      cw_step_run_fail (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < healths->len; i++)
    if (g_strcmp0 (((CwElbTargetHealth *) g_ptr_array_index (healths, i))->target_id, resource (run, CW_RES_REGISTERED_IP)) == 0)
      health = g_ptr_array_index (healths, i);
  if (health != NULL && g_strcmp0 (health->state, "healthy") == 0)
    {
      g_autofree char *message = g_strdup_printf (_("The target %s:%u is healthy."), health->target_id, port (run));

      cw_step_run_succeed (run, message);
      return;
    }
  if (health != NULL && g_strcmp0 (health->state, "unhealthy") == 0 && run->polls >= UNHEALTHY_LOOKS)
    {
      cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_FAILED,
                                          _("The load balancer cannot reach the database at %s:%u (%s): %s"),
                                          health->target_id, port (run), health->reason ? health->reason : "",
                                          health->description ? health->description : ""));
      return;
    }
  what = health && g_strcmp0 (health->state, "unhealthy") == 0
           ? g_strdup_printf (_("The target is unhealthy (%s); waiting for the health checks to pass"),
                              health->reason ? health->reason : "")
           : g_strdup (_("Waiting for the load balancer’s health checks to pass"));
  cw_step_run_wait (run, CW_WAIT_TARGET_HEALTH, what, verify_health_create);
}

static void
verify_health_create (CwStepRun *run)
{
  cw_elbv2_describe_target_health_async (run->aws, resource (run, CW_RES_TARGET_GROUP_ARN), NULL, CW_AWS_CALL_DEFAULT,
                                         run->cancellable, target_health_described, run);
}

/* ---- the graph ---- */

static const CwStepKind step_kinds[] = {
  { CW_STEP_SG_NLB, N_("Security group for the load balancer"), { NULL }, sg_nlb_create,
    N_("Delete the load balancer’s security group"), sg_nlb_delete },
  { CW_STEP_TG, N_("Target group"), { NULL }, tg_create, N_("Delete the target group"), tg_delete },
  { CW_STEP_NLB, N_("Network Load Balancer"), { CW_STEP_SG_NLB, NULL }, nlb_create, N_("Delete the load balancer"), nlb_delete },
  { CW_STEP_RDS_SG_RULE, N_("Database security group rule"), { CW_STEP_SG_NLB, NULL }, rds_sg_rule_create,
    N_("Remove the database’s security group rule"), rds_sg_rule_delete },
  { CW_STEP_TG_ATTRIBUTES, N_("Cross-zone load balancing"), { CW_STEP_TG, NULL }, tg_attributes_create, NULL, NULL },
  { CW_STEP_REGISTER_TARGET, N_("Register the database as target"), { CW_STEP_TG_ATTRIBUTES, NULL }, register_target_create,
    NULL, NULL },
  { CW_STEP_WAIT_NLB_ACTIVE, N_("Load balancer active"), { CW_STEP_NLB, NULL }, wait_nlb_active_create, NULL, NULL },
  { CW_STEP_LISTENER, N_("Listener"), { CW_STEP_NLB, CW_STEP_REGISTER_TARGET, NULL }, listener_create, N_("Delete the listener"),
    listener_delete },
  { CW_STEP_ENDPOINT_SERVICE, N_("Endpoint service"), { CW_STEP_WAIT_NLB_ACTIVE, NULL }, endpoint_service_create,
    N_("Delete the endpoint service"), endpoint_service_delete },
  { CW_STEP_ALLOW_PRINCIPAL, N_("Allow TiDB Cloud’s account"), { CW_STEP_ENDPOINT_SERVICE, NULL }, allow_principal_create,
    NULL, NULL },
  { CW_STEP_TIDB_LINK, N_("TiDB Cloud private link connection"), { CW_STEP_ALLOW_PRINCIPAL, CW_STEP_RDS_SG_RULE, CW_STEP_LISTENER, NULL },
    tidb_link_create, N_("Delete the TiDB Cloud private link connection"), tidb_link_delete },
  { CW_STEP_ACCEPT, N_("Accept TiDB Cloud’s endpoint"), { CW_STEP_TIDB_LINK, NULL }, accept_create, NULL, NULL },
  { CW_STEP_WAIT_ACTIVE, N_("Connection active"), { CW_STEP_ACCEPT, NULL }, wait_active_create, NULL, NULL },
  { CW_STEP_VERIFY_HEALTH, N_("Target healthy"), { CW_STEP_WAIT_ACTIVE, NULL }, verify_health_create, NULL, NULL },
};

/* In an order that respects the dependencies, the slow load balancer early. */
const CwStepKind *
cw_link_step_kinds (guint *n_kinds)
{
  *n_kinds = G_N_ELEMENTS (step_kinds);
  return step_kinds;
}

/* DESIGN.md §4.2: the TiDB connection first (waiting until it is gone), then the
 * endpoint service, the listener, the load balancer, the target group, the database's
 * rule and last the load balancer's security group. */
const char * const *
cw_link_teardown_order (void)
{
  static const char * const order[] = {
    CW_STEP_TIDB_LINK, CW_STEP_ENDPOINT_SERVICE, CW_STEP_LISTENER, CW_STEP_NLB, CW_STEP_TG, CW_STEP_RDS_SG_RULE, CW_STEP_SG_NLB, NULL
  };

  return order;
}
