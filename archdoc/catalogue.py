"""Every CloudFormation resource type and every AWS service, as archdoc/data/aws_types.json
lists them (``make catalogue`` regenerates it from cfn-lint's registry schemas, botocore and
the icon sets; never typed by hand).

Read when first asked for (a model of first-class kinds only never loads it).
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

# The palette colours of draw.io's aws4 icons, by the AWS icon set's category (the folder of
# the diagrams package's icon); see ../shared/reference/drawio-aws4-styles.md.
_COLOURS = {
    "analytics": "#8C4FFF", "network": "#8C4FFF", "compute": "#ED7100",
    "storage": "#7AA116", "database": "#C925D1", "security": "#DD344C",
    "management": "#E7157B", "integration": "#E7157B", "ml": "#01A88D", "iot": "#7AA116",
    "devtools": "#C925D1", "mobile": "#DD344C", "engagement": "#DD344C", "enduser": "#01A88D",
    "media": "#ED7100", "migration": "#01A88D", "cost": "#7AA116", "blockchain": "#ED7100",
    "business": "#DD344C", "game": "#8C4FFF", "ar": "#DD344C", "quantum": "#ED7100",
    "robotics": "#DD344C", "satellite": "#8C4FFF", "enablement": "#232F3E",
    "general": "#232F3E",
}


@cache
def _data() -> dict[str, Any]:
    path = resources.files("archdoc").joinpath("data/aws_types.json")
    loaded: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return loaded


def types() -> dict[str, dict[str, Any]]:
    """CloudFormation type name -> its entry (``props``, ``required``, ``tags``, icons)."""
    found: dict[str, dict[str, Any]] = _data()["types"]
    return found


def is_type(name: str) -> bool:
    return name in types()


def service_key(type_name: str) -> str:
    """``AWS::SQS::Queue`` -> ``AWS::SQS``."""
    return "::".join(type_name.split("::")[:2])


def service(type_name: str) -> dict[str, Any]:
    found: dict[str, Any] = _data()["services"].get(service_key(type_name), {})
    return found


def service_name(type_name: str) -> str:
    """The service's full name, ``Amazon Simple Queue Service``."""
    return str(service(type_name).get("name") or service_key(type_name))


def arn_service(type_name: str) -> str:
    """The service part of the type's ARNs (``arn:aws:states:...`` for Step Functions)."""
    return str(service(type_name).get("arn") or type_name.split("::")[1].lower())


def type_words(type_name: str) -> str:
    """A type's name as words: ``AWS::EC2::VPCEndpoint`` -> ``EC2 VPC endpoint``."""
    _, namespace, name = (type_name.split("::") + ["", ""])[:3]
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2",
                                                          name))
    parts = [w if w.isupper() and len(w) > 1 else w.lower() for w in spaced.split()]
    return " ".join([namespace, *parts]) if parts else namespace


def properties(type_name: str) -> dict[str, str] | None:
    """Writable property name -> its JSON type ("" for several); None for an unknown type."""
    entry = types().get(type_name)
    return None if entry is None else dict(entry["props"])


def required(type_name: str) -> list[str]:
    return list(types().get(type_name, {}).get("required", []))


def taggable(type_name: str) -> bool:
    return bool(types().get(type_name, {}).get("tags"))


def is_global(type_name: str) -> bool:
    """Global services (IAM, Route 53, CloudFront, Organizations, ...) stand above the
    regions; every other type is regional."""
    return bool(service(type_name).get("global"))


def icon(type_name: str) -> tuple[str, str]:
    """(PNG under the diagrams package's resources/, and whether it is the type's own
    ``resource`` icon or its ``service``'s)."""
    entry = types().get(type_name, {})
    if entry.get("icon"):
        return str(entry["icon"]), "resource"
    return str(service(type_name)["icon"]), "service"


def drawio(type_name: str) -> tuple[str, str, str]:
    """The draw.io shape: (``resource`` or ``service``, colour, mxgraph.aws4 name)."""
    png, _ = icon(type_name)
    colour = _COLOURS.get(png.split("/")[1] if "/" in png else "", "#232F3E")
    entry = types().get(type_name, {})
    if entry.get("drawio"):
        return "resource", colour, str(entry["drawio"])
    return "service", colour, str(service(type_name)["drawio"])


def close_matches(word: str, n: int = 1) -> list[str]:
    """The type names nearest ``word``, however it is written (``dynamodb_table``,
    ``aws::dynamodb::table``)."""
    def squash(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text.lower().removeprefix("aws::"))

    by_squashed = {squash(t): t for t in types()}
    target = squash(word)
    if target in by_squashed:
        return [by_squashed[target]]
    close = difflib.get_close_matches(target, list(by_squashed), n=n, cutoff=0.75)
    return [by_squashed[c] for c in close]


def source() -> dict[str, str]:
    found: dict[str, str] = _data()["source"]
    return found
