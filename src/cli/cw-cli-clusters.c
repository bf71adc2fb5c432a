/* cw-cli-clusters.c: `causeway-cli clusters` — being built (see the issue that delivers it) */
#define G_LOG_DOMAIN "cw-cli-clusters"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli.h"

int
cw_cli_clusters (CwCli  *cli,
           int     argc,
           char  **argv)
{
  g_printerr ("causeway-cli: %s\n", _("this command is not available yet"));
  return CW_CLI_EXIT_FAILED;
}
