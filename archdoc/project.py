"""A model as archdoc's commands read it: validated against every kind and security rule that
archdoc knows.

This is the one place that hands the registries (``archdoc.kinds``, ``archdoc.checks``) to the
model's validation, so that the model depends on neither of them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from archdoc import model
from archdoc.model import Architecture, Vocabulary

__all__ = ["load_model", "parse_model", "vocabulary"]


@cache
def vocabulary() -> Vocabulary:
    """Every kind of the registry (and its CloudFormation name), every other CloudFormation
    type, and the ids of every security rule."""
    from archdoc import catalogue, kinds
    from archdoc.checks import RULE_IDS

    return Vocabulary(kinds.KINDS, kinds.BOXES, RULE_IDS, kinds.ALIASES, catalogue)


def load_model(path: str | Path) -> Architecture:
    """Read and validate the model at ``path``; raise ModelError listing every problem."""
    return model.load_model(path, vocabulary())


def parse_model(text_or_bytes: str | bytes, file: str = "<string>") -> Architecture:
    """Validate a model given as YAML text; raise ModelError listing every problem."""
    return model.parse_model(text_or_bytes, file, vocabulary())
