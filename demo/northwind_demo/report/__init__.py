"""The run report a platform team opens after `make demo` / `make demo-change` (docs/run-report.md).

One module per purpose: `formats` (how figures are written), `identity`, `steps`, `dbt_results`, `batches`,
`growth`, `layers`, `freshness`, `reconciliation` (each reads one fact of a run), `history` (the JSON file that
makes runs read as a history), `charts` (matplotlib -> SVG files), `page` (the HTML), `__main__` (the command).
"""
