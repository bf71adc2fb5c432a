/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-preferences-window.c: the preferences (see cw-preferences-window.h); what a
 * setting does when it changes is the application's */
#define G_LOG_DOMAIN "cw-preferences-window"

#include "config.h"

#include "cw-preferences-window.h"

struct _CwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;
  GtkSwitch            *repair_switch;
  GtkSwitch            *background_switch;
  GtkSwitch            *login_switch;
};

G_DEFINE_FINAL_TYPE (CwPreferencesWindow, cw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
cw_preferences_window_class_init (CwPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, repair_switch);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, login_switch);
}

static void
cw_preferences_window_init (CwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CwPreferencesWindow *
cw_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  CwPreferencesWindow *self = g_object_new (CW_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  g_settings_bind (settings, "repair-automatically", self->repair_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "keep-watching", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "start-at-login", self->login_switch, "active", G_SETTINGS_BIND_DEFAULT);
  return self;
}
