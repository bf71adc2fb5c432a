/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-engine-error.c */
#include "cw-engine-error.h"

G_DEFINE_QUARK (cw-engine-error-quark, cw_engine_error)
