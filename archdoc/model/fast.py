"""Check and build a model object from YAML data without pydantic, when the data is plainly
valid; anything else is pydantic's to decide (``model/twin.py``).

Each class's fields become a plan of small checkers, made once: a string field takes a
``str``, an integer field an ``int`` (not a bool), a boolean a ``bool``, a list a ``list``, a
nested object a mapping of known keys, each within its constraints and through its ``After`` /
``Before`` functions and the class's model validators. That is pydantic's strict reading of
the same declarations, and where pydantic's lax reading would convert a value ("443" for an
integer, 1 for a boolean) or say why it is wrong, the checker declines (``Decline``) and the
twin reads the whole object instead. So what this accepts is exactly what pydantic accepts,
with the same values; ``tests/model/test_fast.py`` holds the two to it on generated models.
"""

from __future__ import annotations

import datetime
import re
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any

from archdoc.model.strict import (
    REQUIRED,
    After,
    Before,
    FieldInfo,
    Strict,
    after_validators,
)


class Decline(Exception):
    """The data is not plainly valid: pydantic decides (and words any error)."""


Check = Callable[[Any], Any]
_DECLINE = Decline()  # raised often on the slow side: one instance, no traceback kept


def _decline(_: Any = None) -> Any:
    raise _DECLINE


class _Plan:
    """How one class's objects are checked: its fields, its keys, its model validators."""

    __slots__ = ("cls", "fields", "keys", "afters")

    def __init__(self, cls: type[Strict]):
        self.cls = cls
        self.fields: list[tuple[str, str, Check, FieldInfo]] = []
        for name, info in cls.model_fields.items():
            check = checker(info.annotation, info.metadata, info.constraints)
            self.fields.append((name, info.alias or name, check, info))
        self.keys = frozenset(key for _, key, _, _ in self.fields)
        self.afters = after_validators(cls)


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type[Strict]) -> _Plan:
    found = _PLANS.get(cls)
    if found is None:
        found = _PLANS[cls] = _Plan(cls)
    return found


def fast_object(cls: type[Strict], data: Any) -> Any:
    """``data`` as a ``cls``, or ``Decline``."""
    if type(data) is not dict:
        if isinstance(data, cls):  # an object already built is taken as it is (pydantic's
            return data            # revalidate_instances="never")
        raise _DECLINE
    plan = _PLANS.get(cls) or _plan(cls)
    if not plan.keys.issuperset(data):  # an unknown field, or one named by its Python name
        raise _DECLINE
    obj = object.__new__(cls)
    state = obj.__dict__
    for name, key, check, info in plan.fields:
        if key in data:
            state[name] = check(data[key])
        elif info.default_factory is not None:
            state[name] = info.default_factory()
        elif info.default is REQUIRED:
            raise _DECLINE
        else:
            state[name] = info.default
    for validate in plan.afters:
        try:
            validate(obj)
        except Exception:  # pydantic says what is wrong, in its words
            raise _DECLINE from None
    return obj


def validate_object(cls: type[Strict], data: Any) -> Any:
    """``data`` as a ``cls``: by the fast path, else by pydantic (which raises its
    ``ValidationError`` when the data is wrong)."""
    try:
        return fast_object(cls, data)
    except Decline:
        from archdoc.model.twin import validate_twin

        return validate_twin(cls, data)


def checker(annotation: Any, metadata: Sequence[Any] = (),
            constraints: dict[str, Any] | None = None) -> Check:
    """The checker of values of ``annotation`` with ``metadata`` and ``constraints``."""
    limits = dict(constraints or {})
    befores: list[Check] = []
    afters: list[Check] = []
    for item in metadata:
        if isinstance(item, FieldInfo):
            limits.update(item.constraints)
        elif isinstance(item, Before):
            befores.append(item.func)
        elif isinstance(item, After):
            afters.append(item.func)
    check = _limited(_of_type(annotation), limits)
    if not befores and not afters:
        return check

    def through(value: Any) -> Any:
        try:
            for before in reversed(befores):  # as pydantic: the last written runs first
                value = before(value)
        except Exception:
            raise _DECLINE from None
        value = check(value)
        try:
            for after in afters:
                value = after(value)
        except Exception:
            raise _DECLINE from None
        return value

    return through


def _of_type(annotation: Any) -> Check:
    if annotation is Any:
        return lambda value: value
    if annotation is str:
        return _exact(str)
    if annotation is int:
        return _exact(int)
    if annotation is bool:
        return _exact(bool)
    if annotation is float:
        return _exact(float)
    if annotation is type(None) or annotation is None:
        return _none
    if annotation is datetime.date:
        return _exact(datetime.date)
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        cls = annotation
        return lambda value: fast_object(cls, value)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        inner = args[0]
        return checker(inner, list(args[1:]))
    if origin is typing.Literal:
        if not all(type(a) is str for a in args):
            return _decline
        allowed = frozenset(args)
        return lambda value: value if type(value) is str and value in allowed else _decline()
    if origin in (typing.Union, types.UnionType):
        return _union([checker(a) for a in args])
    if origin is list:
        item = checker(args[0]) if args else (lambda value: value)

        def a_list(value: Any) -> Any:
            if type(value) is not list:
                raise _DECLINE
            return [item(v) for v in value]

        return a_list
    if origin is dict:
        key = checker(args[0]) if args else (lambda value: value)
        val = checker(args[1]) if args else (lambda value: value)

        def a_dict(value: Any) -> Any:
            if type(value) is not dict:
                raise _DECLINE
            return {key(k): val(v) for k, v in value.items()}

        return a_dict
    return _decline  # a type this path does not know: pydantic's


def _exact(kind: type) -> Check:
    def exactly(value: Any) -> Any:
        if type(value) is not kind:
            raise _DECLINE
        return value

    return exactly


def _none(value: Any) -> Any:
    if value is not None:
        raise _DECLINE
    return None


def _union(branches: list[Check]) -> Check:
    """The first branch that takes the value as it is (the branches of every union in the
    model take disjoint types, so that is the one pydantic's smart union picks)."""

    def either(value: Any) -> Any:
        for branch in branches:
            try:
                return branch(value)
            except Decline:
                continue
        raise _DECLINE

    return either


def _limited(check: Check, limits: dict[str, Any]) -> Check:
    if not limits:
        return check
    low, high = limits.get("ge"), limits.get("le")
    shortest, longest = limits.get("min_length"), limits.get("max_length")
    pattern = limits.get("pattern")
    found = re.compile(pattern).search if pattern is not None else None

    def within(value: Any) -> Any:
        value = check(value)
        if value is None:  # an optional field's constraints are its value's, when it has one
            return value
        if low is not None and not value >= low:
            raise _DECLINE
        if high is not None and not value <= high:
            raise _DECLINE
        if shortest is not None and len(value) < shortest:
            raise _DECLINE
        if longest is not None and len(value) > longest:
            raise _DECLINE
        # Python's ``$`` also matches before a last line break, pydantic's (Rust) does not
        if found is not None and (found(value) is None or value.endswith("\n")):
            raise _DECLINE
        return value

    return within


__all__ = ["Decline", "checker", "fast_object", "validate_object"]
