/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-stall-meter.c
 *
 * With CAUSEWAY_REPORT_STALLS set, a 1 ms timer at the highest priority notes how late
 * each tick comes. A report is one line on standard error: the longest lateness since
 * the last begin (the longest time anything kept the GTK main loop busy) and how many
 * ticks were late by more than 20 and 50 ms, and the most CPU time the main thread spent
 * between two ticks: a stall with little of it was the thread waiting (for the CPU on a
 * busy machine, for the X server, for a disk), not the application computing. The application reports each provisioning
 * run and the whole session at exit; bench/responsiveness reads the lines.
 */
#define G_LOG_DOMAIN "cw-stall-meter"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "cw-stall-meter.h"

#define TICK_MS 1

static gint64 last_tick;
static gint64 last_cpu;
static gint64 longest;
static gint64 longest_busy;
static guint  over_20ms;
static guint  over_50ms;
static gboolean running;

/* The main thread's CPU time, in microseconds. */
static gint64
thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
tick (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - last_tick - TICK_MS * 1000;
  gint64 cpu = thread_cpu_time ();

  if (late > longest)
    longest = late;
  if (cpu - last_cpu > longest_busy)
    longest_busy = cpu - last_cpu;
  last_cpu = cpu;
  over_20ms += late > 20000;
  over_50ms += late > 50000;
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

void
cw_stall_meter_start (void)
{
  if (g_getenv (CW_STALL_METER_ENV) == NULL || running)
    return;
  running = TRUE;
  last_cpu = thread_cpu_time ();
  last_tick = g_get_monotonic_time ();
  g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, tick, NULL, NULL);
}

void
cw_stall_meter_begin (void)
{
  longest = longest_busy = 0;
  over_20ms = over_50ms = 0;
  last_cpu = thread_cpu_time ();
  last_tick = g_get_monotonic_time ();
}

void
cw_stall_meter_report (const char *what)
{
  if (!running)
    return;
  fprintf (stderr, "main-loop %s longest-stall-ms=%.1f over-20ms=%u over-50ms=%u longest-busy-ms=%.1f\n",
           what, longest / 1000.0, over_20ms, over_50ms, longest_busy / 1000.0);
  fflush (stderr);
}
