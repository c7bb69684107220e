"""A programme report: a registry's statistics on a date and the progress against a plan,
rendered as HTML (charts inline as SVG) or Markdown, in Vietnamese or English.

>>> from datetime import date
>>> from ocop.programme import load_plan, read_registry_csv
>>> reg = read_registry_csv("product,province,stars,level,decision_date\\n"
...                         "Chè,Hòa Bình,4,province,2024-01-15\\n")
>>> text = render_report(reg, load_plan("hoa-binh-162-2022"), date(2025, 1, 1),
...                      fmt="md", lang="en", charts=False)
>>> print(text.splitlines()[0][:59])
# OCOP programme progress report — Kế hoạch triển khai thực
"""

from __future__ import annotations

import base64
import html
from datetime import date

import attrs

from ocop.errors import InvalidInput
from ocop.programme.model import Plan
from ocop.programme.progress import Progress, evaluate
from ocop.programme.registry import Registry
from ocop.programme.stats import Flows, Stats, flows, percent, shares, statistics
from ocop.reports._labels import labels
from ocop.reports.charts import bar_chart, progress_chart, stacked_chart, stars_by

__all__ = ["Report", "build_report", "render_report"]


@attrs.frozen(kw_only=True)
class Report:
    plan: Plan
    as_of: date
    stats: Stats
    flows: Flows
    progress: tuple[Progress, ...]
    charts: dict[str, str]
    """Chart key → SVG text (empty without charts)."""


def build_report(
    registry: Registry, plan: Plan, as_of: date, *, lang: str = "vi", charts: bool = True
) -> Report:
    """The figures of the report on *as_of*: statistics of the plan's area, the flows
    since the plan's period started, the progress of each target, and the charts."""
    words = labels(lang)
    area = plan.area
    stats = statistics(registry, as_of, area=area)
    start = min(plan.period_start, as_of)
    period = flows(registry, start, as_of, area=area)
    rows = evaluate(plan, as_of, registry)
    svg: dict[str, str] = {}
    if charts:
        svg["by_year"] = stacked_chart(stars_by(registry, as_of, "year", area), words["by_year"])
        svg["by_province"] = stacked_chart(
            stars_by(registry, as_of, "province", area), words["by_province"], horizontal=True
        )
        if stats.producers_by_type:
            types = {words.get(k, k): v for k, v in stats.producers_by_type.items()}
            svg["by_type"] = bar_chart(types, words["by_type"])
        bars = [(p.target.id, None if p.ratio is None else float(p.ratio * 100)) for p in rows]
        svg["progress"] = progress_chart(bars, words["progress_chart"])
    return Report(plan=plan, as_of=as_of, stats=stats, flows=period, progress=rows, charts=svg)


def _value(p: Progress, lang: str) -> str:
    t = p.target
    low = percent(t.value / 100, 0)
    text = low if t.value_max is None else f"{low}–{percent(t.value_max / 100, 0)}"
    if t.unit.value == "percent":
        return f"{text}%"
    return f"{text} {labels(lang)['unit_' + t.unit.value]}"


def _tables(report: Report, lang: str) -> list[tuple[str, list[str], list[list[str]]]]:
    w = labels(lang)
    st = report.stats
    star_share = shares(st.by_stars)
    tables = [
        (
            w["summary"],
            [w["stars"], w["count"], w["share"]],
            [
                [f"{s}★", str(n), percent(star_share[s], 1) + "%" if star_share else "—"]
                for s, n in st.by_stars.items()
            ]
            + [[w["valid"], str(st.valid), ""], [w["producers"], str(st.producers), ""]],
        ),
        (
            f"{w['flows']} ({report.flows.start.isoformat()} – {report.flows.end.isoformat()})",
            [w["period"], w["count"]],
            [
                [w[k], str(getattr(report.flows, k))]
                for k in ("new", "upgraded", "reranked", "expired", "revoked")
            ],
        ),
        (
            w["progress"],
            [
                w["target"],
                w["value"],
                w["achieved"],
                w["ratio"],
                w["status"],
                w["basis"],
                w["source"],
            ],
            [
                [
                    p.target.text,
                    _value(p, lang),
                    p.achieved_text(lang),
                    p.ratio_text(lang),
                    w[p.status.value],
                    w[p.basis],
                    "; ".join(str(s) for s in p.sources),
                ]
                for p in report.progress
            ],
        ),
    ]
    if report.plan.milestones:
        tables.append(
            (
                w["milestones"],
                [w["due"], w["target"], w["source"]],
                [[m.due.isoformat(), m.text, str(m.source)] for m in report.plan.milestones],
            )
        )
    return tables


def _title(report: Report, lang: str) -> str:
    return f"{labels(lang)['report']} — {report.plan.title}"


def _head(report: Report, lang: str) -> list[str]:
    w = labels(lang)
    return [
        f"{w['plan']}: {report.plan.instrument}",
        f"{w['as_of']}: {report.as_of.isoformat()}",
        f"{w['area']}: {report.plan.area or w['whole']}",
    ]


def to_markdown(report: Report, lang: str) -> str:
    w = labels(lang)
    lines = [f"# {_title(report, lang)}", ""]
    lines += [f"- {item}" for item in _head(report, lang)] + ["", f"> {w['note']}", ""]
    for caption, header, rows in _tables(report, lang):
        lines += [f"## {caption}", "", "| " + " | ".join(header) + " |"]
        lines.append("|" + "---|" * len(header))
        for row in rows:
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
        lines.append("")
    if report.charts:
        lines += [f"## {w['charts']}", ""]
        for key, svg in report.charts.items():
            data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
            lines += [f"![{w.get(key, key)}](data:image/svg+xml;base64,{data})", ""]
    return "\n".join(lines)


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222}"
    "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #bbb;padding:.3rem .5rem;"
    "vertical-align:top;font-size:.9rem}th{background:#eef3ee}.met{color:#2d6a3a}"
    ".behind{color:#b8322a}.on_track{color:#a06000}figure{margin:1rem 0}"
)


def to_html(report: Report, lang: str) -> str:
    w = labels(lang)
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{e(_title(report, lang))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(_title(report, lang))}</h1><ul>",
        *(f"<li>{e(item)}</li>" for item in _head(report, lang)),
        f"</ul><p><em>{e(w['note'])}</em></p>",
    ]
    for caption, header, rows in _tables(report, lang):
        out.append(f"<h2>{e(caption)}</h2><table><tr>")
        out += [f"<th>{e(h)}</th>" for h in header]
        out.append("</tr>")
        for row in rows:
            cells = []
            for cell in row:
                cls = next((k for k in ("met", "on_track", "behind") if cell == w[k]), None)
                attr = f' class="{cls}"' if cls else ""
                cells.append(f"<td{attr}>{e(cell)}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    if report.charts:
        out.append(f"<h2>{e(w['charts'])}</h2>")
        for key, svg in report.charts.items():
            caption = f"<figcaption>{e(w.get(key, key))}</figcaption>"
            out.append(f'<figure id="chart-{key}">{svg}{caption}</figure>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_report(
    registry: Registry,
    plan: Plan,
    as_of: date,
    *,
    fmt: str = "html",
    lang: str = "vi",
    charts: bool = True,
) -> str:
    """The report as text: *fmt* ``html`` or ``md``; *lang* ``vi`` or ``en``."""
    if fmt not in ("html", "md"):
        raise InvalidInput("format", fmt, "expected 'html' or 'md'")
    report = build_report(registry, plan, as_of, lang=lang, charts=charts)
    return to_html(report, lang) if fmt == "html" else to_markdown(report, lang)
