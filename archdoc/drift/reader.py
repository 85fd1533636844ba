"""What drift knows about one kind, in one entry: where it is read and how it is judged.

Each kind of ``archdoc.kinds`` names, in its entry, the module of ``archdoc.drift.readers``
that holds its :class:`KindReader` (or says why it is not read). A reader module is one AWS
service: it names the collector that reads the service (``archdoc.aws.<service>``, where the
read operations it may call are declared), turns the collected data into live objects, and
points at the comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from archdoc.aws.collect import Snapshot
from archdoc.drift.live import LiveObject

if TYPE_CHECKING:
    from archdoc.drift.context import Diff, DriftContext

Comparer = Callable[["DriftContext", str, Any, Any], list["Diff"]]
Adapter = Callable[[Snapshot], list[LiveObject]]


@dataclass(frozen=True)
class KindReader:
    """How drift finds and compares the resources of one kind.

    ``live`` lists the live resources a locator may match; a kind without it is a feature
    of the account (Session Manager), compared without one live resource. ``natural_name``
    is the resource's own name that its live counterpart carries (without it, the Name tag
    equal to its id). ``candidates`` narrows the live resources for one model resource before
    they are matched (a record in its zone); ``order`` puts a kind after those it is looked
    for in. ``unmanaged``: live ones in the model's VPCs that no model resource describes are
    reported (``ignore`` keeps out those AWS makes itself). ``also_reads``: services its
    comparison reads besides its own. ``unread``: attributes of the model it does not
    compare, and why. ``any_region``: its collector finds the kind's resources wherever they
    live (a global service, S3's ListBuckets, ACM reading each certificate's region), so it is
    read once, with the primary region; any other kind is read in each resource's region.
    """

    collector: ModuleType  # archdoc.aws.<service>: SERVICE, OPERATIONS, collect()
    compare: Comparer
    live: Adapter | None = None
    natural_name: Callable[[str, Any], str | None] | None = None
    candidates: Callable[[DriftContext, Any, list[LiveObject]], list[LiveObject]] | None = None
    order: int = 0
    unmanaged: bool = False
    ignore: Callable[[LiveObject], bool] | None = None
    also_reads: tuple[str, ...] = ()
    unread: tuple[tuple[str, str], ...] = ()
    any_region: bool = False

    @property
    def service(self) -> str:
        return str(self.collector.SERVICE)
