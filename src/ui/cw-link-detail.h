/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-detail.h: the selected link of the links view, resource by resource
 *
 * Its status and why, every resource on both sides with its id and state and a button
 * that opens it in the AWS or TiDB Cloud console, the target's health in words, and the
 * registered address against the database's current one, and its timeline with the
 * choice of automatic repair (CwLinkActivityView), and what uses the link, with the test
 * from TiDB Cloud and a new changefeed (CwLinkDataflows). The actions (accept, re-sync,
 * delete) are the links view's; the detail shows their progress and errors.
 */
#pragma once

#include <adwaita.h>

#include "cw-clouds.h"
#include "cw-link.h"
#include "cw-progress-view.h"

G_BEGIN_DECLS

#define CW_TYPE_LINK_DETAIL (cw_link_detail_get_type ())
G_DECLARE_FINAL_TYPE (CwLinkDetail, cw_link_detail, CW, LINK_DETAIL, AdwBin)

void            cw_link_detail_set_link           (CwLinkDetail *self,
                                                   CwLink       *link);
CwLink         *cw_link_detail_get_link           (CwLinkDetail *self);
void            cw_link_detail_set_clouds         (CwLinkDetail *self,
                                                   CwClouds     *clouds);
void            cw_link_detail_set_busy           (CwLinkDetail *self,
                                                   const char   *what);
void            cw_link_detail_show_error         (CwLinkDetail *self,
                                                   const char   *message);
CwProgressView *cw_link_detail_show_progress      (CwLinkDetail *self,
                                                   const char   *heading);
void            cw_link_detail_hide_progress      (CwLinkDetail *self);

G_END_DECLS
