/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-check-list.c */
#define G_LOG_DOMAIN "cw-check-list"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-check-list.h"
#include "cw-widgets.h"

struct _CwCheckList
{
  AdwBin           parent_instance;
  GtkListBox      *list;
  GtkCustomFilter *filter;
  guint            steps;
};

G_DEFINE_FINAL_TYPE (CwCheckList, cw_check_list, ADW_TYPE_BIN)

static const char *
level_icon (CwCheckLevel level)
{
  switch (level)
    {
    case CW_CHECK_OK:
      return "emblem-ok-symbolic";
    case CW_CHECK_WARNING:
      return "dialog-warning-symbolic";
    case CW_CHECK_ERROR:
    default:
      return "dialog-error-symbolic";
    }
}

static const char *
level_name (CwCheck *check)
{
  if (cw_check_is_pending (check))
    return _("To do");
  switch (cw_check_get_level (check))
    {
    case CW_CHECK_OK:
      return _("OK");
    case CW_CHECK_WARNING:
      return _("Warning");
    case CW_CHECK_ERROR:
    default:
      return _("Error");
    }
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CwCheck *check = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (cw_check_is_pending (check) ? "content-loading-symbolic"
                                                                              : level_icon (cw_check_get_level (check)));
  g_autofree char *description = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cw_check_get_message (check));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (cw_check_get_fix (check) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cw_check_get_fix (check));
  if (!cw_check_is_pending (check) && cw_check_get_level (check) == CW_CHECK_ERROR)
    gtk_widget_add_css_class (icon, "error");
  else if (cw_check_get_level (check) == CW_CHECK_WARNING)
    gtk_widget_add_css_class (icon, "warning");
  else if (!cw_check_is_pending (check))
    gtk_widget_add_css_class (icon, "success");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  /* The verdict is read out with the sentence; the UI tests read it the same way. */
  description = g_strdup_printf ("%s%s%s", level_name (check), cw_check_get_fix (check) ? ": " : "",
                                 cw_check_get_fix (check) ? cw_check_get_fix (check) : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cw_check_get_message (check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return row;
}

static gboolean
check_in_steps (gpointer item,
                gpointer user_data)
{
  CwCheckList *self = user_data;

  return (self->steps & CW_CHECK_LIST_STEP (cw_check_get_step (item))) != 0;
}

void
cw_check_list_set_plan (CwCheckList *self,
                        CwLinkPlan  *plan)
{
  g_autoptr(GtkFilterListModel) model = NULL;

  g_return_if_fail (CW_IS_CHECK_LIST (self));
  model = gtk_filter_list_model_new (g_object_ref (cw_link_plan_get_checks (plan)),
                                     g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (model), create_row, self, NULL);
}

void
cw_check_list_set_steps (CwCheckList *self,
                         guint        steps)
{
  g_return_if_fail (CW_IS_CHECK_LIST (self));
  self->steps = steps;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
cw_check_list_dispose (GObject *object)
{
  CwCheckList *self = CW_CHECK_LIST (object);

  g_clear_object (&self->filter);
  G_OBJECT_CLASS (cw_check_list_parent_class)->dispose (object);
}

static void
cw_check_list_class_init (CwCheckListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cw_check_list_dispose;
}

static void
cw_check_list_init (CwCheckList *self)
{
  self->steps = CW_CHECK_LIST_ALL_STEPS;
  self->filter = gtk_custom_filter_new (check_in_steps, self, NULL);
  self->list = cw_boxed_list_new (_("Checks"));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->list));
}
