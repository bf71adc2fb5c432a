/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox.c */
#define G_LOG_DOMAIN "cw-sandbox"

#include "config.h"

#include <glib-unix.h>
#include <math.h>
#include <poll.h>
#include <string.h>
#include <sys/random.h>

#include "cw-journal.h"
#include "cw-sandbox.h"
#include "cw-sandbox-dump.h"
#include "cw-sandbox-model.h"
#include "cw-sandbox-private.h"
#include "cw-sandbox-resolver.h"
#include "cw-sandbox-scenario.h"

#define MAX_TIME_SCALE 100.0

struct _CwSandbox
{
  GObject            parent_instance;
  guint16            requested_port;
  char              *scenario;
  char              *faults_spec;
  CwSbServices       services;

  GThread           *thread;
  GMainContext      *context;
  GMainLoop         *loop;
  guint16            port;
  GMutex             mutex;
  GCond              started;
  gboolean           ready;
  GError            *start_error;

  GResolver         *previous_resolver;
  CwSandboxResolver *resolver;
};

G_DEFINE_FINAL_TYPE (CwSandbox, cw_sandbox, G_TYPE_OBJECT)

G_DEFINE_QUARK (cw-sandbox-error-quark, cw_sandbox_error)

void
cw_sandbox_options_init (CwSandboxOptions *options)
{
  options->port = 0;
  options->time_scale = 1.0;
  options->scenario = "default";
  options->faults = NULL;
  options->seed = g_random_int ();
}

gboolean
cw_sandbox_options_parse_time_scale (const char  *text,
                                     double      *time_scale,
                                     GError     **error)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (*text == '\0' || *end != '\0' || !isfinite (value) || value < 0.0 || value > MAX_TIME_SCALE)
    {
      g_set_error (error, CW_SANDBOX_ERROR, CW_SANDBOX_ERROR_INVALID_OPTION,
                   "The time scale “%s” is not a number from 0 to 100 (1.0 is realistic)", text);
      return FALSE;
    }
  *time_scale = value;
  return TRUE;
}

/* ---- secrets ---- */

static void
random_bytes (guint8 *bytes,
              gsize   length)
{
  gsize filled = 0;

  while (filled < length)
    {
      gssize got = getrandom (bytes + filled, length - filled, 0);

      if (got > 0)
        filled += got;
    }
}

/* Drawn from the system's randomness, not from the seed: a seed must not give away
 * the keys. */
char *
cw_sb_random_secret (const char *alphabet,
                     guint       length)
{
  gsize n = strlen (alphabet);
  g_autofree guint8 *bytes = g_malloc (length);
  char *secret = g_malloc (length + 1);

  random_bytes (bytes, length);
  for (guint i = 0; i < length; i++)
    secret[i] = alphabet[bytes[i] % n];
  secret[length] = '\0';
  explicit_bzero (bytes, length);
  return secret;
}

void
cw_sb_wipe (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

/* ---- the object ---- */

static void
cw_sandbox_finalize (GObject *object)
{
  CwSandbox *self = CW_SANDBOX (object);

  cw_sandbox_stop (self);
  g_free (self->scenario);
  g_free (self->faults_spec);
  g_clear_object (&self->services.world);
  g_clear_object (&self->services.faults);
  g_free (self->services.access_key_id);
  g_free (self->services.hosts_file);
  cw_sb_wipe (self->services.secret_access_key);
  g_free (self->services.tidb_public_key);
  cw_sb_wipe (self->services.tidb_private_key);
  g_clear_pointer (&self->services.sso, cw_sb_sso_free);
  g_clear_pointer (&self->services.identity, cw_sb_identity_free);
  g_ptr_array_unref (self->services.delayed);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->started);
  G_OBJECT_CLASS (cw_sandbox_parent_class)->finalize (object);
}

static void
cw_sandbox_class_init (CwSandboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_sandbox_finalize;
}

static void
cw_sandbox_init (CwSandbox *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->started);
}

CwSandbox *
cw_sandbox_new (const CwSandboxOptions *options)
{
  CwSandbox *self = g_object_new (CW_TYPE_SANDBOX, NULL);

  self->requested_port = options->port;
  self->scenario = g_strdup (options->scenario ? options->scenario : "default");
  self->faults_spec = g_strdup (options->faults);
  self->services.world = cw_sandbox_world_new (options->time_scale, options->seed);
  self->services.faults = cw_sandbox_faults_new (self->services.world, options->seed);
  self->services.access_key_id = g_strdup (CW_SANDBOX_ACCESS_KEY_ID);
  self->services.secret_access_key = cw_sb_random_secret ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
  self->services.tidb_public_key = g_strdup (CW_SANDBOX_TIDB_PUBLIC_KEY);
  self->services.tidb_private_key = cw_sb_random_secret ("0123456789abcdef", 32);
  self->services.identity = cw_sb_identity_new (self->services.world, self->services.access_key_id,
                                                self->services.secret_access_key, options->seed);
  self->services.sso = cw_sb_sso_new ();
  self->services.delayed = g_ptr_array_new ();
  return self;
}

/* ---- what the faults do on the wire (cw-sandbox-private.h) ---- */

typedef struct {
  CwSbServices      *services;
  GSource           *source;
  SoupServerMessage *message;
  CwSbRespond        run;
  gpointer           data;
  GDestroyNotify     destroy;
} Later;

static gboolean
respond_now (gpointer user_data)
{
  Later *later = user_data;

  g_ptr_array_remove_fast (later->services->delayed, later->source);
  if (later->run (later->data))
    soup_server_message_unpause (later->message);
  return G_SOURCE_REMOVE;
}

static void
later_free (gpointer user_data)
{
  Later *later = user_data;

  if (later->destroy != NULL)
    later->destroy (later->data);
  g_object_unref (later->message);
  g_free (later);
}

/* Answers now, or after @delay_ms on the server's thread without holding it up. */
void
cw_sb_respond (CwSbServices      *services,
               SoupServerMessage *message,
               guint              delay_ms,
               CwSbRespond        run,
               gpointer           data,
               GDestroyNotify     destroy)
{
  g_autoptr(GSource) source = NULL;
  Later *later;

  if (delay_ms == 0)
    {
      run (data);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  later = g_new0 (Later, 1);
  later->services = services;
  later->message = g_object_ref (message);
  later->run = run;
  later->data = data;
  later->destroy = destroy;
  soup_server_message_pause (message);
  source = g_timeout_source_new (delay_ms);
  later->source = source;
  g_source_set_callback (source, respond_now, later, later_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_ptr_array_add (services->delayed, source);
}

/* Answers still held back when the server stops are dropped while the server exists. */
static void
drop_delayed (CwSbServices *services)
{
  while (services->delayed->len > 0)
    g_source_destroy (g_ptr_array_steal_index_fast (services->delayed, services->delayed->len - 1));
}

/* The client sees its connection closed with no answer at all. */
gboolean
cw_sb_drop_connection (SoupServerMessage *message)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  return FALSE;
}

/* ---- the server's thread ---- */

/* libsoup's server does not notice when a client closes a kept-alive connection between
 * requests: the socket stays in CLOSE-WAIT and its descriptor open, one per connection a
 * client ever closed, until the sandbox runs out of them. Each connection's socket is
 * watched for the peer's end (POLLRDHUP, Linux) and closed then; a socket libsoup closed
 * itself is left alone, since its descriptor's number may already be another's. */
static gboolean
on_peer_closed (gint         fd,
                GIOCondition condition,
                gpointer     user_data)
{
  GSocket *socket = user_data;

  if (!g_socket_is_closed (socket))
    g_socket_close (socket, NULL);
  return G_SOURCE_REMOVE;
}

/* Once per connection: its first request starts the watch. */
static void
watch_for_peer_close (SoupServer        *server,
                      SoupServerMessage *message,
                      gpointer           user_data)
{
  GSocket *socket = soup_server_message_get_socket (message);
  g_autoptr(GSource) source = NULL;

  if (socket == NULL || g_object_get_data (G_OBJECT (socket), "cw-sb-watched") != NULL)
    return;
  g_object_set_data (G_OBJECT (socket), "cw-sb-watched", GINT_TO_POINTER (TRUE));
  source = g_unix_fd_source_new (g_socket_get_fd (socket), (GIOCondition) POLLRDHUP);
  g_source_set_callback (source, (GSourceFunc) (void (*) (void)) on_peer_closed, g_object_ref (socket),
                         g_object_unref);
  g_source_attach (source, g_main_context_get_thread_default ());
}

static void
serve_aws (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  cw_sb_aws_serve (user_data, message);
}

/* The links view opens some forty connections at once. With GLib's listen backlog of
 * ten the kernel drops the surplus SYNs, and each costs a one-second retransmission
 * that no AWS endpoint would cause: the sandbox would measure its own queue. */
#define LISTEN_BACKLOG 256

static GSocket *
listen_on_loopback (guint16   port,
                    GError  **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                            error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  if (socket == NULL)
    return NULL;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static SoupServer *
create_server (CwSandbox  *self,
               GError    **error)
{
  g_autoptr(SoupServer) server = soup_server_new ("server-header", "causeway-sandbox", NULL);
  g_autoptr(GSocket) socket = NULL;
  GSList *uris;

  g_signal_connect (server, "request-started", G_CALLBACK (watch_for_peer_close), NULL);
  soup_server_add_handler (server, "/", serve_aws, &self->services, NULL);
  cw_sb_tidb_install (&self->services, server);
  cw_sb_sso_install (&self->services, server);
  cw_sb_control_install (&self->services, server);
  socket = listen_on_loopback (self->requested_port, error);
  if (socket == NULL || !soup_server_listen_socket (server, socket, 0, error))
    return NULL;
  uris = soup_server_get_uris (server);
  self->port = uris ? (guint16) g_uri_get_port (uris->data) : 0;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_steal_pointer (&server);
}

static gpointer
run_server (gpointer data)
{
  CwSandbox *self = data;
  g_autoptr(SoupServer) server = NULL;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);
  server = create_server (self, &error);
  g_mutex_lock (&self->mutex);
  self->start_error = error;
  self->ready = TRUE;
  g_cond_signal (&self->started);
  g_mutex_unlock (&self->mutex);
  if (server != NULL)
    {
      g_main_loop_run (self->loop);
      drop_delayed (&self->services);
      soup_server_disconnect (server);
    }
  g_clear_object (&server);
  /* What the disconnect left pending (closing connections) finishes here. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

gboolean
cw_sandbox_start (CwSandbox  *self,
                  GError    **error)
{
  g_return_val_if_fail (CW_IS_SANDBOX (self), FALSE);

  if (self->thread != NULL)
    return TRUE;
  if (!cw_sb_scenario_load (self->services.world, self->scenario, error) ||
      (self->faults_spec != NULL && !cw_sandbox_faults_add (self->services.faults, self->faults_spec, error)))
    return FALSE;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->ready = FALSE;
  self->thread = g_thread_new ("cw-sandbox", run_server, self);
  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->started, &self->mutex);
  g_mutex_unlock (&self->mutex);
  if (self->start_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&self->start_error),
                                  "The sandbox cannot listen on 127.0.0.1: ");
      cw_sandbox_stop (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
cw_sandbox_stop (CwSandbox *self)
{
  g_autoptr(GSource) quit = NULL;

  g_return_if_fail (CW_IS_SANDBOX (self));

  cw_sandbox_uninstall_resolver (self);
  if (self->thread == NULL)
    return;
  /* Quitting from the server's own context: a quit sent before its loop runs would be
   * lost, a source waits for it. */
  quit = g_idle_source_new ();
  g_source_set_callback (quit, quit_loop, g_main_loop_ref (self->loop), (GDestroyNotify) g_main_loop_unref);
  g_source_attach (quit, self->context);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->port = 0;
}

guint16
cw_sandbox_get_port (CwSandbox *self)
{
  g_return_val_if_fail (CW_IS_SANDBOX (self), 0);
  return self->port;
}

double
cw_sandbox_get_time_scale (CwSandbox *self)
{
  g_return_val_if_fail (CW_IS_SANDBOX (self), 1.0);
  return cw_sandbox_world_get_time_scale (self->services.world);
}

/* ---- environment and credentials ---- */

static char *
base_url (CwSandbox *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

char **
cw_sandbox_get_environment (CwSandbox *self)
{
  g_autofree char *base = NULL;
  g_autofree char *tidb_user = NULL;
  GPtrArray *environment;

  g_return_val_if_fail (CW_IS_SANDBOX (self), NULL);
  base = base_url (self);
  tidb_user = cw_sandbox_get_tidb_sql_user (self);
  environment = g_ptr_array_new ();
  g_ptr_array_add (environment, g_strconcat ("AWS_ENDPOINT_URL=", base, NULL));
  g_ptr_array_add (environment, g_strconcat ("TIDBCLOUD_SERVERLESS_ENDPOINT=", base, CW_SB_TIDB_SERVERLESS_PATH, NULL));
  g_ptr_array_add (environment, g_strconcat ("TIDBCLOUD_IAM_ENDPOINT=", base, CW_SB_TIDB_IAM_PATH, NULL));
  g_ptr_array_add (environment, g_strconcat ("AWS_ACCESS_KEY_ID=", self->services.access_key_id, NULL));
  g_ptr_array_add (environment, g_strconcat ("AWS_SECRET_ACCESS_KEY=", self->services.secret_access_key, NULL));
  g_ptr_array_add (environment, g_strconcat ("AWS_REGION=", CW_SANDBOX_REGION, NULL));
  g_ptr_array_add (environment, g_strconcat ("TIDBCLOUD_PUBLIC_KEY=", self->services.tidb_public_key, NULL));
  g_ptr_array_add (environment, g_strconcat ("TIDBCLOUD_PRIVATE_KEY=", self->services.tidb_private_key, NULL));
  /* After the first eight, which readers of earlier sandboxes stop at. IAM Identity
   * Center's two APIs share the sandbox's port: their paths do not meet. */
  g_ptr_array_add (environment, g_strconcat ("AWS_ENDPOINT_URL_SSO_OIDC=", base, NULL));
  g_ptr_array_add (environment, g_strconcat ("AWS_ENDPOINT_URL_SSO=", base, NULL));
  g_ptr_array_add (environment, g_strconcat ("CAUSEWAY_SANDBOX_MFA_CODE=", cw_sandbox_get_mfa_code (self), NULL));
  /* The databases' master user and the TiDB cluster's SQL user, for the dataflow. */
  g_ptr_array_add (environment, g_strconcat ("CAUSEWAY_SANDBOX_MYSQL_USER=", CW_SANDBOX_MYSQL_USER, NULL));
  g_ptr_array_add (environment, g_strconcat ("CAUSEWAY_SANDBOX_MYSQL_PWD=", CW_SANDBOX_MYSQL_PASSWORD, NULL));
  g_ptr_array_add (environment, g_strconcat ("CAUSEWAY_SANDBOX_TIDB_USER=", tidb_user, NULL));
  g_ptr_array_add (environment, g_strconcat ("CAUSEWAY_SANDBOX_TIDB_PWD=", CW_SANDBOX_TIDB_PASSWORD, NULL));
  g_ptr_array_add (environment, NULL);
  return (char **) g_ptr_array_free (environment, FALSE);
}

const char *
cw_sandbox_get_secret_access_key (CwSandbox *self)
{
  g_return_val_if_fail (CW_IS_SANDBOX (self), NULL);
  return self->services.secret_access_key;
}

const char *
cw_sandbox_get_tidb_private_key (CwSandbox *self)
{
  g_return_val_if_fail (CW_IS_SANDBOX (self), NULL);
  return self->services.tidb_private_key;
}

/* The first Essential cluster's: the one the scenarios' links belong to. */
char *
cw_sandbox_get_tidb_sql_user (CwSandbox *self)
{
  GPtrArray *clusters;
  char *user = NULL;

  g_return_val_if_fail (CW_IS_SANDBOX (self), NULL);
  cw_sandbox_world_lock (self->services.world);
  clusters = cw_sandbox_world_list (self->services.world, CW_SB_TIDB_CLUSTER);
  for (guint i = 0; user == NULL && i < clusters->len; i++)
    if (g_str_equal (((CwSbTidbCluster *) clusters->pdata[i])->plan, "ESSENTIAL"))
      user = cw_sb_model_tidb_sql_user (clusters->pdata[i]);
  cw_sandbox_world_unlock (self->services.world);
  return user ? user : g_strdup ("");
}

const char *
cw_sandbox_get_mfa_code (CwSandbox *self)
{
  g_return_val_if_fail (CW_IS_SANDBOX (self), NULL);
  return cw_sb_identity_get_mfa_code (self->services.identity);
}

/* An AWS CLI config with the profiles a person of an organisation has: an IAM Identity
 * Center sign-in, and roles assumed from it (one with MFA, one with an external id).
 * It holds no secret: the sign-in happens in the browser. */
gboolean
cw_sandbox_write_aws_config (CwSandbox   *self,
                             const char  *path,
                             GError     **error)
{
  static const char config[] =
    "# Written by the Causeway sandbox for one run.\n"
    "[sso-session sandbox]\n"
    "sso_start_url = " CW_SANDBOX_SSO_START_URL "\n"
    "sso_region = " CW_SANDBOX_SSO_REGION "\n"
    "sso_registration_scopes = sso:account:access\n"
    "\n"
    "[profile sandbox-sso]\n"
    "sso_session = sandbox\n"
    "sso_account_id = " CW_SB_ACCOUNT_ID "\n"
    "sso_role_name = AdministratorAccess\n"
    "region = " CW_SANDBOX_REGION "\n"
    "\n"
    "[profile sandbox-role]\n"
    "role_arn = " CW_SB_OPERATOR_ROLE_ARN "\n"
    "source_profile = sandbox-sso\n"
    "mfa_serial = " CW_SB_MFA_SERIAL "\n"
    "region = " CW_SANDBOX_REGION "\n"
    "\n"
    "[profile sandbox-partner]\n"
    "role_arn = " CW_SB_PARTNER_ROLE_ARN "\n"
    "source_profile = sandbox-sso\n"
    "external_id = " CW_SB_PARTNER_EXTERNAL_ID "\n"
    "region = " CW_SANDBOX_REGION "\n";

  g_return_val_if_fail (CW_IS_SANDBOX (self), FALSE);
  return g_file_set_contents_full (path, config, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Call it before other threads run: the environment is not thread-safe. */
void
cw_sandbox_apply_to_process_environment (CwSandbox *self)
{
  static const char * const per_service[] = {
    "AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "AWS_ENDPOINT_URL_RDS",
    "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_SSO",
  };
  g_autofree char *base = NULL;
  g_autofree char *serverless = NULL;
  g_autofree char *iam = NULL;

  g_return_if_fail (CW_IS_SANDBOX (self) && self->port != 0);
  base = base_url (self);
  serverless = g_strconcat (base, CW_SB_TIDB_SERVERLESS_PATH, NULL);
  iam = g_strconcat (base, CW_SB_TIDB_IAM_PATH, NULL);
  g_setenv ("AWS_ENDPOINT_URL", base, TRUE);
  g_setenv ("TIDBCLOUD_SERVERLESS_ENDPOINT", serverless, TRUE);
  g_setenv ("TIDBCLOUD_IAM_ENDPOINT", iam, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (per_service); i++)
    g_unsetenv (per_service[i]);
}

/* Everything a process using the sandbox must point at it: its clients' endpoints, its
 * DNS for the simulated databases, and its journals, which go to a directory of their own
 * so that no later run against the real clouds is offered to resume a simulated link.
 * The journals are a folder of that directory, as they are of $XDG_STATE_HOME/causeway:
 * what lives beside them (the links' timelines, the watch's state) is the run's too,
 * not shared in the temporary directory by every sandbox. */
void
cw_sandbox_take_over_process (CwSandbox *self)
{
  g_autofree char *directory = NULL;
  g_autofree char *journals = NULL;

  g_return_if_fail (CW_IS_SANDBOX (self));
  directory = g_dir_make_tmp ("causeway-sandbox-XXXXXX", NULL);
  journals = g_build_filename (directory, "links", NULL);
  cw_journal_set_directory (journals);
  cw_sandbox_apply_to_process_environment (self);
  cw_sandbox_install_resolver (self);
}

void
cw_sandbox_add_credentials (CwSandbox         *self,
                            CwCredentialStore *store)
{
  g_autoptr(CwCredential) aws = NULL;
  g_autoptr(CwCredential) tidb = NULL;
  g_autoptr(CwCredentialSecret) aws_secret = NULL;
  g_autoptr(CwCredentialSecret) tidb_secret = NULL;

  g_return_if_fail (CW_IS_SANDBOX (self));
  aws = cw_credential_new (CW_CREDENTIAL_AWS, CW_SANDBOX_CREDENTIAL_LABEL, self->services.access_key_id,
                           CW_SANDBOX_REGION, FALSE);
  aws_secret = cw_credential_secret_new (self->services.secret_access_key, NULL);
  cw_credential_store_add_in_memory (store, aws, aws_secret);
  tidb = cw_credential_new (CW_CREDENTIAL_TIDBCLOUD, CW_SANDBOX_CREDENTIAL_LABEL, self->services.tidb_public_key,
                            NULL, FALSE);
  tidb_secret = cw_credential_secret_new (self->services.tidb_private_key, NULL);
  cw_credential_store_add_in_memory (store, tidb, tidb_secret);
}

/* ---- DNS ---- */

/* A hosts(5) file of the simulated databases, so that a Causeway in another process (with
 * CAUSEWAY_HOSTS_FILE) resolves them as the in-process sandbox resolver would; written
 * again after every failover, as DNS would change. */
gboolean
cw_sandbox_write_hosts_file (CwSandbox   *self,
                             const char  *path,
                             GError     **error)
{
  g_return_val_if_fail (CW_IS_SANDBOX (self), FALSE);
  g_free (self->services.hosts_file);
  self->services.hosts_file = g_strdup (path);
  return cw_sb_write_hosts (&self->services, error);
}

void
cw_sandbox_install_resolver (CwSandbox *self)
{
  g_return_if_fail (CW_IS_SANDBOX (self));

  if (self->resolver != NULL)
    return;
  self->previous_resolver = g_resolver_get_default ();
  self->resolver = cw_sandbox_resolver_new (self->services.world, self->previous_resolver);
  g_resolver_set_default (G_RESOLVER (self->resolver));
}

void
cw_sandbox_uninstall_resolver (CwSandbox *self)
{
  g_autoptr(GResolver) current = NULL;

  g_return_if_fail (CW_IS_SANDBOX (self));

  if (self->resolver == NULL)
    return;
  current = g_resolver_get_default ();
  if (current == G_RESOLVER (self->resolver))
    g_resolver_set_default (self->previous_resolver);
  g_clear_object (&self->resolver);
  g_clear_object (&self->previous_resolver);
}

/* ---- inspection and control ---- */

JsonNode *
cw_sandbox_dump_inventory (CwSandbox *self)
{
  JsonNode *dump;

  g_return_val_if_fail (CW_IS_SANDBOX (self), NULL);
  cw_sandbox_world_lock (self->services.world);
  dump = cw_sb_dump_world (self->services.world);
  cw_sandbox_world_unlock (self->services.world);
  return dump;
}

gboolean
cw_sandbox_add_faults (CwSandbox   *self,
                       const char  *spec,
                       GError     **error)
{
  g_return_val_if_fail (CW_IS_SANDBOX (self), FALSE);
  return cw_sandbox_faults_add (self->services.faults, spec, error);
}

void
cw_sandbox_clear_faults (CwSandbox *self)
{
  g_return_if_fail (CW_IS_SANDBOX (self));
  cw_sandbox_faults_clear (self->services.faults);
}

gboolean
cw_sandbox_failover (CwSandbox   *self,
                     const char  *db_identifier,
                     GError     **error)
{
  gboolean done;

  g_return_val_if_fail (CW_IS_SANDBOX (self), FALSE);
  cw_sandbox_world_lock (self->services.world);
  done = cw_sb_model_failover (self->services.world, db_identifier, error);
  cw_sandbox_world_unlock (self->services.world);
  return done && cw_sb_write_hosts (&self->services, error);
}

void
cw_sandbox_advance_clock (CwSandbox *self,
                          double     realistic_seconds)
{
  g_return_if_fail (CW_IS_SANDBOX (self));
  cw_sandbox_world_lock (self->services.world);
  cw_sandbox_world_advance (self->services.world, realistic_seconds);
  cw_sandbox_world_unlock (self->services.world);
}

char *
cw_sandbox_resolve_host (CwSandbox  *self,
                         const char *host)
{
  char *ip;

  g_return_val_if_fail (CW_IS_SANDBOX (self), NULL);
  cw_sandbox_world_lock (self->services.world);
  ip = g_strdup (cw_sb_model_resolve (self->services.world, host));
  cw_sandbox_world_unlock (self->services.world);
  return ip;
}

/* The waits a create cannot avoid, at 1.0: the NLB provisions; then TiDB Cloud creates
 * its endpoint; then the accepted connection goes live. Health checks run beside that
 * from the moment the NLB is active and, at the fastest settings AWS allows (2 checks
 * 5 s apart), end first; with the default settings (5 checks 30 s apart) they take 150 s. */
#define FASTEST_HEALTH_CHECKS_S (2 * 5.0)
#define DEFAULT_HEALTH_CHECKS_S (5 * 30.0)

double
cw_sandbox_critical_path_seconds (double   time_scale,
                                  char   **description)
{
  double link = CW_SB_NLB_PROVISIONING_S + CW_SB_LINK_CREATING_S + CW_SB_CONNECTION_PENDING_S;
  double health = CW_SB_NLB_PROVISIONING_S + FASTEST_HEALTH_CHECKS_S;
  double longest = MAX (link, health) * time_scale;

  if (description != NULL)
    *description = g_strdup_printf ("%.3f s at time scale %g: NLB provisioning %.0f s → TiDB Cloud endpoint %.0f s → "
                                    "accepted connection live %.0f s (health checks after the NLB is active: "
                                    "%.0f s at the fastest settings, %.0f s at the defaults)",
                                    longest, time_scale, CW_SB_NLB_PROVISIONING_S * time_scale,
                                    CW_SB_LINK_CREATING_S * time_scale, CW_SB_CONNECTION_PENDING_S * time_scale,
                                    FASTEST_HEALTH_CHECKS_S * time_scale, DEFAULT_HEALTH_CHECKS_S * time_scale);
  return longest;
}

double
cw_sandbox_get_critical_path (CwSandbox  *self,
                              char      **description)
{
  g_return_val_if_fail (CW_IS_SANDBOX (self), 0.0);
  return cw_sandbox_critical_path_seconds (cw_sandbox_get_time_scale (self), description);
}
