/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-pricing.h: the AWS Price List API (botocore's "pricing", specs/aws/pricing)
 *
 * GetProducts, JSON 1.1 and signed, at https://api.pricing.{region}.amazonaws.com (only
 * us-east-1, eu-central-1 and ap-south-1 serve it). Each product of the answer's
 * PriceList is a JSON document in a string; what Causeway needs of it is its On-Demand
 * price dimensions, one CwPricingPrice each. Every page is read.
 */
#pragma once

#include "cw-aws-client.h"

G_BEGIN_DECLS

/* The one action the Price List calls need (the IAM policy names it). */
#define CW_PRICING_IAM_ACTION "pricing:GetProducts"

/* The region whose endpoint answers for every region's prices. */
#define CW_PRICING_REGION "us-east-1"

typedef struct {
  char   *sku;
  char   *product_family;   /* "Load Balancer-Network" */
  char   *region_code;      /* the region the price is for: "us-east-1" */
  char   *usage_type;       /* "LoadBalancerUsage", "USW2-LCUUsage" */
  char   *unit;             /* "Hrs", "LCU-Hrs" */
  char   *description;      /* "$0.0225 per Network LoadBalancer-hour (or partial hour)" */
  double  usd_per_unit;
} CwPricingPrice;

void cw_pricing_price_free (CwPricingPrice *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwPricingPrice, cw_pricing_price_free)

/* @term_matches: field, value, field, value, …, NULL: TERM_MATCH filters. Returns a
 * GPtrArray of CwPricingPrice: every On-Demand price dimension of every product. */
void       cw_pricing_get_products_async  (CwAwsClient         *client,
                                           const char          *service_code,
                                           const char * const  *term_matches,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray *cw_pricing_get_products_finish (CwAwsClient         *client,
                                           GAsyncResult        *result,
                                           GError             **error);

/* One PriceList item, the text of a product (exposed for the unit tests): its prices
 * added to @prices; FALSE with @error when it is not a product. */
gboolean   cw_pricing_read_product        (const char          *text,
                                           GPtrArray           *prices,
                                           GError             **error);

G_END_DECLS
