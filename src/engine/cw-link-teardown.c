/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-teardown.c
 *
 * One function per step of the teardown says what that step deletes; the list follows
 * the teardown's own order, so the two cannot disagree. A resource counts when the
 * clouds show it on the link, or when the journal says one of the link's runs made (or
 * began to make) it: the teardown looks for both.
 */
#define G_LOG_DOMAIN "cw-link-teardown"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-link-teardown.h"
#include "cw-provisioner-private.h"

typedef struct {
  CwLink    *link;      /* NULL: only the journal is known */
  CwJournal *journal;
  GPtrArray *deletions;
} Listing;

void
cw_link_deletion_free (CwLinkDeletion *deletion)
{
  g_free (deletion->kind);
  g_free (deletion->what);
  g_free (deletion);
}

static void
add (Listing    *listing,
     const char *kind,
     const char *what)
{
  CwLinkDeletion *deletion;

  if (what == NULL)
    return;
  deletion = g_new0 (CwLinkDeletion, 1);
  deletion->kind = g_strdup (kind);
  deletion->what = g_strdup (what);
  g_ptr_array_add (listing->deletions, deletion);
}

static const char *
shown (Listing     *listing,
       CwLinkField  field)
{
  return listing->link ? cw_link_get (listing->link, field) : NULL;
}

static gboolean
created (Listing    *listing,
         const char *step_id)
{
  return cw_journal_get_creation (listing->journal, step_id) != CW_CREATION_NONE;
}

/* What the clouds show of the link, else what the journal says one of its runs made. */
static const char *
own_resource (Listing     *listing,
              const char  *step_id,
              CwLinkField  field,
              const char  *recorded)
{
  if (shown (listing, field) != NULL)
    return shown (listing, field);
  return created (listing, step_id) ? recorded : NULL;
}

static void
list_tidb_link (Listing *listing)
{
  add (listing, _("TiDB Cloud private link connection"),
       own_resource (listing, CW_STEP_TIDB_LINK, CW_LINK_PRIVATE_LINK_ID,
                     cw_journal_get_resource (listing->journal, CW_RES_PRIVATE_LINK_ID)));
}

static void
list_endpoint_service (Listing *listing)
{
  add (listing, _("Endpoint service"),
       own_resource (listing, CW_STEP_ENDPOINT_SERVICE, CW_LINK_ENDPOINT_SERVICE_ID,
                     cw_journal_get_resource (listing->journal, CW_RES_ENDPOINT_SERVICE_ID)));
}

static const char *
load_balancer (Listing *listing)
{
  return own_resource (listing, CW_STEP_NLB, CW_LINK_LOAD_BALANCER_NAME,
                       cw_journal_get_spec (listing->journal, CW_SPEC_LOAD_BALANCER_NAME));
}

static void
list_listener (Listing *listing)
{
  const char *arn = cw_journal_get_resource (listing->journal, CW_RES_LISTENER_ARN);
  guint port = listing->link ? cw_link_get_listener_port (listing->link) : 0;
  g_autofree char *listener = NULL;

  if (!(listing->link && cw_link_get_listener (listing->link)) && arn == NULL)
    return;
  if (port == 0)
    port = cw_journal_get_spec_uint (listing->journal, CW_SPEC_LISTENER_PORT);
  if (port == 0)
    port = cw_journal_get_spec_uint (listing->journal, CW_SPEC_DATABASE_PORT);
  listener = g_strdup_printf (_("TCP port %u of %s"), port, load_balancer (listing) ? load_balancer (listing) : arn);
  add (listing, _("Listener"), listener);
}

static void
list_load_balancer (Listing *listing)
{
  add (listing, _("Network Load Balancer"), load_balancer (listing));
}

static void
list_target_group (Listing *listing)
{
  add (listing, _("Target group"),
       own_resource (listing, CW_STEP_TG, CW_LINK_TARGET_GROUP_NAME,
                     cw_journal_get_spec (listing->journal, CW_SPEC_TARGET_GROUP_NAME)));
}

static void
list_database_rule (Listing *listing)
{
  const char *group = cw_journal_get_resource (listing->journal, CW_RES_DATABASE_RULE_GROUP_ID);
  g_autofree char *rule = NULL;

  if (!created (listing, CW_STEP_RDS_SG_RULE) || group == NULL)
    return;
  rule = g_strdup_printf (_("In %s, admitting the load balancer"), group);
  add (listing, _("Database security group rule"), rule);
}

/* A group chosen when the link was made stays. One the journal names is the link's own;
 * when it names none, a run may have died between creating the group and recording it,
 * and the teardown looks for it by its name. */
static void
list_security_group (Listing *listing)
{
  const char *group = cw_journal_get_resource (listing->journal, CW_RES_NLB_SECURITY_GROUP_ID);
  g_autofree char *name = NULL;
  g_autofree char *maybe = NULL;

  if (cw_journal_get_spec (listing->journal, CW_SPEC_NLB_SECURITY_GROUP) != NULL)
    return;
  if (created (listing, CW_STEP_SG_NLB) && group != NULL)
    {
      add (listing, _("Load balancer security group"), group);
      return;
    }
  if (created (listing, CW_STEP_SG_NLB) || group != NULL)
    return;
  name = cw_link_security_group_name (cw_journal_get_link_id (listing->journal));
  maybe = g_strdup_printf (_("%s, if it exists, and its rule in the database’s security group"), name);
  add (listing, _("Load balancer security group"), maybe);
}

static guint
listener_port (Listing *listing)
{
  return cw_journal_get_spec_uint (listing->journal, CW_SPEC_LISTENER_PORT);
}

static void
list_port_tag (Listing *listing)
{
  g_autofree char *tag = NULL;

  if (!created (listing, CW_STEP_SERVICE_TAG))
    return;
  tag = g_strdup_printf (CW_TAG_PORT_PREFIX "%u", listener_port (listing));
  add (listing, _("Endpoint service tag"), tag);
}

static void
list_nlb_rules (Listing *listing)
{
  const char *group = cw_journal_get_resource (listing->journal, CW_RES_NLB_SECURITY_GROUP_ID);
  g_autofree char *rule = NULL;

  if (!created (listing, CW_STEP_NLB_RULES) || group == NULL)
    return;
  rule = g_strdup_printf (_("In %s, admitting port %u"), group, listener_port (listing));
  add (listing, _("Load balancer security group rule"), rule);
}

/* The databases added to the link go first, each with its own listener, target group
 * and rules. */
static void
list_added_databases (Listing *listing)
{
  GPtrArray *added = listing->link ? cw_link_get_added_databases (listing->link) : NULL;

  for (guint i = 0; added && i < added->len; i++)
    {
      CwLink *database = g_ptr_array_index (added, i);
      g_autofree char *what = g_strdup_printf (_("%s: its listener on port %u, target group %s and rules"),
                                               cw_link_get (database, CW_LINK_DATABASE_ID),
                                               cw_link_get_listener_port (database),
                                               cw_link_get (database, CW_LINK_TARGET_GROUP_NAME)
                                                 ? cw_link_get (database, CW_LINK_TARGET_GROUP_NAME) : "-");

      add (listing, _("Database added to the link"), what);
    }
}

static const struct {
  const char *step_id;
  void      (*list) (Listing *listing);
} listers[] = {
  { CW_STEP_TIDB_LINK, list_tidb_link },
  { CW_STEP_ENDPOINT_SERVICE, list_endpoint_service },
  { CW_STEP_LISTENER, list_listener },
  { CW_STEP_NLB, list_load_balancer },
  { CW_STEP_TG, list_target_group },
  { CW_STEP_RDS_SG_RULE, list_database_rule },
  { CW_STEP_SG_NLB, list_security_group },
  { CW_STEP_SERVICE_TAG, list_port_tag },
  { CW_STEP_NLB_RULES, list_nlb_rules },
};

static void
list_step (Listing    *listing,
           const char *step_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (listers); i++)
    if (g_str_equal (listers[i].step_id, step_id))
      {
        listers[i].list (listing);
        return;
      }
  g_critical ("The teardown's step %s deletes nothing the list knows of", step_id);
}

/* What deleting @link removes, in the order it goes (CwLinkDeletion, owned). @journal is
 * the link's, or NULL for a link made outside Causeway, of which only TiDB Cloud's
 * connection is deleted; @link is what the clouds show, or NULL when only the journal
 * is known (a run that never reached TiDB Cloud). */
GPtrArray *
cw_link_list_deletions (CwLink    *link,
                        CwJournal *journal)
{
  const char * const *order = NULL;
  Listing listing = { link, journal, g_ptr_array_new_with_free_func ((GDestroyNotify) cw_link_deletion_free) };

  g_return_val_if_fail (link == NULL || CW_IS_LINK (link), listing.deletions);
  g_return_val_if_fail (journal == NULL || CW_IS_JOURNAL (journal), listing.deletions);
  g_return_val_if_fail (link != NULL || journal != NULL, listing.deletions);
  if (journal == NULL)
    {
      add (&listing, _("TiDB Cloud private link connection"), cw_link_get (link, CW_LINK_PRIVATE_LINK_ID));
      return listing.deletions;
    }
  if (cw_journal_get_spec (journal, CW_SPEC_ADDED_TO) == NULL)
    list_added_databases (&listing);
  order = cw_link_teardown_order (journal);
  for (guint i = 0; order[i] != NULL; i++)
    list_step (&listing, order[i]);
  return listing.deletions;
}
