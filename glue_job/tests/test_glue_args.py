import pytest
from northwind_ingest.credentials import Credentials
from northwind_ingest.glue_args import (
    glue_catalog_conf,
    job_mode,
    maintenance_settings_from_args,
    present_optional_args,
    required_args,
    settings_from_args,
)

ARGS = {
    "SECRET_ID": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-abc",
    "SOURCE_HOST": "aurora.cluster-xyz.eu-west-1.rds.amazonaws.com",
    "SOURCE_PORT": "5432",
    "SOURCE_DATABASE": "northwind",
    "SOURCE_SCHEMA": "public",
    "CATALOG_DATABASE": "northwind_raw_dev",
    "WAREHOUSE": "s3://lake-dev/raw/",
}
CREDS = Credentials("app", "s3cr3t")


def test_required_arguments_build_settings_for_the_glue_catalog():
    s = settings_from_args(ARGS, CREDS)
    assert (
        s.source.jdbc_url
        == "jdbc:postgresql://aurora.cluster-xyz.eu-west-1.rds.amazonaws.com:5432/northwind?sslmode=require"
    )
    assert (s.source.user, s.source.password) == ("app", "s3cr3t")
    assert (s.target.catalog, s.target.namespace) == ("glue_catalog", "northwind_raw_dev")
    assert s.include == () and s.connect_retry_seconds == 60 and s.parallel_tables == 4


def test_optional_arguments_are_applied():
    s = settings_from_args(
        {
            **ARGS,
            "INCLUDE_TABLES": "orders,order_details",
            "CONNECT_RETRY_SECONDS": "5",
            "EXCLUDE_TABLES": "",
        },
        CREDS,
    )
    assert s.include == ("orders", "order_details") and s.connect_retry_seconds == 5


def test_only_optional_arguments_present_on_the_command_line_are_resolved():
    argv = ["glue_entry.py", "--JOB_NAME", "j", "--CONNECT_RETRY_SECONDS", "5", "--SOURCE_HOST", "h"]
    assert present_optional_args(argv) == ["CONNECT_RETRY_SECONDS"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SOURCE_HOST": ""}, "missing job argument.*--SOURCE_HOST"),
        ({"SOURCE_PORT": "abc"}, "--SOURCE_PORT must be an integer"),
        ({"WAREHOUSE": "/tmp/x"}, "--WAREHOUSE must be an s3:// URI"),
        ({"CATALOG_DATABASE": "Raw-Dev"}, "catalog database"),
        ({"CONNECT_RETRY_SECONDS": "-1"}, "connect_retry_seconds"),
        ({"SOURCE_SSLMODE": "sometimes"}, "invalid sslmode"),
    ],
)
def test_bad_arguments_are_refused_with_the_argument_named(change, message):
    with pytest.raises(ValueError, match=message):
        settings_from_args({**ARGS, **change}, CREDS)


def test_glue_catalog_is_iceberg_on_the_glue_data_catalog():
    conf = glue_catalog_conf("s3://lake-dev/raw/")
    assert conf["spark.sql.catalog.glue_catalog.catalog-impl"] == "org.apache.iceberg.aws.glue.GlueCatalog"
    assert conf["spark.sql.catalog.glue_catalog.warehouse"] == "s3://lake-dev/raw/"


def test_root_certificate_turns_on_full_verification():
    s = settings_from_args({**ARGS, "SOURCE_SSLROOTCERT": "rds-ca-bundle.pem"}, CREDS)
    assert (s.source.sslmode, s.source.sslrootcert) == ("verify-full", "rds-ca-bundle.pem")
    assert s.source.jdbc_url.endswith("/northwind?sslmode=verify-full&sslrootcert=rds-ca-bundle.pem")


def test_explicit_sslmode_wins_over_the_root_certificate_default():
    args = {**ARGS, "SOURCE_SSLMODE": "verify-ca", "SOURCE_SSLROOTCERT": "rds-ca-bundle.pem"}
    assert settings_from_args(args, CREDS).source.sslmode == "verify-ca"


def test_without_root_certificate_tls_stays_required_and_no_cert_in_url():
    s = settings_from_args(ARGS, CREDS).source
    assert (s.sslmode, s.sslrootcert) == ("require", None) and "sslrootcert" not in s.jdbc_url


@pytest.mark.parametrize("bad", ["ca.pem&sslmode=disable", "my ca.pem", "ca.pem?x", 'ca"pem', "a;b"])
def test_root_certificate_that_would_break_the_jdbc_url_is_refused(bad):
    with pytest.raises(ValueError, match="invalid sslrootcert"):
        settings_from_args({**ARGS, "SOURCE_SSLROOTCERT": bad}, CREDS)


def test_root_certificate_with_tls_disabled_is_refused():
    with pytest.raises(ValueError, match="sslmode is 'disable'"):
        settings_from_args({**ARGS, "SOURCE_SSLROOTCERT": "ca.pem", "SOURCE_SSLMODE": "disable"}, CREDS)


@pytest.mark.parametrize(
    ("argv", "mode"),
    [
        (["glue_entry.py", "--JOB_NAME", "j"], "ingest"),
        (["glue_entry.py", "--JOB_MODE", "maintain", "--JOB_NAME", "j"], "maintain"),
        (["glue_entry.py", "--JOB_NAME", "j", "--JOB_MODE", "ingest"], "ingest"),
    ],
)
def test_job_mode_defaults_to_ingest(argv, mode):
    assert job_mode(argv) == mode


@pytest.mark.parametrize("argv", [["x", "--JOB_MODE", "compact"], ["x", "--JOB_MODE"]])
def test_unknown_or_missing_job_mode_is_refused(argv):
    with pytest.raises(ValueError, match="--JOB_MODE must be one of ingest, maintain"):
        job_mode(argv)


def test_maintain_mode_needs_no_source_or_secret():
    assert required_args("maintain") == ("CATALOG_DATABASE", "WAREHOUSE")
    assert "SECRET_ID" in required_args("ingest")
    argv = ["x", "--JOB_MODE", "maintain", "--MAINTAIN_RETAIN_LAST", "3"]
    assert present_optional_args(argv) == ["JOB_MODE", "MAINTAIN_RETAIN_LAST"]


def test_maintenance_arguments_build_settings_for_the_glue_catalog():
    m = maintenance_settings_from_args(
        {
            "CATALOG_DATABASE": "northwind_raw_dev",
            "WAREHOUSE": "s3://lake-dev/raw/",
            "MAINTAIN_OLDER_THAN_HOURS": "48",
            "MAINTAIN_RETAIN_LAST": "5",
            "MAINTAIN_ORPHAN_AGE_HOURS": "96",
        }
    )
    assert (m.catalog, m.namespace) == ("glue_catalog", "northwind_raw_dev")
    assert (m.older_than_hours, m.retain_last, m.orphan_age_hours) == (48, 5, 96)


def test_maintenance_defaults_keep_a_week_of_snapshots_and_three_days_of_orphans():
    m = maintenance_settings_from_args({"CATALOG_DATABASE": "raw", "WAREHOUSE": "s3://b/"})
    assert (m.older_than_hours, m.retain_last, m.orphan_age_hours) == (168, 10, 72)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"WAREHOUSE": ""}, "missing job argument.*--WAREHOUSE"),
        ({"WAREHOUSE": "/tmp/w"}, "--WAREHOUSE must be an s3:// URI"),
        ({"MAINTAIN_RETAIN_LAST": "0"}, "--MAINTAIN_RETAIN_LAST must be at least 1"),
        ({"MAINTAIN_OLDER_THAN_HOURS": "-1"}, "--MAINTAIN_OLDER_THAN_HOURS must be >= 0"),
        ({"MAINTAIN_OLDER_THAN_HOURS": "a week"}, "--MAINTAIN_OLDER_THAN_HOURS must be an integer"),
        ({"MAINTAIN_ORPHAN_AGE_HOURS": "1"}, "--MAINTAIN_ORPHAN_AGE_HOURS must be at least 24"),
    ],
)
def test_bad_maintenance_arguments_are_refused_with_the_argument_named(change, message):
    base = {"CATALOG_DATABASE": "raw", "WAREHOUSE": "s3://b/"}
    with pytest.raises(ValueError, match=message):
        maintenance_settings_from_args({**base, **change})
