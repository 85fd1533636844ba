"""Turn loaded YAML into a typed :class:`Architecture`, reporting every problem at once.

Two passes: each value's shape is checked (types, unknown fields, CIDR and port syntax: by
``model/fast.py`` where the data is plainly valid, else by pydantic, which words the errors);
then the rules across resources (``model/cross.py``) check what one value cannot. A resource's
``kind`` is one of archdoc's first-class kinds, its CloudFormation name (``AWS::EC2::Instance``
is ``ec2_instance``), or any other CloudFormation type, drawn and described as that type (a
generic resource, whose ``properties`` are checked against the type's schema).

A sketch is valid: a first-class resource may leave out its details (``DETAILS``), which is
a warning, not an error; what is written wrong always is one.
"""

from __future__ import annotations

from typing import Any

from archdoc.errors import Diagnostic, ModelError, did_you_mean, shown
from archdoc.model.cross import cross_checks
from archdoc.model.document import Architecture, Document
from archdoc.model.fast import Decline, fast_object
from archdoc.model.generic import check_properties
from archdoc.model.loader import SourceMap
from archdoc.model.pydantic_errors import type_name
from archdoc.model.resources import ResourceBase
from archdoc.model.resources.generic import GenericResource
from archdoc.model.rule_refs import check_skips
from archdoc.model.strict import Strict
from archdoc.model.vocabulary import Vocabulary
from archdoc.model.wording import check_wording
from archdoc.processes import checkpoint


def build_model(data: Any, smap: SourceMap, vocabulary: Vocabulary) -> Architecture:
    """Validate ``data`` (from :func:`load_yaml`) against what ``vocabulary`` names; raise
    ModelError with every error. Warnings travel with the model (``model.warnings``)."""
    diags: list[Diagnostic] = list(smap.problems)
    if data is None:
        raise ModelError([smap.diagnostic((), "the model is empty; expected a mapping with "
                                              "title, region and resources")])
    if not isinstance(data, dict):
        raise ModelError([smap.diagnostic((), "the model must be a mapping (title, region, "
                                              f"resources, ...), not a {type_name(data)}")])
    # top-level ``x-`` fields are the model's own scratch space (YAML anchors for merge keys,
    # as in Compose files): read by nothing
    data = {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))}
    document, found = _validated(Document, data, smap, ())
    diags += found

    typed: dict[str, ResourceBase] = {}
    raw_resources = data.get("resources")
    if isinstance(raw_resources, dict):
        for rid, raw in raw_resources.items():
            checkpoint()  # a signal stops validation between resources
            resource, found = _build_resource(rid, raw, smap, vocabulary)
            diags += found
            if resource is not None:
                typed[rid] = resource
        broken = set(raw_resources) - set(typed)
        diags += cross_checks(data, typed, broken, smap, vocabulary)
        diags += check_skips(data, smap, vocabulary.rule_ids)
        diags += _missing_details(typed, smap)
        diags += check_wording(data, smap)
    errors = [d for d in diags if d.severity == "error"]
    if errors:
        raise ModelError(errors)
    assert document is not None  # (it had no errors)
    model = Architecture.model_construct(**{**document.__dict__, "resources": typed})
    model._source = smap  # positions travel with the model
    model._warnings = tuple(sorted(set(d for d in diags if d.severity != "error")))
    return model


def _build_resource(rid: str, raw: Any, smap: SourceMap, vocabulary: Vocabulary
                    ) -> tuple[ResourceBase | None, list[Diagnostic]]:
    path = ("resources", rid)
    if not isinstance(raw, dict):
        return None, [smap.diagnostic(path, f"resource '{rid}' must be a mapping with a kind, "
                                            f"not a {type_name(raw)}")]
    kind = raw.get("kind")
    if kind is None:
        return None, [smap.diagnostic(path, f"resource '{rid}' has no kind; add one: "
                                            f"{_kinds_hint(vocabulary)}", at_key=True)]
    if not isinstance(kind, str):
        return None, [smap.diagnostic(path + ("kind",), "kind must be one name such as "
                                                        "'ec2_instance' or 'AWS::SQS::Queue', "
                                                        f"not a {type_name(kind)}")]
    canonical = vocabulary.aliases.get(kind, kind)
    cls: type[ResourceBase] | None = vocabulary.kinds.get(canonical)
    if cls is None and vocabulary.types is not None \
            and vocabulary.types.properties(kind) is not None:
        cls = GenericResource
    if cls is None:
        return None, [smap.diagnostic(path + ("kind",), _unknown_kind(kind, vocabulary))]
    body = raw if canonical == kind else {**raw, "kind": canonical}
    resource, found = _validated(cls, body, smap, path)
    if resource is None:
        return None, found
    if isinstance(resource, GenericResource) and vocabulary.types is not None:
        schema = vocabulary.types.properties(kind) or {}
        return resource, check_properties(rid, resource, schema,
                                          vocabulary.types.required(kind), smap)
    return resource, []


def _validated(cls: type[Strict], data: Any, smap: SourceMap, path: tuple[Any, ...]
               ) -> tuple[Any, list[Diagnostic]]:
    """``data`` as a ``cls`` and no diagnostics, or None and pydantic's, located."""
    try:
        return fast_object(cls, data), []
    except Decline:  # not plainly valid: pydantic decides, and says what is wrong
        from pydantic import ValidationError

        from archdoc.model.pydantic_errors import pydantic_diagnostics
        from archdoc.model.twin import validate_twin

        try:
            return validate_twin(cls, data), []
        except ValidationError as exc:
            return None, pydantic_diagnostics(exc, smap, path, cls, data)


def _kinds_hint(vocabulary: Vocabulary) -> str:
    return (f"one of archdoc's kinds ({', '.join(vocabulary.kinds)}) or any CloudFormation "
            "resource type, e.g. AWS::DynamoDB::Table")


def _unknown_kind(kind: str, vocabulary: Vocabulary) -> str:
    """With the nearest name: a type written in another case or spelling first (the catalogue
    compares names without case and punctuation), then archdoc's kinds, then any type."""
    close = vocabulary.types.close_matches(kind) if vocabulary.types is not None else []
    aliased = [vocabulary.aliases.get(c, c) for c in close]
    hint = f"; did you mean '{aliased[0]}'?" if aliased and "::" in kind else ""
    hint = hint or did_you_mean(kind, [*vocabulary.kinds, *vocabulary.aliases])
    hint = hint or (f"; did you mean '{aliased[0]}'?" if aliased else "")
    return f"unknown kind '{shown(kind)}'" + (hint or f"; use {_kinds_hint(vocabulary)}")


def _missing_details(typed: dict[str, ResourceBase], smap: SourceMap) -> list[Diagnostic]:
    """A warning for each detail a sketch left out, at the resource."""
    found = []
    for rid, res in typed.items():
        missing = [name for name in res.DETAILS if getattr(res, name) in (None, [])]
        if missing:
            found.append(smap.diagnostic(
                ("resources", rid), f"{res.kind} '{rid}' has no {' or '.join(missing)} yet: "
                                    "drawn as sketched; rules and the drift check that need "
                                    "it say unknown", at_key=True, severity="warning"))
    return found
