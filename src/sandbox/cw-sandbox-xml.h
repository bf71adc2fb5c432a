/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-xml.h: writes the sandbox's AWS answers
 *
 * AWS answers are small, flat documents written front to back; a string builder with
 * an element stack is all they need, and it keeps the exact element order the botocore
 * shapes list.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CwSbXml CwSbXml;

CwSbXml *cw_sb_xml_new     (const char *root,
                            const char *xml_namespace);
void     cw_sb_xml_free    (CwSbXml    *self);
char    *cw_sb_xml_finish  (CwSbXml    *self);
void     cw_sb_xml_open    (CwSbXml    *self,
                            const char *name);
void     cw_sb_xml_close   (CwSbXml    *self);
void     cw_sb_xml_text    (CwSbXml    *self,
                            const char *name,
                            const char *value);
void     cw_sb_xml_int     (CwSbXml    *self,
                            const char *name,
                            gint64      value);
void     cw_sb_xml_bool    (CwSbXml    *self,
                            const char *name,
                            gboolean    value);
void     cw_sb_xml_time    (CwSbXml    *self,
                            const char *name,
                            gint64      wall_usec);
void     cw_sb_xml_strings (CwSbXml    *self,
                            const char *list_name,
                            const char *item_name,
                            const char * const *values);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSbXml, cw_sb_xml_free)

char    *cw_sb_iso8601     (gint64      wall_usec);

G_END_DECLS
