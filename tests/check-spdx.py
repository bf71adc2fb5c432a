#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source file git tracks states its licence as GNOME projects do: an
SPDX-License-Identifier line among its first three, naming the licence of meson.build."""

import os
import re
import subprocess
import sys

root = sys.argv[1]
licence = re.search(r"license:\s*'([^']+)'", open(os.path.join(root, "meson.build")).read()).group(1)
tag = "SPDX-License-Identifier: " + licence
sources = re.compile(r"(\.(c|h|py|ui|sh)|(^|/)meson\.build|(^|/)meson_options\.txt|\.gresource\.xml|\.gschema\.xml"
                     r"|\.metainfo\.xml\.in|^tools/[^/]+|^\.ci/run)$")

files = subprocess.run(["git", "-C", root, "ls-files"], capture_output=True, text=True, check=True).stdout.split()
missing = []
for name in files:
    if not sources.search(name) or name.startswith("tests/integration/hcl2json/"):
        continue
    with open(os.path.join(root, name), encoding="utf-8", errors="replace") as handle:
        head = [handle.readline() for _ in range(3)]
    if not any(tag in line for line in head):
        missing.append(name)
for name in missing:
    print("no '%s' line: %s" % (tag, name))
print("%d source files checked, %d without the SPDX line" % (len([f for f in files if sources.search(f)]), len(missing)))
sys.exit(1 if missing else 0)
