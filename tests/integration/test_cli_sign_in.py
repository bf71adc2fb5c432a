#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""causeway-cli signs in as a person of an organisation does, with only the environment
causeway-sandbox prints: `login` through the browser (played here as a person would: the
Allow button's form posted, the redirect followed to the loopback address) and with the
device code, then `whoami` and `links` with the IAM Identity Center profile, `whoami` with
a role profile whose MFA code is typed on the terminal (a pseudo-terminal here), `logout`,
and the one-line errors of a missing sign-in and a wrong code. Runs inside tools/session:
the sign-in lands in that session's keyring.

Usage: test_cli_sign_in.py PATH-TO-causeway-sandbox PATH-TO-causeway-cli"""

import html.parser
import json
import os
import pty
import select
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conformance"))
from sandbox import ACCOUNT, Sandbox, Tap  # noqa: E402

SSO_PROFILE = "sandbox-sso"
ROLE_PROFILE = "sandbox-role"
TIMEOUT = 120


class FormReader(html.parser.HTMLParser):
    """The first form of a page: its action and the fields a browser would send."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = attrs.get("action")
        elif tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value", "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def press_allow(page_url):
    """What a person does in the browser: open the page, press Allow, and let the browser
    follow where it is sent (the loopback address of causeway-cli, for the code)."""
    with urllib.request.urlopen(page_url, timeout=30) as response:
        form = FormReader()
        form.feed(response.read().decode())
    fields = dict(form.fields, decision="allow")
    target = urllib.parse.urljoin(page_url, form.action)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(target, urllib.parse.urlencode(fields).encode(), timeout=30) as response:
            response.read()
            return
    except urllib.error.HTTPError as error:
        if error.code not in (302, 303):
            raise
        location = error.headers["Location"]
    with urllib.request.urlopen(location, timeout=30) as response:
        response.read()


class Cli:
    def __init__(self, program, sandbox):
        self.program = program
        self.env = dict(os.environ)
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
            self.env.pop(name, None)
        printed = {k: v for k, v in sandbox.env.items() if not k.startswith("AWS_ACCESS") and not k.startswith("AWS_SECRET")}
        self.env.update(printed)
        self.mfa_code = sandbox.env["CAUSEWAY_SANDBOX_MFA_CODE"]

    def run(self, *args):
        return subprocess.run([self.program, *args], capture_output=True, text=True, env=self.env, timeout=TIMEOUT)

    def start(self, *args):
        return subprocess.Popen([self.program, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=self.env)

    def on_terminal(self, answer, *args):
        """Runs causeway-cli with a pseudo-terminal as its controlling terminal, answers the
        first prompt ending in ": " with @answer; (exit status, all it printed)."""
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(self.program, [self.program, *args], self.env)
        output = b""
        answered = False
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if not answered and b"MFA code" in output and output.rstrip().endswith(b":"):
                os.write(fd, (answer + "\n").encode())
                answered = True
        status = None
        while status is None and time.monotonic() < deadline:
            done, code = os.waitpid(pid, os.WNOHANG)
            status = os.waitstatus_to_exitcode(code) if done else None
            time.sleep(0 if done else 0.1)
        if status is None:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
        assert status is not None, "causeway-cli did not end; it printed: %r" % output
        return status, output.decode(errors="replace")


def read_lines_until(process, wanted, limit=20):
    """The lines @process prints until one for which @wanted is true (bounded)."""
    lines = []
    for _ in range(limit):
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if wanted(lines[-1]):
            return lines
    raise AssertionError("causeway-cli printed %r, then %r" % (lines, process.stderr.read()))


def finish(process):
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return process.returncode, out, err


def check_result(result, status):
    assert result.returncode == status, "exit %d, wanted %d: %s %s" % (result.returncode, status, result.stdout,
                                                                      result.stderr)


def main():
    sandbox = Sandbox(sys.argv[1], "--time-scale", "0.05", "--seed", "7")
    cli = Cli(sys.argv[2], sandbox)
    tap = Tap()
    home = os.environ["HOME"]

    def not_signed_in():
        result = cli.run("whoami", "--profile", SSO_PROFILE)
        check_result(result, 1)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert "run causeway-cli login --profile %s" % SSO_PROFILE in lines[0], lines[0]

    def login_in_browser():
        process = cli.start("login", "--profile", SSO_PROFILE, "--no-browser")
        lines = read_lines_until(process, lambda line: line.startswith("http"))
        url = lines[-1]
        assert "/authorize?" in url and "code_challenge_method=S256" in url, url
        press_allow(url)
        status, out, err = finish(process)
        assert status == 0, (status, out, err)
        assert "Signed in: profile %s is role AdministratorAccess in account %s." % (SSO_PROFILE, ACCOUNT) in out, out

    def whoami_sso():
        result = cli.run("whoami", "--profile", SSO_PROFILE)
        check_result(result, 0)
        identity = json.loads(result.stdout)
        assert identity["Account"] == ACCOUNT, identity
        assert ":assumed-role/" in identity["Arn"] and "AdministratorAccess" in identity["Arn"], identity

    def links_with_profile():
        result = cli.run("links", "--profile", SSO_PROFILE)
        check_result(result, 0)

    def whoami_role_with_mfa():
        status, output = cli.on_terminal(cli.mfa_code, "whoami", "--profile", ROLE_PROFILE)
        assert status == 0, (status, output)
        assert cli.mfa_code not in output.split("MFA code", 1)[1].split("{", 1)[0], "the code was echoed"
        identity = json.loads(output[output.index("{"):])
        assert ":assumed-role/CausewayOperator/" in identity["Arn"], identity

    def wrong_mfa_code():
        status, output = cli.on_terminal("000000" if cli.mfa_code != "000000" else "111111", "whoami",
                                          "--profile", ROLE_PROFILE)
        assert status == 1, (status, output)
        assert "causeway-cli:" in output and "MFA" in output, output

    def mfa_without_terminal():
        result = subprocess.run([cli.program, "whoami", "--profile", ROLE_PROFILE], capture_output=True, text=True,
                                env=cli.env, timeout=TIMEOUT, start_new_session=True, stdin=subprocess.DEVNULL)
        check_result(result, 1)
        assert "terminal" in result.stderr, result.stderr

    def logout():
        result = cli.run("logout", "--profile", SSO_PROFILE)
        check_result(result, 0)
        not_signed_in()

    def login_with_device_code():
        process = cli.start("login", "--profile", SSO_PROFILE, "--use-device-code", "--no-browser")
        lines = read_lines_until(process, lambda line: line.startswith("http"))
        code_line = next(line for line in lines if "enter the code" in line)
        code = code_line.rsplit(" ", 1)[1]
        url = lines[-1]
        assert code in url, (code, url)
        press_allow(url)
        status, out, err = finish(process)
        assert status == 0, (status, out, err)
        whoami_sso()

    def nothing_written_to_aws_cli_cache():
        assert not os.path.exists(os.path.join(home, ".aws", "sso", "cache")), "~/.aws/sso/cache was written"

    try:
        tap.check("without a sign-in, whoami says to log in, in one line", not_signed_in)
        tap.check("login through the browser", login_in_browser)
        tap.check("whoami with the IAM Identity Center profile", whoami_sso)
        tap.check("links with the IAM Identity Center profile", links_with_profile)
        tap.check("whoami with the role profile, MFA code on the terminal", whoami_role_with_mfa)
        tap.check("a wrong MFA code is one clear error", wrong_mfa_code)
        tap.check("without a terminal, the MFA role says where to enter the code", mfa_without_terminal)
        tap.check("logout ends the sign-in", logout)
        tap.check("login with the device code", login_with_device_code)
        tap.check("the AWS CLI's cache is never written", nothing_written_to_aws_cli_cache)
    finally:
        sandbox.stop()
    tap.finish()


main()
