"""The whole model: document fields, resources, flows and the report's sections."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal, TypeVar

from archdoc.errors import Diagnostic, Location
from archdoc.model.index import ModelIndex
from archdoc.model.loader import SourceMap
from archdoc.model.resources import LABEL_MAX, ResourceBase
from archdoc.model.strict import Field, Strict
from archdoc.model.types import Label, Port, Ref

PROPERTY_MAX = 255  # Word's limit for a document property (title, author)

ResourceId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]


class Change(Strict):
    what: str = Field(description="what changed since the previous version")
    why: str | None = Field(None, description="the reason for the change")


class Flow(Strict):
    """A directed connection, drawn as an edge."""

    from_: Annotated[str, Ref()] = Field(alias="from")
    to: Annotated[str, Ref()]
    label: Label | None = Field(None, description="edge label; defaults to protocol:port")
    protocol: str | None = Field(None, description="e.g. HTTPS, HTTP, DNS")
    port: Port | None = None

    @property
    def text(self) -> str:
        """The edge label: the given label, else protocol:port."""
        if self.label:
            return self.label
        parts = [p for p in (self.protocol, str(self.port) if self.port else None) if p]
        return ":".join(parts)


class SecurityConsideration(Strict):
    text: str = Field(description="the claim, as the report states it")
    checks: list[str] = Field(default_factory=list, description="ids of the checks backing it")
    see: list[Annotated[str, Ref()] | Literal["figure"]] = Field(
        default_factory=list,
        description="'figure' for the chapter's figure, or resource ids whose table shows it",
    )


class Section(Strict):
    """One chapter of the report: a part of the architecture."""

    title: str = Field(max_length=LABEL_MAX, description="chapter title")
    resources: list[Annotated[str, Ref()]] = Field(
        min_length=1, description="resources this chapter covers")
    roles: dict[str, str] = Field(
        default_factory=dict, description="resource id -> role text in this chapter"
    )
    security: list[SecurityConsideration] = Field(
        default_factory=list, description="the chapter's security considerations")
    figure_caption: str | None = Field(None, max_length=LABEL_MAX,
                                       description="caption of the chapter's figure")


class Document(Strict):
    """Document fields of ``arch.yaml`` (everything but the resources)."""

    schema_: str | None = Field(None, alias="$schema", description="JSON Schema for editors")
    title: str = Field(max_length=PROPERTY_MAX,
                       description="title of the architecture and its report")
    version: str | None = Field(None, max_length=PROPERTY_MAX,
                                description="version of the architecture, e.g. \"1.2\"")
    author: str | None = Field(None, max_length=PROPERTY_MAX)
    organisation: str | None = Field(None, max_length=PROPERTY_MAX,
                                     description="course or organisation")
    course: str | None = Field(None, max_length=PROPERTY_MAX,
                               description="the course a report is handed in for")
    student_id: str | None = Field(None, max_length=PROPERTY_MAX,
                                   description="the author's student number")
    instructor: str | None = Field(None, max_length=PROPERTY_MAX,
                                   description="who the report is handed in to")
    date: datetime.date | str | None = Field(None, description="date of this version")
    language: Literal["ko", "en"] = Field("en", description="language of the report")
    region: str = Field(description="AWS region, e.g. ap-northeast-2")
    summary: str | None = Field(None, description="overview paragraph(s)")
    changes: list[Change] = Field(default_factory=list)
    figure_caption: str | None = Field(None, max_length=LABEL_MAX,
                                       description="caption of the overall diagram")
    reflections: str | None = Field(None, description="closing remarks: what the author learnt "
                                                      "(the report's last chapter)")
    report_file: str = Field("report.docx", pattern=r"^[^/\\]+\.docx$", max_length=200,
                             description="file name of the Word report in the output folder")
    resources: dict[ResourceId, Any] = Field(min_length=1)
    flows: list[Flow] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)


R = TypeVar("R", bound=ResourceBase)


class Architecture(Document):
    """A validated model: ``resources`` holds typed resources (see ``archdoc.kinds``).

    It keeps the loader's source map, so checks, drift and diffs can say where in the file a
    resource or field was written (``model.where(("resources", "web", "subnet"))``).
    """

    resources: dict[ResourceId, ResourceBase]
    # private state (set after validation): where each value was written, the lookups, and
    # what validation found missing but allowed
    _source: SourceMap | None = None
    _index: ModelIndex | None = None
    _warnings: tuple[Diagnostic, ...] = ()

    @property
    def index(self) -> ModelIndex:
        """Lookups over the resources, built on first use (the model is immutable)."""
        found = self.__dict__.get("_index")
        if found is None:
            found = self._index = ModelIndex(
                self.resources, (end for f in self.flows for end in (f.from_, f.to)))
        return found

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """What validation found missing but allowed (a sketch's missing details)."""
        return self._warnings

    @property
    def source(self) -> SourceMap | None:
        """Where each key and value was written (None for a model built in code)."""
        return self._source

    def where(self, path: tuple[Any, ...]) -> Location | None:
        """Where the value at ``path`` was written (or its nearest written parent)."""
        source = self._source
        if source is None:
            return None
        return source.location(source.value(path))

    def label(self, rid: str) -> str:
        return self.resources[rid].label or rid

    def of_kind(self, *kinds: str) -> dict[str, ResourceBase]:
        if len(kinds) == 1:
            return self.index.of_kind(kinds[0])
        return {rid: r for kind in kinds for rid, r in self.index.of_kind(kind).items()}

    def all_of(self, cls: type[R]) -> dict[str, R]:
        """Every resource of one kind, typed: ``model.all_of(Subnet)`` (a lookup)."""
        return self.index.of_class(cls)

    def get(self, rid: str, cls: type[R]) -> R:
        """The resource ``rid``, which validation guarantees is a ``cls``."""
        res = self.resources[rid]
        if not isinstance(res, cls):
            raise TypeError(f"{rid} is a {res.kind}, not a {cls.__name__}")
        return res
