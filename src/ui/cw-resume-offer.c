/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-resume-offer.c
 *
 * A run killed or closed half-way leaves its journal in the creating or failed state. The
 * next start finds it (reading the journals in a worker thread) and asks: resume it, roll
 * it back, or leave it for later. Either way the credentials it was made with are looked
 * up by their labels and verified again before anything is touched.
 */
#define G_LOG_DOMAIN "cw-resume-offer"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-journal.h"
#include "cw-resume-offer.h"

typedef struct {
  CwWindow      *window;
  CwLinkSession *session;
  CwJournal     *journal;
  gboolean       roll_back;
} Offer;

static void
offer_free (Offer *offer)
{
  g_clear_object (&offer->window);
  g_clear_object (&offer->session);
  g_clear_object (&offer->journal);
  g_free (offer);
}

static void
tell (Offer      *offer,
      const char *heading,
      const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (offer->window), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
accounts_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Offer *offer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAccountCheck) check = cw_account_check_run_finish (result, &error);
  g_autoptr(CwProvisioner) provisioner = NULL;

  if (check == NULL)
    {
      tell (offer, _("The Accounts of the Unfinished Link Were Refused"), error->message);
      offer_free (offer);
      return;
    }
  provisioner = cw_provisioner_new (cw_account_check_get_clouds (check), offer->journal);
  cw_review_step_continue_run (cw_window_get_review_step (offer->window), provisioner,
                               cw_account_check_get_clouds (check), offer->roll_back);
  offer_free (offer);
}

static void
store_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Offer *offer = user_data;
  CwCredentialStore *store = CW_CREDENTIAL_STORE (source);
  const char *aws_label = cw_journal_get_spec (offer->journal, CW_SPEC_AWS_ACCOUNT);
  const char *tidb_label = cw_journal_get_spec (offer->journal, CW_SPEC_TIDB_ACCOUNT);
  CwCredential *aws = cw_credential_store_find (store, CW_CREDENTIAL_AWS, aws_label);
  CwCredential *tidb = cw_credential_store_find (store, CW_CREDENTIAL_TIDBCLOUD, tidb_label);
  g_autofree char *message = NULL;

  cw_credential_store_load_finish (store, result, NULL);
  if (aws == NULL || tidb == NULL)
    {
      message = g_strdup_printf (_("It was made with the AWS credential “%s” and the TiDB Cloud API key “%s”. "
                                   "Add them again in Accounts, then restart Causeway to finish it."),
                                 aws_label ? aws_label : "", tidb_label ? tidb_label : "");
      tell (offer, _("The Accounts of the Unfinished Link Are Gone"), message);
      offer_free (offer);
      return;
    }
  cw_account_check_run_async (store, aws, tidb, cw_link_session_get_mfa_prompter (offer->session),
                              cw_link_session_get_time_scale (offer->session),
                              NULL, accounts_checked, offer);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Offer            *offer)
{
  if (g_strcmp0 (response, "resume") != 0 && g_strcmp0 (response, "roll-back") != 0)
    {
      offer_free (offer);
      return;
    }
  offer->roll_back = g_str_equal (response, "roll-back");
  cw_credential_store_load_async (cw_link_session_get_store (offer->session), NULL, store_loaded, offer);
}

static void
ask (Offer *offer)
{
  const char *name = cw_journal_get_spec (offer->journal, CW_SPEC_DISPLAY_NAME);
  const char *error = cw_journal_get_error (offer->journal);
  g_autofree char *body = NULL;

  if (error != NULL)
    body = g_strdup_printf (_("Creating the link “%s” failed: %s\nResume it to finish it, or roll it back to delete "
                              "what it created."), name ? name : "", error);
  else
    body = g_strdup_printf (_("Creating the link “%s” stopped before it was done. Resume it to finish it, or roll "
                              "it back to delete what it created."), name ? name : "");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (offer->window), _("Finish the Unfinished Link?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Later"),
                                    "roll-back", _("Roll _Back"),
                                    "resume", _("_Resume"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "roll-back", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resume", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "resume");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), offer);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
unfinished (CwJournal *journal)
{
  CwJournalState state = cw_journal_get_state (journal);

  return state == CW_JOURNAL_CREATING || state == CW_JOURNAL_FAILED;
}

static void
find_unfinished (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GPtrArray) journals = cw_journal_list (NULL);

  for (guint i = 0; journals && i < journals->len; i++)
    if (unfinished (g_ptr_array_index (journals, i)))
      {
        g_task_return_pointer (task, g_object_ref (g_ptr_array_index (journals, i)), g_object_unref);
        return;
      }
  g_task_return_pointer (task, NULL, NULL);
}

static void
found (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  Offer *offer = user_data;

  offer->journal = g_task_propagate_pointer (G_TASK (result), NULL);
  if (offer->journal == NULL)
    {
      offer_free (offer);
      return;
    }
  ask (offer);
}

void
cw_resume_offer_check (CwWindow      *window,
                       CwLinkSession *session)
{
  Offer *offer = g_new0 (Offer, 1);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, found, offer);

  offer->window = g_object_ref (window);
  offer->session = g_object_ref (session);
  g_task_run_in_thread (task, find_unfinished);
}
