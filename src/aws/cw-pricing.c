/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-pricing.c: GetProducts of the Price List API (see cw-pricing.h) */
#define G_LOG_DOMAIN "cw-pricing"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"
#include "cw-pricing.h"

/* GetProducts' largest page (MaxResults). */
#define PAGE_SIZE 100

typedef struct {
  char       *service_code;
  GStrv       term_matches;
} Listing;

void
cw_pricing_price_free (CwPricingPrice *self)
{
  if (self == NULL)
    return;
  g_free (self->sku);
  g_free (self->product_family);
  g_free (self->region_code);
  g_free (self->usage_type);
  g_free (self->unit);
  g_free (self->description);
  g_free (self);
}

static void
listing_free (Listing *listing)
{
  g_free (listing->service_code);
  g_strfreev (listing->term_matches);
  g_free (listing);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* One price dimension of an On-Demand term: its USD per unit. */
static void
add_dimension (JsonObject *product,
               JsonObject *dimension,
               GPtrArray  *prices)
{
  JsonObject *attributes = object_member (product, "attributes");
  const char *usd = cw_aws_json_get_string (object_member (dimension, "pricePerUnit"), "USD");
  CwPricingPrice *price;
  char *end = NULL;
  double value;

  if (usd == NULL)
    return;
  value = g_ascii_strtod (usd, &end);
  if (end == usd || *end != '\0' || value < 0)
    return;
  price = g_new0 (CwPricingPrice, 1);
  price->sku = g_strdup (cw_aws_json_get_string (product, "sku"));
  price->product_family = g_strdup (cw_aws_json_get_string (product, "productFamily"));
  price->region_code = g_strdup (cw_aws_json_get_string (attributes, "regionCode"));
  price->usage_type = g_strdup (cw_aws_json_get_string (attributes, "usagetype"));
  price->unit = g_strdup (cw_aws_json_get_string (dimension, "unit"));
  price->description = g_strdup (cw_aws_json_get_string (dimension, "description"));
  price->usd_per_unit = value;
  g_ptr_array_add (prices, price);
}

/* The members of @object that are objects, each given to @each. */
static void
for_each_object (JsonObject *object,
                 void      (*each) (JsonObject *product, JsonObject *member, GPtrArray *prices),
                 JsonObject *product,
                 GPtrArray  *prices)
{
  JsonObjectIter iter;
  JsonNode *member;

  if (object == NULL)
    return;
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, NULL, &member))
    if (JSON_NODE_HOLDS_OBJECT (member))
      each (product, json_node_get_object (member), prices);
}

static void
add_term (JsonObject *product,
          JsonObject *term,
          GPtrArray  *prices)
{
  for_each_object (object_member (term, "priceDimensions"), add_dimension, product, prices);
}

gboolean
cw_pricing_read_product (const char  *text,
                         GPtrArray   *prices,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonObject *product;

  if (!json_parser_load_from_data (parser, text, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto not_a_product;
  root = json_node_get_object (json_parser_get_root (parser));
  product = object_member (root, "product");
  if (product == NULL)
    goto not_a_product;
  for_each_object (object_member (object_member (root, "terms"), "OnDemand"), add_term, product, prices);
  return TRUE;

not_a_product:
  g_propagate_error (error, cw_aws_error_new_literal (CW_AWS_ERROR_INVALID_RESPONSE, NULL,
                                                      _("The Price List API answered with something that is not a "
                                                        "product")));
  return FALSE;
}

static JsonNode *
request_body (Listing    *listing,
              const char *next_token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ServiceCode");
  json_builder_add_string_value (builder, listing->service_code);
  json_builder_set_member_name (builder, "Filters");
  json_builder_begin_array (builder);
  for (guint i = 0; listing->term_matches && listing->term_matches[i] && listing->term_matches[i + 1]; i += 2)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "Type");
      json_builder_add_string_value (builder, "TERM_MATCH");
      json_builder_set_member_name (builder, "Field");
      json_builder_add_string_value (builder, listing->term_matches[i]);
      json_builder_set_member_name (builder, "Value");
      json_builder_add_string_value (builder, listing->term_matches[i + 1]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "FormatVersion");
  json_builder_add_string_value (builder, "aws_v1");
  json_builder_set_member_name (builder, "MaxResults");
  json_builder_add_int_value (builder, PAGE_SIZE);
  if (next_token != NULL)
    {
      json_builder_set_member_name (builder, "NextToken");
      json_builder_add_string_value (builder, next_token);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static CwAwsJsonRequest *
page_request (gpointer    data,
              const char *next_token)
{
  return cw_aws_json_request_new_target (CW_AWS_SERVICE_PRICING, "GetProducts", request_body (data, next_token));
}

static gboolean
read_page (gpointer     data,
           GPtrArray   *prices,
           JsonObject  *answer,
           const char **next_token,
           GError     **error)
{
  JsonNode *list = json_object_get_member (answer, "PriceList");
  JsonArray *items = list && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING ||
          !cw_pricing_read_product (json_node_get_string (item), prices, error))
        return FALSE;
    }
  *next_token = cw_aws_json_get_string (answer, "NextToken");
  return TRUE;
}

void
cw_pricing_get_products_async (CwAwsClient         *client,
                               const char          *service_code,
                               const char * const  *term_matches,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GPtrArray) prices = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_pricing_price_free);
  Listing *listing;

  g_return_if_fail (CW_IS_AWS_CLIENT (client));
  g_return_if_fail (service_code != NULL);

  listing = g_new0 (Listing, 1);
  listing->service_code = g_strdup (service_code);
  listing->term_matches = g_strdupv ((char **) term_matches);
  cw_aws_client_call_json_pages_async (client, page_request, read_page, listing, (GDestroyNotify) listing_free, prices,
                                       cancellable, callback, user_data);
}

GPtrArray *
cw_pricing_get_products_finish (CwAwsClient   *client,
                                GAsyncResult  *result,
                                GError       **error)
{
  return cw_aws_client_call_json_pages_finish (client, result, error);
}
