#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the links view in the sandbox, as a person would use it: the default
scenario's two links made by hand listed with their statuses, the drifted one re-synced
to its database until it is Healthy, a link made by the wizard listed, then deleted,
leaving nothing of it on either side of the sandbox (checked with the AWS CLI and TiDB
Cloud's API); then the large scenario's thousand links loaded, filtered, scrolled, and a
pending one accepted. Screenshots go to the build directory.

Each look at the view is at the part it is about (the rows' name cells, the detail, the
dialog, the toasts), found once: every node of the accessibility tree is a round trip to
the application, and a walk of the whole tree takes seconds after the wizard has run,
and some fifteen with a thousand links, longer than a toast stays."""

import json
import os
import sys
import time
import urllib.request

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cwtest import appstream_screenshot, screenshot  # noqa: E402
import test_new_link as wizard  # noqa: E402

shots = wizard.shots
CLUSTER_ID = "10289034792938145678"
CLUSTER_NAME = "sandbox-essential"
HEALTHY = "orders (set up by hand)"
DRIFTED = "billing (set up by hand)"
LARGE_LINKS = 1002  # the large scenario's thousand, and the default scenario's two
# What a row's status ends as; it may say something else while its link is checked.
FINAL_STATUSES = ("Healthy", "Pending acceptance", "Degraded", "Broken", "Drifted")
REFRESH_TIMEOUT = 60
LARGE_TIMEOUT = 90
check = wizard.check
started = time.monotonic()


def say(message):
    """A step done, with the time since the start: where a slow run spent its time."""
    print(f"ui/links: {time.monotonic() - started:6.1f} s  {message}", flush=True)


def children(node):
    """@node's children, without the count pyatspi asks for again at each index."""
    try:
        return [c for c in (node.getChildAtIndex(i) for i in range(node.childCount)) if c is not None]
    except Exception:
        return []


def ancestor(node, name):
    while node is not None and node.name != name:
        node = node.parent
    check(node is not None, f"no ancestor named {name!r}")
    return node


def extents(node):
    return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def is_table(node):
    return node.getRoleName() == "tree table"


class LinksView:
    """The parts of the links view, found once when it is opened."""

    def __init__(self, app):
        self.app = app
        self.table = app.find("tree table", "Links", timeout=60, prune=is_table)
        rows = [n for n in children(self.table) if n.getRoleName() == "list"]
        check(len(rows) == 1, f"the table has {len(rows)} lists of rows")
        self.rows = rows[0]
        self.viewport = self.table.parent
        # The filter, the count and the table; the detail is the paned's other side.
        self.list_side = self.viewport.parent
        self.detail = app.find("filler", "CwLinkDetail", within=ancestor(self.table, "GtkPaned"), prune=is_table)
        window = self.table
        while window.parent.getRoleName() != "application":
            window = window.parent
        self.window_index = window.getIndexInParent()
        titles = [n.name for n in app.find_all("label", within=self.table.getChildAtIndex(0))]
        check(titles[:1] == ["Name"], f"the first column is not the name: {titles}")

    def on_screen(self, node):
        """Whether @node is inside the table's viewport (GTK builds rows out of sight)."""
        try:
            cell, view = extents(node), extents(self.viewport)
        except Exception:
            return False
        return (cell.height > 0 and cell.y < view.y + view.height and cell.y + cell.height > view.y)

    def name_cells(self, name):
        """The name cells on screen that say @name: each row's first cell, whose
        description is the link's status."""
        cells = []
        for row in children(self.rows):
            try:
                label = row.getChildAtIndex(0).getChildAtIndex(0)
                if label.name == name:
                    cells.append(label)
            except Exception:
                continue  # a row rebuilt while it was looked at
        return [cell for cell in cells if self.on_screen(cell)]

    def cells(self, name):
        """The texts of the row of @name, on screen, cell by cell."""
        cell = self.row_name(name)
        row = cell.parent.parent
        return [c.getChildAtIndex(0).name if c.childCount else c.name for c in children(row)]

    def statuses(self, name):
        return [cell.description for cell in self.name_cells(name)]

    def row_name(self, name, timeout=REFRESH_TIMEOUT):
        return self.app.wait_for(lambda: self.name_cells(name), f"the row of {name!r}", timeout)[0]

    def final_status(self, name, timeout=REFRESH_TIMEOUT):
        """The status of @name's row once it is a final one (a row may first say that its
        link is still being checked), with the row's name cell."""
        def probe():
            return [cell for cell in self.name_cells(name) if cell.description in FINAL_STATUSES]
        cell = self.app.wait_for(probe, f"a final status in the row of {name!r}", timeout,
                                 seen=lambda: self.statuses(name))[0]
        return cell.description, cell

    def refresh_until(self, name, status, timeout=REFRESH_TIMEOUT):
        """Presses F5 until the row of @name says @status; returns its name cell."""
        def probe():
            cells = [cell for cell in self.name_cells(name) if cell.description == status]
            if not cells:
                self.app.press_keys(("F5",))
            return cells
        return self.app.wait_for(probe, f"the row of {name!r} to say {status!r}, pressing F5", timeout, interval=1,
                                 seen=lambda: self.statuses(name))[0]

    def count(self, text, timeout=REFRESH_TIMEOUT):
        return self.app.find("label", text, timeout, within=self.list_side, prune=is_table)

    def detail_row(self, title, timeout=REFRESH_TIMEOUT):
        """A row of the detail; GTK 4.8 repeats a row's title after its accessible name."""
        def probe():
            return [n for n in self.app.find_all("list item", within=self.detail)
                    if n.name in (title, f"{title} {title}")]
        return self.app.wait_for(probe, f"the detail row {title!r}", timeout)[0]

    def detail_label(self, start, timeout=REFRESH_TIMEOUT):
        def probe():
            return [n for n in self.app.find_all("label", within=self.detail) if n.name.startswith(start)]
        return self.app.wait_for(probe, f"a label of the detail saying {start!r}", timeout)[0]

    def in_dialog(self, role, name, timeout=REFRESH_TIMEOUT):
        """A control of a window the view opened over the main one."""
        def probe():
            dialogs = [w for w in children(self.app.root) if w.getIndexInParent() != self.window_index]
            return [n for w in dialogs for n in self.app.find_all(role, name, within=w)]
        return self.app.wait_for(probe, f"a {role} named {name!r} in a dialog", timeout)[0]

    def click_in_dialog(self, role, name, timeout=REFRESH_TIMEOUT):
        return self.app.activate(self.in_dialog(role, name, timeout))


def open_links(app):
    app.mouse_click(app.find("list item", "Links", prune=is_table))
    return LinksView(app)


def tidb_links(app):
    """The display names of the cluster's private link connections, from TiDB Cloud's API."""
    sandbox = wizard.sandbox_environment(app)
    base = sandbox["TIDBCLOUD_SERVERLESS_ENDPOINT"]
    url = f"{base}/v1beta1/clusters/{CLUSTER_ID}/privateLinkConnections?pageSize=100"
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, base, sandbox["TIDBCLOUD_PUBLIC_KEY"], sandbox["TIDBCLOUD_PRIVATE_KEY"])
    opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))
    with opener.open(url, timeout=30) as answer:
        links = json.load(answer).get("privateLinkConnections", [])
    return sorted(link["displayName"] for link in links if link.get("state") != "DELETING")


def lists_the_scenario(app):
    view = open_links(app)
    healthy, _ = view.final_status(HEALTHY)
    drifted, _ = view.final_status(DRIFTED)
    check(healthy == "Healthy", f"{HEALTHY!r} is {healthy!r}")
    check(drifted == "Drifted", f"{DRIFTED!r} is {drifted!r}")
    view.count("2 links")
    # The cluster by its display name, not its id; a database known only by the target's
    # address says so.
    clusters = view.cells(HEALTHY)
    check(CLUSTER_NAME in clusters, f"the row of {HEALTHY!r} shows {clusters}, not the cluster's name")
    check(CLUSTER_ID not in clusters, f"the row of {HEALTHY!r} shows the cluster's id: {clusters}")
    check("orders-mysql (inferred)" in clusters, f"the row of {HEALTHY!r} shows {clusters}")
    screenshot(os.path.join(shots, "links-1-list.png"))
    return view


def resync_turns_drifted_healthy(app, view):
    app.mouse_click(view.row_name(DRIFTED))
    addresses = view.detail_row("Registered and Current Address")
    check("10.0.32.4" in addresses.description, f"the addresses say {addresses.description!r}")
    target = view.detail_row("Target")
    check("Target.FailedHealthChecks" in target.description and "cannot open a connection" in target.description,
          f"the target's health is not explained: {target.description!r}")
    for button in ("Open the endpoint service in the AWS console", "Open the load balancer in the AWS console",
                   "Open the target group in the AWS console", "Open the cluster in the TiDB Cloud console"):
        app.find("push button", button, within=view.detail)
    cluster = view.detail_row("Cluster")
    check(cluster.description.startswith(f"{CLUSTER_NAME} · {CLUSTER_ID}"), f"the cluster is {cluster.description!r}")
    screenshot(os.path.join(shots, "links-2-detail-drifted.png"))
    appstream_screenshot(app, "links-drifted.png")
    app.click("push button", "Re-_sync Target", within=view.detail)
    # Made by hand, the link names no database: the view asks which one it should reach.
    view.click_in_dialog("check box", "billing-mysql")
    view.click_in_dialog("push button", "_Re-sync")
    app.wait_toast("“billing (set up by hand)” now reaches its database at", timeout=60)
    view.refresh_until(DRIFTED, "Healthy")
    app.wait_for(lambda: "which is the database’s current address"
                 in view.detail_row("Registered and Current Address").description,
                 "the detail to show the registered address as the database's")
    screenshot(os.path.join(shots, "links-3-resynced.png"))
    # A database inferred from the target's address is a guess: a re-sync asks, and
    # offers that one first.
    app.mouse_click(view.row_name(HEALTHY))
    view.detail_label(f"{HEALTHY}")
    app.click("push button", "Re-_sync Target", within=view.detail)
    inferred = view.in_dialog("check box", "orders-mysql")
    check(inferred.getState().contains(pyatspi.STATE_CHECKED), "the inferred database is not chosen first")
    screenshot(os.path.join(shots, "links-3b-resync-inferred.png"))
    view.click_in_dialog("push button", "_Cancel")


def create_with_wizard(app):
    """Walks the wizard to an ACTIVE link; returns its id as the done page shows it."""
    wizard.walk_to_review(app)
    app.click("push button", "C_reate Link")
    wizard.run_until(app, "The Link Is Active")
    return app.find("list item", "Link ID").description


def delete_removes_both_sides(app, link_id, aws_before, tidb_before):
    new_names = [name for name in tidb_links(app) if name not in tidb_before]
    check(len(new_names) == 1, f"TiDB Cloud lists {new_names} as new links")
    name = new_names[0]
    view = open_links(app)
    app.mouse_click(view.refresh_until(name, "Healthy"))
    managed = view.detail_label("Made by Causeway")
    check(link_id in managed.name, f"the detail names {managed.name!r}, not link {link_id}")
    screenshot(os.path.join(shots, "links-4-detail-managed.png"))
    app.click("push button", "_Delete…", within=view.detail)
    resources = view.in_dialog("list", "Resources to Delete")
    listed = [row.name for row in resources]
    for kind in ("TiDB Cloud private link connection", "Endpoint service", "Listener", "Network Load Balancer",
                 "Target group", "Database security group rule", "Load balancer security group"):
        check(any(row.startswith(kind) for row in listed), f"the confirmation does not list the {kind}: {listed}")
    screenshot(os.path.join(shots, "links-5-confirm-delete.png"))
    view.click_in_dialog("push button", "_Delete")
    say("delete confirmed")
    app.wait_toast(f"Deleted “{name}” and everything Causeway made for it.", timeout=wizard.RUN_TIMEOUT)
    # The rows of the links made by hand stay: the list is there, without the deleted one.
    app.wait_for(lambda: not view.name_cells(name) and view.name_cells(HEALTHY) and view.name_cells(DRIFTED),
                 f"the row of {name!r} to go, the others staying", timeout=REFRESH_TIMEOUT)
    aws_after = wizard.aws_inventory(app)
    check(aws_after == aws_before, f"the delete left AWS changed:\nbefore {aws_before}\nafter  {aws_after}")
    app.wait_for(lambda: tidb_links(app) == tidb_before, "TiDB Cloud to forget the connection",
                 timeout=REFRESH_TIMEOUT)


def shoot_failure(name):
    """What the window showed when a check failed, beside the other screenshots."""
    path = os.path.join(shots, f"links-failed-{name}.png")
    screenshot(path)
    print("ui/links: the window at the failure:", path)


def default_scenario():
    app = wizard.start()
    try:
        view = lists_the_scenario(app)
        say("the default scenario's links listed")
        resync_turns_drifted_healthy(app, view)
        say("the drifted link re-synced")
        aws_before = wizard.aws_inventory(app)
        tidb_before = tidb_links(app)
        link_id = create_with_wizard(app)
        say("a link made with the wizard")
        delete_removes_both_sides(app, link_id, aws_before, tidb_before)
        say("the link deleted")
    except Exception:
        shoot_failure("default")
        raise
    finally:
        app.stop()


def scroll_to_end(app, view, timeout=LARGE_TIMEOUT):
    """Presses End until the last row shows: the order settles as the statuses do."""
    def probe():
        cells = [cell for cell in view.name_cells(HEALTHY) if cell.description in FINAL_STATUSES]
        if not cells:
            app.press_keys(("End",))
        return cells
    return app.wait_for(probe, f"the last row, {HEALTHY!r}, to show after End", timeout, interval=0.5)[0]


def large_scenario():
    home, env = wizard.fresh_env()
    app = wizard.App(wizard.binary, env, os.path.join(home, "causeway.log"),
                     ["--sandbox", "--scenario", "large", "--time-scale", wizard.TIME_SCALE])
    try:
        opened = time.monotonic()
        view = open_links(app)
        view.count(f"{LARGE_LINKS} links", timeout=LARGE_TIMEOUT)
        say(f"{LARGE_LINKS} links listed {time.monotonic() - opened:.1f} s after opening the view "
            "(through AT-SPI; bench/links measures it properly)")
        # The problems come first; the last row of a thousand is a healthy one.
        status, first = view.final_status(DRIFTED, timeout=LARGE_TIMEOUT)
        check(status == "Drifted", f"the first row, {DRIFTED!r}, is {status!r}")
        screenshot(os.path.join(shots, "links-6-large.png"))
        app.mouse_click(first)
        last = scroll_to_end(app, view)
        check(last.description == "Healthy", f"the last row, {HEALTHY!r}, is {last.description!r}")
        check(not view.name_cells(DRIFTED), "the first row still shows after scrolling to the end")
        screenshot(os.path.join(shots, "links-7-large-scrolled.png"))
        say("scrolled to the end")
        # A search entry is an "entry" to AT-SPI, not "text".
        entry = app.find("entry", "Filter Links", within=view.list_side, prune=is_table)
        entry.queryEditableText().setTextContents("bulk link 0050")
        view.count(f"1 of {LARGE_LINKS} links", timeout=LARGE_TIMEOUT)
        status, pending = view.final_status("bulk link 0050", timeout=LARGE_TIMEOUT)
        check(status == "Pending acceptance", f"bulk link 0050 is {status!r}")
        app.mouse_click(pending)
        app.click("push button", "_Accept", timeout=LARGE_TIMEOUT, within=view.detail)
        app.wait_toast("Accepted TiDB Cloud’s endpoint of “bulk link 0050”.", timeout=LARGE_TIMEOUT)
        view.refresh_until("bulk link 0050", "Healthy", timeout=120)
        say("the pending link accepted")
    except Exception:
        shoot_failure("large")
        raise
    finally:
        app.stop()


def main():
    default_scenario()
    large_scenario()
    print("ui/links: passed; screenshots in", shots)


if __name__ == "__main__":
    main()
