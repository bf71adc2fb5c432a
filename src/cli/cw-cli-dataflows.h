/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-dataflows.h: what the commands that use a link share (test, replicate,
 * migrate): the SQL users TiDB Cloud signs in as, and a dataflow as JSON
 *
 * A password never comes from the command line, where other users of the machine see
 * it: it comes from the environment (MYSQL_PWD, TIDB_PWD, as the MySQL client reads
 * them) or from the keyring, where Causeway saved it.
 */
#pragma once

#include "cw-cli.h"
#include "cw-dataflows.h"

G_BEGIN_DECLS

typedef struct {
  char *user;       /* --mysql-user USER */
  char *account;    /* --mysql-account LABEL: a saved SQL user, by its keyring label */
  char *password;   /* what cw_cli_sql_login_resolve() found; wiped by the clear */
} CwCliSqlLogin;

void     cw_cli_sql_login_clear   (CwCliSqlLogin      *login);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CwCliSqlLogin, cw_cli_sql_login_clear)

/* Finds @login's user and password: for --mysql-user (@user_option), the password from
 * @environment, else the keyring's for that user of @database; for --mysql-account
 * (@account_option), the saved user of @database with that label. @database names the
 * database (its user is ignored), or is NULL when Causeway does not know it: then only
 * @environment can give the password. Neither or both options are a usage error
 * (G_OPTION_ERROR). */
gboolean cw_cli_sql_login_resolve (CwCliSqlLogin      *login,
                                   const CwSqlUser    *database,
                                   const char         *environment,
                                   const char         *user_option,
                                   const char         *account_option,
                                   GError            **error);

void     cw_cli_json_dataflow     (JsonBuilder        *builder,
                                   CwDataflow         *dataflow);

G_END_DECLS
