"""Each satellite's attribute list is declared once (macros/vault/satellite_payload.sql) and both its staging
model's hashdiff and its payload use it: no model may spell out a list of its own."""

from __future__ import annotations

import re
from pathlib import Path

MODELS = Path(__file__).resolve().parents[1] / "vault" / "models"
DECLARATIONS = Path(__file__).resolve().parents[1] / "vault" / "macros" / "vault" / "satellite_payload.sql"


def declared() -> set[str]:
    return set(re.findall(r"^    '(sat_\w+)': \[", DECLARATIONS.read_text(), flags=re.MULTILINE))


def test_every_satellite_takes_its_payload_from_its_own_declaration() -> None:
    satellites = {
        path.stem: path.read_text() for path in (MODELS / "raw_vault" / "satellites").glob("sat_*.sql")
    }
    assert satellites and set(satellites) == declared()
    for name, sql in satellites.items():
        assert f"payload=northwind_vault.satellite_payload('{name}')" in sql, name


def test_every_hashdiff_is_computed_from_a_declaration() -> None:
    calls = [
        (path.name, argument)
        for path in MODELS.rglob("*.sql")
        for argument in re.findall(r"hashdiff\((.*?)\) \}\}", path.read_text())
    ]
    used = {re.fullmatch(r"northwind_vault\.satellite_payload\('(\w+)'\)", arg) for _, arg in calls}
    assert None not in used, [call for call in calls if "satellite_payload" not in call[1]]
    assert {match.group(1) for match in used} == declared()
    assert len(calls) == len(declared())  # one hashdiff per satellite, computed once
