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
    return _finish(phrase.format(**values) if values else phrase, language)


def _finish(phrase: str, language: str) -> str:
    """A Korean phrase's particles chosen for the words before them (``{rid}이(가)``)."""
    if language != "ko":
        return phrase
    from archdoc.korean import particles

    return particles(phrase)


def kind_text(kind: str, field: str, language: str) -> str:
    """``name``, ``service`` or ``definition`` of a resource kind: archdoc's own words for a
    first-class kind; for any other CloudFormation type, its type in words, its service's
    full name and the service's definition (or a line naming the service)."""
    for lang in (language, FALLBACK):
        entry = _catalogue(lang).get("kinds", {}).get(kind)
        if entry is not None and entry.get(field):
            return str(entry[field])
    from archdoc import catalogue

    if not catalogue.is_type(kind):
        raise KeyError(f"no text 'kinds.{kind}' in archdoc/data/{FALLBACK}.yaml")
    if field == "name":
        return catalogue.type_words(kind)
    service = catalogue.service_name(kind)
    if field == "service":
        return service
    return service_definition(catalogue.service_key(kind), language) or \
        text("service_line", language, service=service)


def service_definition(service: str, language: str) -> str | None:
    """archdoc's definition of an AWS service (``AWS::DynamoDB``), if it has one."""
    for lang in (language, FALLBACK):
        found = _catalogue(lang).get("services", {}).get(service)
        if found:
            return str(found)
    return None


def rule_title(rule: str, language: str, english: str) -> str:
    """A security rule's title in ``language`` (``english``, the rule's own, when it has no
    translation)."""
    found = _catalogue(language).get("rules", {}).get(rule) if language != FALLBACK else None
    return str(found or english)


def glossary(language: str) -> dict[str, list[str]]:
    """The term archdoc writes for each concept, and the variants of it it does not."""
    return {str(k): [str(v) for v in found]
            for k, found in (_catalogue(language).get("glossary") or {}).items()}


def field_name(field: str, language: str) -> str:
    """A resource field's name in words (``imdsv2`` -> "IMDSv2 필수"), the name itself, its
    underscores spaces, when no catalogue has words for it."""
    for lang in (language, FALLBACK):
        found = _catalogue(lang).get("fields", {}).get(field)
        if found:
            return str(found)
    return field.replace("_", " ")


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


class Phrase(str):
    """A sentence of a finding: a ``str`` holding the English (what the CLI, JSON, SARIF and
    Markdown show) that keeps its template and values, so a report says it in its own
    language (:func:`in_language`).

    The English template is the key of ``findings`` in ``data/<language>.yaml``, as a msgid
    is in gettext; a value may itself be a phrase. ``tests/test_text.py`` checks that every
    template written with :func:`say` has its Korean, with the same placeholders.
    """

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, values: dict[str, Any]) -> Phrase:
        phrase = super().__new__(cls, template.format(**values) if values else template)
        phrase.template, phrase.values = template, values
        return phrase

    def __reduce__(self) -> tuple[Any, ...]:  # pickled with its template (the build cache)
        return Phrase, (self.template, self.values)


def say(template: str, **values: Any) -> str:
    """A finding's sentence in English, translatable: ``say("{rid} has a public IP", rid=x)``.

    Typed as the ``str`` it is: only :func:`in_language` looks further. (``str(phrase)``
    and f-strings make a plain copy: pass phrases on as they are.)"""
    return Phrase(template, values)


def in_language(value: str, language: str) -> str:
    """``value`` in ``language`` when it is a :class:`Phrase` with a translation; else as is."""
    if not isinstance(value, Phrase):
        return value
    local = _catalogue(language).get("findings", {}).get(value.template) \
        if language != FALLBACK else None
    template = str(local or value.template)
    values = {k: in_language(v, language) if isinstance(v, str) else v
              for k, v in value.values.items()}
    return _finish(template.format(**values) if values else template, language)
