"""One CloudFormation template as the reader holds it: its data, where each part is written,
its parameters, conditions and the keys of its resources across the templates read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archdoc.errors import Location
from archdoc.model.loader import SourceMap


@dataclass
class Template:
    """One template, its parameters and conditions, and the model keys of its resources."""

    file: str
    data: dict[str, Any]
    smap: SourceMap
    region: str
    parameters: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # logical id -> key across templates
    conditions: dict[str, bool] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return Path(self.file).stem.split(".")[0]

    def where(self, path: tuple[Any, ...]) -> Location:
        return self.smap.location(self.smap.value(path))


__all__ = ["Template"]
