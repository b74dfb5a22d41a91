"""Databases for the load and fault tests: migrated SQLite files, throw-away databases on the
shared PostgreSQL server, and a private PostgreSQL cluster that a test may stop and start."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from flask_migrate import upgrade

from survey import create_app
from survey.extensions import db
from tests.load.server import LOOPBACK, free_port


def migrate(url: str) -> None:
    """Bring a database to the current schema with the real migrations (`flask db upgrade`)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "migrations-only"})
    with app.app_context():
        upgrade()
        db.engine.dispose()


def _tool(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


class Cluster:
    """A PostgreSQL server of this test's own, in a temporary directory, on a free loopback port."""

    def __init__(self, directory: Path, port: int, run_as: list[str]):
        self.directory, self.port, self.run_as = directory, port, run_as
        self.url = f"postgresql+psycopg://postgres@{LOOPBACK}:{port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses={LOOPBACK} -c fsync=off"
        command = [*self.run_as, _tool("pg_ctl"), "-D", str(self.directory / "data"), "-w", "-t", "30"]
        subprocess.run(
            [*command, "-l", str(self.directory / "server.log"), "-o", options, *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        self._pg_ctl("start")

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "stop")


@contextmanager
def private_cluster():
    """initdb + pg_ctl into a temporary directory (as the postgres user when run as root); skipped
    when the PostgreSQL server programs are not installed."""
    if not (_tool("initdb") and _tool("pg_ctl")):
        pytest.skip("initdb/pg_ctl not installed: the PostgreSQL fault test needs its own server")
    run_as: list[str] = []
    directory = Path(tempfile.mkdtemp(prefix="readiness-pg-"))
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(directory)
            pytest.skip("running as root without a postgres user to run initdb as")
        os.chown(directory, owner.pw_uid, owner.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    cluster = Cluster(directory, free_port(), run_as)
    try:
        subprocess.run(
            [*run_as, _tool("initdb"), "-D", str(directory / "data"), "-A", "trust", "-U", "postgres", "--no-sync"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        cluster.start()
        yield cluster
    finally:
        with suppress(subprocess.SubprocessError, OSError):
            cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)
