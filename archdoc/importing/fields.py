"""The pieces every shape uses: the registry of shapes, and a CloudFormation value as the
model wants it (text, a number, a flag), or None when it is not known."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from archdoc.importing import Found
from archdoc.importing.context import Context

Shape = Callable[[Found, Context], dict[str, Any]]
SHAPES: dict[str, Shape] = {}


class Kept(list[Any]):
    """A list written even when empty: its absence would say something else (a statement's
    resources would read "*", a security group's egress "all traffic out")."""


def shaped(kind: str) -> Callable[[Shape], Shape]:
    def register(fn: Shape) -> Shape:
        SHAPES[kind] = fn
        return fn
    return register


def text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value) if "${" not in str(value) else None
    return None


def cidr(value: Any) -> str | None:
    """A network as AWS keeps it (``192.168.1.0/0`` is ``0.0.0.0/0``), or None."""
    t = text(value)
    if t is None:
        return None
    try:
        return str(ipaddress.ip_network(t, strict=False))
    except ValueError:
        return None


def number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false", "enable", "disable",
                                                    "enabled", "disabled"):
        return value.lower() in ("true", "enable", "enabled")
    return None


def texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    return [t for t in (text(v) for v in items) if t]


def dig(value: Any, *path: Any) -> Any:
    for step in path:
        if isinstance(step, int):
            value = value[step] if isinstance(value, list) and len(value) > step else None
        else:
            value = value.get(step) if isinstance(value, dict) else None
    return value


def choice(value: Any, allowed: tuple[str, ...], upper: bool = False) -> str | None:
    t = text(value)
    if t is None:
        return None
    t = t.upper() if upper else t.lower()
    return t if t in allowed else None


__all__ = ["SHAPES", "Kept", "Shape", "choice", "cidr", "dig", "flag", "number", "shaped", "text",
           "texts"]
