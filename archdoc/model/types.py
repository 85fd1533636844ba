"""Field types shared by the resource kinds: references, CIDRs, ports."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Annotated, Any

from archdoc.errors import shown
from archdoc.model.strict import After, Before, Field, JsonSchema


@dataclass(frozen=True)
class RefTo:
    """Marks a string field as the id of another resource of one of ``kinds`` (any if empty).

    Used as ``Annotated[str, Ref("subnet")]``; the JSON Schema carries ``x-archdoc-ref``.
    """

    kinds: tuple[str, ...]

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        schema["x-archdoc-ref"] = list(self.kinds)
        return schema


def Ref(*kinds: str) -> RefTo:  # noqa: N802 - reads as a type in field declarations
    return RefTo(kinds)


def _check_cidr(value: str) -> str:
    try:
        ipaddress.ip_network(value, strict=True)
    except ValueError as exc:
        reason = str(exc).replace(f"'{value}' ", "")
        if "host bits set" in reason:
            network = ipaddress.ip_network(value, strict=False)
            reason = f"host bits set; did you mean {network}?"
        raise ValueError(f"invalid CIDR '{shown(value)}': {shown(reason)}") from None
    return value


Cidr = Annotated[
    str,
    After(_check_cidr),
    Field(description="IPv4 or IPv6 network in CIDR notation, e.g. 10.0.1.0/24"),
]


def _check_label(value: str) -> str:
    # empty is "no label" (the id is drawn); only spaces would draw an empty box
    if value and not value.strip():
        raise ValueError("a blank label draws nothing; leave `label` out to show the id")
    return value


LABEL_MAX = 500  # characters of a label: a diagram cannot show more, Graphviz drops far longer

# Text drawn under an icon or on a line: anything printable, but not only spaces
Label = Annotated[str, Field(max_length=LABEL_MAX), After(_check_label)]


def _check_port(value: int) -> int:
    if not 1 <= value <= 65535:
        raise ValueError(f"port {value} is outside 1-65535")
    return value


Port = Annotated[
    int,
    After(_check_port),
    JsonSchema({"type": "integer", "minimum": 1, "maximum": 65535}),
    Field(description="TCP/UDP port, 1-65535"),
]


def _parse_port_range(value: Any) -> Any:
    """Accept ``443``, ``"443"`` or ``"1024-65535"``; keep the text form."""
    if isinstance(value, bool):
        return value  # let the type check reject it
    if isinstance(value, int):
        return str(value)
    return value


def _check_port_range(value: str) -> str:
    parts = value.split("-")
    if len(parts) > 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"port '{shown(value)}' is not a port or a range like 1024-65535")
    low, high = (int(p) for p in (parts * 2)[:2]) if len(parts) == 1 else map(int, parts)
    for port in (low, high):
        if not 1 <= port <= 65535:
            raise ValueError(f"port {port} is outside 1-65535")
    if low > high:
        raise ValueError(f"port range '{value}' runs backwards")
    return value


PortRange = Annotated[
    str,
    Before(_parse_port_range),
    After(_check_port_range),
    JsonSchema({"anyOf": [{"type": "integer", "minimum": 1, "maximum": 65535},
                              {"type": "string", "pattern": r"^\d{1,5}(-\d{1,5})?$"}]}),
    Field(description="a port (443) or an inclusive range ('1024-65535')"),
]


def port_bounds(value: str | None) -> tuple[int, int] | None:
    """``"80"`` -> (80, 80); ``"1024-2048"`` -> (1024, 2048); None -> None (all ports)."""
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")]
    return parts[0], parts[-1]
