/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-database.h: an RDS DB instance or Aurora cluster as a link sees it
 *
 * Built from the RDS records, with the account's zone names turned into zone IDs, which
 * are what TiDB Cloud reports and what can be compared across accounts.
 */
#pragma once

#include <glib-object.h>

#include "cw-rds.h"

G_BEGIN_DECLS

typedef enum {
  CW_DATABASE_INSTANCE,
  CW_DATABASE_AURORA_CLUSTER,
} CwDatabaseKind;

#define CW_TYPE_DATABASE_KIND (cw_database_kind_get_type ())
GType       cw_database_kind_get_type  (void);
const char *cw_database_kind_to_string (CwDatabaseKind kind);

#define CW_TYPE_DATABASE (cw_database_get_type ())
G_DECLARE_FINAL_TYPE (CwDatabase, cw_database, CW, DATABASE, GObject)

CwDatabase         *cw_database_new_from_instance      (const CwRdsDbInstance *instance,
                                                        GHashTable            *zone_ids);
CwDatabase         *cw_database_new_from_cluster       (const CwRdsDbCluster  *cluster,
                                                        const CwRdsDbInstance *writer,
                                                        GHashTable            *zone_ids);
const char         *cw_database_get_id                 (CwDatabase *self);
CwDatabaseKind      cw_database_get_kind               (CwDatabase *self);
const char         *cw_database_get_engine             (CwDatabase *self);
const char         *cw_database_get_engine_version     (CwDatabase *self);
const char         *cw_database_get_status             (CwDatabase *self);
const char         *cw_database_get_endpoint           (CwDatabase *self);
guint               cw_database_get_port               (CwDatabase *self);
const char         *cw_database_get_vpc_id             (CwDatabase *self);
const char         *cw_database_get_zone               (CwDatabase *self);
const char         *cw_database_get_zone_id            (CwDatabase *self);
const char         *cw_database_get_standby_zone       (CwDatabase *self);
const char         *cw_database_get_standby_zone_id    (CwDatabase *self);
const char * const *cw_database_get_zones              (CwDatabase *self);
const char * const *cw_database_get_zone_ids           (CwDatabase *self);
gboolean            cw_database_get_multi_az           (CwDatabase *self);
gboolean            cw_database_get_publicly_accessible (CwDatabase *self);
const char * const *cw_database_get_security_group_ids (CwDatabase *self);
const char * const *cw_database_get_subnet_ids         (CwDatabase *self);
gboolean            cw_database_is_mysql_compatible    (CwDatabase *self);
char               *cw_database_dup_engine_label       (CwDatabase *self);

G_END_DECLS
