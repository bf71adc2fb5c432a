/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sql-login-dialog.h: the database's SQL user that TiDB Cloud signs in as, asked for
 * before a test or a changefeed through a link (DESIGN.md §12)
 *
 * A user already saved in the keyring for the link's database fills the form: its name
 * in the user row, its password kept here and never put in the password row, which an
 * empty password then means. "Remember in the Keyring" saves what was typed before the
 * dialog answers. It answers with ::confirmed once (the caller copies what it needs
 * from the getters then; the dialog closes right after), or closes without it.
 */
#pragma once

#include <adwaita.h>

#include "cw-link.h"
#include "cw-tidb-migration.h"

G_BEGIN_DECLS

/* What the login is for: the dialog's title, its button and, for a changefeed, the
 * table filter. A migration asks twice: the database's user it reads as, then the
 * cluster's SQL user it writes as, with its mode and the schemas or tables to copy. */
typedef enum {
  CW_SQL_LOGIN_FOR_TEST,
  CW_SQL_LOGIN_FOR_REPLICATE,
  CW_SQL_LOGIN_FOR_MIGRATE,
  CW_SQL_LOGIN_FOR_MIGRATE_INTO_TIDB,
} CwSqlLoginPurpose;

#define CW_TYPE_SQL_LOGIN_DIALOG (cw_sql_login_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CwSqlLoginDialog, cw_sql_login_dialog, CW, SQL_LOGIN_DIALOG, AdwWindow)

CwSqlLoginDialog *cw_sql_login_dialog_new              (GtkWindow         *parent,
                                                        CwLink            *link,
                                                        CwSqlLoginPurpose  purpose);
CwSqlLoginPurpose cw_sql_login_dialog_get_purpose      (CwSqlLoginDialog  *self);
/* In ::confirmed's handlers: the user, and the typed password or the keyring's for the
 * user. Borrowed: both are wiped when the dialog closes, right after. */
const char       *cw_sql_login_dialog_get_user         (CwSqlLoginDialog  *self);
const char       *cw_sql_login_dialog_get_password     (CwSqlLoginDialog  *self);
gboolean          cw_sql_login_dialog_get_tls          (CwSqlLoginDialog  *self);
/* The table filter's rules, or a migration's SCHEMA or SCHEMA.TABLE rules, split at
 * spaces and commas (empty: every table). */
char            **cw_sql_login_dialog_dup_filter_rules (CwSqlLoginDialog  *self);
/* For CW_SQL_LOGIN_FOR_REPLICATE: where the changefeed starts, NULL for now. */
GDateTime        *cw_sql_login_dialog_dup_start_time   (CwSqlLoginDialog  *self);
/* For CW_SQL_LOGIN_FOR_MIGRATE_INTO_TIDB: the existing data and its changes, or only
 * the changes. */
CwTidbMigrationMode cw_sql_login_dialog_get_migration_mode (CwSqlLoginDialog *self);

G_END_DECLS
