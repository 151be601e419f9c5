"""A small static HTML report of the marts: revenue by year and by country, drawn as SVG bar charts.

The page carries its data as JSON and draws the charts with a few lines of inline JavaScript, so it needs no
network (no CDN) and a browser test can prove the charts really render from that data.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

_TEMPLATE = Path(__file__).with_name("report_template.html")


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a label and its revenue."""

    label: str
    value: float


@dataclass(frozen=True)
class ReportData:
    """What the report shows: revenue per order year and per customer country, plus its provenance."""

    revenue_by_year: list[Bar]
    revenue_by_country: list[Bar]
    source: str


def render_report(data: ReportData) -> str:
    """Return the report page as HTML text."""
    if not data.revenue_by_year or not data.revenue_by_country:
        raise ValueError("the report needs at least one year and one country: are the marts empty?")
    payload = {
        "byYear": [{"label": b.label, "value": round(b.value, 2)} for b in data.revenue_by_year],
        "byCountry": [{"label": b.label, "value": round(b.value, 2)} for b in data.revenue_by_country],
    }
    # "</" cannot end the script element early once escaped this way.
    data_json = json.dumps(payload).replace("</", "<\\/")
    return (
        _TEMPLATE.read_text(encoding="utf-8")
        .replace("{{SOURCE}}", html.escape(data.source))
        .replace("{{DATA_JSON}}", data_json)
    )


def write_report(data: ReportData, out_dir: Path) -> Path:
    """Write index.html into out_dir and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "index.html"
    page.write_text(render_report(data), encoding="utf-8")
    return page
