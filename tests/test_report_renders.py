"""The demo's HTML report renders its charts in a real browser (headless Chromium)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from northwind_demo.browser import dump_dom, screenshot
from northwind_demo.report import Bar, ReportData, render_report, write_report


class _ChartRows(HTMLParser):
    """Collects (chart id, label, value) for every drawn bar row."""

    def __init__(self) -> None:
        super().__init__()
        self.chart: str | None = None
        self.rows: list[tuple[str, str, float]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "svg":
            self.chart = attributes.get("id")
        elif tag == "g" and attributes.get("class") == "row" and self.chart:
            self.rows.append(
                (self.chart, attributes["data-label"] or "", float(attributes["data-value"] or 0))
            )


def _sample() -> ReportData:
    return ReportData(
        revenue_by_year=[Bar("1996", 208083.97), Bar("1997", 617085.2), Bar("1998", 440623.87)],
        revenue_by_country=[
            Bar("USA", 245584.61),
            Bar("Germany", 230284.63),
            Bar("Austria</script>", 128003.84),
        ],
        source="test data",
    )


def test_report_charts_render_one_bar_per_row_in_chromium(tmp_path):
    page = write_report(_sample(), tmp_path)

    parser = _ChartRows()
    parser.feed(dump_dom(page))

    by_chart: dict[str, list[tuple[str, float]]] = {}
    for chart, label, value in parser.rows:
        by_chart.setdefault(chart, []).append((label, value))
    assert by_chart["chart-by-year"] == [("1996", 208083.97), ("1997", 617085.2), ("1998", 440623.87)]
    # The label with "</script>" in it must not break the page: the escaping kept it as data.
    assert [label for label, _ in by_chart["chart-by-country"]] == ["USA", "Germany", "Austria</script>"]


def test_report_screenshot_is_a_png(tmp_path):
    page = write_report(_sample(), tmp_path)
    png = screenshot(page, tmp_path / "report.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 5_000  # a blank page compresses far below this


def test_report_refuses_empty_marts():
    with pytest.raises(ValueError, match="marts empty"):
        render_report(ReportData(revenue_by_year=[], revenue_by_country=[Bar("USA", 1.0)], source="x"))
