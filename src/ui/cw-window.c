/* cw-window.c */
#define G_LOG_DOMAIN "cw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-accounts-view.h"
#include "cw-step-row.h"
#include "cw-window.h"

struct _CwWindow
{
  AdwApplicationWindow  parent_instance;

  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *content_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  CwAccountsView       *accounts_view;
};

G_DEFINE_FINAL_TYPE (CwWindow, cw_window, ADW_TYPE_APPLICATION_WINDOW)

static void restore_window_state (CwWindow  *self,
                                  GSettings *settings);

CwWindow *
cw_window_new (CwApplication *application)
{
  CwWindow *self = g_object_new (CW_TYPE_WINDOW, "application", application, NULL);

  restore_window_state (self, cw_application_get_settings (application));
  cw_accounts_view_set_store (self->accounts_view, cw_application_get_credential_store (application));
  cw_window_show_page (self, "accounts");
  return self;
}

void
cw_window_add_toast (CwWindow   *self,
                     const char *message)
{
  g_return_if_fail (CW_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static CwStepRow *
find_row (CwWindow   *self,
          const char *page_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CW_IS_STEP_ROW (child) && g_strcmp0 (cw_step_row_get_page_name (CW_STEP_ROW (child)), page_name) == 0)
      return CW_STEP_ROW (child);
  return NULL;
}

void
cw_window_show_page (CwWindow   *self,
                     const char *page_name)
{
  CwStepRow *row = find_row (self, page_name);

  g_return_if_fail (row != NULL);
  gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
}

static void
on_row_selected (CwWindow      *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list)
{
  g_autofree char *title = NULL;

  if (row == NULL)
    return;
  g_object_get (row, "title", &title, NULL);
  gtk_stack_set_visible_child_name (self->stack, cw_step_row_get_page_name (CW_STEP_ROW (row)));
  adw_window_title_set_title (self->content_title, title);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked (CwWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* "New link" above the steps and "Manage" above the views. */
static void
update_sidebar_header (GtkListBoxRow *row,
                       GtkListBoxRow *before,
                       gpointer       user_data)
{
  gboolean is_step = cw_step_row_is_step (CW_STEP_ROW (row));
  const char *text = NULL;
  GtkWidget *label;

  if (before == NULL)
    text = is_step ? _("New Link") : _("Manage");
  else if (!is_step && cw_step_row_is_step (CW_STEP_ROW (before)))
    text = _("Manage");
  if (text == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, before == NULL ? 6 : 18);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_header (row, label);
}

static void
restore_window_state (CwWindow  *self,
                      GSettings *settings)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
cw_window_close_request (GtkWindow *window)
{
  GSettings *settings = cw_application_get_settings (CW_APPLICATION (gtk_window_get_application (window)));
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (settings);
  return GTK_WINDOW_CLASS (cw_window_parent_class)->close_request (window);
}

static void
cw_window_class_init (CwWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = cw_window_close_request;

  g_type_ensure (CW_TYPE_STEP_ROW);
  g_type_ensure (CW_TYPE_ACCOUNTS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, accounts_view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
}

static void
cw_window_init (CwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->sidebar_list, update_sidebar_header, NULL, NULL);
}
