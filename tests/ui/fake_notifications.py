#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A desktop notification server for UI tests: org.freedesktop.Notifications on the
session bus, which GLib's GNotification uses outside a portal when no org.gtk.Notifications
is there. Each Notify is written as a JSON line to the file given; a line on stdin,
"invoke ID ACTION", emits ActionInvoked as if the person had clicked that button, and
"close ID" emits NotificationClosed.

    fake_notifications.py LOG_PATH"""

import json
import sys

from gi.repository import Gio, GLib

INTERFACE = """
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="Notify">
      <arg type="s" name="app_name" direction="in"/>
      <arg type="u" name="replaces_id" direction="in"/>
      <arg type="s" name="app_icon" direction="in"/>
      <arg type="s" name="summary" direction="in"/>
      <arg type="s" name="body" direction="in"/>
      <arg type="as" name="actions" direction="in"/>
      <arg type="a{sv}" name="hints" direction="in"/>
      <arg type="i" name="expire_timeout" direction="in"/>
      <arg type="u" name="id" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" name="id" direction="in"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
  </interface>
</node>
"""
PATH = "/org/freedesktop/Notifications"
NAME = "org.freedesktop.Notifications"


class Server:
    def __init__(self, log_path):
        self.log = open(log_path, "a", buffering=1)
        self.next_id = 1
        self.connection = None

    def on_call(self, connection, sender, path, interface, method, parameters, invocation):
        if method == "GetCapabilities":
            invocation.return_value(GLib.Variant("(as)", (["actions", "body"],)))
        elif method == "GetServerInformation":
            invocation.return_value(GLib.Variant("(ssss)", ("fake", "causeway-tests", "1", "1.2")))
        elif method == "CloseNotification":
            invocation.return_value(None)
        elif method == "Notify":
            app_name, replaces_id, _icon, summary, body, actions, _hints, _timeout = parameters.unpack()
            notification_id = replaces_id or self.next_id
            self.next_id += 0 if replaces_id else 1
            self.log.write(json.dumps({"id": notification_id, "app": app_name, "replaces": replaces_id,
                                       "summary": summary, "body": body,
                                       "actions": dict(zip(actions[1::2], actions[0::2]))}) + "\n")
            invocation.return_value(GLib.Variant("(u)", (notification_id,)))

    def on_bus(self, connection, name):
        self.connection = connection
        info = Gio.DBusNodeInfo.new_for_xml(INTERFACE).interfaces[0]
        connection.register_object(PATH, info, self.on_call, None, None)

    def on_name(self, connection, name):
        print("ready", flush=True)

    def on_lost(self, connection, name):
        print("lost the name", name, file=sys.stderr, flush=True)
        sys.exit(1)

    def on_stdin(self, channel, condition):
        line = channel.readline()
        if not line:
            loop.quit()
            return False
        words = line.split(maxsplit=2)
        if words[:1] == ["invoke"]:
            self.connection.emit_signal(None, PATH, NAME, "ActionInvoked",
                                        GLib.Variant("(us)", (int(words[1]), words[2].strip())))
        elif words[:1] == ["close"]:
            self.connection.emit_signal(None, PATH, NAME, "NotificationClosed",
                                        GLib.Variant("(uu)", (int(words[1]), 2)))
        self.connection.flush_sync(None)
        print("done", flush=True)
        return True


server = Server(sys.argv[1])
loop = GLib.MainLoop()
Gio.bus_own_name(Gio.BusType.SESSION, NAME, Gio.BusNameOwnerFlags.DO_NOT_QUEUE,
                 server.on_bus, server.on_name, server.on_lost)
GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.PRIORITY_DEFAULT,
                  GLib.IOCondition.IN | GLib.IOCondition.HUP, server.on_stdin)
loop.run()
