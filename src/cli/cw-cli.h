/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli.h: what every causeway-cli command shares
 *
 * The CLI is a thin shell over the engine: commands parse their arguments, call the
 * engine's asynchronous API and wait for it here, then print.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cw-aws-profile.h"
#include "cw-credential-store.h"
#include "cw-link-inventory.h"
#include "cw-sandbox.h"

G_BEGIN_DECLS

typedef enum {
  CW_CLI_OUTPUT_TABLE,
  CW_CLI_OUTPUT_JSON,
} CwCliOutput;

/* Exit codes of DESIGN.md §8. */
enum {
  CW_CLI_EXIT_OK = 0,
  CW_CLI_EXIT_FAILED = 1,
  CW_CLI_EXIT_USAGE = 2,
};

typedef struct {
  CwCredentialStore *store;
  char              *aws_account;   /* --aws-account LABEL, or NULL for the environment */
  char              *tidb_account;  /* --tidb-account LABEL, or NULL for the environment */
  char              *profile;       /* --profile NAME, or NULL for AWS_PROFILE */
  CwCliOutput        output;
  gboolean           sandbox;         /* --sandbox */
  CwSandbox         *running_sandbox; /* the in-process sandbox --sandbox started */
} CwCli;

/* The help of --sandbox (untranslated), for the option and the command list. */
extern const char cw_cli_sandbox_help[];

typedef int (*CwCliRun) (CwCli *cli, int argc, char **argv);

typedef struct {
  const char *name;
  const char *summary;
  CwCliRun    run;
} CwCliCommand;

GAsyncResult *cw_cli_wait            (GAsyncResult    **slot);
void          cw_cli_store_result    (GObject          *source,
                                      GAsyncResult     *result,
                                      gpointer          user_data);
int           cw_cli_fail            (const GError     *error);
int           cw_cli_usage           (const char       *message);
gboolean      cw_cli_parse_options   (CwCli            *cli,
                                      GOptionEntry     *entries,
                                      const char       *parameters,
                                      int              *argc,
                                      char           ***argv,
                                      GError          **error);
gboolean      cw_cli_load_credentials (CwCli           *cli,
                                       GError         **error);
void          cw_cli_clear           (CwCli            *cli);
CwCredential *cw_cli_pick_credential (CwCli            *cli,
                                      CwCredentialKind  kind,
                                      CwCredentialSecret **secret,
                                      GError          **error);
void          cw_cli_print_json      (JsonNode         *node);
const char   *cw_cli_profile_name    (CwCli            *cli);
double        cw_cli_time_scale      (void);
CwAwsProfile *cw_cli_resolve_profile (CwCli            *cli,
                                      const char       *name,
                                      GError          **error);
const CwAwsProfile *cw_cli_find_sign_in (const CwAwsProfile *profile);
CwAwsCredentialsProvider *cw_cli_aws_provider (CwCli   *cli,
                                               char   **region,
                                               GError **error);
/* The links, and the commands about one link (cw-cli-links.c). */
CwLinkInventory *cw_cli_load_inventory     (CwClouds            *clouds,
                                            const char          *cluster_id,
                                            GError             **error);
const char      *cw_cli_parse_link_command (CwCli               *cli,
                                            const char          *command,
                                            const GOptionEntry  *extra,
                                            char               **cluster_id,
                                            int                 *argc,
                                            char              ***argv,
                                            int                 *status);
CwLinkInventory *cw_cli_find_link          (CwCli               *cli,
                                            const char          *cluster_id,
                                            const char          *id,
                                            CwClouds           **clouds,
                                            CwLink             **link,
                                            GError             **error);

int cw_cli_accounts (CwCli *cli, int argc, char **argv);
int cw_cli_whoami   (CwCli *cli, int argc, char **argv);
int cw_cli_login    (CwCli *cli, int argc, char **argv);
int cw_cli_logout   (CwCli *cli, int argc, char **argv);
int cw_cli_clusters (CwCli *cli, int argc, char **argv);
int cw_cli_databases  (CwCli *cli, int argc, char **argv);
int cw_cli_plan       (CwCli *cli, int argc, char **argv);
int cw_cli_iam_policy (CwCli *cli, int argc, char **argv);
int cw_cli_export     (CwCli *cli, int argc, char **argv);
int cw_cli_apply      (CwCli *cli, int argc, char **argv);
int cw_cli_links      (CwCli *cli, int argc, char **argv);
int cw_cli_resync     (CwCli *cli, int argc, char **argv);
int cw_cli_accept     (CwCli *cli, int argc, char **argv);
int cw_cli_delete     (CwCli *cli, int argc, char **argv);
int cw_cli_remove_database (CwCli *cli, int argc, char **argv);
int cw_cli_watch      (CwCli *cli, int argc, char **argv);
int cw_cli_test       (CwCli *cli, int argc, char **argv);
int cw_cli_replicate  (CwCli *cli, int argc, char **argv);
int cw_cli_migrate    (CwCli *cli, int argc, char **argv);
int cw_cli_dataflows  (CwCli *cli, int argc, char **argv);
int cw_cli_dataflow   (CwCli *cli, int argc, char **argv);

G_END_DECLS
