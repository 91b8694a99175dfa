"""Draw a case's architecture diagram as SVG with Graphviz's `dot`, once, when the content loads.

Django-free. The SVG has no scripts and no style attributes (only presentation attributes), so it
can be inlined under the strict Content-Security-Policy.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess

from topics.content import Diagram

# Fill and border colours per service category, loosely after the AWS architecture icon palette.
PALETTE = {
    "compute": ("#fff4e5", "#d86613"),
    "containers": ("#fff4e5", "#d86613"),
    "storage": ("#eaf6ea", "#3f8624"),
    "database": ("#eef0ff", "#3b48cc"),
    "networking": ("#f3ecff", "#8c4fff"),
    "edge": ("#f3ecff", "#8c4fff"),
    "security": ("#ffecec", "#dd344c"),
    "integration": ("#ffeef6", "#e7157b"),
    "analytics": ("#eaf2ff", "#01a88d"),
    "management": ("#fdeef7", "#e7157b"),
    "migration": ("#e8f7f5", "#01a88d"),
    "client": ("#f2f4f8", "#5a6b86"),
}
FONT = "NanumGothic"
# Bump when the SVG output changes, so the loader draws every diagram again.
RENDERER = "2"


class DiagramError(Exception):
    pass


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrap(label: str, width: int = 22) -> str:
    """Break long labels into lines so boxes stay compact (Hangul counts double)."""
    words, lines, current = label.split(" "), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        size = sum(2 if ord(ch) > 0x1100 else 1 for ch in candidate)
        if current and size > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return "\n".join(lines)


def to_dot(diagram: Diagram, language: str, categories: dict[str, str]) -> str:
    """The Graphviz source for one language. `categories` maps service slug -> category."""
    out = [
        "digraph architecture {",
        f'  graph [rankdir={diagram.direction}, fontname="{FONT}", fontsize=12, nodesep=0.35, ranksep=0.55, '
        'pad=0.15, bgcolor="transparent", compound=true];',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=12, margin="0.14,0.07", penwidth=1.4];',
        f'  edge [fontname="{FONT}", fontsize=11, color="#5a6b86", fontcolor="#44506a", arrowsize=0.7];',
    ]
    children: dict[str | None, list] = {}
    for group in diagram.groups:
        children.setdefault(group.parent, []).append(group)
    members: dict[str | None, list] = {}
    for node in diagram.nodes:
        members.setdefault(node.group, []).append(node)

    def emit_node(node, indent):
        category = categories.get(node.service or "", "client")
        fill, border = PALETTE.get(category, PALETTE["client"])
        label = _quote(_wrap(node.label.get(language)))
        out.append(
            f'{indent}{_quote(node.id)} [id={_quote("node-" + node.id)}, label={label}, fillcolor="{fill}", '
            f'color="{border}", class={_quote("arch-node cat-" + category)}];'
        )

    def emit_group(group, indent):
        out.append(f"{indent}subgraph {_quote('cluster_' + group.id)} {{")
        out.append(
            f'{indent}  label={_quote(group.label.get(language))}; labeljust=l; style="rounded,dashed"; '
            f'color="#8a97b1"; fontcolor="#44506a"; id={_quote("group-" + group.id)};'
        )
        for child in children.get(group.id, []):
            emit_group(child, indent + "  ")
        for node in members.get(group.id, []):
            emit_node(node, indent + "  ")
        out.append(f"{indent}}}")

    for group in children.get(None, []):
        emit_group(group, "  ")
    for node in members.get(None, []):
        emit_node(node, "  ")
    for edge in diagram.edges:
        label = f", label={_quote(' ' + edge.label.get(language) + ' ')}" if edge.label else ""
        out.append(f"  {_quote(edge.source)} -> {_quote(edge.target)} [{label.lstrip(', ')}];")
    out.append("}")
    return "\n".join(out)


def render_svg(diagram: Diagram, language: str, categories: dict[str, str], title: str) -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError("Graphviz is not installed: `dot` was not found (apt-get install graphviz)")
    result = subprocess.run(
        [dot, "-Tsvg"],
        input=to_dot(diagram, language, categories),
        capture_output=True,
        text=True,
        timeout=30,
    )
    if result.returncode != 0:
        raise DiagramError(f"dot failed: {result.stderr.strip()}")
    return _clean(result.stdout, title)


def _clean(svg: str, title: str) -> str:
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.DOTALL).replace("&#45;", "-")
    # Graphviz titles every element with its internal id; the label text already says what it is.
    svg = re.sub(r"<title>[^<]*</title>\n?", "", svg)
    # Natural size, one layout point per CSS pixel: labels stay 12 px however wide the diagram is,
    # and the page scrolls the figure sideways instead of squeezing them (they were 6-7 px).
    box = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg)
    size = f'width="{float(box[1]):.0f}" height="{float(box[2]):.0f}"' if box else ""
    svg = re.sub(r'<svg width="[^"]*" height="[^"]*"', f"<svg {size}".rstrip(), svg, count=1)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(title)}" class="diagram"', 1)
    return svg.replace('<g id="graph0"', f'<title>{html.escape(title)}</title>\n<g id="graph0"', 1)


HIDDEN_FILL, HIDDEN_STROKE = PALETTE["client"]


def hide_node(svg: str, node_id: str) -> str:
    """Return the diagram with one box hidden behind a '?' (the "missing box" questions).

    Nothing of the hidden box survives: not its id, its service category class, its colours, its
    label or a title or link; it looks like any other box that is not an AWS service."""
    pattern = re.compile(rf'<g id="node-{re.escape(node_id)}" class="[^"]*">(.*?)</g>', re.DOTALL)
    match = pattern.search(svg)
    if match is None:
        raise DiagramError(f"no box {node_id!r} in the diagram")
    body = re.sub(r"<(title|a)\b.*?</\1>", "", match.group(1), flags=re.DOTALL)
    body = re.sub(r' fill="#[0-9a-fA-F]{6}"', f' fill="{HIDDEN_FILL}"', body)
    body = re.sub(r' stroke="#[0-9a-fA-F]{6}"', f' stroke="{HIDDEN_STROKE}"', body)
    texts = list(re.finditer(r"<text([^>]*)>([^<]*)</text>", body))
    if texts:
        # One '?' centred where the label lines were.
        ys = [float(y) for t in texts for y in re.findall(r' y="([-\d.]+)"', t.group(1))]
        attributes = texts[0].group(1)
        if ys:
            attributes = re.sub(r' y="[-\d.]+"', f' y="{sum(ys) / len(ys) + 5:.2f}"', attributes)
        body = body[: texts[0].start()] + f"<text{attributes}>?</text>" + body[texts[-1].end() :]
    return svg[: match.start()] + f'<g class="node hidden-box">{body}</g>' + svg[match.end() :]
