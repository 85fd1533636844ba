"""Icon files per resource kind, from the AWS icon set the ``diagrams`` package ships."""

from __future__ import annotations

import os
from functools import cache

import diagrams

from archdoc.kinds import kind_of


@cache
def icon_path(kind: str) -> str:
    """Absolute path of the PNG icon for ``kind`` (named in its registry entry)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(diagrams.__file__)))
    return os.path.join(root, "resources", kind_of(kind).icon)
