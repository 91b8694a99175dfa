"""Small server-drawn SVG charts of the item statistics (no JavaScript, no style attributes)."""

from __future__ import annotations

from html import escape

from exams.charts import WIDTH, svg_chart


def pick_bars(rows: list[tuple[str, float, bool]], *, title: str, description: str) -> str:
    """Per choice: (label, share of attempts that picked it, is a key) as a bar; keys in green."""
    width, row_h, left, figure_w = WIDTH, 26, 34, 54
    track = width - left - figure_w
    body = []
    for index, (label, share, key) in enumerate(rows):
        y = index * row_h
        body.append(f'<text class="chart-label" x="0" y="{y + 17}">{escape(label)}</text>')
        body.append(f'<rect class="chart-track" x="{left}" y="{y + 5}" width="{track}" height="14" rx="6"/>')
        if share > 0:
            css = "stat-bar-key" if key else "stat-bar-distractor"
            body.append(
                f'<rect class="{css}" x="{left}" y="{y + 5}" width="{max(track * share, 6):.1f}" height="14" rx="6"/>'
            )
        body.append(
            f'<text class="chart-figure" x="{width}" y="{y + 17}" text-anchor="end">{share:.0%}</text>'
        )
    return svg_chart(width, max(1, len(rows)) * row_h + 4, title, description, body, "chart-hbars stat-picks")


def score_histogram(counts: list[int], *, title: str, description: str) -> str:
    """Attempts per tenth of the percent-right scale, as columns."""
    width, height, left, bottom = WIDTH, 150, 4, 22
    plot_h = height - bottom - 6
    step = (width - left) / max(1, len(counts))
    top = max(counts, default=0) or 1
    body = [
        f'<line class="chart-rule" x1="{left}" x2="{width}" y1="{height - bottom}" y2="{height - bottom}"/>'
    ]
    for index, count in enumerate(counts):
        x = left + index * step
        bar = plot_h * count / top
        if count:
            body.append(
                f'<rect class="chart-bar" x="{x + 2:.1f}" y="{height - bottom - bar:.1f}" width="{step - 4:.1f}" '
                f'height="{bar:.1f}"><title>{index * 10}-{index * 10 + 10}%: {count}</title></rect>'
            )
    for tick in (0, 50, 100):
        x = left + (width - left) * tick / 100
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        body.append(
            f'<text class="chart-tick" x="{x:.1f}" y="{height - 6}" text-anchor="{anchor}">{tick}%</text>'
        )
    return svg_chart(width, height, title, description, body, "stat-histogram")
