/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-engine-error.h: the error domain of the engine layer */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CW_ENGINE_ERROR (cw_engine_error_quark ())

typedef enum {
  CW_ENGINE_ERROR_INVALID_INPUT,
  CW_ENGINE_ERROR_DUPLICATE,
  CW_ENGINE_ERROR_NOT_FOUND,
  CW_ENGINE_ERROR_KEYRING_UNAVAILABLE,
  CW_ENGINE_ERROR_KEYRING_LOCKED,
  CW_ENGINE_ERROR_PARSE,
  CW_ENGINE_ERROR_TIMED_OUT,
  CW_ENGINE_ERROR_CONFLICT,     /* a name or port is taken by something that is not the link's */
  CW_ENGINE_ERROR_FAILED,       /* a cloud reported the resource failed */
  CW_ENGINE_ERROR_SIGN_IN_REQUIRED, /* no IAM Identity Center sign-in, or it has expired */
} CwEngineError;

GQuark cw_engine_error_quark (void);

G_END_DECLS
