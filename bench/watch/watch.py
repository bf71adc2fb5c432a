# SPDX-License-Identifier: GPL-3.0-or-later
"""The requests of `causeway-cli watch` cycles over the sandbox's large scenario
(DESIGN.md §10, Watching: a cycle over 1,000 unchanged links takes at most 15 requests).

    python3 bench/watch/watch.py BUILD_DIR [CYCLES]

Starts causeway-sandbox (--scenario large) in a process of its own, runs
`causeway-cli watch --once` once to make the first, full check, then CYCLES more times
over the unchanged links, and prints the requests each cycle cost as the sandbox counted
them (GET /_sandbox/requests, before and after) with the operations they were, beside
the count the watcher printed itself. Then it fails a database over through the control
endpoint and prints the cost of the cycle that notices it. Figures only: no timing, no
assertion.
"""
import json
import os
import subprocess
import sys
import tempfile
import urllib.request


def start_sandbox(build, state):
    hosts = os.path.join(state, "hosts")
    sandbox = subprocess.Popen(
        [os.path.join(build, "src", "sandbox", "causeway-sandbox"), "--scenario", "large",
         "--time-scale", "0.01", "--hosts-file", hosts],
        stdout=subprocess.PIPE, text=True)
    env = dict(os.environ, XDG_STATE_HOME=state, XDG_CACHE_HOME=state)
    for line in sandbox.stdout:
        name, _, value = line.strip().partition("=")
        env[name] = value
        if name == "CAUSEWAY_TIME_SCALE":
            break
    env.pop("AWS_PROFILE", None)
    port = env["AWS_ENDPOINT_URL"].rstrip("/").rsplit(":", 1)[1]
    return sandbox, env, "http://127.0.0.1:%s/_sandbox/" % port


def counts(control):
    with urllib.request.urlopen(control + "requests") as answer:
        return json.load(answer)


def cycle(build, env, control, *options):
    before = counts(control)
    run = subprocess.run([os.path.join(build, "src", "cli", "causeway-cli"), "watch", "--once", *options],
                         env=env, capture_output=True, text=True)
    after = counts(control)
    operations = {name: n - before["byOperation"].get(name, 0)
                  for name, n in after["byOperation"].items() if n != before["byOperation"].get(name, 0)}
    summary = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
    changes = len(run.stdout.splitlines())
    return after["total"] - before["total"], operations, summary, run.returncode, changes


def report(label, result):
    total, operations, summary, status, changes = result
    print("%-34s %5d requests  exit %d  %4d change lines  [%s]" % (label, total, status, changes, summary))
    print("%-34s %s" % ("", ", ".join("%s %d" % item for item in sorted(operations.items()))))


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    cycles = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as state:
        sandbox, env, control = start_sandbox(build, state)
        try:
            report("first cycle (full check)", cycle(build, env, control))
            for i in range(cycles):
                report("unchanged cycle %d" % (i + 1), cycle(build, env, control))
            request = urllib.request.Request(control + "failover?database=orders-mysql", method="POST")
            urllib.request.urlopen(request).read()
            report("after a failover of orders-mysql", cycle(build, env, control))
            request = urllib.request.Request(control + "failover?database=orders-mysql", method="POST")
            urllib.request.urlopen(request).read()
            report("another failover, with --repair", cycle(build, env, control, "--repair"))
            report("the cycle after the repairs", cycle(build, env, control))
        finally:
            sandbox.terminate()
            sandbox.wait()


if __name__ == "__main__":
    main()
