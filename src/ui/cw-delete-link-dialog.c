/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-delete-link-dialog.c: the question before a link is deleted (see the .h)
 *
 * TiDB Cloud's dataflows through the link are read while the question is asked: they
 * stop when the link goes, and the person deciding should see which. */
#define G_LOG_DOMAIN "cw-delete-link-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-dataflows.h"
#include "cw-delete-link-dialog.h"
#include "cw-link-item.h"
#include "cw-link-teardown.h"
#include "cw-widgets.h"

struct _CwDeleteLinkDialog
{
  AdwMessageDialog  parent_instance;

  GtkLabel         *dataflows_label;
  GtkListBox       *dataflows;
  GtkListBox       *resources;

  CwLink           *link;
  CwJournal        *journal;      /* NULL: a link made by hand */
  GCancellable     *cancellable;  /* of the dataflows' list */
};

G_DEFINE_FINAL_TYPE (CwDeleteLinkDialog, cw_delete_link_dialog, ADW_TYPE_MESSAGE_DIALOG)

static const char *
link_name (CwLink *link)
{
  const char *name = cw_link_get (link, CW_LINK_DISPLAY_NAME);

  return name ? name : cw_link_key (link);
}

static void
list_deletions (CwDeleteLinkDialog *self)
{
  g_autoptr(GPtrArray) deletions = cw_link_list_deletions (self->link, self->journal);

  for (guint i = 0; i < deletions->len; i++)
    {
      CwLinkDeletion *deletion = g_ptr_array_index (deletions, i);

      gtk_list_box_append (self->resources, cw_info_row_new (deletion->kind, deletion->what));
    }
}

static void
ask (CwDeleteLinkDialog *self)
{
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (self);

  if (self->journal != NULL)
    {
      adw_message_dialog_format_heading (message, _("Delete “%s”?"), link_name (self->link));
      adw_message_dialog_set_body (message, _("These resources are deleted, in this order. Nothing else is touched, "
                                              "and TiDB Cloud can no longer reach the database through this link."));
      list_deletions (self);
      return;
    }
  adw_message_dialog_format_heading (message, _("Delete the TiDB Cloud Connection of “%s”?"), link_name (self->link));
  adw_message_dialog_format_body (message, _("This link was made outside Causeway. Only its private link "
                                             "connection %s is deleted from TiDB Cloud; its endpoint service, load "
                                             "balancer and target group stay in AWS: delete them where they were "
                                             "made."),
                                  cw_link_get (self->link, CW_LINK_PRIVATE_LINK_ID));
  gtk_widget_set_visible (GTK_WIDGET (self->resources), FALSE);
}

/* ---- the dataflows that stop ---- */

static void
show_dataflows_text (CwDeleteLinkDialog *self,
                     const char         *text)
{
  gtk_label_set_text (self->dataflows_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->dataflows_label), text != NULL);
}

static GtkWidget *
dataflow_row_new (CwDataflow *dataflow)
{
  const char *name = cw_dataflow_get_display_name (dataflow);
  g_autofree char *state = cw_dataflow_dup_state_label (dataflow);
  g_autofree char *what = g_strdup_printf ("%s · %s",
                                           cw_dataflow_get_kind (dataflow) == CW_DATAFLOW_CHANGEFEED ? _("Changefeed")
                                                                                                     : _("Migration"),
                                           state);

  return cw_info_row_new (name && *name ? name : cw_dataflow_get_id (dataflow), what);
}

static void
show_dataflows (CwDeleteLinkDialog *self,
                GPtrArray          *dataflows)
{
  for (guint i = 0; i < dataflows->len; i++)
    gtk_list_box_append (self->dataflows, dataflow_row_new (g_ptr_array_index (dataflows, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->dataflows), dataflows->len > 0);
  if (dataflows->len == 0)
    show_dataflows_text (self, _("No changefeed or migration uses this link."));
  else
    show_dataflows_text (self, ngettext ("This dataflow uses the link and stops with it:",
                                         "These dataflows use the link and stop with it:", dataflows->len));
}

static void
dataflows_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CwDeleteLinkDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = cw_dataflows_list_finish (result, &error);
  g_autoptr(GPtrArray) through_link = NULL;
  g_autofree char *unknown = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (all == NULL)
    {
      unknown = g_strdup_printf (_("Whether dataflows use this link is not known: %s"), error->message);
      show_dataflows_text (self, unknown);
      return;
    }
  through_link = cw_dataflows_filter_link (all, self->link);
  show_dataflows (self, through_link);
}

/* Lists, beside the question, the dataflows through the link, as @clouds tell them. */
void
cw_delete_link_dialog_list_dataflows (CwDeleteLinkDialog *self,
                                      CwClouds           *clouds)
{
  const char *cluster_ids[] = { cw_link_get (self->link, CW_LINK_CLUSTER_ID), NULL };

  g_return_if_fail (CW_IS_DELETE_LINK_DIALOG (self));
  if (clouds == NULL || cluster_ids[0] == NULL || cw_link_get (self->link, CW_LINK_PRIVATE_LINK_ID) == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_dataflows_text (self, _("Looking for the dataflows that use this link…"));
  cw_dataflows_list_async (clouds, cluster_ids, NULL, self->cancellable, dataflows_listed, g_object_ref (self));
}

/* ---- the GObject ---- */

static void
cw_delete_link_dialog_dispose (GObject *object)
{
  CwDeleteLinkDialog *self = CW_DELETE_LINK_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->link);
  g_clear_object (&self->journal);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_DELETE_LINK_DIALOG);
  G_OBJECT_CLASS (cw_delete_link_dialog_parent_class)->dispose (object);
}

static void
cw_delete_link_dialog_class_init (CwDeleteLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_delete_link_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/causeway/Causeway/cw-delete-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwDeleteLinkDialog, dataflows_label);
  gtk_widget_class_bind_template_child (widget_class, CwDeleteLinkDialog, dataflows);
  gtk_widget_class_bind_template_child (widget_class, CwDeleteLinkDialog, resources);
}

static void
cw_delete_link_dialog_init (CwDeleteLinkDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Asks whether @link goes: all of it with @journal, or only TiDB Cloud's side of a
 * link made by hand (@journal NULL). */
CwDeleteLinkDialog *
cw_delete_link_dialog_new (GtkWindow *parent,
                           CwLink    *link,
                           CwJournal *journal)
{
  CwDeleteLinkDialog *self = g_object_new (CW_TYPE_DELETE_LINK_DIALOG, "transient-for", parent, "modal", TRUE, NULL);

  g_return_val_if_fail (CW_IS_LINK (link), self);
  self->link = g_object_ref (link);
  self->journal = journal ? g_object_ref (journal) : NULL;
  ask (self);
  return self;
}

CwLink *
cw_delete_link_dialog_get_link (CwDeleteLinkDialog *self)
{
  g_return_val_if_fail (CW_IS_DELETE_LINK_DIALOG (self), NULL);
  return self->link;
}

CwJournal *
cw_delete_link_dialog_get_journal (CwDeleteLinkDialog *self)
{
  g_return_val_if_fail (CW_IS_DELETE_LINK_DIALOG (self), NULL);
  return self->journal;
}
