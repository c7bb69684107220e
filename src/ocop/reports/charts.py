"""The charts of a report, as SVG text (matplotlib, the optional extra ``charts``).

Drawn with :class:`matplotlib.figure.Figure` (no pyplot, no global backend), written
without a date and with a fixed hash salt, so that the same figures give the same SVG.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from ocop.errors import MissingExtra
from ocop.programme.registry import Registry
from ocop.programme.stats import in_area
from ocop.programme.units import DEFAULT_UNITS, province_label

__all__ = ["bar_chart", "progress_chart", "stacked_chart", "stars_by", "svg_available"]

_COLOURS = {3: "#f2b134", 4: "#e0702b", 5: "#b8322a"}


def svg_available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _figure(width: float, height: float) -> Any:
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingExtra("charts", "matplotlib", "report charts") from None
    matplotlib.rcParams["svg.hashsalt"] = "ocop"
    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _svg(fig: Any) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    return text[text.index("<svg") :]  # inline: without the XML declaration and doctype


def _unit(province: str, as_of: Any) -> str:
    return province_label(province, as_of, DEFAULT_UNITS) or province


def stars_by(
    registry: Registry, as_of: Any, key: str, area: str | None = None
) -> dict[str, dict[int, int]]:
    """Counts of the certificates in force on *as_of* by *key* (``year`` or ``province``)
    and by stars."""
    out: dict[str, dict[int, int]] = {}
    for e in registry.entries:
        if not (e.in_force(as_of) and in_area(e, area, as_of=as_of)):
            continue
        row = e.row
        if key == "year":
            name = str(row.decision_date.year)
        else:  # the unit in force on as_of, as statistics() counts it by default
            name = "?" if row.province is None else _unit(row.province, as_of)
        counts = out.setdefault(name, {3: 0, 4: 0, 5: 0})
        counts[row.stars] += 1
    return dict(sorted(out.items()))


def stacked_chart(
    data: Mapping[str, Mapping[int, int]], title: str, *, horizontal: bool = False
) -> str:
    """A stacked bar chart by stars (3, 4, 5) of each category."""
    names = list(data)
    fig = _figure(7, max(2.5, 0.35 * len(names) + 1.2) if horizontal else 3.2)
    ax = fig.subplots()
    base = [0] * len(names)
    for stars in (3, 4, 5):
        values = [data[n].get(stars, 0) for n in names]
        if horizontal:
            ax.barh(names, values, left=base, color=_COLOURS[stars], label=f"{stars}★")
        else:
            ax.bar(names, values, bottom=base, color=_COLOURS[stars], label=f"{stars}★")
        base = [b + v for b, v in zip(base, values, strict=True)]
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    if horizontal:
        ax.invert_yaxis()
    return _svg(fig)


def bar_chart(data: Mapping[str, int], title: str) -> str:
    names = list(data)
    fig = _figure(7, max(2.5, 0.35 * len(names) + 1.2))
    ax = fig.subplots()
    ax.barh(names, [data[n] for n in names], color="#3c7a4a")
    ax.invert_yaxis()
    ax.set_title(title, fontsize=10)
    return _svg(fig)


def progress_chart(rows: Sequence[tuple[str, float | None]], title: str) -> str:
    """Horizontal progress bars: each target's achieved figure as a percentage of its value
    (a display value; the exact ratios are in the table), with the 100% line."""
    names = [r[0] for r in rows]
    values = [0.0 if r[1] is None else r[1] for r in rows]
    fig = _figure(7, max(2.5, 0.4 * len(names) + 1.2))
    ax = fig.subplots()
    colours = ["#3c7a4a" if v >= 100 else "#e0702b" for v in values]
    ax.barh(names, values, color=colours)
    ax.axvline(100, color="#333333", linewidth=1)
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:.0f}%", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_title(title, fontsize=10)
    return _svg(fig)
