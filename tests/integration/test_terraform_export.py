#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Terraform export as Terraform reads it (issue 12, DESIGN.md §1.1 and §4.4).

causeway-cli exports links in a causeway-sandbox world; a real HCL2 parser
(@cdktf/hcl2json, installed by tools/test from hcl2json/package-lock.json) reads each
configuration, and the parsed resources are checked against the plan causeway-cli gives
for the same link in the same world: every AWS resource apply creates has its counterpart,
the load balancer's own group lets out only the database port to the database's group
(or its address), the database's group admits the load balancer's group. The text must
be what `terraform fmt` would leave; the checker of that is tested first on samples it
must refuse.

Environment (set by tests/integration/meson.build): CAUSEWAY_CLI, CAUSEWAY_SANDBOX,
CW_NODE (empty when meson found no Node.js), CW_HCL2JSON_MODULES (a node_modules)."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conformance"))
from sandbox import CLUSTER_ID, TIDB_ACCOUNT, Sandbox, Tap  # noqa: E402

OWN_GROUP = "${aws_security_group.load_balancer.id}"
RULE_DESCRIPTION = "TiDB Cloud private link (Causeway)"

# Each kind of `causeway-cli plan`'s resources, as the Terraform resources that make it.
PLAN_KINDS = {
    "security-group": ["aws_security_group"],
    "security-group-rule": ["aws_vpc_security_group_ingress_rule"],
    "target-group": ["aws_lb_target_group", "aws_lb_target_group_attachment"],
    "load-balancer": ["aws_lb"],
    "listener": ["aws_lb_listener"],
    "endpoint-service": ["aws_vpc_endpoint_service", "aws_vpc_endpoint_service_allowed_principal"],
}

PARSE = """
const { parse } = require("@cdktf/hcl2json");
const text = require("fs").readFileSync(0, "utf8");
parse("main.tf", text).then(
  (json) => process.stdout.write(JSON.stringify(json)),
  (error) => { process.stderr.write(String(error) + "\\n"); process.exit(1); });
"""


# ---- terraform fmt's layout ----

def code_of(line):
    """The line without its strings' contents and without a trailing comment."""
    out, quoted, escaped = [], False, False
    for char in line:
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
                out.append(char)
            continue
        if char == "#":
            break
        if char == '"':
            quoted = True
        out.append(char)
    return "".join(out)


def bracket_change(code):
    return sum(code.count(c) for c in "{[(") - sum(code.count(c) for c in "}])")


def fmt_problems(text):
    """What `terraform fmt` would change, and what the house layout wants beyond it:
    2 spaces per level; in each run of consecutive single-line attributes the `=` one space
    after the longest name (a blank line, a comment, a nested block or a multi-line value
    ends a run), one space after it; nested blocks apart from attributes by a blank line;
    one blank line between top-level blocks; no trailing spaces; one final newline."""
    problems = []
    if not text.endswith("\n") or text.endswith("\n\n"):
        problems.append("the file does not end with exactly one newline")
    lines = text.rstrip("\n").split("\n")
    opened = []       # what each open bracket opened: "block" or "value"
    run = []          # (line number, name, column of "=") of the current run of attributes
    previous = None   # the line before: blank, comment, open, close-block, close-value, attribute

    def close_run():
        if run:
            want = max(len(name) for _, name, _ in run) + 1
            for number, name, column in run:
                if column - indent_of(lines[number - 1]) != want:
                    problems.append("line %d: the = of %s is not one space after the run's longest name"
                                    % (number, name))
        run.clear()

    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        code = code_of(stripped).rstrip()
        closing = code.startswith(("}", "]", ")"))
        depth = len(opened)
        if line != line.rstrip() or "\t" in line:
            problems.append("line %d: trailing space or tab" % number)
        if not stripped:
            close_run()
            if previous in (None, "blank", "open"):
                problems.append("line %d: a blank line where the layout has none" % number)
            previous = "blank"
            continue
        if indent_of(line) != 2 * (depth - 1 if closing else depth):
            problems.append("line %d: indented %d, not %d" % (number, indent_of(line),
                                                              2 * (depth - 1 if closing else depth)))
        if stripped.startswith("#"):
            close_run()
            previous = "comment"
            continue
        change = bracket_change(code)
        assign = re.match(r'^("[^"]*"|[A-Za-z_][A-Za-z0-9_-]*)( *)=( *)(\S.*)?$', stripped)
        if previous == "close-block" and not closing:
            problems.append("line %d: no blank line after a nested block" % number)
        if assign and change == 0:
            if assign.group(3) != " ":
                problems.append("line %d: not one space after =" % number)
            run.append((number, assign.group(1), indent_of(line) + len(assign.group(1)) + len(assign.group(2))))
            previous = "attribute"
            continue
        close_run()
        if assign and (assign.group(2) != " " or assign.group(3) != " "):
            problems.append("line %d: the = of a multi-line value not between single spaces" % number)
        if change > 0:
            if not assign and previous not in (None, "open", "blank", "comment"):
                problems.append("line %d: a block not apart from what comes before it" % number)
            opened.extend(["value" if assign else "block"] * change)
            previous = "open"
        elif closing:
            if previous == "blank":
                problems.append("line %d: a blank line before a closing bracket" % number)
            if not opened:
                problems.append("line %d: more brackets closed than opened" % number)
                continue
            kind = opened.pop()
            previous = "close-" + kind
        else:
            previous = "other"
    close_run()
    if opened:
        problems.append("%d brackets left open at the end" % len(opened))
    return problems


def indent_of(line):
    return len(line) - len(line.lstrip(" "))


FORMATTED = '''# A comment.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

resource "aws_lb_target_group" "database" {
  name        = "tg"
  target_type = "ip"
  tags        = merge(local.tags, { Name = "a = b" })

  health_check {
    protocol = "TCP"
  }
}
'''

# Each sample differs from FORMATTED by one thing terraform fmt (or the house layout) changes.
MISFORMATTED = {
    "misaligned =": FORMATTED.replace('  target_type = "ip"', '  target_type  = "ip"'),
    "= padded as before": FORMATTED.replace('  name        = "tg"', '  name                               = "tg"'),
    "two spaces after =": FORMATTED.replace('protocol = "TCP"', 'protocol =  "TCP"'),
    "three-space indent": FORMATTED.replace('    protocol = "TCP"', '     protocol = "TCP"'),
    "trailing space": FORMATTED.replace('"ip"\n', '"ip" \n'),
    "no blank line before a nested block": FORMATTED.replace('"a = b" })\n\n', '"a = b" })\n'),
    "two blank lines": FORMATTED.replace("}\n\nresource", "}\n\n\nresource"),
    "no blank line between blocks": FORMATTED.replace("}\n\nresource", "}\nresource"),
    "two final newlines": FORMATTED + "\n",
    "aligned across a blank line": FORMATTED.replace('  tags        = merge', '\n  tags        = merge'),
}


def check_the_checker():
    problems = fmt_problems(FORMATTED)
    assert not problems, problems
    for what, sample in MISFORMATTED.items():
        assert sample != FORMATTED, what
        assert fmt_problems(sample), "the checker let through: " + what


# ---- causeway-cli in a sandbox world ----

class World:
    def __init__(self, sandbox_program, cli, home):
        hosts = os.path.join(home, "hosts")
        empty = os.path.join(home, "empty")
        open(empty, "w").close()
        self.sandbox = Sandbox(sandbox_program, "--time-scale", "0.01", "--seed", "20261124", "--hosts-file", hosts)
        self.cli = cli
        self.env = dict(os.environ, **self.sandbox.env)
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
            self.env.pop(name, None)
        # The AWS layer sends an empty path for an endpoint without one (as cw-test-sandbox.c).
        self.env.update(AWS_ENDPOINT_URL=self.sandbox.env["AWS_ENDPOINT_URL"].rstrip("/") + "/",
                        CAUSEWAY_HOSTS_FILE=hosts, CAUSEWAY_TIME_SCALE="0.01", HOME=home,
                        XDG_STATE_HOME=os.path.join(home, "state"), XDG_CONFIG_HOME=os.path.join(home, "config"),
                        AWS_CONFIG_FILE=empty, AWS_SHARED_CREDENTIALS_FILE=empty)

    def run(self, *args):
        result = subprocess.run([self.cli, *args], capture_output=True, text=True, env=self.env, timeout=60)
        assert result.returncode == 0, "causeway-cli %s: %s%s" % (" ".join(args), result.stdout, result.stderr)
        for name in ("AWS_SECRET_ACCESS_KEY", "TIDBCLOUD_PRIVATE_KEY"):
            assert self.sandbox.env[name] not in result.stdout, "a secret in the output of " + args[0]
        return result.stdout


def hcl2json(node, modules, text):
    result = subprocess.run([node, "-e", PARSE], input=text, capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, NODE_PATH=modules))
    assert result.returncode == 0, "hcl2json refused the export: " + result.stderr
    return json.loads(result.stdout)


def one(resources, kind, name):
    """The body of resource kind.name, which must exist once."""
    bodies = resources.get(kind, {}).get(name)
    assert bodies and len(bodies) == 1, "no resource %s.%s in %s" % (kind, name, sorted(resources))
    return bodies[0]


def check_rule(rule, port, **fields):
    assert rule["ip_protocol"] == "tcp" and rule["from_port"] == port and rule["to_port"] == port, rule
    assert rule["description"] == RULE_DESCRIPTION, rule
    for key, value in fields.items():
        assert rule.get(key) == value, "%s is %r, not %r, in %s" % (key, rule.get(key), value, rule)


def check_link(text, config, plan):
    """The parsed configuration makes what apply makes for this plan, and no more."""
    database = plan["database"]
    port = database["port"]
    group = plan["databaseSecurityGroup"]
    resources = config["resource"]
    assert plan["ready"] and plan["nlbSecurityGroup"] is None, plan

    kinds = {kind + "." + name for kind, named in resources.items() for name in named}
    expected = {"aws_security_group.load_balancer",
                "aws_vpc_security_group_ingress_rule.load_balancer_database_port",
                "aws_vpc_security_group_egress_rule.load_balancer_to_database",
                "aws_lb_target_group.database", "aws_lb_target_group_attachment.database", "aws_lb.link",
                "aws_lb_listener.database", "aws_vpc_endpoint_service.link",
                "aws_vpc_endpoint_service_allowed_principal.tidb_cloud"}
    if group is not None:
        expected.add("aws_vpc_security_group_ingress_rule.database_from_load_balancer")
    assert kinds == expected, "resources %s, not %s" % (sorted(kinds), sorted(expected))
    for change in plan["resources"]:
        for kind in PLAN_KINDS.get(change["kind"], []):
            assert kind in resources, "the plan's %s has no %s" % (change["kind"], kind)

    own = one(resources, "aws_security_group", "load_balancer")
    assert own["vpc_id"] == database["vpcId"], own
    assert "egress" not in own and "ingress" not in own, "inline rules replace the rule resources: %s" % own
    check_rule(one(resources, "aws_vpc_security_group_ingress_rule", "load_balancer_database_port"), port,
               security_group_id=OWN_GROUP, cidr_ipv4="0.0.0.0/0")
    egress = one(resources, "aws_vpc_security_group_egress_rule", "load_balancer_to_database")
    if group is not None:
        check_rule(egress, port, security_group_id=OWN_GROUP, referenced_security_group_id=group)
        assert "cidr_ipv4" not in egress, egress
        check_rule(one(resources, "aws_vpc_security_group_ingress_rule", "database_from_load_balancer"), port,
                   security_group_id=group, referenced_security_group_id=OWN_GROUP)
    else:
        check_rule(egress, port, security_group_id=OWN_GROUP, cidr_ipv4=database["privateIp"] + "/32")
        assert "referenced_security_group_id" not in egress, egress

    target_group = one(resources, "aws_lb_target_group", "database")
    assert (target_group["port"], target_group["protocol"], target_group["target_type"]) == (port, "TCP", "ip")
    assert target_group["vpc_id"] == database["vpcId"], target_group
    assert target_group.get("load_balancing_cross_zone_enabled", "false") == str(plan["crossZone"]).lower(), \
        "cross-zone is %r where the plan says %r" % (target_group.get("load_balancing_cross_zone_enabled"),
                                                      plan["crossZone"])
    attachment = one(resources, "aws_lb_target_group_attachment", "database")
    assert attachment["target_id"] == database["privateIp"] and attachment["port"] == port, attachment

    balancer = one(resources, "aws_lb", "link")
    assert balancer["internal"] is True and balancer["load_balancer_type"] == "network", balancer
    assert balancer["subnets"] == [s["id"] for s in plan["subnets"] if s["selected"]], balancer
    assert balancer["security_groups"] == [OWN_GROUP], balancer
    listener = one(resources, "aws_lb_listener", "database")
    assert listener["port"] == port and listener["protocol"] == "TCP", listener
    assert listener["default_action"] == [{"type": "forward",
                                           "target_group_arn": "${aws_lb_target_group.database.arn}"}], listener

    service = one(resources, "aws_vpc_endpoint_service", "link")
    assert service["acceptance_required"] is True, service
    assert service["network_load_balancer_arns"] == ["${aws_lb.link.arn}"], service
    principal = one(resources, "aws_vpc_endpoint_service_allowed_principal", "tidb_cloud")
    assert principal["principal_arn"] == "arn:aws:iam::%s:root" % TIDB_ACCOUNT, principal
    assert principal["vpc_endpoint_service_id"] == "${aws_vpc_endpoint_service.link.id}", principal
    assert set(config["output"]) >= {"endpoint_service_name", "endpoint_service_id"}, config["output"]

    # The TiDB Cloud side, which no Terraform resource makes, is a command in the comment.
    assert ("#   ticloud serverless private-link-connection create --cluster-id %s " % CLUSTER_ID) in text, text
    assert '--aws.endpoint-service-name "$(terraform output -raw endpoint_service_name)"' in text


def check_addition(config, link):
    """A database added to the link: its port, rules, target group, listener on the link's
    load balancer and the endpoint service's tag naming its port; nothing of the link."""
    resources = config["resource"]
    kinds = {kind + "." + name for kind, named in resources.items() for name in named}
    expected = {"aws_vpc_security_group_ingress_rule.load_balancer_database_port",
                "aws_vpc_security_group_egress_rule.load_balancer_to_database",
                "aws_vpc_security_group_ingress_rule.database_from_load_balancer",
                "aws_lb_target_group.database", "aws_lb_target_group_attachment.database",
                "aws_lb_listener.database", "aws_ec2_tag.database_port"}
    assert kinds == expected, "resources %s, not %s" % (sorted(kinds), sorted(expected))
    assert config["data"]["aws_lb"]["link"][0]["name"] == link["loadBalancer"], config["data"]
    ingress = one(resources, "aws_vpc_security_group_ingress_rule", "load_balancer_database_port")
    check_rule(ingress, 3307, cidr_ipv4="0.0.0.0/0")
    check_rule(one(resources, "aws_vpc_security_group_egress_rule", "load_balancer_to_database"), 3306,
               security_group_id=ingress["security_group_id"])
    listener = one(resources, "aws_lb_listener", "database")
    assert listener["port"] == 3307 and listener["load_balancer_arn"] == "${data.aws_lb.link.arn}", listener
    assert one(resources, "aws_lb_target_group", "database")["port"] == 3306
    tag = one(resources, "aws_ec2_tag", "database_port")
    assert tag["resource_id"] == link["endpointServiceId"] and tag["key"] == "causeway:port:3307", tag
    assert tag["value"].startswith("billing-mysql/"), tag


def main():
    tap = Tap()
    node = os.environ.get("CW_NODE") or shutil.which("node") or shutil.which("nodejs")
    modules = os.environ["CW_HCL2JSON_MODULES"]
    parser = os.path.join(modules, "@cdktf", "hcl2json", "package.json")
    if node is None or not os.path.exists(parser):
        if node is None or shutil.which("npm") is None:
            print("1..0 # SKIP no Node.js and npm to run the HCL2 parser @cdktf/hcl2json: install Debian's "
                  "nodejs and npm, or run tools/test, which does", flush=True)
            return
        print("Bail out! @cdktf/hcl2json is not installed in %s: tools/test installs it, or run "
              "`. tools/deps.sh && cw_install_node_modules`" % modules, flush=True)
        sys.exit(1)

    tap.check("the layout checker refuses what terraform fmt or the house layout would change", check_the_checker)
    home = tempfile.TemporaryDirectory(prefix="cw-terraform-")
    world = World(os.environ["CAUSEWAY_SANDBOX"], os.environ["CAUSEWAY_CLI"], home.name)
    try:
        cases = [("orders-mysql", []), ("billing-mysql", ["--name", "billing via causeway"]),
                 ("orders-mysql", ["--no-database-rule"])]
        for database, extra in cases:
            arguments = ["--cluster", CLUSTER_ID, "--database", database, *extra]
            label = " ".join([database, *extra])
            state = {}

            def export():
                state["plan"] = json.loads(world.run("plan", *arguments, "--output", "json"))
                state["text"] = world.run("export", "--format", "terraform", *arguments)
                state["config"] = hcl2json(node, modules, state["text"])

            def layout():
                problems = fmt_problems(state["text"])
                assert not problems, "\n".join(problems)

            def resources():
                check_link(state["text"], state["config"], state["plan"])

            def stable_names():
                again = hcl2json(node, modules, world.run("export", "--format", "terraform", *arguments))
                names = {kind: sorted(named) for kind, named in state["config"]["resource"].items()}
                assert names == {kind: sorted(named) for kind, named in again["resource"].items()}, names

            tap.check("%s: exported and parsed by hcl2json" % label, export)
            if "config" in state:
                tap.check("%s: laid out as terraform fmt leaves it" % label, layout)
                tap.check("%s: what apply makes, least privilege both ways" % label, resources)
                tap.check("%s: the same resource names in a second export" % label, stable_names)

        def addition():
            world.run("apply", "--cluster", CLUSTER_ID, "--database", "orders-mysql", "--yes")
            links = json.loads(world.run("links", "--output", "json"))
            link = next(l for l in links if l["managed"] and l["database"] == "orders-mysql")
            text = world.run("export", "--format", "terraform", "--add-to", link["linkId"], "--cluster", CLUSTER_ID,
                             "--database", "billing-mysql")
            problems = fmt_problems(text)
            assert not problems, "\n".join(problems)
            check_addition(hcl2json(node, modules, text), link)

        tap.check("billing-mysql added to a link: its own port, rules, listener and the service's tag", addition)
    finally:
        world.sandbox.stop()
        home.cleanup()
    tap.finish()


if __name__ == "__main__":
    main()
