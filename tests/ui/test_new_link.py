#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the new-link wizard in the sandbox, as a person would use it: fresh HOME,
every step walked by clicking, the database without zone overlap refused where it is
chosen, the fitting database linked until the link is ACTIVE; then a run cut by an
injected fault, retried to ACTIVE; and one rolled back, leaving the sandbox as before.
Screenshots of every page go to the build directory."""

import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cwtest import APPSTREAM_SHOTS, App, UiTestError, appstream_screenshot, fix_window_size, screenshot  # noqa: E402
import pyatspi  # noqa: E402

build_root = os.environ["MESON_BUILD_ROOT"]
binary = os.path.join(build_root, "src", "ui", "causeway")
shots = os.path.join(build_root, "screenshots")
os.makedirs(shots, exist_ok=True)
TIME_SCALE = "0.02"
RUN_TIMEOUT = 180
# A step is tried 6 times by the provisioner, each time with the AWS client's 3 attempts:
# 18 failures in a row make one run fail, and the next run succeed.
FAILS_ONE_RUN = 18


def check(condition, message):
    if not condition:
        raise UiTestError(message)


def fresh_env():
    home = tempfile.mkdtemp(prefix="causeway-ui-home-")
    env = dict(os.environ)
    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                     "TIDBCLOUD_PUBLIC_KEY", "TIDBCLOUD_PRIVATE_KEY"):
        env.pop(variable, None)
    env.update({
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
        "XDG_STATE_HOME": os.path.join(home, ".local", "state"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(build_root, "data"),
        "LANGUAGE": "en",
    })
    fix_window_size(env)
    return home, env


def start(faults=None):
    home, env = fresh_env()
    args = ["--sandbox", "--time-scale", TIME_SCALE, "--print-sandbox-environment"]
    if faults:
        args += ["--faults", faults]
    return App(binary, env, os.path.join(home, "causeway.log"), args)


def sandbox_environment(app):
    """The variables the app printed for the AWS CLI."""
    with open(app.log_path) as f:
        pairs = [line.strip().split("=", 1) for line in f if "=" in line and line[:1].isupper()]
    return {k: v for k, v in pairs if k.startswith(("AWS_", "TIDBCLOUD_"))}


def aws_inventory(app):
    """What the AWS CLI sees in the sandbox: the resources a link creates."""
    sandbox = sandbox_environment(app)
    env = dict(os.environ, AWS_ACCESS_KEY_ID=sandbox["AWS_ACCESS_KEY_ID"],
               AWS_SECRET_ACCESS_KEY=sandbox["AWS_SECRET_ACCESS_KEY"], AWS_DEFAULT_REGION="us-east-1",
               AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
               AWS_EC2_METADATA_DISABLED="true", AWS_PAGER="")
    url = sandbox["AWS_ENDPOINT_URL"]

    def aws(*args, query):
        out = subprocess.run(["/usr/bin/aws", "--endpoint-url", url, "--output", "json", *args,
                              "--query", query], env=env, capture_output=True, text=True, timeout=60)
        check(out.returncode == 0, f"aws {' '.join(args)} failed: {out.stderr}")
        return sorted(json.loads(out.stdout) or [])

    return {
        "target groups": aws("elbv2", "describe-target-groups", query="TargetGroups[].TargetGroupName"),
        "load balancers": aws("elbv2", "describe-load-balancers", query="LoadBalancers[].LoadBalancerName"),
        "security groups": aws("ec2", "describe-security-groups", query="SecurityGroups[].GroupId"),
        "endpoint services": aws("ec2", "describe-vpc-endpoint-service-configurations",
                                 query="ServiceConfigurations[].ServiceId"),
        "rules": aws("ec2", "describe-security-groups",
                     query="SecurityGroups[].IpPermissions[].UserIdGroupPairs[].GroupId"),
    }


def sidebar_step(app, title):
    steps = [n for n in app.find_all("list item", title) if n.description in ("To do", "Done", "Needs attention")]
    check(steps, f"no sidebar step {title!r}")
    return steps[0]


def open_step(app, title):
    app.mouse_click(sidebar_step(app, title))


def continue_(app):
    app.click("push button", "_Continue")


def wait_check(app, text, verdict):
    """A check row whose sentence contains @text, with the verdict @verdict."""
    return app.wait_for(lambda: [n for n in app.find_all("list item")
                                 if text in n.name and n.description.startswith(verdict)],
                        f"a check saying {text!r} with verdict {verdict!r}", timeout=60)


def verify_accounts(app):
    open_step(app, "Accounts")
    app.click("push button", "_Verify")
    account = app.find("list item", "AWS Account", timeout=60)
    check(account.description.isdigit() and len(account.description) == 12,
          f"the verified AWS account is {account.description!r}")


def choose_cluster(app):
    app.click("check box", "sandbox-essential", timeout=60)
    zones = app.find("list item", "TiDB Cloud’s Zone IDs", timeout=60)
    check("az" in zones.description, f"TiDB Cloud's zones are {zones.description!r}")


def choose_database(app, name):
    app.click("check box", name, timeout=60)


def zone_badge(app, database):
    """The zone-overlap badge of @database's row, once it says more than "Checking zones…"."""
    def probe():
        row = app.find("check box", database, timeout=60)
        while row is not None and row.getRoleName() != "list item":
            row = row.parent
        check(row is not None, f"the check box {database!r} is in no list row")
        badges = pyatspi.findAllDescendants(row, lambda n: n.getRoleName() == "label" and
                                            n.name in ("Zones fit", "No shared zone", "Zones not checked"))
        return badges and badges[0]

    return app.wait_for(probe, f"the zone verdict of {database!r}", timeout=60)


def zone_verdicts_before_choosing(app):
    """Every row of the Database step says whether its database shares a zone with TiDB
    Cloud before any is chosen: the fitting one fits, the legacy one shares none."""
    fits = zone_badge(app, "orders-mysql")
    check(fits.name == "Zones fit", f"orders-mysql's zone verdict is {fits.name!r}")
    check("use1-az" in fits.description, f"orders-mysql's verdict says {fits.description!r}")
    refused = zone_badge(app, "legacy-mysql")
    check(refused.name == "No shared zone", f"legacy-mysql's zone verdict is {refused.name!r}")
    check("has no subnet in any of TiDB Cloud’s zones" in refused.description,
          f"legacy-mysql's verdict says {refused.description!r}")
    check(not app.find("check box", "legacy-mysql").getState().contains(pyatspi.STATE_CHECKED),
          "legacy-mysql was chosen before its verdict was read")


def run_until(app, label):
    app.find("label", label, timeout=RUN_TIMEOUT)


def walk_to_review(app, shoot=None):
    """Accounts, cluster, then the fitting database through to Review; @shoot names the
    screenshots of each page, and asks for the databases' zone verdicts to be checked."""
    verify_accounts(app)
    shoot and screenshot(os.path.join(shots, f"{shoot}-1-accounts.png"))
    continue_(app)
    choose_cluster(app)
    shoot and screenshot(os.path.join(shots, f"{shoot}-2-cluster.png"))
    continue_(app)
    if shoot:
        zone_verdicts_before_choosing(app)
        screenshot(os.path.join(shots, f"{shoot}-3-databases.png"))
    walk_from_database(app, shoot)


def walk_from_database(app, shoot=None):
    choose_database(app, "orders-mysql")
    wait_check(app, "The target will be the database’s private address", "OK")
    shoot and screenshot(os.path.join(shots, f"{shoot}-3-database.png"))
    continue_(app)
    app.find("list", "Subnets")
    wait_check(app, "One subnet per zone is selected", "OK")
    shoot and screenshot(os.path.join(shots, f"{shoot}-4-network.png"))
    continue_(app)
    app.find("push button", "C_reate Link")
    app.find("text", "IAM policy")
    # The monthly cost, from the sandbox's Price List API: the load balancer's 730 hours
    # at $0.0225 and one NLCU at $0.006.
    cost = app.find("list item", "About $20.81 a month", timeout=60)
    check("us-east-1" in cost.description, f"the cost says {cost.description!r}")
    shoot and screenshot(os.path.join(shots, f"{shoot}-5-review.png"))


def tab_to(app, role, name, limit=40):
    """Presses Tab until the control named @name has the keyboard focus."""
    import pyatspi
    for _ in range(limit):
        focused = [n for n in app.find_all(role, name) if n.getState().contains(pyatspi.STATE_FOCUSED)]
        if focused:
            return focused[0]
        app.press_keys(("Tab",))
        time.sleep(0.15)
    raise UiTestError(f"Tab never reached {name!r}")


def keyboard_walk_to_review(app):
    """The same walk without the mouse: mnemonics for the buttons, Tab and Space to choose."""
    app.find("push button", "_Verify")
    app.press_keys(("Alt_L", "v"))
    app.find("list item", "AWS Account", timeout=60)
    app.press_keys(("Alt_L", "c"))
    app.find("check box", "sandbox-essential", timeout=60)
    tab_to(app, "check box", "sandbox-essential")
    app.press_keys(("space",))
    app.find("list item", "TiDB Cloud’s Zone IDs", timeout=60)
    app.press_keys(("Alt_L", "c"))
    app.find("check box", "orders-mysql", timeout=60)
    tab_to(app, "check box", "orders-mysql")
    app.press_keys(("space",))
    wait_check(app, "The target will be the database’s private address", "OK")
    app.press_keys(("Alt_L", "c"))
    wait_check(app, "One subnet per zone is selected", "OK")
    app.press_keys(("Alt_L", "c"))
    app.find("push button", "C_reate Link")


def no_overlap_is_refused(app):
    """The database whose VPC has no subnet in TiDB Cloud's zones is refused where it is
    chosen, and Create waits, saying why."""
    open_step(app, "Database")
    choose_database(app, "legacy-mysql")
    wait_check(app, "has no subnet in any of TiDB Cloud’s zones", "Error")
    check(sidebar_step(app, "Database").description == "Needs attention",
          "the sidebar does not flag the Database step")
    screenshot(os.path.join(shots, "new-link-no-overlap.png"))
    open_step(app, "Review & Create")
    create = app.find("push button", "C_reate Link")
    check(not app.is_sensitive(create), "Create is sensitive although a check is an error")
    app.wait_for(lambda: [n for n in app.find_all("label") if "has no subnet in any of TiDB Cloud’s zones" in n.name],
                 "the reason Create waits")


# For the AppStream screenshot of the progress page, TiDB Cloud's answer to the new
# connection comes late: the run is still under way when the page is taken.
SLOW_TIDB = "delay:tidb.CreatePrivateLinkConnection:ms=10000"


def happy_path():
    app = start(faults=SLOW_TIDB if APPSTREAM_SHOTS else None)
    try:
        walk_to_review(app, shoot="new-link")
        appstream_screenshot(app, "review.png")
        no_overlap_is_refused(app)
        open_step(app, "Database")
        walk_from_database(app)
        app.click("push button", "C_reate Link")
        app.find("list", "Steps")
        screenshot(os.path.join(shots, "new-link-6-progress.png"))
        # The request log shows each AWS answer with its request ID, for support.
        log = app.find("text", "Request log", timeout=60, showing=False)
        app.wait_for(lambda: "CreateSecurityGroup" in app.text_of(log) and
                     any(len(word) >= 20 and word.count("-") >= 4 for word in app.text_of(log).split()),
                     "an AWS request with its request ID in the log", timeout=60)
        appstream_screenshot(app, "progress.png")
        check(not APPSTREAM_SHOTS or not app.find_all("label", "The Link Is Active"),
              "the run ended before the progress page's AppStream screenshot was taken")
        run_until(app, "The Link Is Active")
        service = app.find("list item", "Endpoint Service")
        check(service.description.startswith("com.amazonaws.vpce.us-east-1.vpce-svc-"),
              f"the endpoint service is {service.description!r}")
        check(app.find("list item", "State").description == "ACTIVE", "the link is not ACTIVE")
        screenshot(os.path.join(shots, "new-link-7-done.png"))
    finally:
        app.stop()


def fault_then_retry():
    app = start(faults=f"5xx:elbv2.CreateListener:count={FAILS_ONE_RUN}")
    try:
        keyboard_walk_to_review(app)
        app.press_keys(("Alt_L", "r"))
        app.find("push button", "_Retry", timeout=RUN_TIMEOUT)
        app.wait_for(lambda: [n for n in app.find_all("label") if "CreateListener" in n.name or "500" in n.name],
                     "the error of the failed step", timeout=RUN_TIMEOUT)
        screenshot(os.path.join(shots, "new-link-failed.png"))
        app.click("push button", "_Retry")
        run_until(app, "The Link Is Active")
    finally:
        app.stop()


def roll_back_leaves_nothing():
    app = start(faults=f"5xx:ec2.CreateVpcEndpointServiceConfiguration:count={FAILS_ONE_RUN}")
    try:
        before = aws_inventory(app)
        walk_to_review(app)
        app.click("push button", "C_reate Link")
        app.find("push button", "Roll _Back", timeout=RUN_TIMEOUT)
        app.click("push button", "Roll _Back")
        run_until(app, "Everything Was Removed")
        after = aws_inventory(app)
        check(before == after, f"the roll back left the sandbox changed:\nbefore {before}\nafter  {after}")
    finally:
        app.stop()


def main():
    happy_path()
    fault_then_retry()
    roll_back_leaves_nothing()
    print("ui/new-link: passed; screenshots in", shots)


if __name__ == "__main__":
    main()
