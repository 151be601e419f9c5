"""moto's server on loopback, started and stopped by the emulator deployment test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The AWS-managed policies (e.g. AmazonRDSEnhancedMonitoringRole) exist in moto only when it loads them.
MOTO_ENV = {"MOTO_IAM_LOAD_MANAGED_POLICIES": "true"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def moto_server(log_path: Path) -> Iterator[str]:
    """Yields the endpoint URL of a fresh moto server; its output goes to log_path."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, **MOTO_ENV}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("patched_moto_server.py")),
                "-H",
                "127.0.0.1",
                "-p",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{url}/moto-api/", timeout=2).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"moto server did not start; see {log_path}") from None
                    time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
