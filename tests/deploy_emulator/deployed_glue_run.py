"""After `apply`: the Glue job as the stack deployed it runs against the emulated account (docs/glue-job-on-emulator.md).

1. The job and its maintenance twin are read back with GetJob; their script, package zip and CA bundle are
   downloaded from the emulator's S3 and run as Glue 5.0 runs them (deployed_glue_job.py).
2. The RDS-managed secret the job's --SECRET_ID names gets the source's credentials, as RDS puts them there.
3. The source is a private PostgreSQL serving TLS with a certificate for the Aurora endpoint's name, from a CA
   made now; that CA takes the place of the RDS bundle in S3. --SOURCE_SSLMODE stays verify-full.
4. Two batches (the second after a 1% change set) land through Iceberg's GlueCatalog and S3FileIO, are read
   back through pyiceberg's Glue catalog and must equal, row for row, the same package run locally.
5. The maintenance job runs on its deployed arguments; every table stays readable and unchanged.
6. Bad input: a missing argument, an unreadable secret, a certificate for the wrong host, a source that is down.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from deployed_glue_job import (
    DeployedJob,
    GlueEnvironment,
    JobRun,
    PreparedJob,
    deployed_jobs,
    imported_from,
    overrides,
    prepare,
)
from emulator_leftovers import emulator_client
from glue_readback import batch_counts, comparable, differences, emulator_glue_catalog, read_namespace
from local_reference import LocalReference
from northwind_datagen.changeset import apply_changeset
from northwind_ingest.settings import SourceSettings
from source_ca import SourceCa, new_ca
from tls_postgres import TlsPostgres, tls_postgres

# The generated source when NORTHWIND_SQL names no dump: small, so this stage stays short.
GENERATED_SCALE, GENERATED_SEED = 1.0, 42
CHANGE_SHARE, CHANGE_SEED = 0.01, 7
# A paused Aurora may take this long to resume: the job's connect retry budget (glue_args).
RETRY_BUDGET_SECONDS = 60
# Spark start and stop around the retries, generously: a shared 2-core machine under load takes minutes.
RUN_OVERHEAD_SECONDS = 180
WRONG_HOST = "not-the-aurora-endpoint.example.invalid"


@dataclass(frozen=True)
class GlueRunReport:
    tables_landed: int
    rows_read_back: int
    batches: int
    refused: int
    seconds_per_run: dict[str, float]

    @property
    def summary(self) -> str:
        return (
            f"deployed glue job: {self.batches} batches + maintenance, {self.tables_landed} tables landed, "
            f"{self.rows_read_back} rows read back (= local run), bad input refused: {self.refused}"
        )


def _master_username(rds: Any, source_host: str) -> str:
    for cluster in rds.describe_db_clusters()["DBClusters"]:
        if cluster.get("Endpoint") == source_host:
            return cluster["MasterUsername"]
    raise AssertionError(f"no deployed DB cluster has the endpoint the job reads from ({source_host})")


def _load_source(server: TlsPostgres, host: str, password: str, database: str, ca_file: Path) -> str:
    """The source database: the dump NORTHWIND_SQL names, else generated data. Returns what was loaded."""
    with psycopg.connect(server.conninfo(host, password, "postgres", ca_file), autocommit=True) as conn:
        conn.execute(f'create database "{database}"')
    dump = os.environ.get("NORTHWIND_SQL")
    with psycopg.connect(server.conninfo(host, password, database, ca_file), autocommit=True) as conn:
        if dump:
            conn.execute(Path(dump).read_text(encoding="utf-8"))
            return f"dump {Path(dump).name}"
        from northwind_datagen.generate import generate
        from northwind_datagen.load import load

        load(conn, generate(GENERATED_SCALE, GENERATED_SEED))
        return f"generated scale={GENERATED_SCALE} seed={GENERATED_SEED}"


def _expect_success(run: JobRun, what: str) -> None:
    assert run.returncode == 0 and run.committed, (
        f"{what}: the deployed job failed (exit {run.returncode}); log {run.log}:\n{run.tail()}"
    )


def _expect_failure(run: JobRun, what: str, must_say: list[str], must_not_say: list[str] = ()) -> None:
    assert run.returncode != 0 and not run.committed, f"{what}: the job did not fail; log {run.log}"
    for text in must_say:
        assert text in run.output, f"{what}: the failure does not say {text!r}; log {run.log}:\n{run.tail()}"
    for text in must_not_say:
        assert text not in run.output, f"{what}: the output shows what it must not; log {run.log}"


def _table_metadata(glue: Any, database: str) -> dict[str, str]:
    """Each Iceberg table's current metadata file: any commit changes it."""
    tables = glue.get_paginator("get_tables").paginate(DatabaseName=database)
    return {
        t["Name"]: t.get("Parameters", {}).get("metadata_location", "")
        for page in tables
        for t in page["TableList"]
    }


def _compare(catalog: Any, reference: LocalReference, namespace: str, after: str) -> dict[str, Any]:
    emulated = read_namespace(catalog, namespace)
    problems = differences(comparable(emulated), comparable(reference.read()))
    assert not problems, f"after {after}, the emulator's raw layer differs from the local run:\n" + "\n".join(
        problems
    )
    return emulated


def _beside_reference(deployed_run: Callable[[], JobRun], reference: LocalReference) -> JobRun:
    """The deployed job's batch (a child process) and the local reference's (Spark in this process) at the same
    time: both only read the source, which no one changes until both are done, so they see the same data, and the
    batch costs one wait instead of two. The reference's failure is raised after the deployed run's result is in."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        local = pool.submit(reference.run)
        try:
            run = deployed_run()
        finally:
            local_error = local.exception()
    if run.returncode == 0 and local_error is not None:
        raise local_error
    return run


def run_deployed_glue_job(endpoint: str, region: str, work: Path) -> GlueRunReport:
    """Everything above, against the emulator at `endpoint`; raises AssertionError naming what failed."""
    work.mkdir(parents=True)
    glue, s3, rds, sm = (
        emulator_client(endpoint, region, s) for s in ("glue", "s3", "rds", "secretsmanager")
    )
    jobs = deployed_jobs(glue)
    assert set(jobs) == {"ingest", "maintain"}, f"deployed jobs by --JOB_MODE: {sorted(jobs)}"
    ingest_job = jobs["ingest"]
    args = ingest_job.default_arguments
    source_host, secret_id = args["--SOURCE_HOST"], args["--SECRET_ID"]
    assert args["--SOURCE_SSLMODE"] == "verify-full", "the deployed job must verify the source's certificate"

    # As RDS does for a cluster with a managed master password: the secret holds the master user's login.
    username, password = _master_username(rds, source_host), secrets.token_urlsafe(24)
    sm.put_secret_value(
        SecretId=secret_id, SecretString=json.dumps({"username": username, "password": password})
    )

    # The test CA takes the place of the RDS CA bundle the stack uploaded (same object, same name).
    ca = new_ca()
    (bundle_uri,) = ingest_job.extra_files
    bucket, key = bundle_uri.removeprefix("s3://").split("/", 1)
    shipped = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    assert shipped.count(b"BEGIN CERTIFICATE") > 1, f"{bundle_uri} is not the RDS CA bundle"
    test_version = s3.put_object(Bucket=bucket, Key=key, Body=ca.pem)["VersionId"]
    try:
        return _run_with_test_ca(endpoint, region, work, jobs, ca, username, password)
    finally:
        # The bucket is versioned: deleting the test's version makes the stack's own version (bytes, tags,
        # version id) current again, so the second plan compares the deployment, not the test.
        s3.delete_object(Bucket=bucket, Key=key, VersionId=test_version)


def _run_with_test_ca(
    endpoint: str,
    region: str,
    work: Path,
    jobs: dict[str, DeployedJob],
    ca: SourceCa,
    username: str,
    password: str,
) -> GlueRunReport:
    glue, s3, sm = (emulator_client(endpoint, region, s) for s in ("glue", "s3", "secretsmanager"))
    ingest_job = jobs["ingest"]
    args = ingest_job.default_arguments
    source_host, secret_id = args["--SOURCE_HOST"], args["--SECRET_ID"]
    database, namespace = args["--SOURCE_DATABASE"], args["--CATALOG_DATABASE"]
    ca_file = work / "test-ca.pem"
    ca_file.write_bytes(ca.pem)

    seconds: dict[str, float] = {}
    refused = 0
    with tls_postgres(ca, source_host, username, password) as server:
        loaded = _load_source(server, source_host, password, database, ca_file)
        env = GlueEnvironment(endpoint=endpoint, region=region, source_port=server.port)
        ingest = prepare(ingest_job, s3, env, work / "ingest")
        maintain = prepare(jobs["maintain"], s3, env, work / "maintain")
        where = imported_from(ingest, "northwind_ingest")
        assert ".zip" in where, f"northwind_ingest must come from the downloaded zip, came from {where}"
        print(f"\ndeployed glue job {ingest_job.name}: source {loaded}; overrides (endpoints only):")
        for name, value in overrides(env, source_host).items():
            print(f"  {name} = {value}")

        catalog = emulator_glue_catalog(endpoint, region)
        source = SourceSettings(
            host="127.0.0.1", port=server.port, database=database, schema=args["--SOURCE_SCHEMA"],
            user=username, password=password, sslmode="verify-ca", sslrootcert=str(ca_file),
        )  # fmt: skip
        reference = LocalReference(work / "local", source, namespace)
        try:
            run = _beside_reference(lambda: ingest.run(work), reference)
            seconds["ingest"] = run.seconds
            _expect_success(run, "first batch")
            _compare(catalog, reference, namespace, "the first batch")

            with psycopg.connect(server.conninfo(source_host, password, database, ca_file)) as conn:
                apply_changeset(conn, CHANGE_SHARE, CHANGE_SEED)
            run = _beside_reference(lambda: ingest.run(work), reference)
            seconds["change batch"] = run.seconds
            _expect_success(run, "the change batch")
            landed = _compare(catalog, reference, namespace, "the change batch")
            assert batch_counts(landed) == 2, (
                f"expected 2 batches in the manifest, found {batch_counts(landed)}"
            )
        finally:
            reference.close()

        run = maintain.run(work)
        seconds["maintain"] = run.seconds
        _expect_success(run, "maintenance")
        after = read_namespace(catalog, namespace)
        problems = differences(comparable(after), comparable(landed))
        assert not problems, "maintenance changed what the tables hold:\n" + "\n".join(problems)

        refused += _bad_input(
            ingest, work, glue, sm, server, namespace, secret_id, password, username, seconds
        )
    return GlueRunReport(
        tables_landed=len(after),
        rows_read_back=sum(t.num_rows for t in after.values()),
        batches=batch_counts(after),
        refused=refused,
        seconds_per_run=seconds,
    )


def _bad_input(
    ingest: PreparedJob,
    work: Path,
    glue: Any,
    sm: Any,
    server: TlsPostgres,
    namespace: str,
    secret_id: str,
    password: str,
    username: str,
    seconds: dict[str, float],
) -> int:
    """Each bad input fails with a message naming the problem, and no commit reaches the catalog."""
    before = _table_metadata(glue, namespace)

    run = ingest.run(work, changes={"--SECRET_ID": None})
    _expect_failure(run, "missing --SECRET_ID", ["the following arguments are required: --SECRET_ID"])

    # Readable by the role but not the RDS format: the message names the secret, never its content.
    marker = f"not-json-{secrets.token_hex(8)}"
    sm.put_secret_value(SecretId=secret_id, SecretString=marker)
    try:
        run = ingest.run(work)
    finally:
        sm.put_secret_value(
            SecretId=secret_id, SecretString=json.dumps({"username": username, "password": password})
        )
    _expect_failure(run, "unreadable secret", [f"secret {secret_id} is not JSON"], [marker])

    server.serve_certificate_for(WRONG_HOST)
    try:
        run = ingest.run(work)
    finally:
        server.serve_certificate_for(ingest.job.default_arguments["--SOURCE_HOST"])
    seconds["wrong host"] = run.seconds
    _expect_failure(
        run,
        "certificate for the wrong host",
        ["cannot query PostgreSQL at", "could not be verified"],
        # A certificate no wait can fix fails at once, not after the minute kept for a resuming Aurora.
        [password, "source not reachable"],
    )

    server.stop()
    run = ingest.run(work)
    seconds["source down"] = run.seconds
    _expect_failure(run, "source down", ["cannot query PostgreSQL at", "Connection to"])
    assert run.seconds < RETRY_BUDGET_SECONDS + RUN_OVERHEAD_SECONDS, (
        f"source down: failed after {run.seconds:.0f} s, beyond the {RETRY_BUDGET_SECONDS} s retry budget"
    )
    after = _table_metadata(glue, namespace)
    assert after == before, "a failed run committed to the catalog: " + ", ".join(
        sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))
    )
    return 4
