import pytest
from northwind_ingest.credentials import Credentials
from northwind_ingest.glue_args import glue_catalog_conf, present_optional_args, settings_from_args

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
    assert s.include == () and s.retain_snapshots == 10 and s.parallel_tables == 4


def test_optional_arguments_are_applied():
    s = settings_from_args(
        {**ARGS, "INCLUDE_TABLES": "orders,order_details", "RETAIN_SNAPSHOTS": "3", "EXCLUDE_TABLES": ""},
        CREDS,
    )
    assert s.include == ("orders", "order_details") and s.retain_snapshots == 3


def test_only_optional_arguments_present_on_the_command_line_are_resolved():
    argv = ["glue_entry.py", "--JOB_NAME", "j", "--RETAIN_SNAPSHOTS", "5", "--SOURCE_HOST", "h"]
    assert present_optional_args(argv) == ["RETAIN_SNAPSHOTS"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SOURCE_HOST": ""}, "missing job argument.*--SOURCE_HOST"),
        ({"SOURCE_PORT": "abc"}, "--SOURCE_PORT must be an integer"),
        ({"WAREHOUSE": "/tmp/x"}, "--WAREHOUSE must be an s3:// URI"),
        ({"CATALOG_DATABASE": "Raw-Dev"}, "catalog database"),
        ({"RETAIN_SNAPSHOTS": "0"}, "retain_snapshots"),
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
