/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox.h: a simulated AWS + TiDB Cloud on loopback (DESIGN.md §6)
 *
 * One CwSandbox serves the AWS Query APIs (EC2, ELBv2, RDS, STS; SigV4 verified) and
 * the TiDB Cloud APIs (Digest verified) from one SoupServer bound to 127.0.0.1, over
 * one shared world of resources that move through their real states on a clock
 * scaled by the time scale. The server runs in its own thread with its own
 * GMainContext, so the main loop of the program that embeds it (a GTK window, the
 * CLI waiting for a result) is never held up by it.
 *
 * The credentials are made per run and kept in memory: the AWS access key id is
 * fixed (it says SANDBOX), the secrets are random. IAM Identity Center (SSO OIDC, its
 * browser pages, the portal) and STS AssumeRole are served on the same port.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cw-credential-store.h"

G_BEGIN_DECLS

#define CW_SANDBOX_ACCESS_KEY_ID    "AKIASANDBOXCAUSEWAY0"
#define CW_SANDBOX_TIDB_PUBLIC_KEY  "SANDBOX0"
#define CW_SANDBOX_REGION           "us-east-1"
#define CW_SANDBOX_CREDENTIAL_LABEL "Sandbox"
/* IAM Identity Center: the start URL the sandbox's SSO OIDC knows (the issuer its
 * clients register with) and its region. */
#define CW_SANDBOX_SSO_START_URL    "https://causeway-sandbox.awsapps.com/start"
#define CW_SANDBOX_SSO_REGION       "us-east-1"
/* The SQL users the simulated databases and TiDB clusters let in: every database's
 * master user and its password (the same for all, so a person can type them), and the
 * password of each TiDB cluster's <userPrefix>.root (cw_sandbox_get_tidb_sql_user()). */
#define CW_SANDBOX_MYSQL_USER       "admin"
#define CW_SANDBOX_MYSQL_PASSWORD   "Sandbox-MySQL-7q2Xk9vRw4"
#define CW_SANDBOX_TIDB_PASSWORD    "Sandbox-TiDB-4mW8pZ3nLs"

#define CW_SANDBOX_ERROR (cw_sandbox_error_quark ())

typedef enum {
  CW_SANDBOX_ERROR_INVALID_OPTION,  /* an unknown scenario, a bad fault spec, … */
  CW_SANDBOX_ERROR_NOT_FOUND,       /* no such database, … */
  CW_SANDBOX_ERROR_FAILED,          /* the server could not start */
} CwSandboxErrorEnum;

GQuark cw_sandbox_error_quark (void);

typedef struct {
  guint16     port;         /* 0: any free loopback port */
  double      time_scale;   /* 1.0: realistic durations; 0.01: a hundred times faster */
  const char *scenario;     /* "default", "large" or "empty" */
  const char *faults;       /* a --faults SPEC, or NULL */
  guint32     seed;         /* ids, request ids and fault draws follow it */
} CwSandboxOptions;

void        cw_sandbox_options_init              (CwSandboxOptions  *options);
gboolean    cw_sandbox_options_parse_time_scale  (const char        *text,
                                                  double            *time_scale,
                                                  GError           **error);

#define CW_TYPE_SANDBOX (cw_sandbox_get_type ())
G_DECLARE_FINAL_TYPE (CwSandbox, cw_sandbox, CW, SANDBOX, GObject)

CwSandbox  *cw_sandbox_new                           (const CwSandboxOptions *options);
gboolean    cw_sandbox_start                         (CwSandbox         *self,
                                                      GError           **error);
void        cw_sandbox_stop                          (CwSandbox         *self);
guint16     cw_sandbox_get_port                      (CwSandbox         *self);
double      cw_sandbox_get_time_scale                (CwSandbox         *self);

/* The environment that points a client at the sandbox, as NAME=VALUE strings in the
 * order causeway-sandbox prints them (secrets included: they are the sandbox's). */
char      **cw_sandbox_get_environment               (CwSandbox         *self);
const char *cw_sandbox_get_secret_access_key         (CwSandbox         *self);
const char *cw_sandbox_get_tidb_private_key          (CwSandbox         *self);
/* The SQL user of the scenario's TiDB Cloud Essential cluster, <userPrefix>.root. */
char       *cw_sandbox_get_tidb_sql_user             (CwSandbox         *self);
/* The one MFA code the sandbox accepts, fixed by its seed. */
const char *cw_sandbox_get_mfa_code                  (CwSandbox         *self);
/* Writes an AWS config file with the profiles [profile sandbox-sso] (IAM Identity
 * Center), [profile sandbox-role] (a role assumed from it with MFA) and
 * [profile sandbox-partner] (with an external id). */
gboolean    cw_sandbox_write_aws_config              (CwSandbox         *self,
                                                      const char        *path,
                                                      GError           **error);
/* Sets only the endpoint variables (and clears the per-service AWS overrides), so the
 * clients of this process reach the sandbox; credentials never go to the environment. */
void        cw_sandbox_apply_to_process_environment  (CwSandbox         *self);
/* Adds the sandbox's AWS credential and TiDB Cloud key, labelled "Sandbox", in memory. */
void        cw_sandbox_take_over_process             (CwSandbox         *self);
void        cw_sandbox_add_credentials               (CwSandbox         *self,
                                                      CwCredentialStore *store);
/* Makes the default GResolver answer the simulated database host names (and pass
 * every other name to the resolver it replaces); undone by uninstall or stop. */
void        cw_sandbox_install_resolver              (CwSandbox         *self);
void        cw_sandbox_uninstall_resolver            (CwSandbox         *self);

/* Inspection and control, for tests and benchmarks. */
JsonNode   *cw_sandbox_dump_inventory                (CwSandbox         *self);
gboolean    cw_sandbox_add_faults                    (CwSandbox         *self,
                                                      const char        *spec,
                                                      GError           **error);
void        cw_sandbox_clear_faults                  (CwSandbox         *self);
gboolean    cw_sandbox_failover                      (CwSandbox         *self,
                                                      const char        *db_identifier,
                                                      GError           **error);
void        cw_sandbox_advance_clock                 (CwSandbox         *self,
                                                      double             realistic_seconds);
gboolean    cw_sandbox_write_hosts_file              (CwSandbox         *self,
                                                      const char        *path,
                                                      GError           **error);
char       *cw_sandbox_resolve_host                  (CwSandbox         *self,
                                                      const char        *host);
double      cw_sandbox_get_critical_path             (CwSandbox         *self,
                                                      char             **description);
double      cw_sandbox_critical_path_seconds         (double             time_scale,
                                                      char             **description);

G_END_DECLS
