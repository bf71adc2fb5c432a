#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Responsiveness benchmark: the longest main-loop stall of the real application while a
link is created in the sandbox. The wizard is walked through AT-SPI like the UI tests;
once Create is pressed the harness only reads the application's log, so that serving
accessibility queries does not count as the application's own stalls. The application
measures itself (CAUSEWAY_REPORT_STALLS) and reports when the run ends.

    tools/session /usr/bin/python3 bench/responsiveness/create.py BUILD_DIR [TIME_SCALE]
"""

import os
import sys
import time

build = os.path.abspath(sys.argv[1])
time_scale = sys.argv[2] if len(sys.argv) > 2 else "0.2"
os.environ["MESON_BUILD_ROOT"] = build
os.environ["CAUSEWAY_REPORT_STALLS"] = "1"
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "ui"))

import test_new_link as wizard  # noqa: E402

wizard.TIME_SCALE = time_scale
app = wizard.start()
try:
    wizard.walk_to_review(app)
    app.click("push button", "C_reate Link")
    report = None
    deadline = time.monotonic() + 900
    while report is None and time.monotonic() < deadline:
        time.sleep(1)
        with open(app.log_path) as log:
            report = next((line.strip() for line in log if line.startswith("main-loop create")), None)
finally:
    app.stop()
if report is None:
    sys.exit("the application reported no measurement of the create run")
print(f"time-scale={time_scale} renderer={os.environ.get('GSK_RENDERER', 'default')}")
print(report, "(target: longest < 20 ms)")
