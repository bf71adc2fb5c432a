# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts causeway-sandbox and drives it with the Debian AWS CLI (/usr/bin/aws) and curl.

Shared by the conformance tests. The AWS CLI runs with /usr/bin/python3, a private HOME,
empty config and credentials files, no instance metadata and no pager, so nothing of the
machine it runs on leaks into what it sends."""

import json
import os
import subprocess
import sys
import tempfile
import time

AWS_CLI = "/usr/bin/aws"
PYTHON = "/usr/bin/python3"
CLUSTER_ID = "10289034792938145678"
TIDB_ACCOUNT = "380838443567"
ACCOUNT = "111122223333"


class AwsError(Exception):
    def __init__(self, code, text):
        super().__init__(text)
        self.code = code
        self.text = text


class Sandbox:
    def __init__(self, program, *args):
        self.home = tempfile.TemporaryDirectory(prefix="cw-conformance-")
        self.log = open(os.path.join(self.home.name, "sandbox.log"), "w+")
        self.process = subprocess.Popen([program, *args], stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.env = {}
        # NAME=VALUE lines, CAUSEWAY_TIME_SCALE last; bounded, so a change cannot hang the test.
        while "CAUSEWAY_TIME_SCALE" not in self.env and len(self.env) < 32:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("causeway-sandbox stopped: " + self.read_log())
            name, _, value = line.rstrip("\n").partition("=")
            self.env[name] = value
        empty = os.path.join(self.home.name, "empty")
        open(empty, "w").close()
        self.cli_env = {
            "PATH": "/usr/bin:/bin",
            "HOME": self.home.name,
            "LANG": "C.UTF-8",
            "AWS_CONFIG_FILE": empty,
            "AWS_SHARED_CREDENTIALS_FILE": empty,
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_PAGER": "",
            "AWS_ACCESS_KEY_ID": self.env["AWS_ACCESS_KEY_ID"],
            "AWS_SECRET_ACCESS_KEY": self.env["AWS_SECRET_ACCESS_KEY"],
            "AWS_DEFAULT_REGION": self.env["AWS_REGION"],
        }

    def read_log(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        """The exit status; what the sandbox printed on stderr goes to the test log."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = None
        for line in self.read_log().splitlines():
            print("# sandbox: " + line, flush=True)
        self.log.close()
        self.home.cleanup()
        return code

    def aws_run(self, args, env=None):
        command = [PYTHON, AWS_CLI, "--endpoint-url", self.env["AWS_ENDPOINT_URL"], "--output", "json", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env or self.cli_env, timeout=120)

    def aws(self, *args, env=None):
        """The parsed answer of an AWS CLI command; AwsError with the AWS code on failure."""
        result = self.aws_run(args, env)
        if result.returncode != 0:
            text = result.stderr.strip()
            code = text.split("(", 1)[1].split(")", 1)[0] if "An error occurred (" in text else None
            raise AwsError(code, text)
        return json.loads(result.stdout) if result.stdout.strip() else {}

    def aws_error(self, *args, env=None):
        try:
            self.aws(*args, env=env)
        except AwsError as error:
            return error
        raise AssertionError("expected an error from: aws " + " ".join(args))

    def tidb(self, method, path, body=None, key=None, api="SERVERLESS"):
        """(HTTP status, parsed JSON or None) of a TiDB Cloud call made by curl --digest."""
        key = key or self.env["TIDBCLOUD_PRIVATE_KEY"]
        url = self.env["TIDBCLOUD_" + api + "_ENDPOINT"] + path
        command = ["curl", "-s", "--digest", "-u", self.env["TIDBCLOUD_PUBLIC_KEY"] + ":" + key,
                   "-X", method, "-w", "\n%{http_code}", url]
        if body is not None:
            command += ["-H", "Content-Type: application/json", "-d", json.dumps(body)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        text, _, status = result.stdout.rpartition("\n")
        return int(status), (json.loads(text) if text.strip() else None)


def wait_for(what, check, timeout=30.0, interval=0.2):
    """Polls check() until it gives a true value, for a bounded time."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(interval)


class Tap:
    """A test plan printed as TAP; each check runs in order, as one flow."""

    def __init__(self):
        self.number = 0
        self.failed = 0

    def check(self, name, function):
        self.number += 1
        try:
            function()
            print("ok %d - %s" % (self.number, name), flush=True)
        except Exception as error:  # a failed check must not hide the ones after it
            self.failed += 1
            print("not ok %d - %s" % (self.number, name), flush=True)
            for line in ("%s: %s" % (type(error).__name__, error)).splitlines():
                print("# " + line, flush=True)

    def finish(self):
        print("1..%d" % self.number, flush=True)
        sys.exit(1 if self.failed else 0)
