/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-accounts.c: `causeway-cli accounts` */
#define G_LOG_DOMAIN "cw-cli-accounts"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli.h"
#include "cw-cli-table.h"

/* Where a credential comes from: the keyring, the environment, or the sandbox. */
static const char *
source_id (CwCli        *cli,
           CwCredential *credential)
{
  if (cli->sandbox)
    return "sandbox";
  return cw_credential_get_from_environment (credential) ? "environment" : "keyring";
}

static const char *
credential_source (CwCli        *cli,
                   CwCredential *credential)
{
  const char *id = source_id (cli, credential);

  if (g_str_equal (id, "sandbox"))
    return _("sandbox");
  return g_str_equal (id, "environment") ? _("environment") : _("keyring");
}

static JsonNode *
accounts_to_json (CwCli      *cli,
                  GListModel *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = g_list_model_get_n_items (model);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwCredential) credential = g_list_model_get_item (model, i);
      g_autofree char *masked = cw_credential_dup_masked_key_id (credential);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, cw_credential_kind_to_string (cw_credential_get_kind (credential)));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, cw_credential_get_label (credential));
      json_builder_set_member_name (builder, "keyId");
      json_builder_add_string_value (builder, masked);
      if (cw_credential_get_kind (credential) == CW_CREDENTIAL_AWS)
        {
          json_builder_set_member_name (builder, "region");
          json_builder_add_string_value (builder, cw_credential_get_region (credential));
          json_builder_set_member_name (builder, "sessionToken");
          json_builder_add_boolean_value (builder, cw_credential_get_has_session_token (credential));
        }
      json_builder_set_member_name (builder, "fromEnvironment");
      json_builder_add_boolean_value (builder, cw_credential_get_from_environment (credential));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source_id (cli, credential));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static void
print_table (CwCli      *cli,
             GListModel *model)
{
  const char *headers[] = { _("KIND"), _("LABEL"), _("KEY"), _("REGION"), _("SOURCE"), NULL };
  g_autoptr(CwCliTable) table = cw_cli_table_new (headers);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwCredential) credential = g_list_model_get_item (model, i);
      g_autofree char *masked = cw_credential_dup_masked_key_id (credential);
      const char *cells[] = {
        cw_credential_kind_to_string (cw_credential_get_kind (credential)),
        cw_credential_get_label (credential), masked,
        cw_credential_get_region (credential),
        credential_source (cli, credential),
        NULL
      };

      cw_cli_table_add_row (table, cells);
    }
  cw_cli_table_print (table);
}

int
cw_cli_accounts (CwCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (!cw_cli_parse_options (cli, NULL, NULL, &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc > 1)
    return cw_cli_usage (_("“accounts” takes no arguments"));
  if (cli->sandbox)
    {
      /* The sandbox's in-memory keys, and nothing else. */
      if (!cw_cli_load_credentials (cli, &error))
        return cw_cli_fail (error);
    }
  else
    {
      cli->store = cw_credential_store_new ();
      cw_credential_store_add_from_environment (cli->store);
      cw_credential_store_load_async (cli->store, NULL, cw_cli_store_result, &result);
      if (!cw_credential_store_load_finish (cli->store, cw_cli_wait (&result), &error))
        return cw_cli_fail (error);
    }

  if (cli->output == CW_CLI_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = accounts_to_json (cli, G_LIST_MODEL (cli->store));
      cw_cli_print_json (node);
    }
  else
    print_table (cli, G_LIST_MODEL (cli->store));
  return CW_CLI_EXIT_OK;
}
