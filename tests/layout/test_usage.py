"""What the routes placed so far occupy, as the route search reads it."""

from __future__ import annotations

import random

from archdoc.layout.usage import Usage


def test_the_usage_the_search_reads_is_kept_as_routes_come_and_go():
    """What ``Usage.keyed`` keeps up to date route by route is what it would rebuild."""
    rng = random.Random(5)
    usage = Usage()
    usage.keyed(40)  # from here on kept by ``add``
    routes = []
    for _ in range(60):
        i, j = rng.randrange(30), rng.randrange(30)
        cells = [(i, j)]
        for _ in range(rng.randrange(2, 12)):
            di, dj = rng.choice([(1, 0), (-1, 0), (0, 1), (0, -1)])
            i, j = max(0, i + di), max(0, j + dj)
            cells.append((i, j))
        usage.add(cells)
        routes.append(cells)
        if rng.random() < 0.3:  # a route taken out again (the improving pass)
            usage.add(routes.pop(rng.randrange(len(routes))), -1)
    kept = tuple(dict(t) if isinstance(t, dict) else set(t) for t in usage.keyed(40))
    fresh = Usage()
    for cells in routes:
        fresh.add(cells)
    assert kept == fresh.keyed(40)
    assert any(kept[2]) or any(kept[3])  # crossings were there to keep
