"""Charts as inline SVG, drawn on the server: no script, no network, the source printed on
each chart so that it travels with it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

PALETTE = (
    "#1f5fa6",
    "#c8553d",
    "#2a9d8f",
    "#8d5fa6",
    "#e9a03b",
    "#5c6b73",
    "#9c2c2c",
    "#4d908e",
    "#b5838d",
    "#6d597a",
)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    href: str | None = None


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    source: str,
    unit: str = "",
    width: int = 720,
    max_value: float | None = None,
    subtitle: str = "",
) -> str:
    """Horizontal bars, one per label, with the value printed at the end of each bar (the
    bars are scaled so that the longest value still fits)."""
    row, left = 24, 220
    top = 52 if subtitle else 34
    height = top + row * len(bars) + 36
    peak = max_value or max((b.value for b in bars), default=1) or 1
    shown_values = [f"{_fmt(b.value)}{unit}" for b in bars]
    room = max(70, max((_text_width(v, 12) for v in shown_values), default=0) + 14)
    scale = (width - left - room) / peak
    summary = "; ".join(f"{b.label}: {v}" for b, v in zip(bars, shown_values, strict=True))
    linked = any(b.href for b in bars)
    parts = [_open(width, height, title, summary=summary, linked=linked), _title(title)]
    if subtitle:
        parts.append(f'<text x="8" y="38" fill="#333">{escape(subtitle)}</text>')
    for i, (bar, value) in enumerate(zip(bars, shown_values, strict=True)):
        y = top + i * row
        w = max(bar.value * scale, 0)
        label = escape(bar.label)
        shown = f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{label}</text>'
        if bar.href:
            shown = f'<a href="{escape(bar.href)}">{shown}</a>'
        parts.append(shown)
        parts.append(
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
            f'fill="{PALETTE[0]}"><title>{label}: {escape(value)}</title></rect>'
        )
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 15}">{escape(value)}</text>')
    parts.append(_source(source, height))
    parts.append("</svg>")
    return "".join(parts)


def stacked_columns(
    series: Mapping[str, Mapping[int, int]],
    categories: Sequence[int],
    *,
    title: str,
    source: str,
    width: int = 760,
    height: int = 320,
) -> str:
    """Columns per category (e.g. decade), stacked by series (e.g. member), with a legend."""
    left, top, bottom = 40, 34, 56
    legend = {name: f"{name} ({sum(values.values())})" for name, values in series.items()}
    legend_w = max(190, max((_text_width(t, 12) for t in legend.values()), default=0) + 40)
    width = max(width, int(left + legend_w + 60 * max(len(categories), 1)))
    plot_w, plot_h = width - left - legend_w, height - top - bottom
    totals = [sum(s.get(c, 0) for s in series.values()) for c in categories]
    peak = max(totals, default=1) or 1
    col = plot_w / max(len(categories), 1)
    summary = "; ".join(
        [f"{text}" for text in legend.values()]
        + [f"{c}s: {t}" for c, t in zip(categories, totals, strict=True)]
    )
    parts = [_open(width, height, title, summary=summary), _title(title)]
    for tick in _ticks(peak):
        y = top + plot_h - tick / peak * plot_h
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, category in enumerate(categories):
        x = left + i * col + col * 0.15
        y = top + plot_h
        for j, (name, values) in enumerate(series.items()):
            value = values.get(category, 0)
            if not value:
                continue
            h = value / peak * plot_h
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{col * 0.7:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(name)}, {category}s: '
                f"{value}</title></rect>"
            )
        parts.append(
            f'<text x="{x + col * 0.35:.1f}" y="{top + plot_h + 16}" '
            f'text-anchor="middle">{category}s</text>'
        )
    for j, name in enumerate(series):
        y = top + j * 20
        parts.append(
            f'<rect x="{width - legend_w + 10}" y="{y}" width="12" height="12" '
            f'fill="{PALETTE[j % len(PALETTE)]}"/>'
        )
        x = width - legend_w + 28
        parts.append(f'<text x="{x}" y="{y + 11}">{escape(legend[name])}</text>')
    parts.append(_source(source, height))
    parts.append("</svg>")
    return "".join(parts)


def year_columns(
    series: Mapping[str, Mapping[int, int]],
    years: Sequence[int],
    *,
    title: str,
    source: str,
    width: int = 760,
    height: int = 300,
) -> str:
    """One thin column per year, stacked by series (e.g. public and private meetings), with a
    year labelled every ten and a legend giving each series' total."""
    left, top, bottom, legend_h = 44, 34, 50, 20 * max(len(series), 1)
    plot_w, plot_h = width - left - 12, height - top - bottom - legend_h
    totals = [sum(s.get(y, 0) for s in series.values()) for y in years]
    peak = max(totals, default=1) or 1
    col = plot_w / max(len(years), 1)
    legend = {name: f"{name} ({sum(values.values()):,})" for name, values in series.items()}
    busiest = max(zip(totals, years, strict=True), default=(0, 0))
    summary = "; ".join(
        [*legend.values(), f"busiest year {busiest[1]}: {busiest[0]:,}"] if years else []
    )
    parts = [_open(width, height, title, summary=summary), _title(title)]
    for tick in _ticks(peak):
        y = top + plot_h - tick / peak * plot_h
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, year in enumerate(years):
        x = left + i * col
        y = top + plot_h
        for j, (name, values) in enumerate(series.items()):
            value = values.get(year, 0)
            if not value:
                continue
            h = value / peak * plot_h
            y -= h
            parts.append(
                f'<rect x="{x + col * 0.1:.1f}" y="{y:.1f}" width="{max(col * 0.8, 1):.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[j % len(PALETTE)]}"><title>{year}, '
                f"{escape(name)}: {value:,}</title></rect>"
            )
        if year % 10 == 0 or (i == 0 and len(years) < 30):
            parts.append(
                f'<text x="{x + col / 2:.1f}" y="{top + plot_h + 16}" '
                f'text-anchor="middle">{year}</text>'
            )
    for j, name in enumerate(series):
        y = top + plot_h + 24 + j * 20
        parts.append(
            f'<rect x="{left}" y="{y}" width="12" height="12" fill="{PALETTE[j % len(PALETTE)]}"/>'
        )
        parts.append(f'<text x="{left + 18}" y="{y + 11}">{escape(legend[name])}</text>')
    parts.append(_source(source, height))
    parts.append("</svg>")
    return "".join(parts)


def year_lines(
    series: Mapping[str, Mapping[int, float]],
    years: Sequence[int],
    *,
    title: str,
    source: str,
    colours: Mapping[str, str] | None = None,
    width: int = 360,
    height: int = 250,
) -> str:
    """Shares (0 to 1) per year as lines, one per series, broken where a year has no value,
    on an axis from 0 to 100%, with a year labelled every twenty and a legend; a small
    multiple when drawn once per subject with the same ``colours``."""
    left, top, right, legend_h = 46, 30, 12, 18 * max(len(series), 1)
    bottom = 34 + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max(len(years) - 1, 1)
    first = years[0] if years else 0

    def x(year: int) -> float:
        return left + (year - first) / span * plot_w

    def y(share: float) -> float:
        return top + (1 - share) * plot_h

    colour = {
        name: (colours or {}).get(name, PALETTE[j % len(PALETTE)]) for j, name in enumerate(series)
    }
    summary = "; ".join(
        f"{name}: {min(v.values()):.0%} to {max(v.values()):.0%}" for name, v in series.items() if v
    )
    parts = [_open(width, height, title, summary=summary), _title(clip(title, width - 16, 15))]
    for tick in (0, 0.5, 1):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="#ddd"/><text x="{left - 4}" y="{y(tick) + 4:.1f}" text-anchor="end">'
            f"{tick:.0%}</text>"
        )
    ends = {years[0], years[-1]} if years else set()
    for year in years:
        inner = year % 20 == 0 and all(abs(year - e) >= 8 for e in ends)
        if year in ends or inner:
            anchor = "start" if year == years[0] else "end" if year == years[-1] else "middle"
            parts.append(
                f'<text x="{x(year):.1f}" y="{top + plot_h + 16}" text-anchor="{anchor}">{year}'
                "</text>"
            )
    for name, values in series.items():
        runs: list[list[int]] = []
        for year in years:
            if year in values:
                if runs and runs[-1][-1] == year - 1:
                    runs[-1].append(year)
                else:
                    runs.append([year])
        for run in runs:
            points = " ".join(f"{x(v):.1f},{y(values[v]):.1f}" for v in run)
            if len(run) == 1:
                parts.append(
                    f'<circle cx="{x(run[0]):.1f}" cy="{y(values[run[0]]):.1f}" r="1.5" '
                    f'fill="{colour[name]}"/>'
                )
            else:
                parts.append(
                    f'<polyline points="{points}" fill="none" stroke="{colour[name]}" '
                    f'stroke-width="1.6"><title>{escape(name)}</title></polyline>'
                )
    for j, name in enumerate(series):
        ly = top + plot_h + 26 + j * 18
        parts.append(
            f'<rect x="{left}" y="{ly}" width="12" height="4" fill="{colour[name]}"/>'
            f'<text x="{left + 18}" y="{ly + 6}">{escape(clip(name, plot_w - 20, 12))}</text>'
        )
    parts.append(_source(source, height))
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Mark:
    """A dated marker on a timeline: a Council product answering events."""

    x: float
    label: str
    kind: str


def timeline(
    counts: Sequence[tuple[str, int]],
    marks: Sequence[Mark],
    *,
    title: str,
    source: str,
    width: int = 960,
    height: int = 300,
) -> str:
    """Columns per period (e.g. month) with markers underneath for the Council's products."""
    left, top, bottom = 36, 34, 110
    plot_w, plot_h = width - left - 10, height - top - bottom
    peak = max((c for _, c in counts), default=1) or 1
    col = plot_w / max(len(counts), 1)
    colours = {
        "resolution": PALETTE[2],
        "veto": PALETTE[1],
        "presidential_statement": PALETTE[3],
        "joint_statement": PALETTE[4],
        "meeting": PALETTE[5],
    }
    busiest = sorted(counts, key=lambda c: -c[1])[:3]
    summary = (
        f"{sum(c for _, c in counts)} missiles over {len(counts)} periods"
        + (f", most in {', '.join(f'{p} ({c})' for p, c in busiest if c)}" if busiest else "")
        + f"; {len(marks)} Council products marked"
    )
    parts = [_open(width, height, title, summary=summary), _title(title)]
    for tick in _ticks(peak):
        y = top + plot_h - tick / peak * plot_h
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
        )
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, (label, count) in enumerate(counts):
        x = left + i * col
        h = count / peak * plot_h
        if count:
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" '
                f'width="{max(col - 2, 1):.1f}" height="{h:.1f}" fill="{PALETTE[0]}">'
                f"<title>{escape(label)}: {count} missiles</title></rect>"
            )
        if label.endswith("-01") or len(counts) <= 24:
            parts.append(
                f'<text x="{x:.1f}" y="{top + plot_h + 14}" font-size="10">'
                f"{escape(label[:4] if len(counts) > 24 else label)}</text>"
            )
    lanes = list(colours)
    for mark in marks:
        lane = lanes.index(mark.kind) if mark.kind in lanes else len(lanes) - 1
        y = top + plot_h + 26 + lane * 14
        x = left + mark.x * plot_w
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y}" r="5" fill="{colours.get(mark.kind, "#333")}">'
            f"<title>{escape(mark.label)}</title></circle>"
        )
    for i, kind in enumerate(lanes):
        parts.append(
            f'<text x="{width - 10}" y="{top + plot_h + 30 + i * 14}" '
            f'text-anchor="end" font-size="10">{kind.replace("_", " ")}</text>'
        )
    parts.append(_source(source, height))
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Span:
    """A bar along a time axis: a measure from the day it took effect to the day it ended."""

    label: str
    start: float
    """Position on the axis, 0 to 1."""
    end: float
    kind: str
    note: str
    draft: bool = False
    """Drawn hatched with a dashed outline: what a draft not adopted would have done."""


def spans(
    rows: Sequence[Span],
    years: Sequence[tuple[float, str]],
    *,
    title: str,
    source: str,
    width: int = 960,
    legend: Sequence[tuple[str, str]] = (),
    draft_legend: str = "",
    marker: tuple[float, str] | None = None,
    note: str = "",
    palette: Sequence[str] = PALETTE,
) -> str:
    """One bar per row along a time axis, coloured by kind, with year ticks, a legend of
    the colours (``legend``: kind and what it means, in order), rows marked ``draft`` drawn
    hatched (explained by ``draft_legend``), a vertical ``marker`` (position, label) and a
    ``note`` under the legend; colours from ``palette``, in the legend's order."""
    row, left, top, size = 18, 300, 48, 11
    plot_w = width - left - 16
    kinds = [k for k, _ in legend] + sorted({r.kind for r in rows} - {k for k, _ in legend})
    named = dict(legend)
    colour = {k: palette[i % len(palette)] for i, k in enumerate(kinds)}
    shown = [k for k in kinds if any(r.kind == k for r in rows)]
    entries = [(k, named.get(k, k.replace("_", " "))) for k in shown]
    has_draft = any(r.draft for r in rows)
    axis = top + row * len(rows) + 2
    columns = 2
    legend_top = axis + 36
    legend_rows = -(-(len(entries) + (1 if has_draft and draft_legend else 0)) // columns)
    note_y = legend_top + legend_rows * 18 + 12
    height = note_y + (18 if note else 0) + 20
    drafts = sum(1 for r in rows if r.draft)
    summary = f"{len(rows)} measures" + (f", {drafts} of them from a draft" if drafts else "")
    summary += ": " + "; ".join(f"{r.label} ({r.note})" for r in rows)
    parts = [_open(width, height, title, summary=summary), _title(title)]
    parts.append(
        "<defs>"
        + "".join(
            f'<pattern id="spans-hatch-{i}" patternUnits="userSpaceOnUse" width="6" '
            f'height="6" patternTransform="rotate(45)"><rect width="6" height="6" '
            f'fill="#fff"/><rect width="3" height="6" fill="{colour[k]}"/></pattern>'
            for i, k in enumerate(kinds)
        )
        + '<pattern id="spans-hatch-legend" patternUnits="userSpaceOnUse" width="6" '
        'height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        '<rect width="3" height="6" fill="#5c6b73"/></pattern>'
        "</defs>"
    )
    for x, label in years:
        px = left + x * plot_w
        parts.append(
            f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{top}" y2="{axis}" stroke="#eee"/>'
            f'<line class="tick" x1="{px:.1f}" x2="{px:.1f}" y1="{axis}" y2="{axis + 5}" '
            'stroke="#555"/>'
        )
        parts.append(
            f'<text x="{px:.1f}" y="{axis + 17}" font-size="10" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append(
        f'<line class="axis" x1="{left}" x2="{left + plot_w}" y1="{axis}" y2="{axis}" '
        'stroke="#555"/>'
    )
    for i, r in enumerate(rows):
        y = top + i * row
        x0, x1 = left + r.start * plot_w, left + max(r.end, r.start + 0.002) * plot_w
        label = clip(r.label, left - 14, size)
        tip = f"<title>{escape(r.label)}</title>" if label != r.label else ""
        parts.append(
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" font-size="{size}">'
            f"{tip}{escape(label)}</text>"
        )
        fill = f"url(#spans-hatch-{kinds.index(r.kind)})" if r.draft else colour[r.kind]
        outline = (
            f' class="draft" stroke="{colour[r.kind]}" stroke-dasharray="3 2"' if r.draft else ""
        )
        parts.append(
            f'<rect x="{x0:.1f}" y="{y + 3}" '
            f'width="{x1 - x0:.1f}" height="{row - 6}" fill="{fill}"{outline}>'
            f"<title>{escape(r.label)}: {escape(r.note)}</title></rect>"
        )
    if marker is not None:
        px = left + min(max(marker[0], 0.0), 1.0) * plot_w
        anchor, dx = ("end", -4) if marker[0] > 0.7 else ("start", 4)
        parts.append(
            f'<g class="marker"><line x1="{px:.1f}" x2="{px:.1f}" y1="{top - 14}" y2="{axis}" '
            f'stroke="#9c2c2c" stroke-width="1.5" stroke-dasharray="5 3"/>'
            f'<text x="{px + dx:.1f}" y="{top - 6}" text-anchor="{anchor}" fill="#9c2c2c" '
            f'font-weight="600">{escape(marker[1])}</text></g>'
        )
    col_w = (width - 16) / columns
    items = [(f'fill="{colour[k]}"', text) for k, text in entries]
    if has_draft and draft_legend:
        items.append(
            (
                'fill="url(#spans-hatch-legend)" stroke="#5c6b73" stroke-dasharray="3 2"',
                draft_legend,
            )
        )
    for i, (paint, text) in enumerate(items):
        x = 8 + (i % columns) * col_w
        y = legend_top + (i // columns) * 18
        parts.append(
            f'<g class="legend"><rect x="{x:.1f}" y="{y}" width="18" height="12" {paint}/>'
            f'<text x="{x + 24:.1f}" y="{y + 10}" font-size="{size}">'
            f"{escape(clip(text, col_w - 32, size))}</text></g>"
        )
    if note:
        parts.append(
            f'<text x="8" y="{note_y + 4}" font-size="{size}" fill="#333">{escape(note)}</text>'
        )
    parts.append(_source(source, height))
    parts.append("</svg>")
    return "".join(parts)


def _open(width: int, height: int, title: str, *, summary: str = "", linked: bool = False) -> str:
    """The ``<svg>`` element with its text alternative: the title and, where given, a summary
    of what the chart shows. A chart with links is a group (its links stay reachable by
    keyboard and screen reader), any other an image."""
    label = f"{title}. {summary}" if summary else title
    role = "group" if linked else "img"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="{role}" '
        f'aria-label="{escape(label)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="system-ui, sans-serif" '
        f'font-size="12">'
    )


def _title(title: str) -> str:
    return f'<text x="8" y="20" font-size="15" font-weight="600">{escape(title)}</text>'


def _source(source: str, height: int) -> str:
    return (
        f'<text x="8" y="{height - 8}" font-size="10" fill="#555">Source: {escape(source)}</text>'
    )


def _ticks(peak: float) -> list[int]:
    step = max(1, int(peak / 4) or 1)
    for nice in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        if nice >= peak / 5:
            step = nice
            break
    return list(range(0, int(peak) + 1, step))


def _fmt(value: float) -> str:
    """A value as people write it: thousands separated, whole above a thousand."""
    if float(value).is_integer() or abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def _text_width(text: str, size: float) -> float:
    """A generous estimate of a text's width in a sans-serif font (no font metrics on the
    server): wide letters count more than narrow ones."""
    narrow, wide = set(",.:;'!|il()[] "), set("MWmw%")
    units = sum(0.3 if c in narrow else 0.9 if c in wide else 0.6 for c in text)
    return units * size


def clip(text: str, width: float, size: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels at ``size``."""
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip(" ,;:(") + "…"
