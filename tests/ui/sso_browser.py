#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The web browser of the IAM Identity Center UI test, registered in the test's HOME as
the handler of http and https links: as a person would, it opens the page Causeway sent
it to, reads it and presses Allow, posting the page's form as the Allow button does. On
the sandbox's /authorize page it then follows the redirect to Causeway's loopback
address; on its /device page (the code flow, the code filled in from the link) the page
answering is the end. It writes what it did, without codes or tokens, to
$HOME/browser.log."""

import html
import os
import re
import sys
import time
import urllib.parse
import urllib.request

# Long enough for the test to see (and photograph) the window waiting for the browser.
READING_SECONDS = 3


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def log(line):
    with open(os.path.join(os.environ["HOME"], "browser.log"), "a") as f:
        f.write(line + "\n")


def main():
    url = sys.argv[1]
    parsed = urllib.parse.urlsplit(url)
    log(f"opened {parsed.scheme}://{parsed.netloc}{parsed.path}")
    # Loopback only: no proxy stands between the browser and the sandbox.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)
    page = opener.open(url, timeout=30).read().decode()
    time.sleep(READING_SECONDS)
    form = re.search(r'<form[^>]*action="([^"]*)"[^>]*>(.*?)</form>', page, re.S)
    if form is None or 'id="allow"' not in form.group(2):
        log("no consent form with Allow on the page")
        sys.exit(1)
    fields = {name: html.unescape(value)
              for name, value in re.findall(r'<input type="(?:hidden|text)"(?: id="[^"]*")? name="([^"]*)" '
                                            r'value="([^"]*)">', form.group(2))}
    fields["decision"] = "allow"
    action = urllib.parse.urljoin(url, html.unescape(form.group(1)))
    if parsed.path == "/device":
        check = fields.get("user_code", "")
        opener.open(action, data=urllib.parse.urlencode(fields).encode(), timeout=30).read()
        log(f"pressed Allow for a code of {len(check)} characters")
        return
    try:
        opener.open(action, data=urllib.parse.urlencode(fields).encode(), timeout=30)
        log("Allow answered without a redirect")
        sys.exit(1)
    except urllib.error.HTTPError as redirect:
        if redirect.code not in (302, 303):
            log(f"Allow answered {redirect.code}")
            sys.exit(1)
        location = redirect.headers["Location"]
    loopback = urllib.parse.urlsplit(location)
    log(f"pressed Allow; redirected to {loopback.scheme}://{loopback.netloc}{loopback.path}")
    opener.open(location, timeout=30).read()
    log("the loopback page answered")


if __name__ == "__main__":
    main()
