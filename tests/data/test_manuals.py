#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every command and option a program's --help shows is in its manual, and man renders
each built manual without a warning.

Usage: test_manuals.py PROGRAM SCD_SOURCE BUILT_PAGE [PROGRAM SCD_SOURCE BUILT_PAGE]...
A program named causeway-cli also has each of its commands' --help read."""

import os
import re
import subprocess
import sys

OPTION_LINE = re.compile(r"^\s+(?:(-\w), )?(--[a-z][a-z0-9-]*)")


def help_text(program, *args):
    result = subprocess.run([program, *args, "--help"], capture_output=True, text=True,
                            env=dict(os.environ, LC_ALL="C.UTF-8"))
    if result.returncode != 0:
        raise SystemExit(f"{program} {' '.join(args)} --help exited {result.returncode}: "
                         f"{result.stderr}")
    return result.stdout


def options(text):
    """The options of the lines that describe one (not those a description mentions)."""
    found = set()
    for line in text.splitlines():
        match = OPTION_LINE.match(line)
        if match:
            found.update(name for name in match.groups() if name)
    return found


def commands(text):
    """The names listed under "Commands:", up to the next blank line."""
    names = []
    listing = False
    for line in text.splitlines():
        if line.strip() == "Commands:":
            listing = True
        elif listing and not line.strip():
            break
        elif listing:
            names.append(line.split()[0])
    return names


def missing_from(manual, words):
    """Each word is looked for in bold (*word*), as the manuals mark commands and options."""
    return sorted(word for word in words if f"*{word}*" not in manual)


def check_program(program, scd_path):
    with open(scd_path, encoding="utf-8") as scd:
        manual = scd.read()
    text = help_text(program)
    wanted = options(text)
    names = commands(text)
    wanted.update(names)
    for name in names:
        wanted.update(options(help_text(program, name)))
    return [f"{os.path.basename(scd_path)} does not mention {word} "
            f"(shown by {os.path.basename(program)} --help)"
            for word in missing_from(manual, wanted)]


def check_rendering(page):
    result = subprocess.run(["man", "--warnings", "-l", page], capture_output=True, text=True,
                            env=dict(os.environ, MANPAGER="cat", MANWIDTH="80", LC_ALL="C.UTF-8"))
    if result.returncode != 0 or result.stderr.strip() or not result.stdout.strip():
        return [f"man -l {page} failed ({result.returncode}): {result.stderr.strip()}"]
    return []


def main(args):
    if len(args) % 3 != 0 or not args:
        raise SystemExit(__doc__)
    problems = []
    for i in range(0, len(args), 3):
        program, scd_path, page = args[i:i + 3]
        problems += check_program(program, scd_path)
        problems += check_rendering(page)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
