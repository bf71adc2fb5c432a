/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-params.h: the parameters of an AWS Query request, as a tree
 *
 * "Filter.1.Value.2", "Subnets.member.1" and "Filters.Filter.1.Values.Value.1" are the
 * same idea spelled three ways (EC2's locationName lists, the query protocol's
 * "member" lists, RDS's named members). Splitting the names on dots gives a tree in
 * which a list is a node whose children are numbered, directly or under one named
 * level, so a handler reads every protocol the same way.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CwSbParams CwSbParams;

CwSbParams  *cw_sb_params_new_from_form (GHashTable  *form);
void         cw_sb_params_free          (CwSbParams  *self);
CwSbParams  *cw_sb_params_child         (CwSbParams  *self,
                                         const char  *path);
const char  *cw_sb_params_get           (CwSbParams  *self,
                                         const char  *path);
GPtrArray   *cw_sb_params_items         (CwSbParams  *self,
                                         const char  *path);
char       **cw_sb_params_strings       (CwSbParams  *self,
                                         const char  *path);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSbParams, cw_sb_params_free)

G_END_DECLS
