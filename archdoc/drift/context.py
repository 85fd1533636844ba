"""What a comparison reads: the model, the snapshot, and where each model resource was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archdoc.aws.collect import Snapshot
from archdoc.drift.findings import Finding, Location, Status
from archdoc.drift.live import LiveObject
from archdoc.model import Architecture
from archdoc.model.resources import ResourceBase
from archdoc.text import say


def attribute_name(path: tuple[Any, ...]) -> str:
    """("listeners", 0, "default_action", "type") -> "listeners[0].default_action.type"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class Diff:
    """One attribute that differs; ``path`` is within the resource, as the model writes it."""

    path: tuple[Any, ...]
    expected: str
    actual: str
    message: str = ""
    status: Status = Status.DRIFTED
    warning: bool = False
    attribute: str | None = None  # shown instead of the path, when the path is not the field


@dataclass
class DriftContext:
    model: Architecture
    snapshot: Snapshot
    services: dict[str, str] = field(default_factory=dict)  # kind -> the service it is read from
    located: dict[str, LiveObject] = field(default_factory=dict)  # model id -> live resource

    def where(self, path: tuple[Any, ...]) -> Location | None:
        return self.model.where(path)

    def live_id(self, rid: str) -> str | None:
        found = self.located.get(rid)
        return found.id if found else None

    def ref(self, rid: str | None) -> str:
        """A model reference as compared: the live id found for it, or a marker that none was
        (so a reference to a missing resource never equals anything live). A reference the
        model leaves out (a sketch) is that marker too: nothing is compared with it."""
        if rid is None:
            return f"<unknown{UNRESOLVED}"
        return self.live_id(rid) or f"<{rid}{UNRESOLVED}"

    def key_matches(self, rid: str | None, live_key: str | None) -> bool | None:
        """Whether a live key reference (an id, ARN or alias of a KMS key) is the model's key
        ``rid``; None when that key was not found (it is reported on its own)."""
        found = self.located.get(rid) if rid else None
        if found is None:
            return None
        names = {found.id, found.arn, *found.raw.get("Aliases", [])} - {None}
        return bool(live_key) and (live_key in names or any(
            str(live_key).endswith(f":{n}") for n in names if n))

    def refs(self, rids: list[str]) -> set[str]:
        """Live ids of the references that were found. A reference to a missing resource is
        left out: that resource is reported MISSING itself, once, not again on everything
        that points at it."""
        return {found for rid in rids if (found := self.live_id(rid)) is not None}

    def missing(self, rid: str | None) -> bool:
        """``rid`` is a model resource archdoc looked for and did not find."""
        if rid is None or rid not in self.model.resources or rid in self.located:
            return False
        return self.readable(self.service_of(rid))

    def service_of(self, rid: str) -> str:
        """The service the resource's kind is read from ("" for a kind that is not read)."""
        return self.services.get(self.model.resources[rid].kind, "")

    def show(self, live_id: str) -> str:
        """A live id with the model id it belongs to, if any: ``sg-0ab (alb-sg)``."""
        for rid, obj in self.located.items():
            if obj.id == live_id:
                return f"{live_id} ({rid})"
        return live_id

    def data(self, service: str) -> dict[str, Any]:
        return self.snapshot.data[service]

    def readable(self, service: str) -> bool:
        return service in self.snapshot.data

    def finding(self, rid: str, res: ResourceBase, status: Status, *, diff: Diff | None = None,
                message: str = "") -> Finding:
        live = self.located.get(rid)
        if diff is None:
            return Finding(status, rid, res.kind, live.id if live else None, message=message,
                           location=self.where(("resources", rid)),
                           live_arn=live.arn if live else None)
        return Finding(diff.status, rid, res.kind, live.id if live else None,
                       diff.attribute or attribute_name(diff.path), diff.expected, diff.actual,
                       diff.message, self.where(("resources", rid, *diff.path)), diff.warning,
                       live.arn if live else None)


UNRESOLVED = ": not found>"  # ends the marker ``ref`` gives a reference it could not resolve


def unresolved(value: Any) -> bool:
    """``value`` is ``ref``'s marker: its resource is reported on its own (MISSING or UNKNOWN),
    so an attribute that expects it is not reported again."""
    return str(value).endswith(UNRESOLVED)


def as_set(values: Any) -> str:
    """A set of values shown the same way whatever order AWS or the model gives them in."""
    items = sorted(str(v) for v in values)
    return "[" + ", ".join(items) + "]" if items else say("(none)")


def as_text(value: Any) -> str:
    """A value as shown; a phrase stays one (``str()`` would make a plain copy of it)."""
    return value if isinstance(value, str) else str(value)
