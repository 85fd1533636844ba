"""Systems Manager: which instances are registered (the Session Manager's targets)."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "ssm"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"DescribeInstanceInformation"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    # two attempts, not four: an endpoint without this call should not be asked again and again
    client = reader.client(SERVICE, attempts=2)
    return {"instances": paginate(client, "describe_instance_information",
                                  "InstanceInformationList")}
