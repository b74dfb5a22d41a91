"""Gunicorn servers for the bench: a free loopback port each, their own process group, always stopped."""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from survey.config import PROJECT_ROOT

GUNICORN_CONFIG = PROJECT_ROOT / "gunicorn.conf.py"
WORKERS = 2
START_TIMEOUT_S = 30
STOP_TIMEOUT_S = 10
PR_SET_PDEATHSIG = 1


class ServerError(Exception):
    """A server did not start, or did not answer its readiness check."""


@dataclass
class Server:
    name: str
    base_url: str
    port: int
    process: subprocess.Popen
    log_path: Path

    def cpu_seconds(self) -> float:
        """User and system CPU time used so far by the master and its workers (its process group)."""
        return process_group_cpu_seconds(self.process.pid)

    def worker_class(self) -> str:
        """What gunicorn says it runs ("sync", "gthread"...), read from its start-up log."""
        found = re.search(r"Using worker: (\S+)", self.log_path.read_text(errors="replace"))
        return found.group(1) if found else "unknown"


def process_group_cpu_seconds(group: int) -> float:
    """From /proc: busy neighbours slow a request down, but hardly change the CPU time it takes."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after "pid (command)"
            if int(fields[2]) == group:  # pgrp; then utime and stime are fields 11 and 12
                ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A loopback port nobody listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@contextlib.contextmanager
def gunicorn(
    name: str, wsgi_app: str, env: Mapping[str, str], log_dir: Path, extra_args: list[str], ready_path: str = "/"
) -> Iterator[Server]:
    """Serve `wsgi_app` with gunicorn.conf.py and 2 workers; the whole process group is killed on exit."""
    port = free_port()
    log_path = log_dir / f"{name}.log"
    command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), "--no-control-socket", *extra_args]
    server_env = {**os.environ, **env, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(WORKERS)}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [*command, wsgi_app],
            cwd=PROJECT_ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so that workers die with the master
            preexec_fn=_die_with_parent,  # safe: the bench starts no threads
        )
    server = Server(name, f"http://127.0.0.1:{port}", port, process, log_path)
    try:
        _wait_until_ready(server, ready_path)
        yield server
    finally:
        _stop(server)


def _die_with_parent() -> None:
    """If the bench itself is killed (even with SIGKILL), the kernel sends the server SIGTERM."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _wait_until_ready(server: Server, path: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(f"{server.name}: gunicorn exited at start-up:\n{server.log_path.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        time.sleep(0.1)
    raise ServerError(f"{server.name}: no answer on {server.base_url}{path} after {START_TIMEOUT_S} s")


def _stop(server: Server) -> None:
    """SIGTERM to the process group, SIGKILL if it lingers; then check the port is free again."""
    for sig, wait_s in ((signal.SIGTERM, STOP_TIMEOUT_S), (signal.SIGKILL, STOP_TIMEOUT_S)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, sig)
        try:
            server.process.wait(timeout=wait_s)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError):  # workers that outlived the master
        os.killpg(server.process.pid, signal.SIGKILL)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while not port_is_free(server.port) and time.monotonic() < deadline:
        time.sleep(0.1)
    if not port_is_free(server.port):
        print(f"warning: port {server.port} still answers after stopping {server.name}", file=sys.stderr)
