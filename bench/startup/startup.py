#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start-up benchmark: time to the first painted frame and resident memory then, for
Causeway's main window and for a minimal libadwaita window, measured alternately in
the same run on the same display and renderer. Prints medians and their ratios.

    tools/session /usr/bin/python3 bench/startup/startup.py BUILD_DIR [RUNS]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

build = os.path.abspath(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
programs = {
    "causeway": [os.path.join(build, "src", "ui", "causeway")],
    "minimal": [os.path.join(build, "bench", "startup", "bench-minimal-window")],
}


def first_frame(command):
    home = tempfile.mkdtemp(prefix="cw-bench-home-")
    env = dict(os.environ, CAUSEWAY_REPORT_FIRST_FRAME="1", HOME=home,
               XDG_CONFIG_HOME=os.path.join(home, ".config"),
               GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"), GSETTINGS_BACKEND="memory")
    start = time.monotonic()
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        for line in process.stderr:
            if line.startswith("first-frame"):
                elapsed = time.monotonic() - start
                rss = int(line.split("rss-kb=")[1])
                return elapsed * 1000.0, rss
        raise RuntimeError(f"{command[0]} exited without drawing a frame")
    finally:
        process.wait(timeout=30)


samples = {name: [] for name in programs}
for name in programs:  # one warm-up each: the page cache, the fontconfig cache
    first_frame(programs[name])
for _ in range(runs):
    for name, command in programs.items():
        samples[name].append(first_frame(command))

ms = {name: statistics.median(s[0] for s in samples[name]) for name in programs}
kb = {name: statistics.median(s[1] for s in samples[name]) for name in programs}
renderer = os.environ.get("GSK_RENDERER", "default")
print(f"renderer={renderer} runs={runs}")
for name in programs:
    print(f"{name}: first frame {ms[name]:.1f} ms (median), resident {kb[name] / 1024:.1f} MiB")
print(f"ratio time {ms['causeway'] / ms['minimal']:.2f}x, memory {kb['causeway'] / kb['minimal']:.2f}x "
      f"(targets: <= 1.25x each)")
