/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-stall-meter.h: how long the main loop was kept from running, for the benchmarks */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CW_STALL_METER_ENV "CAUSEWAY_REPORT_STALLS"

void cw_stall_meter_start  (void);
void cw_stall_meter_begin  (void);
void cw_stall_meter_report (const char *what);

G_END_DECLS
