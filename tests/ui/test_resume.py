#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of an interrupted run: closing the window while a link is being created asks
first; the next start offers to resume the run, and resuming finishes the link. The
clouds are a causeway-sandbox process of their own, reached through the environment the
way the AWS and TiDB Cloud CLIs are, so that they outlive the application."""

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cwtest import App, UiTestError, screenshot  # noqa: E402
import test_new_link as wizard  # noqa: E402

build_root = os.environ["MESON_BUILD_ROOT"]
sandbox_binary = os.path.join(build_root, "src", "sandbox", "causeway-sandbox")


def start_sandbox(hosts_file):
    process = subprocess.Popen([sandbox_binary, "--time-scale", "0.05", "--hosts-file", hosts_file],
                               stdout=subprocess.PIPE, text=True)
    variables = {}
    deadline = time.monotonic() + 30
    while len(variables) < 8 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        name, _, value = line.strip().partition("=")
        variables[name] = value
    wizard.check(len(variables) >= 8, "causeway-sandbox did not print its environment")
    return process, variables


def main():
    home, env = wizard.fresh_env()
    hosts_file = os.path.join(home, "hosts")
    sandbox, variables = start_sandbox(hosts_file)
    env.update(variables)
    env["CAUSEWAY_HOSTS_FILE"] = hosts_file
    log = os.path.join(home, "causeway.log")
    try:
        app = App(wizard.binary, env, log)
        try:
            wizard.walk_to_review(app)
            app.click("push button", "C_reate Link")
            app.find("list", "Steps")
            app.wait_for(lambda: [n for n in app.find_all("list item") if n.description.startswith("Done")],
                         "a first step done", timeout=60)
            app.press_keys(("Control_L", "q"))
            app.find("label", "A Link Is Being Created")
            screenshot(os.path.join(wizard.shots, "resume-1-close-asks.png"))
            app.click("push button", "_Stop and Close")
            app.wait_exit()
        finally:
            app.stop()

        app = App(wizard.binary, env, log)
        try:
            app.find("label", "Finish the Unfinished Link?", timeout=30)
            screenshot(os.path.join(wizard.shots, "resume-2-offer.png"))
            app.click("push button", "_Resume")
            app.find("label", "The Link Is Active", timeout=wizard.RUN_TIMEOUT)
            wizard.check(app.find("list item", "State").description == "ACTIVE", "the resumed link is not ACTIVE")
            screenshot(os.path.join(wizard.shots, "resume-3-done.png"))
        finally:
            app.stop()
    finally:
        sandbox.terminate()
        sandbox.wait(10)
    print("ui/resume: passed")


if __name__ == "__main__":
    main()
