"""``archdoc discover`` beyond the VPC's network: the load balancers in the VPCs, with their
listeners, rules and target groups; the certificates they use; the Route 53 records that
point at them and their zones; the roles the instances use; the buckets (every one of the
account in a whole-region discovery, else those a discovered role's policy names)."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collect import Snapshot
from archdoc.importing import Found
from archdoc.importing.discover_network import WHERE, found


def services(snapshot: Snapshot, network: list[Found], *, whole_region: bool) -> list[Found]:
    """What references the VPCs' ``network`` (already read), and beyond them."""
    vpcs = set((snapshot.data.get("ec2") or {}).get("vpc_ids") or [])
    out = _balancers(snapshot.data.get("elbv2") or {}, vpcs)
    lb_names = {f.physical.get("dns", "") for f in out}
    certificates = {c.get("CertificateArn") for f in out if f.type.endswith("::Listener")
                    for c in f.props.get("Certificates") or []}
    out += _certificates(snapshot.data.get("acm") or {}, certificates, whole_region)
    out += _dns(snapshot.data.get("route53") or {}, lb_names, whole_region)
    profiles = {f.props.get("IamInstanceProfile") for f in network
                if f.type == "AWS::EC2::Instance"}
    roles = _roles(snapshot.data.get("iam") or {}, profiles)
    out += roles
    named = {str(r) for role in roles for p in role.props.get("Policies") or []
             for s in (p.get("PolicyDocument") or {}).get("Statement") or []
             for r in _list(s.get("Resource"))}
    out += _buckets(snapshot.data.get("s3") or {}, named, whole_region)
    return out


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _balancers(data: dict[str, Any], vpcs: set[str]) -> list[Found]:
    out: list[Found] = []
    groups = {g["TargetGroupArn"]: g for g in data.get("target_groups") or []
              if g.get("VpcId") in vpcs}
    for lb in data.get("load_balancers") or []:
        if lb.get("VpcId") not in vpcs:
            continue
        arn = lb["LoadBalancerArn"]
        listeners = data.get("listeners", {}).get(arn) or []
        out.append(found(lb["LoadBalancerName"], "AWS::ElasticLoadBalancingV2::LoadBalancer", {
            "Type": lb.get("Type", "application"), "Scheme": lb.get("Scheme"),
            "Subnets": [z["SubnetId"] for z in lb.get("AvailabilityZones") or []],
            "SecurityGroups": lb.get("SecurityGroups") or []},
            arn, aws={"name": lb["LoadBalancerName"]}, name=lb["LoadBalancerName"], arn=arn,
            dns=str(lb.get("DNSName", "")).lower()))
        for listener in listeners:
            out.append(Found(listener["ListenerArn"], "AWS::ElasticLoadBalancingV2::Listener",
                             {k: listener.get(k) for k in ("LoadBalancerArn", "Port", "Protocol",
                                                           "Certificates", "SslPolicy",
                                                           "DefaultActions")},
                             WHERE, f"listener {listener.get('Protocol')}:{listener.get('Port')}",
                             physical={"arn": listener["ListenerArn"]}))
            for rule in data.get("rules", {}).get(listener["ListenerArn"]) or []:
                out.append(Found(rule["RuleArn"], "AWS::ElasticLoadBalancingV2::ListenerRule",
                                 {"ListenerArn": listener["ListenerArn"],
                                  "Priority": rule.get("Priority"),
                                  "Conditions": rule.get("Conditions"),
                                  "Actions": rule.get("Actions")}, WHERE,
                                 f"rule {rule.get('Priority')}"))
    health = data.get("target_health") or {}
    for arn, g in groups.items():
        out.append(found(g["TargetGroupName"], "AWS::ElasticLoadBalancingV2::TargetGroup", {
            **{k: g.get(k) for k in ("VpcId", "Port", "Protocol", "TargetType", "HealthCheckPath",
                                     "HealthCheckProtocol", "HealthCheckIntervalSeconds",
                                     "HealthCheckTimeoutSeconds", "HealthyThresholdCount",
                                     "UnhealthyThresholdCount", "Matcher")},
            "Targets": [{"Id": h["Target"]["Id"]} for h in health.get(arn) or []]},
            arn, aws={"name": g["TargetGroupName"]}, name=g["TargetGroupName"], arn=arn))
    return out


def _certificates(data: dict[str, Any], used: set[Any], whole_region: bool) -> list[Found]:
    out = []
    for certificates in (data.get("certificates") or {}).values():
        for c in certificates:
            arn = c["CertificateArn"]
            if arn not in used and not whole_region:
                continue
            domain = c.get("DomainName")
            method = "imported" if c.get("Type") == "IMPORTED" else \
                ((c.get("DomainValidationOptions") or [{}])[0].get("ValidationMethod"))
            out.append(found(domain or arn, "AWS::CertificateManager::Certificate", {
                "DomainName": domain, "ValidationMethod": method,
                "SubjectAlternativeNames": [n for n in c.get("SubjectAlternativeNames") or []
                                            if n != domain]},
                arn, aws={"arn": arn}, name=domain, arn=arn))
    return out


def _dns(data: dict[str, Any], targets: set[str], whole_region: bool) -> list[Found]:
    """Zones, and their records: those aliased to a discovered load balancer (every one but
    the zone's own NS and SOA, in a whole-region discovery)."""
    out = []
    for zone in data.get("zones") or []:
        name = str(zone["Name"]).rstrip(".")
        records = []
        for r in (data.get("records") or {}).get(zone["Id"]) or []:
            alias = str((r.get("AliasTarget") or {}).get("DNSName", "")).lower().rstrip(".")
            alias = alias.removeprefix("dualstack.")
            own = r.get("Type") in ("NS", "SOA") and str(r["Name"]).rstrip(".") == name
            if (alias and alias in targets) or (whole_region and not own):
                records.append((r, alias))
        if not records and not whole_region:
            continue
        out.append(found(name, "AWS::Route53::HostedZone", {
            "Name": name, "VPCs": [{}] if (zone.get("Config") or {}).get("PrivateZone")
            else None}, zone["Id"], aws={"name": name}, name=name))
        for r, alias in records:
            record = str(r["Name"]).rstrip(".")
            out.append(found(f"{record}-{r['Type'].lower()}", "AWS::Route53::RecordSet", {
                "HostedZoneId": zone["Id"], "Name": record, "Type": r.get("Type"),
                "AliasTarget": {"DNSName": alias} if alias else None,
                "ResourceRecords": [v["Value"] for v in r.get("ResourceRecords") or []]},
                f"{zone['Id']}/{record}/{r['Type']}", aws={"name": record}, name=record))
    return out


def _roles(data: dict[str, Any], profiles: set[Any]) -> list[Found]:
    """The roles the discovered instances use (through their instance profiles)."""
    out = []
    for role in data.get("roles") or []:
        arns = [p["Arn"] for p in role.get("InstanceProfileList") or []]
        if not set(arns) & profiles:
            continue
        out.append(found(role["RoleName"], "AWS::IAM::Role", {
            "RoleName": role["RoleName"],
            "AssumeRolePolicyDocument": role.get("AssumeRolePolicyDocument"),
            "ManagedPolicyArns": [p["PolicyArn"] for p in role.get("AttachedManagedPolicies")
                                  or []],
            "Policies": [{"PolicyName": p["PolicyName"], "PolicyDocument": p["PolicyDocument"]}
                         for p in role.get("RolePolicyList") or []]},
            role["RoleId"], aws={"name": role["RoleName"]}, name=role["RoleName"],
            arn=role["Arn"], **{f"profile{k}": a for k, a in enumerate(arns)}))
    return out


def _buckets(data: dict[str, Any], named: set[str], whole_region: bool) -> list[Found]:
    out = []
    settings = data.get("settings") or {}
    for bucket in data.get("buckets") or []:
        name = bucket["Name"]
        if not whole_region and not any(f":::{name}" in n for n in named):
            continue
        s = settings.get(name) or {}
        rules = s.get("encryption") or []
        algorithm = (rules[0].get("ApplyServerSideEncryptionByDefault") or {}).get(
            "SSEAlgorithm") if rules else None
        out.append(found(name, "AWS::S3::Bucket", {
            "BucketName": name,
            "PublicAccessBlockConfiguration": s.get("public_access_block"),
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": algorithm}}]}
            if algorithm else None,
            "VersioningConfiguration": {"Status": s.get("versioning")}},
            name, aws={"name": name}, name=name, arn=f"arn:aws:s3:::{name}"))
        if s.get("policy"):
            out.append(Found(f"{name}.policy", "AWS::S3::BucketPolicy", {
                "Bucket": name, "PolicyDocument": {"Statement": s["policy"]}}, WHERE,
                f"policy of {name}"))
    return out


__all__ = ["services"]
