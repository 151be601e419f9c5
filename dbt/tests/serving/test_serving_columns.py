"""The Snowflake serving layer serves every column the vault's marts have: the serving models' columns
(dbt/serving/models/marts/marts.yml, which the views select) equal the vault marts' documented columns, in
order. tests/trino/test_cross_engine.py checks that the documented columns are the built ones, on both
engines, so the three cannot drift apart."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[3]
VAULT_MARTS = REPO / "dbt" / "vault" / "models" / "marts" / "_marts.yml"
SERVING_MARTS = REPO / "dbt" / "serving" / "models" / "marts" / "marts.yml"


def documented_columns(path: Path) -> dict[str, list[str]]:
    models = yaml.safe_load(path.read_text(encoding="utf-8"))["models"]
    return {model["name"]: [column["name"] for column in model.get("columns", [])] for model in models}


def test_every_vault_mart_is_served() -> None:
    assert set(documented_columns(SERVING_MARTS)) == set(documented_columns(VAULT_MARTS))


def test_serving_models_serve_every_mart_column() -> None:
    vault, serving = documented_columns(VAULT_MARTS), documented_columns(SERVING_MARTS)
    for mart, columns in vault.items():
        assert columns, f"{mart} documents no columns in {VAULT_MARTS.name}"
        assert serving[mart] == columns, f"{mart}: served {serving[mart]}, the vault builds {columns}"


def test_every_served_column_has_a_snowflake_type() -> None:
    models = yaml.safe_load(SERVING_MARTS.read_text(encoding="utf-8"))["models"]
    untyped = [(m["name"], c["name"]) for m in models for c in m["columns"] if not c.get("data_type")]
    assert not untyped
