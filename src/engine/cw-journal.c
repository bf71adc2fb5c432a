/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-journal.c: a link's journal (see cw-journal.h)
 *
 * Over 800 lines because reading, writing and the accessors of one file format belong
 * to one GObject: the atomic replace, the snapshot a save takes off the main thread and
 * the checks a load makes all see the same fields. */
#define G_LOG_DOMAIN "cw-journal"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cw-engine-error.h"
#include "cw-journal.h"

#define FORMAT_VERSION 1

struct _CwJournal
{
  GObject         parent_instance;
  char           *link_id;
  char           *path;
  CwJournalState  state;
  char           *error;
  JsonObject     *spec;
  JsonObject     *steps;      /* step id → { state, message, attempt } */
  JsonObject     *resources;  /* key → id */
  JsonObject     *created;    /* step id → "attempted" | "created" */

  /* Snapshots are written in order of taking, the newest winning: several may be on
   * their way to the disk from worker threads at once. */
  GMutex          write_lock;
  guint64         snapshots;
  guint64         written;    /* G_MAXUINT64 once removed: nothing is written again */
};

G_DEFINE_FINAL_TYPE (CwJournal, cw_journal, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwJournalState, cw_journal_state,
                    G_DEFINE_ENUM_VALUE (CW_JOURNAL_CREATING, "creating"),
                    G_DEFINE_ENUM_VALUE (CW_JOURNAL_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (CW_JOURNAL_CREATED, "created"),
                    G_DEFINE_ENUM_VALUE (CW_JOURNAL_DELETING, "deleting"),
                    G_DEFINE_ENUM_VALUE (CW_JOURNAL_DELETED, "deleted"))

enum {
  PROP_0,
  PROP_LINK_ID,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
cw_journal_state_to_string (CwJournalState state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CW_TYPE_JOURNAL_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value ? value->value_nick : "creating";
}

static gboolean
journal_state_from_string (const char     *text,
                           CwJournalState *state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CW_TYPE_JOURNAL_STATE);
  GEnumValue *value = text ? g_enum_get_value_by_nick (klass, text) : NULL;

  if (value == NULL)
    return FALSE;
  *state = value->value;
  return TRUE;
}

static void
cw_journal_finalize (GObject *object)
{
  CwJournal *self = CW_JOURNAL (object);

  g_free (self->link_id);
  g_free (self->path);
  g_free (self->error);
  json_object_unref (self->spec);
  json_object_unref (self->steps);
  json_object_unref (self->resources);
  json_object_unref (self->created);
  g_mutex_clear (&self->write_lock);
  G_OBJECT_CLASS (cw_journal_parent_class)->finalize (object);
}

static void
cw_journal_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CwJournal *self = CW_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_LINK_ID:
      g_value_set_string (value, self->link_id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_journal_class_init (CwJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_journal_finalize;
  object_class->get_property = cw_journal_get_property;

  properties[PROP_LINK_ID] = g_param_spec_string ("link-id", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, CW_TYPE_JOURNAL_STATE, CW_JOURNAL_CREATING,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_journal_init (CwJournal *self)
{
  self->spec = json_object_new ();
  self->steps = json_object_new ();
  self->resources = json_object_new ();
  self->created = json_object_new ();
  g_mutex_init (&self->write_lock);
}

/* $XDG_STATE_HOME/causeway/links */
static char *directory_override;

char *
cw_journal_dup_directory (void)
{
  if (directory_override != NULL)
    return g_strdup (directory_override);
  return g_build_filename (g_get_user_state_dir (), "causeway", "links", NULL);
}

/* The sandbox's links die with it: its runs journal elsewhere, so that they are never
 * offered for resuming against the real clouds. NULL returns to the default. */
void
cw_journal_set_directory (const char *directory)
{
  g_free (directory_override);
  directory_override = g_strdup (directory);
}

static gboolean
link_id_is_safe (const char *link_id)
{
  return link_id != NULL && *link_id != '\0' && g_uuid_string_is_valid (link_id);
}

CwJournal *
cw_journal_new (const char *link_id)
{
  CwJournal *self;
  g_autofree char *directory = cw_journal_dup_directory ();
  g_autofree char *name = NULL;

  g_return_val_if_fail (link_id_is_safe (link_id), NULL);
  self = g_object_new (CW_TYPE_JOURNAL, NULL);
  self->link_id = g_strdup (link_id);
  name = g_strconcat (link_id, ".json", NULL);
  self->path = g_build_filename (directory, name, NULL);
  return self;
}

static void
spec_set_string (JsonObject *spec,
                 const char *key,
                 const char *value)
{
  if (value != NULL)
    json_object_set_string_member (spec, key, value);
}

/* Freezes the decisions of a ready plan: the run works from these, not from the plan,
 * so a resumed run builds exactly what the first one started. */
CwJournal *
cw_journal_new_for_plan (CwLinkPlan *plan)
{
  CwJournal *self = cw_journal_new (cw_link_plan_get_link_id (plan));
  CwDatabase *database = cw_link_plan_get_database (plan);
  CwTidbCluster *cluster = cw_link_plan_get_cluster (plan);
  CwTidbAvailabilityZones *zones = cw_link_plan_get_tidb_zones (plan);
  g_auto(GStrv) subnets = cw_link_plan_dup_selected_subnet_ids (plan);
  JsonArray *subnet_array = json_array_new ();

  g_return_val_if_fail (database != NULL && cluster != NULL, self);
  spec_set_string (self->spec, CW_SPEC_CLUSTER_ID, cw_tidb_cluster_get_cluster_id (cluster));
  spec_set_string (self->spec, CW_SPEC_REGION, cw_link_plan_get_database_region (plan));
  spec_set_string (self->spec, CW_SPEC_DATABASE_ID, cw_database_get_id (database));
  spec_set_string (self->spec, CW_SPEC_DATABASE_KIND, cw_database_kind_to_string (cw_database_get_kind (database)));
  spec_set_string (self->spec, CW_SPEC_DATABASE_ENDPOINT, cw_database_get_endpoint (database));
  json_object_set_int_member (self->spec, CW_SPEC_DATABASE_PORT, cw_database_get_port (database));
  spec_set_string (self->spec, CW_SPEC_DATABASE_IP, cw_link_plan_get_database_ip (plan));
  spec_set_string (self->spec, CW_SPEC_VPC_ID, cw_database_get_vpc_id (database));
  for (guint i = 0; subnets[i]; i++)
    json_array_add_string_element (subnet_array, subnets[i]);
  json_object_set_array_member (self->spec, CW_SPEC_SUBNET_IDS, subnet_array);
  spec_set_string (self->spec, CW_SPEC_TARGET_GROUP_NAME, cw_link_plan_get_target_group_name (plan));
  spec_set_string (self->spec, CW_SPEC_LOAD_BALANCER_NAME, cw_link_plan_get_load_balancer_name (plan));
  spec_set_string (self->spec, CW_SPEC_DISPLAY_NAME, cw_link_plan_get_display_name (plan));
  spec_set_string (self->spec, CW_SPEC_NLB_SECURITY_GROUP, cw_link_plan_get_nlb_security_group (plan));
  spec_set_string (self->spec, CW_SPEC_DATABASE_SECURITY_GROUP, cw_link_plan_get_database_security_group (plan));
  json_object_set_boolean_member (self->spec, CW_SPEC_CROSS_ZONE, cw_link_plan_get_cross_zone (plan));
  spec_set_string (self->spec, CW_SPEC_TIDB_ACCOUNT_ID, zones ? cw_tidb_availability_zones_get_account_id (zones) : NULL);
  spec_set_string (self->spec, CW_SPEC_AWS_ACCOUNT, cw_link_plan_get_aws_account (plan));
  spec_set_string (self->spec, CW_SPEC_TIDB_ACCOUNT, cw_link_plan_get_tidb_account (plan));
  return self;
}

/* ---- reading ---- */

static gboolean
invalid (GError    **error,
         const char *path)
{
  g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_PARSE,
               _("The journal %s is damaged; move it away to continue."), path);
  return FALSE;
}

static JsonObject *
dup_object_member (JsonObject *root,
                   const char *name)
{
  JsonNode *node = json_object_get_member (root, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}

static gboolean
read_root (CwJournal   *self,
           JsonObject  *root,
           GError     **error)
{
  const char *link_id = json_object_get_string_member_with_default (root, "linkId", NULL);
  const char *state = json_object_get_string_member_with_default (root, "state", NULL);

  if (json_object_get_int_member_with_default (root, "version", 0) != FORMAT_VERSION ||
      !link_id_is_safe (link_id) || !journal_state_from_string (state, &self->state))
    return invalid (error, self->path);
  self->link_id = g_strdup (link_id);
  self->error = g_strdup (json_object_get_string_member_with_default (root, "error", NULL));
  json_object_unref (self->spec);
  self->spec = dup_object_member (root, "spec");
  json_object_unref (self->steps);
  self->steps = dup_object_member (root, "steps");
  json_object_unref (self->resources);
  self->resources = dup_object_member (root, "resources");
  json_object_unref (self->created);
  self->created = dup_object_member (root, "created");
  return TRUE;
}

CwJournal *
cw_journal_load (const char  *path,
                 GError     **error)
{
  g_autoptr(CwJournal) self = g_object_new (CW_TYPE_JOURNAL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  self->path = g_strdup (path);
  if (!json_parser_load_from_mapped_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, path);
      return NULL;
    }
  if (!read_root (self, json_node_get_object (root), error))
    return NULL;
  return g_steal_pointer (&self);
}

CwJournal *
cw_journal_load_for_link (const char  *link_id,
                          GError     **error)
{
  g_autoptr(CwJournal) probe = NULL;

  if (!link_id_is_safe (link_id))
    {
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND, _("No journal for link “%s”."), link_id);
      return NULL;
    }
  probe = cw_journal_new (link_id);
  if (!g_file_test (probe->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CW_ENGINE_ERROR, CW_ENGINE_ERROR_NOT_FOUND, _("No journal for link “%s”."), link_id);
      return NULL;
    }
  return cw_journal_load (probe->path, error);
}

/* Every journal of the directory, skipping files being written. */
GPtrArray *
cw_journal_list (GError **error)
{
  g_autofree char *directory = cw_journal_dup_directory ();
  g_autoptr(GPtrArray) journals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (directory, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&journals);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(CwJournal) journal = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (directory, name, NULL);
      journal = cw_journal_load (path, &local_error);
      if (journal == NULL)
        {
          g_warning ("%s", local_error->message);
          g_clear_error (&local_error);
          continue;
        }
      g_ptr_array_add (journals, g_steal_pointer (&journal));
    }
  return g_steal_pointer (&journals);
}

/* Reading files is kept off the main loop: a home directory may sit on a slow mount. */
static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *journals = cw_journal_list (&error);

  if (journals == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, journals, (GDestroyNotify) g_ptr_array_unref);
}

void
cw_journal_list_async (GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_journal_list_async);
  g_task_run_in_thread (task, list_in_thread);
}

/* The journals, as CwJournal. */
GPtrArray *
cw_journal_list_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
load_for_link_in_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  CwJournal *journal = cw_journal_load_for_link (task_data, &error);

  if (journal == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, journal, g_object_unref);
}

void
cw_journal_load_for_link_async (const char          *link_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cw_journal_load_for_link_async);
  g_task_set_task_data (task, g_strdup (link_id), g_free);
  g_task_run_in_thread (task, load_for_link_in_thread);
}

CwJournal *
cw_journal_load_for_link_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The journal of a run for this cluster and database in one of @states. */
static CwJournal *
find_run (const char          *cluster_id,
          const char          *database_id,
          const CwJournalState *states,
          guint                n_states,
          GError             **error)
{
  g_autoptr(GPtrArray) journals = cw_journal_list (error);

  if (journals == NULL)
    return NULL;
  for (guint i = 0; i < journals->len; i++)
    {
      CwJournal *journal = g_ptr_array_index (journals, i);
      gboolean wanted = FALSE;

      for (guint s = 0; s < n_states; s++)
        wanted = wanted || journal->state == states[s];
      if (wanted && g_strcmp0 (cw_journal_get_spec (journal, CW_SPEC_CLUSTER_ID), cluster_id) == 0 &&
          g_strcmp0 (cw_journal_get_spec (journal, CW_SPEC_DATABASE_ID), database_id) == 0)
        return g_object_ref (journal);
    }
  return NULL;
}

/* Whether the journal is, not removed, that of @database_id (NULL: of any database)
 * added to link @link_id. */
gboolean
cw_journal_is_added_to (CwJournal  *self,
                        const char *link_id,
                        const char *database_id)
{
  g_return_val_if_fail (CW_IS_JOURNAL (self), FALSE);
  return self->state != CW_JOURNAL_DELETED && g_strcmp0 (cw_journal_get_spec (self, CW_SPEC_ADDED_TO), link_id) == 0 &&
         (database_id == NULL || g_strcmp0 (cw_journal_get_spec (self, CW_SPEC_DATABASE_ID), database_id) == 0);
}

/* The journal of an unfinished run for this cluster and database, to resume. */
CwJournal *
cw_journal_find_resumable (const char  *cluster_id,
                           const char  *database_id,
                           GError     **error)
{
  static const CwJournalState unfinished[] = { CW_JOURNAL_CREATING, CW_JOURNAL_FAILED };

  return find_run (cluster_id, database_id, unfinished, G_N_ELEMENTS (unfinished), error);
}

/* The journal of a run that made the link of this cluster and database. */
CwJournal *
cw_journal_find_created (const char  *cluster_id,
                         const char  *database_id,
                         GError     **error)
{
  static const CwJournalState created[] = { CW_JOURNAL_CREATED };

  return find_run (cluster_id, database_id, created, G_N_ELEMENTS (created), error);
}

/* ---- writing ---- */

static JsonNode *
to_json (CwJournal *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *updated = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "linkId");
  json_builder_add_string_value (builder, self->link_id);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, cw_journal_state_to_string (self->state));
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, updated);
  if (self->error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, self->error);
    }
  json_builder_end_object (builder);
  {
    JsonNode *root = json_builder_get_root (builder);
    JsonObject *object = json_node_get_object (root);

    json_object_set_object_member (object, "spec", json_object_ref (self->spec));
    json_object_set_object_member (object, "steps", json_object_ref (self->steps));
    json_object_set_object_member (object, "resources", json_object_ref (self->resources));
    json_object_set_object_member (object, "created", json_object_ref (self->created));
    return root;
  }
}

typedef struct {
  char    *text;
  gsize    length;
  guint64  number;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->text);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

/* Taken where the journal is changed; written anywhere. */
static Snapshot *
take_snapshot (CwJournal *self)
{
  g_autoptr(JsonNode) root = to_json (self);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  snapshot->text = json_generator_to_data (generator, &snapshot->length);
  g_mutex_lock (&self->write_lock);
  snapshot->number = ++self->snapshots;
  g_mutex_unlock (&self->write_lock);
  return snapshot;
}

/* Writes to a temporary file, syncs it and renames it over the journal, so a crash
 * leaves either the old journal or the new one, never half of one. A snapshot older
 * than the one on disk is not written. */
static gboolean
write_snapshot (CwJournal  *self,
                Snapshot   *snapshot,
                GError    **error)
{
  g_autofree char *directory = g_path_get_dirname (self->path);
  G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->write_lock);

  if (snapshot->number <= self->written)
    return TRUE;
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create %s: %s"), directory, g_strerror (saved));
      return FALSE;
    }
  if (!g_file_set_contents_full (self->path, snapshot->text, snapshot->length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, error))
    return FALSE;
  self->written = snapshot->number;
  return TRUE;
}

gboolean
cw_journal_save (CwJournal  *self,
                 GError    **error)
{
  g_autoptr(Snapshot) snapshot = NULL;

  g_return_val_if_fail (CW_IS_JOURNAL (self), FALSE);
  snapshot = take_snapshot (self);
  return write_snapshot (self, snapshot, error);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_snapshot (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The journal as it is now, written by a worker thread: the disk's sync never holds up
 * the main loop. The write is durable when the callback runs. */
void
cw_journal_save_async (CwJournal           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_JOURNAL (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_journal_save_async);
  g_task_set_task_data (task, take_snapshot (self), (GDestroyNotify) snapshot_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
cw_journal_save_finish (CwJournal     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
cw_journal_remove (CwJournal  *self,
                   GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CW_IS_JOURNAL (self), FALSE);
  locker = g_mutex_locker_new (&self->write_lock);
  self->written = G_MAXUINT64;
  if (g_unlink (self->path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not remove %s: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* ---- accessors ---- */

const char *
cw_journal_get_link_id (CwJournal *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL (self), NULL);
  return self->link_id;
}

const char *
cw_journal_get_path (CwJournal *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL (self), NULL);
  return self->path;
}

CwJournalState
cw_journal_get_state (CwJournal *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL (self), CW_JOURNAL_CREATING);
  return self->state;
}

void
cw_journal_set_state (CwJournal      *self,
                      CwJournalState  state)
{
  g_return_if_fail (CW_IS_JOURNAL (self));
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
cw_journal_get_error (CwJournal *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL (self), NULL);
  return self->error;
}

void
cw_journal_set_error (CwJournal  *self,
                      const char *message)
{
  g_return_if_fail (CW_IS_JOURNAL (self));
  g_free (self->error);
  self->error = g_strdup (message);
}

static const char *
string_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
set_string_member (JsonObject *object,
                   const char *key,
                   const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, key, value);
  else if (json_object_has_member (object, key))
    json_object_remove_member (object, key);
}

const char *
cw_journal_get_spec (CwJournal  *self,
                     const char *key)
{
  g_return_val_if_fail (CW_IS_JOURNAL (self), NULL);
  return string_member (self->spec, key);
}

void
cw_journal_set_spec (CwJournal  *self,
                     const char *key,
                     const char *value)
{
  g_return_if_fail (CW_IS_JOURNAL (self));
  set_string_member (self->spec, key, value);
}

guint
cw_journal_get_spec_uint (CwJournal  *self,
                          const char *key)
{
  g_return_val_if_fail (CW_IS_JOURNAL (self), 0);
  return (guint) CLAMP (json_object_get_int_member_with_default (self->spec, key, 0), 0, G_MAXUINT);
}

void
cw_journal_set_spec_uint (CwJournal  *self,
                          const char *key,
                          guint       value)
{
  g_return_if_fail (CW_IS_JOURNAL (self));
  json_object_set_int_member (self->spec, key, value);
}

gboolean
cw_journal_get_spec_boolean (CwJournal  *self,
                             const char *key)
{
  g_return_val_if_fail (CW_IS_JOURNAL (self), FALSE);
  return json_object_get_boolean_member_with_default (self->spec, key, FALSE);
}

GStrv
cw_journal_dup_spec_strv (CwJournal  *self,
                          const char *key)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (self->spec, key);
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      const char *value = json_node_get_string (json_array_get_element (array, i));

      if (value != NULL)
        g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

CwStepState
cw_journal_get_step_state (CwJournal  *self,
                           const char *step_id)
{
  JsonNode *node;
  CwStepState state = CW_STEP_PENDING;

  g_return_val_if_fail (CW_IS_JOURNAL (self), CW_STEP_PENDING);
  node = json_object_get_member (self->steps, step_id);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    cw_step_state_from_string (string_member (json_node_get_object (node), "state"), &state);
  return state;
}

void
cw_journal_record_step (CwJournal *self,
                        CwStep    *step)
{
  JsonObject *record = json_object_new ();

  g_return_if_fail (CW_IS_JOURNAL (self));
  json_object_set_string_member (record, "state", cw_step_state_to_string (cw_step_get_state (step)));
  set_string_member (record, "message", cw_step_get_message (step));
  json_object_set_int_member (record, "attempt", cw_step_get_attempt (step));
  json_object_set_object_member (self->steps, cw_step_get_id (step), record);
}

const char *
cw_journal_get_resource (CwJournal  *self,
                         const char *key)
{
  g_return_val_if_fail (CW_IS_JOURNAL (self), NULL);
  return string_member (self->resources, key);
}

void
cw_journal_set_resource (CwJournal  *self,
                         const char *key,
                         const char *value)
{
  g_return_if_fail (CW_IS_JOURNAL (self));
  set_string_member (self->resources, key, value);
}

CwCreation
cw_journal_get_creation (CwJournal  *self,
                         const char *step_id)
{
  const char *value;

  g_return_val_if_fail (CW_IS_JOURNAL (self), CW_CREATION_NONE);
  value = string_member (self->created, step_id);
  if (g_strcmp0 (value, "created") == 0)
    return CW_CREATION_DONE;
  if (g_strcmp0 (value, "attempted") == 0)
    return CW_CREATION_ATTEMPTED;
  return CW_CREATION_NONE;
}

void
cw_journal_set_creation (CwJournal  *self,
                         const char *step_id,
                         CwCreation  creation)
{
  static const char * const names[] = { NULL, "attempted", "created" };

  g_return_if_fail (CW_IS_JOURNAL (self));
  set_string_member (self->created, step_id, names[creation]);
}
