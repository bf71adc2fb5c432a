/* cw-application.c */
#define G_LOG_DOMAIN "cw-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-application.h"
#include "cw-window.h"

struct _CwApplication
{
  AdwApplication     parent_instance;
  CwCredentialStore *store;
  GSettings         *settings;
};

G_DEFINE_FINAL_TYPE (CwApplication, cw_application, ADW_TYPE_APPLICATION)

CwApplication *
cw_application_new (void)
{
  return g_object_new (CW_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/causeway/Causeway",
                       NULL);
}

static void
cw_application_activate (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (cw_window_new (self));
  gtk_window_present (window);
}

static void
cw_application_startup (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);

  G_APPLICATION_CLASS (cw_application_parent_class)->startup (app);
  self->settings = g_settings_new (APPLICATION_ID);
  self->store = cw_credential_store_new ();
  cw_credential_store_add_from_environment (self->store);
}

static void
cw_application_dispose (GObject *object)
{
  CwApplication *self = CW_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (cw_application_parent_class)->dispose (object);
}

static void
cw_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Causeway developers", NULL };
  CwApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Causeway"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Connect TiDB Cloud to Amazon RDS through AWS PrivateLink"),
                         "developer-name", _("The Causeway developers"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
cw_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CwApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing through the window saves its size, as the window manager's close does. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", cw_application_about_action },
  { "quit", cw_application_quit_action },
};

static const struct {
  const char *action;
  const char *accels[2];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "accounts.add-aws", { "<Control><Shift>a", NULL } },
  { "accounts.add-tidbcloud", { "<Control><Shift>t", NULL } },
  { "accounts.import", { "<Control>i", NULL } },
};

static void
cw_application_class_init (CwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cw_application_dispose;
  app_class->activate = cw_application_activate;
  app_class->startup = cw_application_startup;
}

static void
cw_application_init (CwApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}

CwCredentialStore *
cw_application_get_credential_store (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);
  return self->store;
}

GSettings *
cw_application_get_settings (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);
  return self->settings;
}
