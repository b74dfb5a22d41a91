"""A real gunicorn serving the app on loopback, for the load and fault tests.

Started with explicit command-line flags and an empty configuration file, so these tests measure
the app and not a deployment's tuning. Every address is 127.0.0.1.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    base_url: str
    host: str
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def master_pid(self) -> int:
        return self.process.pid

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the master's children, found in /proc."""
        return children_of(self.master_pid)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def reload_workers(self, timeout: float = 30) -> None:
        """SIGHUP: the master replaces every worker; returns once all the new ones answer."""
        old = set(self.worker_pids())
        os.kill(self.master_pid, signal.SIGHUP)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            current = set(self.worker_pids())
            if current and not current & old:
                break
            time.sleep(0.1)
        wait_until_serving(self.base_url, timeout)


def children_of(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            children.append(int(entry.name))
    return children


def wait_until_serving(base_url: str, timeout: float = 30) -> None:
    """Poll until the server answers HTTP at all (any status: /healthz may be 503 on purpose)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/static/favicon.svg", timeout=5):  # noqa: S310 - loopback
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def gunicorn(database_url: str, workdir: Path, workers: int = 2, wrapper: tuple[str, ...] = ()):
    """Serve app:app with `workers` sync workers on a free loopback port, in production mode.
    `wrapper` is a command that execs gunicorn (setpriv, to drop a capability)."""
    port = free_port()
    empty_config = workdir / "gunicorn-test.conf.py"
    empty_config.write_text("# empty: every setting is on the command line\n")
    log_path = workdir / "gunicorn.log"
    command = [
        str(GUNICORN),
        "--config", str(empty_config),
        "--workers", str(workers),
        "--bind", f"{LOOPBACK}:{port}",
        "--pid", str(workdir / "gunicorn.pid"),
        "--timeout", "30",
        "--graceful-timeout", "5",
        "--error-logfile", "-",
        "--no-control-socket",
    ]  # fmt: skip
    environment = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "TRUSTED_HOSTS": LOOPBACK,
        "DATABASE_URL": database_url,
        # Hundreds of visitors, all from 127.0.0.1: in production each would have an address of its own.
        "START_RATE_LIMIT": "100000 per minute",
        "PDF_RATE_LIMIT": "100000 per minute",
    }
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [*wrapper, *command, "app:app"], cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    server = Server(f"http://{LOOPBACK}:{port}", LOOPBACK, port, process, log_path)
    try:
        wait_until_serving(server.base_url)
        yield server
    finally:
        stop(server)


def stop(server: Server) -> None:
    """SIGTERM the master and wait; SIGKILL what is left (by pid, never by name)."""
    workers = server.worker_pids()
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=5)
    for pid in workers:
        try:
            if str(GUNICORN) in Path(f"/proc/{pid}/cmdline").read_text(errors="replace"):
                os.kill(pid, signal.SIGKILL)
        except (OSError, ProcessLookupError):
            pass
