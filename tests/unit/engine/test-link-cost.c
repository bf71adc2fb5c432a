/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A new link's monthly cost from the Price List API's prices (DESIGN.md §4.5): the load
 * balancer's hour and one NLCU, in the link's region whatever the usage type's prefix,
 * rounded as a bill rounds, said with what it rests on; unknown, with why, when a price
 * is missing. */
#include "config.h"

#include <string.h>

#include "cw-link-cost.h"
#include "cw-pricing.h"

static void
add_price (GPtrArray  *prices,
           const char *region,
           const char *usage_type,
           double      usd)
{
  CwPricingPrice *price = g_new0 (CwPricingPrice, 1);

  price->product_family = g_strdup ("Load Balancer-Network");
  price->region_code = g_strdup (region);
  price->usage_type = g_strdup (usage_type);
  price->usd_per_unit = usd;
  g_ptr_array_add (prices, price);
}

static GPtrArray *
prices_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cw_pricing_price_free);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text, part);
}

static void
test_us_east_1 (void)
{
  g_autoptr(GPtrArray) prices = prices_new ();
  g_autoptr(CwLinkCost) cost = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *details = NULL;

  add_price (prices, "us-east-1", "LoadBalancerUsage", 0.0225);
  add_price (prices, "us-east-1", "LCUUsage", 0.006);
  cost = cw_link_cost_new_from_prices ("us-east-1", prices);
  g_assert_true (cw_link_cost_get_known (cost));
  g_assert_cmpfloat_with_epsilon (cw_link_cost_get_monthly_usd (cost), 730 * 0.0285, 1e-9);
  headline = cw_link_cost_dup_headline (cost);
  /* 730 × $0.0285 = $20.805: a bill rounds the half cent up. */
  g_assert_cmpstr (headline, ==, "About $20.81 a month");
  details = cw_link_cost_dup_details (cost);
  assert_contains (details, "730 hours at $0.0225");
  assert_contains (details, "NLCU at $0.0060");
  assert_contains (details, "us-east-1");
  g_assert_null (cw_link_cost_get_why_unknown (cost));
}

/* Elsewhere the usage types carry the region's prefix; another region's prices and
 * another product family are not taken. */
static void
test_other_region (void)
{
  g_autoptr(GPtrArray) prices = prices_new ();
  g_autoptr(CwLinkCost) cost = NULL;
  CwPricingPrice *application;

  add_price (prices, "us-east-1", "LoadBalancerUsage", 0.0225);
  add_price (prices, "eu-central-1", "EUC1-LCUUsage", 0.0072);
  add_price (prices, "eu-central-1", "EUC1-LoadBalancerUsage", 0.027);
  add_price (prices, "eu-central-1", "EUC1-LoadBalancerUsage", 0.5);
  application = g_ptr_array_index (prices, 3);
  g_free (application->product_family);
  application->product_family = g_strdup ("Load Balancer-Application");
  cost = cw_link_cost_new_from_prices ("eu-central-1", prices);
  g_assert_true (cw_link_cost_get_known (cost));
  g_assert_cmpfloat_with_epsilon (cw_link_cost_get_load_balancer_usd_per_hour (cost), 0.027, 1e-9);
  g_assert_cmpfloat_with_epsilon (cw_link_cost_get_nlcu_usd_per_hour (cost), 0.0072, 1e-9);
  g_assert_cmpstr (cw_link_cost_get_region (cost), ==, "eu-central-1");
}

static void
test_unknown (void)
{
  g_autoptr(GPtrArray) prices = prices_new ();
  g_autoptr(CwLinkCost) cost = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *details = NULL;

  add_price (prices, "us-west-2", "USW2-LoadBalancerUsage", 0.0225);
  cost = cw_link_cost_new_from_prices ("us-west-2", prices);
  g_assert_false (cw_link_cost_get_known (cost));
  headline = cw_link_cost_dup_headline (cost);
  g_assert_cmpstr (headline, ==, "Cost unknown");
  details = cw_link_cost_dup_details (cost);
  assert_contains (details, "no On-Demand price of a Network Load Balancer in us-west-2");
  g_assert_cmpstr (details, ==, cw_link_cost_get_why_unknown (cost));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/link-cost/us-east-1", test_us_east_1);
  g_test_add_func ("/link-cost/other-region", test_other_region);
  g_test_add_func ("/link-cost/unknown", test_unknown);
  return g_test_run ();
}
