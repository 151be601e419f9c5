"""The emulator deployment's test order and summary lines, for its tests running in parallel (pytest-xdist).

Longest first: xdist's `load` scheduling hands the collected tests to its workers in turn, so with as many
workers as long tests (`make test-deploy`: -n 4), each long test starts at once on a worker of its own, and the
short ones queue behind them. In file order the migration test would wait behind an engine run.

`make test-deploy` runs the engines side by side in pytest-xdist workers, whose own output pytest does not show.
Each test records its summary line as the user property `summary` (`record_property`), which travels with the
test's report to the controlling process, and this hook prints every line after the run.
"""

from __future__ import annotations

from typing import Any

import pytest
from emulator_summary import SUMMARY_PROPERTY

# Test names (node ids without the file) by how long they take, longest first; others keep their order after them.
LONGEST_FIRST = (
    "test_stacks_apply_replan_clean_and_destroy_without_leftovers[tofu]",  # also runs the deployed Glue job
    "test_stacks_apply_replan_clean_and_destroy_without_leftovers[terraform]",
    "test_cdktf_deploy_diff_destroy_with_tofu",
    "test_unencrypted_state_is_encrypted_after_one_apply_with_the_fallback",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: position for position, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.name, len(LONGEST_FIRST)))


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
