/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-step.c */
#define G_LOG_DOMAIN "cw-step"

#include "config.h"

#include "cw-step.h"

struct _CwStep
{
  GObject      parent_instance;
  char        *id;
  char        *title;
  CwStepState  state;
  char        *message;
  guint        attempt;
  gint64       started;   /* monotonic µs; 0 until it runs */
  gint64       finished;
};

G_DEFINE_FINAL_TYPE (CwStep, cw_step, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwStepState, cw_step_state,
                    G_DEFINE_ENUM_VALUE (CW_STEP_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (CW_STEP_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (CW_STEP_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (CW_STEP_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (CW_STEP_SKIPPED, "skipped"),
                    G_DEFINE_ENUM_VALUE (CW_STEP_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (CW_STEP_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_ATTEMPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
cw_step_state_to_string (CwStepState state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CW_TYPE_STEP_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value ? value->value_nick : "pending";
}

gboolean
cw_step_state_from_string (const char  *text,
                           CwStepState *state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CW_TYPE_STEP_STATE);
  GEnumValue *value = text ? g_enum_get_value_by_nick (klass, text) : NULL;

  if (value == NULL)
    return FALSE;
  *state = value->value;
  return TRUE;
}

static void
cw_step_finalize (GObject *object)
{
  CwStep *self = CW_STEP (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->message);
  G_OBJECT_CLASS (cw_step_parent_class)->finalize (object);
}

static void
cw_step_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CwStep *self = CW_STEP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_ATTEMPT:
      g_value_set_uint (value, self->attempt);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_step_class_init (CwStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_step_finalize;
  object_class->get_property = cw_step_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, CW_TYPE_STEP_STATE, CW_STEP_PENDING,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTEMPT] = g_param_spec_uint ("attempt", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_step_init (CwStep *self)
{
}

CwStep *
cw_step_new (const char *id,
             const char *title)
{
  CwStep *self = g_object_new (CW_TYPE_STEP, NULL);

  self->id = g_strdup (id);
  self->title = g_strdup (title);
  return self;
}

const char *
cw_step_get_id (CwStep *self)
{
  g_return_val_if_fail (CW_IS_STEP (self), NULL);
  return self->id;
}

const char *
cw_step_get_title (CwStep *self)
{
  g_return_val_if_fail (CW_IS_STEP (self), NULL);
  return self->title;
}

CwStepState
cw_step_get_state (CwStep *self)
{
  g_return_val_if_fail (CW_IS_STEP (self), CW_STEP_PENDING);
  return self->state;
}

static gboolean
state_is_final (CwStepState state)
{
  return state == CW_STEP_DONE || state == CW_STEP_SKIPPED || state == CW_STEP_FAILED || state == CW_STEP_CANCELLED;
}

void
cw_step_set_state (CwStep      *self,
                   CwStepState  state)
{
  g_return_if_fail (CW_IS_STEP (self));
  if (self->state == state)
    return;
  if ((state == CW_STEP_RUNNING || state == CW_STEP_WAITING) && (self->started == 0 || state_is_final (self->state)))
    {
      self->started = g_get_monotonic_time ();
      self->finished = 0;
    }
  if (state_is_final (state))
    self->finished = g_get_monotonic_time ();
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
cw_step_get_message (CwStep *self)
{
  g_return_val_if_fail (CW_IS_STEP (self), NULL);
  return self->message;
}

void
cw_step_set_message (CwStep     *self,
                     const char *message)
{
  g_return_if_fail (CW_IS_STEP (self));
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

guint
cw_step_get_attempt (CwStep *self)
{
  g_return_val_if_fail (CW_IS_STEP (self), 0);
  return self->attempt;
}

void
cw_step_set_attempt (CwStep *self,
                     guint   attempt)
{
  g_return_if_fail (CW_IS_STEP (self));
  if (self->attempt == attempt)
    return;
  self->attempt = attempt;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPT]);
}

gint64
cw_step_get_started (CwStep *self)
{
  g_return_val_if_fail (CW_IS_STEP (self), 0);
  return self->started;
}

gint64
cw_step_get_finished (CwStep *self)
{
  g_return_val_if_fail (CW_IS_STEP (self), 0);
  return self->finished;
}

gboolean
cw_step_is_finished (CwStep *self)
{
  g_return_val_if_fail (CW_IS_STEP (self), FALSE);
  return state_is_final (self->state);
}
