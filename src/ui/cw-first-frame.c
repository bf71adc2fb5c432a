/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-first-frame.c
 *
 * With CAUSEWAY_REPORT_FIRST_FRAME set, the first frame painted prints one line,
 * "first-frame rss-kb=N", on standard error and the application quits. The start-up
 * benchmark (bench/startup) times that line from the moment it spawned the process, the
 * same way for Causeway and for a minimal libadwaita window.
 */
#define G_LOG_DOMAIN "cw-first-frame"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cw-first-frame.h"

static long
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWindow     *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  fprintf (stderr, "first-frame rss-kb=%ld\n", resident_kb ());
  fflush (stderr);
  if (app != NULL)
    g_application_quit (app);
}

static void
on_realize (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (on_after_paint), widget, 0);
}

void
cw_first_frame_watch (GtkWindow *window)
{
  if (g_getenv (CW_FIRST_FRAME_ENV) == NULL)
    return;
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}
