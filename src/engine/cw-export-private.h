/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-export-private.h: what the exports share: the plan's decisions, read once from its
 * journal (cw-export.c), for the Terraform configuration (cw-export-terraform.c) and the
 * AWS CLI script (cw-export-aws-cli.c)
 */
#pragma once

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cw-export.h"
#include "cw-provisioner.h"

G_BEGIN_DECLS

typedef struct {
  const char *link_id;
  const char *added_to;         /* a database added to this link, or NULL */
  guint       listener_port;    /* the load balancer's port for the database */
  const char *endpoint_service_id;  /* the link's, for a database added to it */
  const char *cluster_id;
  const char *region;
  const char *database_id;
  const char *vpc_id;
  guint       port;
  const char *database_ip;
  GStrv       subnet_ids;
  const char *target_group_name;
  const char *load_balancer_name;
  const char *display_name;
  const char *nlb_group;        /* chosen, or NULL: the link's own */
  const char *database_group;   /* NULL: no rule */
  gboolean    egress_to_group;  /* the link's own group lets out only to … */
  char       *egress_to;        /* … the database's group, or its address as a /32 */
  gboolean    cross_zone;
  char       *principal;
  char       *own_group_name;
  char       *client_token;
  char       *comment_name;   /* the display name, safe in a comment */
} Spec;

char *cw_export_comment_shell_word (const char *text);
char *cw_export_ticloud_command (Spec       *spec,
                                 const char *line_break);
void cw_export_spec_read (Spec      *spec,
                          CwJournal *journal);
void cw_export_spec_clear (Spec *spec);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Spec, cw_export_spec_clear)

G_END_DECLS
