"""The emulator deployment's summary lines at the end of the terminal output, also when the tests run in parallel.

`make test-deploy` runs the engines side by side in pytest-xdist workers, whose own output pytest does not show.
Each test records its summary line as the user property `summary` (`record_property`), which travels with the
test's report to the controlling process, and this hook prints every line after the run.
"""

from __future__ import annotations

from typing import Any

import pytest
from emulator_summary import SUMMARY_PROPERTY


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == SUMMARY_PROPERTY
    ]
    if lines:
        terminalreporter.write_sep("-", "emulator deployment")
        for line in lines:
            terminalreporter.write_line(line)
