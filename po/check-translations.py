#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that po/POTFILES.in lists every file with translatable strings and that every
language in po/LINGUAS translates every string, with valid format strings."""

import os
import re
import subprocess
import sys
import tempfile

source_root = sys.argv[1]
po_dir = os.path.join(source_root, "po")
marker = re.compile(r'\b(N?_|C_|NC_|ngettext)\s*\(|translatable="yes"')


def msgids(po_text):
    """The msgids of a .po text, long ones (msgid "" and continuation lines) joined; the
    header's empty one left out."""
    ids = []
    for entry in po_text.split("\n\n"):
        lines, inside = [], False
        for line in entry.splitlines():
            if line.startswith("msgid "):
                inside = True
                line = line[len("msgid "):]
            elif line.startswith(("msgstr", "msgid_plural")):
                inside = False
            if inside and line.startswith('"'):
                lines.append(line[1:-1])
        if "".join(lines):
            ids.append("".join(lines))
    return ids


def listed_files():
    with open(os.path.join(po_dir, "POTFILES.in")) as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def files_with_strings():
    found = []
    for directory in ("src",):
        for root, _, files in os.walk(os.path.join(source_root, directory)):
            for name in files:
                if name.endswith((".c", ".ui")):
                    path = os.path.join(root, name)
                    with open(path, encoding="utf-8") as f:
                        if marker.search(f.read()):
                            found.append(os.path.relpath(path, source_root))
    return sorted(found)


problems = []
listed = listed_files()
for path in files_with_strings():
    if path not in listed:
        problems.append(f"{path} has translatable strings but is not in po/POTFILES.in")
for path in listed:
    if not os.path.exists(os.path.join(source_root, path)):
        problems.append(f"po/POTFILES.in lists {path}, which does not exist")

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "causeway.pot")
    subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments", "--keyword=_", "--keyword=N_",
                    "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=ngettext:1,2",
                    "--keyword=g_dngettext:2,3", "--flag=g_strdup_printf:1:c-format",
                    "--flag=g_set_error:4:c-format", "--flag=g_task_return_new_error:4:c-format",
                    "--directory", source_root, "--files-from", os.path.join(po_dir, "POTFILES.in"),
                    "--output", pot], check=True)
    with open(os.path.join(po_dir, "LINGUAS")) as f:
        languages = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    for language in languages:
        po = os.path.join(po_dir, language + ".po")
        merged = os.path.join(tmp, language + ".po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "--output-file", merged, po, pot],
                       check=True)
        for kind, flag in (("untranslated", "--untranslated"), ("fuzzy", "--only-fuzzy")):
            out = subprocess.run(["msgattrib", flag, "--no-obsolete", merged],
                                 capture_output=True, text=True, check=True).stdout
            for msgid in msgids(out):
                problems.append(f"{language}: {kind}: {msgid}")
        check = subprocess.run(["msgfmt", "--check", "--output-file", os.devnull, merged],
                               capture_output=True, text=True)
        if check.returncode != 0:
            problems.append(f"{language}: msgfmt --check: {check.stderr.strip()}")

for problem in problems:
    print(problem)
print(f"translations: {len(problems)} problems")
sys.exit(1 if problems else 0)
