"""The package runs without AWS Glue: only the entry script may import awsglue."""

import ast
from pathlib import Path

GLUE_JOB = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_package_never_imports_awsglue():
    offenders = [
        p.name for p in (GLUE_JOB / "northwind_ingest").glob("*.py") if "awsglue" in imported_modules(p)
    ]
    assert offenders == []


def test_entry_script_uses_awsglue_and_the_package():
    modules = imported_modules(GLUE_JOB / "glue_entry.py")
    assert {"awsglue", "northwind_ingest", "boto3"} <= modules
