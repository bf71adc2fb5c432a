/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-join.h: the links, joined from what a refresh fetched (DESIGN.md §4.3)
 *
 * A refresh (cw-link-inventory.c) fetches, per region and cluster, TiDB Cloud's private
 * link connections, the endpoint services, their connections, the load balancers, the
 * target groups and their targets' health, the databases and their addresses, and the
 * journals of this machine's runs; the addresses earlier refreshes found are added as
 * the databases' previous ones. Joining them into links is a function of those records
 * alone: no request is made here, and the tests join records made by hand.
 */
#pragma once

#include <gio/gio.h>

#include "cw-ec2.h"
#include "cw-elbv2.h"
#include "cw-link.h"
#include "cw-tidb-cluster.h"
#include "cw-tidb-private-link.h"

G_BEGIN_DECLS

/* What was fetched of one region. */
typedef struct {
  char       *name;
  GPtrArray  *vpcs;               /* CwEc2Vpc */
  GPtrArray  *services;           /* CwEc2ServiceConfiguration */
  GPtrArray  *connections;        /* CwEc2VpcEndpointConnection */
  GPtrArray  *load_balancers;     /* CwElbLoadBalancer */
  GPtrArray  *target_groups;      /* CwElbTargetGroup */
  /* The first screen's load balancers and target groups, asked for by ARN while the
   * lists above are still paging: until they end, a link with none is not complete. */
  GPtrArray  *first_load_balancers;
  GPtrArray  *first_target_groups;
  gboolean    balancers_partial;
  GListModel *databases;          /* CwDatabase */
  GHashTable *ip_by_database;     /* database id → current private IP */
  GHashTable *database_by_ip;
  GHashTable *database_by_previous_ip; /* an address a database had before → its id */
  gboolean    databases_known;    /* every database's address was found */
  guint       addresses_pending;  /* addresses still being resolved */
  /* Lookups, made by cw_link_records_index() once the records are in (again as more come). */
  GHashTable *service_by_name;
  GHashTable *balancer_by_arn;
  GHashTable *group_by_balancer;  /* load balancer ARN → GPtrArray of its CwElbTargetGroup */
  GHashTable *connection_by_endpoint;
} CwJoinRegion;

/* A TiDB Cloud cluster on AWS and its private link connections. */
typedef struct {
  CwTidbCluster *cluster;
  GListModel    *links;           /* CwTidbPrivateLink */
} CwJoinCluster;

typedef struct {
  GPtrArray  *clusters;           /* CwJoinCluster */
  GHashTable *regions;            /* name → CwJoinRegion */
  GHashTable *healths;            /* target group ARN → GPtrArray of CwElbTargetHealth */
  GPtrArray  *journals;           /* CwJournal: this machine's runs */
  GHashTable *joined;             /* TiDB Cloud connection id → CwLink: each joined once */
} CwLinkRecords;

CwLinkRecords    *cw_link_records_new            (void);
void              cw_link_records_free           (CwLinkRecords     *records);
CwJoinCluster    *cw_link_records_add_cluster    (CwLinkRecords     *records,
                                                  CwTidbCluster     *cluster);
CwJoinRegion     *cw_link_records_region         (CwLinkRecords     *records,
                                                  const char        *name);
CwJoinRegion     *cw_link_records_region_of      (CwLinkRecords     *records,
                                                  CwJoinCluster     *cluster);
void              cw_link_records_set_address    (CwJoinRegion      *region,
                                                  const char        *database_id,
                                                  const char        *ip);
void              cw_link_records_add_previous_address (CwJoinRegion *region,
                                                        const char   *database_id,
                                                        const char   *ip);
GHashTable       *cw_link_records_new_seen_addresses (void);
void              cw_link_records_add_seen_addresses (CwLinkRecords *records,
                                                      GHashTable    *seen);
void              cw_link_records_note_addresses (CwLinkRecords     *records,
                                                  GHashTable        *seen);
void              cw_link_records_index          (CwLinkRecords     *records);
const char       *cw_link_records_balancer_arn   (CwJoinRegion      *region,
                                                  CwTidbPrivateLink *tidb_link);
GPtrArray        *cw_link_records_awaited_groups (CwJoinRegion      *region,
                                                  CwTidbPrivateLink *tidb_link);
GPtrArray        *cw_link_records_join           (CwLinkRecords     *records,
                                                  gboolean           complete);
GPtrArray        *cw_link_records_join_early     (CwLinkRecords     *records,
                                                  guint              limit);
CwElbTargetHealth *cw_link_join_target          (CwLink            *link,
                                                  GPtrArray         *healths,
                                                  const char        *database_ip);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwLinkRecords, cw_link_records_free)

G_END_DECLS
