import json

import boto3
import pytest
from moto import mock_aws
from northwind_ingest.credentials import SecretError, fetch_credentials


@pytest.fixture
def secrets_client(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        yield boto3.client("secretsmanager", region_name="eu-west-1")


def test_username_and_password_come_from_the_rds_managed_secret(secrets_client):
    arn = secrets_client.create_secret(
        Name="rds!cluster-1", SecretString=json.dumps({"username": "northwind_admin", "password": "p@ss"})
    )["ARN"]
    creds = fetch_credentials(arn, secrets_client)
    assert (creds.username, creds.password) == ("northwind_admin", "p@ss")
    assert "p@ss" not in repr(creds)


def test_missing_secret_is_named(secrets_client):
    with pytest.raises(SecretError, match="cannot read secret no-such-secret"):
        fetch_credentials("no-such-secret", secrets_client)


def test_secret_without_password_is_refused_without_echoing_it(secrets_client):
    secrets_client.create_secret(Name="s", SecretString=json.dumps({"username": "u", "pw": "hunter2"}))
    with pytest.raises(SecretError, match="lacks password") as err:
        fetch_credentials("s", secrets_client)
    assert "hunter2" not in str(err.value)


def test_non_json_secret_is_refused(secrets_client):
    secrets_client.create_secret(Name="plain", SecretString="user:pass")
    with pytest.raises(SecretError, match="is not JSON"):
        fetch_credentials("plain", secrets_client)
