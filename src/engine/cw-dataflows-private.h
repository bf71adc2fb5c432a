/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-dataflows-private.h: the link and login checks of cw-dataflows.c, for its unit
 * test and for the migrations' file to come
 *
 * A changefeed's test and a migration's precheck both have TiDB Cloud sign in to the
 * database through the link; whether the link can carry that, and what TiDB Cloud's
 * refusal means, are decided here once.
 */
#pragma once

#include "cw-dataflows.h"

G_BEGIN_DECLS

/* A user name and a password (an empty one is a password too). */
gboolean  cw_dataflows_check_login           (const CwSqlLogin  *login,
                                              GError           **error);
/* Whether TiDB Cloud can use @link now: its private link connection ACTIVE, its target
 * neither moved nor unhealthy. Else @error says what to do first. */
gboolean  cw_dataflows_check_link            (CwLink            *link,
                                              GError           **error);
/* TiDB Cloud's refusal to reach the database through @link as @user, in words that say
 * what to do: wrong user or password, TLS required, link not active, not reached. Takes
 * @error; returns it untouched when it is not such a refusal. */
GError   *cw_dataflows_explain_connect_error (GError            *error,
                                              CwLink            *link,
                                              const char        *user);

/* The migration's readiness checks (CwCheck) of a database with @backup_retention_period
 * days of backups whose @parameter_group sets these values (NULL: not set). */
GPtrArray *cw_dataflows_migration_checks (int         backup_retention_period,
                                          const char *parameter_group,
                                          const char *binlog_format,
                                          const char *binlog_row_image);

G_END_DECLS
