/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Price List API on the wire: a signed JSON 1.1 POST naming GetProducts in
 * X-Amz-Target, a body of the members botocore's model names (checked against
 * specs/aws/pricing when CAUSEWAY_SPECS is set), every page read, each PriceList item
 * a product in a string read down to its On-Demand prices, and its errors. */
#include "config.h"

#include "aws-test-server.h"
#include "cw-aws-error.h"
#include "cw-pricing.h"

typedef AwsTestFixture Fixture;

/* One product as the API writes it (aws_v1), escaped as a PriceList string item. */
#define NLB_HOUR \
  "\"{\\\"product\\\":{\\\"productFamily\\\":\\\"Load Balancer-Network\\\",\\\"attributes\\\":{" \
  "\\\"regionCode\\\":\\\"us-east-1\\\",\\\"usagetype\\\":\\\"LoadBalancerUsage\\\",\\\"servicecode\\\":\\\"AWSELB\\\"}," \
  "\\\"sku\\\":\\\"SKUHOUR\\\"},\\\"serviceCode\\\":\\\"AWSELB\\\",\\\"terms\\\":{\\\"OnDemand\\\":{\\\"SKUHOUR.JRTCKXETXF\\\":{" \
  "\\\"priceDimensions\\\":{\\\"SKUHOUR.JRTCKXETXF.6YS6EN2CT7\\\":{\\\"unit\\\":\\\"Hrs\\\",\\\"description\\\":" \
  "\\\"$0.0225 per Network LoadBalancer-hour (or partial hour)\\\",\\\"pricePerUnit\\\":{\\\"USD\\\":\\\"0.0225000000\\\"}}}}}}}\""
#define NLB_LCU \
  "\"{\\\"product\\\":{\\\"productFamily\\\":\\\"Load Balancer-Network\\\",\\\"attributes\\\":{" \
  "\\\"regionCode\\\":\\\"us-east-1\\\",\\\"usagetype\\\":\\\"LCUUsage\\\"},\\\"sku\\\":\\\"SKULCU\\\"}," \
  "\\\"terms\\\":{\\\"OnDemand\\\":{\\\"SKULCU.JRTCKXETXF\\\":{\\\"priceDimensions\\\":{\\\"SKULCU.JRTCKXETXF.6YS6EN2CT7\\\":{" \
  "\\\"unit\\\":\\\"LCU-Hrs\\\",\\\"pricePerUnit\\\":{\\\"USD\\\":\\\"0.0060000000\\\"}}}}}}}\""

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Every member the request sends is one the model's GetProductsRequest names. */
static void
assert_members_in_model (JsonObject *body)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) model = NULL;
  JsonObject *members;
  g_autoptr(GList) names = json_object_get_members (body);

  if (g_getenv ("CAUSEWAY_SPECS") == NULL)
    {
      g_test_message ("The pricing model is absent (CAUSEWAY_SPECS is unset): the body is not checked against it");
      return;
    }
  path = g_build_filename (g_getenv ("CAUSEWAY_SPECS"), "aws", "pricing", "2017-10-15", "service-2.json", NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  model = parse_object (text);
  members = json_object_get_object_member (json_object_get_object_member (
    json_object_get_object_member (model, "shapes"), "GetProductsRequest"), "members");
  for (GList *l = names; l != NULL; l = l->next)
    if (!json_object_has_member (members, l->data))
      g_error ("GetProductsRequest has no member %s", (const char *) l->data);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (model, "metadata"), "targetPrefix"),
                   ==, "AWSPriceListService");
}

static void
assert_request (Fixture    *fixture,
                guint       index,
                const char *next_token)
{
  g_autoptr(JsonObject) body = parse_object (aws_test_server_get_body (fixture->server, index));
  JsonArray *filters = json_object_get_array_member (body, "Filters");
  JsonObject *first;

  g_assert_cmpstr (aws_test_server_get_service (fixture->server, index), ==, "pricing");
  g_assert_cmpstr (aws_test_server_get_target (fixture->server, index), ==, "AWSPriceListService.GetProducts");
  g_assert_cmpstr (aws_test_server_get_content_type (fixture->server, index), ==, "application/x-amz-json-1.1");
  assert_members_in_model (body);
  g_assert_cmpstr (json_object_get_string_member (body, "ServiceCode"), ==, "AWSELB");
  g_assert_cmpstr (json_object_get_string_member (body, "FormatVersion"), ==, "aws_v1");
  g_assert_cmpint (json_object_get_int_member (body, "MaxResults"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member_with_default (body, "NextToken", NULL), ==, next_token);
  g_assert_cmpuint (json_array_get_length (filters), ==, 2);
  first = json_array_get_object_element (filters, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "Type"), ==, "TERM_MATCH");
  g_assert_cmpstr (json_object_get_string_member (first, "Field"), ==, "productFamily");
  g_assert_cmpstr (json_object_get_string_member (first, "Value"), ==, "Load Balancer-Network");
}

static GPtrArray *
get_products (Fixture *fixture)
{
  const char *matches[] = { "productFamily", "Load Balancer-Network", "regionCode", "us-east-1", NULL };

  cw_pricing_get_products_async (fixture->client, "AWSELB", matches, NULL, aws_test_store_result, &fixture->result);
  return cw_pricing_get_products_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
}

static void
test_pages_and_prices (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) prices = NULL;
  CwPricingPrice *hour;
  CwPricingPrice *lcu;

  aws_test_server_reply (fixture->server, 200, "{\"FormatVersion\":\"aws_v1\",\"NextToken\":\"page/2\",\"PriceList\":["
                                               NLB_HOUR "]}");
  aws_test_server_reply (fixture->server, 200, "{\"FormatVersion\":\"aws_v1\",\"PriceList\":[" NLB_LCU "]}");
  prices = get_products (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (prices->len, ==, 2);
  hour = g_ptr_array_index (prices, 0);
  lcu = g_ptr_array_index (prices, 1);
  g_assert_cmpstr (hour->product_family, ==, "Load Balancer-Network");
  g_assert_cmpstr (hour->region_code, ==, "us-east-1");
  g_assert_cmpstr (hour->usage_type, ==, "LoadBalancerUsage");
  g_assert_cmpstr (hour->unit, ==, "Hrs");
  g_assert_cmpstr (hour->sku, ==, "SKUHOUR");
  g_assert_cmpfloat_with_epsilon (hour->usd_per_unit, 0.0225, 1e-9);
  g_assert_cmpstr (lcu->usage_type, ==, "LCUUsage");
  g_assert_cmpfloat_with_epsilon (lcu->usd_per_unit, 0.006, 1e-9);
  assert_request (fixture, 0, NULL);
  assert_request (fixture, 1, "page/2");
}

static void
test_access_denied (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) prices = NULL;

  aws_test_server_reply_error_type (fixture->server, 400, "AccessDeniedException",
                                    "{\"__type\":\"AccessDeniedException\",\"message\":\"User: arn:aws:iam::123456789012:"
                                    "user/dev is not authorized to perform: pricing:GetProducts\"}");
  prices = get_products (fixture);
  g_assert_null (prices);
  g_assert_error (fixture->error, CW_AWS_ERROR, CW_AWS_ERROR_ACCESS_DENIED);
}

/* A token handed out again would page forever: the list fails instead. */
static void
test_same_page_again (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) prices = NULL;

  aws_test_server_reply (fixture->server, 200, "{\"FormatVersion\":\"aws_v1\",\"NextToken\":\"t\",\"PriceList\":[]}");
  aws_test_server_reply (fixture->server, 200, "{\"FormatVersion\":\"aws_v1\",\"NextToken\":\"t\",\"PriceList\":[]}");
  prices = get_products (fixture);
  g_assert_null (prices);
  g_assert_error (fixture->error, CW_AWS_ERROR, CW_AWS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (aws_test_server_get_n_requests (fixture->server), ==, 2);
}

static void
test_not_a_product (void)
{
  g_autoptr(GPtrArray) prices = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_pricing_price_free);
  g_autoptr(GError) error = NULL;

  g_assert_false (cw_pricing_read_product ("[1, 2]", prices, &error));
  g_assert_error (error, CW_AWS_ERROR, CW_AWS_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  /* A price that is not a number is left out, not read as 0. */
  g_assert_true (cw_pricing_read_product ("{\"product\":{\"sku\":\"X\"},\"terms\":{\"OnDemand\":{\"T\":{\"priceDimensions\":"
                                          "{\"D\":{\"unit\":\"Hrs\",\"pricePerUnit\":{\"USD\":\"n/a\"}}}}}}}",
                                          prices, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (prices->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/pricing/pages-and-prices", Fixture, NULL, aws_test_fixture_set_up, test_pages_and_prices,
              aws_test_fixture_tear_down);
  g_test_add ("/pricing/access-denied", Fixture, NULL, aws_test_fixture_set_up, test_access_denied,
              aws_test_fixture_tear_down);
  g_test_add ("/pricing/same-page-again", Fixture, NULL, aws_test_fixture_set_up, test_same_page_again,
              aws_test_fixture_tear_down);
  g_test_add_func ("/pricing/not-a-product", test_not_a_product);
  return g_test_run ();
}
