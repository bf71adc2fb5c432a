#!/usr/bin/python3
"""UI test of the links view in the sandbox, as a person would use it: the default
scenario's two links made by hand listed with their statuses, the drifted one re-synced
to its database until it is Healthy, a link made by the wizard listed, then deleted,
leaving nothing of it on either side of the sandbox (checked with the AWS CLI and TiDB
Cloud's API); then the large scenario's thousand links loaded, filtered, scrolled, and a
pending one accepted. Screenshots go to the build directory."""

import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cwtest import UiTestError, screenshot  # noqa: E402
import test_new_link as wizard  # noqa: E402

shots = wizard.shots
CLUSTER_ID = "10289034792938145678"
HEALTHY = "orders (set up by hand)"
DRIFTED = "billing (set up by hand)"
LARGE_LINKS = 1002  # the large scenario's thousand, and the default scenario's two
# Walking the accessibility tree of a window showing a thousand links takes seconds.
REFRESH_TIMEOUT = 60
LARGE_TIMEOUT = 90
check = wizard.check


def open_links(app):
    app.mouse_click(app.find("list item", "Links"))
    app.find("tree table", "Links", timeout=60)


def name_cells(app, name):
    """The name cells of @name's rows: the one label of a row whose description is the
    link's status (a database of the same name is another column's)."""
    return [cell for cell in app.find_all("label", name) if cell.description]


def row_name(app, name, timeout=REFRESH_TIMEOUT):
    return app.wait_for(lambda: name_cells(app, name), f"the row of {name!r}", timeout)[0]


def refresh_until(app, name, status, timeout=REFRESH_TIMEOUT):
    """Presses F5 until the row of @name says @status."""
    deadline = time.monotonic() + timeout
    while True:
        cells = [cell for cell in name_cells(app, name) if cell.description == status]
        if cells:
            return cells[0]
        if time.monotonic() > deadline:
            found = [cell.description for cell in name_cells(app, name)]
            raise UiTestError(f"{name!r} is {found} after {timeout} s, not {status!r}")
        app.press_keys(("F5",))
        time.sleep(1)


def detail_row(app, title):
    """A row of the detail; GTK 4.8 repeats a row's title after its accessible name."""
    return app.wait_for(lambda: [n for n in app.find_all("list item") if n.name in (title, f"{title} {title}")],
                        f"the detail row {title!r}")[0]


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
    open_links(app)
    healthy = row_name(app, HEALTHY)
    drifted = row_name(app, DRIFTED)
    check(healthy.description == "Healthy", f"{HEALTHY!r} is {healthy.description!r}")
    check(drifted.description == "Drifted", f"{DRIFTED!r} is {drifted.description!r}")
    check(app.find("label", "2 links"), "the count does not say 2 links")
    screenshot(os.path.join(shots, "links-1-list.png"))


def resync_turns_drifted_healthy(app):
    app.mouse_click(row_name(app, DRIFTED))
    addresses = detail_row(app, "Registered and Current Address")
    check("10.0.32.4" in addresses.description, f"the addresses say {addresses.description!r}")
    target = detail_row(app, "Target")
    check("Target.FailedHealthChecks" in target.description and "cannot open a connection" in target.description,
          f"the target's health is not explained: {target.description!r}")
    for button in ("Open the endpoint service in the AWS console", "Open the load balancer in the AWS console",
                   "Open the target group in the AWS console", "Open the cluster in the TiDB Cloud console"):
        app.find("push button", button)
    screenshot(os.path.join(shots, "links-2-detail-drifted.png"))
    app.click("push button", "Re-_sync Target")
    # Made by hand, the link names no database: the view asks which one it should reach.
    app.click("check box", "billing-mysql", timeout=60)
    app.click("push button", "_Re-sync")
    app.find("label", "“billing (set up by hand)” now reaches its database at", timeout=60)
    refresh_until(app, DRIFTED, "Healthy")
    app.wait_for(lambda: "which is the database’s current address"
                 in detail_row(app, "Registered and Current Address").description,
                 "the detail to show the registered address as the database's")
    screenshot(os.path.join(shots, "links-3-resynced.png"))


def create_with_wizard(app):
    """Walks the wizard to an ACTIVE link; returns its name as the done page shows it."""
    wizard.walk_to_review(app)
    app.click("push button", "C_reate Link")
    wizard.run_until(app, "The Link Is Active")
    return app.find("list item", "Link ID").description


def delete_removes_both_sides(app, link_id, aws_before, tidb_before):
    new_names = [name for name in tidb_links(app) if name not in tidb_before]
    check(len(new_names) == 1, f"TiDB Cloud lists {new_names} as new links")
    name = new_names[0]
    open_links(app)
    cell = refresh_until(app, name, "Healthy")
    app.mouse_click(cell)
    managed = app.wait_for(lambda: [n for n in app.find_all("label") if n.name.startswith("Made by Causeway")],
                           "the detail to say the link is Causeway's")
    check(link_id in managed[0].name, f"the detail names {managed[0].name!r}, not link {link_id}")
    screenshot(os.path.join(shots, "links-4-detail-managed.png"))
    app.click("push button", "_Delete…")
    resources = app.find("list", "Resources to Delete", timeout=30)
    listed = [row.name for row in resources]
    for kind in ("TiDB Cloud private link connection", "Endpoint service", "Listener", "Network Load Balancer",
                 "Target group", "Database security group rule", "Load balancer security group"):
        check(any(row.startswith(kind) for row in listed), f"the confirmation does not list the {kind}: {listed}")
    screenshot(os.path.join(shots, "links-5-confirm-delete.png"))
    app.click("push button", "_Delete")
    app.find("label", f"Deleted “{name}” and everything Causeway made for it.", timeout=wizard.RUN_TIMEOUT)
    app.wait_for(lambda: not name_cells(app, name), f"the row of {name!r} to go", timeout=REFRESH_TIMEOUT)
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
        lists_the_scenario(app)
        resync_turns_drifted_healthy(app)
        aws_before = wizard.aws_inventory(app)
        tidb_before = tidb_links(app)
        link_id = create_with_wizard(app)
        delete_removes_both_sides(app, link_id, aws_before, tidb_before)
    except Exception:
        shoot_failure("default")
        raise
    finally:
        app.stop()


def large_scenario():
    home, env = wizard.fresh_env()
    app = wizard.App(wizard.binary, env, os.path.join(home, "causeway.log"),
                     ["--sandbox", "--scenario", "large", "--time-scale", wizard.TIME_SCALE])
    try:
        started = time.monotonic()
        open_links(app)
        app.find("label", f"{LARGE_LINKS} links", timeout=LARGE_TIMEOUT)
        print(f"ui/links: {LARGE_LINKS} links listed {time.monotonic() - started:.1f} s after opening the view "
              "(through AT-SPI; bench/links measures it properly)")
        screenshot(os.path.join(shots, "links-6-large.png"))
        # The problems come first; the last row of a thousand is a healthy one.
        first = row_name(app, DRIFTED, timeout=LARGE_TIMEOUT)
        app.mouse_click(first)
        app.press_keys(("End",))
        row_name(app, HEALTHY, timeout=LARGE_TIMEOUT)
        check(not name_cells(app, DRIFTED), "the first row still shows after scrolling to the end")
        screenshot(os.path.join(shots, "links-7-large-scrolled.png"))
        # A search entry is an "entry" to AT-SPI, not "text".
        app.find("entry", "Filter Links", timeout=LARGE_TIMEOUT).queryEditableText().setTextContents("bulk link 0050")
        app.find("label", f"1 of {LARGE_LINKS} links", timeout=LARGE_TIMEOUT)
        pending = row_name(app, "bulk link 0050", timeout=LARGE_TIMEOUT)
        check(pending.description == "Pending acceptance", f"bulk link 0050 is {pending.description!r}")
        app.mouse_click(pending)
        app.click("push button", "_Accept", timeout=LARGE_TIMEOUT)
        app.find("label", "Accepted TiDB Cloud’s endpoint of “bulk link 0050”.", timeout=LARGE_TIMEOUT)
        refresh_until(app, "bulk link 0050", "Healthy", timeout=120)
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
