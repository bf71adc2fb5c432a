#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Conformance: how people sign in, through the real AWS CLI (Debian's awscli).

IAM Identity Center (SSO OIDC's RegisterClient, the device code flow, CreateToken and its
refresh; the portal's ListAccounts, ListAccountRoles, GetRoleCredentials, Logout) and STS
AssumeRole with MFA, against causeway-sandbox: the CLI must parse every answer into the
fields asserted here, and each refusal must reach it with the service's error code. The
approval a person gives in the browser is a form POST to the device page, made by curl.
Debian's CLI (2.9) predates PKCE in its SSO OIDC model, so the authorization code grant
is left to the sandbox's own tests.

Usage: test_awscli_identity.py PATH-TO-causeway-sandbox"""

import os
import subprocess
import sys
import time

from sandbox import ACCOUNT, Sandbox, Tap

START_URL = "https://causeway-sandbox.awsapps.com/start"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
OPERATOR = "arn:aws:iam::%s:role/CausewayOperator" % ACCOUNT
MFA_SERIAL = "arn:aws:iam::%s:mfa/sandbox-user" % ACCOUNT


def main():
    # Time ten times slower than realistic: the device code's interval is 50 s, so two
    # polls by the CLI (each a Python start-up, seconds on a busy machine) fall inside it.
    scale = 10
    sandbox = Sandbox(sys.argv[1], "--time-scale", str(scale), "--seed", "11")
    tap = Tap()
    state = {}
    aws = sandbox.aws
    aws_error = sandbox.aws_error

    def session_env(keys):
        return dict(sandbox.cli_env, AWS_ACCESS_KEY_ID=keys["AccessKeyId"], AWS_SECRET_ACCESS_KEY=keys["SecretAccessKey"],
                    AWS_SESSION_TOKEN=keys["SessionToken"])

    def approve(user_code):
        result = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-d",
                                 "user_code=%s&decision=allow" % user_code, sandbox.env["AWS_ENDPOINT_URL"] + "/device"],
                                capture_output=True, text=True, timeout=60)
        assert result.stdout == "200", result.stdout

    def environment():
        base = sandbox.env["AWS_ENDPOINT_URL"]
        assert sandbox.env["AWS_ENDPOINT_URL_SSO_OIDC"] == base and sandbox.env["AWS_ENDPOINT_URL_SSO"] == base
        code = sandbox.env["CAUSEWAY_SANDBOX_MFA_CODE"]
        assert len(code) == 6 and code.isdigit(), code
        with open(sandbox.env["AWS_CONFIG_FILE"]) as config:
            text = config.read()
        for line in ("[sso-session sandbox]", "sso_start_url = " + START_URL, "[profile sandbox-sso]",
                     "sso_session = sandbox", "[profile sandbox-role]", "mfa_serial = " + MFA_SERIAL):
            assert line in text.splitlines(), line

    def register_client():
        client = aws("sso-oidc", "register-client", "--client-name", "conformance", "--client-type", "public",
                     "--scopes", "sso:account:access")
        assert client["clientId"] and client["clientSecret"], client.keys()
        assert client["clientSecretExpiresAt"] > client["clientIdIssuedAt"] > 1700000000, client
        state["client"] = client
        error = aws_error("sso-oidc", "register-client", "--client-name", "x", "--client-type", "confidential")
        assert error.code == "InvalidClientMetadataException", error.text
        error = aws_error("sso-oidc", "register-client", "--client-name", "x", "--client-type", "public",
                          "--scopes", "admin")
        assert error.code == "InvalidScopeException", error.text

    def client_args():
        return ["--client-id", state["client"]["clientId"], "--client-secret", state["client"]["clientSecret"]]

    def device_authorization():
        device = aws("sso-oidc", "start-device-authorization", *client_args(), "--start-url", START_URL)
        assert device["verificationUriComplete"] == device["verificationUri"] + "?user_code=" + device["userCode"]
        assert device["expiresIn"] == 600 * scale and device["interval"] == 5 * scale, device
        state["device"] = device
        error = aws_error("sso-oidc", "start-device-authorization", *client_args(),
                          "--start-url", "https://elsewhere.awsapps.com/start")
        assert error.code == "InvalidRequestException", error.text

    def pending_then_approved():
        poll = ["sso-oidc", "create-token", *client_args(), "--grant-type", DEVICE_GRANT,
                "--device-code", state["device"]["deviceCode"]]
        assert aws_error(*poll).code == "AuthorizationPendingException"
        assert aws_error(*poll).code == "SlowDownException"
        approve(state["device"]["userCode"])
        token = aws(*poll)
        assert token["tokenType"] == "Bearer" and token["expiresIn"] == 8 * 3600 * scale, token
        assert token["accessToken"] and token["refreshToken"], token.keys()
        state["token"] = token
        assert aws_error(*poll).code == "InvalidGrantException"

    def refresh():
        again = ["sso-oidc", "create-token", *client_args(), "--grant-type", "refresh_token",
                 "--refresh-token", state["token"]["refreshToken"]]
        token = aws(*again)
        assert token["accessToken"] != state["token"]["accessToken"], "a new access token"
        assert aws_error(*again).code == "InvalidGrantException"
        state["token"] = token

    def list_accounts():
        token = state["token"]["accessToken"]
        accounts = aws("sso", "list-accounts", "--access-token", token)["accountList"]
        assert [a["accountId"] for a in accounts] == [ACCOUNT, "444455556666"], accounts
        assert accounts[0]["accountName"] and accounts[0]["emailAddress"], accounts[0]
        page = aws("sso", "list-accounts", "--access-token", token, "--page-size", "1", "--max-items", "1")
        assert len(page["accountList"]) == 1 and "NextToken" in page, page
        roles = aws("sso", "list-account-roles", "--access-token", token, "--account-id", ACCOUNT)["roleList"]
        assert {r["roleName"] for r in roles} == {"AdministratorAccess", "DatabaseAdmin"}, roles
        error = aws_error("sso", "list-accounts", "--access-token", "not-a-token")
        assert error.code == "UnauthorizedException", error.text

    def role_credentials():
        keys = aws("sso", "get-role-credentials", "--access-token", state["token"]["accessToken"],
                   "--account-id", ACCOUNT, "--role-name", "AdministratorAccess")["roleCredentials"]
        assert keys["accessKeyId"].startswith("ASIA"), keys["accessKeyId"]
        assert abs(keys["expiration"] / 1000 - (time.time() + 3600 * scale)) < 120, keys["expiration"]
        env = session_env({"AccessKeyId": keys["accessKeyId"], "SecretAccessKey": keys["secretAccessKey"],
                           "SessionToken": keys["sessionToken"]})
        identity = aws("sts", "get-caller-identity", env=env)
        assert identity["Arn"].startswith("arn:aws:sts::%s:assumed-role/AWSReservedSSO_AdministratorAccess_" % ACCOUNT)
        assert aws("ec2", "describe-vpcs", env=env)["Vpcs"], "the role's session sees the VPCs"
        state["sso_env"] = env
        error = aws_error("sso", "get-role-credentials", "--access-token", state["token"]["accessToken"],
                          "--account-id", "444455556666", "--role-name", "AdministratorAccess")
        assert error.code == "ForbiddenException", error.text

    def assume_role_with_mfa():
        env = state["sso_env"]
        base = ["sts", "assume-role", "--role-arn", OPERATOR, "--role-session-name", "conformance"]
        assert aws_error(*base, env=env).code == "AccessDenied"
        wrong = "000000" if sandbox.env["CAUSEWAY_SANDBOX_MFA_CODE"] != "000000" else "111111"
        error = aws_error(*base, "--serial-number", MFA_SERIAL, "--token-code", wrong, env=env)
        assert error.code == "AccessDenied" and "invalid MFA one time pass code" in error.text, error.text
        error = aws_error(*base, "--serial-number", MFA_SERIAL, "--token-code", sandbox.env["CAUSEWAY_SANDBOX_MFA_CODE"],
                          "--duration-seconds", "7200", env=env)
        assert error.code == "ValidationError" and "role chaining" in error.text, error.text
        assumed = aws(*base, "--serial-number", MFA_SERIAL, "--token-code", sandbox.env["CAUSEWAY_SANDBOX_MFA_CODE"],
                      env=env)
        arn = "arn:aws:sts::%s:assumed-role/CausewayOperator/conformance" % ACCOUNT
        assert assumed["AssumedRoleUser"]["Arn"] == arn, assumed["AssumedRoleUser"]
        assert assumed["Credentials"]["AccessKeyId"].startswith("ASIA") and assumed["Credentials"]["Expiration"]
        assert aws("sts", "get-caller-identity", env=session_env(assumed["Credentials"]))["Arn"] == arn

    def bad_session_name():
        error = aws_error("sts", "assume-role", "--role-arn", OPERATOR, "--role-session-name", "has space",
                          "--serial-number", MFA_SERIAL, "--token-code", sandbox.env["CAUSEWAY_SANDBOX_MFA_CODE"])
        assert error.code == "ValidationError", error.text

    def logout():
        # The CLI's "sso logout" is its own command (it clears its cache), not the API: curl calls it.
        token = state["token"]["accessToken"]
        result = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H",
                                 "x-amz-sso_bearer_token: " + token, sandbox.env["AWS_ENDPOINT_URL_SSO"] + "/logout"],
                                capture_output=True, text=True, timeout=60)
        assert result.stdout == "200", result.stdout
        assert aws_error("sso", "list-accounts", "--access-token", token).code == "UnauthorizedException"

    for name, function in [
        ("the environment names IAM Identity Center, the MFA code and a config", environment),
        ("SSO OIDC RegisterClient", register_client),
        ("SSO OIDC StartDeviceAuthorization", device_authorization),
        ("CreateToken: pending, slow down, approved, then spent", pending_then_approved),
        ("CreateToken with a refresh token, spent by its use", refresh),
        ("SSO ListAccounts and ListAccountRoles", list_accounts),
        ("SSO GetRoleCredentials, accepted by STS and EC2", role_credentials),
        ("STS AssumeRole with MFA from the role's session", assume_role_with_mfa),
        ("STS AssumeRole refuses a bad session name", bad_session_name),
        ("SSO Logout ends the access token for the CLI", logout),
    ]:
        tap.check(name, function)

    config_file = sandbox.env["AWS_CONFIG_FILE"]

    def stops():
        assert sandbox.stop() == 0, "exit status"
        assert not os.path.exists(config_file), "the config file is removed"

    tap.check("causeway-sandbox stops and removes its config", stops)
    tap.finish()


if __name__ == "__main__":
    main()
