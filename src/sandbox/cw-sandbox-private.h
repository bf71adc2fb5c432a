/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-private.h: what the sandbox's two front ends share with CwSandbox
 *
 * Private to src/sandbox. Both front ends run on the server's thread; the world and
 * the faults lock themselves.
 */
#pragma once

#include <libsoup/soup.h>

#include "cw-sandbox-faults.h"
#include "cw-sandbox-identity.h"
#include "cw-sandbox-world.h"

G_BEGIN_DECLS

/* Where TiDB Cloud's two APIs live on the sandbox's port. */
#define CW_SB_TIDB_SERVERLESS_PATH "/tidbcloud/serverless"
#define CW_SB_TIDB_IAM_PATH        "/tidbcloud/iam"

typedef struct _CwSbSso CwSbSso;

typedef struct {
  CwSandboxWorld  *world;
  CwSandboxFaults *faults;
  char            *access_key_id;
  char            *secret_access_key;
  char            *tidb_public_key;
  char            *tidb_private_key;
  CwSbIdentity    *identity;
  CwSbSso         *sso;
  GPtrArray       *delayed;     /* GSource: answers a delay fault holds back */
  char            *hosts_file;  /* the hosts file a failover writes again, or NULL */
} CwSbServices;

void     cw_sb_aws_serve        (CwSbServices      *services,
                                 SoupServerMessage *message);
void     cw_sb_tidb_install     (CwSbServices      *services,
                                 SoupServer        *server);
/* IAM Identity Center: SSO OIDC, its browser pages and the portal (cw-sandbox-sso*.c). */
CwSbSso *cw_sb_sso_new          (void);
void     cw_sb_sso_free         (CwSbSso           *sso);
void     cw_sb_sso_install      (CwSbServices      *services,
                                 SoupServer        *server);

/* The loopback control endpoint under /_sandbox/ (cw-sandbox-control.c), and the hosts
 * file it keeps true after a failover. */
void     cw_sb_control_install  (CwSbServices      *services,
                                 SoupServer        *server);
gboolean cw_sb_write_hosts      (CwSbServices      *services,
                                 GError           **error);

/* Secrets drawn from the system's randomness, never from the seed; wiped when freed. */
char    *cw_sb_random_secret    (const char        *alphabet,
                                 guint              length);
void     cw_sb_wipe             (char              *secret);

/* The faults' effects on the wire. @run answers (TRUE) or drops the connection (FALSE). */
typedef gboolean (*CwSbRespond) (gpointer data);

void     cw_sb_respond          (CwSbServices      *services,
                                 SoupServerMessage *message,
                                 guint              delay_ms,
                                 CwSbRespond        run,
                                 gpointer           data,
                                 GDestroyNotify     destroy);
gboolean cw_sb_drop_connection  (SoupServerMessage *message);

G_END_DECLS
