/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-choose-database-dialog.c */
#define G_LOG_DOMAIN "cw-choose-database-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-choose-database-dialog.h"
#include "cw-database.h"
#include "cw-link-item.h"
#include "cw-widgets.h"

struct _CwChooseDatabaseDialog
{
  AdwMessageDialog  parent_instance;

  GtkListBox       *databases;

  GtkCheckButton   *first;        /* the group of the choices' radio buttons */
  char             *database_id;  /* the chosen one */
};

G_DEFINE_FINAL_TYPE (CwChooseDatabaseDialog, cw_choose_database_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_choice_toggled (GtkCheckButton         *check,
                   CwChooseDatabaseDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  g_free (self->database_id);
  self->database_id = g_strdup (g_object_get_data (G_OBJECT (check), "database-id"));
}

static GtkCheckButton *
add_choice (CwChooseDatabaseDialog *self,
            CwDatabase             *database)
{
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *engine = cw_database_dup_engine_label (database);

  g_object_set_data_full (G_OBJECT (check), "database-id", g_strdup (cw_database_get_id (database)), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_choice_toggled), self, 0);
  if (self->first != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->first);
  else
    self->first = GTK_CHECK_BUTTON (check);
  gtk_list_box_append (self->databases, cw_choice_row_new (cw_database_get_id (database), engine, check));
  return GTK_CHECK_BUTTON (check);
}

static void
cw_choose_database_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CW_TYPE_CHOOSE_DATABASE_DIALOG);
  G_OBJECT_CLASS (cw_choose_database_dialog_parent_class)->dispose (object);
}

static void
cw_choose_database_dialog_finalize (GObject *object)
{
  g_free (CW_CHOOSE_DATABASE_DIALOG (object)->database_id);
  G_OBJECT_CLASS (cw_choose_database_dialog_parent_class)->finalize (object);
}

static void
cw_choose_database_dialog_class_init (CwChooseDatabaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_choose_database_dialog_dispose;
  object_class->finalize = cw_choose_database_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/causeway/Causeway/cw-choose-database-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwChooseDatabaseDialog, databases);
}

static void
cw_choose_database_dialog_init (CwChooseDatabaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The dialog's question: a link whose database is inferred from its target's address
 * is asked about too, since the inference is a guess; it is said so. */
static void
format_body (CwChooseDatabaseDialog *self,
             CwLink                 *link)
{
  const char *name = cw_link_get (link, CW_LINK_DISPLAY_NAME) ? cw_link_get (link, CW_LINK_DISPLAY_NAME)
                                                              : cw_link_key (link);

  if (cw_link_get_database_inferred (link))
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                    _("“%s” was made outside Causeway and names no database; its target %s is, or "
                                      "was, the address of %s. Choose the database it should reach: its current "
                                      "address is registered and the old one deregistered."),
                                    name, cw_link_get (link, CW_LINK_REGISTERED_IP),
                                    cw_link_get (link, CW_LINK_DATABASE_ID));
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                    _("“%s” was made outside Causeway, and its target %s is no longer the address of "
                                      "any database. Choose the database it should reach: its current address is "
                                      "registered and the old one deregistered."),
                                    name, cw_link_get (link, CW_LINK_REGISTERED_IP));
}

/* Asks which of @candidates (CwDatabase, at least one) @link should reach; the one
 * inferred from the link's target, else the first, is chosen to begin with. */
CwChooseDatabaseDialog *
cw_choose_database_dialog_new (GtkWindow  *parent,
                               CwLink     *link,
                               GListModel *candidates)
{
  CwChooseDatabaseDialog *self = g_object_new (CW_TYPE_CHOOSE_DATABASE_DIALOG, "transient-for", parent,
                                               "modal", TRUE, NULL);
  GtkCheckButton *chosen = NULL;

  format_body (self, link);
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      g_autoptr(CwDatabase) database = g_list_model_get_item (candidates, i);
      GtkCheckButton *check = add_choice (self, database);

      if (cw_link_get_database_inferred (link) &&
          g_strcmp0 (cw_database_get_id (database), cw_link_get (link, CW_LINK_DATABASE_ID)) == 0)
        chosen = check;
    }
  if (chosen != NULL || self->first != NULL)
    gtk_check_button_set_active (chosen ? chosen : self->first, TRUE);
  return self;
}

/* The chosen database's id, or NULL. */
const char *
cw_choose_database_dialog_get_database_id (CwChooseDatabaseDialog *self)
{
  g_return_val_if_fail (CW_IS_CHOOSE_DATABASE_DIALOG (self), NULL);
  return self->database_id;
}
