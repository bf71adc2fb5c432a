/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-cost.c: a new link's monthly cost (see cw-link-cost.h) */
#define G_LOG_DOMAIN "cw-link-cost"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cw-aws-error.h"
#include "cw-link-cost.h"
#include "cw-pricing.h"

/* How long fetched prices are trusted: AWS changes them a few times a year. */
#define CACHE_LIFETIME_S (24 * 60 * 60)
/* The Price List API's names for a Network Load Balancer's prices. */
#define SERVICE_CODE   "AWSELB"
#define PRODUCT_FAMILY "Load Balancer-Network"
#define HOUR_USAGE     "LoadBalancerUsage"
#define NLCU_USAGE     "LCUUsage"

struct _CwLinkCost
{
  GObject  parent_instance;
  char    *region;
  gboolean known;
  gboolean shared;      /* a database added to a link: the link's load balancer serves it */
  double   load_balancer_usd_per_hour;
  double   nlcu_usd_per_hour;
  char    *why_unknown;
};

G_DEFINE_FINAL_TYPE (CwLinkCost, cw_link_cost, G_TYPE_OBJECT)

static void
cw_link_cost_finalize (GObject *object)
{
  CwLinkCost *self = CW_LINK_COST (object);

  g_free (self->region);
  g_free (self->why_unknown);
  G_OBJECT_CLASS (cw_link_cost_parent_class)->finalize (object);
}

static void
cw_link_cost_class_init (CwLinkCostClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_link_cost_finalize;
}

static void
cw_link_cost_init (CwLinkCost *self)
{
}

CwLinkCost *
cw_link_cost_new (const char *region,
                  double      load_balancer_usd_per_hour,
                  double      nlcu_usd_per_hour)
{
  CwLinkCost *self = g_object_new (CW_TYPE_LINK_COST, NULL);

  self->region = g_strdup (region);
  self->known = TRUE;
  self->load_balancer_usd_per_hour = load_balancer_usd_per_hour;
  self->nlcu_usd_per_hour = nlcu_usd_per_hour;
  return self;
}

/* What adding a database to a link costs by the hour: nothing, its load balancer is the
 * link's (DESIGN.md §4.5). */
CwLinkCost *
cw_link_cost_new_shared (const char *region)
{
  CwLinkCost *self = cw_link_cost_new (region, 0, 0);

  self->shared = TRUE;
  return self;
}

gboolean
cw_link_cost_get_shared (CwLinkCost *self)
{
  g_return_val_if_fail (CW_IS_LINK_COST (self), FALSE);
  return self->shared;
}

CwLinkCost *
cw_link_cost_new_unknown (const char *region,
                          const char *why)
{
  CwLinkCost *self = g_object_new (CW_TYPE_LINK_COST, NULL);

  self->region = g_strdup (region);
  self->why_unknown = g_strdup (why);
  return self;
}

gboolean
cw_link_cost_get_known (CwLinkCost *self)
{
  g_return_val_if_fail (CW_IS_LINK_COST (self), FALSE);
  return self->known;
}

const char *
cw_link_cost_get_region (CwLinkCost *self)
{
  g_return_val_if_fail (CW_IS_LINK_COST (self), NULL);
  return self->region;
}

double
cw_link_cost_get_monthly_usd (CwLinkCost *self)
{
  g_return_val_if_fail (CW_IS_LINK_COST (self), 0);
  return CW_LINK_COST_HOURS_PER_MONTH *
         (self->load_balancer_usd_per_hour + CW_LINK_COST_NLCUS_ASSUMED * self->nlcu_usd_per_hour);
}

double
cw_link_cost_get_load_balancer_usd_per_hour (CwLinkCost *self)
{
  g_return_val_if_fail (CW_IS_LINK_COST (self), 0);
  return self->load_balancer_usd_per_hour;
}

double
cw_link_cost_get_nlcu_usd_per_hour (CwLinkCost *self)
{
  g_return_val_if_fail (CW_IS_LINK_COST (self), 0);
  return self->nlcu_usd_per_hour;
}

const char *
cw_link_cost_get_why_unknown (CwLinkCost *self)
{
  g_return_val_if_fail (CW_IS_LINK_COST (self), NULL);
  return self->why_unknown;
}

/* Half a cent up, as a bill rounds: 730 × $0.0285 is $20.805, not $20.8049… */
static double
round_to_cents (double usd)
{
  return floor (usd * 100 + 0.5 + 1e-9) / 100;
}

char *
cw_link_cost_dup_headline (CwLinkCost *self)
{
  g_return_val_if_fail (CW_IS_LINK_COST (self), NULL);
  if (!self->known)
    return g_strdup (_("Cost unknown"));
  if (self->shared)
    return g_strdup (_("No additional hourly cost"));
  /* TRANSLATORS: a link's monthly cost in US dollars, e.g. "About $20.81 a month" */
  return g_strdup_printf (_("About $%.2f a month"), round_to_cents (cw_link_cost_get_monthly_usd (self)));
}

char *
cw_link_cost_dup_details (CwLinkCost *self)
{
  g_return_val_if_fail (CW_IS_LINK_COST (self), NULL);
  if (!self->known)
    return g_strdup (self->why_unknown);
  if (self->shared)
    return g_strdup (_("The link’s load balancer, already paid for by the hour, serves this database too. Its "
                       "traffic counts in the load balancer’s capacity units, as any link’s does."));
  /* TRANSLATORS: what a link's monthly cost rests on; the prices in US dollars, then
   * the region */
  return g_strdup_printf (_("The Network Load Balancer all month (%d hours at $%.4f) and one capacity unit each hour "
                            "(NLCU at $%.4f: up to 1 GB through it an hour), AWS’s On-Demand prices in %s. A "
                            "migration’s first copy uses more capacity units while it runs."),
                          CW_LINK_COST_HOURS_PER_MONTH, self->load_balancer_usd_per_hour, self->nlcu_usd_per_hour,
                          self->region);
}

/* "LoadBalancerUsage" in us-east-1, "USW2-LoadBalancerUsage" elsewhere. */
static gboolean
is_usage (CwPricingPrice *price,
          const char     *usage)
{
  const char *dash;

  if (price->usage_type == NULL)
    return FALSE;
  dash = strrchr (price->usage_type, '-');
  return g_str_equal (dash ? dash + 1 : price->usage_type, usage);
}

static const CwPricingPrice *
find_usage (GPtrArray  *prices,
            const char *region,
            const char *usage)
{
  for (guint i = 0; i < prices->len; i++)
    {
      CwPricingPrice *price = g_ptr_array_index (prices, i);

      if (g_strcmp0 (price->product_family, PRODUCT_FAMILY) == 0 && g_strcmp0 (price->region_code, region) == 0 &&
          is_usage (price, usage))
        return price;
    }
  return NULL;
}

CwLinkCost *
cw_link_cost_new_from_prices (const char *region,
                              GPtrArray  *prices)
{
  const CwPricingPrice *hour = find_usage (prices, region, HOUR_USAGE);
  const CwPricingPrice *nlcu = find_usage (prices, region, NLCU_USAGE);
  g_autofree char *why = NULL;

  if (hour != NULL && nlcu != NULL)
    return cw_link_cost_new (region, hour->usd_per_unit, nlcu->usd_per_unit);
  why = g_strdup_printf (_("The AWS Price List API has no On-Demand price of a Network Load Balancer in %s."), region);
  return cw_link_cost_new_unknown (region, why);
}

/* ---- the day's cache ---- */

static GFile *
cache_file (const char *region)
{
  g_autofree char *name = g_strconcat (region, ".json", NULL);
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "causeway", "prices", name, NULL);

  return g_file_new_for_path (path);
}

/* The cached prices of @region when fetched within the day, else NULL. */
static CwLinkCost *
read_cache (const char *region,
            const char *text,
            gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) fetched = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  JsonObject *object;
  GTimeSpan age;

  if (!json_parser_load_from_data (parser, text, (gssize) length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  fetched = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (object, "fetched", ""), NULL);
  if (fetched == NULL)
    return NULL;
  age = g_date_time_difference (now, fetched);
  if (age < 0 || age > (GTimeSpan) CACHE_LIFETIME_S * G_TIME_SPAN_SECOND)
    return NULL;
  return cw_link_cost_new (region, json_object_get_double_member_with_default (object, "loadBalancerUsdPerHour", 0),
                           json_object_get_double_member_with_default (object, "nlcuUsdPerHour", 0));
}

static GBytes *
cache_contents (CwLinkCost *cost)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *fetched = g_date_time_format_iso8601 (now);
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "fetched");
  json_builder_add_string_value (builder, fetched);
  json_builder_set_member_name (builder, "loadBalancerUsdPerHour");
  json_builder_add_double_value (builder, cost->load_balancer_usd_per_hour);
  json_builder_set_member_name (builder, "nlcuUsdPerHour");
  json_builder_add_double_value (builder, cost->nlcu_usd_per_hour);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  return g_bytes_new_take (text, strlen (text));
}

static void
write_cache_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  CwLinkCost *cost = task_data;
  g_autoptr(GFile) file = cache_file (cost->region);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *directory = g_path_get_dirname (path);
  g_autoptr(GBytes) contents = cache_contents (cost);
  g_autoptr(GError) error = NULL;

  /* Without the cache the next estimate asks again: nothing more is lost. */
  if (g_mkdir_with_parents (directory, 0700) != 0 ||
      !g_file_set_contents (path, g_bytes_get_data (contents, NULL), (gssize) g_bytes_get_size (contents), &error))
    g_debug ("The prices were not cached in %s: %s", directory, error ? error->message : g_strerror (errno));
}

/* Off the main thread: a slow disk must not hold the window. */
static void
write_cache (CwLinkCost *cost)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_object_ref (cost), g_object_unref);
  g_task_run_in_thread (task, write_cache_in_thread);
}

/* ---- the estimate ---- */

typedef struct {
  CwClouds *clouds;
  char     *region;
} Estimate;

static void
estimate_free (Estimate *estimate)
{
  g_object_unref (estimate->clouds);
  g_free (estimate->region);
  g_free (estimate);
}

/* Why the prices could not be had, and what to do about it. */
static char *
explain_failure (const GError *error)
{
  if (g_error_matches (error, CW_AWS_ERROR, CW_AWS_ERROR_ACCESS_DENIED))
    return g_strdup (_("These AWS credentials may not read prices: allow pricing:GetProducts to see the cost. "
                       "The link does not need it."));
  /* TRANSLATORS: %s is the error, in AWS's or the network's words */
  return g_strdup_printf (_("The AWS Price List API could not be asked: %s"), error->message);
}

static void
products_got (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Estimate *estimate = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prices = cw_pricing_get_products_finish (CW_AWS_CLIENT (source), result, &error);
  g_autofree char *why = NULL;
  CwLinkCost *cost;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (prices == NULL)
    {
      why = explain_failure (error);
      g_task_return_pointer (task, cw_link_cost_new_unknown (estimate->region, why), g_object_unref);
      return;
    }
  cost = cw_link_cost_new_from_prices (estimate->region, prices);
  if (cost->known)
    write_cache (cost);
  g_task_return_pointer (task, cost, g_object_unref);
}

static void
ask_prices (GTask *task)
{
  Estimate *estimate = g_task_get_task_data (task);
  const char *term_matches[] = { "productFamily", PRODUCT_FAMILY, "regionCode", estimate->region, NULL };
  GCancellable *cancellable = g_task_get_cancellable (task);

  cw_pricing_get_products_async (cw_clouds_get_aws (estimate->clouds, CW_PRICING_REGION), SERVICE_CODE,
                                 term_matches, cancellable, products_got, task);
}

static void
cache_read (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Estimate *estimate = g_task_get_task_data (task);
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  CwLinkCost *cost = NULL;

  if (g_file_load_contents_finish (G_FILE (source), result, &text, &length, NULL, &error))
    cost = read_cache (estimate->region, text, length);
  if (cost != NULL)
    {
      g_task_return_pointer (task, cost, g_object_unref);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ask_prices (g_steal_pointer (&task));
}

void
cw_link_cost_estimate_async (CwClouds            *clouds,
                             const char          *region,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;
  Estimate *estimate;

  g_return_if_fail (CW_IS_CLOUDS (clouds));
  g_return_if_fail (region != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_link_cost_estimate_async);
  estimate = g_new0 (Estimate, 1);
  estimate->clouds = g_object_ref (clouds);
  estimate->region = g_strdup (region);
  g_task_set_task_data (task, estimate, (GDestroyNotify) estimate_free);
  file = cache_file (region);
  g_file_load_contents_async (file, cancellable, cache_read, g_steal_pointer (&task));
}

CwLinkCost *
cw_link_cost_estimate_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_link_cost_estimate_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
