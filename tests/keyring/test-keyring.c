/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The credential store against a real gnome-keyring-daemon in a private D-Bus session
 * (tools/session): store, list, update, delete, for credentials, IAM Identity Center
 * sign-ins and SQL users' passwords; afterwards the secrets are in no file under HOME but
 * the keyring's own, and in nothing the code printed. */
#include "config.h"

#include <string.h>

#include "cw-static-credentials-provider.h"
#include "cw-credential-store.h"
#include "cw-engine-error.h"
#include "cw-secure.h"
#include "cw-sso-role-provider.h"
#include "cw-sso-token.h"

#define AWS_SECRET "kEyRiNgTeSt/wJalrXUtnFEMI/K7MDENGbPxRfiCY"
#define AWS_TOKEN "FwoGZXIvYXdzEXAMPLEsessionTOKENkeyringTEST"
#define AWS_SECRET_2 "sEcOnDsEcReT/0123456789abcdefghijklmnopq"
#define TIDB_PRIVATE "tIdBpRiVaTe-0b5e-4c8a-keyring-test"
#define SSO_ACCESS "aoaAcCeSsToKeN-keyring-test-0123456789"
#define SSO_REFRESH "aorReFrEsHtOkEn-keyring-test-9876543210"
#define SSO_CLIENT_SECRET "eyJjbGllbnRTZWNyZXQ-keyring-test"
#define MYSQL_PWD_1 "MySqL-pWd-1/keyring test ü"
#define MYSQL_PWD_2 "MySqL-pWd-2-replaced"
#define MYSQL_PWD_OTHER "MySqL-pWd-other-account"
#define MYSQL_PWD_APP "MySqL-pWd-app-user"
#define TIDB_SQL_PWD "TiDbSqL-pWd-keyring"
#define ACCOUNT_A "111122223333"
#define ACCOUNT_B "444455556666"

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (*slot == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*slot);
  return *slot;
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
load (CwCredentialStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cw_credential_store_load_async (store, NULL, store_result, &result);
  g_assert_true (cw_credential_store_load_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static gboolean
save (CwCredentialStore        *store,
      CwCredential             *credential,
      CwCredential             *previous,
      const CwCredentialSecret *secret,
      GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_credential_store_save_async (store, credential, previous, secret, NULL, store_result, &result);
  return cw_credential_store_save_finish (store, wait_for (&result), error);
}

static CwCredentialSecret *
lookup (CwCredentialStore *store,
        CwCredential      *credential)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CwCredentialSecret *secret;

  cw_credential_store_lookup_secret_async (store, credential, NULL, store_result, &result);
  secret = cw_credential_store_lookup_secret_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return secret;
}

static void
remove_credential (CwCredentialStore *store,
                   CwCredential      *credential)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cw_credential_store_remove_async (store, credential, NULL, store_result, &result);
  g_assert_true (cw_credential_store_remove_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
exercise_store (void)
{
  g_autoptr(CwCredentialStore) store = cw_credential_store_new ();
  g_autoptr(CwCredentialStore) reread = cw_credential_store_new ();
  g_autoptr(CwCredential) aws = cw_credential_new (CW_CREDENTIAL_AWS, "kr-aws", "AKIAIOSFODNN7EXAMPLE", "us-east-1", TRUE);
  g_autoptr(CwCredential) tidb = cw_credential_new (CW_CREDENTIAL_TIDBCLOUD, "kr-tidb", "PUBKEY01", NULL, FALSE);
  g_autoptr(CwCredential) renamed = cw_credential_new (CW_CREDENTIAL_AWS, "kr-aws-renamed", "AKIAIOSFODNN7EXAMPLE", "eu-west-1", TRUE);
  g_autoptr(CwCredential) rekeyed = NULL;
  g_autoptr(CwCredentialSecret) aws_secret = cw_credential_secret_new (AWS_SECRET, AWS_TOKEN);
  g_autoptr(CwCredentialSecret) tidb_secret = cw_credential_secret_new (TIDB_PRIVATE, NULL);
  g_autoptr(CwCredentialSecret) new_secret = cw_credential_secret_new (AWS_SECRET_2, NULL);
  g_autoptr(CwCredentialSecret) found = NULL;
  g_autoptr(GError) error = NULL;
  CwCredential *listed;

  load (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* store */
  g_assert_true (save (store, aws, NULL, aws_secret, &error));
  g_assert_no_error (error);
  g_assert_true (save (store, tidb, NULL, tidb_secret, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  /* a duplicate label is refused and changes nothing */
  g_assert_false (save (store, aws, NULL, aws_secret, &error));
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* list, from a fresh store reading the keyring */
  load (reread);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 2);
  listed = cw_credential_store_find (reread, CW_CREDENTIAL_AWS, "kr-aws");
  g_assert_nonnull (listed);
  g_assert_cmpstr (cw_credential_get_key_id (listed), ==, "AKIAIOSFODNN7EXAMPLE");
  g_assert_cmpstr (cw_credential_get_region (listed), ==, "us-east-1");
  g_assert_true (cw_credential_get_has_session_token (listed));
  found = lookup (reread, listed);
  g_assert_cmpstr (found->secret, ==, AWS_SECRET);
  g_assert_cmpstr (found->session_token, ==, AWS_TOKEN);
  g_clear_pointer (&found, cw_credential_secret_free);

  /* update: rename and change region, keeping the saved secret */
  g_assert_true (save (reread, renamed, listed, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&reread);
  reread = cw_credential_store_new ();
  load (reread);
  g_assert_null (cw_credential_store_find (reread, CW_CREDENTIAL_AWS, "kr-aws"));
  listed = cw_credential_store_find (reread, CW_CREDENTIAL_AWS, "kr-aws-renamed");
  g_assert_nonnull (listed);
  g_assert_cmpstr (cw_credential_get_region (listed), ==, "eu-west-1");
  found = lookup (reread, listed);
  g_assert_cmpstr (found->secret, ==, AWS_SECRET);
  g_clear_pointer (&found, cw_credential_secret_free);

  /* update: same label, new secret without a token */
  rekeyed = cw_credential_new (CW_CREDENTIAL_AWS, "kr-aws-renamed", "AKIAIOSFODNN7EXAMPLE", "eu-west-1", FALSE);
  g_assert_true (save (reread, rekeyed, listed, new_secret, &error));
  g_assert_no_error (error);
  listed = cw_credential_store_find (reread, CW_CREDENTIAL_AWS, "kr-aws-renamed");
  found = lookup (reread, listed);
  g_assert_cmpstr (found->secret, ==, AWS_SECRET_2);
  g_assert_null (found->session_token);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 2);

  /* delete */
  remove_credential (reread, listed);
  remove_credential (reread, cw_credential_store_find (reread, CW_CREDENTIAL_TIDBCLOUD, "kr-tidb"));
  g_clear_object (&reread);
  reread = cw_credential_store_new ();
  load (reread);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 0);
}

static CwAwsCredentialsProvider *
new_provider (CwCredentialStore *store,
              CwCredential      *credential)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CwAwsCredentialsProvider *provider;

  cw_credential_store_new_aws_provider_async (store, credential, NULL, NULL, store_result, &result);
  provider = cw_credential_store_new_aws_provider_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return provider;
}

/* Every item of the credential schema, whatever its kind: after the removals, none.
 * Asynchronously, as Causeway searches: libsecret 0.20's synchronous search leaks. */
static guint
count_keyring_items (void)
{
  g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GList *found;
  guint n;

  secret_password_searchv (cw_credential_schema (), all, SECRET_SEARCH_ALL, NULL, store_result, &result);
  found = secret_password_search_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  n = g_list_length (found);
  g_list_free_full (found, g_object_unref);
  return n;
}

/* The sources of AWS credentials besides keys: an IAM Identity Center role and an AWS CLI
 * profile, each kept as its own kind with nothing secret; listed whole, renamed, turned
 * into the right provider, removed without a trace. */
static void
exercise_aws_sources (void)
{
  g_autoptr(CwCredentialStore) store = cw_credential_store_new ();
  g_autoptr(CwCredentialStore) reread = cw_credential_store_new ();
  g_autoptr(CwCredential) sso = cw_credential_new_aws_sso ("kr-sso", "corp", "https://corp.awsapps.com/start",
                                                           "eu-central-1", "111122223333", "Production",
                                                           "AdministratorAccess", "eu-west-1");
  g_autoptr(CwCredential) profile = cw_credential_new_aws_profile ("kr-profile", "deploy", NULL);
  g_autoptr(CwCredential) renamed = NULL;
  g_autoptr(CwCredential) keys = cw_credential_new (CW_CREDENTIAL_AWS, "kr-keys", "AKIAIOSFODNN7EXAMPLE",
                                                    "us-east-1", FALSE);
  g_autoptr(CwCredentialSecret) keys_secret = cw_credential_secret_new (AWS_SECRET, NULL);
  g_autoptr(CwCredential) invalid = cw_credential_new_aws_sso ("kr-bad", "corp", "corp.awsapps.com", "eu-central-1",
                                                               "111122223333", "Production", "Admin", "eu-west-1");
  g_autoptr(CwAwsCredentialsProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  CwCredential *listed;

  load (store);
  g_assert_cmpuint (count_keyring_items (), ==, 0);
  g_assert_false (save (store, invalid, NULL, NULL, &error));
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (save (store, sso, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (save (store, profile, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (save (store, keys, NULL, keys_secret, &error));
  g_assert_no_error (error);

  load (reread);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 3);
  listed = cw_credential_store_find (reread, CW_CREDENTIAL_AWS, "kr-sso");
  g_assert_nonnull (listed);
  g_assert_cmpint (cw_credential_get_aws_source (listed), ==, CW_AWS_SOURCE_SSO);
  g_assert_cmpstr (cw_credential_get_sso_session (listed), ==, "corp");
  g_assert_cmpstr (cw_credential_get_sso_start_url (listed), ==, "https://corp.awsapps.com/start");
  g_assert_cmpstr (cw_credential_get_sso_region (listed), ==, "eu-central-1");
  g_assert_cmpstr (cw_credential_get_account_id (listed), ==, "111122223333");
  g_assert_cmpstr (cw_credential_get_account_name (listed), ==, "Production");
  g_assert_cmpstr (cw_credential_get_role_name (listed), ==, "AdministratorAccess");
  g_assert_cmpstr (cw_credential_get_region (listed), ==, "eu-west-1");
  provider = new_provider (reread, listed);
  g_assert_true (CW_IS_SSO_ROLE_PROVIDER (provider));
  g_clear_object (&provider);

  /* renamed: the old item goes, the fields stay */
  renamed = cw_credential_new_aws_sso ("kr-sso-renamed", "corp", "https://corp.awsapps.com/start", "eu-central-1",
                                       "111122223333", "Production", "AdministratorAccess", "eu-west-1");
  g_assert_true (save (reread, renamed, listed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_keyring_items (), ==, 3);

  listed = cw_credential_store_find (reread, CW_CREDENTIAL_AWS, "kr-profile");
  g_assert_cmpint (cw_credential_get_aws_source (listed), ==, CW_AWS_SOURCE_PROFILE);
  g_assert_cmpstr (cw_credential_get_profile (listed), ==, "deploy");
  g_assert_cmpstr (cw_credential_get_region (listed), ==, "");

  provider = new_provider (reread, cw_credential_store_find (reread, CW_CREDENTIAL_AWS, "kr-keys"));
  g_assert_true (CW_IS_STATIC_CREDENTIALS_PROVIDER (provider));

  remove_credential (reread, listed);
  remove_credential (reread, cw_credential_store_find (reread, CW_CREDENTIAL_AWS, "kr-sso-renamed"));
  remove_credential (reread, cw_credential_store_find (reread, CW_CREDENTIAL_AWS, "kr-keys"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 0);
  g_assert_cmpuint (count_keyring_items (), ==, 0);
}

/* An IAM Identity Center sign-in: stored, found again whole, replaced, forgotten. It is
 * no credential to list. */
static void
exercise_sso_tokens (void)
{
  CwSsoToken token = {
    (char *) "https://corp.awsapps.com/start", (char *) "us-east-1", (char *) SSO_ACCESS,
    g_get_real_time () / G_USEC_PER_SEC + 3600, (char *) SSO_REFRESH, (char *) "client-kr",
    (char *) SSO_CLIENT_SECRET, 0,
  };
  g_autoptr(CwCredentialStore) store = cw_credential_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CwSsoToken) found = NULL;
  g_autoptr(GError) error = NULL;

  cw_sso_token_store_async (&token, "corp", NULL, store_result, &result);
  g_assert_true (cw_sso_token_store_finish (wait_for (&result), &error));
  g_clear_object (&result);
  cw_sso_token_lookup_async ("corp", NULL, store_result, &result);
  found = cw_sso_token_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->access_token, ==, SSO_ACCESS);
  g_assert_cmpstr (found->refresh_token, ==, SSO_REFRESH);
  g_assert_cmpstr (found->client_secret, ==, SSO_CLIENT_SECRET);
  g_assert_cmpint (found->expires_at, ==, token.expires_at);
  load (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_clear_object (&result);
  cw_sso_token_forget_async ("corp", NULL, store_result, &result);
  g_assert_true (cw_sso_token_forget_finish (wait_for (&result), &error));
  g_clear_object (&result);
  g_clear_pointer (&found, cw_sso_token_free);
  cw_sso_token_lookup_async ("corp", NULL, store_result, &result);
  found = cw_sso_token_lookup_finish (wait_for (&result), &error);
  g_assert_null (found);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND);
}

/* ---- SQL users ---- */

static gboolean
store_sql_user (const CwSqlUser  *user,
                const char       *password,
                GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_sql_user_store_async (user, password, NULL, store_result, &result);
  return cw_sql_user_store_finish (wait_for (&result), error);
}

static char *
lookup_sql_password (const CwSqlUser  *user,
                     GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_sql_user_lookup_password_async (user, NULL, store_result, &result);
  return cw_sql_user_lookup_password_finish (wait_for (&result), error);
}

/* The users' names, in the list's order, joined by spaces. */
static char *
list_sql_users (const CwSqlUser *database)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  cw_sql_users_list_async (database, NULL, store_result, &result);
  users = cw_sql_users_list_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < users->len; i++)
    {
      CwSqlUser *user = g_ptr_array_index (users, i);

      g_assert_cmpint (user->kind, ==, database->kind);
      g_assert_cmpstr (user->database, ==, database->database);
      g_assert_cmpstr (user->account_id, ==, database->account_id);
      g_assert_cmpstr (user->region, ==, database->region);
      g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", user->user);
    }
  return g_strdup (names->str);
}

static void
delete_sql_user (const CwSqlUser *user)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cw_sql_user_delete_async (user, NULL, store_result, &result);
  g_assert_true (cw_sql_user_delete_finish (wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
assert_password (const CwSqlUser *user,
                 const char      *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSecureString) password = lookup_sql_password (user, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, expected);
}

static void
assert_no_password (const CwSqlUser *user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSecureString) password = lookup_sql_password (user, &error);
  g_autofree char *label = cw_sql_user_dup_label (user);

  g_assert_null (password);
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, label));
}

/* Every SQL user item as Seahorse sees it: its label and attributes hold who and where,
 * never a password. */
static void
assert_sql_items_show_no_password (const char * const *passwords,
                                   guint               expected_items)
{
  const char * const kinds[] = { "mysql-user", "tidb-sql-user" };
  guint n_items = 0;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      GList *found;

      g_hash_table_insert (attributes, (gpointer) "kind", (gpointer) kinds[k]);
      secret_password_searchv (cw_credential_schema (), attributes, SECRET_SEARCH_ALL, NULL, store_result, &result);
      found = secret_password_search_finish (wait_for (&result), &error);
      g_assert_no_error (error);
      for (GList *l = found; l != NULL; l = l->next, n_items++)
        {
          g_autofree char *label = secret_retrievable_get_label (l->data);
          g_autoptr(GHashTable) item_attributes = secret_retrievable_get_attributes (l->data);
          GHashTableIter iter;
          gpointer name, value;

          g_test_message ("item: %s", label);
          g_assert_true (g_str_has_prefix (label, "Causeway "));
          g_assert_nonnull (strstr (label, g_hash_table_lookup (item_attributes, "user")));
          g_assert_nonnull (strstr (label, g_hash_table_lookup (item_attributes, "database")));
          for (guint i = 0; passwords[i] != NULL; i++)
            {
              g_assert_null (strstr (label, passwords[i]));
              g_hash_table_iter_init (&iter, item_attributes);
              while (g_hash_table_iter_next (&iter, &name, &value))
                g_assert_null (strstr (value, passwords[i]));
            }
        }
      g_list_free_full (found, g_object_unref);
    }
  g_assert_cmpuint (n_items, ==, expected_items);
}

/* A database's users: stored, found by database and user, listed by database (an RDS
 * identifier is unique within its account and region only), replaced, refused when
 * incomplete, deleted; no CwCredential of the list, no password in what Seahorse shows. */
static void
exercise_sql_users (void)
{
  const char * const passwords[] = { MYSQL_PWD_1, MYSQL_PWD_2, MYSQL_PWD_OTHER, MYSQL_PWD_APP, TIDB_SQL_PWD, NULL };
  g_autoptr(CwSqlUser) admin = cw_sql_user_new_mysql (ACCOUNT_A, "us-east-1", "orders-db", "admin");
  g_autoptr(CwSqlUser) app = cw_sql_user_new_mysql (ACCOUNT_A, "us-east-1", "orders-db", "app");
  g_autoptr(CwSqlUser) other_account = cw_sql_user_new_mysql (ACCOUNT_B, "us-east-1", "orders-db", "admin");
  g_autoptr(CwSqlUser) other_region = cw_sql_user_new_mysql (ACCOUNT_A, "eu-west-1", "orders-db", "admin");
  g_autoptr(CwSqlUser) orders = cw_sql_user_new_mysql (ACCOUNT_A, "us-east-1", "orders-db", NULL);
  g_autoptr(CwSqlUser) orders_b = cw_sql_user_new_mysql (ACCOUNT_B, "us-east-1", "orders-db", NULL);
  g_autoptr(CwSqlUser) billing = cw_sql_user_new_mysql (ACCOUNT_A, "us-east-1", "billing-db", NULL);
  g_autoptr(CwSqlUser) tidb_user = cw_sql_user_new_tidb ("10289342598234", "4ZsT.migrator");
  g_autoptr(CwSqlUser) tidb_cluster = cw_sql_user_new_tidb ("10289342598234", NULL);
  g_autoptr(CwSqlUser) bad_account = cw_sql_user_new_mysql ("1111", "us-east-1", "orders-db", "admin");
  g_autoptr(CwSqlUser) no_name = cw_sql_user_new_mysql (ACCOUNT_A, "us-east-1", "orders-db", "");
  g_autoptr(CwCredentialStore) store = cw_credential_store_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_cmpuint (count_keyring_items (), ==, 0);

  /* store, and find each again by database and user */
  g_assert_true (store_sql_user (admin, MYSQL_PWD_1, &error));
  g_assert_no_error (error);
  g_assert_true (store_sql_user (app, MYSQL_PWD_APP, &error));
  g_assert_true (store_sql_user (other_account, MYSQL_PWD_OTHER, &error));
  g_assert_true (store_sql_user (tidb_user, TIDB_SQL_PWD, &error));
  g_assert_no_error (error);
  assert_password (admin, MYSQL_PWD_1);
  assert_password (app, MYSQL_PWD_APP);
  assert_password (other_account, MYSQL_PWD_OTHER);
  assert_password (tidb_user, TIDB_SQL_PWD);
  assert_no_password (other_region);
  g_assert_cmpuint (count_keyring_items (), ==, 4);

  /* list by database */
  names = list_sql_users (orders);
  g_assert_cmpstr (names, ==, "admin app");
  g_clear_pointer (&names, g_free);
  names = list_sql_users (orders_b);
  g_assert_cmpstr (names, ==, "admin");
  g_clear_pointer (&names, g_free);
  names = list_sql_users (billing);
  g_assert_cmpstr (names, ==, "");
  g_clear_pointer (&names, g_free);
  names = list_sql_users (tidb_cluster);
  g_assert_cmpstr (names, ==, "4ZsT.migrator");
  g_clear_pointer (&names, g_free);
  /* given a user, the list still names the database's users */
  names = list_sql_users (app);
  g_assert_cmpstr (names, ==, "admin app");
  g_clear_pointer (&names, g_free);

  /* they are no credentials of the list */
  load (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* replace: the same database and user keep one item, with the new password */
  g_assert_true (store_sql_user (admin, MYSQL_PWD_2, &error));
  g_assert_no_error (error);
  assert_password (admin, MYSQL_PWD_2);
  assert_password (other_account, MYSQL_PWD_OTHER);
  g_assert_cmpuint (count_keyring_items (), ==, 4);
  names = list_sql_users (orders);
  g_assert_cmpstr (names, ==, "admin app");
  g_clear_pointer (&names, g_free);

  assert_sql_items_show_no_password (passwords, 4);

  /* refused before the keyring, without repeating the password */
  g_assert_false (store_sql_user (admin, "", &error));
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (store_sql_user (no_name, MYSQL_PWD_1, &error));
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT);
  g_assert_null (strstr (error->message, MYSQL_PWD_1));
  g_clear_error (&error);
  g_assert_false (store_sql_user (bad_account, MYSQL_PWD_1, &error));
  g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT);
  g_assert_null (strstr (error->message, MYSQL_PWD_1));
  g_clear_error (&error);
  g_assert_cmpuint (count_keyring_items (), ==, 4);
  assert_password (admin, MYSQL_PWD_2);

  /* a cancelled store changes nothing */
  g_cancellable_cancel (cancelled);
  cw_sql_user_store_async (admin, MYSQL_PWD_1, cancelled, store_result, &result);
  g_assert_false (cw_sql_user_store_finish (wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_password (admin, MYSQL_PWD_2);

  /* delete one user: the others, the other account's namesake included, stay */
  delete_sql_user (admin);
  assert_no_password (admin);
  assert_password (other_account, MYSQL_PWD_OTHER);
  names = list_sql_users (orders);
  g_assert_cmpstr (names, ==, "app");
  g_clear_pointer (&names, g_free);
  delete_sql_user (admin);  /* nothing left to delete: still fine */
  delete_sql_user (app);
  delete_sql_user (other_account);
  delete_sql_user (tidb_user);
  assert_no_password (tidb_user);
  g_assert_cmpuint (count_keyring_items (), ==, 0);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

static void
assert_no_file_contains (const char *dir,
                         const char *skip,
                         const char *needle)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_strcmp0 (path, skip) == 0)
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        assert_no_file_contains (path, skip, needle);
      else if (file_contains (path, needle))
        g_error ("a secret was written to %s", path);
    }
}

static void
test_store_list_update_delete (void)
{
  const char *secrets[] = { AWS_SECRET, AWS_TOKEN, AWS_SECRET_2, TIDB_PRIVATE, SSO_ACCESS, SSO_REFRESH,
                            SSO_CLIENT_SECRET, MYSQL_PWD_1, MYSQL_PWD_2, MYSQL_PWD_OTHER, MYSQL_PWD_APP,
                            TIDB_SQL_PWD };
  g_autofree char *keyrings = g_build_filename (g_get_home_dir (), ".local", "share", "keyrings", NULL);

  if (g_test_subprocess ())
    {
      g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
      exercise_store ();
      exercise_aws_sources ();
      exercise_sso_tokens ();
      exercise_sql_users ();
      return;
    }
  if (g_getenv ("CW_SESSION_INNER") == NULL)
    {
      g_test_skip ("needs the private keyring session of tools/session");
      return;
    }
  /* The work runs in a child with every debug message on, so its output can be searched. */
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("*%s*", secrets[i]);

      g_test_trap_assert_stdout_unmatched (pattern);
      g_test_trap_assert_stderr_unmatched (pattern);
      assert_no_file_contains (g_get_home_dir (), keyrings, secrets[i]);
      assert_no_file_contains (g_get_user_config_dir (), keyrings, secrets[i]);
    }
}

static void
test_keyring_absent (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CwCredentialStore) store = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      /* No session bus at all, so no Secret Service. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/causeway-test-bus", TRUE);
      store = cw_credential_store_new ();
      cw_credential_store_load_async (store, NULL, store_result, &result);
      g_assert_false (cw_credential_store_load_finish (store, wait_for (&result), &error));
      g_assert_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_KEYRING_UNAVAILABLE);
      g_print ("%s\n", error->message);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*keyring could not be reached*GNOME Keyring*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/keyring/store-list-update-delete", test_store_list_update_delete);
  g_test_add_func ("/keyring/absent", test_keyring_absent);
  return g_test_run ();
}
