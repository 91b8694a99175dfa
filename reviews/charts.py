"""Server-drawn SVG charts for the progress page: plain strings, no JavaScript, no style attributes.

The SVG goes inline into the page, so its text is set in the page's own fonts (Hangul included) and
coloured by classes in static/css/reviews.css; every chart carries a title and a description for
screen readers, and every bar or cell a <title> tooltip with its exact figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from exams.charts import svg_chart


def _nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above `value` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def bar_chart(
    values: list[int],
    labels: list[str],
    *,
    title: str,
    description: str,
    tips: list[str],
    label_every: int = 5,
) -> str:
    """Vertical bars (the 30-day forecast): one per value, every `label_every`-th labelled below."""
    width, height = 420, 196
    left, right, top, bottom = 36, 8, 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_ceiling(max(values, default=0))
    slot = plot_w / max(len(values), 1)
    body = []
    ticks = [0, peak // 2, peak] if peak % 2 == 0 else [0, peak]
    for tick in ticks:
        y = top + plot_h * (1 - tick / peak)
        body.append(f'<line class="chart-rule" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        body.append(
            f'<text class="chart-tick" x="{left - 5}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for index, (value, label, tip) in enumerate(zip(values, labels, tips, strict=True)):
        x = left + index * slot + slot * 0.15
        bar_h = plot_h * value / peak
        body.append(
            f'<rect class="chart-bar{" is-today" if index == 0 else ""}" x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{max(bar_h, 0):.1f}"><title>{escape(tip)}</title></rect>'
        )
        if index % label_every == 0:
            body.append(
                f'<text class="chart-label" x="{x + slot * 0.35:.1f}" y="{height - 8}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    return svg_chart(width, height, title, description, body, "chart-bars")


@dataclass
class HeatmapText:
    title: str
    description: str
    weekdays: list[str]  # Monday first, 7 short names
    months: list[str]  # January first, 12 short names
    less: str
    more: str


def heatmap(counts: dict[date, int], *, end: date, text: HeatmapText, tip, weeks: int = 26) -> str:
    """A calendar of the last `weeks` weeks, one column a week (Monday on top), shaded by reviews a day."""
    cell, gap = 12, 3
    left, top = 34, 20
    first = end - timedelta(days=end.weekday()) - timedelta(weeks=weeks - 1)
    width = left + weeks * (cell + gap) + 4
    height = top + 7 * (cell + gap) + 24
    peak = max((n for d, n in counts.items() if first <= d <= end), default=0)
    body = []
    for row in (0, 2, 4):
        y = top + row * (cell + gap) + cell - 2
        body.append(
            f'<text class="chart-tick" x="{left - 5}" y="{y}" text-anchor="end">{escape(text.weekdays[row])}</text>'
        )
    last_month = None
    for column in range(weeks):
        monday = first + timedelta(weeks=column)
        x = left + column * (cell + gap)
        if monday.month != last_month and (monday.day <= 7 or column == 0):
            if column < weeks - 2:
                body.append(
                    f'<text class="chart-label" x="{x}" y="{top - 6}">{escape(text.months[monday.month - 1])}</text>'
                )
            last_month = monday.month
        for row in range(7):
            day = monday + timedelta(days=row)
            if day > end:
                break
            count = counts.get(day, 0)
            level = 0 if not count else min(4, 1 + int(4 * (count - 1) / max(peak, 1)))
            y = top + row * (cell + gap)
            body.append(
                f'<rect class="heat heat-{level}" x="{x}" y="{y}" width="{cell}" height="{cell}" rx="2">'
                f"<title>{escape(tip(day, count))}</title></rect>"
            )
    legend_y = height - 10
    legend_x = width - 5 * (cell + gap) - 60
    body.append(
        f'<text class="chart-tick" x="{legend_x - 6}" y="{legend_y + 1}" text-anchor="end">{escape(text.less)}</text>'
    )
    for level in range(5):
        body.append(
            f'<rect class="heat heat-{level}" x="{legend_x + level * (cell + gap)}" y="{legend_y - cell + 2}" '
            f'width="{cell}" height="{cell}" rx="2"/>'
        )
    body.append(
        f'<text class="chart-tick" x="{legend_x + 5 * (cell + gap) + 2}" y="{legend_y + 1}">{escape(text.more)}</text>'
    )
    return svg_chart(width, height, text.title, text.description, body, "chart-heatmap")


def hbar_chart(rows: list[tuple[str, float, str]], *, title: str, description: str) -> str:
    """Horizontal bars with their label above (mastery per exam domain): (label, 0..1, figure text).

    The label has the whole width to itself (long domain titles); the figure sits right of the bar."""
    width, row_h, left, figure_w = 360, 46, 2, 114
    track = width - left - figure_w
    height = max(1, len(rows)) * row_h + 4
    body = []
    for index, (label, fraction, figure) in enumerate(rows):
        y = index * row_h
        bar_w = track * max(0.0, min(1.0, fraction))
        body.append(f'<text class="chart-label" x="{left}" y="{y + 15}">{escape(label)}</text>')
        body.append(f'<rect class="chart-track" x="{left}" y="{y + 23}" width="{track}" height="13" rx="6"/>')
        if bar_w > 0:
            body.append(
                f'<rect class="chart-bar" x="{left}" y="{y + 23}" width="{max(bar_w, 6):.1f}" height="13" rx="6"/>'
            )
        body.append(
            f'<text class="chart-figure" x="{width - 2}" y="{y + 35}" text-anchor="end">{escape(figure)}</text>'
        )
    return svg_chart(width, height, title, description, body, "chart-hbars")
