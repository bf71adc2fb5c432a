/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-resolver.c: the sandbox's DNS answers its database names, and only in
 * sandbox mode (while installed). */
#include "config.h"

#include "sandbox-test.h"

#define ORDERS_HOST  "orders-mysql.c9sbx1k2abcd.us-east-1.rds.amazonaws.com"
#define PUBLIC_HOST  "public-mysql.c9sbx1k2abcd.us-east-1.rds.amazonaws.com"
#define WRITER_HOST  "inventory-aurora.cluster-c9sbx1k2abcd.us-east-1.rds.amazonaws.com"

static char *
lookup (const char  *host,
        GError     **error)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  GList *addresses = g_resolver_lookup_by_name (resolver, host, NULL, error);
  char *first = addresses ? g_inet_address_to_string (addresses->data) : NULL;

  g_resolver_free_addresses (addresses);
  return first;
}

static char *
lookup_async (const char  *host,
              GResolverNameLookupFlags flags,
              GError     **error)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GAsyncResult) result = NULL;
  GList *addresses;
  char *first;

  g_resolver_lookup_by_name_with_flags_async (resolver, host, flags, NULL, sb_store_result, &result);
  addresses = g_resolver_lookup_by_name_with_flags_finish (resolver, sb_wait (&result), error);
  first = addresses ? g_inet_address_to_string (addresses->data) : NULL;
  g_resolver_free_addresses (addresses);
  return first;
}

static void
assert_unknown (const char *host)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = lookup (host, &error);

  g_assert_null (address);
  g_assert_nonnull (error);
}

static void
test_only_in_sandbox_mode (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autofree char *expected = cw_sandbox_resolve_host (sb->sandbox, ORDERS_HOST);
  g_autoptr(GError) error = NULL;
  g_autofree char *answered = NULL;
  g_autofree char *local = NULL;

  assert_unknown (ORDERS_HOST);
  cw_sandbox_install_resolver (sb->sandbox);
  answered = lookup (ORDERS_HOST, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answered, ==, expected);
  /* Other names still go to the resolver the sandbox stands in front of. */
  local = lookup ("localhost", &error);
  g_assert_no_error (error);
  g_assert_nonnull (local);
  cw_sandbox_uninstall_resolver (sb->sandbox);
  assert_unknown (ORDERS_HOST);
}

static void
test_answers (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *orders = NULL;
  g_autofree char *public_ip = NULL;
  g_autofree char *writer = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *ipv6 = NULL;

  cw_sandbox_install_resolver (sb->sandbox);
  orders = lookup_async (ORDERS_HOST, G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (orders, "10.0."));
  public_ip = lookup_async (PUBLIC_HOST, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (public_ip, "203.0.113."));
  writer = lookup (WRITER_HOST, &error);
  g_assert_no_error (error);
  ipv6 = lookup_async (ORDERS_HOST, G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY, &error);
  g_assert_null (ipv6);
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* A failover shows in DNS at once. */
  g_assert_true (cw_sandbox_failover (sb->sandbox, "orders-mysql", &error));
  moved = lookup (ORDERS_HOST, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved, !=, orders);
  g_assert_nonnull (writer);
}

static void
test_stop_uninstalls (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "default", NULL);
  g_autoptr(GResolver) before = g_resolver_get_default ();
  g_autoptr(GResolver) during = NULL;
  g_autoptr(GResolver) after = NULL;

  cw_sandbox_install_resolver (sb->sandbox);
  during = g_resolver_get_default ();
  g_assert_true (during != before);
  cw_sandbox_stop (sb->sandbox);
  after = g_resolver_get_default ();
  g_assert_true (after == before);
  assert_unknown (ORDERS_HOST);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/resolver/only-in-sandbox-mode", test_only_in_sandbox_mode);
  g_test_add_func ("/sandbox/resolver/answers", test_answers);
  g_test_add_func ("/sandbox/resolver/stop-uninstalls", test_stop_uninstalls);
  return g_test_run ();
}
