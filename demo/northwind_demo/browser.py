"""Headless Chromium (Debian's package) for rendering the report: DOM dumps and screenshots."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# Without the background-networking flags Chromium keeps dialling out, and this machine's closed network
# refuses each attempt; none of them matter for a local file.
_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """The Chromium binary, or a clear error saying how to install it."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("chromium is not installed: run `make setup` (it installs Debian's chromium package)")


def _run(page: Path, extra: list[str]) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        result = subprocess.run(
            [chromium_path(), *_FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"chromium failed on {page} (exit {result.returncode}): {result.stderr[-2000:]}")
    return result


def dump_dom(page: Path) -> str:
    """The page's DOM after its scripts ran."""
    return _run(page, ["--dump-dom"]).stdout


def load_page(page: Path) -> tuple[str, list[str]]:
    """The page's DOM after its scripts ran, and what it wrote to the browser console on the way (script
    errors, failed loads): Chromium's own log on stderr, its `CONSOLE(line)` entries."""
    result = _run(page, ["--dump-dom", "--enable-logging=stderr", "--log-level=0", "--v=0"])
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    return result.stdout, console


def screenshot(page: Path, png: Path, size: str = "900,1400") -> Path:
    """Save a PNG screenshot of the page."""
    _run(page, [f"--screenshot={png.resolve()}", f"--window-size={size}"])
    if not png.exists():
        raise RuntimeError(f"chromium wrote no screenshot to {png}")
    return png
