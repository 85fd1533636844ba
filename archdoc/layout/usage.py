"""What the flows routed so far occupy on the lattice (stretches, the points they run
through, ports), and the search's budget: the route search reads it, each placed route adds
to it."""

from __future__ import annotations

from archdoc.layout.geometry import Point

# for the whole figure: routing costs at most this many search steps, whatever the model (a
# flow routed after the budget is spent is a simple connector; the second, improving pass
# runs only while budget is left)
BUDGET = 150_000
RESCUE_BUDGET = 100_000  # ... and the greedy searches after it is spent, all together


class Usage:
    """What the flows routed so far occupy: lattice stretches, crossings, ports."""

    def __init__(self) -> None:
        self.stretch: dict[tuple[int, int, int], int] = {}  # (i, j, horizontal?) -> flows
        self.through: dict[tuple[int, int], frozenset[int]] = {}  # point -> orientations (0 h, 1 v)
        self.ports: dict[Point, int] = {}
        self.budget = BUDGET  # search steps left for the figure
        self.rescue = RESCUE_BUDGET  # ... and for the greedy searches after it is spent

        self.passing: dict[tuple[int, int, int], int] = {}  # (point, orientation) -> flows
        # the same, keyed by lattice point (i * ny + j) for the search (see ``keyed``)
        self._ny: int | None = None
        self._taken: tuple[dict[int, int], dict[int, int]] = ({}, {})  # vertical, horizontal
        self._across: tuple[set[int], set[int]] = (set(), set())  # crossed moving v, h

    def keyed(self, ny: int) -> tuple[dict[int, int], dict[int, int], set[int], set[int]]:
        """For a lattice ``ny`` points high, by point: the flows on the horizontal and on the
        vertical stretch from it (right, down), and the points only vertical (only horizontal)
        flows run through, which a horizontal (vertical) move into them crosses. Kept up to
        date by ``add``, so a search does not rebuild them from every route before it."""
        if self._ny != ny:
            self._ny = ny
            for table in (*self._taken, *self._across):
                table.clear()
            for (i, j, horizontal), flows in self.stretch.items():
                self._stretch_changed(i, j, horizontal, flows)
            for (i, j) in self.through:
                self._through_changed(i, j)
        v_taken, h_taken = self._taken
        across_v, across_h = self._across
        return h_taken, v_taken, across_h, across_v

    def _stretch_changed(self, i: int, j: int, horizontal: int, flows: int) -> None:
        assert self._ny is not None
        table = self._taken[horizontal]
        if flows:
            table[i * self._ny + j] = flows
        else:
            table.pop(i * self._ny + j, None)

    def _through_changed(self, i: int, j: int) -> None:
        assert self._ny is not None
        at, orientations = i * self._ny + j, self.through.get((i, j))
        for o, across in zip((0, 1), self._across, strict=True):  # o alone: crossed across
            if orientations == {o}:
                across.add(at)
            else:
                across.discard(at)

    def add(self, cells: list[tuple[int, int]], sign: int = 1) -> None:
        """Count a route's stretches (``sign`` -1: take a route out again)."""
        # (the names held locally, the orientations as shared constants and the search's
        # tables kept here as ``_stretch_changed`` and ``_through_changed`` keep them: a
        # crowded figure adds and takes out thousands of routes of a hundred points each)
        stretch, passing, through = self.stretch, self.passing, self.through
        ny = self._ny
        taken, (only_h, only_v) = self._taken, self._across
        for (i, j), (i2, j2) in zip(cells, cells[1:], strict=False):
            if i == i2 and j == j2:
                continue
            horizontal = j == j2
            key = (i if i < i2 else i2, j if j < j2 else j2, 1 if horizontal else 0)
            flows = stretch[key] = stretch.get(key, 0) + sign
            if ny is not None:
                table, at = taken[key[2]], key[0] * ny + key[1]
                if flows:
                    table[at] = flows
                else:
                    table.pop(at, None)
            o = 0 if horizontal else 1
            for p in ((i, j), (i2, j2)):
                pk = (p[0], p[1], o)
                passing[pk] = passing.get(pk, 0) + sign
                h = passing.get((p[0], p[1], 0), 0) > 0
                v = passing.get((p[0], p[1], 1), 0) > 0
                if h or v:
                    through[p] = _BOTH if h and v else (_H if h else _V)
                else:
                    through.pop(p, None)
                if ny is not None:  # a point only one orientation runs through is crossed
                    at = p[0] * ny + p[1]
                    if h and not v:
                        only_h.add(at)
                    else:
                        only_h.discard(at)
                    if v and not h:
                        only_v.add(at)
                    else:
                        only_v.discard(at)


_H, _V, _BOTH = frozenset({0}), frozenset({1}), frozenset({0, 1})  # orientations through a point
