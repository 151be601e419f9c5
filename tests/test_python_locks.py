"""`make demo` installs requirements-demo.lock, a generated part of requirements.lock: it must be current, pin
exactly what the full lock pins, and hold every package the demo's code imports (a missing one would only show
on a newcomer's fresh machine, since `make test` installs the full lock)."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
# What `make demo` runs: the ingestion (local and Glue package), the generator, the demo and report, dbt's plugin.
DEMO_CODE = [
    "glue_job/northwind_ingest",
    "glue_job/northwind_local",
    "datagen/northwind_datagen",
    "demo/northwind_demo",
    "dbt/vault/plugins",
]
# Imported only on a path the DuckDB demo never takes; `scripts/setup.sh trino` installs the full lock.
NOT_ON_THE_DEMO_PATH = {"trino": "demo/northwind_demo/trino_vault.py, for NORTHWIND_ENGINE=trino"}
OWN_PACKAGES = {"northwind_ingest", "northwind_local", "northwind_datagen", "northwind_demo"}


def _pins(lock: str) -> dict[str, str]:
    lines = (ROOT / lock).read_text().splitlines()
    pairs = (line.split("==", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {canonicalize_name(name): version for name, version in pairs}


def _imported_top_level_modules() -> dict[str, str]:
    """Top-level module -> a file importing it, over the demo's code (function-level imports included)."""
    found: dict[str, str] = {}
    for folder in DEMO_CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_the_demo_lock_is_current():
    done = subprocess.run(
        [sys.executable, "scripts/python_locks.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_demo_lock_pins_what_the_full_lock_pins_and_leaves_out_the_test_tools():
    demo, full = _pins("requirements-demo.lock"), _pins("requirements.lock")
    differing = {
        name: (version, full.get(name)) for name, version in demo.items() if full.get(name) != version
    }
    assert not differing, f"requirements-demo.lock disagrees with requirements.lock: {differing}"
    for test_only in ("pytest", "moto", "dbt-trino", "dbt-athena", "dbt-snowflake", "ruff", "sqlglot"):
        assert test_only not in demo, f"{test_only} is in the demo's lock"


def test_every_package_the_demo_imports_is_in_the_demo_lock():
    demo = _pins("requirements-demo.lock")
    providers = metadata.packages_distributions()
    missing = []
    for module, where in sorted(_imported_top_level_modules().items()):
        if module in OWN_PACKAGES or module in NOT_ON_THE_DEMO_PATH or module in sys.stdlib_module_names:
            continue
        distributions = {canonicalize_name(d) for d in providers.get(module, [])}
        assert distributions, f"{where} imports {module}, which no installed distribution provides"
        if not distributions & set(demo):
            missing.append(f"{module} ({where}; from {', '.join(sorted(distributions))})")
    assert not missing, "the demo imports packages requirements-demo.lock lacks: " + "; ".join(missing)
