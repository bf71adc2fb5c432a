/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-widgets.c */
#define G_LOG_DOMAIN "cw-widgets"

#include "config.h"

#include "cw-widgets.h"

GtkListBox *
cw_boxed_list_new (const char *accessible_label)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return list;
}

void
cw_list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A fact to read (and copy): the title names it, the subtitle says it. Screen readers
 * get both, as name and description. */
GtkWidget *
cw_info_row_new (const char *title,
                 const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value ? value : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value ? value : "", -1);
  return row;
}

/* A row chosen with its check (or radio) button, which carries the row's name for
 * screen readers. */
GtkWidget *
cw_choice_row_new (const char *title,
                   const char *subtitle,
                   GtkWidget  *check)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  return row;
}

static gboolean
credential_has_kind (gpointer item,
                     gpointer user_data)
{
  return cw_credential_get_kind (item) == (CwCredentialKind) GPOINTER_TO_INT (user_data);
}

/* The AWS credentials, or the TiDB Cloud keys, of a list of credentials, kept up to date. */
GListModel *
cw_credentials_of_kind (GListModel       *credentials,
                        CwCredentialKind  kind)
{
  GtkCustomFilter *filter = gtk_custom_filter_new (credential_has_kind, GINT_TO_POINTER (kind), NULL);

  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (credentials), GTK_FILTER (filter)));
}

void
cw_label_show_message (GtkLabel   *label,
                       const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

const char *
cw_entry_row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}
