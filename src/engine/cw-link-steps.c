/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-steps.c: the frameworks the steps of a link share (see cw-link-steps-private.h) */
#define G_LOG_DOMAIN "cw-link-steps"

#include "config.h"

#include "cw-link-steps-private.h"

/* ---- deleting what is the link's own ---- */


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
void
cw_steps_delete_own (CwStepRun      *run,
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
void
cw_steps_sequence_item_done (Sequence *sequence,
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
void
cw_steps_sequence_aws_done (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GError *error = NULL;

  if (!cw_aws_client_call_finish_boolean (CW_AWS_CLIENT (source), result, &error) &&
      is_aws_error (error, CW_AWS_ERROR_NOT_FOUND))
    g_clear_error (&error);
  cw_steps_sequence_item_done (user_data, error);
}

void
cw_steps_for_each (CwStepRun  *run,
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


Find *
cw_steps_find_new (CwStepRun  *run,
                   FoundFunc   found,
                   const char *name)
{
  Find *find = g_new0 (Find, 1);

  find->run = run;
  find->found = found;
  find->name = name;
  return find;
}

void
cw_steps_find_free (Find *find)
{
  g_free (find->arn);
  g_free (find);
}
