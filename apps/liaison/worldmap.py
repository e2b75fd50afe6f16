"""The world map, drawn by the portal itself as SVG: no map tiles, no script, nothing from the internet.

The country shapes are Natural Earth's (public domain), 1:50m, as the ``world-atlas`` package of the npm registry
publishes them in TopoJSON (ISC licence; vendored under ``static/liaison/world-atlas/`` with its licence). They are
decoded and projected (Equal Earth) once per process; each country becomes one SVG path, keyed by its ISO 3166-1
alpha-2 code (the TopoJSON names them by their numeric code). ``render`` wraps each in a link to the country's
coverage page with a class per coverage status: the colours are the stylesheet's (the Content Security Policy
allows no inline style). The map is a picture for the eye: screen readers and keyboards use the list of countries
beside it, which has the same links.
"""

import json
import math
from functools import cache
from xml.sax.saxutils import escape, quoteattr

from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe
from django_countries import countries

TOPOJSON = "liaison/world-atlas/countries-50m.json"
WIDTH = 1000
# How far (in map units, a thousandth of its width) a simplified outline may stray from Natural Earth's.
TOLERANCE = 0.6
# Antarctica is left out: it covers a sixth of the map and no liaison officer.
LEFT_OUT = {"AQ"}

# Equal Earth (Šavrič, Patterson and Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX = 2.7066297319215575  # x of (180°, 0°)


def _project(longitude: float, latitude: float) -> tuple[float, float]:
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs as lists of (longitude, latitude): TopoJSON stores them quantised and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    # A ring that crosses the antimeridian (Chukotka, Fiji) would draw a line across the world: its points on the
    # far side go on past ±180°, off the edge of the map.
    if any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:], strict=False)):
        east = sum(1 for longitude, _latitude in points if longitude > 0) * 2 >= len(points)
        points = [
            (
                longitude + 360
                if east and longitude < 0
                else longitude - 360
                if not east and longitude > 0
                else longitude,
                latitude,
            )
            for longitude, latitude in points
        ]
    return points


def _simplified(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    """Douglas-Peucker: the points that keep the outline within ``tolerance`` (map units) of the original."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = -1.0, first
        for i in range(first + 1, last):
            px, py = points[i]
            distance = abs(dy * (px - x1) - dx * (py - y1)) / length if length else math.hypot(px - x1, py - y1)
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _path(rings: list[list[tuple[float, float]]], scale: float) -> str:
    """An SVG path of the rings, simplified to what shows at the map's size: tenths of a unit, relative moves."""
    parts = []
    for ring in rings:
        projected = []
        for longitude, latitude in ring:
            x, y = _project(longitude, latitude)
            point = (round((x + X_MAX) * scale * 10), round(-y * scale * 10))
            if not projected or point != projected[-1]:
                projected.append(point)
        points = _simplified(projected, TOLERANCE * 10)
        if len(points) < 4:
            continue
        moves = [f"M{points[0][0] / 10:g} {points[0][1] / 10:g}"]
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            moves.append(f"l{(x1 - x0) / 10:g} {(y1 - y0) / 10:g}")
        parts.append("".join(moves) + "z")
    return "".join(parts)


@cache
def shapes() -> tuple[tuple[str, str], ...]:
    """(ISO code, SVG path) of every country with a shape, read from the vendored file once per process."""
    with open(finders.find(TOPOJSON), encoding="utf-8") as file:
        topology = json.load(file)
    arcs = _arcs(topology)
    scale = WIDTH / (2 * X_MAX)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = countries.alpha2(geometry.get("id") or "") if geometry.get("id") else ""
        if not code or code in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        found.append((code, _path(rings, scale)))
    return tuple(found)


# The map shows latitudes from 84° N (the northern tip of Greenland) to 56° S (Cape Horn).
_TOP = -_project(0, 84)[1] * WIDTH / (2 * X_MAX)
_BOTTOM = -_project(0, -56)[1] * WIDTH / (2 * X_MAX)
VIEW_BOX = f"0 {_TOP:.0f} {WIDTH} {_BOTTOM - _TOP:.0f}"


def render(*, statuses: dict[str, str], names: dict[str, str], labels: dict[str, str], link: str) -> SafeString:
    """The map as SVG: each country a link to ``link`` with its code (``{code}``), classed by its status in
    ``statuses``, with its name and status as a tooltip."""
    paths = []
    for code, path in shapes():
        status = statuses.get(code, "none")
        title = f"{names.get(code, code)}: {labels.get(status, status)}"
        href = link.replace("{code}", code)
        paths.append(
            f'<a href={quoteattr(href)} class="map-country map-country--{status}" tabindex="-1" '
            f'data-country="{code}"><title>{escape(title)}</title><path d="{path}"/></a>'
        )
    return mark_safe(  # noqa: S308 - our own markup; names and links escaped above
        f'<svg class="world-map" viewBox="{VIEW_BOX}" xmlns="http://www.w3.org/2000/svg" aria-hidden="true" '
        f'focusable="false">{"".join(paths)}</svg>'
    )
