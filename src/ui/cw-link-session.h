/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-session.h: what the pages of a new link share
 *
 * The plan being built, the credentials it may use, and the clients for the chosen
 * accounts once they are verified. UI state only: the cloud logic is the engine's.
 */
#pragma once

#include <glib-object.h>

#include "cw-account-check.h"
#include "cw-credential-store.h"
#include "cw-journal.h"
#include "cw-link.h"
#include "cw-link-plan.h"

G_BEGIN_DECLS

#define CW_TYPE_LINK_SESSION (cw_link_session_get_type ())
G_DECLARE_FINAL_TYPE (CwLinkSession, cw_link_session, CW, LINK_SESSION, GObject)

CwLinkSession     *cw_link_session_new                (CwCredentialStore *store,
                                                       double             time_scale);
CwCredentialStore *cw_link_session_get_store          (CwLinkSession     *self);
CwLinkPlan        *cw_link_session_get_plan           (CwLinkSession     *self);
double             cw_link_session_get_time_scale     (CwLinkSession     *self);
CwMfaPrompter     *cw_link_session_get_mfa_prompter   (CwLinkSession     *self);
void               cw_link_session_set_mfa_prompter   (CwLinkSession     *self,
                                                       CwMfaPrompter     *prompter);
CwAccountCheck    *cw_link_session_get_account_check  (CwLinkSession     *self);
void               cw_link_session_set_account_check  (CwLinkSession     *self,
                                                       CwAccountCheck    *check);
CwClouds          *cw_link_session_get_clouds         (CwLinkSession     *self);
void               cw_link_session_restart            (CwLinkSession     *self);
void               cw_link_session_set_addition       (CwLinkSession     *self,
                                                       CwLink            *link,
                                                       const char        *security_group,
                                                       guint              port);
CwLink            *cw_link_session_get_addition_link  (CwLinkSession     *self);
CwJournal         *cw_link_session_dup_spec           (CwLinkSession     *self);

G_END_DECLS
