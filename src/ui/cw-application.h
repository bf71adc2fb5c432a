/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-application.h: the application, which owns what outlives its windows: the
 * credentials, the settings, the sandbox and the watch over the links */
#pragma once

#include <adwaita.h>

#include "cw-credential-store.h"
#include "cw-sandbox.h"
#include "cw-watch-service.h"

G_BEGIN_DECLS

#define CW_TYPE_APPLICATION (cw_application_get_type ())
G_DECLARE_FINAL_TYPE (CwApplication, cw_application, CW, APPLICATION, AdwApplication)

CwApplication     *cw_application_new                  (void);
CwCredentialStore *cw_application_get_credential_store (CwApplication *self);
GSettings         *cw_application_get_settings         (CwApplication *self);
CwSandbox         *cw_application_get_sandbox          (CwApplication *self);
CwWatchService    *cw_application_get_watch_service    (CwApplication *self);

G_END_DECLS
