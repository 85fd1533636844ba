"""Place edge labels where they overlap no icon, no other label and no other edge.

Candidates run along the edge's own curve from its middle outwards, centred on it and then to
either side; the first free one wins. An edge whose whole curve is crowded takes the nearest
free spot around its middle, searching outwards in rings.
"""

from __future__ import annotations

from collections.abc import Callable

from archdoc.layout.geometry import EdgeRoute, Layout, Rect

SizeFn = Callable[[tuple[str, ...]], tuple[float, float]]
_ALONG = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)


def _free(rect: Rect, obstacles: list[Rect], lines: list[list[tuple[float, float]]],
          bounds: Rect, strict: bool) -> bool:
    if rect.x < bounds.x or rect.y < bounds.y or rect.right > bounds.right or \
            rect.bottom > bounds.bottom:
        return False
    if any(rect.overlaps(o, 1.0) for o in obstacles):
        return False
    if strict:
        return not any(rect.contains_point(x, y, 1.5) for line in lines for x, y in line)
    return True


def place_labels(layout: Layout, edges: dict[str, EdgeRoute], size: SizeFn
                 ) -> dict[str, EdgeRoute]:
    obstacles: list[Rect] = [n.rect for n in layout.nodes.values()]
    obstacles += [_title_rect(g.rect, g.label_lines, layout) for g in layout.groups.values()]
    samples = {eid: e.samples(10) for eid, e in edges.items()}
    bounds = Rect(0, 0, layout.width, layout.height)
    placed: dict[str, EdgeRoute] = {}
    for eid, edge in edges.items():
        if not edge.label_lines:
            placed[eid] = edge
            continue
        w, h = size(edge.label_lines)
        others = [pts for other, pts in samples.items() if other != eid]
        curve = samples[eid]
        spot = None
        for strict in (True, False):
            for t in _ALONG:
                cx, cy = curve[min(len(curve) - 1, int(t * (len(curve) - 1)))]
                for dx, dy in ((0, 0), (w / 2 + 3, 0), (-w / 2 - 3, 0), (0, h / 2 + 3),
                               (0, -h / 2 - 3)):
                    rect = Rect(cx + dx - w / 2, cy + dy - h / 2, w, h)
                    if _free(rect, obstacles, others, bounds, strict):
                        spot = rect
                        break
                if spot:
                    break
            if spot:
                break
        if spot is None:
            spot = _ring_search(curve[len(curve) // 2], w, h, obstacles, bounds)
        obstacles.append(spot)
        placed[eid] = EdgeRoute(edge.points, spot, edge.label_lines)
    return placed


def _title_rect(rect: Rect, lines: tuple[str, ...], layout: Layout) -> Rect:
    """The corner of a group box its title is written in."""
    from archdoc.layout.textsize import block_size

    w, h = block_size(lines, layout.fonts.group)
    return Rect(rect.x, rect.y, w + 16, h + 6)


def _ring_search(centre: tuple[float, float], w: float, h: float, obstacles: list[Rect],
                 bounds: Rect) -> Rect:
    cx, cy = centre
    step = 8.0
    for ring in range(1, 400):
        r = ring * step
        for k in range(8 * ring):
            import math

            angle = 2 * math.pi * k / (8 * ring)
            rect = Rect(cx + r * math.cos(angle) - w / 2, cy + r * math.sin(angle) - h / 2, w, h)
            if _free(rect, obstacles, [], bounds, False):
                return rect
    return Rect(cx - w / 2, cy - h / 2, w, h)
