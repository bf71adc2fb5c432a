/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sql-login-dialog.c: the SQL user of a link's database (see cw-sql-login-dialog.h)
 *
 * The keyring is read when the dialog opens: the first user saved for the database fills
 * the user row, unless someone typed there first, and its password waits here for an
 * empty password row. Nothing of the password reaches a log, a title or an error.
 */
#define G_LOG_DOMAIN "cw-sql-login-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-credential-store.h"
#include "cw-dataflows.h"
#include "cw-secure.h"
#include "cw-sql-login-dialog.h"
#include "cw-widgets.h"

struct _CwSqlLoginDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *confirm_button;
  GtkWidget           *spinner;
  AdwPreferencesGroup *form;
  GtkLabel            *error_label;
  AdwEntryRow         *user_row;
  AdwEntryRow         *password_row;
  AdwEntryRow         *filter_row;
  AdwEntryRow         *start_row;
  AdwComboRow         *mode_row;
  GtkWidget           *tls_row;
  GtkSwitch           *tls_switch;
  GtkWidget           *remember_row;
  GtkSwitch           *remember_switch;
  GtkLabel            *hint_label;

  CwSqlUser           *database;        /* the keyring's name of the database; NULL: not known */
  CwSqlUser           *saved_user;      /* the user the keyring gave, or NULL */
  char                *saved_password;  /* its password (cw_secure_free) */
  char                *user;            /* what the caller borrows, once confirmed */
  char                *password;        /* (cw_secure_free) */
  gboolean             user_typed;      /* someone typed a user before the keyring answered */
  gboolean             prefilling;
  CwSqlLoginPurpose    purpose;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (CwSqlLoginDialog, cw_sql_login_dialog, ADW_TYPE_WINDOW)

enum {
  CONFIRMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (CwSqlLoginDialog *self,
          gboolean          busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->form), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sql-login.confirm", !busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

/* Whether the user row names the user the keyring gave. */
static gboolean
is_saved_user (CwSqlLoginDialog *self)
{
  g_autofree char *user = g_strstrip (g_strdup (cw_entry_row_text (self->user_row)));

  return self->saved_user != NULL && self->saved_password != NULL && g_strcmp0 (user, self->saved_user->user) == 0;
}

/* An empty password row means the saved password only while the saved user is named:
 * the row's title says which. */
static void
show_password_title (CwSqlLoginDialog *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 is_saved_user (self) ? _("Password (empty uses the saved one)") : _("Password"));
}

static void
on_user_changed (CwSqlLoginDialog *self)
{
  if (!self->prefilling)
    self->user_typed = TRUE;
  show_password_title (self);
}

/* ---- the keyring's user ---- */

static void
password_found (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CwSqlLoginDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSecureString) password = cw_sql_user_lookup_password_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (password == NULL)
    {
      /* The form works without it: the password is typed. */
      g_debug ("No saved password for the database’s user: %s", error->message);
      return;
    }
  g_clear_pointer (&self->saved_password, cw_secure_free);
  self->saved_password = g_steal_pointer (&password);
  show_password_title (self);
}

static void
prefill_user (CwSqlLoginDialog *self,
              const CwSqlUser  *user)
{
  self->saved_user = cw_sql_user_copy (user);
  if (!self->user_typed)
    {
      self->prefilling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), user->user);
      self->prefilling = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  cw_sql_user_lookup_password_async (user, self->cancellable, password_found, g_object_ref (self));
}

static void
users_listed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CwSqlLoginDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = cw_sql_users_list_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (users == NULL)
    {
      g_debug ("The keyring’s users of the database are not known: %s", error->message);
      return;
    }
  if (users->len > 0)
    prefill_user (self, g_ptr_array_index (users, 0));
}

/* ---- confirming ---- */

static void
confirm (CwSqlLoginDialog *self)
{
  g_signal_emit (self, signals[CONFIRMED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
user_stored (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CwSqlLoginDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (cw_sql_user_store_finish (result, &error))
    {
      confirm (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  /* The keyring's own words, without the password, which it never had in its error. */
  message = g_strdup_printf (_("The password was not saved in the keyring: %s Turn off “Remember in the Keyring” "
                               "to go on without saving it."), error->message);
  cw_label_show_message (self->error_label, message);
}

/* The password to use: the typed one, else the keyring's for the named user. */
static const char *
chosen_password (CwSqlLoginDialog *self)
{
  const char *typed = cw_entry_row_text (self->password_row);

  if (*typed != '\0' || !is_saved_user (self))
    return typed;
  return self->saved_password;
}

/* "2026-12-04 09:30", "2026-12-04T09:30:00" or with a zone, read in the local time zone
 * when it names none; NULL when it is not a time. */
static GDateTime *
parse_start_time (const char *text)
{
  g_autofree char *iso = g_strstrip (g_strdup (text));
  g_autofree char *with_seconds = NULL;
  char *space = strchr (iso, ' ');
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  GDateTime *time;

  /* People put a space between the date and the time, ISO 8601 a T; and GLib wants the
   * seconds people leave out. */
  if (space != NULL)
    *space = 'T';
  time = g_date_time_new_from_iso8601 (iso, local);
  if (time != NULL)
    return time;
  with_seconds = g_strconcat (iso, ":00", NULL);
  return g_date_time_new_from_iso8601 (with_seconds, local);
}

static gboolean
check_start_time (CwSqlLoginDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (cw_entry_row_text (self->start_row)));
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *problem = NULL;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->start_row)) || *text == '\0')
    return TRUE;
  start = parse_start_time (text);
  if (start == NULL)
    problem = _("Type the start as a date and a time, such as 2026-12-04 09:30 (your time), or leave it empty to "
                "start now.");
  else if (g_date_time_compare (start, now) > 0)
    problem = _("The start is in the future: a changefeed starts now, or from a moment in the past.");
  if (problem == NULL)
    return TRUE;
  cw_label_show_message (self->error_label, problem);
  gtk_widget_grab_focus (GTK_WIDGET (self->start_row));
  return FALSE;
}

static gboolean
check_form (CwSqlLoginDialog *self,
            const char       *user)
{
  g_autofree char *message = NULL;

  if (*user == '\0')
    {
      cw_label_show_message (self->error_label, self->purpose == CW_SQL_LOGIN_FOR_MIGRATE_INTO_TIDB
                                                   ? _("Type the name of the cluster’s SQL user.")
                                                   : _("Type the name of the database’s SQL user."));
      gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
      return FALSE;
    }
  if (*chosen_password (self) == '\0')
    {
      message = g_strdup_printf (_("Type the password of %s."), user);
      cw_label_show_message (self->error_label, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return FALSE;
    }
  return check_start_time (self);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CwSqlLoginDialog *self = CW_SQL_LOGIN_DIALOG (widget);
  g_autofree char *user = g_strstrip (g_strdup (cw_entry_row_text (self->user_row)));
  gboolean typed = *cw_entry_row_text (self->password_row) != '\0';
  g_autoptr(CwSqlUser) keyring_user = NULL;

  cw_label_show_message (self->error_label, NULL);
  if (!check_form (self, user))
    return;
  g_free (self->user);
  self->user = g_strdup (user);
  g_clear_pointer (&self->password, cw_secure_free);
  self->password = g_strdup (chosen_password (self));
  /* A password from the keyring is there already; a typed one is saved if asked. */
  if (!typed || !gtk_switch_get_active (self->remember_switch) || self->database == NULL)
    {
      confirm (self);
      return;
    }
  keyring_user = cw_sql_user_copy (self->database);
  g_free (keyring_user->user);
  keyring_user->user = g_strdup (user);
  set_busy (self, TRUE);
  cw_sql_user_store_async (keyring_user, self->password, self->cancellable, user_stored, g_object_ref (self));
}

static void
on_entry_activated (CwSqlLoginDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sql-login.confirm", NULL);
}

/* ---- the form for its purpose ---- */

typedef struct {
  const char *title;
  const char *button;
  const char *hint;
  const char *remember;      /* what the keyring keeps the password for */
  const char *filter;        /* the filter row's title, or NULL: no filter */
  const char *filter_text;   /* what it says at first */
  gboolean    tls;
  gboolean    start;
  gboolean    mode;
} PurposeText;

static const PurposeText purpose_texts[] = {
  [CW_SQL_LOGIN_FOR_TEST] = {
    N_("Test from TiDB Cloud"), N_("_Test"),
    N_("Use the user TiDB Cloud’s changefeeds will sign in as: the test proves its password and its reach, "
       "not its privileges."),
    N_("The password is kept for this database’s user and never shown again"), NULL, NULL, TRUE, FALSE, FALSE,
  },
  [CW_SQL_LOGIN_FOR_REPLICATE] = {
    N_("Replicate to This Database"), N_("_Replicate"),
    N_("Table filter rules are separated by spaces: *.* is every table, orders.* every table of orders, "
       "!test.* leaves test out."),
    N_("The password is kept for this database’s user and never shown again"), N_("Table Filter"), "*.*", TRUE, TRUE,
    FALSE,
  },
  [CW_SQL_LOGIN_FOR_MIGRATE] = {
    N_("Migrate into TiDB"), N_("_Next"),
    N_("Next comes the cluster’s SQL user the migration writes as."),
    N_("The password is kept for this database’s user and never shown again"), NULL, NULL, FALSE, FALSE, FALSE,
  },
  [CW_SQL_LOGIN_FOR_MIGRATE_INTO_TIDB] = {
    N_("Migrate into TiDB"), N_("_Migrate"),
    N_("Schemas and tables are separated by spaces: orders is every table of orders, orders.customers one "
       "table; empty migrates every schema. TiDB Cloud’s precheck runs first."),
    N_("The password is kept for this cluster’s SQL user and never shown again"), N_("Schemas and Tables"), "",
    FALSE, FALSE, TRUE,
  },
};

/* What the user is for; @target is the database, or the cluster for TiDB's user. */
static char *
describe_purpose (CwSqlLoginPurpose  purpose,
                  const char        *target)
{
  switch (purpose)
    {
    case CW_SQL_LOGIN_FOR_REPLICATE:
      return g_strdup_printf (_("A changefeed writes the cluster’s changes into %s as this user, from now or from "
                                "the start below."), target);
    case CW_SQL_LOGIN_FOR_MIGRATE:
      return g_strdup_printf (_("Data Migration reads %s through the link as this user: it needs to read the tables "
                                "and the binlog."), target);
    case CW_SQL_LOGIN_FOR_MIGRATE_INTO_TIDB:
      return g_strdup_printf (_("Data Migration writes into %s as this SQL user of the cluster."), target);
    case CW_SQL_LOGIN_FOR_TEST:
    default:
      return g_strdup_printf (_("TiDB Cloud signs in to %s through the link as this user. Nothing is written."),
                              target);
    }
}

static void
show_purpose (CwSqlLoginDialog *self,
              const char       *target)
{
  const PurposeText *text = &purpose_texts[self->purpose];
  g_autofree char *description = describe_purpose (self->purpose, target);

  /* The window's own title names it for screen readers and window lists. */
  gtk_window_set_title (GTK_WINDOW (self), _(text->title));
  adw_window_title_set_title (self->window_title, _(text->title));
  adw_window_title_set_subtitle (self->window_title, target);
  gtk_button_set_label (self->confirm_button, _(text->button));
  adw_preferences_group_set_description (self->form, description);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_row), text->filter != NULL);
  if (text->filter != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->filter_row), _(text->filter));
      gtk_editable_set_text (GTK_EDITABLE (self->filter_row), text->filter_text);
    }
  gtk_widget_set_visible (self->tls_row, text->tls);
  gtk_widget_set_visible (GTK_WIDGET (self->start_row), text->start);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_row), text->mode);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->remember_row), _(text->remember));
  gtk_label_set_text (self->hint_label, _(text->hint));
}

static void
set_up (CwSqlLoginDialog  *self,
        CwLink            *link,
        CwSqlLoginPurpose  purpose)
{
  gboolean tidb = purpose == CW_SQL_LOGIN_FOR_MIGRATE_INTO_TIDB;
  g_autofree char *database = cw_link_dup_database_label (link);
  const char *cluster = cw_link_get_cluster_label (link);

  g_return_if_fail (purpose < G_N_ELEMENTS (purpose_texts));
  self->purpose = purpose;
  if (tidb)
    show_purpose (self, cluster ? cluster : _("the cluster"));
  else
    show_purpose (self, database ? database : _("the database"));
  self->database = tidb ? cw_sql_user_new_tidb (cw_link_get (link, CW_LINK_CLUSTER_ID), NULL)
                        : cw_dataflows_dup_database_user (link, NULL);
  /* Without the database's name the keyring has nowhere to keep the password. */
  gtk_widget_set_sensitive (self->remember_row, self->database != NULL);
  gtk_switch_set_active (self->remember_switch, self->database != NULL);
  if (self->database != NULL)
    cw_sql_users_list_async (self->database, self->cancellable, users_listed, g_object_ref (self));
}

/* ---- the GObject ---- */

static void
cw_sql_login_dialog_dispose (GObject *object)
{
  CwSqlLoginDialog *self = CW_SQL_LOGIN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->database, cw_sql_user_free);
  g_clear_pointer (&self->saved_user, cw_sql_user_free);
  g_clear_pointer (&self->saved_password, cw_secure_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->password, cw_secure_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_SQL_LOGIN_DIALOG);
  G_OBJECT_CLASS (cw_sql_login_dialog_parent_class)->dispose (object);
}

static void
cw_sql_login_dialog_class_init (CwSqlLoginDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_sql_login_dialog_dispose;

  /* The form is filled in (and saved, if asked): read it now, it closes next. */
  signals[CONFIRMED] = g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-sql-login-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, form);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, filter_row);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, mode_row);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, tls_row);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, tls_switch);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, remember_row);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, CwSqlLoginDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_user_changed);
  gtk_widget_class_install_action (widget_class, "sql-login.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_sql_login_dialog_init (CwSqlLoginDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Asks for the SQL user of @link's database, for @purpose. */
CwSqlLoginDialog *
cw_sql_login_dialog_new (GtkWindow         *parent,
                         CwLink            *link,
                         CwSqlLoginPurpose  purpose)
{
  CwSqlLoginDialog *self = g_object_new (CW_TYPE_SQL_LOGIN_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (CW_IS_LINK (link), self);
  set_up (self, link, purpose);
  gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  return self;
}

CwSqlLoginPurpose
cw_sql_login_dialog_get_purpose (CwSqlLoginDialog *self)
{
  g_return_val_if_fail (CW_IS_SQL_LOGIN_DIALOG (self), CW_SQL_LOGIN_FOR_TEST);
  return self->purpose;
}

const char *
cw_sql_login_dialog_get_user (CwSqlLoginDialog *self)
{
  g_return_val_if_fail (CW_IS_SQL_LOGIN_DIALOG (self), NULL);
  return self->user;
}

const char *
cw_sql_login_dialog_get_password (CwSqlLoginDialog *self)
{
  g_return_val_if_fail (CW_IS_SQL_LOGIN_DIALOG (self), NULL);
  return self->password;
}

gboolean
cw_sql_login_dialog_get_tls (CwSqlLoginDialog *self)
{
  g_return_val_if_fail (CW_IS_SQL_LOGIN_DIALOG (self), FALSE);
  return gtk_switch_get_active (self->tls_switch);
}

char **
cw_sql_login_dialog_dup_filter_rules (CwSqlLoginDialog *self)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GStrvBuilder) rules = g_strv_builder_new ();

  g_return_val_if_fail (CW_IS_SQL_LOGIN_DIALOG (self), NULL);
  words = g_strsplit_set (cw_entry_row_text (self->filter_row), " ,\t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (rules, words[i]);
  return g_strv_builder_end (rules);
}

CwTidbMigrationMode
cw_sql_login_dialog_get_migration_mode (CwSqlLoginDialog *self)
{
  g_return_val_if_fail (CW_IS_SQL_LOGIN_DIALOG (self), CW_TIDB_MIGRATION_MODE_ALL);
  return adw_combo_row_get_selected (self->mode_row) == 1 ? CW_TIDB_MIGRATION_MODE_INCREMENTAL
                                                          : CW_TIDB_MIGRATION_MODE_ALL;
}

GDateTime *
cw_sql_login_dialog_dup_start_time (CwSqlLoginDialog *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CW_IS_SQL_LOGIN_DIALOG (self), NULL);
  text = g_strstrip (g_strdup (cw_entry_row_text (self->start_row)));
  return *text != '\0' ? parse_start_time (text) : NULL;
}
