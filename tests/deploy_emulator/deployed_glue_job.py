"""Run the Glue job as deployed: read it back from the emulator, download its code, run it the way Glue 5.0 does.

Glue 5.0 runs the entry script (`Command.ScriptLocation`) with Python 3.11 on Spark 3.5, puts each zip of
`--extra-py-files` on the Python path, downloads `--extra-files` into the working directory, adds Iceberg
1.7.1 with its AWS bundle for `--datalake-formats iceberg`, and passes every job argument on the command line
(plus its own `--JOB_ID`, `--JOB_RUN_ID`, `--job-bookmark-option`). This module does the same with a local
Spark, the jars of scripts/setup.d/40-spark-jars.sh and scripts/setup-test.d/40-glue-emulation-jars.sh, and the
test-only `awsglue` of glue_shim/. What differs from the cloud is listed in `overrides()`: endpoints only.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from northwind_local.spark import extra_java_options

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
SHIM = HERE / "glue_shim"
JARS = (
    "iceberg-spark-runtime-3.5_2.12-1.7.1.jar",
    "iceberg-aws-bundle-1.7.1.jar",
    "postgresql-42.7.4.jar",
    # The s3:// Hadoop file system (EMRFS on Glue), which remove_orphan_files lists the warehouse with.
    "hadoop-aws-3.3.4.jar",
    "aws-java-sdk-core-1.12.262.jar",
    "aws-java-sdk-s3-1.12.262.jar",
    "aws-java-sdk-kms-1.12.262.jar",
    "aws-java-sdk-dynamodb-1.12.262.jar",
    "jmespath-java-1.12.262.jar",
    "jackson-dataformat-cbor-2.15.2.jar",
)
# The Iceberg catalog the entry script configures (northwind_ingest.glue_args.GLUE_CATALOG).
CATALOG = "glue_catalog"
# Glue says this when a run ends well; the shim's Job.commit prints it.
COMMITTED = "awsglue shim: job {name} committed"


@dataclass(frozen=True)
class DeployedJob:
    """A Glue job as GetJob returns it."""

    name: str
    script_location: str
    default_arguments: dict[str, str]

    @property
    def extra_py_files(self) -> list[str]:
        return [u for u in self.default_arguments.get("--extra-py-files", "").split(",") if u]

    @property
    def extra_files(self) -> list[str]:
        return [u for u in self.default_arguments.get("--extra-files", "").split(",") if u]


def deployed_jobs(glue: Any) -> dict[str, DeployedJob]:
    """Every job of the account by its --JOB_MODE (GetJobs, then GetJob as Glue's console does)."""
    jobs: dict[str, DeployedJob] = {}
    for name in glue.list_jobs()["JobNames"]:
        job = glue.get_job(JobName=name)["Job"]
        arguments = dict(job.get("DefaultArguments", {}))
        jobs[arguments.get("--JOB_MODE", "ingest")] = DeployedJob(
            name, job["Command"]["ScriptLocation"], arguments
        )
    return jobs


def _download(s3: Any, uri: str, into: Path) -> Path:
    parsed = urlparse(uri)
    if parsed.scheme != "s3":
        raise ValueError(f"not an s3:// location: {uri}")
    path = into / Path(parsed.path).name
    s3.download_file(parsed.netloc, parsed.path.lstrip("/"), str(path))
    return path


@dataclass(frozen=True)
class GlueEnvironment:
    """Where the emulated Glue runs: the emulator, the region, where the source really listens."""

    endpoint: str
    region: str
    source_port: int
    jars_dir: Path = REPO_ROOT / ".local" / "jars"


@dataclass
class JobRun:
    """One run's outcome: exit status, its log, and how long it took."""

    returncode: int
    log: Path
    seconds: float
    committed: bool
    output: str = field(repr=False, default="")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.output.splitlines()[-lines:])


def overrides(env: GlueEnvironment, source_host: str) -> dict[str, str]:
    """Everything the run changes against the deployed job, each with its value: endpoints only.

    AWS endpoints point at the emulator; the Aurora endpoint's name resolves to the local PostgreSQL (a JVM
    hosts file, so --SOURCE_HOST and the certificate check stay as deployed) and its port is the local one.
    """
    prefix = f"spark.sql.catalog.{CATALOG}"
    return {
        "env AWS_ENDPOINT_URL (boto3 in the entry script: Secrets Manager)": env.endpoint,
        f"{prefix}.glue.endpoint": env.endpoint,
        f"{prefix}.s3.endpoint": env.endpoint,
        f"{prefix}.s3.path-style-access": "true",
        f"{prefix}.client.region": env.region,
        "spark.hadoop.fs.s3a.endpoint (s3:// as EMRFS serves it on Glue)": env.endpoint,
        "spark.hadoop.fs.s3a.path.style.access": "true",
        f"JVM hosts file: {source_host}": "127.0.0.1",
        "--SOURCE_PORT": str(env.source_port),
    }


def _spark_defaults(env: GlueEnvironment, run_dir: Path, hosts_file: Path) -> dict[str, str]:
    """spark-defaults.conf of the emulated Glue: the machine (local[2], jars, loopback) and the endpoint
    overrides. Glue has its own; the job sets its catalog (glue_args.glue_catalog_conf) on top."""
    jars = [env.jars_dir / jar for jar in JARS]
    missing = [str(j) for j in jars if not j.is_file()]
    if missing:
        raise FileNotFoundError(f"jars missing: {', '.join(missing)}; run `make setup-test`")
    prefix = f"spark.sql.catalog.{CATALOG}"
    return {
        "spark.master": "local[2]",
        "spark.driver.memory": "1g",
        # On the system classpath, as on Glue, so java.sql.DriverManager finds the PostgreSQL driver.
        "spark.driver.extraClassPath": ":".join(str(j) for j in jars),
        "spark.driver.extraJavaOptions": " ".join(
            [
                f"-Djdk.net.hosts.file={hosts_file}",
                "-Duser.timezone=UTC",
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dorg.apache.iceberg.shaded.io.netty.tryReflectionSetAccessible=true",
            ]
        )
        # The machine's JVM tuning for short runs, read as the local runtime reads it (make test sets it). Like
        # the driver memory, a setting of the emulated Glue's machine, not of the deployed job.
        + extra_java_options(),
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.driver.host": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "4",
        "spark.local.dir": str(run_dir / "spark-tmp"),
        # The local runtime's guard against a JVM crash in Arrow on Java 17 (northwind_local/spark.py).
        "spark.sql.iceberg.vectorization.enabled": "false",
        f"{prefix}.glue.endpoint": env.endpoint,
        f"{prefix}.s3.endpoint": env.endpoint,
        f"{prefix}.s3.path-style-access": "true",
        f"{prefix}.client.region": env.region,
        # s3:// through S3A where Glue has EMRFS: same bucket, same keys; only the endpoint is the emulator.
        "spark.hadoop.fs.s3.impl": "org.apache.hadoop.fs.s3a.S3AFileSystem",
        "spark.hadoop.fs.s3a.endpoint": env.endpoint,
        "spark.hadoop.fs.s3a.endpoint.region": env.region,
        "spark.hadoop.fs.s3a.path.style.access": "true",
        "spark.hadoop.fs.s3a.connection.ssl.enabled": "false",
        "spark.hadoop.fs.s3a.aws.credentials.provider": "com.amazonaws.auth.EnvironmentVariableCredentialsProvider",
    }


def _hosts_file(path: Path, source_host: str) -> Path:
    """The JVM's name resolution for the run: the Aurora endpoint is this machine, and so is its own name."""
    names = dict.fromkeys(["localhost", socket.gethostname(), source_host])
    path.write_text("".join(f"127.0.0.1 {name}\n" for name in names), encoding="utf-8")
    return path


@dataclass
class PreparedJob:
    """A job's code downloaded as Glue lays it out, ready to run as often as the test needs."""

    job: DeployedJob
    run_dir: Path
    script: Path
    python_path: list[Path]
    spark_conf_dir: Path
    env: GlueEnvironment
    runs: int = 0

    def arguments(self, changes: dict[str, str | None] | None = None) -> dict[str, str]:
        """The deployed arguments with the source port override; `changes` is for the bad-input runs only
        (a value of None removes the argument)."""
        args = {**self.job.default_arguments, "--SOURCE_PORT": str(self.env.source_port)}
        for key, value in (changes or {}).items():
            if value is None:
                args.pop(key, None)
            else:
                args[key] = value
        return args

    def run(
        self, log_dir: Path, changes: dict[str, str | None] | None = None, timeout: float = 600
    ) -> JobRun:
        """One job run: `python <script> --JOB_NAME ... <every argument>`, in the run directory."""
        self.runs += 1
        argv = [sys.executable, str(self.script), "--JOB_NAME", self.job.name]
        argv += ["--JOB_ID", f"j_{uuid.uuid4().hex}", "--JOB_RUN_ID", f"jr_{uuid.uuid4().hex}"]
        argv += ["--job-bookmark-option", "job-bookmark-disable"]
        for key, value in self.arguments(changes).items():
            argv += [key, value]
        log = log_dir / f"glue-{self.job.name}-run{self.runs}.log"
        started = time.monotonic()
        result = subprocess.run(
            argv,
            cwd=self.run_dir,
            env=self._process_env(),
            check=False,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        seconds = time.monotonic() - started
        output = f"$ {shlex.join(argv[1:])}\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        log.write_text(output, encoding="utf-8")
        committed = COMMITTED.format(name=self.job.name) in result.stdout
        return JobRun(result.returncode, log, seconds, committed, output)

    def _process_env(self) -> dict[str, str]:
        """What Glue's Python process gets: its Python path (the shim and the downloaded zips, never this
        repository's glue_job/), the role's credentials (dummies for moto), the region, the Spark config."""
        keep = ("PATH", "HOME", "JAVA_HOME", "LANG", "LC_ALL", "TMPDIR")
        env = {k: v for k, v in os.environ.items() if k in keep}
        env.update(
            {
                "PYTHONPATH": os.pathsep.join(str(p) for p in self.python_path),
                "PYSPARK_PYTHON": sys.executable,
                "SPARK_CONF_DIR": str(self.spark_conf_dir),
                "SPARK_LOCAL_IP": "127.0.0.1",
                "AWS_ACCESS_KEY_ID": "emulator",
                "AWS_SECRET_ACCESS_KEY": "emulator",
                "AWS_REGION": self.env.region,
                "AWS_DEFAULT_REGION": self.env.region,
                "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_ENDPOINT_URL": self.env.endpoint,
            }
        )
        return env


def prepare(job: DeployedJob, s3: Any, env: GlueEnvironment, run_dir: Path) -> PreparedJob:
    """Download the job's script, --extra-py-files and --extra-files from S3 as Glue does."""
    run_dir.mkdir(parents=True)
    code_dir = run_dir / "code"
    code_dir.mkdir()
    script = _download(s3, job.script_location, code_dir)
    zips = [_download(s3, uri, code_dir) for uri in job.extra_py_files]
    for uri in job.extra_files:  # the working directory, where --SOURCE_SSLROOTCERT names them
        _download(s3, uri, run_dir)
    conf_dir = run_dir / "spark-conf"
    conf_dir.mkdir()
    hosts = _hosts_file(run_dir / "hosts", job.default_arguments["--SOURCE_HOST"])
    defaults = _spark_defaults(env, run_dir, hosts)
    (conf_dir / "spark-defaults.conf").write_text(
        "".join(f"{key} {value}\n" for key, value in defaults.items()), encoding="utf-8"
    )
    return PreparedJob(job, run_dir, script, [SHIM, *zips], conf_dir, env)


def imported_from(prepared: PreparedJob, module: str) -> str:
    """Where the run's Python imports `module` from (no Spark): proves the package comes from the zip."""
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}; print({module}.__file__)"],
        cwd=prepared.run_dir,
        env=prepared._process_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()
