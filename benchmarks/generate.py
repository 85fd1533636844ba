"""Generate a valid model of about N resources: a VPC in three AZs serving many web services.

Each service has an ALB in the public subnets, a target group, two security groups, an S3
bucket and a fleet of EC2 instances spread over the private subnets: the shape of a real
account that grew, not random noise.
"""

from __future__ import annotations

import sys

import yaml

AZS = ["a", "b", "c"]


def generate(total: int) -> dict:
    res: dict[str, dict] = {
        "users": {"kind": "users"},
        "vpc": {"kind": "vpc", "cidr": "10.0.0.0/16"},
        "igw": {"kind": "internet_gateway", "vpc": "vpc"},
        "public-rt": {"kind": "route_table", "vpc": "vpc", "subnets": [],
                      "routes": [{"destination": "0.0.0.0/0", "target": "igw"}]},
    }
    flows = []
    for i, az in enumerate(AZS):
        res[f"public-{az}"] = {"kind": "subnet", "vpc": "vpc", "az": f"ap-northeast-2{az}",
                               "cidr": f"10.0.{i}.0/24", "public": True}
        res[f"private-{az}"] = {"kind": "subnet", "vpc": "vpc", "az": f"ap-northeast-2{az}",
                                "cidr": f"10.0.{100 + i}.0/24"}
        res[f"nat-{az}"] = {"kind": "nat_gateway", "subnet": f"public-{az}"}
        res["public-rt"]["subnets"].append(f"public-{az}")
        res[f"private-rt-{az}"] = {"kind": "route_table", "vpc": "vpc",
                                   "subnets": [f"private-{az}"],
                                   "routes": [{"destination": "0.0.0.0/0", "target": f"nat-{az}"}]}
        flows.append({"from": f"nat-{az}", "to": "igw"})
    per_service = 50
    services = max(1, (total - len(res)) // per_service)
    for s in range(services):
        # the last service takes the remainder, so the model has exactly `total` resources
        fleet = per_service - 5 if s < services - 1 else total - len(res) - 5
        alb, tg, bucket = f"svc{s}-alb", f"svc{s}-tg", f"svc{s}-bucket"
        res[f"svc{s}-alb-sg"] = {"kind": "security_group", "vpc": "vpc", "ingress": [
            {"protocol": "tcp", "port": 443, "cidr": "0.0.0.0/0"}]}
        res[f"svc{s}-app-sg"] = {"kind": "security_group", "vpc": "vpc", "ingress": [
            {"protocol": "tcp", "port": 8080, "security_group": f"svc{s}-alb-sg"}]}
        res[tg] = {"kind": "target_group", "vpc": "vpc", "port": 8080, "targets": []}
        res[alb] = {"kind": "alb", "subnets": [f"public-{az}" for az in AZS],
                    "security_groups": [f"svc{s}-alb-sg"],
                    "listeners": [{"port": 80, "protocol": "HTTP",
                                   "default_action": {"type": "forward", "target_group": tg}}]}
        res[bucket] = {"kind": "s3_bucket", "bucket_name": f"bench-svc{s}-bucket"}
        flows.append({"from": "users", "to": alb, "protocol": "HTTPS", "port": 443})
        for k in range(fleet):
            az = AZS[k % 3]
            iid = f"svc{s}-web{k}"
            res[iid] = {"kind": "ec2_instance", "subnet": f"private-{az}",
                        "security_groups": [f"svc{s}-app-sg"], "label": f"svc{s} web {k}"}
            res[tg]["targets"].append(iid)
            flows.append({"from": alb, "to": iid, "protocol": "HTTP", "port": 8080})
            flows.append({"from": iid, "to": bucket, "label": "read"})
    return {"title": f"Generated model ({len(res)} resources)", "region": "ap-northeast-2",
            "language": "en", "resources": res, "flows": flows,
            "sections": [{"title": f"Service {s}", "resources": [f"svc{s}-alb", f"svc{s}-tg",
                                                                  f"svc{s}-app-sg"]}
                         for s in range(min(services, 5))]}


if __name__ == "__main__":
    print(yaml.safe_dump(generate(int(sys.argv[1])), sort_keys=False, allow_unicode=True))
