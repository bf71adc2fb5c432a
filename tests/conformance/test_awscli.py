#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Conformance: the real AWS CLI (Debian's awscli) against causeway-sandbox.

Every AWS operation Causeway uses (DESIGN.md §3.1) is run through the CLI, which must
parse the sandbox's answers into the fields asserted here; the rules of DESIGN.md §6
must be refused in AWS's words; and a link is made the way Causeway makes one, with
the TiDB Cloud side driven by curl --digest.

Usage: test_awscli.py PATH-TO-causeway-sandbox"""

import ipaddress
import json
import sys
import urllib.request

from sandbox import ACCOUNT, CLUSTER_ID, TIDB_ACCOUNT, Sandbox, Tap, wait_for

TIDB_PRINCIPAL = "arn:aws:iam::%s:root" % TIDB_ACCOUNT
LINKS = "/v1beta1/clusters/%s/privateLinkConnections" % CLUSTER_ID


def main():
    sandbox = Sandbox(sys.argv[1], "--time-scale", "0.01", "--seed", "7")
    tap = Tap()
    state = {}
    aws = sandbox.aws
    aws_error = sandbox.aws_error

    def first(items, **fields):
        return next(item for item in items if all(item.get(k) == v for k, v in fields.items()))

    # ---- STS and authentication ----

    def caller_identity():
        identity = aws("sts", "get-caller-identity")
        assert identity["Account"] == ACCOUNT, identity
        assert identity["Arn"].endswith(":user/causeway-sandbox"), identity

    def wrong_secret():
        env = dict(sandbox.cli_env, AWS_SECRET_ACCESS_KEY="wrong" + sandbox.env["AWS_SECRET_ACCESS_KEY"][5:])
        for command in (["sts", "get-caller-identity"], ["ec2", "describe-vpcs"], ["elbv2", "describe-load-balancers"]):
            error = aws_error(*command, env=env)
            assert error.code == "SignatureDoesNotMatch", error.text

    def unknown_key():
        env = dict(sandbox.cli_env, AWS_ACCESS_KEY_ID="AKIAUNKNOWNEXAMPLE00")
        assert aws_error("sts", "get-caller-identity", env=env).code == "InvalidClientTokenId"
        assert aws_error("ec2", "describe-vpcs", env=env).code == "AuthFailure"

    # ---- EC2: what there is ----

    def availability_zones():
        zones = aws("ec2", "describe-availability-zones")["AvailabilityZones"]
        names = {zone["ZoneName"]: zone["ZoneId"] for zone in zones}
        assert names["us-east-1a"] == "use1-az4" and names["us-east-1c"] == "use1-az1", names
        assert all(zone["State"] == "available" and zone["RegionName"] == "us-east-1" for zone in zones)
        one = aws("ec2", "describe-availability-zones", "--filters", "Name=zone-id,Values=use1-az1")
        assert [zone["ZoneName"] for zone in one["AvailabilityZones"]] == ["us-east-1c"], one

    def vpcs():
        found = aws("ec2", "describe-vpcs", "--filters", "Name=tag:Name,Values=prod")["Vpcs"]
        assert len(found) == 1 and found[0]["CidrBlock"] == "10.0.0.0/16" and not found[0]["IsDefault"], found
        state["vpc"] = found[0]["VpcId"]
        default = aws("ec2", "describe-vpcs", "--filters", "Name=is-default,Values=true")["Vpcs"]
        assert default[0]["CidrBlock"] == "172.31.0.0/16", default
        state["legacy_vpc"] = default[0]["VpcId"]
        assert aws_error("ec2", "describe-vpcs", "--vpc-ids", "vpc-0123456789abcdef0").code == "InvalidVpcID.NotFound"
        assert aws_error("ec2", "describe-vpcs", "--vpc-ids", "vpc-nothex").code == "InvalidVpcID.Malformed"

    def subnets_and_paging():
        subnets = aws("ec2", "describe-subnets", "--page-size", "5")["Subnets"]
        assert len(subnets) == 7, subnets
        page = aws("ec2", "describe-subnets", "--page-size", "5", "--max-items", "5")
        assert len(page["Subnets"]) == 5 and "NextToken" in page, page.keys()
        rest = aws("ec2", "describe-subnets", "--page-size", "5", "--starting-token", page["NextToken"])
        assert len(rest["Subnets"]) == 2, rest
        ids = {s["SubnetId"] for s in page["Subnets"]} | {s["SubnetId"] for s in rest["Subnets"]}
        assert ids == {s["SubnetId"] for s in subnets}
        prod = aws("ec2", "describe-subnets", "--filters", "Name=vpc-id,Values=" + state["vpc"],
                   "Name=availability-zone-id,Values=use1-az4,use1-az1")["Subnets"]
        names = {s["Tags"][0]["Value"]: s for s in prod}
        assert set(names) == {"prod-a", "prod-c", "prod-a-batch"}, names.keys()
        assert names["prod-a"]["AvailabilityZone"] == "us-east-1a" and names["prod-a"]["AvailableIpAddressCount"] > 0
        state["subnets"] = [names["prod-a"]["SubnetId"], names["prod-c"]["SubnetId"]]
        state["subnet_a2"] = names["prod-a-batch"]["SubnetId"]
        legacy = aws("ec2", "describe-subnets", "--filters", "Name=vpc-id,Values=" + state["legacy_vpc"])["Subnets"]
        state["legacy_subnets"] = [s["SubnetId"] for s in legacy]

    def databases():
        instances = aws("rds", "describe-db-instances")["DBInstances"]
        by_id = {db["DBInstanceIdentifier"]: db for db in instances}
        orders = by_id["orders-mysql"]
        assert orders["Engine"] == "mysql" and orders["Endpoint"]["Port"] == 3306, orders
        assert orders["Endpoint"]["Address"].endswith(".us-east-1.rds.amazonaws.com")
        assert orders["DBSubnetGroup"]["VpcId"] == state["vpc"]
        assert by_id["billing-mysql"]["MultiAZ"] and by_id["billing-mysql"]["SecondaryAvailabilityZone"]
        assert by_id["public-mysql"]["PubliclyAccessible"]
        assert by_id["reports-postgres"]["Engine"] == "postgres"
        assert by_id["inventory-aurora-instance-1"]["DBClusterIdentifier"] == "inventory-aurora"
        state["db_group"] = orders["VpcSecurityGroups"][0]["VpcSecurityGroupId"]
        one = aws("rds", "describe-db-instances", "--db-instance-identifier", "orders-mysql")["DBInstances"]
        assert [db["DBInstanceIdentifier"] for db in one] == ["orders-mysql"]
        postgres = aws("rds", "describe-db-instances", "--filters", "Name=engine,Values=postgres")["DBInstances"]
        assert [db["DBInstanceIdentifier"] for db in postgres] == ["reports-postgres"]
        page = aws("rds", "describe-db-instances", "--page-size", "20", "--max-items", "3")
        assert len(page["DBInstances"]) == 3 and "NextToken" in page
        assert aws_error("rds", "describe-db-instances", "--db-instance-identifier", "nope").code == "DBInstanceNotFound"

    def aurora():
        clusters = aws("rds", "describe-db-clusters")["DBClusters"]
        cluster = first(clusters, DBClusterIdentifier="inventory-aurora")
        assert cluster["Engine"] == "aurora-mysql" and cluster["Endpoint"].startswith("inventory-aurora.cluster-")
        writers = [m["DBInstanceIdentifier"] for m in cluster["DBClusterMembers"] if m["IsClusterWriter"]]
        assert writers == ["inventory-aurora-instance-1"], cluster["DBClusterMembers"]
        assert aws_error("rds", "describe-db-clusters", "--db-cluster-identifier", "nope").code == "DBClusterNotFoundFault"

    # ---- RDS: what a migration reads ----

    def parameter_groups_of_databases():
        by_id = {db["DBInstanceIdentifier"]: db for db in aws("rds", "describe-db-instances")["DBInstances"]}
        orders = by_id["orders-mysql"]
        assert orders["DBParameterGroups"] == [{"DBParameterGroupName": "orders-mysql80",
                                                "ParameterApplyStatus": "in-sync"}], orders["DBParameterGroups"]
        assert orders["BackupRetentionPeriod"] == 7 and orders["MasterUsername"] == "admin", orders
        assert by_id["public-mysql"]["BackupRetentionPeriod"] == 0
        assert by_id["public-mysql"]["DBParameterGroups"][0]["DBParameterGroupName"] == "default.mysql8.0"
        cluster = first(aws("rds", "describe-db-clusters")["DBClusters"], DBClusterIdentifier="inventory-aurora")
        assert cluster["DBClusterParameterGroup"] == "default.aurora-mysql8.0", cluster
        assert cluster["BackupRetentionPeriod"] == 1

    def describe_parameter_groups():
        groups = aws("rds", "describe-db-parameter-groups", "--page-size", "20")["DBParameterGroups"]
        by_name = {group["DBParameterGroupName"]: group for group in groups}
        assert by_name["default.mysql8.0"]["DBParameterGroupFamily"] == "mysql8.0", by_name.keys()
        assert by_name["default.mysql8.0"]["Description"] == "Default parameter group for mysql8.0"
        assert by_name["orders-mysql80"]["DBParameterGroupArn"] == \
            "arn:aws:rds:us-east-1:%s:pg:orders-mysql80" % ACCOUNT, by_name["orders-mysql80"]
        one = aws("rds", "describe-db-parameter-groups", "--db-parameter-group-name", "billing-mysql80")
        assert [g["DBParameterGroupName"] for g in one["DBParameterGroups"]] == ["billing-mysql80"], one
        error = aws_error("rds", "describe-db-parameter-groups", "--db-parameter-group-name", "nope")
        assert error.code == "DBParameterGroupNotFound" and "DBParameterGroup not found: nope" in error.text, error.text

    def describe_db_parameters():
        group = ["--db-parameter-group-name", "orders-mysql80"]
        # The CLI follows the markers itself: every parameter, once.
        parameters = aws("rds", "describe-db-parameters", *group)["Parameters"]
        names = [p["ParameterName"] for p in parameters]
        assert len(names) > 100 and len(names) == len(set(names)), len(names)
        by_name = {p["ParameterName"]: p for p in parameters}
        assert by_name["binlog_format"]["ParameterValue"] == "ROW" and by_name["binlog_format"]["Source"] == "user"
        assert by_name["binlog_row_image"]["ParameterValue"] == "full", by_name["binlog_row_image"]
        assert by_name["binlog_format"]["IsModifiable"] is True and by_name["binlog_format"]["ApplyType"] == "dynamic"
        assert "ParameterValue" not in by_name["require_secure_transport"]
        assert by_name["basedir"]["IsModifiable"] is False and by_name["basedir"]["Source"] == "system"
        page = aws("rds", "describe-db-parameters", *group, "--page-size", "20", "--max-items", "20")
        assert len(page["Parameters"]) == 20 and "NextToken" in page, page.keys()
        rest = aws("rds", "describe-db-parameters", *group, "--page-size", "20", "--starting-token", page["NextToken"])
        assert [p["ParameterName"] for p in page["Parameters"] + rest["Parameters"]] == names
        user = aws("rds", "describe-db-parameters", *group, "--source", "user")["Parameters"]
        assert {p["ParameterName"] for p in user} == {"binlog_format", "binlog_row_image", "max_connections"}, user
        defaults = {p["ParameterName"]: p for p in
                    aws("rds", "describe-db-parameters", "--db-parameter-group-name", "default.mysql8.0")["Parameters"]}
        assert defaults["binlog_format"]["ParameterValue"] == "MIXED" and defaults["binlog_format"]["Source"] == "system"
        assert aws_error("rds", "describe-db-parameters", *group, "--page-size", "10").code == "InvalidParameterValue"
        assert aws_error("rds", "describe-db-parameters", *group, "--source", "mine").code == "InvalidParameterValue"
        error = aws_error("rds", "describe-db-parameters", "--db-parameter-group-name", "nope")
        assert error.code == "DBParameterGroupNotFound", error.text

    def describe_db_cluster_parameters():
        group = ["--db-cluster-parameter-group-name", "default.aurora-mysql8.0"]
        parameters = {p["ParameterName"]: p for p in aws("rds", "describe-db-cluster-parameters", *group)["Parameters"]}
        assert parameters["binlog_format"]["ParameterValue"] == "OFF", parameters["binlog_format"]
        assert parameters["binlog_format"]["SupportedEngineModes"] == ["provisioned"]
        error = aws_error("rds", "describe-db-cluster-parameters", "--db-cluster-parameter-group-name", "orders-mysql80")
        assert error.code == "DBParameterGroupNotFound", error.text

    def changefeed_test_through_a_link():
        status, links = sandbox.tidb("GET", LINKS + "?pageSize=100")
        orders = first(links["privateLinkConnections"], displayName="orders (set up by hand)")
        sink = {"type": "MYSQL", "mysql": {
            "network": {"networkType": "PRIVATE_LINK", "privateLink": {
                "privateLinkConnectionId": orders["privateLinkConnectionId"], "port": 3306}},
            "authentication": {"userName": sandbox.env["CAUSEWAY_SANDBOX_MYSQL_USER"],
                               "password": sandbox.env["CAUSEWAY_SANDBOX_MYSQL_PWD"], "enableTls": False}}}
        test = "/v1beta1/clusters/%s/changefeeds:test" % CLUSTER_ID
        status, answer = sandbox.tidb("POST", test, {"sink": sink})
        assert status == 200 and answer == {}, (status, answer)
        sink["mysql"]["authentication"]["password"] = "wrong"
        status, answer = sandbox.tidb("POST", test, {"sink": sink})
        assert status == 400 and "Access denied for user 'admin'" in answer["message"], (status, answer)

    def network_interfaces():
        public = first(aws("rds", "describe-db-instances")["DBInstances"], DBInstanceIdentifier="public-mysql")
        enis = aws("ec2", "describe-network-interfaces", "--filters", "Name=description,Values=RDSNetworkInterface",
                   "Name=availability-zone,Values=us-east-1c")["NetworkInterfaces"]
        public_enis = [e for e in enis if "Association" in e]
        assert len(public_enis) == 1, enis
        public_ip = public_enis[0]["Association"]["PublicIp"]
        found = aws("ec2", "describe-network-interfaces", "--filters",
                    "Name=association.public-ip,Values=" + public_ip)["NetworkInterfaces"]
        assert len(found) == 1 and found[0]["VpcId"] == state["vpc"], found
        assert ipaddress.ip_address(found[0]["PrivateIpAddress"]) in ipaddress.ip_network("10.0.32.0/20")
        assert public["AvailabilityZone"] == found[0]["AvailabilityZone"]
        orders = aws("ec2", "describe-network-interfaces", "--filters", "Name=description,Values=RDSNetworkInterface",
                     "Name=availability-zone,Values=us-east-1a", "Name=addresses.private-ip-address,Values=10.0.0.*")
        state["db_ip"] = orders["NetworkInterfaces"][0]["PrivateIpAddress"]

    # ---- EC2: security groups ----

    def create_security_group():
        created = aws("ec2", "create-security-group", "--group-name", "link-nlb", "--description", "NLB of a link",
                      "--vpc-id", state["vpc"], "--tag-specifications",
                      "ResourceType=security-group,Tags=[{Key=causeway:link-id,Value=conformance}]")
        assert created["GroupId"].startswith("sg-") and created["Tags"][0]["Key"] == "causeway:link-id", created
        state["nlb_group"] = created["GroupId"]
        error = aws_error("ec2", "create-security-group", "--group-name", "link-nlb", "--description", "again",
                          "--vpc-id", state["vpc"])
        assert error.code == "InvalidGroup.Duplicate", error.text
        assert aws_error("ec2", "create-security-group", "--group-name", "sg-bad", "--description", "x",
                         "--vpc-id", state["vpc"]).code == "InvalidParameterValue"

    def describe_security_groups():
        by_name = aws("ec2", "describe-security-groups", "--filters", "Name=group-name,Values=link-nlb",
                      "Name=vpc-id,Values=" + state["vpc"])["SecurityGroups"]
        assert [g["GroupId"] for g in by_name] == [state["nlb_group"]], by_name
        by_id = aws("ec2", "describe-security-groups", "--group-ids", state["db_group"])["SecurityGroups"][0]
        assert by_id["GroupName"] == "prod-db" and by_id["IpPermissionsEgress"][0]["IpProtocol"] == "-1"
        mysql = first(by_id["IpPermissions"], FromPort=3306)
        assert mysql["IpProtocol"] == "tcp" and mysql["UserIdGroupPairs"], mysql
        assert aws_error("ec2", "describe-security-groups", "--group-ids",
                         "sg-0123456789abcdef0").code == "InvalidGroup.NotFound"

    def authorize_ingress():
        nlb = aws("ec2", "authorize-security-group-ingress", "--group-id", state["nlb_group"], "--protocol", "tcp",
                  "--port", "3306", "--cidr", "10.0.0.0/8")
        assert nlb["Return"] and nlb["SecurityGroupRules"][0]["CidrIpv4"] == "10.0.0.0/8", nlb
        db = aws("ec2", "authorize-security-group-ingress", "--group-id", state["db_group"], "--ip-permissions",
                 "IpProtocol=tcp,FromPort=3306,ToPort=3306,UserIdGroupPairs=[{GroupId=%s,Description=link}]"
                 % state["nlb_group"])
        rule = db["SecurityGroupRules"][0]
        assert rule["SecurityGroupRuleId"].startswith("sgr-") and rule["ReferencedGroupInfo"]["GroupId"] == state["nlb_group"]
        state["db_rule"] = rule["SecurityGroupRuleId"]
        error = aws_error("ec2", "authorize-security-group-ingress", "--group-id", state["nlb_group"], "--protocol",
                          "tcp", "--port", "3306", "--cidr", "10.0.0.0/8")
        assert error.code == "InvalidPermission.Duplicate", error.text

    def egress():
        to_db = "IpProtocol=tcp,FromPort=3306,ToPort=3306,UserIdGroupPairs=[{GroupId=%s,Description=link}]" % state["db_group"]
        added = aws("ec2", "authorize-security-group-egress", "--group-id", state["nlb_group"], "--ip-permissions", to_db)
        rule = added["SecurityGroupRules"][0]
        assert rule["IsEgress"] and rule["ReferencedGroupInfo"]["GroupId"] == state["db_group"], added
        assert aws_error("ec2", "authorize-security-group-egress", "--group-id", state["nlb_group"], "--ip-permissions",
                         to_db).code == "InvalidPermission.Duplicate"
        assert aws("ec2", "revoke-security-group-egress", "--group-id", state["nlb_group"], "--ip-permissions",
                   "IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]")["Return"]
        assert aws_error("ec2", "revoke-security-group-egress", "--group-id", state["nlb_group"], "--ip-permissions",
                         "IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]").code == "InvalidPermission.NotFound"
        group = aws("ec2", "describe-security-groups", "--group-ids", state["nlb_group"])["SecurityGroups"][0]
        out = group["IpPermissionsEgress"]
        assert len(out) == 1 and out[0]["FromPort"] == 3306 and out[0]["UserIdGroupPairs"][0]["GroupId"] == state["db_group"], out
        # The database's group is now named by another group's rule.
        assert aws_error("ec2", "delete-security-group", "--group-id", state["db_group"]).code == "DependencyViolation"

    def create_tags():
        aws("ec2", "create-tags", "--resources", state["nlb_group"], "--tags", "Key=Name,Value=link-nlb")
        group = aws("ec2", "describe-security-groups", "--filters", "Name=tag:Name,Values=link-nlb")["SecurityGroups"]
        assert [g["GroupId"] for g in group] == [state["nlb_group"]]
        assert aws_error("ec2", "create-tags", "--resources", "sg-0123456789abcdef0", "--tags",
                         "Key=a,Value=b").code == "InvalidGroup.NotFound"
        assert aws_error("ec2", "create-tags", "--resources", "i-0123456789abcdef0", "--tags",
                         "Key=a,Value=b").code == "InvalidID"
        # A second database on a link: its port's tag goes on, then off again by key alone.
        aws("ec2", "create-tags", "--resources", state["nlb_group"], "--tags", "Key=causeway:port:3307,Value=db-2/tg-2")
        tagged = aws("ec2", "describe-security-groups", "--group-ids", state["nlb_group"])["SecurityGroups"][0]["Tags"]
        assert {"Key": "causeway:port:3307", "Value": "db-2/tg-2"} in tagged, tagged
        aws("ec2", "delete-tags", "--resources", state["nlb_group"], "--tags", "Key=causeway:port:3307")
        tags = aws("ec2", "describe-security-groups", "--group-ids", state["nlb_group"])["SecurityGroups"][0]["Tags"]
        assert "causeway:port:3307" not in [t["Key"] for t in tags] and "Name" in [t["Key"] for t in tags], tags
        aws("ec2", "delete-tags", "--resources", state["nlb_group"], "--tags", "Key=Name,Value=not-its-value")
        assert aws("ec2", "describe-security-groups", "--group-ids", state["nlb_group"])["SecurityGroups"][0]["Tags"] == tags
        assert aws_error("ec2", "delete-tags", "--resources", "sg-0123456789abcdef0", "--tags",
                         "Key=a").code == "InvalidGroup.NotFound"

    # ---- ELBv2 ----

    def create_target_group():
        arguments = ["elbv2", "create-target-group", "--name", "orders-3306", "--protocol", "TCP", "--port", "3306",
                     "--vpc-id", state["vpc"], "--target-type", "ip", "--tags", "Key=causeway:link-id,Value=conformance"]
        group = aws(*arguments)["TargetGroups"][0]
        assert group["TargetGroupArn"].startswith("arn:aws:elasticloadbalancing:us-east-1:%s:targetgroup/orders-3306/" % ACCOUNT)
        assert group["Protocol"] == "TCP" and group["TargetType"] == "ip" and group["LoadBalancerArns"] == []
        state["tg"] = group["TargetGroupArn"]
        assert aws(*arguments)["TargetGroups"][0]["TargetGroupArn"] == state["tg"], "CreateTargetGroup is idempotent"
        changed = list(arguments)
        changed[changed.index("3306", 6)] = "3307"
        assert aws_error(*changed).code == "DuplicateTargetGroupName"
        assert aws_error("elbv2", "create-target-group", "--name", "orders-short", "--protocol", "TCP", "--port", "3306",
                         "--vpc-id", state["vpc"], "--target-type", "ip", "--health-check-interval-seconds", "5",
                         "--health-check-timeout-seconds", "6").code == "ValidationError"
        for name in ("-orders", "orders_3306", "x" * 33):
            assert aws_error("elbv2", "create-target-group", "--name=" + name, "--protocol", "TCP", "--port", "3306",
                             "--vpc-id", state["vpc"], "--target-type", "ip").code == "ValidationError", name

    def target_group_attributes():
        attributes = aws("elbv2", "modify-target-group-attributes", "--target-group-arn", state["tg"], "--attributes",
                         "Key=load_balancing.cross_zone.enabled,Value=true")["Attributes"]
        assert {"Key": "load_balancing.cross_zone.enabled", "Value": "true"} in attributes, attributes
        assert aws_error("elbv2", "modify-target-group-attributes", "--target-group-arn", state["tg"], "--attributes",
                         "Key=no.such.key,Value=1").code == "ValidationError"

    def register_targets():
        aws("elbv2", "register-targets", "--target-group-arn", state["tg"], "--targets", "Id=%s,Port=3306" % state["db_ip"])
        error = aws_error("elbv2", "register-targets", "--target-group-arn", state["tg"], "--targets", "Id=54.12.0.9")
        assert error.code == "InvalidTarget", error.text
        error = aws_error("elbv2", "register-targets", "--target-group-arn", state["tg"], "--targets", "Id=172.31.0.20")
        assert error.code == "InvalidTarget", error.text
        health = aws("elbv2", "describe-target-health", "--target-group-arn", state["tg"])["TargetHealthDescriptions"]
        assert health[0]["Target"]["Id"] == state["db_ip"] and health[0]["Target"]["AvailabilityZone"] == "us-east-1a"
        assert health[0]["TargetHealth"] == {"State": "unused", "Reason": "Target.NotInUse",
                                             "Description": "Target group is not configured to receive traffic from the load balancer"}

    def create_load_balancer():
        base = ["elbv2", "create-load-balancer", "--type", "network", "--scheme", "internal",
                "--security-groups", state["nlb_group"]]
        assert aws_error(*base, "--name", "internal-orders", "--subnets", *state["subnets"]).code == "ValidationError"
        error = aws_error(*base, "--name", "orders-nlb", "--subnets", state["subnets"][0], state["subnet_a2"])
        assert error.code == "InvalidConfigurationRequest" and "same Availability Zone" in error.text, error.text
        error = aws_error(*base, "--name", "orders-nlb", "--subnets", state["subnets"][0], state["legacy_subnets"][0])
        assert error.code == "InvalidConfigurationRequest", error.text
        lb = aws(*base, "--name", "orders-nlb", "--subnets", *state["subnets"],
                 "--tags", "Key=causeway:link-id,Value=conformance")["LoadBalancers"][0]
        assert lb["State"]["Code"] == "provisioning" and lb["Type"] == "network" and lb["Scheme"] == "internal", lb
        assert sorted(z["ZoneName"] for z in lb["AvailabilityZones"]) == ["us-east-1a", "us-east-1c"]
        assert lb["SecurityGroups"] == [state["nlb_group"]] and lb["VpcId"] == state["vpc"]
        state["lb"] = lb["LoadBalancerArn"]
        again = aws(*base, "--name", "orders-nlb", "--subnets", *state["subnets"])["LoadBalancers"][0]
        assert again["LoadBalancerArn"] == state["lb"], "CreateLoadBalancer is idempotent"

    def load_balancer_becomes_active():
        wait_for("the NLB to become active", lambda: aws(
            "elbv2", "describe-load-balancers", "--load-balancer-arns", state["lb"])["LoadBalancers"][0]["State"]["Code"] == "active")

    def listeners():
        listener = aws("elbv2", "create-listener", "--load-balancer-arn", state["lb"], "--protocol", "TCP", "--port", "3306",
                       "--default-actions", "Type=forward,TargetGroupArn=" + state["tg"])["Listeners"][0]
        assert listener["Port"] == 3306 and listener["DefaultActions"][0]["TargetGroupArn"] == state["tg"], listener
        state["listener"] = listener["ListenerArn"]
        other = aws("elbv2", "create-target-group", "--name", "other-3306", "--protocol", "TCP", "--port", "3306",
                    "--vpc-id", state["vpc"], "--target-type", "ip")["TargetGroups"][0]["TargetGroupArn"]
        state["other_tg"] = other
        error = aws_error("elbv2", "create-listener", "--load-balancer-arn", state["lb"], "--protocol", "TCP", "--port",
                          "3306", "--default-actions", "Type=forward,TargetGroupArn=" + other)
        assert error.code == "DuplicateListener", error.text
        found = aws("elbv2", "describe-listeners", "--load-balancer-arn", state["lb"])["Listeners"]
        assert [l["ListenerArn"] for l in found] == [state["listener"]]
        assert aws("elbv2", "describe-target-groups", "--load-balancer-arn", state["lb"])["TargetGroups"][0]["LoadBalancerArns"] == [state["lb"]]

    def all_pages(*command, key):
        """ELBv2's own PageSize turns the CLI's paging off: follow NextMarker by hand."""
        items, marker, pages = [], None, 0
        while pages < 50:
            page = aws(*command, "--page-size", "1", *(["--marker", marker] if marker else []))
            items += page[key]
            pages += 1
            marker = page.get("NextMarker")
            if not marker:
                return items, pages
        raise AssertionError("NextMarker never ends")

    def describe_with_paging():
        groups, pages = all_pages("elbv2", "describe-target-groups", key="TargetGroups")
        names = [g["TargetGroupName"] for g in groups]
        assert names == ["orders-privatelink-3306", "billing-privatelink-3306", "orders-3306", "other-3306"], names
        assert pages == 4, pages
        lbs, pages = all_pages("elbv2", "describe-load-balancers", key="LoadBalancers")
        assert [lb["LoadBalancerName"] for lb in lbs] == ["orders-privatelink-nlb", "billing-privatelink-nlb", "orders-nlb"]
        named = aws("elbv2", "describe-load-balancers", "--names", "orders-nlb")["LoadBalancers"]
        assert [lb["LoadBalancerArn"] for lb in named] == [state["lb"]]
        assert aws_error("elbv2", "describe-load-balancers", "--names", "nope").code == "LoadBalancerNotFound"
        assert aws_error("elbv2", "describe-target-groups", "--names", "nope").code == "TargetGroupNotFound"
        assert aws_error("elbv2", "describe-target-groups", "--marker", "bogus").code == "ValidationError"

    def describe_tags():
        tags = aws("elbv2", "describe-tags", "--resource-arns", state["lb"], state["tg"])["TagDescriptions"]
        assert [t["ResourceArn"] for t in tags] == [state["lb"], state["tg"]]
        assert all({"Key": "causeway:link-id", "Value": "conformance"} in t["Tags"] for t in tags), tags

    def target_becomes_healthy():
        def healthy():
            health = aws("elbv2", "describe-target-health", "--target-group-arn", state["tg"])["TargetHealthDescriptions"]
            return health[0]["TargetHealth"]["State"] == "healthy"
        wait_for("the target to become healthy", healthy)

    def blocked_egress_fails_health_checks():
        rule = "IpProtocol=tcp,FromPort=3306,ToPort=3306,UserIdGroupPairs=[{GroupId=%s}]" % state["db_group"]
        aws("ec2", "revoke-security-group-egress", "--group-id", state["nlb_group"], "--ip-permissions", rule)
        health = aws("elbv2", "describe-target-health", "--target-group-arn", state["tg"])["TargetHealthDescriptions"]
        assert health[0]["TargetHealth"]["State"] == "unhealthy", health
        assert health[0]["TargetHealth"]["Reason"] == "Target.FailedHealthChecks", health
        # To the database's address works as well as to its group.
        aws("ec2", "authorize-security-group-egress", "--group-id", state["nlb_group"], "--ip-permissions",
            "IpProtocol=tcp,FromPort=3306,ToPort=3306,IpRanges=[{CidrIp=%s/32}]" % state["db_ip"])
        health = aws("elbv2", "describe-target-health", "--target-group-arn", state["tg"])["TargetHealthDescriptions"]
        assert health[0]["TargetHealth"]["State"] == "healthy", health

    # ---- EC2: the endpoint service ----

    def create_endpoint_service():
        arguments = ["ec2", "create-vpc-endpoint-service-configuration", "--network-load-balancer-arns", state["lb"],
                     "--acceptance-required", "--client-token", "conformance-token", "--tag-specifications",
                     "ResourceType=vpc-endpoint-service,Tags=[{Key=causeway:link-id,Value=conformance}]"]
        created = aws(*arguments)
        service = created["ServiceConfiguration"]
        assert service["ServiceName"].startswith("com.amazonaws.vpce.us-east-1.vpce-svc-"), service
        assert service["ServiceId"].startswith("vpce-svc-") and service["ServiceName"].endswith(service["ServiceId"])
        assert service["AcceptanceRequired"] and service["NetworkLoadBalancerArns"] == [state["lb"]]
        assert service["ServiceType"] == [{"ServiceType": "Interface"}] and created["ClientToken"] == "conformance-token"
        assert sorted(service["AvailabilityZones"]) == ["us-east-1a", "us-east-1c"]
        state["service"] = service["ServiceId"]
        state["service_name"] = service["ServiceName"]
        assert aws(*arguments)["ServiceConfiguration"]["ServiceId"] == state["service"], "the client token makes it idempotent"
        error = aws_error("ec2", "create-vpc-endpoint-service-configuration", "--network-load-balancer-arns", state["lb"],
                          "--no-acceptance-required", "--client-token", "conformance-token")
        assert error.code == "IdempotentParameterMismatch", error.text
        error = aws_error("ec2", "create-vpc-endpoint-service-configuration", "--network-load-balancer-arns", state["lb"])
        assert error.code == "InvalidParameter", error.text

    def describe_endpoint_services():
        def available():
            found = aws("ec2", "describe-vpc-endpoint-service-configurations", "--service-ids", state["service"])
            return found["ServiceConfigurations"][0]["ServiceState"] == "Available"
        wait_for("the service to become Available", available)
        tagged = aws("ec2", "describe-vpc-endpoint-service-configurations", "--filters",
                     "Name=tag:causeway:link-id,Values=conformance", "Name=service-state,Values=Available")
        assert [s["ServiceId"] for s in tagged["ServiceConfigurations"]] == [state["service"]]
        everything = aws("ec2", "describe-vpc-endpoint-service-configurations")["ServiceConfigurations"]
        assert len(everything) == 3
        assert aws_error("ec2", "describe-vpc-endpoint-service-configurations", "--service-ids",
                         "vpce-svc-0123456789abcdef0").code == "InvalidVpcEndpointServiceId.NotFound"

    def permissions():
        added = aws("ec2", "modify-vpc-endpoint-service-permissions", "--service-id", state["service"],
                    "--add-allowed-principals", TIDB_PRINCIPAL)
        assert added["ReturnValue"] and added["AddedPrincipals"][0]["Principal"] == TIDB_PRINCIPAL, added
        allowed = aws("ec2", "describe-vpc-endpoint-service-permissions", "--service-id", state["service"])["AllowedPrincipals"]
        assert [(p["Principal"], p["PrincipalType"]) for p in allowed] == [(TIDB_PRINCIPAL, "Account")], allowed
        assert aws_error("ec2", "modify-vpc-endpoint-service-permissions", "--service-id", state["service"],
                         "--add-allowed-principals", "arn:aws:iam::123:root").code == "InvalidPrincipal"

    # ---- the TiDB side, and acceptance ----

    def tidb_link_pending_acceptance():
        status, link = sandbox.tidb("POST", LINKS, {"privateLinkConnection": {
            "displayName": "orders", "type": "AWS_ENDPOINT_SERVICE",
            "awsEndpointService": {"name": state["service_name"], "region": "us-east-1"}}})
        assert status == 200 and link["state"] == "CREATING", (status, link)
        state["link"] = link["privateLinkConnectionId"]

        def pending():
            status, current = sandbox.tidb("GET", LINKS + "/" + state["link"])
            return current if current["state"] != "CREATING" else None
        link = wait_for("the link to leave CREATING", pending)
        assert link["state"] == "PENDING_ACCEPTANCE", link
        state["endpoint"] = link["awsEndpointService"]["endpointId"]
        assert sorted(link["awsEndpointService"]["availabilityZoneIds"]) == ["use1-az1", "use1-az4"], link

    def endpoint_connections():
        waiting = aws("ec2", "describe-vpc-endpoint-connections", "--filters", "Name=service-id,Values=" + state["service"],
                      "Name=vpc-endpoint-state,Values=pendingAcceptance")["VpcEndpointConnections"]
        assert [c["VpcEndpointId"] for c in waiting] == [state["endpoint"]], waiting
        assert waiting[0]["VpcEndpointOwner"] == TIDB_ACCOUNT and waiting[0]["NetworkLoadBalancerArns"] == [state["lb"]]

    def accept():
        unknown = aws("ec2", "accept-vpc-endpoint-connections", "--service-id", state["service"],
                      "--vpc-endpoint-ids", "vpce-0123456789abcdef0")["Unsuccessful"]
        assert unknown[0]["ResourceId"] == "vpce-0123456789abcdef0" and unknown[0]["Error"]["Code"], unknown
        accepted = aws("ec2", "accept-vpc-endpoint-connections", "--service-id", state["service"],
                       "--vpc-endpoint-ids", state["endpoint"])
        assert accepted["Unsuccessful"] == [], accepted
        wait_for("the link to become ACTIVE", lambda: sandbox.tidb("GET", LINKS + "/" + state["link"])[1]["state"] == "ACTIVE")
        live = aws("ec2", "describe-vpc-endpoint-connections", "--filters", "Name=vpc-endpoint-id,Values=" + state["endpoint"])
        assert live["VpcEndpointConnections"][0]["VpcEndpointState"] == "available", live

    # ---- a refused link, a rejected one, and deletes in the wrong order ----

    def principal_not_allowed():
        status, link = sandbox.tidb("POST", LINKS, {"privateLinkConnection": {
            "displayName": "not allowed", "type": "AWS_ENDPOINT_SERVICE",
            "awsEndpointService": {"name": "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"}}})
        assert status == 200, link
        failed = wait_for("the link to fail", lambda: (lambda l: l if l["state"] == "FAILED" else None)(
            sandbox.tidb("GET", LINKS + "/" + link["privateLinkConnectionId"])[1]))
        assert "does not allow the principal " + TIDB_PRINCIPAL in failed["message"], failed

    def reject():
        services = aws("ec2", "describe-vpc-endpoint-service-configurations", "--filters",
                       "Name=service-state,Values=Available")["ServiceConfigurations"]
        other = next(s for s in services if s["ServiceId"] != state["service"])
        connection = aws("ec2", "describe-vpc-endpoint-connections", "--filters",
                         "Name=service-id,Values=" + other["ServiceId"])["VpcEndpointConnections"][0]
        rejected = aws("ec2", "reject-vpc-endpoint-connections", "--service-id", other["ServiceId"],
                       "--vpc-endpoint-ids", connection["VpcEndpointId"])
        assert rejected["Unsuccessful"] == [], rejected
        status, links = sandbox.tidb("GET", LINKS + "?pageSize=100&state=FAILED")
        messages = [l["message"] for l in links["privateLinkConnections"]
                    if l["awsEndpointService"].get("endpointId") == connection["VpcEndpointId"]]
        assert messages and "rejected" in messages[0], links

    def deletes_in_wrong_order():
        assert aws_error("elbv2", "delete-target-group", "--target-group-arn", state["tg"]).code == "ResourceInUse"
        assert aws_error("elbv2", "delete-load-balancer", "--load-balancer-arn", state["lb"]).code == "ResourceInUse"
        assert aws_error("ec2", "delete-security-group", "--group-id", state["nlb_group"]).code == "DependencyViolation"
        unsuccessful = aws("ec2", "delete-vpc-endpoint-service-configurations", "--service-ids", state["service"])["Unsuccessful"]
        assert unsuccessful[0]["Error"]["Code"] == "ExistingVpcEndpointConnections", unsuccessful
        default = aws("ec2", "describe-security-groups", "--filters", "Name=group-name,Values=default",
                      "Name=vpc-id,Values=" + state["vpc"])["SecurityGroups"][0]["GroupId"]
        assert aws_error("ec2", "delete-security-group", "--group-id", default).code == "CannotDelete"

    def teardown():
        status, link = sandbox.tidb("DELETE", LINKS + "/" + state["link"])
        assert status == 200 and link["state"] == "DELETING", link
        wait_for("the link to go", lambda: sandbox.tidb("GET", LINKS + "/" + state["link"])[0] == 404)
        assert aws("ec2", "delete-vpc-endpoint-service-configurations", "--service-ids", state["service"])["Unsuccessful"] == []
        aws("elbv2", "delete-listener", "--listener-arn", state["listener"])
        aws("elbv2", "deregister-targets", "--target-group-arn", state["tg"], "--targets", "Id=%s,Port=3306" % state["db_ip"])
        draining = aws("elbv2", "describe-target-health", "--target-group-arn", state["tg"])["TargetHealthDescriptions"]
        assert draining[0]["TargetHealth"]["State"] == "draining", draining
        aws("elbv2", "delete-load-balancer", "--load-balancer-arn", state["lb"])
        # The NLB's interfaces outlive it for a while, holding on to its group.
        assert aws_error("ec2", "delete-security-group", "--group-id", state["nlb_group"]).code == "DependencyViolation"
        aws("elbv2", "delete-load-balancer", "--load-balancer-arn", state["lb"])  # idempotent
        assert aws_error("elbv2", "describe-load-balancers", "--names", "orders-nlb").code == "LoadBalancerNotFound"
        aws("elbv2", "delete-target-group", "--target-group-arn", state["tg"])
        aws("elbv2", "delete-target-group", "--target-group-arn", state["other_tg"])
        revoked = aws("ec2", "revoke-security-group-ingress", "--group-id", state["db_group"],
                      "--security-group-rule-ids", state["db_rule"])
        assert revoked["Return"], revoked
        wait_for("the NLB's interfaces to go", lambda: aws_run_ok("ec2", "delete-security-group", "--group-id", state["nlb_group"]))
        assert aws_error("ec2", "describe-security-groups", "--group-ids", state["nlb_group"]).code == "InvalidGroup.NotFound"

    def aws_run_ok(*args):
        return sandbox.aws_run(args).returncode == 0

    def revoke_with_permissions():
        group = aws("ec2", "create-security-group", "--group-name", "revoke-me", "--description", "x",
                    "--vpc-id", state["vpc"])["GroupId"]
        aws("ec2", "authorize-security-group-ingress", "--group-id", group, "--protocol", "tcp", "--port", "5432",
            "--cidr", "10.1.0.0/16")
        assert aws("ec2", "revoke-security-group-ingress", "--group-id", group, "--protocol", "tcp", "--port", "5432",
                   "--cidr", "10.1.0.0/16")["Return"]
        assert aws_error("ec2", "revoke-security-group-ingress", "--group-id", group, "--protocol", "tcp", "--port",
                         "5432", "--cidr", "10.1.0.0/16").code == "InvalidPermission.NotFound"
        aws("ec2", "delete-security-group", "--group-id", group)

    def no_zone_overlap():
        group = aws("ec2", "create-security-group", "--group-name", "legacy-nlb", "--description", "x",
                    "--vpc-id", state["legacy_vpc"])["GroupId"]
        lb = aws("elbv2", "create-load-balancer", "--name", "legacy-nlb", "--type", "network", "--scheme", "internal",
                 "--subnets", *state["legacy_subnets"], "--security-groups", group)["LoadBalancers"][0]["LoadBalancerArn"]
        wait_for("the legacy NLB", lambda: aws("elbv2", "describe-load-balancers", "--load-balancer-arns", lb)
                 ["LoadBalancers"][0]["State"]["Code"] == "active")
        service = aws("ec2", "create-vpc-endpoint-service-configuration", "--network-load-balancer-arns", lb,
                      "--acceptance-required")["ServiceConfiguration"]
        aws("ec2", "modify-vpc-endpoint-service-permissions", "--service-id", service["ServiceId"],
            "--add-allowed-principals", TIDB_PRINCIPAL)
        wait_for("the legacy service", lambda: aws("ec2", "describe-vpc-endpoint-service-configurations", "--service-ids",
                 service["ServiceId"])["ServiceConfigurations"][0]["ServiceState"] == "Available")
        status, link = sandbox.tidb("POST", LINKS, {"privateLinkConnection": {
            "displayName": "legacy", "type": "AWS_ENDPOINT_SERVICE", "awsEndpointService": {"name": service["ServiceName"]}}})
        assert status == 200, link
        failed = wait_for("the link to fail", lambda: (lambda l: l if l["state"] == "FAILED" else None)(
            sandbox.tidb("GET", LINKS + "/" + link["privateLinkConnectionId"])[1]))
        assert "availability zones" in failed["message"] and "use1-az1" in failed["message"], failed

    # ---- the Price List API (JSON 1.1) ----

    nlb_in_us_east_1 = ["--filters", "Type=TERM_MATCH,Field=productFamily,Value=Load Balancer-Network",
                        "Type=TERM_MATCH,Field=regionCode,Value=us-east-1"]

    def products(*args):
        answer = aws("pricing", "get-products", "--region", "us-east-1", "--service-code", "AWSELB", *args)
        assert answer["FormatVersion"] == "aws_v1", answer
        assert all(isinstance(item, str) for item in answer["PriceList"]), answer
        return answer

    def on_demand(product):
        """The (USD per unit, unit) of a product's one On-Demand price."""
        (term,) = product["terms"]["OnDemand"].values()
        (dimension,) = term["priceDimensions"].values()
        return dimension["pricePerUnit"]["USD"], dimension["unit"]

    def get_products():
        answer = products(*nlb_in_us_east_1, "--format-version", "aws_v1")
        found = {p["product"]["attributes"]["usagetype"]: p for p in map(json.loads, answer["PriceList"])}
        assert set(found) == {"LoadBalancerUsage", "LCUUsage"}, found.keys()
        assert all(p["product"]["productFamily"] == "Load Balancer-Network" for p in found.values())
        usd, unit = on_demand(found["LoadBalancerUsage"])
        assert float(usd) == 0.0225 and unit == "Hrs", (usd, unit)
        assert on_demand(found["LCUUsage"]) == ("0.0060000000", "LCU-Hrs"), on_demand(found["LCUUsage"])
        state["nlb_prices"] = answer["PriceList"]

    def get_products_paging():
        assert products(*nlb_in_us_east_1, "--page-size", "1")["PriceList"] == state["nlb_prices"]
        whole = products()["PriceList"]
        assert len(whole) == 12, len(whole)
        assert products("--page-size", "1")["PriceList"] == whole
        first = products("--page-size", "5", "--max-items", "5")
        assert len(first["PriceList"]) == 5 and "NextToken" in first, first.keys()
        rest = products("--page-size", "5", "--starting-token", first["NextToken"])["PriceList"]
        assert first["PriceList"] + rest == whole

    def get_products_refusals():
        error = aws_error("pricing", "get-products", "--region", "us-west-2", "--service-code", "AWSELB")
        assert error.code == "InvalidSignatureException" and "us-west-2" in error.text, error.text
        served = aws("pricing", "get-products", "--region", "eu-central-1", "--service-code", "AWSELB")
        assert len(served["PriceList"]) == 12, served.keys()
        checks = [(["--service-code", "AmazonEC2"], "NotFoundException"),
                  (["--service-code", "AWSELB", "--format-version", "aws_v2"], "InvalidParameterException"),
                  (["--service-code", "AWSELB", "--filters", "Type=LIKE,Field=sku,Value=x"], "InvalidParameterException")]
        for args, code in checks:
            error = aws_error("pricing", "get-products", "--region", "us-east-1", *args)
            assert error.code == code, error.text
        env = dict(sandbox.cli_env, AWS_SECRET_ACCESS_KEY="wrong" + sandbox.env["AWS_SECRET_ACCESS_KEY"][5:])
        error = aws_error("pricing", "get-products", "--region", "us-east-1", "--service-code", "AWSELB", env=env)
        assert error.code == "InvalidSignatureException", error.text

    def get_products_throttled_then_retried():
        """The CLI reads the throttle as one and retries it."""
        throttled = Sandbox(sys.argv[1], "--time-scale", "0.01", "--faults", "throttle:pricing.GetProducts:count=1")
        try:
            answer = throttled.aws("pricing", "get-products", "--region", "us-east-1", "--service-code", "AWSELB")
            assert len(answer["PriceList"]) == 12, answer.keys()
            direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with direct.open(throttled.env["AWS_ENDPOINT_URL"] + "/_sandbox/requests", timeout=30) as reply:
                counts = json.load(reply)["byOperation"]
            assert counts.get("pricing.GetProducts") == 2, counts
        finally:
            assert throttled.stop() == 0, "exit status"

    for name, function in [
        ("GetCallerIdentity", caller_identity),
        ("a wrong secret is SignatureDoesNotMatch", wrong_secret),
        ("an unknown key is InvalidClientTokenId (query) or AuthFailure (EC2)", unknown_key),
        ("DescribeAvailabilityZones maps names to zone IDs", availability_zones),
        ("DescribeVpcs with filters", vpcs),
        ("DescribeSubnets with filters and paging", subnets_and_paging),
        ("DescribeDBInstances", databases),
        ("DescribeDBClusters", aurora),
        ("DescribeDBInstances and DescribeDBClusters name parameter groups and backups", parameter_groups_of_databases),
        ("DescribeDBParameterGroups", describe_parameter_groups),
        ("DescribeDBParameters pages and validates", describe_db_parameters),
        ("DescribeDBClusterParameters", describe_db_cluster_parameters),
        ("changefeeds:test signs in through a link", changefeed_test_through_a_link),
        ("DescribeNetworkInterfaces finds a public IP's private IP", network_interfaces),
        ("CreateSecurityGroup", create_security_group),
        ("DescribeSecurityGroups", describe_security_groups),
        ("AuthorizeSecurityGroupIngress", authorize_ingress),
        ("Authorize/RevokeSecurityGroupEgress", egress),
        ("CreateTags", create_tags),
        ("CreateTargetGroup", create_target_group),
        ("ModifyTargetGroupAttributes", target_group_attributes),
        ("RegisterTargets and DescribeTargetHealth", register_targets),
        ("CreateLoadBalancer", create_load_balancer),
        ("the NLB goes from provisioning to active", load_balancer_becomes_active),
        ("CreateListener and DescribeListeners", listeners),
        ("DescribeTargetGroups and DescribeLoadBalancers with paging", describe_with_paging),
        ("DescribeTags", describe_tags),
        ("the target becomes healthy", target_becomes_healthy),
        ("a load balancer group that lets nothing out fails the health checks", blocked_egress_fails_health_checks),
        ("CreateVpcEndpointServiceConfiguration", create_endpoint_service),
        ("DescribeVpcEndpointServiceConfigurations", describe_endpoint_services),
        ("Modify/DescribeVpcEndpointServicePermissions", permissions),
        ("a TiDB link to an allowed service waits for acceptance", tidb_link_pending_acceptance),
        ("DescribeVpcEndpointConnections shows it pendingAcceptance", endpoint_connections),
        ("AcceptVpcEndpointConnections makes the link ACTIVE", accept),
        ("a link to a service that does not allow TiDB fails", principal_not_allowed),
        ("RejectVpcEndpointConnections fails the link", reject),
        ("deletes in the wrong order are refused", deletes_in_wrong_order),
        ("teardown in the right order", teardown),
        ("RevokeSecurityGroupIngress by permission", revoke_with_permissions),
        ("a link without a common zone fails", no_zone_overlap),
        ("GetProducts prices a Network Load Balancer", get_products),
        ("GetProducts pages", get_products_paging),
        ("GetProducts refuses in JSON 1.1's words", get_products_refusals),
        ("GetProducts throttled is retried by the CLI", get_products_throttled_then_retried),
    ]:
        tap.check(name, function)

    def stops():
        assert sandbox.stop() == 0, "exit status"

    tap.check("causeway-sandbox stops on SIGTERM", stops)
    tap.finish()


if __name__ == "__main__":
    main()
