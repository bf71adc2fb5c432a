/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-step-row.c */
#define G_LOG_DOMAIN "cw-step-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-step-row.h"

struct _CwStepRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *number_label;
  GtkImage      *icon;
  GtkLabel      *title_label;
  GtkImage      *state_icon;

  char          *page_name;
  guint          number;
  CwSidebarState    state;
};

G_DEFINE_FINAL_TYPE (CwStepRow, cw_step_row, GTK_TYPE_LIST_BOX_ROW)

G_DEFINE_ENUM_TYPE (CwSidebarState, cw_sidebar_state,
                    G_DEFINE_ENUM_VALUE (CW_SIDEBAR_STATE_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (CW_SIDEBAR_STATE_TODO, "todo"),
                    G_DEFINE_ENUM_VALUE (CW_SIDEBAR_STATE_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (CW_SIDEBAR_STATE_ATTENTION, "attention"))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_PAGE_NAME,
  PROP_NUMBER,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
state_description (CwSidebarState state)
{
  switch (state)
    {
    case CW_SIDEBAR_STATE_TODO:
      return _("To do");
    case CW_SIDEBAR_STATE_DONE:
      return _("Done");
    case CW_SIDEBAR_STATE_ATTENTION:
      return _("Needs attention");
    case CW_SIDEBAR_STATE_NONE:
    default:
      return NULL;
    }
}

static void
update_state (CwStepRow *self)
{
  const char *icon_name = NULL;
  const char *description = state_description (self->state);

  if (self->state == CW_SIDEBAR_STATE_DONE)
    icon_name = "emblem-ok-symbolic";
  else if (self->state == CW_SIDEBAR_STATE_ATTENTION)
    icon_name = "dialog-warning-symbolic";
  gtk_image_set_from_icon_name (self->state_icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->state_icon), icon_name != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_icon), description);
  /* Screen readers (and the UI tests) read the state from the row's description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
}

static void
update_label (CwStepRow *self)
{
  const char *title = gtk_label_get_text (self->title_label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
cw_step_row_finalize (GObject *object)
{
  CwStepRow *self = CW_STEP_ROW (object);

  g_free (self->page_name);
  G_OBJECT_CLASS (cw_step_row_parent_class)->finalize (object);
}

static void
cw_step_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CwStepRow *self = CW_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_text (self->title_label));
      break;
    case PROP_PAGE_NAME:
      g_value_set_string (value, self->page_name);
      break;
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_step_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CwStepRow *self = CW_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gtk_label_set_text (self->title_label, g_value_get_string (value));
      update_label (self);
      break;
    case PROP_ICON_NAME:
      gtk_image_set_from_icon_name (self->icon, g_value_get_string (value));
      gtk_widget_set_visible (GTK_WIDGET (self->icon), g_value_get_string (value) != NULL);
      break;
    case PROP_PAGE_NAME:
      g_free (self->page_name);
      self->page_name = g_value_dup_string (value);
      break;
    case PROP_NUMBER:
      {
        g_autofree char *text = g_strdup_printf ("%u", g_value_get_uint (value));
        self->number = g_value_get_uint (value);
        gtk_label_set_text (self->number_label, text);
        gtk_widget_set_visible (GTK_WIDGET (self->number_label), self->number > 0);
      }
      break;
    case PROP_STATE:
      cw_step_row_set_state (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_step_row_class_init (CwStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cw_step_row_finalize;
  object_class->get_property = cw_step_row_get_property;
  object_class->set_property = cw_step_row_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL, G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_NAME] =
    g_param_spec_string ("page-name", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 0, 9, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CW_TYPE_SIDEBAR_STATE, CW_SIDEBAR_STATE_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CwStepRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, CwStepRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CwStepRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CwStepRow, state_icon);
}

static void
cw_step_row_init (CwStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
cw_step_row_get_page_name (CwStepRow *self)
{
  g_return_val_if_fail (CW_IS_STEP_ROW (self), NULL);
  return self->page_name;
}

gboolean
cw_step_row_is_step (CwStepRow *self)
{
  g_return_val_if_fail (CW_IS_STEP_ROW (self), FALSE);
  return self->number > 0;
}

guint
cw_step_row_get_number (CwStepRow *self)
{
  g_return_val_if_fail (CW_IS_STEP_ROW (self), 0);
  return self->number;
}

CwSidebarState
cw_step_row_get_state (CwStepRow *self)
{
  g_return_val_if_fail (CW_IS_STEP_ROW (self), CW_SIDEBAR_STATE_NONE);
  return self->state;
}

void
cw_step_row_set_state (CwStepRow   *self,
                       CwSidebarState  state)
{
  g_return_if_fail (CW_IS_STEP_ROW (self));
  if (self->state == state)
    return;
  self->state = state;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}
