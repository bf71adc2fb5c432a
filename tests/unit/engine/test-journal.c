/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the journal (DESIGN.md §4.2): what a run records survives a restart,
 * the file is replaced whole and private, a damaged one is refused, and the run to
 * resume is found by cluster and database. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cw-engine-error.h"
#include "cw-journal.h"

static char *state_dir;

static CwJournal *
sample_journal (const char *database_id)
{
  g_autofree char *link_id = g_uuid_string_random ();
  CwJournal *journal = cw_journal_new (link_id);

  cw_journal_set_spec (journal, CW_SPEC_CLUSTER_ID, "10001");
  cw_journal_set_spec (journal, CW_SPEC_DATABASE_ID, database_id);
  cw_journal_set_spec (journal, CW_SPEC_REGION, "us-east-1");
  cw_journal_set_spec_uint (journal, CW_SPEC_DATABASE_PORT, 3306);
  return journal;
}

static void
test_round_trip (void)
{
  g_autoptr(CwJournal) journal = sample_journal ("orders-db");
  g_autoptr(CwJournal) loaded = NULL;
  g_autoptr(CwStep) step = cw_step_new ("tg", "Target group");
  g_autoptr(GError) error = NULL;

  cw_step_set_state (step, CW_STEP_DONE);
  cw_step_set_message (step, "made");
  cw_step_set_attempt (step, 2);
  cw_journal_record_step (journal, step);
  cw_journal_set_resource (journal, CW_RES_TARGET_GROUP_ARN, "arn:aws:elasticloadbalancing:tg/1");
  cw_journal_set_creation (journal, "tg", CW_CREATION_DONE);
  cw_journal_set_creation (journal, "nlb", CW_CREATION_ATTEMPTED);
  cw_journal_set_state (journal, CW_JOURNAL_FAILED);
  cw_journal_set_error (journal, "AWS said no");
  g_assert_true (cw_journal_save (journal, &error));
  g_assert_no_error (error);

  loaded = cw_journal_load_for_link (cw_journal_get_link_id (journal), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_journal_get_link_id (loaded), ==, cw_journal_get_link_id (journal));
  g_assert_cmpint (cw_journal_get_state (loaded), ==, CW_JOURNAL_FAILED);
  g_assert_cmpstr (cw_journal_get_error (loaded), ==, "AWS said no");
  g_assert_cmpstr (cw_journal_get_spec (loaded, CW_SPEC_DATABASE_ID), ==, "orders-db");
  g_assert_cmpuint (cw_journal_get_spec_uint (loaded, CW_SPEC_DATABASE_PORT), ==, 3306);
  g_assert_cmpint (cw_journal_get_step_state (loaded, "tg"), ==, CW_STEP_DONE);
  g_assert_cmpint (cw_journal_get_step_state (loaded, "nlb"), ==, CW_STEP_PENDING);
  g_assert_cmpstr (cw_journal_get_resource (loaded, CW_RES_TARGET_GROUP_ARN), ==, "arn:aws:elasticloadbalancing:tg/1");
  g_assert_cmpint (cw_journal_get_creation (loaded, "tg"), ==, CW_CREATION_DONE);
  g_assert_cmpint (cw_journal_get_creation (loaded, "nlb"), ==, CW_CREATION_ATTEMPTED);
  g_assert_cmpint (cw_journal_get_creation (loaded, "listener"), ==, CW_CREATION_NONE);
  g_assert_true (cw_journal_remove (loaded, &error));
  g_assert_false (g_file_test (cw_journal_get_path (journal), G_FILE_TEST_EXISTS));
}

/* Only the owner reads it, and a save leaves no temporary file behind. */
static void
test_private_and_whole (void)
{
  g_autoptr(CwJournal) journal = sample_journal ("billing-db");
  g_autofree char *directory = cw_journal_dup_directory ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  struct stat info;
  const char *name;
  guint files = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *value = g_strdup_printf ("sg-%u", i);

      cw_journal_set_resource (journal, CW_RES_NLB_SECURITY_GROUP_ID, value);
      g_assert_true (cw_journal_save (journal, &error));
    }
  g_assert_cmpint (g_stat (cw_journal_get_path (journal), &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (directory, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0077, ==, 0);
  dir = g_dir_open (directory, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_has_suffix (name, ".json"));
      files++;
    }
  g_assert_cmpuint (files, ==, 1);
  cw_journal_remove (journal, NULL);
}

static void
test_damaged_is_refused (void)
{
  g_autofree char *directory = cw_journal_dup_directory ();
  g_autofree char *link_id = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (link_id, ".json", NULL);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(CwJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"version\": 1, \"linkId\": \"../../etc\", \"state\": \"created\"}", -1, NULL));
  journal = cw_journal_load (path, &error);
  g_assert_null (journal);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (cw_journal_load_for_link ("../../etc/passwd", &error));
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND);
  g_unlink (path);
}

static void
test_find_resumable (void)
{
  g_autoptr(CwJournal) done = sample_journal ("orders-db");
  g_autoptr(CwJournal) failed = sample_journal ("orders-db");
  g_autoptr(CwJournal) other = sample_journal ("billing-db");
  g_autoptr(CwJournal) found = NULL;
  g_autoptr(GError) error = NULL;

  cw_journal_set_state (done, CW_JOURNAL_CREATED);
  cw_journal_set_state (failed, CW_JOURNAL_FAILED);
  g_assert_true (cw_journal_save (done, NULL));
  g_assert_true (cw_journal_save (failed, NULL));
  g_assert_true (cw_journal_save (other, NULL));
  found = cw_journal_find_resumable ("10001", "orders-db", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (cw_journal_get_link_id (found), ==, cw_journal_get_link_id (failed));
  g_clear_object (&found);
  found = cw_journal_find_resumable ("10002", "orders-db", &error);
  g_assert_null (found);
  cw_journal_remove (done, NULL);
  cw_journal_remove (failed, NULL);
  cw_journal_remove (other, NULL);
}

static void
remove_state_dir (void)
{
  g_autofree char *command = g_strdup_printf ("rm -rf %s", state_dir);

  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  g_free (state_dir);
}

int
main (int argc, char **argv)
{
  int status;

  state_dir = g_dir_make_tmp ("cw-journal-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/journal/round-trip", test_round_trip);
  g_test_add_func ("/engine/journal/private-and-whole", test_private_and_whole);
  g_test_add_func ("/engine/journal/damaged-is-refused", test_damaged_is_refused);
  g_test_add_func ("/engine/journal/find-resumable", test_find_resumable);
  status = g_test_run ();
  remove_state_dir ();
  return status;
}
