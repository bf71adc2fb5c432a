/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-application.c: the application: its options, its app-wide actions, and what runs
 * with or without a window (the watch over the links, DESIGN.md §13) */
#define G_LOG_DOMAIN "cw-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cw-application.h"
#include "cw-autostart.h"
#include "cw-hosts-resolver.h"
#include "cw-preferences-window.h"
#include "cw-stall-meter.h"
#include "cw-window.h"

/* A newcomer trying the sandbox should not wait AWS's real minutes for a load balancer. */
#define SANDBOX_DEFAULT_TIME_SCALE 0.2

struct _CwApplication
{
  AdwApplication     parent_instance;
  CwCredentialStore *store;
  GSettings         *settings;
  CwSandbox         *sandbox;
  CwWatchService    *watch;
  gboolean           background;  /* --background: held, and the first activation opens no window */
  gboolean           activated;
  gboolean           held;        /* keep-watching (or --background) holds the application */
  gboolean           quitting;    /* Quit was chosen: the hold goes with the last window */
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

static GtkWindow *
ensure_window (CwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return window ? window : GTK_WINDOW (cw_window_new (self));
}

static void
cw_application_activate (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);

  /* Started at login: watching only, until the person opens Causeway. */
  if (self->background && !self->activated)
    {
      self->activated = TRUE;
      return;
    }
  self->activated = TRUE;
  gtk_window_present (ensure_window (self));
}

/* Without a window the application runs on only while it is held. */
static void
update_hold (CwApplication *self)
{
  gboolean hold = !self->quitting && (self->background || g_settings_get_boolean (self->settings, "keep-watching"));

  if (hold == self->held)
    return;
  self->held = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void
on_start_at_login_changed (CwApplication *self)
{
  cw_autostart_set (g_settings_get_boolean (self->settings, "start-at-login"));
}

static void
start_watching (CwApplication *self)
{
  CwSandbox *sandbox = self->sandbox;

  self->watch = cw_watch_service_new (G_APPLICATION (self), self->store, self->settings,
                                      sandbox ? CW_SANDBOX_CREDENTIAL_LABEL : NULL,
                                      sandbox ? cw_sandbox_get_time_scale (sandbox) : 1.0);
  g_signal_connect_object (self->settings, "changed::keep-watching", G_CALLBACK (update_hold), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::start-at-login", G_CALLBACK (on_start_at_login_changed), self,
                           G_CONNECT_SWAPPED);
  update_hold (self);
  cw_watch_service_start (self->watch);
}

static void
cw_application_startup (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);

  G_APPLICATION_CLASS (cw_application_parent_class)->startup (app);
  cw_stall_meter_start ();
  self->settings = g_settings_new (APPLICATION_ID);
  self->store = cw_credential_store_new ();
  if (self->sandbox != NULL)
    {
      /* Sandbox mode talks to the simulated clouds only, with their in-memory keys. */
      cw_sandbox_take_over_process (self->sandbox);
      cw_sandbox_add_credentials (self->sandbox, self->store);
    }
  else
    {
      cw_credential_store_add_from_environment (self->store);
      cw_hosts_resolver_install_from_environment ();
    }
  start_watching (self);
}

/* For tests and scripts that inspect the simulated clouds beside the window: the same
 * lines causeway-sandbox prints (the sandbox's own throw-away keys, never real ones). */
static void
print_sandbox_environment (CwSandbox *sandbox)
{
  g_auto(GStrv) environment = cw_sandbox_get_environment (sandbox);

  for (guint i = 0; environment[i] != NULL; i++)
    g_print ("%s\n", environment[i]);
  fflush (stdout);
}

static gboolean
start_sandbox (CwApplication *self,
               GVariantDict  *options,
               GError       **error)
{
  CwSandboxOptions sandbox_options;
  const char *time_scale = NULL;
  const char *scenario = NULL;
  const char *faults = NULL;

  cw_sandbox_options_init (&sandbox_options);
  sandbox_options.time_scale = SANDBOX_DEFAULT_TIME_SCALE;
  if (g_variant_dict_lookup (options, "time-scale", "&s", &time_scale) &&
      !cw_sandbox_options_parse_time_scale (time_scale, &sandbox_options.time_scale, error))
    return FALSE;
  if (g_variant_dict_lookup (options, "scenario", "&s", &scenario))
    sandbox_options.scenario = scenario;
  if (g_variant_dict_lookup (options, "faults", "&s", &faults))
    sandbox_options.faults = faults;
  self->sandbox = cw_sandbox_new (&sandbox_options);
  if (!cw_sandbox_start (self->sandbox, error))
    return FALSE;
  if (g_variant_dict_contains (options, "print-sandbox-environment"))
    print_sandbox_environment (self->sandbox);
  return TRUE;
}

static int
cw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CwApplication *self = CW_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  self->background = g_variant_dict_contains (options, "background");
  if (!g_variant_dict_contains (options, "sandbox"))
    {
      if (g_variant_dict_contains (options, "time-scale") || g_variant_dict_contains (options, "scenario") ||
          g_variant_dict_contains (options, "faults") || g_variant_dict_contains (options, "print-sandbox-environment"))
        {
          g_printerr ("causeway: %s\n", _("--time-scale, --scenario, --faults and --print-sandbox-environment only apply with --sandbox"));
          return 2;
        }
      return -1;
    }
  if (!start_sandbox (self, options, &error))
    {
      g_printerr ("causeway: %s\n", error->message);
      return 1;
    }
  return -1;
}
static void
cw_application_shutdown (GApplication *app)
{
  cw_stall_meter_report ("session");
  G_APPLICATION_CLASS (cw_application_parent_class)->shutdown (app);
}

static void
cw_application_dispose (GObject *object)
{
  CwApplication *self = CW_APPLICATION (object);

  g_clear_object (&self->watch);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  if (self->sandbox != NULL)
    cw_sandbox_stop (self->sandbox);
  g_clear_object (&self->sandbox);
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
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing through the window saves its size, as the window manager's close does. A
   * window may ask first (a link being made): the hold goes with the last window. */
  self->quitting = TRUE;
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
    update_hold (self);
}

/* A window kept open after Quit (its close asked, and was answered no) cancels the quit. */
static void
cw_application_window_removed (GtkApplication *app,
                               GtkWindow      *window)
{
  CwApplication *self = CW_APPLICATION (app);

  GTK_APPLICATION_CLASS (cw_application_parent_class)->window_removed (app, window);
  if (self->quitting && gtk_application_get_windows (app) == NULL)
    update_hold (self);
}

static void
cw_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  CwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (cw_preferences_window_new (parent, self->settings)));
}

/* A notification's Open: the window, on the link. */
static void
cw_application_open_link_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  CwApplication *self = user_data;
  GtkWindow *window = ensure_window (self);

  self->quitting = FALSE;
  update_hold (self);
  cw_window_show_link (CW_WINDOW (window), g_variant_get_string (parameter, NULL));
  gtk_window_present (window);
}

static void
resynced_from_notification (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(CwApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GNotification) notification = NULL;

  if (cw_watch_service_resync_finish (CW_WATCH_SERVICE (source), result, &error))
    return;
  /* Nobody may be looking at a window: the failure is told where the request came from. */
  notification = g_notification_new (_("The link could not be re-synced"));
  g_notification_set_body (notification, error->message);
  g_application_send_notification (G_APPLICATION (self), NULL, notification);
}

/* A notification's Re-sync: through the engine's watcher, with or without a window. */
static void
cw_application_resync_link_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  CwApplication *self = user_data;

  cw_watch_service_resync_async (self->watch, g_variant_get_string (parameter, NULL), NULL,
                                 resynced_from_notification, g_object_ref (self));
}

static const GActionEntry app_actions[] = {
  { "about", cw_application_about_action },
  { "preferences", cw_application_preferences_action },
  { "open-link", cw_application_open_link_action, "s" },
  { "resync-link", cw_application_resync_link_action, "s" },
  { "quit", cw_application_quit_action },
};

static const struct {
  const char *action;
  const char *accels[2];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "accounts.add-aws", { "<Control><Shift>a", NULL } },
  { "accounts.add-tidbcloud", { "<Control><Shift>t", NULL } },
  { "accounts.import", { "<Control>i", NULL } },
};

static void
cw_application_class_init (CwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = cw_application_dispose;
  app_class->activate = cw_application_activate;
  app_class->startup = cw_application_startup;
  app_class->shutdown = cw_application_shutdown;
  app_class->handle_local_options = cw_application_handle_local_options;
  gtk_app_class->window_removed = cw_application_window_removed;
}

static const GOptionEntry main_options[] = {
  { "sandbox", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Use a simulated AWS and TiDB Cloud on this computer instead of real accounts"), NULL },
  { "time-scale", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("How fast the sandbox’s clock runs: 1 is as slow as AWS, 0.2 (the default) five times faster"), N_("FACTOR") },
  { "scenario", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The sandbox’s starting world: default or large"), N_("NAME") },
  { "faults", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Faults the sandbox injects, as causeway-sandbox --faults takes them"), N_("SPEC") },
  { "print-sandbox-environment", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the variables that point the AWS CLI at the sandbox"), NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window, watching the links (as at login)"), NULL },
  { NULL }
};

static void
cw_application_init (CwApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_options);
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

/* The sandbox this run talks to, or NULL when it talks to the real clouds. */
CwSandbox *
cw_application_get_sandbox (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);
  return self->sandbox;
}

CwWatchService *
cw_application_get_watch_service (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);
  return self->watch;
}

GSettings *
cw_application_get_settings (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);
  return self->settings;
}
