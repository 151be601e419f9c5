"""A private PostgreSQL that stands in for the deployed Aurora cluster: TLS only, password auth, its own port.

It is not the shared local cluster (scripts/local_postgres.sh): the test changes its certificate and stops it.
The superuser is the cluster's master user with the password the test puts in the RDS-managed secret; every
TCP connection must use TLS (pg_hba `hostssl`, `hostnossl ... reject`) and the server certificate comes from the
test CA (source_ca.py). Runs as the `postgres` user like scripts/local_postgres.sh (initdb refuses root).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from source_ca import SourceCa, write_server_cert

REPO_ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bin_dir() -> Path:
    return max(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))


def _as_postgres(*cmd: str) -> None:
    result = subprocess.run(
        ["runuser", "-u", "postgres", "--", *cmd], check=False, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"{Path(cmd[0]).name} failed ({result.returncode}): {result.stderr[-2000:]}")


@dataclass
class TlsPostgres:
    root: Path
    port: int
    user: str
    ca: SourceCa
    running: bool = False

    @property
    def data(self) -> Path:
        return self.root / "data"

    def serve_certificate_for(self, host: str) -> None:
        """Write a server certificate for `host` and make the server use it (a reload suffices)."""
        cert, key = self.root / "server.crt", self.root / "server.key"
        write_server_cert(self.ca, host, cert, key)
        shutil.chown(cert, "postgres")
        shutil.chown(key, "postgres")
        if self.running:
            _as_postgres(str(_bin_dir() / "pg_ctl"), "-D", str(self.data), "reload")

    def start(self) -> None:
        if self.running:
            return
        opts = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on "
            f"-c ssl_cert_file={self.root / 'server.crt'} -c ssl_key_file={self.root / 'server.key'}"
        )
        log = str(self.root / "log")
        _as_postgres(str(_bin_dir() / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l", log, "-w", "start")
        self.running = True

    def stop(self) -> None:
        if self.running:
            _as_postgres(str(_bin_dir() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.running = False

    def conninfo(self, host: str, password: str, database: str, ca_file: Path) -> str:
        """libpq settings with full verification: `host` is checked against the certificate, the TCP
        connection goes to loopback (hostaddr). Holds the password: never log it."""
        return (
            f"host={host} hostaddr=127.0.0.1 port={self.port} dbname={database} user={self.user} "
            f"password={password} sslmode=verify-full sslrootcert={ca_file}"
        )


@contextmanager
def tls_postgres(ca: SourceCa, host: str, user: str, password: str) -> Iterator[TlsPostgres]:
    """A started cluster serving a certificate for `host`; stopped and removed on exit."""
    state = REPO_ROOT / ".local"
    state.mkdir(exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="pg-tls-", dir=state))
    root.chmod(0o755)
    shutil.chown(root, "postgres")
    server = TlsPostgres(root=root, port=_free_port(), user=user, ca=ca)
    try:
        pwfile = root / "pwfile"
        pwfile.write_text(password)
        shutil.chown(pwfile, "postgres")
        pwfile.chmod(0o600)
        _as_postgres(
            str(_bin_dir() / "initdb"), "-D", str(server.data), "-U", user, f"--pwfile={pwfile}",
            "--auth-local=trust", "--auth-host=scram-sha-256", "-N", "-E", "UTF8",
        )  # fmt: skip
        pwfile.unlink()
        # TLS or nothing over TCP, as Aurora with rds.force_ssl (the stack's parameter group).
        hba = server.data / "pg_hba.conf"
        hba.write_text(
            "local all all trust\n"
            "hostssl all all 127.0.0.1/32 scram-sha-256\n"
            "hostnossl all all 0.0.0.0/0 reject\n"
        )
        shutil.chown(hba, "postgres")
        server.serve_certificate_for(host)
        server.start()
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)
