/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sso-token.c: see cw-sso-token.h */
#define G_LOG_DOMAIN "cw-sso-token"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cw-credential-store.h"
#include "cw-engine-error.h"
#include "cw-secure.h"
#include "cw-sso-token.h"

G_DEFINE_BOXED_TYPE (CwSsoToken, cw_sso_token, cw_sso_token_copy, cw_sso_token_free)

CwSsoToken *
cw_sso_token_copy (const CwSsoToken *self)
{
  CwSsoToken *copy = g_new0 (CwSsoToken, 1);

  copy->start_url = g_strdup (self->start_url);
  copy->region = g_strdup (self->region);
  copy->access_token = g_strdup (self->access_token);
  copy->expires_at = self->expires_at;
  copy->refresh_token = g_strdup (self->refresh_token);
  copy->client_id = g_strdup (self->client_id);
  copy->client_secret = g_strdup (self->client_secret);
  copy->registration_expires_at = self->registration_expires_at;
  copy->registered_for_code = self->registered_for_code;
  return copy;
}

/* The tokens and the client's secret are wiped before they are freed. */
void
cw_sso_token_free (CwSsoToken *self)
{
  if (self == NULL)
    return;
  g_free (self->start_url);
  g_free (self->region);
  cw_secure_free (self->access_token);
  cw_secure_free (self->refresh_token);
  g_free (self->client_id);
  cw_secure_free (self->client_secret);
  g_free (self);
}

/* Whether the access token lasts at least @seconds more. */
gboolean
cw_sso_token_is_valid_for (const CwSsoToken *self,
                           gint64            seconds)
{
  return self->access_token != NULL && self->expires_at - g_get_real_time () / G_USEC_PER_SEC >= seconds;
}

/* A refresh needs the refresh token and a registration that has not ended. */
gboolean
cw_sso_token_can_refresh (const CwSsoToken *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return self->refresh_token != NULL && self->client_id != NULL && self->client_secret != NULL &&
         (self->registration_expires_at == 0 || self->registration_expires_at > now);
}

/* ---- JSON, in the AWS CLI's cache format ---- */

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       seconds)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *text = NULL;

  if (seconds == 0)
    return;
  time = g_date_time_new_from_unix_utc (seconds);
  text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* Holds secrets: for the keyring only. */
char *
cw_sso_token_to_json (const CwSsoToken *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "startUrl", self->start_url);
  add_string (builder, "region", self->region);
  add_string (builder, "accessToken", self->access_token);
  add_time (builder, "expiresAt", self->expires_at);
  add_string (builder, "refreshToken", self->refresh_token);
  add_string (builder, "clientId", self->client_id);
  add_string (builder, "clientSecret", self->client_secret);
  add_time (builder, "registrationExpiresAt", self->registration_expires_at);
  /* Causeway's own member: the AWS CLI keeps registrations in files of their own. */
  if (self->registered_for_code)
    {
      json_builder_set_member_name (builder, "causewayRegisteredForCode");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ISO 8601 as the AWS CLI writes it ("2026-12-02T20:00:00Z", or with "UTC"). */
static gboolean
read_time (JsonObject  *object,
           const char  *name,
           gint64      *seconds)
{
  const char *text = json_object_get_string_member_with_default (object, name, NULL);
  g_autofree char *normalized = NULL;
  g_autoptr(GDateTime) time = NULL;

  *seconds = 0;
  if (text == NULL)
    return TRUE;
  normalized = g_str_has_suffix (text, "UTC") ? g_strndup (text, strlen (text) - 3) : g_strdup (text);
  time = g_date_time_new_from_iso8601 (normalized, g_str_has_suffix (text, "UTC") ? g_time_zone_new_utc () : NULL);
  if (time == NULL)
    return FALSE;
  *seconds = g_date_time_to_unix (time);
  return TRUE;
}

/* @what names where the text came from, for the error; the text itself is never shown. */
CwSsoToken *
cw_sso_token_new_from_json (const char  *json,
                            const char  *what,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CwSsoToken) token = g_new0 (CwSsoToken, 1);
  JsonObject *object;

  if (!json_parser_load_from_data (parser, json, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE, _("%s is not an IAM Identity Center sign-in."), what);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  token->start_url = g_strdup (json_object_get_string_member_with_default (object, "startUrl", NULL));
  token->region = g_strdup (json_object_get_string_member_with_default (object, "region", NULL));
  token->access_token = g_strdup (json_object_get_string_member_with_default (object, "accessToken", NULL));
  token->refresh_token = g_strdup (json_object_get_string_member_with_default (object, "refreshToken", NULL));
  token->client_id = g_strdup (json_object_get_string_member_with_default (object, "clientId", NULL));
  token->client_secret = g_strdup (json_object_get_string_member_with_default (object, "clientSecret", NULL));
  token->registered_for_code = json_object_get_boolean_member_with_default (object, "causewayRegisteredForCode", FALSE);
  if (token->access_token == NULL || !read_time (object, "expiresAt", &token->expires_at) ||
      token->expires_at == 0 || !read_time (object, "registrationExpiresAt", &token->registration_expires_at))
    {
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE,
                   _("%s has no access token with a valid expiry time."), what);
      return NULL;
    }
  return g_steal_pointer (&token);
}

/* ---- the AWS CLI's cache, read only ---- */

/* The AWS CLI names the file after the SHA-1 of the sso-session's name (or of the start
 * URL, for a legacy profile). */
char *
cw_sso_token_cli_cache_path (const char *session_key)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, session_key, -1);
  g_autofree char *name = g_strconcat (digest, ".json", NULL);

  return g_build_filename (g_get_home_dir (), ".aws", "sso", "cache", name, NULL);
}

static void
read_cache_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_autofree char *path = cw_sso_token_cli_cache_path (task_data);
  g_autoptr(CwSecureString) contents = NULL;
  GError *error = NULL;
  CwSsoToken *token;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  token = cw_sso_token_new_from_json (contents, path, &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) cw_sso_token_free);
}

void
cw_sso_token_read_cli_cache_async (const char          *session_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_sso_token_read_cli_cache_async);
  g_task_set_task_data (task, g_strdup (session_key), g_free);
  g_task_run_in_thread (task, read_cache_in_thread);
}

CwSsoToken *
cw_sso_token_read_cli_cache_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the keyring ---- */

static GHashTable *
attributes_for (const char *session_key)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "kind", (gpointer) CW_SSO_TOKEN_KIND);
  g_hash_table_insert (attributes, (gpointer) "label", (gpointer) session_key);
  return attributes;
}

static void
stored (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, cw_keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Replaces what the keyring held for @session_key. */
void
cw_sso_token_store_async (const CwSsoToken    *self,
                          const char          *session_key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = attributes_for (session_key);
  g_autoptr(CwSecureString) json = cw_sso_token_to_json (self);
  g_autofree char *title = g_strdup_printf (_("IAM Identity Center sign-in “%s”"), session_key);

  g_task_set_source_tag (task, cw_sso_token_store_async);
  secret_password_storev (cw_credential_schema (), attributes, SECRET_COLLECTION_DEFAULT, title, json, cancellable,
                          stored, task);
}

gboolean
cw_sso_token_store_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(CwSecureString) json = secret_password_lookup_finish (result, &error);
  CwSsoToken *token;

  if (error != NULL)
    {
      g_task_return_error (task, cw_keyring_error (error));
      return;
    }
  if (json == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("There is no IAM Identity Center sign-in for “%s”."),
                               (const char *) g_task_get_task_data (task));
      return;
    }
  token = cw_sso_token_new_from_json (json, _("The keyring’s sign-in"), &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) cw_sso_token_free);
}

void
cw_sso_token_lookup_async (const char          *session_key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = attributes_for (session_key);

  g_task_set_source_tag (task, cw_sso_token_lookup_async);
  g_task_set_task_data (task, g_strdup (session_key), g_free);
  secret_password_lookupv (cw_credential_schema (), attributes, cancellable, looked_up, task);
}

CwSsoToken *
cw_sso_token_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (task, cw_keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Signing out: the sign-in leaves the keyring (the AWS CLI's cache is not Causeway's). */
void
cw_sso_token_forget_async (const char          *session_key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = attributes_for (session_key);

  g_task_set_source_tag (task, cw_sso_token_forget_async);
  secret_password_clearv (cw_credential_schema (), attributes, cancellable, cleared, task);
}

gboolean
cw_sso_token_forget_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
