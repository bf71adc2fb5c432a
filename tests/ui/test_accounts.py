#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the Accounts view, as a person would use it: fresh HOME, open Accounts, add
an AWS credential and a TiDB Cloud key through the forms (making the mistakes people make
first), see both listed, quit, start again, still listed, remove one, gone. Afterwards no
secret is in any file, in GSettings, or in the application's output."""

import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cwtest import App, UiTestError, screenshot  # noqa: E402

AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
TIDB_PRIVATE = "c7f0a9e2-uiTestPrivate-5b1d"
IMPORTED_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
SECRETS = [AWS_SECRET, TIDB_PRIVATE, IMPORTED_SECRET]

build_root = os.environ["MESON_BUILD_ROOT"]
binary = os.path.join(build_root, "src", "ui", "causeway")
shots = os.path.join(build_root, "screenshots")
os.makedirs(shots, exist_ok=True)

home = tempfile.mkdtemp(prefix="causeway-ui-home-")
log_path = os.path.join(home, "causeway.log")
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
    "GSETTINGS_BACKEND": "keyfile",
    "GSETTINGS_SCHEMA_DIR": os.path.join(build_root, "data"),
    "LANGUAGE": "en",
    "G_MESSAGES_DEBUG": "all",
})


def start():
    return App(binary, env, log_path)


def check(condition, message):
    if not condition:
        raise UiTestError(message)


def wait_error(app, expected):
    """The form's error line shows a sentence containing @expected."""
    return app.wait_for(lambda: [n for n in app.find_all("label") if expected in n.name],
                        f"an error saying {expected!r}")


def add_aws_credential(app):
    app.click("push button", "Add AWS Credential")
    app.find("label", "Add AWS Credential")
    # Saving an empty form says what is missing and saves nothing.
    app.click("push button", "_Save")
    wait_error(app, "Enter a label")
    app.type_into("Label", "Production")
    app.type_into("Access Key ID", "AKIAIOSFODNN7EXAMPLE")
    app.type_into("Secret Access Key", AWS_SECRET)
    # A zone where a region belongs is the classic mistake.
    app.type_into("Default Region", "us-east-1a")
    app.click("push button", "_Save")
    wait_error(app, "region must look like us-east-1")
    app.type_into("Default Region", "eu-west-1")
    app.click("push button", "_Save")
    app.wait_gone("label", "Add AWS Credential")


def add_tidb_key(app):
    app.click("push button", "Add TiDB Cloud API Key")
    app.find("label", "Add TiDB Cloud API Key")
    app.type_into("Label", "Production")
    app.type_into("Public Key", "PUBK3YUI")
    app.type_into("Private Key", TIDB_PRIVATE)
    app.click("push button", "_Save")
    app.wait_gone("label", "Add TiDB Cloud API Key")


def assert_listed(app, label, description_part):
    row = app.find("list item", label)
    check(description_part in row.description,
          f"the row {label!r} says {row.description!r}, not {description_part!r}")
    return row


def edit_region(app):
    """Editing keeps the secret unless a new one is typed: only the region changes."""
    edits = app.find_all("push button", "Edit “Production”")
    check(len(edits) == 2, "each saved credential has an Edit button")
    edits[0].queryAction().doAction(0)
    app.find("label", "Edit AWS Credential")
    region = app.find("text", "Default Region")
    check(app.text_of(region) == "eu-west-1", "the edit form does not show the saved region")
    secret = app.find("text", "New Secret Access Key (empty keeps the saved one)")
    check(app.text_of(secret) == "", "the edit form shows a secret")
    app.type_into("Default Region", "ap-northeast-1")
    app.click("push button", "_Save")
    app.wait_gone("label", "Edit AWS Credential")
    assert_listed(app, "Production", "AKIA…MPLE · ap-northeast-1")


def write_cli_profiles():
    """Profiles of the AWS and TiDB Cloud CLIs, one file of them malformed."""
    aws = os.path.join(home, ".aws")
    ticloud = os.path.join(home, ".ticloud")
    os.makedirs(aws)
    os.makedirs(ticloud)
    with open(os.path.join(aws, "credentials"), "w") as f:
        f.write("[staging]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\n"
                f"aws_secret_access_key = {IMPORTED_SECRET}\n")
    with open(os.path.join(aws, "config"), "w") as f:
        f.write("[profile staging]\nregion = us-west-2\n")
    with open(os.path.join(ticloud, "config.toml"), "w") as f:
        f.write("current-profile = \"dev\"\n[dev]\npublic-key = \"DEVKEY01\"\nprivate-key = \"broken\n")


def import_profiles(app):
    write_cli_profiles()
    app.click("list item", "Import from the Command-Line Tools")
    app.find("check box", "staging")
    # The malformed TiDB file is named with its line, and nothing is taken from it.
    wait_error(app, "config.toml, line 4")
    check(not app.find_all("check box", "dev"), "a profile from a malformed file is offered")
    app.click("push button", "_Import")
    app.wait_gone("check box", "staging")
    assert_listed(app, "staging", "AKIA…MPLE · us-west-2")


def duplicate_label_refused(app):
    app.click("push button", "Add TiDB Cloud API Key")
    app.type_into("Label", "Production")
    app.type_into("Public Key", "OTHERKEY")
    app.type_into("Private Key", "another-private-key")
    app.click("push button", "_Save")
    wait_error(app, "already a credential labelled")
    app.click("push button", "_Cancel")
    app.wait_gone("label", "Add TiDB Cloud API Key")


def files_containing(root, needles, skip_dir=None):
    hits = []
    for directory, _, files in os.walk(root):
        if skip_dir and os.path.commonpath([directory, skip_dir]) == skip_dir:
            continue
        for name in files:
            path = os.path.join(directory, name)
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            hits += [f"{path}: {n}" for n in needles if n.encode() in data]
    return hits


def main():
    app = start()
    try:
        app.find("list", "AWS credentials")
        app.find("label", "No AWS credentials yet. Add one or import your AWS CLI profiles.")
        add_aws_credential(app)
        assert_listed(app, "Production", "AKIA…MPLE · eu-west-1")
        add_tidb_key(app)
        tidb_rows = [r for r in app.find_all("list item", "Production") if "Public key" in r.description]
        check(len(tidb_rows) == 1, "the TiDB Cloud key is not listed")
        duplicate_label_refused(app)
        edit_region(app)
        screenshot(os.path.join(shots, "accounts.png"))
        import_profiles(app)
        app.press_keys(("Control_L", "q"))
        check(app.wait_exit() == 0, "the application did not exit cleanly on Ctrl+Q")
        with open(os.path.join(home, ".config", "glib-2.0", "settings", "keyfile")) as f:
            check("window-width" in f.read(), "the window size was not remembered")
    finally:
        app.stop()

    app = start()
    try:
        rows = app.wait_for(lambda: len(app.find_all("list item", "Production")) == 2 and
                            app.find_all("list item", "Production"),
                            "both credentials listed after a restart")
        descriptions = [r.description for r in rows]
        check(any("AKIA…MPLE · ap-northeast-1" in d for d in descriptions), "the AWS credential is gone after a restart")
        check(any("Public key PUBK3YUI" in d for d in descriptions), "the TiDB Cloud key is gone after a restart")
        # Remove the TiDB Cloud key: the confirmation names it, and only it goes.
        app.find("list item", "staging")
        removes = app.find_all("push button", "Remove “Production”")
        check(len(removes) == 2, "each saved credential has a Remove button")
        removes[-1].queryAction().doAction(0)
        app.find("label", "Remove “Production”?")
        app.click("push button", "_Remove")
        app.find("label", "No TiDB Cloud API keys yet. Add one from the organization’s API Keys page.")
        assert_listed(app, "Production", "AKIA…MPLE")
        app.press_keys(("Control_L", "q"))
        app.wait_exit()
    finally:
        app.stop()

    app = start()
    try:
        app.find("label", "No TiDB Cloud API keys yet. Add one from the organization’s API Keys page.")
        assert_listed(app, "Production", "AKIA…MPLE")
        check(len(app.find_all("list item", "Production")) == 1, "the removed key came back after a restart")
        app.find("list item", "staging")
    finally:
        app.stop()

    keyring_dir = os.path.join(os.environ["HOME"], ".local", "share", "keyrings")
    # The CLI profiles the test wrote hold the imported secret, as a user's own files do.
    leaks = [hit for hit in files_containing(home, SECRETS)
             if not hit.startswith((os.path.join(home, ".aws") + "/", os.path.join(home, ".ticloud") + "/"))]
    leaks += files_containing(os.environ["HOME"], SECRETS, keyring_dir)
    check(os.path.exists(os.path.join(home, ".config", "glib-2.0", "settings", "keyfile")),
          "GSettings wrote nothing: the leak check of GSettings would prove nothing")
    check(not leaks, f"secrets found in files: {leaks}")
    print("ui/accounts: passed; screenshot in", os.path.join(shots, "accounts.png"))
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
