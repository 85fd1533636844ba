"""Wording as data: every phrase archdoc writes into a diagram or report, per language.

The phrases live in ``archdoc/data/<language>.yaml``. One fallback rule: a key missing in a
language is taken from English (which has every key). Code never holds a phrase of its own.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

FALLBACK = "en"


@cache
def _catalogue(language: str) -> dict[str, Any]:
    path = resources.files("archdoc").joinpath(f"data/{language}.yaml")
    if not path.is_file():
        return {}
    loaded = yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader",
                                                                   yaml.SafeLoader))
    return loaded or {}


def _lookup(section: str, key: str, language: str) -> Any:
    for lang in (language, FALLBACK):
        value = _catalogue(lang).get(section, {}).get(key)
        if value is not None:
            return value
    raise KeyError(f"no text '{section}.{key}' in archdoc/data/{FALLBACK}.yaml")


def text(key: str, language: str, **values: Any) -> str:
    """The phrase ``key`` in ``language``, with ``{placeholders}`` filled from ``values``."""
    phrase = str(_lookup("words", key, language))
    return phrase.format(**values) if values else phrase


def kind_text(kind: str, field: str, language: str) -> str:
    """``name``, ``service`` or ``definition`` of a resource kind."""
    return str(_lookup("kinds", kind, language)[field])


def kind_name(kind: str, language: str) -> str:
    return kind_text(kind, "name", language)


def policy_description(policy: str, language: str) -> str:
    """One line on an AWS managed policy, given by name or ARN."""
    name = policy.rsplit("/", 1)[-1]
    for lang in (language, FALLBACK):
        described = _catalogue(lang).get("policies", {}).get(name)
        if described:
            return str(described)
    return str(_lookup("policies", "_other", language))


def words(language: str) -> dict[str, str]:
    """Every phrase of ``language`` (English filling the gaps), for templates."""
    merged = dict(_catalogue(FALLBACK).get("words", {}))
    merged.update(_catalogue(language).get("words", {}))
    return merged
