"""What a model may name: its kinds, the CloudFormation types, and the security rules' ids.

Validation takes a :class:`Vocabulary` rather than importing the kind registry
(``archdoc.kinds``), the type catalogue (``archdoc.catalogue``) or the rules
(``archdoc.checks``): they depend on the model, and the model on none of them.
``archdoc.project`` hands in the one archdoc knows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from archdoc.model.resources import ResourceBase


class TypeCatalogue(Protocol):
    """Every CloudFormation resource type (``archdoc.catalogue`` is one)."""

    def properties(self, type_name: str) -> Mapping[str, str] | None: ...

    def required(self, type_name: str) -> list[str]: ...

    def close_matches(self, word: str, n: int = 1) -> list[str]: ...


@dataclass(frozen=True)
class Vocabulary:
    kinds: Mapping[str, type[ResourceBase]]  # first-class kind name -> its model class
    boxes: frozenset[str] = frozenset()  # kinds drawn as boxes (VPC, subnet): no flow ends there
    rule_ids: tuple[str, ...] = ()  # what claims' ``checks`` and ``skip_checks`` may name
    aliases: Mapping[str, str] = field(default_factory=dict)  # CloudFormation type -> kind
    types: TypeCatalogue | None = None  # every other type: a generic resource
