"""The fast path reads a model exactly as pydantic does, and a valid model never needs pydantic.

``model/fast.py`` checks plainly valid data without pydantic and declines everything else to
the classes' pydantic twins. Whatever it accepts, the twin must accept too, with the same
values of the same types; on the examples and on generated models it must accept every
resource (else the everyday build would pay for pydantic after all; that a build imports no
pydantic is ``tests/test_imports.py``'s).
"""

from __future__ import annotations

import copy
import datetime
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError

from archdoc.model.document import Document
from archdoc.model.fast import Decline, fast_object
from archdoc.model.resources.generic import GenericResource
from archdoc.model.strict import Strict
from archdoc.model.twin import validate_twin
from archdoc.project import vocabulary
from tests.conftest import ROOT
from tests.models import models

EXAMPLES = [ROOT / "arch.yaml", *sorted((ROOT / "examples").glob("*.yaml"))]
# values that pydantic's lax reading converts, refuses or takes: each put in place of a value
TRICKY: list[Any] = [
    True, False, 0, 1, -1, 2, 443, 65536, 1.0, 2.5, "1", "443", "80-90", "90-80", "true", "on",
    "", " ", "x", "x\n", "a" * 600, None, [], {}, ["a"], [1], {"a": 1}, {"a": "b"},
    datetime.date(2024, 1, 1), "2024-01-01", "10.0.0.0/24", "10.0.0.1/24", "HTTP", "HTTPS",
    "tcp", "traffic-port", "Allow", "*", "forward", "redirect", "alb", "subnet", "public-a",
    "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-", "report.docx", "a/b.docx",
    "AWS::SQS::Queue", "AWS::SQS::Queue\n",
]


def _class_of(body: dict) -> type[Strict]:
    known = vocabulary()
    kind = known.aliases.get(body.get("kind"), body.get("kind"))
    return known.kinds.get(kind, GenericResource)


def _both(cls: type[Strict], data: Any) -> tuple[Any, Any]:
    """The fast path's object (None: declined) and the twin's (None: refused)."""
    try:
        fast = fast_object(cls, data)
    except Decline:
        fast = None
    try:
        slow = validate_twin(cls, data)
    except ValidationError:
        slow = None
    return fast, slow


def _same(fast: Any, slow: Any) -> None:
    assert slow is not None, "the fast path accepted what pydantic refuses"
    assert type(fast) is type(slow)
    # repr tells True from 1 and 1 from 1.0, which == does not
    assert repr(fast.model_dump()) == repr(slow.model_dump())


def _objects(data: dict) -> list[tuple[type[Strict], Any]]:
    """The document and each resource of a model, as validation reads them."""
    known = vocabulary()
    out: list[tuple[type[Strict], Any]] = [(Document, data)]
    for body in (data.get("resources") or {}).values():
        if isinstance(body, dict) and isinstance(body.get("kind"), str):
            kind = known.aliases.get(body["kind"], body["kind"])
            out.append((_class_of(body), {**body, "kind": kind}))
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_read_by_the_fast_path_as_pydantic_reads_it(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for cls, body in _objects(data):
        fast, slow = _both(cls, body)
        assert fast is not None, f"{cls.__name__} declined: the everyday path pays for pydantic"
        _same(fast, slow)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(models())
def test_generated_models_are_read_by_the_fast_path_as_pydantic_reads_them(data):
    data = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    for cls, body in _objects(data):
        fast, slow = _both(cls, body)
        assert fast is not None, f"{cls.__name__} declined {body}"
        _same(fast, slow)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, path + (i,))
    return out


def _mutated(body: Any, rng: random.Random) -> Any:
    """``body`` with one to three values replaced, keys added or removed, or lists emptied."""
    body = copy.deepcopy(body)
    for _ in range(rng.choice([1, 1, 2, 3])):
        path = rng.choice(_paths(body)[1:] or [()])
        if not path:
            break
        parent = body
        for part in path[:-1]:
            parent = parent[part]
        op = rng.randrange(4)
        if op == 0 and isinstance(parent, dict):
            del parent[path[-1]]
        elif op == 1 and isinstance(parent, dict):
            parent[rng.choice(["extra", "from_", "label", "port", 7])] = rng.choice(TRICKY)
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(TRICKY))
    return body


def test_what_the_fast_path_accepts_of_broken_data_pydantic_accepts_alike():
    """3,000 mutants of every example's document and resources: where the fast path takes
    one, the twin takes it with the same values; most are declined (the twin's to word)."""
    rng = random.Random(7)
    objects = [o for path in EXAMPLES
               for o in _objects(yaml.safe_load(path.read_text(encoding="utf-8")))]
    taken = declined = 0
    for _ in range(3_000):
        cls, body = rng.choice(objects)
        mutant = _mutated(body, rng)
        fast, slow = _both(cls, mutant)
        if fast is None:
            declined += 1
            continue
        taken += 1
        _same(fast, slow)
    assert taken > 300 and declined > 300  # both sides were exercised


def test_every_field_of_every_example_takes_tricky_values_as_pydantic_does():
    """Each field of each object of the examples (document and resources) given a dozen of
    the tricky values in turn."""
    rng = random.Random(11)
    tried = 0
    for path in EXAMPLES:
        for cls, body in _objects(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for name, info in cls.model_fields.items():
                for value in rng.sample(TRICKY, 12):
                    fast, slow = _both(cls, {**body, info.alias or name: value})
                    tried += 1
                    if fast is not None:
                        _same(fast, slow)
    assert tried > 10_000


EDGES = [  # what the two regular-expression engines or the two readings could disagree on
    (GenericResource, {"kind": "AWS::SQS::Queue\n"}),
    (GenericResource, {"kind": "AWS::SQS::Queue"}),
    (Document, {"title": "t", "region": "r", "resources": {"a": {}}, "report_file": "r.docx\n"}),
    (Document, {"title": "t", "region": "r", "resources": {"a\n": {}}}),
    (Document, {"title": "t", "region": "r", "resources": {"a": {}}, "date": "2024-01-01"}),
    (Document, {"title": "t", "region": "r", "resources": {"a": {}},
                "date": datetime.date(2024, 1, 1)}),
    (Document, {"title": "t", "region": "r", "resources": {"a": {}},
                "date": datetime.datetime(2024, 1, 1, 5)}),
    (Document, {"title": "t", "region": "r", "resources": {}}),
    (Document, {"title": "t", "region": "r", "resources": {"a": {}}, "flows": [
        {"from": "a", "to": "a", "port": True}]}),
    (Document, {"title": "t", "region": "r", "resources": {"a": {}}, "flows": [
        {"from_": "a", "to": "a"}]}),
]


@pytest.mark.parametrize("cls, data", EDGES)
def test_edges_are_read_alike_or_declined(cls, data):
    fast, slow = _both(cls, data)
    if fast is not None:
        _same(fast, slow)
