/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-cli-watch.c: `causeway-cli watch`, the link watcher for servers and scripts
 * (DESIGN.md §13): a line per change on stdout, a summary per cycle on stderr */
#define G_LOG_DOMAIN "cw-cli-watch"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "cw-cli-link.h"
#include "cw-link-watcher.h"

/* `watch --once` when a link Causeway made still has a problem (DESIGN.md §8's codes
 * are 0, 1 and 2). */
#define EXIT_PROBLEM 3

#define DEFAULT_INTERVAL 60

typedef struct {
  gint      interval;
  gint      full_check;
  gboolean  once;
  gboolean  repair;
  char     *cluster_id;
} WatchOptions;

static void
watch_options_clear (WatchOptions *options)
{
  g_free (options->cluster_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WatchOptions, watch_options_clear)

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (time);

  return g_date_time_format_iso8601 (date);
}

static void
print_event_json (const CwLinkEvent *event)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *time = format_time (event->time);
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  cw_cli_json_string (builder, "time", time);
  cw_cli_json_string (builder, "linkId", event->link_id);
  cw_cli_json_string (builder, "name", event->name);
  cw_cli_json_string (builder, "from", event->from);
  cw_cli_json_string (builder, "to", event->to);
  cw_cli_json_string (builder, "action", event->action);
  cw_cli_json_string (builder, "what", event->what);
  cw_cli_json_string (builder, "by", cw_link_actor_to_string (event->by));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_event (const CwLinkEvent *event)
{
  g_autofree char *time = format_time (event->time);

  g_print ("%s  %s  %s → %s  %s  %s\n", time, event->name ? event->name : event->link_id,
           event->from ? event->from : "-", event->to, event->action, event->what ? event->what : "");
}

static void
print_cycle (CwCli     *cli,
             GPtrArray *events,
             guint      requests,
             guint      problems)
{
  g_autofree char *changes_text = NULL;
  g_autofree char *requests_text = NULL;
  g_autofree char *problems_text = NULL;

  for (guint i = 0; i < events->len; i++)
    if (cli->output == CW_CLI_OUTPUT_JSON)
      print_event_json (g_ptr_array_index (events, i));
    else
      print_event (g_ptr_array_index (events, i));
  /* Every line at once: a script reading the pipe sees a cycle whole. */
  fflush (stdout);
  changes_text = g_strdup_printf (ngettext ("%u change", "%u changes", events->len), events->len);
  requests_text = g_strdup_printf (ngettext ("%u request", "%u requests", requests), requests);
  problems_text = g_strdup_printf (ngettext ("%u link with a problem", "%u links with a problem", problems), problems);
  /* TRANSLATORS: a watch cycle's summary: "3 changes, 11 requests, 1 link with a problem" */
  g_printerr (_("watch: %s, %s, %s\n"), changes_text, requests_text, problems_text);
}

static gboolean
interrupted (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
woken (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Sleeps @seconds, or until Ctrl+C. */
static void
sleep_unless_cancelled (guint         seconds,
                        GCancellable *cancellable)
{
  gboolean woke = FALSE;
  guint source = g_timeout_add_seconds (seconds, woken, &woke);

  while (!woke && !g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  if (!woke)
    g_source_remove (source);
}

/* Cycles until Ctrl+C (or once): answers the exit code. A failed cycle ends --once; a
 * watcher that runs on goes on at the next interval, as the clouds may answer again. */
static int
watch (CwCli         *cli,
       CwLinkWatcher *watcher,
       WatchOptions  *options,
       GCancellable  *cancellable)
{
  while (!g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) error = NULL;
      guint requests = 0;

      cw_link_watcher_run_cycle_async (watcher, cancellable, cw_cli_store_result, &result);
      events = cw_link_watcher_run_cycle_finish (watcher, cw_cli_wait (&result), &requests, &error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        break;
      if (events == NULL && options->once)
        return cw_cli_fail (error);
      if (events == NULL)
        g_printerr ("causeway-cli: %s\n", error->message);
      else
        print_cycle (cli, events, requests, cw_link_watcher_count_problems (watcher));
      if (options->once)
        return cw_link_watcher_count_problems (watcher) > 0 ? EXIT_PROBLEM : CW_CLI_EXIT_OK;
      sleep_unless_cancelled ((guint) options->interval, cancellable);
    }
  return CW_CLI_EXIT_OK;
}

int
cw_cli_watch (CwCli  *cli,
              int     argc,
              char  **argv)
{
  g_auto(WatchOptions) options = { DEFAULT_INTERVAL, CW_LINK_WATCHER_DEFAULT_FULL_CHECK_PERIOD, FALSE, FALSE, NULL };
  GOptionEntry entries[] = {
    { "interval", 0, 0, G_OPTION_ARG_INT, &options.interval,
      N_("Seconds between two cycles (default: 60)"), N_("SECONDS") },
    { "full-check", 0, 0, G_OPTION_ARG_INT, &options.full_check,
      N_("Check every link in full when the last full check is this old (default: 3600)"), N_("SECONDS") },
    { "once", 0, 0, G_OPTION_ARG_NONE, &options.once,
      N_("Run one cycle; exit 3 if a link Causeway made still has a problem"), NULL },
    { "repair", 0, 0, G_OPTION_ARG_NONE, &options.repair,
      N_("Re-sync the target of a link Causeway made when its database moved"), NULL },
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &options.cluster_id, N_("Only this cluster’s links"), N_("ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwClouds) clouds = NULL;
  g_autoptr(CwLinkWatcher) watcher = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char *cluster_ids[] = { NULL, NULL };
  guint sigint;
  guint sigterm;
  int status;

  if (!cw_cli_parse_options (cli, entries, NULL, &argc, &argv, &error))
    return cw_cli_usage (error->message);
  if (argc > 1)
    return cw_cli_usage (_("“watch” takes no arguments"));
  if (options.interval < 1 || options.full_check < 0)
    return cw_cli_usage (_("--interval takes a number of seconds from 1, --full-check from 0"));
  clouds = cw_cli_open_clouds (cli, TRUE, TRUE, &error);
  if (clouds == NULL)
    return cw_cli_fail (error);
  watcher = cw_link_watcher_new (clouds, NULL, NULL);
  cw_link_watcher_set_repair (watcher, options.repair);
  cw_link_watcher_set_full_check_period (watcher, (guint) options.full_check);
  cluster_ids[0] = options.cluster_id;
  if (options.cluster_id != NULL)
    cw_link_watcher_set_cluster_ids (watcher, cluster_ids);
  /* Ctrl+C ends the cycle in flight and the program, with the state written so far. */
  sigint = g_unix_signal_add (SIGINT, interrupted, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, interrupted, cancellable);
  status = watch (cli, watcher, &options, cancellable);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  return status;
}
