/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-session.c */
#define G_LOG_DOMAIN "cw-link-session"

#include "config.h"

#include "cw-link-session.h"

struct _CwLinkSession
{
  GObject            parent_instance;
  CwCredentialStore *store;
  CwLinkPlan        *plan;
  CwAccountCheck    *account_check;
  CwMfaPrompter     *mfa_prompter;
  double             time_scale;
};

G_DEFINE_FINAL_TYPE (CwLinkSession, cw_link_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAN,
  PROP_ACCOUNT_CHECK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cw_link_session_dispose (GObject *object)
{
  CwLinkSession *self = CW_LINK_SESSION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->account_check);
  g_clear_object (&self->mfa_prompter);
  G_OBJECT_CLASS (cw_link_session_parent_class)->dispose (object);
}

static void
cw_link_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CwLinkSession *self = CW_LINK_SESSION (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_ACCOUNT_CHECK:
      g_value_set_object (value, self->account_check);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_link_session_class_init (CwLinkSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_link_session_dispose;
  object_class->get_property = cw_link_session_get_property;

  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, CW_TYPE_LINK_PLAN,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_CHECK] = g_param_spec_object ("account-check", NULL, NULL, CW_TYPE_ACCOUNT_CHECK,
                                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_link_session_init (CwLinkSession *self)
{
  self->plan = cw_link_plan_new ();
}

CwLinkSession *
cw_link_session_new (CwCredentialStore *store,
                     double             time_scale)
{
  CwLinkSession *self = g_object_new (CW_TYPE_LINK_SESSION, NULL);

  self->store = g_object_ref (store);
  self->time_scale = time_scale;
  return self;
}

CwCredentialStore *
cw_link_session_get_store (CwLinkSession *self)
{
  g_return_val_if_fail (CW_IS_LINK_SESSION (self), NULL);
  return self->store;
}

CwLinkPlan *
cw_link_session_get_plan (CwLinkSession *self)
{
  g_return_val_if_fail (CW_IS_LINK_SESSION (self), NULL);
  return self->plan;
}

double
cw_link_session_get_time_scale (CwLinkSession *self)
{
  g_return_val_if_fail (CW_IS_LINK_SESSION (self), 1.0);
  return self->time_scale;
}

/* Who asks for the MFA code a role of the chosen AWS credential needs: the window's
 * dialog. NULL until the window sets it. */
CwMfaPrompter *
cw_link_session_get_mfa_prompter (CwLinkSession *self)
{
  g_return_val_if_fail (CW_IS_LINK_SESSION (self), NULL);
  return self->mfa_prompter;
}

void
cw_link_session_set_mfa_prompter (CwLinkSession *self,
                                  CwMfaPrompter *prompter)
{
  g_return_if_fail (CW_IS_LINK_SESSION (self));
  g_set_object (&self->mfa_prompter, prompter);
}

CwAccountCheck *
cw_link_session_get_account_check (CwLinkSession *self)
{
  g_return_val_if_fail (CW_IS_LINK_SESSION (self), NULL);
  return self->account_check;
}

void
cw_link_session_set_account_check (CwLinkSession  *self,
                                   CwAccountCheck *check)
{
  g_return_if_fail (CW_IS_LINK_SESSION (self));
  if (g_set_object (&self->account_check, check))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_CHECK]);
}

/* The clients of the verified accounts, or NULL before verification. */
CwClouds *
cw_link_session_get_clouds (CwLinkSession *self)
{
  g_return_val_if_fail (CW_IS_LINK_SESSION (self), NULL);
  return self->account_check ? cw_account_check_get_clouds (self->account_check) : NULL;
}

/* A fresh plan for the next link; the verified accounts stay. */
void
cw_link_session_restart (CwLinkSession *self)
{
  g_autoptr(CwLinkPlan) plan = cw_link_plan_new ();

  g_return_if_fail (CW_IS_LINK_SESSION (self));
  cw_link_plan_set_aws_account (plan, cw_link_plan_get_aws_account (self->plan));
  cw_link_plan_set_tidb_account (plan, cw_link_plan_get_tidb_account (self->plan));
  g_set_object (&self->plan, plan);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}
