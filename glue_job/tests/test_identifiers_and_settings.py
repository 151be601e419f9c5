import pytest
from northwind_ingest.identifiers import InvalidIdentifierError, pg_quote, validate_identifier
from northwind_ingest.settings import JobSettings, SourceSettings, TargetSettings, parse_table_list


def source(**overrides):
    values = {"host": "db", "port": 5432, "database": "northwind", "schema": "public"}
    values |= {"user": "u", "password": "pw-123"}
    values.update(overrides)
    return SourceSettings(**values)


@pytest.mark.parametrize("name", ["orders", "order_details", "_x1", "a" * 63])
def test_plain_identifiers_pass(name):
    assert validate_identifier(name, "table") == name


@pytest.mark.parametrize(
    "name", ["Orders", "order details", 'x"; drop table y; --', "1abc", "", "a" * 64, "é"]
)
def test_identifiers_that_would_need_quoting_are_refused_with_the_name(name):
    with pytest.raises(InvalidIdentifierError, match="invalid identifier for table t"):
        validate_identifier(name, "table t")


def test_quoting_joins_parts():
    assert pg_quote("public", "orders") == '"public"."orders"'


def test_password_is_not_in_the_settings_repr():
    assert "pw-123" not in repr(source())
    assert "pw-123" not in repr(JobSettings(source(), TargetSettings("local", "raw")))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"port": 0}, "port out of range"),
        ({"schema": "Public;"}, "source schema"),
        ({"database": "nw?ssl=false"}, "invalid source database"),
        ({"host": ""}, "host is empty"),
    ],
)
def test_bad_source_settings_are_refused(overrides, message):
    with pytest.raises(ValueError, match=message):
        source(**overrides)


def test_table_lists_are_parsed_and_validated():
    assert parse_table_list(" orders, customers ,,") == ("orders", "customers")
    assert parse_table_list(None) == ()
    with pytest.raises(InvalidIdentifierError, match="include/exclude"):
        parse_table_list("orders,Bad-Name")


def test_retention_must_keep_a_snapshot():
    with pytest.raises(ValueError, match="connect_retry_seconds"):
        JobSettings(source(), TargetSettings("local", "raw"), connect_retry_seconds=-1)
