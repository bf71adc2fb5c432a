/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-steps-private.h: what the step files of a link share (DESIGN.md §1, §4.2)
 *
 * Every step first looks for its own result: by the id in the journal, by the link-id
 * tag every created resource carries, by the ClientToken, or (TiDB Cloud) by the
 * endpoint service's name. Only then does it create, after noting in the journal that
 * it is about to. Deleting only ever touches what the journal or the tags say is the
 * link's own.
 *
 * The steps live one file per resource family: cw-link-steps-security-groups.c,
 * -load-balancer.c, -endpoint-service.c and -tidb.c; cw-link-graph.c orders them;
 * cw-link-steps.c holds the small frameworks they share (deleting what is the link's
 * own, one call per item, looking for the link's own resource).
 */
#pragma once

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"
#include "cw-ec2.h"
#include "cw-elbv2.h"
#include "cw-engine-error.h"
#include "cw-provisioner-private.h"

G_BEGIN_DECLS

#define TAG_FILTER "tag:" CW_TAG_LINK_ID

/* How many times a TiDB Cloud connection the link made is looked for before "not
 * found" is believed: right after it is made, TiDB Cloud may not show it yet. */
#define NOT_FOUND_LOOKS 6

/* ---- what a step reads of its run ---- */

static inline const char *
spec (CwStepRun  *run,
      const char *key)
{
  return cw_journal_get_spec (run->journal, key);
}

static inline const char *
resource (CwStepRun  *run,
          const char *key)
{
  return cw_journal_get_resource (run->journal, key);
}

/* A database added to a link tags what it creates with that link's id. */
static inline const char *
link_id (CwStepRun *run)
{
  const char *link = spec (run, CW_SPEC_ADDED_TO);

  return link ? link : cw_journal_get_link_id (run->journal);
}

static inline guint
port (CwStepRun *run)
{
  return cw_journal_get_spec_uint (run->journal, CW_SPEC_DATABASE_PORT);
}

/* Where the load balancer listens for the database: its own port, but for a database
 * added to a link, whose port there may differ. */
static inline guint
listener_port (CwStepRun *run)
{
  guint listener = cw_journal_get_spec_uint (run->journal, CW_SPEC_LISTENER_PORT);

  return listener ? listener : port (run);
}

static inline gboolean
owned (CwStepRun *run)
{
  return cw_journal_get_creation (run->journal, run->kind->id) != CW_CREATION_NONE;
}

/* Deleting what the link's own run created a moment ago can meet AWS's
 * read-after-create lag: a NotFound for it is confirmed before it is believed. */
static inline CwAwsCallFlags
delete_flags (CwStepRun *run)
{
  return owned (run) ? CW_AWS_CALL_RETRY_NOT_FOUND : CW_AWS_CALL_DEFAULT;
}

typedef struct {
  CwAwsKeyValue pairs[4];
} Tags;

/* Name, the link id and the database: a later run and the links view find the
 * resource by them. */
static inline const CwAwsKeyValue *
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

static inline gboolean
tags_name_link (GPtrArray  *tags,
                const char *id)
{
  return g_strcmp0 (cw_aws_key_values_lookup (tags, CW_TAG_LINK_ID), id) == 0;
}

static inline gboolean
is_aws_error (const GError   *error,
              CwAwsError      code)
{
  return g_error_matches (error, CW_AWS_ERROR, code);
}

/* Forgets a deleted resource: it is no longer the link's to delete. */
static inline void
forget (CwStepRun  *run,
        const char *key)
{
  if (key != NULL)
    cw_journal_set_resource (run->journal, key, NULL);
  cw_step_run_set_creation (run, CW_CREATION_NONE);
}

static inline void
created (CwStepRun  *run,
         const char *key,
         const char *value)
{
  cw_journal_set_creation (run->journal, run->kind->id, CW_CREATION_DONE);
  cw_step_run_record (run, key, value);
}

static inline GError *
conflict (const char *message)
{
  return g_error_new_literal (CW_ENGINE_ERROR, CW_ENGINE_ERROR_CONFLICT, message);
}

static inline const char *
cluster_id (CwStepRun *run)
{
  return spec (run, CW_SPEC_CLUSTER_ID);
}

/* ---- the frameworks of cw-link-steps.c ---- */

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

typedef struct _Sequence Sequence;
typedef void (*ItemFunc) (Sequence *sequence,
                          gpointer  item);

struct _Sequence {
  CwStepRun  *run;
  GPtrArray  *items;
  guint       next;
  ItemFunc    act;     /* makes the call for an item; its answer goes to cw_steps_sequence_item_done() */
  CwStepFunc  then;    /* after the last item */
};

/* A look for the link's own resource, and what to do with what it finds. */
typedef struct {
  CwStepRun  *run;
  FoundFunc   found;
  const char *name;   /* looked for by name (load balancing resources) */
  char       *arn;
} Find;

typedef void (*LinkFunc) (CwStepRun         *run,
                          CwTidbPrivateLink *link);

void  cw_steps_delete_own          (CwStepRun      *run,
                                    const Deletion *deletion,
                                    FindFunc        find);
void  cw_steps_for_each            (CwStepRun      *run,
                                    GPtrArray      *items,
                                    ItemFunc        act,
                                    CwStepFunc      then);
void  cw_steps_sequence_item_done  (Sequence       *sequence,
                                    GError         *error);
void  cw_steps_sequence_aws_done   (GObject        *source,
                                    GAsyncResult   *result,
                                    gpointer        user_data);
Find *cw_steps_find_new            (CwStepRun      *run,
                                    FoundFunc       found,
                                    const char     *name);
void  cw_steps_find_free           (Find           *find);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Find, cw_steps_find_free)

/* ---- looks shared across families ---- */

void  cw_steps_service_find        (CwStepRun      *run,
                                    FoundFunc       found);
void  cw_steps_get_link            (CwStepRun      *run,
                                    LinkFunc        func);

/* ---- the steps, for the graph ---- */

void  cw_steps_sg_nlb_create            (CwStepRun *run);
void  cw_steps_sg_nlb_delete            (CwStepRun *run);
void  cw_steps_rds_sg_rule_create       (CwStepRun *run);
void  cw_steps_rds_sg_rule_delete       (CwStepRun *run);
void  cw_steps_tg_create                (CwStepRun *run);
void  cw_steps_tg_delete                (CwStepRun *run);
void  cw_steps_tg_attributes_create     (CwStepRun *run);
void  cw_steps_register_target_create   (CwStepRun *run);
void  cw_steps_nlb_create               (CwStepRun *run);
void  cw_steps_nlb_delete               (CwStepRun *run);
void  cw_steps_wait_nlb_active_create   (CwStepRun *run);
void  cw_steps_listener_create          (CwStepRun *run);
void  cw_steps_listener_delete          (CwStepRun *run);
void  cw_steps_verify_health_create     (CwStepRun *run);
void  cw_steps_nlb_rules_create         (CwStepRun *run);
void  cw_steps_nlb_rules_delete         (CwStepRun *run);
void  cw_steps_service_tag_create       (CwStepRun *run);
void  cw_steps_service_tag_delete       (CwStepRun *run);
void  cw_steps_endpoint_service_create  (CwStepRun *run);
void  cw_steps_endpoint_service_delete  (CwStepRun *run);
void  cw_steps_allow_principal_create   (CwStepRun *run);
void  cw_steps_accept_create            (CwStepRun *run);
void  cw_steps_tidb_link_create         (CwStepRun *run);
void  cw_steps_tidb_link_delete         (CwStepRun *run);
void  cw_steps_wait_active_create       (CwStepRun *run);

G_END_DECLS
