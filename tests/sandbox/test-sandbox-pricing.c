/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-pricing.c: the Price List API's GetProducts as AWS answers it over JSON
 * 1.1: Elastic Load Balancing's On-Demand prices of every region the sandbox models,
 * its filters and pages, and its refusals in JSON (a bad request, a region without an
 * endpoint, an unknown operation, a bad signature), with the faults and the request
 * counts every other service has. */
#include "config.h"

#include <string.h>

#include "cw-sandbox-world.h"
#include "sandbox-test.h"

#define GET_PRODUCTS "AWSPriceListService.GetProducts"
#define NLB          "{\"Type\":\"TERM_MATCH\",\"Field\":\"productFamily\",\"Value\":\"Load Balancer-Network\"}"
#define IN_US_EAST_1 "{\"Type\":\"TERM_MATCH\",\"Field\":\"regionCode\",\"Value\":\"us-east-1\"}"

/* ---- calling it ---- */

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* The answer of a GetProducts that must succeed (signed for us-east-1). */
static JsonObject *
get_products (SbTest     *sb,
              const char *json)
{
  g_autofree char *error_type = NULL;
  g_autofree char *body = NULL;
  guint status = 0;

  body = sb_aws_json (sb, "us-east-1", "pricing", GET_PRODUCTS, json, &status, &error_type);
  if (status != 200)
    g_error ("GetProducts %s answered %u: %s", json, status, body);
  g_assert_null (error_type);
  return parse_object (body);
}

/* A refusal: its status, its x-amzn-ErrorType and the __type of its JSON body. */
static void
expect_refused (SbTest     *sb,
                const char *region,
                const char *target,
                const char *json,
                guint       status,
                const char *type)
{
  g_autofree char *error_type = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) answer = NULL;
  guint got = 0;

  body = sb_aws_json (sb, region, "pricing", target, json, &got, &error_type);
  if (got != status || g_strcmp0 (error_type, type) != 0)
    g_error ("%s %s: expected %u %s, got %u %s: %s", target, json, status, type, got, error_type, body);
  answer = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (answer, "__type"), ==, type);
  g_assert_nonnull (json_object_get_string_member (answer, "message"));
}

static void
expect_invalid (SbTest     *sb,
                const char *json,
                const char *type)
{
  expect_refused (sb, "us-east-1", GET_PRODUCTS, json, 400, type);
}

/* ---- reading the products ---- */

/* Each PriceList item is a string holding the product's JSON document. */
static GPtrArray *
price_list (JsonObject *answer)
{
  JsonArray *items = json_object_get_array_member (answer, "PriceList");
  GPtrArray *documents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_assert_cmpstr (json_object_get_string_member (answer, "FormatVersion"), ==, "aws_v1");
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (documents, parse_object (json_array_get_string_element (items, i)));
  return documents;
}

static const char *
attribute (JsonObject *document,
           const char *name)
{
  JsonObject *product = json_object_get_object_member (document, "product");

  return json_object_get_string_member (json_object_get_object_member (product, "attributes"), name);
}

/* The one member of an object whose member names are ids (terms, price dimensions). */
static JsonObject *
only_member (JsonObject *object,
             const char *name,
             const char *key)
{
  g_autoptr(GList) names = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (names), ==, 1);
  g_assert_cmpstr (names->data, ==, name);
  return json_object_get_object_member (object, key ? key : name);
}

/* The On-Demand price dimension, checked to be named after the SKU as AWS names it. */
static JsonObject *
on_demand_dimension (JsonObject *document)
{
  const char *sku = json_object_get_string_member (json_object_get_object_member (document, "product"), "sku");
  g_autofree char *term_code = g_strconcat (sku, ".JRTCKXETXF", NULL);
  g_autofree char *rate_code = g_strconcat (term_code, ".6YS6EN2CT7", NULL);
  JsonObject *on_demand = json_object_get_object_member (json_object_get_object_member (document, "terms"), "OnDemand");
  JsonObject *term = only_member (on_demand, term_code, NULL);
  JsonObject *dimension = only_member (json_object_get_object_member (term, "priceDimensions"), rate_code, NULL);

  g_assert_cmpuint (strlen (sku), ==, 16);
  g_assert_cmpstr (json_object_get_string_member (term, "sku"), ==, sku);
  g_assert_cmpstr (json_object_get_string_member (term, "offerTermCode"), ==, "JRTCKXETXF");
  g_assert_cmpstr (json_object_get_string_member (dimension, "rateCode"), ==, rate_code);
  return dimension;
}

static const char *
usd (JsonObject *dimension)
{
  return json_object_get_string_member (json_object_get_object_member (dimension, "pricePerUnit"), "USD");
}

/* The document whose usagetype is @usagetype, of those given. */
static JsonObject *
find_usage (GPtrArray  *documents,
            const char *usagetype)
{
  for (guint i = 0; i < documents->len; i++)
    if (g_strcmp0 (attribute (documents->pdata[i], "usagetype"), usagetype) == 0)
      return documents->pdata[i];
  g_error ("no product with usagetype %s", usagetype);
}

static char *
filtered (const char *filters)
{
  return g_strdup_printf ("{\"ServiceCode\":\"AWSELB\",\"FormatVersion\":\"aws_v1\",\"Filters\":[%s]}", filters);
}

/* ---- the products ---- */

static void
test_network_load_balancer (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *request = filtered (NLB "," IN_US_EAST_1);
  g_autoptr(JsonObject) answer = get_products (sb, request);
  g_autoptr(GPtrArray) documents = price_list (answer);
  JsonObject *hourly, *capacity, *dimension;

  g_assert_cmpuint (documents->len, ==, 2);
  g_assert_false (json_object_has_member (answer, "NextToken"));
  hourly = find_usage (documents, "LoadBalancerUsage");
  capacity = find_usage (documents, "LCUUsage");
  g_assert_cmpstr (attribute (hourly, "operation"), ==, "LoadBalancing:Network");
  g_assert_cmpstr (attribute (hourly, "location"), ==, "US East (N. Virginia)");
  g_assert_cmpstr (json_object_get_string_member (hourly, "serviceCode"), ==, "AWSELB");
  dimension = on_demand_dimension (hourly);
  g_assert_cmpstr (usd (dimension), ==, "0.0225000000");
  g_assert_cmpstr (json_object_get_string_member (dimension, "unit"), ==, "Hrs");
  g_assert_cmpstr (json_object_get_string_member (dimension, "description"), ==,
                   "$0.0225 per Network LoadBalancer-hour (or partial hour)");
  dimension = on_demand_dimension (capacity);
  g_assert_cmpstr (usd (dimension), ==, "0.0060000000");
  g_assert_cmpstr (json_object_get_string_member (dimension, "unit"), ==, "LCU-Hrs");
  g_assert_cmpstr (json_object_get_string_member (dimension, "description"), ==,
                   "$0.006 per Network LCU-hour (or partial hour)");
}

/* What the sandbox asks of @region's NLB products: its usage type prefix and prices. */
static void
assert_region_priced (SbTest     *sb,
                      const char *region)
{
  static const struct {
    const char *region;
    const char *prefix;
    const char *hourly;
    const char *capacity;
  } expected[] = {
    { "us-east-1", "", "0.0225000000", "0.0060000000" },
    { "us-west-2", "USW2-", "0.0225000000", "0.0060000000" },
    { "eu-central-1", "EUC1-", "0.0270000000", "0.0072000000" },
  };
  g_autofree char *filter = g_strdup_printf (NLB ",{\"Type\":\"EQUALS\",\"Field\":\"regionCode\",\"Value\":\"%s\"}",
                                             region);
  g_autofree char *request = filtered (filter);
  g_autoptr(JsonObject) answer = get_products (sb, request);
  g_autoptr(GPtrArray) documents = price_list (answer);
  g_autofree char *hourly = NULL;
  g_autofree char *capacity = NULL;
  guint e = 0;

  while (e < G_N_ELEMENTS (expected) && !g_str_equal (expected[e].region, region))
    e++;
  g_assert_cmpuint (e, <, G_N_ELEMENTS (expected));
  g_assert_cmpuint (documents->len, ==, 2);
  hourly = g_strconcat (expected[e].prefix, "LoadBalancerUsage", NULL);
  capacity = g_strconcat (expected[e].prefix, "LCUUsage", NULL);
  g_assert_cmpstr (usd (on_demand_dimension (find_usage (documents, hourly))), ==, expected[e].hourly);
  g_assert_cmpstr (usd (on_demand_dimension (find_usage (documents, capacity))), ==, expected[e].capacity);
}

/* Every region the sandbox models has its NLB prices (its zones come region by region). */
static void
test_every_region (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  guint n_zones = 0;
  const CwSbZone *zones = cw_sb_zones (&n_zones);

  for (guint z = 0; z < n_zones; z++)
    if (z == 0 || !g_str_equal (zones[z - 1].region, zones[z].region))
      assert_region_priced (sb, zones[z].region);
}

static guint
count_products (SbTest     *sb,
                const char *filters)
{
  g_autofree char *request = filtered (filters);
  g_autoptr(JsonObject) answer = get_products (sb, request);

  return json_array_get_length (json_object_get_array_member (answer, "PriceList"));
}

/* The ALB shares the NLB's usage types: only the product family tells them apart. */
static void
test_filters (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *request = filtered ("{\"Type\":\"CONTAINS\",\"Field\":\"usagetype\",\"Value\":\"LCU\"},"
                                       "{\"Type\":\"EQUALS\",\"Field\":\"regionCode\",\"Value\":\"eu-central-1\"}");
  g_autoptr(JsonObject) answer = get_products (sb, request);
  g_autoptr(GPtrArray) documents = price_list (answer);

  g_assert_cmpuint (count_products (sb, ""), ==, 12);
  g_assert_cmpuint (count_products (sb, IN_US_EAST_1), ==, 4);
  g_assert_cmpuint (count_products (sb, NLB), ==, 6);
  g_assert_cmpuint (documents->len, ==, 2);
  for (guint i = 0; i < documents->len; i++)
    g_assert_cmpstr (attribute (documents->pdata[i], "usagetype"), ==, "EUC1-LCUUsage");
  g_assert_cmpuint (count_products (sb, NLB ",{\"Type\":\"ANY_OF\",\"Field\":\"regionCode\",\"Value\":\"us-east-1, eu-central-1\"}"),
                    ==, 4);
  g_assert_cmpuint (count_products (sb, "{\"Type\":\"NONE_OF\",\"Field\":\"regionCode\",\"Value\":\"us-east-1,us-west-2\"}"),
                    ==, 4);
  g_assert_cmpuint (count_products (sb, "{\"Type\":\"TERM_MATCH\",\"Field\":\"ServiceCode\",\"Value\":\"AWSELB\"}"), ==, 12);
  g_assert_cmpuint (count_products (sb, "{\"Type\":\"TERM_MATCH\",\"Field\":\"volumeType\",\"Value\":\"gp3\"}"), ==, 0);
  g_assert_cmpuint (count_products (sb, "{\"Type\":\"TERM_MATCH\",\"Field\":\"productFamily\",\"Value\":\"Load Balancer\"}"),
                    ==, 0);
}

/* A product found by its SKU alone is the same product, to the letter. */
static void
test_sku_filter (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *request = filtered (NLB "," IN_US_EAST_1);
  g_autoptr(JsonObject) answer = get_products (sb, request);
  JsonArray *items = json_object_get_array_member (answer, "PriceList");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      const char *text = json_array_get_string_element (items, i);
      g_autoptr(JsonObject) document = parse_object (text);
      JsonObject *product = json_object_get_object_member (document, "product");
      g_autofree char *filter = g_strdup_printf ("{\"Type\":\"EQUALS\",\"Field\":\"sku\",\"Value\":\"%s\"}",
                                                 json_object_get_string_member (product, "sku"));
      g_autofree char *by_sku = filtered (filter);
      g_autoptr(JsonObject) again = get_products (sb, by_sku);
      JsonArray *found = json_object_get_array_member (again, "PriceList");

      g_assert_cmpuint (json_array_get_length (found), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (found, 0), ==, text);
    }
}

/* ---- paging ---- */

/* Every page of MaxResults @size, each item's text in order. */
static GPtrArray *
all_pages (SbTest     *sb,
           const char *filters,
           guint       size,
           guint      *n_pages)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *token = NULL;

  *n_pages = 0;
  do
    {
      g_autofree char *next = token ? g_strdup_printf (",\"NextToken\":\"%s\"", token) : g_strdup ("");
      g_autofree char *request = g_strdup_printf ("{\"ServiceCode\":\"AWSELB\",\"Filters\":[%s],\"MaxResults\":%u%s}",
                                                  filters, size, next);
      g_autoptr(JsonObject) answer = get_products (sb, request);
      JsonArray *items = json_object_get_array_member (answer, "PriceList");

      g_assert_cmpuint (json_array_get_length (items), <=, size);
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_ptr_array_add (texts, g_strdup (json_array_get_string_element (items, i)));
      g_clear_pointer (&token, g_free);
      token = g_strdup (json_object_get_string_member_with_default (answer, "NextToken", NULL));
      (*n_pages)++;
      g_assert_cmpuint (*n_pages, <=, 100);
    }
  while (token != NULL);
  return texts;
}

static void
assert_pages_equal_whole (SbTest     *sb,
                          const char *filters,
                          guint       expected_pages)
{
  g_autofree char *request = filtered (filters);
  g_autoptr(JsonObject) whole = get_products (sb, request);
  JsonArray *items = json_object_get_array_member (whole, "PriceList");
  guint n_pages = 0;
  g_autoptr(GPtrArray) paged = all_pages (sb, filters, 1, &n_pages);

  g_assert_cmpuint (n_pages, ==, expected_pages);
  g_assert_cmpuint (paged->len, ==, json_array_get_length (items));
  for (guint i = 0; i < paged->len; i++)
    g_assert_cmpstr (paged->pdata[i], ==, json_array_get_string_element (items, i));
}

static void
test_paging (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  guint n_pages = 0;
  g_autoptr(GPtrArray) fives = all_pages (sb, "", 5, &n_pages);

  assert_pages_equal_whole (sb, NLB "," IN_US_EAST_1, 2);
  assert_pages_equal_whole (sb, "", 12);
  g_assert_cmpuint (fives->len, ==, 12);
  g_assert_cmpuint (n_pages, ==, 3);
}

/* ---- refusals ---- */

static void
test_bad_requests (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autoptr(GString) many = g_string_new (NULL);

  expect_invalid (sb, "{\"ServiceCode\":\"AWSELB\",\"NextToken\":\"bogus\"}", "InvalidNextTokenException");
  expect_invalid (sb, "{\"ServiceCode\":\"AWSELB\",\"NextToken\":\"\"}", "InvalidNextTokenException");
  expect_invalid (sb, "{\"ServiceCode\":\"AWSELB\",\"FormatVersion\":\"aws_v2\"}", "InvalidParameterException");
  expect_invalid (sb, "{\"FormatVersion\":\"aws_v1\"}", "InvalidParameterException");
  expect_invalid (sb, "{\"ServiceCode\":\"\"}", "InvalidParameterException");
  expect_invalid (sb, "{\"ServiceCode\":\"AmazonEC2\"}", "NotFoundException");
  expect_invalid (sb, "{\"ServiceCode\":\"AWSELB\",\"MaxResults\":0}", "InvalidParameterException");
  expect_invalid (sb, "{\"ServiceCode\":\"AWSELB\",\"MaxResults\":101}", "InvalidParameterException");
  expect_invalid (sb, "{\"ServiceCode\":\"AWSELB\",\"Filters\":[{\"Type\":\"LIKE\",\"Field\":\"sku\",\"Value\":\"x\"}]}",
                  "InvalidParameterException");
  expect_invalid (sb, "{\"ServiceCode\":\"AWSELB\",\"Filters\":[{\"Type\":\"TERM_MATCH\",\"Field\":\"sku\"}]}",
                  "InvalidParameterException");
  expect_invalid (sb, "{\"ServiceCode\":5}", "SerializationException");
  expect_invalid (sb, "{\"ServiceCode\":\"AWSELB\",\"MaxResults\":\"1\"}", "SerializationException");
  expect_invalid (sb, "[]", "SerializationException");
  for (guint i = 0; i < 51; i++)
    g_string_append_printf (many, "%s" IN_US_EAST_1, i ? "," : "");
  {
    g_autofree char *request = filtered (many->str);

    expect_invalid (sb, request, "InvalidParameterException");
  }
}

/* A token names a place in its own listing: past the end of another it is refused. */
static void
test_token_of_another_listing (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autoptr(JsonObject) first = get_products (sb, "{\"ServiceCode\":\"AWSELB\",\"MaxResults\":5}");
  const char *token = json_object_get_string_member (first, "NextToken");
  g_autofree char *request = g_strdup_printf ("{\"ServiceCode\":\"AWSELB\",\"Filters\":[" NLB "," IN_US_EAST_1 "],"
                                              "\"NextToken\":\"%s\"}", token);

  expect_invalid (sb, request, "InvalidNextTokenException");
}

/* The Price List API has endpoints in us-east-1, eu-central-1 and ap-south-1 only. */
static void
test_regions (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  static const char * const served[] = { "eu-central-1", "ap-south-1" };

  expect_refused (sb, "us-west-2", GET_PRODUCTS, "{\"ServiceCode\":\"AWSELB\"}", 400, "InvalidSignatureException");
  expect_refused (sb, "eu-west-1", GET_PRODUCTS, "{\"ServiceCode\":\"AWSELB\"}", 400, "InvalidSignatureException");
  for (guint i = 0; i < G_N_ELEMENTS (served); i++)
    {
      g_autofree char *body = NULL;
      guint status = 0;

      body = sb_aws_json (sb, served[i], "pricing", GET_PRODUCTS, "{\"ServiceCode\":\"AWSELB\"}", &status, NULL);
      g_assert_cmpuint (status, ==, 200);
    }
}

static void
test_unknown_operation (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);

  expect_refused (sb, "us-east-1", "AWSPriceListService.GetThings", "{}", 400, "UnknownOperationException");
  expect_refused (sb, "us-east-1", "DynamoDB_20120810.ListTables", "{}", 400, "UnknownOperationException");
  expect_refused (sb, "us-east-1", NULL, "{}", 400, "UnknownOperationException");
}

/* Signature and key failures come back in JSON, in JSON 1.1's words. */
static void
test_authentication (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autoptr(CwAwsCredentials) wrong_secret = cw_aws_credentials_new (CW_SANDBOX_ACCESS_KEY_ID, "not-the-secret", NULL);
  g_autoptr(CwAwsCredentials) unknown_key = cw_aws_credentials_new ("AKIAUNKNOWNEXAMPLE00", "whatever", NULL);
  g_autofree char *body = NULL;
  g_autofree char *error_type = NULL;
  guint status = 0;

  sb_test_sign_as (sb, wrong_secret);
  expect_refused (sb, "us-east-1", GET_PRODUCTS, "{\"ServiceCode\":\"AWSELB\"}", 400, "InvalidSignatureException");
  sb_test_sign_as (sb, unknown_key);
  expect_refused (sb, "us-east-1", GET_PRODUCTS, "{\"ServiceCode\":\"AWSELB\"}", 400, "UnrecognizedClientException");
  sb_test_sign_as (sb, NULL);
  /* Signed for another service than X-Amz-Target addresses. */
  body = sb_aws_json (sb, "us-east-1", "ec2", GET_PRODUCTS, "{\"ServiceCode\":\"AWSELB\"}", &status, &error_type);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (error_type, ==, "InvalidSignatureException");
}

/* ---- faults and counts ---- */

static guint
request_count (SbTest     *sb,
               const char *operation)
{
  guint status = 0;
  g_autofree char *text = sb_http (sb, "GET", "/_sandbox/requests", NULL, NULL, NULL, &status, NULL);
  g_autoptr(JsonObject) counts = parse_object (text);

  return (guint) json_object_get_int_member_with_default (json_object_get_object_member (counts, "byOperation"),
                                                          operation, 0);
}

static void
test_throttle_and_count (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", "throttle:pricing.GetProducts:count=1");
  g_autoptr(JsonObject) answer = NULL;

  expect_invalid (sb, "{\"ServiceCode\":\"AWSELB\"}", "ThrottlingException");
  answer = get_products (sb, "{\"ServiceCode\":\"AWSELB\"}");
  g_assert_cmpuint (request_count (sb, "pricing.GetProducts"), ==, 2);
}

static void
test_server_errors (void)
{
  g_autoptr(SbTest) unavailable = sb_test_new (0.01, "default", "5xx:pricing:status=503");
  g_autoptr(SbTest) internal = sb_test_new (0.01, "default", "5xx:pricing.GetProducts:status=500");
  g_autoptr(SbTest) dropped = sb_test_new (0.01, "default", "drop:pricing");
  g_autofree char *body = NULL;
  guint status = 0;

  expect_refused (unavailable, "us-east-1", GET_PRODUCTS, "{\"ServiceCode\":\"AWSELB\"}", 503,
                  "ServiceUnavailableException");
  expect_refused (internal, "us-east-1", GET_PRODUCTS, "{\"ServiceCode\":\"AWSELB\"}", 500, "InternalErrorException");
  body = sb_aws_json (dropped, "us-east-1", "pricing", GET_PRODUCTS, "{\"ServiceCode\":\"AWSELB\"}", &status, NULL);
  g_assert_null (body);
  g_assert_cmpuint (status, ==, 0);
}

static void
test_delay (void)
{
  g_autoptr(SbTest) sb = sb_test_new (0.01, "default", "delay:pricing:ms=300");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(JsonObject) answer = get_products (sb, "{\"ServiceCode\":\"AWSELB\"}");

  g_assert_nonnull (answer);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/pricing/network-load-balancer", test_network_load_balancer);
  g_test_add_func ("/sandbox/pricing/every-region", test_every_region);
  g_test_add_func ("/sandbox/pricing/filters", test_filters);
  g_test_add_func ("/sandbox/pricing/sku-filter", test_sku_filter);
  g_test_add_func ("/sandbox/pricing/paging", test_paging);
  g_test_add_func ("/sandbox/pricing/bad-requests", test_bad_requests);
  g_test_add_func ("/sandbox/pricing/token-of-another-listing", test_token_of_another_listing);
  g_test_add_func ("/sandbox/pricing/regions", test_regions);
  g_test_add_func ("/sandbox/pricing/unknown-operation", test_unknown_operation);
  g_test_add_func ("/sandbox/pricing/authentication", test_authentication);
  g_test_add_func ("/sandbox/pricing/throttle-and-count", test_throttle_and_count);
  g_test_add_func ("/sandbox/pricing/server-errors", test_server_errors);
  g_test_add_func ("/sandbox/pricing/delay", test_delay);
  return g_test_run ();
}
