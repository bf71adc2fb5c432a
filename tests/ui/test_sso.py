#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of signing in with IAM Identity Center in the sandbox, as a person would: the
test's HOME has a web browser (sso_browser.py, the default handler of http and https
links) that opens the sandbox's sign-in page and presses Allow. From the new link's
Accounts step: sign in through the browser, choose an account and a role, see it verified
as the role's identity, and make a link with it until it is ACTIVE; then the Accounts view
lists the role with how long its sign-in lasts, and a second role is added through the
code flow, then removed. In a second run, whose sign-in is gone from the keyring, the role's row offers
to sign in again and does; then a role profile of the AWS CLI with mfa_serial, imported
and verified: the MFA code is asked in a dialog at that moment.
Screenshots of the sign-in page, the browser wait, the choice of role, the Accounts view
and the MFA dialog go to the build directory."""

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cwtest import App, screenshot  # noqa: E402
from test_new_link import (RUN_TIMEOUT, TIME_SCALE, binary, check, choose_cluster, continue_,  # noqa: E402
                           fresh_env, open_step, run_until, shots, walk_from_database)

BROWSER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sso_browser.py")
SANDBOX_ACCOUNT = "111122223333"
LABEL = "Causeway Sandbox AdministratorAccess"


def install_browser(env):
    """A desktop entry for the test's browser, and mimeapps.list making it the default
    for web links, in the test's XDG directories: GIO's default handler is looked up there."""
    applications = os.path.join(env["XDG_DATA_HOME"], "applications")
    os.makedirs(applications, exist_ok=True)
    os.makedirs(env["XDG_CONFIG_HOME"], exist_ok=True)
    with open(os.path.join(applications, "cw-test-browser.desktop"), "w") as f:
        f.write("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                f"Exec=/usr/bin/python3 {BROWSER} %u\n"
                "MimeType=x-scheme-handler/http;x-scheme-handler/https;\nNoDisplay=true\n")
    with open(os.path.join(env["XDG_CONFIG_HOME"], "mimeapps.list"), "w") as f:
        f.write("[Default Applications]\nx-scheme-handler/http=cw-test-browser.desktop\n"
                "x-scheme-handler/https=cw-test-browser.desktop\n")


def start():
    home, env = fresh_env()
    install_browser(env)
    app = App(binary, env, os.path.join(home, "causeway.log"), ["--sandbox", "--time-scale", TIME_SCALE])
    return home, app


def browser_log(home):
    try:
        with open(os.path.join(home, "browser.log")) as f:
            return f.read()
    except FileNotFoundError:
        return ""


def sign_in_through_browser(app, home):
    open_step(app, "Accounts")
    app.click("list item", "Sign In with IAM Identity Center")
    start_url = app.find("text", "Start URL")
    check(app.text_of(start_url) == "https://causeway-sandbox.awsapps.com/start",
          f"the sandbox's start URL is not offered: {app.text_of(start_url)!r}")
    # Asked again while it is open, the one sign-in comes forward: no second one.
    app.click("list item", "Sign In with IAM Identity Center")
    time.sleep(1)
    windows = [w.name for w in app.root if w is not None]
    check(len(windows) == 2, f"a second sign-in opened: the windows are {windows}")
    screenshot(os.path.join(shots, "sso-1-sign-in.png"))
    app.click("push button", "_Sign In")
    # The window waits for the browser, and says so, while the person reads the page.
    app.find("label", "Approve the Sign-In in Your Browser")
    screenshot(os.path.join(shots, "sso-2-browser.png"))
    app.wait_for(lambda: "pressed Allow" in browser_log(home), "the browser to press Allow", timeout=60,
                 seen=lambda: browser_log(home))


def choose_role(app, home):
    role = app.find("list item", "Causeway Sandbox, AdministratorAccess", timeout=60)
    check(SANDBOX_ACCOUNT in role.description, f"the role's row says {role.description!r}")
    app.find("list item", "Causeway Staging, ReadOnlyAccess")
    app.mouse_click(role)
    label = app.find("text", "Label")
    app.wait_for(lambda: app.text_of(label) == LABEL, "the label of the chosen role",
                 seen=lambda: app.text_of(label))
    screenshot(os.path.join(shots, "sso-3-role.png"))
    app.click("push button", "_Add")
    app.wait_gone("list item", "Causeway Sandbox, AdministratorAccess")
    check("the loopback page answered" in browser_log(home), "the browser never reached the loopback page")


def verified_as_role(app):
    """Saving chooses the role in the step and verifies it: STS names the role's session."""
    account = app.find("list item", "AWS Account", timeout=60)
    check(account.description == SANDBOX_ACCOUNT, f"the verified AWS account is {account.description!r}")
    identity = app.find("list item", "AWS Identity")
    check("assumed-role/AWSReservedSSO_AdministratorAccess" in identity.description,
          f"the verified identity is {identity.description!r}")


def accounts_view_lists_role(app):
    app.mouse_click(sidebar_accounts_view(app))
    row = app.find("list item", LABEL)
    check(f"Causeway Sandbox ({SANDBOX_ACCOUNT}) · AdministratorAccess" in row.description,
          f"the credential's row says {row.description!r}")
    expiry = app.wait_for(lambda: [n for n in app.find_all("label") if n.name.startswith("Signed in · expires in")],
                          "how long the sign-in lasts", timeout=30)
    screenshot(os.path.join(shots, "sso-5-accounts.png"))
    return expiry[0].name


def sidebar_accounts_view(app):
    return app.wait_for(lambda: [n for n in app.find_all("list item", "Accounts")
                                 if n.description not in ("To do", "Done", "Needs attention")],
                        "the Accounts view in the sidebar")[0]


def printed_environment(app):
    """What --print-sandbox-environment printed: the sandbox's keys and its MFA code."""
    def read():
        with open(app.log_path) as f:
            pairs = [line.strip().split("=", 1) for line in f if "=" in line and line[:1].isupper()]
        return {k: v for k, v in pairs}
    return app.wait_for(lambda: "CAUSEWAY_SANDBOX_MFA_CODE" in read() and read(), "the sandbox's environment")


def write_role_profile(home, sandbox):
    aws = os.path.join(home, ".aws")
    os.makedirs(aws, exist_ok=True)
    with open(os.path.join(aws, "credentials"), "w") as f:
        f.write(f"[sandbox-keys]\naws_access_key_id = {sandbox['AWS_ACCESS_KEY_ID']}\n"
                f"aws_secret_access_key = {sandbox['AWS_SECRET_ACCESS_KEY']}\n")
    with open(os.path.join(aws, "config"), "w") as f:
        f.write(f"[profile operator]\nrole_arn = arn:aws:iam::{SANDBOX_ACCOUNT}:role/CausewayOperator\n"
                f"source_profile = sandbox-keys\nmfa_serial = arn:aws:iam::{SANDBOX_ACCOUNT}:mfa/sandbox-user\n"
                "region = us-east-1\n"
                f"[profile corp-admin]\nsso_session = corp\nsso_account_id = {SANDBOX_ACCOUNT}\n"
                "sso_role_name = DatabaseAdmin\nregion = us-east-1\n"
                "[sso-session corp]\nsso_start_url = https://causeway-sandbox.awsapps.com/start\n"
                "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n")


def session_offered(app):
    """The sign-in offers the [sso-session] sections of ~/.aws/config."""
    app.click("list item", "Sign In with IAM Identity Center")
    session = app.find("list item", "corp", timeout=30)
    # The sandbox's start URL is filled in already: empty it, so the session fills it in.
    app.type_into("Start URL", "")
    app.mouse_click(session)
    start_url = app.find("text", "Start URL")
    check(app.text_of(start_url) == "https://causeway-sandbox.awsapps.com/start",
          f"choosing the session set the start URL to {app.text_of(start_url)!r}")
    screenshot(os.path.join(shots, "sso-9-sessions.png"))
    app.click("push button", "_Cancel")
    app.wait_gone("list item", "corp")


def choose_aws_credential(app, label):
    """Picks @label in the AWS Credential drop-down of the Accounts step, with the keyboard:
    GTK 4.8 places a popover's accessible extents off its real place, so a click there
    misses. The drop-down lists the credentials in the Accounts view's order."""
    # A row's name is its label, and GTK 4.8 repeats its title after it.
    order = [n.name for n in app.find_all("list item", within=app.find("list", "AWS credentials", showing=False),
                                          showing=False)]
    index = next((i for i, name in enumerate(order) if name == label or name.startswith(label + " ")), None)
    check(index is not None, f"{label!r} is not among the AWS credentials {order!r}")
    app.mouse_click(app.find("combo box", "AWS Credential"))
    app.wait_for(lambda: len([n for n in app.find_all("label", label) if n.name == label]) > 1,
                 "the drop-down to open")
    app.press_keys(("Home",))
    for _ in range(index):
        app.press_keys(("Down",))
    app.press_keys(("Return",))
    combo = app.find("combo box", "AWS Credential")
    app.wait_for(lambda: app.find_all("label", label, within=combo), f"{label!r} chosen")


def forget_sign_ins():
    """Takes the sign-ins' tokens out of the keyring, as signing out elsewhere would."""
    subprocess.run(["secret-tool", "clear", "kind", "aws-sso-token"], check=True, timeout=30)


def sign_in_again(app, home):
    """The role saved in the first run has no sign-in now: its row says so and signs in."""
    again = app.find("push button", f"Sign in again for “{LABEL}”", timeout=30)
    screenshot(os.path.join(shots, "sso-8-expired.png"))
    app.activate(again)
    app.wait_for(lambda: "pressed Allow" in browser_log(home), "the browser to press Allow", timeout=60,
                 seen=lambda: browser_log(home))
    app.wait_toast(f"Signed in again for “{LABEL}”", timeout=60)
    app.wait_for(lambda: [n for n in app.find_all("label") if n.name.startswith("Signed in · expires in")],
                 "the row signed in again", timeout=30)


def verify_offers_sign_in_again(app, home):
    """Verifying a role whose sign-in is gone says so, and Sign In Again verifies it."""
    forget_sign_ins()
    open_step(app, "Accounts")
    choose_aws_credential(app, LABEL)
    app.click("push button", "_Verify")
    app.click("push button", "Sign _In Again", timeout=60)
    app.wait_for(lambda: browser_log(home).count("pressed Allow") == 2, "the browser to press Allow again",
                 timeout=60, seen=lambda: browser_log(home))
    verified_as_role(app)


def second_run():
    forget_sign_ins()
    home, env = fresh_env()
    install_browser(env)
    app = App(binary, env, os.path.join(home, "causeway.log"),
              ["--sandbox", "--time-scale", TIME_SCALE, "--print-sandbox-environment"])
    try:
        sandbox = printed_environment(app)
        write_role_profile(home, sandbox)
        app.mouse_click(sidebar_accounts_view(app))
        # The view slides in: a click on its row during the transition is lost.
        app.find("list", "AWS credentials")
        sign_in_again(app, home)
        app.wait_for(lambda: app.click("list item", "Import from the Command-Line Tools") and
                     app.find_all("push button", "_Import"), "the import dialog", timeout=30, interval=2)
        operator = app.find("check box", "operator", timeout=30)
        check(app.is_sensitive(operator), "the role profile is not offered for import")
        check(app.is_sensitive(app.find("check box", "corp-admin")), "the SSO profile is not offered for import")
        app.click("push button", "_Import")
        app.wait_gone("check box", "operator")
        row = app.find("list item", "operator")
        check("AWS CLI profile “operator”" in row.description, f"the imported role says {row.description!r}")
        row = app.find("list item", "corp-admin")
        check(row.description.startswith(f"{SANDBOX_ACCOUNT} · DatabaseAdmin"),
              f"the imported IAM Identity Center profile says {row.description!r}")
        # Its session (corp) was never signed in to here.
        app.find("push button", "Sign in again for “corp-admin”", timeout=30)
        session_offered(app)
        verify_offers_sign_in_again(app, home)
        open_step(app, "Accounts")
        choose_aws_credential(app, "operator")
        app.click("push button", "_Verify")
        # The dialog, through its heading: AT-SPI lists GTK 4.8's dialog under the window's
        # parent only from the dialog's side.
        dialog = app.find("label", "Enter the MFA Code", timeout=60)
        while dialog.getRoleName() != "dialog":
            dialog = dialog.parent
        check("arn:aws:iam::111122223333:mfa/sandbox-user" in
              app.find("label", "The profile “operator” assumes a role", within=dialog).name,
              "the MFA dialog does not name the device")
        code = app.find("password text", "MFA code", within=dialog)
        code.queryEditableText().setTextContents(sandbox["CAUSEWAY_SANDBOX_MFA_CODE"])
        screenshot(os.path.join(shots, "sso-6-mfa.png"))
        app.click("push button", "_Continue", within=dialog)
        identity = app.find("list item", "AWS Identity", timeout=60)
        check("assumed-role/CausewayOperator" in identity.description,
              f"the verified identity is {identity.description!r}")
        log = open(app.log_path, errors="replace").read()
    except Exception:
        screenshot(os.path.join(shots, "sso-failed.png"))
        raise
    finally:
        app.stop()
    check(log.count(sandbox["CAUSEWAY_SANDBOX_MFA_CODE"]) == 1,
          "the MFA code shows in the application's output beyond the sandbox's own line")


def sign_in_with_code(app, home):
    """From the Accounts view, the code flow: the code in large type, the browser (opened
    on the page with the code) pressing Allow, then a second role of the same sign-in."""
    app.click("list item", "Sign In with IAM Identity Center")
    app.click("check box", "Use a code instead")
    app.click("push button", "_Sign In")
    app.find("label", "Enter This Code on the Sign-In Page", timeout=60)
    # The code is the label's text, as a screen reader reads it: SSO OIDC's XXXX-XXXX.
    app.wait_for(lambda: [n for n in app.find_all("label") if re.fullmatch(r"[A-Z]{4}-[A-Z]{4}", n.name)],
                 "the sign-in code")
    app.find("push button", "_Copy Code")
    screenshot(os.path.join(shots, "sso-7-code.png"))
    app.wait_for(lambda: "pressed Allow for a code" in browser_log(home), "the browser to press Allow on the code",
                 timeout=60, seen=lambda: browser_log(home))
    app.mouse_click(app.find("list item", "Causeway Sandbox, DatabaseAdmin", timeout=60))
    app.click("push button", "_Add")
    row = app.find("list item", "Causeway Sandbox DatabaseAdmin")
    check("DatabaseAdmin" in row.description, f"the second role's row says {row.description!r}")
    # Removing a role says what stays (the sign-in) and takes only the role away.
    app.click("push button", "Remove “Causeway Sandbox DatabaseAdmin”")
    app.find("label", "Causeway stops offering this role.")
    app.click("push button", "_Remove")
    app.wait_gone("list item", "Causeway Sandbox DatabaseAdmin")
    app.find("list item", LABEL)


def main():
    home, app = start()
    try:
        sign_in_through_browser(app, home)
        choose_role(app, home)
        verified_as_role(app)
        screenshot(os.path.join(shots, "sso-4-verified.png"))
        continue_(app)
        choose_cluster(app)
        continue_(app)
        walk_from_database(app)
        app.click("push button", "C_reate Link")
        run_until(app, "The Link Is Active")
        check(app.find("list item", "State").description == "ACTIVE", "the link made with the role is not ACTIVE")
        expiry = accounts_view_lists_role(app)
        sign_in_with_code(app, home)
    except Exception:
        screenshot(os.path.join(shots, "sso-failed.png"))
        raise
    finally:
        app.stop()
    second_run()
    print(f"ui/sso: passed ({expiry}); screenshots in", shots)


if __name__ == "__main__":
    main()
