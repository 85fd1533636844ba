"""Find each model resource in the account by its ``aws`` locator.

A locator gives any of ``id``, ``arn``, ``name`` and ``tags``; a live resource matches when
every given field matches. Without a locator, the default is the resource's natural name where
its kind's reader knows one (a bucket's ``bucket_name``, a role's or security group's ``name``, a
certificate's or zone's ``domain``, a record's ``name``, an ALB's or target group's id), else
the ``Name`` tag equal to the resource's id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archdoc.aws.route53 import zone_name
from archdoc.drift.live import LiveObject
from archdoc.drift.registry import reader
from archdoc.model.resources import ResourceBase


@dataclass(frozen=True)
class Wanted:
    """What a live resource must have to be the model's resource."""

    id: str | None = None
    arn: str | None = None
    name: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    def matches(self, live: LiveObject) -> bool:
        return ((self.id is None or self.id == live.id)
                and (self.arn is None or self.arn == live.arn)
                and (self.name is None or _same_name(self.name, live.name))
                and all(live.tags.get(k) == v for k, v in self.tags.items()))

    def __str__(self) -> str:
        parts = [f"{k}={v}" for k, v in (("id", self.id), ("arn", self.arn),
                                         ("name", self.name)) if v]
        parts += [f"tag {k}={v}" for k, v in self.tags.items()]
        return ", ".join(parts)


def _same_name(wanted: str, live: str | None) -> bool:
    return live is not None and zone_name(wanted) == zone_name(live)


def natural_name(rid: str, res: ResourceBase) -> str | None:
    """The resource's own name, which its live counterpart carries (None: none is known)."""
    read = reader(res.kind)
    return read.natural_name(rid, res) if read and read.natural_name else None


def wanted(rid: str, res: ResourceBase) -> Wanted:
    loc = res.aws
    if loc is not None and (loc.id or loc.arn or loc.name or loc.tags):
        return Wanted(loc.id, loc.arn, loc.name, dict(loc.tags))
    name = natural_name(rid, res)
    return Wanted(name=name) if name else Wanted(tags={"Name": rid})


class Index:
    """Live resources of one kind by id, name and tag, so locating a thousand resources among
    a thousand is a lookup each, not a scan."""

    def __init__(self, candidates: list[LiveObject]):
        self.all = candidates
        self.by_id: dict[str, list[LiveObject]] = {}
        self.by_name: dict[str, list[LiveObject]] = {}
        self.by_tag: dict[tuple[str, str], list[LiveObject]] = {}
        for c in candidates:
            self.by_id.setdefault(c.id, []).append(c)
            if c.name is not None:
                self.by_name.setdefault(zone_name(c.name), []).append(c)
            for tag in c.tags.items():
                self.by_tag.setdefault(tag, []).append(c)

    def narrowed(self, want: Wanted) -> list[LiveObject]:
        if want.id is not None:
            return self.by_id.get(want.id, [])
        if want.name is not None:
            return self.by_name.get(zone_name(want.name), [])
        if want.tags:
            return self.by_tag.get(next(iter(want.tags.items())), [])
        return self.all


def locate(rid: str, res: ResourceBase, candidates: list[LiveObject] | Index
           ) -> list[LiveObject]:
    """Every live resource the locator matches (one is found; none is missing; more is an
    ambiguous locator)."""
    want = wanted(rid, res)
    pool = candidates.narrowed(want) if isinstance(candidates, Index) else candidates
    return [c for c in pool if want.matches(c)]
