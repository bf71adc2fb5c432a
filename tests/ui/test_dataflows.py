#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of using a link in the sandbox (DESIGN.md §12), as a person would: after the
wizard makes a link, "Test from TiDB Cloud" on the done page with a wrong password says
so, with the database's user and password (remembered in the keyring) it says TiDB Cloud
reached the database; in the links view, "Replicate to This Database" signs in as the
remembered user and creates a changefeed, which the link's detail lists until it is
Running; the question before deleting the link names it; it is paused and deleted.
"Migrate into TiDB" asks for the database's user (the remembered one), then the
cluster's SQL user, and creates a migration the detail shows dumping, loading, then
syncing the binlog. Screenshots go to the build directory."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cwtest import screenshot  # noqa: E402
import test_links as links  # noqa: E402
import test_new_link as wizard  # noqa: E402

shots = wizard.shots
check = wizard.check
# The sandbox's databases' master user (src/sandbox/cw-sandbox.h).
MYSQL_USER = "admin"
MYSQL_PASSWORD = "Sandbox-MySQL-7q2Xk9vRw4"
DATABASE = "orders-mysql"
REACHED = f"TiDB Cloud reached {DATABASE} through the link as {MYSQL_USER}."
# The sandbox's TiDB SQL users' password (src/sandbox/cw-sandbox.h); the user is in
# the environment the app prints.
TIDB_PASSWORD = "Sandbox-TiDB-4mW8pZ3nLs"
MIGRATE = "Migrate into TiDB"
# A changefeed is CREATING for a while of the sandbox's scaled time, then RUNNING.
RUNNING_TIMEOUT = 90
started = time.monotonic()


def say(message):
    print(f"ui/dataflows: {time.monotonic() - started:6.1f} s  {message}", flush=True)


def dialog_window(app, title):
    """The window (not the main one) whose title is @title."""
    def probe():
        return [w for w in links.children(app.root) if w.name == title]
    return app.wait_for(probe, f"a window titled {title!r}",
                        seen=lambda: [w.name for w in links.children(app.root)])[0]


def row_says(app, within, title, probe_text, what, timeout=60):
    """The row titled @title once its subtitle (its description), where TiDB Cloud's
    answer shows, passes @probe_text; returns the subtitle."""
    def probe():
        return [row.description for row in app.find_all("list item", title, within=within)
                if probe_text(row.description)]
    return app.wait_for(probe, what, timeout=timeout,
                        seen=lambda: [row.description for row in app.find_all("list item", title, within=within)])[0]


def answer(app, within, title, start):
    return row_says(app, within, title, lambda text: text.startswith(start), f"an answer saying {start!r}")


def top_window(node):
    while node.parent is not None and node.parent.getRoleName() != "application":
        node = node.parent
    return node


def scroll_to(app, node):
    """Scrolls with the mouse wheel until @node shows whole in its window, as a person
    would to read it."""
    window = top_window(node).queryComponent().getExtents(links.pyatspi.DESKTOP_COORDS)
    for _ in range(40):
        box = node.queryComponent().getExtents(links.pyatspi.DESKTOP_COORDS)
        below = box.y + box.height > window.y + window.height - 8
        above = box.y < window.y + 60
        if not below and not above:
            return
        # The wheel turns over the node's own page: at its side, inside the window.
        y = min(max(box.y + 10, window.y + 80), window.y + window.height - 30)
        links.pyatspi.Registry.generateMouseEvent(box.x + box.width // 2, y, "b5c" if below else "b4c")
        time.sleep(0.15)


def a_switch(app, name, within):
    """The GtkSwitch named @name, not the row around it that has its title as a name."""
    def probe():
        return [n for n in app.find_all(None, name, within=within) if n.getRoleName() not in ("list item", "label")]
    return app.wait_for(probe, f"a switch named {name!r}")[0]


def sign_in(app, title, user, password, remember):
    """Fills the SQL user dialog titled @title; returns its window."""
    window = dialog_window(app, title)
    app.find("text", "User", within=window).queryEditableText().setTextContents(user)
    app.find("text", "Password", within=window).queryEditableText().setTextContents(password)
    switch = a_switch(app, "Remember in the Keyring", window)
    if switch.getState().contains(links.pyatspi.STATE_CHECKED) != remember:
        app.activate(switch)
        app.wait_for(lambda: switch.getState().contains(links.pyatspi.STATE_CHECKED) == remember,
                     "the switch Remember in the Keyring to turn")
    return window


def test_on_done_page(app):
    """The done page's test: a wrong password refused in words, then the right one."""
    done = app.find("panel", "Dataflows", timeout=60)
    app.click("push button", "Test from TiDB Cloud", within=done, timeout=60)
    window = sign_in(app, "Test from TiDB Cloud", MYSQL_USER, "not-the-password", remember=False)
    screenshot(os.path.join(shots, "dataflows-1-sign-in.png"))
    app.click("push button", "_Test", within=window)
    hint = app.find("list item", "Test from TiDB Cloud", within=done).description
    refused = row_says(app, done, "Test from TiDB Cloud", lambda text: text and text != hint,
                       "the wrong password's answer")
    check("not-the-password" not in refused, f"the answer shows the password: {refused!r}")
    check("the password is wrong" in refused, f"the answer to a wrong password is {refused!r}")
    say(f"a wrong password refused: {refused!r}")
    scroll_to(app, app.find("list item", "Replicate to This Database", within=done))
    screenshot(os.path.join(shots, "dataflows-2-refused.png"))
    app.click("push button", "Test from TiDB Cloud", within=done)
    window = sign_in(app, "Test from TiDB Cloud", MYSQL_USER, MYSQL_PASSWORD, remember=True)
    app.click("push button", "_Test", within=window)
    answer(app, done, "Test from TiDB Cloud", REACHED)
    say("the test reached the database")
    screenshot(os.path.join(shots, "dataflows-3-reached.png"))


def new_link_name(app, before):
    names = [name for name in links.tidb_links(app) if name not in before]
    check(len(names) == 1, f"TiDB Cloud lists {names} as new links")
    return names[0]


def own_name(name):
    """A row's name without the title GTK 4.8 repeats after it."""
    half = len(name) // 2
    return name[:half] if name[:half] == name[half + 1:] and name[half:half + 1] == " " else name


def dataflow_rows(app, view):
    """The rows of the detail's list of dataflows, as (name, description)."""
    found = app.find_all("list", "Dataflows Using the Link", within=view.detail)
    if not found:
        return []
    return [(own_name(row.name), row.description) for row in links.children(found[0])
            if row.getRoleName() == "list item"]


def wait_dataflow(app, view, state, timeout=RUNNING_TIMEOUT):
    """The detail's one dataflow once its description says @state."""
    def probe():
        rows = dataflow_rows(app, view)
        return [row for row in rows if f"· {state}" in row[1]]
    return app.wait_for(probe, f"a dataflow {state!r} in the detail", timeout=timeout,
                        seen=lambda: dataflow_rows(app, view))[0]


def replicate_in_detail(app, name):
    view = links.open_links(app)
    app.mouse_click(view.refresh_until(name, "Healthy"))
    view.detail_label(name)
    check(not dataflow_rows(app, view), f"the new link already has dataflows: {dataflow_rows(app, view)}")
    app.click("push button", "Replicate to This Database", within=view.detail)
    window = dialog_window(app, "Replicate to This Database")
    # The keyring gave the user; the empty password row means its saved password.
    user = app.find("text", "User", within=window)
    app.wait_for(lambda: app.text_of(user) == MYSQL_USER, "the remembered user in the dialog",
                 seen=lambda: app.text_of(user))
    app.find("text", "Password (empty uses the saved one)", within=window)
    check(app.text_of(app.find("text", "Table Filter", within=window)) == "*.*", "the filter is not *.*")
    # Not a time: the dialog says how to write one and stays.
    start = app.find("text", "Start From (empty: now)", within=window)
    start.queryEditableText().setTextContents("next week")
    app.click("push button", "_Replicate", within=window)
    app.wait_for(lambda: [n for n in app.find_all("label", None, within=window)
                          if n.name.startswith("Type the start as a date and a time")],
                 "the dialog to say how to write the start")
    # Two minutes ago, in the local time a person reads on their clock.
    start.queryEditableText().setTextContents(time.strftime("%Y-%m-%d %H:%M", time.localtime(time.time() - 120)))
    screenshot(os.path.join(shots, "dataflows-4-replicate.png"))
    app.click("push button", "_Replicate", within=window)
    answer(app, view.detail, "Replicate to This Database", "Created changefeed ")
    feed, description = wait_dataflow(app, view, "Running")
    scroll_to(app, app.find("list", "Dataflows Using the Link", within=view.detail))
    check(description.startswith("Changefeed · Running"), f"the changefeed's row says {description!r}")
    say(f"the changefeed {feed!r} is Running: {description!r}")
    screenshot(os.path.join(shots, "dataflows-5-running.png"))
    return view, feed


def delete_names_it(app, view, feed):
    app.click("push button", "_Delete…", within=view.detail)
    stopping = view.in_dialog("list", "Dataflows That Will Stop")
    app.wait_for(lambda: [row for row in links.children(stopping) if row.name.startswith(feed)],
                 f"{feed!r} among the dataflows that will stop",
                 seen=lambda: [row.name for row in links.children(stopping)])
    screenshot(os.path.join(shots, "dataflows-6-delete-link.png"))
    view.click_in_dialog("push button", "_Cancel")


def pause_and_delete(app, view, feed):
    app.click("push button", f"Pause {feed}", within=view.detail)
    wait_dataflow(app, view, "Paused", timeout=60)
    say("the changefeed paused")
    app.click("push button", f"Delete {feed}", within=view.detail)
    view.click_in_dialog("push button", "_Delete")
    app.wait_for(lambda: not dataflow_rows(app, view), "the changefeed to go", timeout=60,
                 seen=lambda: dataflow_rows(app, view))
    say("the changefeed deleted")
    screenshot(os.path.join(shots, "dataflows-7-deleted.png"))


def sandbox_value(app, name):
    """A line NAME=value of the environment the app printed at start."""
    with open(app.log_path) as f:
        for line in f:
            if line.startswith(name + "="):
                return line.strip().split("=", 1)[1]
    raise AssertionError(f"the app did not print {name}")


def migrate_dialog(app, field):
    """The dialog titled Migrate into TiDB that has a row @field: the first asks for
    the database's user, the second, with its mode and tables, for the cluster's."""
    def probe():
        return [w for w in links.children(app.root)
                if w.name == MIGRATE and app.find_all(None, field, within=w)]
    return app.wait_for(probe, f"the dialog {MIGRATE!r} with {field!r}",
                        seen=lambda: [w.name for w in links.children(app.root)])[0]


def migrate_in_detail(app, view):
    app.click("push button", MIGRATE, within=view.detail)
    window = migrate_dialog(app, "Password (empty uses the saved one)")
    user = app.find("text", "User", within=window)
    app.wait_for(lambda: app.text_of(user) == MYSQL_USER, "the remembered user in the migrate dialog",
                 seen=lambda: app.text_of(user))
    app.click("push button", "_Next", within=window)
    window = migrate_dialog(app, "Schemas and Tables")
    app.find("text", "User", within=window).queryEditableText().setTextContents(
        sandbox_value(app, "CAUSEWAY_SANDBOX_TIDB_USER"))
    app.find("text", "Password", within=window).queryEditableText().setTextContents(TIDB_PASSWORD)
    screenshot(os.path.join(shots, "dataflows-8-migrate.png"))
    app.click("push button", "_Migrate", within=window)
    created = answer(app, view.detail, MIGRATE, "Created migration ")
    check(TIDB_PASSWORD not in created, f"the answer shows the password: {created!r}")
    migration, description = wait_dataflow(app, view, "Running")
    check(description.startswith("Migration · Running"), f"the migration's row says {description!r}")
    migration, description = app.wait_for(
        lambda: [row for row in dataflow_rows(app, view) if "Syncing the binlog" in row[1]],
        "the migration to sync the binlog", timeout=RUNNING_TIMEOUT, seen=lambda: dataflow_rows(app, view))[0]
    scroll_to(app, app.find("list", "Dataflows Using the Link", within=view.detail))
    say(f"the migration {migration!r} syncs: {description!r}")
    screenshot(os.path.join(shots, "dataflows-9-migration-syncing.png"))


def main():
    app = wizard.start()
    try:
        before = links.tidb_links(app)
        wizard.walk_to_review(app)
        app.click("push button", "C_reate Link")
        wizard.run_until(app, "The Link Is Active")
        say("the link is active")
        test_on_done_page(app)
        name = new_link_name(app, before)
        view, feed = replicate_in_detail(app, name)
        delete_names_it(app, view, feed)
        pause_and_delete(app, view, feed)
        migrate_in_detail(app, view)
    except Exception:
        screenshot(os.path.join(shots, "dataflows-failed.png"))
        raise
    finally:
        app.stop()
    print("ui/dataflows: passed; screenshots in", shots)


if __name__ == "__main__":
    main()
