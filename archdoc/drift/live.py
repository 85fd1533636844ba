"""The live resources of each kind, as ``LiveObject``s a locator can match.

Each adapter reads one service's collected data from the snapshot; none calls AWS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archdoc.aws.collect import Snapshot
from archdoc.aws.route53 import zone_name


@dataclass(frozen=True)
class LiveObject:
    id: str
    raw: dict[str, Any] = field(compare=False, repr=False)
    arn: str | None = None
    name: str | None = None  # the name the console shows (Name tag for EC2 resources)
    tags: dict[str, str] = field(default_factory=dict, compare=False)

    def describe(self) -> str:
        return f"{self.id} ({self.name})" if self.name and self.name != self.id else self.id


def _tags(raw: dict[str, Any]) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in raw.get("Tags") or []}


def _ec2(key: str, id_key: str, *, gone: Callable[[dict[str, Any]], bool] | None = None
         ) -> Callable[[Snapshot], list[LiveObject]]:
    def adapter(snapshot: Snapshot) -> list[LiveObject]:
        raws = snapshot.data["ec2"][key]
        return ec2_objects([r for r in raws if not (gone and gone(r))], id_key)
    return adapter


def ec2_objects(raws: list[dict[str, Any]], id_key: str) -> list[LiveObject]:
    """EC2 resources as located: by id, or by tags (the Name tag is the console's name)."""
    return [LiveObject(raw[id_key], raw, name=_tags(raw).get("Name"), tags=_tags(raw))
            for raw in raws]


def _security_groups(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["GroupId"], raw, name=raw["GroupName"], tags=_tags(raw),
                       arn=raw.get("SecurityGroupArn"))
            for raw in snapshot.data["ec2"]["security_groups"]]


def _load_balancers(snapshot: Snapshot) -> list[LiveObject]:
    data = snapshot.data["elbv2"]
    return [LiveObject(raw["LoadBalancerArn"], raw, arn=raw["LoadBalancerArn"],
                       name=raw["LoadBalancerName"], tags=data["tags"].get(
                           raw["LoadBalancerArn"], {}))
            for raw in data["load_balancers"] if raw.get("Type", "application") == "application"]


def _target_groups(snapshot: Snapshot) -> list[LiveObject]:
    data = snapshot.data["elbv2"]
    return [LiveObject(raw["TargetGroupArn"], raw, arn=raw["TargetGroupArn"],
                       name=raw["TargetGroupName"], tags=data["tags"].get(
                           raw["TargetGroupArn"], {}))
            for raw in data["target_groups"]]


def _certificates(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["CertificateArn"], {**raw, "_region": region},
                       arn=raw["CertificateArn"], name=raw.get("DomainName"))
            for region, certificates in snapshot.data["acm"]["certificates"].items()
            for raw in certificates]


def _zones(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["Id"].split("/")[-1], raw, name=zone_name(raw["Name"]))
            for raw in snapshot.data["route53"]["zones"]]


def _records(snapshot: Snapshot) -> list[LiveObject]:
    found = []
    for zone_id, records in snapshot.data["route53"]["records"].items():
        for raw in records:
            name = zone_name(raw["Name"]).replace("\\052", "*")
            found.append(LiveObject(f"{name} {raw['Type']}", {**raw, "_zone": zone_id},
                                    name=name))
    return found


def _roles(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["RoleName"], raw, arn=raw["Arn"], name=raw["RoleName"],
                       tags=_tags(raw))
            for raw in snapshot.data["iam"]["roles"]]


def _buckets(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["Name"], raw, arn=f"arn:aws:s3:::{raw['Name']}", name=raw["Name"])
            for raw in snapshot.data["s3"]["buckets"]]


def _deleted(raw: dict[str, Any]) -> bool:
    return str(raw.get("State", "")).lower() in ("deleted", "deleting", "failed")


# kind -> (service it is read from, adapter)
ADAPTERS: dict[str, tuple[str, Callable[[Snapshot], list[LiveObject]]]] = {
    "vpc": ("ec2", _ec2("vpcs", "VpcId")),
    "subnet": ("ec2", _ec2("subnets", "SubnetId")),
    "internet_gateway": ("ec2", _ec2("internet_gateways", "InternetGatewayId")),
    "nat_gateway": ("ec2", _ec2("nat_gateways", "NatGatewayId", gone=_deleted)),
    "route_table": ("ec2", _ec2("route_tables", "RouteTableId")),
    "vpc_endpoint": ("ec2", _ec2("vpc_endpoints", "VpcEndpointId", gone=_deleted)),
    "security_group": ("ec2", _security_groups),
    "ec2_instance": ("ec2", _ec2("instances", "InstanceId")),
    "alb": ("elbv2", _load_balancers),
    "target_group": ("elbv2", _target_groups),
    "acm_certificate": ("acm", _certificates),
    "route53_zone": ("route53", _zones),
    "route53_record": ("route53", _records),
    "iam_role": ("iam", _roles),
    "s3_bucket": ("s3", _buckets),
}
