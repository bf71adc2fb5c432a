/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-provisioner.c: runs a link's steps as a dependency graph (see cw-provisioner.h)
 *
 * Over 800 lines because the scheduler, the step runs, their waits and retries and the
 * journal all change one provisioner's state together; the steps themselves live in
 * cw-link-steps-*.c and the graph in cw-link-graph.c. */
#define G_LOG_DOMAIN "cw-provisioner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <libsoup/soup.h>

#include "cw-aws-error.h"
#include "cw-engine-error.h"
#include "cw-net.h"
#include "cw-provisioner-private.h"

/* A step's own retries, over and above the clients' per-request ones: the steps are
 * idempotent, so running one again after a throttle, a 5xx or a dropped connection is
 * safe. */
#define STEP_MAX_ATTEMPTS   6
#define STEP_RETRY_BASE_MS  1000
#define STEP_RETRY_CAP_MS   20000

struct _CwProvisioner
{
  GObject             parent_instance;
  CwClouds           *clouds;
  CwJournal          *journal;
  GListStore         *steps;        /* CwStep */
  GPtrArray          *kinds;        /* const CwStepKind *, parallel to steps */
  CwProvisionerState  state;
  gboolean            deleting;
  GTask              *task;         /* the create or delete under way */
  GHashTable         *runs;         /* CwStep → CwStepRun, the steps under way */
  guint               polls;        /* looks again at a resource being waited for */
  GError             *error;        /* the first failure of the operation */
  guint               schedule_id;
};

G_DEFINE_FINAL_TYPE (CwProvisioner, cw_provisioner, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwProvisionerState, cw_provisioner_state,
                    G_DEFINE_ENUM_VALUE (CW_PROVISIONER_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (CW_PROVISIONER_CREATING, "creating"),
                    G_DEFINE_ENUM_VALUE (CW_PROVISIONER_CREATED, "created"),
                    G_DEFINE_ENUM_VALUE (CW_PROVISIONER_DELETING, "deleting"),
                    G_DEFINE_ENUM_VALUE (CW_PROVISIONER_DELETED, "deleted"),
                    G_DEFINE_ENUM_VALUE (CW_PROVISIONER_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (CW_PROVISIONER_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_JOURNAL,
  PROP_STEPS,
  PROP_STATE,
  N_PROPS
};

enum {
  STEP_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void queue_schedule (CwProvisioner *self);

/* ---- names ---- */

/* Security group names must be unique in the VPC; the link id makes them so. */
char *
cw_link_security_group_name (const char *link_id)
{
  return g_strconcat ("causeway-", link_id, NULL);
}

/* The same token makes AWS answer a repeated create of the endpoint service with the
 * service it already made. */
char *
cw_link_client_token (const char *link_id)
{
  return g_strconcat ("causeway-", link_id, NULL);
}

/* The load balancer's own group lets out only the database port, to the database's
 * group; without one, to the database's address alone. One permission, as
 * Authorize/RevokeSecurityGroupEgress take it. */
GPtrArray *
cw_link_egress_permissions (guint       port,
                            const char *database_group,
                            const char *database_ip)
{
  GPtrArray *permissions = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_ip_permission_unref);
  g_autofree char *host = database_group == NULL ? g_strdup_printf ("%s/32", database_ip) : NULL;

  g_ptr_array_add (permissions, cw_ec2_ip_permission_new_tcp (port, database_group, host, CW_LINK_RULE_DESCRIPTION));
  return permissions;
}

/* ---- the pace of waits ---- */

/* Polls start sparse and become dense from the time by which the resource is usually
 * ready (an NLB: two to three minutes; TiDB Cloud's endpoint: about half a minute), so
 * few requests are spent while nothing can have changed and little time is lost once it
 * may have. All at the clouds' time scale. */
typedef struct {
  guint first_ms;         /* the first pauses… */
  guint later_ms;         /* …grow to this */
  guint dense_after_ms;   /* from this far into the wait… */
  guint dense_ms;         /* …it looks this often */
  guint limit_ms;         /* and gives up after this long */
} WaitPace;

#define HEALTHY_AFTER_MS (CW_LINK_HEALTH_INTERVAL_S * CW_LINK_HEALTHY_THRESHOLD * 1000)

static const WaitPace wait_paces[] = {
  [CW_WAIT_LOAD_BALANCER]    = { 15000, 15000, 90000, 3000, 20 * 60000 },
  [CW_WAIT_ENDPOINT_SERVICE] = { 2000, 5000, 10000, 2000, 10 * 60000 },
  [CW_WAIT_PRIVATE_LINK]     = { 5000, 10000, 20000, 2000, 30 * 60000 },
  /* A new target is healthy after its first checks pass, no sooner: looked at again
   * then, and often after. */
  [CW_WAIT_TARGET_HEALTH]    = { HEALTHY_AFTER_MS, HEALTHY_AFTER_MS, HEALTHY_AFTER_MS, 2000, 10 * 60000 },
  [CW_WAIT_DEPENDENCY]       = { 5000, 15000, 60000, 10000, 15 * 60000 },
};

static guint
wait_interval_ms (CwWait wait,
                  guint  polls,
                  guint  elapsed_ms)
{
  const WaitPace *pace = &wait_paces[wait];
  guint sparse = pace->first_ms + (pace->later_ms - pace->first_ms) * MIN (polls, 4) / 4;

  if (elapsed_ms >= pace->dense_after_ms)
    return pace->dense_ms;
  return MAX (pace->dense_ms, MIN (sparse, pace->dense_after_ms - elapsed_ms));
}

/* ---- errors worth another try ---- */

static gboolean
error_is_transient (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
      error->domain == SOUP_SESSION_ERROR)
    return TRUE;
  if (error->domain == CW_AWS_ERROR)
    return error->code == CW_AWS_ERROR_THROTTLED || error->code == CW_AWS_ERROR_SERVER ||
           error->code == CW_AWS_ERROR_INVALID_RESPONSE || error->code == CW_AWS_ERROR_NOT_FOUND;
  if (error->domain == CW_TIDB_ERROR)
    return error->code == CW_TIDB_ERROR_THROTTLED || error->code == CW_TIDB_ERROR_SERVER ||
           error->code == CW_TIDB_ERROR_INVALID_RESPONSE;
  return FALSE;
}

/* ---- journal ---- */

static void
journal_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CwProvisioner) self = user_data;
  g_autoptr(GError) error = NULL;

  if (cw_journal_save_finish (CW_JOURNAL (source), result, &error))
    return;
  /* Without its journal a run could not be resumed or rolled back safely: stop. */
  g_warning ("%s", error->message);
  if (self->error == NULL)
    self->error = g_steal_pointer (&error);
  queue_schedule (self);
}

/* Off the main loop: a step never waits for the disk, but for what must be on it
 * before a cloud call (cw_step_run_attempt). */
static void
save_journal (CwProvisioner *self)
{
  cw_journal_save_async (self->journal, NULL, journal_saved, g_object_ref (self));
}

/* ---- step runs ---- */

static void
step_run_free (CwStepRun *run)
{
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  g_clear_object (&run->step);
  g_clear_object (&run->journal);
  g_clear_object (&run->aws);
  g_clear_object (&run->tidb);
  g_clear_object (&run->cancellable);
  g_free (run);
}

/* State and message change together: whoever follows ::step-changed sees them both. */
static void
set_step (CwStep      *step,
          CwStepState  state,
          const char  *message)
{
  g_object_freeze_notify (G_OBJECT (step));
  cw_step_set_message (step, message);
  cw_step_set_state (step, state);
  g_object_thaw_notify (G_OBJECT (step));
}

static void
end_run (CwStepRun   *run,
         CwStepState  state,
         const char  *message)
{
  CwProvisioner *self = run->provisioner;
  CwStep *step = run->step;

  g_clear_handle_id (&run->timeout_id, g_source_remove);
  run->wait_started = 0;
  set_step (step, state, message);
  if (!self->deleting)
    cw_journal_record_step (self->journal, step);
  save_journal (self);
  g_hash_table_remove (self->runs, step);
  queue_schedule (self);
}

void
cw_step_run_progress (CwStepRun  *run,
                      const char *message)
{
  set_step (run->step, CW_STEP_RUNNING, message);
}

void
cw_step_run_succeed (CwStepRun  *run,
                     const char *message)
{
  end_run (run, CW_STEP_DONE, message);
}

void
cw_step_run_skip (CwStepRun  *run,
                  const char *message)
{
  end_run (run, CW_STEP_SKIPPED, message);
}

static CwStepFunc
run_function (CwStepRun *run)
{
  return run->deleting ? run->kind->delete : run->kind->create;
}

/* What the step does, to do again after a wait. */
CwStepFunc
cw_step_run_get_function (CwStepRun *run)
{
  return run_function (run);
}

static void call_later (CwStepRun  *run,
                        guint       delay_ms,
                        CwStepFunc  func);

void
cw_step_run_fail (CwStepRun *run,
                  GError    *error)
{
  CwProvisioner *self = run->provisioner;
  /* The error is this function's to free, on every path. */
  G_GNUC_UNUSED g_autoptr(GError) owned = error;
  guint attempt = cw_step_get_attempt (run->step);

  if (g_cancellable_is_cancelled (run->cancellable) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->error == NULL)
        g_set_error_literal (&self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
      end_run (run, CW_STEP_CANCELLED, _("Cancelled."));
      return;
    }
  if (error_is_transient (error) && attempt < STEP_MAX_ATTEMPTS)
    {
      g_autofree char *message = g_strdup_printf (_("Trying again: %s"), error->message);
      guint delay_ms = cw_backoff_full_jitter_ms (attempt, cw_clouds_scale_ms (self->clouds, STEP_RETRY_BASE_MS),
                                                  cw_clouds_scale_ms (self->clouds, STEP_RETRY_CAP_MS));

      g_debug ("%s: attempt %u failed: %s", cw_step_get_id (run->step), attempt, error->message);
      cw_step_set_attempt (run->step, attempt + 1);
      cw_step_run_progress (run, message);
      run->wait_started = 0;
      call_later (run, delay_ms, run_function (run));
      return;
    }
  if (self->error == NULL)
    self->error = g_error_copy (error);
  end_run (run, CW_STEP_FAILED, error->message);
}

typedef struct {
  CwStepRun  *run;
  CwStepFunc  func;
} Later;

static gboolean
later_fired (gpointer user_data)
{
  Later *later = user_data;
  CwStepRun *run = later->run;

  run->timeout_id = 0;
  if (g_cancellable_is_cancelled (run->cancellable))
    cw_step_run_fail (run, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled.")));
  else
    later->func (run);
  return G_SOURCE_REMOVE;
}

/* Calls @func after @delay_ms, or fails the run at once when the operation is cancelled
 * meanwhile: the cancellable's source is a child of the timeout, so either wakes it. */
static void
call_later (CwStepRun  *run,
            guint       delay_ms,
            CwStepFunc  func)
{
  g_autoptr(GSource) timeout = g_timeout_source_new (delay_ms);
  g_autoptr(GSource) cancelled = g_cancellable_source_new (run->cancellable);
  Later *later = g_new (Later, 1);

  later->run = run;
  later->func = func;
  g_source_set_dummy_callback (cancelled);
  g_source_add_child_source (timeout, cancelled);
  g_source_set_callback (timeout, later_fired, later, g_free);
  run->timeout_id = g_source_attach (timeout, NULL);
}

void
cw_step_run_wait (CwStepRun  *run,
                  CwWait      wait,
                  const char *what,
                  CwStepFunc  look_again)
{
  CwProvisioner *self = run->provisioner;
  gint64 now = g_get_monotonic_time ();
  guint elapsed_s;
  guint elapsed_ms;
  g_autofree char *message = NULL;

  /* Another subject is another wait. */
  if (run->wait_started == 0 || g_strcmp0 (g_object_get_data (G_OBJECT (run->step), "cw-waiting-for"), what) != 0)
    {
      run->wait_started = now;
      run->polls = 0;
      g_object_set_data_full (G_OBJECT (run->step), "cw-waiting-for", g_strdup (what), g_free);
    }
  if ((now - run->wait_started) / 1000 > cw_clouds_scale_ms (self->clouds, wait_paces[wait].limit_ms))
    {
      cw_step_run_fail (run, g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_TIMED_OUT,
                                          _("Gave up after waiting too long: %s"), what));
      return;
    }
  elapsed_s = (guint) ((now - run->wait_started) / G_USEC_PER_SEC);
  message = elapsed_s > 0 ? g_strdup_printf (_("%s (%u s)"), what, elapsed_s) : g_strdup (what);
  set_step (run->step, CW_STEP_WAITING, message);
  self->polls++;
  elapsed_ms = (guint) ((now - run->wait_started) / 1000 / cw_clouds_get_time_scale (self->clouds));
  call_later (run, cw_clouds_scale_ms (self->clouds, wait_interval_ms (wait, run->polls++, elapsed_ms)), look_again);
}

void
cw_step_run_record (CwStepRun  *run,
                    const char *key,
                    const char *value)
{
  cw_journal_set_resource (run->journal, key, value);
  save_journal (run->provisioner);
}

void
cw_step_run_set_creation (CwStepRun  *run,
                          CwCreation  creation)
{
  cw_journal_set_creation (run->journal, run->kind->id, creation);
  save_journal (run->provisioner);
}

typedef struct {
  CwStepRun  *run;
  CwStepFunc  send;
} Attempt;

static void
attempt_recorded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree Attempt *attempt = user_data;
  GError *error = NULL;

  if (!cw_journal_save_finish (CW_JOURNAL (source), result, &error))
    cw_step_run_fail (attempt->run, error);
  else
    attempt->send (attempt->run);
}

/* Notes in the journal that the step is about to create, and calls @send once that is
 * on the disk: whatever a crash interrupts afterwards, a later run looks for. */
void
cw_step_run_attempt (CwStepRun  *run,
                     CwStepFunc  send)
{
  Attempt *attempt = g_new (Attempt, 1);

  attempt->run = run;
  attempt->send = send;
  cw_journal_set_creation (run->journal, run->kind->id, CW_CREATION_ATTEMPTED);
  cw_journal_save_async (run->journal, NULL, attempt_recorded, attempt);
}

static void
start_step (CwProvisioner    *self,
            CwStep           *step,
            const CwStepKind *kind)
{
  CwStepRun *run = g_new0 (CwStepRun, 1);
  const char *region = cw_journal_get_spec (self->journal, CW_SPEC_REGION);

  run->provisioner = self;
  run->kind = kind;
  run->step = g_object_ref (step);
  run->journal = g_object_ref (self->journal);
  run->aws = region ? g_object_ref (cw_clouds_get_aws (self->clouds, region)) : NULL;
  run->tidb = cw_clouds_get_tidb (self->clouds) ? g_object_ref (cw_clouds_get_tidb (self->clouds)) : NULL;
  run->cancellable = g_object_ref (g_task_get_cancellable (self->task));
  run->deleting = self->deleting;
  g_hash_table_insert (self->runs, step, run);
  cw_step_set_attempt (step, 1);
  cw_step_run_progress (run, NULL);
  if (!self->deleting)
    {
      cw_journal_record_step (self->journal, step);
      save_journal (self);
    }
  run_function (run) (run);
}

/* ---- the graph ---- */

static guint
n_steps (CwProvisioner *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->steps));
}

static CwStep *
peek_step (CwProvisioner *self,
           guint          index)
{
  g_autoptr(CwStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), index);

  return step;  /* the store keeps it */
}

static CwStep *
find_step (CwProvisioner *self,
           const char    *id)
{
  for (guint i = 0; i < n_steps (self); i++)
    if (g_str_equal (cw_step_get_id (peek_step (self, i)), id))
      return peek_step (self, i);
  return NULL;
}

static gboolean
step_succeeded (CwStep *step)
{
  return step != NULL && (cw_step_get_state (step) == CW_STEP_DONE || cw_step_get_state (step) == CW_STEP_SKIPPED);
}

static gboolean
dependencies_met (CwProvisioner    *self,
                  const CwStepKind *kind)
{
  for (guint d = 0; kind->depends[d] != NULL; d++)
    if (!step_succeeded (find_step (self, kind->depends[d])))
      return FALSE;
  return TRUE;
}

static void
set_state (CwProvisioner      *self,
           CwProvisionerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
complete (CwProvisioner *self,
          GTask         *task,
          GError        *error)
{
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (error != NULL)
    {
      set_state (self, cancelled ? CW_PROVISIONER_CANCELLED : CW_PROVISIONER_FAILED);
      g_task_return_error (task, error);
      return;
    }
  set_state (self, self->deleting ? CW_PROVISIONER_DELETED : CW_PROVISIONER_CREATED);
  g_task_return_boolean (task, TRUE);
}

static void
final_journal_saved (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwProvisioner *self = g_task_get_source_object (task);
  GError *error = g_object_steal_data (G_OBJECT (task), "cw-error");
  g_autoptr(GError) save_error = NULL;

  if (!cw_journal_save_finish (CW_JOURNAL (source), result, &save_error) && error == NULL)
    error = g_steal_pointer (&save_error);
  complete (self, task, error);
}

/* The journal says how the operation ended before the caller hears it. */
static void
finish (CwProvisioner *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  GError *error = g_steal_pointer (&self->error);

  cw_journal_set_error (self->journal, error ? error->message : NULL);
  if (error != NULL && !self->deleting)
    cw_journal_set_state (self->journal, CW_JOURNAL_FAILED);
  else if (error == NULL)
    cw_journal_set_state (self->journal, self->deleting ? CW_JOURNAL_DELETED : CW_JOURNAL_CREATED);
  if (error == NULL && self->deleting)
    {
      /* Gone with what it recorded. */
      cw_journal_remove (self->journal, &error);
      complete (self, task, error);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "cw-error", error, (GDestroyNotify) g_error_free);
  cw_journal_save_async (self->journal, NULL, final_journal_saved, g_steal_pointer (&task));
}

/* Starts what can start; finishes once nothing runs and nothing more can. Teardown runs
 * one step at a time, in its order. */
static gboolean
schedule (gpointer user_data)
{
  CwProvisioner *self = user_data;
  gboolean all_finished = TRUE;

  self->schedule_id = 0;
  if (self->task == NULL)
    return G_SOURCE_REMOVE;
  if (self->error == NULL && g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    g_set_error_literal (&self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
  for (guint i = 0; i < n_steps (self) && self->error == NULL; i++)
    {
      CwStep *step = peek_step (self, i);
      const CwStepKind *kind = g_ptr_array_index (self->kinds, i);

      if (cw_step_is_finished (step))
        continue;
      all_finished = FALSE;
      if (cw_step_get_state (step) != CW_STEP_PENDING)
        {
          if (self->deleting)
            break;
          continue;
        }
      if (self->deleting)
        {
          start_step (self, step, kind);
          break;
        }
      if (dependencies_met (self, kind))
        start_step (self, step, kind);
    }
  if (g_hash_table_size (self->runs) == 0 && (self->error != NULL || all_finished) && self->schedule_id == 0)
    finish (self);
  return G_SOURCE_REMOVE;
}

static void
queue_schedule (CwProvisioner *self)
{
  if (self->schedule_id == 0)
    self->schedule_id = g_idle_add (schedule, self);
}

/* ---- GObject ---- */

static void
cw_provisioner_dispose (GObject *object)
{
  CwProvisioner *self = CW_PROVISIONER (object);

  g_clear_handle_id (&self->schedule_id, g_source_remove);
  g_hash_table_remove_all (self->runs);
  G_OBJECT_CLASS (cw_provisioner_parent_class)->dispose (object);
}

static void
cw_provisioner_finalize (GObject *object)
{
  CwProvisioner *self = CW_PROVISIONER (object);

  g_clear_object (&self->clouds);
  g_clear_object (&self->journal);
  g_clear_object (&self->steps);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->runs, g_hash_table_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (cw_provisioner_parent_class)->finalize (object);
}

static void
cw_provisioner_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CwProvisioner *self = CW_PROVISIONER (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    case PROP_STEPS:
      g_value_set_object (value, self->steps);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_provisioner_class_init (CwProvisionerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_provisioner_dispose;
  object_class->finalize = cw_provisioner_finalize;
  object_class->get_property = cw_provisioner_get_property;

  properties[PROP_JOURNAL] = g_param_spec_object ("journal", NULL, NULL, CW_TYPE_JOURNAL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEPS] = g_param_spec_object ("steps", NULL, NULL, G_TYPE_LIST_MODEL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, CW_TYPE_PROVISIONER_STATE, CW_PROVISIONER_IDLE,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Any change of a step's state, message or attempt. */
  signals[STEP_CHANGED] = g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, CW_TYPE_STEP);
}

static void
cw_provisioner_init (CwProvisioner *self)
{
  self->steps = g_list_store_new (CW_TYPE_STEP);
  self->kinds = g_ptr_array_new ();
  self->runs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) step_run_free);
}

CwProvisioner *
cw_provisioner_new (CwClouds  *clouds,
                    CwJournal *journal)
{
  CwProvisioner *self = g_object_new (CW_TYPE_PROVISIONER, NULL);

  self->clouds = g_object_ref (clouds);
  self->journal = g_object_ref (journal);
  return self;
}

CwJournal *
cw_provisioner_get_journal (CwProvisioner *self)
{
  g_return_val_if_fail (CW_IS_PROVISIONER (self), NULL);
  return self->journal;
}

/* The steps of the current (or last) operation: the create graph, or the teardown. */
GListModel *
cw_provisioner_get_steps (CwProvisioner *self)
{
  g_return_val_if_fail (CW_IS_PROVISIONER (self), NULL);
  return G_LIST_MODEL (self->steps);
}

/* How many times the waits of the operations so far looked again: the requests spent
 * polling, for the benchmark. */
guint
cw_provisioner_get_poll_count (CwProvisioner *self)
{
  g_return_val_if_fail (CW_IS_PROVISIONER (self), 0);
  return self->polls;
}

CwProvisionerState
cw_provisioner_get_state (CwProvisioner *self)
{
  g_return_val_if_fail (CW_IS_PROVISIONER (self), CW_PROVISIONER_IDLE);
  return self->state;
}

static void
on_step_notify (CwProvisioner *self,
                GParamSpec    *pspec,
                CwStep        *step)
{
  g_signal_emit (self, signals[STEP_CHANGED], 0, step);
}

static void
add_step (CwProvisioner    *self,
          const CwStepKind *kind,
          const char       *title)
{
  g_autoptr(CwStep) step = cw_step_new (kind->id, _(title));

  g_signal_connect_object (step, "notify", G_CALLBACK (on_step_notify), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->kinds, (gpointer) kind);
  g_list_store_append (self->steps, step);
}

static void
begin (CwProvisioner       *self,
       gboolean             deleting,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data,
       gpointer             source_tag)
{
  g_autoptr(GCancellable) own_cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();

  self->task = g_task_new (self, own_cancellable, callback, user_data);
  g_task_set_source_tag (self->task, source_tag);
  self->deleting = deleting;
  g_clear_error (&self->error);
  g_list_store_remove_all (self->steps);
  g_ptr_array_set_size (self->kinds, 0);
}

static void
started (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CwProvisioner) self = user_data;

  if (!cw_journal_save_finish (CW_JOURNAL (source), result, &self->error))
    g_warning ("%s", self->error->message);
  queue_schedule (self);
}

/* The journal is on the disk before the first step starts: a run the process did not
 * live to finish is always found again. */
static void
start (CwProvisioner      *self,
       CwProvisionerState  state)
{
  cw_journal_set_error (self->journal, NULL);
  set_state (self, state);
  cw_journal_save_async (self->journal, NULL, started, g_object_ref (self));
}

static gboolean
refuse_if_busy (CwProvisioner       *self,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  if (self->task == NULL)
    return FALSE;
  g_task_report_new_error (self, callback, user_data, NULL, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("The link is already being created or deleted."));
  return TRUE;
}

/* Steps an earlier run finished stay finished: their results are in the journal. */
static void
restore_finished_steps (CwProvisioner *self)
{
  for (guint i = 0; i < n_steps (self); i++)
    {
      CwStep *step = peek_step (self, i);
      CwStepState state = cw_journal_get_step_state (self->journal, cw_step_get_id (step));

      if (state == CW_STEP_DONE || state == CW_STEP_SKIPPED)
        {
          cw_step_set_message (step, _("Done by an earlier run."));
          cw_step_set_state (step, state);
        }
    }
}

/* Creates the link, or resumes an earlier run of the same journal. */
void
cw_provisioner_create_async (CwProvisioner       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  const CwStepKind *kinds;
  guint n;

  g_return_if_fail (CW_IS_PROVISIONER (self));
  if (refuse_if_busy (self, callback, user_data))
    return;
  begin (self, FALSE, cancellable, callback, user_data, cw_provisioner_create_async);
  kinds = cw_link_step_kinds (self->journal, &n);
  for (guint i = 0; i < n; i++)
    add_step (self, &kinds[i], kinds[i].title);
  restore_finished_steps (self);
  cw_journal_set_state (self->journal, CW_JOURNAL_CREATING);
  start (self, CW_PROVISIONER_CREATING);
}

gboolean
cw_provisioner_create_finish (CwProvisioner  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static const CwStepKind *
kind_by_id (CwJournal  *journal,
            const char *id)
{
  guint n;
  const CwStepKind *kinds = cw_link_step_kinds (journal, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (kinds[i].id, id))
      return &kinds[i];
  g_return_val_if_reached (NULL);
}

/* Rolls back a failed run, or tears down a link: deletes what the link's runs created,
 * found through the journal and the link's tags, in the teardown order of DESIGN.md §4.2.
 * Nothing else is touched. */
void
cw_provisioner_delete_async (CwProvisioner       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  const char * const *order = NULL;

  g_return_if_fail (CW_IS_PROVISIONER (self));
  order = cw_link_teardown_order (self->journal);
  if (refuse_if_busy (self, callback, user_data))
    return;
  begin (self, TRUE, cancellable, callback, user_data, cw_provisioner_delete_async);
  for (guint i = 0; order[i] != NULL; i++)
    {
      const CwStepKind *kind = kind_by_id (self->journal, order[i]);

      add_step (self, kind, kind->delete_title);
    }
  cw_journal_set_state (self->journal, CW_JOURNAL_DELETING);
  start (self, CW_PROVISIONER_DELETING);
}

gboolean
cw_provisioner_delete_finish (CwProvisioner  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
