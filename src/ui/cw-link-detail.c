/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-detail.c */
#define G_LOG_DOMAIN "cw-link-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-link-activity-view.h"
#include "cw-link-dataflows.h"
#include "cw-link-detail.h"
#include "cw-link-item.h"
#include "cw-target-health.h"
#include "cw-window.h"

typedef enum {
  ROW_CONNECTION,
  ROW_CLUSTER,
  ROW_ENDPOINT,
  ROW_SERVICE,
  ROW_LOAD_BALANCER,
  ROW_LISTENER,
  ROW_TARGET_GROUP,
  ROW_TARGET,
  ROW_DATABASE,
  ROW_ADDRESSES,
  N_ROWS
} RowId;

/* The rows, in their groups; a row with a console label has a button that opens the
 * resource in its console. */
static const struct {
  const char *title;
  const char *console;
  gboolean    aws;
} row_specs[N_ROWS] = {
  [ROW_CONNECTION] = { N_("Private Link Connection"), NULL, FALSE },
  [ROW_CLUSTER] = { N_("Cluster"), N_("Open the cluster in the TiDB Cloud console"), FALSE },
  [ROW_ENDPOINT] = { N_("TiDB Cloud’s Endpoint"), NULL, FALSE },
  [ROW_SERVICE] = { N_("Endpoint Service"), N_("Open the endpoint service in the AWS console"), TRUE },
  [ROW_LOAD_BALANCER] = { N_("Network Load Balancer"), N_("Open the load balancer in the AWS console"), TRUE },
  [ROW_LISTENER] = { N_("Listener"), NULL, TRUE },
  [ROW_TARGET_GROUP] = { N_("Target Group"), N_("Open the target group in the AWS console"), TRUE },
  [ROW_TARGET] = { N_("Target"), NULL, TRUE },
  [ROW_DATABASE] = { N_("Database"), N_("Open the database in the AWS console"), TRUE },
  [ROW_ADDRESSES] = { N_("Registered and Current Address"), NULL, TRUE },
};

struct _CwLinkDetail
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  GtkLabel            *title_label;
  GtkLabel            *status_label;
  GtkLabel            *reasons_label;
  GtkLabel            *managed_label;
  GtkWidget           *accept_button;
  GtkWidget           *resync_button;
  GtkSpinner          *busy_spinner;
  GtkLabel            *busy_label;
  GtkLabel            *error_label;
  AdwPreferencesGroup *tidb_group;
  AdwPreferencesGroup *aws_group;
  AdwPreferencesGroup *databases_group;
  GPtrArray           *database_rows;   /* the group's rows, to take out again */
  char                *databases_shown; /* what they show */
  CwLinkDataflows     *dataflows;
  CwLinkActivityView  *activity_view;
  GtkLabel            *progress_label;
  CwProgressView      *progress_view;

  AdwActionRow        *rows[N_ROWS];
  GtkWidget           *console_buttons[N_ROWS];
  CwClouds            *clouds;
  CwLink              *link;
  gboolean             progress_shown;
};

G_DEFINE_FINAL_TYPE (CwLinkDetail, cw_link_detail, ADW_TYPE_BIN)

/* ---- what each row says ---- */

/* "a · b · c", leaving out what is not known. */
static char *
facts (const char *first,
       const char *second,
       const char *third)
{
  const char *all[] = { first, second, third };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (all[i] != NULL && *all[i] != '\0')
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", all[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
field (CwLinkDetail *self,
       CwLinkField   which)
{
  return cw_link_get (self->link, which);
}

static char *
aws_console_uri (CwLinkDetail *self,
                 const char   *console,
                 const char   *fragment,
                 CwLinkField   id_field)
{
  const char *region = field (self, CW_LINK_REGION);
  const char *id = field (self, id_field);

  if (region == NULL || id == NULL)
    return NULL;
  return g_strdup_printf ("https://%s.console.aws.amazon.com/%s/home?region=%s#%s=%s", region, console, region,
                          fragment, id);
}

static char *
tidb_console_uri (CwLinkDetail *self)
{
  const char *cluster_id = field (self, CW_LINK_CLUSTER_ID);

  return cluster_id ? g_strdup_printf ("https://tidbcloud.com/clusters/%s/overview", cluster_id) : NULL;
}

/* The subtitle says what the row's resource is now, for sight and for screen readers;
 * the console button opens @uri, if there is one. */
static void
show_row (CwLinkDetail *self,
          RowId         id,
          const char   *subtitle,
          const char   *uri)
{
  AdwActionRow *row = self->rows[id];
  GtkWidget *button = self->console_buttons[id];

  adw_action_row_set_subtitle (row, subtitle ? subtitle : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "",
                                  -1);
  if (button == NULL)
    return;
  gtk_widget_set_visible (button, uri != NULL);
  if (uri != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uri);
}

static char *
describe_connection (CwLinkDetail *self)
{
  g_autofree char *connection = facts (field (self, CW_LINK_PRIVATE_LINK_ID), field (self, CW_LINK_TIDB_STATE), NULL);

  if (field (self, CW_LINK_PRIVATE_LINK_ID) == NULL)
    return g_strdup (_("Not created: the run stopped before TiDB Cloud’s side was made"));
  if (field (self, CW_LINK_TIDB_MESSAGE) != NULL)
    return g_strdup_printf ("%s\n%s", connection, field (self, CW_LINK_TIDB_MESSAGE));
  return g_steal_pointer (&connection);
}

static void
show_tidb_rows (CwLinkDetail *self)
{
  g_autofree char *connection = describe_connection (self);
  /* The name people know it by, then the id the API and the console take. */
  g_autofree char *cluster = facts (field (self, CW_LINK_CLUSTER_NAME), field (self, CW_LINK_CLUSTER_ID),
                                    field (self, CW_LINK_REGION));
  g_autofree char *endpoint = facts (field (self, CW_LINK_ENDPOINT_ID), field (self, CW_LINK_CONNECTION_STATE), NULL);
  g_autofree char *console = tidb_console_uri (self);

  show_row (self, ROW_CONNECTION, connection, NULL);
  show_row (self, ROW_CLUSTER, cluster, console);
  show_row (self, ROW_ENDPOINT, *endpoint ? endpoint : _("None yet: TiDB Cloud has not made its endpoint"), NULL);
}

static char *
describe_service (CwLinkDetail *self)
{
  if (field (self, CW_LINK_ENDPOINT_SERVICE_ID) == NULL && field (self, CW_LINK_ENDPOINT_SERVICE_NAME) != NULL)
    return g_strdup_printf (_("%s · not found in this account"), field (self, CW_LINK_ENDPOINT_SERVICE_NAME));
  if (field (self, CW_LINK_ENDPOINT_SERVICE_NAME) == NULL)
    return g_strdup (_("None"));
  return facts (field (self, CW_LINK_ENDPOINT_SERVICE_ID), field (self, CW_LINK_ENDPOINT_SERVICE_STATE),
                field (self, CW_LINK_ENDPOINT_SERVICE_NAME));
}

static void
show_service_rows (CwLinkDetail *self)
{
  g_autofree char *service = describe_service (self);
  g_autofree char *balancer = facts (field (self, CW_LINK_LOAD_BALANCER_NAME), field (self, CW_LINK_LOAD_BALANCER_STATE),
                                     NULL);
  g_autofree char *listener = NULL;
  g_autofree char *service_uri = aws_console_uri (self, "vpcconsole", "EndpointServiceDetails:endpointServiceId",
                                                  CW_LINK_ENDPOINT_SERVICE_ID);
  g_autofree char *balancer_uri = aws_console_uri (self, "ec2", "LoadBalancer:loadBalancerArn",
                                                   CW_LINK_LOAD_BALANCER_ARN);

  if (cw_link_get_listener (self->link))
    listener = g_strdup_printf (_("TCP port %u, forwarding to the target group"), cw_link_get_port (self->link));
  else
    listener = g_strdup (_("No listener forwards to a target group"));
  show_row (self, ROW_SERVICE, service, service_uri);
  show_row (self, ROW_LOAD_BALANCER, *balancer ? balancer : _("None"), balancer_uri);
  show_row (self, ROW_LISTENER, listener, NULL);
}

static char *
describe_target (CwLinkDetail *self)
{
  const char *ip = field (self, CW_LINK_REGISTERED_IP);
  g_autofree char *address = ip ? g_strdup_printf ("%s:%u", ip, cw_link_get_port (self->link)) : NULL;
  g_autofree char *explained = cw_target_health_explain (field (self, CW_LINK_TARGET_HEALTH_REASON));
  g_autofree char *target = facts (address, field (self, CW_LINK_TARGET_HEALTH), NULL);

  if (ip == NULL)
    return g_strdup (_("No target is registered"));
  if (explained != NULL)
    return g_strdup_printf ("%s\n%s", target, explained);
  return g_steal_pointer (&target);
}

static char *
compare_addresses (CwLinkDetail *self)
{
  const char *registered = field (self, CW_LINK_REGISTERED_IP);
  const char *current = field (self, CW_LINK_DATABASE_IP);

  if (registered == NULL)
    return g_strdup (_("No address is registered"));
  if (current == NULL)
    return g_strdup_printf (_("Registered %s; the database’s current address is not known"), registered);
  if (g_str_equal (registered, current))
    return g_strdup_printf (_("Registered %s, which is the database’s current address"), registered);
  return g_strdup_printf (_("Registered %s, but the database is now at %s: re-sync the target"), registered, current);
}

static void
show_target_rows (CwLinkDetail *self)
{
  g_autofree char *port = cw_link_get_port (self->link) ? g_strdup_printf (_("TCP %u"), cw_link_get_port (self->link))
                                                         : NULL;
  g_autofree char *group = facts (field (self, CW_LINK_TARGET_GROUP_NAME), port, NULL);
  g_autofree char *target = describe_target (self);
  g_autofree char *database_label = cw_link_dup_database_label (self->link);
  g_autofree char *database = facts (database_label, field (self, CW_LINK_DATABASE_IP), NULL);
  g_autofree char *addresses = compare_addresses (self);
  g_autofree char *group_uri = aws_console_uri (self, "ec2", "TargetGroup:targetGroupArn", CW_LINK_TARGET_GROUP_ARN);
  g_autofree char *database_uri = aws_console_uri (self, "rds", "database:id", CW_LINK_DATABASE_ID);

  show_row (self, ROW_TARGET_GROUP, field (self, CW_LINK_TARGET_GROUP_NAME) ? group : _("None"), group_uri);
  show_row (self, ROW_TARGET, target, NULL);
  show_row (self, ROW_DATABASE, *database ? database : _("Not known: no database has the target’s address"),
            database_uri);
  show_row (self, ROW_ADDRESSES, addresses, NULL);
}

/* ---- the databases ---- */

static char *
describe_database (CwLink *database)
{
  g_autofree char *port = g_strdup_printf (_("port %u"), cw_link_get_listener_port (database));
  const char *status = cw_link_get_checking (database) ? cw_link_item_status_label (database)
                                                       : cw_link_status_to_label (cw_link_get_database_status (database));

  return facts (port, cw_link_get (database, CW_LINK_TARGET_GROUP_NAME), status);
}

/* A button acting on @database, one added to the link; @name says what it does to which. */
static GtkWidget *
database_button (CwLink     *database,
                 const char *mnemonic,
                 char       *name,
                 const char *action)
{
  g_autofree char *owned_name = name;
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, owned_name, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", cw_link_get (database, CW_LINK_DATABASE_ID));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

/* The link's own database and those added to it, each with the port TiDB Cloud's dataflows
 * name; an added one can be re-synced and taken off the link here. */
static void
add_database_row (CwLinkDetail *self,
                  CwLink       *database)
{
  g_autofree char *label = cw_link_dup_database_label (database);
  g_autofree char *subtitle = describe_database (database);
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label ? label : _("Not known"));
  adw_action_row_set_subtitle (row, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label ? label : _("Not known"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  if (cw_link_get_added (database) && cw_link_get_database_status (database) == CW_LINK_DRIFTED)
    adw_action_row_add_suffix (row, database_button (database, _("Re-_sync"), g_strdup_printf (_("Re-sync %s"), label),
                                                     "links.resync-database"));
  if (cw_link_get_added (database))
    adw_action_row_add_suffix (row, database_button (database, _("_Remove"),
                                                     g_strdup_printf (_("Remove %s from the link"), label),
                                                     "links.remove-database"));
  adw_preferences_group_add (self->databases_group, GTK_WIDGET (row));
  g_ptr_array_add (self->database_rows, row);
}

/* What the rows show, to rebuild them only when it changes: a refresh that changes
 * nothing leaves the rows (and the keyboard focus on them) alone. */
static char *
databases_signature (CwLink *link)
{
  GPtrArray *added = cw_link_get_added_databases (link);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i <= added->len; i++)
    {
      CwLink *database = i == 0 ? link : g_ptr_array_index (added, i - 1);
      g_autofree char *description = describe_database (database);

      g_string_append_printf (text, "%s\n%s\n", cw_link_get (database, CW_LINK_DATABASE_ID), description);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_databases (CwLinkDetail *self)
{
  GPtrArray *added = cw_link_get_added_databases (self->link);
  g_autofree char *signature = databases_signature (self->link);

  if (g_strcmp0 (signature, self->databases_shown) == 0)
    return;
  g_free (self->databases_shown);
  self->databases_shown = g_steal_pointer (&signature);
  for (guint i = 0; i < self->database_rows->len; i++)
    adw_preferences_group_remove (self->databases_group, g_ptr_array_index (self->database_rows, i));
  g_ptr_array_set_size (self->database_rows, 0);
  add_database_row (self, self->link);
  for (guint i = 0; i < added->len; i++)
    add_database_row (self, g_ptr_array_index (added, i));
}

/* ---- the header ---- */

static char *
describe_managed (CwLink *link)
{
  const char *created_by = cw_link_get (link, CW_LINK_CREATED_BY);

  if (cw_link_get_managed (link))
    return g_strdup_printf (_("Made by Causeway · link %s"), cw_link_get (link, CW_LINK_LINK_ID));
  if (created_by != NULL)
    return g_strdup_printf (_("Made outside Causeway by %s: only its TiDB Cloud connection can be deleted here."),
                            created_by);
  return g_strdup (_("Made outside Causeway: only its TiDB Cloud connection can be deleted here."));
}

static void
show_header (CwLinkDetail *self)
{
  CwLinkStatus status = cw_link_get_status (self->link);
  const char * const *reasons = cw_link_item_status_reasons (self->link);
  g_autofree char *reason_text = g_strjoinv ("\n", (char **) reasons);
  g_autofree char *managed = describe_managed (self->link);
  const char *name = field (self, CW_LINK_DISPLAY_NAME);

  gtk_label_set_text (self->title_label, name ? name : cw_link_key (self->link));
  gtk_label_set_text (self->status_label, cw_link_item_status_label (self->link));
  gtk_widget_set_css_classes (GTK_WIDGET (self->status_label),
                              (const char *[]) { "badge", cw_link_item_status_style (self->link), NULL });
  if (cw_link_get_checking (self->link))
    gtk_label_set_text (self->reasons_label, _("Causeway is reading the link’s health."));
  else
    gtk_label_set_text (self->reasons_label, reasons[0] ? reason_text
                                                        : _("TiDB Cloud reaches the database through this link."));
  gtk_label_set_text (self->managed_label, managed);
  gtk_widget_set_visible (self->accept_button, status == CW_LINK_PENDING_ACCEPTANCE &&
                                               field (self, CW_LINK_ENDPOINT_ID) != NULL);
  gtk_widget_set_visible (self->resync_button, field (self, CW_LINK_TARGET_GROUP_ARN) != NULL);
  /* The header's re-sync is the link's own database's; an added one has its own row. */
  if (cw_link_get_database_status (self->link) == CW_LINK_DRIFTED)
    gtk_widget_add_css_class (self->resync_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->resync_button, "suggested-action");
}

/* ---- public ---- */

static const char *
page_for (CwLinkDetail *self)
{
  if (self->progress_shown)
    return "progress";
  return self->link ? "link" : "none";
}

/* Shows @link (NULL: none); the same link refreshed keeps the page where it was. */
void
cw_link_detail_set_link (CwLinkDetail *self,
                         CwLink       *link)
{
  g_return_if_fail (CW_IS_LINK_DETAIL (self));
  g_set_object (&self->link, link);
  if (link != NULL)
    {
      show_header (self);
      show_tidb_rows (self);
      show_service_rows (self);
      show_target_rows (self);
      show_databases (self);
    }
  cw_link_dataflows_set_link (self->dataflows, self->clouds, link);
  cw_link_activity_view_set_link (self->activity_view, link);
  gtk_stack_set_visible_child_name (self->stack, page_for (self));
}

/* The clients the link's dataflows are asked about and changed with (NULL: none yet). */
void
cw_link_detail_set_clouds (CwLinkDetail *self,
                           CwClouds     *clouds)
{
  g_return_if_fail (CW_IS_LINK_DETAIL (self));
  if (!g_set_object (&self->clouds, clouds))
    return;
  cw_link_dataflows_set_link (self->dataflows, clouds, self->link);
}

CwLink *
cw_link_detail_get_link (CwLinkDetail *self)
{
  g_return_val_if_fail (CW_IS_LINK_DETAIL (self), NULL);
  return self->link;
}

/* What is under way for the link (NULL: nothing). */
void
cw_link_detail_set_busy (CwLinkDetail *self,
                         const char   *what)
{
  g_return_if_fail (CW_IS_LINK_DETAIL (self));
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), what != NULL);
  gtk_spinner_set_spinning (self->busy_spinner, what != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_label), what != NULL);
  gtk_label_set_text (self->busy_label, what ? what : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->busy_spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  what ? what : "", -1);
}

/* Why the last action on the link failed (NULL: it did not). */
void
cw_link_detail_show_error (CwLinkDetail *self,
                           const char   *message)
{
  g_return_if_fail (CW_IS_LINK_DETAIL (self));
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Shows the progress page under @heading, and returns its view to run in. */
CwProgressView *
cw_link_detail_show_progress (CwLinkDetail *self,
                              const char   *heading)
{
  g_return_val_if_fail (CW_IS_LINK_DETAIL (self), NULL);
  gtk_label_set_text (self->progress_label, heading);
  self->progress_shown = TRUE;
  gtk_stack_set_visible_child_name (self->stack, page_for (self));
  return self->progress_view;
}

void
cw_link_detail_hide_progress (CwLinkDetail *self)
{
  g_return_if_fail (CW_IS_LINK_DETAIL (self));
  self->progress_shown = FALSE;
  gtk_stack_set_visible_child_name (self->stack, page_for (self));
}

/* ---- the console ---- */

static void
console_opened (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_widget_get_ancestor (self, CW_TYPE_WINDOW);

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) && window != NULL)
    cw_window_add_toast (CW_WINDOW (window), error->message);
}

static void
open_console_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_show_uri_full (GTK_WINDOW (root), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME, NULL,
                     console_opened, g_object_ref (widget));
}

static GtkWidget *
console_button_new (const char *accessible_label,
                    gboolean    aws)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("adw-external-link-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, aws ? _("Open in the AWS Console") : _("Open in the TiDB Cloud Console"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "detail.open-console");
  return button;
}

static void
add_rows (CwLinkDetail *self)
{
  for (guint i = 0; i < N_ROWS; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(row_specs[i].title));
      adw_action_row_set_subtitle_lines (row, 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, _(row_specs[i].title), -1);
      if (row_specs[i].console != NULL)
        {
          self->console_buttons[i] = console_button_new (_(row_specs[i].console), row_specs[i].aws);
          adw_action_row_add_suffix (row, self->console_buttons[i]);
        }
      adw_preferences_group_add (row_specs[i].aws ? self->aws_group : self->tidb_group, GTK_WIDGET (row));
      self->rows[i] = row;
    }
}

static void
cw_link_detail_dispose (GObject *object)
{
  CwLinkDetail *self = CW_LINK_DETAIL (object);

  g_clear_object (&self->link);
  g_clear_object (&self->clouds);
  g_clear_pointer (&self->database_rows, g_ptr_array_unref);
  g_clear_pointer (&self->databases_shown, g_free);
  /* The template's child goes through AdwBin, which would otherwise keep a pointer to it
   * after the template is disposed. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_LINK_DETAIL);
  G_OBJECT_CLASS (cw_link_detail_parent_class)->dispose (object);
}

static void
cw_link_detail_class_init (CwLinkDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_link_detail_dispose;

  g_type_ensure (CW_TYPE_PROGRESS_VIEW);
  g_type_ensure (CW_TYPE_LINK_ACTIVITY_VIEW);
  g_type_ensure (CW_TYPE_LINK_DATAFLOWS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-link-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, managed_label);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, accept_button);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, resync_button);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, busy_label);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, tidb_group);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, aws_group);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, databases_group);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, dataflows);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, activity_view);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CwLinkDetail, progress_view);
  gtk_widget_class_install_action (widget_class, "detail.open-console", "s", open_console_action);
}

static void
cw_link_detail_init (CwLinkDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->database_rows = g_ptr_array_new ();
  add_rows (self);
}
