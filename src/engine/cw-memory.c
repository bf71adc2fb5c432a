/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-memory.c: how the processes of Causeway ask the allocator to keep little
 *
 * glibc gives each thread that allocates its own arena, up to eight per core. Records
 * made in worker threads (large pages parsed off the main thread, files read) and freed
 * on the main thread leave each arena's pages resident: measured with bench/links, the
 * heap in use stayed at 36 MiB over three loads and six refreshes of a thousand links
 * while resident memory grew 19 MiB, and by 1 MiB with two arenas. Even then the
 * thousand records a refresh replaces leave free pages between those still in use, which
 * glibc returns only from the top of the heap: a refresh kept 1.3 MiB more each time,
 * all of it given back by malloc_trim(). */
#define G_LOG_DOMAIN "cw-memory"

#include "config.h"

#include "cw-memory.h"

#if HAVE_MALLOPT || HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

/* Few arenas: the main thread's and one for every worker thread. Called before any
 * thread starts. */
void
cw_memory_limit_arenas (void)
{
#if HAVE_MALLOPT
  if (mallopt (M_ARENA_MAX, 2) != 1)
    g_debug ("The allocator keeps its own number of arenas");
#endif
}

/* Gives the system back the free pages amid the heap, after a large set of records was
 * replaced (a refresh of every link). */
void
cw_memory_release_free (void)
{
#if HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
}
