#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of several databases behind one link (DESIGN.md §4.5), as a person would do it
in the sandbox: a link made with the wizard, then a second database of the same VPC added
to it from the Database step ("Add to …"), the Review page saying it costs nothing more by
the hour; the link's detail then lists both databases with their ports; after a failover
of the second, it is re-synced from its row, then removed from there, leaving the first. Screenshots go to the build directory."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cwtest import screenshot  # noqa: E402
import test_dataflows as dataflows  # noqa: E402
import test_links as links  # noqa: E402
import test_new_link as wizard  # noqa: E402
import test_watch as watch  # noqa: E402

shots = wizard.shots
check = wizard.check
LINK = "orders-mysql"       # the wizard names a new link after its database
ADDED = "billing-mysql"


def add_to_link(app):
    """From the done page of the first link: New Link, the same cluster, the second
    database, and the choice to add it to the first link."""
    app.click("push button", "_New Link")
    wizard.open_step(app, "TiDB Cluster")
    wizard.choose_cluster(app)
    wizard.continue_(app)
    wizard.choose_database(app, ADDED)
    add = app.find("check box", f"Add to “{LINK}”", timeout=60)
    check(app.find("check box", "New Link").getState().contains(links.pyatspi.STATE_CHECKED),
          "a new link is not the first choice")
    # Below the databases: scrolled to, as a person would.
    dataflows.scroll_to(app, add)
    app.activate(add)
    app.wait_for(lambda: "on port 3307" in app.find("check box", f"Add to “{LINK}”").description,
                 "the port the link's load balancer gives the database", timeout=60,
                 seen=lambda: app.find("check box", f"Add to “{LINK}”").description)
    screenshot(os.path.join(shots, "add-database-1-database.png"))
    wizard.continue_(app)
    app.find("list", "Subnets")
    wizard.wait_check(app, "One subnet per zone is selected", "OK")
    screenshot(os.path.join(shots, "add-database-1b-network.png"))
    wizard.continue_(app)
    app.find("push button", "_Add Database", timeout=60)
    cost = app.find("list item", "No additional hourly cost", timeout=60)
    check("already paid for" in cost.description, f"the cost says {cost.description!r}")
    listener = app.wait_for(lambda: [n for n in app.find_all("list item") if n.name.startswith("Create listener")],
                            "the listener in the changes")[0]
    check("TCP port 3307" in listener.description, f"the listener is {listener.description!r}")
    check(not [n for n in app.find_all("list item") if n.name.startswith("Create load balancer")],
          "adding a database creates a load balancer")
    screenshot(os.path.join(shots, "add-database-2-review.png"))
    app.click("push button", "_Add Database")
    wizard.run_until(app, "The Database Is Reachable")
    check(app.find("list item", "Port").description == "3307", "the done page does not give port 3307")
    screenshot(os.path.join(shots, "add-database-3-done.png"))


def detail_lists_both(app):
    view = links.open_links(app)
    app.mouse_click(view.refresh_until(LINK, "Healthy"))
    first = view.detail_row(LINK)
    second = view.detail_row(ADDED)
    check(first.description.startswith("port 3306") and first.description.endswith("Healthy"),
          f"{LINK} in the detail: {first.description!r}")
    check(second.description.startswith("port 3307") and second.description.endswith("Healthy"),
          f"{ADDED} in the detail: {second.description!r}")
    check(f"{LINK}, {ADDED}" in view.cells(LINK), f"the row of {LINK!r} shows {view.cells(LINK)}")
    dataflows.scroll_to(app, second)
    screenshot(os.path.join(shots, "add-database-4-detail.png"))
    return view


def resync_second(app, view):
    """A failover moves the added database: its row says so and re-syncs it alone."""
    watch.failover(app, ADDED)
    view.refresh_until(LINK, "Drifted")
    app.wait_for(lambda: view.detail_row(ADDED).description.endswith("Drifted"), f"{ADDED} to show as drifted")
    check(view.detail_row(LINK).description.endswith("Healthy"), f"{LINK} in the detail: {view.detail_row(LINK).description!r}")
    button = app.find("push button", f"Re-sync {ADDED}", within=view.detail)
    dataflows.scroll_to(app, button)
    screenshot(os.path.join(shots, "add-database-5-drifted.png"))
    app.activate(button)
    app.wait_toast(f"“{LINK}” now reaches {ADDED} at", timeout=60)
    view.refresh_until(LINK, "Healthy")
    # The toast stays while the pointer rests on it (the wheel left it there): moved
    # away, as a person's hand would, it goes, and the next can show.
    links.pyatspi.Registry.generateMouseEvent(5, 5, "abs")
    app.wait_for(lambda: not app.toasts(), "the re-sync's toast to go", timeout=30)


def remove_second(app, view, aws_with_one):
    app.activate(app.find("push button", f"Remove {ADDED} from the link", within=view.detail))
    view.in_dialog("push button", "_Remove")
    screenshot(os.path.join(shots, "add-database-6-confirm-remove.png"))
    view.click_in_dialog("push button", "_Remove")
    app.wait_toast(f"Removed {ADDED} from “{LINK}”; the link and its other databases stay.",
                   timeout=wizard.RUN_TIMEOUT)
    app.wait_for(lambda: not [n for n in app.find_all("list item", within=view.detail)
                              if n.name in (ADDED, f"{ADDED} {ADDED}")],
                 f"{ADDED} to leave the detail", timeout=links.REFRESH_TIMEOUT)
    view.refresh_until(LINK, "Healthy")
    after = wizard.aws_inventory(app)
    check(after == aws_with_one, f"removing the database left AWS changed:\nbefore {aws_with_one}\nafter  {after}")


def main():
    app = wizard.start()
    try:
        wizard.walk_to_review(app)
        app.click("push button", "C_reate Link")
        wizard.run_until(app, "The Link Is Active")
        aws_with_one = wizard.aws_inventory(app)
        add_to_link(app)
        with_two = wizard.aws_inventory(app)
        check(len(with_two["target groups"]) == len(aws_with_one["target groups"]) + 1,
              f"adding made target groups {with_two['target groups']}")
        check(with_two["load balancers"] == aws_with_one["load balancers"], "adding made a load balancer")
        view = detail_lists_both(app)
        resync_second(app, view)
        remove_second(app, view, aws_with_one)
    except Exception:
        links.shoot_failure("add-database")
        raise
    finally:
        app.stop()
    print("ui/add-database: passed; screenshots in", shots)


if __name__ == "__main__":
    main()
