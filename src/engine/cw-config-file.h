/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-config-file.h: the INI files of the AWS CLI and the TOML subset of the TiDB Cloud CLI
 *
 * Both are sections of "key = value" lines; they differ in how values are quoted. Errors
 * name the file and the line, so the user can find what to fix.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CW_CONFIG_SYNTAX_INI,   /* ~/.aws/credentials, ~/.aws/config: bare values, indented sub-settings */
  CW_CONFIG_SYNTAX_TOML,  /* ~/.ticloud/config.toml: quoted strings, inline comments */
} CwConfigSyntax;

typedef struct _CwConfigFile CwConfigFile;

CwConfigFile     *cw_config_file_parse        (const char      *text,
                                               gssize           length,
                                               CwConfigSyntax   syntax,
                                               const char      *display_name,
                                               GError         **error);
CwConfigFile     *cw_config_file_load         (const char      *path,
                                               CwConfigSyntax   syntax,
                                               GError         **error);
const GPtrArray  *cw_config_file_get_sections (CwConfigFile    *self);
const char       *cw_config_file_get          (CwConfigFile    *self,
                                               const char      *section,
                                               const char      *key);
void              cw_config_file_free         (CwConfigFile    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwConfigFile, cw_config_file_free)

G_END_DECLS
