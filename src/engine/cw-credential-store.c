/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-credential-store.c: the keyring items of saved credentials, and the list of them
 *
 * Over 800 lines because it is the one owner of a keyring item's shape for every kind
 * (attributes, payload, the AWS sources' fields, SQL users) and of the steps that keep a
 * save all-or-nothing; what turns a credential into keys is in cw-credential-sources.c.
 */
#define G_LOG_DOMAIN "cw-credential-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cw-credential-store.h"
#include "cw-engine-error.h"
#include "cw-secure.h"

struct _CwCredentialStore
{
  GObject     parent_instance;
  GPtrArray  *items;       /* CwCredential: in-memory ones first, then the keyring's */
  GHashTable *in_memory;   /* CwCredential* → CwCredentialSecret*, never written anywhere */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CwCredentialStore, cw_credential_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

const SecretSchema *
cw_credential_schema (void)
{
  static const SecretSchema schema = {
    "io.github.causeway.Credential", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "label", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "key-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "region", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "session-token", SECRET_SCHEMA_ATTRIBUTE_STRING },
      /* An IAM Identity Center role's and an AWS CLI profile's fields: none is secret,
       * and as attributes they are listed without unlocking each item. */
      { "sso-session", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "start-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "sso-region", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account-name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "role-name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      /* A SQL user's database (RDS identifier or TiDB Cloud cluster id) and name. */
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static GType
list_model_get_item_type (GListModel *model)
{
  return CW_TYPE_CREDENTIAL;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return CW_CREDENTIAL_STORE (model)->items->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  CwCredentialStore *self = CW_CREDENTIAL_STORE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
cw_credential_store_finalize (GObject *object)
{
  CwCredentialStore *self = CW_CREDENTIAL_STORE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->in_memory, g_hash_table_unref);
  G_OBJECT_CLASS (cw_credential_store_parent_class)->finalize (object);
}

static void
cw_credential_store_class_init (CwCredentialStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_credential_store_finalize;
}

static void
cw_credential_store_init (CwCredentialStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->in_memory = g_hash_table_new_full (NULL, NULL, NULL,
                                           (GDestroyNotify) cw_credential_secret_free);
}

CwCredentialStore *
cw_credential_store_new (void)
{
  return g_object_new (CW_TYPE_CREDENTIAL_STORE, NULL);
}

static gboolean
is_in_memory (CwCredentialStore *self,
              CwCredential      *credential)
{
  return g_hash_table_contains (self->in_memory, credential);
}

static guint
count_in_memory (CwCredentialStore *self)
{
  return g_hash_table_size (self->in_memory);
}

void
cw_credential_store_add_in_memory (CwCredentialStore        *self,
                                   CwCredential             *credential,
                                   const CwCredentialSecret *secret)
{
  guint position = count_in_memory (self);

  g_return_if_fail (CW_IS_CREDENTIAL_STORE (self));
  g_ptr_array_insert (self->items, position, g_object_ref (credential));
  g_hash_table_insert (self->in_memory, credential, cw_credential_secret_copy (secret));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
add_environment_credential (CwCredentialStore *self,
                            CwCredentialKind   kind,
                            const char        *key_id,
                            const char        *secret,
                            const char        *session_token,
                            const char        *region)
{
  g_autoptr(CwCredential) credential = NULL;
  g_autoptr(CwCredentialSecret) credential_secret = NULL;

  if (key_id == NULL || *key_id == '\0' || secret == NULL || *secret == '\0')
    return;
  credential = cw_credential_new (kind, _("Environment"), key_id, region,
                                  session_token != NULL && *session_token != '\0');
  cw_credential_set_from_environment (credential, TRUE);
  credential_secret = cw_credential_secret_new (secret, session_token);
  cw_credential_store_add_in_memory (self, credential, credential_secret);
}

/* The variables the AWS CLI and the TiDB Cloud CLI read, shown as "from environment". */
void
cw_credential_store_add_from_environment (CwCredentialStore *self)
{
  const char *region = g_getenv ("AWS_REGION");

  if (region == NULL || *region == '\0')
    region = g_getenv ("AWS_DEFAULT_REGION");
  add_environment_credential (self, CW_CREDENTIAL_AWS,
                              g_getenv ("AWS_ACCESS_KEY_ID"),
                              g_getenv ("AWS_SECRET_ACCESS_KEY"),
                              g_getenv ("AWS_SESSION_TOKEN"),
                              region);
  add_environment_credential (self, CW_CREDENTIAL_TIDBCLOUD,
                              g_getenv ("TIDBCLOUD_PUBLIC_KEY"),
                              g_getenv ("TIDBCLOUD_PRIVATE_KEY"),
                              NULL, NULL);
}

/* Whether the credential lives in the keyring (and so can be edited or removed), rather
 * than in memory for this run only (environment, sandbox). */
gboolean
cw_credential_store_is_saved (CwCredentialStore *self,
                              CwCredential      *credential)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL_STORE (self), FALSE);
  return !is_in_memory (self, credential);
}

CwCredential *
cw_credential_store_find (CwCredentialStore *self,
                          CwCredentialKind   kind,
                          const char        *label)
{
  g_return_val_if_fail (CW_IS_CREDENTIAL_STORE (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      CwCredential *credential = g_ptr_array_index (self->items, i);

      if (cw_credential_get_kind (credential) == kind &&
          g_strcmp0 (cw_credential_get_label (credential), label) == 0)
        return credential;
    }
  return NULL;
}

/* ---- the keyring side ---- */

/* The keyring's kind of an item: the credential's kind, and for AWS where its keys come
 * from, so that an older Causeway, which knows "aws" only, skips the new kinds. */
#define KEYRING_KIND_AWS_SSO "aws-sso"
#define KEYRING_KIND_AWS_PROFILE "aws-profile"

static const char *
keyring_kind (CwCredential *credential)
{
  if (cw_credential_get_kind (credential) != CW_CREDENTIAL_AWS)
    return cw_credential_kind_to_string (cw_credential_get_kind (credential));
  switch (cw_credential_get_aws_source (credential))
    {
    case CW_AWS_SOURCE_SSO:
      return KEYRING_KIND_AWS_SSO;
    case CW_AWS_SOURCE_PROFILE:
      return KEYRING_KIND_AWS_PROFILE;
    case CW_AWS_SOURCE_KEYS:
    default:
      return cw_credential_kind_to_string (CW_CREDENTIAL_AWS);
    }
}

/* What finds the one item of a credential: its kind and label. */
static GHashTable *
attributes_for_label (CwCredential *credential)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "kind", g_strdup (keyring_kind (credential)));
  g_hash_table_insert (attributes, "label", g_strdup (cw_credential_get_label (credential)));
  return attributes;
}

/* The attributes of each source besides kind, label and region, as (attribute, property). */
static const char *const sso_attributes[][2] = {
  { "sso-session", "sso-session" }, { "start-url", "sso-start-url" }, { "sso-region", "sso-region" },
  { "account-id", "account-id" }, { "account-name", "account-name" }, { "role-name", "role-name" },
};
static const char *const profile_attributes[][2] = { { "profile", "profile" } };

static void
insert_properties (GHashTable        *attributes,
                   CwCredential      *credential,
                   const char *const  names[][2],
                   guint              n_names)
{
  for (guint i = 0; i < n_names; i++)
    {
      char *value = NULL;

      g_object_get (credential, names[i][1], &value, NULL);
      g_hash_table_insert (attributes, (gpointer) names[i][0], value);
    }
}

static GHashTable *
attributes_for_credential (CwCredential *credential)
{
  GHashTable *attributes = attributes_for_label (credential);

  g_hash_table_insert (attributes, "region", g_strdup (cw_credential_get_region (credential)));
  if (cw_credential_get_kind (credential) == CW_CREDENTIAL_AWS &&
      cw_credential_get_aws_source (credential) == CW_AWS_SOURCE_SSO)
    insert_properties (attributes, credential, sso_attributes, G_N_ELEMENTS (sso_attributes));
  else if (cw_credential_get_kind (credential) == CW_CREDENTIAL_AWS &&
           cw_credential_get_aws_source (credential) == CW_AWS_SOURCE_PROFILE)
    insert_properties (attributes, credential, profile_attributes, G_N_ELEMENTS (profile_attributes));
  else
    {
      g_hash_table_insert (attributes, "key-id", g_strdup (cw_credential_get_key_id (credential)));
      g_hash_table_insert (attributes, "session-token",
                           g_strdup (cw_credential_get_has_session_token (credential) ? "true" : "false"));
    }
  return attributes;
}

static CwCredential *
credential_from_attributes (GHashTable *attributes)
{
  const char *kind_name = g_hash_table_lookup (attributes, "kind");
  CwCredentialKind kind;

#define ATTRIBUTE(name) ((const char *) g_hash_table_lookup (attributes, name))
  if (g_strcmp0 (kind_name, KEYRING_KIND_AWS_SSO) == 0)
    return cw_credential_new_aws_sso (ATTRIBUTE ("label"), ATTRIBUTE ("sso-session"), ATTRIBUTE ("start-url"),
                                      ATTRIBUTE ("sso-region"), ATTRIBUTE ("account-id"),
                                      ATTRIBUTE ("account-name"), ATTRIBUTE ("role-name"), ATTRIBUTE ("region"));
  if (g_strcmp0 (kind_name, KEYRING_KIND_AWS_PROFILE) == 0)
    return cw_credential_new_aws_profile (ATTRIBUTE ("label"), ATTRIBUTE ("profile"), ATTRIBUTE ("region"));
  if (!cw_credential_kind_from_string (kind_name, &kind))
    return NULL;
  return cw_credential_new (kind, ATTRIBUTE ("label"), ATTRIBUTE ("key-id"), ATTRIBUTE ("region"),
                            g_strcmp0 (ATTRIBUTE ("session-token"), "true") == 0);
#undef ATTRIBUTE
}

/* Whether the credential's keyring item holds a secret of its own (keys), rather than
 * only the description of where its keys come from. */
static gboolean
has_own_secret (CwCredential *credential)
{
  return cw_credential_get_kind (credential) != CW_CREDENTIAL_AWS ||
         cw_credential_get_aws_source (credential) == CW_AWS_SOURCE_KEYS;
}

static gboolean
same_attributes (GHashTable *a,
                 GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;
  return TRUE;
}

/* The secret half is stored as a small JSON object so one keyring item holds all of it. */
static char *
secret_to_payload (const CwCredentialSecret *secret)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "secret");
  json_builder_add_string_value (builder, secret->secret);
  if (secret->session_token != NULL)
    {
      json_builder_set_member_name (builder, "session_token");
      json_builder_add_string_value (builder, secret->session_token);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static CwCredentialSecret *
secret_from_payload (const char  *payload,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, payload, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE,
                           _("The keyring item of this credential is damaged. Remove it and add it again."));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  return cw_credential_secret_new (json_object_get_string_member_with_default (object, "secret", ""),
                                   json_object_get_string_member_with_default (object, "session_token", NULL));
}

/* Turns libsecret's and D-Bus's errors into sentences a user can act on. */
GError *
cw_keyring_error (GError *error)
{
  GError *translated;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    translated = g_error_new_literal (CW_ENGINE_ERROR, CW_ENGINE_ERROR_KEYRING_LOCKED,
                                      _("The keyring is locked. Unlock it (for example by logging in again) and try again."));
  else
    translated = g_error_new (CW_ENGINE_ERROR, CW_ENGINE_ERROR_KEYRING_UNAVAILABLE,
                              _("The system keyring could not be reached (%s). "
                                "Make sure GNOME Keyring or another Secret Service is running and unlocked."),
                              error->message);
  g_error_free (error);
  return translated;
}

static gint
compare_credentials (gconstpointer a,
                     gconstpointer b)
{
  CwCredential *x = *(CwCredential **) a;
  CwCredential *y = *(CwCredential **) b;
  g_autofree char *lx = NULL;
  g_autofree char *ly = NULL;

  if (cw_credential_get_kind (x) != cw_credential_get_kind (y))
    return (int) cw_credential_get_kind (x) - (int) cw_credential_get_kind (y);
  lx = g_utf8_casefold (cw_credential_get_label (x), -1);
  ly = g_utf8_casefold (cw_credential_get_label (y), -1);
  return g_utf8_collate (lx, ly);
}

static void
replace_keyring_items (CwCredentialStore *self,
                       GPtrArray         *loaded)
{
  guint first = count_in_memory (self);
  guint removed = self->items->len - first;

  g_ptr_array_sort (loaded, compare_credentials);
  g_ptr_array_remove_range (self->items, first, removed);
  for (guint i = 0; i < loaded->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (loaded, i)));
  g_list_model_items_changed (G_LIST_MODEL (self), first, removed, loaded->len);
}

static void
search_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwCredentialStore *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;
  GList *found = secret_password_search_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, cw_keyring_error (error));
      return;
    }
  for (GList *l = found; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      CwCredential *credential = credential_from_attributes (attributes);

      if (credential != NULL)
        g_ptr_array_add (loaded, credential);
    }
  g_list_free_full (found, g_object_unref);
  replace_keyring_items (self, loaded);
  g_task_return_boolean (task, TRUE);
}

void
cw_credential_store_load_async (CwCredentialStore   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_credential_store_load_async);
  secret_password_searchv (cw_credential_schema (), all, SECRET_SEARCH_ALL, cancellable,
                           search_done, task);
}

gboolean
cw_credential_store_load_finish (CwCredentialStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- save: keep the old secret if none was typed, store, then drop the old item ---- */

typedef struct {
  CwCredential       *credential;
  CwCredential       *previous;
  CwCredentialSecret *secret;
  GHashTable         *attributes;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->credential);
  g_clear_object (&data->previous);
  g_clear_pointer (&data->secret, cw_credential_secret_free);
  g_clear_pointer (&data->attributes, g_hash_table_unref);
  g_free (data);
}

static void
put_in_list (CwCredentialStore *self,
             CwCredential      *credential,
             CwCredential      *previous)
{
  guint position;

  if (previous != NULL && g_ptr_array_find (self->items, previous, &position))
    {
      g_ptr_array_remove_index (self->items, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  for (position = count_in_memory (self); position < self->items->len; position++)
    if (compare_credentials (&credential, &g_ptr_array_index (self->items, position)) < 0)
      break;
  g_ptr_array_insert (self->items, position, g_object_ref (credential));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
undo_store_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  secret_password_clear_finish (result, NULL);
  g_task_return_error (task, g_object_steal_data (G_OBJECT (task), "cw-error"));
}

static void
clear_previous_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwCredentialStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      /* Take the new item back out so the keyring holds exactly what it held before. */
      g_object_set_data (G_OBJECT (task), "cw-error", cw_keyring_error (error));
      secret_password_clearv (cw_credential_schema (), data->attributes, NULL,
                              undo_store_done, g_steal_pointer (&task));
      return;
    }
  put_in_list (self, data->credential, data->previous);
  g_task_return_boolean (task, TRUE);
}

static void
store_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwCredentialStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) previous_attributes = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, cw_keyring_error (error));
      return;
    }
  if (data->previous != NULL)
    previous_attributes = attributes_for_credential (data->previous);
  /* Storing identical attributes replaced the old item in place: nothing left to drop. */
  if (previous_attributes == NULL || same_attributes (previous_attributes, data->attributes))
    {
      put_in_list (self, data->credential, data->previous);
      g_task_return_boolean (task, TRUE);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  secret_password_clearv (cw_credential_schema (), previous_attributes, cancellable,
                          clear_previous_done, g_steal_pointer (&task));
}

/* An item needs a secret: one without a secret of its own keeps the JSON of its fields,
 * the same as its attributes. */
static char *
fields_to_payload (GHashTable *attributes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (attributes), (GCompareFunc) strcmp);

  json_builder_begin_object (builder);
  for (GList *l = names; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, g_hash_table_lookup (attributes, l->data));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
store_secret (GTask *task)
{
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(CwSecureString) payload = NULL;
  g_autofree char *item_label = NULL;

  data->attributes = attributes_for_credential (data->credential);
  payload = has_own_secret (data->credential) ? secret_to_payload (data->secret) : fields_to_payload (data->attributes);
  if (cw_credential_get_kind (data->credential) == CW_CREDENTIAL_AWS)
    item_label = g_strdup_printf (_("Causeway AWS credential “%s”"),
                                  cw_credential_get_label (data->credential));
  else
    item_label = g_strdup_printf (_("Causeway TiDB Cloud API key “%s”"),
                                  cw_credential_get_label (data->credential));
  secret_password_storev (cw_credential_schema (), data->attributes, SECRET_COLLECTION_DEFAULT,
                          item_label, payload, g_task_get_cancellable (task),
                          store_done, task);
}

static void
previous_secret_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CwSecureString) payload = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, cw_keyring_error (error));
      g_object_unref (task);
      return;
    }
  if (payload == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("The saved secret of “%s” is no longer in the keyring. Enter it again."),
                               cw_credential_get_label (data->previous));
      g_object_unref (task);
      return;
    }
  data->secret = secret_from_payload (payload, &error);
  if (data->secret == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  store_secret (task);
}

static void
lookup_payload_async (CwCredential        *credential,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = attributes_for_label (credential);

  secret_password_lookupv (cw_credential_schema (), attributes, cancellable, callback, user_data);
}

static gboolean
check_can_save (CwCredentialStore         *self,
                CwCredential              *credential,
                CwCredential              *previous,
                const CwCredentialSecret  *secret,
                GError                   **error)
{
  CwCredential *same_label;

  if (previous != NULL && is_in_memory (self, previous))
    {
      g_set_error_literal (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                           _("This credential comes from the environment and cannot be changed here."));
      return FALSE;
    }
  if (previous == NULL && secret == NULL && has_own_secret (credential))
    {
      g_set_error_literal (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                           cw_credential_get_kind (credential) == CW_CREDENTIAL_AWS
                             ? _("Enter the secret access key.")
                             : _("Enter the private key of the API key."));
      return FALSE;
    }
  if (!cw_credential_validate (credential, secret, error))
    return FALSE;
  same_label = cw_credential_store_find (self, cw_credential_get_kind (credential),
                                         cw_credential_get_label (credential));
  if (same_label != NULL && same_label != previous)
    {
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_DUPLICATE,
                   _("There is already a credential labelled “%s”. Choose another label."),
                   cw_credential_get_label (credential));
      return FALSE;
    }
  return TRUE;
}

/* Saves @credential, replacing @previous when editing. A NULL @secret keeps the saved
 * secret of @previous. Either the keyring ends up with the new item only, or unchanged. */
void
cw_credential_store_save_async (CwCredentialStore        *self,
                                CwCredential             *credential,
                                CwCredential             *previous,
                                const CwCredentialSecret *secret,
                                GCancellable             *cancellable,
                                GAsyncReadyCallback       callback,
                                gpointer                  user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SaveData *data = g_new0 (SaveData, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, cw_credential_store_save_async);
  data->credential = g_object_ref (credential);
  data->previous = previous ? g_object_ref (previous) : NULL;
  data->secret = secret ? cw_credential_secret_copy (secret) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  if (!check_can_save (self, credential, previous, secret, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (data->secret == NULL && has_own_secret (credential))
    lookup_payload_async (previous, cancellable, previous_secret_done, task);
  else
    store_secret (task);
}

gboolean
cw_credential_store_save_finish (CwCredentialStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- remove ---- */

static void
remove_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwCredentialStore *self = g_task_get_source_object (task);
  CwCredential *credential = g_task_get_task_data (task);
  GError *error = NULL;
  guint position;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task, cw_keyring_error (error));
      return;
    }
  if (g_ptr_array_find (self->items, credential, &position))
    {
      g_ptr_array_remove_index (self->items, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  g_task_return_boolean (task, TRUE);
}

void
cw_credential_store_remove_async (CwCredentialStore   *self,
                                  CwCredential        *credential,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = NULL;

  g_task_set_source_tag (task, cw_credential_store_remove_async);
  g_task_set_task_data (task, g_object_ref (credential), g_object_unref);
  if (is_in_memory (self, credential))
    {
      g_task_return_error (task, g_error_new_literal (CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                                                      _("This credential comes from the environment; unset the variables to remove it.")));
      g_object_unref (task);
      return;
    }
  attributes = attributes_for_label (credential);
  secret_password_clearv (cw_credential_schema (), attributes, cancellable, remove_done, task);
}

gboolean
cw_credential_store_remove_finish (CwCredentialStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- lookup of the secret half, for the clients ---- */

static void
lookup_secret_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwCredential *credential = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CwSecureString) payload = secret_password_lookup_finish (result, &error);
  CwCredentialSecret *secret;

  if (error != NULL)
    {
      g_task_return_error (task, cw_keyring_error (error));
      return;
    }
  if (payload == NULL)
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                               _("The secret of “%s” is not in the keyring. Edit the credential and enter it again."),
                               cw_credential_get_label (credential));
      return;
    }
  secret = secret_from_payload (payload, &error);
  if (secret == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) cw_credential_secret_free);
}

void
cw_credential_store_lookup_secret_async (CwCredentialStore   *self,
                                         CwCredential        *credential,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CwCredentialSecret *in_memory = g_hash_table_lookup (self->in_memory, credential);

  g_task_set_source_tag (task, cw_credential_store_lookup_secret_async);
  g_task_set_task_data (task, g_object_ref (credential), g_object_unref);
  if (in_memory != NULL)
    {
      g_task_return_pointer (task, cw_credential_secret_copy (in_memory),
                             (GDestroyNotify) cw_credential_secret_free);
      g_object_unref (task);
      return;
    }
  lookup_payload_async (credential, cancellable, lookup_secret_done, task);
}

CwCredentialSecret *
cw_credential_store_lookup_secret_finish (CwCredentialStore  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- SQL users: one item per database and user, whose secret is the password ---- */

/* Kinds an older Causeway does not know, so its list skips them. */
#define KEYRING_KIND_MYSQL_USER "mysql-user"
#define KEYRING_KIND_TIDB_SQL_USER "tidb-sql-user"

/* What names the item: its kind, the database, and the user when given. */
static GHashTable *
sql_user_attributes (const CwSqlUser *user)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "kind",
                       g_strdup (user->kind == CW_SQL_USER_MYSQL ? KEYRING_KIND_MYSQL_USER : KEYRING_KIND_TIDB_SQL_USER));
  g_hash_table_insert (attributes, "database", g_strdup (user->database));
  if (user->kind == CW_SQL_USER_MYSQL)
    {
      g_hash_table_insert (attributes, "account-id", g_strdup (user->account_id));
      g_hash_table_insert (attributes, "region", g_strdup (user->region));
    }
  if (user->user != NULL)
    g_hash_table_insert (attributes, "user", g_strdup (user->user));
  return attributes;
}

static CwSqlUser *
sql_user_from_attributes (GHashTable *attributes)
{
  const char *kind = g_hash_table_lookup (attributes, "kind");
  const char *database = g_hash_table_lookup (attributes, "database");
  const char *user = g_hash_table_lookup (attributes, "user");

  if (database == NULL || user == NULL)
    return NULL;
  if (g_strcmp0 (kind, KEYRING_KIND_MYSQL_USER) == 0)
    return cw_sql_user_new_mysql (g_hash_table_lookup (attributes, "account-id"),
                                  g_hash_table_lookup (attributes, "region"), database, user);
  if (g_strcmp0 (kind, KEYRING_KIND_TIDB_SQL_USER) == 0)
    return cw_sql_user_new_tidb (database, user);
  return NULL;
}

/* What Seahorse shows: who and where, never the password. */
static char *
sql_user_item_label (const CwSqlUser *user)
{
  if (user->kind == CW_SQL_USER_MYSQL)
    return g_strdup_printf (_("Causeway MySQL user “%s” of %s (%s, account %s)"),
                            user->user, user->database, user->region, user->account_id);
  return g_strdup_printf (_("Causeway TiDB SQL user “%s” of cluster %s"), user->user, user->database);
}

static gboolean
return_if_invalid (GTask           *task,
                   const CwSqlUser *user,
                   const char      *password)
{
  GError *error = NULL;

  if (cw_sql_user_validate (user, password, &error))
    return FALSE;
  g_task_return_error (task, error);
  g_object_unref (task);
  return TRUE;
}

static void
sql_user_stored (GObject      *source,
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

void
cw_sql_user_store_async (const CwSqlUser     *user,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *item_label = NULL;

  g_return_if_fail (user != NULL && user->user != NULL && password != NULL);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_sql_user_store_async);
  if (return_if_invalid (task, user, password))
    return;
  attributes = sql_user_attributes (user);
  g_hash_table_insert (attributes, "label", cw_sql_user_dup_label (user));
  item_label = sql_user_item_label (user);
  secret_password_storev (cw_credential_schema (), attributes, SECRET_COLLECTION_DEFAULT, item_label, password,
                          cancellable, sql_user_stored, task);
}

gboolean
cw_sql_user_store_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_sql_user_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sql_user_looked_up (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(CwSecureString) password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, cw_keyring_error (error));
  else if (password == NULL)
    g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND,
                             _("No password is saved for “%s”. Enter it again."),
                             (const char *) g_task_get_task_data (task));
  else
    g_task_return_pointer (task, g_steal_pointer (&password), (GDestroyNotify) cw_secure_free);
}

void
cw_sql_user_lookup_password_async (const CwSqlUser     *user,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (user != NULL && user->user != NULL);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_sql_user_lookup_password_async);
  if (return_if_invalid (task, user, NULL))
    return;
  g_task_set_task_data (task, cw_sql_user_dup_label (user), g_free);
  attributes = sql_user_attributes (user);
  secret_password_lookupv (cw_credential_schema (), attributes, cancellable, sql_user_looked_up, task);
}

char *
cw_sql_user_lookup_password_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_sql_user_lookup_password_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gint
compare_sql_users (gconstpointer a,
                   gconstpointer b)
{
  const CwSqlUser *x = *(CwSqlUser **) a;
  const CwSqlUser *y = *(CwSqlUser **) b;

  return g_strcmp0 (x->user, y->user);
}

static void
sql_users_found (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sql_user_free);
  GError *error = NULL;
  GList *found = secret_password_search_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, cw_keyring_error (error));
      return;
    }
  for (GList *l = found; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      CwSqlUser *user = sql_user_from_attributes (attributes);

      if (user != NULL)
        g_ptr_array_add (users, user);
    }
  g_list_free_full (found, g_object_unref);
  g_ptr_array_sort (users, compare_sql_users);
  g_task_return_pointer (task, g_steal_pointer (&users), (GDestroyNotify) g_ptr_array_unref);
}

/* Only the items' attributes are read: listing unlocks nothing. */
void
cw_sql_users_list_async (const CwSqlUser     *database,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  g_autoptr(CwSqlUser) pattern = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (database != NULL);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_sql_users_list_async);
  pattern = cw_sql_user_copy (database);
  g_clear_pointer (&pattern->user, g_free);
  if (return_if_invalid (task, pattern, NULL))
    return;
  attributes = sql_user_attributes (pattern);
  secret_password_searchv (cw_credential_schema (), attributes, SECRET_SEARCH_ALL, cancellable,
                           sql_users_found, task);
}

GPtrArray *
cw_sql_users_list_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_sql_users_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sql_user_cleared (GObject      *source,
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

void
cw_sql_user_delete_async (const CwSqlUser     *user,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  g_autoptr(GHashTable) attributes = NULL;

  /* Without a user the attributes would match every user of the database. */
  g_return_if_fail (user != NULL && user->user != NULL);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_sql_user_delete_async);
  if (return_if_invalid (task, user, NULL))
    return;
  attributes = sql_user_attributes (user);
  secret_password_clearv (cw_credential_schema (), attributes, cancellable, sql_user_cleared, task);
}

gboolean
cw_sql_user_delete_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_sql_user_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
