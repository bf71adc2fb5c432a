/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-check.c */
#define G_LOG_DOMAIN "cw-check"

#include "config.h"

#include "cw-check.h"

struct _CwCheck
{
  GObject       parent_instance;
  char         *id;
  CwPlanStep    step;
  CwCheckLevel  level;
  char         *message;
  char         *fix;
  gboolean      pending;
};

G_DEFINE_FINAL_TYPE (CwCheck, cw_check, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CwCheckLevel, cw_check_level,
                    G_DEFINE_ENUM_VALUE (CW_CHECK_OK, "ok"),
                    G_DEFINE_ENUM_VALUE (CW_CHECK_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (CW_CHECK_ERROR, "error"))

G_DEFINE_ENUM_TYPE (CwPlanStep, cw_plan_step,
                    G_DEFINE_ENUM_VALUE (CW_PLAN_STEP_ACCOUNTS, "accounts"),
                    G_DEFINE_ENUM_VALUE (CW_PLAN_STEP_CLUSTER, "cluster"),
                    G_DEFINE_ENUM_VALUE (CW_PLAN_STEP_DATABASE, "database"),
                    G_DEFINE_ENUM_VALUE (CW_PLAN_STEP_NETWORK, "network"),
                    G_DEFINE_ENUM_VALUE (CW_PLAN_STEP_REVIEW, "review"))

enum {
  PROP_0,
  PROP_ID,
  PROP_STEP,
  PROP_LEVEL,
  PROP_MESSAGE,
  PROP_FIX,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
cw_check_level_to_string (CwCheckLevel level)
{
  switch (level)
    {
    case CW_CHECK_OK:
      return "ok";
    case CW_CHECK_WARNING:
      return "warning";
    case CW_CHECK_ERROR:
    default:
      return "error";
    }
}

static void
cw_check_finalize (GObject *object)
{
  CwCheck *self = CW_CHECK (object);

  g_free (self->id);
  g_free (self->message);
  g_free (self->fix);
  G_OBJECT_CLASS (cw_check_parent_class)->finalize (object);
}

static void
cw_check_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CwCheck *self = CW_CHECK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_FIX:
      g_value_set_string (value, self->fix);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_check_class_init (CwCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_check_finalize;
  object_class->get_property = cw_check_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] = g_param_spec_enum ("step", NULL, NULL, CW_TYPE_PLAN_STEP, CW_PLAN_STEP_ACCOUNTS,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] = g_param_spec_enum ("level", NULL, NULL, CW_TYPE_CHECK_LEVEL, CW_CHECK_OK,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIX] = g_param_spec_string ("fix", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_check_init (CwCheck *self)
{
}

CwCheck *
cw_check_new (const char   *id,
              CwPlanStep    step,
              CwCheckLevel  level,
              const char   *message,
              const char   *fix)
{
  CwCheck *self = g_object_new (CW_TYPE_CHECK, NULL);

  self->id = g_strdup (id);
  self->step = step;
  self->level = level;
  self->message = g_strdup (message);
  self->fix = g_strdup (fix);
  return self;
}

/* A decision not made yet: an error for creating, "to do" for the step that makes it. */
CwCheck *
cw_check_new_pending (const char *id,
                      CwPlanStep  step,
                      const char *message)
{
  CwCheck *self = cw_check_new (id, step, CW_CHECK_ERROR, message, NULL);

  self->pending = TRUE;
  return self;
}

const char *
cw_check_get_id (CwCheck *self)
{
  g_return_val_if_fail (CW_IS_CHECK (self), NULL);
  return self->id;
}

CwPlanStep
cw_check_get_step (CwCheck *self)
{
  g_return_val_if_fail (CW_IS_CHECK (self), CW_PLAN_STEP_ACCOUNTS);
  return self->step;
}

CwCheckLevel
cw_check_get_level (CwCheck *self)
{
  g_return_val_if_fail (CW_IS_CHECK (self), CW_CHECK_ERROR);
  return self->level;
}

const char *
cw_check_get_message (CwCheck *self)
{
  g_return_val_if_fail (CW_IS_CHECK (self), NULL);
  return self->message;
}

const char *
cw_check_get_fix (CwCheck *self)
{
  g_return_val_if_fail (CW_IS_CHECK (self), NULL);
  return self->fix;
}

/* The message, then what to do about it when the check says. */
char *
cw_check_dup_sentence (CwCheck *self)
{
  g_return_val_if_fail (CW_IS_CHECK (self), NULL);
  if (self->fix == NULL)
    return g_strdup (self->message);
  return g_strdup_printf ("%s %s", self->message, self->fix);
}

gboolean
cw_check_is_pending (CwCheck *self)
{
  g_return_val_if_fail (CW_IS_CHECK (self), FALSE);
  return self->pending;
}
