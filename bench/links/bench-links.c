/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-links: the links view against the sandbox's large scenario (DESIGN.md §10).
 *
 *   bench-links [--runs N] [--refreshes N] [--faults SPEC] [--watch-cycles N]
 *
 * Runs causeway-sandbox with a thousand links in a process of its own at the lowest CPU
 * priority, as a server elsewhere would be (on a machine of two cores, a server thread
 * inside this process would take the main loop's CPU while it answers a thousand
 * requests). Each run verifies the accounts again (fresh connections), opens a window
 * on an empty page, then shows a fresh links view the way the sidebar does. From that
 * moment it times the first painted frame with rows and the first painted frame once
 * every link is joined and listed; it watches the connections open to the sandbox
 * (every request in flight holds one, so their number bounds the requests in flight),
 * counts the AWS requests and the main thread's CPU time, takes the longest main-loop
 * stall (the CAUSEWAY_REPORT_STALLS meter) and the resident memory before, once loaded,
 * and after background refreshes of the same view. With --faults delay:*:ms=100:p=1 the
 * sandbox answers as slowly as the real clouds do (DESIGN.md §10, under real latency).
 * With --watch-cycles, a link watcher then runs that many unchanged cycles back to back
 * and the memory they keep is reported (DESIGN.md §13).
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "cw-hosts-resolver.h"
#include "cw-journal.h"
#include "cw-link-activity.h"
#include "cw-link-item.h"
#include "cw-link-watcher.h"
#include "cw-links-view.h"
#include "cw-memory.h"
#include "cw-stall-meter.h"

#define TIME_SCALE "0.2"

typedef struct {
  CwLinksView *view;
  GListModel  *rows;
  gint64       shown_at;
  gint64       first_rows_at;
  gint64       first_health_at;  /* the first row's health is known, no longer checking */
  gint64       joined_at;
  gboolean     refreshed;     /* the refresh under way has ended */
  gboolean     painted;       /* a frame was painted since the window was shown */
} Run;

/* ---- the sandbox, in a process of its own ---- */

static GSubprocess *
start_sandbox (const char  *program,
               const char  *hosts_file,
               const char  *faults,
               guint16     *port,
               GError     **error)
{
  /* Last in the list: without faults, its NULL ends the arguments there. */
  g_autofree char *faults_option = faults ? g_strconcat ("--faults=", faults, NULL) : NULL;
  g_autoptr(GSubprocess) sandbox = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, error, "nice", "-n", "19",
                                                     program, "--scenario", "large", "--time-scale", TIME_SCALE,
                                                     "--hosts-file", hosts_file, faults_option, NULL);
  g_autoptr(GDataInputStream) output = NULL;
  char *line;

  if (sandbox == NULL)
    return NULL;
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox));
  /* NAME=VALUE lines, the TiDB Cloud private key last. */
  while ((line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, error)) != NULL)
    {
      g_auto(GStrv) pair = g_strsplit (line, "=", 2);
      gboolean last = g_str_equal (pair[0], "TIDBCLOUD_PRIVATE_KEY");

      g_free (line);
      if (pair[1] == NULL)
        continue;
      g_setenv (pair[0], pair[1], TRUE);
      if (g_str_equal (pair[0], "AWS_ENDPOINT_URL"))
        *port = (guint16) g_ascii_strtoull (strrchr (pair[1], ':') + 1, NULL, 10);
      if (last)
        return g_steal_pointer (&sandbox);
    }
  if (error != NULL && *error == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed no environment", program);
  return NULL;
}

/* ---- the connections open to the sandbox, sampled in a thread ---- */

typedef struct {
  guint16   port;
  gint      stop;
  guint     most;
  GThread  *thread;
} Sampler;

/* Connections of this process to the sandbox. The clients keep them open between
 * requests, so a sample every tenth of a second sees every one of them (reading the
 * kernel's table more often took a third of this process's CPU time). */
static guint
count_connections (guint16 port)
{
  g_autofree char *table = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *remote = g_strdup_printf (":%04X", port);
  guint count = 0;

  if (!g_file_get_contents ("/proc/self/net/tcp", &table, NULL, NULL))
    return 0;
  lines = g_strsplit (table, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      const char *columns[4] = { NULL };
      guint n = 0;

      for (guint j = 0; fields[j] != NULL && n < G_N_ELEMENTS (columns); j++)
        if (*fields[j] != '\0')
          columns[n++] = fields[j];
      /* sl, local, remote, state: 01 is ESTABLISHED */
      if (n == 4 && g_str_has_suffix (columns[2], remote) && g_str_equal (columns[3], "01"))
        count++;
    }
  return count;
}

static gpointer
sample (gpointer data)
{
  Sampler *sampler = data;

  while (!g_atomic_int_get (&sampler->stop))
    {
      sampler->most = MAX (sampler->most, count_connections (sampler->port));
      g_usleep (100000);
    }
  return NULL;
}

static void
sampler_start (Sampler *sampler,
               guint16  port)
{
  sampler->port = port;
  sampler->most = 0;
  g_atomic_int_set (&sampler->stop, FALSE);
  sampler->thread = g_thread_new ("sampler", sample, sampler);
}

static guint
sampler_stop (Sampler *sampler)
{
  g_atomic_int_set (&sampler->stop, TRUE);
  g_thread_join (g_steal_pointer (&sampler->thread));
  return sampler->most;
}

/* ---- helpers ---- */

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static double
resident_mib (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  /* size resident shared … in pages */
  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  fields = g_strsplit (statm, " ", 3);
  if (fields[0] == NULL || fields[1] == NULL)
    return 0;
  return g_ascii_strtod (fields[1], NULL) * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

/* What malloc counts in use: what a leak raises, where resident memory also holds what
 * the allocator keeps after free. */
static double
heap_in_use_mib (void)
{
  struct mallinfo2 info = mallinfo2 ();

  /* Chunks from the arenas and those mapped on their own. */
  return (info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

/* CPU time of the main loop's thread: what the view costs it, whatever else the
 * machine runs (wall times grow with the machine's load; this does not). */
static double
main_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static CwCredential *
first_of_kind (CwCredentialStore *store,
               CwCredentialKind   kind)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(CwCredential) credential = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (cw_credential_get_kind (credential) == kind)
        return credential;
    }
  return NULL;
}

static CwAccountCheck *
verify (CwCredentialStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CwAccountCheck *check;

  cw_account_check_run_async (store, first_of_kind (store, CW_CREDENTIAL_AWS),
                              first_of_kind (store, CW_CREDENTIAL_TIDBCLOUD), NULL, g_ascii_strtod (TIME_SCALE, NULL),
                              NULL, store_result, &result);
  check = cw_account_check_run_finish (wait_for (&result), &error);
  if (check == NULL)
    g_error ("the sandbox's accounts were refused: %s", error->message);
  return check;
}

static GListModel *
find_rows (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GListModel *rows = find_rows (child);

      if (rows != NULL)
        return rows;
    }
  return NULL;
}

/* ---- a run ---- */

static void
on_after_paint (GdkFrameClock *clock,
                Run           *run)
{
  gint64 now = g_get_monotonic_time ();

  run->painted = TRUE;
  if (run->shown_at == 0)
    return;
  if (run->first_rows_at == 0 && g_list_model_get_n_items (run->rows) > 0)
    run->first_rows_at = now;
  if (run->first_health_at == 0 && g_list_model_get_n_items (run->rows) > 0)
    {
      g_autoptr(GObject) row = g_list_model_get_item (run->rows, 0);

      if (!cw_link_get_checking (cw_link_item_get_link (CW_LINK_ITEM (row))))
        run->first_health_at = now;
    }
  if (run->joined_at == 0 && run->refreshed)
    run->joined_at = now;
}

static void
on_refreshing (CwLinksView *view,
               GParamSpec  *pspec,
               Run         *run)
{
  run->refreshed = !cw_links_view_get_refreshing (view);
}

static void
iterate_until (gint64 *moment)
{
  while (*moment == 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
one_run (CwCredentialStore *store,
         guint16            port,
         guint              number,
         guint              refreshes)
{
  g_autoptr(CwAccountCheck) check = verify (store);
  g_autoptr(CwLinkSession) session = cw_link_session_new (store, g_ascii_strtod (TIME_SCALE, NULL));
  GtkWidget *window = gtk_window_new ();
  GtkStack *stack = GTK_STACK (gtk_stack_new ());
  CwClouds *clouds = cw_account_check_get_clouds (check);
  Run run = { 0 };
  Sampler sampler = { 0 };
  g_autoptr(GString) line = g_string_new (NULL);
  double rss_before, rss_loaded, heap_before, cpu_before;
  guint requests_before, connections;
  GdkFrameClock *clock;

  cw_link_session_set_account_check (session, check);
  run.view = g_object_new (CW_TYPE_LINKS_VIEW, NULL);
  cw_links_view_set_session (run.view, session);
  g_signal_connect (run.view, "notify::refreshing", G_CALLBACK (on_refreshing), &run);
  gtk_stack_add_named (stack, gtk_label_new ("Causeway"), "empty");
  gtk_stack_add_named (stack, GTK_WIDGET (run.view), "links");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (stack));
  gtk_window_present (GTK_WINDOW (window));
  while ((clock = gtk_widget_get_frame_clock (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &run);
  while (!run.painted)
    g_main_context_iteration (NULL, TRUE);
  run.rows = find_rows (GTK_WIDGET (run.view));

  /* As the sidebar shows it. */
  rss_before = resident_mib ();
  heap_before = heap_in_use_mib ();
  requests_before = cw_clouds_get_aws_request_count (clouds);
  sampler_start (&sampler, port);
  cpu_before = main_cpu_ms ();
  cw_stall_meter_begin ();
  run.shown_at = g_get_monotonic_time ();
  gtk_stack_set_visible_child_name (stack, "links");
  iterate_until (&run.joined_at);
  cw_stall_meter_report ("links-load");
  cpu_before = main_cpu_ms () - cpu_before;
  connections = sampler_stop (&sampler);
  rss_loaded = resident_mib ();
  g_string_append_printf (line, "run %u: rows=%u first-rows-ms=%.1f first-health-ms=%.1f joined-ms=%.1f "
                          "main-cpu-ms=%.0f aws-requests=%u connections-at-most=%u rss-before-mib=%.1f "
                          "rss-loaded-mib=%.1f",
           number, g_list_model_get_n_items (run.rows), (run.first_rows_at - run.shown_at) / 1000.0,
           (run.first_health_at - run.shown_at) / 1000.0, (run.joined_at - run.shown_at) / 1000.0, cpu_before,
           cw_clouds_get_aws_request_count (clouds) - requests_before, connections, rss_before, rss_loaded);
  for (guint i = 0; i < refreshes; i++)
    {
      gint64 started = g_get_monotonic_time ();

      run.joined_at = 0;
      cw_stall_meter_begin ();
      cw_links_view_refresh (run.view);
      iterate_until (&run.joined_at);
      cw_stall_meter_report ("links-refresh");
      g_string_append_printf (line, " refresh-%u-ms=%.1f", i + 1, (run.joined_at - started) / 1000.0);
    }
  g_string_append_printf (line, " rss-after-refreshes-mib=%.1f heap-before-mib=%.1f heap-after-refreshes-mib=%.1f",
                          resident_mib (), heap_before, heap_in_use_mib ());
  /* What is left once the allocator gives back every free page it can. */
  malloc_trim (0);
  g_print ("%s rss-after-trim-mib=%.1f\n", line->str, resident_mib ());
  g_signal_handlers_disconnect_by_data (clock, &run);
  g_signal_handlers_disconnect_by_data (run.view, &run);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the watcher's memory over many cycles ---- */

static void
run_watch_cycle (CwLinkWatcher *watcher)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  cw_link_watcher_run_cycle_async (watcher, NULL, store_result, &result);
  events = cw_link_watcher_run_cycle_finish (watcher, wait_for (&result), NULL, &error);
  if (events == NULL)
    g_error ("a watch cycle failed: %s", error->message);
}

/* Resident memory and the heap in use after the first, full cycle and after @cycles
 * unchanged ones. */
static void
watch_memory (CwCredentialStore *store,
              const char        *state,
              guint              cycles)
{
  g_autoptr(CwAccountCheck) check = verify (store);
  g_autofree char *activity_path = g_build_filename (state, "activity.json", NULL);
  g_autofree char *state_path = g_build_filename (state, "watch.json", NULL);
  g_autoptr(CwLinkActivity) activity = cw_link_activity_new (activity_path);
  g_autoptr(CwLinkWatcher) watcher = cw_link_watcher_new (cw_account_check_get_clouds (check), activity, state_path);
  g_autoptr(GString) line = g_string_new (NULL);
  double rss_first, heap_first;

  run_watch_cycle (watcher);
  rss_first = resident_mib ();
  heap_first = heap_in_use_mib ();
  g_string_append_printf (line, "watch: cycles=%u rss-after-first-mib=%.1f heap-after-first-mib=%.1f", cycles,
                          rss_first, heap_first);
  for (guint i = 1; i <= cycles; i++)
    {
      run_watch_cycle (watcher);
      if (i % 100 == 0 || i == cycles)
        g_string_append_printf (line, " rss-%u-mib=%.1f heap-%u-mib=%.1f", i, resident_mib (), i,
                                heap_in_use_mib ());
    }
  g_print ("%s rss-growth-mib=%.1f heap-growth-mib=%.1f\n", line->str, resident_mib () - rss_first,
           heap_in_use_mib () - heap_first);
}

int
main (int    argc,
      char **argv)
{
  int runs = 5;
  int refreshes = 2;
  int watch_cycles = 0;
  g_autofree char *faults = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs, each with a fresh view and fresh connections", "N" },
    { "refreshes", 0, 0, G_OPTION_ARG_INT, &refreshes, "Background refreshes after each load", "N" },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults, "The sandbox's faults, e.g. delay:*:ms=100:p=1", "SPEC" },
    { "watch-cycles", 0, 0, G_OPTION_ARG_INT, &watch_cycles, "Then this many unchanged watch cycles, for memory",
      "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(CwCredentialStore) store = NULL;
  g_autofree char *directory = g_path_get_dirname (argv[0]);
  g_autofree char *program = g_build_filename (directory, "..", "..", "src", "sandbox", "causeway-sandbox", NULL);
  g_autofree char *state = g_dir_make_tmp ("bench-links-XXXXXX", NULL);
  g_autofree char *hosts = g_build_filename (state, "hosts", NULL);
  guint16 port = 0;

  /* As the application does. */
  cw_memory_limit_arenas ();
  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-links: %s\n", error->message);
      return 2;
    }
  sandbox = start_sandbox (program, hosts, faults, &port, &error);
  if (sandbox == NULL)
    {
      g_printerr ("bench-links: %s\n", error->message);
      return 1;
    }
  /* The journals of no real run are looked at. */
  cw_journal_set_directory (state);
  g_setenv ("CAUSEWAY_HOSTS_FILE", hosts, TRUE);
  cw_hosts_resolver_install_from_environment ();
  adw_init ();
  g_setenv (CW_STALL_METER_ENV, "1", TRUE);
  cw_stall_meter_start ();
  store = cw_credential_store_new ();
  cw_credential_store_add_from_environment (store);
  g_print ("renderer=%s scenario=large time-scale=%s faults=%s sandbox=separate process at nice 19\n",
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default", TIME_SCALE, faults ? faults : "none");
  for (int i = 1; i <= runs; i++)
    one_run (store, port, i, refreshes);
  if (watch_cycles > 0)
    watch_memory (store, state, (guint) watch_cycles);
  g_subprocess_send_signal (sandbox, SIGTERM);
  g_subprocess_wait (sandbox, NULL, NULL);
  return 0;
}
