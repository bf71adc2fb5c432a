/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-list-state.h: a list that loads asynchronously: a spinner while loading, a sentence
 * when empty, the error with Retry when it failed, else the list itself */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CW_TYPE_LIST_STATE (cw_list_state_get_type ())
G_DECLARE_FINAL_TYPE (CwListState, cw_list_state, CW, LIST_STATE, AdwBin)

void cw_list_state_set_content (CwListState *self,
                                GtkWidget   *content);
void cw_list_state_loading     (CwListState *self,
                                const char  *what);
void cw_list_state_empty       (CwListState *self,
                                const char  *message);
void cw_list_state_failed      (CwListState *self,
                                const char  *message);
void cw_list_state_loaded      (CwListState *self);

G_END_DECLS
