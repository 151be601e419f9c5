"""Puts a real run's output into the README, between markers, so its sample output is never typed by hand.

Reads the captures scripts/docs/capture.sh leaves (.local/docs/make-demo.txt, .local/docs/make-test.txt) and
replaces what stands between `<!-- sample:make-demo -->` and `<!-- /sample:make-demo -->` (likewise make-test).
A capture that is missing leaves its block as it is; one whose run failed is refused. `make docs` runs this.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
CAPTURES = ROOT / ".local" / "docs"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Long lists in the demo summary keep this many lines, then "...".
LIST_LINES = 2
# The lines of a `make test` run that say what ran and what passed; the rest is per-test detail.
# pytest's own summary is `=== ... ===` framed, test-deploy's (-q) is a bare "N passed in ..." line; the side-by-side
# runner ends with both exit statuses.
TEST_SUMMARY = re.compile(
    r"^(Test Suites:|Tests:|Passed checks:|Failed checks:|checkov|emulator deploy|cdktf deploy"
    r"|=+ .*(passed|failed).* =+$|\d+ (passed|failed)\b.* in [\d.]+s|== make test-python: exit|== pytest: exit)"
)


def _clean(text: str) -> tuple[str, list[str]]:
    """The capture's header line and its output lines without colour codes; refuses a failed run."""
    # Paths inside the checkout read as relative ones: the sample is the same whoever captured it.
    lines = [ANSI.sub("", line).rstrip().replace(f"{ROOT}/", "") for line in text.splitlines()]
    header, body, footer = lines[0], lines[1:-1], lines[-1]
    if footer != "exit status: 0":
        raise SystemExit(f"the capture ({header}) did not pass ({footer}): run it again")
    return header, body


def demo_sample(body: list[str]) -> list[str]:
    """From the demo's banner on, with each ranked list cut to its first lines."""
    start = next((i for i, line in enumerate(body) if line.startswith("Northwind Data Vault Platform")), 0)
    out: list[str] = []
    in_list = 0
    for line in body[start:]:
        if line.startswith("Top "):
            in_list = 1
            out.append(line)
            continue
        if in_list:
            if not line.strip():
                in_list = 0
            elif in_list > LIST_LINES:
                if in_list == LIST_LINES + 1:
                    out.append("  ...")
                in_list += 1
                continue
            else:
                in_list += 1
        out.append(line)
    return out


def test_sample(body: list[str]) -> list[str]:
    """The summary line of each test runner."""
    picked = [line.strip() for line in body if TEST_SUMMARY.match(line.strip())]
    if not picked:
        raise SystemExit("the make test capture holds no runner summary line")
    return picked


SAMPLES: dict[str, Callable[[list[str]], list[str]]] = {"make-demo": demo_sample, "make-test": test_sample}


def insert(readme: str, name: str, header: str, lines: list[str]) -> str:
    begin, end = f"<!-- sample:{name} -->", f"<!-- /sample:{name} -->"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(readme):
        raise SystemExit(f"README.md has no {begin} ... {end} block")
    block = "\n".join([begin, f"<!-- {header} -->", "```text", *lines, "```", end])
    return pattern.sub(lambda _: block, readme, count=1)


def main() -> int:
    readme = README.read_text(encoding="utf-8")
    updated = readme
    for name, sample in SAMPLES.items():
        capture = CAPTURES / f"{name}.txt"
        if not capture.exists():
            print(f"no {capture.relative_to(ROOT)}: the README keeps its {name} sample")
            continue
        header, body = _clean(capture.read_text(encoding="utf-8"))
        updated = insert(updated, name, header, sample(body))
    if updated != readme:
        README.write_text(updated, encoding="utf-8")
        print("wrote README.md samples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
