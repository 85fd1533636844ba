"""Types of the compiled route search (``_search.c``); ``search.search_py`` is its twin."""

from collections.abc import Callable

def search(xs: list[float], ys: list[float], h_open: Callable[[int], bytes],
           v_open: Callable[[int], bytes], solid: Callable[[int], bytes],
           h_taken: dict[int, int], v_taken: dict[int, int], across_h: set[int],
           across_v: set[int], starts: list[tuple[int, float]],
           goals: list[tuple[int, int, float]], box: tuple[float, float, float, float],
           bounds: tuple[float, float, float, float], greed: float, share: float,
           cross: float, bend: float, limit: int
           ) -> tuple[int, int | None, list[int] | None]: ...
