"""Server-drawn SVG charts of mock exam results: plain strings, no JavaScript, no style attributes.

Colours and fonts come from classes (static/css/reviews.css has the shared chart classes,
static/css/exams.css the exam ones); each chart has a title and a description for screen readers.

Charts are drawn `WIDTH` units wide and scale to their box: on a 390 px phone a card is about 318 px
wide, so a 13-unit tick reads at 11.5 px; wider viewBoxes shrank it to 8 px. Long labels wrap.
"""

from __future__ import annotations

import zlib
from datetime import datetime
from html import escape

WIDTH = 360
LABEL_SIZE, LINE_HEIGHT = 14, 17


def _wrap(text: str, width: float, size: float = LABEL_SIZE) -> list[str]:
    """`text` in lines that fit `width` units, by an estimate of its glyphs (Hangul about square, Latin
    about 0.6 of the font size): SVG text does not wrap itself."""

    def span(words: str) -> float:
        return sum(size * (1.0 if ord(ch) >= 0x1100 else 0.6) for ch in words)

    lines: list[str] = []
    for word in text.split():
        if lines and span(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def svg_chart(width: int, height: int, title: str, description: str, body: list[str], css: str) -> str:
    """Wrap a chart's shapes in an <svg> that screen readers announce by its title and description.

    The ids come from the texts and the kind of chart, so two charts on one page do not share them.
    """
    ident = f"chart-{zlib.crc32((title + description + css).encode()):08x}"
    return (
        f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def domain_bars(
    rows: list[tuple[str, int, int]], *, pass_share: float, title: str, description: str, pass_label: str
) -> str:
    """Per domain: (label, right, total) as a bar of the share right, with the pass share marked."""
    width, left, figure_w = WIDTH, 2, 84
    track = width - left - figure_w
    body, bars = [], []
    y = 0
    for label, right, total in rows:
        share = right / total if total else 0.0
        css = "chart-bar" if share >= pass_share else "chart-bar exam-bar-low"
        lines = _wrap(label, width - left)
        for number, line in enumerate(lines):
            body.append(
                f'<text class="chart-label" x="{left}" y="{y + 15 + number * LINE_HEIGHT}">{escape(line)}</text>'
            )
        bar_y = y + 8 + len(lines) * LINE_HEIGHT
        body.append(f'<rect class="chart-track" x="{left}" y="{bar_y}" width="{track}" height="13" rx="6"/>')
        if share > 0:
            body.append(
                f'<rect class="{css}" x="{left}" y="{bar_y}" width="{max(track * share, 6):.1f}" height="13" rx="6"/>'
            )
        body.append(
            f'<text class="chart-figure" x="{width - 2}" y="{bar_y + 12}" text-anchor="end">{right}/{total} · {share:.0%}</text>'
        )
        bars.append(bar_y)
        y = bar_y + 23
    x = left + track * pass_share
    bottom = max(y, 24)
    # The pass mark crosses each bar, not the labels above them.
    body.extend(
        f'<line class="exam-pass-line" x1="{x:.1f}" x2="{x:.1f}" y1="{bar_y - 4}" y2="{bar_y + 17}"/>'
        for bar_y in bars
    )
    body.append(
        f'<text class="chart-tick" x="{x:.1f}" y="{bottom + 10}" text-anchor="middle">{escape(pass_label)}</text>'
    )
    return svg_chart(width, bottom + 16, title, description, body, "chart-hbars exam-domains")


def score_history(
    points: list[tuple[datetime, int]], *, pass_scaled: int, title: str, description: str, pass_label: str
) -> str:
    """Scaled scores over time (oldest first) on the 100-1000 scale, with the pass line."""
    width, height = WIDTH, 200
    left, right, top, bottom = 40, 8, 14, 26
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(score: int) -> float:
        return top + plot_h * (1 - (score - 100) / 900)

    body = []
    for tick in (100, 400, 700, 1000):
        y = y_of(tick)
        body.append(f'<line class="chart-rule" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        body.append(
            f'<text class="chart-tick" x="{left - 5}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    y = y_of(pass_scaled)
    body.append(f'<line class="exam-pass-line" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
    body.append(
        f'<text class="chart-tick" x="{width - right}" y="{y - 5:.1f}" text-anchor="end">{escape(pass_label)}</text>'
    )
    step = plot_w / max(len(points) - 1, 1)
    coords = [
        (left + (step * i if len(points) > 1 else plot_w / 2), y_of(score))
        for i, (_at, score) in enumerate(points)
    ]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body.append(f'<polyline class="exam-score-line" points="{path}"/>')
    for (x, y), (at, score) in zip(coords, points, strict=True):
        css = "exam-dot-pass" if score >= pass_scaled else "exam-dot-fail"
        body.append(
            f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="5"><title>{at:%Y-%m-%d}: {score}</title></circle>'
        )
    if points:
        body.append(f'<text class="chart-tick" x="{left}" y="{height - 8}">{points[0][0]:%Y-%m-%d}</text>')
        body.append(
            f'<text class="chart-tick" x="{width - right}" y="{height - 8}" text-anchor="end">{points[-1][0]:%Y-%m-%d}</text>'
        )
    return svg_chart(width, height, title, description, body, "exam-history-chart")
