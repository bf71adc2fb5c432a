/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-cost.h: what a new link costs a month, before anything is made (DESIGN.md §4.5)
 *
 * A link's hourly cost is its Network Load Balancer's: the load balancer's hours and its
 * capacity units (NLCU-hours), priced for the region by the AWS Price List API. The
 * endpoint that reaches it is TiDB Cloud's. The estimate assumes what a database link
 * uses day to day: the load balancer all month (730 hours) and one NLCU each hour (up to
 * 1 GB through it an hour); it says so, and that a migration's first copy uses more. Prices are kept a day in
 * the state directory. When they cannot be had the cost is unknown, with why: the
 * estimate never fails and never blocks a link.
 */
#pragma once

#include <gio/gio.h>

#include "cw-clouds.h"

G_BEGIN_DECLS

#define CW_LINK_COST_HOURS_PER_MONTH 730
#define CW_LINK_COST_NLCUS_ASSUMED   1

#define CW_TYPE_LINK_COST (cw_link_cost_get_type ())
G_DECLARE_FINAL_TYPE (CwLinkCost, cw_link_cost, CW, LINK_COST, GObject)

/* From prices already known (the Price List API's, or the cache's). */
CwLinkCost *cw_link_cost_new              (const char  *region,
                                           double       load_balancer_usd_per_hour,
                                           double       nlcu_usd_per_hour);
CwLinkCost *cw_link_cost_new_unknown      (const char  *region,
                                           const char  *why);
CwLinkCost *cw_link_cost_new_shared       (const char  *region);
gboolean    cw_link_cost_get_shared       (CwLinkCost  *self);
gboolean    cw_link_cost_get_known        (CwLinkCost  *self);
const char *cw_link_cost_get_region       (CwLinkCost  *self);
double      cw_link_cost_get_monthly_usd  (CwLinkCost  *self);
double      cw_link_cost_get_load_balancer_usd_per_hour (CwLinkCost *self);
double      cw_link_cost_get_nlcu_usd_per_hour          (CwLinkCost *self);
/* Why the cost is unknown, or NULL. */
const char *cw_link_cost_get_why_unknown  (CwLinkCost  *self);
/* "About $17.81 a month", or "Cost unknown". */
char       *cw_link_cost_dup_headline     (CwLinkCost  *self);
/* What the headline rests on: the prices and the assumption, or why it is unknown. */
char       *cw_link_cost_dup_details      (CwLinkCost  *self);

/* Prices from GetProducts' answer (CwPricingPrice): the load balancer's hour and its
 * NLCU-hour for @region; unknown when either is missing. */
CwLinkCost *cw_link_cost_new_from_prices  (const char  *region,
                                           GPtrArray   *prices);

/* The cost of a new link in @region: from the day's cache, else the Price List API
 * through @clouds' account (the pricing endpoint of CW_PRICING_REGION). Fails only when
 * cancelled. */
void        cw_link_cost_estimate_async   (CwClouds            *clouds,
                                           const char          *region,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
CwLinkCost *cw_link_cost_estimate_finish  (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
