/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-list-state.c */
#define G_LOG_DOMAIN "cw-list-state"

#include "config.h"

#include "cw-list-state.h"

struct _CwListState
{
  AdwBin      parent_instance;
  GtkStack   *stack;
  GtkSpinner *spinner;
  GtkLabel   *message_label;
  GtkWidget  *retry_button;
  AdwBin     *content;
};

G_DEFINE_FINAL_TYPE (CwListState, cw_list_state, ADW_TYPE_BIN)

enum {
  RETRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_retry_clicked (CwListState *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

static void
show (CwListState *self,
      const char  *page)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

void
cw_list_state_set_content (CwListState *self,
                           GtkWidget   *content)
{
  g_return_if_fail (CW_IS_LIST_STATE (self));
  adw_bin_set_child (self->content, content);
}

void
cw_list_state_loading (CwListState *self,
                       const char  *what)
{
  g_return_if_fail (CW_IS_LIST_STATE (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, what, -1);
  show (self, "loading");
}

static void
show_message (CwListState *self,
              const char  *message,
              gboolean     can_retry)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (self->retry_button, can_retry);
  if (can_retry)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  show (self, "message");
}

void
cw_list_state_empty (CwListState *self,
                     const char  *message)
{
  g_return_if_fail (CW_IS_LIST_STATE (self));
  show_message (self, message, FALSE);
}

void
cw_list_state_failed (CwListState *self,
                      const char  *message)
{
  g_return_if_fail (CW_IS_LIST_STATE (self));
  show_message (self, message, TRUE);
}

void
cw_list_state_loaded (CwListState *self)
{
  g_return_if_fail (CW_IS_LIST_STATE (self));
  show (self, "content");
}

static void
cw_list_state_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CW_TYPE_LIST_STATE);
  G_OBJECT_CLASS (cw_list_state_parent_class)->dispose (object);
}

static void
cw_list_state_class_init (CwListStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_list_state_dispose;

  /* The user asked to load the list again after an error. */
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-list-state.ui");
  gtk_widget_class_bind_template_child (widget_class, CwListState, stack);
  gtk_widget_class_bind_template_child (widget_class, CwListState, spinner);
  gtk_widget_class_bind_template_child (widget_class, CwListState, message_label);
  gtk_widget_class_bind_template_child (widget_class, CwListState, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CwListState, content);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
}

static void
cw_list_state_init (CwListState *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
