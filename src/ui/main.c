/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the causeway desktop application */
#define G_LOG_DOMAIN "causeway"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cw-application.h"
#include "cw-memory.h"

int
main (int argc, char **argv)
{
  g_autoptr(CwApplication) app = NULL;

  cw_memory_limit_arenas ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
