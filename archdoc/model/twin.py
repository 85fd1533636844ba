"""Each model class's pydantic twin: the same fields, types, constraints and checks, made into
a pydantic model when first needed.

The twins are what pydantic sees: they validate what the fast path declined (and word its
errors), and they give the JSON Schema. A valid model never imports this module, so a build
of one pays nothing for pydantic. What a twin validates is turned back into the model's own
classes (``to_model``), so the rest of archdoc sees one kind of object whichever path built
it.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    WithJsonSchema,
    create_model,
    model_validator,
)
from pydantic import Field as PydanticField

from archdoc.model.strict import (
    REQUIRED,
    After,
    Before,
    FieldInfo,
    JsonSchema,
    Strict,
    after_validators,
)

CONFIG = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


@cache
def twin(cls: type[Strict]) -> type[BaseModel]:
    """The pydantic model of ``cls``."""
    fields: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        annotation = translate(info.annotation)
        metadata = [_metadata(m) for m in info.metadata]
        if metadata:
            annotation = _annotated(annotation, metadata)
        fields[name] = (annotation, _field(info))
    checks = {f.__name__: model_validator(mode="after")(f) for f in after_validators(cls)}
    model: type[BaseModel] = create_model(
        cls.__name__, __config__=CONFIG, __doc__=cls.__doc__, __module__=cls.__module__,
        __validators__=checks, **fields)  # type: ignore[arg-type]
    model.__archdoc_model__ = cls  # type: ignore[attr-defined]
    return model


def _annotated(annotation: Any, metadata: list[Any]) -> Any:
    """``Annotated[annotation, *metadata]`` (written so for Python 3.10)."""
    return Annotated.__class_getitem__((annotation, *metadata))  # type: ignore[attr-defined]


def _field(info: FieldInfo) -> Any:
    options: dict[str, Any] = {**info.constraints}
    if info.default_factory is not None:
        options["default_factory"] = info.default_factory
    elif info.default is not REQUIRED:
        options["default"] = info.default
    for name in ("alias", "description", "discriminator"):
        if getattr(info, name) is not None:
            options[name] = getattr(info, name)
    return PydanticField(**options)


def _metadata(item: Any) -> Any:
    if isinstance(item, After):
        return AfterValidator(item.func)
    if isinstance(item, Before):
        return BeforeValidator(item.func)
    if isinstance(item, JsonSchema):
        return WithJsonSchema(item.schema)
    if isinstance(item, FieldInfo):
        return _field(item)
    return item


def translate(annotation: Any) -> Any:
    """``annotation`` with the model's classes replaced by their twins, its metadata by
    pydantic's."""
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return twin(annotation)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _annotated(translate(args[0]), [_metadata(a) for a in args[1:]])
    if origin in (typing.Union, types.UnionType):
        return Union[tuple(translate(a) for a in args)]  # noqa: UP007
    if origin in (list, dict, tuple, set, frozenset) and args:
        return origin[tuple(translate(a) for a in args)]
    return annotation


def to_model(value: Any) -> Any:
    """What a twin validated, as the model's own objects."""
    if isinstance(value, BaseModel):
        cls = type(value).__archdoc_model__  # type: ignore[attr-defined]
        obj = object.__new__(cls)
        obj.__dict__.update({name: to_model(getattr(value, name)) for name in cls.model_fields})
        return obj
    if isinstance(value, list):
        return [to_model(v) for v in value]
    if isinstance(value, dict):
        return {k: to_model(v) for k, v in value.items()}
    return value


def validate_twin(cls: type[Strict], data: Any) -> Any:
    """``data`` validated by ``cls``'s twin (raising pydantic's ``ValidationError``)."""
    return to_model(twin(cls).model_validate(data))


def schema_model(document: type[Strict], kinds: Mapping[str, type[Strict]],
                 generic: type[Strict] | None = None) -> type[BaseModel]:
    """A model whose JSON Schema describes ``arch.yaml`` with the fields of every kind (and a
    resource of any other CloudFormation type, ``generic``)."""
    # built at run time from the kinds, which a static type cannot name
    resource: Any = Annotated[Union[tuple(twin(k) for k in kinds.values())],  # noqa: UP007
                              PydanticField(discriminator="kind")]
    if generic is not None:
        resource = Union[resource, twin(generic)]  # noqa: UP007
    resource_id = document.model_fields["resources"]
    key = typing.get_args(translate(resource_id.annotation))[0]
    return create_model(
        "ArchdocModel",
        __base__=twin(document),
        resources=(dict[key, resource], _field(resource_id)),  # type: ignore[valid-type]
    )


__all__ = ["schema_model", "to_model", "translate", "twin", "validate_twin"]
