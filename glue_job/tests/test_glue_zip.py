"""The zip the CDKTF asset ships to Glue imports with only what Glue 5.0 has (pyspark, boto3).

The zip is built by the TypeScript that builds the real asset (constructs/aws/python-package-asset.ts,
packageZip), so the file selection cannot drift from what is deployed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "glue_job" / "northwind_ingest"
CHECK = Path(__file__).with_name("glue_zip_check.py")
TS_NODE = REPO / "node_modules" / ".bin" / "ts-node"


def build_zip(package_dir: Path, out: Path) -> Path:
    if not TS_NODE.exists():
        pytest.fail(f"{TS_NODE} missing: run `make setup` (npm install) first")
    script = (
        "require('fs').writeFileSync(process.argv[1], "
        "require('./constructs/aws/python-package-asset').packageZip(process.argv[2]))"
    )
    subprocess.run(
        [
            str(TS_NODE),
            "--transpile-only",
            "-O",
            '{"incremental":false}',
            "-e",
            script,
            str(out),
            str(package_dir),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return out


def check_zip(zip_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-I", str(CHECK), str(zip_path)],
        check=False,  # the exit code is what the tests assert on
        cwd=zip_path.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_module_of_the_glue_zip_imports_without_local_only_packages(tmp_path):
    zip_path = build_zip(PACKAGE, tmp_path / "northwind_ingest.zip")
    names = zipfile.ZipFile(zip_path).namelist()
    assert "northwind_ingest/maintenance.py" in names and "northwind_ingest/glue_args.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or "/tests/" in n]

    done = check_zip(zip_path)

    assert done.returncode == 0, done.stdout + done.stderr
    expected = {n[:-3].replace("/", ".").removesuffix(".__init__") for n in names if n.endswith(".py")}
    assert {line.split()[1] for line in done.stdout.splitlines() if line.startswith("ok ")} == expected


@pytest.mark.parametrize("forbidden", ["psycopg", "pyiceberg.catalog.sql", "northwind_local.runtime"])
def test_a_module_importing_a_local_only_package_fails_the_check(tmp_path, forbidden):
    package = tmp_path / "northwind_ingest"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "sneaky.py").write_text(f"import {forbidden}\n")
    zip_path = build_zip(package, tmp_path / "northwind_ingest.zip")

    done = check_zip(zip_path)

    assert done.returncode == 1
    top = forbidden.split(".")[0]
    assert f"FAILED northwind_ingest.sneaky: ImportError: {top}" in done.stdout
    assert "ok northwind_ingest.job" in done.stdout
