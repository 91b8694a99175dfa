"""The mock exam charts fit a phone: drawn narrow, with long domain names wrapped onto a second line."""

import re

from exams import charts

LONG = "2. Design for New Solutions and Accelerate Workload Migration and Modernization"


def test_a_long_domain_name_wraps_inside_the_chart_and_a_short_one_does_not():
    svg = charts.domain_bars(
        [(LONG, 3, 10), ("1. 보안 아키텍처 설계", 5, 5)],
        pass_share=0.72, title="By domain", description="", pass_label="pass",
    )  # fmt: skip
    width = float(re.search(r'viewBox="0 0 (\d+)', svg)[1])
    labels = re.findall(r'<text class="chart-label"[^>]*>([^<]*)</text>', svg)
    assert labels[-1] == "1. 보안 아키텍처 설계"
    assert " ".join(labels[:-1]) == LONG and len(labels) == 3
    # Every line fits the chart by the same estimate of glyph widths the chart draws with.
    assert all(len(line) * charts.LABEL_SIZE * 0.6 <= width for line in labels[:-1])
    assert width <= 360  # a 390 px phone shows it at about 0.88 scale: 13-unit ticks read at 11.5 px
