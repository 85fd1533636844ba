"""What a model may name: its kinds and the ids of the security rules.

Validation takes a :class:`Vocabulary` rather than importing the kind registry
(``archdoc.kinds``) or the rules (``archdoc.checks``): both depend on the model, and the model on
neither. ``archdoc.project`` hands in the one archdoc knows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from archdoc.model.resources import ResourceBase


@dataclass(frozen=True)
class Vocabulary:
    kinds: Mapping[str, type[ResourceBase]]  # kind name -> its model class
    boxes: frozenset[str] = frozenset()  # kinds drawn as boxes (VPC, subnet): no flow ends there
    rule_ids: tuple[str, ...] = ()  # what claims' ``checks`` and ``skip_checks`` may name

    @property
    def drawn(self) -> tuple[str, ...]:
        """Kinds drawn as icons: what a flow may join."""
        return tuple(k for k in self.kinds if k not in self.boxes)
