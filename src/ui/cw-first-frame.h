/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-first-frame.h: tells a benchmark when a window has drawn its first frame */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CW_FIRST_FRAME_ENV "CAUSEWAY_REPORT_FIRST_FRAME"

void cw_first_frame_watch (GtkWindow *window);

G_END_DECLS
