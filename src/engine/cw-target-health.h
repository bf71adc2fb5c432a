/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-target-health.h: what the reason codes of DescribeTargetHealth mean, in words
 *
 * The links view's detail and `causeway-cli links` both say why a target is not
 * healthy; the words are kept here, once.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cw_target_health_explain (const char *reason);

G_END_DECLS
