"""Which raw tables got data since the vault was last built: the dbt selection of an incremental run.

The batch manifest says per committed batch and table how many rows the batch wrote (`inserted`, `updated`,
`deleted`). A table whose batches since the last build wrote nothing (mode `unchanged`) has nothing for its
staging and vault models to do, so the pipeline runs only `source:northwind_raw.<table>+` of the tables that
did change. The last built batch is remembered in a small state file, written only after `dbt build` passed
(a failed build selects the same tables again next time).

    python -m northwind_local.changed_tables select --built <file>   # the dbt selectors; exit 3: nothing changed
    python -m northwind_local.changed_tables mark --built <file>     # after dbt build passed: remember the batch

`select` also notes the newest committed batch it saw (`<file>.next`): the build starts after it and sees at
least that batch; `mark` makes it the last built one. A batch committed during the build is not marked, so it
is selected next time (dbt may have read it already: its models then find nothing newer and do nothing).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from northwind_local.runtime import DEFAULT_STATE_DIR, LOCAL_CATALOG, RAW_NAMESPACE

SOURCE = "northwind_raw"


@dataclass(frozen=True)
class ManifestRow:
    batch_id: str
    table_name: str
    changed_rows: int


def manifest_rows(state_dir: Path, catalog: str) -> list[ManifestRow]:
    from northwind_local.catalog import load_local_catalog

    table = load_local_catalog(state_dir, name=catalog).load_table(f"{RAW_NAMESPACE}.batch_manifest")
    arrow = table.scan(
        selected_fields=("batch_id", "table_name", "inserted", "updated", "deleted")
    ).to_arrow()
    return [
        ManifestRow(
            row["batch_id"],
            row["table_name"],
            (row["inserted"] or 0) + (row["updated"] or 0) + (row["deleted"] or 0),
        )
        for row in arrow.to_pylist()
    ]


def changed_since(rows: list[ManifestRow], built_batch: str | None) -> list[str]:
    """Tables with rows in a committed batch after `built_batch` (batch ids sort in time); None: every table."""
    return sorted(
        {
            row.table_name
            for row in rows
            if (built_batch is None or row.batch_id > built_batch) and row.changed_rows
        }
    )


def selectors(tables: list[str]) -> list[str]:
    return [f"source:{SOURCE}.{table}+" for table in tables]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=("select", "mark"))
    parser.add_argument("--built", type=Path, required=True, help="file holding the last built batch id")
    parser.add_argument("--state-dir", type=Path, default=DEFAULT_STATE_DIR)
    parser.add_argument("--catalog", default=LOCAL_CATALOG)
    args = parser.parse_args(argv)
    pending = args.built.with_name(args.built.name + ".next")
    if args.action == "mark":
        pending.replace(args.built)
        return 0
    rows = manifest_rows(args.state_dir, args.catalog)
    pending.write_text(max(row.batch_id for row in rows) + "\n")
    built = args.built.read_text().strip() if args.built.is_file() else None
    if built is None:
        print("fqn:*")  # no build recorded yet: everything
        return 0
    tables = changed_since(rows, built)
    if not tables:
        return 3
    print(" ".join(selectors(tables)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
