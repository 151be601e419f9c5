"""The test-only awsglue shim parses job arguments the way Glue's getResolvedOptions does (no Spark needed)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

# Loaded from its file, not put on sys.path: no other test may find an `awsglue` to import.
_SPEC = importlib.util.spec_from_file_location(
    "glue_shim_utils", Path(__file__).with_name("glue_shim") / "awsglue" / "utils.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_UTILS = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_UTILS)
getResolvedOptions = _UTILS.getResolvedOptions

ARGV = ["glue_entry.py", "--JOB_NAME", "job", "--JOB_RUN_ID", "jr_1", "--extra-py-files", "s3://b/p.zip"]


def test_asked_for_options_resolve_and_glue_arguments_not_asked_for_are_ignored() -> None:
    args = getResolvedOptions([*ARGV, "--SECRET_ID", "arn:secret"], ["JOB_NAME", "SECRET_ID"])
    assert args["SECRET_ID"] == "arn:secret"
    assert args["JOB_NAME"] == "job"
    assert "extra-py-files" not in args and "extra_py_files" not in args


def test_a_missing_asked_for_option_stops_the_script_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        getResolvedOptions(ARGV, ["JOB_NAME", "SECRET_ID"])
    assert exit_info.value.code == 2
    assert "the following arguments are required: --SECRET_ID" in capsys.readouterr().err


def test_glue_reserved_names_cannot_be_asked_for() -> None:
    with pytest.raises(RuntimeError, match="reserved arguments JOB_RUN_ID"):
        getResolvedOptions(ARGV, ["JOB_RUN_ID"])
