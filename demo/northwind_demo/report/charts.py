"""The report's charts, drawn by matplotlib into static SVG files beside the page (no CDN, no script).

Figures printed on a chart come from `formats` (money from Decimal); matplotlib gets floats only for the
length of a bar, which is geometry, never a figure anyone reads. SVG text stays text (`svg.fonttype: none`),
so the browser renders it in the page's font and a test can read the labels out of the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display here; before anything imports pyplot
from matplotlib.figure import Figure

from northwind_demo.report import formats
from northwind_demo.report.revenue import Amount
from northwind_demo.report.steps import Step

_STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "northwind-report",  # the same ids on every run, so files diff cleanly
    "font.size": 9,
    "font.family": "sans-serif",
}
_BAR = "#3b6ea5"
_KIND_COLOURS = {
    "hub": "#3b6ea5",
    "link": "#e0a030",
    "satellite": "#4c9a6a",
    "effectivity satellite": "#9c6ab0",
    "status satellite": "#b0505a",
}


def _save(figure: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg", bbox_inches="tight", metadata={"Date": None})
    return path


def _horizontal_bars(
    path: Path, title: str, labels: Sequence[str], lengths: Sequence[float], texts: Sequence[str], unit: str
) -> Path:
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(7.5, 0.6 + 0.28 * max(len(labels), 1)))
        axes = figure.add_subplot()
        positions = range(len(labels))
        axes.barh(positions, lengths, color=_BAR, height=0.7)
        axes.set_yticks(list(positions), labels=list(labels))
        axes.invert_yaxis()  # first item on top, as in a table
        # The figure itself is the label at the end of each bar; value ticks would be floats, so none.
        axes.set_xticks([])
        axes.set_xlabel(unit)
        longest = max(lengths, default=0) or 1
        axes.set_xlim(0, longest * 1.32)
        for position, length, text in zip(positions, lengths, texts, strict=True):
            axes.text(length + longest * 0.01, position, text, va="center", fontsize=8)
        axes.set_title(title, loc="left")
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        return _save(figure, path)


def revenue_chart(path: Path, title: str, amounts: Sequence[Amount]) -> Path:
    return _horizontal_bars(
        path,
        title,
        [a.label for a in amounts],
        [float(a.revenue) for a in amounts],  # bar length only
        [formats.money(a.revenue) for a in amounts],
        f"revenue ({formats.CURRENCY})",
    )


def steps_chart(path: Path, steps: Sequence[Step]) -> Path:
    return _horizontal_bars(
        path,
        "Step timings of this run",
        [f"[{s.number}] {s.title}" for s in steps],
        [float(s.seconds) for s in steps],
        [formats.seconds(s.seconds) for s in steps],
        "elapsed time",
    )


def growth_chart(path: Path, batch_labels: Sequence[str], rows_by_kind: dict[str, Sequence[int]]) -> Path:
    """Stacked bars: per batch, the rows it added to the raw vault, by kind of table."""
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(7.5, 0.9 + 0.4 * max(len(batch_labels), 1)))
        axes = figure.add_subplot()
        positions = list(range(len(batch_labels)))
        left = [0] * len(batch_labels)
        for kind, rows in rows_by_kind.items():
            axes.barh(
                positions, rows, left=left, color=_KIND_COLOURS.get(kind, "#888888"), label=kind, height=0.6
            )
            left = [a + b for a, b in zip(left, rows, strict=True)]
        axes.set_yticks(positions, labels=list(batch_labels))
        axes.invert_yaxis()
        axes.set_xticks([])
        axes.set_xlabel("rows added to the raw vault")
        longest = max(left, default=0) or 1
        axes.set_xlim(0, longest * 1.25)
        for position, total in zip(positions, left, strict=True):
            axes.text(total + longest * 0.01, position, formats.count(total), va="center", fontsize=8)
        # Below the bars, so it never covers a bar or its total.
        axes.legend(loc="upper left", bbox_to_anchor=(0, -0.12), ncol=5, fontsize=7, frameon=False)
        axes.set_title("Vault growth per batch", loc="left")
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        return _save(figure, path)
