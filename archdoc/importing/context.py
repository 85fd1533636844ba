"""What the shapes and glue handlers of an import see: the input resources, the model being
built, and the lookups between them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from archdoc.importing import Found, Notes, Ref
from archdoc.kinds import ALIASES


class Context:
    """What the shapes and glue handlers see: the input, the model being built, lookups."""

    def __init__(self, found: list[Found], region: str, notes: Notes):
        self.found = found
        self.region = region
        self.notes = notes
        self.by_key: dict[str, Found] = {f.key: f for f in found}
        self.physical: dict[str, str] = {}  # an id or ARN of the account -> key
        for names in (False, True):  # ids and ARNs first: a name may be used twice
            for f in found:
                for what, value in f.physical.items():
                    if (what not in ("id", "arn")) == names:
                        self.physical.setdefault(value, f.key)
        self.kind: dict[str, str] = {}  # key -> kind, for the keys that become resources
        self.ids: dict[str, str] = {}  # key -> model id
        self.out: dict[str, dict[str, Any]] = {}  # model id -> fields
        self.origins: dict[str, list[str]] = defaultdict(list)
        self.flows: list[dict[str, Any]] = []
        self.listeners: dict[str, dict[str, Any]] = {}  # a listener's key -> its fields
        self.folded: set[str] = set()  # the glue folded into a resource
        self.outside: dict[str | None, str] = {}  # a VPC id the inputs lack -> its stand-in

    # -- references ------------------------------------------------------------------------

    def key_of(self, value: Any) -> str | None:
        """The input resource a value refers to: a Ref, or an id / ARN one of them has."""
        if isinstance(value, Ref):
            return value.key if value.key in self.by_key else None
        if isinstance(value, str):
            if value in self.physical:
                return self.physical[value]
            if value.startswith("${") and value.endswith("}") and value[2:-1].split(".")[0] \
                    in self.by_key:
                return value[2:-1].split(".")[0]
        return None

    def id(self, value: Any, *kinds: str) -> str | None:
        """The model id of the resource ``value`` refers to, if it is one of ``kinds``."""
        key = self.key_of(value)
        if key is None or key not in self.ids:
            return None
        if kinds and self.kind[key] not in kinds:
            return None
        return self.ids[key]

    def id_list(self, values: Any, *kinds: str) -> list[str]:
        items = values if isinstance(values, list) else [values] if values is not None else []
        return list(dict.fromkeys(i for i in (self.id(v, *kinds) for v in items) if i))

    def fields(self, value: Any) -> dict[str, Any] | None:
        """The fields of the model resource ``value`` refers to (for glue to fold into)."""
        key = self.key_of(value)
        return self.out.get(self.ids[key]) if key in self.ids else None

    def kind_at(self, value: Any) -> str | None:
        key = self.key_of(value)
        return self.kind.get(key) if key else None

    def fold(self, into: Any, f: Found) -> dict[str, Any] | None:
        """The fields of the resource glue ``f`` belongs to; notes the glue in its origins."""
        target = self.fields(into)
        if target is not None:
            self.folded.add(f.key)
            self.origins[self.ids[self.key_of(into) or ""]].append(describe(f))
        return target

    def flow(self, source: str | None, target: str | None, protocol: str | None = None,
             port: Any = None, label: str | None = None) -> None:
        if source and target and source != target:
            flow: dict[str, Any] = {"from": source, "to": target}
            if label:
                flow["label"] = label
            if protocol:
                flow["protocol"] = protocol
            if port not in (None, ""):
                flow["port"] = int(port) if str(port).isdigit() else str(port)
            self.flows.append(flow)


def describe(f: Found) -> str:
    """How the written model's comments name an input resource: where, what, which type."""
    where = f.where.file if f.where.file.startswith("<") else f"{f.where.file}:{f.where.line}"
    return f"{where} {f.origin} ({f.type})"


def kind_name(cfn_type: str) -> str:
    """The kind ``kind:`` is written with: the first-class one, else the type itself."""
    return ALIASES.get(cfn_type, cfn_type)


__all__ = ["Context", "describe", "kind_name"]
