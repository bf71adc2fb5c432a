/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A client that asks once and closes its kept-alive connection leaves nothing open in the
 * sandbox: libsoup's server alone would keep each such socket in CLOSE-WAIT, one
 * descriptor per closed connection, until a long-lived sandbox runs out of them. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "sandbox-test.h"

#define CONNECTIONS 30
#define POLLS       100
#define POLL_MS     50

static guint
open_descriptors (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* One keep-alive request, its answer read, then the client closes. */
static void
ask_once_and_close (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  const char request[] = "GET /_sandbox/requests HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  char answer[4096];
  gsize read = 0;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request, strlen (request),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  /* Enough of the answer to know it came. */
  g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (connection)), answer, 12, &read, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (read == 12 && memcmp (answer, "HTTP/1.1 200", 12) == 0);
  g_io_stream_close (G_IO_STREAM (connection), NULL, &error);
  g_assert_no_error (error);
}

static void
test_closed_connections_are_let_go (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, NULL, NULL);
  g_autoptr(GUri) base = g_uri_parse (sb->base, G_URI_FLAGS_NONE, NULL);
  guint before = open_descriptors ();
  guint after = 0;

  for (guint i = 0; i < CONNECTIONS; i++)
    ask_once_and_close ((guint16) g_uri_get_port (base));
  for (guint i = 0; i < POLLS; i++)
    {
      after = open_descriptors ();
      if (after <= before + 2)
        break;
      g_usleep (POLL_MS * 1000);
    }
  g_test_message ("descriptors: %u before, %u after %u closed connections", before, after, CONNECTIONS);
  g_assert_cmpuint (after, <=, before + 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/connections/closed-are-let-go", test_closed_connections_are_let_go);
  return g_test_run ();
}
