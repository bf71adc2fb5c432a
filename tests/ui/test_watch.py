#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the watch over the links (DESIGN.md §13) in the sandbox: a link made with
the wizard, its database failed over through the sandbox's control endpoint; the desktop
shows exactly one notification naming the link, whose Re-sync (clicked on a fake
notification server on the test's session bus) makes the link Healthy in the links view;
the recovery is told too, and its Open selects the link; the link's detail lists both
events in its timeline. With the link's own "Repair This Link Automatically" on, a second
failover is repaired by the watch and the notification says so. The Preferences' "Start at
Login" writes the XDG autostart entry and removes it again; with "Keep Watching When the
Window Is Closed" on, the application runs on without its window until Quit. The
application watches every CAUSEWAY_WATCH_INTERVAL seconds instead of minutes.
Screenshots go to the build directory."""

import json
import os
import subprocess
import sys
import time
import urllib.request

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cwtest import screenshot  # noqa: E402
import test_links as links  # noqa: E402
import test_new_link as wizard  # noqa: E402

shots = wizard.shots
check = wizard.check
WATCH_INTERVAL = "2"
DATABASE = "orders-mysql"
NOTIFY_TIMEOUT = 60
# Cycles after the first notification in which no second one may come for the same change.
QUIET_CYCLES = 3
started = time.monotonic()


def say(message):
    print(f"ui/watch: {time.monotonic() - started:6.1f} s  {message}", flush=True)


class Notifications:
    """The fake org.freedesktop.Notifications server, in a process of its own."""

    def __init__(self, log_path):
        self.log_path = log_path
        open(log_path, "w").close()
        self.process = subprocess.Popen(["/usr/bin/python3", os.path.join(os.path.dirname(__file__),
                                                                          "fake_notifications.py"), log_path],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        check(self.process.stdout.readline().strip() == "ready", "the notification server did not start")

    def shown(self):
        with open(self.log_path) as f:
            return [json.loads(line) for line in f if line.strip()]

    def naming(self, name, since=0):
        return [n for n in self.shown()[since:] if name in n["summary"]]

    def invoke(self, notification, label):
        key = notification["actions"].get(label)
        check(key is not None, f"the notification {notification['summary']!r} has no {label!r}: "
                               f"{notification['actions']}")
        self.process.stdin.write(f"invoke {notification['id']} {key}\n")
        self.process.stdin.flush()
        check(self.process.stdout.readline().strip() == "done", "the notification server did not answer")

    def stop(self):
        self.process.stdin.close()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def start_app():
    home, env = wizard.fresh_env()
    env["CAUSEWAY_WATCH_INTERVAL"] = WATCH_INTERVAL
    # The watch says in the log when a cycle ends: the test waits for cycles, not seconds.
    env["G_MESSAGES_DEBUG"] = "cw-watch-service"
    args = ["--sandbox", "--time-scale", wizard.TIME_SCALE, "--print-sandbox-environment"]
    return home, env, wizard.App(wizard.binary, env, os.path.join(home, "causeway.log"), args)


def failover(app, database):
    """Moves the database's address, as a Multi-AZ failover does."""
    base = wizard.sandbox_environment(app)["AWS_ENDPOINT_URL"]
    request = urllib.request.Request(f"{base}/_sandbox/failover?database={database}", method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=30) as answer:
        check(answer.status == 200, f"the failover answered {answer.status}")


def make_link(app):
    """A link to orders-mysql with the wizard, and its name as TiDB Cloud lists it."""
    before = links.tidb_links(app)
    wizard.walk_to_review(app)
    app.click("push button", "C_reate Link")
    wizard.run_until(app, "The Link Is Active")
    new_names = [name for name in links.tidb_links(app) if name not in before]
    check(len(new_names) == 1, f"TiDB Cloud lists {new_names} as new links")
    return new_names[0]


def cycles_ended(app):
    with open(app.log_path, errors="replace") as log:
        return log.read().count("A watch cycle ended")


def wait_for_cycles(app, count):
    """Until the watch has ended @count more cycles: on a busy machine one takes longer
    than its interval."""
    start = cycles_ended(app)
    app.wait_for(lambda: cycles_ended(app) >= start + count, f"{count} more cycles of the watch", timeout=NOTIFY_TIMEOUT)


def one_notification_then_resync(app, notifications, name):
    view = links.open_links(app)
    view.refresh_until(name, "Healthy")
    # The watch has seen the new link healthy once its cycles say nothing more about it.
    wait_for_cycles(app, 3)
    since = len(notifications.shown())
    failover(app, DATABASE)
    say("failed over")
    app.wait_for(lambda: notifications.naming(name, since), f"a notification naming {name!r}",
                 timeout=NOTIFY_TIMEOUT, seen=lambda: notifications.shown()[since:])
    time.sleep(QUIET_CYCLES * int(WATCH_INTERVAL))
    shown = notifications.naming(name, since)
    check(len(shown) == 1, f"{len(shown)} notifications name {name!r}: {shown}")
    notification = shown[0]
    check("Drifted" in notification["summary"], f"the notification says {notification['summary']!r}")
    check("Open" in notification["actions"], f"the notification has no Open: {notification['actions']}")
    say(f"notified: {notification['summary']} — {notification['body']}")
    notifications.invoke(notification, "Re-sync")
    view.refresh_until(name, "Healthy")
    say("re-synced from the notification")
    return view, since


def open_shows_the_link(app, view, notifications, since, name):
    """The link's recovery is told too; with another link selected, that notification's
    Open selects this one again. (GLib forgets a notification once one of its actions
    was invoked: the Re-sync's can no longer be opened.)"""
    recovered = app.wait_for(lambda: [n for n in notifications.naming(name, since) if "healthy again" in n["summary"]],
                             f"a notification that {name!r} recovered", timeout=NOTIFY_TIMEOUT,
                             seen=lambda: notifications.shown()[since:])
    check(len(recovered) == 1, f"{len(recovered)} notifications say {name!r} recovered: {recovered}")
    check("Re-sync" not in recovered[0]["actions"], f"a healthy link's notification offers {recovered[0]['actions']}")
    app.mouse_click(view.row_name(links.HEALTHY))
    view.detail_label(links.HEALTHY)
    notifications.invoke(recovered[0], "Open")
    view.detail_label(name)
    say("Open showed the link")


def timeline_lists_both(app, view, name):
    app.mouse_click(view.row_name(name))

    def events():
        rows = [n for n in app.find_all("list item", within=view.detail)
                if " · " in (n.description or "")]
        seen = [r.description for r in rows]
        drifted = any("→ Drifted" in d and "nothing done" in d for d in seen)
        resynced = any("re-synced by you" in d for d in seen)
        return seen if drifted and resynced else None
    seen = app.wait_for(events, "the timeline to list the failover and the re-sync", timeout=30,
                        seen=lambda: [n.description for n in app.find_all("list item", within=view.detail)])
    say(f"timeline: {seen}")
    # The timeline is at the end of the detail: brought into view with the keyboard, as a
    # person would: Tab to its switch, then Down through its rows.
    switch = a_switch(app, "Repair This Link Automatically", within=view.detail)
    app.wait_for(lambda: focused(app, switch), "the switch of automatic repair to have the focus", timeout=60,
                 interval=0.3)
    for _ in seen:
        app.press_keys(("Down",))
    screenshot(os.path.join(shots, "watch-1-detail-timeline.png"))
    return switch


def repaired_by_itself(app, view, notifications, switch, name):
    """With the link's own switch on, a second failover is repaired by the watch, and the
    notification says what it did."""
    app.activate(switch)
    app.wait_for(lambda: switch.getState().contains(pyatspi.STATE_CHECKED), "the switch to be on")
    since = len(notifications.shown())
    failover(app, DATABASE)
    say("failed over again, with automatic repair on for the link")
    shown = app.wait_for(lambda: notifications.naming(name, since), f"a notification naming {name!r}",
                         timeout=NOTIFY_TIMEOUT, seen=lambda: notifications.shown()[since:])
    repaired = shown[0]
    check("was repaired" in repaired["summary"] and "the link was re-synced at" in repaired["body"]
          and f"{DATABASE} moved to" in repaired["body"],
          f"the first notification after the failover says {repaired['summary']!r}: {repaired['body']!r}")
    check("Re-sync" not in repaired["actions"], f"a repaired link's notification offers {repaired['actions']}")
    view.refresh_until(name, "Healthy")
    say(f"notified: {repaired['summary']} — {repaired['body']}")


def resync_in_view_is_in_timeline(app, view, notifications, switch, name):
    """With automatic repair off again, a failover re-synced with the detail's button is
    in the timeline as the person's too."""
    app.activate(switch)
    app.wait_for(lambda: not switch.getState().contains(pyatspi.STATE_CHECKED), "the switch to be off")
    since = len(notifications.shown())
    failover(app, DATABASE)
    app.wait_for(lambda: [n for n in notifications.naming(name, since) if "Drifted" in n["summary"]],
                 f"a notification that {name!r} drifted", timeout=NOTIFY_TIMEOUT,
                 seen=lambda: notifications.shown()[since:])
    view.refresh_until(name, "Drifted")
    app.click("push button", "Re-_sync Target", within=view.detail)
    app.wait_toast(f"“{name}” now reaches its database at", timeout=60)
    app.wait_for(lambda: len([n for n in app.find_all("list item", within=view.detail)
                              if "re-synced by you" in (n.description or "")]) == 2,
                 "the timeline to list the second re-sync by the person", timeout=30)
    say("a re-sync in the links view is in the timeline")


def a_switch(app, name, within=None):
    """The GtkSwitch named @name, not the row around it that has its title as a name."""
    def probe():
        return [n for n in app.find_all(None, name, within=within) if n.getRoleName() not in ("list item", "label")]
    return app.wait_for(probe, f"a switch named {name!r}", timeout=30)[0]


def focused(app, node):
    """Whether @node has the keyboard focus; if not, Tab moves it on."""
    if node.getState().contains(pyatspi.STATE_FOCUSED):
        return True
    app.press_keys(("Tab",))
    return False


def autostart_follows_setting(app, home):
    path = os.path.join(home, ".config", "autostart", "io.github.causeway.Causeway.desktop")
    check(not os.path.exists(path), f"{path} exists before the setting is on")
    app.press_keys(("Control_L", "comma"))
    switch = a_switch(app, "Start at Login")
    screenshot(os.path.join(shots, "watch-2-preferences.png"))
    app.activate(switch)
    app.wait_for(lambda: os.path.exists(path), f"{path} to be written")
    with open(path) as f:
        entry = f.read()
    check("Exec=causeway --background" in entry, f"the autostart entry says:\n{entry}")
    app.activate(switch)
    app.wait_for(lambda: not os.path.exists(path), f"{path} to be removed")
    say("the autostart entry came and went with the setting")


def frames(app):
    return [w for w in links.children(app.root) if w.getRoleName() == "frame" and w.name != "Preferences"]


def runs_without_window_until_quit(app, env, notifications, name):
    """With "Keep Watching When the Window Is Closed" on, closing the window leaves the
    application running, and a failover then still reaches the desktop as a notification;
    opening Causeway again shows a window, whose Quit stops it."""
    switch = a_switch(app, "Keep Watching When the Window Is Closed")
    app.activate(switch)
    app.wait_for(lambda: switch.getState().contains(pyatspi.STATE_CHECKED), "the switch to be on")
    app.press_keys(("Escape",))
    app.wait_for(lambda: all(w.name != "Preferences" for w in links.children(app.root)), "Preferences to close")
    app.click("push button", "Close", within=frames(app)[0])
    app.wait_for(lambda: not frames(app), "the window to close")
    time.sleep(3 * int(WATCH_INTERVAL))
    check(app.process.poll() is None, f"the application exited with {app.process.returncode} with its window")
    say("running without a window")
    since = len(notifications.shown())
    failover(app, "orders-mysql")
    told = app.wait_for(lambda: notifications.naming(name, since), f"a notification naming {name!r} without a window",
                        timeout=NOTIFY_TIMEOUT)
    say(f"notified without a window: {told[0]['summary']!r}")
    subprocess.run([wizard.binary], env=env, timeout=30, check=True)
    app.wait_for(lambda: frames(app), "opening Causeway again to show a window")
    app.press_keys(("Control_L", "q"))
    check(app.wait_exit() == 0, f"Quit ended the application with {app.process.returncode}")
    say("Quit stopped it")


def main():
    notifications = None
    app = None
    try:
        notifications = Notifications(os.path.join(shots, "..", "ui-watch-notifications.jsonl"))
        home, env, app = start_app()
        name = make_link(app)
        say(f"made {name!r}")
        view, since = one_notification_then_resync(app, notifications, name)
        open_shows_the_link(app, view, notifications, since, name)
        switch = timeline_lists_both(app, view, name)
        repaired_by_itself(app, view, notifications, switch, name)
        resync_in_view_is_in_timeline(app, view, notifications, switch, name)
        autostart_follows_setting(app, home)
        runs_without_window_until_quit(app, env, notifications, name)
    except Exception:
        if app is not None:
            path = os.path.join(shots, "watch-failed.png")
            screenshot(path)
            print("ui/watch: the window at the failure:", path)
        raise
    finally:
        if app is not None:
            app.stop()
        if notifications is not None:
            notifications.stop()
    print("ui/watch: passed; screenshots in", shots)


if __name__ == "__main__":
    main()
