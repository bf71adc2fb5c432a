/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-test-sandbox.h: a sandbox for the integration tests, and the ways they drive it
 *
 * Starts a CwSandbox in its own thread, with a private $XDG_STATE_HOME, and drives it
 * through causeway-cli child processes: their environment points them at it, with a
 * hosts file of the simulated databases' addresses (CAUSEWAY_HOSTS_FILE).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cw-sandbox.h"

G_BEGIN_DECLS

#define CW_TEST_CLUSTER_ID  "10289034792938145678"
#define CW_TEST_STARTER_ID  "10289034792938149999"

typedef struct {
  CwSandbox *sandbox;
  char      *hosts_path;
  GStrv      child_env;
} CwTestSandbox;

void           cw_test_init                  (int            *argc,
                                              char         ***argv);
const char    *cw_test_state_dir             (void);
void           cw_test_clear_journals        (void);

CwTestSandbox *cw_test_sandbox_new           (double          time_scale,
                                              const char     *faults);
CwTestSandbox *cw_test_sandbox_new_scenario  (double          time_scale,
                                              const char     *faults,
                                              const char     *scenario);
void           cw_test_sandbox_free          (CwTestSandbox  *self);
JsonNode      *cw_test_sandbox_control       (CwTestSandbox  *self,
                                              const char     *method,
                                              const char     *path);
guint          cw_test_sandbox_count_requests (CwTestSandbox *self);
char          *cw_test_link_status           (CwTestSandbox  *sb,
                                              const char     *member,
                                              const char     *value,
                                              char          **reason);
gboolean       cw_test_eventually_status     (CwTestSandbox  *sb,
                                              const char     *member,
                                              const char     *value,
                                              const char     *status);
void           cw_test_sandbox_write_hosts   (CwTestSandbox  *self);
JsonNode      *cw_test_sandbox_dump          (CwTestSandbox  *self);
JsonArray     *cw_test_dump_array            (JsonNode       *dump,
                                              const char     *cloud,
                                              const char     *kind);
char          *cw_test_resources_signature   (JsonNode       *dump);
char          *cw_test_sandbox_signature     (CwTestSandbox  *self);
void           cw_test_assert_world_is       (CwTestSandbox  *self,
                                              const char     *signature);
guint          cw_test_count_tagged          (JsonNode       *dump,
                                              const char     *kind,
                                              const char     *link_id);
JsonObject    *cw_test_dump_find             (JsonNode       *dump,
                                              const char     *cloud,
                                              const char     *kind,
                                              const char     *member,
                                              const char     *value);
JsonObject    *cw_test_find_tagged           (JsonNode       *dump,
                                              const char     *kind,
                                              const char     *link_id);
JsonObject    *cw_test_find_object           (JsonNode       *array,
                                              const char     *member,
                                              const char     *value);
void           cw_test_assert_link_made_once (JsonNode       *dump,
                                              const char     *link_id);
char          *cw_test_only_link_id          (void);

char          *cw_test_run_cli               (CwTestSandbox  *self,
                                              int            *status,
                                              char          **errors,
                                              const char     *first_argument,
                                              ...) G_GNUC_NULL_TERMINATED;
JsonNode      *cw_test_run_cli_json          (CwTestSandbox  *self,
                                              const char     *first_argument,
                                              ...) G_GNUC_NULL_TERMINATED;
GSubprocess   *cw_test_spawn_cli             (CwTestSandbox  *self,
                                              const char * const *arguments);
char          *cw_test_run_aws               (CwTestSandbox  *self,
                                              const char     *service,
                                              ...) G_GNUC_NULL_TERMINATED;
char          *cw_test_run_aws_script        (CwTestSandbox  *self,
                                              const char     *script);
typedef void (*CwTestCliHook) (GSubprocess *process,
                               gpointer     user_data);
gboolean       cw_test_run_cli_at            (CwTestSandbox  *self,
                                              const char     *step,
                                              const char     *state,
                                              CwTestCliHook   hook,
                                              gpointer        hook_data,
                                              const char * const *arguments,
                                              int            *status);
gboolean       cw_test_run_cli_until         (CwTestSandbox  *self,
                                              const char     *step,
                                              const char     *state,
                                              int             signal_number,
                                              const char * const *arguments,
                                              int            *status);
void           cw_test_assert_no_secret      (CwTestSandbox  *self,
                                              const char     *text);
void           cw_test_assert_journals_hold_no_secret (CwTestSandbox *self);

gboolean       cw_test_wait                  (gpointer       *slot,
                                              guint           seconds);
void           cw_test_store_result          (GObject        *source,
                                              GAsyncResult   *result,
                                              gpointer        user_data);

G_END_DECLS
