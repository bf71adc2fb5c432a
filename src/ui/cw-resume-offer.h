/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-resume-offer.h: at start, offers to finish (or roll back) a run that stopped half-way */
#pragma once

#include <adwaita.h>

#include "cw-link-session.h"
#include "cw-window.h"

G_BEGIN_DECLS

void cw_resume_offer_check (CwWindow      *window,
                            CwLinkSession *session);

G_END_DECLS
