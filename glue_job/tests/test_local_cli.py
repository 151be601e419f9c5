"""`python -m northwind_local`: ingest stays the default command; maintain takes validated settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from northwind_local.__main__ import main, maintenance_settings, parse_args


def test_no_command_means_ingest_with_the_old_flags():
    args = parse_args(["--state-dir", "/tmp/s", "--include", "orders"])
    assert (args.command, args.state_dir, args.include) == ("ingest", Path("/tmp/s"), "orders")
    assert parse_args([]).command == "ingest"


def test_maintain_flags_become_maintenance_settings():
    args = parse_args(
        ["maintain", "--older-than-hours", "2", "--retain-last", "3", "--orphan-age-hours", "0"]
    )
    s = maintenance_settings(args)
    assert (s.catalog, s.namespace) == ("local", "northwind_raw")
    assert (s.older_than_hours, s.retain_last, s.orphan_age_hours) == (2, 3, 0)


def test_maintain_defaults_keep_three_days_of_orphans():
    s = maintenance_settings(parse_args(["maintain"]))
    assert (s.older_than_hours, s.retain_last, s.orphan_age_hours) == (168, 10, 72)


def test_bad_maintain_setting_stops_before_spark_with_its_name(capsys):
    assert main(["maintain", "--retain-last", "0"]) == 2
    assert "retain_last must be at least 1" in capsys.readouterr().err


def test_non_integer_flag_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit):
        parse_args(["maintain", "--older-than-hours", "soon"])
    assert "--older-than-hours" in capsys.readouterr().err
