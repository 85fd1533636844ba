"""Icon files per resource kind, from the AWS icon set the ``diagrams`` package ships."""

from __future__ import annotations

import importlib.util
import os
from functools import cache

from archdoc.kinds import kind_of

# the small icon at the top left of each group's title, as AWS draws its groups: the VPC and
# subnet ones from the diagrams package, the cloud's and region's archdoc's own
# (scripts/group_icons.py)
GROUP_ICONS = {"cloud": "archdoc:aws-cloud.png", "region": "archdoc:region.png",
               "vpc": "aws/network/vpc.png", "public_subnet": "aws/network/public-subnet.png",
               "private_subnet": "aws/network/private-subnet.png"}


@cache
def _resources() -> str:
    """The icons' folder beside the ``diagrams`` package, found without importing it (its
    import pulls in the graphviz package and more, 10 ms of a build that uses neither)."""
    spec = importlib.util.find_spec("diagrams")
    assert spec is not None and spec.origin is not None, "the diagrams package is installed"
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(spec.origin))),
                        "resources")


@cache
def group_icon_path(style: str) -> str | None:
    """Absolute path of the icon of a group style, None for a group drawn without one."""
    name = GROUP_ICONS.get(style)
    if name is None:
        return None
    if name.startswith("archdoc:"):
        return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                            "data", "icons", name.removeprefix("archdoc:"))
    return os.path.join(_resources(), name)


@cache
def icon_path(kind: str) -> str:
    """Absolute path of the PNG icon for ``kind`` (named in its registry entry)."""
    return os.path.join(_resources(), kind_of(kind).icon)
