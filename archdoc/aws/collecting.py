"""What most collectors do: list every resource of a type, then describe (one call each)
those the model may mean, or all of them when a locator matches by tags."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from archdoc.aws.scope import Scope


def wanted(scope: Scope, kind: str, *names: str | None) -> bool:
    """Whether a listed resource (by its names, id, ARN) may be one of the model's ``kind``;
    every one may be when some resource of the kind is located by its tags."""
    if scope.all_of(kind):
        return True
    looked_for = scope.names(kind)
    return any(n in looked_for for n in names if n) or any(
        str(w).endswith((f":{n}", f"/{n}")) for w in looked_for for n in names if n)


def described(items: Iterable[Any], keep: Callable[[Any], bool],
              describe: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]]:
    return [describe(item) for item in items if keep(item)]
