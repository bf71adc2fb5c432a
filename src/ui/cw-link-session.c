/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-session.c */
#define G_LOG_DOMAIN "cw-link-session"

#include "config.h"

#include "cw-link-addition.h"
#include "cw-link-session.h"

struct _CwLinkSession
{
  GObject            parent_instance;
  CwCredentialStore *store;
  CwLinkPlan        *plan;
  CwAccountCheck    *account_check;
  CwMfaPrompter     *mfa_prompter;
  double             time_scale;
  /* The link the plan's database is added to, instead of a new link (DESIGN.md §4.5),
   * with its load balancer's group and the port chosen there. */
  CwLink            *addition_link;
  char              *addition_group;
  guint              addition_port;
};

G_DEFINE_FINAL_TYPE (CwLinkSession, cw_link_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAN,
  PROP_ACCOUNT_CHECK,
  PROP_ADDITION_LINK,
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
  g_clear_object (&self->addition_link);
  g_clear_pointer (&self->addition_group, g_free);
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
    case PROP_ADDITION_LINK:
      g_value_set_object (value, self->addition_link);
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
  properties[PROP_ADDITION_LINK] = g_param_spec_object ("addition-link", NULL, NULL, CW_TYPE_LINK,
                                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                        G_PARAM_STATIC_STRINGS);
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
  cw_link_session_set_addition (self, NULL, NULL, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/* The plan's database goes to @link (NULL: to a new link), on @port of its load
 * balancer, whose group is @security_group. */
void
cw_link_session_set_addition (CwLinkSession *self,
                              CwLink        *link,
                              const char    *security_group,
                              guint          port)
{
  g_return_if_fail (CW_IS_LINK_SESSION (self));
  g_free (self->addition_group);
  self->addition_group = g_strdup (security_group);
  self->addition_port = port;
  if (g_set_object (&self->addition_link, link) || link != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDITION_LINK]);
}

CwLink *
cw_link_session_get_addition_link (CwLinkSession *self)
{
  g_return_val_if_fail (CW_IS_LINK_SESSION (self), NULL);
  return self->addition_link;
}

/* What a run would make, frozen from the plan: a new link, or the database added to a
 * link. NULL until a database and TiDB Cloud's zones are known. */
CwJournal *
cw_link_session_dup_spec (CwLinkSession *self)
{
  g_return_val_if_fail (CW_IS_LINK_SESSION (self), NULL);
  if (cw_link_plan_get_database (self->plan) == NULL || cw_link_plan_get_tidb_zones (self->plan) == NULL)
    return NULL;
  if (self->addition_link != NULL)
    return cw_link_addition_journal_new (self->addition_link, self->plan, self->addition_group, self->addition_port);
  return cw_journal_new_for_plan (self->plan);
}
