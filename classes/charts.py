"""A sparkline of mock exam scores for a table cell: a plain SVG string, no JavaScript, no style
attributes (colours from static/css/classes.css). Bigger charts come from reviews.charts and exams.charts."""

from __future__ import annotations

from html import escape


def sparkline(scores: list[int], *, pass_scaled: int, label: str) -> str:
    """Scaled scores (100-1000), oldest first, with the pass mark dashed; `label` names it for screen readers."""
    width, height, pad = 96, 28, 3
    # Zoomed on the scores and the pass mark (a whole 100-1000 scale would flatten any trend).
    low = max(100, min(*scores, pass_scaled) - 40)
    high = min(1000, max(*scores, pass_scaled) + 40)

    def y_of(score: int) -> float:
        return pad + (height - 2 * pad) * (1 - (score - low) / (high - low))

    step = (width - 2 * pad) / max(len(scores) - 1, 1)
    coords = [(pad + step * i if len(scores) > 1 else width / 2, y_of(s)) for i, s in enumerate(scores)]
    body = [
        f'<line class="spark-pass" x1="0" x2="{width}" y1="{y_of(pass_scaled):.1f}" y2="{y_of(pass_scaled):.1f}"/>'
    ]
    if len(coords) > 1:
        body.append(
            f'<polyline class="spark-line" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in coords)}"/>'
        )
    x, y = coords[-1]
    css = "spark-dot-pass" if scores[-1] >= pass_scaled else "spark-dot-fail"
    body.append(f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="3"/>')
    return (
        f'<svg class="sparkline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
        + "".join(body)
        + "</svg>"
    )
