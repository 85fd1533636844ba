"""The base of every model object, without pydantic: fields declared as pydantic declares them.

A class says its fields with annotations and ``Field(...)`` as a pydantic model would
(``vpc: Annotated[str, Ref("vpc")] | None = None``); its checks are ``After``/``Before``
functions in ``Annotated`` and ``@model_validator(mode="after")`` methods. Creating such a
class costs what a plain class costs: pydantic, its import and the validators it builds for
each class were half of a small build's time. A valid model is checked and built by
``model/fast.py``; anything it is not sure of, and every error, goes to the pydantic twin of
the class (``model/twin.py``), so pydantic's rules and messages stay the only ones.

Instances are immutable (a private ``_name`` may still be set, as pydantic allows) and
compare, hash, print, dump and copy as pydantic models do. Unlike pydantic's, the constructor
does not check values: data from outside is checked where it enters (``fast.validate_object``).
"""

from __future__ import annotations

import datetime
import typing
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, ClassVar


class _Required:
    """The default of a field that has none."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


@dataclass(frozen=True)
class After:
    """Check (and perhaps convert) a value after its type: pydantic's ``AfterValidator``."""

    func: Callable[[Any], Any]


@dataclass(frozen=True)
class Before:
    """Turn a value into its type's form before checking it: ``BeforeValidator``."""

    func: Callable[[Any], Any]


@dataclass(frozen=True, eq=False)  # (hashed by identity: typing hashes Annotated's metadata)
class JsonSchema:
    """The JSON Schema the field shows instead of its type's: ``WithJsonSchema``."""

    schema: dict[str, Any]


CONSTRAINTS = ("ge", "le", "min_length", "max_length", "pattern")


class FieldInfo:
    """What a field declares: its type, default, alias, description and constraints (named as
    pydantic names them, so the schema and the docs read both alike)."""

    __slots__ = ("annotation", "metadata", "default", "default_factory", "alias",
                 "description", "constraints", "discriminator")

    def __init__(self, default: Any = REQUIRED, *, default_factory: Callable[[], Any] | None = None,
                 alias: str | None = None, description: str | None = None,
                 discriminator: str | None = None, **constraints: Any):
        unknown = set(constraints) - set(CONSTRAINTS)
        if unknown:
            raise TypeError(f"Field() takes no {', '.join(sorted(unknown))}")
        self.annotation: Any = Any
        self.metadata: list[Any] = []
        self.default = default
        self.default_factory = default_factory
        self.alias = alias
        self.description = description
        self.discriminator = discriminator
        self.constraints = {k: v for k, v in constraints.items() if v is not None}

    def is_required(self) -> bool:
        return self.default is REQUIRED and self.default_factory is None

    def get_default(self) -> Any:
        return self.default_factory() if self.default_factory is not None else self.default

    def merged(self, other: FieldInfo) -> FieldInfo:
        """This declaration with ``other``'s (an ``Annotated`` one inside it) under it."""
        out = FieldInfo()
        for name in FieldInfo.__slots__:
            setattr(out, name, getattr(self, name))
        if out.default is REQUIRED and out.default_factory is None:
            out.default, out.default_factory = other.default, other.default_factory
        out.alias = out.alias or other.alias
        out.description = out.description or other.description
        out.constraints = {**other.constraints, **self.constraints}
        return out

    def __repr__(self) -> str:
        return f"FieldInfo(annotation={self.annotation!r}, default={self.default!r})"


def Field(default: Any = REQUIRED, *,  # noqa: N802 - reads as pydantic's
          default_factory: Callable[[], Any] | None = None, alias: str | None = None,
          description: str | None = None, discriminator: str | None = None,
          ge: int | None = None, le: int | None = None, min_length: int | None = None,
          max_length: int | None = None, pattern: str | None = None) -> Any:
    """A field's default and what it declares, as pydantic's ``Field``."""
    return FieldInfo(default, default_factory=default_factory, alias=alias,
                     description=description, discriminator=discriminator, ge=ge, le=le,
                     min_length=min_length, max_length=max_length, pattern=pattern)


def model_validator(*, mode: typing.Literal["after"]) -> Callable[[Callable], Callable]:
    """Mark a method that checks the whole object once its fields are valid (it raises
    ``ValueError``), as pydantic's ``model_validator(mode="after")``."""
    assert mode == "after"

    def mark(func: Callable) -> Callable:
        func.__archdoc_after__ = True  # type: ignore[attr-defined]
        return func

    return mark


def _split(hint: Any) -> tuple[Any, list[Any], FieldInfo | None]:
    """A field's type without its outer ``Annotated``, its metadata, and the ``Field`` in it."""
    if typing.get_origin(hint) is not typing.Annotated:
        return hint, [], None
    args = typing.get_args(hint)
    inner, metadata, declared = args[0], [], None
    if typing.get_origin(inner) is typing.Annotated:  # nested: flattened, as typing does
        inner, more, declared = _split(inner)
        metadata += more
    for item in args[1:]:
        if isinstance(item, FieldInfo):
            declared = item if declared is None else item.merged(declared)
        else:
            metadata.append(item)
    return inner, metadata, declared


class _StrictMeta(type):
    """Works out a class's fields from its annotations when first asked (``model_fields``)."""

    @property
    def model_fields(cls) -> dict[str, FieldInfo]:
        found = cls.__dict__.get("_fields_")
        if found is None:
            found = _collect(cls)
            type.__setattr__(cls, "_fields_", found)
        return found


def _collect(cls: type) -> dict[str, FieldInfo]:
    hints = typing.get_type_hints(cls, include_extras=True)
    own_fields: dict[str, FieldInfo] = {}
    for klass in reversed(cls.__mro__):
        own = klass.__dict__.get("__annotations__", {})
        for name in own:
            hint = hints.get(name)
            if name.startswith("_") or hint is None or typing.get_origin(hint) is ClassVar \
                    or hint is ClassVar:
                continue
            value = klass.__dict__.get(name, REQUIRED)
            declared = value if isinstance(value, FieldInfo) else FieldInfo(value)
            annotation, metadata, inner = _split(hint)
            info = declared.merged(inner) if inner is not None else declared.merged(FieldInfo())
            info.annotation, info.metadata = annotation, metadata
            own_fields[name] = info  # (a field declared again keeps its first place)
    return own_fields


class Strict(metaclass=_StrictMeta):
    """Base of every model object: unknown fields are errors, values are immutable."""

    # a class's own checks of the whole object (``@model_validator(mode="after")``), in order
    _fields_: ClassVar[dict[str, FieldInfo] | None] = None

    def __init__(self, **values: Any):
        """An object of ``values`` (by field name; the others take their defaults). Values are
        not checked here: data from outside is checked where it enters, by
        ``fast.validate_object`` (or ``validate.build_model`` for a whole model)."""
        fields = type(self).model_fields
        unknown = set(values) - set(fields)
        missing = [n for n, info in fields.items() if info.is_required() and n not in values]
        if unknown or missing:
            raise TypeError(f"{type(self).__name__}: unknown {sorted(unknown)}, "
                            f"missing {missing}")
        state = self.__dict__
        for name, info in fields.items():
            state[name] = values[name] if name in values else info.get_default()

    @classmethod
    def model_construct(cls, **values: Any) -> Any:
        """An object of ``values`` (by field name), unchecked; missing fields take their
        defaults."""
        obj = object.__new__(cls)
        state = obj.__dict__
        for name, info in cls.model_fields.items():
            state[name] = values[name] if name in values else info.get_default()
        return obj

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):  # private state, as pydantic allows on a frozen model
            object.__setattr__(self, name, value)
            return
        raise TypeError(f"{type(self).__name__} is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise TypeError(f"{type(self).__name__} is immutable: cannot delete {name}")

    def _values(self) -> tuple[Any, ...]:
        state = self.__dict__
        return tuple(state[name] for name in type(self).model_fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        state = self.__dict__
        inner = ", ".join(f"{name}={state[name]!r}" for name in type(self).model_fields)
        return f"{type(self).__name__}({inner})"

    def __iter__(self) -> typing.Iterator[tuple[str, Any]]:
        state = self.__dict__
        return ((name, state[name]) for name in type(self).model_fields)

    def __copy__(self) -> Any:
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        return copy

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        """A shallow copy with ``update``'s fields changed (unchecked, as pydantic's)."""
        copy = self.__copy__()
        copy.__dict__.update(update or {})
        return copy

    def model_dump(self, *, mode: str = "python", by_alias: bool = False,
                   exclude_defaults: bool = False,
                   exclude: Collection[str] = ()) -> dict[str, Any]:
        """The fields as plain values (``mode="json"``: dates as ISO text), as pydantic's;
        the fields named in ``exclude`` left out (and not dumped)."""
        out: dict[str, Any] = {}
        state = self.__dict__
        for name, info in type(self).model_fields.items():
            if name in exclude:
                continue
            value = state[name]
            if exclude_defaults and not info.is_required() and value == info.get_default():
                continue
            out[(info.alias or name) if by_alias else name] = _dump(value, mode, by_alias,
                                                                    exclude_defaults)
        return out


def _dump(value: Any, mode: str, by_alias: bool, exclude_defaults: bool) -> Any:
    if isinstance(value, Strict):
        return value.model_dump(mode=mode, by_alias=by_alias, exclude_defaults=exclude_defaults)
    if isinstance(value, list):
        return [_dump(v, mode, by_alias, exclude_defaults) for v in value]
    if isinstance(value, tuple):
        items = [_dump(v, mode, by_alias, exclude_defaults) for v in value]
        return items if mode == "json" else tuple(items)
    if isinstance(value, dict):
        return {k: _dump(v, mode, by_alias, exclude_defaults) for k, v in value.items()}
    if mode == "json" and isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def after_validators(cls: type) -> list[Callable[[Any], Any]]:
    """The class's ``@model_validator(mode="after")`` methods, its bases' first."""
    found: dict[str, Callable] = {}
    for klass in reversed(cls.__mro__):
        for name, member in klass.__dict__.items():
            if getattr(member, "__archdoc_after__", False):
                found.pop(name, None)
                found[name] = member
    return list(found.values())


__all__ = ["REQUIRED", "After", "Before", "Field", "FieldInfo", "JsonSchema", "Strict",
           "after_validators", "model_validator"]
