"""Run as a script: import every module of a Glue package zip with only what Glue 5.0 has.

Usage: python -I glue_zip_check.py <zip> (-I: no script folder, working directory or PYTHONPATH on
sys.path). Prints one line per module; exits 1 naming what failed. The zip is
the only source of first-party code on sys.path, and a meta-path finder refuses the packages Glue 5.0
lacks (it has pyspark and boto3), so an import that works only on a developer machine fails here.
"""

from __future__ import annotations

import importlib
import importlib.abc
import sys
import zipfile

NOT_ON_GLUE = (
    "psycopg",
    "psycopg2",
    "pyiceberg",
    "sqlalchemy",
    "duckdb",
    "dbt",
    "northwind_local",
    "northwind_datagen",
)


class RefuseNotOnGlue(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in NOT_ON_GLUE:
            raise ImportError(f"{fullname} is not available on AWS Glue 5.0")


def main(zip_path: str) -> int:
    # With -I nothing of the repository is on the path; the zip goes first, as Glue's --extra-py-files.
    sys.path.insert(0, zip_path)
    sys.meta_path.insert(0, RefuseNotOnGlue())
    with zipfile.ZipFile(zip_path) as z:
        modules = sorted(
            n[: -len(".py")].replace("/", ".").removesuffix(".__init__")
            for n in z.namelist()
            if n.endswith(".py")
        )
    failed = []
    for name in modules:
        try:
            module = importlib.import_module(name)
            if not module.__file__.startswith(zip_path):
                raise ImportError(f"loaded from {module.__file__}, not from the zip")
            print(f"ok {name}")
        except Exception as e:  # noqa: BLE001 - every module is reported, not only the first failure
            failed.append(name)
            print(f"FAILED {name}: {type(e).__name__}: {e}")
    return 1 if failed or not modules else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
