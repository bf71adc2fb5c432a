/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-pricing.c: the simulated AWS Price List API (JSON 1.1): GetProducts over
 * Elastic Load Balancing's On-Demand prices, so that a client can work out what a
 * Network Load Balancer costs a month.
 *
 * The catalogue holds, for every region the sandbox models (test-sandbox-pricing checks
 * that none is missed), the hourly and the capacity unit (LCU) products of the Network
 * and of the Application Load Balancer: they share their usage types, so only the
 * product family tells them apart, as in AWS. Each product is the aws_v1 document AWS
 * publishes, sent as a string inside PriceList.
 * cw-sandbox-aws.c verifies the signature, refuses the regions without an endpoint
 * (us-east-1, eu-central-1 and ap-south-1 have one) and applies the faults. */
#define G_LOG_DOMAIN "cw-sandbox-pricing"

#include "config.h"

#include <string.h>

#include "cw-sandbox-aws.h"
#include "cw-sandbox-dump.h"

#define SERVICE_CODE     "AWSELB"
#define SERVICE_NAME     "Elastic Load Balancing"
#define FORMAT_VERSION   "aws_v1"
#define OFFER_TERM_CODE  "JRTCKXETXF"   /* On-Demand */
#define RATE_CODE        "6YS6EN2CT7"   /* its one price dimension */
#define PUBLICATION      "2025-12-01T00:00:00Z"
#define VERSION          "20251201000000"
#define SKU_LENGTH       16
#define MAX_FILTERS      50
#define MAX_RESULTS      100

/* ---- the catalogue ---- */

typedef struct {
  const char *family;             /* productFamily */
  const char *operation;
  const char *usagetype;          /* after the region's prefix */
  const char *group_description;
  const char *unit;
  const char *priced;             /* what the description says the price is per */
} Kind;

static const Kind kinds[] = {
  { "Load Balancer-Network", "LoadBalancing:Network", "LoadBalancerUsage", "Standard Network Load Balancer",
    "Hrs", "Network LoadBalancer-hour (or partial hour)" },
  { "Load Balancer-Network", "LoadBalancing:Network", "LCUUsage", "Used Network Load Balancer Capacity Units-hr",
    "LCU-Hrs", "Network LCU-hour (or partial hour)" },
  { "Load Balancer-Application", "LoadBalancing:Application", "LoadBalancerUsage",
    "LoadBalancer hourly usage by Application Load Balancer", "Hrs", "Application LoadBalancer-hour (or partial hour)" },
  { "Load Balancer-Application", "LoadBalancing:Application", "LCUUsage",
    "Used Application load balancer capacity units-hr", "LCU-Hrs", "used Application load balancer capacity unit-hour (or partial hour)" },
};

typedef struct {
  const char *code;                         /* regionCode */
  const char *location;
  const char *usage_prefix;                 /* none in us-east-1 */
  const char *usd[G_N_ELEMENTS (kinds)];    /* in the order of kinds[] */
} Region;

/* AWS's public On-Demand prices, except eu-central-1's ALB LCU: 0.0096 is the 1.2 times
 * us-east-1 that every other Frankfurt price here is, not a price seen published. */
static const Region regions[] = {
  { "us-east-1", "US East (N. Virginia)", "", { "0.0225", "0.006", "0.0225", "0.008" } },
  { "us-west-2", "US West (Oregon)", "USW2-", { "0.0225", "0.006", "0.0225", "0.008" } },
  { "eu-central-1", "EU (Frankfurt)", "EUC1-", { "0.027", "0.0072", "0.027", "0.0096" } },
};

/* Sixteen capitals and digits like AWS's, the same in every run. */
static char *
product_sku (const Region *region,
             const Kind   *kind)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autofree char *name = g_strdup_printf ("%s/%s/%s/%s", SERVICE_CODE, region->code, kind->family, kind->usagetype);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  char *sku = g_malloc (SKU_LENGTH + 1);

  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  for (guint i = 0; i < SKU_LENGTH; i++)
    sku[i] = alphabet[digest[i] % (sizeof alphabet - 1)];
  sku[SKU_LENGTH] = '\0';
  return sku;
}

static void
add_product (JsonBuilder  *builder,
             const Region *region,
             const Kind   *kind,
             const char   *sku)
{
  g_autofree char *usagetype = g_strconcat (region->usage_prefix, kind->usagetype, NULL);

  json_builder_set_member_name (builder, "product");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "productFamily", kind->family);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "servicecode", SERVICE_CODE);
  cw_sb_json_add_string (builder, "location", region->location);
  cw_sb_json_add_string (builder, "locationType", "AWS Region");
  cw_sb_json_add_string (builder, "regionCode", region->code);
  cw_sb_json_add_string (builder, "usagetype", usagetype);
  cw_sb_json_add_string (builder, "operation", kind->operation);
  cw_sb_json_add_string (builder, "groupDescription", kind->group_description);
  cw_sb_json_add_string (builder, "servicename", SERVICE_NAME);
  json_builder_end_object (builder);
  cw_sb_json_add_string (builder, "sku", sku);
  json_builder_end_object (builder);
}

static void
add_empty (JsonBuilder *builder,
           const char  *name,
           gboolean     array)
{
  json_builder_set_member_name (builder, name);
  if (array)
    json_builder_end_array (json_builder_begin_array (builder));
  else
    json_builder_end_object (json_builder_begin_object (builder));
}

/* The one price of an On-Demand term: "0.0225" becomes "0.0225000000" per unit. */
static void
add_price_dimension (JsonBuilder *builder,
                     const char  *term_code,
                     const Kind  *kind,
                     const char  *usd)
{
  g_autofree char *rate_code = g_strconcat (term_code, ".", RATE_CODE, NULL);
  g_autofree char *description = g_strdup_printf ("$%s per %s", usd, kind->priced);
  char per_unit[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (per_unit, sizeof per_unit, "%.10f", g_ascii_strtod (usd, NULL));
  json_builder_set_member_name (builder, rate_code);
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "unit", kind->unit);
  cw_sb_json_add_string (builder, "endRange", "Inf");
  cw_sb_json_add_string (builder, "description", description);
  add_empty (builder, "appliesTo", TRUE);
  cw_sb_json_add_string (builder, "rateCode", rate_code);
  cw_sb_json_add_string (builder, "beginRange", "0");
  json_builder_set_member_name (builder, "pricePerUnit");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "USD", per_unit);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_terms (JsonBuilder *builder,
           const char  *sku,
           const Kind  *kind,
           const char  *usd)
{
  g_autofree char *term_code = g_strconcat (sku, ".", OFFER_TERM_CODE, NULL);

  json_builder_set_member_name (builder, "terms");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "OnDemand");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, term_code);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "priceDimensions");
  json_builder_begin_object (builder);
  add_price_dimension (builder, term_code, kind, usd);
  json_builder_end_object (builder);
  cw_sb_json_add_string (builder, "sku", sku);
  cw_sb_json_add_string (builder, "effectiveDate", PUBLICATION);
  cw_sb_json_add_string (builder, "offerTermCode", OFFER_TERM_CODE);
  add_empty (builder, "termAttributes", FALSE);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static JsonNode *
product_document (const Region *region,
                  guint         kind)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *sku = product_sku (region, &kinds[kind]);

  json_builder_begin_object (builder);
  add_product (builder, region, &kinds[kind], sku);
  cw_sb_json_add_string (builder, "serviceCode", SERVICE_CODE);
  add_terms (builder, sku, &kinds[kind], region->usd[kind]);
  cw_sb_json_add_string (builder, "version", VERSION);
  cw_sb_json_add_string (builder, "publicationDate", PUBLICATION);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Every product, in the same order each time, so that a page token stays true. */
static GPtrArray *
catalogue (void)
{
  GPtrArray *products = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint r = 0; r < G_N_ELEMENTS (regions); r++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      g_ptr_array_add (products, product_document (&regions[r], k));
  return products;
}

/* ---- the request's members ---- */

static gboolean
invalid_parameter (GError     **error,
                   const char  *what)
{
  return cw_sb_aws_fail (error, 400, "InvalidParameterException", "Input Parameters are invalid. %s", what);
}

/* A member of another JSON type than the model's is refused before the operation runs,
 * as JSON 1.1's deserializer does. */
static gboolean
wrong_type (GError     **error,
            const char  *name,
            const char  *expected)
{
  return cw_sb_aws_fail (error, 400, "SerializationException", "%s must be %s", name, expected);
}

/* A string member; absent or null is NULL. */
static gboolean
read_string (JsonObject   *object,
             const char   *name,
             const char  **value,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (error, name, "a string");
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_max_results (JsonObject  *input,
                  guint       *max_results,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (input, "MaxResults");
  gint64 value;

  *max_results = MAX_RESULTS;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (error, "MaxResults", "an integer");
  value = json_node_get_int (node);
  if (value < 1 || value > MAX_RESULTS)
    return invalid_parameter (error, "maxResults must be between 1 and 100");
  *max_results = (guint) value;
  return TRUE;
}

/* Words of AWS's own for a missing service code; the sandbox's for one it does not price. */
static gboolean
check_service_code (const char  *service_code,
                    GError     **error)
{
  if (service_code == NULL || *service_code == '\0')
    return invalid_parameter (error, "serviceCode cannot be null or empty");
  if (!g_str_equal (service_code, SERVICE_CODE))
    return cw_sb_aws_fail (error, 400, "NotFoundException", "Service not found for service code: %s", service_code);
  return TRUE;
}

static gboolean
check_format_version (const char  *format_version,
                      GError     **error)
{
  g_autofree char *what = NULL;

  if (format_version == NULL || g_str_equal (format_version, FORMAT_VERSION))
    return TRUE;
  what = g_strdup_printf ("formatVersion %s is not supported: the only format version is " FORMAT_VERSION,
                          format_version);
  return invalid_parameter (error, what);
}

/* ---- filters ---- */

typedef enum {
  MATCH_EXACT,
  MATCH_CONTAINS,
  MATCH_ANY_OF,    /* Value is a comma-separated list */
  MATCH_NONE_OF,
} Match;

static const struct {
  const char *type;
  Match       match;
} filter_types[] = {
  { "TERM_MATCH", MATCH_EXACT },
  { "EQUALS", MATCH_EXACT },
  { "CONTAINS", MATCH_CONTAINS },
  { "ANY_OF", MATCH_ANY_OF },
  { "NONE_OF", MATCH_NONE_OF },
};

typedef struct {
  Match       match;
  const char *field;
  const char *value;    /* the request's */
} Filter;

static gboolean
find_match (const char  *type,
            Match       *match,
            GError     **error)
{
  g_autofree char *what = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (filter_types); i++)
    if (g_str_equal (filter_types[i].type, type))
      {
        *match = filter_types[i].match;
        return TRUE;
      }
  what = g_strdup_printf ("Filter type %s is not supported: it must be TERM_MATCH, EQUALS, CONTAINS, ANY_OF or NONE_OF",
                          type);
  return invalid_parameter (error, what);
}

static gboolean
read_filter (JsonNode  *node,
             Filter    *filter,
             GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *type = NULL;

  if (object == NULL)
    return wrong_type (error, "Filters", "a list of objects");
  if (!read_string (object, "Type", &type, error) ||
      !read_string (object, "Field", &filter->field, error) ||
      !read_string (object, "Value", &filter->value, error))
    return FALSE;
  if (type == NULL || filter->field == NULL || filter->value == NULL || *filter->field == '\0' || *filter->value == '\0')
    return invalid_parameter (error, "a filter's Type, Field and Value cannot be null or empty");
  return find_match (type, &filter->match, error);
}

static GArray *
read_filters (JsonObject  *input,
              GError     **error)
{
  JsonNode *node = json_object_get_member (input, "Filters");
  JsonArray *items = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autoptr(GArray) filters = g_array_new (FALSE, TRUE, sizeof (Filter));

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && items == NULL)
    {
      wrong_type (error, "Filters", "a list");
      return NULL;
    }
  if (items != NULL && json_array_get_length (items) > MAX_FILTERS)
    {
      invalid_parameter (error, "there may be at most 50 filters");
      return NULL;
    }
  g_array_set_size (filters, items ? json_array_get_length (items) : 0);
  for (guint i = 0; i < filters->len; i++)
    if (!read_filter (json_array_get_element (items, i), &g_array_index (filters, Filter, i), error))
      return NULL;
  return g_steal_pointer (&filters);
}

/* What a filter's Field names: the product family, the SKU, the service code or one of
 * the attributes; NULL when the product has no such field. */
static const char *
product_field (JsonNode   *document,
               const char *field)
{
  JsonObject *root = json_node_get_object (document);
  JsonObject *product = json_object_get_object_member (root, "product");

  if (g_str_equal (field, "productFamily") || g_str_equal (field, "sku"))
    return json_object_get_string_member (product, field);
  if (g_str_equal (field, "ServiceCode"))
    return json_object_get_string_member (root, "serviceCode");
  return json_object_get_string_member_with_default (json_object_get_object_member (product, "attributes"),
                                                     field, NULL);
}

static gboolean
listed (const char *list,
        const char *value)
{
  g_auto(GStrv) items = g_strsplit (list, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    if (g_str_equal (g_strstrip (items[i]), value))
      return TRUE;
  return FALSE;
}

/* A product without the field matches no filter on it. */
static gboolean
filter_matches (const Filter *filter,
                JsonNode     *document)
{
  const char *value = product_field (document, filter->field);

  if (value == NULL)
    return FALSE;
  switch (filter->match)
    {
    case MATCH_CONTAINS:
      return strstr (value, filter->value) != NULL;
    case MATCH_ANY_OF:
      return listed (filter->value, value);
    case MATCH_NONE_OF:
      return !listed (filter->value, value);
    case MATCH_EXACT:
    default:
      return g_str_equal (value, filter->value);
    }
}

/* The catalogue's products that match every filter, in the catalogue's order. */
static GPtrArray *
matching_products (GArray *filters)
{
  GPtrArray *products = catalogue ();

  for (guint p = products->len; p > 0; p--)
    for (guint f = 0; f < filters->len; f++)
      if (!filter_matches (&g_array_index (filters, Filter, f), products->pdata[p - 1]))
        {
          g_ptr_array_remove_index (products, p - 1);
          break;
        }
  return products;
}

/* ---- GetProducts ---- */

/* A token is where its page starts in the same listing: never the first product,
 * never past the last. */
static gboolean
read_next_token (const char  *token,
                 guint        n_products,
                 guint       *first,
                 GError     **error)
{
  guint64 index = 0;

  *first = 0;
  if (token == NULL)
    return TRUE;
  if (!cw_sb_page_token_parse (token, &index) || index == 0 || index >= n_products)
    return cw_sb_aws_fail (error, 400, "InvalidNextTokenException",
                           "The pagination token is invalid. Try again without a pagination token.");
  *first = (guint) index;
  return TRUE;
}

/* Each product goes as the JSON text of its document, a string in PriceList. */
static void
write_page (CwSbAwsCall *call,
            GPtrArray   *products,
            guint        first,
            guint        max_results)
{
  guint end = MIN (products->len, first + max_results);

  cw_sb_json_add_string (call->json, "FormatVersion", FORMAT_VERSION);
  json_builder_set_member_name (call->json, "PriceList");
  json_builder_begin_array (call->json);
  for (guint i = first; i < end; i++)
    {
      g_autofree char *text = json_to_string (products->pdata[i], FALSE);

      json_builder_add_string_value (call->json, text);
    }
  json_builder_end_array (call->json);
  if (end < products->len)
    {
      g_autofree char *token = cw_sb_page_token_new (end);

      cw_sb_json_add_string (call->json, "NextToken", token);
    }
}

static gboolean
get_products (CwSbAwsCall  *call,
              GError      **error)
{
  const char *service_code, *format_version, *token;
  g_autoptr(GArray) filters = NULL;
  g_autoptr(GPtrArray) products = NULL;
  guint max_results, first;

  if (!read_string (call->input, "ServiceCode", &service_code, error) ||
      !read_string (call->input, "FormatVersion", &format_version, error) ||
      !read_string (call->input, "NextToken", &token, error) ||
      !read_max_results (call->input, &max_results, error) ||
      !check_service_code (service_code, error) ||
      !check_format_version (format_version, error))
    return FALSE;
  filters = read_filters (call->input, error);
  if (filters == NULL)
    return FALSE;
  products = matching_products (filters);
  if (!read_next_token (token, products->len, &first, error))
    return FALSE;
  write_page (call, products, first, max_results);
  return TRUE;
}

static const CwSbAwsOperation pricing_operations[] = {
  { "GetProducts", get_products },
};

const CwSbAwsOperation *
cw_sb_pricing_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (pricing_operations);
  return pricing_operations;
}
