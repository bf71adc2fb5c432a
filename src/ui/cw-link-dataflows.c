/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-dataflows.c: what goes through a link, and using it (see cw-link-dataflows.h)
 *
 * Three things may be under way at once, each with its own cancellable: reading the
 * list, a use of the link (a test, a replicate or a migrate, one at a time: each asks for
 * the same user), and a change to one dataflow. Showing another link cancels all three: their answers would be about
 * the link no longer shown.
 */
#define G_LOG_DOMAIN "cw-link-dataflows"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-check.h"
#include "cw-dataflows.h"
#include "cw-link-dataflows.h"
#include "cw-link-item.h"
#include "cw-secure.h"
#include "cw-sql-login-dialog.h"

/* How often a dataflow still being created, or a migration still copying, is looked at
 * again, in the clouds' time, and at least (a scaled sandbox's time would ask many times
 * a second). */
#define SETTLING_POLL_MS     10000
#define MIN_SETTLING_POLL_MS 1000

/* The uses of a link, each with its row. */
typedef enum {
  USE_TEST,
  USE_REPLICATE,
  USE_MIGRATE,
  N_USES
} Use;

typedef struct {
  AdwActionRow *row;
  GtkImage     *icon;
  GtkWidget    *spinner;
  char         *hint;                      /* the row's subtitle before an answer */
} UseRow;

struct _CwLinkDataflows
{
  AdwPreferencesGroup  parent_instance;

  GtkWidget           *list_spinner;
  UseRow               uses[N_USES];
  GtkListBox          *dataflow_list;
  GtkLabel            *list_label;

  CwClouds            *clouds;
  CwLink              *link;
  char                *link_key;           /* whose dataflows are shown */
  GPtrArray           *dataflows;          /* CwDataflow, as the list shows them */
  GCancellable        *list_cancellable;
  GCancellable        *use_cancellable;    /* of the test or replicate under way */
  GCancellable        *change_cancellable;
  char                *user;               /* the SQL user it signs in as */
  char                *source_user;        /* a migration's database user, while TiDB's is asked */
  char                *source_password;    /* (cw_secure_free) */
  char                *changing;           /* the id of the dataflow being changed */
  guint                poll_source;
};

G_DEFINE_FINAL_TYPE (CwLinkDataflows, cw_link_dataflows, ADW_TYPE_PREFERENCES_GROUP)

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* TiDB Cloud can use the link once it has a private link connection. */
static gboolean
usable (CwLinkDataflows *self)
{
  return self->clouds != NULL && self->link != NULL && cw_link_get (self->link, CW_LINK_PRIVATE_LINK_ID) != NULL;
}

static void
update_actions (CwLinkDataflows *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean idle = self->use_cancellable == NULL;

  gtk_widget_action_set_enabled (widget, "dataflows.test", usable (self) && idle);
  gtk_widget_action_set_enabled (widget, "dataflows.replicate", usable (self) && idle);
  gtk_widget_action_set_enabled (widget, "dataflows.migrate", usable (self) && idle);
  gtk_widget_action_set_enabled (widget, "dataflows.refresh", usable (self));
  gtk_widget_action_set_enabled (widget, "dataflows.pause", usable (self) && self->changing == NULL);
  gtk_widget_action_set_enabled (widget, "dataflows.resume", usable (self) && self->changing == NULL);
  gtk_widget_action_set_enabled (widget, "dataflows.delete", usable (self) && self->changing == NULL);
}

static void
set_spinning (GtkWidget *spinner,
              gboolean   spinning)
{
  gtk_widget_set_visible (spinner, spinning);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), spinning);
}

/* The last answer to a use, as a sentence in place of its row's subtitle: where the
 * person who pressed the button is looking (NULL: none yet). */
static void
show_answer (CwLinkDataflows *self,
             Use              use,
             const char      *sentence,
             gboolean         good)
{
  AdwActionRow *row = self->uses[use].row;
  GtkImage *icon = self->uses[use].icon;
  const char *subtitle = sentence ? sentence : self->uses[use].hint;

  adw_action_row_set_subtitle (row, subtitle);
  /* GTK 4.8 does not give a row's subtitle to the accessibility tree by itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  gtk_widget_set_visible (GTK_WIDGET (icon), sentence != NULL);
  gtk_image_set_from_icon_name (icon, good ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_css_classes (GTK_WIDGET (icon), (const char *[]) { good ? "success" : "error", NULL });
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  good ? _("Done") : _("Failed"), -1);
}

static const char *
database_name (CwLinkDataflows *self)
{
  const char *database = cw_link_get (self->link, CW_LINK_DATABASE_ID);

  return database ? database : _("the database");
}

static const char *
dataflow_name (CwDataflow *dataflow)
{
  const char *name = cw_dataflow_get_display_name (dataflow);

  return name && *name ? name : cw_dataflow_get_id (dataflow);
}

/* ---- the list ---- */

static const char *
kind_label (CwDataflow *dataflow)
{
  return cw_dataflow_get_kind (dataflow) == CW_DATAFLOW_CHANGEFEED ? _("Changefeed") : _("Migration");
}

static char *
describe_lag (CwDataflow *dataflow)
{
  gint64 seconds = cw_dataflow_get_lag_seconds (dataflow);

  /* A stopped dataflow's lag only grows: its state says more. */
  if (seconds < 0 || cw_dataflow_get_paused (dataflow) || cw_dataflow_get_failed (dataflow))
    return NULL;
  if (seconds < 120)
    return g_strdup_printf (_("%d s behind"), (int) seconds);
  if (seconds < 2 * 3600)
    return g_strdup_printf (_("%d min behind"), (int) (seconds / 60));
  return g_strdup_printf (_("%d h behind"), (int) (seconds / 3600));
}

/* "Changefeed · Running · 2 s behind", "Migration · Running · Loading: 60 % (…)" */
static char *
describe_dataflow (CwDataflow *dataflow)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  g_autofree char *state = cw_dataflow_dup_state_label (dataflow);
  g_autofree char *progress = cw_dataflow_dup_progress_label (dataflow);
  g_autofree char *lag = describe_lag (dataflow);

  g_strv_builder_add_many (parts, kind_label (dataflow), state, NULL);
  if (progress != NULL)
    g_strv_builder_add (parts, progress);
  if (lag != NULL)
    g_strv_builder_add (parts, lag);
  words = g_strv_builder_end (parts);
  return g_strjoinv (" · ", words);
}

static GtkWidget *
row_button_new (const char *icon_name,
                const char *tooltip,
                const char *accessible_label,
                const char *action_name,
                const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  return button;
}

static GtkWidget *
dataflow_row_new (CwDataflow *dataflow)
{
  const char *name = dataflow_name (dataflow);
  const char *id = cw_dataflow_get_id (dataflow);
  gboolean paused = cw_dataflow_get_paused (dataflow);
  g_autofree char *subtitle = describe_dataflow (dataflow);
  g_autofree char *toggle_label = g_strdup_printf (paused ? _("Resume %s") : _("Pause %s"), name);
  g_autofree char *delete_label = g_strdup_printf (_("Delete %s"), name);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* GTK 4.8 does not give a row's subtitle to the accessibility tree by itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button_new (paused ? "media-playback-start-symbolic" : "media-playback-pause-symbolic",
                                             paused ? _("Resume") : _("Pause"), toggle_label,
                                             paused ? "dataflows.resume" : "dataflows.pause", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button_new ("user-trash-symbolic", _("Delete…"), delete_label, "dataflows.delete", id));
  return row;
}

static void list_dataflows (CwLinkDataflows *self);

static gboolean
poll_settling (gpointer user_data)
{
  CwLinkDataflows *self = user_data;

  self->poll_source = 0;
  list_dataflows (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (CwLinkDataflows *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->dataflows->len && !any; i++)
    {
      CwDataflow *dataflow = g_ptr_array_index (self->dataflows, i);

      any = cw_dataflow_get_settling (dataflow) || cw_dataflow_get_copying (dataflow);
    }
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (any)
    self->poll_source = g_timeout_add (MAX (MIN_SETTLING_POLL_MS, cw_clouds_scale_ms (self->clouds, SETTLING_POLL_MS)),
                                       poll_settling, self);
}

static void
clear_list (CwLinkDataflows *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->dataflow_list))) != NULL)
    gtk_list_box_remove (self->dataflow_list, row);
  g_ptr_array_set_size (self->dataflows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->dataflow_list), FALSE);
}

static void
show_list_text (CwLinkDataflows *self,
                const char      *text,
                gboolean         error)
{
  gtk_label_set_text (self->list_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->list_label), text != NULL);
  gtk_widget_set_css_classes (GTK_WIDGET (self->list_label), (const char *[]) { error ? "error" : "dim-label", NULL });
}

static void
show_dataflows (CwLinkDataflows *self,
                GPtrArray       *dataflows)
{
  clear_list (self);
  for (guint i = 0; i < dataflows->len; i++)
    {
      CwDataflow *dataflow = g_ptr_array_index (dataflows, i);

      g_ptr_array_add (self->dataflows, g_object_ref (dataflow));
      gtk_list_box_append (self->dataflow_list, dataflow_row_new (dataflow));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->dataflow_list), dataflows->len > 0);
  show_list_text (self, dataflows->len ? NULL : _("No changefeed or migration uses this link yet."), FALSE);
  schedule_poll (self);
}

static void
dataflows_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CwLinkDataflows) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = cw_dataflows_list_finish (result, &error);
  g_autoptr(GPtrArray) through_link = NULL;

  if (is_cancelled (error))
    return;
  g_clear_object (&self->list_cancellable);
  set_spinning (self->list_spinner, FALSE);
  if (all == NULL)
    {
      clear_list (self);
      show_list_text (self, error->message, TRUE);
      return;
    }
  through_link = cw_dataflows_filter_link (all, self->link);
  show_dataflows (self, through_link);
}

/* Reads the dataflows of the link's cluster again; one read at a time, the last asked. */
static void
list_dataflows (CwLinkDataflows *self)
{
  const char *cluster_ids[] = { cw_link_get (self->link, CW_LINK_CLUSTER_ID), NULL };

  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  if (!usable (self) || cluster_ids[0] == NULL)
    return;
  self->list_cancellable = g_cancellable_new ();
  set_spinning (self->list_spinner, TRUE);
  if (self->dataflows->len == 0)
    show_list_text (self, _("Looking for the dataflows that use this link…"), FALSE);
  cw_dataflows_list_async (self->clouds, cluster_ids, NULL, self->list_cancellable, dataflows_listed,
                           g_object_ref (self));
}

/* ---- test, replicate and migrate ---- */

static void
begin_use (CwLinkDataflows *self,
           Use              use,
           const char      *user)
{
  self->use_cancellable = g_cancellable_new ();
  g_free (self->user);
  self->user = g_strdup (user);
  set_spinning (self->uses[use].spinner, TRUE);
  update_actions (self);
}

static void
stop_spinning_uses (CwLinkDataflows *self)
{
  for (guint i = 0; i < N_USES; i++)
    set_spinning (self->uses[i].spinner, FALSE);
}

/* Ends the use under way; FALSE when its answer no longer matters. */
static gboolean
end_use (CwLinkDataflows *self,
         const GError    *error)
{
  if (is_cancelled (error))
    return FALSE;
  g_clear_object (&self->use_cancellable);
  stop_spinning_uses (self);
  update_actions (self);
  return TRUE;
}

static void
forget_source_login (CwLinkDataflows *self)
{
  g_clear_pointer (&self->source_user, g_free);
  g_clear_pointer (&self->source_password, cw_secure_free);
}

static void
tested (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(CwLinkDataflows) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean reached = cw_dataflows_test_finish (result, &error);
  g_autofree char *sentence = NULL;

  if (!end_use (self, error))
    return;
  if (!reached)
    {
      show_answer (self, USE_TEST, error->message, FALSE);
      return;
    }
  sentence = g_strdup_printf (_("TiDB Cloud reached %s through the link as %s."), database_name (self), self->user);
  show_answer (self, USE_TEST, sentence, TRUE);
}

static void
replicated (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CwLinkDataflows) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDataflow) dataflow = cw_dataflows_replicate_finish (result, &error);
  g_autofree char *sentence = NULL;

  if (!end_use (self, error))
    return;
  if (dataflow == NULL)
    {
      show_answer (self, USE_REPLICATE, error->message, FALSE);
      return;
    }
  /* Its state is in the list, which is read again now and while it is being created. */
  sentence = g_strdup_printf (_("Created changefeed %s: it writes the cluster’s changes into %s as %s."),
                              dataflow_name (dataflow), database_name (self), self->user);
  show_answer (self, USE_REPLICATE, sentence, TRUE);
  list_dataflows (self);
}

static void
migrated (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CwLinkDataflows) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDataflow) dataflow = cw_dataflows_migrate_finish (result, &error);
  g_autofree char *sentence = NULL;

  if (!end_use (self, error))
    return;
  if (dataflow == NULL)
    {
      show_answer (self, USE_MIGRATE, error->message, FALSE);
      return;
    }
  sentence = g_strdup_printf (_("Created migration %s: it copies %s into the cluster as %s."),
                              dataflow_name (dataflow), database_name (self), self->user);
  show_answer (self, USE_MIGRATE, sentence, TRUE);
  list_dataflows (self);
}

static void ask_login (CwLinkDataflows   *self,
                       CwSqlLoginPurpose  purpose);

static void
start_migration (CwLinkDataflows  *self,
                 CwSqlLoginDialog *dialog,
                 const CwSqlLogin *tidb_login)
{
  CwSqlLogin database_login = { self->source_user, self->source_password };
  g_auto(GStrv) rules = cw_sql_login_dialog_dup_filter_rules (dialog);

  begin_use (self, USE_MIGRATE, tidb_login->user);
  /* The engine keeps its own copies of both passwords for as long as it needs them. */
  cw_dataflows_migrate_async (self->clouds, self->link, &database_login, tidb_login,
                              cw_sql_login_dialog_get_migration_mode (dialog), (const char * const *) rules,
                              self->use_cancellable, migrated, g_object_ref (self));
  forget_source_login (self);
}

static void
on_login_confirmed (CwSqlLoginDialog *dialog,
                    CwLinkDataflows  *self)
{
  CwSqlLoginPurpose purpose = cw_sql_login_dialog_get_purpose (dialog);
  CwSqlLogin login = { cw_sql_login_dialog_get_user (dialog), cw_sql_login_dialog_get_password (dialog) };
  g_auto(GStrv) rules = NULL;
  g_autoptr(GDateTime) start_time = NULL;

  /* The link changed, or another use began, while the question was asked. */
  if (!usable (self) || self->use_cancellable != NULL)
    return;
  switch (purpose)
    {
    case CW_SQL_LOGIN_FOR_TEST:
      begin_use (self, USE_TEST, login.user);
      cw_dataflows_test_async (self->clouds, self->link, &login, cw_sql_login_dialog_get_tls (dialog),
                               self->use_cancellable, tested, g_object_ref (self));
      break;
    case CW_SQL_LOGIN_FOR_REPLICATE:
      begin_use (self, USE_REPLICATE, login.user);
      rules = cw_sql_login_dialog_dup_filter_rules (dialog);
      start_time = cw_sql_login_dialog_dup_start_time (dialog);
      cw_dataflows_replicate_async (self->clouds, self->link, &login, cw_sql_login_dialog_get_tls (dialog),
                                    (const char * const *) rules, start_time, self->use_cancellable, replicated,
                                    g_object_ref (self));
      break;
    case CW_SQL_LOGIN_FOR_MIGRATE:
      /* Kept only until the cluster's user is asked for, or the question is dropped. */
      forget_source_login (self);
      self->source_user = g_strdup (login.user);
      self->source_password = g_strdup (login.password);
      ask_login (self, CW_SQL_LOGIN_FOR_MIGRATE_INTO_TIDB);
      break;
    case CW_SQL_LOGIN_FOR_MIGRATE_INTO_TIDB:
    default:
      if (self->source_user != NULL)
        start_migration (self, dialog, &login);
      break;
    }
}

static void
ask_login (CwLinkDataflows   *self,
           CwSqlLoginPurpose  purpose)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CwSqlLoginDialog *dialog;

  if (!usable (self) || self->use_cancellable != NULL)
    return;
  dialog = cw_sql_login_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->link, purpose);
  g_signal_connect_object (dialog, "confirmed", G_CALLBACK (on_login_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ask_login (CW_LINK_DATAFLOWS (widget), CW_SQL_LOGIN_FOR_TEST);
}

static void
replicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ask_login (CW_LINK_DATAFLOWS (widget), CW_SQL_LOGIN_FOR_REPLICATE);
}

/* Causeway's own checks come first: a database that cannot be migrated is told so
 * before anyone types a password. */
static void
migration_checked (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CwLinkDataflows) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = cw_dataflows_check_migration_finish (result, &error);

  if (!end_use (self, error))
    return;
  if (checks == NULL)
    {
      show_answer (self, USE_MIGRATE, error->message, FALSE);
      return;
    }
  for (guint i = 0; i < checks->len; i++)
    {
      CwCheck *check = checks->pdata[i];
      g_autofree char *sentence = NULL;

      if (cw_check_get_level (check) != CW_CHECK_ERROR)
        continue;
      sentence = cw_check_dup_sentence (check);
      show_answer (self, USE_MIGRATE, sentence, FALSE);
      return;
    }
  show_answer (self, USE_MIGRATE, NULL, TRUE);
  ask_login (self, CW_SQL_LOGIN_FOR_MIGRATE);
}

static void
migrate_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CwLinkDataflows *self = CW_LINK_DATAFLOWS (widget);

  if (!usable (self) || self->use_cancellable != NULL)
    return;
  begin_use (self, USE_MIGRATE, NULL);
  cw_dataflows_check_migration_async (self->clouds, self->link, self->use_cancellable, migration_checked,
                                      g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  list_dataflows (CW_LINK_DATAFLOWS (widget));
}

/* ---- pause, resume, delete ---- */

static CwDataflow *
find_dataflow (CwLinkDataflows *self,
               const char      *id)
{
  for (guint i = 0; i < self->dataflows->len; i++)
    if (g_strcmp0 (cw_dataflow_get_id (g_ptr_array_index (self->dataflows, i)), id) == 0)
      return g_ptr_array_index (self->dataflows, i);
  return NULL;
}

static void
changed (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CwLinkDataflows) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDataflow) dataflow = cw_dataflows_change_finish (result, &error);

  if (is_cancelled (error))
    return;
  g_clear_object (&self->change_cancellable);
  g_clear_pointer (&self->changing, g_free);
  update_actions (self);
  /* The list stays as it was, with why it did not change. */
  if (dataflow == NULL)
    show_list_text (self, error->message, TRUE);
  else
    list_dataflows (self);
}

static void
change (CwLinkDataflows  *self,
        CwDataflow       *dataflow,
        CwDataflowChange  what)
{
  if (self->changing != NULL || !usable (self))
    return;
  self->changing = g_strdup (cw_dataflow_get_id (dataflow));
  self->change_cancellable = g_cancellable_new ();
  update_actions (self);
  cw_dataflows_change_async (self->clouds, dataflow, what, self->change_cancellable, changed, g_object_ref (self));
}

static void
pause_or_resume_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CwLinkDataflows *self = CW_LINK_DATAFLOWS (widget);
  CwDataflow *dataflow = find_dataflow (self, g_variant_get_string (parameter, NULL));

  if (dataflow != NULL)
    change (self, dataflow, g_str_equal (action_name, "dataflows.pause") ? CW_DATAFLOW_PAUSE : CW_DATAFLOW_RESUME);
}

static void
on_delete_answered (AdwMessageDialog *dialog,
                    const char       *response,
                    CwLinkDataflows  *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "dataflow-id");
  CwDataflow *dataflow = find_dataflow (self, id);

  if (g_strcmp0 (response, "delete") == 0 && dataflow != NULL)
    change (self, dataflow, CW_DATAFLOW_DELETE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwLinkDataflows *self = CW_LINK_DATAFLOWS (widget);
  CwDataflow *dataflow = find_dataflow (self, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (dataflow == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     cw_dataflow_get_kind (dataflow) == CW_DATAFLOW_CHANGEFEED
                                       ? _("Delete Changefeed “%s”?") : _("Delete Migration “%s”?"),
                                     dataflow_name (dataflow));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("TiDB Cloud stops it and forgets it. What it has written stays; nothing more goes "
                                 "through the link for it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dataflow-id", g_strdup (cw_dataflow_get_id (dataflow)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_answered), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the link ---- */

static void
cancel_all (CwLinkDataflows *self)
{
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_cancellable_cancel (self->use_cancellable);
  g_clear_object (&self->use_cancellable);
  g_cancellable_cancel (self->change_cancellable);
  g_clear_object (&self->change_cancellable);
  g_clear_pointer (&self->changing, g_free);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  forget_source_login (self);
}

void
cw_link_dataflows_set_link (CwLinkDataflows *self,
                            CwClouds        *clouds,
                            CwLink          *link)
{
  const char *key = link ? cw_link_key (link) : NULL;
  gboolean other = clouds != self->clouds || g_strcmp0 (key, self->link_key) != 0;

  g_return_if_fail (CW_IS_LINK_DATAFLOWS (self));
  g_set_object (&self->link, link);
  g_set_object (&self->clouds, clouds);
  if (other)
    {
      g_free (self->link_key);
      self->link_key = g_strdup (key);
      cancel_all (self);
      set_spinning (self->list_spinner, FALSE);
      stop_spinning_uses (self);
      for (guint i = 0; i < N_USES; i++)
        show_answer (self, i, NULL, TRUE);
      clear_list (self);
      show_list_text (self, NULL, FALSE);
      list_dataflows (self);
    }
  update_actions (self);
}

void
cw_link_dataflows_refresh (CwLinkDataflows *self)
{
  g_return_if_fail (CW_IS_LINK_DATAFLOWS (self));
  list_dataflows (self);
}

/* ---- the GObject ---- */

static void
cw_link_dataflows_dispose (GObject *object)
{
  CwLinkDataflows *self = CW_LINK_DATAFLOWS (object);

  cancel_all (self);
  g_clear_object (&self->clouds);
  g_clear_object (&self->link);
  g_clear_pointer (&self->link_key, g_free);
  g_clear_pointer (&self->user, g_free);
  for (guint i = 0; i < N_USES; i++)
    g_clear_pointer (&self->uses[i].hint, g_free);
  g_clear_pointer (&self->dataflows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_LINK_DATAFLOWS);
  G_OBJECT_CLASS (cw_link_dataflows_parent_class)->dispose (object);
}

/* Binds @prefix_row, @prefix_icon and @prefix_spinner of the template to @use's row. */
static void
bind_use_row (GtkWidgetClass *widget_class,
              Use             use,
              const char     *prefix)
{
  g_autofree char *row = g_strconcat (prefix, "_row", NULL);
  g_autofree char *icon = g_strconcat (prefix, "_icon", NULL);
  g_autofree char *spinner = g_strconcat (prefix, "_spinner", NULL);
  gssize base = G_STRUCT_OFFSET (CwLinkDataflows, uses) + (gssize) (use * sizeof (UseRow));

  /* The names are interned: the class keeps them. */
  gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (row), FALSE,
                                             base + G_STRUCT_OFFSET (UseRow, row));
  gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (icon), FALSE,
                                             base + G_STRUCT_OFFSET (UseRow, icon));
  gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (spinner), FALSE,
                                             base + G_STRUCT_OFFSET (UseRow, spinner));
}

static void
cw_link_dataflows_class_init (CwLinkDataflowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_link_dataflows_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-link-dataflows.ui");
  gtk_widget_class_bind_template_child (widget_class, CwLinkDataflows, list_spinner);
  bind_use_row (widget_class, USE_TEST, "test");
  bind_use_row (widget_class, USE_REPLICATE, "replicate");
  bind_use_row (widget_class, USE_MIGRATE, "migrate");
  gtk_widget_class_bind_template_child (widget_class, CwLinkDataflows, dataflow_list);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDataflows, list_label);
  gtk_widget_class_install_action (widget_class, "dataflows.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "dataflows.replicate", NULL, replicate_action);
  gtk_widget_class_install_action (widget_class, "dataflows.migrate", NULL, migrate_action);
  gtk_widget_class_install_action (widget_class, "dataflows.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "dataflows.pause", "s", pause_or_resume_action);
  gtk_widget_class_install_action (widget_class, "dataflows.resume", "s", pause_or_resume_action);
  gtk_widget_class_install_action (widget_class, "dataflows.delete", "s", delete_action);
}

static void
cw_link_dataflows_init (CwLinkDataflows *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dataflows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < N_USES; i++)
    {
      self->uses[i].hint = g_strdup (adw_action_row_get_subtitle (self->uses[i].row));
      show_answer (self, i, NULL, TRUE);
    }
  show_list_text (self, NULL, FALSE);
  update_actions (self);
}
