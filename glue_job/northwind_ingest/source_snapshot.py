"""One consistent PostgreSQL snapshot for a whole ingestion run.

A coordinator connection (JDBC, in the Spark driver's JVM: Glue has no psycopg) opens a REPEATABLE READ
transaction, exports its snapshot with pg_export_snapshot() and stays open until the run is over. Every JDBC
session Spark opens, each parallel slice included, starts with `session_init_statement`, which makes it read
exactly that snapshot. So an order line and its order are always in the same batch, whatever writers do
meanwhile. Catalog queries of the run (discovery, counts, key bounds) go through the coordinator itself.

The snapshot's transaction ids are the change-detection horizon (see change_detection.py): they are read as
64-bit `xid8` values, which never wrap around.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Self

from pyspark.sql import SparkSession

from northwind_ingest.settings import SourceSettings

log = logging.getLogger("northwind_ingest")


class SourceUnavailableError(RuntimeError):
    """The source database cannot be reached or queried."""


@dataclass(frozen=True)
class SnapshotInfo:
    """The exported snapshot: its id for SET TRANSACTION SNAPSHOT, and its xid8 bounds."""

    snapshot_id: str
    xmin: int  # every transaction below this had finished when the snapshot was taken
    xmax: int  # the first transaction id not yet assigned then


def jdbc_properties(source: SourceSettings, connect_timeout_s: int = 10) -> dict[str, str]:
    return {
        "user": source.user,
        "password": source.password,
        # Fail each attempt fast and clearly instead of hanging a Glue worker; retries are ours.
        "connectTimeout": str(connect_timeout_s),
        "loginTimeout": str(connect_timeout_s),
        "ApplicationName": "northwind_ingest",
    }


def _java_chain(exc: BaseException) -> list[Any]:
    """The Java exception behind a py4j error and its causes, outermost first ([] if there is none)."""
    java = getattr(exc, "java_exception", None)
    if java is None:
        return []
    try:
        chain = [java]
        while chain[-1].getCause() is not None and len(chain) < 20:
            chain.append(chain[-1].getCause())
        return chain
    except Exception:  # noqa: BLE001 - py4j gateway gone: no Java detail to offer
        return []


def java_message(exc: BaseException) -> str:
    """The first line of a (py4j-wrapped) exception, without a Java stack trace."""
    try:
        # The PostgreSQL driver's own message (e.g. "Connection to host:port refused. Check that...") says
        # most; else the root cause, which Spark wraps in several layers.
        texts = [str(c.toString()) for c in _java_chain(exc)]
        if texts:
            return next((t for t in texts if t.startswith("org.postgresql.")), texts[-1])
    except Exception:  # noqa: BLE001, S110 - py4j gateway gone: fall back to the Python text
        pass
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# The server answered and refused: waiting for a resuming Aurora cannot change these, so they fail at once.
# SQLSTATE classes: 28 invalid authorization (wrong password), 3D invalid catalog name (no such database).
_REFUSAL_SQLSTATE_CLASSES = ("28", "3D")
# TLS verification: an untrusted certificate surfaces as a javax.net.ssl / java.security.cert cause; a
# certificate for another host only as the driver's own message (PSQLState CONNECTION_FAILURE, no cause).
_REFUSAL_JAVA_CLASSES = ("javax.net.ssl.", "java.security.cert.")
_HOSTNAME_REFUSAL = "could not be verified by hostnameverifier"


def is_permanent_refusal(exc: BaseException) -> bool:
    """True when a connection failure is one no retry can fix (credentials, database name, TLS)."""
    try:
        for cause in _java_chain(exc):
            name = str(cause.getClass().getName())
            if name.startswith(_REFUSAL_JAVA_CLASSES) or _HOSTNAME_REFUSAL in str(cause.toString()):
                return True
            if name == "org.postgresql.util.PSQLException":
                state = cause.getSQLState()
                if state is not None and str(state).startswith(_REFUSAL_SQLSTATE_CLASSES):
                    return True
    except Exception:  # noqa: BLE001 - py4j gateway gone: treat as transient, the deadline still holds
        return False
    return False


class SourceSnapshot:
    """The coordinator connection and the snapshot it exports. Use as a context manager."""

    def __init__(self, spark: SparkSession, source: SourceSettings, retry_seconds: float = 0.0) -> None:
        self._spark = spark
        self._source = source
        self._retry_seconds = retry_seconds
        self._conn: Any = None
        self._lock = threading.Lock()  # one py4j JDBC connection: one statement at a time
        self.info: SnapshotInfo | None = None

    # -- lifecycle -------------------------------------------------------------------------------------
    def __enter__(self) -> Self:
        self._conn = self._connect_with_retry()
        try:
            self._conn.setAutoCommit(False)
            jvm = self._spark.sparkContext._jvm
            self._conn.setTransactionIsolation(jvm.java.sql.Connection.TRANSACTION_REPEATABLE_READ)
            row = self.query_one(
                "select pg_export_snapshot() as id, pg_snapshot_xmin(pg_current_snapshot())::text as xmin, "
                "pg_snapshot_xmax(pg_current_snapshot())::text as xmax"
            )
        except Exception as exc:  # noqa: BLE001 - py4j wraps any JDBC error
            self.close()
            raise self._unavailable(exc) from None
        self.info = SnapshotInfo(str(row["id"]), int(row["xmin"]), int(row["xmax"]))
        log.info(
            "source snapshot %s (xmin %d, xmax %d)", self.info.snapshot_id, self.info.xmin, self.info.xmax
        )
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.rollback()  # read-only: nothing to commit
                self._conn.close()
            except Exception:  # noqa: BLE001, S110 - closing a dead connection
                pass
            self._conn = None

    # -- what Spark's JDBC sessions need ---------------------------------------------------------------
    @property
    def session_init_statement(self) -> str:
        """Run first in every Spark JDBC session (pgjdbc opens the transaction: Spark reads with autocommit
        off for the fetch size to apply)."""
        assert self.info is not None, "snapshot not open"
        return (
            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; "
            f"SET TRANSACTION SNAPSHOT '{self.info.snapshot_id}'"
        )

    # -- queries inside the snapshot --------------------------------------------------------------------
    def query(self, sql: str) -> list[dict[str, Any]]:
        with self._lock:
            try:
                stmt = self._conn.createStatement()
                try:
                    rs = stmt.executeQuery(sql)
                    meta = rs.getMetaData()
                    names = [str(meta.getColumnLabel(i)) for i in range(1, meta.getColumnCount() + 1)]
                    rows = []
                    while rs.next():
                        rows.append({n: _python_value(rs.getObject(i + 1)) for i, n in enumerate(names)})
                    return rows
                finally:
                    stmt.close()
            except Exception as exc:  # noqa: BLE001 - py4j wraps any JDBC error; keep its message
                raise self._unavailable(exc) from None

    def query_one(self, sql: str) -> dict[str, Any]:
        (row,) = self.query(sql)
        return row

    # -- internals --------------------------------------------------------------------------------------
    def _unavailable(self, exc: BaseException) -> SourceUnavailableError:
        src = self._source
        return SourceUnavailableError(
            f"cannot query PostgreSQL at {src.host}:{src.port}/{src.database}: {java_message(exc)}"
        )

    def _connect_with_retry(self) -> Any:
        """Connect, retrying with backoff for up to `retry_seconds`: a paused Aurora Serverless v2 (dev
        scales to 0 ACU) refuses or times out connections for up to about 15 s while it resumes. A refusal
        that no wait can fix (wrong credentials, database or certificate) fails at once."""
        jvm = self._spark.sparkContext._jvm
        props = jvm.java.util.Properties()
        for key, value in jdbc_properties(self._source).items():
            props.setProperty(key, value)
        deadline = time.monotonic() + self._retry_seconds
        delay = 1.0
        attempt = 1
        while True:
            try:
                conn = jvm.org.postgresql.Driver().connect(self._source.jdbc_url, props)
                if conn is None:
                    raise RuntimeError(f"the PostgreSQL driver does not accept {self._source.jdbc_url}")
                return conn
            except Exception as exc:  # noqa: BLE001
                left = deadline - time.monotonic()
                if left <= 0 or is_permanent_refusal(exc):
                    raise self._unavailable(exc) from None
                log.warning(
                    "source not reachable (attempt %d, retrying in %.0f s): %s",
                    attempt,
                    delay,
                    java_message(exc),
                )
                time.sleep(min(delay, left))
                delay = min(delay * 2, 8.0)
                attempt += 1


def _python_value(value: Any) -> Any:
    """JDBC values as Python: py4j converts numbers and strings; anything else becomes its text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value.toString())
